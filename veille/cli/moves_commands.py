"""`veille moves`: the moves feed, one line per move, with filters.

Exit codes: 0 answered, 1 unknown name (with suggestions), 2 bad option value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from veille import query
from veille.cli.options import db_option, fact_confidence_option, json_option, output_option
from veille.cli.query_commands import _ask, _emit_json
from veille.query.moves import STATUSES, MoveFilters
from veille.query.records import MoveEvent

EXIT_OK, EXIT_NOT_FOUND = 0, 1
F = TypeVar("F", bound=Callable[..., Any])


def move_filter_options(f: F) -> F:
    """The filters of `veille moves`, the same on `veille digest`."""
    options = [
        click.option("--since", default=None, metavar="DATE",
                     help="Only moves dated on or after DATE (2024, 2024-05, 2024-05-13)."),
        click.option("--until", default=None, metavar="DATE",
                     help="Only moves dated on or before DATE."),
        click.option("--org", default=None, metavar="NAME", help="Only moves at this org."),
        click.option("--person", default=None, metavar="NAME",
                     help="Only the moves of this person."),
        click.option("--role", default=None, metavar="ROLE",
                     help="A role code (ceo, cfo…) or words of the role (« financier »)."),
        click.option("--status", type=click.Choice(list(STATUSES)), default=None,
                     help="done (happened), planned (announced) or reported (rumour)."),
        fact_confidence_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def move_line(move: MoveEvent) -> str:
    """One move on one line, nothing cut: reported day, change, who and where, when,
    status, confidence and source articles."""
    what = move.person + (f" — {move.role}" if move.role else "")
    where = move.org or "(organisation not given)"
    flags = [move.status] if move.status not in (None, "done") else []
    if move.interim:
        flags.append("interim")
    if move.checked:
        flags.append(move.checked)
    articles = ", ".join(dict.fromkeys(s.article_id for s in move.sources))
    return (f"{move.reported or '????-??-??':<10}  {move.change:<5}  {what}, {where}; "
            f"{move.date_shown}" + (f" ({', '.join(flags)})" if flags else "")
            + f"; confidence {move.confidence:.2f} [{articles}]")


def print_moves(moves: list[MoveEvent], output: str) -> None:
    lines = [f"{len(moves)} move(s), latest reported first", *map(move_line, moves)]
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


@click.command("moves")
@db_option
@move_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@json_option
@output_option
def moves_command(db_url: str, since: str | None, until: str | None, org: str | None,
                  person: str | None, role: str | None, status: str | None,
                  min_confidence: float | None, fmt: str, as_json: bool, output: str) -> int:
    """Every move (arrivals and departures), one line per event however many articles
    report it, latest reported first."""
    filters = MoveFilters(since=since, until=until, org=org, person=person, role=role,
                          status=status, min_confidence=min_confidence)
    moves = _ask(db_url, lambda store: query.latest_moves(store, filters))
    if moves is None:
        return EXIT_NOT_FOUND
    fmt = "json" if as_json else fmt
    if fmt == "json":
        _emit_json([m.to_dict() for m in moves], output)
    elif fmt == "csv":
        with click.open_file(output, "w", encoding="utf-8") as out:
            out.write(query.moves_csv(moves))
    else:
        print_moves(moves, output)
    return EXIT_OK


commands: list[click.Command] = [moves_command]
