"""Scoring predicted facts against gold facts: counts, P/R/F1, attribute accuracies, errors.

Counting rules (FACTS.md "Scoring"), micro-averaged over articles, per fact type:
a prediction paired with a required gold fact is a true positive; a prediction paired
with an optional gold fact counts nowhere; an unpaired prediction is a false positive;
an unpaired required gold fact is a false negative (an unpaired optional one is not).
Gold articles with no prediction line count all their required facts as false
negatives; prediction lines for articles absent from gold are ignored and counted in
`EvaluationReport.ignored_articles`.
Attribute accuracies are computed over pairs with a required gold fact, so for moves
their `n` equals the move true positives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from veille.evaluate.gold import ScoredFact, collect_facts
from veille.evaluate.matching import ATTRIBUTES, assign
from veille.evaluate.names import alternatives
from veille.records import FACT_TYPES, ExtractionResult

# The fields that identify a fact in an error listing, per type.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("person", "change", "org", "role", "date", "status"),
    "position": ("person", "org", "role"),
    "partnership": ("orgs", "status", "date"),
    "amount": ("org", "value", "currency", "kind", "date"),
    "market_share": ("org", "value", "period"),
}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class TypeScore:
    """Counts of one fact type. Ratios are None when their denominator is zero."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    # Predictions paired with optional gold facts: neither TP nor FP.
    optional_matched: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: TypeScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.optional_matched += other.optional_matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "optional_matched": self.optional_matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "n": self.total, "accuracy": self.value}


@dataclass(frozen=True)
class Mistake:
    """A fact the system got wrong.

    kind: "miss" (required gold fact with no prediction), "spurious" (prediction with no
    gold fact), or "mismatch" (paired, but some attributes disagree: `detail` names them).
    `fields` are the fact's key fields as written in its file.
    """

    kind: str
    article_id: str
    type: str
    fields: dict[str, Any]
    evidence: str | None
    detail: str | None = None
    # For a mismatch, the gold side of the pair (the prediction is in `fields`).
    gold_fields: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "article_id": self.article_id,
            "type": self.type,
            "fields": self.fields,
            "evidence": self.evidence,
        }
        if self.detail is not None:
            out["detail"] = self.detail
        if self.gold_fields is not None:
            out["gold_fields"] = self.gold_fields
        return out


@dataclass
class EvaluationReport:
    scores: dict[str, TypeScore] = field(
        default_factory=lambda: {name: TypeScore() for name in FACT_TYPES}
    )
    # attributes[type][attribute]: accuracy over pairs with a required gold fact.
    attributes: dict[str, dict[str, Accuracy]] = field(
        default_factory=lambda: {
            name: {attribute: Accuracy() for attribute in checks}
            for name, checks in ATTRIBUTES.items()
        }
    )
    errors: list[Mistake] = field(default_factory=list)
    # Every predicted fact's type, confidence and whether it matched a required gold fact
    # (True), none (False) or only an optional one (None): what calibration is read from.
    outcomes: list[tuple[str, float | None, bool | None]] = field(default_factory=list)
    gold_articles: int = 0
    # Gold articles with no prediction line: all their required facts are misses.
    missing_articles: list[str] = field(default_factory=list)
    # Prediction lines whose article is not in gold: not scored.
    ignored_articles: int = 0

    @property
    def overall(self) -> TypeScore:
        """Micro-average over all fact types."""
        total = TypeScore()
        for score in self.scores.values():
            total.add(score)
        return total

    def types_present(self) -> list[str]:
        """Fact types with at least one gold or predicted fact, in FACTS.md order."""
        return [
            name
            for name, score in self.scores.items()
            if score.tp or score.fp or score.fn or score.optional_matched
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_articles": self.gold_articles,
            "missing_articles": list(self.missing_articles),
            "ignored_articles": self.ignored_articles,
            "scores": {name: score.to_dict() for name, score in self.scores.items()},
            "overall": self.overall.to_dict(),
            "attributes": {
                name: {attribute: acc.to_dict() for attribute, acc in accuracies.items()}
                for name, accuracies in self.attributes.items()
            },
            "errors": [error.to_dict() for error in self.errors],
        }


