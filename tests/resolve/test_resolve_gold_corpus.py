"""The gold name pairs are drawn from the corpus: every name occurs in its article."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum.jsonl.gz"
GOLD = ROOT / "dev" / "gold" / "name_pairs.jsonl"


@pytest.mark.slow
@pytest.mark.corpus
def test_gold_pair_names_occur_in_their_articles() -> None:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/corpus beside the repo root)")
    pairs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    wanted = {side["article"] for p in pairs for side in (p["a"], p["b"])}
    texts: dict[str, str] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article["id"] in wanted:
                parts = (article.get("title"), article.get("summary"), article.get("text"))
                texts[article["id"]] = "\n\n".join(p for p in parts if p)
    missing = [
        (side["name"], side["article"])
        for p in pairs
        for side in (p["a"], p["b"])
        if side["name"] not in texts.get(side["article"], "")
    ]
    assert not missing
