"""Watch lists, and what they are for: the Atom feed of new moves and the digest.

`watch_add(store, "Valeo")` follows an organisation or a person in a named list
("default" unless told). `moves_atom` writes an Atom feed of moves (optionally of a
watch list, an organisation or a person); `digest` writes the new moves of a watch list
since a day, grouped by organisation, each with its evidence and source link, in
Markdown or HTML.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from veille.query.lookup import KIND, NotFound, find_entity, suggest
from veille.query.moves import MoveFilters, latest_moves
from veille.query.records import MoveEvent, Record
from veille.store import Store, reads
from veille.store import watches as stored

DEFAULT_LIST = "default"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class WatchEntry(Record):
    list: str
    entity_id: str
    type: str  # person | org
    name: str


def _entity(store: Store, name: str, type_: str | None) -> dict[str, object]:
    """The organisation (first) or person known as `name`, or NotFound naming both."""
    with store.read() as conn:
        for kind in [type_] if type_ else ["org", "person"]:
            try:
                return find_entity(conn, name, kind)
            except NotFound:
                continue
        close = suggest(conn, name, type_)
    raise NotFound(KIND.get(type_ or "", "person or organisation"), name, close)


def watch_add(store: Store, name: str, list_name: str = DEFAULT_LIST,
              type_: str | None = None) -> tuple[WatchEntry, bool]:
    """Follow the organisation or person `name`; (entry, False) when already followed."""
    entity = _entity(store, name, type_)
    with store.write() as conn:
        added = stored.add(conn, list_name, entity)
    return WatchEntry(list=list_name, entity_id=str(entity["id"]), type=str(entity["type"]),
                      name=str(entity["name"])), added


def watch_remove(store: Store, name: str, list_name: str = DEFAULT_LIST) -> WatchEntry | None:
    """Stop following `name` (a name, alias or id); None when it was not followed."""
    with store.read() as conn:
        followed = stored.listed(conn, list_name)
    wanted = {w["entity_id"] for w in followed}
    entity_id = name if name in wanted else None
    if entity_id is None:
        for kind in ("org", "person"):
            try:
                entity = _entity(store, name, kind)
            except NotFound:
                continue
            if entity["id"] in wanted:
                entity_id = str(entity["id"])
                break
    if entity_id is None:
        return None
    with store.write() as conn:
        stored.remove(conn, list_name, entity_id)
    row = next(w for w in followed if w["entity_id"] == entity_id)
    return WatchEntry(list=list_name, entity_id=entity_id, type=row["entity_type"],
                      name=row["name"])


def watch_list(store: Store, list_name: str | None = None) -> list[WatchEntry]:
    with store.read() as conn:
        rows = stored.listed(conn, list_name)
    return [WatchEntry(list=r["list"], entity_id=r["entity_id"], type=r["entity_type"],
                       name=r["name"]) for r in rows]


def headline(move: MoveEvent) -> str:
    """'Inès Roux joins Valeo as directrice de la stratégie (rumour)'."""
    verb = "joins" if move.change == "start" else "leaves"
    where = move.org or "an organisation not given"
    role = f" as {move.role}" if move.role else ""
    status = {"planned": " (announced)", "reported": " (rumour)"}.get(move.status or "", "")
    return f"{move.person} {verb} {where}{role}{status}"


def _source_link(base_url: str, article_id: str, url: str | None) -> str:
    from urllib.parse import quote

    return url or f"{base_url.rstrip('/')}/#/article/{quote(article_id, safe='')}"


def moves_atom(moves: list[MoveEvent], *, title: str, self_url: str, base_url: str,
               limit: int = 50) -> str:
    """An Atom 1.0 feed of `moves` (latest reported first), one entry per move; an
    entry is updated on the day the move was first reported."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    shown = moves[:limit]
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", _atom_time(shown[0].reported) if shown
        else datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    sub(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    sub(feed, "link", href=base_url, rel="alternate", type="text/html")
    sub(sub(feed, "author"), "name", "veille")
    sub(feed, "generator", "veille")
    for move in shown:
        entry = sub(feed, "entry")
        key = move.event_id if move.event_id is not None else f"f{move.sources[0].fact_id}"
        sub(entry, "id", f"{base_url.rstrip('/')}/#/move/{key}")
        sub(entry, "title", headline(move))
        sub(entry, "updated", _atom_time(move.reported))
        first = move.sources[0]
        sub(entry, "link", href=_source_link(base_url, first.article_id, first.url),
            rel="alternate")
        lines = [f"{move.date_shown}; confidence {move.confidence:.2f}"]
        lines += [f"« {s.quote} » — {s.title or s.article_id}"
                  f" ({_source_link(base_url, s.article_id, s.url)})" for s in move.sources]
        sub(entry, "summary", "\n".join(lines), type="text")
        if move.org:
            sub(entry, "category", term=move.org)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _atom_time(day: str | None) -> str:
    return f"{day}T00:00:00Z" if day else "1970-01-01T00:00:00Z"


def digest(store: Store, since: str, *, list_name: str = DEFAULT_LIST, fmt: str = "markdown",
           base_url: str = "http://127.0.0.1:8000", min_confidence: float | None = None) -> str:
    """The moves first reported on or after `since` at the organisations and of the
    people of the watch list, grouped by organisation, with evidence and source links;
    with `min_confidence`, only the moves at least that confident."""
    moves = latest_moves(store, MoveFilters(reported_since=since, watch_list=list_name,
                                            min_confidence=min_confidence))
    # one heading per organisation under its name today: a move dated before a rename
    # shows the name of its day ("LREM" in 2020) but belongs with the others
    with store.read() as conn:
        current = reads.entities_named(conn, [m.org_id for m in moves if m.org_id])
    groups: dict[str, list[MoveEvent]] = defaultdict(list)
    for move in moves:
        heading = current.get(move.org_id or "") or move.org or "(organisation not given)"
        groups[heading].append(move)
    title = f"New moves since {since} — watch list {list_name!r}"
    if fmt == "html":
        return _digest_html(title, groups, len(moves), base_url)
    out = [f"# {title}", "", f"{len(moves)} move(s) at {len(groups)} organisation(s).", ""]
    for org in sorted(groups, key=str.casefold):
        out += [f"## {org}", ""]
        for move in groups[org]:
            out.append(f"- **{headline(move)}** — {move.date_shown}, reported "
                       f"{move.reported or '?'}, confidence {move.confidence:.2f}")
            for source in move.sources:
                link = _source_link(base_url, source.article_id, source.url)
                out.append(f"  > « {source.quote} » — [{source.title or source.article_id}]"
                           f"({link})")
        out.append("")
    return "\n".join(out)


def _digest_html(title: str, groups: dict[str, list[MoveEvent]], count: int,
                 base_url: str) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title></head><body>", f"<h1>{e(title)}</h1>",
           f"<p>{count} move(s) at {len(groups)} organisation(s).</p>"]
    for org in sorted(groups, key=str.casefold):
        out.append(f"<h2>{e(org)}</h2><ul>")
        for move in groups[org]:
            out.append(f"<li><strong>{e(headline(move))}</strong> — {e(move.date_shown)}, "
                       f"reported {e(move.reported or '?')}, confidence "
                       f"{move.confidence:.2f}<ul>")
            for source in move.sources:
                link = _source_link(base_url, source.article_id, source.url)
                out.append(f"<li><blockquote>« {e(source.quote)} »</blockquote> "
                           f'<a href="{e(link)}">{e(source.title or source.article_id)}</a></li>')
            out.append("</ul></li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
