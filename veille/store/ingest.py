"""Ingest: articles in, facts, events and entities stored. Idempotent by content hash.

An article already stored with the same content is skipped before extraction (so a
second run over the same files costs one lookup per article); an article whose id is
stored with another content is replaced (its old facts and their orphaned events go);
an article whose content is stored under another id is a duplicate and skipped.
Each batch of articles is one transaction, so readers see whole articles only.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy import Connection, delete, select

from veille.records import EXTRACTOR_VERSION, Article, ExtractionResult, Fact
from veille.store import schema
from veille.store.db import Store
from veille.store.entities import (
    EntityWriter,
    ResolverLike,
    load_context,
    load_entities,
    make_resolver,
)
from veille.store.events import drop_orphan_events, event_id_for

ExtractMany = Callable[[Iterable[Article]], Iterable[ExtractionResult]]

# Articles per write transaction: short enough that readers see progress, long enough
# that commits (an fsync each) do not dominate.
WRITE_BATCH = 32
# Seconds between two writes of the resolver's entities (see EntityWriter).
ENTITY_FLUSH_SECONDS = 5.0


@dataclass
class IngestTally:
    """What a run did, for progress, the summary line and tests."""

    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    facts: int = 0
    extracted: int = 0  # results received from the extractor (stored or about to be)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def stored(self) -> int:
        return self.new + self.replaced

    @property
    def done(self) -> int:
        """Articles finished with: skipped, or extracted. `read` runs ahead of it by the
        articles waiting in the extractor's batch."""
        return self.unchanged + self.duplicates + self.extracted

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def summary(self) -> str:
        return (f"{self.read} article(s) read: {self.new} new, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.duplicates} duplicate(s); "
                f"{self.facts} fact(s) stored in {self.elapsed:.1f}s")


def content_hash(article: Article) -> str:
    """What makes two articles the same: their words and their date (which anchors
    relative dates), not their id or address."""
    payload = json.dumps([article.title, article.summary, article.text, article.published],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    extract_many: ExtractMany,
    *,
    resolver: ResolverLike | None = None,
    on_article: Callable[[IngestTally], None] | None = None,
    force: bool = False,
) -> IngestTally:
    """Store `articles` with the facts `extract_many` finds in them. `force` re-extracts
    articles even when their content is already stored (reprocess uses it)."""
    tally = IngestTally()
    with store.read() as conn:
        known = load_entities(conn)
        context = load_context(conn) if resolver is None else None
    resolver = resolver or make_resolver(known, context)
    writer = _Writer(store, resolver, EntityWriter(known))
    pending: deque[tuple[Article, str]] = deque()

    def to_extract() -> Iterator[Article]:
        for article, digest in _new_or_changed(store, articles, tally, force, on_article):
            pending.append((article, digest))
            yield article

    for result in extract_many(to_extract()):
        article, digest = pending.popleft()
        if result.id != article.id:  # the extractor's contract is one result per article
            raise RuntimeError(f"extractor returned {result.id!r} for article {article.id!r}")
        tally.extracted += 1
        tally.warnings.extend(result.warnings)
        writer.add(article, digest, resolver.add(result), tally)
        if on_article:
            on_article(tally)
    writer.flush(tally, final=True)
    return tally


def _new_or_changed(store: Store, articles: Iterable[Article], tally: IngestTally, force: bool,
                    on_article: Callable[[IngestTally], None] | None
                    ) -> Iterator[tuple[Article, str]]:
    seen: set[str] = set()
    iterator = iter(articles)
    while chunk := list(islice(iterator, 256)):
        hashes = [content_hash(a) for a in chunk]
        table = schema.articles
        with store.read() as conn:
            by_id = dict(conn.execute(select(table.c.id, table.c.content_hash)
                                      .where(table.c.id.in_([a.id for a in chunk]))).all())
            by_hash = dict(conn.execute(select(table.c.content_hash, table.c.id)
                                        .where(table.c.content_hash.in_(hashes))).all())
        for article, digest in zip(chunk, hashes, strict=True):
            tally.read += 1
            if by_id.get(article.id) == digest and not force:
                tally.unchanged += 1
            elif digest in seen or by_hash.get(digest, article.id) != article.id:
                tally.duplicates += 1
            else:
                seen.add(digest)
                yield article, digest
                continue
            if on_article:
                on_article(tally)


