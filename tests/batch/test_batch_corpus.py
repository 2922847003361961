"""Parallel runs find exactly the serial run's facts, on real corpus articles."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from veille.batch.dask_engine import BatchOptions, run_partitions
from veille.batch.pool import ExtractorPool
from veille.batch.shards import read_results
from veille.facts.extractor import Extractor
from veille.records import Article
from veille.settings import Settings
from veille.sources import read_articles

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "orangesum.jsonl.gz"

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def corpus_articles(n: int, skip: int = 0) -> list[Article]:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/ must sit beside the repository)")
    return list(islice(read_articles([CORPUS]), skip, skip + n))


def serial_results(articles: list[Article]) -> list[dict[str, Any]]:
    results = [r.to_dict() for r in Extractor(Settings()).extract_many(articles)]
    # The shards hold JSON: compare with what the serial results become in JSON.
    return json.loads(json.dumps(results, ensure_ascii=False))  # type: ignore[no-any-return]


def assert_same_facts(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs, f"article {theirs['id']} differs from the serial run"


def test_two_worker_local_cluster_finds_the_serial_facts_on_500_articles(
    tmp_path: Path,
) -> None:
    articles = corpus_articles(500)
    expected = serial_results(articles)
    assert sum(len(r["facts"]) for r in expected) > 100  # a sample with something to find
    options = BatchOptions(out_dir=tmp_path / "shards", partition_size=100, workers=2)
    manifest = run_partitions(articles, Settings(), options, inputs=[str(CORPUS)])
    assert manifest.engine == "LocalCluster(2 workers x 1 thread)"
    assert manifest.counts["articles"] == 500
    assert manifest.counts["partitions"] == 5
    assert_same_facts(read_results(tmp_path / "shards"), expected)


def test_two_process_pool_finds_the_serial_facts(tmp_path: Path) -> None:
    articles = corpus_articles(120, skip=1000)
    expected = serial_results(articles)
    with ExtractorPool(Settings(), 2, chunk_size=16) as pool:
        got = [r.to_dict() for r in pool.extract_many(articles)]
    assert_same_facts(json.loads(json.dumps(got, ensure_ascii=False)), expected)


def test_extract_command_with_two_workers_writes_the_serial_output(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from veille.cli.extract import extract_command

    articles = corpus_articles(40, skip=2000)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles),
        encoding="utf-8",
    )
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"facts-{workers}.jsonl"
        result = CliRunner().invoke(
            extract_command,
            [str(source), "-o", str(out), "--workers", workers],
            standalone_mode=False,
        )
        assert result.exception is None, result.stderr
        assert result.stderr.splitlines()[-1].endswith("articles/s")
        outputs.append(out.read_text("utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 40
