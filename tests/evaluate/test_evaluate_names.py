"""Name comparison (case, accents, articles, punctuation) and role overlap."""

from __future__ import annotations

import pytest

from veille.evaluate.names import content_words, name_matches, normalize_name, roles_agree


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("L'Oréal", "l'oreal"),
        ("L'Oréal", "Oréal"),
        ("Société Générale", "SOCIETE GENERALE"),
        ("La Poste", "la poste."),
        ("La Poste", "Poste"),
        ("Les Échos", "echos"),
        ("The Boston Consulting Group", "Boston Consulting Group"),
        ("Hewlett-Packard", "Hewlett Packard"),
        ("Crédit Agricole", "« Crédit Agricole »"),
        ("Amazon Web Services", " amazon web services "),
        ("Jérôme Cazès", "JEROME CAZES"),
        (["Amazon Web Services", "AWS"], "AWS"),
        (["Paul Martiz", "Paul Maritz"], "Paul Maritz"),
        (None, "Orange"),
        (None, None),
    ],
)
def test_names_that_match(gold: object, predicted: object) -> None:
    assert name_matches(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Orange", "Orange Business"),
        ("Orange", None),
        ("Orange", ""),
        (["Amazon Web Services", "AWS"], "Amazon"),
        ("De Beers", "Beers"),  # "de" opens real names: not stripped as an article
        ("Paul Martiz", "Paul Maritz"),
    ],
)
def test_names_that_do_not_match(gold: object, predicted: object) -> None:
    assert not name_matches(gold, predicted)


def test_an_article_alone_is_kept_as_the_name() -> None:
    assert normalize_name("Les") == "les"


@pytest.mark.parametrize(
    ("gold", "predicted", "agree"),
    [
        (None, None, True),
        (None, "CEO", False),
        ("CEO", None, False),
        ("CEO", "ceo", True),
        ("vice-président des ventes au niveau mondial", "vice-président", True),
        ("Directeur financier", "directeur général", True),  # share "directeur"
        ("CEO", "président", False),
        ("la tête de Pivotal", "tête", True),
        ("poste de direction", "direction", True),
        ("poste de direction", "poste de CTO", False),  # "poste" is a framing word
        ("responsable par intérim des activités commerciales", "Responsable", True),
        ("directrice générale déléguée", "Directrice Generale", True),
        (["PDG", "président-directeur général"], "président", True),
        (["PDG", "président-directeur général"], "CTO", False),
        ("de", "de", True),  # only stop words: compared as whole text
    ],
)
def test_role_overlap(gold: object, predicted: object, agree: bool) -> None:
    assert roles_agree(gold, predicted) is agree


def test_content_words_are_folded_and_stripped_of_stop_words() -> None:
    assert content_words("Vice-Président des Ventes à l'international") == {
        "vice",
        "president",
        "ventes",
        "international",
    }
