"""Training the decision on person–organisation pairs (veille/facts/people/).

Labels: a pair is a `start` when a required gold move of the article has that change and
matches the pair's person and organisation by FACTS.md's name rules (alternatives,
case, accents), likewise `end`; a `position` when a required gold position matches. A
pair matching only optional gold facts of a label is left out of that label's training.
Candidate recall, the share of required gold facts some pair matches, is the ceiling of
the decision and is reported with it.

Learners: a logistic regression per label on the named features, against gradient
boosting on the same features; compared on dev (log loss, AUC, best F1). Calibrated on
train's cross-fitted scores (each article scored by a model fitted without it) by
isotonic regression or Platt scaling, whichever dev finds better calibrated; each
label's thresholds are the ones with the best F1 on those same cross-fitted scores, each
gold fact counted once however many pairs match it (as FACTS.md scoring does). Dev is
held out from both, so its figures are measured, not fitted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from veille.evaluate.calibration import reliability
from veille.evaluate.matching import dates_agree
from veille.evaluate.names import name_matches, roles_agree
from veille.facts.people.model import LABELS, LabelModel, PairModel
from veille.records import PairRow, SlotCandidate
from veille.training.scores import kept_scores

# Inverse L2 strengths tried for each label's logistic regression; dev's log loss picks
# one (the words are many and the examples few: strong regularisation tends to win).
REGULARISATIONS = (0.1, 0.3, 1.0)
# Features seen in fewer train pairs than this are dropped: they cannot be learned.
MIN_FEATURE_COUNT = 2
# Gradient boosting, the learner compared, reads only this many of the most frequent
# features: on thousands of rare words its dense matrix would cost minutes for nothing.
BOOSTING_FEATURES = 600


@dataclass(frozen=True)
class SlotGroup:
    """The candidates of one slot ("role:start", "date:end"…) of a pair that a required
    gold fact matches, each marked right when it agrees with that fact as FACTS.md
    scores it (`roles_agree`, `dates_agree`), with what the pair model reads of the
    pair's sentences (to find where the label is likeliest) and how many facts of the
    label the rules proposed for the pair."""

    slot: str
    candidates: list[SlotCandidate]
    right: list[bool]
    occurrences: list[tuple[dict[str, float], tuple[int, int]]]
    ruled: int
    gold: str | None

    @property
    def label(self) -> str:
        return self.slot.split(":")[1]


@dataclass
class PairExamples:
    rows: list[dict[str, float]] = field(default_factory=list)
    # per label: 1, 0, or None (matches only optional gold: not trained on)
    labels: dict[str, list[int | None]] = field(
        default_factory=lambda: {label: [] for label in LABELS})
    gold_required: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    candidate_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    generator_hits: dict[str, dict[str, int]] = field(default_factory=dict)
    articles: int = 0
    # per label and row, the required gold facts the row matches, numbered over all the
    # articles (a gold fact matched by several pairs is still one fact: scores.py)
    covers: dict[str, list[tuple[int, ...]]] = field(
        default_factory=lambda: {label: [] for label in LABELS})
    gold_facts: int = 0
    # the slots of the pairs that required gold facts match (training/slots.py)
    slot_groups: list[SlotGroup] = field(default_factory=list)
    # per row, the number of its article (cross-fitting keeps an article in one fold)
    article_of: list[int] = field(default_factory=list)

    def extend(self, other: PairExamples) -> None:
        self.rows += other.rows
        self.article_of += [a + self.articles for a in other.article_of]
        self.slot_groups += other.slot_groups
        for label in LABELS:
            self.labels[label] += other.labels[label]
            self.covers[label] += [tuple(k + self.gold_facts for k in keys)
                                   for keys in other.covers[label]]
            self.gold_required[label] += other.gold_required[label]
            self.candidate_hits[label] += other.candidate_hits[label]
        for generator, hits in other.generator_hits.items():
            mine = self.generator_hits.setdefault(generator, dict.fromkeys(LABELS, 0))
            for label in LABELS:
                mine[label] += hits[label]
        self.articles += other.articles
        self.gold_facts += other.gold_facts

    def candidate_recall(self) -> dict[str, float]:
        return {label: round(self.candidate_hits[label] / max(self.gold_required[label], 1), 4)
                for label in LABELS}


def _gold_label(fact: dict[str, Any]) -> str | None:
    if fact.get("type") == "move":
        return str(fact.get("change"))
    return "position" if fact.get("type") == "position" else None


def _matches(fact: dict[str, Any], row: PairRow) -> bool:
    return name_matches(fact.get("person"), row.person) and name_matches(fact.get("org"), row.org)


def label_article(rows: Sequence[PairRow], gold_facts: list[dict[str, Any]]) -> PairExamples:
    gold = [(f, _gold_label(f)) for f in gold_facts if _gold_label(f) in LABELS]
    examples = PairExamples(articles=1, gold_facts=len(gold))
    for fact, label in gold:
        if fact.get("optional") or label is None:
            continue
        examples.gold_required[label] += 1
        found = [row for row in rows if _matches(fact, row)]
        if found:
            examples.candidate_hits[label] += 1
        for generator in sorted({g for row in found for g in row.generators}):
            examples.generator_hits.setdefault(generator, dict.fromkeys(LABELS, 0))[label] += 1
    for row in rows:
        examples.rows.append(row.features)
        examples.article_of.append(0)
        for label in LABELS:
            matched = [k for k, (f, lab) in enumerate(gold) if lab == label and _matches(f, row)]
            required = tuple(k for k in matched if not gold[k][0].get("optional"))
            value: int | None = int(bool(matched))
            if matched and not required:
                value = None
            examples.labels[label].append(value)
            examples.covers[label].append(required)
            for k in required:
                examples.slot_groups += slot_groups(row, label, gold[k][0])
    return examples


def slot_groups(row: PairRow, label: str, fact: dict[str, Any]) -> list[SlotGroup]:
    """The role slot (and for a move the date slot) of the row for the gold fact."""
    out = []
    slots = [("role", fact.get("role"))] + ([("date", fact.get("date"))] if label != "position"
                                            else [])
    for what, gold in slots:
        candidates = row.slots.get(f"{what}:{label}")
        if not candidates:
            continue
        agree = roles_agree if what == "role" else dates_agree
        out.append(SlotGroup(
            f"{what}:{label}", candidates, [agree(gold, c.value) for c in candidates],
            row.occurrences, row.rule_counts.get(label, 0),
            None if gold is None else str(gold)))
    return out


@dataclass
class PairTraining:
    model: PairModel
    report: dict[str, Any]


def _ruled(examples: PairExamples, rows: Sequence[int], label: str) -> np.ndarray:
    """Per row, whether the rules proposed the label for the pair: such pairs have a
    threshold of their own."""
    return np.asarray([bool(examples.rows[i].get(f"rule:{label}")) for i in rows])


def _best_thresholds(
    p: np.ndarray, y: np.ndarray, ruled: np.ndarray, gold: int,
    covers: Sequence[tuple[int, ...]],
) -> tuple[float, float]:
    """The pair of thresholds (the rules' other pairs, the rules' pairs) with the best
    F1, recall against all gold, each gold fact counted once; among equals the lowest
    (no fact dropped for nothing)."""
    grid = [0.0, *np.round(np.arange(OUTPUT_FLOOR, 0.96, 0.05), 2).tolist()]
    best: tuple[float, float, float] = (0.0, 0.5, 0.5)
    for t_new in grid[1:]:
        for t_ruled in grid:
            f1 = kept_scores(np.where(ruled, p >= t_ruled, p >= t_new), y, gold, covers)[2]
            if f1 > best[0] + 1e-9:
                best = (f1, float(t_new), float(t_ruled))
    return best[1], best[2]


def _best_f1(p: np.ndarray, y: np.ndarray, gold: int,
             covers: Sequence[tuple[int, ...]]) -> float:
    """The best F1 of one threshold over the pairs, recall against all gold, each gold
    fact counted once."""
    return max(kept_scores(p >= threshold, y, gold, covers)[2]
               for threshold in np.round(np.arange(OUTPUT_FLOOR, 0.96, 0.05), 2))


@dataclass(frozen=True)
class FeatureMatrix:
    """Named feature rows as a sparse matrix, keeping the features seen in at least
    `min_count` rows (the rarer cannot be learned); `transform` reads other rows (dev)
    into the same columns."""

    vectoriser: DictVectorizer
    keep: np.ndarray
    names: list[str]
    x: sparse.csr_matrix
    counts: np.ndarray  # rows each kept feature is seen in

    @classmethod
    def fit(cls, rows: Sequence[dict[str, float]], min_count: int) -> FeatureMatrix:
        vectoriser = DictVectorizer(sort=True)
        x = vectoriser.fit_transform(rows)
        counts = np.asarray((x != 0).sum(axis=0)).ravel()
        keep = np.flatnonzero(counts >= min_count)
        return cls(vectoriser, keep, [vectoriser.feature_names_[i] for i in keep],
                   x[:, keep].tocsr(), counts[keep])

    def transform(self, rows: Sequence[dict[str, float]]) -> sparse.csr_matrix:
        return self.vectoriser.transform(rows)[:, self.keep].tocsr()


def fit_pairs(train: PairExamples, dev: PairExamples, seed: int) -> PairTraining:
    matrix = FeatureMatrix.fit(train.rows, MIN_FEATURE_COUNT)
    names, x_all = matrix.names, matrix.x
    x_dev_all = matrix.transform(dev.rows)
    common = np.sort(np.argsort(-matrix.counts, kind="stable")[:BOOSTING_FEATURES])
    labels: dict[str, LabelModel] = {}
    report: dict[str, Any] = {
        "train_pairs": len(train.rows), "dev_pairs": len(dev.rows), "features": len(names),
        "candidate_recall": {"train": train.candidate_recall(), "dev": dev.candidate_recall()},
        "labels": {},
    }
    for label in LABELS:
        rows = [i for i, v in enumerate(train.labels[label]) if v is not None]
        dev_rows = [i for i, v in enumerate(dev.labels[label]) if v is not None]
        x, y = x_all[rows], np.asarray([train.labels[label][i] for i in rows])
        x_dev = x_dev_all[dev_rows]
        y_dev = np.asarray([dev.labels[label][i] for i in dev_rows])
        if len(set(y.tolist())) < 2 or len(set(y_dev.tolist())) < 2:
            raise ValueError(f"training {label}: train and dev both need pairs that are and "
                             f"are not a {label}; got {int(y.sum())} of {len(y)} in train, "
                             f"{int(y_dev.sum())} of {len(y_dev)} in dev")
        logistic, raw, strength = _logistic(x, y, x_dev, y_dev, seed)
        boosting = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05,
                                                  max_leaf_nodes=15, random_state=seed)
        boosting.fit(_dense(x[:, common]), y)
        raw_boost = boosting.predict_proba(_dense(x_dev[:, common]))[:, 1]
        gold = dev.gold_required[label]
        # Calibration and thresholds are fitted on train's cross-fitted scores (each
        # article scored by a model that never saw it), not on dev: 4.5 times the data,
        # and dev stays held out to choose the curve's kind and to be measured on.
        held_out = _cross_fitted(x, y, [train.article_of[i] for i in rows], strength, seed)
        calibration, dev_ece = _calibration(held_out, y, raw, y_dev)
        curve_x, curve_y = calibration(held_out, y)
        threshold, threshold_ruled = _best_thresholds(
            np.interp(held_out, curve_x, curve_y), y, _ruled(train, rows, label),
            train.gold_required[label], [train.covers[label][i] for i in rows])
        calibrated = np.interp(raw, curve_x, curve_y)
        covers = [dev.covers[label][i] for i in dev_rows]
        precision, recall, f1 = kept_scores(
            np.where(_ruled(dev, dev_rows, label), calibrated >= threshold_ruled,
                     calibrated >= threshold),
            y_dev, gold, covers)
        labels[label] = LabelModel(
            weights={n: float(w) for n, w in zip(names, logistic.coef_[0], strict=True)},
            intercept=float(logistic.intercept_[0]),
            calibration_x=curve_x,
            calibration_y=curve_y,
            threshold=threshold,
            threshold_ruled=threshold_ruled,
        )
        report["labels"][label] = {
            "train_positive": int(y.sum()), "dev_positive": int(y_dev.sum()),
            "dev_gold": gold,
            "learners": [_learner("logistic_regression", raw, y_dev, gold, covers),
                         _learner("gradient_boosting", raw_boost, y_dev, gold, covers)],
            "threshold": threshold, "threshold_ruled": threshold_ruled,
            "regularisation_c": strength,
            "calibration": calibration.__name__.strip("_"),
            "calibration_dev_ece": dev_ece,
            "dev_pair_precision": round(precision, 4), "dev_pair_recall": round(recall, 4),
            "dev_pair_f1": round(f1, 4),
        }
    return PairTraining(PairModel(labels), report)


def _logistic(
    x: sparse.csr_matrix, y: np.ndarray, x_dev: sparse.csr_matrix, y_dev: np.ndarray, seed: int
) -> tuple[LogisticRegression, np.ndarray, float]:
    """The logistic regression of the strength with the best dev log loss."""
    best: tuple[float, LogisticRegression, np.ndarray, float] | None = None
    for strength in REGULARISATIONS:
        model = LogisticRegression(C=strength, max_iter=5000, random_state=seed).fit(x, y)
        raw = model.predict_proba(x_dev)[:, 1]
        loss = float(log_loss(y_dev, np.clip(raw, 1e-6, 1 - 1e-6), labels=[0, 1]))
        if best is None or loss < best[0]:
            best = (loss, model, raw, strength)
    assert best is not None
    return best[1], best[2], best[3]


Curve = tuple[np.ndarray, np.ndarray]
# The lowest probability a threshold is ever set at (`_best_f1` starts there).
OUTPUT_FLOOR = 0.05


def _isotonic(raw: np.ndarray, y: np.ndarray) -> Curve:
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
    return (np.asarray(fitted.X_thresholds_, dtype=float),
            np.asarray(fitted.y_thresholds_, dtype=float))


def _platt(raw: np.ndarray, y: np.ndarray) -> Curve:
    """A sigmoid of the raw score's log-odds, stored as the same kind of curve as the
    isotonic one (sampled on 201 points): smoother, harder to overfit on few positives."""
    logit = np.log(np.clip(raw, 1e-6, 1 - 1e-6) / (1 - np.clip(raw, 1e-6, 1 - 1e-6)))
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(logit.reshape(-1, 1), y)
    xs = np.linspace(0.0, 1.0, 201)
    grid = np.log(np.clip(xs, 1e-6, 1 - 1e-6) / (1 - np.clip(xs, 1e-6, 1 - 1e-6)))
    return xs, np.round(fitted.predict_proba(grid.reshape(-1, 1))[:, 1], 6)


def _calibration(
    held_out: np.ndarray, y: np.ndarray, raw_dev: np.ndarray, y_dev: np.ndarray
) -> tuple[Callable[..., Curve], float]:
    """Isotonic regression or Platt scaling, each fitted on train's cross-fitted scores,
    whichever has the lower calibration error on dev, measured over the pairs that may
    become facts (probability at least OUTPUT_FLOOR): the thousands of pairs near 0
    would make any curve look calibrated."""
    best: tuple[float, Callable[..., Curve]] | None = None
    for method in (_isotonic, _platt):
        x, c = method(held_out, y)
        p = np.interp(raw_dev, x, c)
        shown = p >= OUTPUT_FLOOR
        _, error = reliability(list(zip(p[shown], y_dev[shown], strict=True)))
        error = 1.0 if error is None else error
        if best is None or error < best[0]:
            best = (error, method)
    assert best is not None
    return best[1], round(best[0], 4)


# Cross-fitting: train's articles in this many folds, each scored by a model of the rest.
FOLDS = 5


def _cross_fitted(
    x: sparse.csr_matrix, y: np.ndarray, articles: Sequence[int], strength: float, seed: int
) -> np.ndarray:
    """Each train pair's probability from the logistic regression (of the chosen
    strength) fitted on the folds its article is not in: the scores a model gives text
    it has not seen, which the calibration and the thresholds are fitted on."""
    fold = np.asarray(articles) % FOLDS
    scores = np.zeros(len(y))
    for k in range(FOLDS):
        fit_on, score_on = fold != k, fold == k
        if not score_on.any():
            continue
        if len(set(y[fit_on].tolist())) < 2:
            # only a handful of train articles (a test's, say): the rest knows one answer
            scores[score_on] = float(y[fit_on].mean()) if fit_on.any() else 0.0
            continue
        model = LogisticRegression(C=strength, max_iter=5000, random_state=seed)
        scores[score_on] = model.fit(x[fit_on], y[fit_on]).predict_proba(x[score_on])[:, 1]
    return scores


def _dense(x: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(x.todense())


def _learner(name: str, raw: np.ndarray, y: np.ndarray, gold: int,
             covers: Sequence[tuple[int, ...]]) -> dict[str, Any]:
    f1 = _best_f1(raw, y, gold, covers)
    return {"learner": name,
            "dev_log_loss": round(float(log_loss(y, np.clip(raw, 1e-6, 1 - 1e-6),
                                                 labels=[0, 1])), 4),
            "dev_auc": round(float(roc_auc_score(y, raw)), 4),
            "dev_best_f1": round(f1, 4)}
