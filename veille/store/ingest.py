"""Ingest: articles in, facts, events and entities stored. Idempotent by content hash.

An article already stored with the same content is skipped before extraction (so a
second run over the same files costs one lookup per article); an article whose id is
stored with another content is replaced (its old facts and their orphaned events go);
an article whose content is stored under another id is a duplicate and skipped.

Each batch of articles is one transaction holding the articles, their facts, their
events and every entity the resolver created or changed for them: a crash at any
instant leaves whole articles whose facts all point at stored entities, and a re-run
extracts what is missing. Rows shared between articles (entities, their names, events,
an article id met by two runs) are upserted by the database, so concurrent ingests into
one base are safe. Inside the transaction each article has its own savepoint: one the
database refuses is left out with its reason (`IngestTally.failed`) and the batch goes on.
An entity that replaced articles left with no facts, its mentions now all another
entity's, redirects there once the run is over (`veille.store.absorbed`).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import DBAPIError, StatementError

from veille.records import EXTRACTOR_VERSION, Article, ExtractionResult, Fact
from veille.storable import storable_article
from veille.store import schema
from veille.store.absorbed import Mention, mentions_of, redirect_absorbed
from veille.store.db import Store
from veille.store.entities import EntityWriter, ResolverLike, load_entities
from veille.store.events import drop_orphan_events, event_id_for
from veille.store.replay import starting_resolver
from veille.store.upsert import insert, is_retryable

ExtractMany = Callable[[Iterable[Article]], Iterable[ExtractionResult]]

# Articles per write transaction: short enough that readers see progress, long enough
# that commits (an fsync each) do not dominate.
WRITE_BATCH = 32
# The extractor version of an article stored unread (over the size limit): no version
# of the extractor made its (missing) facts.
REFUSED = "refused"
# Times a batch transaction that met another writer (deadlock, lock timeout) is run
# again before the error is raised.
WRITE_ATTEMPTS = 6
# What a database or its driver raises for one article's values (a NUL, a too long
# field): that article is left out, the others are written.
_ARTICLE_ERRORS = (StatementError, ValueError)


@dataclass
class IngestTally:
    """What a run did, for progress, the summary line and tests."""

    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    facts: int = 0
    # Articles the store refused, each "article ID: reason"; the run went on without them.
    failed: list[str] = field(default_factory=list)
    # (old id, new id) of the entities the run's replaced articles emptied into another.
    redirected: list[tuple[str, str]] = field(default_factory=list)
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
        failed = f", {len(self.failed)} failed" if self.failed else ""
        joined = (f"; {len(self.redirected)} entity id(s) joined another and now redirect"
                  if self.redirected else "")
        return (f"{self.read} article(s) read: {self.new} new, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.duplicates} duplicate(s){failed}; "
                f"{self.facts} fact(s) stored in {self.elapsed:.1f}s{joined}")


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
        if writer.resolver is None:  # built once something needs resolving
            writer.resolver = starting_resolver(store, known)
        writer.add(article, digest, writer.resolver.add(result), tally)
        if on_article:
            on_article(tally)
    writer.flush(tally)
    tally.redirected = writer.redirect_absorbed()
    return tally


def _new_or_changed(store: Store, articles: Iterable[Article], tally: IngestTally, force: bool,
                    on_article: Callable[[IngestTally], None] | None
                    ) -> Iterator[tuple[Article, str]]:
    seen: set[str] = set()
    # The readers already did this; articles handed over by other code may not have.
    iterator = map(storable_article, articles)
    while chunk := list(islice(iterator, 256)):
        hashes = [content_hash(a) for a in chunk]
        table = schema.articles
        with store.read() as conn:
            stored = conn.execute(select(table.c.id, table.c.content_hash,
                                         table.c.extractor_version)
                                  .where(table.c.id.in_([a.id for a in chunk]))).all()
            by_hash = dict(conn.execute(select(table.c.content_hash, table.c.id)
                                        .where(table.c.content_hash.in_(hashes))).all())
        # A refused article is never "unchanged": the limit may allow it now.
        by_id = {row.id: row.content_hash for row in stored if row.extractor_version != REFUSED}
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

    def __init__(self, store: Store, resolver: ResolverLike | None, entities: EntityWriter):
        self.store = store
        self.resolver = resolver
        self.entities = entities
        self.buffer: list[tuple[Article, str, ExtractionResult]] = []
        self.stored_ids: set[str] = set()  # written by this run: a second version is no news
        self.warned_entities: set[str] = set()
        # What the replaced articles' facts named before this run deleted them.
        self.replaced: list[Mention] = []

    def add(self, article: Article, digest: str, result: ExtractionResult,
            tally: IngestTally) -> None:
        self.buffer.append((article, digest, result))
        if len(self.buffer) >= WRITE_BATCH:
            self.flush(tally)

    def flush(self, tally: IngestTally) -> None:
        if not self.buffer:
            return
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            outcome = _Outcome()
            try:
                with self.store.write() as conn:
                    # Entities first, in the same transaction: a fact never points at an
                    # entity that is not stored, whenever the process dies.
                    self._write_entities(conn, outcome)
                    outcome.replaced = mentions_of(conn, [a.id for a, _, _ in self.buffer])
                    events: dict[str, int] = {}
                    for article, digest, result in self.buffer:
                        self._write_article(conn, article, digest, result, events, outcome)
            except DBAPIError as exc:
                self.entities.rolled_back()
                if not is_retryable(exc) or attempt == WRITE_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * attempt)  # let the other one finish
                continue
            self.entities.committed()
            outcome.count(tally, self.stored_ids)
            self.replaced.extend(outcome.replaced)
            break
        self.buffer.clear()

    def redirect_absorbed(self) -> list[tuple[str, str]]:
        """Once the last batch is written, the entities the replaced articles emptied into
        another redirect there. Not batch by batch: this run's resolver may still give a
        later article's facts to an entity that looked emptied halfway."""
        if not self.replaced:
            return []
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.store.write() as conn:
                    return redirect_absorbed(conn, self.replaced)
            except DBAPIError as exc:
                if not is_retryable(exc) or attempt == WRITE_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * attempt)  # let the other one finish
        return []

    def _write_entities(self, conn: Connection, outcome: _Outcome) -> None:
        if self.resolver is None:
            return
        changed = self.entities.changed(self.resolver.entities())
        if not changed:
            return
        try:
            with conn.begin_nested():
                self.entities.save(conn, changed)
            return
        except _ARTICLE_ERRORS as exc:
            if is_retryable(exc):
                raise
        # One by one, so that a name the database refuses costs that entity only.
        for entity in changed:
            try:
                with conn.begin_nested():
                    self.entities.save(conn, [entity])
            except _ARTICLE_ERRORS as exc:
                if is_retryable(exc):
                    raise
                if entity.id not in self.warned_entities:
                    self.warned_entities.add(entity.id)
                    outcome.warnings.append(
                        f"entity {entity.id[:80]!r}: not stored ({_reason(exc)})")

    def _write_article(self, conn: Connection, article: Article, digest: str,
                       result: ExtractionResult, events: dict[str, int],
                       outcome: _Outcome) -> None:
        try:
            with conn.begin_nested():
                replaced = store_article(conn, article, digest, result.facts, events,
                                         refused=result.refused)
        except _ARTICLE_ERRORS as exc:
            if is_retryable(exc):
                raise
            events.clear()  # events made inside the rolled back savepoint are gone
            outcome.failed.append(f"article {article.id[:200]!r}: not stored ({_reason(exc)})")
            return
        outcome.stored.append((article.id, replaced, len(result.facts)))


