"""Watch lists (`veille watch`, /api/watch), the Atom feed of moves and the digest, on
every backend of `fresh_store`."""

# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from store.fixtures import ANALYST_NEWS, NEWS, analyst_store, filled, fresh_store  # noqa: F401

from query.running import run as run_veille
from veille import query
from veille.api import create_app
from veille.query.watch import digest, watch_add, watch_list, watch_remove
from veille.store import Store, open_store


def test_add_list_remove(analyst_store: Store) -> None:
    entry, added = watch_add(analyst_store, "valeo")
    assert (entry.type, entry.name, added) == ("org", "Valeo", True)
    assert watch_add(analyst_store, "Valeo")[1] is False  # already followed
    watch_add(analyst_store, "Claire Moreau", "rh")
    assert [(e.list, e.name) for e in watch_list(analyst_store)] == [
        ("default", "Valeo"), ("rh", "Claire Moreau")]
    removed = watch_remove(analyst_store, "Valeo")
    assert removed is not None and removed.name == "Valeo"
    assert watch_remove(analyst_store, "Valeo") is None
    assert [e.name for e in watch_list(analyst_store, "default")] == []
    with pytest.raises(query.NotFound) as caught:
        watch_add(analyst_store, "Valéo Groupe SA")
    assert "Valeo" in caught.value.suggestions


def test_digest_groups_new_moves_by_org_with_evidence(analyst_store: Store) -> None:
    watch_add(analyst_store, "Valeo")
    watch_add(analyst_store, "Claire Moreau", type_="person")
    text = digest(analyst_store, "2024-10-02")
    assert text.startswith("# New moves since 2024-10-02 — watch list 'default'")
    assert "2 move(s) at 1 organisation(s)." in text
    assert "## Valeo" in text and "Marc Petit" not in text  # reported on 1 October
    assert "- **Inès Roux joins Valeo as directrice de la stratégie** — date not given " \
        "(reported on 3 October 2024)" in text
    assert "> « Inès Roux a été nommée directrice de la stratégie de Valeo » — " \
        "[Valeo nomme Inès Roux et voit partir son directeur juridique]" \
        "(http://example.test/t-102)" in text
    older = digest(analyst_store, "2023-01-01")
    assert "## L'Oréal" in older and "## Danone" in older  # Claire Moreau's, elsewhere
    assert "(http://127.0.0.1:8000/#/article/t-001)" in older  # no address: the UI's


def test_digest_html_is_escaped_html(analyst_store: Store) -> None:
    watch_add(analyst_store, "L'Oréal")
    page = digest(analyst_store, "2023-01-01", fmt="html")
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

    Tags().feed(page)
    assert tags.count("h2") == 1 and "blockquote" in tags and "script" not in tags
    assert "<h2>L&#x27;Oréal</h2>" in page


def test_digest_of_an_empty_list_says_what_to_do(analyst_store: Store) -> None:
    with pytest.raises(query.FilterError, match="veille watch add"):
        digest(analyst_store, "2024-01-01", list_name="personne")


@pytest.fixture
def client(analyst_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(analyst_store), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def test_atom_feed_of_a_watch_list_an_org_a_person(client: TestClient) -> None:
    assert client.post("/api/watch", json={"name": "Valeo"}).status_code == 201
    assert client.post("/api/watch", json={"name": "Claire Moreau", "list": "rh"}
                       ).json()["type"] == "person"
    response = client.get("/feeds/moves.atom", params={"watch": "default"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.text)
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert titles[:3] == ["Paul Girard leaves Valeo as directeur juridique",
                          "Inès Roux joins Valeo as directrice de la stratégie",
                          "Marc Petit joins Valeo as directeur financier (rumour)"]
    assert feed.entries[1].link == "http://example.test/t-102"
    assert feed.entries[1].updated.startswith("2024-10-03")
    assert "« Inès Roux a été nommée" in feed.entries[1].summary
    person = feedparser.parse(client.get("/feeds/moves.atom",
                                         params={"person": "Claire Moreau"}).text)
    assert [e.title for e in person.entries] == [
        "Claire Moreau joins L'Oréal as directrice générale adjointe (announced)",
        "Claire Moreau leaves Danone as directrice financière"]
    assert len({e.id for e in feedparser.parse(client.get("/feeds/moves.atom").text
                                               ).entries}) == 8
    assert [w["name"] for w in client.get("/api/watch", params={"list": "rh"}).json()] == [
        "Claire Moreau"]
    assert client.delete("/api/watch/org:valeo").status_code == 200
    assert client.get("/api/watch", params={"list": "default"}).json() == []


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("post", "/api/watch", {"name": "Nulle Part SA"}, 404),
    ("post", "/api/watch", {"name": "Valeo", "type": "company"}, 422),
    ("delete", "/api/watch/org:nulle-part", None, 404),
    ("get", "/feeds/moves.atom?watch=absent", None, 422),
])
def test_watch_errors_keep_the_one_shape(client: TestClient, method: str, path: str,
                                         body: dict[str, object] | None, status: int) -> None:
    response = client.request(method.upper(), path, json=body)
    assert response.status_code == status
    assert set(response.json()["error"]) == {"status", "message", "detail"}


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str]:
    """The `veille` command's exit code and all it printed."""
    code, out, err = run_veille(monkeypatch, capsys, *args)
    return code, out + err


def test_cli_watch_and_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "w.db")
    with open_store(path) as store:
        filled(store, NEWS + ANALYST_NEWS)
    code, out = run(monkeypatch, capsys, "watch", "add", "Valeo", "--db", path)
    assert code == 0
    assert "watch list 'default' now follows the organisation Valeo (org:valeo)" in out
    code, out = run(monkeypatch, capsys, "watch", "add", "Thomas Lefevre", "--person",
                    "--db", path)
    assert "the person Thomas Lefèvre" in out
    code, out = run(monkeypatch, capsys, "watch", "list", "--db", path)
    assert out.splitlines() == [
        "default      org    Valeo (org:valeo)",
        "default      person Thomas Lefèvre (per:thomas-lefevre)"]
    digest_file = tmp_path / "digest.html"
    code, out = run(monkeypatch, capsys, "digest", "--since", "2024-06-01", "--db", path,
                    "--format", "html", "-o", str(digest_file))
    assert code == 0
    page = digest_file.read_text(encoding="utf-8")
    assert "<h2>Michelin</h2>" in page and "<h2>Valeo</h2>" in page
    assert run(monkeypatch, capsys, "watch", "remove", "Valeo", "--db", path)[0] == 0
    code, out = run(monkeypatch, capsys, "watch", "remove", "Valeo", "--db", path)
    assert code == 1 and "does not follow 'Valeo'" in out
    code, out = run(monkeypatch, capsys, "watch", "add", "Zzyzx", "--db", path)
    assert code == 1 and "no person or organisation named 'Zzyzx'" in out
    assert run(monkeypatch, capsys, "digest", "--since", "hier", "--db", path)[0] == 2
    code, out = run(monkeypatch, capsys, "digest", "--since", "2024", "--list", "vide",
                    "--db", path)
    assert code == 2 and "veille watch add" in out
