"""Shared helpers of the bench scripts: the sample, token counts, memory, child runs.

Every measured configuration runs in its own spawned child process, so that its peak
RSS is its own (ru_maxrss never goes down within a process) and one run's model or
caches cannot warm up the next. The parent only orchestrates and prints.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "orangesum.jsonl.gz"
MB = 1024 * 1024


def sample_arguments(description: str, n: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=n, help=f"articles in the sample ({n})")
    parser.add_argument("--skip", type=int, default=0, help="articles skipped before it")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON Lines (.gz) corpus")
    return parser


def read_sample(corpus: Path, skip: int, n: int) -> list[Any]:
    return list(islice(stream_sample(corpus, skip), n))


def stream_sample(corpus: Path, skip: int) -> Iterator[Any]:
    from veille.sources import read_articles

    return islice(read_articles([corpus]), skip, None)


def count_tokens(texts: list[str]) -> int:
    """Tokens of the blank French tokenizer: the same yardstick for every configuration."""
    import spacy

    tokenizer = spacy.blank("fr").tokenizer
    return sum(len(tokenizer(text)) for text in texts)


def self_peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class DescendantMemory:
    """Samples the RSS of every descendant process (pool or Dask workers) in a thread and
    keeps each one's peak. Sampling can miss a peak shorter than the interval."""

    def __init__(self, interval: float = 0.25):
        import psutil

        self._me = psutil.Process()
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> DescendantMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(self.interval):
            for child in self._me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / MB
                    self.names.setdefault(child.pid, " ".join(child.cmdline()[-2:])[-60:])
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)

    def workers_peak(self, minimum_mb: float = 200.0) -> list[float]:
        """Peaks of the processes that loaded a model (the others are Dask nannies,
        the resource tracker…, a few tens of MB), largest first."""
        return sorted((p for p in self.peaks.values() if p >= minimum_mb), reverse=True)


def run_in_child(target: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """`target(*args)` in a fresh spawned process; its returned dict."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, target, args))
    process.start()
    result = queue.get()
    process.join()
    if "error" in result:
        raise RuntimeError(f"{target.__name__} failed in its child process: {result['error']}")
    return result


def _child(queue: Any, target: Callable[..., dict[str, Any]], args: tuple[Any, ...]) -> None:
    try:
        result = target(*args)
    except BaseException as exc:  # noqa: BLE001 - handed to the parent
        import traceback

        result = {"error": f"{exc!r}\n{traceback.format_exc()}"}
    queue.put(result)


def code_note() -> str:
    """Which veille the run measured: the bench must not measure a moving working tree."""
    import subprocess

    import veille

    where = Path(veille.__file__).resolve().parents[1]
    try:
        described = subprocess.run(
            ["git", "-C", str(where), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        described = "not a git checkout"
    return f"veille from {where} ({described})"


def machine_note() -> str:
    load = os.getloadavg()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; python {sys.version.split()[0]}"
    )


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"
