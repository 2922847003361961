"""Pairs in, moves and positions out: where the trained model decides about people.

For each person–organisation pair (`candidates.py`) the model (`model.py`) gives the
probability of a start, of an end and of a position (`features.py`). A label whose
probability reaches its threshold becomes a fact: the rules' own fact of that label
when they proposed one (their reading of role, date and status stands; a role they
left out may be filled by the slot model, `slots.fill_role`), else one whose fields
`slots.py` fills. FACTS.md's hard constraint is applied last: a position only for a
pair with no move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from veille.facts.context import ArticleContext, Chunk
from veille.facts.people.candidates import Occurrence, Pair, label_of, sentence_pairs
from veille.facts.people.features import occurrence_features, pair_features, title_end
from veille.facts.people.model import LabelModel, PairModel
from veille.facts.people.slot_features import slot_candidates
from veille.facts.people.slots import (
    best_occurrence,
    fill_role,
    new_move,
    new_position,
    occurrence_key,
)
from veille.facts.reading.lexicon import fold
from veille.records import Fact, Move, PairRow, Position


def article_features(pairs: list[Pair], ctx: ArticleContext) -> list[dict[str, float]]:
    """Every pair's features, with the article-wide counts they need."""
    title = fold(ctx.article.title or "")
    mentions: dict[str, int] = {}
    for pair in pairs:
        key = fold(pair.org)
        mentions[key] = mentions.get(key, 0) + len(pair.occurrences)
    first_part_end = title_end(ctx.text)
    return [pair_features(pair, title, mentions, first_part_end) for pair in pairs]


def pair_rows(
    chunks: list[Chunk], ctx: ArticleContext, facts: list[Fact]
) -> list[PairRow]:
    """The article's pairs as training reads them: names, features, generators."""
    pairs = sentence_pairs(chunks, ctx, facts)
    first_part_end = title_end(ctx.text)
    rows = []
    for pair, features in zip(pairs, article_features(pairs, ctx), strict=True):
        first = best_occurrence(pair)
        quote = first.chunk.evidence(first.sent).text if first is not None else ""
        occurrences = [(occurrence_features(o, first_part_end), occurrence_key(o))
                       for o in pair.occurrences]
        rows.append(PairRow(pair.person, pair.org, features, sorted(pair.generators), quote,
                            slot_candidates(pair, ctx.published), occurrences,
                            dict(Counter(label_of(f) for f in pair.rule_facts))))
    return rows


@dataclass(frozen=True)
class Verdict:
    label: str
    probability: float
    threshold: float
    accepted: bool
    reason: str


def verdicts(
    features: dict[str, float], model: PairModel, min_confidence: float | None
) -> list[Verdict]:
    """Each label's probability and whether it is kept: at or over its threshold (the
    model's, or `min_confidence` when given); FACTS.md gives a position only to a pair
    with no move, so a position is kept only when neither move is."""
    probabilities = {label: round(p, 3) for label, p in model.probabilities(features).items()}

    def threshold(label: str) -> float:
        if min_confidence is not None:
            return min_confidence
        return model.labels[label].threshold_for(features, label)

    moved = any(probabilities[label] >= threshold(label) for label in ("start", "end"))
    out = []
    for label, p in probabilities.items():
        limit = threshold(label)
        if p < limit:
            out.append(Verdict(label, p, limit, False,
                               f"probability {p:.3f} < threshold {limit:.2f}"))
        elif label == "position" and moved:
            out.append(Verdict(label, p, limit, False,
                               "a move of this pair is kept: no position (FACTS.md)"))
        else:
            out.append(Verdict(label, p, limit, True,
                               f"probability {p:.3f} ≥ threshold {limit:.2f}"))
    return out


def decide_pairs(
    pairs: list[Pair],
    ctx: ArticleContext,
    model: PairModel,
    min_confidence: float | None,
) -> list[Fact]:
    """The facts of the labels kept: the rules' facts of that label for the pair, else
    one whose fields the pair's sentence gives."""
    kept: list[Fact] = []
    for pair, features in zip(pairs, article_features(pairs, ctx), strict=True):
        for verdict in verdicts(features, model, min_confidence):
            if not verdict.accepted:
                continue
            label = verdict.label
            ruled = [f for f in pair.rule_facts if label_of(f) == label]
            if ruled and model.slots is not None:
                for fact in ruled:
                    fill_role(fact, pair, model.slots, _scorer(model.labels[label], ctx))
            for fact in ruled or _new_fact(pair, label, ctx, verdict.probability,
                                           model.labels[label], model):
                fact.confidence = verdict.probability
                fact.generators = sorted(set(fact.generators) | pair.generators)
                kept.append(fact)
    return kept


def _scorer(label_model: LabelModel, ctx: ArticleContext) -> Callable[[Occurrence], float]:
    """The label model's probability of the label on one sentence of the pair alone."""
    first_part_end = title_end(ctx.text)

    def score(occurrence: Occurrence) -> float:
        return label_model.raw(occurrence_features(occurrence, first_part_end))

    return score


def _new_fact(
    pair: Pair, label: str, ctx: ArticleContext, p: float, label_model: LabelModel,
    model: PairModel,
) -> list[Fact]:
    """A fact the rules did not propose, its fields read from the pair's sentence where
    the model finds the label likeliest (and chosen by the slot model, see slots.py)."""
    score = _scorer(label_model, ctx)
    fact: Move | Position | None
    if label == "position":
        fact = new_position(pair, p, score, model.slots)
    else:
        fact = new_move(pair, label, ctx.published, p, score, model.slots)
    return [fact] if fact is not None else []
