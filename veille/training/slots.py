"""Training the slot model: which role and which date fill a pair's fact (facts/people/).

Examples: the slots of the train pairs that a required gold fact matches
(`pairs.SlotGroup`), every candidate labelled right when it agrees with the gold fact
as FACTS.md scores it. One logistic regression for roles and one for dates, over the
candidates' features; the candidate scored highest fills the slot. The regularisation
is chosen on dev (the share of dev slots filled right); then, for each kind of slot
(a move's role, a move's date, a position's role), dev compares the model's choice with
today's reading, apart for the pairs no rule read and for those the rules read once
with no role: the model fills the slots of the facts where it does better than that
reading (`SlotModel.uses`), and none where it does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from veille.facts.people.model import SLOT_KINDS, PairModel, SlotModel
from veille.facts.people.slot_features import finish
from veille.facts.people.slots import likeliest_occurrence
from veille.training.pairs import FeatureMatrix, SlotGroup

# Inverse L2 strengths tried; dev's share of slots filled right picks one.
SLOT_REGULARISATIONS = (0.03, 0.1, 0.3, 1.0, 3.0)
# Features seen in fewer train candidates than this are dropped.
MIN_SLOT_FEATURE_COUNT = 2


@dataclass
class SlotTraining:
    model: SlotModel | None
    report: dict[str, Any]


def kind_of(group: SlotGroup) -> str:
    what, label = group.slot.split(":")
    return f"{what}:{'position' if label == 'position' else 'move'}"


def group_features(group: SlotGroup, pairs: PairModel) -> list[dict[str, float]]:
    """The candidates' features, with the sentence the pair model finds the label
    likeliest in (as extraction finds it, `slots.best_occurrence`)."""
    best = likeliest_occurrence(group.occurrences, pairs.labels[group.label])
    return finish(group.candidates, best, group.label)


def todays_choice(group: SlotGroup, features: list[dict[str, float]]) -> int | None:
    """The candidate today's reading takes: the rules' one reading of the label (their
    role or date, else none), or for a pair no rule read, the plain reading of the
    sentence where the label is likeliest (else none). None where the rules read the
    label more than once: their readings stand there whatever the model says."""
    none = len(group.candidates) - 1  # "none" is always last (slot_features.py)
    if group.ruled > 1:
        return None
    if group.ruled == 1:
        return next((i for i, f in enumerate(features) if f.get("src:rule")), none)
    return next((i for i, f in enumerate(features) if f.get("plain_in_best")), none)


@dataclass
class _Split:
    groups: list[SlotGroup]
    features: list[list[dict[str, float]]]

    def today(self) -> list[int | None]:
        return [todays_choice(g, f) for g, f in zip(self.groups, self.features, strict=True)]


def fit_slots(
    train: Sequence[SlotGroup], dev: Sequence[SlotGroup], pairs: PairModel, seed: int
) -> SlotTraining:
    """The slot model fitted on train, chosen on dev; None when train or dev lack the
    slots to learn or to judge it (today's reading is kept then)."""
    weights: dict[str, dict[str, float]] = {}
    uses: dict[str, str] = dict.fromkeys(SLOT_KINDS, "none")
    report: dict[str, Any] = {"kinds": {}}
    for what in ("role", "date"):
        tr = _split([g for g in train if g.slot.startswith(what + ":")], pairs)
        dv = _split([g for g in dev if g.slot.startswith(what + ":")], pairs)
        labels = [int(r) for g in tr.groups for r in g.right]
        if len(set(labels)) < 2 or not dv.groups:
            report["kinds"][what] = {"skipped": "too few slots in train or dev"}
            continue
        fitted = _fit(tr, dv, seed)
        weights[what] = fitted[0]
        report[f"{what}_regularisation_c"] = fitted[1]
        choices = [_choose(weights[what], f) for f in dv.features]
        for kind in (k for k in SLOT_KINDS if k.startswith(what + ":")):
            measured = _compare(dv, choices, kind)
            report["kinds"][kind] = measured
            uses[kind] = _use(kind, measured)
    if not weights:
        return SlotTraining(None, report)
    for what in ("role", "date"):
        weights.setdefault(what, {})
    report["uses"] = uses
    return SlotTraining(SlotModel(weights, uses), report)


def _split(groups: list[SlotGroup], pairs: PairModel) -> _Split:
    return _Split(groups, [group_features(g, pairs) for g in groups])


def _fit(tr: _Split, dv: _Split, seed: int) -> tuple[dict[str, float], float]:
    """The weights of the strength with the most dev slots filled right (the strongest
    regularisation of equals)."""
    rows = [f for features in tr.features for f in features]
    y = np.asarray([int(r) for g in tr.groups for r in g.right])
    matrix = FeatureMatrix.fit(rows, MIN_SLOT_FEATURE_COUNT)
    names, x = matrix.names, matrix.x
    best: tuple[int, dict[str, float], float] | None = None
    for strength in SLOT_REGULARISATIONS:
        model = LogisticRegression(C=strength, max_iter=5000, random_state=seed).fit(x, y)
        weights = {n: float(w) for n, w in zip(names, model.coef_[0], strict=True)}
        right = sum(g.right[_choose(weights, f)] for g, f in zip(dv.groups, dv.features,
                                                                strict=True))
        if best is None or right > best[0]:
            best = (right, weights, strength)
    assert best is not None
    return best[1], best[2]


def _choose(weights: dict[str, float], features: list[dict[str, float]]) -> int:
    return SlotModel({"x": weights}, {}).choose("x", features)


def _compare(dv: _Split, choices: list[int], kind: str) -> dict[str, Any]:
    """Dev slots of the kind filled right by today's reading and by the model: for the
    pairs no rule read ("new"), and for those the rules read once, with no value
    ("ruled_none": a role the model may fill) and with one ("ruled_value": kept as the
    rules read it, measured only)."""
    out: dict[str, Any] = {}
    today = dv.today()
    for part in ("new", "ruled_none", "ruled_value"):
        idx = [i for i, g in enumerate(dv.groups)
               if kind_of(g) == kind and today[i] is not None and _part(g, today[i]) == part]
        out[part] = {
            "slots": len(idx),
            "candidate_recall": sum(any(dv.groups[i].right) for i in idx),
            "today": sum(dv.groups[i].right[today[i]] for i in idx),  # type: ignore[index]
            "model": sum(dv.groups[i].right[choices[i]] for i in idx),
        }
    return out


def _part(group: SlotGroup, today: int | None) -> str:
    if group.ruled == 0:
        return "new"
    return "ruled_none" if today is not None and group.candidates[today].value is None \
        else "ruled_value"


def _use(kind: str, measured: dict[str, Any]) -> str:
    """ "new" when the model fills more dev slots right than today's reading where no
    rule read the pair; "all" when, for a role, it also does where the rules read the
    label once and gave it no role. A date the rules read, or left out, stands: on the
    gold the rules were written from, the model's dates of their facts did worse than
    theirs (README "Quality")."""
    new, ruled = measured["new"], measured["ruled_none"]
    if new["model"] <= new["today"]:
        return "none"
    if kind.startswith("role:") and ruled["model"] > ruled["today"]:
        return "all"
    return "new"
