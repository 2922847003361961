"""Labelled examples for the decision model: the rules' proposals on gold articles.

The extractor runs with the decision off ("rules only") on the articles of a gold file;
each proposed fact becomes one row of features, labelled 1 when FACTS.md scoring pairs it
with a required gold fact, 0 when it pairs with none. A proposal that pairs only with an
optional gold fact is left out: the gold itself does not say whether it is right.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.evaluate.gold import collect_facts
from veille.evaluate.matching import assign
from veille.evaluate.run import articles_in
from veille.facts.decision import RULES_ONLY
from veille.facts.fact_features import ArticleView, fact_features
from veille.records import FACT_TYPES
from veille.settings import Settings
from veille.sources.problems import OnError
from veille.training.pairs import PairExamples, label_article


@dataclass
class Examples:
    """Feature rows, labels, fact types, and the gold facts no proposal could match."""

    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    article_of_row: list[str] = field(default_factory=list)
    # required gold facts per type, matched or not: recall's denominator
    gold_required: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    # the person–organisation pairs of the same articles (training/pairs.py)
    pairs: PairExamples = field(default_factory=PairExamples)

    def extend(self, other: Examples) -> None:
        self.rows += other.rows
        self.labels += other.labels
        self.types += other.types
        self.article_of_row += other.article_of_row
        for kind, n in other.gold_required.items():
            self.gold_required[kind] = self.gold_required.get(kind, 0) + n
        self.articles += other.articles
        self.pairs.extend(other.pairs)


def sample_articles(gold: list[dict[str, Any]], fraction: float, seed: int) -> list[dict]:
    """A seeded share of the gold articles (the learning curve's 25 / 50 / 100%)."""
    if fraction >= 1:
        return gold
    chosen = random.Random(seed).sample(range(len(gold)), max(1, round(len(gold) * fraction)))
    return [gold[i] for i in sorted(chosen)]


def label(
    gold: list[dict[str, Any]],
    corpus: Sequence[str | Path],
    settings: Settings,
    on_error: OnError | None = None,
) -> Examples:
    """Run the rules on the gold's articles and label every proposal, and every
    person–organisation pair, against the gold."""
    from veille.facts.extractor import Extractor

    rules_only = settings.with_values(decision_model=RULES_ONLY[0])
    extractor = Extractor(rules_only, keep_pairs=True)
    by_id = {str(record["id"]): record for record in gold}
    gold_facts = collect_facts(gold, "gold")
    examples = Examples()
    for kind in FACT_TYPES:
        examples.gold_required[kind] = sum(
            f.type == kind and not f.optional for facts in gold_facts.values() for f in facts
        )
    articles = list(articles_in(set(by_id), corpus, on_error))
    for article, result in zip(articles, extractor.extract_many(articles), strict=True):
        examples.articles += 1
        examples.pairs.extend(label_article(result.pairs, by_id[article.id].get("facts", [])))
        proposed = [fact.to_dict() for fact in result.facts]
        view = ArticleView.of(article.full_text, article.lead_starts)
        outcome = _outcomes(proposed, gold_facts.get(article.id, []), article.id)
        for fact, right in zip(proposed, outcome, strict=True):
            if right is None:
                continue
            examples.rows.append(fact_features(fact, view, proposed))
            examples.labels.append(int(right))
            examples.types.append(fact["type"])
            examples.article_of_row.append(article.id)
    return examples


def _outcomes(proposed: list[dict], gold: list, article_id: str) -> list[bool | None]:
    """Per proposal: True (pairs with required gold), None (optional only), False."""
    checked = collect_facts([{"id": article_id, "facts": proposed}], "predicted")[article_id]
    outcome: list[bool | None] = [False] * len(proposed)
    for kind in FACT_TYPES:
        mine = [i for i, f in enumerate(checked) if f.type == kind]
        theirs = [g for g in gold if g.type == kind]
        for g, p in assign(theirs, [checked[i] for i in mine]):
            outcome[mine[p]] = None if theirs[g].optional else True
    return outcome
