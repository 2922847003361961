"""`veille export-corrections`: analysts' corrections as FACTS.md gold, for
`veille evaluate` (and the training data of `veille train`)."""

from __future__ import annotations

import json

import click

from veille.cli.options import db_option, output_option
from veille.query.corrections import export_gold
from veille.store import open_store


@click.command("export-corrections")
@db_option
@output_option
def export_corrections_command(db_url: str, output: str) -> int:
    """Write the corrected articles as gold JSONL: facts an analyst confirmed or edited are
    required, rejected ones absent, the others optional."""
    with open_store(db_url, create=False) as store:
        lines = export_gold(store)
    with click.open_file(output, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    facts = sum(1 for line in lines for f in line["facts"] if not f.get("optional"))
    click.echo(f"export-corrections: {len(lines)} article(s), {facts} checked fact(s)",
               err=True)
    return 0


commands: list[click.Command] = [export_corrections_command]
