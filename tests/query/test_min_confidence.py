"""`--min-confidence X` on the questions (person, org, flows, search, article, digest),
their API endpoints, and `veille ingest`, on every backend of `fresh_store`.

One article written for these tests holds three facts of known confidence: a sure
departure (0.95), a doubtful arrival (0.45) and a partnership read from a conditional
(0.30)."""

# ruff: noqa: F811

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store.fixtures import fresh_store  # noqa: F401

from query.running import run
from veille import query
from veille.api import create_app
from veille.query import corrections as analyst
from veille.query import watch
from veille.records import (
    EXTRACTOR_VERSION,
    Article,
    Evidence,
    ExtractionResult,
    Fact,
    Move,
    Partnership,
)
from veille.store import Store, ingest_articles, open_store

ARTICLE = Article(
    id="t-201", published="2024-11-05", source="test",
    title="Legrand recrute une acheteuse chez Saint-Gobain",
    text=("Brigitte Caron quitte Saint-Gobain après douze ans passés aux achats. "
          "Elle deviendrait directrice des achats de Legrand dès janvier, selon nos "
          "informations. Legrand et Saint-Gobain étudieraient aussi un rapprochement de "
          "leurs plateformes logistiques."),
)
FACTS: list[tuple[type[Fact], str, dict[str, Any]]] = [
    (Move, "Brigitte Caron quitte Saint-Gobain", dict(
        person="Brigitte Caron", change="end", org="Saint-Gobain", date="2024-11",
        confidence=0.95)),
    (Move, "Elle deviendrait directrice des achats de Legrand dès janvier", dict(
        person="Brigitte Caron", change="start", org="Legrand",
        role="directrice des achats", role_norm="director", date="2025-01",
        status="reported", confidence=0.45)),
    (Partnership, "Legrand et Saint-Gobain étudieraient aussi un rapprochement", dict(
        orgs=["Legrand", "Saint-Gobain"], subject="plateformes logistiques",
        status="reported", confidence=0.30)),
]


