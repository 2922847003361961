"""`veille extract`: articles in, one line of facts (FACTS.md) per article out.

The command only wires library pieces together: `read_articles` (input stage),
`Extractor.extract_many` (extraction) and `write_results` (output), and reports.
`--workers N` gives `write_results` the `extract_many` of a pool of N processes
(`veille.batch.pool`) instead of the Extractor's; the progress bar (`veille.batch.progress`)
wraps whichever it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

import click

from veille.batch.progress import RunProgress
from veille.cli.options import (
    config_option,
    fast_path_option,
    min_confidence_option,
    output_option,
    published_option,
)
from veille.errors import InputError
from veille.facts.extractor import Extractor
from veille.records import Article, ExtractionResult
from veille.settings import Settings, load_settings
from veille.sources import InputNote, PublishedDateError, read_articles
from veille.sources.published import check_published

# Same values as veille.cli.main, which imports this module (so it cannot be imported here).
EXIT_OK, EXIT_PARTIAL = 0, 1

ExtractMany = Callable[[Iterable[Article]], Iterable[ExtractionResult]]


@dataclass
class ExtractTally:
    """What a run did, for the summary line and the exit code."""

    articles: int = 0
    facts: int = 0
    skipped: int = 0  # inputs, lines or articles the readers could not use
    notes: int = 0  # inputs read anyway, with something to say about them
    warnings: int = 0  # articles the extractor did not process (empty, too long)

    def record_problem(self, problem: InputError) -> str:
        """Count a reader problem; the line to show for it."""
        if isinstance(problem, InputNote):
            self.notes += 1
            return f"note: {problem}"
        self.skipped += 1
        return f"skipped: {problem}"

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.skipped or self.warnings else EXIT_OK

    def summary(self, output: str, timing: str | None = None) -> str:
        where = "standard output" if output == "-" else output
        line = (
            f"extract: {self.articles} article(s) read, {self.facts} fact(s) written to "
            f"{where}; {self.skipped} input(s) skipped, {self.warnings} article warning(s), "
            f"{self.notes} note(s)"
        )
        return f"{line}; {timing}" if timing else line


def write_results(
    articles: Iterable[Article],
    extract: ExtractMany,
    out: IO[str],
    tally: ExtractTally,
    on_warning: Callable[[str], None] = lambda _: None,
) -> ExtractTally:
    """Extract facts from `articles` with `extract` and write one JSON line per article
    to `out`, in input order, counting into `tally`."""
    for result in extract(articles):
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        tally.articles += 1
        tally.facts += len(result.facts)
        for warning in result.warnings:
            tally.warnings += 1
            on_warning(warning)
    return tally


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@output_option
@published_option
@config_option
@fast_path_option
@min_confidence_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes, each loading the model once (default: the workers "
    "setting, 1). Output order is the input order whatever N.",
)
def extract_command(
    paths: tuple[str, ...],
    output: str,
    published: str | None,
    config_path: str | None,
    fast_path: bool | None,
    min_confidence: float | None,
    workers: int | None,
) -> int:
    """Extract facts from articles: JSON Lines (.jsonl, .json, .gz), plain text (.txt),
    HTML pages (.html), folders of them, or "-" for standard input.

    Writes one JSON object per article (FACTS.md). Problems with the input are reported
    on stderr, one line each, and the rest is still read. Exit code 1 when some input
    was skipped."""
    try:
        check_published(published)
    except PublishedDateError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    settings = load_settings(config_path).with_values(
        fast_path=fast_path, workers=workers, min_confidence=min_confidence
    )
    tally = ExtractTally()
    # Loads the model (in every worker): fails before any output is made.
    with extraction(settings) as extract, RunProgress("extract") as progress:
        progress.count_in_background(paths, exclude=[output])

        def report(problem: InputError) -> None:
            progress.echo(tally.record_problem(problem))

        articles = read_articles(paths, published=published, on_error=report, exclude=[output])
        with click.open_file(output, "w", encoding="utf-8") as out:
            write_results(
                articles,
                progress.track(extract),
                out,
                tally,
                on_warning=lambda warning: progress.echo(f"warning: {warning}"),
            )
    click.echo(tally.summary(output, progress.timing()), err=True)
    return tally.exit_code


@contextmanager
def extraction(settings: Settings) -> Iterator[ExtractMany]:
    """The `extract_many` to use: this process's Extractor, or a pool of processes."""
    if settings.workers <= 1:
        yield Extractor(settings).extract_many
        return
    from veille.batch.pool import ExtractorPool

    with ExtractorPool(settings, settings.workers) as pool:
        yield pool.extract_many


commands: list[click.Command] = [extract_command]
