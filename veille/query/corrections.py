"""Corrections that teach: confirm, reject or edit a fact; the review queue; the
corrections exported as FACTS.md gold.

Corrections are stored apart from the facts (`veille.store.corrections`), so they
survive re-extraction and are shown as corrections (who, when, before and after).
`export_gold` writes, for each corrected article, a gold line `veille evaluate` reads
(and `corrected_articles` those articles, for files whose text is not elsewhere):
the facts an analyst confirmed or edited are required, a rejected fact is absent (so
predicting it again is a false positive), and the facts nobody reviewed are optional
(neither rewarded nor punished), so that the file says only what a person checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.evaluate.intervals import is_valid_date
from veille.query.filters import FilterError
from veille.query.lookup import NotFound
from veille.query.moves import STATUSES, correction_note
from veille.query.records import CorrectionNote, Record
from veille.store import Store, reads
from veille.store import corrections as stored
from veille.store.corrections import ACTIONS, EDITABLE

REVIEWED_TYPES = ("move", "position")
# FACTS.md fields that are the system's, not the annotator's.
_SYSTEM_FIELDS = ("confidence", "extractor_version", "person_id", "org_id")


class CorrectionError(FilterError):
    """A correction that cannot be stored as asked (the message says why)."""


@dataclass(frozen=True)
class CorrectionRequest:
    """What an analyst asks: `action` confirm | reject | edit; for an edit, the new
    values of some of the fact's editable fields."""

    action: str
    fields: dict[str, Any] = field(default_factory=dict)
    author: str = "analyst"
    note: str | None = None


@dataclass
class ReviewItem(Record):
    fact_id: int
    article_id: str
    title: str | None
    published: str | None
    type: str
    confidence: float
    quote: str
    fields: dict[str, Any]


@dataclass
class ReviewList(Record):
    facts: list[ReviewItem]
    total: int
    limit: int
    offset: int


@dataclass
class CorrectionView(Record):
    """A correction with the fact it applies to today (None when re-extraction no longer
    finds that fact)."""

    article_id: str
    fact_id: int | None
    fact_type: str
    correction: CorrectionNote
    extracted: dict[str, Any]


def correct_fact(store: Store, fact_id: int, request: CorrectionRequest) -> CorrectionNote:
    """Store the analyst's correction of the fact `fact_id`. NotFound for an unknown
    fact, CorrectionError for an action or a value it cannot take."""
    with store.write() as conn:
        fact = reads.fact(conn, fact_id)
        if fact is None:
            raise NotFound("fact", str(fact_id))
        after = _checked_edit(fact["type"], request)
        row = stored.add(conn, fact, request.action, after, request.author.strip()[:200],
                         request.note)
    note = correction_note(row)
    assert note is not None
    return note


def _checked_edit(fact_type: str, request: CorrectionRequest) -> dict[str, Any] | None:
    if request.action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}; "
                              f"got {request.action!r}")
    if not request.author.strip():
        raise CorrectionError("a correction needs its author's name")
    if request.action != "edit":
        if request.fields:
            raise CorrectionError(f"{request.action} takes no fields; use action 'edit'")
        return None
    editable = EDITABLE.get(fact_type)
    if editable is None:
        raise CorrectionError(f"a {fact_type} can be confirmed or rejected, not edited")
    unknown = sorted(set(request.fields) - set(editable))
    if unknown or not request.fields:
        raise CorrectionError(f"an edit of a {fact_type} changes some of: "
                              f"{', '.join(editable)}; got {unknown or 'nothing'}")
    after: dict[str, Any] = {}
    for name, value in request.fields.items():
        if isinstance(value, str):
            value = value.strip() or None
        if name in ("date", "since", "until") and value is not None \
                and not is_valid_date(value):
            raise CorrectionError(f"{name} must be a FACTS.md date (2024, 2024-Q2, 2012-SU, "
                                  f"2024-03, 2013-W20, 2024-03-15); got {value!r}")
        if name == "status" and value not in STATUSES:
            raise CorrectionError(f"status must be one of {', '.join(STATUSES)}; got {value!r}")
        if name == "change" and value not in ("start", "end"):
            raise CorrectionError(f"change must be start or end; got {value!r}")
        if name == "person" and not value:
            raise CorrectionError("a fact about a person needs the person's name")
        if name in ("interim", "current") and value is not None and not isinstance(value, bool):
            raise CorrectionError(f"{name} must be true or false; got {value!r}")
        after[name] = value
    return after


