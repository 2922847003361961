"""Entities an ingest emptied into another one: their ids redirect as a manual merge's do.

The resolver never changes an id, and ingesting new articles only adds facts, so a
stored entity loses its facts only when an ingest replaces the articles naming it (an
article stored again with other content, `veille reprocess`, a forced ingest). Their new
facts may then name it otherwise: a person stored from "Lefort" alone is read "Marie
Lefort" and joins the entity of that name, and the old entity is left with no fact.
Its id was shown, followed and linked to, so it must keep working: when the facts that
named it now all name one other entity, that entity absorbs it through `merge_into`
(names, watches and children move; the old id redirects), with an automatic reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select

from veille.store import reads, schema
from veille.store.merges import merge_into
from veille.store.names import fold

REASON = "automatic: joined at ingest"


@dataclass(frozen=True)
class Mention:
    """A stored fact names `entity_id`, with the words `name`, in `article_id`."""

    article_id: str
    entity_id: str
    name: str


def mentions_of(conn: Connection, article_ids: list[str]) -> list[Mention]:
    """The entities the stored facts of these articles name; read before the articles
    are replaced, since their facts are deleted then."""
    if not article_ids:
        return []
    facts = schema.facts
    rows = conn.execute(select(facts.c.article_id, facts.c.person, facts.c.person_id,
                               facts.c.org, facts.c.org_id)
                        .where(facts.c.article_id.in_(article_ids)))
    found: list[Mention] = []
    for article_id, person, person_id, org, org_id in rows:
        for name, entity_id in ((person, person_id), (org, org_id)):
            if name and entity_id:
                found.append(Mention(article_id, entity_id, name))
    return list(dict.fromkeys(found))


def redirect_absorbed(conn: Connection, before: list[Mention]) -> list[tuple[str, str]]:
    """Merge every entity that `before` named and no stored fact names any more into the
    single entity that took its mentions; the (old id, new id) pairs merged."""
    by_entity: dict[str, list[Mention]] = {}
    for mention in before:
        by_entity.setdefault(mention.entity_id, []).append(mention)
    merged: list[tuple[str, str]] = []
    for old_id in sorted(by_entity):  # one order for every writer: no deadlock
        absorbed = reads.entity(conn, old_id)
        if absorbed is None or _has_facts(conn, old_id):
            continue
        kept = _absorber(conn, absorbed, by_entity[old_id])
        if kept is None:
            continue
        why = f"{REASON}: {absorbed['name']} ({old_id}) is {kept['name']}"
        merge_into(conn, absorbed, kept, why)
        merged.append((old_id, kept["id"]))
    return merged


def _has_facts(conn: Connection, entity_id: str) -> bool:
    facts = schema.facts
    found = conn.execute(select(facts.c.id).where(
        or_(facts.c.person_id == entity_id, facts.c.org_id == entity_id)).limit(1)).first()
    return found is not None


def _absorber(conn: Connection, absorbed: dict[str, Any],
              mentions: list[Mention]) -> dict[str, Any] | None:
    """The one entity that the facts now stored for the articles of `mentions` name with
    words fitting those mentions ("Marie Lefort" for "Lefort"), or None.

    None when no fact fits (the facts went, they did not move) and when several
    entities do: the old entity's facts were split between people, or a surname now
    fits two of them. No one of them is the old entity, so its id does not redirect
    and it stays as it is, an entity with no facts; a guess would send its followers
    to the wrong person."""
    facts = schema.facts
    name_col, id_col = ((facts.c.person, facts.c.person_id) if absorbed["type"] == "person"
                        else (facts.c.org, facts.c.org_id))
    takers: set[str] = set()
    for mention in mentions:
        rows = conn.execute(select(name_col, id_col).where(
            facts.c.article_id == mention.article_id, id_col.is_not(None)))
        takers |= {str(entity_id) for name, entity_id in rows
                   if entity_id != absorbed["id"] and _fits(name, mention.name)}
    if len(takers) != 1:
        return None
    kept = reads.entity(conn, takers.pop())
    return kept if kept is not None and kept["type"] == absorbed["type"] else None


def _fits(name: str | None, mentioned: str) -> bool:
    """The words of one name all in the other: "Lefort" and "Marie Lefort", "Danone"
    and "Danone SA". A respelling ("Lefor") does not fit: no redirect beats a wrong one."""
    words, old = set(fold(name).split()), set(fold(mentioned).split())
    return bool(words and old) and (words <= old or old <= words)
