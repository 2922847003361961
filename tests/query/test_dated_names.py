"""A name shown for a date is the one in use then: La République en marche and
Renaissance are one entity, but a 2020 move is shown at "LREM", a 2023 one at
Renaissance, in every question (CLI, API) and on the organisation's page."""

# ruff: noqa: F811

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store.fixtures import fresh_store  # noqa: F401

from veille import query
from veille.api import create_app
from veille.cli.main import main
from veille.query.dated_names import builtin_histories, parse_renamed
from veille.records import Article, Evidence, ExtractionResult, Fact, Move, Position
from veille.store import Store, ingest_articles

RENAISSANCE = builtin_histories()["renaissance"]


@pytest.mark.parametrize(("date", "written", "shown"), [
    ("2020-05", "LREM", "LREM"),  # as the article wrote it, a name of the time
    ("2019", "La République en marche", "La République en marche"),
    ("2020-03-02", "Renaissance", "La République en marche"),  # 2022's name, not 2020's
    ("2016-06", "LREM", "En marche !"),
    ("2016-06", "En Marche !", "En Marche !"),
    ("2023-01", "LREM", None),  # after the rename: the entity's name, Renaissance
    ("2022", "LREM", "LREM"),  # the year of the rename holds both names
    ("2022", "Renaissance", "Renaissance"),
    ("2022", "Ensemble", None),
    ("2022-09-16", "Renaissance", "La République en marche"),
    ("2022-09-17", "LREM", None),
    (None, "LREM", None),  # no date: the entity's name
])
def test_name_of_renaissance_at_a_date(date: str | None, written: str, shown: str | None
                                       ) -> None:
    assert RENAISSANCE.shown(date, written) == shown


def test_before_the_first_known_name_the_article_is_trusted() -> None:
    engie = builtin_histories()["engie"]
    # GDF Suez is born of a merger in 2008: a 2005 "Gaz de France" stays so.
    assert engie.shown("2005", "Gaz de France") == "Gaz de France"
    assert engie.shown("2012", "Gaz de France") == "GDF Suez"
    assert engie.shown("2016", "GDF Suez") is None


def test_a_chain_of_names() -> None:
    kering = builtin_histories()["kering"]
    assert kering.shown("2001", None) == "Pinault-Printemps-Redoute"
    assert kering.shown("2010", "Pinault-Printemps-Redoute") == "PPR"
    assert kering.shown("2014", "PPR") is None


@pytest.mark.parametrize(("data", "message"), [
    ({"renamed": [{"name": "Nouvelle", "former": [{"name": "Ancienne"}]}]}, "needs `until`"),
    ({"renamed": [{"name": "Nouvelle", "former": [
        {"name": "Première", "until": "2020-01-01"},
        {"name": "Deuxième", "since": "2019-01-01", "until": "2021-01-01"}]}]}, "out of order"),
    ({"renamed": [{"name": "Nouvelle", "former": [{"name": "A", "until": "hier"}]}]},
     "not a YYYY-MM-DD"),
])
def test_bad_data_is_refused_with_the_organisation_named(data: dict[str, Any],
                                                         message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_renamed(data)


# -- the questions, on every backend ----------------------------------------------------

NEWS = [
    Article(id="r-2020", published="2020-06-15", source="test", title="Départ",
            text="Julie Marchand a quitté LREM en mai pour se consacrer à sa commune."),
    Article(id="r-2023", published="2023-02-01", source="test", title="Arrivée",
            text="Marc Aubert a rejoint Renaissance en janvier comme délégué général."),
    Article(id="r-2014", published="2014-11-20", source="test", title="Transfert",
            text="Paul Ribot a quitté le Front national pour rejoindre l'UMP en novembre."),
]
FACTS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "r-2020": [("Julie Marchand a quitté LREM en mai", dict(
        person="Julie Marchand", change="end", org="LREM", date="2020-05"))],
    "r-2023": [("Marc Aubert a rejoint Renaissance en janvier comme délégué général", dict(
        person="Marc Aubert", change="start", org="Renaissance", role="délégué général",
        date="2023-01"))],
    "r-2014": [
        ("Paul Ribot a quitté le Front national", dict(
            person="Paul Ribot", change="end", org="Front national", date="2014-11")),
        ("rejoindre l'UMP en novembre", dict(
            person="Paul Ribot", change="start", org="UMP", date="2014-11")),
    ],
}


