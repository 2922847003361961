"""What every fact extractor receives: a parsed chunk of one article and the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span

from veille.facts.reading.salience import article_org
from veille.records import Article, Evidence


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO date or datetime, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class ArticleContext:
    """One article being read. Extractors share it to carry state across chunks
    (names already seen, for short references such as a surname or "celui-ci")."""

    article: Article
    text: str
    published: date | None
    # Full person names seen so far, in order of first mention.
    people: list[str] = field(default_factory=list)

    @classmethod
    def for_article(cls, article: Article) -> ArticleContext:
        return cls(article, article.full_text, parse_published(article.published))

    @cached_property
    def main_org(self) -> str | None:
        """The organisation the article is about (`salience.article_org`), read once: the
        move rules and the person–organisation pairs both ask for it."""
        return article_org(self.text, len(self.article.title or ""))


@dataclass(frozen=True)
class Chunk:
    """A parsed piece of the article: the whole text, or a run of candidate sentences
    when the fast path is on. `offset` is where `doc.text` starts in `source`, the
    original article string (the doc holds its length-preserving normalisation)."""

    doc: Doc
    offset: int
    source: str
    # False for sentences the fast path would skip (parsed with --no-fast-path only):
    # they may state facts, but never change how the rest of the article is read
    candidate: bool = True

    def evidence(self, span: Span) -> Evidence:
        start, end = self.offset + span.start_char, self.offset + span.end_char
        return Evidence(start, end, self.source[start:end])
