"""Producing predictions for the articles of a gold file, for `veille evaluate` without --pred.

The article file may be the whole corpus (35k articles, gzip JSONL): it is streamed,
only the articles named in gold are kept, and reading stops once all of them are found.
The extractor (and so spaCy) is imported only inside `predict`, so that the rest of
`veille.evaluate` runs without a model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from veille.records import Article
from veille.settings import Settings
from veille.sources import read_articles
from veille.sources.problems import OnError


def articles_in(
    wanted: set[str],
    paths: Sequence[str | Path],
    on_error: OnError | None = None,
) -> Iterator[Article]:
    """The articles of `paths` whose id is in `wanted`, each once, in file order.

    Problems met while reading (bad lines, duplicates) go to `on_error`, as
    `veille.sources.read_articles` reports them.
    """
    remaining = set(wanted)
    for article in read_articles(paths, on_error=on_error):
        if article.id in remaining:
            remaining.discard(article.id)
            yield article
            if not remaining:
                return


def predict(
    wanted: set[str],
    paths: Sequence[str | Path],
    settings: Settings,
    on_error: OnError | None = None,
) -> Iterator[dict[str, Any]]:
    """Extraction results (FACTS.md dicts) for the articles of `paths` named in `wanted`."""
    from veille.facts.extractor import Extractor

    extractor = Extractor(settings)
    for result in extractor.extract_many(articles_in(wanted, paths, on_error)):
        yield result.to_dict()
