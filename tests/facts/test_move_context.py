"""Where a move's organisation comes from when its clause names none: the speaker's
title, a name completed by its acronym, the article's organisation (never a territory).
French sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veille.facts.reading.salience import article_org
from veille.records import Article, Move, Position

pytestmark = pytest.mark.slow


def move_orgs(
    article_moves: Callable[..., list[Move]], text: str
) -> dict[tuple[str, str], str | None]:
    return {(f.person, f.change): f.org for f in article_moves(text, published="2021-03-12")}


def test_the_speakers_title_is_the_post_a_reported_departure_leaves(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Hugo Carrel refusait de céder. Jeudi, le directeur général de la Banque Postale "
        "a finalement annoncé qu'il démissionnait.",
    )
    # the name as the gazetteer writes it
    assert orgs[("Hugo Carrel", "end")] == "La Banque Postale"


def test_an_acronym_in_brackets_completes_the_name(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Hugo Carrel, président de la Fédération française des sports de boules (FFSB), "
        "a démissionné jeudi.",
    )
    assert orgs[("Hugo Carrel", "end")] == "Fédération française des sports de boules"


def test_a_territory_is_never_the_article_organisation() -> None:
    text = (
        "L'ancien préfet de la Lozère, Marc Tissot, rejoint l'Elysée. Le préfet de la "
        "Lozère sera nommé en mai. Marc Tissot avait été sous-préfet en Lozère avant de "
        "revenir à l'Elysée. La Lozère attend."
    )
    assert article_org(text) == "Elysée"


def test_a_first_name_closing_a_run_is_part_of_the_name() -> None:
    text = "Le patron d'Aston Martin quitte le groupe. Chez Aston Martin, on s'inquiète."
    assert article_org(text) == "Aston Martin"


def test_entering_a_school_is_studies_not_a_post(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Avant d'intégrer HEC en 2004, Hugo Carrel a travaillé à Lyon. Il a ensuite été "
        "nommé directeur de l'ENA.",
    )
    assert ("Hugo Carrel", "start") in orgs
    assert orgs[("Hugo Carrel", "start")] != "HEC"


def test_a_portfolio_or_territory_title_is_held_at_its_institution(
    extractor, article_moves
) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Nadia Benali a été nommée ministre de la Transition écologique et solidaire. "
        "Hugo Carrel, maire de Vannes, a démissionné.",
    )
    assert orgs[("Nadia Benali", "start")] == "ministère de la Transition écologique et solidaire"
    assert orgs[("Hugo Carrel", "end")] == "mairie de Vannes"
    article = Article(id="t", text="Le préfet de police de Lyon Marc Tissot a reçu les élus.")
    positions = [f for f in extractor.extract(article).facts if isinstance(f, Position)]
    assert [p.org for p in positions] == ["préfecture de police de Lyon"]
    # a compound title is another post, not the ministry
    article = Article(id="u", text="Le ministre-président de la Wallonie Marc Tissot a parlé.")
    positions = [f for f in extractor.extract(article).facts if isinstance(f, Position)]
    assert [p.org for p in positions] == ["Wallonie"]


def test_a_title_that_names_its_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = extractor.extract(
        Article(
            id="t",
            text="Hugo Carrel a été nommé Premier ministre vendredi.",
            published="2021-03-12",
        )
    ).facts
    moves = [f for f in facts if isinstance(f, Move)]
    assert [(m.org, m.role) for m in moves] == [("gouvernement", "Premier ministre")]


def test_an_arrival_on_a_known_station_and_a_name_restated_after_a_colon(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Grand changement pour Hugo Carrel : l'animateur, qui va bientôt quitter RTL, a "
        "signé un contrat. Nadia Benali va revenir sur Europe 1 à la rentrée.",
    )
    assert orgs[("Hugo Carrel", "end")] == "RTL"
    assert orgs[("Nadia Benali", "start")] == "Europe 1"


def test_a_medium_someone_speaks_on_is_not_the_article_organisation() -> None:
    text = (
        "Le ministre a démissionné sur France Inter. Il l'a redit sur France Inter puis "
        "dans Le Parisien. Renault et Renault Trucks saluent son action chez Renault."
    )
    assert article_org(text) != "France Inter"


def test_a_court_referral_is_not_a_dismissal(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves, "Hugo Carrel, maire de Vannes, a été renvoyé devant le tribunal."
    )
    assert ("Hugo Carrel", "end") not in orgs


def test_an_adjective_of_the_title_stays_out_of_the_institution(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(article_moves, "La maire sortante de Vannes, Nadia Benali, a salué les élus.")
    assert orgs[("Nadia Benali", "end")] == "mairie de Vannes"


def test_the_organisation_that_hires_is_the_subject(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Renault a recruté Hugo Carrel. Europe 1 a frappé fort en recrutant début mai la "
        "journaliste Nadia Benali. Le ministre Marc Tissot a nommé Paul Garnier.",
    )
    assert orgs[("Hugo Carrel", "start")] == "Renault"
    # "début mai" is the date, not who is recruited
    assert orgs[("Nadia Benali", "start")] == "Europe 1"
    # a person who appoints is not the organisation joined
    assert orgs.get(("Paul Garnier", "start")) is None


def test_a_headline_name_before_its_title_without_comma(extractor) -> None:  # type: ignore[no-untyped-def]
    title = "Hugo Carrel futur directeur général de Decathlon"
    article = Article(id="t", title=title, text="Rien.")
    moves = [f for f in extractor.extract(article).facts if isinstance(f, Move)]
    assert [(m.person, m.change, m.org, m.status) for m in moves] == [
        ("Hugo Carrel", "start", "Decathlon", "planned")
    ]


def test_a_known_organisation_in_the_title_weighs_more() -> None:
    title = "Qui pour diriger Renault ?"
    text = (
        f"{title}\n\nLe conseil de Renault cherche encore. Martin Roux, patron de Seat, "
        "a dit non. Les ventes de Seat montent et Seat recrute."
    )
    assert article_org(text) == "Seat"
    assert article_org(text, len(title)) == "Renault"


def test_a_name_never_runs_across_the_title_break() -> None:
    text = "Le nouveau poste de Lina Berthou\n\nLina Berthou prend la tête du Théâtre Garance."
    assert article_org(text, text.index("\n")) is None


def test_this_post_is_the_post_named_before(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = article_moves(
        "L'inspectrice générale du département des Finances Laure Besnard est une proche "
        "du ministre. Son arrivée en mai à ce poste avait surpris.",
        published="2021-03-12",
    )
    start = next(m for m in moves if m.change == "start")
    assert (start.person, start.org, start.role) == (
        "Laure Besnard",
        "département des Finances",
        "inspectrice générale",
    )


def test_a_complement_after_the_verb_names_the_organisation(article_moves) -> None:  # type: ignore[no-untyped-def]
    orgs = move_orgs(
        article_moves,
        "Marco Bellini connaît bien le secteur. Passé ensuite par le groupe Fiat, il "
        "travaille, depuis 2009, pour le groupe Volkswagen.",
    )
    assert orgs[("Marco Bellini", "start")] == "Volkswagen"
