"""Fixtures shared by the fact tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veille.records import Article, Move


@pytest.fixture(scope="session")
def article_moves(extractor) -> Callable[..., list[Move]]:  # type: ignore[no-untyped-def]
    """The moves the extractor finds in one article written for a test:
    `article_moves(text, published=..., title=None)`. Each test module projects them
    onto what it checks."""

    def moves(text: str, *, published: str, title: str | None = None) -> list[Move]:
        article = Article(id="t", title=title, text=text, published=published)
        return [f for f in extractor.extract(article).facts if isinstance(f, Move)]

    return moves
