"""Reads for the questions (`veille.query`): plain rows out, SQL kept in the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, or_, select

from veille.store import schema
from veille.store.names import fold

Row = dict[str, Any]

_FACT_COLUMNS = [c for c in schema.facts.columns if c.name != "data"]
_ARTICLE_COLUMNS = [schema.articles.c.published, schema.articles.c.title.label("article_title"),
                    schema.articles.c.url, schema.articles.c.source.label("article_source")]


def entity_by_name(conn: Connection, name: str, type_: str | None) -> list[Row]:
    """Entities whose name or alias folds like `name`."""
    names, ents = schema.entity_names, schema.entities
    # No DISTINCT over the entity row: PostgreSQL cannot compare its JSON columns.
    ids = select(names.c.entity_id).where(names.c.folded == fold(name))
    query = select(ents).where(ents.c.id.in_(ids))
    if type_:
        query = query.where(ents.c.type == type_)
    return [dict(r) for r in conn.execute(query).mappings()]


def entity(conn: Connection, entity_id: str) -> Row | None:
    row = conn.execute(select(schema.entities).where(schema.entities.c.id == entity_id))
    found = row.mappings().first()
    return dict(found) if found else None


def entity_names(conn: Connection, type_: str | None) -> list[tuple[str, str, str]]:
    """(folded name, display name, entity id) for every name of every entity of a type."""
    names, ents = schema.entity_names, schema.entities
    query = select(names.c.folded, names.c.name, names.c.entity_id)
    if type_:
        query = query.join(ents, ents.c.id == names.c.entity_id).where(ents.c.type == type_)
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def entities_named(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = conn.execute(select(schema.entities.c.id, schema.entities.c.name)
                        .where(schema.entities.c.id.in_(ids)))
    return {r[0]: r[1] for r in rows}


def _facts_query(*where: Any) -> Any:
    facts = schema.facts
    return (select(*_FACT_COLUMNS, *_ARTICLE_COLUMNS)
            .join_from(facts, schema.articles, schema.articles.c.id == facts.c.article_id)
            .where(*where))


def facts_of_person(conn: Connection, person_ids: list[str]) -> list[Row]:
    facts = schema.facts
    query = _facts_query(facts.c.person_id.in_(person_ids),
                         facts.c.type.in_(["move", "position"]))
    return [dict(r) for r in conn.execute(query).mappings()]


def facts_of_org(conn: Connection, org_ids: list[str], folded_names: list[str]) -> list[Row]:
    """Moves and positions at the org (by id), and the other facts naming it: partnerships
    carry no org ids, so those are found by folded name in Python."""
    facts = schema.facts
    people = [dict(r) for r in conn.execute(_facts_query(
        facts.c.org_id.in_(org_ids), facts.c.type.in_(["move", "position"]))).mappings()]
    names = set(folded_names)
    others: list[Row] = []
    amounts = _facts_query(facts.c.type.in_(["amount", "market_share"]), facts.c.org.is_not(None))
    for row in conn.execute(amounts).mappings():
        if fold(row["org"]) in names:
            others.append(dict(row))
    partnerships = _facts_query(facts.c.type == "partnership")
    for row in conn.execute(partnerships).mappings():
        if any(fold(o) in names for o in row["orgs"] or []):
            others.append(dict(row))
    return people + others


def moves(conn: Connection, since: str | None, until: str | None) -> list[Row]:
    """Moves with a person and an org. Dates are filtered by the caller (they are coarse
    strings like '2024-Q2'), the range here only prunes on the article's date."""
    facts = schema.facts
    where = [facts.c.type == "move", facts.c.person_id.is_not(None),
             facts.c.org_id.is_not(None)]
    # Flows pair moves up to a year apart: keep a year of margin on each side.
    if since:
        where.append(or_(schema.articles.c.published.is_(None),
                         schema.articles.c.published >= f"{int(since[:4]) - 1}"))
    if until:
        where.append(or_(schema.articles.c.published.is_(None),
                         schema.articles.c.published < f"{int(until[:4]) + 2}"))
    return [dict(r) for r in conn.execute(_facts_query(*where)).mappings()]


def article(conn: Connection, article_id: str) -> Row | None:
    found = conn.execute(select(schema.articles).where(schema.articles.c.id == article_id))
    row = found.mappings().first()
    return dict(row) if row else None


def facts_of_article(conn: Connection, article_id: str) -> list[Row]:
    facts = schema.facts
    query = select(facts).where(facts.c.article_id == article_id).order_by(facts.c.seq)
    return [dict(r) for r in conn.execute(query).mappings()]


def article_ids(conn: Connection, limit: int) -> list[str]:
    return list(conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.pk)
                             .limit(limit)).scalars())


