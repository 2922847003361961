"""The fields of a fact the model accepted on a pair no rule read: role, date, status.

When the rules proposed the fact, their fields stand (they read the sentence closely);
otherwise the pair's first sentence fills them, simply: the role title nearest the
person, the time expression of the sentence (a span of years "(2003-2008)" dates the
start by its first year and the end by its last), the mood of the sentence's main verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.tokens import Span

from veille.facts.people.candidates import (
    ARTICLE_ORG_GENERATOR,
    NEIGHBOUR_GENERATOR,
    PRONOUN_GENERATOR,
    REFERENCE_GENERATOR,
    SENTENCE_GENERATOR,
    TITLE_ORG_GENERATOR,
    TITLE_REACH,
    Occurrence,
    Pair,
    cue_words,
    people_lexicon,
    word_distance,
)
from veille.facts.reading.lexicon import fold
from veille.facts.reading.modality import clause_status
from veille.facts.reading.roles import find_titles, role_norm
from veille.facts.reading.timing import sentence_periods
from veille.records import Move, Position

_YEAR_SPAN = re.compile(
    rf"\b((?:19|20)\d\d)\s*(?:{people_lexicon()['year_span_links']})\s*((?:19|20)\d\d)\b"
)
# occurrence kinds read first: the sentence naming both, then a pronoun's, then the rest
_KIND_ORDER = (SENTENCE_GENERATOR, TITLE_ORG_GENERATOR, REFERENCE_GENERATOR,
               PRONOUN_GENERATOR, NEIGHBOUR_GENERATOR, ARTICLE_ORG_GENERATOR)


def best_occurrence(
    pair: Pair, score: Callable[[Occurrence], float] | None = None
) -> Occurrence | None:
    """The sentence the fields are read from: the one `score` (the model's probability
    of the label on that sentence alone) ranks first, else the first sentence naming
    both."""
    if not pair.occurrences:
        return None

    def rank(o: Occurrence) -> tuple[float, int, int]:
        kind = _KIND_ORDER.index(o.kind) if o.kind in _KIND_ORDER else len(_KIND_ORDER)
        return (-score(o) if score else 0.0, kind, o.chunk.offset + o.sent.start_char)

    return min(pair.occurrences, key=rank)


def _role(occ: Occurrence) -> tuple[str | None, str | None]:
    titles = find_titles(occ.sent)
    if not titles:
        return None, None
    person = occ.person
    nearest = min(titles, key=lambda t: word_distance(t, person))
    if word_distance(nearest, person) > TITLE_REACH:
        return None, None
    text = occ.sent.doc[nearest.start:nearest.end].text
    return text, role_norm(text) or nearest.norm


def _date(occ: Occurrence, change: str, published: date | None) -> tuple[str | None, str | None]:
    span = _YEAR_SPAN.search(occ.sent.text)
    if span:
        year = span.group(1) if change == "start" else span.group(2)
        return year, span.group(0)
    periods = sentence_periods(occ.sent, published)
    if not periods:
        return None, None
    anchor = occ.person.start_char - occ.sent.start_char
    nearest = min(periods, key=lambda p: abs(p.start - anchor))
    return nearest.value, nearest.text


def _interim(sent: Span) -> bool:
    return any(fold(t.text) in cue_words()["interim"] for t in sent)


def new_move(
    pair: Pair,
    change: str,
    published: date | None,
    confidence: float,
    score: Callable[[Occurrence], float] | None = None,
) -> Move | None:
    occ = best_occurrence(pair, score)
    if occ is None:
        return None
    role, norm = _role(occ)
    when, when_text = _date(occ, change, published)
    return Move(
        evidence=occ.chunk.evidence(occ.sent),
        confidence=confidence,
        person=pair.person,
        change=change,  # type: ignore[arg-type]
        role=role,
        role_norm=norm,
        org=pair.org,
        interim=_interim(occ.sent),
        status=clause_status(occ.sent.root, published),
        date=when,
        date_text=when_text,
        generators=sorted(pair.generators),
    )


def new_position(
    pair: Pair, confidence: float, score: Callable[[Occurrence], float] | None = None
) -> Position | None:
    occ = best_occurrence(pair, score)
    if occ is None:
        return None
    role, norm = _role(occ)
    former = cue_words()["former"]
    doc, start = occ.sent.doc, occ.person.start
    before = {t.lower_ for t in doc[max(occ.sent.start, start - 6):start]}
    return Position(
        evidence=occ.chunk.evidence(occ.sent),
        confidence=confidence,
        person=pair.person,
        role=role,
        role_norm=norm,
        org=pair.org,
        current=not (before & former),
        generators=sorted(pair.generators),
    )
