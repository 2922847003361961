"""HTML pages: the main text, title, publication date and address, found by trafilatura.

Menus, footers, comments and other boilerplate are left out. The page's own heading is
usually repeated as the first line of the main text; it is dropped there because the
title is already part of the article string (FACTS.md), and a repeated sentence would
give every fact in it twice.
"""

from __future__ import annotations

import logging

import trafilatura

from veille.records import Article
from veille.sources.problems import Reporter
from veille.sources.published import is_iso_date
from veille.sources.text import document_text

# trafilatura logs a warning for every page it gives up on ("discarding data: None");
# the reader reports those pages itself, once, in the run's own format.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def article_from_html_bytes(
    data: bytes, *, article_id: str, path: str, reporter: Reporter
) -> Article | None:
    """The article a page holds, or None (reported) when no main text is found."""
    html = document_text(data, path=path, reporter=reporter, kind="an HTML page")
    if html is None:
        return None
    page = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    main_text = getattr(page, "text", None) if page is not None else None
    if not main_text or not main_text.strip():
        reporter.skipped("no main text found in this HTML page", path=path)
        return None
    title = (getattr(page, "title", None) or "").strip() or None
    published = getattr(page, "date", None)
    return Article(
        id=article_id,
        text=_paragraphs(main_text, title),
        title=title,
        published=published if isinstance(published, str) and is_iso_date(published) else None,
        url=getattr(page, "url", None) or None,
    )


def _paragraphs(main_text: str, title: str | None) -> str:
    """trafilatura puts one block per line; the article format separates paragraphs by a
    blank line, as in the corpus."""
    lines = [line.strip() for line in main_text.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)
