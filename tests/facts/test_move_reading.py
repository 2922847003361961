"""How a move is read in its sentence and merged across the article: "élu" as a noun,
an arrival that is a trip, a denial in another clause, two reports of one move, two
moves at one organisation. French sentences written for these tests."""

from __future__ import annotations

import pytest

from veille.facts.reading.salience import article_org
from veille.facts.rules.triggers import find_triggers
from veille.records import Article, Move


def moves(extractor, text: str, title: str | None = None) -> list[Move]:  # type: ignore[no-untyped-def]
    article = Article(id="t", title=title, text=text, published="2021-03-12")
    return [f for f in extractor.extract(article).facts if isinstance(f, Move)]


def test_elu_as_a_noun_states_no_election(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "Lucie Morin, élue PS de Nantes, a voté contre le budget.") == []
    assert moves(extractor, "L'élu du IXe arrondissement Marc Tessier a quitté la séance.") == []
    elected = moves(extractor, "Marc Tessier, élu maire de Nantes en 2014, a parlé.")
    assert [(m.person, m.change, m.org) for m in elected] == [
        ("Marc Tessier", "start", "mairie de Nantes")
    ]


def test_an_arrival_names_its_post_or_is_a_trip(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "Le pays a changé depuis l'arrivée de Boris Eltsov au Kremlin.") == []
    found = moves(extractor, "Les ventes ont repris depuis l'arrivée du nouveau PDG Ana Ruiz.")
    assert [(m.person, m.change) for m in found] == [("Ana Ruiz", "start")]


def test_a_denial_in_one_clause_does_not_block_the_next(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Sarah Lemoine ne se présente pas aux élections, mais elle vient d'être nommée "
        "directrice du Théâtre du Rond-Point.",
    )
    assert [(m.person, m.change, m.org) for m in found] == [
        ("Sarah Lemoine", "start", "Théâtre du Rond-Point")
    ]
    assert (
        moves(extractor, "Sarah Lemoine n'a pas été nommée directrice du Théâtre du Rond-Point.")
        == []
    )


def test_a_suggestion_is_no_move(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moves(extractor, "Hugo Bréhat a suggéré à Anne Caro de quitter la présidence de Vinci.")
        == []
    )


def test_two_names_of_one_organisation_are_one_move(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Hélène Roy a quitté la présidence de Vinci France. Le groupe Vinci a confirmé le "
        "départ d'Hélène Roy.",
    )
    assert [(m.person, m.change) for m in found] == [("Hélène Roy", "end")]


def test_the_news_and_an_old_start_at_one_organisation_are_two_moves(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Ingénieur, il a intégré la RATP en 1988 et n'a cessé de monter depuis.",
        title="Yves Caradec bientôt nommé à la tête de la RATP",
    )
    starts = sorted((m.date or "", m.status) for m in found if m.change == "start")
    assert starts == [("", "planned"), ("1988", "done")]


def test_ending_ones_own_functions_on_a_date(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor, "Vendredi, Louis Perrot a annoncé qu'il mettait fin à ses fonctions le 30 juin."
    )
    assert [(m.person, m.change) for m in found] == [("Louis Perrot", "end")]


def test_a_succession_the_parser_loses_is_read_around_the_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(extractor, "Bruno Vasquez, 51 ans, remplace Odile Garnier, partie en mars.")
    assert {(m.person, m.change) for m in found} == {
        ("Bruno Vasquez", "start"),
        ("Odile Garnier", "end"),
    }


def test_an_object_pronoun_of_a_dismissal_is_the_person_named(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Hervé Lacombe dirigeait Danone. En mai, le conseil a décidé de le limoger.",
    )
    assert ("Hervé Lacombe", "end") in {(m.person, m.change) for m in found}


def test_holding_a_post_for_a_vague_while_is_no_start(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moves(extractor, "Depuis plusieurs mois, Hervé Lacombe occupait le poste de trésorier.")
        == []
    )
    found = moves(extractor, "Depuis 2016, Hervé Lacombe occupe le poste de trésorier de Danone.")
    assert [(m.person, m.change, m.date) for m in found] == [("Hervé Lacombe", "start", "2016")]


