"""0001: the tables of `schema.py` (articles, facts, events, entities, entity names)."""

from __future__ import annotations

from sqlalchemy import Connection

from veille.store import schema


def upgrade(conn: Connection) -> None:
    schema.metadata.create_all(conn, checkfirst=True)
