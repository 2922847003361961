"""Partitions, shards and the manifest, with a stand-in for the extractor (no model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from veille.batch import dask_engine
from veille.batch.dask_engine import BatchError, BatchOptions, run_partitions
from veille.batch.partitions import partitions
from veille.batch.shards import FACT_SCHEMA, read_results
from veille.cli.batch import batch_command
from veille.records import Article
from veille.settings import Settings


def stub_partition(
    articles: list[dict[str, Any]], settings: dict[str, Any]
) -> list[dict[str, Any]]:
    """One `amount` fact per digit in the text; a warning for empty texts."""
    out = []
    for article in articles:
        text = article["text"]
        facts = [
            {
                "type": "amount",
                "evidence": {"start": i, "end": i + 1, "text": ch},
                "confidence": 0.5,
                "org": "Orange" if i % 2 else None,
                "value": int(ch),
                "currency": "EUR",
                "extractor_version": "stub",
            }
            for i, ch in enumerate(text)
            if ch.isdigit()
        ]
        result: dict[str, Any] = {
            "id": article["id"],
            "published": article.get("published"),
            "facts": facts,
        }
        if not text:
            result["warnings"] = [f"article {article['id']}: empty text"]
        out.append(result)
    return out


def corpus(n: int) -> list[Article]:
    return [
        Article(id=f"a{i}", text="" if i == 3 else f"texte {i} et {i * 7}", published="2020-01-02")
        for i in range(n)
    ]


def test_partitions_cut_lazily_with_a_short_last_one() -> None:
    assert [len(p) for p in partitions(range(7), 3)] == [3, 3, 1]
    assert list(partitions([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(partitions(range(3), 0))


def test_in_process_run_writes_ordered_shards_parquet_and_manifest(tmp_path: Path) -> None:
    articles = corpus(11)
    out = tmp_path / "run"
    options = BatchOptions(out_dir=out, partition_size=4, workers=0)
    manifest = run_partitions(
        articles, Settings(), options, inputs=["x.jsonl"], partition_fn=stub_partition
    )
    expected = stub_partition([a.to_dict() for a in articles], {})
    assert read_results(out) == expected

    data = json.loads((out / "manifest.json").read_text("utf-8"))
    assert data["complete"] is True
    assert data["engine"] == "in-process"
    assert data["counts"] == {
        "partitions": 3,
        "articles": 11,
        "facts": sum(len(r["facts"]) for r in expected),
        "warnings": 1,
        "skipped_inputs": 0,
    }
    assert [p["articles"] for p in data["partitions"]] == [4, 4, 3]
    assert data["partitions"][1]["first_id"] == "a4"
    assert data["settings"]["fast_path"] is True
    assert manifest.counts == data["counts"]

    table = pq.read_table(out / "facts-00000.parquet")
    assert table.schema.equals(FACT_SCHEMA)
    rows = table.to_pylist()
    assert len(rows) == sum(len(r["facts"]) for r in expected[:4])
    first = rows[0]
    assert (first["article_id"], first["partition"], first["fact_index"]) == ("a0", 0, 0)
    assert (first["type"], first["value"], first["currency"]) == ("amount", 0.0, "EUR")
    assert json.loads(first["fact"]) == expected[0]["facts"][0]
    assert not list(out.glob("*.part"))


def test_dask_run_equals_in_process_run_and_keeps_few_partitions_in_flight(
    tmp_path: Path,
) -> None:
    distributed = pytest.importorskip("distributed")
    articles = corpus(40)
    read = 0

    def stream() -> Iterator[Article]:
        nonlocal read
        for article in articles:
            read += 1
            yield article

    written: list[int] = []

    def check_bound(entry: Any) -> None:
        written.append(entry.articles)
        # Two partitions in flight (window) plus the one being cut: never more read.
        assert read - sum(written) <= 3 * 5

    with distributed.Client(
        processes=False, n_workers=2, threads_per_worker=1, dashboard_address=":0"
    ) as client:
        options = BatchOptions(out_dir=tmp_path / "dask", partition_size=5, in_flight=2)
        manifest = run_partitions(
            stream(),
            Settings(),
            options,
            inputs=["-"],
            client=client,
            partition_fn=stub_partition,
            on_partition=check_bound,
        )
    assert manifest.engine.startswith("dask client")
    assert read_results(tmp_path / "dask") == stub_partition([a.to_dict() for a in articles], {})
    assert sum(written) == 40


def test_an_earlier_run_in_the_output_folder_is_refused(tmp_path: Path) -> None:
    options = BatchOptions(out_dir=tmp_path, partition_size=4, workers=0)
    run_partitions(corpus(2), Settings(), options, inputs=[], partition_fn=stub_partition)
    with pytest.raises(BatchError, match="already holds the output of a batch run"):
        run_partitions(corpus(2), Settings(), options, inputs=[], partition_fn=stub_partition)


def test_batch_command_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "extract_partition", stub_partition)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps(a.to_dict()) + "\n" for a in corpus(5)) + "{broken\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        batch_command,
        [str(source), "--out", str(out), "--workers", "0", "--partition-size", "2"],
        standalone_mode=False,
    )
    assert result.exception is None, result.stderr
    assert result.return_value == 1  # one broken line, one empty article
    assert f"skipped: {source}:6: invalid JSON" in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("batch: 5 article(s) in 3 partition(s)")
    assert "1 input(s) skipped, 1 article warning(s)" in last
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["inputs"] == [str(source)]
    assert manifest["counts"]["skipped_inputs"] == 1
    assert [r["id"] for r in read_results(out)] == [f"a{i}" for i in range(5)]


def test_results_load_into_the_knowledge_base_once(tmp_path: Path) -> None:
    # A SQLite file stands in for PostgreSQL: the store has one code path for both.
    from sqlalchemy import func, select

    from veille.store import open_store, schema

    db = tmp_path / "kb.db"
    for run in ("first", "second"):  # the second finds every article already stored
        options = BatchOptions(
            out_dir=tmp_path / run, partition_size=4, workers=0, store_url=str(db)
        )
        run_partitions(corpus(6), Settings(), options, inputs=[], partition_fn=stub_partition)
    expected = stub_partition([a.to_dict() for a in corpus(6)], {})
    with open_store(db) as store, store.read() as conn:
        articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar()
        facts = conn.execute(select(func.count()).select_from(schema.facts)).scalar()
    assert articles == 6
    assert facts == sum(len(r["facts"]) for r in expected)
