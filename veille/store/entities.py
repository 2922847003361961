"""Entities in the store, and the resolver that names them during ingest.

Entity resolution proper is `veille.resolve.Resolver` (another stage). When that module
is importable, ingest uses it; until then, `FoldedNameResolver` stands in: one entity per
(type, folded name), so "Société Générale" and "societe generale" are one org, but
"Berthaud" and "Julien Berthaud" stay two people. Both follow the same interface:
`Resolver(known)`, `add(result) -> result` (fills person_id/org_id), `entities()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection, select

from veille.records import ExtractionResult, Move, Position
from veille.store import schema
from veille.store.names import fold, slug
from veille.store.upsert import insert


@dataclass
class Entity:
    """Same fields as `veille.resolve.Entity`, which replaces it when available."""

    id: str
    type: str  # person | org
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    articles: list[str] = field(default_factory=list)
    merged_because: list[str] = field(default_factory=list)
    country: str | None = None


class ResolverLike(Protocol):
    def add(self, result: ExtractionResult) -> ExtractionResult: ...

    def entities(self) -> list[Any]: ...


# The id prefixes of veille.resolve, so that ids look the same whichever resolver made them.
_PREFIX = {"person": "per", "org": "org"}


class FoldedNameResolver:
    """Fallback resolver: entities keyed by type and folded name; ids are stable slugs."""

    def __init__(self, known: list[Entity] | None = None):
        self._by_key: dict[tuple[str, str], Entity] = {}
        for entity in known or []:
            for name in [entity.name, *entity.aliases]:
                self._by_key.setdefault((entity.type, fold(name)), entity)

    def _entity(self, type_: str, name: str | None, article_id: str) -> str | None:
        key = (type_, fold(name))
        if not name or not key[1]:
            return None
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(id=f"{_PREFIX[type_]}:{slug(name)}", type=type_, name=name)
            self._by_key[key] = entity
        elif name != entity.name and name not in entity.aliases:
            entity.aliases.append(name)
        if article_id not in entity.articles:
            entity.articles.append(article_id)
        return entity.id

    def add(self, result: ExtractionResult) -> ExtractionResult:
        for fact in result.facts:
            if isinstance(fact, Move | Position):
                fact.person_id = fact.person_id or self._entity("person", fact.person, result.id)
                fact.org_id = fact.org_id or self._entity("org", fact.org, result.id)
        return result

    def entities(self) -> list[Entity]:
        unique = {id(e): e for e in self._by_key.values()}
        return list(unique.values())


@dataclass
class StoredContext:
    """What the stored facts tell of each entity, so that a resolver started on a filled
    base decides as one that had read every stored article itself (an incremental
    ingest reaches the entities of one batch): the articles each entity is named in,
    a person's organisations and roles, an organisation's people, and the people each
    article names (the batch frequencies of names)."""

    articles: dict[str, set[str]] = field(default_factory=dict)
    person_orgs: dict[str, set[str]] = field(default_factory=dict)
    person_roles: dict[str, set[str]] = field(default_factory=dict)
    org_people: dict[str, set[str]] = field(default_factory=dict)
    article_people: dict[str, set[str]] = field(default_factory=dict)


def load_context(conn: Connection) -> StoredContext:
    facts = schema.facts
    context = StoredContext()
    rows = conn.execute(select(facts.c.article_id, facts.c.person, facts.c.person_id,
                               facts.c.org_id, facts.c.role_norm)
                        .where(facts.c.type.in_(["move", "position"]))
                        .order_by(facts.c.article_id, facts.c.seq))
    for article, person, person_id, org_id, role in rows:
        if person and person.strip():
            context.article_people.setdefault(article, set()).add(person)
        for entity_id in (person_id, org_id):
            if entity_id:
                context.articles.setdefault(entity_id, set()).add(article)
        if person_id:
            orgs = context.person_orgs.setdefault(person_id, set())
            roles = context.person_roles.setdefault(person_id, set())
            if org_id:
                orgs.add(org_id)
            if role:
                roles.add(role)
        if org_id and person:
            context.org_people.setdefault(org_id, set()).add(person)
    return context


def make_resolver(known: list[Entity], context: StoredContext | None = None) -> ResolverLike:
    """The real resolver when installed, else the folded-name fallback. With `context`
    (`load_context`), the resolver resumes from what the stored facts tell."""
    try:
        from veille.resolve import Entity as ResolveEntity
        from veille.resolve import Resolver
    except ImportError:
        return FoldedNameResolver(known)
    converted = [ResolveEntity.from_dict({
        "id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
        "parent": e.parent, "articles": [], "merged_because": list(e.merged_because),
        "country": e.country})
        for e in known]
    resolver = Resolver(known=converted)
    if context is not None:
        resolver.resume(articles=context.articles, person_orgs=context.person_orgs,
                        person_roles=context.person_roles, org_people=context.org_people,
                        article_people=context.article_people)
    return resolver


def load_entities(conn: Connection) -> list[Entity]:
    rows = conn.execute(select(schema.entities)).mappings()
    return [Entity(id=r["id"], type=r["type"], name=r["name"], aliases=list(r["aliases"] or []),
                   parent=r["parent_id"], merged_because=list(r["merged_because"] or []),
                   country=r["country"])
            for r in rows]


EntityState = tuple[str, str, tuple[str, ...], str | None, str | None]


class EntityWriter:
    """Writes the resolver's entities, only those new or changed since the last write.

    Every write is an upsert decided by the database (another ingest may have written the
    same id meanwhile), and names are only ever added: the resolver never takes an alias
    back, and a concurrent writer's names must not be deleted by this one. What was
    written is remembered only once the transaction commits (`committed`), so a rolled
    back transaction is written again by the next one."""

    def __init__(self, known: Iterable[Entity]):
        self._stored: dict[str, EntityState] = {e.id: _state(e) for e in known}
        self._pending: dict[str, EntityState] = {}

    def changed(self, entities: Iterable[Any]) -> list[Any]:
        """The entities that differ from what this writer last committed."""
        return sorted((e for e in entities if self._stored.get(e.id) != _state(e)),
                      key=lambda e: e.id)  # one order for every writer: no deadlock

    def save(self, conn: Connection, entities: Iterable[Any]) -> int:
        changed = self.changed(entities)
        for entity in changed:
            write_entity(conn, entity)
            self._pending[entity.id] = _state(entity)
        return len(changed)

    def committed(self) -> None:
        """The transaction of the last `save` calls committed."""
        self._stored.update(self._pending)
        self._pending.clear()

    def rolled_back(self) -> None:
        self._pending.clear()


def write_entity(conn: Connection, entity: Any) -> None:
    """Insert or update one entity and add its names, whoever wrote it before."""
    aliases = [a for a in dict.fromkeys(entity.aliases) if a != entity.name]
    names = {fold(n): n for n in [*aliases, entity.name] if fold(n)}
    values = {"type": entity.type, "name": entity.name, "folded": fold(entity.name),
              "aliases": aliases, "parent_id": entity.parent,
              "merged_because": list(getattr(entity, "merged_because", []) or []),
              "country": getattr(entity, "country", None)}
    table = schema.entities
    statement = insert(conn, table).values(id=entity.id, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=[table.c.id], set_=values))
    if names:
        rows = [{"entity_id": entity.id, "folded": f, "name": n} for f, n in names.items()]
        conn.execute(insert(conn, schema.entity_names).values(rows).on_conflict_do_nothing())


def _state(entity: Any) -> EntityState:
    return (entity.type, entity.name, tuple(entity.aliases), entity.parent,
            getattr(entity, "country", None))
