"""The moves feed: every move, one row per event, latest reported first.

`latest_moves(store, MoveFilters(...))` answers `veille moves`, `/api/moves`, the UI's
home page, the Atom feed and the digest. A move reported by several articles is one
event with all its sources; analysts' corrections are applied (a rejected report is
left out unless asked for, an edited one shows its new values, a checked one counts as
certain for the confidence filter).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from veille.query.dated_names import DatedNames
from veille.query.dates import bounds, in_range, interval, shown_date, sort_key
from veille.query.filters import FilterError, check_date, check_min_confidence
from veille.query.lookup import find_entity
from veille.query.records import CorrectionNote, MoveEvent, MoveSource
from veille.store import Store, reads
from veille.store import corrections as stored_corrections
from veille.store import watches as stored_watches
from veille.store.names import fold

Row = dict[str, Any]
STATUSES = ("done", "planned", "reported")
CHANGES = ("start", "end")


@dataclass(frozen=True)
class MoveFilters:
    """Which moves to list. Dates are FACTS.md dates; `since`/`until` bound the move's
    date (or, when the text gives none, the day it was reported); `reported_since` keeps
    the moves first reported on or after a day (what is new since then)."""

    since: str | None = None
    until: str | None = None
    reported_since: str | None = None
    org: str | None = None
    person: str | None = None
    role: str | None = None
    status: str | None = None
    change: str | None = None
    min_confidence: float | None = None
    watch_list: str | None = None
    include_rejected: bool = False

    def check(self) -> None:
        check_date(self.since, "since")
        check_date(self.until, "until")
        check_date(self.reported_since, "reported_since")
        if self.status is not None and self.status not in STATUSES:
            raise FilterError(f"status must be one of {', '.join(STATUSES)}; "
                              f"got {self.status!r}")
        if self.change is not None and self.change not in CHANGES:
            raise FilterError(f"change must be start or end; got {self.change!r}")
        check_min_confidence(self.min_confidence)


@dataclass
class _Scope:
    """The entity ids the name filters resolve to (None: no such filter)."""

    org_ids: set[str] | None = None
    person_ids: set[str] | None = None
    watched: set[str] | None = None
    names: dict[str, str] = field(default_factory=dict)


def latest_moves(store: Store, filters: MoveFilters | None = None) -> list[MoveEvent]:
    """The moves that pass `filters`, one per event, latest reported first."""
    filters = filters or MoveFilters()
    filters.check()
    with store.read() as conn:
        scope = _Scope()
        if filters.org:
            org = find_entity(conn, filters.org, "org")
            scope.org_ids = {org["id"], *(c["id"] for c in
                                          reads.entities_with_parent(conn, org["id"]))}
        if filters.person:
            scope.person_ids = {find_entity(conn, filters.person, "person")["id"]}
        if filters.watch_list is not None:
            watched = stored_watches.listed(conn, filters.watch_list)
            if not watched:
                raise FilterError(f"no watch list named {filters.watch_list!r} (or it is "
                                  "empty): add to it with `veille watch add NAME`")
            scope.watched = {w["entity_id"] for w in watched}
        pruned = filters.reported_since or _year_before(filters.since)
        rows = stored_corrections.overlay(conn, reads.all_moves(conn, pruned))
        scope.names = reads.entities_named(
            conn, [r[k] for r in rows for k in ("person_id", "org_id") if r[k]])
    if not filters.include_rejected:
        rows = [r for r in rows if not r["rejected"]]
    events = group_moves(rows, scope.names)
    kept = [e for e in events if _passes(e, filters, scope)]
    kept.sort(key=lambda e: (e.reported or "", _date_rank(e.date), e.person), reverse=True)
    return kept


def _year_before(since: str | None) -> str | None:
    # An article may report a move up to a year ahead of it (an announced arrival).
    return f"{int(since[:4]) - 1}" if since else None


def _date_rank(value: str | None) -> str:
    span = interval(value)
    return span[1].isoformat() if span else ""


def group_moves(rows: list[Row], names: dict[str, str]) -> list[MoveEvent]:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row["event_id"] if row["event_id"] is not None else f"f{row['id']}"].append(row)
    orgs = DatedNames(names)  # each organisation by its name at the move's date
    return [_event(group, names, orgs) for group in groups.values()]


def _event(group: list[Row], names: dict[str, str], orgs: DatedNames) -> MoveEvent:
    # A report an analyst checked speaks for the event, then the most confident.
    group.sort(key=lambda r: (r["correction"] is None or r["rejected"],
                              -(r["confidence"] or 0), r["published"] or "", r["id"]))
    best = group[0]
    checked = next((_checked(r) for r in group if _checked(r)), None)
    dates = [r["date"] for r in group if r["date"]]
    # The date of a checked report stands; otherwise the finest any report gives.
    date = best["date"] if checked and best["date"] else (
        max(dates, key=lambda d: (len(d), d)) if dates else None)
    published = sorted(r["published"][:10] for r in group if r["published"])
    reported = published[0] if published else None
    start, end = bounds(date)
    sources = [_source(r) for r in sorted(group, key=lambda r: (r["published"] or "", r["id"]))]
    return MoveEvent(
        event_id=best["event_id"], change=best["change"] or "start",
        person=names.get(best["person_id"] or "") or best["person"] or "",
        person_id=best["person_id"],
        org=orgs.shown(best["org_id"], date or reported, best["org"]),
        org_id=best["org_id"],
        role=best["role"] or next((r["role"] for r in group if r["role"]), None),
        role_norm=best["role_norm"] or next((r["role_norm"] for r in group if r["role_norm"]),
                                            None),
        status=best["status"], interim=bool(best["interim"]),
        date=date, date_start=start, date_end=end, date_shown=shown_date(date, reported),
        reported=reported, confidence=max(float(r["confidence"] or 0) for r in group),
        checked=checked, sources=sources)


def _checked(row: Row) -> str | None:
    correction = row["correction"]
    if correction is None or correction["action"] == "reject":
        return None
    return "confirmed" if correction["action"] == "confirm" else "edited"


def _source(row: Row) -> MoveSource:
    return MoveSource(
        article_id=row["article_id"], fact_id=row["id"], quote=row["ev_text"],
        start=row["ev_start"], end=row["ev_end"], published=row["published"],
        title=row["article_title"], url=row["url"], confidence=float(row["confidence"]),
        correction=correction_note(row["correction"]))


def correction_note(row: Row | None) -> CorrectionNote | None:
    if row is None:
        return None
    after = dict(row["after"] or {})
    before = {k: (row["before"] or {}).get(k) for k in after}
    created = row["created_at"]
    return CorrectionNote(id=int(row["id"]), action=row["action"], author=row["author"],
                          created_at=created.isoformat() if hasattr(created, "isoformat")
                          else str(created),
                          note=row["note"], before=before, after=after)


def _passes(event: MoveEvent, filters: MoveFilters, scope: _Scope) -> bool:
    if scope.org_ids is not None and event.org_id not in scope.org_ids:
        return False
    if scope.person_ids is not None and event.person_id not in scope.person_ids:
        return False
    if scope.watched is not None and not ({event.org_id, event.person_id} & scope.watched):
        return False
    if filters.status and event.status != filters.status:
        return False
    if filters.change and event.change != filters.change:
        return False
    if filters.role and not _role_matches(event, filters.role):
        return False
    if filters.min_confidence is not None and event.confidence < filters.min_confidence:
        return False
    if filters.reported_since and (event.reported or "") < interval(
            filters.reported_since)[0].isoformat():  # type: ignore[index]
        return False
    if filters.since or filters.until:
        return in_range(event.date or event.reported, filters.since, filters.until)
    return True


def _role_matches(event: MoveEvent, role: str) -> bool:
    """A role_norm ('cfo') or words of the role as written ('financière')."""
    wanted = fold(role)
    if event.role_norm and wanted == fold(event.role_norm):
        return True
    return bool(event.role) and set(wanted.split()) <= set(fold(event.role).split())


CSV_FIELDS = ["reported", "date", "date_start", "date_end", "change", "person", "org", "role",
              "role_norm", "status", "interim", "confidence", "checked", "sources",
              "article_ids", "urls", "quote", "person_id", "org_id", "event_id"]


def moves_csv(moves: list[MoveEvent]) -> str:
    """One line per move: the normalised date with its first and last ISO day beside it,
    every source article, and the quote of the first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for move in moves:
        row = move.to_dict()
        row["sources"] = len(move.sources)
        row["article_ids"] = " ".join(dict.fromkeys(s.article_id for s in move.sources))
        row["urls"] = " ".join(dict.fromkeys(s.url for s in move.sources if s.url))
        row["quote"] = move.sources[0].quote if move.sources else ""
        row["confidence"] = f"{move.confidence:.3f}"
        writer.writerow(row)
    return out.getvalue()


def sort_by_date(moves: list[MoveEvent]) -> list[MoveEvent]:
    """Oldest move first (by its own date, else its reported day)."""
    return sorted(moves, key=lambda m: sort_key(m.date or m.reported))
