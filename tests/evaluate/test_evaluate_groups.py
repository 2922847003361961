"""Scores per group of gold lines (`veille evaluate --by FIELD`), on records written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from veille.cli.evaluate import evaluate_command
from veille.evaluate.groups import evaluate_by

Record = dict[str, Any]


def move(person: str, org: str, change: str = "start", **more: Any) -> Record:
    quote = f"{person} rejoint {org}"
    fact = {"type": "move", "person": person, "change": change, "org": org, "status": "done",
            "date": None, "evidence": {"start": 0, "end": len(quote), "text": quote}}
    return {**fact, **more}


def line(article_id: str, family: str | None, facts: list[Record]) -> Record:
    record: Record = {"id": article_id, "facts": facts}
    if family is not None:
        record["family"] = family
    return record


GOLD = [
    line("s1", "succession", [move("Léa Morel", "Fnac"), move("Yves Carré", "Fnac", "end")]),
    line("s2", "succession", [move("Ilan Brun", "Saft")]),
    line("n1", "negatives", []),
    line("n2", "negatives", []),
    line("x1", None, [move("Rose Vidal", "Engie")]),
]
PREDICTED = [
    line("s1", None, [move("Léa Morel", "Fnac"), move("Yves Carré", "Fnac", "end")]),
    line("s2", None, [move("Ilan Brun", "Saft", status="reported")]),
    line("n1", None, []),
    line("n2", None, [move("Marc Petit", "Thales")]),
    line("x1", None, [move("Rose Vidal", "Engie")]),
]


def test_each_family_is_scored_apart_and_articles_pass_outright() -> None:
    groups = {g.name: g for g in evaluate_by(GOLD, PREDICTED, "family")}
    assert list(groups) == ["succession", "negatives", "(none)"]
    succession = groups["succession"]
    assert succession.report.scores["move"].tp == 3
    # s2 finds the move but calls a done appointment a rumour: it does not pass.
    assert (succession.articles, succession.passed) == (2, 1)
    negatives = groups["negatives"]
    assert negatives.report.scores["move"].fp == 1
    assert (negatives.articles, negatives.passed, negatives.pass_rate) == (2, 1, 0.5)
    assert groups["(none)"].passed == 1


def test_an_article_with_no_prediction_line_fails() -> None:
    groups = evaluate_by(GOLD[:1], [], "family")
    assert (groups[0].articles, groups[0].passed) == (1, 0)


def test_cli_prints_and_exports_the_groups(tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    pred.write_text("".join(json.dumps(r) + "\n" for r in PREDICTED), encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(evaluate_command, [str(gold), "--pred", str(pred), "--by", "family"])
    assert shown.exit_code == 0, shown.output
    assert "Scores by family" in shown.output and "negatives" in shown.output
    exported = runner.invoke(
        evaluate_command, [str(gold), "--pred", str(pred), "--by", "family", "--json"]
    )
    groups = json.loads(exported.output)["groups"]
    assert groups["field"] == "family"
    assert [g["passed"] for g in groups["scores"]] == [1, 1, 1]
