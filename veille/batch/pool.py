"""Extraction on N local processes, results in input order, in constant memory.

Each process builds one Extractor when it starts (the pool initializer), so the model is
loaded N times in all, never per article. Articles go out in chunks and at most
`in_flight` chunks are out at once: reading runs only as far ahead as the slowest worker,
whatever the size of the input. Results come back in the order the chunks were sent.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain
from typing import TypeVar

from veille.batch.partitions import extract_safely, extractor_for, partitions
from veille.errors import VeilleError
from veille.facts.extractor import Extractor
from veille.records import Article, ExtractionResult
from veille.settings import Settings

T = TypeVar("T")


class WorkerError(VeilleError):
    """A worker process died (killed, out of memory) and took its articles with it."""


# What a pool process extracts with; tests give a stand-in without a model. It must be
# importable by name (a module-level function): spawned processes import it.
ExtractorFactory = Callable[[Settings], Extractor]

# State of a pool process, set by its initializer.
_extractor: Extractor | None = None
_load_error: BaseException | None = None


def _start_worker(settings: Settings, factory: ExtractorFactory) -> None:
    global _extractor, _load_error
    try:
        _extractor = factory(settings)
    except BaseException as exc:  # noqa: BLE001 - reported by the first task, not lost
        _load_error = exc


def _worker_extractor() -> Extractor:
    if _load_error is not None:
        raise _load_error
    assert _extractor is not None, "pool process started without its initializer"
    return _extractor


def _ready() -> int:
    _worker_extractor()
    return os.getpid()


def _extract_chunk(articles: list[Article]) -> list[ExtractionResult]:
    return extract_safely(_worker_extractor(), articles)


class ExtractorPool:
    """A pool of extraction processes. Use as a context manager; `extract_many` has the
    same contract as `Extractor.extract_many` (one result per article, input order)."""

    def __init__(
        self,
        settings: Settings,
        workers: int,
        *,
        chunk_size: int | None = None,
        in_flight: int | None = None,
        factory: ExtractorFactory = extractor_for,
    ):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.settings = settings
        self.workers = workers
        self.chunk_size = chunk_size or settings.batch_size
        # Two chunks per worker: one being extracted, one waiting, so no worker idles
        # while the parent reads and writes.
        self.in_flight = in_flight or 2 * workers
        self.factory = factory
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractorPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the processes and wait until each has loaded the model, so that a model
        that cannot load fails here (ModelError), before any output is written."""
        # spawn, not fork: the parent may run threads (progress bar, counting) that a
        # forked child would inherit in an unknown state.
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.settings, self.factory),
        )
        ready = [self._executor.submit(_ready) for _ in range(self.workers)]
        for future in ready:
            self._result(future)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def pids(self) -> list[int]:
        """Process ids of the workers (for memory figures)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(processes)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        if self._executor is None:
            raise RuntimeError("ExtractorPool used before start() or after close()")
        executor = self._executor
        pending: deque[Future[list[ExtractionResult]]] = deque()
        for chunk in partitions(articles, self.chunk_size):
            pending.append(executor.submit(_extract_chunk, chunk))
            if len(pending) >= self.in_flight:
                yield from self._result(pending.popleft())
        while pending:
            yield from self._result(pending.popleft())

    def _result(self, future: Future[T]) -> T:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise WorkerError(
                "an extraction process died (killed, or out of memory?); "
                "try fewer --workers or a smaller batch_size"
            ) from exc


@contextmanager
def pooled_extraction(settings: Settings, workers: int, *,
                      factory: ExtractorFactory = extractor_for
                      ) -> Iterator[Callable[[Iterable[Article]], Iterator[ExtractionResult]]]:
    """An `extract_many` over `workers` processes, started only when a first article
    needs extracting (re-ingesting unchanged files loads no model), closed on exit.
    Results come in input order, so the one writer that stores them (ingest) stores the
    same as with one process."""
    pools: list[ExtractorPool] = []

    def extract_many(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        iterator = iter(articles)
        first = next(iterator, None)
        if first is None:
            return
        pool = ExtractorPool(settings, workers, factory=factory)
        pools.append(pool)
        pool.start()
        yield from pool.extract_many(chain([first], iterator))

    try:
        yield extract_many
    finally:
        for pool in pools:
            pool.close()