def test_a_post_serving_someone_is_held_where_the_text_says(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Odile Garnier est arrivée en 2016. Avant de devenir la première adjointe de Luc "
        "Verdier à la mairie de Rennes, elle avait dirigé une agence.",
    )
    assert [(m.person, m.change, m.org, m.role) for m in found] == [
        ("Odile Garnier", "start", "mairie de Rennes", "première adjointe")
    ]


def test_an_institution_noun_keeps_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(extractor, "Bruno Vasquez est entré au ministère de l'Intérieur en 2005.")
    assert [(m.org, m.date) for m in found] == [("ministère de l'Intérieur", "2005")]
    found = moves(extractor, "Bruno Vasquez a été élu secrétaire national du PCF.")
    assert [(m.role, m.org) for m in found] == [("secrétaire national", "PCF")]


def test_a_speakers_object_pronoun_is_nobody_we_know(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        'Hugo Bréhat est arrivé. "Je suis fier de l\'avoir recruté chez Vinci", dit Anne Caro.',
    )
    assert ("Hugo Bréhat", "start") not in {(m.person, m.change) for m in found}


def test_what_someone_thinks_another_must_do_is_a_demand(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "Pour Julie Fabre, Marc Olivier doit démissionner.") == []
    assert moves(extractor, "Julie Fabre estime que Marc Olivier doit quitter Vinci.") == []
    found = moves(extractor, "Marc Olivier doit quitter Vinci en juin.")
    assert [(m.person, m.change, m.status) for m in found] == [("Marc Olivier", "end", "planned")]