def extract(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
    for article in articles:
        facts: list[Fact] = []
        for quote, fields in FACTS[article.id]:
            start = article.full_text.index(quote)
            facts.append(Move(evidence=Evidence(start, start + len(quote), quote),
                              confidence=0.9, **fields))
        yield ExtractionResult(article.id, article.published, facts)


@pytest.fixture
def parties(fresh_store: Store) -> Store:
    ingest_articles(fresh_store, NEWS, extract)
    return fresh_store


def test_one_entity_two_names_on_the_org_page(parties: Store) -> None:
    profile = query.org_profile(parties, "Renaissance")
    assert profile.org.id == query.org_profile(parties, "LREM").org.id
    assert [(s.person, s.org) for s in profile.departures] == [("Julie Marchand", "LREM")]
    assert [(s.person, s.org) for s in profile.arrivals] == [("Marc Aubert", "Renaissance")]
    assert [f.shown for f in profile.org.former_names] == [
        "En marche ! (until 2017)", "La République en marche (until 2022)"]
    assert profile.org.former_names[1].until == "2022-09-17"


def test_timeline_moves_and_flows_name_the_org_of_their_time(parties: Store) -> None:
    timeline = query.person_timeline(parties, "Julie Marchand")
    assert [s.org for s in timeline.steps] == ["LREM"]
    assert [o.name for o in timeline.orgs] == ["Renaissance"]  # the entity, today
    moves = query.latest_moves(parties, query.MoveFilters(org="Renaissance"))
    assert {(m.person, m.org) for m in moves} == {("Julie Marchand", "LREM"),
                                                 ("Marc Aubert", "Renaissance")}
    flows = query.talent_flows(parties)
    assert [(f.from_org, f.to_org) for f in flows] == [("Front national", "UMP")]
    assert query.org_profile(parties, "Les Républicains").arrivals[0].org == "UMP"


def test_the_digest_keeps_one_heading_per_organisation(parties: Store) -> None:
    from veille.query.watch import digest, watch_add

    watch_add(parties, "Renaissance")
    text = digest(parties, "2014-01-01")
    assert text.count("## ") == 1 and "## Renaissance" in text
    # each move keeps the name of its day under that heading
    assert "Julie Marchand" in text and "LREM" in text and "Marc Aubert" in text


def test_api_and_cli(parties: Store, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    with TestClient(create_app(parties), base_url="http://127.0.0.1") as client:
        org = client.get("/api/org/Renaissance").json()
        moves = client.get("/api/moves", params={"org": "LREM"}).json()["moves"]
    assert [f["name"] for f in org["org"]["former_names"]] == ["En marche !",
                                                               "La République en marche"]
    assert {m["org"] for m in moves} == {"LREM", "Renaissance"}
    if parties.engine.dialect.name != "sqlite" or str(parties.engine.url) == "sqlite://":
        return  # the CLI opens a database by its path
    monkeypatch.setattr(sys, "argv", ["veille", "org", "LREM", "--db",
                                      str(parties.engine.url.database)])
    with pytest.raises(SystemExit):
        main()
    out = capsys.readouterr().out
    assert "Renaissance" in out.splitlines()[0]
    assert "also known as En marche ! (until 2017), La République en marche (until 2022)" in out
    monkeypatch.setattr(sys, "argv", ["veille", "person", "Julie Marchand", "--json", "--db",
                                      str(parties.engine.url.database)])
    with pytest.raises(SystemExit):
        main()
    assert [s["org"] for s in json.loads(capsys.readouterr().out)["steps"]] == ["LREM"]


def test_an_undated_fact_is_named_at_its_article_s_date(fresh_store: Store) -> None:
    article = Article(id="r-2019", published="2019-04-02", source="test", title="Poste",
                      text="Anne Carrel, porte-parole de La République en marche, a parlé.")
    quote = "Anne Carrel, porte-parole de La République en marche"

    def positions(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for a in articles:
            yield ExtractionResult(a.id, a.published, [Position(
                evidence=Evidence(0, len(quote), quote), confidence=0.9, person="Anne Carrel",
                org="La République en marche", role="porte-parole", current=True)])

    ingest_articles(fresh_store, [article], positions)
    profile = query.org_profile(fresh_store, "Renaissance")
    assert [s.org for s in profile.positions] == ["La République en marche"]
