"""0005: an organisation's country (`entities.country`, an ISO 3166-1 alpha-2 code).

Databases made before it get the column empty; the next ingest or `veille reprocess`
fills it where the gazetteer or the articles give a country. Numbered 0005: 0003 belongs
to another line of work (see 0004).
"""

from __future__ import annotations

from sqlalchemy import Connection

from veille.store import schema
from veille.store.migrations import add_column_if_missing


def upgrade(conn: Connection) -> None:
    add_column_if_missing(conn, "entities", schema.entities.c.country)
