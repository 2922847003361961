"""Filters shared by the questions: their error, the date check, and the
minimum-confidence filter (`--min-confidence X`, `min_confidence=`).

One rule for every question that lists stored facts: a fact is kept when its stored
`confidence` is at least X. Rows are filtered after analysts' corrections are applied
(`store.corrections.overlay`), so a fact an analyst confirmed or edited counts as
certain (1.0); talent flows and search read no corrections, so there the confidence is
the extractor's. The moves feed applies X to an event's highest confidence; search pages
in SQL, so it hands the checked threshold to the store; the other questions call
`keep_confident` on their fact rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from veille.query.dates import interval

Row = dict[str, Any]


class FilterError(ValueError):
    """A filter of a question has a value it cannot take (the message says which)."""


class DateError(FilterError):
    """A --since/--until value is not a FACTS.md date."""


def check_date(value: str | None, name: str) -> str | None:
    if value is not None and interval(value) is None:
        raise DateError(f"{name} must be a date like 2024, 2024-03 or 2024-03-15; "
                        f"got {value!r}")
    return value


def check_min_confidence(value: float | None) -> float | None:
    """`value` as a float when it is None or a probability; FilterError otherwise."""
    if value is None:
        return None
    # `not 0 <= value <= 1` also catches NaN, which compares false with everything.
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise FilterError(f"min_confidence must be a number between 0 and 1 (a "
                          f"probability); got {value!r}")
    return float(value)


def keep_confident(rows: Iterable[Row], min_confidence: float | None) -> list[Row]:
    """The fact rows whose confidence is at least `min_confidence` (all when None)."""
    threshold = check_min_confidence(min_confidence)
    if threshold is None:
        return list(rows)
    return [r for r in rows if float(r["confidence"] or 0) >= threshold]
