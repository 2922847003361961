"""2,000 corpus articles through the real extractor into a store, twice: the second
ingest must change nothing. Slow (several minutes on two cores: about 5 articles/s with
the fast path), and skipped when the corpus is absent."""

from __future__ import annotations

import gzip
import json
import time
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import func, select

from veille.records import Article
from veille.store import ingest_articles, open_store, schema

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "orangesum.jsonl.gz"
COUNT = 2000

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def corpus_articles(count: int) -> list[Article]:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/corpus beside the repository)")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        return [Article.from_dict(json.loads(line)) for line in islice(lines, count)]


def table_counts(store: object) -> dict[str, int]:
    with store.read() as conn:  # type: ignore[attr-defined]
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.articles, schema.facts, schema.events, schema.entities,
                          schema.entity_names)}


def test_reingesting_2000_corpus_articles_changes_nothing(tmp_path: Path) -> None:
    from veille.facts.extractor import Extractor

    articles = corpus_articles(COUNT)
    extractor = Extractor()
    with open_store(tmp_path / "corpus.db") as store:
        started = time.monotonic()
        first = ingest_articles(store, articles, extractor.extract_many)
        took = time.monotonic() - started
        before = table_counts(store)
        assert first.read == COUNT
        assert before["articles"] == first.new == COUNT - first.duplicates
        assert before["facts"] == first.facts > 0
        started = time.monotonic()
        second = ingest_articles(store, articles, extractor.extract_many)
        again = time.monotonic() - started
        assert table_counts(store) == before
        assert second.new == second.replaced == second.facts == 0
        assert second.unchanged == first.new
        print(f"\n{COUNT} corpus articles: first ingest {took:.0f}s "
              f"({COUNT / took:.1f} articles/s, {first.facts} facts), second {again:.1f}s; "
              f"counts {before}")
        assert again < took / 5  # nothing re-extracted
