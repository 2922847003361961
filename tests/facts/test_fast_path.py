"""The fast path's sentence selection (no model)."""

from __future__ import annotations

import pytest

from veille.facts.fast_path import is_candidate, plan_chunks, plan_pieces, sentence_ranges
from veille.records import Article


def test_glued_sentences_are_split() -> None:
    text = "Il vit dans les Pyrénées.Alors il part. Fin du texte."
    pieces = [text[s:e] for s, e in sentence_ranges(text)]
    assert pieces == ["Il vit dans les Pyrénées.", "Alors il part.", "Fin du texte."]


def test_a_civility_or_an_initial_ends_no_sentence() -> None:
    # as veille/nlp/sentences.py draws them: the parse and the fast path agree
    text = "Le conseil a limogé le prédécesseur de M. Girard, Louis Garnier. J. Martin reste."
    pieces = [text[s:e] for s, e in sentence_ranges(text)]
    assert pieces == [
        "Le conseil a limogé le prédécesseur de M. Girard, Louis Garnier.",
        "J. Martin reste.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Julie Moreau a été nommée directrice générale de Decathlon.",
        "Le patron de Fnac Darty quitte ses fonctions.",
        "Elle succède à Paul Girard.",
        "Le groupe a levé 12 millions d'euros auprès de ses actionnaires.",
        "Samsung détient 33 % du marché européen.",
        "Les deux entreprises ont noué un partenariat.",
        "Camille Royer, directrice marketing de Danone, reste prudente.",
    ],
)
def test_fact_sentences_are_candidates(sentence: str) -> None:
    assert is_candidate(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Il a plu toute la journée sur la Bretagne.",
        "Le match s'est terminé sur un score nul.",
        "Les enfants ont repris le chemin de l'école ce lundi.",
    ],
)
def test_other_sentences_are_not(sentence: str) -> None:
    assert not is_candidate(sentence)


def test_plan_keeps_title_and_candidate_runs() -> None:
    text = (
        "Changement chez Decathlon\n\n"
        "Il a plu toute la journée. Le vent soufflait fort. "
        "Julie Moreau a été nommée directrice générale. Elle arrive de Leroy Merlin. "
        "Le match s'est terminé sur un score nul."
    )
    chunks = [text[s:e] for s, e in plan_chunks(text, fast_path=True)]
    assert chunks == ["Changement chez Decathlon", "Julie Moreau a été nommée directrice générale."]


def test_a_reference_brings_the_sentence_before() -> None:
    text = "Titre\n\nIl a plu. Julie Moreau dirigeait Leroy Merlin. Elle a démissionné hier."
    chunks = [text[s:e] for s, e in plan_chunks(text, fast_path=True)]
    assert chunks == ["Titre", "Julie Moreau dirigeait Leroy Merlin. Elle a démissionné hier."]


def test_without_fast_path_everything_is_parsed_in_the_same_pieces() -> None:
    text = (
        "Changement chez Decathlon\n\nIl a plu toute la journée. Le vent soufflait fort. "
        "Julie Moreau a été nommée directrice générale. Le match s'est terminé."
    )
    fast = plan_chunks(text, fast_path=True)
    full = plan_chunks(text, fast_path=False)
    # every candidate run is a chunk of the full parse too, with the same bounds
    assert set(fast) <= set(full)
    covered = "".join(text[s:e] for s, e in full)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert plan_chunks("", fast_path=True) == plan_chunks("", fast_path=False) == []


def test_the_lead_is_parsed_when_the_title_may_tell_a_move() -> None:
    article = Article(
        id="t",
        title="Julie Moreau nommée chez Decathlon",
        summary="Une arrivée attendue. Rien d'autre.",
        text="Le conseil s'est réuni ce jeudi. Il a plu toute la journée.",
    )
    text = article.full_text
    chunks = plan_chunks(text, fast_path=True, lead_starts=tuple(article.lead_starts))
    assert [text[s:e] for s, e in chunks] == [
        "Julie Moreau nommée chez Decathlon\n\nUne arrivée attendue.",
        "Le conseil s'est réuni ce jeudi.",
    ]
    # a title with no cue tells no move: its lead has nothing to date
    quiet = Article(id="q", title="Un jeudi à Lyon", text=article.text)
    leads = tuple(quiet.lead_starts)
    assert plan_chunks(quiet.full_text, fast_path=True, lead_starts=leads) == [(0, 15)]


def test_a_role_with_its_organisation_and_a_full_name_is_a_candidate() -> None:
    assert is_candidate("Le sénateur de la Vendée Bruno Martel a pris la parole.")
    assert is_candidate("Le maire sortant Hugo Carrel a pris la parole.")
    assert not is_candidate("Le sénateur de la région a pris la parole.")


def test_pieces_say_which_runs_the_fast_path_keeps() -> None:
    text = "Titre\n\nIl a plu. Le vent soufflait. Julie Moreau a été nommée directrice."
    pieces = plan_pieces(text, fast_path=False)
    assert [(text[p.start : p.end], p.candidate) for p in pieces] == [
        ("Titre", True),
        ("Il a plu. Le vent soufflait.", False),
        ("Julie Moreau a été nommée directrice.", True),
    ]
    assert [p for p in plan_pieces(text, fast_path=True)] == [p for p in pieces if p.candidate]
