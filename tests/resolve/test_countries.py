"""Same-named public bodies of different countries stay apart: a title that names a
country ("le ministre britannique de la Santé", "le sénateur américain") puts the post at
that country's body, not at the French one the bare name means."""

from __future__ import annotations

import pytest

from veille.records import Evidence, ExtractionResult, Move, Position
from veille.resolve import Resolver
from veille.resolve.orgs import foreign_body


def move(person: str, role: str, org: str, change: str = "start") -> Move:
    return Move(Evidence(0, 1, "x"), person=person, change=change, role=role, org=org)  # type: ignore[arg-type]


@pytest.mark.parametrize(("org", "role", "country"), [
    ("ministère de la Santé", "ministre britannique", "Royaume-Uni"),
    ("ministère de la Santé", "ministre portugaise", "Portugal"),
    ("Sénat", "sénatrice américaine", "États-Unis"),
    ("ministère de la Santé", "ministre", None),
    ("ministère de la Santé", "ministre française", None),
    ("Boeing", "président américain", None),  # a company is one company anywhere
    ("Turquie", "président turc", None),  # the country itself
])
def test_foreign_body(org: str, role: str, country: str | None) -> None:
    assert foreign_body(org, role) == country


def test_health_ministers_of_three_countries_are_at_three_ministries() -> None:
    resolver = Resolver()
    results = [
        resolver.add(ExtractionResult("a-1", "2021-06-26", [
            move("Matthieu Hanson", "ministre britannique", "ministère de la Santé", "end")])),
        resolver.add(ExtractionResult("a-2", "2020-02-16", [
            move("Agathe Bruzin", "ministre", "ministère de la Santé", "end")])),
        resolver.add(ExtractionResult("a-3", "2020-03-01", [
            move("Marta Campos", "ministre portugaise", "ministère de la Santé")])),
        resolver.add(ExtractionResult("a-4", "2020-03-02", [
            Position(Evidence(0, 1, "x"), person="Olivier Varan", role="ministre",
                     org="ministère de la Santé", current=True)])),
    ]
    ids = [r.facts[0].org_id for r in results]  # type: ignore[attr-defined]
    names = {e.id: e.name for e in resolver.entities()}
    assert ids[1] == ids[3] and len({ids[0], ids[1], ids[2]}) == 3
    assert names[ids[0]] == "ministère de la Santé (Royaume-Uni)"
    assert names[ids[2]] == "ministère de la Santé (Portugal)"
    # Neither foreign ministry is a subsidiary of the French one.
    parents = {e.id: e.parent for e in resolver.entities()}
    assert parents[ids[0]] is None and parents[ids[2]] is None


def test_a_us_senator_sits_in_the_us_senate_of_the_gazetteer() -> None:
    resolver = Resolver()
    american = resolver.add(ExtractionResult("b-1", "2021-01-05", [
        move("Jonas Teller", "sénateur américain", "Sénat", "end")]))
    french = resolver.add(ExtractionResult("b-2", "2021-01-06", [
        move("Jeanne Dupuis", "sénatrice", "Sénat")]))
    names = {e.id: e.name for e in resolver.entities()}
    us_id = american.facts[0].org_id  # type: ignore[attr-defined]
    fr_id = french.facts[0].org_id  # type: ignore[attr-defined]
    assert names[us_id] == "Sénat américain" and names[fr_id] == "Sénat"


@pytest.mark.slow
def test_org_pages_keep_countries_apart_with_the_real_extractor(tmp_path: object) -> None:
    from veille import query
    from veille.facts.extractor import Extractor
    from veille.records import Article
    from veille.store import ingest_articles, open_store

    texts = [
        "Le ministre britannique de la Santé, Matthieu Hanson, a démissionné samedi.",
        "La ministre de la Santé, Agathe Bruzin, a quitté le gouvernement lundi.",
        "Le ministre portugais de la Santé, Adalberto Campos, a été limogé mardi.",
        "Le sénateur américain Jonas Teller a quitté le Sénat en janvier.",
        "Jean Dupuis, sénateur de la Marne, a démissionné du Sénat.",
    ]
    articles = [Article(id=f"c-{i}", text=t, published="2021-06-28")
                for i, t in enumerate(texts)]
    with open_store(f"{tmp_path}/c.db") as store:
        ingest_articles(store, articles, Extractor().extract_many)
        health = query.org_profile(store, "ministère de la Santé")
        assert [s.person for s in health.departures] == ["Agathe Bruzin"]
        uk = query.org_profile(store, "ministère de la Santé (Royaume-Uni)")
        assert [s.person for s in uk.departures] == ["Matthieu Hanson"]
        senate = query.org_profile(store, "Sénat")
        assert [s.person for s in senate.departures] == ["Jean Dupuis"]
        us = query.org_profile(store, "Sénat américain")
        assert [s.person for s in us.departures] == ["Jonas Teller"]
        # Each body carries its country.
        assert [p.org.country for p in (health, uk, senate, us)] == ["FR", "GB", "FR", "US"]
        assert uk.org.country_name == "Royaume-Uni"


