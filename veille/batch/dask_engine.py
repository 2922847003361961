"""`run_batch`: a stream of articles cut into partitions, each extracted by the one
per-partition function (`extract_partition`) on a Dask cluster, written as shards.

Where the partitions run:

- `workers=0`: in this process, no Dask at all (debugging, tiny inputs);
- no scheduler: a LocalCluster of `workers` processes with one thread each, started and
  stopped here;
- `scheduler="tcp://host:8786"`: an existing cluster; its workers need the same veille
  version installed (they import `extract_partition`, they are not sent its code).

Only a few partitions are in flight at once (`in_flight`, default two per worker): the
input is read as fast as the cluster extracts, never ahead, so memory stays flat whatever
the corpus size. Results come back to this process, which writes every shard: the output
folder only has to exist here, not on the workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veille.batch.partitions import (
    PartitionFunction,
    extract_partition,
    partitions,
    settings_to_dict,
)
from veille.batch.shards import MANIFEST, Manifest, PartitionEntry, write_manifest, write_shard
from veille.errors import InputError, VeilleError
from veille.records import EXTRACTOR_VERSION, Article, result_from_dict
from veille.settings import Settings
from veille.sources import InputNote, read_articles

DEFAULT_PARTITION_SIZE = 500


class BatchError(VeilleError):
    """A batch cannot start or cannot go on (output folder, cluster)."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (what it extracts is in `Settings`)."""

    out_dir: Path
    partition_size: int = DEFAULT_PARTITION_SIZE
    workers: int = 1  # LocalCluster processes; 0 runs the partitions in this process
    scheduler: str | None = None  # address of an existing Dask scheduler
    in_flight: int | None = None  # partitions submitted at once; default 2 per worker
    store_url: str | None = None  # also load the results into this database
    warm_up: bool = True  # load the model on every worker before the first partition


OnPartition = Callable[[PartitionEntry], None]


def run_batch(
    paths: Sequence[str | Path],
    settings: Settings,
    options: BatchOptions,
    *,
    published: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_partition: OnPartition | None = None,
    client: Any = None,
    partition_fn: PartitionFunction | None = None,
) -> Manifest:
    """Extract the facts of every article of `paths` into shards in `options.out_dir`;
    the manifest of the run. Reader problems go to `on_error` and are counted."""
    skipped = 0

    def count(problem: InputError) -> None:
        nonlocal skipped
        skipped += not isinstance(problem, InputNote)
        if on_error is not None:
            on_error(problem)

    out = Path(options.out_dir)
    articles = read_articles(paths, published=published, on_error=count, exclude=[out])
    manifest = run_partitions(
        articles,
        settings,
        options,
        inputs=[str(p) for p in paths],
        on_partition=on_partition,
        client=client,
        partition_fn=partition_fn,
        skipped=lambda: skipped,
    )
    return manifest


def run_partitions(
    articles: Iterable[Article],
    settings: Settings,
    options: BatchOptions,
    *,
    inputs: list[str],
    on_partition: OnPartition | None = None,
    client: Any = None,
    partition_fn: PartitionFunction | None = None,
    skipped: Callable[[], int] = lambda: 0,
) -> Manifest:
    """`run_batch` for articles already read (benchmarks, other sources).
    `partition_fn` stands in for `extract_partition` (tests of the plumbing)."""
    partition_fn = partition_fn or extract_partition
    out = prepare_out_dir(options.out_dir)
    started = time.monotonic()
    settings_dict = settings_to_dict(settings)
    with _engine(options, client) as (submit, engine_name, slots):
        manifest = Manifest(
            inputs=inputs,
            partition_size=options.partition_size,
            extractor_version=EXTRACTOR_VERSION,
            settings=settings_dict,
            engine=engine_name,
        )
        if options.warm_up:
            submit.warm_up(partition_fn, settings_dict)
        manifest.startup_seconds = time.monotonic() - started
        store = _open_store(options.store_url)
        resolver: Any = None  # one for the whole run: the base is replayed once
        try:
            window = options.in_flight or 2 * max(slots, 1)
            parts = partitions(articles, options.partition_size)
            for index, part, results in submit.run(partition_fn, parts, settings_dict, window):
                entry = write_shard(out, index, results)
                if store is not None:
                    resolver = _store_partition(store, part, results, resolver)
                manifest.partitions.append(entry)
                manifest.skipped_inputs = skipped()
                manifest.elapsed_seconds = time.monotonic() - started
                write_manifest(out, manifest)
                if on_partition is not None:
                    on_partition(entry)
        finally:
            if store is not None:
                store.close()
    manifest.skipped_inputs = skipped()
    manifest.complete = True
    manifest.elapsed_seconds = time.monotonic() - started
    write_manifest(out, manifest)
    return manifest


