"""Why a fact is in the output, or not: every proposal of the rules for one article, with
the rules that proposed it, the features that weighed most and the model's decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from veille.facts.decision import RULES_ONLY, DecisionModel, load_model
from veille.facts.features import FEATURE_NAMES, ArticleView, fact_features
from veille.records import Article
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
        }


def _contributions(model: DecisionModel, row: list[float], top: int) -> list[tuple]:
    standardised = (np.asarray(row) - model.mean) / model.scale
    parts = standardised * model.weights
    order = np.argsort(-np.abs(parts))[:top]
    return [(FEATURE_NAMES[i], round(row[i], 3), round(float(parts[i]), 3)) for i in order]


def explain(article: Article, settings: Settings, top: int = 4) -> list[Explanation]:
    """Every proposal the rules make for `article`, decided as extraction would."""
    from veille.facts.extractor import Extractor

    model = load_model(settings.decision_model)
    proposals = Extractor(settings.with_values(decision_model=RULES_ONLY[0])).extract(article)
    dicts = [fact.to_dict() for fact in proposals.facts]
    view = ArticleView.of(article.full_text, article.lead_starts)
    rows = [fact_features(d, view, dicts) for d in dicts]
    if model is None:
        return [
            Explanation(d, d.get("generators", []), d["confidence"], None, True,
                        "rules only (decision_model = none): every proposal is kept", [])
            for d in dicts
        ]
    threshold = model.threshold if settings.min_confidence is None else settings.min_confidence
    out = []
    for d, row, p in zip(dicts, rows, model.probabilities(rows), strict=True):
        accepted = bool(p >= threshold)
        reason = (f"probability {p:.3f} {'≥' if accepted else '<'} threshold {threshold:.2f}"
                  f" ({'the model' if settings.min_confidence is None else 'min_confidence'})")
        out.append(Explanation(d, d.get("generators", []), d["confidence"], round(float(p), 3),
                               accepted, reason, _contributions(model, row, top)))
    return out
