"""`Store`: one opened, migrated database and the two ways to use it (read, write)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from veille.store.engine import StoreError, make_engine
from veille.store.migrations import migrate


class Store:
    """A knowledge base. Open with `open_store(url)`; thread-safe (one engine, a pool)."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    @property
    def display_url(self) -> str:
        """The database for messages, password hidden."""
        return self.engine.url.render_as_string(hide_password=True) \
            if self.dialect != "sqlite" else self.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction; on SQLite the write lock is taken at BEGIN (IMMEDIATE), so a
        writer waits for another instead of failing after reading a stale snapshot."""
        with self.engine.connect().execution_options(veille_begin="IMMEDIATE") as conn, \
                conn.begin():
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(db: str | Path, *, create: bool = True) -> Store:
    """Open (and migrate) the database at `db`: a SQLite file path, ':memory:' or a
    postgresql:// URL. With `create=False`, a missing SQLite file is an error instead of
    a new empty database (the questions use this: asking an empty base is a mistake)."""
    text = str(db)
    if not create and "://" not in text and text != ":memory:" and not Path(text).exists():
        raise StoreError(f"no database at {text}: run `veille ingest PATH --db {text}` first, "
                         "or give another one with --db")
    engine = make_engine(db)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {text}: {exc.orig}") from exc
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, text)
