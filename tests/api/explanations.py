"""A stand-in for the extractor's explanations, for the API and browser tests: what
`veille.facts.explain.Explanation.to_dict()` gives, without loading a model."""

from __future__ import annotations

from typing import Any

from veille.records import Article

# What `Explanation.to_dict()` gives, for the stand-in: one kept, one dropped.
CANDIDATES = [
    {"fact": {"type": "move", "person": "Thomas Lefèvre", "change": "start", "org": "Michelin",
              "role": "directeur général"},
     "evidence": "Thomas Lefèvre est nommé directeur général de Michelin",
     "generators": ["move.trigger", "move.title"], "rule_confidence": 0.8,
     "probability": 0.912, "accepted": True, "reason": "probability 0.912 ≥ threshold 0.40",
     "strongest_features": [{"feature": "trigger_is_nomination", "value": 1.0,
                             "contribution": 1.37}],
     "slots": [{"slot": "role", "filled_by": "rules_else_slot_model",
                "options": [{"value": "directeur général", "score": 1.93},
                            {"value": None, "score": -2.67}]},
               {"slot": "date", "filled_by": "rules", "options": []}]},
    {"fact": {"type": "move", "person": "Thomas Lefèvre", "change": "end", "org": "Valeo"},
     "evidence": "Il était jusqu'ici directeur des opérations chez Valeo",
     "generators": ["move.previous_post"], "rule_confidence": 0.6, "probability": 0.21,
     "accepted": False, "reason": "probability 0.210 < threshold 0.40",
     "strongest_features": [], "slots": []},
]


class StandIn:
    """Records the articles it is asked about and answers CANDIDATES."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    def __call__(self, article: Article) -> list[dict[str, Any]]:
        self.articles.append(article)
        return CANDIDATES
