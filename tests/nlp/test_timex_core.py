"""The pure-Python tagger: offsets, tense-driven choices, header dates, the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from veille.cli.dates import dates_cli
from veille.nlp.timex import find_time_expressions, guess_tense, header_date, resolve, scan

PUBLISHED = date(2013, 5, 22)  # a Wednesday


def test_offsets_point_into_the_text() -> None:
    text = "Nommé l’an dernier, il quittera le groupe d'ici la fin de l'année."
    found = find_time_expressions(text, PUBLISHED)
    assert [e.text for e in found] == ["l’an dernier", "d'ici la fin de l'année"]
    for expression in found:
        assert text[expression.start : expression.end] == expression.text


def test_non_breaking_spaces_keep_offsets() -> None:
    text = "Depuis le 1er\u00a0mars\u00a02015, elle dirige la filiale."
    (found,) = find_time_expressions(text, None)
    assert found.value == "2015-03-01"
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("tense", "expected"),
    [("past", "2013-05-20"), ("future", "2013-05-27"), (None, "2013-05-20")],
)
def test_resolution_of_a_weekday_follows_the_tense(tense: str | None, expected: str) -> None:
    (mention,) = scan("lundi")
    expression = resolve(mention, PUBLISHED, tense)  # type: ignore[arg-type]
    assert expression is not None and expression.value == expected


@pytest.mark.parametrize(
    ("tense", "expected"),
    [("past", "2012-09-15"), ("future", "2013-09-15"), (None, "2013-09-15")],
)
def test_resolution_of_a_day_month_follows_the_tense(tense: str | None, expected: str) -> None:
    (mention,) = scan("le 15 septembre")
    expression = resolve(mention, PUBLISHED, tense)  # type: ignore[arg-type]
    assert expression is not None and expression.value == expected


def test_first_of_april_published_on_the_second_is_this_year() -> None:
    (mention,) = scan("le 1er avril")
    for tense in ("past", None):
        expression = resolve(mention, date(2019, 4, 2), tense)  # type: ignore[arg-type]
        assert expression is not None and expression.value == "2019-04-01"


def test_relative_expressions_without_publication_date_stay_unresolved() -> None:
    found = find_time_expressions("La semaine dernière, il y a trois ans, lundi, hier.", None)
    assert [e.value for e in found] == [None, None, None, None]
    assert found[1].duration == "P3Y"


def test_kinds_and_modifiers() -> None:
    text = "Depuis cinq ans, et jusqu'en mai 2017, vers 2015, début 2020."
    found = find_time_expressions(text, PUBLISHED)
    assert [(e.kind, e.modifier) for e in found] == [
        ("duration", "since"), ("interval", "until"), ("date", "approx"),
        ("date", "start"),
    ]


def test_guess_tense_from_cue_words() -> None:
    text = "Il a rejoint le groupe lundi. Il le quittera lundi. Réunion lundi."
    starts = [i for i in range(len(text)) if text.startswith("lundi", i)]
    assert [guess_tense(text, s, s + 5) for s in starts] == ["past", "future", None]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Publié le 12 mars 2019 à 10h05\nLe groupe a annoncé…", date(2019, 3, 12)),
        ("Mis à jour le 14 mars 2019 - Publié le 12 mars 2019", date(2019, 3, 12)),
        ("Publié le 12/03/2019 à 10:05, mis à jour le 13/03/2019", date(2019, 3, 12)),
        ("12/03/2019 10:05 - Economie\nLe groupe…", date(2019, 3, 12)),
        ("Mis à jour le 13 mars 2019\nLe groupe a annoncé", date(2019, 3, 13)),
        ("Publié le mardi 5 novembre 2019\nTexte", date(2019, 11, 5)),
        ("2019-03-12T10:05:00+01:00 Le groupe…", date(2019, 3, 12)),
    ],
)
def test_header_date(header: str, expected: date) -> None:
    assert header_date(header) == expected


def test_header_date_needs_a_full_date_near_the_top() -> None:
    assert header_date("Le groupe a annoncé lundi un plan pour 2020.") is None
    late = "x" * 400 + " Publié le 12 mars 2019"
    assert header_date(late) is None


def test_cli_prints_a_json_array() -> None:
    result = CliRunner().invoke(
        dates_cli, ["Il a quitté le groupe le 19 juin dernier.", "--published", "2013-05-22"]
    )
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert item["value"] == "2012-06-19" and item["text"] == "le 19 juin dernier"
    assert item["start"] == 22 and item["kind"] == "date"


def test_cli_reads_stdin_one_array_per_line() -> None:
    result = CliRunner().invoke(
        dates_cli, ["--published", "2013-05-22"], input="hier\n2 000 euros\nen 2012\n"
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [[e["value"] for e in line] for line in lines] == [["2013-05-21"], [], ["2012"]]


def test_cli_refuses_a_bad_published_date() -> None:
    result = CliRunner().invoke(dates_cli, ["hier", "--published", "22/05/2013"])
    assert result.exit_code == 2
    assert "22/05/2013" in result.output and "YYYY-MM-DD" in result.output


def test_cli_can_take_the_date_from_the_header() -> None:
    text = "Publié le 22 mai 2013. Le PDG a démissionné hier."
    result = CliRunner().invoke(dates_cli, [text, "--from-header"])
    assert [e["value"] for e in json.loads(result.output)] == ["2013-05-22", "2013-05-21"]
