"""Watch lists: the people and organisations an analyst follows, by list name."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from veille.store import schema

Row = dict[str, Any]


def add(conn: Connection, list_name: str, entity: Row) -> bool:
    """Follow `entity` in `list_name`; False when it was already followed there."""
    table = schema.watches
    found = conn.execute(select(table.c.id).where(
        table.c.list == list_name, table.c.entity_id == entity["id"])).scalar()
    if found is not None:
        return False
    conn.execute(table.insert().values(
        list=list_name, entity_id=entity["id"], entity_type=entity["type"],
        name=entity["name"], created_at=datetime.now(UTC)))
    return True


def remove(conn: Connection, list_name: str, entity_id: str) -> bool:
    table = schema.watches
    result = conn.execute(delete(table).where(table.c.list == list_name,
                                              table.c.entity_id == entity_id))
    return bool(result.rowcount)


def listed(conn: Connection, list_name: str | None = None) -> list[Row]:
    """Watched entities, by list then name; only `list_name`'s when given."""
    table = schema.watches
    query = select(table).order_by(table.c.list, table.c.entity_type, table.c.name)
    if list_name is not None:
        query = query.where(table.c.list == list_name)
    return [dict(r) for r in conn.execute(query).mappings()]


def list_names(conn: Connection) -> list[str]:
    table = schema.watches
    return list(conn.execute(select(table.c.list).distinct().order_by(table.c.list)).scalars())
