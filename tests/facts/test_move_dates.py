"""Which date a move takes (its own clause, the news of the day, never a borrowed one
over its own) and who a short reference means. French sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veille.records import Move

pytestmark = pytest.mark.slow


def dated_moves(
    article_moves: Callable[..., list[Move]],
    text: str,
    title: str | None = None,
    published: str = "2021-03-12",
) -> dict[tuple[str, str], str | None]:
    return {
        (f.person, f.change): f.date for f in article_moves(text, title=title, published=published)
    }


def test_the_lead_dates_the_headline(article_moves) -> None:  # type: ignore[no-untyped-def]
    # published on a Friday: "ce jeudi" is the day before
    moves = dated_moves(
        article_moves,
        title="Hélène Marchand devient présidente de la Région Bretagne",
        text="Le conseil régional a élu ce jeudi sa nouvelle présidente. Elle remplace "
        "Yves Cadoret, qui avait annoncé son retrait en janvier.",
    )
    assert moves[("Hélène Marchand", "start")] == "2021-03-11"


def test_an_old_date_in_the_lead_is_not_the_news(article_moves) -> None:  # type: ignore[no-untyped-def]
    title = "Hélène Marchand devient présidente de la Région Bretagne"
    moves = article_moves(
        "Le conseil régional, qui l'avait recrutée en 2015 comme conseillère, salue son élection.",
        title=title,
        published="2021-03-12",
    )
    # the headline's move stays undated; the 2015 recruitment is a move of its own
    assert [m.date for m in moves if m.evidence.start < len(title)] == [None]
    assert {m.date for m in moves if m.change == "start"} == {None, "2015"}


def test_a_rumour_is_not_dated_by_the_day_it_is_reported(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        title="Hélène Marchand pourrait devenir présidente de la Région Bretagne",
        text="Selon plusieurs élus interrogés ce jeudi, le conseil régional hésite encore.",
    )
    assert moves.get(("Hélène Marchand", "start")) is None


def test_a_date_of_its_own_beats_the_successor_date(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Paul Garnier a été nommé ce jeudi directeur général de Vinci en remplacement de "
        "Marc Olivier. Il succède à Marc Olivier, qui avait démissionné la semaine "
        "précédente.",
    )
    assert moves[("Paul Garnier", "start")] == "2021-03-11"
    assert moves[("Marc Olivier", "end")] == "2021-W09"


def test_a_pronoun_never_means_the_other_side_of_its_verb(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Paul Garnier a été nommé directeur général de Vinci en remplacement de Marc "
        "Olivier. Il succède à Marc Olivier après onze ans de mandat.",
    )
    assert ("Marc Olivier", "start") not in moves


def test_a_time_of_day_is_the_day_of_publication(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Le gouvernement a présenté la nouvelle ministre de la Culture, Anne Roux ayant "
        "démissionné dans la matinée.",
    )
    assert moves[("Anne Roux", "end")] == "2021-03-12"
    # she left the post: the adjective "nouvelle" is about someone else
    assert ("Anne Roux", "start") not in moves


def test_an_event_named_as_a_landmark_keeps_its_own_date(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Une semaine après le départ de Marc Olivier, Paul Garnier a été nommé ce jeudi "
        "directeur général de Vinci.",
    )
    assert moves[("Paul Garnier", "start")] == "2021-03-11"
    assert moves.get(("Marc Olivier", "end")) != "2021-03-11"


def test_a_name_restated_by_a_noun_phrase_moves(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Nadia Benali, la dirigeante recrutée par Danone il y a trois ans, a quitté "
        "Danone, a-t-on appris jeudi.",
    )
    assert ("Nadia Benali", "end") in moves


def test_a_pronoun_agrees_with_the_gender_of_the_first_name(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Paul Garnier dirigeait la filiale de Vinci. Annick Lebrun, directrice "
        "financière de Vinci, a salué son travail. Il a quitté Vinci en mai.",
    )
    assert ("Paul Garnier", "end") in moves
    assert ("Annick Lebrun", "end") not in moves


def test_a_replacement_noun_gives_both_sides(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Le ministre a annoncé le remplacement du directeur de l'usine Marc Olivier par "
        "Paul Garnier.",
    )
    assert ("Marc Olivier", "end") in moves
    assert ("Paul Garnier", "start") in moves


def test_an_expected_departure_is_dated_and_planned(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = {
        (m.person, m.change): m
        for m in article_moves(
            "Le départ de Julien Mercadier, directeur financier de Vinalia, est attendu en "
            "avril tandis que la directrice juridique Sonia Ferrand pourrait également "
            "quitter le groupe.",
            published="2021-03-12",
        )
    }
    departure = moves[("Julien Mercadier", "end")]
    assert (departure.date, departure.status) == ("2021-04", "planned")
    # the other clause has a subject of its own: April is not its date
    assert moves[("Sonia Ferrand", "end")].date is None


def test_a_horizon_after_pour_is_not_the_move_date(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Paul Verdier quitte la société Ondilis au moment où celle-ci prépare son entrée en "
        "Bourse, avec le lancement, pour le troisième trimestre de cette année, de sa nouvelle "
        "offre.",
    )
    assert moves[("Paul Verdier", "end")] is None


def test_since_a_departure_dates_it_in_the_past(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Claire Vasseur prépare son retour. Très discrète depuis son départ du gouvernement "
        "fin janvier, l'ancienne ministre est attendue sur France 2 le 22 avril prochain.",
    )
    assert moves[("Claire Vasseur", "end")] == "2021-01"


def test_a_departure_named_as_a_landmark_is_not_the_news(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        title="Claire Vasseur devient présidente de Voltaïs",
        text="Trois semaines après la démission de Paul Girard, le conseil de Voltaïs a élu "
        "ce jeudi Claire Vasseur à sa présidence.",
    )
    assert moves[("Claire Vasseur", "start")] == "2021-03-11"
    assert moves[("Paul Girard", "end")] is None


def test_a_departure_named_as_a_landmark_keeps_its_own_date(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Paul Girard avait assuré l'intérim à la présidence depuis le départ de Claire "
        "Vasseur en juin. Après l'annonce du remplacement du préfet Marc Olivier par "
        "Léa Martin, le ministre a réagi lundi soir.",
    )
    assert moves[("Claire Vasseur", "end")] == "2020-06"
    # the minister's Monday is not when the prefect was replaced
    assert moves[("Marc Olivier", "end")] is None
    assert moves[("Léa Martin", "start")] is None


def test_a_since_of_another_verb_is_not_the_posts(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = article_moves(
        "Le départ du président de l'Assemblée nationale Paul Roux pour le ministère a "
        "ravivé depuis mardi la course aux postes.",
        published="2021-03-12",
    )
    assert [(m.person, m.change) for m in moves] == [("Paul Roux", "end")]


def test_a_post_held_since_someones_departure_takes_its_date(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        "Le 11 octobre dernier, le conseil de Voltix a décidé de débarquer le directeur "
        "général Paul Girard. Claire Vasseur, qui assure l'intérim depuis le débarquement "
        "de Paul Girard, est candidate.",
        published="2021-12-16",
    )
    assert moves[("Paul Girard", "end")] == "2021-10-11"
    assert moves[("Claire Vasseur", "start")] == "2021-10-11"


def test_a_successor_takes_over_when_the_predecessor_left(article_moves) -> None:  # type: ignore[no-untyped-def]
    # the replacement is told with no date of its own, after the departure's
    moves = dated_moves(
        article_moves,
        text="L'automne dernier, le PDG Marc Dupont a quitté Fructis pour fonder sa propre "
        "société. Il a été remplacé par l'ancienne directrice financière de Lorval, Julie "
        "Martin.",
    )
    assert moves[("Marc Dupont", "end")] == "2020-FA"
    assert moves[("Julie Martin", "start")] == "2020-FA"


def test_a_reported_imperfect_with_a_later_date_is_a_plan(article_moves) -> None:  # type: ignore[no-untyped-def]
    # published in June: "le 30 novembre" of the announcement is ahead, not behind
    moves = article_moves(
        "Lundi, Paul Girard a annoncé qu'il quittait la présidence de Vertalis le 30 novembre.",
        published="2022-06-15",
    )
    leaving = next(m for m in moves if m.person == "Paul Girard" and m.change == "end")
    assert (leaving.date, leaving.status) == ("2022-11-30", "planned")


def test_a_title_appointed_by_a_passive_names_the_post(article_moves) -> None:  # type: ignore[no-untyped-def]
    # the name comes after the verb; "dès avril" is the past April of a past clause
    moves = article_moves(
        "Dès avril, un nouveau directeur financier avait été nommé chez Lorval, Hélène Bois.",
        published="2022-06-15",
    )
    start = next(m for m in moves if m.person == "Hélène Bois")
    assert (start.change, start.date, start.role) == ("start", "2022-04", "directeur financier")


def test_taking_up_office_dates_the_start(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        text="A compter du 1er juillet 2021, Hugo Lenoir reprend la direction générale de "
        "Vertalis en remplacement d'Anne Vidal entrée en poste le 3 février 2020.",
        published="2021-06-28",
    )
    assert moves[("Anne Vidal", "start")] == "2020-02-03"
    assert moves[("Hugo Lenoir", "start")] == "2021-07-01"


def test_the_outgoing_holder_leaves_when_the_newcomer_arrives(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = {
        (m.person, m.change): (m.date, m.status)
        for m in article_moves(
            "Claire Noyer a été nommée à la tête de Vertalis. Le conseil l'a préférée au PDG "
            "sortant de Vertalis, Marc Aubry. Elle prendra ses fonctions le 2 mai.",
            published="2022-03-10",
        )
    }
    # the appointment is news, the start still ahead: both are planned for 2 May
    assert moves[("Claire Noyer", "start")] == ("2022-05-02", "planned")
    assert moves[("Marc Aubry", "end")] == ("2022-05-02", "planned")


def test_a_departure_for_another_post_is_dated_by_the_arrival(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = dated_moves(
        article_moves,
        text="Louis Garnier a été nommé ce mardi ministre de l'Agriculture. Le départ de "
        "Louis Garnier de la Région Bretagne pour le gouvernement ouvre sa succession.",
        published="2022-03-10",
    )
    assert moves[("Louis Garnier", "end")] == "2022-03-08"


def test_a_successor_takes_the_post_left_and_its_organisation(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = {
        (m.person, m.change): (m.org, m.role, m.date)
        for m in article_moves(
            "L'an dernier, la PDG Anne Vidal a quitté Danone pour fonder sa propre société. "
            "Elle a été remplacée par Marc Olivier.",
            published="2022-11-10",
        )
    }
    assert moves[("Marc Olivier", "start")] == ("Danone", "PDG", "2021")


def test_a_subject_the_parser_hung_on_an_aside(article_moves) -> None:  # type: ignore[no-untyped-def]
    # the parse makes "Kasture" the subject of "il y a": the main verb keeps it, and
    # "il y a environ cinq ans" stays the date of "a rejoint"
    moves = {
        (m.person, m.change, m.org): (m.role, m.date)
        for m in article_moves(
            "Vaishali Kasture quitte AWS. Kasture, qui a rejoint Amazon il y a environ cinq "
            "ans, a occupé le poste de directrice des ventes chez AWS Inde à partir de mars "
            "de cette année.",
            published="2023-12-20",
        )
    }
    assert moves[("Vaishali Kasture", "start", "AWS Inde")] == ("directrice des ventes", "2023-03")
    assert moves[("Vaishali Kasture", "start", "Amazon")] == (None, "2018")


def test_an_organisation_parsed_as_a_predicate_is_the_one_left(article_moves) -> None:  # type: ignore[no-untyped-def]
    moves = {
        (m.person, m.change): (m.org, m.date)
        for m in article_moves("Paul Girard a quitté Danone en novembre.", published="2022-11-10")
    }
    assert moves == {("Paul Girard", "end"): ("Danone", "2022-11")}
