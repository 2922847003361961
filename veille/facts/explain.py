"""Why a fact is in the output, or not: every candidate of one article, with the
generators that proposed it, the features that weighed most and the model's decision.

Candidates are of two kinds, as the model decides them (facts/decision.py): each
label (start, end, position) of each person–organisation pair, and every other fact
the rules proposed (partnerships, amounts, market shares, a move with no organisation).
A pair's label the model keeps also shows its slots: the role (and a move's date)
candidates as the slot model ranks them, and what fills the slot for this fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from veille.facts.decision import RULES_ONLY, DecisionModel, each_probability, load_model
from veille.facts.fact_features import FEATURE_NAMES
from veille.facts.people.candidates import decided_by_pair, label_of
from veille.facts.people.decide import verdicts
from veille.facts.people.model import PairModel, SlotModel
from veille.facts.people.one_post import ONE_POST
from veille.facts.people.slots import likeliest_occurrence, ranked_slot
from veille.records import Article, Fact, Move, PairRow, Position
from veille.settings import Settings

KEY_FIELDS = ("person", "change", "org", "orgs", "role", "value", "currency", "date", "status")


@dataclass(frozen=True)
class Explanation:
    """One proposal: its fields, where it came from, and what the model made of it."""

    fact: dict[str, Any]
    generators: list[str]
    rule_confidence: float
    probability: float | None
    accepted: bool
    reason: str
    # (feature, value, contribution to the model's log-odds), strongest first
    strongest: list[tuple[str, float, float]]
    slots: list[SlotRanking] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": {k: v for k, v in self.fact.items() if k in KEY_FIELDS or k == "type"},
            "evidence": (self.fact.get("evidence") or {}).get("text"),
            "generators": self.generators,
            "rule_confidence": self.rule_confidence,
            "probability": self.probability,
            "accepted": self.accepted,
            "reason": self.reason,
            "strongest_features": [
                {"feature": n, "value": v, "contribution": c} for n, v, c in self.strongest
            ],
            "slots": [slot.to_dict() for slot in self.slots],
        }


@dataclass(frozen=True)
class SlotRanking:
    """One slot ("role" or "date") of a kept pair fact: what fills it for this fact (a key
    of FILLED_BY), and the candidates' values as the slot model scores them, best first
    (each value once, with its best score)."""

    slot: str
    filled_by: str
    options: list[tuple[str | None, float]]

    def to_dict(self) -> dict[str, Any]:
        return {"slot": self.slot, "filled_by": self.filled_by,
                "options": [{"value": v, "score": s} for v, s in self.options]}


def _contributions(model: DecisionModel, row: list[float], top: int) -> list[tuple]:
    standardised = (np.asarray(row) - model.mean) / model.scale
    parts = standardised * model.weights
    order = np.argsort(-np.abs(parts))[:top]
    return [(FEATURE_NAMES[i], round(row[i], 3), round(float(parts[i]), 3)) for i in order]


def explain(article: Article, settings: Settings, top: int = 4) -> list[Explanation]:
    """Every candidate of `article`, decided as extraction would."""
    from veille.facts.extractor import Extractor

    model = load_model(settings.decision_model)
    rules_only = settings.with_values(decision_model=RULES_ONLY[0])
    proposals = Extractor(rules_only, keep_pairs=True).extract(article)
    dicts = [fact.to_dict() for fact in proposals.facts]
    if model is None:
        return [
            Explanation(d, d.get("generators", []), d["confidence"], None, True,
                        "rules only (decision_model = none): every proposal is kept", [])
            for d in dicts
        ]
    out: list[Explanation] = []
    single = proposals.facts
    if model.pairs is not None:
        # the facts the one-fact-per-post constraint drops, as extraction drops them
        decided = Extractor(settings).extract(article)
        out += _pair_explanations(proposals.pairs, model.pairs, settings.min_confidence, top,
                                  decided.set_aside)
        single = [f for f in proposals.facts if not decided_by_pair(f)]
    if not single:
        return out
    # the same dicts, rows and probabilities as extraction (decision.decide_each)
    dicts, rows, probabilities = each_probability(single, article.full_text,
                                                  article.lead_starts, model)
    threshold = model.threshold_for(settings.min_confidence)
    for d, row, p in zip(dicts, rows, probabilities, strict=True):
        accepted = p >= threshold
        reason = (f"probability {p:.3f} {'≥' if accepted else '<'} threshold {threshold:.2f}"
                  f" ({'the model' if settings.min_confidence is None else 'min_confidence'})")
        out.append(Explanation(d, d.get("generators", []), d["confidence"], p,
                               accepted, reason, _contributions(model, row, top)))
    return out


def _pair_explanations(
    rows: list[PairRow], model: PairModel, min_confidence: float | None, top: int,
    set_aside: list[tuple[Fact, Fact]],
) -> list[Explanation]:
    out = []
    for row in rows:
        for verdict in verdicts(row.features, model, min_confidence):
            label = verdict.label
            fact: dict[str, Any] = {"type": "position" if label == "position" else "move",
                                    "person": row.person, "org": row.org,
                                    "evidence": {"text": row.quote}}
            if label != "position":
                fact["change"] = label
            accepted, reason = verdict.accepted, verdict.reason
            standing = _standing_for(row, label, set_aside) if accepted else None
            if standing is not None:
                accepted = False
                reason = (f"{reason}, but its post is the fact kept at {standing.org} "
                          f"({standing.confidence:.3f}): {ONE_POST}")
            out.append(Explanation(
                fact, row.generators, row.features.get(f"rule:{label}", 0.0),
                verdict.probability, accepted, reason,
                model.labels[label].contributions(row.features, top),
                _slot_rankings(row, label, model, top) if accepted else [],
            ))
    # the strongest candidates first: what was kept, then what came closest
    return sorted(out, key=lambda e: (not e.accepted, -(e.probability or 0.0)))


def _standing_for(
    row: PairRow, label: str, set_aside: list[tuple[Fact, Fact]]
) -> Move | Position | None:
    """The fact that states the post of this pair's fact of `label`, when the
    one-fact-per-post constraint set that fact aside."""
    for dropped, standing in set_aside:
        if (isinstance(dropped, Move | Position) and isinstance(standing, Move | Position)
                and dropped.person == row.person and dropped.org == row.org
                and label_of(dropped) == label):
            return standing
    return None


def _slot_rankings(row: PairRow, label: str, model: PairModel, top: int) -> list[SlotRanking]:
    """The slots of the pair's fact of `label`, ranked as people/slots.py ranks them."""
    if model.slots is None:
        return []
    best = likeliest_occurrence(row.occurrences, model.labels[label])
    ruled = row.rule_counts.get(label, 0) > 0
    out = []
    for what in ("role",) if label == "position" else ("role", "date"):
        candidates = row.slots.get(f"{what}:{label}")
        if not candidates:
            continue
        options: dict[str | None, float] = {}
        for candidate, score in ranked_slot(candidates, best, label, what, model.slots):
            options.setdefault(candidate.value, round(score, 3))
        out.append(SlotRanking(what, _filled_by(model.slots, what, label, ruled),
                               list(options.items())[:top]))
    return out


# What fills a slot of a kept fact (people/slots.py), as `SlotRanking.filled_by` names it.
FILLED_BY = {
    "slot_model": "the slot model",
    "plain_reading": "the plain reading of the likeliest sentence",
    "rules": "the rules' reading",
    "rules_else_slot_model": "the rules' reading; the slot model's where they read none",
}


def _filled_by(slots: SlotModel, what: str, label: str, ruled: bool) -> str:
    """What fills the slot of this fact (slots.py; dev chose the uses, `SlotModel.uses`):
    a key of FILLED_BY."""
    used = slots.use(f"{what}:{label}", ruled)
    if not ruled:
        return "slot_model" if used else "plain_reading"
    return "rules_else_slot_model" if used else "rules"
