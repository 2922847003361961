"""Which period a business figure or agreement is for: its own clause, a count from a
date the sentence named, the article's headline. French sentences written for these tests."""

from __future__ import annotations

import pytest

from veille.records import Amount, Article, MarketShare, Partnership

pytestmark = pytest.mark.slow


def _facts(extractor, text: str, published: str, title: str | None = None):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="t", title=title, text=text, published=published)).facts


def amount_dates(extractor, text: str, published: str = "2022-03-10") -> dict[float, str | None]:  # type: ignore[no-untyped-def]
    return {f.value: f.date for f in _facts(extractor, text, published) if isinstance(f, Amount)}


def test_a_count_back_from_a_named_year(extractor) -> None:  # type: ignore[no-untyped-def]
    dates = amount_dates(
        extractor,
        "Le groupe Renault a publié vendredi une perte nette de 80 millions d'euros en "
        "2021, contre un bénéfice de 12 millions d'euros un an plus tôt.",
    )
    # "vendredi" is the day of the results, not their period
    assert dates == {80e6: "2021", 12e6: "2020"}


def test_every_figure_of_a_clause_takes_its_period(extractor) -> None:  # type: ignore[no-untyped-def]
    dates = amount_dates(
        extractor,
        "Les trois semaines de grève en décembre ont coûté au groupe Ferroval environ 90 "
        "millions d'euros de chiffre d'affaires et près de 40 millions d'euros de marge "
        "opérationnelle.",
        published="2022-02-10",
    )
    assert dates == {90e6: "2021-12", 40e6: "2021-12"}


def test_a_year_opening_the_sentence_frames_its_figures(extractor) -> None:  # type: ignore[no-untyped-def]
    dates = amount_dates(
        extractor,
        "En 2021, le petit constructeur Morvan, qui compte sur ses clubs de passionnés "
        "répartis dans le monde entier, a vendu quelque 900 voitures neuves et a enregistré "
        "un chiffre d'affaires de l'ordre de 41 millions d'euros.",
    )
    assert dates == {41e6: "2021"}


def test_the_day_of_an_announcement_is_no_period(extractor) -> None:  # type: ignore[no-untyped-def]
    dates = amount_dates(
        extractor,
        "Le groupe Vertalis a annoncé début mai un investissement d'un milliard d'euros "
        "dans ses usines françaises.",
        published="2022-06-01",
    )
    assert dates == {1e9: None}


def test_a_market_share_takes_the_period_of_the_headline(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Samsung détient 22 % du marché mondial des smartphones, devant Apple.",
        published="2022-04-20",
        title="Ventes de smartphones au premier trimestre 2022 : Samsung en tête",
    )
    periods = {f.org: f.period for f in facts if isinstance(f, MarketShare)}
    assert periods == {"Samsung": "2022-Q1"}


def test_a_partnership_takes_its_own_clause_day_not_another_events(extractor) -> None:  # type: ignore[no-untyped-def]
    signed = _facts(
        extractor,
        "Airbus et Safran ont annoncé aujourd'hui la signature d'un partenariat "
        "stratégique dans l'hydrogène.",
        published="2022-06-01",
    )
    assert [f.date for f in signed if isinstance(f, Partnership)] == ["2022-06-01"]
    told = _facts(
        extractor,
        "Réagissant à l'arrestation du patron de Renault lundi, le ministre a assuré que "
        "l'État veillerait à la stabilité de l'alliance entre Renault et Nissan.",
        published="2022-06-01",
    )
    assert [f.date for f in told if isinstance(f, Partnership)] == [None]
