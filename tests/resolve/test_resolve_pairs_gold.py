"""Quality floors of the pair decision on dev/gold/name_pairs.jsonl (no model needed).

Measured with the package gazetteer: precision(same) 0.981, recall(same) 0.783 on 588 pairs
(`python dev/pairs_eval.py`). Floors may rise; lowering one needs an explained change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.resolve.pairs import read_pairs, score_pairs

GOLD = Path(__file__).resolve().parents[2] / "dev" / "gold" / "name_pairs.jsonl"

PRECISION_FLOOR = 0.975
RECALL_FLOOR = 0.775


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    if not GOLD.exists():
        pytest.skip(f"no gold pairs at {GOLD}")
    return read_pairs(GOLD)


def test_gold_pairs_are_well_formed(pairs: list[dict]) -> None:
    assert len(pairs) >= 300
    for pair in pairs:
        assert isinstance(pair["same"], bool) and pair["why"]
        for side in (pair["a"], pair["b"]):
            assert side["name"] and side["article"].startswith("orangesum-")
            assert side["type"] in ("person", "org", "place")
            assert 0 < len(side["context"]) < 120
    kinds = {p["kind"] for p in pairs}
    for needed in (
        "person_typo",
        "person_close_diff",
        "person_same_surname",
        "person_homonym",
        "person_surname_only",
        "org_acronym",
        "org_subsidiary",
        "org_vs_place",
    ):
        assert needed in kinds


def test_pair_decision_floors(pairs: list[dict]) -> None:
    scores = score_pairs(pairs)
    assert scores.precision >= PRECISION_FLOOR, scores.errors
    assert scores.recall >= RECALL_FLOOR
