"""Opening a store creates or upgrades its schema, once, whatever the backend."""

# Fixtures imported from store.fixtures are redefined as test arguments, as pytest wants.
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from store.fixtures import NEWS, ScriptedExtractor, fresh_store  # noqa: F401
from veille.store import Store, StoreError, ingest_articles, open_store, schema
from veille.store.engine import make_engine, normalise_url
from veille.store.migrations import all_migrations, current_version, latest_version, migrate


def test_fresh_store_is_at_latest_version(fresh_store: Store) -> None:
    with fresh_store.read() as conn:
        assert current_version(conn) == latest_version() == max(
            m.version for m in all_migrations())
        names = set(inspect(conn).get_table_names())
    assert {"articles", "facts", "events", "entities", "entity_names"} <= names


def test_migrate_twice_applies_nothing(fresh_store: Store) -> None:
    assert migrate(fresh_store.engine) == []


def test_upgrade_from_version_1_indexes_existing_articles(tmp_path: Path) -> None:
    """A database made by 0001 only (before full-text search) gets 0002 on open, and
    the articles it already holds become searchable."""
    engine = make_engine(tmp_path / "old.db")
    first = all_migrations()[0]
    with engine.begin() as conn:
        first.upgrade(conn)
        schema.schema_version.create(conn, checkfirst=True)
        conn.execute(text("INSERT INTO schema_version VALUES (1, 'tables', '2024-01-01')"))
    old = Store(engine, "old")
    # Written without triggers: plain rows, as a version-1 veille would have.
    ingest_articles(old, NEWS, ScriptedExtractor().extract_many)
    engine.dispose()
    with open_store(tmp_path / "old.db") as store:
        with store.read() as conn:
            assert current_version(conn) == latest_version()
            hits = conn.execute(text(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Lefèvre'")).scalar()
        assert hits == 2


def test_sqlite_file_uses_wal(tmp_path: Path) -> None:
    with open_store(tmp_path / "wal.db") as store, store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_urls() -> None:
    assert normalise_url("veille.db") == "sqlite:///veille.db"
    assert normalise_url(":memory:") == "sqlite://"
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_missing_database_for_questions_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at .*veille ingest"):
        open_store(tmp_path / "absent.db", create=False)


def test_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        open_store("mysql://u@h/db")


def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database|migration"):
        open_store("postgresql://nobody:x@127.0.0.1:1/none?connect_timeout=2")


def test_schema_version_records_each_migration(fresh_store: Store) -> None:
    with fresh_store.read() as conn:
        rows = conn.execute(select(schema.schema_version.c.version,
                                   schema.schema_version.c.name)).all()
    assert sorted(r[0] for r in rows) == [m.version for m in all_migrations()]
    assert rows[0][1] == "tables" and rows[1][1] == "fulltext"


def test_numbers_may_skip_and_an_unrecorded_migration_is_applied(tmp_path: Path) -> None:
    """0004 exists without 0003 (another branch owns that number); a migration missing
    from schema_version is applied even below the latest recorded one."""
    numbers = [m.version for m in all_migrations()]
    assert 4 in numbers and latest_version() == max(numbers)
    with open_store(tmp_path / "gap.db") as store:
        with store.write() as conn:
            conn.execute(text("DROP TABLE watches"))
            conn.execute(text("DELETE FROM schema_version WHERE version = 4"))
            conn.execute(text("INSERT INTO schema_version VALUES (99, 'later', '2030-01-01')"))
        # Pretend a later veille recorded 99: the runner still applies the missing 4...
        with pytest.raises(StoreError, match="newer than this veille"):
            migrate(store.engine)
        with store.read() as conn:
            assert "watches" in inspect(conn).get_table_names()
            assert 4 in {r[0] for r in conn.execute(select(schema.schema_version.c.version))}
