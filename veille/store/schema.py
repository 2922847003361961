"""The tables of the knowledge base, as SQLAlchemy Core objects (the current schema).

Migrations (`veille.store.migrations`) bring an existing database to this shape; the
read and write code only ever talks to these objects, never to dialect-specific SQL,
except for full-text search (SQLite FTS5 / PostgreSQL tsvector), kept in `search.py`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# `pk` is an integer key because SQLite FTS5 external-content tables index by integer
# rowid; `id` is the article's own identifier, used everywhere else.
articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(500), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("summary", Text),
    Column("text", Text, nullable=False),
    Column("published", String(40), index=True),
    Column("url", Text),
    Column("source", String(200)),
    Column("lang", String(10)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The extractor version that made this article's facts (even when it found none).
    Column("extractor_version", String(40), nullable=False, index=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("type", String(20), nullable=False),  # person | org
    Column("name", Text, nullable=False),
    Column("folded", Text, nullable=False, index=True),
    Column("aliases", JSON, nullable=False),
    Column("parent_id", String(300)),
    Column("merged_because", JSON),
    # An organisation's ISO 3166-1 alpha-2 country code, when known (migration 0005).
    Column("country", String(10)),
)

# Every name an entity is known by (its name and aliases), folded, for lookups.
entity_names = Table(
    "entity_names",
    metadata,
    Column("entity_id", String(300), ForeignKey("entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("folded", String(500), primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_entity_names_folded", "folded"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),
    Column("key", String(1000), nullable=False, unique=True),
    Column("label", Text),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(500), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # order within its article
    Column("type", String(20), nullable=False, index=True),
    # move / position
    Column("person", Text),
    Column("person_id", String(300), index=True),
    Column("change", String(10)),
    Column("role", Text),
    Column("role_norm", String(40)),
    Column("current", Boolean),
    Column("since", String(20)),
    Column("until", String(20)),
    Column("interim", Boolean),
    Column("date_text", Text),
    # move / position / amount / market share
    Column("org", Text),
    Column("org_id", String(300), index=True),
    # partnership
    Column("orgs", JSON),
    Column("subject", Text),
    # amount / market share
    Column("kind", String(40)),
    Column("value", Float),
    Column("currency", String(10)),
    Column("place", Text),
    Column("qualifier", Text),
    Column("market", Text),
    Column("period", String(20)),
    # shared
    Column("status", String(20)),
    Column("date", String(20)),
    Column("source", Text),
    Column("ev_start", Integer, nullable=False),
    Column("ev_end", Integer, nullable=False),
    Column("ev_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor_version", String(40), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id"), index=True),
    # The whole FACTS.md record, so that fields added later survive a round trip.
    Column("data", JSON, nullable=False),
)


# An analyst's verdict on an extracted fact, kept apart from the facts so that it
# survives re-extraction (`veille reprocess`, re-ingest): a fact is found again by its
# article and `fact_key` (type, evidence offsets, extracted person and change), not by
# its row id, which changes whenever the article's facts are rewritten.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(500), nullable=False, index=True),
    Column("fact_key", String(1000), nullable=False),
    Column("fact_type", String(20), nullable=False),
    Column("action", String(10), nullable=False),  # confirm | reject | edit
    Column("before", JSON, nullable=False),  # the fact as extracted (FACTS.md dict)
    Column("after", JSON),  # the fields an edit changes, and their new values
    Column("author", String(200), nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_fact", "article_id", "fact_key"),
)

# The people and organisations an analyst follows, in named lists.
watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list", String(200), nullable=False),
    Column("entity_id", String(300), nullable=False),
    Column("entity_type", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ux_watches_list_entity", "list", "entity_id", unique=True),
)

# An entity merged into another: its old id still leads to the one it joined.
entity_redirects = Table(
    "entity_redirects",
    metadata,
    Column("old_id", String(300), primary_key=True),
    Column("new_id", String(300), nullable=False, index=True),
    Column("reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
