"""Options shared by several commands, defined once so they read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "veille.db"


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db_url",
        default=DEFAULT_DB,
        show_default=True,
        envvar="VEILLE_DB",
        help="SQLite file or database URL (postgresql://…). Env: VEILLE_DB.",
    )(f)


def published_option(f: F) -> F:
    return click.option(
        "--published",
        default=None,
        metavar="YYYY-MM-DD",
        help="Publication date for inputs that carry none (plain text, stdin).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(f)


def config_option(f: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="TOML settings file; it overrides only the settings it names.",
    )(f)


def output_option(f: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True),
        default="-",
        show_default=True,
        help="Output file ('-' for standard output).",
    )(f)


def fast_path_option(f: F) -> F:
    return click.option(
        "--fast-path/--no-fast-path",
        "fast_path",
        default=None,
        help="Parse only candidate sentences (default: the fast_path setting, on).",
    )(f)


def min_confidence_option(f: F) -> F:
    return click.option(
        "--min-confidence",
        "min_confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        help="Keep facts whose probability of being right is at least this "
        "(default: the decision model's thresholds, fitted in training).",
    )(f)


def fact_confidence_option(f: F) -> F:
    """`--min-confidence` of the questions: it filters facts already stored (the one of
    extract and ingest decides which facts are stored at all)."""
    return click.option(
        "--min-confidence",
        "min_confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        metavar="X",
        help="Only facts stored with a confidence of at least X (0-1); a fact an analyst "
        "confirmed or edited counts as 1.",
    )(f)
