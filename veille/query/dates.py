"""Comparing the coarse normalised dates of FACTS.md ('2024', '2024-Q2', '2024-03-01')."""

from __future__ import annotations

from datetime import date

from veille.evaluate.intervals import date_interval


def interval(value: str | None) -> tuple[date, date] | None:
    """The days a normalised date covers, None when absent or unreadable. Published dates
    may be datetimes ('2024-01-15T08:00:00'): their day is kept."""
    if not value:
        return None
    try:
        return date_interval(value[:10] if len(value) > 10 and value[4] == "-" else value)
    except (ValueError, TypeError):
        return None


def sort_key(value: str | None) -> tuple[date, date]:
    """Earlier first; within the same start, the finer date first; unknown dates last."""
    span = interval(value)
    return span if span else (date.max, date.max)


def days_apart(first: str | None, second: str | None) -> int | None:
    """Days between two dates' intervals (0 when they overlap), None if one is unknown."""
    a, b = interval(first), interval(second)
    if a is None or b is None:
        return None
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date may fall within [since, until] (overlap of intervals)."""
    span = interval(value)
    if span is None:
        return since is None and until is None
    low, high = interval(since), interval(until)
    if low and span[1] < low[0]:
        return False
    return not (high and span[0] > high[1])


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day of a normalised date as ISO dates, (None, None) when unknown:
    what a spreadsheet can sort and filter on, beside the coarse value."""
    span = interval(value)
    return (span[0].isoformat(), span[1].isoformat()) if span else (None, None)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def readable(value: str | None) -> str:
    """A normalised date for people: '2012-SU' -> 'summer 2012', '2013-W20' -> 'week of
    13 May 2013', '2024-Q2' -> 'Q2 2024', '2024-03-05' -> '5 March 2024'."""
    span = interval(value)
    if not value or span is None:
        return value or ""
    text = value[:10]
    first = span[0]
    if len(text) == 4:
        return text
    code = text[5:]
    if code.startswith("Q"):
        return f"{code} {text[:4]}"
    if code in _SEASONS:
        return f"{_SEASONS[code]} {text[:4]}"
    if code.startswith("W"):
        return f"week of {first.day} {_MONTHS[first.month - 1]} {first.year}"
    if len(text) == 7:
        return f"{_MONTHS[first.month - 1]} {first.year}"
    return f"{first.day} {_MONTHS[first.month - 1]} {first.year}"


def shown_date(date: str | None, reported: str | None) -> str:
    """What a page says of a fact's date: its own date, readable, or that the text gives
    none and when it was reported (never the article's date as if it were the event's)."""
    if date:
        return readable(date)
    if reported:
        return f"date not given (reported on {readable(reported[:10])})"
    return "date not given"
