"""`read_articles`: every input a run names, as one stream of Articles.

Streaming and constant memory: JSON Lines are read line by line, and a plain-text or
HTML file is held only while its one article is built. The only state kept across the
run is the set of ids already seen, to report duplicates.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import BinaryIO, cast

from veille.records import Article
from veille.sources.decoding import BinaryContent, byte_lines, decode_lines
from veille.sources.discover import Input, InputKind, iter_inputs
from veille.sources.feeds import feed_articles
from veille.sources.html import article_from_html_bytes
from veille.sources.jsonl import iter_jsonl
from veille.sources.problems import OnError, Reporter
from veille.sources.published import check_published
from veille.sources.text import article_from_text_bytes
from veille.storable import storable_article

STDIN_ID = "stdin"
STDIN_LABEL = "<stdin>"

# What a damaged file can raise part-way through: the articles before stay read.
_READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeError)


def read_articles(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    on_error: OnError | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Article]:
    """The articles of every path, in order: JSON Lines (.jsonl, .json, .jsonl.gz, .gz),
    plain text (.txt: one article, id = file stem), HTML pages (.html, .htm: id = file
    stem), RSS and Atom feeds (.rss, .atom, .xml, or an http(s) address: one article per
    item, see `veille.sources.feeds`), folders (walked recursively, sorted) and "-" for
    standard input (JSON Lines if
    its first non-blank character is "{", else one plain-text article with id "stdin").

    An article without a date takes the one its header prints ("Publié le 12 mars
    2019"), else `published` (an ISO date); an article's own date always wins.
    `published` is checked at once: PublishedDateError if it is not an ISO date.

    Bad input never stops the run. Each problem becomes an `InputError` passed to
    `on_error`, and reading goes on with the next line or file. An `InputNote` (a
    subclass) means the input was still read: cp1252 fallback, duplicate id (the article
    is kept), ignored field. Without `on_error`, problems are logged on the
    "veille.sources" logger (skips as warnings, notes as info), nothing is collected and
    nothing is raised. Articles with empty text are yielded: the extractor reports them.

    Files in `exclude` are not read (give the output file, which may sit in an input
    folder).
    """
    check_published(published)
    if isinstance(paths, str | Path):  # one path given bare; a str is a Sequence too
        paths = [paths]
    return _read(paths, published, Reporter(on_error), list(exclude))


def _read(
    paths: Sequence[str | Path],
    published: str | None,
    reporter: Reporter,
    exclude: list[str | Path],
) -> Iterator[Article]:
    first_seen: dict[str, str] = {}
    for source in iter_inputs(paths, reporter, exclude):
        for where, line, article in _articles_of(source, reporter):
            if article.id in first_seen:
                reporter.note(
                    f"duplicate id {article.id!r} (first read at {first_seen[article.id]}); "
                    "kept, but ids should be unique",
                    path=where,
                    line=line,
                )
            else:
                first_seen[article.id] = where if line is None else f"{where}:{line}"
            if not article.published:
                article = replace(article, published=_printed_date(article) or published)
            yield storable_article(article)


def _printed_date(article: Article) -> str | None:
    """The publication date the article prints in its first lines ("Publié le 12 mars
    2019"): it is the article's own, so it wins over a date given for the whole batch."""
    # imported here: the time package registers a spaCy component, which readers used
    # without extraction (the store, the API) need not load; the header reader itself
    # needs no model and reads 300 characters
    from veille.nlp.timex.header import header_date

    found = header_date(article.full_text)
    return found.isoformat() if found else None


ArticleAt = tuple[str, int | None, Article]


def _articles_of(source: Input, reporter: Reporter) -> Iterator[ArticleAt]:
    if source.kind is InputKind.STDIN:
        yield from _stdin_articles(reporter)
        return
    path = source.path
    if source.kind is InputKind.FEED:
        yield from feed_articles(path, reporter)
        return
    if source.kind in (InputKind.JSONL, InputKind.JSONL_GZ):
        yield from _jsonl_file(path, gzipped=source.kind is InputKind.JSONL_GZ, reporter=reporter)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reporter.skipped(f"cannot read file ({exc.strerror or exc})", path=path)
        return
    build = article_from_html_bytes if source.kind is InputKind.HTML else article_from_text_bytes
    article = build(data, article_id=Path(path).stem, path=path, reporter=reporter)
    if article is not None:
        yield path, None, article


def _jsonl_file(path: str, *, gzipped: bool, reporter: Reporter) -> Iterator[ArticleAt]:
    try:
        opened = gzip.open(path, "rb") if gzipped else open(path, "rb")  # noqa: SIM115
        stream = cast(BinaryIO, opened)
    except OSError as exc:
        reporter.skipped(f"cannot open file ({exc.strerror or exc})", path=path)
        return
    with stream:
        yield from _jsonl_stream(byte_lines(stream), path, reporter)


def _jsonl_stream(lines: Iterable[bytes], path: str, reporter: Reporter) -> Iterator[ArticleAt]:
    last_line = 0

    def numbered() -> Iterator[tuple[int, str]]:
        nonlocal last_line
        for number, text in decode_lines(lines, path, reporter):
            last_line = number
            yield number, text

    try:
        for number, article in iter_jsonl(numbered(), path, reporter):
            yield path, number, article
    except BinaryContent:
        reporter.skipped("binary data (NUL byte), not text", path=path)
    except _READ_ERRORS as exc:
        reason = "not a gzip file" if isinstance(exc, gzip.BadGzipFile) else str(exc)
        reporter.skipped(
            f"cannot read past line {last_line} ({reason or type(exc).__name__}); "
            "rest of the file skipped",
            path=path,
        )


def _stdin_articles(reporter: Reporter) -> Iterator[ArticleAt]:
    stream = _stdin_bytes()
    if stream is None:
        reporter.skipped("standard input is not available", path=STDIN_LABEL)
        return
    # Read just enough to see the first non-blank character, keeping what was read.
    head: list[bytes] = []
    first = b""
    while raw := stream.readline():
        head.append(raw)
        first = raw.removeprefix(b"\xef\xbb\xbf").lstrip()
        if first:
            break
    if first.startswith(b"{"):
        yield from _jsonl_stream(chain(head, stream), STDIN_LABEL, reporter)
        return
    data = b"".join(head) + stream.read()
    article = article_from_text_bytes(
        data, article_id=STDIN_ID, path=STDIN_LABEL, reporter=reporter
    )
    if article is not None:
        yield STDIN_LABEL, None, article


def _stdin_bytes() -> BinaryIO | None:
    """The bytes of standard input; a text-only replacement (io.StringIO, as some test
    runners and embedding programs install) is read whole and encoded as UTF-8."""
    stdin = sys.stdin
    if stdin is None:
        return None
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    return io.BytesIO(stdin.read().encode("utf-8"))
