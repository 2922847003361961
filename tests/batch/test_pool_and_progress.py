"""The process pool (with a stand-in extractor), the last-resort failure handling, and
the article counting behind the progress bar's ETA."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from veille.batch.partitions import extract_safely
from veille.batch.pool import ExtractorPool
from veille.batch.progress import RunProgress, count_articles
from veille.errors import ModelError
from veille.records import Article, Evidence, ExtractionResult, Move
from veille.settings import Settings


class StubExtractor:
    """Fails on any batch holding an article whose text is "boom"; one fact otherwise."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        batch = list(articles)
        if any(a.text == "boom" for a in batch):
            raise RuntimeError("unforeseen")
        for article in batch:
            fact = Move(Evidence(0, 1, article.text[:1]), person=f"pid {os.getpid()}")
            yield ExtractionResult(article.id, article.published, [fact])


def stub_factory(settings: Settings) -> Any:
    return StubExtractor(settings)


def failing_factory(settings: Settings) -> Any:
    raise ModelError("cannot load spaCy model 'absent'")


def articles(n: int, bad: int | None = None) -> list[Article]:
    return [Article(id=f"a{i}", text="boom" if i == bad else f"texte {i}") for i in range(n)]


def test_a_failing_article_gets_a_warning_and_its_batch_mates_their_facts() -> None:
    results = extract_safely(StubExtractor(Settings()), articles(4, bad=2))  # type: ignore[arg-type]
    assert [r.id for r in results] == ["a0", "a1", "a2", "a3"]
    assert [len(r.facts) for r in results] == [1, 1, 0, 1]
    assert results[2].warnings == [
        "article a2: extraction failed (RuntimeError: unforeseen); no facts"
    ]


def test_pool_keeps_input_order_survives_a_bad_article_and_uses_every_worker() -> None:
    settings = Settings(batch_size=3)
    with ExtractorPool(settings, 2, factory=stub_factory) as pool:
        assert len(pool.pids()) == 2
        results = list(pool.extract_many(articles(50, bad=7)))
    assert [r.id for r in results] == [f"a{i}" for i in range(50)]
    assert results[7].warnings and not results[7].facts
    assert all(len(r.facts) == 1 for i, r in enumerate(results) if i != 7)
    pids = {int(r.facts[0].to_dict()["person"].split()[1]) for r in results if r.facts}
    assert os.getpid() not in pids


def test_a_model_that_cannot_load_fails_when_the_pool_starts() -> None:
    with (
        pytest.raises(ModelError, match="absent"),
        ExtractorPool(Settings(), 2, factory=failing_factory),
    ):
        pass


def test_count_articles_counts_lines_files_and_gives_up_on_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n{"id": 2}\n{"id": 3}', encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as gz:
        gz.write('{"id": 4}\n{"id": 5}\n')
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "c.txt").write_text("texte", encoding="utf-8")
    (tmp_path / "folder" / "d.html").write_text("<p>texte</p>", encoding="utf-8")
    assert count_articles([tmp_path]) == 7
    assert count_articles([tmp_path], exclude=[tmp_path / "a.jsonl"]) == 4
    assert count_articles([tmp_path / "absent.jsonl"]) == 0
    assert count_articles(["-"]) is None


def test_progress_without_a_terminal_counts_and_draws_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def extract(items: Iterable[Article]) -> Iterator[ExtractionResult]:
        yield from StubExtractor(Settings()).extract_many(items)

    with RunProgress("test") as progress:
        assert not progress.live
        results = list(progress.track(extract)(articles(3)))
        progress.echo("warning: something")
    assert len(results) == 3
    assert (progress.articles, progress.facts) == (3, 3)
    assert "articles/s" in progress.timing()
    captured = capsys.readouterr()
    assert captured.err == "warning: something\n"
