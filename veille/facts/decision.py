"""Rules propose, a trained model decides: each proposed fact gets the probability that it
is right, and facts under the threshold are dropped.

Two decisions, one model file:
- moves and positions are decided by person–organisation pair (`people/`): the rules'
  facts and the wider candidates of `people/candidates.py`, one logistic regression per
  label (start, end, position) over named features;
- every other fact (partnerships, amounts, market shares, and a move with no
  organisation) by a logistic regression over `features.FEATURE_NAMES`.
Both are trained on the train split of `data/gold/` (`veille train`, `veille/training/`):
the pairs' calibration and thresholds are fitted on train's cross-fitted scores, the
fact-by-fact ones on dev. Both are stored as plain JSON in the package (coefficients,
calibration curves, thresholds): applying them needs numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from veille.errors import SettingsError
from veille.facts.context import ArticleContext, Chunk
from veille.facts.fact_features import FEATURE_NAMES, ArticleView, fact_features
from veille.facts.people.candidates import decided_by_pair, sentence_pairs
from veille.facts.people.decide import decide_pairs
from veille.facts.people.model import PairModel
from veille.facts.people.one_post import one_fact_per_post
from veille.records import (
    RULES_VERSION,
    SHIPPED_MODEL_PATH,
    Fact,
    decision_model_id,
)

# Settings.decision_model values that keep the rules' own confidence and every fact.
RULES_ONLY = ("none", "rules")


@dataclass(frozen=True)
class DecisionModel:
    """A trained decision: weights over the features, then a calibration curve."""

    name: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    threshold: float
    trained: dict[str, Any]
    # the decision on person–organisation pairs; None in a model trained before it
    pairs: PairModel | None = None

    def probabilities(self, rows: list[list[float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        raw = 1.0 / (1.0 + np.exp(-(x @ self.weights + self.intercept)))
        return np.interp(raw, self.calibration_x, self.calibration_y)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercept": self.intercept,
            "calibration": {"x": self.calibration_x.tolist(), "y": self.calibration_y.tolist()},
            "threshold": self.threshold,
            "trained": self.trained,
            **({"pairs": self.pairs.to_dict()} if self.pairs is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str) -> DecisionModel:
        features = tuple(data["features"])
        if features != FEATURE_NAMES:
            raise SettingsError(
                f"decision model {name} was trained on other features than this veille "
                "computes; retrain it with `veille train`"
            )
        return cls(
            name=name,
            features=features,
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            weights=np.asarray(data["weights"], dtype=float),
            intercept=float(data["intercept"]),
            calibration_x=np.asarray(data["calibration"]["x"], dtype=float),
            calibration_y=np.asarray(data["calibration"]["y"], dtype=float),
            threshold=float(data["threshold"]),
            trained=dict(data.get("trained", {})),
            pairs=PairModel.from_dict(data["pairs"]) if "pairs" in data else None,
        )

    def threshold_for(self, min_confidence: float | None) -> float:
        """The fact-by-fact threshold: the one chosen on dev, or `min_confidence`."""
        return self.threshold if min_confidence is None else min_confidence

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")


@cache
def load_model(path: str = "") -> DecisionModel | None:
    """The model at `path` ("" for the shipped one), or None for rules only."""
    if path in RULES_ONLY:
        return None
    file = Path(path) if path else SHIPPED_MODEL_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(
            f"cannot read the decision model {file}: {exc}; give decision_model = \"none\" "
            "for rules only, or rebuild it with `veille train`"
        ) from exc
    return DecisionModel.from_dict(data, decision_model_id(file))


def decide(
    facts: list[Fact],
    chunks: list[Chunk],
    ctx: ArticleContext,
    model: DecisionModel,
    min_confidence: float | None,
    set_aside: list[tuple[Fact, Fact]],
) -> list[Fact]:
    """The facts the model keeps, each with its calibrated probability as confidence, in
    the order of their evidence. `min_confidence` None applies the model's thresholds.
    `set_aside` receives the facts one_post.py drops, each with the fact that states
    its post."""
    rest = facts
    people: list[Fact] = []
    if model.pairs is not None:
        rest = [f for f in facts if not decided_by_pair(f)]
        people, merged = one_fact_per_post(decide_pairs(
            sentence_pairs(chunks, ctx, facts), ctx, model.pairs, min_confidence))
        set_aside += merged
    kept = people + decide_each(rest, ctx.text, ctx.article.lead_starts, model, min_confidence)
    for fact in kept:
        fact.extractor_version = f"{RULES_VERSION}+{model.name}"
    return sorted(kept, key=lambda f: (f.evidence.start, f.evidence.end))


def decide_each(
    facts: list[Fact],
    text: str,
    lead_starts: list[int],
    model: DecisionModel,
    min_confidence: float | None,
) -> list[Fact]:
    """The facts the fact-by-fact model keeps (the ones no pair decides)."""
    if not facts:
        return facts
    _, _, probabilities = each_probability(facts, text, lead_starts, model)
    threshold = model.threshold_for(min_confidence)
    kept = []
    for fact, probability in zip(facts, probabilities, strict=True):
        fact.confidence = probability
        if probability >= threshold:
            kept.append(fact)
    return kept


def each_probability(
    facts: list[Fact], text: str, lead_starts: list[int], model: DecisionModel
) -> tuple[list[dict[str, Any]], list[list[float]], list[float]]:
    """The fact-by-fact model's probability of each fact, rounded as it is stored, with
    the fact dicts and feature rows it read (explain shows their weight)."""
    view = ArticleView.of(text, lead_starts)
    dicts = [fact.to_dict() for fact in facts]
    rows = [fact_features(d, view, dicts) for d in dicts]
    return dicts, rows, [round(float(p), 3) for p in model.probabilities(rows)]
