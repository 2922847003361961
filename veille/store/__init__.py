"""The knowledge base: articles, facts, events and entities in SQLite or PostgreSQL.

`open_store(url)` opens and migrates a database; `ingest_articles` and `reprocess` write;
`veille.store.reads` and `veille.store.search` read. All SQL of veille lives here.
"""

from veille.store.db import Store, open_store
from veille.store.engine import StoreError
from veille.store.ingest import IngestTally, content_hash, ingest_articles, reprocess

__all__ = ["IngestTally", "Store", "StoreError", "content_hash", "ingest_articles",
           "open_store", "reprocess"]
