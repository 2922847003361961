"""Name keys, person name parts, edit distance and acronyms."""

from __future__ import annotations

import pytest

from veille.resolve.names import (
    acronym_letters,
    close_spelling,
    edit_distance,
    initials,
    is_acronym_form,
    org_key,
    person_key,
    person_parts,
    slug,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CloudWatt", "Cloudwatt"),
        ("le groupe PSA", "PSA"),
        ("Apple Inc.", "Apple"),
        ("Cap Gemini", "Capgemini"),
        ("Thalès", "THALES"),
        ("Météo-France", "Météo France"),
    ],
)
def test_org_keys_ignore_case_accents_spacing_and_legal_forms(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("François Hollande", "Francois Hollande"),
        ("Bruno Le Maire", "Bruno Lemaire"),
        ("Jean-Marc Ayrault", "Jean Marc Ayrault"),
        ("M. Gérald Darmanin", "Gérald Darmanin"),
    ],
)
def test_person_keys_ignore_case_accents_spacing_and_titles(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


def test_person_parts() -> None:
    assert person_parts("Jean-Marie Le Pen") == person_parts("Jean-Marie le Pen")
    parts = person_parts("Marine Le Pen")
    assert (parts.first, parts.surname) == ("marine", "le pen")
    assert person_parts("George W. Bush").surname == "bush"
    assert not person_parts("Macron").full
    assert not person_parts("Le Pen").full
    assert person_parts("Le Pen").surname == "le pen"


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("martiz", "maritz") == 1
    assert edit_distance("starck", "stark") == 1
    assert edit_distance("starck", "stack") == 1
    assert edit_distance("abc", "xyz", limit=2) == 2


def test_close_spelling_gives_no_slack_to_short_words() -> None:
    assert close_spelling("roy", "ray") is None
    assert close_spelling("starck", "stark") == 1
    assert close_spelling("mitterrand", "mitterand") == 1
    assert close_spelling("boumeddiene", "boumedienne") == 2
    assert close_spelling("starck", "starck") is None


def test_acronyms_and_initials() -> None:
    assert is_acronym_form("AWS") and is_acronym_form("S.N.C.F.")
    assert not is_acronym_form("Amazon")
    assert acronym_letters("S.N.C.F.") == "sncf"
    assert "aws" in initials("Amazon Web Services")
    assert "bce" in initials("Banque centrale européenne")
    assert "lr" in initials("Les Républicains")
    assert initials("Amazon") == set()


def test_slug() -> None:
    assert slug("Amazon Web Services") == "amazon-web-services"
    assert slug("Françoise Nyssen") == "francoise-nyssen"
