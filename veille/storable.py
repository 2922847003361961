"""Text every store can keep, one character for one.

PostgreSQL refuses a NUL character in text, and neither database driver can encode a
lone UTF-16 surrogate ("\\ud800", which a JSON escape can produce); SQLite would keep
the first and fail on the second. Both become U+FFFD, the replacement character, so a
hostile article is stored and read back the same way on every backend, and every
evidence offset into its text stays true (the length never changes).
"""

from __future__ import annotations

import re
from dataclasses import replace

from veille.records import Article

REPLACEMENT = "\ufffd"

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` with NUL and lone surrogates replaced by U+FFFD, same length."""
    if not _UNSTORABLE.search(text):
        return text
    return _UNSTORABLE.sub(REPLACEMENT, text)


def storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)


def storable_article(article: Article) -> Article:
    """`article` with what no store can keep replaced in every field, one character for
    one, so every offset into its text stays true."""
    return replace(
        article, id=storable(article.id), text=storable(article.text), lang=storable(article.lang),
        title=storable_or_none(article.title), summary=storable_or_none(article.summary),
        published=storable_or_none(article.published), url=storable_or_none(article.url),
        source=storable_or_none(article.source))
