"""What a knowledge base holds, in a form two bases can be compared by (row ids, which
depend on the order of writes, are replaced by what they point to), and its integrity."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text

from veille.store import Store, schema


def snapshot(store: Store) -> dict[str, Any]:
    a, f, e, ent, names = (schema.articles, schema.facts, schema.events, schema.entities,
                           schema.entity_names)
    with store.read() as conn:
        articles = {r.id: (r.content_hash, r.title, r.text, r.published, r.extractor_version)
                    for r in conn.execute(select(a))}
        events = {r.id: (r.type, r.key) for r in conn.execute(select(e))}
        facts = sorted(
            (r.article_id, r.seq, r.type, r.person, r.person_id, r.org, r.org_id,
             r.ev_start, r.ev_end, events.get(r.event_id), json.dumps(r.data, sort_keys=True))
            for r in conn.execute(select(f)))
        entities = {r.id: (r.type, r.name) for r in conn.execute(select(ent))}
        entity_names = {(r.entity_id, r.folded) for r in conn.execute(select(names))}
    return {"articles": articles, "facts": facts, "events": sorted(events.values()),
            "entities": entities, "entity_names": entity_names}


def integrity_problems(store: Store) -> list[str]:
    """Everything wrong with the base's integrity, empty when it is sound: the database's
    own checks, facts pointing at missing events or entities, names of missing entities."""
    problems: list[str] = []
    with store.read() as conn:
        if store.dialect == "sqlite":
            checked = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            if checked != ["ok"]:
                problems.append(f"integrity_check: {checked}")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                problems.append(f"foreign_key_check: {broken[:5]}")
        dangling = conn.execute(text(
            "SELECT f.id, f.person_id, f.org_id FROM facts f "
            "LEFT JOIN entities p ON p.id = f.person_id "
            "LEFT JOIN entities o ON o.id = f.org_id "
            "WHERE (f.person_id IS NOT NULL AND p.id IS NULL) "
            "OR (f.org_id IS NOT NULL AND o.id IS NULL)")).all()
        if dangling:
            problems.append(f"{len(dangling)} fact(s) name a missing entity: {dangling[:5]}")
        orphans = conn.execute(text(
            "SELECT f.id FROM facts f LEFT JOIN events e ON e.id = f.event_id "
            "WHERE f.event_id IS NOT NULL AND e.id IS NULL")).all()
        if orphans:
            problems.append(f"{len(orphans)} fact(s) point at a missing event")
        lost_names = conn.execute(text(
            "SELECT n.entity_id FROM entity_names n LEFT JOIN entities e "
            "ON e.id = n.entity_id WHERE e.id IS NULL")).all()
        if lost_names:
            problems.append(f"{len(lost_names)} name(s) of a missing entity")
    return problems
