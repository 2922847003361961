"""Normalised dates (FACTS.md "Dates") as closed intervals of calendar days.

Every normalised date names a span of days, coarse to fine: a year, a quarter, a season,
a month, an ISO week or a single day. Scoring asks whether a predicted date lies inside
the gold one, which is interval containment; this module is the one place that knows the
forms. It imports nothing beyond the standard library so any stage can reuse it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from veille.errors import VeilleError

FORMS_HELP = "YYYY, YYYY-Qn, YYYY-SP|SU|FA|WI, YYYY-MM, YYYY-Www or YYYY-MM-DD"

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class DateFormatError(VeilleError, ValueError):
    """A value is not a normalised date of FACTS.md."""

    def __init__(self, value: object, reason: str = ""):
        self.value = value
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"not a normalised date: {value!r}{detail}; expected one of {FORMS_HELP}, "
            "e.g. 2013, 2013-Q3, 2012-SU, 2013-06, 2013-W20, 2013-05-22"
        )


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def season_interval(year: int, season: str) -> tuple[date, date]:
    """Meteorological seasons of the northern hemisphere, which French news writes in:

    - SP (printemps) = 1 March to 31 May of YYYY,
    - SU (été) = 1 June to 31 August of YYYY,
    - FA (automne) = 1 September to 30 November of YYYY,
    - WI (hiver) = 1 December of YYYY to the end of February of YYYY+1, so that
      "l'hiver 2013" is the winter that starts in December 2013.
    """
    if season == "WI":
        return date(year, 12, 1), _month_interval(year + 1, 2)[1]
    first_month = {"SP": 3, "SU": 6, "FA": 9}[season]
    return date(year, first_month, 1), _month_interval(year, first_month + 2)[1]


def date_interval(value: str) -> tuple[date, date]:
    """The first and last day (both included) that a normalised date covers.

    Raises DateFormatError when `value` is not one of the FACTS.md forms or names a day,
    month or week that does not exist (2013-13, 2013-02-30, 2013-W53).
    """
    if not isinstance(value, str):
        raise DateFormatError(value, f"a string is needed, got {type(value).__name__}")
    text = value.strip()
    try:
        if match := _YEAR.fullmatch(text):
            year = int(match[1])
            return date(year, 1, 1), date(year, 12, 31)
        if match := _QUARTER.fullmatch(text):
            year, quarter = int(match[1]), int(match[2])
            return date(year, 3 * quarter - 2, 1), _month_interval(year, 3 * quarter)[1]
        if match := _SEASON.fullmatch(text):
            return season_interval(int(match[1]), match[2])
        if match := _MONTH.fullmatch(text):
            return _month_interval(int(match[1]), int(match[2]))
        if match := _WEEK.fullmatch(text):
            year, week = int(match[1]), int(match[2])
            return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
        if match := _DAY.fullmatch(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day
    except ValueError as exc:  # month 13, 30 February, week 53 of a 52-week year…
        raise DateFormatError(value, str(exc)) from exc
    raise DateFormatError(value)


def is_valid_date(value: object) -> bool:
    try:
        date_interval(value)  # type: ignore[arg-type]
    except DateFormatError:
        return False
    return True


def date_within(predicted: str, gold: str) -> bool:
    """True when every day of `predicted` lies inside `gold`.

    "2013-W20" (13–19 May 2013) lies within "2013-05"; "2013" does not lie within
    "2013-05" (the prediction is coarser than the gold); "2013-W01" (31 December 2012 to
    6 January 2013) does not lie within "2013".

    Raises DateFormatError for a value that is not a normalised date.
    """
    predicted_first, predicted_last = date_interval(predicted)
    gold_first, gold_last = date_interval(gold)
    return gold_first <= predicted_first and predicted_last <= gold_last
