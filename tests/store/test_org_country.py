"""An organisation's country is stored with it, survives later ingests, and is served
by the org question, the API and `veille org`; null when nothing gave one."""

# ruff: noqa: F811

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from store.fixtures import fresh_store  # noqa: F401
from veille import query
from veille.api import create_app
from veille.cli.main import main
from veille.records import Article, Evidence, ExtractionResult, Move
from veille.store import Store, ingest_articles, open_store, schema
from veille.store.engine import make_engine
from veille.store.migrations import all_migrations

# (article id, sentence, person, role, organisation as written)
SENTENCES = [
    ("p-1", "Le ministre britannique de la Santé, Matthieu Hanson, a démissionné.",
     "Matthieu Hanson", "ministre britannique", "ministère de la Santé"),
    ("p-2", "Le constructeur japonais Tomaru Motors a nommé Kenji Sato directeur général.",
     "Kenji Sato", "directeur général", "Tomaru Motors"),
    ("p-3", "Boreal Systems a recruté Léo Brun comme directeur financier.",
     "Léo Brun", "directeur financier", "Boreal Systems"),
    # A later article that would say otherwise: the first word stands.
    ("p-4", "Le constructeur coréen Tomaru Motors a nommé Ada Moss directrice.",
     "Ada Moss", "directrice", "Tomaru Motors"),
]


def articles(ids: set[str]) -> list[Article]:
    return [Article(id=i, published="2022-05-02", source="test", title=i, text=sentence)
            for i, sentence, *_ in SENTENCES if i in ids]


def extract(items: Iterable[Article]) -> Iterator[ExtractionResult]:
    facts = {i: (person, role, org) for i, _, person, role, org in SENTENCES}
    for article in items:
        person, role, org = facts[article.id]
        evidence = Evidence(0, len(article.text), article.text)
        yield ExtractionResult(article.id, article.published, [Move(
            evidence=evidence, person=person, change="start", role=role, org=org,
            confidence=0.9)])


def test_countries_are_stored_and_kept_across_ingests(fresh_store: Store) -> None:
    ingest_articles(fresh_store, articles({"p-1", "p-2"}), extract)
    ingest_articles(fresh_store, articles({"p-3", "p-4"}), extract)  # resumes from the store
    uk = query.org_profile(fresh_store, "ministère de la Santé (Royaume-Uni)").org
    assert (uk.country, uk.country_name) == ("GB", "Royaume-Uni")
    assert query.org_profile(fresh_store, "Tomaru Motors").org.country == "JP"
    unknown = query.org_profile(fresh_store, "Boreal Systems").org
    assert (unknown.country, unknown.country_name) == (None, None)
    with TestClient(create_app(fresh_store), base_url="http://127.0.0.1") as client:
        body = client.get("/api/org/Tomaru Motors").json()
        blank = client.get("/api/org/Boreal Systems").json()
    assert body["org"]["country"] == "JP" and body["org"]["country_name"] == "Japon"
    assert blank["org"]["country"] is None


def test_veille_org_prints_the_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.db"
    with open_store(path) as store:
        ingest_articles(store, articles({"p-1", "p-3"}), extract)
    for name, line in [("ministère de la Santé (Royaume-Uni)", "country: Royaume-Uni (GB)"),
                       ("Boreal Systems", "country: not known")]:
        monkeypatch.setattr(sys, "argv", ["veille", "org", name, "--db", str(path)])
        with pytest.raises(SystemExit):
            main()
        assert line in capsys.readouterr().out


def test_a_database_of_version_4_gets_the_column(tmp_path: Path) -> None:
    """0005 adds `entities.country` to a database made before it, whose entities keep
    their rows (country empty until the next ingest)."""
    engine = make_engine(tmp_path / "v4.db")
    with engine.begin() as conn:
        for migration in all_migrations():
            if migration.version <= 4:
                migration.upgrade(conn)
        conn.execute(text("ALTER TABLE entities DROP COLUMN country"))
        schema.schema_version.create(conn, checkfirst=True)
        for migration in all_migrations():
            if migration.version <= 4:
                conn.execute(schema.schema_version.insert().values(
                    version=migration.version, name=migration.name,
                    applied_at=datetime(2024, 1, 1, tzinfo=UTC)))
        conn.execute(text("INSERT INTO entities (id, type, name, folded, aliases) "
                          "VALUES ('org:tomaru-motors', 'org', 'Tomaru Motors', "
                          "'tomaru motors', '[]')"))
    engine.dispose()
    with open_store(tmp_path / "v4.db") as store, store.read() as conn:
        assert "country" in {c["name"] for c in inspect(conn).get_columns("entities")}
        row = conn.execute(text("SELECT name, country FROM entities")).one()
    assert tuple(row) == ("Tomaru Motors", None)
