"""Which time expression governs a fact's clause.

The temporal tagger (veille.nlp.timex) marks every time expression of the Doc in
`doc.spans["timex"]`. A fact takes the one attached to its own clause — not the nearest
date in the sentence — and a clause with none inherits its governing clause's
("L'été dernier, X a quitté A pour prendre la tête de B": both moves are last summer).
Business figures read the same expressions as periods (`sentence_periods`,
`clause_period`, `headline_period`): never the day a figure was announced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from veille.facts.reading.lexicon import word_list, word_set
from veille.facts.reading.numbers import PeriodMention, find_periods
from veille.nlp.timex.attach import timex_spans
from veille.nlp.timex.expression import TimeExpression
from veille.nlp.timex.tagger import find_time_expressions

# Clause-making dependencies: a time expression under one of these belongs to that
# clause, not to the verb above it.
_CLAUSE_DEPS = {"advcl", "acl", "acl:relcl", "ccomp", "xcomp", "conj", "parataxis", "csubj"}
_INHERITING_DEPS = {"advcl", "xcomp", "conj"}
# The time words of facts (not of the tagger) in time_fr.yaml.
_TIME_WORDS = ("time_fr.yaml", "facts")


@dataclass(frozen=True)
class ClauseDate:
    value: str | None
    text: str
    span: Span


def timex_token_indices(doc: Doc) -> set[int]:
    """The tokens inside a time expression: never a title's word or the one who moves."""
    return {i for span in timex_spans(doc) for i in range(span.start, span.end)}


def _governing_clause(token: Token) -> Token:
    """The verb heading the clause a token belongs to."""
    node = token
    for _ in range(30):
        if node.head.i == node.i:
            return node
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in _CLAUSE_DEPS | {"ROOT"}:
            return node
        if node.dep_ in _CLAUSE_DEPS and node.pos_ in {"VERB", "NOUN", "ADJ"}:
            return node
        if node.dep_ == "amod" and node.pos_ in {"VERB", "ADJ"} and node.i != token.i:
            # "ces journalistes, présents dans le journal depuis 15 ans, …": an
            # adjective's own complements are a clause of their own
            return node
        node = node.head
    return node


def _span_clause(span: Span) -> Token:
    """The clause a time expression belongs to, judged from where it hangs: "il y a
    cinq ans" holds a verb of its own, which must not count as its clause."""
    root = span.root
    head = root.head
    if head.i != root.i and not (span.start <= head.i < span.end):
        return _governing_clause(head)
    return _governing_clause(root)


# "une semaine après la démission de X, mardi, Y a été nommé": an event named as the
# time landmark of another is not dated by that other's clause.


def is_landmark(trigger: Token) -> bool:
    """ "depuis la démission de X", "après l'annonce du remplacement de X": a move named
    as the time of something else."""
    if trigger.pos_ != "NOUN":
        return False
    nouns = [trigger]
    head = trigger.head
    if (
        trigger.dep_ == "nmod"
        and head.pos_ == "NOUN"
        # "depuis décembre 2018 préfet": the head is the date itself
        and head.i not in timex_token_indices(trigger.doc)
    ):
        nouns.append(head)
    return any(
        c.dep_ == "case" and c.lower_ in word_set(*_TIME_WORDS, "landmark_prepositions")
        for noun in nouns
        for c in noun.children
    )


def clause_date(
    trigger: Token, published: date | None, keep: Callable[[Span], bool] | None = None
) -> ClauseDate | None:
    """The time expression of the trigger's own clause, else of the clause governing it;
    with `keep`, only among the expressions it accepts."""
    # "avec le lancement, pour le troisième trimestre, de son service": a horizon
    # after "pour" dates a plan's target, not a change of post
    spans = [
        s
        for s in timex_spans(trigger.doc)
        if (
            s.start == 0
            or s.doc[s.start - 1].lower_ not in word_set(*_TIME_WORDS, "horizon_prepositions")
        )
        and s._.timex is not None
        and (keep is None or keep(s))
    ]
    if is_landmark(trigger):
        return _inside(trigger, spans)
    node = trigger
    for _ in range(4):
        clause = _governing_clause(node)
        best = None
        for span in spans:
            if not (node.sent.start <= span.start < node.sent.end):
                continue
            if _span_clause(span).i == clause.i and not _after_other_verb(span, node, clause):
                expr = span._.timex
                if expr is None or getattr(expr, "value", None) is None:
                    continue
                # nearest to the trigger wins among the clause's own expressions
                if best is None or abs(span.start - node.i) < abs(best.start - node.i):
                    best = span
        if best is not None:
            return ClauseDate(best._.timex.value, best.text, best)
        if (
            clause.dep_ in _INHERITING_DEPS
            and clause.head.i != clause.i
            # a relative clause dates a side event of its noun ("le conseil, qui l'avait
            # recrutée en 2015, salue son élection"): what hangs under it inherits
            # nothing from it
            and clause.head.dep_ != "acl:relcl"
            # "X est attendu en septembre tandis que Y pourrait quitter l'Elysée": an
            # adverbial clause with a subject of its own is another event
            and not (clause.dep_ == "advcl" and _has_own_subject(clause))
        ):
            node = clause.head
            continue
        break
    return _right_after(trigger, spans) or _fronted(trigger, spans)


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubj:pass"} for c in verb.children)


