"""Precision, recall and F1 of the rows a threshold keeps: what training chooses
thresholds and compares learners by (fit.py, pairs.py)."""

from __future__ import annotations

import numpy as np


def kept_scores(kept: np.ndarray, labels: np.ndarray, gold_required: int
                ) -> tuple[float, float, float]:
    """(precision, recall, F1) of the rows `kept` (a boolean mask) against `labels`,
    recall against all `gold_required`; 0 where undefined."""
    tp = int(labels[kept].sum())
    precision = tp / int(kept.sum()) if kept.any() else 0.0
    recall = tp / gold_required if gold_required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
