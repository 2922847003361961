"""The annotated corpus (data/gold/): its splits, their sizes, and the frozen test split.

The test split is only ever scored: never opened to write a rule, a feature or a lexicon
entry (data/gold/README.md). Its checksum is written here and in data/gold/test.sha256;
changing the file fails this test, and changing it on purpose (an adjudicated error)
means changing both, in a commit that says why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from veille.evaluate.gold import collect_facts, read_facts_file

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
TEST_SPLIT_SHA256 = "51497eed456d7b0b6a54b1b6a09294165b4e5add9fa11f4c70417aa761bf6c38"
MINIMUM_ARTICLES = {"train": 700, "dev": 150, "test": 200}
DOMAINS = {"business", "politics", "other"}


def records(split: str) -> list[dict]:
    return list(read_facts_file(GOLD / f"{split}.jsonl"))


def test_the_test_split_is_frozen() -> None:
    digest = hashlib.sha256((GOLD / "test.jsonl").read_bytes()).hexdigest()
    assert digest == TEST_SPLIT_SHA256
    assert (GOLD / "test.sha256").read_text(encoding="utf-8").split()[0] == digest


@pytest.mark.parametrize("split", sorted(MINIMUM_ARTICLES))
def test_each_split_has_its_articles_and_scorable_facts(split: str) -> None:
    lines = records(split)
    assert len(lines) >= MINIMUM_ARTICLES[split]
    collect_facts(lines, "gold", f"data/gold/{split}.jsonl")  # raises on a malformed fact
    assert {line["domain"] for line in lines} <= DOMAINS


def test_no_article_and_no_story_sits_in_two_splits() -> None:
    selection = [json.loads(line) for line in (GOLD / "selection.jsonl").open(encoding="utf-8")]
    split_of = {row["id"]: row["split"] for row in selection}
    for split in MINIMUM_ARTICLES:
        assert all(split_of[line["id"]] == split for line in records(split))
    story_splits: dict[str, set[str]] = {}
    for row in selection:
        for key in row["story"]:
            story_splits.setdefault(key, set()).add(row["split"])
    assert not {key: s for key, s in story_splits.items() if len(s) > 1}


def test_the_card_counts_what_the_files_hold() -> None:
    card = json.loads((GOLD / "card.json").read_text(encoding="utf-8"))
    for split in MINIMUM_ARTICLES:
        lines = records(split)
        assert card["splits"][split]["articles"] == len(lines)
        moves = sum(f["type"] == "move" for line in lines for f in line["facts"])
        assert card["splits"][split]["facts"].get("move", 0) == moves
    assert card["test_sha256"] == TEST_SPLIT_SHA256
