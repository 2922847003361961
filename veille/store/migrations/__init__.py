"""Versioned migrations: a small numbered-migration runner on SQLAlchemy Core.

Each migration is a module `mNNNN_name.py` in this package with an `upgrade(conn)`
function. `migrate(engine)` applies, in order and each in its own transaction, those
whose number is not yet recorded in `schema_version`; opening a store calls it, so a
database is always at the latest version once opened. Numbers rise but may skip one
(work on two branches takes two numbers), and a migration merged later with a lower
number than one already applied is still applied: each must therefore be idempotent.

Rules for writing one: never edit a migration that has shipped; add the next number.
Migration 0001 creates the tables of `schema.py` with `checkfirst`, so a later migration
that adds a column to `schema.py` must add it only where it is missing
(`add_column_if_missing`): fresh databases already get it from 0001.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType

from sqlalchemy import Column, Connection, Engine, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from veille.store import schema
from veille.store.engine import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]


def all_migrations() -> list[Migration]:
    """Every migration of this package, by number; checks no number is taken twice."""
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        if not (info.name.startswith("m") and info.name[1:5].isdigit()):
            continue
        module: ModuleType = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(info.name[1:5]), info.name[6:], module.upgrade))
    found.sort(key=lambda m: m.version)
    numbers = [m.version for m in found]
    if len(set(numbers)) != len(numbers) or (numbers and numbers[0] < 1):
        raise StoreError(f"migration numbers must be distinct and from 1 on; found {numbers}")
    return found


def latest_version() -> int:
    return max((m.version for m in all_migrations()), default=0)


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_version"):
        return set()
    return {int(v) for v in conn.execute(select(schema.schema_version.c.version)).scalars()}


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(select(schema.schema_version.c.version).order_by(
        schema.schema_version.c.version.desc()).limit(1)).scalar()
    return int(value or 0)


def migrate(engine: Engine) -> list[int]:
    """Bring the database to the latest version; the versions applied now."""
    applied: list[int] = []
    for migration in all_migrations():
        try:
            with _locked(engine) as conn:
                # Checked inside the lock: another process may have just applied it.
                if migration.version in applied_versions(conn):
                    continue
                migration.upgrade(conn)
                schema.schema_version.create(conn, checkfirst=True)
                conn.execute(schema.schema_version.insert().values(
                    version=migration.version, name=migration.name,
                    applied_at=datetime.now(UTC)))
            applied.append(migration.version)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"database migration {migration.version:04d} ({migration.name}) failed: {exc}"
            ) from exc
    with engine.connect() as conn:
        version = current_version(conn)
    if version > latest_version():
        raise StoreError(f"the database is at schema version {version}, newer than this "
                         f"veille ({latest_version()}); upgrade veille")
    return applied


class _locked:
    """A write transaction that holds the database's migration lock."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.conn: Connection | None = None
        self._tx: object = None

    def __enter__(self) -> Connection:
        conn = self.engine.connect().execution_options(veille_begin="IMMEDIATE")
        self.conn = conn
        self._tx = conn.begin()
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7221001)"))
        return conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self.conn is not None
        try:
            if exc_type is None:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.conn.close()


def add_column_if_missing(conn: Connection, table: str, column: Column[object]) -> None:
    """For migrations that add a column which `schema.py` (and so 0001) already has."""
    existing = {c["name"] for c in inspect(conn).get_columns(table)}
    if column.name in existing:
        return
    ddl = column.type.compile(dialect=conn.dialect)
    conn.execute(text(f'ALTER TABLE {table} ADD COLUMN "{column.name}" {ddl}'))
