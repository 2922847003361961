"""Is veille's memory flat in the number of articles? Serial runs over growing samples.

    .venv/bin/python bench/memory_flat.py --sizes 5000,35000      # the issue's check
    .venv/bin/python bench/memory_flat.py --sizes 1000,3000       # a quick look

Each size runs in its own spawned process: articles are streamed from the corpus (never
held in a list), extracted by the library path of `veille extract` (read_articles,
Extractor.extract_many, write_results to /dev/null), and the process's RSS is sampled
every --every articles. The corpus holds 35,392 articles: 35,000 is the largest size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - the bench folder is not a package
    CORPUS,
    MB,
    code_note,
    machine_note,
    ratio,
    run_in_child,
    self_peak_rss_mb,
    stream_sample,
)


def run_size(corpus: Path, skip: int, n: int, every: int) -> dict[str, Any]:
    import psutil

    from veille.cli.extract import ExtractTally, write_results
    from veille.facts.extractor import Extractor
    from veille.records import Article, ExtractionResult
    from veille.settings import Settings

    me = psutil.Process()
    extractor = Extractor(Settings())
    after_load = me.memory_info().rss / MB
    curve: list[tuple[int, float]] = []

    def sampled(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for count, result in enumerate(extractor.extract_many(articles), start=1):
            if count % every == 0:
                curve.append((count, me.memory_info().rss / MB))
            yield result

    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        tally = write_results(islice(stream_sample(corpus, skip), n), sampled, out, ExtractTally())
    return {
        "n": tally.articles,
        "facts": tally.facts,
        "seconds": time.perf_counter() - started,
        "after_load": after_load,
        "peak": self_peak_rss_mb(),
        "curve": curve,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,35000", help="comma-separated sample sizes")
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--every", type=int, default=1000, help="RSS sample period (articles)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"# memory flatness: veille serial (fast path) on {args.corpus.name}, skip {args.skip}")
    print(f"# machine at start: {machine_note()}")
    print(f"# code: {code_note()}")
    print(
        f"{'articles':>8} {'facts':>6} {'run s':>8} {'art/s':>6} {'RSS after load MB':>17} "
        f"{'peak RSS MB':>11}"
    )
    rows = []
    for size in sizes:
        row = run_in_child(run_size, args.corpus, args.skip, size, args.every)
        rows.append(row)
        print(
            f"{row['n']:>8} {row['facts']:>6} {row['seconds']:>8.1f} "
            f"{row['n'] / row['seconds']:>6.2f} {row['after_load']:>17.0f} {row['peak']:>11.0f}",
            flush=True,
        )
        curve = " ".join(f"{count}:{rss:.0f}" for count, rss in row["curve"])
        print(f"#   RSS MB every {args.every} articles: {curve}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"# peak RSS {last['n']} vs {first['n']} articles: "
            f"{ratio(last['peak'], first['peak'])} ({last['peak'] - first['peak']:+.0f} MB)"
        )
    print(f"# machine at end: {machine_note()}")


if __name__ == "__main__":
    main()