def test_working_somewhere_since_a_date_is_a_start(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(extractor, "Léa Bonnet est ingénieure. Elle travaille, depuis 2011, pour Thales.")
    assert [(m.person, m.change, m.org, m.date) for m in found] == [
        ("Léa Bonnet", "start", "Thales", "2011")
    ]


def test_leaving_for_somewhere_is_a_start_there(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(extractor, "Léa Bonnet, partie chez Thales en 2019, a témoigné.")
    assert [(m.person, m.change, m.org) for m in found] == [("Léa Bonnet", "start", "Thales")]
    assert moves(extractor, "Léa Bonnet est partie à Lyon pour les vacances.") == []


def test_a_post_held_until_now_is_being_left(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Il est remplacé par Léa Bonnet, qui occupait jusqu'à présent les fonctions de "
        "cheffe de cabinet adjointe de l'Elysée.",
    )
    assert ("Léa Bonnet", "end", "Elysée") in {(m.person, m.change, m.org) for m in found}


def test_an_institution_and_its_words_before_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Le gouvernement a mis fin aux fonctions du directeur de cabinet de la préfecture de "
        "police Hugo Bréhat.",
    )
    assert [(m.person, m.change, m.role, m.org) for m in found] == [
        ("Hugo Bréhat", "end", "directeur de cabinet", "préfecture de police")
    ]


def test_a_sentence_opening_on_a_possessive_continues_about_the_previous_subject(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Le juge Hugo Bréhat est un proche du sénateur Marc Olivier. Son arrivée à ce poste "
        "en mai avait surpris.",
    )
    assert [(m.person, m.change) for m in found] == [("Hugo Bréhat", "start")]


def test_naming_choosing_or_nominating_a_candidate_is_no_post(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "Sans la nommer, Julie Fabre a répliqué à Anne Caro.") == []
    assert moves(extractor, "Anne Caro a choisi d'expliquer son vote sur RTL.") == []
    assert moves(extractor, "Anne Caro sera-t-elle investie par le PS aux législatives ?") == []
    found = moves(extractor, "Anne Caro, nommée au Conseil économique et social, se tait.")
    assert [(m.person, m.change) for m in found] == [("Anne Caro", "start")]
    found = moves(extractor, "Vinci a choisi Anne Caro pour diriger le groupe.")
    assert [(m.person, m.change) for m in found] == [("Anne Caro", "start")]


def test_a_demanded_resignation_is_no_move(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moves(extractor, "Le syndicat réclame la démission du ministre de la Santé Luc Perrin.")
        == []
    )
    assert (
        moves(extractor, "La démission de Luc Perrin demandée par l'opposition. Il se tait.") == []
    )


def test_hypotheses_candidacies_first_places_and_other_ends_are_no_moves(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "Anne Caro promet, s'il est élu président, dix mille policiers.") == []
    assert moves(extractor, "Anne Caro sera candidate à sa réélection au poste de maire.") == []
    assert (
        moves(extractor, "Arrivée en tête du premier tour, Anne Caro a remercié ses électeurs.")
        == []
    )
    assert moves(extractor, "Anne Caro a mis fin à un suspense qui durait depuis des mois.") == []
    assert moves(extractor, "Le maire a profité de son discours pour remercier Anne Caro.") == []
    assert moves(extractor, "Anne Caro avait quitté la Tunisie en 2011.") == []


def test_a_plural_participle_is_said_of_a_group(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Anne Caro devance Marc Olivier, selon un échantillon de Français recrutés par téléphone.",
    )
    assert found == []
    found = moves(extractor, "Le soutien de Vinci, Marc Olivier, nommé directeur général, parle.")
    assert [(m.person, m.change) for m in found] == [("Marc Olivier", "start")]


def test_whom_the_board_chose_is_who_succeeds(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Sophie Lenoir vient d'être élue présidente du Théâtre des Lilas. C'est le conseil "
        "d'administration qui l'a choisie pour succéder au comédien Marc Dubreuil ce mardi.",
    )
    # the chosen one succeeds, not the board; both reports of her move are one, dated
    assert {(m.person, m.change, m.date) for m in found} == {
        ("Sophie Lenoir", "start", "2021-03-09"),
        ("Marc Dubreuil", "end", "2021-03-09"),
    }


def test_a_verb_coordinated_with_a_noun_keeps_the_subject(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Lawrence Vidal a acquis 25 % des parts de la société Tolbiac et en deviendra le "
        "nouveau directeur général à compter du 20 avril prochain.",
    )
    assert [(m.person, m.change, m.status, m.date) for m in found] == [
        ("Lawrence Vidal", "start", "planned", "2021-04-20")
    ]


def test_the_finer_of_two_dates_of_one_move_wins(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Léa Martin a été nommée directrice générale du groupe Ardent mi-février. Elle est "
        "entrée en poste le 11 février comme directrice générale du groupe Ardent.",
    )
    assert [(m.person, m.change, m.date) for m in found] == [("Léa Martin", "start", "2021-02-11")]


def test_honours_places_and_duties_are_no_moves(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moves(
            extractor, "Le PDG de Voltix Paul Garnier est promu chevalier de la Légion d'honneur."
        )
        == []
    )
    assert (
        moves(extractor, "Le gendarme Marc Tellier a pris la place d'une otage au supermarché.")
        == []
    )
    assert moves(extractor, "Pour le sénateur, Paul Garnier doit démissionner.") == []
    # with a date, "devoir" is a plan
    planned = moves(
        extractor, "Paul Garnier doit démissionner de la présidence de Voltix le 1er avril."
    )
    assert [(m.person, m.change, m.status) for m in planned] == [("Paul Garnier", "end", "planned")]


def test_a_detached_participle_agrees_with_whom_it_is_said_of(extractor) -> None:  # type: ignore[no-untyped-def]
    # the exhibition was installed, not its (male) author
    assert (
        moves(
            extractor,
            "L'exposition de photographies d'Olivier Brandt, installée dans un square de Metz, "
            "a été dégradée.",
        )
        == []
    )
    # an infinitive clause has its verb's subject, not the last name before it
    found = moves(
        extractor,
        "Paul Garnier est d'abord chargé de la protection de Lucie Marchal, la maire de Tours, "
        "avant d'être embauché au service d'ordre de la société Voltix.",
    )
    assert [(m.person, m.change) for m in found] == [("Paul Garnier", "start")]


def test_a_matter_is_not_the_article_organisation() -> None:
    text = (
        "Paul Garnier a démissionné. Dans l'affaire Marchal, les révélations continuent. "
        "L'affaire Marchal pèse sur le gouvernement."
    )
    assert article_org(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a piece of a title: the article is about no organisation
        (
            "Paul Garnier a démissionné. Son successeur, choisi par le Premier ministre, "
            "sera nommé lundi par le Premier ministre.",
            None,
        ),
        # the ministry a minister's title names
        (
            "Paul Garnier a démissionné. Le ministre de l'Intérieur a pris acte. Le ministre "
            "de l'Intérieur nommera vite un successeur.",
            "ministère de l'Intérieur",
        ),
        # an acronym of common nouns
        (
            "Paul Garnier a démissionné. Les hôpitaux manquent de lits en unités de soins "
            "intensifs (USI) et les USI débordent.",
            None,
        ),
    ],
)
def test_a_piece_of_a_title_is_not_the_article_organisation(
    text: str, expected: str | None
) -> None:
    assert article_org(text) == expected


