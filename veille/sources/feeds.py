"""RSS and Atom feeds, from a file or an http(s) address, as Articles.

feedparser reads every RSS and Atom dialect (and the broken ones it can). Each item
becomes one article: its id is the item's id (guid), else its link; its text the item's
content, else its summary, with the HTML taken out; its date the item's publication (else
update) date; its address the item's link; its source the feed's title.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from veille.records import Article
from veille.sources.problems import Reporter

# A feed bigger than this is not a news feed (and would be held in memory whole).
MAX_FEED_BYTES = 50_000_000
FETCH_TIMEOUT = 30.0
USER_AGENT = "veille (+https://github.com/) feed reader"

ArticleAt = tuple[str, int | None, Article]


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def feed_articles(path: str, reporter: Reporter) -> Iterator[ArticleAt]:
    """The items of the feed at `path` (a file or an http(s) address), in feed order;
    each with its item number for messages."""
    data = _fetch(path, reporter) if is_url(path) else _read(path, reporter)
    if data is None:
        return
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        reporter.skipped(f"not an RSS or Atom feed, or a feed with no items{why}", path=path)
        return
    source = _text(parsed.feed.get("title")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        article = _article(entry, source)
        if article is None:
            reporter.skipped("feed item with neither id nor link", path=path, line=number)
            continue
        yield path, number, article


def _article(entry: Any, feed_title: str | None) -> Article | None:
    link = entry.get("link") or None
    item_id = entry.get("id") or link
    if not item_id:
        return None
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    title = _text(entry.get("title")) or None
    summary = _text(entry.get("summary")) if contents else ""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None
    item_source = entry.get("source") or {}
    return Article(id=str(item_id), text=_text(body), title=title,
                   summary=summary if summary and summary != _text(body) else None,
                   published=published, url=link,
                   source=_text(item_source.get("title")) or feed_title)


class _TextOf(HTMLParser):
    """The text of an HTML fragment, a blank line between blocks."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _text(html_or_text: str | None) -> str:
    if not html_or_text:
        return ""
    if "<" not in html_or_text:
        return re.sub(r"[ \t]+", " ", unescape(html_or_text)).strip()
    parser = _TextOf()
    parser.feed(html_or_text)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _read(path: str, reporter: Reporter) -> bytes | None:
    try:
        size = Path(path).stat().st_size
        if size > MAX_FEED_BYTES:
            reporter.skipped(f"feed of {size} bytes, over {MAX_FEED_BYTES}", path=path)
            return None
        return Path(path).read_bytes()
    except OSError as exc:
        reporter.skipped(f"cannot read file ({exc.strerror or exc})", path=path)
        return None


def _fetch(url: str, reporter: Reporter) -> bytes | None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data: bytes = response.read(MAX_FEED_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        reporter.skipped(f"cannot fetch feed ({reason})", path=url)
        return None
    if len(data) > MAX_FEED_BYTES:
        reporter.skipped(f"feed over {MAX_FEED_BYTES} bytes", path=url)
        return None
    return data
