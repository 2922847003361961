"""`veille extract`: output shape, problem reports on stderr, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from veille.cli import extract as extract_module
from veille.cli.extract import extract_command
from veille.errors import VeilleError
from veille.records import Article, ExtractionResult
from veille.sources import read_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(args: list[str]) -> Result:
    # standalone_mode=False: the command's return value is its exit code, as in main().
    return CliRunner().invoke(extract_command, args, standalone_mode=False)


class ExtractorWithoutModel:
    """Stands in for the Extractor where only the command's wiring is under test."""

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            result = ExtractionResult(article.id, article.published)
            if not article.text.strip():
                result.warnings.append(f"article {article.id}: empty text, nothing to extract")
            yield result


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "Extractor", ExtractorWithoutModel)


def output_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.slow
def test_extract_examples_writes_one_line_per_article() -> None:
    expected_ids = [a.id for a in read_articles([EXAMPLES], published="2024-04-04")]
    assert len(expected_ids) >= 7
    result = run([str(EXAMPLES), "--published", "2024-04-04"])
    assert result.exception is None, result.stderr
    assert result.return_value == 0, result.stderr
    lines = output_lines(result.stdout)
    assert [line["id"] for line in lines] == expected_ids
    for line in lines:
        assert set(line) >= {"id", "published", "facts"}
        for fact in line["facts"]:
            assert fact["type"] in {"move", "position", "partnership", "amount", "market_share"}
            assert {"start", "end", "text"} <= set(fact["evidence"])
    assert result.stderr.splitlines()[-1].startswith(f"extract: {len(expected_ids)} article(s)")


def test_broken_line_is_reported_with_file_and_line_and_exit_code_1(
    tmp_path: Path, no_model: None
) -> None:
    path = tmp_path / "lot.jsonl"
    path.write_text(
        '{"id": "a", "text": "Claire Dumas rejoint Thales."}\n'
        '{"id": "b", "text": "virgule manquante" "published": "2020-01-01"}\n'
        '{"id": "c", "text": "Paul Rivet quitte Vinci."}\n',
        encoding="utf-8",
    )
    result = run([str(path)])
    assert result.return_value == 1
    assert [line["id"] for line in output_lines(result.stdout)] == ["a", "c"]
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"skipped: {path}:2: invalid JSON (Expecting ',' delimiter")
    assert "1 input(s) skipped" in result.stderr.splitlines()[-1]


def test_clean_input_exits_0_and_writes_to_the_output_file(tmp_path: Path, no_model: None) -> None:
    (tmp_path / "note.txt").write_text("Orange signe avec Nokia.", encoding="utf-8")
    out = tmp_path / "faits.jsonl"
    result = run([str(tmp_path / "note.txt"), "-o", str(out), "--published", "2021-02-03"])
    assert result.return_value == 0
    assert result.stdout == ""
    assert output_lines(out.read_text("utf-8")) == [
        {"id": "note", "published": "2021-02-03", "facts": []}
    ]
    assert f"written to {out}" in result.stderr


def test_notes_do_not_change_the_exit_code(tmp_path: Path, no_model: None) -> None:
    (tmp_path / "a.txt").write_bytes("Créée à Lyon.".encode("cp1252"))
    result = run([str(tmp_path / "a.txt")])
    assert result.return_value == 0
    assert result.stderr.startswith(f"note: {tmp_path / 'a.txt'}: not valid UTF-8")


def test_missing_file_and_empty_article_exit_1(tmp_path: Path, no_model: None) -> None:
    (tmp_path / "vide.txt").write_text("", encoding="utf-8")
    result = run([str(tmp_path / "absent.jsonl"), str(tmp_path / "vide.txt")])
    assert result.return_value == 1
    assert f"skipped: {tmp_path / 'absent.jsonl'}: no such file or folder" in result.stderr
    assert "warning: article vide: empty text" in result.stderr
    assert [line["id"] for line in output_lines(result.stdout)] == ["vide"]


def test_stdin(no_model: None) -> None:
    result = CliRunner().invoke(
        extract_command,
        ["-", "--published", "2019-09-09"],
        input="Le groupe Kering nomme un nouveau directeur.\n",
        standalone_mode=False,
    )
    assert result.return_value == 0
    assert output_lines(result.stdout) == [{"id": "stdin", "published": "2019-09-09", "facts": []}]


def test_bad_published_date_is_a_usage_error(no_model: None) -> None:
    result = run(["-", "--published", "demain"])
    assert isinstance(result.exception, click.BadParameter)
    assert "'demain' is not an ISO date" in str(result.exception)


def test_no_fast_path_reaches_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    class Recording(ExtractorWithoutModel):
        def __init__(self, settings: Any = None) -> None:
            super().__init__(settings)
            seen.append(settings)

    monkeypatch.setattr(extract_module, "Extractor", Recording)
    (tmp_path / "a.txt").write_text("texte", encoding="utf-8")
    run([str(tmp_path / "a.txt"), "--no-fast-path"])
    run([str(tmp_path / "a.txt")])
    assert [s.fast_path for s in seen] == [False, True]


def test_unreadable_settings_file_is_fatal(tmp_path: Path, no_model: None) -> None:
    result = run(["-", "--config", str(tmp_path / "absent.toml")])
    # main() turns any VeilleError into exit code 3.
    assert isinstance(result.exception, VeilleError)
    assert "absent.toml" in str(result.exception)


def test_output_file_inside_an_input_folder_is_not_read(tmp_path: Path, no_model: None) -> None:
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    out = tmp_path / "z-faits.jsonl"
    for _ in range(2):  # the second run finds the first run's output in the folder
        result = run([str(tmp_path), "-o", str(out)])
        assert result.return_value == 0, result.stderr
        assert [line["id"] for line in output_lines(out.read_text("utf-8"))] == ["a"]
    assert f"note: {out}: not read: it is this run's output file" in result.stderr
