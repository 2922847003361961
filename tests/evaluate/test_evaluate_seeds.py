"""The seed gold scored against itself must be perfect: a check of the scorer end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.evaluate import evaluate, first_alternatives, read_facts_file

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


@pytest.fixture
def seed_gold() -> list[dict]:
    path = SEEDS / "gold.jsonl"
    if not path.is_file():
        pytest.skip(f"seed gold not found at {path.resolve()}: clone shared/ beside the repo")
    return list(read_facts_file(path))


@pytest.mark.corpus
def test_seed_gold_scores_perfectly_against_itself(seed_gold: list[dict]) -> None:
    predictions = [first_alternatives(record) for record in seed_gold]
    report = evaluate(seed_gold, predictions)
    present = report.types_present()
    assert present, "the seed gold holds no facts"
    for fact_type in present:
        score = report.scores[fact_type]
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), fact_type
    for fact_type, accuracies in report.attributes.items():
        for attribute, accuracy in accuracies.items():
            assert accuracy.correct == accuracy.total, (fact_type, attribute)
    assert report.errors == []
    assert report.missing_articles == [] and report.ignored_articles == 0


@pytest.mark.corpus
def test_first_alternatives_gives_prediction_shaped_records(seed_gold: list[dict]) -> None:
    for record in map(first_alternatives, seed_gold):
        for fact in record["facts"]:
            assert "optional" not in fact
            assert isinstance(fact["evidence"], dict)
            for name in ("person", "org"):
                assert not isinstance(fact.get(name), list)
            assert all(isinstance(org, str) for org in fact.get("orgs", []))
