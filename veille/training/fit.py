"""Fitting the decision model: two learners compared on dev, one calibrated and kept.

Deterministic: the learners get the seed, the data come in file order, and nothing
depends on the machine (two cores, a few seconds once the rules have run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from veille.facts.decision import DecisionModel
from veille.facts.fact_features import FEATURE_NAMES
from veille.training.dataset import Examples
from veille.training.scores import kept_scores

THRESHOLD_GAIN = 0.005


@dataclass
class LearnerScore:
    """How one learner's raw probabilities do on dev."""

    name: str
    log_loss: float
    auc: float | None
    best_f1: float
    best_threshold: float

    def to_dict(self) -> dict[str, Any]:
        return {"learner": self.name, "dev_log_loss": round(self.log_loss, 4),
                "dev_auc": None if self.auc is None else round(self.auc, 4),
                "dev_best_f1": round(self.best_f1, 4),
                "dev_best_threshold": round(self.best_threshold, 3)}


@dataclass
class Training:
    """The model kept, and what was measured on the way."""

    model: DecisionModel
    learners: list[LearnerScore]
    dev_rules_f1: float
    dev_f1: float


def f1_by_threshold(
    probabilities: np.ndarray, labels: np.ndarray, gold_required: int
) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, F1) over kept proposals, recall against all gold.

    A gold fact no proposal matches counts as missed at every threshold: the rules'
    recall is the ceiling of the decision.
    """
    return [
        (float(threshold), *kept_scores(probabilities >= threshold, labels, gold_required))
        for threshold in np.round(np.arange(0.0, 1.0, 0.05), 2)
    ]


def _score(name: str, raw: np.ndarray, labels: np.ndarray, gold_required: int) -> LearnerScore:
    curve = f1_by_threshold(raw, labels, gold_required)
    best = max(curve, key=lambda row: row[3])
    auc = roc_auc_score(labels, raw) if 0 < labels.sum() < len(labels) else None
    return LearnerScore(name, log_loss(labels, np.clip(raw, 1e-6, 1 - 1e-6), labels=[0, 1]),
                        auc, best[3], best[0])


def fit(train: Examples, dev: Examples, seed: int) -> Training:
    """Logistic regression and gradient boosting fitted on train and compared on dev; the
    logistic regression is kept (see README "Quality": its weights ship as JSON and apply
    with numpy, and on dev it does as well as boosting), calibrated on dev by isotonic
    regression, with the lowest threshold within THRESHOLD_GAIN of the best F1 on dev."""
    if len(set(train.labels)) < 2 or not dev.rows:
        raise ValueError(
            "training needs right and wrong proposals in train, and proposals in dev; "
            f"got {sum(train.labels)} right of {len(train.labels)} in train, "
            f"{len(dev.rows)} in dev"
        )
    x, y = np.asarray(train.rows), np.asarray(train.labels)
    x_dev, y_dev = np.asarray(dev.rows), np.asarray(dev.labels)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    logistic = LogisticRegression(C=1.0, max_iter=5000, random_state=seed)
    logistic.fit((x - mean) / scale, y)
    boosting = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05,
                                              max_leaf_nodes=15, random_state=seed)
    boosting.fit(x, y)
    gold_dev = sum(dev.gold_required.values())
    raw = logistic.predict_proba((x_dev - mean) / scale)[:, 1]
    learners = [
        _score("logistic_regression", raw, y_dev, gold_dev),
        _score("gradient_boosting", boosting.predict_proba(x_dev)[:, 1], y_dev, gold_dev),
    ]
    isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    isotonic.fit(raw, y_dev)
    curve = f1_by_threshold(isotonic.predict(raw), y_dev, gold_dev)
    # A threshold has to earn its place: the lowest one within THRESHOLD_GAIN of the best
    # dev F1 is kept, so that no fact is dropped for a gain dev cannot tell from noise.
    best = max(row[3] for row in curve)
    threshold, _, _, dev_f1 = next(row for row in curve if row[3] >= best - THRESHOLD_GAIN)
    model = DecisionModel(
        name="trained",
        features=FEATURE_NAMES,
        mean=mean,
        scale=scale,
        weights=logistic.coef_[0],
        intercept=float(logistic.intercept_[0]),
        calibration_x=np.asarray(isotonic.X_thresholds_, dtype=float),
        calibration_y=np.asarray(isotonic.y_thresholds_, dtype=float),
        threshold=threshold,
        trained={
            "seed": seed,
            "train_articles": train.articles,
            "train_rows": len(train.rows),
            "train_right": int(y.sum()),
            "dev_articles": dev.articles,
            "dev_rows": len(dev.rows),
            "learners": [learner.to_dict() for learner in learners],
            "dev_f1_at_threshold": round(dev_f1, 4),
        },
    )
    return Training(model, learners, curve[0][3], dev_f1)
