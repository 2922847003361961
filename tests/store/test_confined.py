"""An article the database refuses is left out with its reason; the rest of the run is
stored, on every backend of `fresh_store`. Articles here bypass the readers (which would
already have made them storable), as an API caller or a script could."""

# ruff: noqa: F811

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from store.fixtures import NEWS, ScriptedExtractor, fresh_store  # noqa: F401
from veille.records import Article
from veille.store import Store, ingest_articles, schema


def stored_ids(store: Store) -> set[str]:
    with store.read() as conn:
        return set(conn.execute(select(schema.articles.c.id)).scalars())


def dangling_facts(store: Store) -> int:
    """Facts naming a person or organisation id that is not a stored entity."""
    facts, entities = schema.facts, schema.entities
    with store.read() as conn:
        known = set(conn.execute(select(entities.c.id)).scalars())
        used = conn.execute(select(facts.c.person_id, facts.c.org_id)).all()
    return sum(1 for row in used for ref in row if ref is not None and ref not in known)


def test_one_refused_article_does_not_lose_its_batch(fresh_store: Store) -> None:
    hostile = [
        Article(id="nul", text="Le conseil s'est réuni\x00 lundi à Lyon."),
        Article(id="surrogate", text="Une phrase coupée \ud800 en deux."),
        Article(id="x" * 600, text="Un identifiant bien trop long pour une base stricte."),
        Article(id="source", text="Une source au nom démesuré.", source="s" * 300),
    ]
    articles = [NEWS[0], *hostile, *NEWS[1:]]
    tally = ingest_articles(fresh_store, articles, ScriptedExtractor().extract_many)
    kept = stored_ids(fresh_store)
    assert {a.id for a in NEWS} <= kept  # every good article, whatever the backend
    assert tally.facts == 11
    refused = {f.split("'")[1] for f in tally.failed}
    # Each hostile article is either stored or named with a reason, never silently lost.
    for article in hostile:
        assert (article.id in kept) != (article.id[:200] in refused), article.id[:20]
    assert all("not stored (" in reason for reason in tally.failed)
    assert tally.new == len(kept)
    assert dangling_facts(fresh_store) == 0
    # What no store keeps is replaced, one character for one, on every backend.
    assert {"nul", "surrogate"} <= kept
    with fresh_store.read() as conn:
        texts = dict(conn.execute(select(schema.articles.c.id, schema.articles.c.text)
                                  .where(schema.articles.c.id.in_(["nul", "surrogate"]))).all())
    assert texts == {"nul": "Le conseil s'est réuni\ufffd lundi à Lyon.",
                     "surrogate": "Une phrase coupée \ufffd en deux."}
    if fresh_store.dialect == "postgresql":  # PostgreSQL checks the lengths of columns
        assert {"x" * 200, "source"} <= refused


def test_refused_article_costs_no_event_of_the_others(fresh_store: Store) -> None:
    """Events made inside a refused article's savepoint are gone; the next articles of the
    batch must not point at them."""
    broken = replace(NEWS[1], id="t-002-bis", source="s" * 300, text=NEWS[1].text + "\x00")
    tally = ingest_articles(fresh_store, [NEWS[0], broken, NEWS[1]],
                            ScriptedExtractor().extract_many)
    with fresh_store.read() as conn:
        missing = conn.execute(
            select(func.count()).select_from(schema.facts)
            .where(schema.facts.c.event_id.is_not(None),
                   schema.facts.c.event_id.not_in(select(schema.events.c.id)))).scalar_one()
    assert missing == 0
    assert {"t-001", "t-002"} <= stored_ids(fresh_store)
    assert tally.failed or "t-002-bis" in stored_ids(fresh_store)
