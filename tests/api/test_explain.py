"""`GET /api/explain/{id}`: a stored article extracted again, every candidate with its
decision. Fast tests hand the app a stand-in explainer; one slow test runs the real
extractor and decision model over a stored article, on SQLite."""

# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store.fixtures import NEWS, filled, fresh_store, news_store  # noqa: F401

from api.explanations import CANDIDATES, StandIn
from veille.api import create_app
from veille.errors import ModelError
from veille.records import Article
from veille.store import Store, open_store


@pytest.fixture
def explainer() -> StandIn:
    return StandIn()


@pytest.fixture
def client(news_store: Store, explainer: StandIn) -> Iterator[TestClient]:
    with TestClient(create_app(news_store, explain=explainer), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def test_the_stored_article_is_rebuilt_and_explained(client: TestClient,
                                                     explainer: StandIn) -> None:
    response = client.get("/api/explain/t-003")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "t-003" and body["stored_extractor_version"]
    assert body["candidates"] == CANDIDATES
    # The article as ingest stored it: same text and date (relative dates depend on it).
    original = next(a for a in NEWS if a.id == "t-003")
    (rebuilt,) = explainer.articles
    assert (rebuilt.full_text, rebuilt.published, rebuilt.source) == (
        original.full_text, original.published, original.source)


def test_an_unknown_article_is_a_404_with_close_ids(client: TestClient,
                                                    explainer: StandIn) -> None:
    response = client.get("/api/explain/t-00")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["detail"]["kind"] == "article" and "t-001" in error["detail"]["suggestions"]
    assert explainer.articles == []  # nothing extracted for it


def test_a_model_that_cannot_load_is_a_503_and_the_rest_still_answers(
        news_store: Store) -> None:
    def broken(article: Article) -> list[dict[str, Any]]:
        raise ModelError("cannot load spaCy model 'fr_absent'")

    with TestClient(create_app(news_store, explain=broken), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        response = c.get("/api/explain/t-001")
        assert response.status_code == 503
        assert "fr_absent" in response.json()["error"]["message"]
        assert c.get("/api/articles/t-001").status_code == 200


def test_the_route_is_in_the_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/explain/{article_id}" in paths


def test_the_app_loads_no_model_until_an_explanation_is_asked(tmp_path: Path) -> None:
    """Every other route still reads the store only: creating the app and answering a
    question imports neither spaCy nor the extraction stage."""
    import subprocess
    import sys

    db = tmp_path / "kb.db"
    with open_store(db) as store:
        filled(store)
    script = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from veille.api import create_app\n"
        f"c = TestClient(create_app({str(db)!r}), base_url='http://127.0.0.1')\n"
        "assert c.get('/api/articles/t-001').status_code == 200\n"
        "loaded = [m for m in ('spacy', 'veille.facts.explain') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_the_real_extractor_explains_a_stored_article(tmp_path: Path) -> None:
    keys = {"fact", "evidence", "generators", "rule_confidence", "probability", "accepted",
            "reason", "strongest_features", "slots"}
    with open_store(tmp_path / "kb.db") as store:
        filled(store)
        with TestClient(create_app(store), base_url="http://127.0.0.1",
                        raise_server_exceptions=False) as c:
            response = c.get("/api/explain/t-003")
    assert response.status_code == 200, response.text
    candidates = response.json()["candidates"]
    assert candidates, "the rules propose facts for « Thomas Lefèvre est nommé… »"
    for candidate in candidates:
        assert set(candidate) == keys
        assert candidate["fact"]["type"] in {"move", "position", "partnership", "amount",
                                             "market_share"}
        assert isinstance(candidate["accepted"], bool) and candidate["reason"]
        if candidate["probability"] is not None:
            assert 0 <= candidate["probability"] <= 1
    assert any(c["fact"].get("person") == "Thomas Lefèvre" for c in candidates)
    # a kept move or position shows its role candidates as the slot model ranks them
    kept = [c for c in candidates if c["accepted"] and c["fact"]["type"] in {"move", "position"}]
    assert kept and all(c["slots"] and c["slots"][0]["slot"] == "role" for c in kept)
    for slot in (s for c in kept for s in c["slots"]):
        assert slot["filled_by"] in {"slot_model", "plain_reading", "rules",
                                     "rules_else_slot_model"}
        scores = [o["score"] for o in slot["options"]]
        assert scores == sorted(scores, reverse=True)
