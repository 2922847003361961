"""`veille watch add|remove|list` and `veille digest`: follow organisations and people,
and read what is new about them.

Exit codes: 0 done, 1 unknown name (with suggestions) or nothing to remove, 2 bad option.
"""

from __future__ import annotations

import click

from veille.cli.options import db_option, fact_confidence_option, json_option, output_option
from veille.cli.query_commands import _ask, _emit_json
from veille.query.filters import check_date
from veille.query.watch import DEFAULT_LIST, digest, watch_add, watch_list, watch_remove
from veille.store import open_store

EXIT_OK, EXIT_NOT_FOUND = 0, 1

list_option = click.option("--list", "list_name", default=DEFAULT_LIST, show_default=True,
                           metavar="NAME", help="The watch list.")


@click.group("watch")
def watch_group() -> None:
    """Follow organisations and people: their new moves reach `veille digest` and the
    Atom feed /feeds/moves.atom?watch=LIST."""


@watch_group.command("add")
@click.argument("name")
@db_option
@list_option
@click.option("--person", "type_", flag_value="person", default=None,
              help="NAME is a person (by default an organisation first, then a person).")
@click.option("--org", "type_", flag_value="org", help="NAME is an organisation.")
def watch_add_command(name: str, db_url: str, list_name: str, type_: str | None) -> int:
    """Follow the organisation or person NAME (a name, alias or id)."""
    answer = _ask(db_url, lambda store: watch_add(store, name, list_name, type_))
    if answer is None:
        return EXIT_NOT_FOUND
    entry, added = answer
    what = "organisation" if entry.type == "org" else "person"
    verb = "now follows" if added else "already follows"
    click.echo(f"watch list {list_name!r} {verb} the {what} {entry.name} ({entry.entity_id})")
    return EXIT_OK


@watch_group.command("remove")
@click.argument("name")
@db_option
@list_option
def watch_remove_command(name: str, db_url: str, list_name: str) -> int:
    """Stop following NAME."""
    with open_store(db_url, create=False) as store:
        entry = watch_remove(store, name, list_name)
    if entry is None:
        click.echo(f"Error: watch list {list_name!r} does not follow {name!r}; "
                   f"see `veille watch list --list {list_name}`", err=True)
        return EXIT_NOT_FOUND
    click.echo(f"watch list {list_name!r} no longer follows {entry.name} ({entry.entity_id})")
    return EXIT_OK


@watch_group.command("list")
@db_option
@click.option("--list", "list_name", default=None, metavar="NAME",
              help="Only this watch list (default: all).")
@json_option
def watch_list_command(db_url: str, list_name: str | None, as_json: bool) -> int:
    """What the watch lists follow."""
    with open_store(db_url, create=False) as store:
        entries = watch_list(store, list_name)
    if as_json:
        _emit_json([e.to_dict() for e in entries])
        return EXIT_OK
    if not entries:
        click.echo("no watch list yet: `veille watch add NAME` follows an organisation or "
                   "a person")
    for entry in entries:
        what = "org   " if entry.type == "org" else "person"
        click.echo(f"{entry.list:<12} {what} {entry.name} ({entry.entity_id})")
    return EXIT_OK


@click.command("digest")
@click.option("--since", required=True, metavar="DATE",
              help="New moves: first reported on or after this day (2024-05-13).")
@db_option
@list_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown",
              show_default=True)
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              help="Where `veille serve` runs, for links to articles with no address.")
@fact_confidence_option
@output_option
def digest_command(since: str, db_url: str, list_name: str, fmt: str, base_url: str,
                   min_confidence: float | None, output: str) -> int:
    """The new moves of a watch list since DATE, grouped by organisation, each with its
    evidence and source link (Markdown or HTML)."""
    try:
        check_date(since, "--since")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc
    text = _ask(db_url, lambda store: digest(store, since, list_name=list_name, fmt=fmt,
                                             base_url=base_url,
                                             min_confidence=min_confidence))
    if text is None:
        return EXIT_NOT_FOUND
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(text)
    return EXIT_OK


commands: list[click.Command] = [watch_group, digest_command]

