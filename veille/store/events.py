"""Events: the facts of one real-world event, reported by any number of articles.

A fact's event key says which facts are "the same thing": a move is (person, change,
org, year), a partnership the sorted set of its organisations, an amount (org, kind,
value to three significant figures, currency, date). Entities are compared by resolved
id when the fact has one, else by folded name. A fact with no date of its own takes the
year of its article, since articles report moves when they happen.
"""

from __future__ import annotations

import hashlib
from math import floor, log10

from sqlalchemy import Connection, delete, exists

from veille.records import Amount, Fact, MarketShare, Move, Partnership, Position
from veille.store import schema
from veille.store.names import fold
from veille.store.upsert import insert

_MAX_KEY = 1000


def _round3(value: float) -> str:
    """Three significant figures: 1.2e9 and 1.204e9 are the same figure, reported twice."""
    if not value:
        return "0"
    digits = 2 - floor(log10(abs(value)))
    return f"{round(value, digits):g}"


def _year(date: str | None, published: str | None) -> str:
    return (date or published or "")[:4]


def event_key(fact: Fact, published: str | None) -> tuple[str, str]:
    """(key, label) of the event `fact` belongs to."""
    if isinstance(fact, Move):
        person = fact.person_id or fold(fact.person)
        org = fact.org_id or fold(fact.org) or "?"
        year = _year(fact.date, published)
        key = f"move|{person}|{fact.change}|{org}|{year}"
        label = f"{fact.person} {fact.change} {fact.org or '?'} {year}".strip()
    elif isinstance(fact, Position):
        person = fact.person_id or fold(fact.person)
        org = fact.org_id or fold(fact.org) or "?"
        role = fact.role_norm or fold(fact.role)
        key = f"position|{person}|{org}|{role}"
        label = f"{fact.person}, {fact.role or fact.role_norm or '?'}, {fact.org or '?'}"
    elif isinstance(fact, Partnership):
        orgs = sorted({fold(o) for o in fact.orgs if fold(o)})
        key = "partnership|" + "|".join(orgs)
        label = " + ".join(fact.orgs)
    elif isinstance(fact, Amount):
        key = (f"amount|{fold(fact.org)}|{fact.kind}|{_round3(fact.value)}|"
               f"{fact.currency or ''}|{fact.date or ''}")
        label = f"{fact.org or '?'} {fact.kind} {fact.value:g} {fact.currency or ''}".strip()
    elif isinstance(fact, MarketShare):
        period = fact.period or _year(None, published)
        key = f"market_share|{fold(fact.org)}|{fold(fact.market)}|{fact.value:.3f}|{period}"
        label = f"{fact.org or '?'} {fact.value:.0%} {fact.market or ''}".strip()
    else:
        key = f"{fact.type}|{fold(fact.evidence.text)}"
        label = fact.evidence.text[:80]
    if len(key) > _MAX_KEY:
        digest = hashlib.sha256(key.encode()).hexdigest()
        key = key[: _MAX_KEY - 65] + "#" + digest
    return key, label


def event_id_for(conn: Connection, fact: Fact, published: str | None,
                 cache: dict[str, int] | None = None) -> int:
    """The id of the fact's event, created on first sight.

    One upsert, decided by the database: a concurrent ingest may create the same event
    meanwhile. The no-op update (rather than DO NOTHING) returns the id in both cases and
    locks the row until this transaction ends, so no other writer can drop the event as
    an orphan while a fact of ours is about to point to it."""
    key, label = event_key(fact, published)
    if cache is not None and key in cache:
        return cache[key]
    table = schema.events
    statement = insert(conn, table).values(type=fact.type, key=key, label=label[:500])
    found = conn.execute(
        statement.on_conflict_do_update(index_elements=[table.c.key],
                                        set_={"key": statement.excluded.key})
        .returning(table.c.id)).scalar_one()
    if cache is not None:
        cache[key] = int(found)
    return int(found)


def drop_orphan_events(conn: Connection, event_ids: set[int]) -> int:
    """Delete the given events when no fact points to them any more."""
    if not event_ids:
        return 0
    table = schema.events
    has_fact = exists().where(schema.facts.c.event_id == table.c.id)
    result = conn.execute(delete(table).where(table.c.id.in_(event_ids), ~has_fact))
    return int(result.rowcount or 0)
