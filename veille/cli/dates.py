"""`veille dates`: the time expressions of a text, as JSON. No model is loaded."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from veille.cli.options import published_option
from veille.nlp.timex import find_time_expressions, header_date


def parse_published_option(value: str | None) -> date | None:
    """The --published value as a date; a click error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; give it as YYYY-MM-DD (e.g. 2013-05-22)",
            param_hint="--published",
        ) from None


def dates_json(text: str, published: date | None, from_header: bool = False) -> str:
    """One JSON array of the expressions of `text` (see TimeExpression.to_dict)."""
    if published is None and from_header:
        published = header_date(text)
    found = find_time_expressions(text, published)
    return json.dumps([e.to_dict() for e in found], ensure_ascii=False)


@click.command("dates")
@click.argument("text", required=False)
@published_option
@click.option(
    "--from-header",
    is_flag=True,
    help="Without --published, take the date printed in the text's first lines "
    "(\"Publié le 12 mars 2019\").",
)
def dates_cli(text: str | None, published: str | None, from_header: bool) -> int:
    """Print the time expressions of TEXT as a JSON array, resolved against --published.

    Without TEXT, read standard input and print one JSON array per input line.
    """
    anchor = parse_published_option(published)
    if text is not None:
        click.echo(dates_json(text, anchor, from_header))
        return 0
    for line in sys.stdin:
        click.echo(dates_json(line.rstrip("\n"), anchor, from_header))
    return 0


commands: list[click.Command] = [dates_cli]
