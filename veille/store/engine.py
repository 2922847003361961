"""Opening a database: a SQLite file by default, PostgreSQL by URL, one SQLAlchemy engine.

SQLite runs in WAL mode so that readers (the API, the CLI questions) are never locked
out while an ingest writes; writers take the lock up front (BEGIN IMMEDIATE) so that two
writers wait for each other instead of failing half-way through a transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from veille.errors import VeilleError
from veille.storable import storable

# How long a SQLite connection waits for a lock before giving up (seconds).
SQLITE_BUSY_TIMEOUT = 30.0


class StoreError(VeilleError):
    """The database cannot be opened, migrated or written."""


def normalise_url(db: str | Path) -> str:
    """A SQLAlchemy URL for what the user typed: a file path, ':memory:' or a URL.

    `postgresql://` URLs get the psycopg 3 driver (the one installed), since SQLAlchemy
    would otherwise look for psycopg2."""
    text = str(db)
    if text == ":memory:":
        return "sqlite://"
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def make_engine(db: str | Path) -> Engine:
    """An engine for `db`, configured for veille's access pattern."""
    url_text = normalise_url(db)
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or file path: {db!r} ({exc})") from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        engine = _sqlite_engine(url_text, in_memory=url.database in (None, "", ":memory:"))
    elif backend == "postgresql":
        try:
            engine = create_engine(url_text, pool_pre_ping=True)
        except Exception as exc:  # missing driver and the like
            raise StoreError(f"cannot use database {_hide_password(url_text)}: {exc}") from exc
    else:
        engine = None
    if engine is not None:
        event.listen(engine, "before_cursor_execute", _storable_parameters, retval=True)
        return engine
    raise StoreError(f"unsupported database {backend!r} in {db!r}: use a SQLite file path or "
                     "a postgresql:// URL")


def _sqlite_engine(url: str, *, in_memory: bool) -> Engine:
    connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False}
    if in_memory:
        # One shared connection, or every pool checkout would see a new empty database.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so that BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL stays consistent after a crash and is much faster.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("veille_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _storable_parameters(conn: Connection, cursor: Any, statement: str, parameters: Any,
                         context: Any, executemany: bool) -> tuple[str, Any]:
    """Every text parameter made storable (NUL and lone surrogates replaced, as the readers
    do) before the driver sees it. PostgreSQL refuses NUL and neither driver encodes a
    lone surrogate: without this a name typed in a URL (`/api/person/%00`) would be a
    server error on one backend and "not found" on the other."""
    return statement, _clean(parameters)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
