"""Plain-text articles: one file (or standard input) is one article, its text as is."""

from __future__ import annotations

from veille.records import Article
from veille.sources.decoding import BinaryContent, decode_document, fallback_note
from veille.sources.problems import Reporter


def document_text(data: bytes, *, path: str, reporter: Reporter, kind: str) -> str | None:
    """`data` decoded (UTF-8, else the fallback with a note), or None (reported) when it
    is binary. `kind` names what the file should have been ("a text file")."""
    try:
        decoded = decode_document(data)
    except BinaryContent:
        reporter.skipped(f"binary data (NUL byte), not {kind}", path=path)
        return None
    note = fallback_note(decoded.encoding)
    if note:
        reporter.note(note, path=path)
    return decoded.text


def article_from_text_bytes(
    data: bytes, *, article_id: str, path: str, reporter: Reporter
) -> Article | None:
    """The article whose text is `data`, or None (reported) when it is not text.
    An empty file gives an article with empty text: the extractor reports it."""
    text = document_text(data, path=path, reporter=reporter, kind="a text file")
    return None if text is None else Article(id=article_id, text=text)
