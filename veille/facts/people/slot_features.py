"""The candidates of a move's or a position's slots, and what the slot model sees of them.

For a person–organisation pair and a label (start, end, position), the role candidates
are the role titles of every sentence naming the pair (`roles.find_titles`), the roles
the rules read for the pair, and "no role"; the date candidates (start, end) are the
time expressions of those sentences (`timing.sentence_periods`), each year of a span of
years "(2003-2008)", the dates the rules read, and "no date". Each candidate has named
features (where it stands against the person and the organisation, how the parse ties
it to them, the cue words around it, whether the rules or the plain reading of
`slots.py` chose it…), most of them also crossed with the label; the slot model
(`model.SlotModel`) scores them and the best one fills the slot.

Features that depend on the pair model (the sentence where the label is likeliest) are
added at the end by `finish`, when that model's scores are known: training computes
them once the pair model is fitted, extraction with the shipped one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.evaluate.names import content_words
from veille.facts.people.candidates import (
    TITLE_REACH,
    Occurrence,
    Pair,
    cue_words,
    label_of,
    people_lexicon,
    word_distance,
)
from veille.facts.people.features import bucket, word_classes
from veille.facts.reading.lexicon import fold
from veille.facts.reading.roles import RoleMention, extend_role, find_titles, role_norm
from veille.facts.reading.timing import sentence_periods
from veille.nlp.timex.attach import timex_spans
from veille.records import Move, Position, SlotCandidate

YEAR_SPAN = re.compile(
    rf"\b((?:19|20)\d\d)\s*(?:{people_lexicon()['year_span_links']})\s*((?:19|20)\d\d)\b"
)
# Slot names: what PairRow.slots and the model's groups are keyed by.
ROLE_SLOTS = ("start", "end", "position")
DATE_SLOTS = ("start", "end")


def gap(a: Span, b: Span) -> int:
    """Words between two spans (0 when they touch or overlap)."""
    return max(a.start - b.end, b.start - a.end, 0)


def _class(token: Token) -> str:
    return word_classes().get(fold(token.lemma_ or token.text), "other")


def _clause(token: Token) -> Token:
    """The verb (or the sentence's root) heading the clause a token is in."""
    node = token
    for _ in range(30):
        if node.head.i == node.i or (
            node.i != token.i and node.pos_ in {"VERB", "AUX"}
        ):
            return node
        node = node.head
    return node


def _sentence_classes(sent: Span) -> set[str]:
    return {_class(t) for t in sent if t.pos_ in {"VERB", "NOUN", "AUX", "ADJ"}} - {"other"}


def _cues_before(doc_span: Span, reach: int) -> set[str]:
    """The cue classes (people_fr.yaml "cues": former, new, since, interim…) of the words
    just before a span, an "ex-" glued to its first word included."""
    doc = doc_span.doc
    start = max(doc_span.sent.start, doc_span.start - reach)
    words = {fold(t.text) for t in doc[start:doc_span.start]}
    if doc_span.text.lower().startswith("ex-"):
        words.add("ex")
    return {name for name, forms in cue_words().items() if words & forms}


def _crossed(label: str, features: dict[str, float]) -> dict[str, float]:
    """Each feature alone and crossed with the label: the label may change what a cue
    means ("ancien" before a title speaks for an end, against a start)."""
    out = dict(features)
    out.update({f"{label}|{name}": value for name, value in features.items()})
    return out


def _in_evidence(occ: Occurrence, facts: Iterable[Move | Position]) -> bool:
    start = occ.chunk.offset + occ.sent.start_char
    end = occ.chunk.offset + occ.sent.end_char
    return any(start <= f.evidence.start < end for f in facts)


def _org_in(occ: Occurrence) -> Span | None:
    o = occ.org
    return o if o is not None and occ.sent.start <= o.start and o.end <= occ.sent.end else None


# --- roles -----------------------------------------------------------------------------


def plain_role(occ: Occurrence) -> RoleMention | None:
    """The title the plain reading takes in the sentence: the nearest to the person,
    within TITLE_REACH words."""
    titles = find_titles(occ.sent)
    if not titles:
        return None
    person = occ.person
    nearest = min(titles, key=lambda t: word_distance(t, person))
    return nearest if word_distance(nearest, person) <= TITLE_REACH else None


def role_candidates(pair: Pair, label: str) -> list[SlotCandidate]:
    """The role candidates of the pair for the label (see the module's doc)."""
    facts = [f for f in pair.rule_facts if isinstance(f, Move | Position)]
    same = [f for f in facts if label_of(f) == label]
    other = [f for f in facts if label_of(f) != label]
    same_roles = {fold(f.role) for f in same if f.role}
    out: list[SlotCandidate] = []
    for fact in same:
        if fact.role:
            out.append(SlotCandidate(fact.role, fact.role, fact.role_norm or role_norm(fact.role),
                                     _crossed(label, {"src:rule": 1.0})))
    for fact in other:
        if fact.role and fold(fact.role) not in same_roles:
            out.append(SlotCandidate(fact.role, fact.role, fact.role_norm or role_norm(fact.role),
                                     _crossed(label, {"src:rule_other": 1.0})))
    nearest = 99
    titles = 0
    for index, occ in enumerate(pair.occurrences):
        plain = plain_role(occ)
        in_evidence = _in_evidence(occ, same)
        classes = _sentence_classes(occ.sent)
        found = [(occ.sent.doc[t.start:t.end], t.norm, "title") for t in find_titles(occ.sent)]
        found += [(span, "other", "post") for span in post_phrases(occ.sent, found)]
        for span, norm, source in found:
            titles += 1
            f = _title_features(occ, span, norm)
            f["src:" + source] = 1.0
            distance = gap(span, occ.person)
            nearest = min(nearest, distance)
            f["first_sentence"] = float(index == 0)
            f["plain"] = float(plain is not None and plain.start == span.start)
            f["in_rule_evidence"] = float(in_evidence)
            for name in classes:
                f[f"sentence_has:{name}"] = 1.0
            folded = fold(span.text)
            f["same_as_rule"] = float(folded in same_roles)
            f["overlaps_rule"] = float(any(
                content_words(span.text) & content_words(r) for r in same_roles))
            text = span.text
            out.append(SlotCandidate(text, text, role_norm(text) or norm,
                                     _crossed(label, f), index))
    out.append(_none(label, same, "role", {"none:titles:" + bucket(titles, (0, 1, 2, 3, 5)): 1.0,
                                            "none:nearest:" + bucket(nearest): 1.0}))
    return out


@lru_cache(maxsize=1)
def _post_markers() -> tuple[tuple[str, ...], ...]:
    """people_fr.yaml's post markers as word sequences ("au poste d'" → au, poste, d')."""
    return tuple(tuple(m.split()) for m in people_lexicon()["post_markers"])


def post_phrases(sent: Span, titles: list[tuple[Span, str, str]]) -> list[Span]:
    """The noun phrases a post marker introduces (people_fr.yaml "post_markers"), where
    no title of the lexicon was found: posts the lexicon does not hold."""
    taken = {i for span, _, _ in titles for i in range(span.start, span.end)}
    words = [fold(t.text) for t in sent]
    out = []
    for k in range(len(sent)):
        for marker in _post_markers():
            n = len(marker)
            if tuple(words[k:k + n]) != marker or k + n >= len(sent):
                continue
            head = sent[k + n]
            if head.pos_ not in {"NOUN", "ADJ"} or not head.text.isalpha() \
                    or not head.text.islower() or head.i in taken:
                continue
            end = extend_role(sent, k + n, k + n + 1) + sent.start
            out.append(sent.doc[head.i:max(end, head.i + 1)])
            break
    return out


def _title_features(occ: Occurrence, span: Span, norm: str) -> dict[str, float]:
    """Where a title stands against the pair's two mentions, and how the parse ties it
    to them."""
    person, org = occ.person, _org_in(occ)
    f: dict[str, float] = {"kind:" + occ.kind: 1.0,
                           "norm:" + (role_norm(span.text) or norm or "none"): 1.0,
                           "words:" + bucket(len(span), (1, 2, 3, 5)): 1.0}
    f["person_gap:" + bucket(gap(span, person))] = 1.0
    f["person_side:" + ("before" if span.start < person.start else "after")] = 1.0
    if org is not None:
        f["org_gap:" + bucket(gap(span, org))] = 1.0
        f["org_side:" + ("before" if span.start < org.start else "after")] = 1.0
        low, high = sorted((person, org), key=lambda s: s.start)
        f["between_pair"] = float(low.end <= span.start and span.end <= high.start)
        f["org_right_after"] = float(0 <= org.start - span.end <= 3)
    else:
        f["org_elsewhere"] = 1.0
    if org is not None:
        f["org_same_clause"] = float(_clause(span.root) == _clause(org.root))
    if _other_org_after(span, org):
        f["other_org_right_after"] = 1.0
    head = span.root
    f["dep:" + head.dep_] = 1.0
    f["head_class:" + _class(head.head)] = 1.0
    if person.start <= head.head.i < person.end:
        f["hangs_on_person"] = 1.0
    if span.start <= person.root.head.i < span.end:
        f["person_hangs_on_it"] = 1.0
    if org is not None and span.start <= org.root.head.i < span.end:
        f["org_hangs_on_it"] = 1.0
    f["same_clause"] = float(_clause(head) == _clause(person.root))
    for cue in _cues_before(span, 2):
        f["cue_before:" + cue] = 1.0
    return f


def _other_org_after(span: Span, org: Span | None) -> bool:
    """Whether another organisation is named right after the title ("directeur
    financier d'Ubisoft" read for the pair's other organisation): the title is its post."""
    sent = span.sent
    for ent in sent.ents:
        if ent.label_ not in _ORG_LABELS or not 0 <= ent.start - span.end <= 2:
            continue
        if org is None or not (ent.start < org.end and org.start < ent.end):
            return True
    return False


# Entities that name an organisation after a title (a place there is the post's area:
# "directeur des opérations pour l'Europe du Nord").
_ORG_LABELS = frozenset({"ORG", "MISC"})


# --- dates -----------------------------------------------------------------------------


def date_candidates(pair: Pair, label: str, published: date | None) -> list[SlotCandidate]:
    """The date candidates of the pair for a move of the label (start or end)."""
    same = [f for f in pair.rule_facts if isinstance(f, Move) and f.change == label]
    same_dates = {f.date for f in same if f.date}
    out: list[SlotCandidate] = []
    for fact in same:
        if fact.date:
            f = {"src:rule": 1.0, "origin:" + (fact.date_origin or "none"): 1.0,
                 **_value_features(fact.date, published)}
            out.append(SlotCandidate(fact.date, fact.date_text, None, _crossed(label, f)))
    dates = 0
    for index, occ in enumerate(pair.occurrences):
        found = _sentence_dates(occ, label, published)
        in_evidence = _in_evidence(occ, same)
        classes = _sentence_classes(occ.sent)
        for k, (value, text, f) in enumerate(found):
            dates += 1
            f["first_sentence"] = float(index == 0)
            f["first_date"] = float(k == 0)
            f["in_rule_evidence"] = float(in_evidence)
            f["same_as_rule"] = float(value in same_dates)
            for name in classes:
                f[f"sentence_has:{name}"] = 1.0
            out.append(SlotCandidate(value, text, None, _crossed(label, f), index))
    out.append(_none(label, same, "date", {"none:dates:" + bucket(dates, (0, 1, 2, 3, 5)): 1.0}))
    return out


def plain_date(occ: Occurrence, change: str, published: date | None) -> tuple[str, str] | None:
    """The date the plain reading takes in the sentence: a span of years' first year
    (start) or last (end), else the time expression nearest the person; (value, text)."""
    span = YEAR_SPAN.search(occ.sent.text)
    if span:
        return (span.group(1) if change == "start" else span.group(2)), span.group(0)
    periods = sentence_periods(occ.sent, published)
    if not periods:
        return None
    anchor = occ.person.start_char - occ.sent.start_char
    nearest = min(periods, key=lambda p: abs(p.start - anchor))
    return nearest.value, nearest.text


def _sentence_dates(
    occ: Occurrence, label: str, published: date | None
) -> list[tuple[str, str, dict[str, float]]]:
    """(value, text, features) of every time expression of the sentence."""
    sent = occ.sent
    plain = plain_date(occ, label, published)
    modifiers = {
        (s.start_char - sent.start_char): s._.timex.modifier
        for s in timex_spans(sent.doc)
        if s._.timex is not None and sent.start <= s.start and s.end <= sent.end
    }
    found: list[tuple[str, str, dict[str, float]]] = []
    for match in YEAR_SPAN.finditer(sent.text):
        for which, group in (("first", 1), ("last", 2)):
            span = sent.char_span(match.start(group), match.end(group), alignment_mode="expand")
            f = {f"src:span_{which}": 1.0, **_value_features(match.group(group), published)}
            if span is not None:
                f.update(_place_features(occ, span))
            f["plain"] = float(plain is not None and plain[1] == match.group(0)
                               and plain[0] == match.group(group))
            found.append((match.group(group), match.group(0), f))
    for period in sentence_periods(sent, published):
        span = sent.char_span(period.start, period.end, alignment_mode="expand")
        f = {"src:timex": 1.0, **_value_features(period.value, published)}
        modifier = modifiers.get(period.start)
        f["modifier:" + (modifier or "none")] = 1.0
        if span is not None:
            f.update(_place_features(occ, span))
            first = fold(span[0].text)
            if first in _date_openers():
                f["opens:" + first] = 1.0
        f["plain"] = float(plain is not None and plain == (period.value, period.text))
        found.append((period.value, period.text, f))
    return found


@lru_cache(maxsize=1)
def _date_openers() -> frozenset[str]:
    return frozenset(people_lexicon()["date_openers"])


def _place_features(occ: Occurrence, span: Span) -> dict[str, float]:
    """Where a time expression stands against the pair and the clause's verb."""
    person, org = occ.person, _org_in(occ)
    f = {"person_gap:" + bucket(gap(span, person)): 1.0,
         "person_side:" + ("before" if span.start < person.start else "after"): 1.0}
    clause = _clause(span.root)
    if org is not None:
        f["org_gap:" + bucket(gap(span, org))] = 1.0
        f["org_same_clause"] = float(clause == _clause(org.root))
    f["same_clause"] = float(clause == _clause(person.root))
    f["clause_class:" + _class(clause)] = 1.0
    f["head_class:" + _class(span.root.head)] = 1.0
    before = span.doc[max(span.sent.start, span.start - 2):span.start]
    for token in before:
        word = fold(token.text)
        if word in _date_openers():
            f["word_before:" + word] = 1.0
    for cue in _cues_before(span, 3):
        f["cue_before:" + cue] = 1.0
    return f


def _value_features(value: str, published: date | None) -> dict[str, float]:
    """What kind of date it is and where it lies against the day of publication."""
    f = {"granularity:" + _granularity(value): 1.0}
    if published is None or not value[:4].isdigit():
        f["against_published:unknown"] = 1.0
        return f
    year = int(value[:4])
    if value == published.isoformat():
        where = "same_day"
    elif year < published.year - 1:
        where = "years_before"
    elif year == published.year - 1:
        where = "year_before"
    elif year > published.year:
        where = "after"
    elif value > published.isoformat() and _granularity(value) in {"day", "month"}:
        where = "later_this_year"
    else:
        where = "this_year"
    f["against_published:" + where] = 1.0
    return f


def _granularity(value: str) -> str:
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if "-W" in value:
        return "week"
    if "-Q" in value:
        return "quarter"
    return "season" if re.fullmatch(r"\d{4}-[A-Z]{2}", value) else "other"


# --- both --------------------------------------------------------------------------------


def _none(
    label: str, same: list[Move] | list[Move | Position], field: str, counts: dict[str, float]
) -> SlotCandidate:
    """The "none" candidate of a slot (always the last): how many candidates there were,
    and whether the rules read the label with or without that field."""
    features = {"src:none": 1.0, **counts}
    if not same:
        features["none:no_rule"] = 1.0
    elif any(not getattr(fact, field) for fact in same):
        features[f"none:rule_without_{field}"] = 1.0
    else:
        features[f"none:rule_{field}"] = 1.0
    return SlotCandidate(None, None, None, _crossed(label, features))


def slot_candidates(pair: Pair, published: date | None) -> dict[str, list[SlotCandidate]]:
    """Every slot of the pair: "role:start", "role:end", "role:position", "date:start",
    "date:end"."""
    slots = {f"role:{label}": role_candidates(pair, label) for label in ROLE_SLOTS}
    slots.update({f"date:{label}": date_candidates(pair, label, published)
                  for label in DATE_SLOTS})
    return slots


def finish(candidates: list[SlotCandidate], best: int | None, label: str) -> list[dict[str, float]]:
    """The candidates' features with those the pair model gives: read in the sentence
    where the label is likeliest (`best`, an index of the pair's occurrences), and the
    plain reading of that sentence."""
    out = []
    for candidate in candidates:
        f = dict(candidate.features)
        if best is not None and candidate.occurrence == best:
            f["in_best"] = f[f"{label}|in_best"] = 1.0
            if candidate.features.get("plain"):
                f["plain_in_best"] = f[f"{label}|plain_in_best"] = 1.0
        out.append(f)
    return out
