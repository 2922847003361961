"""`veille explain PATH --id ID`: every proposal of the rules for one article, decided."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from veille.cli.options import config_option, json_option, min_confidence_option, published_option
from veille.errors import InputError
from veille.settings import load_settings

if TYPE_CHECKING:  # the extraction stage loads only when the command runs
    from veille.facts.explain import Explanation

EXIT_NOT_FOUND = 1


@click.command("explain")
@click.argument("paths", nargs=-1, required=True)
@click.option("--id", "article_id", default=None,
              help="The article to explain (required when PATH holds several).")
@published_option
@min_confidence_option
@json_option
@config_option
def explain_command(
    paths: tuple[str, ...],
    article_id: str | None,
    published: str | None,
    min_confidence: float | None,
    as_json: bool,
    config_path: str | None,
) -> int:
    """Show every fact the rules propose for one article: the rules that proposed it
    (generators), the features that weighed most, the model's probability, and whether
    it is kept and why; for a kept move or position, its role and date candidates as
    the slot model ranks them, and what fills each."""
    from veille.facts.explain import explain
    from veille.sources import read_articles

    settings = load_settings(config_path).with_values(min_confidence=min_confidence)
    skipped: list[str] = []
    articles = list(read_articles(list(paths), published=published,
                                  on_error=lambda problem: skipped.append(str(problem))))
    if article_id is not None:
        articles = [a for a in articles if a.id == article_id]
    if len(articles) != 1:
        found = "no article" if not articles else f"{len(articles)} articles"
        raise InputError(f"{found} with id {article_id!r} in {', '.join(paths)}"
                         if article_id else f"{found} in {', '.join(paths)}: give --id ID")
    explanations = explain(articles[0], settings)
    if as_json:
        click.echo(json.dumps({"id": articles[0].id,
                               "candidates": [e.to_dict() for e in explanations]},
                              ensure_ascii=False, indent=2))
        return 0
    table = Table(title=f"{articles[0].id}: {len(explanations)} proposal(s)", show_lines=True)
    for header in ("fact", "generators", "rule conf.", "p", "kept", "strongest features",
                   "slots (slot model's ranking)"):
        table.add_column(header)
    for e in explanations:
        d = e.fact
        who = d.get("person") or ", ".join(d.get("orgs") or []) or str(d.get("value") or "")
        what = " ".join(str(x) for x in (d["type"], d.get("change") or "", who, "@",
                                         d.get("org") or "") if x)
        features = "\n".join(f"{n}={v:g} ({c:+.2f})" for n, v, c in e.strongest)
        table.add_row(f"{what}\n« {(d.get('evidence') or {}).get('text', '')[:80]} »",
                      ", ".join(e.generators), f"{e.rule_confidence:.2f}",
                      "—" if e.probability is None else f"{e.probability:.3f}",
                      ("yes" if e.accepted else "no") + f"\n{e.reason}", features,
                      _slots_cell(e))
    Console().print(table)
    return 0


def _slots_cell(e: Explanation) -> str:
    """"role: a (+1.20) · b (-0.40) · none (-2.00)", and below it what fills the slot."""
    from veille.facts.explain import FILLED_BY

    lines = []
    for slot in e.slots:
        ranked = " · ".join(f"{value or 'none'} ({score:+.2f})" for value, score in slot.options)
        lines.append(f"{slot.slot}: {ranked}\n  filled by {FILLED_BY[slot.filled_by]}")
    return "\n".join(lines) or "—"


commands: list[click.Command] = [explain_command]