def extract_many(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
    """The FACTS of ARTICLE, with their evidence found in its text; no model."""
    for article in articles:
        facts = []
        for cls, quote, fields in FACTS:
            start = article.full_text.index(quote)
            facts.append(cls(evidence=Evidence(start, start + len(quote), quote),
                             extractor_version=EXTRACTOR_VERSION, **fields))
        yield ExtractionResult(article.id, article.published, facts)


@pytest.fixture
def store(fresh_store: Store) -> Store:
    ingest_articles(fresh_store, [ARTICLE], extract_many)
    return fresh_store


def steps(timeline: query.records.PersonTimeline) -> list[tuple[str, str | None]]:
    return [(s.kind, s.org) for s in timeline.steps]


def test_person_keeps_the_steps_at_or_above_the_threshold(store: Store) -> None:
    everything = query.person_timeline(store, "Brigitte Caron")
    assert steps(everything) == [("end", "Saint-Gobain"), ("start", "Legrand")]
    assert steps(query.person_timeline(store, "Brigitte Caron", min_confidence=0.45)) == [
        ("end", "Saint-Gobain"), ("start", "Legrand")]  # at X is kept
    assert steps(query.person_timeline(store, "Brigitte Caron", min_confidence=0.5)) == [
        ("end", "Saint-Gobain")]
    # The person is still known, with nothing sure enough to show.
    assert query.person_timeline(store, "Brigitte Caron", min_confidence=1).steps == []


def test_org_filters_careers_and_other_facts(store: Store) -> None:
    legrand = query.org_profile(store, "Legrand")
    assert [s.person for s in legrand.arrivals] == ["Brigitte Caron"]
    assert [f.type for f in legrand.other_facts] == ["partnership"]
    sure = query.org_profile(store, "Legrand", min_confidence=0.5)
    assert sure.arrivals == [] and sure.other_facts == [] and sure.leadership == []
    assert [s.person for s in query.org_profile(store, "Saint-Gobain",
                                                min_confidence=0.9).departures] == [
        "Brigitte Caron"]


def test_flows_need_both_moves_above_the_threshold(store: Store) -> None:
    assert [(f.from_org, f.to_org) for f in query.talent_flows(store)] == [
        ("Saint-Gobain", "Legrand")]
    assert query.talent_flows(store, min_confidence=0.5) == []


def test_search_filters_evidence_in_the_page_and_the_total(store: Store) -> None:
    found = query.search(store, "Legrand")
    assert found.evidence_total == 2 and found.articles_total == 1
    sure = query.search(store, "Legrand", min_confidence=0.4)
    assert [hit.type for hit in sure.evidence] == ["move"] and sure.evidence_total == 1
    # Articles are not facts: the threshold leaves them alone.
    assert sure.articles_total == 1
    assert query.search(store, "Legrand", min_confidence=0.99).evidence_total == 0


def test_article_lists_only_confident_facts(store: Store) -> None:
    assert len(query.article_detail(store, "t-201").facts) == 3
    assert [f.confidence for f in query.article_detail(
        store, "t-201", min_confidence=0.4).facts] == [0.95, 0.45]


def test_a_checked_fact_counts_as_certain(store: Store) -> None:
    arrival = next(f for f in query.article_detail(store, "t-201").facts
                   if f.fields.get("change") == "start")
    analyst.correct_fact(store, arrival.id, analyst.CorrectionRequest(action="confirm"))
    assert steps(query.person_timeline(store, "Brigitte Caron", min_confidence=0.99)) == [
        ("start", "Legrand")]
    assert len(query.article_detail(store, "t-201", min_confidence=0.99).facts) == 1


def test_digest_takes_the_threshold(store: Store) -> None:
    watch.watch_add(store, "Legrand", watch.DEFAULT_LIST, "org")
    assert "Brigitte Caron joins Legrand" in watch.digest(store, "2024-11-01")
    assert "Brigitte Caron" not in watch.digest(store, "2024-11-01", min_confidence=0.5)


QUESTIONS: list[tuple[str, Callable[[Store, float], Any]]] = [
    ("person", lambda s, x: query.person_timeline(s, "Brigitte Caron", min_confidence=x)),
    ("org", lambda s, x: query.org_profile(s, "Legrand", min_confidence=x)),
    ("flows", lambda s, x: query.talent_flows(s, min_confidence=x)),
    ("search", lambda s, x: query.search(s, "Legrand", min_confidence=x)),
    ("article", lambda s, x: query.article_detail(s, "t-201", min_confidence=x)),
    ("moves", lambda s, x: query.latest_moves(s, query.MoveFilters(min_confidence=x))),
]


@pytest.mark.parametrize("value", [1.5, -0.1, math.nan])
@pytest.mark.parametrize(("name", "ask"), QUESTIONS, ids=[n for n, _ in QUESTIONS])
def test_a_threshold_outside_0_1_is_refused_clearly(store: Store, name: str,
                                                    ask: Callable[[Store, float], Any],
                                                    value: float) -> None:
    with pytest.raises(query.FilterError, match="min_confidence must be a number between 0 "
                                                "and 1"):
        ask(store, value)


# ---------- the CLI ----------

@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "confidence.db"
    with open_store(path) as store:
        ingest_articles(store, [ARTICLE], extract_many)
    return str(path)


@pytest.mark.parametrize(("args", "kept", "dropped"), [
    (["person", "Brigitte Caron"], "Saint-Gobain", "Legrand"),
    (["org", "Legrand"], "(none)", "Brigitte Caron"),
    (["flows", "--format", "csv"], "date,person", "Brigitte Caron"),
    (["search", "Legrand"], "t-201", "move"),
])
def test_cli_questions_take_min_confidence(db: str, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str],
                                           args: list[str], kept: str, dropped: str) -> None:
    code, out, _ = run(monkeypatch, capsys, *args, "--db", db)
    assert code == 0 and dropped in out
    code, out, _ = run(monkeypatch, capsys, *args, "--db", db, "--min-confidence", "0.5")
    assert code == 0 and kept in out and dropped not in out


def test_cli_json_output_is_filtered(db: str, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "person", "Brigitte Caron", "--db", db, "--json",
                       "--min-confidence", "0.9")
    assert code == 0
    assert [s["org"] for s in json.loads(out)["steps"]] == ["Saint-Gobain"]


@pytest.mark.parametrize("command", [["person", "Brigitte Caron"], ["org", "Legrand"],
                                     ["flows"], ["search", "Legrand"], ["moves"],
                                     ["digest", "--since", "2024-11-01"]])