def test_who_is_named_to_replace_someone_is_not_the_one_naming(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Le président Paul Garnier comptait nommer rapidement une femme pour remplacer "
        "Lucie Marchal à la tête de la Cour.",
    )
    assert "Paul Garnier" not in {m.person for m in found}


def test_renouncing_a_career_start_or_a_place_is_no_move(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moves(extractor, "Lucie Marchal avait renoncé à prendre la tête du Parti socialiste.") == []
    )
    assert moves(extractor, "Lucie Marchal commence sa carrière dans un Paris libéré.") == []


def test_an_elected_member_sits_in_the_assembly_not_the_place(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(extractor, "Le député Paul Garnier, élu dans le Nord, a pris la parole.")
    assert [(m.person, m.org) for m in found] == [("Paul Garnier", "Assemblée nationale")]


def test_a_way_or_a_stance_is_no_move(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moves(extractor, "L'actrice Lucie Marchal s'est écartée jeudi de la neutralité.") == []
    assert moves(extractor, "Paul Garnier a pris la direction des montagnes après minuit.") == []
    taken = moves(extractor, "Paul Garnier a pris la direction de la société Voltix en 2019.")
    assert [(m.person, m.change, m.org) for m in taken] == [("Paul Garnier", "start", "Voltix")]


def test_a_verb_inside_a_time_expression_is_no_trigger(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("Paul Girard dirigera la filiale à partir de janvier.")
    doc._.published = "2021-03-12"
    lemmas = [t.lemma for sent in nlp(doc).sents for t in find_triggers(sent)]
    assert "partir" not in lemmas


def test_a_civility_heads_the_name_it_titles(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "L'inspectrice générale du ministère des Finances Hélène Noyer a démissionné lundi. "
        "Mme Noyer sera remplacée temporairement par son adjoint Paul Girard.",
    )
    start = next(m for m in found if m.person == "Paul Girard")
    # her organisation, not her title: "inspectrice générale" is no man's title
    assert (start.change, start.org, start.role) == ("start", "ministère des Finances", None)


def test_a_relation_noun_restated_by_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    found = moves(
        extractor,
        "Le directeur général de Vertalis, Paul Girard, a démissionné. Le conseil avait "
        "limogé le prédécesseur de M. Girard, Louis Garnier, à la demande des actionnaires.",
    )
    # the predecessor held the post at the same organisation
    assert ("Louis Garnier", "end", "Vertalis") in [(m.person, m.change, m.org) for m in found]


def test_a_name_before_its_auxiliaries_is_the_subject(extractor) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the hyphenated name on "Journal" and leaves the verb without subject
    found = moves(
        extractor,
        "Selon le Journal officiel, François-Xavier Morel est devenu directeur de cabinet "
        "adjoint du ministre de l'Intérieur.",
    )
    assert [(m.person, m.change, m.org) for m in found] == [
        ("François-Xavier Morel", "start", "ministère de l'Intérieur")
    ]


def test_a_post_given_to_someone_the_parser_hung_under_the_post(extractor) -> None:  # type: ignore[no-untyped-def]
    # "à Diego Buñuel" hangs on "programmes", not on "confié"; the giver is the organisation
    found = moves(
        extractor,
        "Arte a confié la direction de ses programmes à Diego Buñuel, qui dirigeait "
        "jusqu'ici les documentaires de Netflix.",
    )
    starts = [(m.person, m.org, m.role) for m in found if m.change == "start"]
    assert starts == [("Diego Buñuel", "Arte", "direction de ses programmes")]
