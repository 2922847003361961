"""The trained decision on a person–organisation pair: start, end, position, or nothing.

One logistic regression per label over the named features of `people/features.py`,
trained on the train split (`veille train`), each calibrated on train's cross-fitted
scores (isotonic regression or Platt scaling, whichever dev finds better calibrated) and
given the thresholds with the best F1 on those scores (one for the pairs the rules
proposed with the label, one for the others). A pair may be both a start and an
end (a career step "de 2003 à 2008"); a position is only given to a pair with no move
(FACTS.md). Weights are stored by feature name in the model's JSON: a word train never
saw weighs nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

LABELS = ("start", "end", "position")


@dataclass(frozen=True)
class LabelModel:
    weights: dict[str, float]
    intercept: float
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    threshold: float
    # the threshold for a pair the rules proposed with this label: dev chooses it apart,
    # the rules' reading being evidence of its own (0 keeps every one of them)
    threshold_ruled: float

    def threshold_for(self, features: dict[str, float], label: str) -> float:
        return self.threshold_ruled if features.get(f"rule:{label}") else self.threshold

    def raw(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))

    def probability(self, features: dict[str, float]) -> float:
        return float(np.interp(self.raw(features), self.calibration_x, self.calibration_y))

    def contributions(self, features: dict[str, float], top: int) -> list[tuple[str, float, float]]:
        """(feature, value, part of the log-odds), strongest first."""
        parts = [(n, v, self.weights.get(n, 0.0) * v) for n, v in features.items()]
        parts = [p for p in parts if p[2]]
        parts.sort(key=lambda p: (-abs(p[2]), p[0]))
        return [(n, round(v, 3), round(c, 3)) for n, v, c in parts[:top]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "intercept": self.intercept,
            "threshold": self.threshold,
            "threshold_ruled": self.threshold_ruled,
            "calibration": {"x": self.calibration_x.tolist(), "y": self.calibration_y.tolist()},
            # sorted: the same model gives the same file
            "weights": {n: round(w, 6) for n, w in sorted(self.weights.items()) if w},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LabelModel:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            calibration_x=np.asarray(data["calibration"]["x"], dtype=float),
            calibration_y=np.asarray(data["calibration"]["y"], dtype=float),
            threshold=float(data["threshold"]),
            threshold_ruled=float(data["threshold_ruled"]),
        )


# What the slot model fills, by kind of slot: "role:move", "date:move", "role:position".
SLOT_KINDS = ("role:move", "date:move", "role:position")
# Which facts a kind of slot is filled for: none (the rules' reading or slots.py's plain
# one), the facts no rule proposed, or all of them (the rules' facts too).
SLOT_USES = ("none", "new", "all")


@dataclass(frozen=True)
class SlotModel:
    """Which candidate fills a slot (`people/slot_features.py`): a logistic regression
    over the candidates' features, one for roles and one for dates, trained on train to
    tell the candidates that agree with the gold fact (FACTS.md scoring); the candidate
    it scores highest is taken. `uses` says, by kind of slot, which facts dev chose to
    fill with it."""

    weights: dict[str, dict[str, float]]  # "role" / "date" -> feature -> weight
    uses: dict[str, str]

    def use(self, slot: str, ruled: bool) -> bool:
        """Whether the model fills this slot ("role:start", "date:end", "role:position")
        of a fact the rules proposed (`ruled`) or not."""
        what, label = slot.split(":")
        use = self.uses.get(f"{what}:{'position' if label == 'position' else 'move'}", "none")
        return use == "all" or (use == "new" and not ruled)

    def score(self, what: str, features: dict[str, float]) -> float:
        weights = self.weights[what]
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, what: str, candidates: list[dict[str, float]]) -> int:
        """The index of the best candidate (the first of equals)."""
        scores = [self.score(what, features) for features in candidates]
        return max(range(len(scores)), key=lambda i: (scores[i], -i))

    def to_dict(self) -> dict[str, Any]:
        return {
            "uses": {kind: self.uses[kind] for kind in SLOT_KINDS},
            "weights": {what: {n: round(w, 6) for n, w in sorted(weights.items()) if round(w, 6)}
                        for what, weights in sorted(self.weights.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SlotModel:
        return cls(
            weights={str(what): {str(n): float(w) for n, w in weights.items()}
                     for what, weights in data["weights"].items()},
            uses={str(k): str(v) for k, v in data["uses"].items()},
        )


@dataclass(frozen=True)
class PairModel:
    labels: dict[str, LabelModel]
    # the slot model; None in a model trained before it (slots.py's plain reading then)
    slots: SlotModel | None = None

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        return {label: model.probability(features) for label, model in self.labels.items()}

    def to_dict(self) -> dict[str, Any]:
        data = {label: self.labels[label].to_dict() for label in LABELS}
        if self.slots is not None:
            data["slots"] = self.slots.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        return cls({label: LabelModel.from_dict(data[label]) for label in LABELS},
                   SlotModel.from_dict(data["slots"]) if "slots" in data else None)
