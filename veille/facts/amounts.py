"""Money figures attached to an organisation: `amount` facts.

What is extracted (precision first; see FACTS.md `amount`):
- a figure with a currency whose context says what it is: funding ("a levé", "tour de
  table"), acquisition price ("rachat", "acquérir"), investment, revenue ("chiffre
  d'affaires", "ventes") or a revenue target (revenue + "objectif", "vise", "escompte",
  or a planned clause), a market size ("le marché … devrait atteindre"), or other
  company finance (profit, loss, valuation, debt, contract, fine);
- attached to an organisation: the subject of the clause, the owner of the cue noun
  ("le chiffre d'affaires de X"), or the organisation a pronoun, possessive or generic
  noun ("le groupe", "nos investissements") stands for. Only a market size may have no
  organisation.
Left out: figures with no currency, figures in no business context (salaries, prices of
goods, wealth, public budgets), figures whose subject is a public body or a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.facts.context import ArticleContext, Chunk
from veille.facts.modality import (
    OrgNames,
    business_lexicon,
    clause_source,
    clause_status,
    clause_verb,
    fold,
    is_attributed_name,
    subject_of,
)
from veille.facts.numbers import MoneyMention, find_periods, parse_money
from veille.records import Amount, Fact

# How far (characters) around a figure its kind phrases, horizon and place are looked for.
_WINDOW_BEFORE = 90
_WINDOW_AFTER = 70


@dataclass(frozen=True)
class _KindRule:
    kind: str
    lemmas: frozenset[str]
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def _kind_rules() -> tuple[_KindRule, ...]:
    return tuple(
        _KindRule(
            str(rule["kind"]),
            frozenset(fold(str(w)) for w in rule["lemmas"]),
            tuple(fold(str(p)) for p in rule["phrases"]),
        )
        for rule in business_lexicon()["amount_kinds"]
    )


def _lexicon_words(key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in business_lexicon()[key])


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    orgs = OrgNames()
    for chunk in chunks:
        orgs.see_doc_entities(list(chunk.doc.ents), chunk.offset)
    facts: list[Fact] = []
    seen: set[tuple[str, float, str | None]] = set()
    for chunk in chunks:
        for sent in chunk.doc.sents:
            for mention in parse_money(sent.text):
                fact = _read_mention(mention, sent, chunk, ctx, orgs)
                if fact is None:
                    continue
                key = (fold(fact.org or ""), round(fact.value, -3), fact.currency)
                if key not in seen:
                    seen.add(key)
                    facts.append(fact)
    return facts


def _read_mention(
    mention: MoneyMention, sent: Span, chunk: Chunk, ctx: ArticleContext, orgs: OrgNames
) -> Amount | None:
    if mention.currency is None:
        return None
    doc = sent.doc
    span = doc.char_span(
        sent.start_char + mention.start, sent.start_char + mention.end, alignment_mode="expand"
    )
    if span is None or len(span) == 0:
        return None
    anchor = span.root
    verb = clause_verb(anchor)
    path = _path_to_verb(anchor, verb)
    kind, cue = _kind(path, sent, mention)
    if kind is None or _is_price(sent.text, mention) or _is_auction_or_gift(sent.text):
        return None
    position = chunk.offset + sent.start_char + mention.start
    org, named = _organisation(kind, cue, verb, path, orgs, position)
    if kind == "market_size":
        org, named = None, True
    elif org is None:
        return None
    status = clause_status(verb, ctx.published)
    if kind == "revenue" and (
        status == "planned" or _has_any(path, sent, mention, _lexicon_words("revenue_target_cues"))
    ):
        kind = "revenue_target"
    date = _horizon(sent, mention, ctx)
    value = mention.value
    if mention.qualifier == "de … à" and verb.lemma_ in ("passer", "grimper", "bondir"):
        value = mention.value_max or value  # "passé de 300 à 500 millions": now 500
    confidence = 0.55 + (0.2 if named else 0.05) + (0.0 if kind == "other" else 0.1)
    return Amount(
        evidence=chunk.evidence(sent),
        confidence=min(confidence, 0.95),
        source=clause_source(verb),
        org=org,
        kind=kind,
        value=value,
        currency=mention.currency,
        date=date,
        place=_place(sent, mention),
        qualifier=mention.qualifier,
        status=status,
    )


def _path_to_verb(anchor: Token, verb: Token) -> list[Token]:
    """The figure's head, its governors up to the clause verb, and that verb's governors
    through complements ("prévoit" above "investir")."""
    path = [anchor]
    current = anchor
    while current.i != verb.i and current.head.i != current.i and len(path) < 8:
        current = current.head
        path.append(current)
    while current.dep_ == "xcomp" and current.head.i != current.i and len(path) < 10:
        current = current.head
        path.append(current)
    return path


def _context_tokens(path: list[Token]) -> list[Token]:
    """Path tokens and their close dependents (subjects, objects, noun modifiers):
    "Nos investissements … s'élèveront à 16,4 milliards" reaches "investissements"."""
    tokens: list[Token] = []
    for token in path:
        tokens.append(token)
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "obj", "nmod", "compound", "fixed", "amod"):
                tokens.append(child)
                tokens.extend(g for g in child.children if g.dep_ in ("nmod", "fixed"))
    return tokens


def _window_range(text: str, mention: MoneyMention) -> tuple[int, int]:
    """Where the words about a figure lie in its sentence: around it, cut at clause
    boundaries and at the figure before it ("un chiffre d'affaires de 29 M€ pour un
    déficit de 0,5 M€": the second figure is no revenue)."""
    start = max(0, mention.start - _WINDOW_BEFORE)
    before = text[start : mention.start]
    previous = [m for m in parse_money(before) if m.end < len(before)]
    if previous:
        start += previous[-1].end
        before = text[start : mention.start]
    parts = re.split(r"[;:!?]|\.(?!\d)|,\s(?:et|mais|alors|tandis)\s", before)
    start = mention.start - len(parts[-1])
    after = text[mention.end : mention.end + _WINDOW_AFTER]
    after = re.split(r"[;:!?(]|\.(?!\d)|,\s|\s[-–]\s", after)[0]
    return start, mention.end + len(after)


def _window(text: str, mention: MoneyMention) -> str:
    """The folded text of `_window_range`."""
    start, end = _window_range(text, mention)
    return fold(text[start:end])


def _kind(path: list[Token], sent: Span, mention: MoneyMention) -> tuple[str | None, Token | None]:
    """The kind of the figure and the cue word that gave it. Syntax first (the words
    that govern the figure), then phrases next to it."""
    # Words governing the figure, if they lie in its clause (a glued sentence can hang
    # a word of the next one under the figure's verb).
    start, end = _window_range(sent.text, mention)
    context = [
        t for t in _context_tokens(path) if start <= t.idx - sent.start_char < end or t in path
    ]
    for rule in _kind_rules():
        for token in context:
            if fold(token.lemma_) in rule.lemmas or fold(token.text) in rule.lemmas:
                if rule.kind == "market_size" and not _is_market_size(token, path[0]):
                    continue
                return rule.kind, token
    window = _window(sent.text, mention)
    for rule in _kind_rules():
        if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", window) for p in rule.phrases):
            return rule.kind, None
    return None, None


def _is_auction_or_gift(text: str) -> bool:
    """Auctions of cars and art, and charity: no company figure in these sentences."""
    folded = fold(text)
    return any(cue in folded for cue in _lexicon_words("auction_and_gift_cues"))


def _is_price(text: str, mention: MoneyMention) -> bool:
    """A price, wage or bid: a price cue in the few words before the figure."""
    before = fold(text[max(0, mention.start - 40) : mention.start])
    words = set(re.findall(r"[\w']+", before)[-5:])
    cues = _lexicon_words("price_cues")
    if words & cues or any(" " in c and c in before for c in cues):
        return True
    start = max(0, mention.start - 120)
    clause = re.split(r"[;!?]|\.(?!\d)", fold(text[start : mention.start]))[-1]
    return bool(set(re.findall(r"[\w']+", clause)) & _lexicon_words("strong_price_cues"))


def _is_market_size(token: Token, anchor: Token) -> bool:
    """ "le marché … devrait atteindre X", "un marché de X": not "remporter un marché",
    not "une valeur d'un milliard sur le marché"."""
    if token.i > anchor.i or not token.lower_.startswith("marché"):
        return False  # after the figure, or "marche" (a step): accents matter here
    if token.dep_ in ("nsubj", "nsubj:pass"):
        return True
    if token not in anchor.ancestors:
        return False
    contract_verbs = _lexicon_words("contract_market_verbs")
    return not (token.head.pos_ == "VERB" and fold(token.head.lemma_) in contract_verbs)


def _has_any(path: list[Token], sent: Span, mention: MoneyMention, words: frozenset[str]) -> bool:
    if any(fold(t.lemma_) in words or fold(t.text) in words for t in _context_tokens(path)):
        return True
    return any(re.search(rf"(?<!\w){re.escape(w)}", _window(sent.text, mention)) for w in words)


def _organisation(
    kind: str, cue: Token | None, verb: Token, path: list[Token], orgs: OrgNames, position: int
) -> tuple[str | None, bool]:
    """Who the figure belongs to: the owner of the cue noun ("le chiffre d'affaires de
    X", "le rachat de Y par X"), else the clause subject, else a possessive."""
    candidates: list[Token] = []
    if cue is not None and cue.pos_ == "NOUN":
        agents = [
            c
            for c in cue.children
            if c.dep_ in ("nmod", "obl:agent") and any(g.lower_ == "par" for g in c.children)
        ]
        owners = [
            c
            for c in cue.children
            if c.dep_ == "nmod" and any(g.lower_ in ("de", "d'", "d’", "du") for g in c.children)
        ]
        candidates.extend(agents)
        if kind != "acquisition_price":
            candidates.extend(owners)
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubj:pass":
        # "acquise par X": the subject is what was bought; the agent holds the figure.
        candidates.extend(c for c in verb.children if c.dep_ == "obl:agent")
        subject = None
    if subject is not None:
        candidates.append(subject)
        candidates.extend(_owners(subject))  # "le chiffre d'affaires de X a atteint"
    if cue is not None and kind == "acquisition_price" and cue.pos_ == "NOUN":
        candidates.extend(c for c in cue.children if c.dep_ == "nmod")
    for token in path:
        candidates.extend(c for c in token.children if c.dep_ == "det")
    if verb.pos_ not in ("VERB", "AUX"):  # the parse found no verb for the figure
        candidates.extend(_bare_names_before(path[0]))
    for token in candidates:
        if is_attributed_name(token):  # "comme le rappelle Voici, …": a source
            continue
        org, named = orgs.resolve(token, position)
        if org:
            return org, named
        # A named subject that is no organisation (a person, a place, the State) owns
        # the figure: do not hand it to someone else.
        is_subject = subject is not None and token.i == subject.i
        if is_subject and token.text[:1].isupper():
            return None, False
    return None, False


def _owners(noun: Token, depth: int = 2) -> list[Token]:
    """Capitalised "de X" complements under a noun, two levels deep ("le chiffre
    d'affaires de Dassault Systèmes" → Dassault)."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ != "nmod":
            continue
        has_de = any(c.lower_ in ("de", "d'", "d’", "du", "des") for c in child.children)
        if has_de and child.text[:1].isupper():
            found.append(child)
        elif depth > 1:
            found.extend(_owners(child, depth - 1))
    return found


def _bare_names_before(anchor: Token) -> list[Token]:
    """Fallback when the parse gives no subject ("Cloudwatt escompte un chiffre…" parsed
    as a noun phrase): names before the figure in its sentence that head no
    prepositional phrase, nearest first."""
    sent = anchor.sent
    found = [
        t
        for t in sent[: anchor.i - sent.start]
        if t.dep_ in ("nsubj", "ROOT", "dep", "nsubj:pass")
        and t.text[:1].isupper()
        and not any(c.dep_ == "case" for c in t.children)
    ]
    return list(reversed(found))


def _horizon(sent: Span, mention: MoneyMention, ctx: ArticleContext) -> str | None:
    """The nearest year or quarter in the figure's clause: "d'ici 2030" → "2030"."""
    best: tuple[int, str] | None = None
    for period in find_periods(sent.text, ctx.published):
        if mention.start <= period.start < mention.end:
            continue
        if period.start >= mention.end:
            gap = period.start - mention.end
            between = sent.text[mention.end : period.start]
        else:
            gap = mention.start - period.end + 20  # a period after the figure is likelier
            between = sent.text[period.end : mention.start]
        if gap > _WINDOW_AFTER or re.search(r"[;:]|\.\s", between):
            continue
        if best is None or gap < best[0]:
            best = (gap, period.value)
    return best[1] if best else None


def _place(sent: Span, mention: MoneyMention) -> str | None:
    """A country or region introduced by "en", "au", "aux" near the figure."""
    best: tuple[int, str] | None = None
    for ent in sent.ents:
        if ent.label_ != "LOC" or ent.start == sent.start:
            continue
        previous = sent.doc[ent.start - 1].lower_
        if previous not in ("en", "au", "aux"):
            continue
        start = ent.start_char - sent.start_char
        gap = abs(start - mention.end) if start >= mention.end else abs(mention.start - start)
        if gap > _WINDOW_BEFORE:
            continue
        if best is None or gap < best[0]:
            best = (gap, ent.text)
    return best[1] if best else None
