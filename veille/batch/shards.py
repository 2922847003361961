"""What a batch run leaves in its output folder: facts shards and a manifest.

For partition number i (counting from 0):

- `facts-iiiii.jsonl`: one line per article, FACTS.md result shape (articles without facts
  included, with their warnings), in input order;
- `facts-iiiii.parquet`: one row per fact, schema `FACT_SCHEMA` below;
- `manifest.json`, written last (and rewritten as partitions finish), lists the inputs,
  every partition with its counts and files, the totals, the extractor version and the
  settings. Read the shards in manifest order to get the input order back.

Parquet columns (one row per fact; articles without facts have no row):

| column | type | meaning |
|---|---|---|
| article_id | string | the article's id |
| published | string | the article's publication date, or null |
| partition | int32 | the partition (and shard) number |
| fact_index | int32 | position of the fact in its article's list of facts |
| type | string | move, position, partnership, amount, market_share |
| evidence_start, evidence_end | int32 | character offsets (FACTS.md `evidence`) |
| evidence_text | string | the covered text |
| confidence | float64 | 0..1 |
| person, org, role_norm, status, date, currency | string | that fact field, or null |
| value | float64 | `amount.value` or `market_share.value`, else null |
| extractor_version | string | version of the extractor that found the fact |
| fact | string | the whole fact as FACTS.md JSON (every field of every type) |
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "veille-batch/1"

FACT_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("published", pa.string()),
        ("partition", pa.int32()),
        ("fact_index", pa.int32()),
        ("type", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_text", pa.string()),
        ("confidence", pa.float64()),
        ("person", pa.string()),
        ("org", pa.string()),
        ("role_norm", pa.string()),
        ("status", pa.string()),
        ("date", pa.string()),
        ("currency", pa.string()),
        ("value", pa.float64()),
        ("extractor_version", pa.string()),
        ("fact", pa.string()),
    ]
)
_FLAT_TEXT = ("person", "org", "role_norm", "status", "date", "currency")


@dataclass
class PartitionEntry:
    """One partition in the manifest."""

    index: int
    articles: int
    facts: int
    warnings: int
    first_id: str | None
    last_id: str | None
    jsonl: str
    parquet: str


@dataclass
class Manifest:
    inputs: list[str]
    partition_size: int
    extractor_version: str
    settings: dict[str, Any]
    engine: str
    partitions: list[PartitionEntry] = field(default_factory=list)
    skipped_inputs: int = 0
    complete: bool = False
    elapsed_seconds: float = 0.0  # the whole run, wall clock
    startup_seconds: float = 0.0  # of which starting the cluster and loading the models

    @property
    def counts(self) -> dict[str, int]:
        return {
            "partitions": len(self.partitions),
            "articles": sum(p.articles for p in self.partitions),
            "facts": sum(p.facts for p in self.partitions),
            "warnings": sum(p.warnings for p in self.partitions),
            "skipped_inputs": self.skipped_inputs,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "complete": self.complete,
            "inputs": self.inputs,
            "engine": self.engine,
            "partition_size": self.partition_size,
            "counts": self.counts,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "extractor_version": self.extractor_version,
            "settings": self.settings,
            "partitions": [asdict(p) for p in sorted(self.partitions, key=lambda p: p.index)],
        }


def shard_names(index: int) -> tuple[str, str]:
    stem = f"facts-{index:05d}"
    return f"{stem}.jsonl", f"{stem}.parquet"


def write_shard(out_dir: Path, index: int, results: list[dict[str, Any]]) -> PartitionEntry:
    """Write partition `index`'s results (FACTS.md result dicts, input order) as its JSONL
    and Parquet shards; each file appears whole or not at all (written, then renamed)."""
    jsonl_name, parquet_name = shard_names(index)
    jsonl_path, parquet_path = out_dir / jsonl_name, out_dir / parquet_name
    _atomic_text(jsonl_path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results))
    table = pa.Table.from_pylist(list(fact_rows(index, results)), schema=FACT_SCHEMA)
    partial = parquet_path.with_name(parquet_path.name + ".part")
    pq.write_table(table, partial)
    os.replace(partial, parquet_path)
    return PartitionEntry(
        index=index,
        articles=len(results),
        facts=sum(len(r.get("facts", [])) for r in results),
        warnings=sum(len(r.get("warnings", [])) for r in results),
        first_id=results[0]["id"] if results else None,
        last_id=results[-1]["id"] if results else None,
        jsonl=jsonl_name,
        parquet=parquet_name,
    )


def fact_rows(index: int, results: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """The Parquet rows of a partition: one per fact."""
    for result in results:
        for position, fact in enumerate(result.get("facts", [])):
            evidence = fact.get("evidence") or {}
            value = fact.get("value")
            row: dict[str, Any] = {
                "article_id": result["id"],
                "published": result.get("published"),
                "partition": index,
                "fact_index": position,
                "type": fact.get("type"),
                "evidence_start": evidence.get("start"),
                "evidence_end": evidence.get("end"),
                "evidence_text": evidence.get("text"),
                "confidence": fact.get("confidence"),
                "value": float(value) if isinstance(value, int | float) else None,
                "extractor_version": fact.get("extractor_version"),
                "fact": json.dumps(fact, ensure_ascii=False),
            }
            for name in _FLAT_TEXT:
                text = fact.get(name)
                row[name] = None if text is None else str(text)
            yield row


def write_manifest(out_dir: Path, manifest: Manifest) -> Path:
    path = out_dir / MANIFEST
    _atomic_text(path, json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return path


def read_results(out_dir: str | Path) -> list[dict[str, Any]]:
    """Every result of a finished run, in input order (JSONL shards in manifest order).
    Holds them all: for tests and small runs; stream the shards for large ones."""
    out = Path(out_dir)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    results: list[dict[str, Any]] = []
    for entry in manifest["partitions"]:
        with (out / entry["jsonl"]).open(encoding="utf-8") as lines:
            results.extend(json.loads(line) for line in lines)
    return results


def _atomic_text(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
