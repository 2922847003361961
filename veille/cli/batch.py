"""`veille batch`: a corpus in, facts shards (JSONL + Parquet) and a manifest out, the
partitions extracted on a Dask cluster (local, or remote given a scheduler address).

The work is `veille.batch.dask_engine.run_batch`; this command parses options, shows
progress and prints a summary.
"""

from __future__ import annotations

from pathlib import Path

import click

from veille.cli.options import config_option, fast_path_option, published_option
from veille.errors import InputError
from veille.settings import load_settings
from veille.sources import InputNote, PublishedDateError
from veille.sources.published import check_published

# Same values as veille.cli.main, which imports this module.
EXIT_OK, EXIT_PARTIAL = 0, 1
DEFAULT_PARTITION_SIZE = 500  # as veille.batch.dask_engine, not imported at start-up


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for facts-NNNNN.jsonl / .parquet shards and manifest.json (new or empty).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDR",
    help="Address of a running Dask scheduler (tcp://host:8786). Default: start a "
    "LocalCluster here.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="LocalCluster worker processes, one thread each (default: the workers setting). "
    "0 runs the partitions in this process without Dask. Ignored with --scheduler.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    help="Articles per partition (one task, one shard).",
)
@click.option(
    "--postgres",
    "store_url",
    default=None,
    metavar="URL",
    help="Also load the results into this knowledge base (postgresql://…; a SQLite path "
    "works too), with the same idempotent ingest as `veille ingest`.",
)
@published_option
@config_option
@fast_path_option
def batch_command(
    paths: tuple[str, ...],
    out_dir: str,
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    store_url: str | None,
    published: str | None,
    config_path: str | None,
    fast_path: bool | None,
) -> int:
    """Extract facts from a corpus in partitions on Dask workers, each loading the model
    once. Inputs are read as by `veille extract`; at most two partitions per worker are in
    flight, so memory does not grow with the corpus. Exit code 1 when some input was
    skipped or some article has a warning."""
    # Imported here: Dask and pyarrow cost a second to import, other commands never pay it.
    from veille.batch.dask_engine import BatchOptions, run_batch
    from veille.batch.progress import RunProgress

    try:
        check_published(published)
    except PublishedDateError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    settings = load_settings(config_path).with_values(fast_path=fast_path)
    options = BatchOptions(
        out_dir=Path(out_dir),
        partition_size=partition_size,
        workers=settings.workers if workers is None else workers,
        scheduler=scheduler,
        store_url=store_url,
    )
    with RunProgress("batch") as progress:
        progress.count_in_background(paths)

        def report(problem: InputError) -> None:
            kind = "note" if isinstance(problem, InputNote) else "skipped"
            progress.echo(f"{kind}: {problem}")

        manifest = run_batch(
            paths,
            settings,
            options,
            published=published,
            on_error=report,
            on_partition=lambda entry: progress.advance(entry.articles, entry.facts),
        )
    counts = manifest.counts
    click.echo(
        f"batch: {counts['articles']} article(s) in {counts['partitions']} partition(s), "
        f"{counts['facts']} fact(s) written to {out_dir} on {manifest.engine}; "
        f"{counts['skipped_inputs']} input(s) skipped, {counts['warnings']} article "
        f"warning(s); {progress.timing()}",
        err=True,
    )
    if store_url:
        click.echo("batch: results loaded into the --postgres database", err=True)
    return EXIT_PARTIAL if counts["skipped_inputs"] or counts["warnings"] else EXIT_OK


commands: list[click.Command] = [batch_command]
