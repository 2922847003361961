"""0002: full-text search over articles and fact evidence.

SQLite: FTS5 external-content tables kept in step by triggers (accents folded by the
unicode61 tokenizer). PostgreSQL: stored generated tsvector columns with the 'french'
configuration and GIN indexes. Either way, every write path stays plain Core SQL.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, summary, text, content='articles', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, summary, text)
        VALUES (new.pk, new.title, new.summary, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, summary, text)
        VALUES ('delete', old.pk, old.title, old.summary, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, summary, text)
        VALUES ('delete', old.pk, old.title, old.summary, old.text);
        INSERT INTO articles_fts(rowid, title, summary, text)
        VALUES (new.pk, new.title, new.summary, new.text); END""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS facts_fts USING fts5(
        ev_text, content='facts', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS facts_fts_ai AFTER INSERT ON facts BEGIN
        INSERT INTO facts_fts(rowid, ev_text) VALUES (new.id, new.ev_text); END""",
    """CREATE TRIGGER IF NOT EXISTS facts_fts_ad AFTER DELETE ON facts BEGIN
        INSERT INTO facts_fts(facts_fts, rowid, ev_text) VALUES ('delete', old.id, old.ev_text);
        END""",
    """CREATE TRIGGER IF NOT EXISTS facts_fts_au AFTER UPDATE OF ev_text ON facts BEGIN
        INSERT INTO facts_fts(facts_fts, rowid, ev_text) VALUES ('delete', old.id, old.ev_text);
        INSERT INTO facts_fts(rowid, ev_text) VALUES (new.id, new.ev_text); END""",
    # Index what was stored before this migration.
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')",
]

_POSTGRES = [
    """ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('french'::regconfig, coalesce(title, '') || ' ' || coalesce(summary, '')
        || ' ' || coalesce("text", ''))) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING gin (tsv)",
    """ALTER TABLE facts ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('french'::regconfig, coalesce(ev_text, ''))) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_facts_tsv ON facts USING gin (tsv)",
]


def upgrade(conn: Connection) -> None:
    statements = _POSTGRES if conn.dialect.name == "postgresql" else _SQLITE
    for statement in statements:
        conn.execute(text(statement))
