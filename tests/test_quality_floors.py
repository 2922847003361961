"""Quality gate: extraction scored against the test split, the behavioural suite, the
seeds gold and the first dev gold.

The floors sit just under the figures measured when they were set (README, "Quality").
Raise them when the extractor improves; lowering one needs a reason in the commit
message. The articles are read from ../shared/corpus at run time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from veille.evaluate.gold import read_facts_file
from veille.evaluate.run import predict
from veille.evaluate.scoring import EvaluationReport, evaluate
from veille.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
GOLD = {
    # scored only: data/gold/README.md, "The rule of the test split"
    "test": (REPO / "data" / "gold" / "test.jsonl", SHARED / "orangesum.jsonl.gz"),
    "suite": (REPO / "data" / "suite" / "gold.jsonl", REPO / "data" / "suite" / "articles.jsonl"),
    "seeds": (SHARED / "seeds" / "gold.jsonl", SHARED / "seeds" / "articles.jsonl"),
    "dev-moves": (REPO / "dev" / "gold" / "moves.jsonl", SHARED / "orangesum.jsonl.gz"),
    "dev-business": (REPO / "dev" / "gold" / "business.jsonl", SHARED / "orangesum.jsonl.gz"),
}

# (gold set, fact type, measure) -> floor
FLOORS: dict[tuple[str, str, str], float] = {
    # the trained decision over the pairs (facts/people/), model decision-a308af60
    # (calibration and thresholds fitted on train's cross-fitted scores), 2026-12-07
    # (rules alone in brackets): test move F1 0.220 / P 0.277 (0.178 / 0.292), position
    # 0.483 / P 0.555 (0.475 / 0.737); suite move 0.376 / P 0.574 (0.375 / 0.591),
    # position 0.441 (0.481). The precision floors went down with this model: its
    # thresholds, fitted on 1,593 train articles instead of 353 dev ones, keep more
    # (F1 up on test, the suite and dev/gold/moves.jsonl's moves; README "Quality").
    # With one fact per post (facts/people/one_post.py): test move 0.217 / P 0.275,
    # position 0.505 / P 0.636; suite position 0.454.
    ("test", "move", "f1"): 0.21,
    ("test", "move", "precision"): 0.27,
    ("test", "position", "f1"): 0.49,
    ("test", "position", "precision"): 0.62,
    ("suite", "move", "f1"): 0.36,
    ("suite", "move", "precision"): 0.56,
    ("suite", "position", "f1"): 0.44,
    # seeds: move 0.889 / P 0.941 (0.889 / 0.941), position 0.800 (0.800); the issue's
    # floor for the seeds' move F1 is 0.889
    ("seeds", "move", "f1"): 0.88,
    ("seeds", "move", "precision"): 0.93,
    ("seeds", "position", "f1"): 0.78,
    ("seeds", "partnership", "f1"): 0.95,
    ("seeds", "amount", "f1"): 0.95,
    ("seeds", "market_share", "f1"): 0.95,
    # dev/gold/moves.jsonl, the gold the rules were written from: move 0.623 / P 0.702
    # (0.652 / 0.862), position 0.538 / P 0.656 (0.566 / 0.774)
    ("dev-moves", "move", "f1"): 0.61,
    ("dev-moves", "move", "precision"): 0.68,
    ("dev-moves", "position", "f1"): 0.52,
    ("dev-moves", "position", "precision"): 0.64,
    ("dev-business", "partnership", "f1"): 0.85,
    ("dev-business", "partnership", "precision"): 0.95,
    ("dev-business", "amount", "f1"): 0.83,
    ("dev-business", "amount", "precision"): 0.95,
    ("dev-business", "market_share", "f1"): 0.85,
    ("dev-business", "market_share", "precision"): 0.95,
}

# (gold set, fact type, attribute) -> floor on its accuracy over matched pairs
ATTRIBUTE_FLOORS: dict[tuple[str, str, str], float] = {
    ("test", "move", "status"): 0.9,  # measured 0.925 (49 of 53)
    # with the slot model (decision-a308af60, one fact per post): test role 0.453 (24 of
    # 53), dev/gold/moves.jsonl role 0.850 (68 of 80) and date 0.912 (73 of 80)
    ("test", "move", "role"): 0.44,
    ("dev-moves", "move", "role"): 0.84,
    ("dev-moves", "move", "date"): 0.90,
    # measured 1.000 (16 of 16); the target is 0.90
    ("seeds", "move", "date"): 0.94,
    ("dev-moves", "move", "status"): 0.88,  # 0.900 (72 of 80)
    # measured 0.812, 0.868, 0.909
    ("dev-business", "partnership", "date"): 0.8,
    ("dev-business", "amount", "date"): 0.85,
    ("dev-business", "market_share", "period"): 0.9,
}


@cache
def predictions(gold_set: str, fast_path: bool = True) -> tuple[list[dict[str, Any]], ...]:
    """The gold records and the extractor's results for the gold's articles."""
    gold_path, articles_path = GOLD[gold_set]
    if not articles_path.exists():
        pytest.skip(f"{articles_path} not found: shared/corpus must sit beside the repository")
    gold = list(read_facts_file(gold_path))
    wanted = {str(record["id"]) for record in gold}
    predicted = list(predict(wanted, [articles_path], Settings(fast_path=fast_path)))
    return gold, predicted


@cache
def report(gold_set: str, fast_path: bool = True) -> EvaluationReport:
    gold, predicted = predictions(gold_set, fast_path)
    return evaluate(gold, predicted)


@pytest.mark.parametrize(("gold_set", "fact_type", "measure"), sorted(FLOORS))
def test_floor(gold_set: str, fact_type: str, measure: str) -> None:
    score = report(gold_set).scores[fact_type]
    value = getattr(score, measure) or 0.0
    floor = FLOORS[(gold_set, fact_type, measure)]
    assert value >= floor, (
        f"{fact_type} {measure} on {gold_set} fell to {value:.3f} (floor {floor}); "
        f"counts: {json.dumps(score.to_dict() if hasattr(score, 'to_dict') else vars(score))}"
    )


@pytest.mark.parametrize(("gold_set", "fact_type", "attribute"), sorted(ATTRIBUTE_FLOORS))
def test_attribute_floor(gold_set: str, fact_type: str, attribute: str) -> None:
    accuracy = report(gold_set).attributes[fact_type][attribute]
    floor = ATTRIBUTE_FLOORS[(gold_set, fact_type, attribute)]
    assert (accuracy.value or 0.0) >= floor, (
        f"{fact_type} {attribute} accuracy on {gold_set} fell to {accuracy.value} "
        f"(floor {floor}; {accuracy.correct} of {accuracy.total})"
    )


@pytest.mark.parametrize("gold_set", sorted(set(GOLD) - {"test"}))
def test_fast_path_gives_the_same_facts(gold_set: str) -> None:
    """Parsing only candidate sentences gives exactly the facts of the full parse,
    evidence and confidence included, article by article (facts/fast_path.py)."""
    _, fast = predictions(gold_set, True)
    _, full = predictions(gold_set, False)
    assert [r["id"] for r in fast] == [r["id"] for r in full]
    for with_fast, with_full in zip(fast, full, strict=True):
        assert with_fast["facts"] == with_full["facts"], (
            f"{gold_set}, article {with_fast['id']}: the fast path and the full parse disagree"
        )


def test_fast_path_on_the_test_split_loses_almost_nothing() -> None:
    """On the test split the fast path is not exact: measured 2026-12-07, one article of
    495 differs (612 facts against 613). The split is only scored, never read to find
    why, so this guards the size of the difference, not its content."""
    _, fast = predictions("test", True)
    _, full = predictions("test", False)
    differ = sum(a["facts"] != b["facts"] for a, b in zip(fast, full, strict=True))
    fast_facts = sum(len(r["facts"]) for r in fast)
    full_facts = sum(len(r["facts"]) for r in full)
    assert differ <= 0.01 * len(full), f"{differ} of {len(full)} test articles differ"
    assert abs(fast_facts - full_facts) <= 0.01 * full_facts, (fast_facts, full_facts)