@dataclass
class _Outcome:
    """What one batch transaction did, counted only once it commits."""

    stored: list[tuple[str, bool, int]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replaced: list[Mention] = field(default_factory=list)

    def count(self, tally: IngestTally, stored_ids: set[str]) -> None:
        for article_id, replaced, facts in self.stored:
            if article_id in stored_ids:
                tally.duplicates += 1  # a second version of an id this run already stored
            elif replaced:
                tally.replaced += 1
            else:
                tally.new += 1
            stored_ids.add(article_id)
            tally.facts += facts
        tally.failed.extend(self.failed)
        tally.warnings.extend(self.warnings)


def _reason(exc: BaseException) -> str:
    """The database's own words for a refused value, on one short line."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split())
    return f"{type(orig).__name__}: {text[:300]}"


def store_article(conn: Connection, article: Article, digest: str, facts: list[Fact],
                  event_cache: dict[str, int] | None = None, *, refused: bool = False) -> bool:
    """Write one article and its facts, replacing what was stored under its id.
    `refused`: the extractor did not read it (over the size limit): it is stored with the
    version REFUSED, so that `reprocess`, or an ingest of the same file, reads it once the
    limit allows. True when an older version was replaced."""
    table = schema.articles
    values = {
        "content_hash": digest, "title": article.title, "summary": article.summary,
        "text": article.text, "published": article.published, "url": article.url,
        "source": article.source, "lang": article.lang, "ingested_at": datetime.now(UTC),
        "extractor_version": REFUSED if refused else _version_of(facts),
    }
    # The database decides whether the id is new: another ingest may have stored it
    # since this one looked.
    inserted = conn.execute(
        insert(conn, table).values(id=article.id, **values)
        .on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.pk)).scalar()
    if inserted is None:
        old_events = delete_facts(conn, article.id)
        conn.execute(table.update().where(table.c.id == article.id).values(**values))
    else:
        old_events = set()
    if facts:
        rows = [fact_row(conn, article, seq, fact, event_cache) for seq, fact in enumerate(facts)]
        conn.execute(schema.facts.insert(), rows)
    drop_orphan_events(conn, old_events)
    return inserted is None


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


def article_from_row(row: Mapping[Any, Any]) -> Article:
    """The article a row of `articles` holds, as extraction read it when it was stored
    (reprocess and the API's explanations extract it again from this)."""
    return Article(id=row["id"], text=row["text"], title=row["title"], summary=row["summary"],
                   published=row["published"], url=row["url"], lang=row["lang"] or "fr",
                   source=row["source"])


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
            yield article_from_row(row)


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
