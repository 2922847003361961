"""The small ones of issue 17, each with its test: errors a user can act on instead of
"a bug in veille", UTF-16 without a byte-order mark, duplicate ids counted once, the
questions and the server never writing into a database that is not a knowledge base,
and a 404 that repeats the name asked for once."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store.fixtures import NEWS, ScriptedExtractor, filled

from veille.api import create_app
from veille.cli.main import main
from veille.errors import InputError, SettingsError
from veille.settings import load_settings
from veille.sources import read_articles
from veille.store import StoreError, ingest_articles, open_store


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["veille", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0), capsys.readouterr().err


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "kb.db"
    with open_store(path) as store:
        filled(store)
    return str(path)


def test_an_unwritable_output_is_named_not_called_a_bug(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pas-de-dossier" / "flux.json"
    code, err = run(monkeypatch, capsys, "flows", "--db", db, "--json", "-o", str(target))
    assert code == 3
    assert str(target) in err and "No such file or directory" in err
    assert "bug" not in err


@pytest.mark.parametrize(("line", "expected"), [
    ('batch_size = "32"', "must be an integer"),
    ("fast_path = 1", "must be true or false"),
    ("workers = true", "must be an integer"),
    ("model = 3", "must be a string"),
    ("min_confidence = 1.5", "must be a number between 0 and 1"),
    ('min_confidence = "haute"', "must be a number between 0 and 1"),
])
def test_a_setting_of_the_wrong_type_is_a_settings_error(tmp_path: Path, line: str,
                                                         expected: str) -> None:
    config = tmp_path / "veille.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=expected):
        load_settings(config)


def test_a_setting_of_the_wrong_type_on_the_command_line(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "veille.toml"
    config.write_text('max_article_chars = "beaucoup"\n', encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text("Une phrase.", encoding="utf-8")
    code, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db, "--config",
                    str(config), "-q")
    assert code == 3 and "max_article_chars" in err and "must be an integer" in err
    assert "bug" not in err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_text(tmp_path: Path, encoding: str) -> None:
    text = "Hélène Garnier rejoint Danone comme présidente.\nElle arrive en mai."
    (tmp_path / "note.txt").write_bytes(text.encode(encoding))
    lines = '{"id": "u1", "text": "Première dépêche."}\n{"id": "u2", "text": "Deuxième."}\n'
    (tmp_path / "lot.jsonl").write_bytes(lines.encode(encoding))
    problems: list[InputError] = []
    articles = {a.id: a.text for a in read_articles([tmp_path], on_error=problems.append)}
    assert articles == {"note": text, "u1": "Première dépêche.", "u2": "Deuxième."}
    assert not [p for p in problems if "binary" in str(p)]


def test_binary_data_is_still_binary(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 8)
    problems: list[InputError] = []
    assert list(read_articles([tmp_path / "image.txt"], on_error=problems.append)) == []
    assert "binary" in str(problems[0])


def test_a_replaced_duplicate_id_is_counted_once(tmp_path: Path) -> None:
    first = NEWS[0]
    second = replace(first, text=first.text + " Une phrase ajoutée.")
    with open_store(tmp_path / "dup.db") as store:
        tally = ingest_articles(store, [first, second], ScriptedExtractor().extract_many)
        assert (tally.read, tally.new, tally.replaced, tally.duplicates) == (2, 1, 0, 1)
        # An id stored by an earlier run, then met twice: one replacement, one duplicate.
        third = replace(first, text=first.text + " Encore une autre.")
        tally = ingest_articles(store, [third, first], ScriptedExtractor().extract_many)
        assert (tally.new, tally.replaced, tally.duplicates) == (0, 1, 1)


@pytest.mark.parametrize("command", [["stats"], ["person", "Claire Moreau"]])
def test_questions_leave_a_foreign_database_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: list[str]) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (texte TEXT)")
    code, err = run(monkeypatch, capsys, *command, "--db", str(foreign))
    assert code == 3 and "not a veille knowledge base" in err and "notes" in err
    with sqlite3.connect(foreign) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["notes"]


def test_the_server_leaves_a_foreign_database_alone(tmp_path: Path) -> None:
    empty = tmp_path / "vide.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="not a veille knowledge base"):
        create_app(str(empty))
    assert empty.stat().st_size == 0


def test_a_404_repeats_the_name_asked_for_once(db: str) -> None:
    name = "Quelqu'un-de-très-inconnu-" + "x" * 500
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    response = client.get(f"/api/person/{name}")
    assert response.status_code == 404
    assert response.text.count("Quelqu'un-de-très-inconnu") == 1
    assert len(response.text) < 1000
    assert response.json()["error"]["detail"]["name"] == name[:200]
