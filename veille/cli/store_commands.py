"""`veille ingest` and `veille reprocess`: fill the knowledge base and keep it current.

The work is `veille.store.ingest_articles` / `reprocess`; these commands open the
database, show progress on stderr and print a summary.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from veille.cli.options import config_option, db_option, min_confidence_option, published_option
from veille.errors import InputError
from veille.records import Article, ExtractionResult
from veille.settings import Settings, load_settings
from veille.sources import InputNote, PublishedDateError, read_articles
from veille.sources.discover import InputKind, kind_of
from veille.sources.published import check_published
from veille.store import IngestTally, ingest_articles, open_store, reprocess
from veille.store.ingest import ExtractMany, count_to_reprocess

EXIT_OK, EXIT_PARTIAL = 0, 1
# Counting the lines of inputs bigger than this would cost more than the ETA is worth.
MAX_COUNTED_BYTES = 500_000_000
# Seconds between two progress lines when stderr is a log file rather than a terminal.
LOG_EVERY = 10.0


def lazy_extractor(settings: Settings) -> Callable[[Iterable[Article]], Iterator[ExtractionResult]]:
    """extract_many that loads the model only when an article needs extracting, so that
    re-ingesting unchanged files takes seconds."""

    def extract_many(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        iterator = iter(articles)
        first = next(iterator, None)
        if first is None:
            return
        from veille.facts.extractor import Extractor

        yield from Extractor(settings).extract_many(chain([first], iterator))

    return extract_many


@contextmanager
def ingest_extraction(settings: Settings) -> Iterator[ExtractMany]:
    """This process's extractor, or a pool of `settings.workers` processes; either loads
    the model only when an article needs extracting."""
    if settings.workers <= 1:
        yield lazy_extractor(settings)
        return
    from veille.batch.pool import pooled_extraction

    with pooled_extraction(settings, settings.workers) as extract_many:
        yield extract_many


def estimate_articles(paths: Iterable[str]) -> int | None:
    """How many articles the inputs hold, for the ETA; None when it cannot be known
    cheaply (standard input, very large files)."""
    total = 0
    for name in paths:
        if name == "-" or "://" in name:
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            kind = kind_of(file)
            if kind is InputKind.FEED:
                return None  # items are counted when the feed is parsed
            if kind in (InputKind.TEXT, InputKind.HTML):
                total += 1
            elif kind in (InputKind.JSONL, InputKind.JSONL_GZ):
                try:
                    if file.stat().st_size > MAX_COUNTED_BYTES:
                        return None
                    opener = gzip.open if kind is InputKind.JSONL_GZ else open
                    with opener(file, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except (OSError, EOFError):
                    continue  # the reader reports it
    return total


def _progress(console: Console, total: int | None) -> Progress:
    columns = [TextColumn("[bold]{task.description}"), BarColumn(),
               MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
               TextColumn("{task.fields[rate]} art/s, {task.fields[facts]} facts")]
    if total:
        columns += [TaskProgressColumn(), TimeRemainingColumn()]
    else:
        columns.append(TimeElapsedColumn())
    return Progress(*columns, console=console, transient=False)


def run_with_progress(description: str, total: int | None,
                      work: Callable[[Callable[[IngestTally], None]], IngestTally]) -> IngestTally:
    console = Console(stderr=True)
    if not console.is_terminal:
        return _run_with_log_lines(description, total, work)
    with _progress(console, total) as progress:
        task = progress.add_task(description, total=total, rate="0.0", facts=0)

        def update(tally: IngestTally) -> None:
            elapsed = max(tally.elapsed, 1e-6)
            progress.update(task, completed=tally.done, facts=tally.facts,
                            rate=f"{tally.done / elapsed:.1f}")

        tally = work(update)
        update(tally)
    return tally


def _run_with_log_lines(description: str, total: int | None,
                        work: Callable[[Callable[[IngestTally], None]], IngestTally]
                        ) -> IngestTally:
    """Progress for logs (stderr is not a terminal): one line every LOG_EVERY seconds."""
    last = [time.monotonic()]

    def update(tally: IngestTally) -> None:
        if time.monotonic() - last[0] < LOG_EVERY:
            return
        last[0] = time.monotonic()
        rate = tally.done / max(tally.elapsed, 1e-6)
        done = f"{tally.done}/{total}" if total else str(tally.done)
        eta = ""
        if total and rate > 0:
            eta = f", about {max(total - tally.done, 0) / rate / 60:.1f} min left"
        click.echo(f"{description}: {done} articles, {rate:.1f} art/s, {tally.facts} facts{eta}",
                   err=True)

    return work(update)


def report_problems(tally: IngestTally) -> None:
    """Each article's warnings, and each article the store refused, on stderr."""
    for warning in tally.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in tally.failed:
        click.echo(f"failed: {failure}", err=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@published_option
@config_option
@min_confidence_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the workers setting, 1); one writer "
              "stores their results in input order, so the base is the same whatever N.")
def ingest_command(paths: tuple[str, ...], db_url: str, published: str | None,
                   config_path: str | None, min_confidence: float | None, quiet: bool,
                   workers: int | None) -> int:
    """Read articles, extract their facts, resolve names and store everything.

    PATH is a JSONL (.jsonl, .gz), text or HTML file, an RSS or Atom feed (.rss, .atom,
    .xml, or an http(s) address), a folder of those, or "-" for standard input.
    Idempotent: an article already stored with the same content is skipped, one whose
    text changed is replaced. --min-confidence applies to the articles this run
    extracts (facts under it are not stored). Exit code 1 when some input was skipped."""
    try:
        check_published(published)
    except PublishedDateError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    settings = load_settings(config_path).with_values(workers=workers,
                                                      min_confidence=min_confidence)
    store = open_store(db_url)
    problems = {"skipped": 0}

    def report(problem: InputError) -> None:
        if not isinstance(problem, InputNote):
            problems["skipped"] += 1
        click.echo(f"{'note' if isinstance(problem, InputNote) else 'skipped'}: {problem}",
                   err=True)

    articles = read_articles(paths, published=published, on_error=report)
    with store, ingest_extraction(settings) as extract:
        if quiet:
            tally = ingest_articles(store, articles, extract)
        else:
            total = estimate_articles(paths)
            tally = run_with_progress("ingest", total, lambda update: ingest_articles(
                store, articles, extract, on_article=update))
    report_problems(tally)
    click.echo(f"ingest: {tally.summary()} into {store.display_url}", err=True)
    return EXIT_PARTIAL if problems["skipped"] or tally.failed else EXIT_OK


@click.command("reprocess")
@db_option
@config_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
def reprocess_command(db_url: str, config_path: str | None, quiet: bool) -> int:
    """Re-extract the stored articles whose facts an older extractor version made."""
    settings = load_settings(config_path)
    store = open_store(db_url, create=False)
    extract = lazy_extractor(settings)
    with store:
        total = count_to_reprocess(store)
        if quiet or not total:
            tally = reprocess(store, extract)
        else:
            tally = run_with_progress("reprocess", total,
                                      lambda update: reprocess(store, extract, on_article=update))
    report_problems(tally)
    click.echo(f"reprocess: {tally.summary()}", err=True)
    return EXIT_PARTIAL if tally.failed else EXIT_OK


commands: list[click.Command] = [ingest_command, reprocess_command]
