"""JSON Lines articles (FACTS.md "Article (input)"), one object per line, read line by line.

A file is never loaded whole: memory holds one line, so one article, at a time. A bad
line is reported with its file and line number and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from veille.records import Article
from veille.sources.problems import Reporter
from veille.sources.published import is_iso_date

# When this many non-blank lines fail to parse before any line parses, the file is not
# JSON Lines at all (binary, CSV, a pretty-printed JSON document): stop reporting noise.
MAX_LEADING_FAILURES = 20

_OPTIONAL_TEXT_FIELDS = ("title", "summary", "url", "lang", "source")
# The longest values the store's columns hold (veille.store.schema): an article with a
# longer id is skipped, a longer language or source name ignored, here rather than
# refused by PostgreSQL later.
MAX_ID_CHARS = 500
MAX_FIELD_CHARS = {"lang": 10, "source": 200}


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def iter_jsonl(
    lines: Iterable[tuple[int, str]], path: str, reporter: Reporter
) -> Iterator[tuple[int, Article]]:
    """(line number, article) for each valid line; every other line is reported."""
    parsed_any = False
    failures = 0
    for number, line in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except RecursionError:
            reporter.skipped("invalid JSON (nested too deeply to be an article)",
                             path=path, line=number)
            continue
        except json.JSONDecodeError as exc:
            if not parsed_any and failures == 0 and line.strip() in ("[", "{"):
                reporter.skipped(
                    "not JSON Lines: this looks like an indented JSON document; put one "
                    "article object per line (for an array: jq -c '.[]' FILE)",
                    path=path,
                    line=number,
                )
                return
            reporter.skipped(
                f"invalid JSON ({exc.msg} at column {exc.colno})", path=path, line=number
            )
            failures += 1
            if not parsed_any and failures >= MAX_LEADING_FAILURES:
                reporter.skipped(
                    f"the first {failures} non-blank lines are not JSON; is this a JSON Lines "
                    "file? rest of the file skipped",
                    path=path,
                )
                return
            continue
        parsed_any = True
        article = article_from_object(value, reporter, path=path, line=number)
        if article is not None:
            yield number, article


def article_from_object(
    value: Any, reporter: Reporter, *, path: str | None, line: int | None = None
) -> Article | None:
    """The Article a parsed JSON value describes, or None (reported) when it cannot be one.

    `id` and `text` are required; an optional field of the wrong type is dropped with a
    note rather than losing the article for it."""

    def skip(message: str) -> None:
        reporter.skipped(message, path=path, line=line)

    if not isinstance(value, dict):
        hint = "; expected one article object per line" if isinstance(value, list) else ""
        skip(f"expected a JSON object (an article), got {json_type(value)}{hint}")
        return None
    raw_id = value.get("id")
    if raw_id is None or raw_id == "":
        skip("article has no 'id'; every article needs a unique 'id'")
        return None
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        skip(f"'id' must be a string or an integer, got {json_type(raw_id)}")
        return None
    article_id = str(raw_id)
    if len(article_id) > MAX_ID_CHARS:
        skip(f"'id' is {len(article_id):,} characters long, over the limit of {MAX_ID_CHARS} "
             f"(starts {article_id[:40]!r})")
        return None
    text = value.get("text")
    if text is None:
        skip(f"article {article_id!r} has no 'text'")
        return None
    if not isinstance(text, str):
        skip(f"article {article_id!r}: 'text' must be a string, got {json_type(text)}")
        return None

    optional: dict[str, str] = {}
    for name in _OPTIONAL_TEXT_FIELDS:
        field_value = value.get(name)
        if field_value is None:
            continue
        limit = MAX_FIELD_CHARS.get(name)
        if isinstance(field_value, str) and limit is not None and len(field_value) > limit:
            reporter.note(
                f"article {article_id!r}: ignored '{name}', {len(field_value):,} characters "
                f"long, over the limit of {limit}",
                path=path,
                line=line,
            )
        elif isinstance(field_value, str):
            optional[name] = field_value
        else:
            reporter.note(
                f"article {article_id!r}: ignored '{name}', expected a string, "
                f"got {json_type(field_value)}",
                path=path,
                line=line,
            )
    published = value.get("published")
    if published is not None and published != "":
        if isinstance(published, str) and is_iso_date(published):
            optional["published"] = published
        else:
            reporter.note(
                f"article {article_id!r}: ignored 'published' {published!r}, "
                "not an ISO date (YYYY-MM-DD)",
                path=path,
                line=line,
            )
    return Article(
        id=article_id,
        text=text,
        title=optional.get("title"),
        summary=optional.get("summary"),
        published=optional.get("published"),
        url=optional.get("url"),
        lang=optional.get("lang", "fr"),
        source=optional.get("source"),
    )
