"""Ingest: idempotence by content hash, replacement, duplicates, events, entities,
reprocessing, on every backend of `fresh_store`."""

# Fixtures imported from store.fixtures are redefined as test arguments, as pytest wants.
# ruff: noqa: F811

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from store.fixtures import NEWS, ScriptedExtractor, filled, fresh_store, news_store  # noqa: F401
from veille.store import Store, ingest_articles, reprocess, schema
from veille.store.ingest import count_to_reprocess


def counts(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (schema.articles, schema.facts, schema.events, schema.entities,
                              schema.entity_names)}


def test_ingest_stores_articles_facts_events_entities(fresh_store: Store) -> None:
    tally = ingest_articles(fresh_store, NEWS, ScriptedExtractor().extract_many)
    assert (tally.read, tally.new, tally.unchanged, tally.facts) == (5, 5, 0, 11)
    found = counts(fresh_store)
    assert found["articles"] == 5
    assert found["facts"] == 11
    # Claire Moreau's arrival at L'Oréal is reported by two articles: one event.
    assert found["events"] == 10
    assert found["entities"] >= 8  # 4 people, >= 4 organisations


def test_second_ingest_adds_nothing_and_extracts_nothing(news_store: Store) -> None:
    before = counts(news_store)
    extractor = ScriptedExtractor()
    tally = ingest_articles(news_store, NEWS, extractor.extract_many)
    assert tally.unchanged == 5 and tally.new == 0 and tally.facts == 0
    assert extractor.seen == []  # skipped before extraction: no model time spent
    assert counts(news_store) == before


def test_changed_article_is_replaced(news_store: Store) -> None:
    changed = replace(NEWS[3], text=NEWS[3].text.replace("15 %", "17 %").replace(
        "Michelin détient 17 % du marché mondial des pneumatiques", "Fin de l'article."))
    tally = ingest_articles(news_store, [changed], ScriptedExtractor().extract_many)
    assert tally.replaced == 1 and tally.new == 0
    with news_store.read() as conn:
        texts = conn.execute(select(schema.articles.c.text)
                             .where(schema.articles.c.id == "t-004")).scalar_one()
        kinds = list(conn.execute(select(schema.facts.c.type)
                                  .where(schema.facts.c.article_id == "t-004")).scalars())
        shares = conn.execute(select(func.count()).select_from(schema.events)
                              .where(schema.events.c.type == "market_share")).scalar_one()
    assert "Fin de l'article." in texts
    assert kinds == ["move"]  # the market-share quote is gone from the text
    assert shares == 0  # and its event, now without facts, with it
    assert counts(news_store)["articles"] == 5


def test_same_content_under_another_id_is_a_duplicate(news_store: Store) -> None:
    copy = replace(NEWS[0], id="t-001-copie")
    tally = ingest_articles(news_store, [copy, copy], ScriptedExtractor().extract_many)
    assert tally.duplicates == 2 and tally.new == 0
    assert counts(news_store)["articles"] == 5


def test_duplicates_within_one_run_are_stored_once(fresh_store: Store) -> None:
    twice = [NEWS[0], replace(NEWS[0], id="t-001-bis")]
    tally = ingest_articles(fresh_store, twice, ScriptedExtractor().extract_many)
    assert (tally.new, tally.duplicates) == (1, 1)


def test_facts_keep_provenance(news_store: Store) -> None:
    with news_store.read() as conn:
        row = conn.execute(select(schema.facts).where(schema.facts.c.type == "amount")).one()
        article = conn.execute(select(schema.articles).where(
            schema.articles.c.id == row.article_id)).one()
    full = "\n\n".join(p for p in (article.title, article.summary, article.text) if p)
    assert full[row.ev_start:row.ev_end] == row.ev_text == "Michelin investira 300 millions d'euros"
    assert row.value == 300e6 and row.currency == "EUR"
    assert row.extractor_version and row.data["type"] == "amount"


def test_moves_and_positions_get_entity_ids(news_store: Store) -> None:
    with news_store.read() as conn:
        rows = conn.execute(select(schema.facts.c.person_id, schema.facts.c.org_id).where(
            schema.facts.c.type.in_(["move", "position"]))).all()
        people = set(conn.execute(select(schema.entities.c.name)
                                  .where(schema.entities.c.type == "person")).scalars())
    assert all(person and org for person, org in rows)
    assert {"Claire Moreau", "Thomas Lefèvre", "Hélène Garnier", "Éloïse Dupré"} <= people


def test_reprocess_reextracts_only_other_versions(fresh_store: Store) -> None:
    ingest_articles(fresh_store, NEWS[:2], ScriptedExtractor("0.0.1").extract_many)
    ingest_articles(fresh_store, NEWS[2:], ScriptedExtractor().extract_many)
    assert count_to_reprocess(fresh_store) == 2
    extractor = ScriptedExtractor()
    tally = reprocess(fresh_store, extractor.extract_many)
    assert sorted(extractor.seen) == ["t-001", "t-002"]
    assert tally.replaced == 2
    assert count_to_reprocess(fresh_store) == 0
    with fresh_store.read() as conn:
        versions = set(conn.execute(select(schema.facts.c.extractor_version)).scalars())
    assert versions == {ScriptedExtractor().version}
    assert counts(fresh_store)["facts"] == 11


def test_entities_survive_reopening_and_are_reused(tmp_path: object) -> None:
    from pathlib import Path

    from veille.store import open_store

    path = Path(str(tmp_path)) / "kb.db"
    with open_store(path) as store:
        filled(store, NEWS[:1])
        first = counts(store)["entities"]
    with open_store(path) as store:
        filled(store, NEWS[1:2])  # names only people and orgs already known
        assert counts(store)["entities"] == first
