"""The API keeps answering while an ingest writes to the same SQLite file (WAL): every
request during the ingest gets a 200, none a 500 or a "database is locked"."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import httpx
from store.fixtures import NEWS, ScriptedExtractor
from web.browser import serving

from veille.store import ingest_articles, open_store


def test_api_answers_during_ingest(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    server_store = open_store(path)
    writer_store = open_store(path)
    articles = [replace(NEWS[i % len(NEWS)], id=f"live-{i:04d}",
                        text=NEWS[i % len(NEWS)].text + f" Mise à jour {i}.")
                for i in range(400)]
    failures: list[str] = []
    statuses: list[int] = []
    done = threading.Event()

    def write() -> None:
        try:
            for start in range(0, len(articles), 40):
                ingest_articles(writer_store, articles[start:start + 40],
                                ScriptedExtractor().extract_many)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            failures.append(repr(exc))
        finally:
            done.set()

    with serving(server_store) as url, httpx.Client(base_url=url, timeout=30) as client:
        writer = threading.Thread(target=write)
        writer.start()
        paths = ["/api/stats", "/api/search?q=Michelin", "/api/flows",
                 "/api/person/Claire Moreau", "/api/org/Michelin", "/api/articles?limit=5"]
        while not done.is_set() or not statuses:
            for api_path in paths:
                response = client.get(api_path)
                statuses.append(response.status_code)
                # Names exist once their first article is in; before that a 404 is right.
                if response.status_code not in (200, 404):
                    failures.append(f"{api_path}: {response.status_code} {response.text[:200]}")
        writer.join(timeout=120)
        final = client.get("/api/stats").json()
    assert not failures, failures
    assert statuses.count(200) > len(paths)
    assert final["articles"] == 400
    server_store.close()
    writer_store.close()
