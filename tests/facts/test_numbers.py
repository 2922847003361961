"""French money and percentage parsing, no model needed."""

from __future__ import annotations

import re

import pytest

from veille.facts.reading.numbers import money_lexicon, parse_money, parse_percent, read_number

NBSP, NNBSP = "\u00a0", "\u202f"

# (text, expected (matched text, value, currency, qualifier, value_max) of each mention)
MONEY = [
    ("12,7 milliards de dollars", [("12,7 milliards de dollars", 12.7e9, "USD", None, None)]),
    ("500 millions d'euros", [("500 millions d'euros", 500e6, "EUR", None, None)]),
    ("500 millions d’euros", [("500 millions d’euros", 500e6, "EUR", None, None)]),
    ("1,5 Md€", [("1,5 Md€", 1.5e9, "EUR", None, None)]),
    ("8 M€", [("8 M€", 8e6, "EUR", None, None)]),
    ("300.000 euros", [("300.000 euros", 300_000, "EUR", None, None)]),
    ("300 000 euros", [("300 000 euros", 300_000, "EUR", None, None)]),
    (f"300{NBSP}000 euros", [(f"300{NBSP}000 euros", 300_000, "EUR", None, None)]),
    (f"300{NNBSP}000{NBSP}€", [(f"300{NNBSP}000{NBSP}€", 300_000, "EUR", None, None)]),
    ("Elle atteindra plus de 16,4 milliards de dollars.",
     [("plus de 16,4 milliards de dollars", 16.4e9, "USD", "plus de", None)]),
    ("La société a levé 2 milliards.", [("2 milliards", 2e9, None, None, None)]),
    ("des revenus de 33,8 millions de livres",
     [("33,8 millions de livres", 33.8e6, "GBP", None, None)]),
    ("un bénéfice de 40 millions d'euros et 12 millions de marge",
     [("40 millions d'euros", 40e6, "EUR", None, None), ("12 millions", 12e6, None, None, None)]),
    ("$3bn", [("$3bn", 3e9, "USD", None, None)]),
    ("€1.2 billion", [("€1.2 billion", 1.2e9, "EUR", None, None)]),
    ("1 billion d'euros", [("1 billion d'euros", 1e12, "EUR", None, None)]),
    ("15 000 dollars", [("15 000 dollars", 15_000, "USD", None, None)]),
    ("500 millions USD", [("500 millions USD", 500e6, "USD", None, None)]),
    ("USD 3 million", [("USD 3 million", 3e6, "USD", None, None)]),
    ("un chèque de 40 GBP", [("40 GBP", 40, "GBP", None, None)]),
    ("près de 2 milliards de francs suisses",
     [("près de 2 milliards de francs suisses", 2e9, "CHF", "près de", None)]),
    ("5 millions de dollars canadiens",
     [("5 millions de dollars canadiens", 5e6, "CAD", None, None)]),
    ("un milliard de dollars", [("un milliard de dollars", 1e9, "USD", None, None)]),
    ("environ 3,5 M$", [("environ 3,5 M$", 3.5e6, "USD", "environ", None)]),
    ("2 000 k€", [("2 000 k€", 2e6, "EUR", None, None)]),
    ("20 M d'euros", [("20 M d'euros", 20e6, "EUR", None, None)]),
    ("jusqu'à 40 000 euros d'amende", [("jusqu'à 40 000 euros", 40_000, "EUR", "jusqu'à", None)]),
    ("au moins 3 millions de yens",
     [("au moins 3 millions de yens", 3e6, "JPY", "au moins", None)]),
    ("quelque 800 millions de yuans",
     [("quelque 800 millions de yuans", 800e6, "CNY", "quelque", None)]),
    ("moins de 10 000 roupies", [("moins de 10 000 roupies", 10_000, "INR", "moins de", None)]),
    ("10 lakh de roupies", [("10 lakh de roupies", 1e6, "INR", None, None)]),
    ("entre 300 et 500 millions d'euros",
     [("entre 300 et 500 millions d'euros", 300e6, "EUR", "entre", 500e6)]),
    ("de 300 à 500 millions d'euros",
     [("de 300 à 500 millions d'euros", 300e6, "EUR", "de … à", 500e6)]),
    ("En 2019 500 millions d'euros", [("500 millions d'euros", 500e6, "EUR", None, None)]),
    ("2,5 millions de livres sterling",
     [("2,5 millions de livres sterling", 2.5e6, "GBP", None, None)]),
]  # fmt: skip

