"""Progress of a long run on stderr: a live bar on a terminal, one summary line always.

The bar shows articles/s, facts found and, once the number of articles is known, an ETA.
That number is counted in a background thread (newlines of JSON Lines files, one per text
or HTML file) so that a large input never delays the first article; until the count is
done, or when it cannot be made (standard input), the bar runs without a total.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from veille.records import Article, ExtractionResult
from veille.sources.discover import InputKind, iter_inputs
from veille.sources.problems import Reporter

ExtractMany = Callable[[Iterable[Article]], Iterable[ExtractionResult]]

# Compressed files larger than this are estimated from a sample instead of decompressed
# whole: counting must stay a small fraction of the run it announces.
COUNT_GZ_LIMIT = 64 * 1024 * 1024
SAMPLE_BYTES = 4 * 1024 * 1024


def count_articles(paths: Sequence[str | Path], exclude: Iterable[str | Path] = ()) -> int | None:
    """How many articles the paths hold, counted cheaply (one per line of JSON Lines, one
    per text or HTML file); None when unknown (standard input). Blank or broken lines
    make it an upper bound, which is all an ETA needs."""
    total = 0
    for source in iter_inputs(paths, Reporter(lambda _: None), exclude):
        if source.kind in (InputKind.STDIN, InputKind.FEED):
            return None  # a feed's items are known once it is fetched and parsed
        if source.kind is InputKind.JSONL:
            total += _count_lines(Path(source.path))
        elif source.kind is InputKind.JSONL_GZ:
            total += _count_gz_lines(Path(source.path))
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return _newlines(stream)
    except OSError:
        return 0


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _newlines(stream: _Readable, limit: int | None = None) -> int:
    count = seen = 0
    last = b"\n"
    while block := stream.read(1 << 20):
        count += block.count(b"\n")
        last = block[-1:]
        seen += len(block)
        if limit is not None and seen >= limit:
            break
    return count + (last != b"\n")


def _count_gz_lines(path: Path) -> int:
    try:
        size = path.stat().st_size
        with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) as stream:
            if size <= COUNT_GZ_LIMIT:
                return _newlines(stream)
            # Estimate: lines per compressed byte in a sample, times the compressed size.
            sample_lines = _newlines(stream, SAMPLE_BYTES)
            return round(sample_lines * size / max(raw.tell(), 1))
    except (OSError, EOFError):
        return 0


class RunProgress:
    """Counts articles and facts as results go by; draws a bar when stderr is a terminal.

    Use it as a context manager. `echo` prints a line (warning, skipped input) above the
    bar instead of through it.
    """

    def __init__(self, label: str, console: Console | None = None, *, live: bool | None = None):
        self.label = label
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal if live is None else live
        self.articles = 0
        self.facts = 0
        self.total: int | None = None
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> RunProgress:
        self.started = time.monotonic()
        if self.live:
            self._bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TextColumn("{task.fields[facts]} facts"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate=0.0, facts=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def count_in_background(
        self, paths: Sequence[str | Path], exclude: Iterable[str | Path] = ()
    ) -> None:
        """Count the articles of `paths` in a daemon thread; the bar gets a total then."""

        def count() -> None:
            total = count_articles(paths, exclude)
            if total is not None:
                self.set_total(total)

        threading.Thread(target=count, name="veille-count", daemon=True).start()

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, total=max(total, self.articles))

    def advance(self, articles: int = 1, facts: int = 0) -> None:
        self.articles += articles
        self.facts += facts
        if self._bar is not None and self._task is not None:
            total = self.total if self.total is None else max(self.total, self.articles)
            self._bar.update(
                self._task,
                completed=self.articles,
                total=total,
                rate=self.rate,
                facts=self.facts,
            )

    def track(self, extract: ExtractMany) -> ExtractMany:
        """`extract`, counting each result it yields."""

        def tracked(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
            for result in extract(articles):
                self.advance(1, len(result.facts))
                yield result

        return tracked

    def echo(self, line: str) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0

    def timing(self) -> str:
        """The timing part of a summary line."""
        return f"{self.elapsed:.1f}s, {self.rate:.1f} articles/s"
