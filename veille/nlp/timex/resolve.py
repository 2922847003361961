"""Turning a `Mention` into a `TimeExpression`: the calendar meaning of each pattern.

Each resolver reads the named pieces of a match and the publication date. It returns
None to drop a match that is not a date after all (31/02/2019, "Mars" the planet),
and a TimeExpression whose value is None when the date cannot be placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from veille.nlp.timex.calendar import (
    Period,
    choose,
    day_period,
    month_period,
    period_of,
    quarter_period,
    season_period,
    shift,
    year_period,
)
from veille.nlp.timex.expression import Mention, Tense, TimeExpression
from veille.nlp.timex.lexicon import KNOWN_RESOLVERS, TimeLexicon, load_lexicon, normalise_word

INTERVAL_MODIFIERS = frozenset({"since", "until", "from", "by", "before", "after"})
# The grain of the date a count of units points to ("il y a trois ans" is a year).
_GRAIN = {"Y": "Y", "decade": "Y", "Q": "Q", "M": "M", "W": "W", "D": "D"}
_DIGITS = re.compile(r"\d+")

Resolver = Callable[[Mention, TimeLexicon, "date | None", "Tense | None"], "TimeExpression | None"]


def resolve(
    mention: Mention,
    published: date | None,
    tense: Tense | None = None,
    lexicon: TimeLexicon | None = None,
) -> TimeExpression | None:
    """The normalised expression of a mention, or None when it is not a time expression.

    `tense` ("past", "future" or None) of the clause decides between occurrences of an
    incomplete date: "lundi" in a past-tense clause is the Monday before publication,
    in a future-tense one the Monday after; with no tense, the nearest one.
    """
    lexicon = lexicon or load_lexicon()
    # A lead word's own tense wins over the clause's: "à partir de lundi" is ahead even
    # in "ils ont voté la reprise à partir de lundi", "depuis mars" behind.
    if mention.lead_modifier in lexicon.lead_tenses and not (
        tense and mention.lead_word in lexicon.clause_tense_leads
    ):
        tense = lexicon.lead_tenses[mention.lead_modifier]  # type: ignore[assignment]
    return RESOLVERS[mention.resolver](mention, lexicon, published, tense)


def _build(
    mention: Mention,
    value: str | None,
    *,
    kind: str = "date",
    duration: str | None = None,
    modifier: str | None = None,
) -> TimeExpression:
    lead = mention.lead_modifier
    if lead in INTERVAL_MODIFIERS and kind == "date":
        kind = "interval"
    modifier = lead or ("approx" if mention.approx else None) or mention.part or modifier
    return TimeExpression(
        mention.text, mention.start, mention.end, value, kind,  # type: ignore[arg-type]
        modifier, duration,
    )


def _word(mention: Mention, name: str) -> str | None:
    raw = mention.fields.get(name)
    return normalise_word(raw) if raw else None


def _count(mention: Mention, lexicon: TimeLexicon) -> int | None:
    """The number of units, or None for a vague count ("quelques")."""
    word = _word(mention, "number")
    if word is None:
        return None
    return int(word) if word.isdigit() else lexicon.numbers.get(word)


def _year_offset(mention: Mention, lexicon: TimeLexicon) -> int | None:
    yrel = _word(mention, "yrel")
    return lexicon.year_relatives.get(yrel) if yrel else None


def _given_year(mention: Mention, lexicon: TimeLexicon, published: date | None) -> int | None:
    """The year the mention names, absolutely or relative to publication."""
    if year := mention.fields.get("year"):
        return int(year) if len(year) == 4 else 2000 + int(year)
    if year2 := mention.fields.get("year2"):
        return 2000 + int(year2)
    offset = _year_offset(mention, lexicon)
    if offset is not None and published is not None:
        return published.year + offset
    return None


def _names_year(mention: Mention) -> bool:
    return any(mention.fields.get(k) for k in ("year", "year2", "yrel"))


def _month(mention: Mention, lexicon: TimeLexicon) -> int | None:
    if number := mention.fields.get("month_num"):
        return int(number)
    for group in ("month", "month_abbr"):
        if word := _word(mention, group):
            return lexicon.months[word]
    return None


def _day(mention: Mention) -> int | None:
    raw = _word(mention, "day")
    if raw is None:
        return None
    digits = _DIGITS.match(raw)
    return int(digits.group()) if digits else 1  # "premier"


def _quarter(mention: Mention, lexicon: TimeLexicon) -> int | None:
    word = _word(mention, "quarter")
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return 4 if word == "dernier" else lexicon.ordinals[word]


def _relative(mention: Mention, lexicon: TimeLexicon) -> int | None:
    if rel := _word(mention, "rel"):
        return lexicon.relative_words[rel]
    if mention.fields.get("this") or mention.fields.get("this2"):
        return 0
    return None


def _is_other_word(mention: Mention, lexicon: TimeLexicon) -> bool:
    """A capitalised "Mars" or "Mai" with neither a day number nor a lead word ("en",
    "depuis") is a planet, a mission or a name ("la mission Mars 2020")."""
    raw = mention.fields.get("month")
    return bool(
        raw
        and raw[:1].isupper()
        and normalise_word(raw) in lexicon.ambiguous_months
        and not mention.fields.get("day")
        and not mention.cued
    )


def resolve_calendar(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    if _is_other_word(mention, lexicon):
        return None
    month, day = _month(mention, lexicon), _day(mention)
    quarter = _quarter(mention, lexicon)
    season = lexicon.seasons.get(_word(mention, "season") or "")

    def occurrence(year: int) -> Period | None:
        try:
            if month is not None and day is not None:
                return day_period(date(year, month, day))
        except ValueError:
            return None
        if month is not None:
            return month_period(year, month)
        if quarter is not None:
            return quarter_period(year, quarter)
        if season is not None:
            return season_period(year, season, lexicon.season_months[season])
        return year_period(year)

    if _names_year(mention):
        year = _given_year(mention, lexicon, published)
        if year is None:
            return _build(mention, None)
        period = occurrence(year)
        return _build(mention, period.value) if period else None
    if month is not None and day is not None and occurrence(2000) is None:
        return None  # no such day in any year (31 avril)
    if published is None:
        return _build(mention, None)
    relative = _relative(mention, lexicon)
    years = range(published.year - 1, published.year + 3)
    candidates = [p for p in map(occurrence, years) if p is not None]
    chosen = choose(
        [narrow(p, mention.part) for p in candidates], published, relative=relative, tense=tense
    )
    return _build(mention, chosen.value if chosen else None)


def narrow(period: Period, part: str | None) -> Period:
    """The third of the period that "début", "mi-" or "fin" points to, with the same
    value: "fin janvier" in an article of 10 January has not happened yet."""
    if part is None:
        return period
    third = (period.last - period.first) / 3
    first = {"start": period.first, "mid": period.first + third}.get(part, period.first + 2 * third)
    last = {"start": period.first + third, "mid": period.first + 2 * third}.get(part, period.last)
    return Period(first, last, period.value)


def resolve_half(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    year = _given_year(mention, lexicon, published)
    half = lexicon.halves[_word(mention, "half") or ""]
    value = year_period(year).value if year is not None else None
    return _build(mention, value, modifier=half)


def _unit(mention: Mention, lexicon: TimeLexicon) -> str:
    word = _word(mention, "unit")
    if word is None:
        return str(mention.fields["unit_code"])
    return "Y" if word == "exercice" else lexicon.units[word]


def resolve_unit_relative(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    unit = _unit(mention, lexicon)
    offset = _relative(mention, lexicon)
    if offset is None:
        offset = int(mention.fields.get("offset", 0))
    if published is None:
        return _build(mention, None)
    return _build(mention, period_of(unit, shift(unit, published, offset)).value)


def resolve_weekday(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    weekday = lexicon.weekdays[_word(mention, "weekday") or ""]
    if published is None:
        return _build(mention, None)
    rel = _word(mention, "rel")
    relative = lexicon.relative_words[rel] if rel else None
    days = (published + timedelta(days=d) for d in range(-7, 8))
    candidates = [day_period(d) for d in days if d.weekday() == weekday]
    chosen = choose(candidates, published, relative=relative, tense=tense)
    return _build(mention, chosen.value if chosen else None)


def resolve_deictic_day(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    offset = lexicon.deictic_days[_word(mention, "word") or ""]
    if published is None:
        return _build(mention, None)
    return _build(mention, (published + timedelta(days=offset)).isoformat())


def iso_duration(unit: str, count: int | None) -> str:
    """ISO 8601 length of `count` units; an unknown count is written X ("PXY")."""
    if count is None:
        return {"Y": "PXY", "decade": "PXY", "Q": "PXM", "M": "PXM", "W": "PXW"}.get(
            unit, "PXD"
        )
    if unit == "decade":
        return f"P{10 * count}Y"
    if unit == "Q":
        return f"P{3 * count}M"
    return f"P{count}{unit}"


def _moved(unit: str, published: date | None, count: int | None, direction: int) -> str | None:
    if published is None or count is None:
        return None
    return period_of(_GRAIN[unit], shift(unit, published, direction * count)).value


def _counted(mention: Mention, lexicon: TimeLexicon) -> tuple[str, int | None]:
    """The unit and count of units; "un an et demi" is counted in months (18)."""
    unit, count = _unit(mention, lexicon), _count(mention, lexicon)
    if mention.fields.get("and_half") and unit == "Y" and count is not None:
        return "M", 12 * count + 6
    return unit, count


def resolve_ago(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    unit, count = _counted(mention, lexicon)
    direction = int(mention.fields.get("direction", -1))
    value = _moved(unit, published, count, direction)
    return _build(mention, value, duration=iso_duration(unit, count))


def resolve_duration(
    mention: Mention, lexicon: TimeLexicon, published: date | None, tense: Tense | None
) -> TimeExpression | None:
    """A length of time. Anchored at publication by "depuis" (it started N units ago),
    "d'ici"/"jusqu'à" (it ends N units ahead) or "les N derniers/prochains"."""
    unit, count = _counted(mention, lexicon)
    rel = _word(mention, "rel")
    direction, modifier = 0, None
    if mention.lead_modifier == "since" or (rel and lexicon.relative_words[rel] < 0):
        direction, modifier = -1, "since"
    elif mention.lead_modifier in {"by", "until"} or rel:
        direction, modifier = 1, mention.lead_modifier or "until"
    value = _moved(unit, published, count, direction) if direction else None
    return _build(
        mention, value, kind="duration", duration=iso_duration(unit, count), modifier=modifier
    )


RESOLVERS: dict[str, Resolver] = {
    "calendar": resolve_calendar,
    "half": resolve_half,
    "unit_relative": resolve_unit_relative,
    "weekday": resolve_weekday,
    "deictic_day": resolve_deictic_day,
    "ago": resolve_ago,
    "duration": resolve_duration,
}
assert set(RESOLVERS) == KNOWN_RESOLVERS, "every resolver named in lexicon.py must exist"
