"""`veille merge KEPT ABSORBED`: two stored people (or organisations) found to be one.

Exit codes: 0 merged, 1 unknown name (with suggestions), 2 the two are one already.
"""

from __future__ import annotations

import click

from veille.cli.options import db_option
from veille.cli.query_commands import _ask

EXIT_OK, EXIT_NOT_FOUND = 0, 1


@click.command("merge")
@click.argument("kept")
@click.argument("absorbed")
@db_option
@click.option("--org", "type_", flag_value="org", default="person",
              help="The two are organisations (by default, people).")
def merge_command(kept: str, absorbed: str, db_url: str, type_: str) -> int:
    """Merge ABSORBED into KEPT (names or ids): one person (or organisation) the resolver
    split. ABSORBED's id then leads to KEPT in every question, the API and the UI."""
    from veille.query.merge import merge_entities

    result = _ask(db_url, lambda store: merge_entities(store, kept, absorbed, type_))
    if result is None:
        return EXIT_NOT_FOUND
    click.echo(f"merged {result.absorbed_id} into {result.kept.name} ({result.kept.id}): "
               f"{result.facts_moved} fact(s) moved; {result.absorbed_id} now redirects there")
    return EXIT_OK


commands: list[click.Command] = [merge_command]