def evaluate(
    gold: Iterable[dict[str, Any] | ExtractionResult],
    predicted: Iterable[dict[str, Any] | ExtractionResult],
    *,
    gold_source: str | None = None,
    predicted_source: str | None = None,
) -> EvaluationReport:
    """Score predicted extraction results against gold ones (both FACTS.md shaped).

    Raises gold.FactFormatError when a record or fact cannot be scored; its message names
    `gold_source` / `predicted_source` (file names, say) when they are given.
    """
    gold_facts = collect_facts(gold, "gold", gold_source)
    predicted_facts = collect_facts(predicted, "predicted", predicted_source)
    report = EvaluationReport(gold_articles=len(gold_facts))
    report.ignored_articles = sum(1 for key in predicted_facts if key not in gold_facts)
    for article_id, article_gold in gold_facts.items():
        if article_id not in predicted_facts:
            report.missing_articles.append(article_id)
        article_predicted = predicted_facts.get(article_id, [])
        for fact_type in FACT_TYPES:
            _score_type(
                report,
                fact_type,
                [f for f in article_gold if f.type == fact_type],
                [f for f in article_predicted if f.type == fact_type],
            )
    return report


def _score_type(
    report: EvaluationReport,
    fact_type: str,
    gold: list[ScoredFact],
    predicted: list[ScoredFact],
) -> None:
    score = report.scores[fact_type]
    pairs = assign(gold, predicted)
    paired_gold = {g for g, _ in pairs}
    paired_predicted = {p for _, p in pairs}
    for g, p in pairs:
        gold_fact, predicted_fact = gold[g], predicted[p]
        report.outcomes.append(
            (fact_type, _confidence(predicted_fact), None if gold_fact.optional else True)
        )
        if gold_fact.optional:
            score.optional_matched += 1
            continue
        score.tp += 1
        wrong = []
        for attribute, check in ATTRIBUTES[fact_type].items():
            accuracy = report.attributes[fact_type][attribute]
            accuracy.total += 1
            if check(gold_fact, predicted_fact):
                accuracy.correct += 1
            else:
                wrong.append(attribute)
        if wrong:
            report.errors.append(
                _error("mismatch", predicted_fact, "wrong " + ", ".join(wrong), gold_fact)
            )
    for g, gold_fact in enumerate(gold):
        if g not in paired_gold and not gold_fact.optional:
            score.fn += 1
            report.errors.append(_error("miss", gold_fact))
    for p, predicted_fact in enumerate(predicted):
        if p not in paired_predicted:
            score.fp += 1
            report.errors.append(_error("spurious", predicted_fact))
            report.outcomes.append((fact_type, _confidence(predicted_fact), False))


def _confidence(fact: ScoredFact) -> float | None:
    value = fact.get("confidence")
    return float(value) if isinstance(value, int | float) else None


def _key_fields(fact: ScoredFact) -> dict[str, Any]:
    return {name: fact.get(name) for name in KEY_FIELDS[fact.type]}


def _error(
    kind: str, fact: ScoredFact, detail: str | None = None, gold: ScoredFact | None = None
) -> Mistake:
    return Mistake(
        kind=kind,
        article_id=fact.article_id,
        type=fact.type,
        fields=_key_fields(fact),
        evidence=fact.evidence,
        detail=detail,
        gold_fields=_key_fields(gold) if gold is not None else None,
    )


def first_alternatives(record: dict[str, Any]) -> dict[str, Any]:
    """A gold record turned into prediction shape: each list of alternatives replaced by
    its first value, plain-string evidence turned into an evidence object, "optional"
    dropped. Useful to check a gold file scores perfectly against itself."""
    facts = []
    for fact in record.get("facts", []):
        converted = {k: v for k, v in fact.items() if k != "optional"}
        for name in ("person", "org"):
            if isinstance(converted.get(name), list):
                converted[name] = alternatives(converted[name])[0]
        if isinstance(converted.get("orgs"), list):
            converted["orgs"] = [o[0] if isinstance(o, list) else o for o in converted["orgs"]]
        if isinstance(converted.get("evidence"), str):
            text = converted["evidence"]
            converted["evidence"] = {"start": 0, "end": len(text), "text": text}
        facts.append(converted)
    return {**record, "facts": facts}
