"""The REST API: the questions over HTTP, pagination bounds, and one error shape, on
every backend of `fresh_store`."""

# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from store.fixtures import fresh_store, news_store  # noqa: F401

from veille.api import create_app
from veille.store import Store


@pytest.fixture
def client(news_store: Store) -> Iterator[TestClient]:
    # The server answers to localhost only (veille.api.security): not to "testserver".
    with TestClient(create_app(news_store), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """Every error has the same shape: {"error": {"status", "message", "detail"}}."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


def test_person(client: TestClient) -> None:
    body = client.get("/api/person/claire moreau").json()
    assert body["person"]["name"] == "Claire Moreau"
    assert [s["org"] for s in body["steps"]] == ["Danone", "L'Oréal"]
    assert body["steps"][1]["article_ids"] == ["t-001", "t-002"]


def test_org(client: TestClient) -> None:
    body = client.get("/api/org/L'Oréal").json()
    assert [lead["person"] for lead in body["leadership"]] == ["Hélène Garnier", "Claire Moreau"]
    assert [s["person"] for s in body["arrivals"]] == ["Claire Moreau"]


def test_flows_with_filters_and_pagination(client: TestClient) -> None:
    body = client.get("/api/flows").json()
    assert body["total"] == 2 and len(body["flows"]) == 2
    page = client.get("/api/flows", params={"limit": 1, "offset": 1}).json()
    assert [f["person"] for f in page["flows"]] == ["Thomas Lefèvre"]
    assert client.get("/api/flows", params={"since": "2024"}).json()["total"] == 1
    assert client.get("/api/flows", params={"org": "danone"}).json()["total"] == 1


def test_search_stats_articles(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "lefevre"}).json()
    assert body["articles_total"] == 2
    assert client.get("/api/stats").json()["articles"] == 5
    listing = client.get("/api/articles", params={"limit": 2}).json()
    assert listing["total"] == 5 and len(listing["articles"]) == 2
    article = client.get("/api/articles/t-003").json()
    assert len(article["facts"]) == 4
    fact = article["facts"][0]
    assert article["full_text"][fact["start"]:fact["end"]] == fact["quote"]


def test_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/person/{name}", "/api/org/{name}", "/api/flows", "/api/search",
                 "/api/stats", "/api/articles/{article_id}"):
        assert path in schema["paths"]
    assert "PersonTimeline" in schema["components"]["schemas"]


def test_404_unknown_person_has_suggestions(client: TestClient) -> None:
    error = assert_error(client.get("/api/person/Claire Moro"), 404)
    assert "Claire Moreau" in error["detail"]["suggestions"]


@pytest.mark.parametrize("path", ["/api/org/Renault", "/api/articles/nope", "/api/nowhere",
                                  "/api/org/AC/DC", "/api/articles/dossier/t-001",
                                  "/api/flows?org=Renault"])
def test_404_shape(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404)


@pytest.mark.parametrize("path", [
    "/api/flows?since=hier", "/api/flows?until=2024-13-45", "/api/flows?limit=0",
    "/api/flows?limit=1000", "/api/flows?offset=-1", "/api/search", "/api/search?q=",
    "/api/search?q=***", "/api/search?q=a&limit=abc", "/api/articles?limit=201",
    "/api/flows?since=2024-02-30",
])
def test_422_shape(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 422)


def test_405_shape(client: TestClient) -> None:
    assert_error(client.post("/api/stats"), 405)


def test_500_shape(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("veille.query.stats", broken)
    error = assert_error(client.get("/api/stats"), 500)
    assert error["message"] == "internal server error"
    assert "boom" not in str(error)  # no internals leak to clients


@pytest.mark.parametrize("q", ['"', "NEAR(", "Michelin OR", "x' OR '1'='1", "*", "%",
                               "title:Michelin", "é" * 400, "Michelin\\"])
def test_hostile_search_is_200_or_clean_422(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    if response.status_code != 200:
        assert_error(response, 422)


def test_ui_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200


def test_names_for_search_as_you_type(client: TestClient) -> None:
    hits = client.get("/api/names", params={"q": "LEFE"}).json()
    assert [h["name"] for h in hits] == ["Thomas Lefèvre"]
    assert client.get("/api/names", params={"q": "%"}).json() == []
    assert_error(client.get("/api/names", params={"q": ""}), 422)
    assert_error(client.get("/api/names", params={"q": "a", "limit": 51}), 422)
