"""One fact per post (facts/people/one_post.py): a post named under two forms of its
organisation is output once, and `veille explain` says which fact stands for it."""

from __future__ import annotations

import pytest

from veille.facts.explain import explain
from veille.facts.extractor import Extractor
from veille.facts.people.one_post import ONE_POST, one_fact_per_post, same_organisation
from veille.records import Article, Evidence, Move, Position
from veille.settings import Settings


@pytest.mark.parametrize(("one", "other"), [
    ("Quimper", "mairie de Quimper"),
    ("Lumis", "Lumis Cars"),
    ("FNSP", "Fédération nationale des sapeurs-pompiers"),
    ("gouvernement", "ministère de la Mer"),
    ("Pays de la Loire", "région des Pays de la Loire"),
    ("Lumis", "lumis"),
])
def test_forms_of_one_organisation(one: str, other: str) -> None:
    assert same_organisation(one, other) and same_organisation(other, one)


@pytest.mark.parametrize(("one", "other"), [
    ("Sénat", "gouvernement"),
    ("Radio Lumis", "Lumis Musique"),
    ("PS", "Assemblée nationale"),
    ("ministère de la Mer", "ministère des Sports"),
    ("", "Lumis"),
])
def test_other_organisations(one: str, other: str) -> None:
    assert not same_organisation(one, other)


def _position(person: str, org: str, confidence: float) -> Position:
    return Position(Evidence(0, 5, "texte"), confidence, person=person, role="ministre",
                    org=org)


def _start(org: str, date: str | None, confidence: float) -> Move:
    return Move(Evidence(0, 5, "texte"), confidence, person="Lina Morel", change="start",
                org=org, date=date)


def test_the_likelier_form_stands_for_the_post() -> None:
    ministry = _position("Paul Garnier", "ministère de la Mer", 0.6)
    government = _position("Paul Garnier", "gouvernement", 0.8)
    senate = _position("Paul Garnier", "Sénat", 0.5)
    other_person = _position("Anne Morvan", "gouvernement", 0.7)
    kept, set_aside = one_fact_per_post([ministry, government, senate, other_person])
    assert kept == [government, senate, other_person]  # in their order
    assert set_aside == [(ministry, government)]


def test_between_equals_the_longer_form_stays() -> None:
    town = _position("Yann Le Goff", "Quimper", 0.6)
    town_hall = _position("Yann Le Goff", "mairie de Quimper", 0.6)
    kept, _ = one_fact_per_post([town, town_hall])
    assert kept == [town_hall]


def test_two_dated_steps_at_one_organisation_are_two_facts() -> None:
    first, again = _start("Lumis", "2012", 0.7), _start("groupe Lumis", "2019", 0.6)
    undated = _start("Lumis Cars", None, 0.5)
    kept, set_aside = one_fact_per_post([first, again, undated])
    assert kept == [first, again]
    assert set_aside == [(undated, first)]


@pytest.mark.slow
def test_a_minister_is_one_fact_and_explain_says_why() -> None:
    # the shipped model keeps both the rules' ministry and the title's government
    article = Article(id="m", published="2021-03-04", title="",
                      text="Le ministre de l'Agriculture Paul Garnier a reçu les éleveurs "
                           "à Rennes mardi.")
    facts = [f for f in Extractor(Settings()).extract(article).facts
             if isinstance(f, Position) and f.person == "Paul Garnier"]
    assert len(facts) == 1, [f.to_dict() for f in facts]
    candidates = [e for e in explain(article, Settings())
                  if e.fact["type"] == "position" and e.fact["person"] == "Paul Garnier"]
    kept = [e for e in candidates if e.accepted]
    assert [e.fact["org"] for e in kept] == [facts[0].org]
    aside = [e for e in candidates if ONE_POST in e.reason]
    assert aside and not any(e.accepted for e in aside)
    assert all(same_organisation(e.fact["org"], facts[0].org) for e in aside)