NOT_MONEY = [
    "2 milliards d'habitants",
    "35 millions de Français",
    "1,36 millions de lakh d'ici 2030",
    "100 livres",
    "Elle a lu 12 livres cet été",
    "50 m2",
    "En 2019, 300 personnes.",
    "8 M de visiteurs",
    "le 12 mai 2020",
]

PERCENT = [
    ("32%", [("32%", 0.32, False, None)]),
    ("16,5 %", [("16,5 %", 0.165, False, None)]),
    ("AWS a attiré 32% (+46,3% par rapport à 2017)",
     [("32%", 0.32, False, None), ("+46,3%", 0.463, True, None)]),
    ("un recul (-2,5 %)", [("-2,5 %", -0.025, True, None)]),
    ("plus de 50 pour cent", [("plus de 50 pour cent", 0.5, False, "plus de")]),
    (f"12{NBSP}%", [(f"12{NBSP}%", 0.12, False, None)]),
    ("COVID-19 : 5%", [("5%", 0.05, False, None)]),
]


MoneyRow = tuple[str, float, str | None, str | None, float | None]


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_parse_money(text: str, expected: list[MoneyRow]) -> None:
    mentions = parse_money(text)
    got = [(m.text, m.value, m.currency, m.qualifier, m.value_max) for m in mentions]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (_, value, currency, qualifier, value_max), mention in zip(expected, mentions, strict=True):
        assert mention.value == pytest.approx(value)
        assert (mention.currency, mention.qualifier) == (currency, qualifier)
        assert mention.value_max == (pytest.approx(value_max) if value_max else None)
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text: str) -> None:
    assert parse_money(text) == []


@pytest.mark.parametrize(("text", "expected"), PERCENT)
def test_parse_percent(text: str, expected: list[tuple[str, float, bool, str | None]]) -> None:
    mentions = parse_percent(text)
    assert [m.text for m in mentions] == [e[0] for e in expected]
    for (_, value, growth, qualifier), mention in zip(expected, mentions, strict=True):
        assert mention.value == pytest.approx(value)
        assert (mention.growth, mention.qualifier) == (growth, qualifier)
        assert text[mention.start : mention.end] == mention.text


def test_range_percent() -> None:
    (mention,) = parse_percent("entre 20 et 25 %")
    assert (mention.value, mention.value_max, mention.qualifier) == (0.2, 0.25, "entre")


def test_points_are_not_percentages() -> None:
    assert parse_percent("un gain de 3 points de pourcentage") == []


@pytest.mark.parametrize(
    ("text", "english", "value"),
    [("12,7", False, 12.7), ("300 000", False, 300_000), ("300.000", False, 300_000),
     ("1.2", True, 1.2), ("1,200", True, 1200), ("deux", False, 2)],
)  # fmt: skip
def test_read_number(text: str, english: bool, value: float) -> None:
    assert read_number(text, english=english) == pytest.approx(value)


def test_money_lexicon_is_well_formed() -> None:
    lex = money_lexicon()
    codes = [c["code"] for c in lex["currencies"]]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in lex["iso_codes"])
    words = [w for c in lex["currencies"] for w in c["words"]]
    assert len(words) == len(set(words)), "a currency word belongs to one currency"
    assert all(w == w.lower() for w in words)
    forms = [f for s in lex["scales"] for f in s["words"] + s["abbreviations"]]
    assert len(forms) == len(set(forms))
    assert all(float(s["factor"]) > 1 for s in lex["scales"])
    assert all(isinstance(q, str) and q == q.lower() for q in lex["qualifiers"])


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("investir 12,7 milliards de dollars d'ici 2030", ["2030"]),
        ("un chiffre d'affaires à l'horizon 2017", ["2017"]),
        ("32% (+46,3% par rapport à Q4 2017) des dépenses au 4ème trimestre",
         ["2017-Q4", "2018-Q4"]),
        ("au premier trimestre 2019", ["2019-Q1"]),
        ("au deuxième trimestre de cette année", ["2019-Q2"]),
        ("l'an dernier, 300 millions", ["2018"]),
        ("un prix de 12,2019 euros", []),
    ],
)  # fmt: skip
def test_find_periods(text: str, values: list[str]) -> None:
    from datetime import date

    from veille.facts.reading.numbers import find_periods

    assert [p.value for p in find_periods(text, date(2019, 4, 10))] == values
