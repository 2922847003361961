"""Where a post is held when the title says more than "de X", and who a possessive
move noun ("sa démission", "son arrivée") belongs to. French sentences written for
these tests."""

from __future__ import annotations

from veille.records import Article, Move, Position


def _facts(extractor, text: str, published: str = "2021-03-12"):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="t", text=text, published=published)).facts


def held(extractor, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """person -> organisation of the positions found in `text`."""
    return {f.person: f.org for f in _facts(extractor, text) if isinstance(f, Position)}


def moved(extractor, text: str) -> dict[tuple[str, str], str | None]:  # type: ignore[no-untyped-def]
    """(person, change) -> organisation of the moves found in `text`."""
    return {(f.person, f.change): f.org for f in _facts(extractor, text) if isinstance(f, Move)}


def test_a_state_leader_named_by_nationality_leads_that_country(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(extractor, "Le président brésilien Paulo Ferreira a reçu ses homologues.") == {
        "Paulo Ferreira": "Brésil"
    }
    assert held(extractor, "La chancelière allemande Ute Krämer a salué l'accord.") == {
        "Ute Krämer": "Allemagne"
    }


def test_an_elected_seat_sits_in_its_assembly(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(extractor, "Lucien Garnier, député de la Sarthe, a voté contre le texte.") == {
        "Lucien Garnier": "Assemblée nationale"
    }
    assert held(extractor, "La sénatrice Odile Marchal a déposé un amendement.") == {
        "Odile Marchal": "Sénat"
    }
    assert held(extractor, "Le président de la République Arnaud Lefèvre a signé le décret.") == {
        "Arnaud Lefèvre": "présidence de la République"
    }
    # a longer name is another state
    assert held(
        extractor, "Le président de la République centrafricaine, Paul Ngaba, a parlé."
    ) == {"Paul Ngaba": "République centrafricaine"}
    assert held(extractor, "Inès Carré, secrétaire d'État au Numérique, a répondu.") == {
        "Inès Carré": "gouvernement"
    }


def test_a_party_between_title_and_place_is_not_the_post(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(extractor, "Le maire PS de Rennes Yann Le Goff a inauguré la ligne.") == {
        "Yann Le Goff": "mairie de Rennes"
    }


def test_a_party_whose_name_starts_with_an_article(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(
        extractor,
        "Le délégué général de La République en Marche (LREM) Hugo Vasseur a répondu.",
    ) == {"Hugo Vasseur": "La République en Marche"}


def test_a_noun_introducing_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # a territory keeps its noun; the title ends before "du réseau"
    assert held(extractor, "La présidente de la région Normandie Clara Petit a parlé.") == {
        "Clara Petit": "région Normandie"
    }
    assert held(extractor, "Marc Henry, directeur actuel du réseau Kéolis, a répondu.") == {
        "Marc Henry": "Kéolis"
    }


def test_a_title_after_a_possessive_belongs_to_the_organisation_before(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(extractor, "L'accord rassure Danone et son directeur général Éric Vautrin.") == {
        "Éric Vautrin": "Danone"
    }
    # after a person's name, "son conseiller" is that person's adviser: no post
    assert (
        held(extractor, "Le ministre Paul Lambert et son conseiller Hervé Roux sont venus.").get(
            "Hervé Roux"
        )
        is None
    )


def test_replacing_a_thing_is_no_succession(extractor) -> None:  # type: ignore[no-untyped-def]
    assert (
        moved(extractor, "La maire de Brest Anne Le Bris a remplacé son arrêté par un autre.") == {}
    )
    assert (
        moved(extractor, "Elle a été choisie pour succéder au skipper Yves Parlier.").get(
            ("Yves Parlier", "end"), "absent"
        )
        != "absent"
    )


def test_a_participle_coordinated_with_a_passive_is_passive(extractor) -> None:  # type: ignore[no-untyped-def]
    moves = moved(
        extractor,
        "Le directeur de France 3, Paul Ancel, a été limogé et remplacé par Sonia Bert.",
    )
    assert moves[("Paul Ancel", "end")] == "France 3"
    assert moves[("Sonia Bert", "start")] == "France 3"
    assert ("Paul Ancel", "start") not in moves


def test_a_possessive_move_noun_belongs_to_the_subject_or_the_last_named(extractor) -> None:  # type: ignore[no-untyped-def]
    moves = moved(extractor, "Luc Arnaud, trésorier de la Fnac, a remis sa démission lundi.")
    assert ("Luc Arnaud", "end") in moves
    # a fronted phrase: the clause's subject
    moves = moved(
        extractor,
        "Deux ans après sa nomination à la tête de la rédaction de Radio Nova, Inès Morel "
        "a quitté la station.",
    )
    assert moves[("Inès Morel", "start")] == "Radio Nova"
    # no governing verb: the person just named, when the noun names the post
    moves = moved(
        extractor, "Jean Vidal dirige Kéolis. Son arrivée à ce poste en 2019 avait surpris."
    )
    assert ("Jean Vidal", "start") in moves
    # a trip, a pension: not a post
    moves = moved(extractor, "Jean Vidal dirige Kéolis. Son arrivée le 3 août à Brest a surpris.")
    assert ("Jean Vidal", "start") not in moves
    moves = moved(extractor, "Jean Vidal dirige Kéolis. Il défend les salariés et leur retraite.")
    assert ("Jean Vidal", "end") not in moves


def test_someone_elses_decision_or_an_organisations_words_are_not_the_subjects_move(
    extractor,
) -> None:  # type: ignore[no-untyped-def]
    moves = moved(extractor, "Le président Hervé Roux a accepté sa démission.")
    assert ("Hervé Roux", "end") not in moves
    moves = moved(
        extractor,
        "Anne Petit a parlé mardi. La direction du club a annoncé sa démission collective.",
    )
    assert ("Anne Petit", "end") not in moves


def test_a_name_inside_a_prepositional_phrase_is_not_the_subject(extractor) -> None:  # type: ignore[no-untyped-def]
    moves = moved(
        extractor,
        "Le médiateur chargé des dossiers gênants pour le ministre de la Santé Luc Perrin a "
        "démissionné mardi.",
    )
    assert ("Luc Perrin", "end") not in moves


def test_a_title_serving_another_title_is_held_where_that_one_is(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(
        extractor, "Lise Moreau, directrice de cabinet du ministre de la Santé, a parlé."
    ) == {"Lise Moreau": "ministère de la Santé"}
    # the name after the inner title is that title's holder
    assert held(extractor, "Le chef de cabinet du ministre des Sports Yann Le Goff a parlé.") == {
        "Yann Le Goff": "ministère des Sports"
    }


def test_a_career_told_as_a_list_after_etre(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Anne Vidal est là. Avant la politique, elle avait été directrice financière de "
        "Vinci, directrice générale déléguée de Fnac et patronne de Darty.",
    )
    posts = {(f.person, f.org, f.current) for f in facts if isinstance(f, Position)}
    assert ("Anne Vidal", "Vinci", False) in posts
    assert ("Anne Vidal", "Fnac", False) in posts


def test_ex_and_coordinated_titles(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(extractor, "Hugo Marin, ex-directeur de RTL, a parlé.") == {"Hugo Marin": "RTL"}
    assert held(
        extractor,
        "Lise Caron, directrice de la stratégie et des chaînes du groupe France Télévisions, "
        "a parlé.",
    ) == {"Lise Caron": "France Télévisions"}
    assert held(extractor, "L'ex-députée PS Ana Ruiz a parlé.") == {
        "Ana Ruiz": "Assemblée nationale"
    }


def test_leaving_a_tv_set_is_no_move(extractor) -> None:  # type: ignore[no-untyped-def]
    assert moved(extractor, "Furieux, le chroniqueur Hugo Marin quitte le plateau de RTL.") == {}


def test_a_post_held_since_a_date_by_someone_who_leaves_it_is_a_start(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Le conseil a choisi Marc Olivier pour succéder à Hélène Vidal, à la tête de la "
        "société Ternel depuis février 2012 et sa nomination par l'actionnaire, qui part "
        "à la retraite. Depuis 2015, Marc Olivier est le président de la société Arvel.",
    )
    moves = {(f.person, f.change): (f.org, f.date) for f in facts if isinstance(f, Move)}
    assert moves[("Hélène Vidal", "start")] == ("Ternel", "2012-02")
    # no move at Arvel: the post held since 2015 stays a position
    positions = [(f.person, f.org, f.since) for f in facts if isinstance(f, Position)]
    assert positions == [("Marc Olivier", "Arvel", "2015")]


def test_a_date_of_the_speech_bounds_no_post(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Aucun blessé n'est à déplorer, a assuré dès lundi le ministre de la Santé Paul "
        "Girard, venu sur place.",
    )
    positions = [(f.person, f.since) for f in facts if isinstance(f, Position)]
    assert positions == [("Paul Girard", None)]


def test_a_date_past_the_verb_after_a_title_bounds_no_post(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(extractor, "Le PDG de Danone, Paul Girard, sera remplacé à partir du 1er mars.")
    # the replacement's date: no post held "from" it, so no start made of one
    assert [(f.person, f.change) for f in facts if isinstance(f, Move)] == [("Paul Girard", "end")]


def test_a_feminine_title_is_not_a_mans(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Étaient présents l'ancien ministre, Bernard Tavel, l'ancienne patronne de la RATP "
        "et de la SNCF Anne Guérin ou encore Paul Roux."
    )
    assert "Bernard Tavel" not in held(extractor, text)


def test_this_graduate_was_prefect_since_is_the_one_leaving(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Alain Morel quitte son poste de préfet des Landes. Cet énarque était depuis "
        "décembre 2018 préfet des Landes, un département qu'il connaît bien.",
    )
    moves = {(f.person, f.change): (f.org, f.date) for f in facts if isinstance(f, Move)}
    assert moves[("Alain Morel", "start")] == ("préfecture des Landes", "2018-12")


def test_the_predicate_of_etre_is_its_subjects(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(
        extractor,
        "Alain Morel était auparavant directeur adjoint de cabinet de la ministre des Sports, "
        "Claire Dubois.",
    ) == {"Alain Morel": "ministère des Sports", "Claire Dubois": "ministère des Sports"}


def test_idioms_holding_a_title_word_name_no_post(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Alain Morel rejoint l'Elysée dans le cadre d'un renouvellement de l'équipe. "
        "Claire Dubois réfléchit à prendre la tête de liste du parti aux européennes.",
    )
    assert [(f.person, f.change, f.role) for f in facts if isinstance(f, Move)] == [
        ("Alain Morel", "start", None)
    ]


def test_the_name_of_a_post_is_not_its_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Le vice-amiral Paul Ferrant a pris le 1er août la tête de l'état-major de "
        'l\'Elysée, en remplacement de Jean Rivière, qui occupait le poste de "CEMP" '
        "depuis juillet 2016.",
    )
    assert "CEMP" not in {f.org for f in facts if isinstance(f, Move)}


def test_a_business_area_inside_a_title(extractor) -> None:  # type: ignore[no-untyped-def]
    assert held(
        extractor,
        "Klaus Berger, l'actuel responsable Recherche & Développement de Voltix, a parlé.",
    ) == {"Klaus Berger": "Voltix"}
    # a party between title and place is still not part of the title
    facts = _facts(extractor, "Le maire PS de Lille Martine Aubin a parlé.")
    assert [(f.person, f.role, f.org) for f in facts if isinstance(f, Position)] == [
        ("Martine Aubin", "maire", "mairie de Lille")
    ]


def test_a_name_opening_the_next_clause_holds_no_title_before_it(extractor) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(
        extractor,
        "Si c'est bien le président de la République qui l'a nommé, M. Girard se trouve "
        "sous l'autorité du Premier ministre.",
    )
    assert [f for f in facts if isinstance(f, Position)] == []
