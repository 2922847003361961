"""Merging two stored entities into one, and the redirects that keep the old id working.

When an analyst (or an ingest: `veille.store.absorbed`) finds that two entities are one,
the absorbed entity's facts, names, children and watches move to the kept one, its
facts' events are keyed again, and its id becomes a redirect: every lookup by the old id
(CLI, API, UI links) reaches the kept entity.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from veille.records import fact_from_dict
from veille.store import schema
from veille.store.events import drop_orphan_events, event_id_for

MAX_HOPS = 20


def redirected(conn: Connection, entity_id: str) -> str | None:
    """Where a merged entity's id leads now (following merges of merges), or None."""
    table = schema.entity_redirects
    target, hops = None, 0
    current = entity_id
    while hops < MAX_HOPS:
        found = conn.execute(select(table.c.new_id).where(table.c.old_id == current)).scalar()
        if found is None:
            return target
        target, current, hops = str(found), str(found), hops + 1
    return target


def merge_into(conn: Connection, absorbed: dict[str, Any], kept: dict[str, Any],
               reason: str) -> int:
    """Move everything of the entity `absorbed` to `kept` (rows of `entities`, same
    type); the number of facts moved."""
    old, new = absorbed["id"], kept["id"]
    column = "person_id" if kept["type"] == "person" else "org_id"
    facts = schema.facts
    rows = conn.execute(select(facts.c.id, facts.c.data, facts.c.event_id,
                               schema.articles.c.published)
                        .join_from(facts, schema.articles,
                                   schema.articles.c.id == facts.c.article_id)
                        .where(facts.c[column] == old)).all()
    old_events: set[int] = set()
    for fact_id, data, event_id, published in rows:
        data = {**data, column: new}
        if event_id is not None:
            old_events.add(int(event_id))
        conn.execute(update(facts).where(facts.c.id == fact_id).values(
            **{column: new}, data=data,
            event_id=event_id_for(conn, fact_from_dict(data), published)))
    names = schema.entity_names
    kept_folded = set(conn.execute(select(names.c.folded).where(names.c.entity_id == new))
                      .scalars())
    moved = [(f, n) for f, n in conn.execute(select(names.c.folded, names.c.name)
                                             .where(names.c.entity_id == old))
             if f not in kept_folded]
    conn.execute(delete(names).where(names.c.entity_id == old))
    if moved:
        conn.execute(names.insert(), [{"entity_id": new, "folded": f, "name": n}
                                      for f, n in moved])
    aliases = list(dict.fromkeys([*(kept["aliases"] or []), absorbed["name"],
                                  *(absorbed["aliases"] or [])]))
    because = [*(kept["merged_because"] or []), reason]
    ents = schema.entities
    # The kept entity's country stands; the absorbed one's fills a gap.
    country = kept.get("country") or absorbed.get("country")
    conn.execute(update(ents).where(ents.c.id == new).values(
        aliases=[a for a in aliases if a != kept["name"]], merged_because=because,
        country=country))
    conn.execute(update(ents).where(ents.c.parent_id == old).values(parent_id=new))
    watches = schema.watches
    followed_both = set(conn.execute(select(watches.c.list).where(watches.c.entity_id == new))
                        .scalars())
    conn.execute(delete(watches).where(watches.c.entity_id == old,
                                       watches.c.list.in_(followed_both)))
    conn.execute(update(watches).where(watches.c.entity_id == old).values(
        entity_id=new, name=kept["name"]))
    conn.execute(delete(ents).where(ents.c.id == old))
    redirects = schema.entity_redirects
    conn.execute(update(redirects).where(redirects.c.new_id == old).values(new_id=new))
    # An id merged away once can be made again for someone new (a replay of the stored
    # facts does not know it); merged away a second time, its latest merge stands.
    conn.execute(delete(redirects).where(redirects.c.old_id == old))
    conn.execute(redirects.insert().values(old_id=old, new_id=new, reason=reason,
                                           created_at=datetime.now(UTC)))
    drop_orphan_events(conn, old_events)
    return len(rows)
