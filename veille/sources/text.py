"""Plain-text articles: one file (or standard input) is one article, its text as is."""

from __future__ import annotations

from veille.records import Article
from veille.sources.decoding import BinaryContent, decode_document, fallback_note
from veille.sources.problems import Reporter


def article_from_text_bytes(
    data: bytes, *, article_id: str, path: str, reporter: Reporter
) -> Article | None:
    """The article whose text is `data`, or None (reported) when it is not text.
    An empty file gives an article with empty text: the extractor reports it."""
    try:
        decoded = decode_document(data)
    except BinaryContent:
        reporter.skipped("binary data (NUL byte), not a text file", path=path)
        return None
    note = fallback_note(decoded.encoding)
    if note:
        reporter.note(note, path=path)
    return Article(id=article_id, text=decoded.text)