def test_cli_refuses_a_threshold_outside_0_1(db: str, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             command: list[str]) -> None:
    code, _, err = run(monkeypatch, capsys, *command, "--db", db, "--min-confidence", "1.5")
    assert code == 2
    assert "--min-confidence" in err and "1.5 is not in the range 0.0<=x<=1.0" in err


# ---------- the API ----------

@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def test_api_questions_take_min_confidence(client: TestClient) -> None:
    def get(path: str, **params: Any) -> Any:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    assert len(get("/api/person/Brigitte Caron")["steps"]) == 2
    assert len(get("/api/person/Brigitte Caron", min_confidence=0.5)["steps"]) == 1
    assert len(get("/api/org/Legrand")["other_facts"]) == 1
    assert get("/api/org/Legrand", min_confidence=0.5)["other_facts"] == []
    assert get("/api/flows")["total"] == 1
    assert get("/api/flows", min_confidence=0.5)["total"] == 0
    assert get("/api/search", q="Legrand")["evidence_total"] == 2
    assert get("/api/search", q="Legrand", min_confidence=0.4)["evidence_total"] == 1
    assert len(get("/api/articles/t-201", min_confidence=0.9)["facts"]) == 1


@pytest.mark.parametrize("path", ["/api/person/Brigitte Caron", "/api/org/Legrand",
                                  "/api/flows", "/api/search?q=Legrand",
                                  "/api/articles/t-201", "/api/moves"])
@pytest.mark.parametrize("value", ["2", "-0.5", "beaucoup"])
def test_api_refuses_a_threshold_outside_0_1(client: TestClient, path: str,
                                             value: str) -> None:
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}min_confidence={value}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and "min_confidence" in error["message"]


# ---------- veille ingest ----------

def test_ingest_hands_the_threshold_to_the_extractor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """--min-confidence reaches the extractor through Settings, as on `extract`; the
    command line wins over the --config file."""
    from contextlib import contextmanager

    from veille.settings import Settings

    seen: list[Settings] = []

    @contextmanager
    def extraction(settings: Settings) -> Iterator[Any]:
        seen.append(settings)
        yield extract_many

    monkeypatch.setattr("veille.cli.store_commands.ingest_extraction", extraction)
    source = tmp_path / "t-201.jsonl"
    source.write_text(json.dumps(ARTICLE.to_dict(), ensure_ascii=False) + "\n",
                      encoding="utf-8")
    config = tmp_path / "veille.toml"
    config.write_text("min_confidence = 0.6\n", encoding="utf-8")
    db = str(tmp_path / "ingest.db")
    for args in ([], ["--config", str(config)],
                 ["--config", str(config), "--min-confidence", "0.25"]):
        code, _, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db, "-q",
                           *args)
        assert code == 0, err
    assert [s.min_confidence for s in seen] == [None, 0.6, 0.25]
    code, _, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db,
                       "--min-confidence", "-1")
    assert code == 2 and "-1.0 is not in the range 0.0<=x<=1.0" in err


@pytest.mark.slow
def test_ingest_with_the_real_extractor_stores_only_confident_facts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nomination.txt"
    source.write_text(
        "Schneider Electric nomme Arnaud Vasseur directeur financier\n\n"
        "Arnaud Vasseur a été nommé directeur financier de Schneider Electric, a annoncé "
        "le groupe mardi. Il quitte Sanofi, où il dirigeait le contrôle de gestion "
        "depuis 2019. Il prendra ses fonctions le 1er mars.\n", encoding="utf-8")

    def stored(threshold: str) -> list[float]:
        db = str(tmp_path / f"kb-{threshold}.db")
        code, _, err = run(monkeypatch, capsys, "ingest", str(source), "--db", db, "-q",
                           "--published", "2024-02-06", "--min-confidence", threshold)
        assert code == 0, err
        with open_store(db, create=False) as kb:
            return [f.confidence for f in query.article_detail(kb, "nomination").facts]

    everything = stored("0")
    assert everything, "the rules propose facts here and a zero threshold keeps them"
    middle = sorted(everything)[len(everything) // 2]
    assert sorted(stored(str(middle))) == sorted(c for c in everything if c >= middle)
    assert stored("1") == [c for c in everything if c >= 1.0]
