"""The French time lexicon (`veille/data/time_fr.yaml`), loaded, checked and compiled.

The data file holds every word and surface pattern; this module turns it into lookup
tables and compiled regexes, and refuses a file that is inconsistent (a word with two
meanings, a missing month, a pattern naming an unknown table) with a message saying
where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from veille.errors import VeilleError

# The resolvers a pattern may name (implemented in resolve.py).
KNOWN_RESOLVERS = frozenset(
    {"calendar", "half", "unit_relative", "weekday", "deictic_day", "ago", "duration"}
)
# What a pattern's `cue` may require: any lead word, a part word (début/mi/fin), or a
# duration lead ("depuis", "pendant").
KNOWN_CUES = frozenset({"required", "part", "duration"})
SEASON_CODES = ("SP", "SU", "FA", "WI")
UNIT_CODES = frozenset({"Y", "Q", "M", "W", "D", "decade"})
MODIFIERS = frozenset({"since", "until", "from", "by", "before", "after", "approx"})
PART_MODIFIERS = frozenset({"start", "mid", "end"})
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class TimeLexiconError(VeilleError):
    """The time lexicon file is missing, unreadable or inconsistent."""


def normalise_word(text: str) -> str:
    """The lookup key of a word or phrase: lower case, straight apostrophe, single spaces."""
    return " ".join(text.replace("’", "'").lower().split())


def phrase_regex(words: Iterable[str]) -> str:
    """An alternation of the phrases, longest first so that "fin de" beats "fin"."""
    unique = sorted({normalise_word(w) for w in words}, key=lambda w: (-len(w), w))
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in unique]
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class PatternRule:
    """One surface pattern of the data file."""

    name: str
    regex: re.Pattern[str]
    resolve: str
    cue: str | None = None
    # Extra constants the resolver reads (a fixed unit, offset or direction).
    params: Mapping[str, Any] = field(default_factory=dict)


# Compared and hashed by identity: one loaded lexicon is one cache key.
@dataclass(frozen=True, eq=False)
class TimeLexicon:
    months: dict[str, int]
    full_months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, ...]]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    units: dict[str, str]
    relative_words: dict[str, int]
    year_relatives: dict[str, int]
    deictic_days: dict[str, int]
    leads: dict[str, str | None]
    parts: dict[str, str]
    halves: dict[str, str]
    approx_words: frozenset[str]
    patterns: tuple[PatternRule, ...]
    # Lead words right before an expression: interval, approximation, part, in order.
    lead_regex: re.Pattern[str]
    duration_lead_regex: re.Pattern[str]
    quantity_regex: re.Pattern[str]
    past_cues: frozenset[str]
    future_cues: frozenset[str]
    future_suffixes: tuple[str, ...]
    not_future: frozenset[str]
    future_governors: frozenset[str]
    lead_tenses: dict[str, str]
    clause_tense_leads: frozenset[str]
    range_opener_regex: re.Pattern[str]
    range_connector_regex: re.Pattern[str]
    narrative_regex: re.Pattern[str]
    past_governors: frozenset[str]
    reporting_verbs: frozenset[str]
    published_cues: tuple[str, ...]
    updated_cues: tuple[str, ...]


def default_lexicon_path() -> Path:
    return Path(str(resources.files("veille") / "data" / "time_fr.yaml"))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> TimeLexicon:
    """The lexicon of `path` (default: the one shipped with veille), checked and compiled."""
    source = Path(path) if path else default_lexicon_path()
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TimeLexiconError(f"cannot read time lexicon {source}: {exc}") from exc
    if not isinstance(data, dict):
        raise TimeLexiconError(f"time lexicon {source} must be a mapping, got {type(data)}")
    try:
        return _build(data)
    except TimeLexiconError as exc:
        raise TimeLexiconError(f"{source}: {exc}") from exc


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    """A {value: [words]} table inverted to {word: value}; a word may not mean two things."""
    raw = data.get(name)
    if not isinstance(raw, dict) or not raw:
        raise TimeLexiconError(f"table {name!r} is missing or not a mapping of value: [words]")
    out: dict[str, Any] = {}
    for value, words in raw.items():
        if isinstance(words, dict):
            words = words.get("words")
        if not isinstance(words, list) or not words:
            raise TimeLexiconError(f"table {name!r}: value {value!r} needs a list of words")
        for word in words:
            key = normalise_word(str(word))
            if key in out and out[key] != value:
                raise TimeLexiconError(
                    f"table {name!r}: {word!r} means both {out[key]!r} and {value!r}; "
                    "keep one"
                )
            out[key] = value
    return out


def _words(data: dict[str, Any], name: str) -> list[str]:
    raw = data.get(name)
    if not isinstance(raw, list) or not raw:
        raise TimeLexiconError(f"list {name!r} is missing or empty")
    return [normalise_word(str(w)) for w in raw]


def _require_values(name: str, table: dict[str, Any], expected: Iterable[Any]) -> None:
    missing = sorted(set(expected) - set(table.values()), key=str)
    if missing:
        raise TimeLexiconError(f"table {name!r} has no words for {missing}")


def _build(data: dict[str, Any]) -> TimeLexicon:
    full_months = _table(data, "months")
    abbreviations = _table(data, "month_abbreviations")
    _require_values("months", full_months, range(1, 13))
    months = {**abbreviations, **full_months}
    weekdays = _table(data, "weekdays")
    _require_values("weekdays", weekdays, range(7))
    seasons = _table(data, "seasons")
    _require_values("seasons", seasons, SEASON_CODES)
    season_months = {code: tuple(data["seasons"][code]["months"]) for code in SEASON_CODES}
    if sorted(m for ms in season_months.values() for m in ms) != list(range(1, 13)):
        raise TimeLexiconError("seasons: their months must cover 1..12 exactly once")
    ordinals = _table(data, "ordinals")
    _require_values("ordinals", ordinals, range(1, 5))
    _check_disjoint(
        {"months": months, "weekdays": weekdays, "seasons": seasons, "ordinals": ordinals}
    )
    units = _table(data, "units")
    if not set(units.values()) <= UNIT_CODES:
        raise TimeLexiconError(f"units: codes must be among {sorted(UNIT_CODES)}")
    leads = {w: (None if v == "cue" else v) for w, v in _table(data, "leads").items()}
    if not set(leads.values()) - {None} <= MODIFIERS:
        raise TimeLexiconError(f"leads: modifiers must be among {sorted(MODIFIERS)} or cue")
    parts = _table(data, "parts")
    halves = _table(data, "halves")
    if not set(parts.values()) | set(halves.values()) <= PART_MODIFIERS:
        raise TimeLexiconError(f"parts/halves: keys must be among {sorted(PART_MODIFIERS)}")
    tables: dict[str, dict[str, Any]] = {
        "months": full_months,
        "month_abbreviations": abbreviations,
        "weekdays": weekdays,
        "seasons": seasons,
        "ordinals": ordinals,
        "numbers": _table(data, "numbers"),
        "units": units,
        "relative_words": _table(data, "relative_words"),
        "year_relatives": _table(data, "year_relatives"),
        "deictic_days": _table(data, "deictic_days"),
        "halves": halves,
    }
    lists = {
        name: _words(data, name)
        for name in ("vague_numbers", "approx_words", "this_words", "quantity_words")
    }
    fragments = {str(k): str(v) for k, v in (data.get("fragments") or {}).items()}
    placeholders = {name: phrase_regex(t) for name, t in tables.items()}
    placeholders.update({name: phrase_regex(words) for name, words in lists.items()})
    placeholders.update({name: f"(?:{regex})" for name, regex in fragments.items()})
    cues = data.get("tense_cues") or {}
    header = data.get("header_cues") or {}
    ranges = data.get("ranges") or {}
    lead_regex = (
        rf"(?<![\w'])(?:(?P<lead>{phrase_regex(leads)})\s*)?"
        rf"(?:(?P<approx>{placeholders['approx_words']})\s+)?"
        rf"(?:(?P<part>{phrase_regex(parts)})\s*)?$"
    )
    quantity = phrase_regex(lists["quantity_words"])
    return TimeLexicon(
        months=months,
        full_months=frozenset(full_months),
        ambiguous_months=frozenset(_words(data, "ambiguous_months")),
        weekdays=weekdays,
        seasons=seasons,
        season_months=season_months,
        ordinals=ordinals,
        numbers=tables["numbers"],
        vague_numbers=frozenset(lists["vague_numbers"]),
        units=units,
        relative_words=tables["relative_words"],
        year_relatives=tables["year_relatives"],
        deictic_days=tables["deictic_days"],
        leads=leads,
        parts=parts,
        halves=halves,
        approx_words=frozenset(lists["approx_words"]),
        patterns=tuple(_patterns(data.get("patterns"), placeholders)),
        lead_regex=re.compile(lead_regex, re.IGNORECASE),
        duration_lead_regex=re.compile(
            rf"(?<![\w'])(?P<lead>{phrase_regex(_words(data, 'duration_cues'))})\s*$",
            re.IGNORECASE,
        ),
        quantity_regex=re.compile(rf"\s*{quantity}(?!\w)", re.IGNORECASE),
        past_cues=frozenset(normalise_word(w) for w in cues.get("past", [])),
        future_cues=frozenset(normalise_word(w) for w in cues.get("future", [])),
        future_suffixes=tuple(cues.get("future_suffixes", [])),
        not_future=frozenset(normalise_word(w) for w in cues.get("not_future", [])),
        future_governors=frozenset(cues.get("future_governors", [])),
        lead_tenses={str(m): str(t) for m, t in _table(data, "lead_tenses").items()},
        clause_tense_leads=frozenset(_words(data, "clause_tense_leads")),
        range_opener_regex=re.compile(
            rf"(?<!\w){phrase_regex(ranges.get('openers', []))}\s*$", re.IGNORECASE
        ),
        range_connector_regex=re.compile(
            rf"\s+{phrase_regex(ranges.get('connectors', []))}\s+"
            + (r"|\s?-\s?(?=(?:19|20)\d\d(?!\d))" if ranges.get("dash_joins_years") else ""),
            re.IGNORECASE,
        ),
        narrative_regex=re.compile(
            phrase_regex(_words(data, "narrative_suffixes")), re.IGNORECASE
        ),
        past_governors=frozenset(cues.get("past_governors", [])),
        reporting_verbs=frozenset(cues.get("reporting_verbs", [])),
        published_cues=tuple(normalise_word(w) for w in header.get("published", [])),
        updated_cues=tuple(normalise_word(w) for w in header.get("updated", [])),
    )


def _check_disjoint(tables: dict[str, dict[str, Any]]) -> None:
    """A calendar word must belong to one table only ("mars" cannot be a weekday too)."""
    seen: dict[str, str] = {}
    for name, table in tables.items():
        for word in table:
            if word in seen and seen[word] != name:
                raise TimeLexiconError(f"{word!r} is in both {seen[word]!r} and {name!r}")
            seen[word] = name


def _patterns(raw: Any, placeholders: dict[str, str]) -> list[PatternRule]:
    if not isinstance(raw, list) or not raw:
        raise TimeLexiconError("'patterns' must be a non-empty list")
    rules: list[PatternRule] = []
    names: set[str] = set()
    for index, item in enumerate(raw):
        name = str(item.get("name", f"#{index}"))
        if name in names:
            raise TimeLexiconError(f"pattern name {name!r} is used twice")
        names.add(name)
        resolver, cue = item.get("resolve"), item.get("cue")
        if resolver not in KNOWN_RESOLVERS:
            raise TimeLexiconError(
                f"pattern {name!r}: resolve {resolver!r} is not one of {sorted(KNOWN_RESOLVERS)}"
            )
        if cue is not None and cue not in KNOWN_CUES:
            raise TimeLexiconError(f"pattern {name!r}: cue {cue!r} not in {sorted(KNOWN_CUES)}")

        def expand(match: re.Match[str], name: str = name) -> str:
            key = match.group(1)
            if key not in placeholders:
                raise TimeLexiconError(f"pattern {name!r}: unknown placeholder {{{key}}}")
            return placeholders[key]

        source = _PLACEHOLDER.sub(expand, str(item.get("regex", "")))
        # Whole words only: no letter or digit may touch either end of a match.
        bounded = rf"(?<!\w)(?:{source})(?!\w)"
        try:
            regex = re.compile(bounded, re.IGNORECASE)
        except re.error as exc:
            raise TimeLexiconError(f"pattern {name!r}: bad regex ({exc})") from exc
        params = {k: v for k, v in item.items() if k not in {"name", "regex", "resolve", "cue"}}
        rules.append(PatternRule(name, regex, str(resolver), cue, params))
    return rules
