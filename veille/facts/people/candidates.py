"""Person–organisation pairs: the candidates of moves and positions.

The rules of `veille/facts/rules/moves.py` read a sentence closely and propose few facts; on
the annotated dev split they reach under a fifth of the gold moves. Gold moves almost
always name the person and the organisation in one sentence (91% of dev moves), so a
wide generator proposes every pair of a person and an organisation named in the same
parsed sentence, and every pair the rules proposed; the trained model
(`people/model.py`) decides which pairs are a start, an end or a position.

Each pair keeps its occurrences (the sentences naming both) and the rules' facts about
it, and the ids of the generators that proposed it:
- `pairs:sentence` (both named in one sentence: a PER entity, an ORG / LOC / MISC entity
  or a body noun of veille/data/people_fr.yaml: "le gouvernement", "la mairie de Rennes");
- `pairs:pronoun` (the subject "il" / "elle" stands for the person named last);
- `pairs:neighbour` (the organisation is named in the sentence before or after);
- `pairs:article_org` (the organisation the article names most);
- `pairs:title_org` (the organisation a public post's title names: "le député" at the
  Assemblée nationale, "la maire de Pau" at the mairie de Pau; GUIDE.md's standard
  organisations);
- `pairs:reference` (a common noun standing for an organisation named before: "la
  présidente du groupe" for that group and for the article's main organisation);
- `moves:move` / `moves:position` (the rules' own proposals).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Protocol, TypeGuard

import yaml
from spacy.tokens import Span, Token

from veille.facts.context import ArticleContext, Chunk
from veille.facts.reading.lexicon import country_of, fold
from veille.facts.reading.mentions import is_known_org, strip_civility
from veille.facts.reading.roles import find_titles
from veille.facts.reading.salience import article_names
from veille.records import Fact, Move, Position

SENTENCE_GENERATOR = "pairs:sentence"
PRONOUN_GENERATOR = "pairs:pronoun"
NEIGHBOUR_GENERATOR = "pairs:neighbour"
ARTICLE_ORG_GENERATOR = "pairs:article_org"
TITLE_ORG_GENERATOR = "pairs:title_org"
REFERENCE_GENERATOR = "pairs:reference"
# Entity labels of the parser that may name an organisation: ORG, and LOC for countries
# and towns (a head of state's or a mayor's organisation), MISC for the rest.
_ORG_LABELS = frozenset({"ORG", "LOC", "MISC"})
# How many words a body noun may take after it: "ministère de la Transition écologique".
_BODY_REACH = 5
# How far (in words) a title may stand from the person it is read for ("le maire de
# Pau, François Bayrou"; "élu sénateur en 1981, il …").
TITLE_REACH = 8


@lru_cache(maxsize=1)
def people_lexicon() -> dict:
    text = resources.files("veille.data").joinpath("people_fr.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def _body_nouns() -> frozenset[str]:
    return frozenset(people_lexicon()["body_nouns"]["alone"])


@lru_cache(maxsize=1)
def cue_words() -> dict[str, frozenset[str]]:
    """The cue word lists of people_fr.yaml by name (since, former, interim…), folded."""
    return {name: frozenset(words) for name, words in people_lexicon()["cues"].items()}


@lru_cache(maxsize=8)
def _words(key: str) -> frozenset[str]:
    return frozenset(people_lexicon()[key])


@lru_cache(maxsize=1)
def _title_orgs() -> list[tuple[str, str]]:
    """(title's opening words, organisation), longest title first."""
    return sorted(people_lexicon()["title_orgs"].items(), key=lambda item: -len(item[0]))


def label_of(fact: Fact) -> str:
    """The decision's label of a rules' fact: a move's change, else "position"."""
    return fact.change if isinstance(fact, Move) else "position"


@dataclass(frozen=True)
class Occurrence:
    """One sentence naming both: the closest mention of each in it."""

    chunk: Chunk
    sent: Span
    person: Span
    org: Span | None  # None: the article's organisation, named elsewhere
    # which generator found it: SENTENCE_GENERATOR, PRONOUN_GENERATOR, …
    kind: str = SENTENCE_GENERATOR


@dataclass
class Pair:
    person: str
    org: str
    occurrences: list[Occurrence] = field(default_factory=list)
    # the rules' moves and positions about this pair
    rule_facts: list[Fact] = field(default_factory=list)
    generators: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return pair_key(self.person, self.org)


def decided_by_pair(fact: Fact) -> TypeGuard[Move | Position]:
    """A move or a position naming a person and an organisation: the decision on its pair
    decides it (facts/decision.py); every other fact is decided alone."""
    return isinstance(fact, Move | Position) and bool(fact.person) and bool(fact.org)


def pair_key(person: str, org: str) -> tuple[str, str]:
    return fold(person), fold(clean_org(org))


def clean_org(text: str) -> str:
    """An organisation mention without its article and trailing punctuation."""
    text = text.strip(" ,.;:«»\"()")
    lowered = text.lower().replace("’", "'")
    for article in people_lexicon()["leading_articles"]:
        if lowered.startswith(article) and len(text) > len(article) + 1:
            return text[len(article):].strip()
    return text


class PersonNames:
    """The article's people by their fullest name: a surname alone ("M. Dupont") is the
    one full name ending with it, when there is exactly one."""

    def __init__(self, full_names: Iterable[str]):
        self.full: list[str] = []
        for name in full_names:
            name = strip_civility(name.strip(" ,.")).replace("’", "'")
            if len(name.split()) >= 2 and name not in self.full:
                self.full.append(name)
        self._by_last: dict[str, list[str]] = {}
        for name in self.full:
            self._by_last.setdefault(fold(name.split()[-1]), []).append(name)

    def canonical(self, text: str) -> str | None:
        name = strip_civility(text.strip(" ,.")).replace("’", "'")
        if not name[:1].isupper() or len(name) < 3:
            return None
        words = name.split()
        known = self._by_last.get(fold(words[-1]), [])
        if len(words) == 1:
            return known[0] if len(known) == 1 else name
        # "Martin" in "Jean-Paul Martin" and "Paul Martin": the longest that contains it
        longer = [k for k in known if fold(k).endswith(fold(name))]
        return max(longer, key=len) if longer else name


class OrgVocabulary:
    """The organisation names of the article (every ORG / MISC entity the parser found in
    it, and the rules' organisations), found again where the parser missed them."""

    def __init__(self, names: Iterable[str]):
        self._by_first: dict[str, set[tuple[str, ...]]] = {}
        for name in names:
            words = tuple(fold(w) for w in clean_org(name).split())
            if words and _named_case(name):
                self._by_first.setdefault(words[0], set()).add(words)

    def spans(self, sent: Span, taken: set[int]) -> list[Span]:
        found = []
        folded = [fold(t.text) for t in sent]
        i = 0
        while i < len(sent):
            best = 0
            for words in self._by_first.get(folded[i], ()):
                n = len(words)
                if tuple(folded[i:i + n]) == words and n > best:
                    best = n
            start = sent.start + i
            if best and _named_case(sent[i].text) and not taken & set(range(start, start + best)):
                found.append(sent.doc[start:start + best])
                taken.update(range(start, start + best))
                i += best
            else:
                i += 1
        return found


def _named_case(text: str) -> bool:
    """Whether a word is written as a name: a capital first, or a brand's small letter
    before one ("iTélé", "eBay"); "franceinfo" is left out, like any lower-case word."""
    return text[:1].isupper() or (len(text) > 2 and text[0].islower() and text[1].isupper())


def org_mentions(sent: Span, vocabulary: OrgVocabulary | None = None) -> list[tuple[Span, str]]:
    """Spans of the sentence that may name an organisation, not overlapping, each with
    the name it gives: its text, or the country of a nationality adjective ("le
    président bolivien": Bolivie)."""
    found = [e for e in sent.ents if e.label_ in _ORG_LABELS and _named_case(e.text)]
    found += [
        e for e in sent.ents if e.label_ == "PER" and is_known_org(e.text)
    ]  # the parser calls many organisations PER ("Cloudwatt")
    taken = {i for span in found for i in range(span.start, span.end)}
    if vocabulary is not None:
        found += vocabulary.spans(sent, taken)
    nouns = _body_nouns()
    for token in sent:
        if token.i in taken or fold(token.text) not in nouns:
            continue
        end = token.i + 1
        limit = min(sent.end, token.i + 1 + _BODY_REACH)
        while end < limit and end not in taken and _continues_body(
            sent.doc[end], sent.doc[end - 1]
        ):
            end += 1
        while end > token.i + 1 and fold(sent.doc[end - 1].text) in _words("name_links"):
            end -= 1
        found.append(sent.doc[token.i:end])
        taken.update(range(token.i, end))
    named = [(span, span.text) for span in found]
    for token in sent:
        if token.i not in taken and token.pos_ == "ADJ" and token.text.islower():
            country = country_of(token.text)
            if country:
                named.append((sent.doc[token.i:token.i + 1], country))
    return sorted(named, key=lambda m: m[0].start)


def _continues_body(token: Token, previous: Token) -> bool:
    """Whether a word still belongs to a body noun's name: "de la Santé", "régional"."""
    folded = fold(token.text)
    if folded in _words("name_links") or token.text.lower() in _words("elided_links"):
        return True
    if token.text[:1].isupper() and token.is_alpha:
        return True
    return token.pos_ == "ADJ" and fold(previous.text) not in _words("name_links")


def titled_orgs(sent: Span) -> list[tuple[Span, str]]:
    """The organisations the sentence's titles name by themselves, each with its title's
    span: "député" gives the Assemblée nationale, "maire de Pau" the mairie de Pau
    (people_fr.yaml `title_orgs`, `title_place_orgs`)."""
    out = []
    doc = sent.doc
    for title in find_titles(sent):
        words = " ".join(fold(t.text) for t in doc[title.start:min(sent.end, title.start + 6)])
        words = words.replace("' ", "'")
        org = next((org for opening, org in _title_orgs()
                    if words == opening or words.startswith(opening + " ")), None)
        if org is None:
            org = _place_org(sent, title.start)
        if org is not None:
            out.append((doc[title.start:title.end], org))
    return out


def _place_org(sent: Span, start: int) -> str | None:
    """"maire de Pau" → "mairie de Pau": a place title followed by "de" and a name."""
    doc = sent.doc
    body = people_lexicon()["title_place_orgs"].get(fold(doc[start].text))
    link = start + 1
    if body is None or link + 1 >= sent.end or fold(doc[link].text) not in _words("place_links"):
        return None
    end = link + 1
    while end < sent.end and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    if end == link + 1:
        return None
    place = doc[link + 1:end].text
    return f"{body.removesuffix(' de')} {doc[link].text.lower()} {place}".replace("' ", "'")


def reference_spans(sent: Span) -> list[Span]:
    """Common nouns standing for an organisation named before: "du groupe", "la
    société", "sa maison" (a determiner before, no name after: "le groupe PSA" names
    its own)."""
    out = []
    doc = sent.doc
    for token in sent:
        if fold(token.text) not in _words("org_references") or token.i == sent.start:
            continue
        if fold(doc[token.i - 1].text) not in _words("reference_determiners"):
            continue
        after = doc[token.i + 1] if token.i + 1 < sent.end else None
        if after is not None and after.text[:1].isupper() and after.is_alpha:
            continue
        out.append(doc[token.i:token.i + 1])
    return out


def _named_org(span: Span) -> bool:
    """Whether a mention names an organisation by its own name (not a body noun, a
    place or a nationality): what a later reference may stand for."""
    return _named_case(span.text) and span.label_ != "LOC" and (
        fold(span[0].text) not in _body_nouns())


def person_mentions(sent: Span, names: PersonNames) -> list[tuple[Span, str, str]]:
    out = []
    for ent in sent.ents:
        if ent.label_ != "PER" or is_known_org(ent.text):
            continue
        name = names.canonical(ent.text)
        if name is not None:
            out.append((ent, name, SENTENCE_GENERATOR))
    return out


def sentence_pairs(
    chunks: list[Chunk], ctx: ArticleContext, rule_facts: list[Fact]
) -> list[Pair]:
    """Every pair of the article, the rules' first, then by first occurrence.

    Only the candidate sentences of the fast path are read (`chunk.candidate`): the
    sentences a full parse adds never change the pairs, so both modes give the same
    facts (tests/test_quality_floors.py)."""
    chunks = [chunk for chunk in chunks if chunk.candidate]
    names = PersonNames(
        [*(f.person for f in rule_facts if isinstance(f, Move | Position)),
         *article_names(ctx.text),
         *(e.text for c in chunks for e in c.doc.ents if e.label_ == "PER")]
    )
    pairs: dict[tuple[str, str], Pair] = {}
    for fact in rule_facts:
        if not decided_by_pair(fact):
            continue
        org = fact.org or ""  # never empty here: decided_by_pair
        person = names.canonical(fact.person) or fact.person
        pair = pairs.setdefault(pair_key(person, org), Pair(person, clean_org(org)))
        pair.rule_facts.append(fact)
        pair.generators.update(fact.generators)
    main_org = ctx.main_org
    vocabulary = OrgVocabulary(
        [*(f.org for f in rule_facts if isinstance(f, Move | Position) and f.org),
         *(e.text for c in chunks for e in c.doc.ents if e.label_ in {"ORG", "MISC"})]
    )
    last_named: str | None = None  # the organisation named last, for references
    for chunk in chunks:
        sents = list(chunk.doc.sents)
        orgs = [org_mentions(sent, vocabulary) for sent in sents]
        last_person: str | None = None
        for k, sent in enumerate(sents):
            references = _referents(reference_spans(sent), [last_named, main_org])
            referenced = {span.start for span, _ in references}
            named = [(span, org) for span, org in orgs[k] if span.start not in referenced]
            people = person_mentions(sent, names)
            if last_person is not None:
                for pronoun in _subject_pronouns(sent):
                    people.append((sent.doc[pronoun.i:pronoun.i + 1], last_person,
                                   PRONOUN_GENERATOR))
            titles = titled_orgs(sent) if people else []
            for person_span, person, kind in people:
                for org_span, org in named:
                    _pair_up(pairs, chunk, sent, person_span, person, org_span, kind, org)
                for org_span, org in references:
                    _pair_up(pairs, chunk, sent, person_span, person, org_span,
                             REFERENCE_GENERATOR, org)
                for org_span, org in titles:
                    if word_distance(org_span, person_span) <= TITLE_REACH:
                        _pair_up(pairs, chunk, sent, person_span, person, org_span,
                                 TITLE_ORG_GENERATOR, org)
                if kind != SENTENCE_GENERATOR:
                    continue
                for j in (k - 1, k + 1):
                    for org_span, org in orgs[j] if 0 <= j < len(sents) else []:
                        _pair_up(pairs, chunk, sent, person_span, person, org_span,
                                 NEIGHBOUR_GENERATOR, org)
                if main_org:
                    _pair_up(pairs, chunk, sent, person_span, person, None,
                             ARTICLE_ORG_GENERATOR, main_org)
            people_named = [p for _, p, kind in people if kind == SENTENCE_GENERATOR]
            if people_named:
                last_person = people_named[-1]
            last_named = next((org for span, org in reversed(named) if _named_org(span)),
                              last_named)
    return list(pairs.values())


def _referents(spans: list[Span], referents: list[str | None]) -> list[tuple[Span, str]]:
    """Each reference with each organisation it may stand for (the one named last, the
    article's main one), once each."""
    out = []
    for span in spans:
        seen: set[str] = set()
        for referent in referents:
            if referent and fold(referent) not in seen:
                seen.add(fold(referent))
                out.append((span, referent))
    return out


def _pair_up(
    pairs: dict[tuple[str, str], Pair],
    chunk: Chunk,
    sent: Span,
    person_span: Span,
    person: str,
    org_span: Span | None,
    kind: str,
    org_text: str | None = None,
) -> None:
    if org_span is not None and _overlap(org_span, person_span):
        return
    org = clean_org(org_text or "")
    if not org or fold(org) == fold(person) or fold(org) in fold(person):
        return
    pair = pairs.setdefault(pair_key(person, org), Pair(person, org))
    pair.generators.add(kind)
    _add_occurrence(pair, Occurrence(chunk, sent, person_span, org_span, kind))


class _Bounded(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def word_distance(a: _Bounded, b: _Bounded) -> int:
    """How many words apart two spans of one doc (or title mentions) stand."""
    return min(abs(a.start - b.end), abs(b.start - a.end))


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _subject_pronouns(sent: Span) -> list[Token]:
    return [t for t in sent if fold(t.text) in _words("pronouns") and t.dep_.startswith("nsubj")]


def _add_occurrence(pair: Pair, occurrence: Occurrence) -> None:
    """One occurrence per sentence and generator: the closest mentions."""
    for k, seen in enumerate(pair.occurrences):
        if (seen.sent.start == occurrence.sent.start and seen.chunk is occurrence.chunk
                and seen.kind == occurrence.kind):
            if _gap(occurrence) < _gap(seen):
                pair.occurrences[k] = occurrence
            return
    pair.occurrences.append(occurrence)


def _gap(occurrence: Occurrence) -> int:
    p, o = occurrence.person, occurrence.org
    if o is None or o.sent.start != p.sent.start:
        return 1000
    return max(o.start - p.end, p.start - o.end, 0)
