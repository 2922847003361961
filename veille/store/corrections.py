"""Analysts' corrections of extracted facts, stored apart from the facts.

A correction points to a fact by its article and `fact_key` (type, evidence offsets,
extracted person and change): re-extraction (`veille reprocess`, a re-ingest) rewrites
an article's fact rows with new ids, and the same extracted fact finds its correction
again by that key. The latest correction of a fact is the one in force; older ones stay
as its history. `overlay` applies them to fact rows as the questions read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from veille.store import schema
from veille.store.names import fold

Row = dict[str, Any]

ACTIONS = ("confirm", "reject", "edit")
# The fields an analyst may edit, per fact type (FACTS.md names).
EDITABLE: dict[str, tuple[str, ...]] = {
    "move": ("person", "org", "change", "role", "role_norm", "date", "status", "interim"),
    "position": ("person", "org", "role", "role_norm", "since", "until", "current"),
}
# The confidence a fact an analyst confirmed or edited carries in filters: a person
# checked it against the text.
CHECKED_CONFIDENCE = 1.0


def fact_key(row: Row) -> str:
    """What finds a fact again after re-extraction: the values the extractor gave."""
    data = row.get("data") or {}
    person = row.get("person") if "person" in row else data.get("person")
    change = row.get("change") if "change" in row else data.get("change")
    return f"{row['type']}|{row['ev_start']}|{row['ev_end']}|{fold(person)}|{change or ''}"


def add(conn: Connection, fact: Row, action: str, after: dict[str, Any] | None,
        author: str, note: str | None) -> Row:
    """Store one correction of the fact row `fact` (as stored, not overlaid)."""
    values = {
        "article_id": fact["article_id"], "fact_key": fact_key(fact),
        "fact_type": fact["type"], "action": action, "before": fact["data"],
        "after": after, "author": author, "note": note, "created_at": datetime.now(UTC),
    }
    new_id = conn.execute(schema.corrections.insert().values(**values)
                          .returning(schema.corrections.c.id)).scalar_one()
    return {"id": int(new_id), **values}


def history(conn: Connection, article_ids: Iterable[str] | None = None) -> list[Row]:
    """Corrections, oldest first; only those of `article_ids` when given."""
    table = schema.corrections
    query = select(table).order_by(table.c.created_at, table.c.id)
    if article_ids is not None:
        ids = list(set(article_ids))
        if not ids:
            return []
        query = query.where(table.c.article_id.in_(ids))
    return [dict(r) for r in conn.execute(query).mappings()]


def in_force(conn: Connection, article_ids: Iterable[str] | None = None
             ) -> dict[tuple[str, str], Row]:
    """The latest correction of each corrected fact, by (article id, fact key)."""
    latest: dict[tuple[str, str], Row] = {}
    for row in history(conn, article_ids):
        latest[(row["article_id"], row["fact_key"])] = row
    return latest


def overlay(conn: Connection, rows: list[Row]) -> list[Row]:
    """The fact rows with their corrections applied, each with a `correction` entry (the
    correction in force, or None) and `rejected`. Edited names are resolved to entities
    by name; a name no entity bears leaves the id empty."""
    found = in_force(conn, (r["article_id"] for r in rows))
    out = []
    for row in rows:
        row = dict(row)
        correction = found.get((row["article_id"], fact_key(row)))
        row["correction"] = correction
        row["rejected"] = bool(correction and correction["action"] == "reject")
        if correction and correction["action"] in ("confirm", "edit"):
            row["confidence"] = CHECKED_CONFIDENCE
        if correction and correction["action"] == "edit":
            for name, value in (correction["after"] or {}).items():
                row[name] = value
                if name in ("person", "org") and name + "_id" in row:
                    row[name + "_id"] = entity_id_named(conn, value,
                                                        "person" if name == "person" else "org")
        out.append(row)
    return out


def entity_id_named(conn: Connection, name: str | None, type_: str) -> str | None:
    if not name:
        return None
    names, ents = schema.entity_names, schema.entities
    query = (select(names.c.entity_id).join(ents, ents.c.id == names.c.entity_id)
             .where(names.c.folded == fold(name), ents.c.type == type_)
             .order_by(names.c.entity_id).limit(1))
    found = conn.execute(query).scalar()
    return str(found) if found else None


def edited_to(conn: Connection, field: str, entity_ids: set[str], type_: str) -> list[str]:
    """Articles with an edit in force that names one of `entity_ids` in `field` (so that
    a fact moved to a person or organisation by an analyst is found under it)."""
    out = []
    for (article_id, _), row in in_force(conn).items():
        value = (row["after"] or {}).get(field) if row["action"] == "edit" else None
        if value and entity_id_named(conn, value, type_) in entity_ids:
            out.append(article_id)
    return out
