"""`Store`: one opened, migrated database and the two ways to use it (read, write)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect
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
    if not create and "://" not in text and text != ":memory:":
        _check_is_a_base(_sqlite_tables(Path(text)), text)
    engine = make_engine(db)
    try:
        if not create and engine.dialect.name != "sqlite":
            _check_is_a_base(set(inspect(engine).get_table_names()), text)
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {text}: {exc.orig}") from exc
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, text)


def _sqlite_tables(path: Path) -> set[str]:
    """The tables of a SQLite file, read without changing it (no WAL switch, no
    migration)."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a SQLite database ({exc}): give a veille knowledge "
                         "base with --db") from exc


def _check_is_a_base(tables: set[str], text: str) -> None:
    """StoreError unless the database holds a veille knowledge base: a question or the
    server pointed at any other database must not create veille's tables inside it."""
    if "schema_version" in tables:
        return
    held = f" (it holds tables {', '.join(sorted(tables)[:5])})" if tables else " (it is empty)"
    raise StoreError(f"{text} is not a veille knowledge base{held}: run "
                     f"`veille ingest PATH --db {text}` to make one, or give another with --db")
