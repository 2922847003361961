"""`veille show PATH`: an article in the terminal with its facts highlighted."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from veille.cli.options import config_option, published_option
from veille.records import Article, ExtractionResult
from veille.settings import load_settings

# One colour per fact type, so the text and the table read together.
COLOURS = {
    "move": "bold yellow",
    "position": "cyan",
    "partnership": "magenta",
    "amount": "green",
    "market_share": "blue",
}


def render(article: Article, result: ExtractionResult) -> tuple[Text, Table]:
    """The article text with evidence spans styled, and a table of the facts."""
    text = Text(article.full_text)
    table = Table(title=f"{article.id} — {len(result.facts)} fact(s)", show_lines=False)
    for column in ("type", "who / what", "change", "role", "org", "date", "status", "conf."):
        table.add_column(column)
    for fact in result.facts:
        d = fact.to_dict()
        text.stylize(COLOURS.get(fact.type, "bold"), fact.evidence.start, fact.evidence.end)
        who = d.get("person") or ", ".join(d.get("orgs") or []) or _value(d)
        table.add_row(
            Text(fact.type, style=COLOURS.get(fact.type, "")),
            str(who or ""),
            str(d.get("change") or ""),
            str(d.get("role") or d.get("kind") or d.get("market") or ""),
            str(d.get("org") or ""),
            str(d.get("date") or d.get("period") or d.get("since") or ""),
            str(d.get("status") or ("current" if d.get("current") else "")),
            f"{fact.confidence:.2f}",
        )
    return text, table


def _value(d: dict[str, object]) -> str:
    value = d.get("value")
    if value is None:
        return ""
    if d.get("type") == "market_share":
        return f"{float(value):.1%}"  # type: ignore[arg-type]
    return f"{float(value):,.0f} {d.get('currency') or ''}".strip()  # type: ignore[arg-type]


@click.command("show")
@click.argument("paths", nargs=-1, required=True)
@published_option
@config_option
@click.option("--id", "article_id", default=None, help="Show only the article with this id.")
def show_cli(
    paths: tuple[str, ...], published: str | None, config_path: str | None, article_id: str | None
) -> int:
    """Print articles with the evidence of each fact highlighted, then the facts."""
    from veille.facts.extractor import Extractor
    from veille.sources import read_articles
    from veille.sources.problems import InputError, InputNote

    console = Console()
    problems: list[str] = []
    notes: list[str] = []

    def on_error(problem: InputError) -> None:
        # a note ("1 file of other types not read": the folder's README) skips nothing
        (notes if isinstance(problem, InputNote) else problems).append(str(problem))

    extractor = Extractor(load_settings(config_path))
    articles = (
        a
        for a in read_articles(list(paths), published=published, on_error=on_error)
        if article_id is None or a.id == article_id
    )
    shown = 0
    for article in articles:
        result = extractor.extract(article)
        text, table = render(article, result)
        console.rule(article.title or article.id)
        console.print(text)
        console.print(table)
        for warning in result.warnings:
            console.print(f"[yellow]warning:[/] {warning}")
        shown += 1
    for note in notes:
        click.echo(f"note: {note}", err=True)
    for problem in problems:
        click.echo(f"skipped: {problem}", err=True)
    if shown == 0:
        click.echo(
            "No article to show" + (f" with id {article_id!r}" if article_id else "") + ".",
            err=True,
        )
        return 1
    return 1 if problems else 0


commands = [show_cli]
