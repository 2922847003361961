"""`veille entities`: articles in, canonical entities (people, organisations) out.

Extracts the articles (like `veille extract`), resolves the names of their facts across
articles with `veille.resolve.Resolver`, and writes one JSON object per entity
(`Entity.to_dict()`). With `--facts FILE` the facts are also written, `person_id` and
`org_id` filled.

Two passes: the extracted facts are spilled to a temporary file while the articles each
person name appears in are counted, then resolved with those counts, so that a rare
misspelling read before its usual form reaches many articles still joins it (the batch
evidence of resolve/people.py). Memory stays flat whatever the input size.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO

import click

from veille.cli.options import config_option, output_option, published_option
from veille.errors import InputError
from veille.facts.extractor import Extractor
from veille.records import ExtractionResult, result_from_dict
from veille.resolve import Resolver, default_gazetteer
from veille.resolve.resolver import person_names
from veille.settings import load_settings
from veille.sources import PublishedDateError, read_articles
from veille.sources.published import check_published

EXIT_OK, EXIT_PARTIAL = 0, 1


def resolve_results(
    results: Iterable[ExtractionResult], resolver: Resolver
) -> Iterator[ExtractionResult]:
    """Each result with its ids filled, in input order; the resolver keeps the entities."""
    for result in results:
        yield resolver.add(result)


@click.command("entities")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@output_option
@click.option(
    "--facts",
    "facts_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Also write the facts (JSONL) with person_id / org_id filled to this file.",
)
@published_option
@config_option
def entities_command(
    paths: tuple[str, ...],
    output: str,
    facts_path: str | None,
    published: str | None,
    config_path: str | None,
) -> int:
    """Extract facts from articles and print the people and organisations they name,
    resolved across articles, one JSON object per entity (JSON Lines).

    Each entity has a stable id ("per:…", "org:…"), its aliases, its parent organisation,
    the articles naming it and why each merge was made. Exit code 1 when some input was
    skipped."""
    try:
        check_published(published)
    except PublishedDateError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    settings = load_settings(config_path)
    extractor = Extractor(settings)
    problems = 0

    def report(problem: InputError) -> None:
        nonlocal problems
        problems += 1
        click.echo(f"skipped: {problem}", err=True)

    extracted = extractor.extract_many(read_articles(paths, published=published, on_error=report))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        frequencies = _spill(extracted, spill)
        spill.seek(0)
        resolver = Resolver(gazetteer=default_gazetteer(settings), frequencies=frequencies)
        results = resolve_results((result_from_dict(json.loads(line)) for line in spill), resolver)
        articles = _write_facts(results, facts_path)
    entities = resolver.entities()
    with click.open_file(output, "w", encoding="utf-8") as out:
        for entity in entities:
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False) + "\n")
    people = sum(1 for e in entities if e.type == "person")
    click.echo(
        f"entities: {articles} article(s), {people} person(s), "
        f"{len(entities) - people} organisation(s)",
        err=True,
    )
    return EXIT_PARTIAL if problems else EXIT_OK


def _spill(results: Iterable[ExtractionResult], spill: IO[str]) -> Counter[str]:
    """Write `results` to `spill` (JSONL); per person name, the articles naming it."""
    counts: Counter[str] = Counter()
    for result in results:
        counts.update(person_names(result))
        spill.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return counts


def _write_facts(results: Iterable[ExtractionResult], path: str | None) -> int:
    """Consume `results`, writing them to `path` when given; the number of results."""
    count = 0
    if path is None:
        for _ in results:
            count += 1
        return count
    with click.open_file(path, "w", encoding="utf-8") as out:
        for result in results:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


commands: list[click.Command] = [entities_command]
