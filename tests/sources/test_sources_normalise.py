"""normalise(): plain typography for the NLP stage, never a character more or less."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.sources.normalise import normalise, value_text

TRICKY = [
    "",
    "l’entreprise a nommé sa directrice",
    "«\u00a0Nous sommes ravis\u00a0», a déclaré le PDG d‘Atos.",
    "2,5\u202fmilliards d’euros",
    "un “partenariat” „stratégique”",
    "direc\u00adteur général",
    "\u00addébut, fin\u00ad, a\u00ad\u00adb, 3\u00ad4",
    "Figaro.\u200b\u200b\u200bLe chef",
    "ligne\r\nsuivante\rencore\r",
    "29 750 \x80, c\x9cur, l\x92usine, \x81\x8d\x8f\x90\x9d",
    "\t\x0b\x0c\u2028\u2029\x00\x1b\x7f",
    "−3\u2009% – Renault—Nissan ‐ vice‑président",
    "\ud83d\ude00 émoji seul et 😀 entier",
    "e\u0301te\u0301 (accents combinants)",
]


@pytest.mark.parametrize("text", TRICKY)
def test_length_is_preserved_on_tricky_strings(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=200))
def test_length_is_preserved_on_any_text(text: str) -> None:
    assert len(normalise(text)) == len(text)


@given(st.text(max_size=200))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200))
def test_printable_ascii_is_left_alone(text: str) -> None:
    assert normalise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l’usine d‘Airbus ʼ ´ ′", "l'usine d'Airbus ' ' '"),
        ("“oui” „non” ″", '"oui" "non" "'),
        ("« garde » ‹ aussi ›", "« garde » ‹ aussi ›"),
        ("a\u00a0b\u202fc\u2009d\u2002e\u3000f", "a b c d e f"),
        ("a\u200bb\u200cc\u200dd\ufeffe\u2060f\u200eg", "a b c d e f g"),
        ("a\r\nb\rc", "a \nb\nc"),
        ("a\u2028b\u2029c\x0bd\x0ce", "a\nb\nc\nd\ne"),
        ("a\tb\x00c\x7fd", "a b c d"),
        ("−3 – 4 — 5 ‑ 6 ‐ 7", "-3 - 4 - 5 - 6 - 7"),
        ("12 \x80 l\x92an c\x9cur \x96 \x93x\x94 \x85", '12 € l\'an cœur - "x" …'),
        ("\x81\x8d\x8f\x90\x9d", "     "),
        ("direc\u00adteur", "direccteur"),
        ("Fran\u00adçois Hol\u00adlande", "Frannçois Holllande"),
        ("\u00admorale fin\u00ad 3\u00ad4", " morale fin  3 4"),
        ("Pyrénées.Alors", "Pyrénées.Alors"),
    ],
)
def test_mappings(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_offsets_into_the_original_stay_valid() -> None:
    original = "Selon Les Echos, l’éditeur “Ubisoft” aurait recruté Zoé\u00a0Marin."
    cleaned = normalise(original)
    start = cleaned.index("Ubisoft")
    assert original[start : start + len("Ubisoft")] == "Ubisoft"
    start = cleaned.index("Zoé Marin")
    assert original[start : start + 9] == "Zoé\u00a0Marin"


def test_soft_hyphen_keeps_the_word_one_token() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("fr")
    assert [t.text for t in nlp(normalise("le direc\u00adteur général"))] == [
        "le",
        "direccteur",
        "général",
    ]


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Fran\u00adçois  Hol\u00adlande", "François Hollande"),
        ("directrice\u00a0générale\r\n d’Orange ", "directrice générale d'Orange"),
        ("“Groupe\u202fBPCE”", '"Groupe BPCE"'),
    ],
)
def test_value_text(original: str, expected: str) -> None:
    assert value_text(original) == expected
