"""`veille export-corrections`: analysts' corrections as FACTS.md gold, for
`veille evaluate` (and the training data of `veille train`)."""

from __future__ import annotations

import json

import click

from veille.cli.options import db_option, output_option
from veille.query.corrections import corrected_articles, export_gold
from veille.store import open_store


@click.command("export-corrections")
@db_option
@output_option
@click.option("--articles", "articles_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the corrected articles (JSONL), for `veille evaluate GOLD "
              "ARTICLES` and `veille train --add GOLD --corpus ARTICLES`.")
def export_corrections_command(db_url: str, output: str, articles_path: str | None) -> int:
    """Write the corrected articles as gold JSONL: facts an analyst confirmed or edited are
    required, rejected ones absent, the others optional."""
    with open_store(db_url, create=False) as store:
        lines = export_gold(store)
        articles = corrected_articles(store) if articles_path else []
    if articles_path:
        with open(articles_path, "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    with click.open_file(output, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    facts = sum(1 for line in lines for f in line["facts"] if not f.get("optional"))
    click.echo(f"export-corrections: {len(lines)} article(s), {facts} checked fact(s)",
               err=True)
    return 0


commands: list[click.Command] = [export_corrections_command]