def _after_other_verb(span: Span, trigger: Token, clause: Token) -> bool:
    """ "X reprend … en remplacement de Y entrée en poste le 11 mars": an expression a
    few words after a participle or relative verb between it and the trigger is that
    verb's, wherever the parser hung it (the verb of the trigger's own clause is no
    other: "le départ de X est attendu en septembre")."""
    doc = span.doc
    if span.start <= trigger.i:
        # "Kasture, qui a rejoint Amazon il y a cinq ans, a occupé le poste", "X, qui
        # avait fondé le mouvement dès 2015, a expliqué démissionner": an expression
        # after another verb of its stretch between commas, before the trigger, is that
        # verb's (an infinitive the clause's verb governs is the same clause: "va se
        # lancer, dans deux ans, dans la course")
        first = span.start
        while first > span.sent.start and doc[first - 1].text != ",":
            first -= 1
        between = doc[first : span.start]
        return any(
            token.pos_ == "VERB" and token.i not in {trigger.i, clause.i} and token.dep_ != "xcomp"
            for token in between
        )
    between = doc[max(trigger.i + 1, span.start - 4) : span.start]
    return any(token.pos_ == "VERB" and token.i != clause.i for token in between)


def _inside(trigger: Token, spans: list[Span]) -> ClauseDate | None:
    """An expression within the trigger noun's own phrase ("le départ de X en juin")."""
    inside = {t.i for t in trigger.subtree}
    # "depuis le départ de X en juin": the expression right after the phrase is its,
    # wherever the parser hung it
    after = max(inside) + 1
    if after < len(trigger.doc) and trigger.doc[after].pos_ == "ADP":
        after += 1  # "en juin": the preposition stays outside the expression
    for span in spans:
        expr = span._.timex
        if (span.root.i in inside or span.start == after) and getattr(
            expr, "value", None
        ) is not None:
            return ClauseDate(expr.value, span.text, span)
    return None


def _right_after(trigger: Token, spans: list[Span]) -> ClauseDate | None:
    """ "Flessel ayant démissionné dans la matinée", "qui a rejoint Amazon il y a cinq
    ans": an expression straight after the trigger verb or its object is its complement,
    even when the parser hung it elsewhere."""
    if trigger.pos_ not in {"VERB", "AUX"}:
        return None
    # the end of the trigger's own phrase: "rejoint Amazon | il y a cinq ans"
    phrase_end = trigger.i + 1
    while (
        phrase_end < len(trigger.doc)
        and trigger.doc[phrase_end].head.i in range(trigger.i, phrase_end)
        and not trigger.doc[phrase_end].is_punct
    ):
        phrase_end += 1
    doc = trigger.doc
    if (
        phrase_end + 1 < trigger.sent.end
        and doc[phrase_end].pos_ == "ADP"
        and doc[phrase_end + 1].pos_ == "NOUN"
        and not any(c.dep_ == "det" for c in doc[phrase_end + 1].children)
    ):
        phrase_end += 2  # a bare noun idiom: "entrée en poste | le 11 mars 2019"
    for span in spans:
        expr = span._.timex
        if span.start in {trigger.i + 1, phrase_end} and getattr(expr, "value", None):
            return ClauseDate(expr.value, span.text, span)
    return None


