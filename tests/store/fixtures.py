"""Shared fixtures of the store, query, API and web tests (import them from here).

`fresh_store` is parametrised: every test using it runs on an in-memory SQLite database,
on a SQLite file (WAL), and on PostgreSQL when VEILLE_TEST_POSTGRES_URL is set (each test
gets its own schema there, dropped afterwards). `NEWS` are short French articles written
for these tests; `ScriptedExtractor` returns the facts `SCRIPT` lists for them, with
evidence offsets found in the text, so store tests need no model.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from veille.records import (
    EXTRACTOR_VERSION,
    Amount,
    Article,
    Evidence,
    ExtractionResult,
    Fact,
    MarketShare,
    Move,
    Partnership,
    Position,
)
from veille.store import Store, ingest_articles, open_store
from veille.store.engine import normalise_url

POSTGRES_ENV = "VEILLE_TEST_POSTGRES_URL"

NEWS: list[Article] = [
    Article(
        id="t-001", published="2023-03-10", source="test",
        title="Claire Moreau quitte Danone pour L'Oréal",
        summary="La directrice financière de Danone rejoint le géant des cosmétiques.",
        text=("Claire Moreau quitte Danone, où elle était directrice financière depuis 2017. "
              "Elle rejoindra L'Oréal au poste de directrice générale adjointe en avril. "
              "Hélène Garnier, présidente de L'Oréal, a salué une recrue de premier plan."),
    ),
    Article(
        id="t-002", published="2023-03-12", source="test",
        title="L'Oréal confirme l'arrivée de Claire Moreau",
        text=("Le groupe L'Oréal a confirmé dimanche l'arrivée de Claire Moreau comme "
              "directrice générale adjointe. L'ancienne de Danone prendra ses fonctions en "
              "avril."),
    ),
    Article(
        id="t-003", published="2024-06-01", source="test",
        title="Michelin nomme Thomas Lefèvre directeur général",
        text=("Thomas Lefèvre est nommé directeur général de Michelin. Il était jusqu'ici "
              "directeur des opérations chez Valeo. Michelin investira 300 millions d'euros "
              "dans ses usines européennes d'ici 2026. Michelin et Valeo ont par ailleurs "
              "signé un partenariat sur les capteurs de pneus."),
    ),
    Article(
        id="t-004", published="2024-09-20", source="test",
        title="Thomas Lefèvre va quitter Michelin",
        text=("Thomas Lefèvre va quitter la direction générale de Michelin à la fin de "
              "l'année, a annoncé le groupe. Michelin détient 15 % du marché mondial des "
              "pneumatiques, selon le cabinet Pneumetrics."),
    ),
    Article(
        id="t-005", published="2024-02-02", source="test",
        title="Société Générale : une nouvelle voix",
        text=("Éloïse Dupré, directrice de la communication de Société Générale, a présenté "
              "jeudi la nouvelle campagne de la banque. Le texte ne contient aucun "
              "changement de poste."),
    ),
]

# Article id -> facts, each (class, quote, fields); a fact whose quote is not in the
# article's text (an edited version) is not returned.
SCRIPT: dict[str, list[tuple[type[Fact], str, dict[str, Any]]]] = {
    "t-001": [
        (Move, "Claire Moreau quitte Danone", dict(
            person="Claire Moreau", change="end", org="Danone", role="directrice financière",
            role_norm="cfo", date="2023-03")),
        (Move, "Elle rejoindra L'Oréal au poste de directrice générale adjointe en avril", dict(
            person="Claire Moreau", change="start", org="L'Oréal",
            role="directrice générale adjointe", role_norm="deputy_md", status="planned",
            date="2023-04")),
        (Position, "Hélène Garnier, présidente de L'Oréal", dict(
            person="Hélène Garnier", org="L'Oréal", role="présidente", role_norm="chair",
            current=True)),
    ],
    "t-002": [
        (Move, "l'arrivée de Claire Moreau comme directrice générale adjointe", dict(
            person="Claire Moreau", change="start", org="L'Oréal",
            role="directrice générale adjointe", role_norm="deputy_md", status="planned",
            date="2023-04")),
    ],
    "t-003": [
        (Move, "Thomas Lefèvre est nommé directeur général de Michelin", dict(
            person="Thomas Lefèvre", change="start", org="Michelin", role="directeur général",
            role_norm="md")),
        (Move, "Il était jusqu'ici directeur des opérations chez Valeo", dict(
            person="Thomas Lefèvre", change="end", org="Valeo", role="directeur des opérations",
            role_norm="coo")),
        (Amount, "Michelin investira 300 millions d'euros", dict(
            org="Michelin", kind="investment", value=300e6, currency="EUR", date="2026")),
        (Partnership, "Michelin et Valeo ont par ailleurs signé un partenariat", dict(
            orgs=["Michelin", "Valeo"], subject="capteurs de pneus")),
    ],
    "t-004": [
        (Move, "Thomas Lefèvre va quitter la direction générale de Michelin", dict(
            person="Thomas Lefèvre", change="end", org="Michelin", role="direction générale",
            role_norm="md", status="planned", date="2024")),
        (MarketShare, "Michelin détient 15 % du marché mondial des pneumatiques", dict(
            org="Michelin", value=0.15, market="marché mondial des pneumatiques",
            source="Pneumetrics")),
    ],
    "t-005": [
        (Position, "Éloïse Dupré, directrice de la communication de Société Générale", dict(
            person="Éloïse Dupré", org="Société Générale",
            role="directrice de la communication", role_norm="director", current=True)),
    ],
}


# Articles of the analyst's tests (moves feed, corrections, watch lists): a rumour, a
# confident arrival with no date of its own, and a departure at the same organisation.
ANALYST_NEWS: list[Article] = [
    Article(
        id="t-101", published="2024-10-01", source="test", url="http://example.test/t-101",
        title="Valeo : la rumeur d'une arrivée",
        text=("Selon plusieurs sources, Marc Petit rejoindrait Valeo comme directeur "
              "financier. Le groupe n'a pas commenté."),
    ),
    Article(
        id="t-102", published="2024-10-03", source="test", url="http://example.test/t-102",
        title="Valeo nomme Inès Roux et voit partir son directeur juridique",
        text=("Inès Roux a été nommée directrice de la stratégie de Valeo. Paul Girard, "
              "directeur juridique, a quitté Valeo l'été dernier."),
    ),
]
SCRIPT.update({
    "t-101": [
        (Move, "Marc Petit rejoindrait Valeo comme directeur financier", dict(
            person="Marc Petit", change="start", org="Valeo", role="directeur financier",
            role_norm="cfo", status="reported", confidence=0.35)),
    ],
    "t-102": [
        (Move, "Inès Roux a été nommée directrice de la stratégie de Valeo", dict(
            person="Inès Roux", change="start", org="Valeo", role="directrice de la stratégie",
            role_norm="director", confidence=0.9)),
        (Position, "Paul Girard, directeur juridique", dict(
            person="Paul Girard", org="Valeo", role="directeur juridique",
            role_norm="director", current=True, confidence=0.6)),
        (Move, "Paul Girard, directeur juridique, a quitté Valeo l'été dernier", dict(
            person="Paul Girard", change="end", org="Valeo", role="directeur juridique",
            role_norm="director", date="2024-SU", confidence=0.7)),
    ],
})


def scripted_facts(article: Article, version: str = EXTRACTOR_VERSION) -> list[Fact]:
    full = article.full_text
    facts: list[Fact] = []
    for cls, quote_text, values in SCRIPT.get(article.id, []):
        start = full.find(quote_text)
        if start < 0:  # an edited article no longer says it
            continue
        evidence = Evidence(start, start + len(quote_text), quote_text)
        fields = {"confidence": 0.8, **values}
        facts.append(cls(evidence=evidence, extractor_version=version, **fields))
    return facts


class ScriptedExtractor:
    """Stands in for `veille.facts.extractor.Extractor`: the SCRIPT facts, no model."""

    def __init__(self, version: str = EXTRACTOR_VERSION):
        self.version = version
        self.seen: list[str] = []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            self.seen.append(article.id)
            yield ExtractionResult(article.id, article.published,
                                   scripted_facts(article, self.version))


def filled(store: Store, articles: list[Article] | None = None) -> Store:
    ingest_articles(store, articles or NEWS, ScriptedExtractor().extract_many)
    return store


def _postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(params=["sqlite-memory", "sqlite-file",
                        pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store on each backend."""
    if request.param == "sqlite-memory":
        store = open_store(":memory:")
        yield store
        store.close()
    elif request.param == "sqlite-file":
        store = open_store(tmp_path / "veille.db")
        yield store
        store.close()
    else:
        with postgres_store() as store:
            yield store


class postgres_store:
    """A store in a fresh PostgreSQL schema (skips the test when no server is given)."""

    def __enter__(self) -> Store:
        base = _postgres_url()
        if not base:
            pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV}=postgresql://user:pass@host/db")
        self.admin = create_engine(normalise_url(base))
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        joiner = "&" if "?" in base else "?"
        self.store = open_store(
            f"{base}{joiner}options={quote(f'-csearch_path={self.schema}')}")
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin.dispose()


@pytest.fixture
def analyst_store(fresh_store: Store) -> Store:
    """`fresh_store` with NEWS and ANALYST_NEWS ingested by the scripted extractor."""
    return filled(fresh_store, NEWS + ANALYST_NEWS)


@pytest.fixture
def news_store(fresh_store: Store) -> Store:
    """`fresh_store` with NEWS ingested by the scripted extractor."""
    return filled(fresh_store)
