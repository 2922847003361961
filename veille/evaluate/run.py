"""Producing predictions for the articles of a gold file, for `veille evaluate` without --pred.

The article file may be the whole corpus (35k articles, gzip JSONL): it is streamed,
only the articles named in gold are kept, and reading stops once all of them are found.
The extractor (and so spaCy) is imported only here, only when called, so that the rest of
`veille.evaluate` runs without a model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from veille.errors import VeilleError
from veille.records import Article
from veille.settings import Settings


class ArticleReaderMissing(VeilleError):
    """veille.sources.read_articles is not available in this installation."""


def gold_ids(gold_records: Iterable[dict[str, Any]]) -> list[str]:
    return [str(record["id"]) for record in gold_records]


def articles_in(
    wanted: set[str],
    paths: list[str | Path],
    on_error: Callable[[Exception], None] | None = None,
) -> Iterator[Article]:
    """The articles of `paths` whose id is in `wanted`, each once, in file order."""
    # Looked up at call time: the sources stage is written alongside this one, and a
    # missing reader should only stop extraction, not scoring with --pred.
    try:
        read_articles = importlib.import_module("veille.sources").read_articles
    except (ImportError, AttributeError) as exc:
        raise ArticleReaderMissing(
            "cannot read articles: veille.sources.read_articles is missing "
            f"({exc}); give predictions with --pred FILE instead"
        ) from exc
    remaining = set(wanted)
    for article in read_articles(paths, on_error=on_error):
        if article.id in remaining:
            remaining.discard(article.id)
            yield article
            if not remaining:
                return


def predict(
    wanted: set[str],
    paths: list[str | Path],
    settings: Settings,
    on_error: Callable[[Exception], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Extraction results (FACTS.md dicts) for the articles of `paths` named in `wanted`."""
    from veille.facts.extractor import Extractor

    extractor = Extractor(settings)
    for result in extractor.extract_many(articles_in(wanted, paths, on_error)):
        yield result.to_dict()
