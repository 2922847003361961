"""`veille evaluate` on small files written here; the extraction path with a stand-in
article reader, and (slow) with the real extractor on the seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from veille.cli.evaluate import evaluate_command
from veille.errors import InputError
from veille.evaluate.run import articles_in
from veille.records import Article

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

GOLD: list[dict[str, Any]] = [
    {
        "id": "b1",
        "published": "2020-01-15",
        "facts": [
            {
                "type": "move",
                "person": "Claire Fontaine",
                "change": "start",
                "org": ["Banque Postale", "La Banque postale"],
                "role": "directrice des risques",
                "date": "2020-01",
                "evidence": "Claire Fontaine rejoint la Banque Postale",
            },
            {
                "type": "amount",
                "org": "Banque Postale",
                "value": 2.5e9,
                "currency": "EUR",
                "kind": "revenue",
                "evidence": "un chiffre d'affaires de 2,5 milliards d'euros",
            },
        ],
    },
    {
        "id": "b2",
        "published": "2020-02-01",
        "facts": [
            {
                "type": "partnership",
                "orgs": ["Renault", "Nissan"],
                "evidence": "Renault et Nissan renforcent leur alliance",
            },
        ],
    },
]
PREDICTED: list[dict[str, Any]] = [
    {
        "id": "b1",
        "published": "2020-01-15",
        "facts": [
            {
                "type": "move",
                "person": "Claire Fontaine",
                "change": "start",
                "org": "la Banque Postale",
                "role": "directrice",
                "date": "2020-01-06",
                "evidence": {
                    "start": 0,
                    "end": 40,
                    "text": "Claire Fontaine rejoint la Banque Postale",
                },
                "confidence": 0.8,
            },
            {
                "type": "market_share",
                "org": "Banque Postale",
                "value": 0.12,
                "evidence": {"start": 50, "end": 60, "text": "12 % [estimation]"},
                "confidence": 0.4,
            },
        ],
    },
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def run(args: list[str]) -> Result:
    return CliRunner().invoke(evaluate_command, args, standalone_mode=False)


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    predicted = write_jsonl(tmp_path / "pred.jsonl", PREDICTED)
    return str(gold), str(predicted)


def test_table_shows_scores_and_move_accuracies(files: tuple[str, str]) -> None:
    gold, predicted = files
    result = run([gold, "--pred", predicted])
    assert result.exception is None, result.output
    assert result.return_value == 0
    assert "move" in result.output and "interim" in result.output
    assert "had no prediction line" in result.output  # b2 is missing


def test_errors_are_listed_by_article(files: tuple[str, str]) -> None:
    gold, predicted = files
    result = run([gold, "--pred", predicted, "--errors"])
    assert result.exception is None, result.output
    output = result.output
    assert "article b1" in output and "article b2" in output
    assert "spurious" in output and "[estimation]" in output  # brackets not eaten as markup
    assert "miss" in output and "Renault" in output


def test_json_output(files: tuple[str, str]) -> None:
    gold, predicted = files
    result = run([gold, "--pred", predicted, "--json"])
    assert result.exception is None, result.output
    report = json.loads(result.output)
    assert report["scores"]["move"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "optional_matched": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert report["attributes"]["move"]["date"] == {"correct": 1, "n": 1, "accuracy": 1.0}
    assert report["attributes"]["move"]["role"]["accuracy"] == 1.0
    assert (report["scores"]["amount"]["fn"], report["scores"]["market_share"]["fp"]) == (1, 1)
    assert report["missing_articles"] == ["b2"]


def test_broken_line_names_file_and_line(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    broken = tmp_path / "pred.jsonl"
    broken.write_text(json.dumps(PREDICTED[0]) + "\n{not json\n", "utf-8")
    result = run([str(gold), "--pred", str(broken)])
    assert f"{broken}:2" in str(result.exception)


def test_without_articles_or_pred_is_a_usage_error(files: tuple[str, str]) -> None:
    gold, _ = files
    result = run([gold])
    assert "give ARTICLES" in str(result.exception)


def test_articles_in_keeps_gold_ids_and_stops_once_all_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [{"id": f"x{n}", "text": "Texte de l'article."} for n in range(50)]
    lines.insert(5, "{pas du JSON")  # type: ignore[arg-type]
    path = tmp_path / "articles.jsonl"
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        "utf-8",
    )
    problems: list[InputError] = []
    kept = [a.id for a in articles_in({"x3", "x7", "absent"}, [path], problems.append)]
    assert kept == ["x3", "x7"]
    assert [problem.line for problem in problems] == [6]

    lines_read = 0

    def counting(paths: object, **_: object) -> Iterator[Article]:
        nonlocal lines_read
        for number in range(1000):
            lines_read += 1
            yield Article(id=f"x{number}", text="Texte.")

    monkeypatch.setattr("veille.evaluate.run.read_articles", counting)
    assert [a.id for a in articles_in({"x3", "x7"}, [path])] == ["x3", "x7"]
    assert lines_read == 8


def test_the_evaluation_library_imports_no_model() -> None:
    code = (
        "import sys, veille.evaluate, veille.cli.evaluate; "
        "assert 'spacy' not in sys.modules, 'spacy was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
@pytest.mark.corpus
def test_extracting_the_seed_articles_gives_a_report() -> None:
    if not (SEEDS / "gold.jsonl").is_file():
        pytest.skip(f"seeds not found at {SEEDS.resolve()}: clone shared/ beside the repo")
    result = run([str(SEEDS / "gold.jsonl"), str(SEEDS / "articles.jsonl"), "--json"])
    assert result.exception is None, result.output
    report = json.loads(result.output)
    assert report["gold_articles"] == 4
    assert report["missing_articles"] == []