def prepare_out_dir(out_dir: str | Path) -> Path:
    """The output folder, created if needed; refused if it holds an earlier run (its
    shards would mix with this one's)."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BatchError(f"--out {out} is a file; give a folder for the shards")
    if (out / MANIFEST).exists() or any(out.glob("facts-*.jsonl")):
        raise BatchError(
            f"{out} already holds the output of a batch run ({MANIFEST}, facts-*.jsonl); "
            "give another --out folder or remove that one"
        )
    out.mkdir(parents=True, exist_ok=True)
    return out


Done = Iterator[tuple[int, list[Article], list[dict[str, Any]]]]


class _InProcess:
    """Runs each partition here, one after the other."""

    def warm_up(self, fn: PartitionFunction, settings: dict[str, Any]) -> None:
        fn([], settings)

    def run(
        self,
        fn: PartitionFunction,
        parts: Iterable[list[Article]],
        settings: dict[str, Any],
        window: int,
    ) -> Done:
        for index, part in enumerate(parts):
            yield index, part, fn([a.to_dict() for a in part], settings)


class _OnDask:
    """Submits partitions to a Dask client, at most `window` at a time."""

    def __init__(self, client: Any):
        self.client = client

    def warm_up(self, fn: PartitionFunction, settings: dict[str, Any]) -> None:
        # An empty partition on every worker loads the model now: a model that cannot
        # load fails before any shard is written, and timings do not include the load.
        self.client.run(fn, [], settings)

    def run(
        self,
        fn: PartitionFunction,
        parts: Iterable[list[Article]],
        settings: dict[str, Any],
        window: int,
    ) -> Done:
        from distributed import as_completed

        pending: dict[str, tuple[int, list[Article]]] = {}
        done = as_completed()
        queue = enumerate(parts)

        def submit_next() -> bool:
            item = next(queue, None)
            if item is None:
                return False
            index, part = item
            future = self.client.submit(
                fn,
                [a.to_dict() for a in part],
                settings,
                pure=False,
                key=f"veille-partition-{index:05d}-{time.monotonic_ns()}",
            )
            pending[future.key] = (index, part)
            done.add(future)
            return True

        for _ in range(window):
            if not submit_next():
                break
        for future in done:
            index, part = pending.pop(future.key)
            results = future.result()
            future.release()
            submit_next()
            yield index, part, results


@contextmanager
def _engine(options: BatchOptions, client: Any) -> Iterator[tuple[Any, str, int]]:
    """(submitter, description for the manifest, number of worker slots)."""
    if client is not None:
        yield _OnDask(client), f"dask client {client.scheduler.address}", _slots(client)
        return
    if options.workers == 0 and options.scheduler is None:
        yield _InProcess(), "in-process", 1
        return
    from distributed import Client, LocalCluster

    if options.scheduler is not None:
        try:
            remote = Client(options.scheduler, timeout="30s")
        except OSError as exc:
            raise BatchError(
                f"cannot reach the Dask scheduler at {options.scheduler}: {exc}; start one "
                "with `dask scheduler` and give its tcp://host:port"
            ) from exc
        with remote:
            yield _OnDask(remote), f"dask scheduler {options.scheduler}", _slots(remote)
        return
    # One thread per worker process: spaCy pipelines are not shared between threads, and
    # processes are what use several cores in Python.
    with (
        LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken by another cluster
        ) as cluster,
        Client(cluster) as local,
    ):
        yield _OnDask(local), f"LocalCluster({options.workers} workers x 1 thread)", options.workers


def _slots(client: Any) -> int:
    info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def _open_store(url: str | None) -> Any:
    if url is None:
        return None
    from veille.store import open_store

    return open_store(url)


def _store_partition(store: Any, part: list[Article], results: list[dict[str, Any]],
                     resolver: Any) -> Any:
    """Load a finished partition into the knowledge base with the store's own idempotent
    ingest: articles already stored with the same content are left as they are. The
    resolver goes from partition to partition (made on the first, from the stored facts),
    so the base is replayed once per run, not once per partition."""
    from veille.store import ingest_articles
    from veille.store.entities import load_entities
    from veille.store.replay import starting_resolver

    if resolver is None:
        with store.read() as conn:
            resolver = starting_resolver(store, load_entities(conn))
    by_id = {r["id"]: result_from_dict(r) for r in results}
    ingest_articles(store, part, lambda articles: (by_id[a.id] for a in articles),
                    resolver=resolver)
    return resolver
