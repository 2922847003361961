"""The time lexicon data file loads, is complete and has no contradictions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from veille.nlp.timex.lexicon import (
    KNOWN_RESOLVERS,
    TimeLexiconError,
    default_lexicon_path,
    load_lexicon,
    normalise_word,
)


def raw_lexicon() -> dict[str, Any]:
    return yaml.safe_load(default_lexicon_path().read_text(encoding="utf-8"))


def test_lexicon_loads() -> None:
    lexicon = load_lexicon()
    assert lexicon.patterns
    assert {p.resolve for p in lexicon.patterns} <= KNOWN_RESOLVERS


def test_every_month_weekday_season_and_quarter_ordinal_is_present() -> None:
    lexicon = load_lexicon()
    assert set(lexicon.months.values()) == set(range(1, 13))
    assert {lexicon.months[w] for w in lexicon.full_months} == set(range(1, 13))
    assert set(lexicon.weekdays.values()) == set(range(7))
    assert set(lexicon.seasons.values()) == {"SP", "SU", "FA", "WI"}
    assert set(lexicon.ordinals.values()) >= {1, 2, 3, 4}


def test_no_word_maps_to_two_values_within_a_table() -> None:
    data = raw_lexicon()
    for name in ("months", "month_abbreviations", "weekdays", "ordinals", "numbers", "units",
                 "relative_words", "year_relatives", "deictic_days", "leads", "parts"):
        seen: dict[str, object] = {}
        for value, words in data[name].items():
            for word in words:
                key = normalise_word(str(word))
                assert seen.get(key, value) == value, f"{name}: {word!r} means two things"
                seen[key] = value


def test_calendar_words_belong_to_one_table() -> None:
    lexicon = load_lexicon()
    tables: list[dict[str, Any]] = [
        lexicon.months, lexicon.weekdays, lexicon.seasons, lexicon.ordinals
    ]
    words = [w for table in tables for w in table]
    assert len(words) == len(set(words))


def test_abbreviations_are_not_full_month_names() -> None:
    data = raw_lexicon()
    full = {normalise_word(w) for words in data["months"].values() for w in words}
    abbreviations = {
        normalise_word(w) for words in data["month_abbreviations"].values() for w in words
    }
    assert not full & abbreviations


def test_number_words_have_positive_values_and_units_known_codes() -> None:
    lexicon = load_lexicon()
    assert all(value > 0 for value in lexicon.numbers.values())
    assert set(lexicon.units.values()) <= {"Y", "Q", "M", "W", "D", "decade"}


def test_pattern_names_are_unique_and_every_pattern_matches_an_example() -> None:
    data = raw_lexicon()
    names = [p["name"] for p in data["patterns"]]
    assert len(names) == len(set(names))
    examples = {
        "iso_date": "2018-05-03", "numeric_date": "3/05/2018",
        "day_month_year": "le 3 mai 2018", "day_month": "le 3 mai",
        "month_year": "mai 2017", "month_numeric_year": "05/2017",
        "month_relative": "juin dernier", "month_named": "mois d'août",
        "month_bare": "juin", "quarter_ordinal": "troisième trimestre",
        "quarter_code_year": "Q4 2017", "year_quarter_code": "2018 T4",
        "quarter_code": "T3", "half_year": "premier semestre 2019",
        "season": "l'été dernier", "season_this": "cet été", "season_bare": "au printemps",
        "rentree": "la rentrée 2017", "rentree_at": "à la rentrée", "rentree_bare": "rentrée",
        "year_named": "l'exercice 2018", "year_bare": "2012",
        "year_relative": "l'an dernier", "earlier_this_year": "plus tôt dans l'année",
        "unit_relative": "la semaine dernière", "unit_this": "cette semaine",
        "unit_bare": "l'année", "weekday": "lundi", "deictic_day": "hier",
        "ago": "il y a trois ans", "in_future": "dans deux ans",
        "last_units": "les trois derniers mois", "duration_after": "sept mois après",
        "duration": "cinq ans",
    }
    lexicon = load_lexicon()
    assert set(examples) == set(names), "every pattern needs an example here"
    for rule in lexicon.patterns:
        match = rule.regex.fullmatch(examples[rule.name])
        assert match, f"pattern {rule.name} does not match {examples[rule.name]!r}"


def test_a_broken_lexicon_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    data = raw_lexicon()
    data["months"][3] = ["mars", "lundi"]  # "lundi" is already a weekday
    broken = tmp_path / "time_fr.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TimeLexiconError, match="lundi"):
        load_lexicon(str(broken))


def test_a_missing_month_is_refused(tmp_path: Path) -> None:
    data = raw_lexicon()
    del data["months"][7]
    broken = tmp_path / "time_fr.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TimeLexiconError, match=r"months.*\[7\]"):
        load_lexicon(str(broken))


def test_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    data = raw_lexicon()
    data["patterns"][0]["regex"] = "{no_such_table}"
    broken = tmp_path / "time_fr.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TimeLexiconError, match="no_such_table"):
        load_lexicon(str(broken))
