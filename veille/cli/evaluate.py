"""`veille evaluate`: score predictions (given, or extracted now) against a gold file."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from veille.cli.options import (
    config_option,
    fast_path_option,
    json_option,
    min_confidence_option,
)
from veille.errors import InputError
from veille.evaluate.calibration import calibration
from veille.evaluate.gold import read_facts_file
from veille.evaluate.groups import evaluate_by
from veille.evaluate.report import calibration_tables, groups_table, print_report
from veille.evaluate.run import predict
from veille.evaluate.scoring import evaluate
from veille.settings import load_settings
from veille.sources.problems import InputNote

# Same meaning as veille.cli.main (not imported from there: main imports this module).
EXIT_OK, EXIT_PARTIAL = 0, 1


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Facts JSONL to score; without it, the articles of GOLD are extracted from ARTICLES.",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List misses, spurious facts and attribute mismatches, grouped by article.",
)
@click.option(
    "--by",
    "group_field",
    default=None,
    metavar="FIELD",
    help="Also score each value of this gold-line field apart (family, domain…).",
)
@click.option(
    "--calibration",
    "show_calibration",
    is_flag=True,
    help="Also show how far confidence is a probability: reliability by bin (ECE) and "
    "P / R / F1 by threshold, for all facts and for moves.",
)
@min_confidence_option
@fast_path_option
@json_option
@config_option
def evaluate_command(
    gold: str,
    articles: tuple[str, ...],
    pred_path: str | None,
    show_errors: bool,
    group_field: str | None,
    show_calibration: bool,
    min_confidence: float | None,
    fast_path: bool | None,
    as_json: bool,
    config_path: str | None,
) -> int:
    """Score facts against GOLD (facts JSONL, FACTS.md "Scoring").

    With --pred FILE, FILE is scored. Otherwise the articles whose ids are in GOLD are
    read from ARTICLES (JSONL or .jsonl.gz, e.g. the whole corpus: only those articles
    are extracted) and the extractor's output is scored. With --by FIELD, each value of
    that field of the gold lines (a suite's "family", a corpus's "domain") is also scored
    apart, with the share of its articles that pass outright.
    """
    if pred_path is None and not articles:
        raise click.UsageError("give ARTICLES to extract from, or --pred FILE to score")
    gold_records = list(read_facts_file(gold))
    skipped: list[str] = []
    if pred_path is not None:
        predictions = list(read_facts_file(pred_path))
    else:
        settings = load_settings(config_path).with_values(
            fast_path=fast_path, min_confidence=min_confidence
        )
        wanted = {str(record["id"]) for record in gold_records}

        def report_problem(problem: InputError) -> None:
            # Notes (duplicate id, encoding fallback) do not skip anything.
            if not isinstance(problem, InputNote):
                skipped.append(str(problem))
            label = "Note" if isinstance(problem, InputNote) else "Skipped"
            click.echo(f"{label}: {problem}", err=True)

        paths: list[str | Path] = list(articles)
        predictions = list(predict(wanted, paths, settings, on_error=report_problem))
    report = evaluate(
        gold_records,
        predictions,
        gold_source=gold,
        predicted_source=pred_path or "extracted from " + ", ".join(articles),
    )
    groups = evaluate_by(gold_records, predictions, group_field) if group_field else None
    reliability = (
        [calibration(report, kind) for kind in ("all", "move")] if show_calibration else []
    )
    if as_json:
        out = report.to_dict()
        if groups is not None:
            out["groups"] = {"field": group_field, "scores": [g.to_dict() for g in groups]}
        if reliability:
            out["calibration"] = [result.to_dict() for result in reliability]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        console = Console()
        print_report(report, console, show_errors=show_errors)
        if groups is not None and group_field:
            console.print(groups_table(groups, group_field))
        for result in reliability:
            console.print(*calibration_tables(result))
    return EXIT_PARTIAL if skipped else EXIT_OK


commands: list[click.Command] = [evaluate_command]
