"""The question and store commands, end to end through `veille.cli.main.main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store.fixtures import NEWS, filled

from query.running import run
from veille.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with open_store(path) as store:
        filled(store)
    return str(path)


def test_person(db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                ) -> None:
    code, out, _ = run(monkeypatch, capsys, "person", "claire moreau", "--db", db)
    assert code == 0
    assert "Claire Moreau" in out and "Danone" in out and "t-001, t-002" in out
    code, out, _ = run(monkeypatch, capsys, "person", "Claire Moreau", "--db", db, "--json")
    data = json.loads(out)
    assert [s["org"] for s in data["steps"]] == ["Danone", "L'Oréal"]


def test_unknown_person_exit_1_with_suggestions(
        db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(monkeypatch, capsys, "person", "Claire Moro", "--db", db)
    assert code == 1 and out == ""
    assert "no person named 'Claire Moro'" in err and "Claire Moreau" in err


def test_org(db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
             ) -> None:
    code, out, _ = run(monkeypatch, capsys, "org", "L'OREAL", "--db", db)
    assert code == 0
    assert "Hélène Garnier" in out and "Arrivals" in out and "Claire Moreau" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "graphml"])
def test_flows_formats(db: str, fmt: str, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "flows", "--db", db, "--format", fmt)
    assert code == 0
    assert "Danone" in out and "Valeo" in out
    if fmt == "json":
        assert len(json.loads(out)) == 2


def test_flows_bad_date_is_a_usage_error(
        db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(monkeypatch, capsys, "flows", "--db", db, "--since", "hier")
    assert code == 2 and "since must be a date" in err


@pytest.mark.parametrize("text", ['"', "NEAR(", "x' OR 1=1 --", "Michelin*", "OR"])
def test_search_hostile(db: str, text: str, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(monkeypatch, capsys, "search", text, "--db", db)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert "nothing to search for" in err


def test_search_and_stats(db: str, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "search", "lefevre", "--db", db, "--json")
    assert code == 0 and json.loads(out)["articles_total"] == 2
    code, out, _ = run(monkeypatch, capsys, "stats", "--db", db)
    assert code == 0 and "articles: 5" in out and "move" in out


def test_question_on_missing_database_is_fatal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(monkeypatch, capsys, "stats", "--db", str(tmp_path / "none.db"))
    assert code == 3 and "no database at" in err


@pytest.mark.slow
def test_ingest_with_the_real_extractor_is_idempotent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n"
                              for a in NEWS), encoding="utf-8")
    db = str(tmp_path / "real.db")
    code, _, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db, "-q")
    assert code == 0, err
    assert "5 new" in err
    code, out, _ = run(monkeypatch, capsys, "stats", "--db", db, "--json")
    first = json.loads(out)
    assert first["articles"] == 5 and first["facts_total"] > 0
    code, _, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db, "-q")
    assert "5 unchanged" in err
    code, out, _ = run(monkeypatch, capsys, "stats", "--db", db, "--json")
    assert json.loads(out) == first
    code, out, err = run(monkeypatch, capsys, "person", "Thomas Lefèvre", "--db", db, "--json")
    assert code == 0, err
    assert any(s["org"] == "Michelin" for s in json.loads(out)["steps"])
