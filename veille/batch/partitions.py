"""The per-partition function every engine runs, and the plumbing around it.

`extract_partition` is the one unit of work of a batch: plain dicts in, plain dicts out,
so that it pickles cheaply and runs unchanged in this process, in a pool process, on a
Dask LocalCluster or on a remote Dask worker. Each process builds its Extractor (and so
loads the model) once, on first use, and keeps it for every later partition.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from veille.facts.extractor import Extractor
from veille.records import Article, ExtractionResult
from veille.settings import Settings

T = TypeVar("T")

# One Extractor per process and settings: loading the model costs seconds and hundreds
# of MB, so a worker must never do it twice.
_EXTRACTORS: dict[Settings, Extractor] = {}
_LOCK = threading.Lock()

PartitionFunction = Callable[[list[dict[str, Any]], dict[str, Any]], list[dict[str, Any]]]


def partitions(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` cut into lists of `size` (the last may be shorter), read lazily."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    return dataclasses.asdict(settings)


def settings_from_dict(data: dict[str, Any]) -> Settings:
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known})


def extractor_for(settings: Settings) -> Extractor:
    """This process's Extractor for `settings`, built on first use."""
    with _LOCK:  # a Dask worker with several threads must still load the model once
        extractor = _EXTRACTORS.get(settings)
        if extractor is None:
            extractor = _EXTRACTORS[settings] = Extractor(settings)
        return extractor


def extract_safely(extractor: Extractor, articles: list[Article]) -> list[ExtractionResult]:
    """One result per article, in order, even if the extractor fails on some of them.

    The extractor itself turns known per-article problems into warnings; this is the
    last line of defence that keeps a worker (and so the whole batch) alive when an
    unforeseen article breaks a batch: the batch is redone one article at a time and the
    article that fails gets a warning instead of facts.
    """
    try:
        return list(extractor.extract_many(articles))
    except Exception:  # noqa: BLE001 - any failure is contained to its articles
        pass
    results: list[ExtractionResult] = []
    for article in articles:
        try:
            results.extend(extractor.extract_many([article]))
        except Exception as exc:  # noqa: BLE001
            results.append(failed_result(article, exc))
    return results


def failed_result(article: Article, exc: BaseException) -> ExtractionResult:
    result = ExtractionResult(article.id, article.published)
    result.warnings.append(
        f"article {article.id}: extraction failed ({type(exc).__name__}: {exc}); no facts"
    )
    return result


def extract_partition(
    articles: list[dict[str, Any]], settings: dict[str, Any]
) -> list[dict[str, Any]]:
    """Facts (FACTS.md result dicts) of a partition of articles (FACTS.md input dicts),
    in input order. The same function runs in-process, in a pool or on Dask workers."""
    extractor = extractor_for(settings_from_dict(settings))
    records = [Article.from_dict(a) for a in articles]
    out: list[dict[str, Any]] = []
    for batch in partitions(records, extractor.settings.batch_size):
        out.extend(result.to_dict() for result in extract_safely(extractor, batch))
    return out
