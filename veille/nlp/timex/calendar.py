"""Calendar arithmetic: periods, their FACTS.md values, and choosing one occurrence.

A `Period` is a span of days with its normalised value. Relative and incomplete dates
("juin", "lundi", "l'été dernier") have one occurrence a year (or a week); which one is
meant depends on the publication date, on a relative word, or on the tense.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from veille.nlp.timex.expression import Tense

# A day this close to publication wins over a far one the tense prefers (see `choose`).
_NEAR_DAYS = 31


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    value: str


def day_period(day: date) -> Period:
    return Period(day, day, day.isoformat())


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    last = month_period(year, first_month + 2).last
    return Period(date(year, first_month, 1), last, f"{year:04d}-Q{quarter}")


def week_period(day: date) -> Period:
    """The ISO week holding `day`, labelled with its ISO year (which may differ near
    New Year: 2012-12-31 is in 2013-W01)."""
    iso_year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return Period(monday, monday + timedelta(days=6), f"{iso_year:04d}-W{week:02d}")


def season_period(year: int, code: str, months: tuple[int, ...]) -> Period:
    """Season `code` of `year`. A season spanning New Year (winter) is labelled with the
    year of its January, so its December lies in year - 1."""
    spans_new_year = months[0] > months[-1]
    first_year = year - 1 if spans_new_year else year
    first = date(first_year, months[0], 1)
    last = month_period(year, months[-1]).last
    return Period(first, last, f"{year:04d}-{code}")


def shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_of(unit: str, day: date) -> Period:
    """The period of the given unit (Y, Q, M, W, D) holding `day`."""
    if unit == "Y":
        return year_period(day.year)
    if unit == "Q":
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    if unit == "M":
        return month_period(day.year, day.month)
    if unit == "W":
        return week_period(day)
    return day_period(day)


def shift(unit: str, day: date, count: int) -> date:
    """`day` moved by `count` units (negative: back in time)."""
    if unit == "Y":
        return shift_months(day, 12 * count)
    if unit == "decade":
        return shift_months(day, 120 * count)
    if unit == "Q":
        return shift_months(day, 3 * count)
    if unit == "M":
        return shift_months(day, count)
    if unit == "W":
        return day + timedelta(weeks=count)
    return day + timedelta(days=count)


def distance(period: Period, day: date) -> int:
    """Days between `day` and the period (0 when the period holds it)."""
    if day < period.first:
        return (period.first - day).days
    if day > period.last:
        return (day - period.last).days
    return 0


def choose(
    candidates: Iterable[Period],
    published: date,
    *,
    relative: int | None = None,
    tense: Tense | None = None,
) -> Period | None:
    """The occurrence meant, among the candidates around the publication date.

    relative -1 ("dernier"): the latest one entirely before publication ("l'été
    dernier" in July is last year's). +1 ("prochain"): the earliest entirely after it.
    0 ("ce", "cet"): the nearest. With no relative word, the tense decides: past
    prefers the latest one at least a quarter elapsed by publication (what happened
    "au deuxième trimestre" in an article of 10 April is last year's: this one has
    barely begun; "en avril" on the same day may be this April), future the earliest
    one not yet over; no tense, the nearest, the past winning ties (news reports more
    than it announces).
    """
    ordered = sorted(candidates, key=lambda p: p.first)
    if relative == -1:
        before = [p for p in ordered if p.last < published]
        return before[-1] if before else None
    if relative == 1:
        after = [p for p in ordered if p.first > published]
        return after[0] if after else None
    if not ordered:
        return None
    nearest = min(ordered, key=lambda p: (distance(p, published), p.first > published))
    preferred: Period | None = None
    if relative is None and tense == "past":
        reached = [p for p in ordered if p.first + (p.last - p.first) / 4 <= published]
        preferred = reached[-1] if reached else None
    if relative is None and tense == "future":
        open_ = [p for p in ordered if p.last >= published]
        preferred = open_[0] if open_ else None
    if preferred is None:
        return nearest
    # A day a few days off beats one a year off whatever the verb: in "ils ont annoncé
    # la réouverture le 1er juillet" the tense belongs to the announcement.
    gap, near_gap = distance(preferred, published), distance(nearest, published)
    if preferred.first == preferred.last and near_gap <= _NEAR_DAYS < gap:
        return nearest
    return preferred
