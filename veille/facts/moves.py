"""Executive moves and positions."""

from __future__ import annotations

from veille.facts.context import ArticleContext, Chunk
from veille.records import Fact


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    return []
