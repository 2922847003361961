"""Search, statistics and articles: `search(store, text)`, `stats(store)`,
`article_detail(store, id)`."""

from __future__ import annotations

from typing import Any

from veille.query.filters import check_min_confidence, keep_confident
from veille.query.lookup import NotFound
from veille.query.moves import correction_note
from veille.query.records import (
    ArticleDetail,
    ArticleHit,
    ArticleList,
    ArticleSummary,
    EntityHit,
    EvidenceHit,
    Mark,
    SearchResults,
    Stats,
    StoredFact,
)
from veille.records import Article
from veille.store import Store, reads
from veille.store import corrections as stored_corrections
from veille.store import search as fts
from veille.store.search import MARK_END, MARK_START, SearchQueryError

MAX_LIMIT = 200

__all__ = ["SearchQueryError", "article_detail", "search", "stats"]


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def unmark(snippet: str | None) -> tuple[str, list[Mark]]:
    """A snippet with highlight markers -> plain text and the highlighted spans."""
    out: list[str] = []
    marks: list[Mark] = []
    start = 0
    length = 0
    for ch in snippet or "":
        if ch == MARK_START:
            start = length
        elif ch == MARK_END:
            marks.append(Mark(start, length))
        else:
            out.append(ch)
            length += 1
    return "".join(out), marks


def search(store: Store, text: str, *, limit: int = 20, offset: int = 0,
           min_confidence: float | None = None) -> SearchResults:
    """Entities whose names contain `text`, and articles and evidence matching its words
    (with `min_confidence`, the evidence of facts stored at least that confident only).
    SearchQueryError when `text` has no word in it."""
    limit, offset = clamp(limit, offset)
    fts.search_words(text)  # fail early, with the message, on "" or "***"
    threshold = check_min_confidence(min_confidence)
    with store.read() as conn:
        entities = fts.search_entities(conn, text, 10) if offset == 0 else []
        articles = fts.search_articles(conn, text, limit, offset)
        evidence = fts.search_evidence(conn, text, limit, offset, threshold)
    return SearchResults(
        query=text,
        entities=[EntityHit(id=e["id"], type=e["type"], name=e["name"], facts=int(e["facts"]))
                  for e in entities],
        articles=[_article_hit(r) for r in articles.rows], articles_total=articles.total,
        evidence=[_evidence_hit(r) for r in evidence.rows], evidence_total=evidence.total,
        limit=limit, offset=offset)


def _article_hit(row: dict[str, Any]) -> ArticleHit:
    snippet, marks = unmark(row["snippet"])
    return ArticleHit(id=row["id"], title=row["title"], published=row["published"],
                      source=row["source"], snippet=snippet, marks=marks)


def _evidence_hit(row: dict[str, Any]) -> EvidenceHit:
    snippet, marks = unmark(row["snippet"])
    return EvidenceHit(fact_id=row["id"], article_id=row["article_id"], type=row["type"],
                       change=row["change"],
                       person=row["person"], person_id=row["person_id"], org=row["org"],
                       org_id=row["org_id"], published=row["published"], title=row["title"],
                       snippet=snippet, marks=marks)


def stats(store: Store) -> Stats:
    with store.read() as conn:
        counts = reads.counts(conn)
    return Stats(articles=counts["articles"], facts=counts["facts"],
                 facts_total=sum(counts["facts"].values()), events=counts["events"],
                 entities=counts["entities"], extractor_versions=counts["extractor_versions"],
                 published_range=counts["published_range"])


def article_detail(store: Store, article_id: str, *,
                   min_confidence: float | None = None) -> ArticleDetail:
    """An article with its facts (with `min_confidence`, those stored at least that
    confident); NotFound (with close ids) when it is not stored."""
    check_min_confidence(min_confidence)
    with store.read() as conn:
        row = reads.article(conn, article_id)
        if row is None:
            ids = reads.article_ids_like(conn, article_id, 5)
            raise NotFound("article", article_id, ids)
        facts = keep_confident(
            stored_corrections.overlay(conn, reads.facts_of_article(conn, article_id)),
            min_confidence)
        sizes = reads.event_sizes(conn, (f["event_id"] for f in facts if f["event_id"]))
    article = Article(id=row["id"], text=row["text"], title=row["title"],
                      summary=row["summary"])
    ingested = row["ingested_at"]
    return ArticleDetail(
        id=row["id"], title=row["title"], summary=row["summary"], text=row["text"],
        full_text=article.full_text, published=row["published"], url=row["url"],
        source=row["source"], ingested_at=ingested.isoformat() if ingested else None,
        extractor_version=row["extractor_version"],
        facts=[StoredFact(id=f["id"], type=f["type"], start=f["ev_start"], end=f["ev_end"],
                          quote=f["ev_text"], confidence=float(f["confidence"]),
                          event_id=f["event_id"], event_articles=sizes.get(f["event_id"], 1),
                          fields=_fields(_corrected(f)), summary=fact_summary(_corrected(f)),
                          correction=correction_note(f["correction"]))
               for f in facts])


def _corrected(row: dict[str, Any]) -> dict[str, Any]:
    """The fact's FACTS.md dict with an edit in force applied, and its resolved ids."""
    data = dict(row["data"])
    correction = row["correction"]
    if correction and correction["action"] == "edit":
        data.update(correction["after"] or {})
        for name in ("person_id", "org_id"):
            if name in data:
                data[name] = row.get(name)
    return data


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items()
            if k not in ("type", "evidence", "confidence", "extractor_version") and v is not None}


def fact_summary(data: dict[str, Any]) -> str:
    """One line saying what a fact states, for lists and tooltips."""
    kind = data.get("type")
    if kind == "move":
        verb = "starts" if data.get("change") == "start" else "ends"
        role = f" as {data['role']}" if data.get("role") else ""
        org = f" at {data['org']}" if data.get("org") else ""
        when = f" ({data['date']})" if data.get("date") else ""
        status = "" if data.get("status") in (None, "done") else f" [{data['status']}]"
        return f"{data.get('person')} {verb}{role}{org}{when}{status}"
    if kind == "position":
        role = data.get("role") or "?"
        org = f", {data['org']}" if data.get("org") else ""
        return f"{data.get('person')}: {role}{org}"
    if kind == "partnership":
        return "partnership: " + " + ".join(data.get("orgs") or [])
    if kind == "amount":
        value, currency = data.get("value") or 0, data.get("currency") or ""
        return f"{data.get('org') or '?'} {data.get('kind')}: {value:,.0f} {currency}".strip()
    if kind == "market_share":
        share, market = data.get("value") or 0, data.get("market") or ""
        return f"{data.get('org') or '?'}: {share:.1%} {market}".strip()
    return str(kind)


def recent_articles(store: Store, *, limit: int = 20, offset: int = 0) -> ArticleList:
    """Stored articles, latest first, with how many facts each holds."""
    limit, offset = clamp(limit, offset)
    with store.read() as conn:
        rows, total = reads.recent_articles(conn, limit, offset)
    return ArticleList(articles=[ArticleSummary(**r) for r in rows], total=total,
                       limit=limit, offset=offset)


def names(store: Store, text: str, *, limit: int = 8) -> list[EntityHit]:
    """People and organisations whose name or alias contains `text` (accents and case
    ignored), the most documented first: for search-as-you-type."""
    limit, _ = clamp(limit, 0)
    with store.read() as conn:
        rows = fts.search_entities(conn, text, limit)
    return [EntityHit(id=r["id"], type=r["type"], name=r["name"], facts=int(r["facts"]))
            for r in rows]
