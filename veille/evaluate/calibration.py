"""Does a confidence mean what it says? Reliability of the predicted facts' confidence.

Read from an EvaluationReport's outcomes: each predicted fact's confidence and whether it
matched a required gold fact. A prediction matching only an optional gold fact is left
out, as scoring leaves it out. Expected calibration error (ECE) is the gap between
confidence and accuracy, averaged over equal-width bins weighted by their size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from veille.evaluate.scoring import EvaluationReport

THRESHOLDS = tuple(round(0.1 * i, 1) for i in range(10))


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    facts: int
    mean_confidence: float | None
    accuracy: float | None


@dataclass(frozen=True)
class ThresholdRow:
    """Scores of the facts kept at `threshold` (confidence ≥ threshold)."""

    threshold: float
    kept: int
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass(frozen=True)
class Calibration:
    fact_type: str
    facts: int
    ece: float | None
    bins: list[Bin]
    curve: list[ThresholdRow]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.fact_type,
            "facts": self.facts,
            "ece": self.ece,
            "bins": [vars(b) for b in self.bins],
            "curve": [vars(r) for r in self.curve],
        }


def calibration(report: EvaluationReport, fact_type: str = "all", bins: int = 10) -> Calibration:
    """Reliability by confidence bin and P / R / F1 by threshold, for one type or all."""
    pairs = [
        (confidence, right)
        for kind, confidence, right in report.outcomes
        if right is not None and confidence is not None and fact_type in ("all", kind)
    ]
    score = report.overall if fact_type == "all" else report.scores[fact_type]
    gold_required = score.tp + score.fn
    table, ece = reliability(pairs, bins)
    curve = []
    for threshold in THRESHOLDS:
        kept = [r for c, r in pairs if c >= threshold]
        right = sum(kept)
        precision = right / len(kept) if kept else None
        recall = right / gold_required if gold_required else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision and recall else None)
        curve.append(ThresholdRow(threshold, len(kept), precision, recall, f1))
    return Calibration(fact_type, len(pairs), None if ece is None else round(ece, 4), table,
                       curve)


def reliability(
    pairs: Sequence[tuple[float, Any]], bins: int = 10
) -> tuple[list[Bin], float | None]:
    """The confidence bins of (confidence, right) pairs and their expected calibration
    error (unrounded; None with no pairs). Training uses it to choose a calibration."""
    table = []
    weighted_gap = 0.0
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        inside = [(c, r) for c, r in pairs if low <= c < high or (index == bins - 1 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            accuracy = sum(r for _, r in inside) / len(inside)
            weighted_gap += len(inside) * abs(mean - accuracy)
            table.append(Bin(low, high, len(inside), round(mean, 4), round(accuracy, 4)))
        else:
            table.append(Bin(low, high, 0, None, None))
    return table, (weighted_gap / len(pairs) if pairs else None)
