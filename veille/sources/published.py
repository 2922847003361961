"""Publication dates as FACTS.md wants them: an ISO date or datetime string."""

from __future__ import annotations

from datetime import date, datetime

from veille.sources.problems import PublishedDateError


def is_iso_date(value: str) -> bool:
    """True for "2013-05-22", "2013-05-22T08:30:00", "2013-05-22T08:30:00+02:00"…"""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
        except ValueError:
            continue
        return True
    return False


def check_published(value: str | None) -> str | None:
    """`value` itself when it is None or an ISO date; PublishedDateError otherwise."""
    if value is None or is_iso_date(value):
        return value
    raise PublishedDateError(
        f"published date {value!r} is not an ISO date; give it as YYYY-MM-DD "
        "(or an ISO datetime such as 2013-05-22T08:30:00)"
    )