def _fronted(trigger: Token, spans: list[Span]) -> ClauseDate | None:
    """ "L'été dernier, X a quitté A": a time expression opening the sentence before a
    comma frames the whole sentence, however the parser attached it."""
    sent = trigger.sent
    for span in spans:
        opening = 0 <= span.start - sent.start <= 2
        if opening and span.end < sent.end and span.doc[span.end].text == ",":
            expr = span._.timex
            if expr is not None and getattr(expr, "value", None) is not None:
                return ClauseDate(expr.value, span.text, span)
    return None


# "en 2019, contre 141 millions un an plus tôt": a count of units before or after a date
# the sentence named is counted from that date, not from the day of publication.
@lru_cache(maxsize=2)
def _counted(direction: str) -> re.Pattern[str]:
    """ "un an plus tôt" (`counted_back`), "deux ans après" (`counted_on`)."""
    words = word_list(*_TIME_WORDS, direction)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives})\s*$", re.IGNORECASE)


_YEARS = re.compile(r"^P(\d+)Y$")


def sentence_periods(
    sent: Span,
    published: date | None,
    *,
    days: bool = True,
    not_of: frozenset[str] = frozenset(),
) -> list[PeriodMention]:
    """The time expressions of a sentence as periods, offsets relative to the sentence:
    the tagger's (months, seasons, "début 2019", "février dernier"), plus bare years it
    leaves to a cue ("le chiffre d'affaires 2019"). With `days` false, days and weeks
    are left out, and so are dates of the verbs `not_of` (lemmas): the day a figure is
    announced is not the period it is for."""
    found: list[PeriodMention] = []
    for span in timex_spans(sent.doc):
        expr = span._.timex
        if expr is None or not (sent.start <= span.start and span.end <= sent.end):
            continue
        value = expr.value
        if value is None:
            value = _counted_from_before(expr, span, found)  # a year, never a day
        elif not (days or _is_period(value, span, not_of)):
            continue
        if value is None:
            continue
        start = span.start_char - sent.start_char
        found.append(PeriodMention(start, start + len(span.text), span.text, value))
    taken = [range(p.start, p.end) for p in found]
    for period in find_periods(sent.text, published):
        if not any(period.start in r or period.end - 1 in r for r in taken):
            found.append(period)
    return sorted(found, key=lambda p: p.start)


def clause_period(
    verb: Token, published: date | None, not_of: frozenset[str] = frozenset()
) -> str | None:
    """The period of a figure's clause, wherever it stands in it: one the parse hangs on
    the clause ("Les jours de grève en décembre ont coûté 690 millions … et 614
    millions"), or one opening the sentence ("En 2018, le constructeur a vendu 700
    véhicules et a enregistré des revenus de 33,8 millions"). No day, week or date of
    an announcing verb (see `sentence_periods`)."""
    when = clause_date(
        verb, published, keep=lambda span: _is_period(span._.timex.value, span, not_of)
    )
    return when.value if when else None


def headline_period(title: str | None, published: date | None) -> str | None:
    """The period an article's title names ("Immatriculations mai 2020", "Le marché
    français en légère hausse en 2019"): what its statistics are for when a figure's own
    sentence names none. A day or a week in a title is the news, not a period."""
    for expr in find_time_expressions(title or "", published):
        if expr.value and expr.kind == "date" and not _day_or_week(expr.value):
            return expr.value
    return None


def _day_or_week(value: str) -> bool:
    return "W" in value or value.count("-") == 2  # "2020-W39", "2020-09-21"


def _is_period(value: str | None, span: Span, not_of: frozenset[str]) -> bool:
    if value is None or _day_or_week(value):
        return False
    expr = span._.timex
    if getattr(expr, "duration", None) and getattr(expr, "kind", None) != "date":
        return False  # "depuis plus de dix ans": how long, not when
    interval = getattr(expr, "modifier", None) in {"since", "until", "from", "by"}
    return interval or span.root.head.lemma_ not in not_of


def _counted_from_before(
    expr: TimeExpression, span: Span, before: list[PeriodMention]
) -> str | None:
    """ "un an plus tôt" after "en 2019": 2018; only whole years, from a year named
    earlier in the sentence."""
    years = _YEARS.match(expr.duration or "")
    if expr.kind != "duration" or years is None or not before:
        return None
    anchor = before[-1].value
    if not (len(anchor) == 4 and anchor.isdigit()):
        return None
    if _counted("counted_back").search(span.text):
        return str(int(anchor) - int(years.group(1)))
    if _counted("counted_on").search(span.text):
        return str(int(anchor) + int(years.group(1)))
    return None
