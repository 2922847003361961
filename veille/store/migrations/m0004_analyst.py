"""0004: the analyst's tables: corrections, watch lists and the redirects of merged
entities (see `schema.py`).

Numbered 0004 on purpose: 0003 belongs to another line of work, and the runner applies
every migration not yet recorded, whatever the order the branches are merged in.
"""

from __future__ import annotations

from sqlalchemy import Connection

from veille.store import schema


def upgrade(conn: Connection) -> None:
    for table in (schema.corrections, schema.watches, schema.entity_redirects):
        table.create(conn, checkfirst=True)
