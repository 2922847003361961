"""Move and position extraction on French sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veille.records import Article, Move, Position

pytestmark = pytest.mark.slow


def facts_of(extractor, text: str, published: str = "2021-03-10"):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="t", text=text, published=published)).facts


def moves_of(
    article_moves: Callable[..., list[Move]], text: str, published: str = "2021-03-10"
) -> set[tuple[str, str, str | None]]:
    return {(f.person, f.change, f.org) for f in article_moves(text, published=published)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Julie Moreau a été nommée directrice générale de Decathlon.",
            {("Julie Moreau", "start", "Decathlon")},
        ),
        (
            "Marc Lefèvre quitte Orange pour rejoindre Bouygues Telecom.",
            {("Marc Lefèvre", "end", "Orange"), ("Marc Lefèvre", "start", "Bouygues Telecom")},
        ),
        (
            "Sophie Bernard succède à Paul Girard à la tête de la Fnac.",
            {("Sophie Bernard", "start", "Fnac"), ("Paul Girard", "end", "Fnac")},
        ),
        (
            "Le directeur financier de Carrefour, Thomas Petit, a démissionné.",
            {("Thomas Petit", "end", "Carrefour")},
        ),
        (
            "Claire Dubois prendra la présidence de Michelin le 1er juin.",
            {("Claire Dubois", "start", "Michelin")},
        ),
    ],
)
def test_moves_in_one_sentence(article_moves, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected <= moves_of(article_moves, text)


def test_status_planned_and_reported(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        extractor,
        "Hugo Martin va quitter la direction de Renault. Selon Les Echos, Léa Roux "
        "serait nommée présidente de Safran.",
    )
    status = {f.person: f.status for f in facts if isinstance(f, Move)}
    assert status["Hugo Martin"] == "planned"
    assert status["Léa Roux"] == "reported"


def test_date_of_the_clause(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        extractor,
        "L'été dernier, Nadia Lemoine a quitté Thales pour prendre la tête de Dassault Systèmes.",
        published="2020-05-04",
    )
    dates = {(f.change, f.date) for f in facts if isinstance(f, Move)}
    assert ("end", "2019-SU") in dates
    assert ("start", "2019-SU") in dates


def test_short_references_get_the_full_name(article_moves) -> None:  # type: ignore[no-untyped-def]
    found = moves_of(
        article_moves,
        "Antoine Garnier dirigeait les ventes de Capgemini depuis dix ans. "
        "Celui-ci a rejoint Atos en janvier. Garnier y sera directeur commercial.",
    )
    assert ("Antoine Garnier", "start", "Atos") in found


def test_interim(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        extractor, "Inès Faure a été nommée directrice générale par intérim de la SNCF."
    )
    move = next(f for f in facts if isinstance(f, Move))
    assert move.interim is True
    assert move.role_norm == "md"


@pytest.mark.parametrize(
    "text",
    [
        "Les syndicats appellent à la démission de Pierre Vidal, patron de Total.",
        "Interrogé, Louis Perrin dément vouloir quitter la présidence d'Airbus.",
        "Furieuse, l'humoriste Anne Colin quitte le plateau de l'émission en plein direct.",
        "La nouvelle Clio remplace l'ancienne version dans la gamme de Renault.",
    ],
)
def test_no_move(extractor, text) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in facts_of(extractor, text) if isinstance(f, Move)]


def test_position_from_apposition(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(
        extractor,
        "« Nous restons prudents », a expliqué Camille Royer, directrice marketing de Danone.",
    )
    positions = [f for f in facts if isinstance(f, Position)]
    assert [(p.person, p.org, p.role_norm, p.current) for p in positions] == [
        ("Camille Royer", "Danone", "cmo", True)
    ]


def test_evidence_points_into_the_original_text(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Titre\u00a0: départ\n\nJean\u2019Luc Simon a quitté\u00a0Airbus l’an dernier."
    article = Article(id="t", text=text, published="2021-03-10")
    for fact in extractor.extract(article).facts:
        assert article.full_text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
