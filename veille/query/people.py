"""Careers and organisations: `person_timeline(store, name)` and `org_profile(store, name)`.

Facts are grouped by event, so a move reported by five articles is one step with five
sources. A step's date is the most precise date any source gives; when none gives one,
the earliest publication date stands in (flagged `date_is_published`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection

from veille import countries as country_names
from veille.query.dated_names import DatedNames, former_names
from veille.query.dates import bounds, shown_date, sort_key
from veille.query.filters import check_min_confidence, keep_confident
from veille.query.lookup import find_entity
from veille.query.records import (
    EntityRef,
    FormerName,
    Leader,
    OrgProfile,
    OtherFact,
    PersonTimeline,
    Source,
    Step,
)
from veille.store import Store, reads
from veille.store import corrections as stored_corrections
from veille.store.names import fold

Row = dict[str, Any]

# Leadership roles, most senior first: the order of an organisation's "who runs it" list.
ROLE_RANK = ["ceo", "chair", "president", "md", "deputy_md", "coo", "cfo", "cto", "cmo",
             "vp_sales", "vp", "partner", "director", "head", "board_member", "minister", "other"]


def person_timeline(store: Store, name: str, *,
                    min_confidence: float | None = None) -> PersonTimeline:
    """The career of the person known as `name`, oldest step first. NotFound if unknown.
    With `min_confidence`, only the facts stored at least that confident count."""
    check_min_confidence(min_confidence)
    with store.read() as conn:
        person = find_entity(conn, name, "person")
        rows = keep_confident(corrected(conn, reads.facts_of_person(conn, [person["id"]]),
                                        "person", {person["id"]}, ("move", "position")),
                              min_confidence)
        org_names = reads.entities_named(conn, (r["org_id"] for r in rows if r["org_id"]))
        namesakes = [e for e in reads.entity_by_name(conn, person["name"], "person")
                     if e["id"] != person["id"]]
    steps = group_steps(rows, org_names, {person["id"]: person["name"]})
    # The organisations by their current names; each step names it as it was then.
    orgs = {s.org_id: org_names.get(s.org_id, s.org) for s in steps if s.org_id and s.org}
    return PersonTimeline(
        person=_ref(person), steps=steps,
        orgs=[EntityRef(id=i, type="org", name=n) for i, n in orgs.items()],
        namesakes=sorted((_ref(e) for e in namesakes), key=lambda e: e.id),
        redirected_from=person.get("redirected_from"))


def org_profile(store: Store, name: str, *, min_confidence: float | None = None) -> OrgProfile:
    """Arrivals, departures and current leadership of the organisation `name`. With
    `min_confidence`, only the facts stored at least that confident count."""
    check_min_confidence(min_confidence)
    with store.read() as conn:
        org = find_entity(conn, name, "org")
        children = [c for c in reads.entities_with_parent(conn, org["id"])]
        ids = [org["id"], *(c["id"] for c in children)]
        folded = {fold(n) for n in [org["name"], *(org["aliases"] or [])]}
        rows = reads.facts_of_org(conn, ids, sorted(folded))
        others = [r for r in rows if r["type"] not in ("move", "position")]
        careers = corrected(conn, [r for r in rows if r["type"] in ("move", "position")],
                            "org", set(ids), ("move", "position"))
        rows = keep_confident(careers + others, min_confidence)
        people = reads.entities_named(conn, (r["person_id"] for r in rows if r["person_id"]))
        org_names = reads.entities_named(conn, ids)
    movers = [r for r in rows if r["type"] in ("move", "position")]
    steps = group_steps(movers, org_names, people)
    return OrgProfile(
        org=_ref(org),
        arrivals=[s for s in steps if s.kind == "start"],
        departures=[s for s in steps if s.kind == "end"],
        positions=[s for s in steps if s.kind == "position"],
        leadership=leadership(steps),
        other_facts=sorted((other_fact(r) for r in rows if r["type"] not in ("move", "position")),
                           key=lambda f: sort_key(f.date)),
        children=[_ref(c) for c in children], redirected_from=org.get("redirected_from"))


def corrected(conn: Connection, rows: list[Row], field: str, ids: set[str],
              types: tuple[str, ...]) -> list[Row]:
    """`rows` (facts of the entities `ids`) with analysts' corrections applied: rejected
    facts go, a fact edited to another entity goes, and a fact edited to one of `ids`
    comes in."""
    moved_in = stored_corrections.edited_to(conn, field, ids, field if field == "person"
                                            else "org")
    if moved_in:
        seen = {r["id"] for r in rows}
        rows = rows + [r for r in reads.facts_in_articles(conn, moved_in, types)
                       if r["id"] not in seen]
    rows = stored_corrections.overlay(conn, rows)
    return [r for r in rows if not r["rejected"] and r[f"{field}_id"] in ids]


def group_steps(rows: Iterable[Row], org_names: dict[str, str],
                person_names: dict[str, str]) -> list[Step]:
    """One Step per event (or per fact when it has no event), oldest first."""
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row["event_id"] if row["event_id"] is not None else f"f{row['id']}"].append(row)
    dated = DatedNames(org_names)
    steps = [_step(group, dated, person_names) for group in groups.values()]
    steps.sort(key=lambda s: (sort_key(s.date), s.kind != "end", s.org or ""))
    return steps


def _step(group: list[Row], orgs: DatedNames, person_names: dict[str, str]) -> Step:
    group.sort(key=lambda r: (-(r["confidence"] or 0), r["published"] or "", r["id"]))
    best = group[0]
    dates = [r["date"] or r["since"] for r in group if r["date"] or r["since"]]
    published = sorted(r["published"] for r in group if r["published"])
    date = max(dates, key=len) if dates else (published[0][:10] if published else None)
    roles = Counter(r["role"] for r in group if r["role"])
    kind = best["change"] if best["type"] == "move" else "position"
    start, end = bounds(date if dates else None)
    return Step(
        kind=kind, date=date, date_is_published=not dates,
        date_shown=shown_date(date if dates else None, published[0] if published else None),
        date_start=start, date_end=end,
        person=person_names.get(best["person_id"] or "", best["person"] or ""),
        person_id=best["person_id"],
        role=roles.most_common(1)[0][0] if roles else None,
        role_norm=next((r["role_norm"] for r in group if r["role_norm"]), None),
        org=orgs.shown(best["org_id"], date, best["org"]), org_id=best["org_id"],
        status=best["status"], interim=any(bool(r["interim"]) for r in group),
        current=best["current"], event_id=best["event_id"],
        sources=(sources := [_source(r) for r in
                             sorted(group, key=lambda r: (r["published"] or "", r["id"]))]),
        article_ids=list(dict.fromkeys(s.article_id for s in sources)),
    )


def _source(row: Row) -> Source:
    return Source(article_id=row["article_id"], fact_id=row["id"], quote=row["ev_text"],
                  start=row["ev_start"], end=row["ev_end"], published=row["published"],
                  title=row["article_title"], confidence=float(row["confidence"]))


def leadership(steps: list[Step]) -> list[Leader]:
    """Who holds a role at the organisation as far as the articles tell: a person with an
    arrival (not a rumoured one) or a current post there that no departure came after (an
    announced departure leaves them in post). A post described by the article that tells
    the departure is the post they left ("X, directeur juridique, a quitté Valeo")."""
    by_person: dict[str, list[Step]] = defaultdict(list)
    for step in steps:  # oldest first
        by_person[step.person_id or fold(step.person)].append(step)
    leaders = []
    for person_steps in by_person.values():
        ends = [s for s in person_steps if s.kind == "end" and s.status != "planned"]
        in_post = [s for s in person_steps
                   if ((s.kind == "start" and s.status != "reported")
                       or (s.kind == "position" and s.current is not False))
                   and all(_in_post_after(s, end) for end in ends)]
        if not in_post:
            continue
        step = in_post[-1]
        start = next((s for s in person_steps if s.kind == "start"), None)
        leaders.append(Leader(
            person=step.person, person_id=step.person_id, role=step.role,
            role_norm=step.role_norm,
            # the arrival's own date; an article's date is no "since"
            since=start.date if start and not start.date_is_published else None,
            last_seen=step.date, article_ids=step.article_ids))
    rank = {role: i for i, role in enumerate(ROLE_RANK)}
    leaders.sort(key=lambda lead: (rank.get(lead.role_norm or "", len(rank)), lead.person))
    return leaders


def _in_post_after(step: Step, end: Step) -> bool:
    """Whether `step` (an arrival or a post held) shows its person in post after the
    departure `end`: its own date comes later, or, when either is dated only by the
    articles, it was first reported after the departure last was."""
    if step.kind == "position" and set(step.article_ids) & set(end.article_ids):
        return False
    if not step.date_is_published and not end.date_is_published:
        return sort_key(step.date) > sort_key(end.date)
    first = min((s.published or "")[:10] for s in step.sources)
    last = max((s.published or "")[:10] for s in end.sources)
    return first > last


def other_fact(row: Row) -> OtherFact:
    if row["type"] == "partnership":
        summary = " + ".join(row["orgs"] or []) + (f": {row['subject']}" if row["subject"] else "")
        fields = {"orgs": row["orgs"], "subject": row["subject"], "status": row["status"]}
    elif row["type"] == "amount":
        summary = f"{row['kind']}: {row['value']:,.0f} {row['currency'] or ''}".strip()
        fields = {k: row[k] for k in ("org", "kind", "value", "currency", "place", "qualifier")}
    else:
        summary = f"{(row['value'] or 0):.1%} of {row['market'] or 'its market'}"
        fields = {k: row[k] for k in ("org", "value", "market", "period", "source")}
    return OtherFact(type=row["type"], summary=summary,
                     date=row["date"] or row["period"] or (row["published"] or "")[:10] or None,
                     article_id=row["article_id"], quote=row["ev_text"], fields=fields)


def _ref(row: Row) -> EntityRef:
    if row["type"] != "org":
        return EntityRef(id=row["id"], type=row["type"], name=row["name"],
                         aliases=list(row["aliases"] or []))
    country = row.get("country")
    return EntityRef(id=row["id"], type=row["type"], name=row["name"],
                     aliases=list(row["aliases"] or []), country=country,
                     country_name=country_names.name_of(country),
                     former_names=[FormerName(
                         name=p.name, since=p.since.isoformat() if p.since else None,
                         until=p.until.isoformat(), shown=f"{p.name} (until {p.until.year})")
                         for p in former_names(row["name"]) if p.until])
