"""The resolver an ingest starts from: the stored articles' facts replayed, in the order
they were stored, through a fresh resolver.

Entity resolution decides with context (the organisations and roles a name came with,
how often a name was met), which the stored entities alone do not hold. Replaying the
stored facts rebuilds that context, so that an ingest interrupted at any instant and run
again resolves its remaining articles exactly as one uninterrupted run would have: same
ids, same entities. When a replayed id disagrees with the stored one (a base built by
another resolver, or by concurrent ingests), the replay is not trusted and the stored
entities are adopted instead, as known names without context.
"""

from __future__ import annotations

from sqlalchemy import select

from veille.records import ExtractionResult, Move, Position, fact_from_dict
from veille.store import schema
from veille.store.db import Store
from veille.store.entities import Entity, ResolverLike, make_resolver

# Articles read per query while replaying.
PAGE = 500


def starting_resolver(store: Store, known: list[Entity]) -> ResolverLike:
    """A resolver in the state a clean run over the stored articles would have left."""
    replayed = make_resolver([])
    a, f = schema.articles, schema.facts
    last_pk = 0
    while True:
        with store.read() as conn:
            pks = list(conn.execute(select(a.c.pk).where(a.c.pk > last_pk)
                                    .order_by(a.c.pk).limit(PAGE)).scalars())
            if not pks:
                return replayed
            rows = conn.execute(
                select(a.c.pk, a.c.id, a.c.published, f.c.data, f.c.person_id, f.c.org_id)
                .join(f, f.c.article_id == a.c.id)
                .where(a.c.pk >= pks[0], a.c.pk <= pks[-1])
                .order_by(a.c.pk, f.c.seq)).all()
        last_pk = pks[-1]
        results: dict[int, tuple[ExtractionResult, list[tuple[str | None, str | None]]]] = {}
        for row in rows:
            result, stored = results.setdefault(
                row.pk, (ExtractionResult(row.id, row.published), []))
            result.facts.append(fact_from_dict(row.data))
            stored.append((row.person_id, row.org_id))
        for result, stored in results.values():
            replayed.add(result)
            ids = [(fact.person_id, fact.org_id) if isinstance(fact, Move | Position)
                   else (None, getattr(fact, "org_id", None)) for fact in result.facts]
            if ids != stored:
                return make_resolver(known)  # not the base a clean run would make