def event_sizes(conn: Connection, event_ids: Iterable[int]) -> dict[int, int]:
    """How many articles report each event."""
    ids = list(set(event_ids))
    if not ids:
        return {}
    facts = schema.facts
    rows = conn.execute(select(facts.c.event_id, func.count(facts.c.article_id.distinct()))
                        .where(facts.c.event_id.in_(ids)).group_by(facts.c.event_id))
    return {int(r[0]): int(r[1]) for r in rows}


def counts(conn: Connection) -> Row:
    facts, ents = schema.facts, schema.entities
    def grouped(column: Any) -> dict[str, int]:
        rows = conn.execute(select(column, func.count()).group_by(column)).all()
        return {str(key): int(value) for key, value in rows}

    by_type = grouped(facts.c.type)
    entity_types = grouped(ents.c.type)
    versions = grouped(schema.articles.c.extractor_version)
    dates = conn.execute(select(func.min(schema.articles.c.published),
                                func.max(schema.articles.c.published))).one()
    return {
        "articles": int(conn.execute(select(func.count()).select_from(schema.articles))
                        .scalar_one()),
        "facts": by_type,
        "events": int(conn.execute(select(func.count()).select_from(schema.events))
                      .scalar_one()),
        "entities": entity_types,
        "extractor_versions": versions,
        "published_range": [dates[0], dates[1]],
    }


def entities_with_parent(conn: Connection, parent_id: str) -> list[Row]:
    query = select(schema.entities).where(schema.entities.c.parent_id == parent_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def article_ids_like(conn: Connection, article_id: str, limit: int) -> list[str]:
    """Stored ids that contain the given one or share its beginning, for suggestions."""
    table = schema.articles
    head = article_id[: max(3, len(article_id) // 2)]
    query = (select(table.c.id).where(or_(table.c.id.contains(article_id, autoescape=True),
                                          table.c.id.startswith(head, autoescape=True)))
             .order_by(table.c.id).limit(limit))
    return list(conn.execute(query).scalars())


def recent_articles(conn: Connection, limit: int, offset: int) -> tuple[list[Row], int]:
    """Articles, latest published first, with their number of facts; and the total."""
    table, facts = schema.articles, schema.facts
    count = (select(func.count()).select_from(facts).where(facts.c.article_id == table.c.id)
             .scalar_subquery())
    query = (select(table.c.id, table.c.title, table.c.published, table.c.source,
                    count.label("facts"))
             .order_by(table.c.published.desc().nulls_last(), table.c.id)
             .limit(limit).offset(offset))
    total = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return [dict(r) for r in conn.execute(query).mappings()], int(total)


def fact(conn: Connection, fact_id: int) -> Row | None:
    """One stored fact row (with its FACTS.md `data`) and its article's date."""
    facts = schema.facts
    query = (select(facts, *_ARTICLE_COLUMNS)
             .join_from(facts, schema.articles, schema.articles.c.id == facts.c.article_id)
             .where(facts.c.id == fact_id))
    found = conn.execute(query).mappings().first()
    return dict(found) if found else None


def all_moves(conn: Connection, published_from: str | None = None) -> list[Row]:
    """Every move, with its article's date, title and address; `published_from` prunes on
    the article's date (articles with none are kept)."""
    facts = schema.facts
    where: list[Any] = [facts.c.type == "move"]
    if published_from:
        where.append(or_(schema.articles.c.published.is_(None),
                         schema.articles.c.published >= published_from))
    return [dict(r) for r in conn.execute(_facts_query(*where)).mappings()]


def facts_in_articles(conn: Connection, article_ids: Iterable[str],
                      types: Iterable[str]) -> list[Row]:
    """The facts of `types` in those articles, with their FACTS.md `data`."""
    ids = list(set(article_ids))
    if not ids:
        return []
    facts = schema.facts
    query = _facts_query(facts.c.article_id.in_(ids), facts.c.type.in_(list(types))
                         ).add_columns(facts.c.data)
    return [dict(r) for r in conn.execute(query).mappings()]


def least_confident(conn: Connection, types: Iterable[str], limit: int) -> list[Row]:
    """Facts of `types`, least confident first (then oldest id)."""
    facts = schema.facts
    query = (_facts_query(facts.c.type.in_(list(types)))
             .order_by(facts.c.confidence, facts.c.id).limit(limit))
    return [dict(r) for r in conn.execute(query).mappings()]


def count_facts(conn: Connection, types: Iterable[str]) -> int:
    facts = schema.facts
    return int(conn.execute(select(func.count()).select_from(facts)
                            .where(facts.c.type.in_(list(types)))).scalar_one())
