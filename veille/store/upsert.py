"""`INSERT … ON CONFLICT` on both backends, and which database errors are worth a retry.

Writers never decide "insert or update" from what they read earlier: another ingest (a
second process, a Dask partition) may have written the row in between. The database
decides, with the dialect's own upsert; SQLite and PostgreSQL spell it the same way in
SQLAlchemy, only the import differs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

# PostgreSQL error codes of a transaction that lost a race and may simply be run again:
# serialization failure and deadlock.
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


def insert(conn: Connection, table: Table) -> Any:
    """An INSERT for `table` that has `.on_conflict_do_nothing/_do_update`."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def is_retryable(exc: BaseException) -> bool:
    """True when `exc` says the transaction met another one (deadlock, lock timeout),
    not that the data was wrong: running the same transaction again can succeed."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:  # the server restarted: a new connection may work
        return True
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "deadlock" in message