def review_queue(store: Store, *, limit: int = 20, offset: int = 0) -> ReviewList:
    """Moves and positions nobody corrected yet, least confident first."""
    with store.read() as conn:
        in_force = stored.in_force(conn)
        rows = reads.least_confident(conn, REVIEWED_TYPES, offset + limit + len(in_force))
        total = reads.count_facts(conn, REVIEWED_TYPES)
        corrected_now = [r for r in reads.facts_in_articles(
            conn, {a for a, _ in in_force}, REVIEWED_TYPES)
            if (r["article_id"], stored.fact_key(r)) in in_force]
    done = {r["id"] for r in corrected_now}
    todo = [r for r in rows if r["id"] not in done]
    items = [ReviewItem(fact_id=r["id"], article_id=r["article_id"], title=r["article_title"],
                        published=r["published"], type=r["type"],
                        confidence=float(r["confidence"]), quote=r["ev_text"],
                        fields=_editable_values(r)) for r in todo[offset:offset + limit]]
    return ReviewList(facts=items, total=total - len(done), limit=limit, offset=offset)


def _editable_values(row: dict[str, Any]) -> dict[str, Any]:
    return {name: row.get(name) for name in EDITABLE.get(row["type"], ())}


def corrections(store: Store) -> list[CorrectionView]:
    """Every correction in force, newest first, with the fact it applies to today."""
    with store.read() as conn:
        in_force = stored.in_force(conn)
        facts = reads.facts_in_articles(conn, {a for a, _ in in_force}, REVIEWED_TYPES)
    by_key = {(r["article_id"], stored.fact_key(r)): r["id"] for r in facts}
    views = []
    for key, row in in_force.items():
        note = correction_note(row)
        assert note is not None
        views.append(CorrectionView(article_id=row["article_id"], fact_id=by_key.get(key),
                                    fact_type=row["fact_type"], correction=note,
                                    extracted=dict(row["before"] or {})))
    views.sort(key=lambda v: v.correction.created_at, reverse=True)
    return views


def export_gold(store: Store) -> list[dict[str, Any]]:
    """One FACTS.md gold line per corrected article (see the module's docstring)."""
    with store.read() as conn:
        in_force = stored.in_force(conn)
        article_ids = sorted({a for a, _ in in_force})
        facts = reads.facts_in_articles(conn, article_ids, REVIEWED_TYPES)
        published = {a: (reads.article(conn, a) or {}).get("published") for a in article_ids}
    stored_facts: dict[str, list[dict[str, Any]]] = {a: [] for a in article_ids}
    for row in sorted(facts, key=lambda r: (r["article_id"], r["seq"])):
        stored_facts[row["article_id"]].append(row)
    lines = []
    for article_id in article_ids:
        gold: list[dict[str, Any]] = []
        matched: set[str] = set()
        for row in stored_facts[article_id]:
            key = stored.fact_key(row)
            correction = in_force.get((article_id, key))
            data = _fact_data(row)
            if correction is None:
                gold.append({**data, "optional": True})
                continue
            matched.add(key)
            if correction["action"] != "reject":
                gold.append({**data, **(correction["after"] or {})})
        # A checked fact that re-extraction no longer finds is still gold.
        for (corrected_article, key), correction in sorted(in_force.items()):
            if corrected_article == article_id and key not in matched \
                    and correction["action"] != "reject":
                gold.append({**_clean(correction["before"]), **(correction["after"] or {})})
        lines.append({"id": article_id, "published": published[article_id], "facts": gold})
    return lines


def _fact_data(row: dict[str, Any]) -> dict[str, Any]:
    data = dict(row.get("data") or {})
    if not data:  # rows read without their FACTS.md dict
        data = {"type": row["type"], "evidence": {"start": row["ev_start"], "end": row["ev_end"],
                                                  "text": row["ev_text"]}}
        data.update(_editable_values(row))
    return _clean(data)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _SYSTEM_FIELDS}


ARTICLE_FIELDS = ("id", "title", "summary", "text", "published", "url", "lang", "source")


def corrected_articles(store: Store) -> list[dict[str, Any]]:
    """The stored articles `export_gold` writes gold for, as FACTS.md input articles, so
    that the gold travels with its text (`veille evaluate GOLD ARTICLES`, the training
    data of `veille train`), whatever the articles were read from (a feed, a folder)."""
    with store.read() as conn:
        ids = sorted({a for a, _ in stored.in_force(conn)})
        rows = [reads.article(conn, a) for a in ids]
    return [{k: row[k] for k in ARTICLE_FIELDS} for row in rows if row is not None]
