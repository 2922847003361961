"""Limits enforced first: an article over `max_article_chars` is read and nothing more,
stored as refused, and extracted by `reprocess` (or a new ingest) once the limit allows."""

# ruff: noqa: F811

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from store.fixtures import fresh_store  # noqa: F401
from veille.facts.extractor import Extractor
from veille.records import EXTRACTOR_VERSION, Article
from veille.settings import Settings
from veille.store import Store, ingest_articles, reprocess, schema
from veille.store.ingest import REFUSED

pytestmark = pytest.mark.slow

LONG = Article(
    id="long", published="2024-01-15",
    text=("Sophie Morel est nommée directrice générale de Safran. "
          + "Le conseil a longuement débattu de la stratégie du groupe. " * 12))
SHORT = Article(id="short", published="2024-01-16",
                text="Hugo Bonnet quitte Valeo, où il était directeur financier.")


def limited(extractor: Extractor, limit: int) -> Extractor:
    """The session's pipeline, with another size limit (no second model load)."""
    return Extractor(Settings(max_article_chars=limit), nlp=extractor.nlp)


def versions(store: Store) -> dict[str, str]:
    table = schema.articles
    with store.read() as conn:
        return dict(conn.execute(select(table.c.id, table.c.extractor_version)).all())


def test_an_over_limit_article_reaches_no_pass(extractor: Extractor) -> None:
    small = limited(extractor, 300)
    seen: list[str] = []

    def spy(pass_: Any) -> Any:
        def run(chunks: Any, ctx: Any) -> Any:
            seen.append(ctx.article.id)
            return pass_(chunks, ctx)
        return run

    small.extractors = [spy(p) for p in small.extractors]
    huge = Article(id="huge", text="Une phrase sans nom propre. " * 200_000)  # 5.6 MB
    long_result, huge_result, short_result = small.extract_many([LONG, huge, SHORT])
    assert long_result.refused and huge_result.refused and not short_result.refused
    assert "over the limit of 300" in huge_result.warnings[0]
    assert set(seen) == {"short"}  # no pass of the extractor read the refused ones
    assert small.extract(Article(id="vide", text="  ")).refused is False  # empty: not a limit


def test_refused_articles_are_read_once_the_limit_allows(fresh_store: Store,
                                                         extractor: Extractor) -> None:
    tally = ingest_articles(fresh_store, [LONG, SHORT], limited(extractor, 300).extract_many)
    assert tally.new == 2
    assert versions(fresh_store) == {"long": REFUSED, "short": EXTRACTOR_VERSION}

    # The same file again, same limit: refused again, nothing lost.
    ingest_articles(fresh_store, [LONG, SHORT], limited(extractor, 300).extract_many)
    assert versions(fresh_store)["long"] == REFUSED

    tally = reprocess(fresh_store, limited(extractor, 10_000).extract_many)
    assert tally.read == 1 and tally.facts >= 1
    assert versions(fresh_store) == {"long": EXTRACTOR_VERSION, "short": EXTRACTOR_VERSION}
    with fresh_store.read() as conn:
        people = set(conn.execute(select(schema.facts.c.person)
                                  .where(schema.facts.c.article_id == "long")).scalars())
    assert "Sophie Morel" in people


def test_an_ingest_with_a_higher_limit_reads_a_refused_article(fresh_store: Store,
                                                               extractor: Extractor) -> None:
    ingest_articles(fresh_store, [LONG], limited(extractor, 300).extract_many)
    tally = ingest_articles(fresh_store, [LONG], limited(extractor, 10_000).extract_many)
    assert tally.unchanged == 0 and tally.facts >= 1
    assert versions(fresh_store) == {"long": EXTRACTOR_VERSION}
