"""The name of an organisation at a date: one entity, the name in use then.

La République en marche became Renaissance in September 2022: both names are one entity
(the gazetteer lists the old one as an alias), but a 2020 move is shown at "LREM", as
its article wrote it and as it was called then, and a 2023 one at Renaissance. The dates
of each name are in `veille/data/renamed_orgs_fr.yaml`.

`DatedNames.shown(entity_name, date, written)` is the one rule every question uses:

- no date, or a date when the current name was already in use: the entity's name (as
  before: one spelling for every mention);
- a date when a former name was in use: the article's own form when it is a form of that
  name ("LREM"), else that name ("La République en marche"), so that a 2023 article
  telling of 2019 does not move the 2022 name back in time;
- a date before the first name we know of (Engie's "GDF Suez" begins with a merger in
  2008): the form the article wrote, since we know no better.

A coarse date ("2022") may cover two names; a form of either is then shown as written,
otherwise the later name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from veille.query.dates import interval
from veille.store.names import fold

DATA_FILE = "renamed_orgs_fr.yaml"


@dataclass(frozen=True)
class NamePeriod:
    """One name an organisation went by, in use from `since` (None: from the start of
    what we know) until the day before `until` (None: still in use)."""

    name: str
    forms: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def covers(self, first: date, last: date) -> bool:
        """Whether the days [first, last] overlap this name's period."""
        return (self.since is None or last >= self.since) and (
            self.until is None or first < self.until)

    def has_form(self, written: str | None) -> bool:
        return bool(written) and fold(written) in {fold(f) for f in (self.name, *self.forms)}


@dataclass(frozen=True)
class NameHistory:
    """Every name of one organisation, oldest first; the last is the current one."""

    periods: tuple[NamePeriod, ...]

    @property
    def former(self) -> tuple[NamePeriod, ...]:
        return self.periods[:-1]

    def shown(self, value: str | None, written: str | None) -> str | None:
        """The name to show for a fact dated `value` whose article wrote `written`;
        None when the entity's current name is the one (see the module's rules)."""
        span = interval(value)
        if span is None:
            return None
        first, last = span
        covering = [p for p in self.periods if p.covers(first, last)]
        if not covering:
            return written  # before any name we know
        if any(p.has_form(written) for p in covering) and covering != [self.periods[-1]]:
            return written
        latest = covering[-1]
        return None if latest is self.periods[-1] else latest.name


def _day(value: Any, what: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{DATA_FILE}: {what}: {value!r} is not a YYYY-MM-DD date") from exc


def parse_renamed(data: dict[str, Any]) -> dict[str, NameHistory]:
    """Histories by the folded current name, from the YAML's structure. Raises
    ValueError naming the organisation when dates are missing or out of order."""
    histories: dict[str, NameHistory] = {}
    for entry in data.get("renamed") or []:
        current = str(entry["name"])
        periods: list[NamePeriod] = []
        for former in entry.get("former") or []:
            what = f"{current} / {former.get('name')}"
            until = _day(former.get("until"), what)
            if until is None:
                raise ValueError(f"{DATA_FILE}: {what}: a former name needs `until`")
            # A name without `since` took over from the one before it.
            since = _day(former.get("since"), what) or (periods[-1].until if periods else None)
            periods.append(NamePeriod(str(former["name"]),
                                      tuple(str(f) for f in former.get("forms") or ()),
                                      since, until))
        periods.append(NamePeriod(current, since=periods[-1].until if periods else None))
        for before, after in zip(periods, periods[1:], strict=False):
            if before.until is None or (after.since and after.since < before.until) or (
                    before.since and before.since >= before.until):
                raise ValueError(f"{DATA_FILE}: {current}: the names' dates are out of order")
        histories[fold(current)] = NameHistory(tuple(periods))
    return histories


@lru_cache(maxsize=1)
def builtin_histories() -> dict[str, NameHistory]:
    text = resources.files("veille.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_renamed(yaml.safe_load(text) or {})


class DatedNames:
    """Entity names for display, dated: the questions' one way to name an organisation
    beside a fact. `names` maps entity ids to their stored (current) names."""

    def __init__(self, names: dict[str, str],
                 histories: dict[str, NameHistory] | None = None):
        self.names = names
        self.histories = builtin_histories() if histories is None else histories

    def history(self, entity_name: str | None) -> NameHistory | None:
        return self.histories.get(fold(entity_name)) if entity_name else None

    def shown(self, entity_id: str | None, value: str | None,
              written: str | None) -> str | None:
        """The name of the organisation `entity_id` for a fact dated `value` (a FACTS.md
        date or an article's publication date) whose article wrote `written`."""
        current = self.names.get(entity_id or "")
        if current is None:
            return written
        history = self.history(current)
        dated = history.shown(value, written) if history else None
        return dated or current


def former_names(entity_name: str) -> list[NamePeriod]:
    """The former names of an organisation, oldest first (empty when never renamed)."""
    history = builtin_histories().get(fold(entity_name))
    return list(history.former) if history else []
