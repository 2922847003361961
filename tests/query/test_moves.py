"""The moves feed (`veille moves`, `/api/moves`): one row per event with all its sources,
and every filter, on every backend of `fresh_store`."""

# ruff: noqa: F811

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from store.fixtures import analyst_store, fresh_store  # noqa: F401

from veille import query
from veille.api import create_app
from veille.cli.main import cli
from veille.query import MoveFilters
from veille.store import Store


def people(moves: list[query.records.MoveEvent]) -> list[tuple[str, str, str | None]]:
    return [(m.person, m.change, m.org) for m in moves]


def test_every_move_once_latest_reported_first(analyst_store: Store) -> None:
    moves = query.latest_moves(analyst_store)
    assert people(moves) == [
        ("Paul Girard", "end", "Valeo"), ("Inès Roux", "start", "Valeo"),
        ("Marc Petit", "start", "Valeo"), ("Thomas Lefèvre", "end", "Michelin"),
        ("Thomas Lefèvre", "start", "Michelin"), ("Thomas Lefèvre", "end", "Valeo"),
        ("Claire Moreau", "start", "L'Oréal"), ("Claire Moreau", "end", "Danone")]
    arrival = next(m for m in moves if m.person == "Claire Moreau" and m.change == "start")
    # Reported by two articles: one row, both sources, first reported on the earlier day.
    assert [s.article_id for s in arrival.sources] == ["t-001", "t-002"]
    assert arrival.reported == "2023-03-10" and arrival.date == "2023-04"
    assert (arrival.date_start, arrival.date_end) == ("2023-04-01", "2023-04-30")


def test_undated_move_says_so_and_a_season_reads_as_one(analyst_store: Store) -> None:
    moves = {(m.person, m.change): m for m in query.latest_moves(analyst_store)}
    undated = moves[("Inès Roux", "start")]
    assert undated.date is None and undated.date_start is None
    assert undated.date_shown == "date not given (reported on 3 October 2024)"
    summer = moves[("Paul Girard", "end")]
    assert summer.date == "2024-SU" and summer.date_shown == "summer 2024"
    assert (summer.date_start, summer.date_end) == ("2024-06-01", "2024-08-31")


@pytest.mark.parametrize(("filters", "expected"), [
    (MoveFilters(org="valeo"), {"Paul Girard", "Inès Roux", "Marc Petit", "Thomas Lefèvre"}),
    (MoveFilters(person="thomas lefevre"), {"Thomas Lefèvre"}),
    (MoveFilters(role="cfo"), {"Marc Petit", "Claire Moreau"}),
    (MoveFilters(role="financière"), {"Claire Moreau"}),
    (MoveFilters(status="reported"), {"Marc Petit"}),
    (MoveFilters(status="planned"), {"Thomas Lefèvre", "Claire Moreau"}),
    (MoveFilters(min_confidence=0.85), {"Inès Roux"}),
    (MoveFilters(since="2024-06", until="2024-08"), {"Paul Girard", "Thomas Lefèvre"}),
    # A move dated "2024" may fall after 2 October 2024: kept (intervals overlap).
    (MoveFilters(since="2024-10-02"), {"Inès Roux", "Thomas Lefèvre"}),
    (MoveFilters(reported_since="2024-10-02"), {"Inès Roux", "Paul Girard"}),
    (MoveFilters(change="end", org="Valeo"), {"Paul Girard", "Thomas Lefèvre"}),
])
def test_filters(analyst_store: Store, filters: MoveFilters, expected: set[str]) -> None:
    assert {m.person for m in query.latest_moves(analyst_store, filters)} == expected


def test_bad_filters_are_clear(analyst_store: Store) -> None:
    with pytest.raises(query.FilterError, match="status must be one of"):
        query.latest_moves(analyst_store, MoveFilters(status="rumour"))
    with pytest.raises(query.DateError, match="since must be a date"):
        query.latest_moves(analyst_store, MoveFilters(since="last week"))
    with pytest.raises(query.NotFound, match="no organisation named 'Valéo Group'"):
        query.latest_moves(analyst_store, MoveFilters(org="Valéo Group"))


def test_csv_has_iso_bounds_and_every_source(analyst_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(query.moves_csv(query.latest_moves(analyst_store)))))
    girard = next(r for r in rows if r["person"] == "Paul Girard")
    assert (girard["date"], girard["date_start"], girard["date_end"]) == (
        "2024-SU", "2024-06-01", "2024-08-31")
    assert girard["urls"] == "http://example.test/t-102"
    moreau = next(r for r in rows if r["person"] == "Claire Moreau" and r["change"] == "start")
    assert moreau["article_ids"] == "t-001 t-002" and moreau["sources"] == "2"
    roux = next(r for r in rows if r["person"] == "Inès Roux")
    assert roux["date"] == "" and roux["reported"] == "2024-10-03"


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    from store.fixtures import ANALYST_NEWS, NEWS, filled

    from veille.store import open_store

    path = tmp_path / "moves.db"
    with open_store(path) as store:
        filled(store, NEWS + ANALYST_NEWS)
    return str(path)


def test_cli_formats_and_filters(db_file: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["moves", "--db", db_file, "--org", "Valeo", "--status",
                                 "done", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {m["person"] for m in json.loads(result.output)} == {
        "Paul Girard", "Inès Roux", "Thomas Lefèvre"}
    result = runner.invoke(cli, ["moves", "--db", db_file, "--format", "csv",
                                 "--min-confidence", "0.5", "--role", "cfo"])
    assert result.exit_code == 0
    assert [r["person"] for r in csv.DictReader(io.StringIO(result.output))] == [
        "Claire Moreau"]
    result = runner.invoke(cli, ["moves", "--db", db_file, "--person", "Inès Roux"])
    assert result.exit_code == 0
    assert "date not given (reported on 3 October 2024)" in result.output
    result = runner.invoke(cli, ["moves", "--db", db_file, "--since", "hier"])
    assert result.exit_code == 2 and "since must be a date" in result.output


@pytest.fixture
def client(analyst_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(analyst_store), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def test_api_filters_and_pages(client: TestClient) -> None:
    body = client.get("/api/moves").json()
    assert body["total"] == 8 and len(body["moves"]) == 8
    page = client.get("/api/moves", params={"limit": 2, "offset": 1}).json()
    assert [m["person"] for m in page["moves"]] == ["Inès Roux", "Marc Petit"]
    assert page["total"] == 8
    body = client.get("/api/moves", params={"org": "Valeo", "min_confidence": 0.5,
                                            "change": "start"}).json()
    assert [m["person"] for m in body["moves"]] == ["Inès Roux"]
    assert body["moves"][0]["sources"][0]["url"] == "http://example.test/t-102"
    csv_text = client.get("/api/moves.csv", params={"status": "reported"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert [r["person"] for r in csv.DictReader(io.StringIO(csv_text.text))] == ["Marc Petit"]


@pytest.mark.parametrize(("params", "status"), [
    ({"status": "rumour"}, 422), ({"min_confidence": 2}, 422), ({"since": "hier"}, 422),
    ({"org": "Nulle Part SA"}, 404), ({"watch": "absent"}, 422)])
def test_api_errors_keep_the_one_shape(client: TestClient, params: dict[str, object],
                                       status: int) -> None:
    response = client.get("/api/moves", params=params)
    assert response.status_code == status
    assert set(response.json()) == {"error"}
    assert set(response.json()["error"]) == {"status", "message", "detail"}