class _Writer:
    """Buffers extracted articles and writes them a batch per transaction."""

    def __init__(self, store: Store, resolver: ResolverLike, entities: EntityWriter):
        self.store = store
        self.resolver = resolver
        self.entities = entities
        self.buffer: list[tuple[Article, str, ExtractionResult]] = []
        self.last_entity_flush = time.monotonic()

    def add(self, article: Article, digest: str, result: ExtractionResult,
            tally: IngestTally) -> None:
        self.buffer.append((article, digest, result))
        if len(self.buffer) >= WRITE_BATCH:
            self.flush(tally)

    def flush(self, tally: IngestTally, *, final: bool = False) -> None:
        save_entities = final or (
            time.monotonic() - self.last_entity_flush > ENTITY_FLUSH_SECONDS)
        if not self.buffer and not save_entities:
            return
        with self.store.write() as conn:
            # Entities first: a reader that finds a fact can always find its entities.
            if save_entities:
                self.entities.save(conn, self.resolver.entities())
                self.last_entity_flush = time.monotonic()
            events: dict[str, int] = {}
            for article, digest, result in self.buffer:
                replaced = store_article(conn, article, digest, result.facts, events)
                tally.replaced += replaced
                tally.new += not replaced
                tally.facts += len(result.facts)
        self.buffer.clear()


def store_article(conn: Connection, article: Article, digest: str, facts: list[Fact],
                  event_cache: dict[str, int] | None = None) -> bool:
    """Write one article and its facts, replacing what was stored under its id.
    True when an older version was replaced."""
    table = schema.articles
    values = {
        "content_hash": digest, "title": article.title, "summary": article.summary,
        "text": article.text, "published": article.published, "url": article.url,
        "source": article.source, "lang": article.lang, "ingested_at": datetime.now(UTC),
        "extractor_version": _version_of(facts),
    }
    exists = conn.execute(select(table.c.pk).where(table.c.id == article.id)).scalar()
    if exists is not None:
        old_events = delete_facts(conn, article.id)
        conn.execute(table.update().where(table.c.id == article.id).values(**values))
    else:
        old_events = set()
        conn.execute(table.insert().values(id=article.id, **values))
    if facts:
        rows = [fact_row(conn, article, seq, fact, event_cache) for seq, fact in enumerate(facts)]
        conn.execute(schema.facts.insert(), rows)
    drop_orphan_events(conn, old_events)
    return exists is not None


def delete_facts(conn: Connection, article_id: str) -> set[int]:
    """Delete an article's facts; the events they pointed to (to drop if orphaned)."""
    facts = schema.facts
    events = set(conn.execute(select(facts.c.event_id).where(
        facts.c.article_id == article_id, facts.c.event_id.is_not(None))).scalars())
    conn.execute(delete(facts).where(facts.c.article_id == article_id))
    return events


_COLUMNS = {c.name for c in schema.facts.columns} - {
    "id", "article_id", "seq", "ev_start", "ev_end", "ev_text", "event_id", "data"}


def fact_row(conn: Connection, article: Article, seq: int, fact: Fact,
             event_cache: dict[str, int] | None) -> dict[str, object]:
    data = fact.to_dict()
    row: dict[str, object] = {name: None for name in _COLUMNS}
    row.update({k: v for k, v in data.items() if k in _COLUMNS})
    row.update(
        article_id=article.id, seq=seq, ev_start=fact.evidence.start, ev_end=fact.evidence.end,
        ev_text=fact.evidence.text, data=data,
        event_id=event_id_for(conn, fact, article.published, event_cache),
    )
    return row


def _version_of(facts: list[Fact]) -> str:
    versions = {f.extractor_version for f in facts}
    return versions.pop() if len(versions) == 1 else EXTRACTOR_VERSION


def articles_to_reprocess(store: Store, version: str = EXTRACTOR_VERSION) -> Iterator[Article]:
    """Stored articles whose facts another extractor version made, streamed by pages."""
    table = schema.articles
    last_pk = 0
    while True:
        with store.read() as conn:
            rows = list(conn.execute(
                select(table).where(table.c.extractor_version != version, table.c.pk > last_pk)
                .order_by(table.c.pk).limit(200)).mappings())
        if not rows:
            return
        for row in rows:
            last_pk = row["pk"]
            yield Article(id=row["id"], text=row["text"], title=row["title"],
                          summary=row["summary"], published=row["published"], url=row["url"],
                          lang=row["lang"] or "fr", source=row["source"])


def count_to_reprocess(store: Store, version: str = EXTRACTOR_VERSION) -> int:
    from sqlalchemy import func

    table = schema.articles
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)
                                .where(table.c.extractor_version != version)).scalar_one())


def reprocess(store: Store, extract_many: ExtractMany, *,
              on_article: Callable[[IngestTally], None] | None = None,
              version: str = EXTRACTOR_VERSION) -> IngestTally:
    """Re-extract every stored article whose facts another extractor version made."""
    return ingest_articles(store, articles_to_reprocess(store, version), extract_many,
                           on_article=on_article, force=True)
