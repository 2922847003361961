"""Full-text search: the only dialect-specific reads (FTS5 on SQLite, tsvector on
PostgreSQL). User text is never passed through as query syntax: it is cut into words,
and each word becomes a quoted term (SQLite) or a plain to_tsquery term (PostgreSQL), the
last one matching as a prefix, so quotes, `*`, `NEAR(`, `OR` or SQL fragments are only
words to find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, text

from veille.errors import VeilleError
from veille.store import schema
from veille.store.names import fold

# Highlight markers in snippets; the query layer turns them into offsets.
MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 32


class SearchQueryError(VeilleError, ValueError):
    """The search text holds nothing to search for."""


def search_words(query: str) -> list[str]:
    words = _WORD.findall(query or "")
    if not words:
        raise SearchQueryError(
            f"nothing to search for in {query!r}: give at least one word (letters or digits)")
    return words[:MAX_QUERY_WORDS]


def _tsquery(words: list[str]) -> str:
    """PostgreSQL to_tsquery text: every word required, the last one as a prefix. \\w+
    words hold none of the tsquery operators (& | ! ( ) : * < > '). A prefix is not
    stemmed, and the French stemmer drops some accents ("Lefèvre" -> 'lefevr'), so the
    prefix is also tried without accents."""
    last = words[-1]
    plain = fold(last).replace(" ", "")
    prefix = f"{last}:*" if plain in ("", last.lower()) else f"({last}:* | {plain}:*)"
    return " & ".join([*words[:-1], prefix])


def _fts5_query(words: list[str]) -> str:
    # \w+ words hold no double quote, so quoting each makes it a plain term; the last
    # one is a prefix so that a search box can find "Berthaud" from "Berth".
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int


def search_articles(conn: Connection, query: str, limit: int, offset: int) -> Page:
    words = search_words(query)
    if conn.dialect.name == "postgresql":
        params = {"q": _tsquery(words), "limit": limit, "offset": offset}
        headline = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
        rows = conn.execute(text(f"""
            SELECT a.id, a.title, a.published, a.source,
                   ts_headline('french', coalesce(a.title, '') || ' ' || coalesce(a.summary, '')
                               || ' ' || a."text", q, '{headline}') AS snippet,
                   ts_rank(a.tsv, q) AS score
            FROM articles a, to_tsquery('french', :q) q
            WHERE a.tsv @@ q ORDER BY score DESC, a.id LIMIT :limit OFFSET :offset"""), params)
        total = conn.execute(text("""SELECT count(*) FROM articles a,
            to_tsquery('french', :q) q WHERE a.tsv @@ q"""), params).scalar_one()
    else:
        params = {"q": _fts5_query(words), "limit": limit, "offset": offset}
        rows = conn.execute(text(f"""
            SELECT a.id, a.title, a.published, a.source,
                   snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24) AS snippet,
                   bm25(articles_fts) AS score
            FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid
            WHERE articles_fts MATCH :q ORDER BY score, a.id LIMIT :limit OFFSET :offset"""),
            params)
        total = conn.execute(text(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), params).scalar_one()
    return Page([dict(r) for r in rows.mappings()], int(total))


def search_evidence(conn: Connection, query: str, limit: int, offset: int,
                    min_confidence: float | None = None) -> Page:
    """Facts whose evidence matches `query`; with `min_confidence` (checked by the
    caller), only those stored at least that confident, in the page and in the total."""
    words = search_words(query)
    cols = ("f.id, f.article_id, f.type, f.person, f.person_id, f.org, f.org_id, f.role, "
            "f.change, f.ev_text, a.published, a.title")
    # A bound parameter, never text: the threshold is filtered here so that pages and
    # totals count the same facts.
    confident = "" if min_confidence is None else " AND f.confidence >= :min_confidence"
    if conn.dialect.name == "postgresql":
        params = {"q": _tsquery(words), "limit": limit, "offset": offset,
                  "min_confidence": min_confidence}
        headline = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
        rows = conn.execute(text(f"""
            SELECT {cols}, ts_headline('french', f.ev_text, q, '{headline}') AS snippet
            FROM facts f JOIN articles a ON a.id = f.article_id,
                 to_tsquery('french', :q) q
            WHERE f.tsv @@ q{confident} ORDER BY ts_rank(f.tsv, q) DESC, f.id
            LIMIT :limit OFFSET :offset"""), params)
        total = conn.execute(text(f"""SELECT count(*) FROM facts f,
            to_tsquery('french', :q) q WHERE f.tsv @@ q{confident}"""), params).scalar_one()
    else:
        params = {"q": _fts5_query(words), "limit": limit, "offset": offset,
                  "min_confidence": min_confidence}
        rows = conn.execute(text(f"""
            SELECT {cols},
                   highlight(facts_fts, 0, '{MARK_START}', '{MARK_END}') AS snippet
            FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid
                 JOIN articles a ON a.id = f.article_id
            WHERE facts_fts MATCH :q{confident} ORDER BY bm25(facts_fts), f.id
            LIMIT :limit OFFSET :offset"""), params)
        total = conn.execute(text(f"""SELECT count(*) FROM facts_fts
            JOIN facts f ON f.id = facts_fts.rowid
            WHERE facts_fts MATCH :q{confident}"""), params).scalar_one()
    return Page([dict(r) for r in rows.mappings()], int(total))


def search_entities(conn: Connection, query: str, limit: int) -> list[dict[str, Any]]:
    """Entities one of whose names contains the folded query."""
    folded = fold(query)
    if not folded:
        return []
    names, ents = schema.entity_names, schema.entities
    fact_count = (select(func.count()).select_from(schema.facts)
                  .where((schema.facts.c.person_id == ents.c.id)
                         | (schema.facts.c.org_id == ents.c.id))
                  .scalar_subquery())
    matching = select(names.c.entity_id).where(
        names.c.folded.contains(folded, autoescape=True)).distinct().subquery()
    rows = conn.execute(
        select(ents.c.id, ents.c.type, ents.c.name, fact_count.label("facts"))
        .where(ents.c.id.in_(select(matching.c.entity_id)))
        .order_by(fact_count.desc(), ents.c.name).limit(limit))
    return [dict(r) for r in rows.mappings()]
