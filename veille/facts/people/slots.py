"""The fields of a fact the model accepted on a pair: role, date, status.

A fact no rule proposed is read from the pair's sentence where the pair model finds its
label likeliest: the mood of its main verb gives the status; the role and the date are
the candidates the slot model (`model.SlotModel`, `slot_features.py`) scores highest
among the titles and time expressions of every sentence naming the pair, the rules'
readings and "none", where the model file has one and dev chose it for that slot; else
that sentence's plain reading, the role title nearest the person and the time
expression nearest it (a span of years "(2003-2008)" dates the start by its first year
and the end by its last). A fact the rules proposed keeps their reading, unless dev
chose the slot model for the rules' facts too (`SlotModel.uses`): then a rules' fact with
no role gets the model's choice (`fill_role`); a role or a date the rules read stands.
"""

from __future__ import annotations

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
    Occurrence,
    Pair,
    cue_words,
    label_of,
)
from veille.facts.people.model import LabelModel, SlotModel
from veille.facts.people.slot_features import (
    date_candidates,
    finish,
    plain_date,
    plain_role,
    role_candidates,
)
from veille.facts.reading.lexicon import fold
from veille.facts.reading.modality import clause_status
from veille.facts.reading.roles import role_norm
from veille.records import Fact, Move, Position, SlotCandidate

# occurrence kinds read first: the sentence naming both, then a pronoun's, then the rest
_KIND_ORDER = (SENTENCE_GENERATOR, TITLE_ORG_GENERATOR, REFERENCE_GENERATOR,
               PRONOUN_GENERATOR, NEIGHBOUR_GENERATOR, ARTICLE_ORG_GENERATOR)


def occurrence_key(occurrence: Occurrence) -> tuple[int, int]:
    """How occurrences the model scores alike are ranked: by kind, then in text order."""
    kind = occurrence.kind
    rank = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
    return rank, occurrence.chunk.offset + occurrence.sent.start_char


def best_index(scores: list[float] | None, keys: list[tuple[int, int]]) -> int | None:
    """The index of the best occurrence: the highest score (the model's probability of
    the label on that sentence alone), else the first by `occurrence_key`."""
    if not keys:
        return None
    return min(range(len(keys)),
               key=lambda i: (-scores[i] if scores else 0.0, *keys[i]))


def likeliest_occurrence(
    occurrences: list[tuple[dict[str, float], tuple[int, int]]], label_model: LabelModel
) -> int | None:
    """`best_index` over sentences the pair model has read (`PairRow.occurrences`: each
    sentence's features and `occurrence_key`): where training and explain find the label
    likeliest, as extraction does with `best_occurrence`."""
    scores = [label_model.raw(features) for features, _ in occurrences]
    return best_index(scores, [key for _, key in occurrences])


def ranked_slot(
    candidates: list[SlotCandidate], best: int | None, label: str, what: str, slots: SlotModel
) -> list[tuple[SlotCandidate, float]]:
    """The candidates of one slot with the slot model's scores, best first (the first of
    equals first, as `SlotModel.choose` takes it)."""
    features = finish(candidates, best, label)
    scores = [slots.score(what, f) for f in features]
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))
    return [(candidates[i], scores[i]) for i in order]


def best_occurrence(
    pair: Pair, score: Callable[[Occurrence], float] | None = None
) -> Occurrence | None:
    """The sentence the fields are read from: the one `score` (the model's probability
    of the label on that sentence alone) ranks first, else the first sentence naming
    both."""
    scores = [score(o) for o in pair.occurrences] if score else None
    index = best_index(scores, [occurrence_key(o) for o in pair.occurrences])
    return None if index is None else pair.occurrences[index]


def _role(occ: Occurrence) -> tuple[str | None, str | None]:
    nearest = plain_role(occ)
    if nearest is None:
        return None, None
    text = occ.sent.doc[nearest.start:nearest.end].text
    return text, role_norm(text) or nearest.norm


def _date(occ: Occurrence, change: str, published: date | None) -> tuple[str | None, str | None]:
    found = plain_date(occ, change, published)
    return found if found is not None else (None, None)


def chosen_role(
    pair: Pair, label: str, slots: SlotModel, best: int | None
) -> tuple[str | None, str | None]:
    """(role, role_norm) of the candidate the slot model scores highest."""
    candidates = role_candidates(pair, label)
    pick = candidates[slots.choose("role", finish(candidates, best, label))]
    return pick.value, pick.norm


def chosen_date(
    pair: Pair, label: str, published: date | None, slots: SlotModel, best: int | None
) -> tuple[str | None, str | None]:
    """(date, date_text) of the candidate the slot model scores highest."""
    candidates = date_candidates(pair, label, published)
    pick = candidates[slots.choose("date", finish(candidates, best, label))]
    return pick.value, pick.text


def _interim(sent: Span) -> bool:
    return any(fold(t.text) in cue_words()["interim"] for t in sent)


def new_move(
    pair: Pair,
    change: str,
    published: date | None,
    confidence: float,
    score: Callable[[Occurrence], float] | None = None,
    slots: SlotModel | None = None,
) -> Move | None:
    occ = best_occurrence(pair, score)
    if occ is None:
        return None
    best = pair.occurrences.index(occ)
    if slots is not None and slots.use(f"role:{change}", ruled=False):
        role, norm = chosen_role(pair, change, slots, best)
    else:
        role, norm = _role(occ)
    if slots is not None and slots.use(f"date:{change}", ruled=False):
        when, when_text = chosen_date(pair, change, published, slots, best)
    else:
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
    pair: Pair,
    confidence: float,
    score: Callable[[Occurrence], float] | None = None,
    slots: SlotModel | None = None,
) -> Position | None:
    occ = best_occurrence(pair, score)
    if occ is None:
        return None
    if slots is not None and slots.use("role:position", ruled=False):
        role, norm = chosen_role(pair, "position", slots, pair.occurrences.index(occ))
    else:
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


def fill_role(
    fact: Fact,
    pair: Pair,
    slots: SlotModel,
    score: Callable[[Occurrence], float] | None = None,
) -> None:
    """Give a fact the rules proposed with no role the slot model's choice of role, where
    dev chose the model for the rules' facts (`SlotModel.uses`). A role the rules read
    stands, and so do their dates (README "Quality"). Only the pair's one fact of its
    label: where the rules read two (two starts at one organisation), the pair's
    candidates cannot tell them apart."""
    if not isinstance(fact, Move | Position) or fact.role:
        return
    label = label_of(fact)
    if not slots.use(f"role:{label}", ruled=True):
        return
    same = [f for f in pair.rule_facts
            if isinstance(f, Move | Position)
            and label_of(f) == label]
    if len(same) != 1 or same[0] is not fact:
        return
    occ = best_occurrence(pair, score)
    best = pair.occurrences.index(occ) if occ is not None else None
    fact.role, fact.role_norm = chosen_role(pair, label, slots, best)
