"""Scores per group of gold articles: a behavioural suite per family, a corpus per domain.

A gold line may carry a top-level field beside its facts (`"family": "succession"`,
`"domain": "politics"`); `evaluate_by` scores each value's articles apart, with the
same rules as the whole file, and counts the articles that pass outright.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from veille.evaluate.scoring import EvaluationReport, evaluate

# A matched move that disagrees on one of these fails its article: an item that finds the
# right person at the right organisation but calls a rumour done, or dates it wrongly,
# has not understood the sentence.
MOVE_ATTRIBUTES_THAT_FAIL = ("status", "date", "interim")
NO_GROUP = "(none)"


@dataclass
class GroupScore:
    """One group's report, and how many of its articles pass (`passing_articles`)."""

    name: str
    report: EvaluationReport
    articles: int
    passed: int

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.articles if self.articles else None

    def to_dict(self) -> dict[str, Any]:
        move, position = self.report.scores["move"], self.report.scores["position"]
        return {
            "group": self.name,
            "articles": self.articles,
            "passed": self.passed,
            "pass_rate": self.pass_rate,
            "move": move.to_dict(),
            "position": position.to_dict(),
            "overall": self.report.overall.to_dict(),
        }


def failing_articles(report: EvaluationReport) -> set[str]:
    """Articles with a missed or spurious fact, or a matched move wrong on status or date."""
    failing = set(report.missing_articles)
    for error in report.errors:
        wrong_move = error.type == "move" and any(
            attribute in (error.detail or "") for attribute in MOVE_ATTRIBUTES_THAT_FAIL
        )
        if error.kind in ("miss", "spurious") or wrong_move:
            failing.add(error.article_id)
    return failing


def evaluate_by(
    gold: Iterable[dict[str, Any]],
    predicted: Iterable[dict[str, Any]],
    field: str,
) -> list[GroupScore]:
    """Score each value of the gold lines' `field` apart, groups in first-seen order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in gold:
        groups.setdefault(str(record.get(field) or NO_GROUP), []).append(record)
    predictions = {str(record["id"]): record for record in predicted}
    scores = []
    for name, records in groups.items():
        ids = [str(record["id"]) for record in records]
        report = evaluate(records, [predictions[i] for i in ids if i in predictions])
        failing = failing_articles(report)
        scores.append(GroupScore(name, report, len(ids), sum(i not in failing for i in ids)))
    return scores
