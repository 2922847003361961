"""An ingest writing while the API reads: SQLite in WAL mode never locks readers out."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy.exc import OperationalError

from store.fixtures import NEWS, ScriptedExtractor
from veille import query
from veille.store import ingest_articles, open_store


def _many(count: int) -> list:
    """`count` distinct articles made from NEWS (ids and one word differ)."""
    return [replace(NEWS[i % len(NEWS)], id=f"c-{i:04d}",
                    text=NEWS[i % len(NEWS)].text + f" Dépêche numéro {i}.")
            for i in range(count)]


def test_readers_are_never_locked_out_during_ingest(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    writer_store = open_store(path)
    reader_store = open_store(path)  # a second engine: another process would be the same
    errors: list[BaseException] = []
    reads = 0
    done = threading.Event()

    def write() -> None:
        try:
            for chunk in range(6):
                batch = _many(300)[chunk * 50:(chunk + 1) * 50]
                ingest_articles(writer_store, batch, ScriptedExtractor().extract_many)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            done.set()

    def read() -> None:
        nonlocal reads
        try:
            while not done.is_set():
                query.stats(reader_store)
                query.search(reader_store, "Michelin")
                query.talent_flows(reader_store)
                reads += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write), threading.Thread(target=read),
               threading.Thread(target=read)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(isinstance(e, OperationalError) for e in errors), errors
    assert not errors, errors
    assert reads > 0
    assert query.stats(reader_store).articles == 300
    assert time.monotonic() - started < 120
    writer_store.close()
    reader_store.close()


def test_two_writers_wait_for_each_other(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    stores = [open_store(path), open_store(path)]
    errors: list[BaseException] = []

    def write(index: int) -> None:
        try:
            batch = _many(200)[index * 100:(index + 1) * 100]
            ingest_articles(stores[index], batch, ScriptedExtractor().extract_many)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert query.stats(stores[0]).articles == 200
    for store in stores:
        store.close()
