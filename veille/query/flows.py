"""Talent flows: who left organisation A for organisation B.

A flow is an `end` move at A and a `start` move at B (B is not A) for the same resolved
person, reported in the same article or dated less than a year apart. Each departure is
paired with its closest arrival; the same (person, A, B) found in several articles is
one flow with all its sources.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any
from xml.sax.saxutils import quoteattr

from veille.query.dated_names import DatedNames
from veille.query.dates import bounds, days_apart, in_range, sort_key
from veille.query.filters import check_date, check_min_confidence, keep_confident
from veille.query.lookup import find_entity
from veille.query.records import Flow
from veille.store import Store, reads

Row = dict[str, Any]
MAX_DAYS_APART = 366


def talent_flows(store: Store, *, since: str | None = None, until: str | None = None,
                 org: str | None = None, min_confidence: float | None = None) -> list[Flow]:
    """Flows dated within [since, until], optionally only those from or to `org`; with
    `min_confidence`, made of moves stored at least that confident only."""
    check_date(since, "since")
    check_date(until, "until")
    check_min_confidence(min_confidence)
    with store.read() as conn:
        org_id = find_entity(conn, org, "org")["id"] if org else None
        rows = keep_confident(reads.moves(conn, since, until), min_confidence)
        names = reads.entities_named(
            conn, [r["org_id"] for r in rows] + [r["person_id"] for r in rows])
    flows = pair_moves(rows, names)
    return [f for f in flows
            if in_range(f.date, since, until)
            and (org_id is None or org_id in (f.from_org_id, f.to_org_id))]


def _date(row: Row) -> str | None:
    return row["date"] or (row["published"] or "")[:10] or None


def pair_moves(rows: list[Row], names: dict[str, str]) -> list[Flow]:
    orgs = DatedNames(names)  # each organisation by its name at the move's date
    by_person: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    flows: dict[tuple[str, str, str], Flow] = {}
    for person_id, moves in by_person.items():
        ends = [m for m in moves if m["change"] == "end"]
        starts = [m for m in moves if m["change"] == "start"]
        for end in ends:
            best: tuple[int, Row] | None = None
            for start in starts:
                if start["org_id"] == end["org_id"]:
                    continue
                if start["article_id"] == end["article_id"]:
                    gap = 0
                else:
                    apart = days_apart(_date(end), _date(start))
                    if apart is None or apart > MAX_DAYS_APART:
                        continue
                    gap = apart + 1  # same article first, then the closest in time
                if best is None or gap < best[0]:
                    best = (gap, start)
            if best is None:
                continue
            start = best[1]
            key = (person_id, end["org_id"], start["org_id"])
            flow = flows.get(key)
            if flow is None:
                flow = flows[key] = Flow(
                    person=names.get(person_id) or start["person"] or "", person_id=person_id,
                    from_org=orgs.shown(end["org_id"], _date(end), end["org"]) or "",
                    from_org_id=end["org_id"],
                    to_org=orgs.shown(start["org_id"], _date(start), start["org"]) or "",
                    to_org_id=start["org_id"],
                    date=_date(start), role_from=end["role"], role_to=start["role"],
                    status=start["status"], article_ids=[], quotes=[])
            for row in (end, start):
                if row["article_id"] not in flow.article_ids:
                    flow.article_ids.append(row["article_id"])
                if row["ev_text"] not in flow.quotes:
                    flow.quotes.append(row["ev_text"])
            flow.role_from = flow.role_from or end["role"]
            flow.role_to = flow.role_to or start["role"]
    return sorted(flows.values(), key=lambda f: (sort_key(f.date), f.person))


FIELDS = ["date", "person", "from_org", "to_org", "role_from", "role_to", "status",
          "article_ids", "person_id", "from_org_id", "to_org_id", "date_start", "date_end"]


def flows_csv(flows: list[Flow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for flow in flows:
        row = flow.to_dict()
        row["article_ids"] = " ".join(flow.article_ids)
        row["date_start"], row["date_end"] = bounds(flow.date)
        writer.writerow(row)
    return out.getvalue()


def flows_graphml(flows: list[Flow]) -> str:
    """Organisations as nodes, one edge per (from, to) pair weighted by its people."""
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str], list[Flow]] = defaultdict(list)
    for flow in flows:
        nodes[flow.from_org_id] = flow.from_org
        nodes[flow.to_org_id] = flow.to_org
        edges[(flow.from_org_id, flow.to_org_id)].append(flow)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
        '  <key id="people" for="edge" attr.name="people" attr.type="string"/>',
        '  <graph id="flows" edgedefault="directed">',
    ]
    for node_id, name in sorted(nodes.items()):
        lines.append(f"    <node id={quoteattr(node_id)}>"
                     f"<data key=\"name\">{_text(name)}</data></node>")
    for (source, target), group in sorted(edges.items()):
        people = "; ".join(sorted({f.person for f in group}))
        lines.append(f"    <edge source={quoteattr(source)} target={quoteattr(target)}>"
                     f"<data key=\"weight\">{len(group)}</data>"
                     f"<data key=\"people\">{_text(people)}</data></edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return quoteattr(value)[1:-1]
