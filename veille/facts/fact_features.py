"""What the decision model sees of a proposed fact: numbers computed from the fact and
its article, never from gold.

The rules of `veille/facts/` propose facts; `decision.py` turns these features into the
probability that the fact is right. Features read the fact's FACTS.md dict (what the
rules wrote, `confidence` being their hand-set guess) and the article string its
evidence points into, so the same function serves extraction and training.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from veille.evaluate.names import fold

# The order is the model's: a trained model stores these names and refuses others.
FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "type_move",
    "type_position",
    "type_partnership",
    "type_amount",
    "type_market_share",
    "rule_confidence",
    "move_start",
    "move_end",
    "status_planned",
    "status_reported",
    "interim",
    "has_role",
    "has_role_norm",
    "has_org",
    "has_date",
    "has_source",
    "position_current",
    "position_former",
    "person_words",
    "person_mentions_log",
    "person_in_title",
    "org_mentions_log",
    "org_in_title",
    "org_in_evidence",
    "person_in_evidence",
    "evidence_chars_log",
    "evidence_in_lead",
    "evidence_place",
    "facts_same_type_log",
    "facts_same_person_log",
    "moves_same_person_org",
)

_WORD = re.compile(r"\w+", re.UNICODE)


class ArticleView:
    """The article string, folded once, with where its lead ends (for every fact)."""

    def __init__(self, text: str, lead_end: int, title_end: int):
        self.text = text
        self.folded = fold(text)
        self.lead_end = lead_end
        self.title_folded = fold(text[:title_end])

    @classmethod
    def of(cls, text: str, lead_starts: Sequence[int]) -> ArticleView:
        # lead_starts: where the summary and the text start (records.Article.lead_starts)
        title_end = lead_starts[0] if lead_starts else 0
        lead_end = lead_starts[-1] if len(lead_starts) > 1 else title_end
        return cls(text, max(lead_end, title_end), title_end)

    def mentions(self, name: str | None) -> int:
        """How often the name's last word occurs (a surname alone counts: "M. Dupont")."""
        words = _WORD.findall(fold(name or ""))
        if not words:
            return 0
        return len(re.findall(r"\b" + re.escape(words[-1]) + r"\b", self.folded))

    def in_title(self, name: str | None) -> bool:
        words = _WORD.findall(fold(name or ""))
        return bool(words) and words[-1] in _WORD.findall(self.title_folded)


def _log_count(n: int) -> float:
    return math.log1p(max(n, 0))


def fact_features(
    fact: dict[str, Any], article: ArticleView, siblings: Sequence[dict[str, Any]]
) -> list[float]:
    """The feature vector of one proposed fact, in FEATURE_NAMES order.

    `siblings` are all the facts proposed for the same article (the fact included).
    """
    kind = fact.get("type", "")
    evidence = fact.get("evidence") or {}
    start = int(evidence.get("start") or 0)
    quote = fold(str(evidence.get("text") or ""))
    person = fact.get("person")
    org = fact.get("org")
    org_names = [str(o) for o in fact.get("orgs") or []] if kind == "partnership" else [org]
    org_mentions = min((article.mentions(o) for o in org_names if o), default=0)
    same_person = [s for s in siblings if person and s.get("person") == person]
    values = {
        "bias": 1.0,
        "type_move": kind == "move",
        "type_position": kind == "position",
        "type_partnership": kind == "partnership",
        "type_amount": kind == "amount",
        "type_market_share": kind == "market_share",
        "rule_confidence": float(fact.get("confidence") or 0.0),
        "move_start": kind == "move" and fact.get("change") == "start",
        "move_end": kind == "move" and fact.get("change") == "end",
        "status_planned": fact.get("status") == "planned",
        "status_reported": fact.get("status") == "reported",
        "interim": bool(fact.get("interim")),
        "has_role": bool(fact.get("role")),
        "has_role_norm": bool(fact.get("role_norm")),
        "has_org": any(org_names),
        "has_date": bool(fact.get("date") or fact.get("period") or fact.get("since")),
        "has_source": bool(fact.get("source")),
        "position_current": kind == "position" and fact.get("current") is True,
        "position_former": kind == "position" and fact.get("current") is False,
        "person_words": min(len(_WORD.findall(person or "")), 4) / 4,
        "person_mentions_log": _log_count(article.mentions(person)),
        "person_in_title": article.in_title(person),
        "org_mentions_log": _log_count(org_mentions),
        "org_in_title": any(article.in_title(o) for o in org_names if o),
        "org_in_evidence": any(o and fold(o) in quote for o in org_names),
        "person_in_evidence": bool(person) and any(
            w in quote for w in _WORD.findall(fold(person or ""))[-1:]
        ),
        "evidence_chars_log": _log_count(len(quote)),
        "evidence_in_lead": start < article.lead_end,
        "evidence_place": start / max(len(article.text), 1),
        "facts_same_type_log": _log_count(sum(s.get("type") == kind for s in siblings)),
        "facts_same_person_log": _log_count(len(same_person)),
        "moves_same_person_org": sum(
            s.get("type") == "move" and s.get("org") == org for s in same_person
        ) / 4,
    }
    return [float(values[name]) for name in FEATURE_NAMES]