# -- the country of every organisation: gazetteer, then the article's words, never a guess

def countries(*facts: tuple[str, str, str, str]) -> dict[str, str | None]:
    """Organisation name -> country, after one article per (person, role, org, quote)."""
    resolver = Resolver()
    for number, (person, role, org, quote) in enumerate(facts):
        resolver.add(ExtractionResult(f"k-{number}", "2022-03-01", [
            Move(Evidence(0, len(quote), quote), person=person, change="start", role=role,
                 org=org)]))
    return {e.name: e.country for e in resolver.entities() if e.type == "org"}


def test_the_gazetteer_gives_a_country() -> None:
    found = countries(("Lucie Barral", "directrice", "Michelin", "x"),
                      ("Jonas Teller", "sénateur américain", "Sénat", "x"),
                      ("Rita Lenz", "directrice", "Commission européenne", "x"))
    assert found["Michelin"] == "FR" and found["Sénat américain"] == "US"
    assert found["Commission européenne"] is None  # an international body has none


def test_a_title_gives_its_public_body_a_country() -> None:
    found = countries(
        ("Matthieu Hanson", "ministre britannique", "ministère de la Santé", "x"),
        ("Anne Vidal", "conseillère fédérale suisse", "Conseil fédéral", "x"),
        ("Paul Morand", "ministre", "ministère de la Mer", "x"))
    assert found["ministère de la Santé (Royaume-Uni)"] == "GB"
    assert found["Conseil fédéral (Suisse)"] == "CH"
    assert found["ministère de la Mer"] is None  # no title says whose: not guessed


@pytest.mark.parametrize(("quote", "org", "country"), [
    ("Le constructeur japonais Tomaru Motors a nommé Kenji Sato.", "Tomaru Motors", "JP"),
    ("L'éditeur allemande Softwerk recrute.", "Softwerk", "DE"),  # any gender
    ("la start-up britannique Quillon a recruté Ada Moss", "Quillon", "GB"),
    ("Le groupe Tomaru Motors, japonais, a nommé Kenji Sato.", "Tomaru Motors", None),
    ("Le président américain de Tomaru Motors", "Tomaru Motors", None),
    ("Le groupe congolais Kivu Mines a nommé Kenji Sato.", "Kivu Mines", None),  # 2 Congos
])
def test_the_words_before_a_name_give_a_country(quote: str, org: str,
                                                country: str | None) -> None:
    assert countries(("Kenji Sato", "directeur", org, quote))[org] == country


def test_a_subsidiary_named_after_its_country() -> None:
    found = countries(("Léa Roux", "directrice", "Tomaru Motors Inde", "x"),
                      ("Léo Brun", "directeur", "Tomaru Motors Europe", "x"))
    assert found["Tomaru Motors Inde"] == "IN" and found["Tomaru Motors Europe"] is None


def test_a_company_is_not_given_its_manager_s_nationality() -> None:
    assert countries(("Léo Brun", "président américain", "Boreal Systems", "x")) == {
        "Boreal Systems": None}


def test_the_gazetteer_and_the_first_article_stand() -> None:
    found = countries(
        ("Kenji Sato", "directeur", "Michelin", "le groupe japonais Michelin"),
        ("Kenji Sato", "directeur", "Tomaru Motors", "le constructeur japonais Tomaru Motors"),
        ("Ada Moss", "directrice", "Tomaru Motors", "le constructeur coréen Tomaru Motors"))
    assert found == {"Michelin": "FR", "Tomaru Motors": "JP"}
