"""Showing an EvaluationReport to a person: rich tables of scores, accuracies and errors."""

from __future__ import annotations

import json
from itertools import groupby

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from veille.evaluate.calibration import Calibration
from veille.evaluate.groups import GroupScore
from veille.evaluate.scoring import EvaluationReport, Mistake, TypeScore

ERROR_ORDER = {"miss": 0, "spurious": 1, "mismatch": 2}


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def scores_table(report: EvaluationReport) -> Table:
    table = Table(title=f"Facts scored over {report.gold_articles} gold article(s)")
    for header in ("type", "P", "R", "F1", "TP", "FP", "FN", "optional matched"):
        table.add_column(header, justify="left" if header == "type" else "right")
    rows: list[tuple[str, TypeScore]] = [
        (name, report.scores[name]) for name in report.types_present()
    ]
    rows.append(("all", report.overall))
    for name, score in rows:
        table.add_row(
            name,
            _number(score.precision),
            _number(score.recall),
            _number(score.f1),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            str(score.optional_matched),
            end_section=name == rows[-2][0] if len(rows) > 1 else False,
        )
    return table


def attributes_table(report: EvaluationReport) -> Table:
    table = Table(title="Attribute accuracy over matched pairs (required gold facts)")
    for header in ("type", "attribute", "accuracy", "correct", "n"):
        table.add_column(header, justify="left" if header in ("type", "attribute") else "right")
    # Moves always (the headline figures, even when n is zero); other types when scored.
    for name, accuracies in report.attributes.items():
        if name != "move" and not any(accuracy.total for accuracy in accuracies.values()):
            continue
        for attribute, accuracy in accuracies.items():
            table.add_row(
                name, attribute, _number(accuracy.value), str(accuracy.correct), str(accuracy.total)
            )
    return table


def groups_table(groups: list[GroupScore], field: str) -> Table:
    """One row per group: articles passing outright, then move, position and all-facts F1."""
    table = Table(
        title=f"Scores by {field}",
        caption="pass: no miss, nothing spurious, moves' status, date and interim right",
        box=box.SIMPLE,
    )
    table.add_column(field, no_wrap=True)
    for header in ("n", "pass", "rate", "move P", "move R", "move F1", "pos F1", "all F1"):
        table.add_column(header, justify="right")
    for group in groups:
        move = group.report.scores["move"]
        table.add_row(
            group.name,
            str(group.articles),
            str(group.passed),
            _number(group.pass_rate),
            _number(move.precision),
            _number(move.recall),
            _number(move.f1),
            _number(group.report.scores["position"].f1),
            _number(group.report.overall.f1),
        )
    return table


def calibration_tables(result: Calibration) -> tuple[Table, Table]:
    """The reliability table by confidence bin, and P / R / F1 by threshold."""
    ece = "—" if result.ece is None else f"{result.ece:.3f}"
    bins = Table(title=f"Reliability ({result.fact_type}, {result.facts} facts): ECE {ece}",
                 box=box.SIMPLE)
    for header in ("confidence", "facts", "mean confidence", "right"):
        bins.add_column(header, justify="right")
    for row in result.bins:
        bins.add_row(f"{row.low:.1f}–{row.high:.1f}", str(row.facts),
                     _number(row.mean_confidence), _number(row.accuracy))
    curve = Table(title=f"By threshold ({result.fact_type}): facts kept at confidence ≥ t",
                  box=box.SIMPLE)
    for header in ("t", "kept", "P", "R", "F1"):
        curve.add_column(header, justify="right")
    for point in result.curve:
        curve.add_row(f"{point.threshold:.1f}", str(point.kept), _number(point.precision),
                      _number(point.recall), _number(point.f1))
    return bins, curve


def _describe(error: Mistake) -> str:
    fields = json.dumps(
        {k: v for k, v in error.fields.items() if v is not None}, ensure_ascii=False
    )
    # Article words may hold square brackets, which rich would read as markup.
    line = f"[bold]{error.kind}[/bold] {error.type} {escape(fields)}"
    if error.detail:
        line += f" — {escape(error.detail)}"
    if error.gold_fields is not None:
        gold = {k: v for k, v in error.gold_fields.items() if v is not None}
        line += f"\n      gold: {escape(json.dumps(gold, ensure_ascii=False))}"
    if error.evidence:
        line += f"\n      « {escape(error.evidence)} »"
    return line


def print_report(report: EvaluationReport, console: Console, *, show_errors: bool) -> None:
    console.print(scores_table(report))
    console.print(attributes_table(report))
    notes = []
    if report.missing_articles:
        shown = ", ".join(report.missing_articles[:10])
        more = ", …" if len(report.missing_articles) > 10 else ""
        notes.append(
            f"{len(report.missing_articles)} gold article(s) had no prediction line "
            f"({shown}{more}); their facts count as misses"
        )
    if report.ignored_articles:
        notes.append(f"{report.ignored_articles} predicted article(s) not in gold were ignored")
    for note in notes:
        console.print(f"Note: {escape(note)}.")
    if show_errors:
        print_errors(report.errors, console)


def print_errors(errors: list[Mistake], console: Console) -> None:
    if not errors:
        console.print("No errors.")
        return
    for article_id, group in groupby(errors, key=lambda error: error.article_id):
        console.rule(f"article {article_id}")
        for error in sorted(group, key=lambda e: (ERROR_ORDER.get(e.kind, 9), e.type)):
            console.print(_describe(error), markup=True, highlight=False)
