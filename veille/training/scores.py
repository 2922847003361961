"""Precision, recall and F1 of the rows a threshold keeps: what training chooses
thresholds and compares learners by (fit.py, pairs.py)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def kept_scores(
    kept: np.ndarray,
    labels: np.ndarray,
    gold_required: int,
    covers: Sequence[tuple[int, ...]] | None = None,
) -> tuple[float, float, float]:
    """(precision, recall, F1) of the rows `kept` (a boolean mask) against `labels`,
    recall against all `gold_required`; 0 where undefined.

    With `covers` (per row, the gold facts it matches), a gold fact counts once however
    many kept rows match it, as FACTS.md scoring pairs facts one to one: two pairs
    matching one gold move ("gouvernement" and "ministère de la Santé", both forms of
    its organisation) are one right fact and one spurious."""
    if covers is None:
        tp = int(labels[kept].sum())
    else:
        tp = len({key for row in np.flatnonzero(kept).tolist() for key in covers[row]})
    precision = tp / int(kept.sum()) if kept.any() else 0.0
    recall = tp / gold_required if gold_required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
