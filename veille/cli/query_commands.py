"""The questions: `veille person|org|flows|search|stats`, and `veille serve` for the API
and the web UI. Each command calls one `veille.query` function and formats its record.

Exit codes: 0 answered, 1 unknown name (with suggestions), 2 bad option value.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from veille import query
from veille.cli.options import (
    config_option,
    db_option,
    fact_confidence_option,
    json_option,
    output_option,
)
from veille.query.records import ArticleHit, EvidenceHit, Mark, OrgProfile, PersonTimeline, Step
from veille.store import Store, open_store

EXIT_OK, EXIT_NOT_FOUND = 0, 1
# Where `veille serve` finds its token when no --token-file is given.
TOKEN_ENV = "VEILLE_API_TOKEN"
T = TypeVar("T")


def _ask(db_url: str, question: Callable[[Store], T]) -> T | None:
    """Run a question; an unknown name is reported here (None), other errors go up."""
    with open_store(db_url, create=False) as store:
        try:
            return question(store)
        except query.NotFound as exc:
            click.echo(f"Error: {exc}", err=True)
            return None
        except query.SearchQueryError as exc:
            raise click.UsageError(str(exc)) from exc
        except query.FilterError as exc:
            raise click.BadParameter(str(exc)) from exc


def _emit_json(data: Any, output: str = "-") -> None:
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _console() -> Console:
    # soft_wrap: long lines are left to the terminal, so that piped output keeps one
    # line per step (ids and quotes are never cut in two).
    return Console(highlight=False, soft_wrap=True)


def _step_line(step: Step, *, who: str) -> str:
    when = "—" if step.date_is_published else (step.date or "????")
    kind = {"start": "start", "end": "end", "position": "holds"}[step.kind]
    if step.kind == "position" and step.current is False:
        kind = "held"
    bits = [f"{when:<11}", f"{kind:<5}", who]
    if step.role:
        bits.append(f"— {step.role}")
    extra = [x for x in ("interim" if step.interim else None,
                         step.status if step.status not in (None, "done") else None) if x]
    if extra:
        bits.append(f"({', '.join(extra)})")
    if step.date_is_published:
        bits.append(f"— {step.date_shown}")
    bits.append(f"[{', '.join(step.article_ids)}]")
    return " ".join(bits)


def _print_redirect(console: Console, old_id: str | None, kind: str) -> None:
    """Asked by an id merged away (by hand or by an ingest): say where it led, so that
    a different name on top is not taken for a wrong answer."""
    if old_id:
        console.print(escape(f"  {old_id} was merged into this {kind}"))


def print_person(timeline: PersonTimeline) -> None:
    console = _console()
    person = timeline.person
    aliases = f" — also: {', '.join(person.aliases)}" if person.aliases else ""
    console.print(f"[bold]{escape(person.name)}[/bold] ({person.id}){escape(aliases)}")
    _print_redirect(console, timeline.redirected_from, "person")
    if timeline.namesakes:
        console.print(escape(f"  this name is shared: {len(timeline.namesakes)} other "
                             "person(s) by that name, "
                             + ", ".join(e.id for e in timeline.namesakes)
                             + " (ask for one by its id)"))
    if not timeline.steps:
        console.print("  no move or position stored")
    for step in timeline.steps:
        console.print("  " + escape(_step_line(step, who=step.org or "(organisation unknown)")))
        for source in step.sources[:3]:
            console.print(f"      [dim]« {escape(source.quote)} »[/dim]")


def print_org(profile: OrgProfile) -> None:
    console = _console()
    org = profile.org
    former = {f.name for f in org.former_names}
    others = [a for a in org.aliases if a not in former]
    aliases = f" — also: {', '.join(others)}" if others else ""
    console.print(f"[bold]{escape(org.name)}[/bold] ({org.id}){escape(aliases)}")
    _print_redirect(console, profile.redirected_from, "organisation")
    if org.former_names:
        console.print(escape("  also known as " + ", ".join(f.shown for f in org.former_names)))
    console.print(escape(f"  country: {org.country_name or org.country} ({org.country})"
                         if org.country else "  country: not known"))
    if profile.children:
        console.print("  includes: " + escape(", ".join(c.name for c in profile.children)))
    console.print("[bold]Current leadership (as reported)[/bold]")
    for lead in profile.leadership or []:
        since = f" since {lead.since}" if lead.since else ""
        console.print(escape(f"  {lead.person} — {lead.role or '?'}{since} "
                             f"[{', '.join(lead.article_ids)}]"))
    if not profile.leadership:
        console.print("  (none known)")
    for title, steps in (("Arrivals", profile.arrivals), ("Departures", profile.departures)):
        console.print(f"[bold]{title}[/bold]")
        for step in steps:
            console.print("  " + escape(_step_line(step, who=step.person)))
        if not steps:
            console.print("  (none)")
    if profile.other_facts:
        console.print("[bold]Other facts[/bold]")
        for fact in profile.other_facts:
            console.print(escape(f"  {fact.date or '????':<11} {fact.type:<12} "
                                 f"{fact.summary} [{fact.article_id}]"))


@click.command("person")
@click.argument("name")
@db_option
@fact_confidence_option
@json_option
def person_command(name: str, db_url: str, min_confidence: float | None, as_json: bool) -> int:
    """Career timeline of a person: moves and positions across articles, with evidence."""
    timeline = _ask(db_url, lambda store: query.person_timeline(
        store, name, min_confidence=min_confidence))
    if timeline is None:
        return EXIT_NOT_FOUND
    if as_json:
        _emit_json(timeline.to_dict())
    else:
        print_person(timeline)
    return EXIT_OK


@click.command("org")
@click.argument("name")
@db_option
@fact_confidence_option
@json_option
def org_command(name: str, db_url: str, min_confidence: float | None, as_json: bool) -> int:
    """Arrivals, departures and current leadership of an organisation."""
    profile = _ask(db_url, lambda store: query.org_profile(
        store, name, min_confidence=min_confidence))
    if profile is None:
        return EXIT_NOT_FOUND
    if as_json:
        _emit_json(profile.to_dict())
    else:
        print_org(profile)
    return EXIT_OK


@click.command("flows")
@db_option
@click.option("--since", default=None, metavar="DATE", help="Only flows from this date on.")
@click.option("--until", default=None, metavar="DATE", help="Only flows up to this date.")
@click.option("--org", default=None, metavar="NAME", help="Only flows from or to this org.")
@fact_confidence_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "graphml"]),
              default="table", show_default=True)
@json_option
@output_option
def flows_command(db_url: str, since: str | None, until: str | None, org: str | None,
                  min_confidence: float | None, fmt: str, as_json: bool, output: str) -> int:
    """Talent flows: who left organisation A for organisation B (same article, or an end
    and a start less than a year apart)."""
    flows = _ask(db_url, lambda store: query.talent_flows(
        store, since=since, until=until, org=org, min_confidence=min_confidence))
    if flows is None:
        return EXIT_NOT_FOUND
    fmt = "json" if as_json else fmt
    if fmt == "json":
        _emit_json([f.to_dict() for f in flows], output)
        return EXIT_OK
    if fmt in ("csv", "graphml"):
        text = query.flows_csv(flows) if fmt == "csv" else query.flows_graphml(flows)
        with click.open_file(output, "w", encoding="utf-8") as out:
            out.write(text)
        return EXIT_OK
    table = Table(title=f"{len(flows)} talent flow(s)")
    for column in ("date", "person", "from", "to", "role", "articles"):
        table.add_column(column)
    for flow in flows:
        table.add_row(flow.date or "", flow.person, flow.from_org, flow.to_org,
                      flow.role_to or flow.role_from or "", ", ".join(flow.article_ids))
    if output == "-":
        _console().print(table)
    else:
        with open(output, "w", encoding="utf-8") as out:
            Console(file=out, width=160).print(table)
    return EXIT_OK


def _marked(snippet: str, marks: list[Mark]) -> str:
    out, last = [], 0
    for mark in marks:
        out += [escape(snippet[last:mark.start]), "[bold yellow]",
                escape(snippet[mark.start:mark.end]), "[/bold yellow]"]
        last = mark.end
    out.append(escape(snippet[last:]))
    return "".join(out).replace("\n", " ")


@click.command("search")
@click.argument("text")
@db_option
@json_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@fact_confidence_option
def search_command(text: str, db_url: str, as_json: bool, limit: int, offset: int,
                   min_confidence: float | None) -> int:
    """Full-text search over articles and evidence, and names of people and organisations.
    Every word must appear (accents and case ignored); the last may be a word's start.
    --min-confidence filters the evidence (facts), not the articles."""
    results = _ask(db_url, lambda store: query.search(
        store, text, limit=limit, offset=offset, min_confidence=min_confidence))
    if results is None:
        return EXIT_NOT_FOUND
    if as_json:
        _emit_json(results.to_dict())
        return EXIT_OK
    console = _console()
    if results.entities:
        console.print("[bold]Names[/bold]")
        for entity in results.entities:
            console.print(f"  {entity.type:<6} {escape(entity.name)} ({entity.facts} facts)")
    hits: list[tuple[str, list[ArticleHit] | list[EvidenceHit], int]] = [
        ("Articles", results.articles, results.articles_total),
        ("Evidence", results.evidence, results.evidence_total)]
    for title, items, total in hits:
        shown = f"{offset + 1}-{offset + len(items)} of {total}" if items else f"0 of {total}"
        console.print(f"[bold]{title}[/bold] ({shown})")
        for hit in items:
            label = hit.id if isinstance(hit, ArticleHit) else f"{hit.article_id} {hit.type}"
            console.print(f"  [cyan]{escape(label)}[/cyan] {hit.published or ''}  "
                          f"{_marked(hit.snippet, hit.marks)}")
    return EXIT_OK


@click.command("stats")
@db_option
@json_option
def stats_command(db_url: str, as_json: bool) -> int:
    """What the knowledge base holds: articles, facts by type, events, entities."""
    stats = _ask(db_url, query.stats)
    assert stats is not None
    if as_json:
        _emit_json(stats.to_dict())
        return EXIT_OK
    low, high = stats.published_range
    click.echo(f"articles: {stats.articles} (published {low or '?'} to {high or '?'})")
    click.echo(f"facts:    {stats.facts_total}")
    for kind, count in sorted(stats.facts.items()):
        click.echo(f"  {kind:<13} {count}")
    click.echo(f"events:   {stats.events}")
    click.echo("entities: " + ", ".join(f"{n} {k}" for k, n in sorted(stats.entities.items())))
    click.echo("extractor versions: " + ", ".join(
        f"{v} ({n} articles)" for v, n in sorted(stats.extractor_versions.items())))
    return EXIT_OK


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Beyond localhost a token is required.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name the server answers to besides localhost (repeatable; "
              "'*.example.org' for subdomains). Other Host headers get 400.")
@click.option("--token-file", type=click.File("r", encoding="utf-8"), default=None,
              help="File holding the token every request must carry (Authorization: "
              "Bearer TOKEN). Default: the VEILLE_API_TOKEN environment variable.")
@config_option
def serve_command(db_url: str, host: str, port: int, allowed_hosts: tuple[str, ...],
                  token_file: TextIO | None, config_path: str | None) -> int:
    """Serve the web UI (/) and the REST API (/api, schema at /openapi.json). The
    settings (--config) are those explanations (/api/explain/ID) extract with."""
    import uvicorn

    from veille.api import create_app
    from veille.api.security import exposure_for_bind
    from veille.settings import load_settings

    settings = load_settings(config_path)
    token = (token_file.read() if token_file else os.environ.get(TOKEN_ENV, "")).strip()
    exposure = exposure_for_bind(host, token or None, allowed_hosts)
    app = create_app(db_url, exposure, settings=settings)
    where = app.state.store.display_url
    login = "/?token=…" if exposure.token else "/"
    click.echo(f"veille: serving {where} on http://{host}:{port}{login} (API docs at /docs)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return EXIT_OK


commands: list[click.Command] = [person_command, org_command, flows_command, search_command,
                                 stats_command, serve_command]
