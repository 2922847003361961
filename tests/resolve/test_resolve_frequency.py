"""Batch evidence of frequency: a rare one-edit variant of a dominant name is its typo;
two common close names, or a variant with a conflicting organisation, stay apart."""

from __future__ import annotations

from collections.abc import Mapping

from veille.nlp.gazetteer import Org
from veille.records import Evidence, ExtractionResult, Position
from veille.resolve import Mention, Resolver
from veille.resolve.pairs import count_names, score_pairs
from veille.resolve.resolver import name_frequencies

GAZETTEER = [Org("Renault", "company"), Org("Orange", "company")]
EV = Evidence(0, 1, "x")


def person(name: str, article: str, org: str | None = None, role: str | None = None) -> Mention:
    return Mention(
        name, "person", article, orgs=(org,) if org else (), roles=(role,) if role else ()
    )


def decide(a: Mention, b: Mention, frequencies: Mapping[str, int]) -> tuple[bool, str]:
    decision = Resolver(gazetteer=GAZETTEER, frequencies=frequencies).same_entity(a, b)
    return decision.same, decision.why


def test_rare_one_edit_variant_joins_the_dominant_form_and_says_why() -> None:
    counts = {"Hélène Carrère": 40, "Hélène Carère": 1}
    same, why = decide(person("Hélène Carrère", "a1"), person("Hélène Carère", "a2"), counts)
    assert same
    assert why == (
        '"Hélène Carère" (1 article) is a one-edit variant in the surname of '
        '"Hélène Carrère" (40 articles) in this batch'
    )
    # Either way round: the rarer form is the variant.
    assert decide(person("Hélène Carère", "a2"), person("Hélène Carrère", "a1"), counts)[0]


def test_without_frequencies_the_variant_stays_apart() -> None:
    assert not decide(person("Hélène Carrère", "a1"), person("Hélène Carère", "a2"), {})[0]


def test_rare_first_name_variant_joins() -> None:
    counts = {"Matthieu Lebrun": 60, "Mathieu Lebrun": 2}
    same, why = decide(person("Matthieu Lebrun", "a1"), person("Mathieu Lebrun", "a2"), counts)
    assert same and "one-edit variant in the first name" in why


def test_two_frequent_close_names_stay_apart() -> None:
    counts = {"Anne Delorme": 30, "Anne Delorne": 25}
    same, why = decide(person("Anne Delorme", "a1"), person("Anne Delorne", "a2"), counts)
    assert not same and "no shared article, organisation or role" in why


def test_a_variant_that_is_no_longer_rare_stays_apart() -> None:
    counts = {"Anne Delorme": 300, "Anne Delorne": 12}
    assert not decide(person("Anne Delorme", "a1"), person("Anne Delorne", "a2"), counts)[0]


def test_a_dominant_form_below_the_floor_is_not_evidence() -> None:
    counts = {"Claire Bonnard": 12, "Claire Bonard": 1}
    assert not decide(person("Claire Bonnard", "a1"), person("Claire Bonard", "a2"), counts)[0]


def test_rare_variant_with_a_conflicting_organisation_stays_apart() -> None:
    counts = {"Paul Vernier": 50, "Paul Vermier": 1}
    same, _ = decide(
        person("Paul Vernier", "a1", "Renault"), person("Paul Vermier", "a2", "Orange"), counts
    )
    assert not same
    # A role is no conflict: one person is "ministre" here and "président" there.
    assert decide(
        person("Paul Vernier", "a1", role="minister"),
        person("Paul Vermier", "a2", role="president"),
        counts,
    )[0]


def test_another_first_letter_is_another_name() -> None:
    counts = {"Marc Tessier": 50, "Marc Messier": 1}
    assert not decide(person("Marc Tessier", "a1"), person("Marc Messier", "a2"), counts)[0]


def test_a_feminine_first_name_is_not_a_typo() -> None:
    counts = {"Louis Garnier": 60, "Louise Garnier": 1}
    assert not decide(person("Louis Garnier", "a1"), person("Louise Garnier", "a2"), counts)[0]


def position(article: str, name: str, org: str | None = None) -> ExtractionResult:
    return ExtractionResult(article, None, [Position(EV, person=name, org=org)])


def person_id(result: ExtractionResult) -> str | None:
    return result.facts[0].person_id  # type: ignore[attr-defined]


def test_batch_counts_as_it_goes() -> None:
    resolver = Resolver(gazetteer=GAZETTEER)
    for number in range(25):
        resolver.add(position(f"a{number}", "Hélène Carrère"))
    typo = resolver.add(position("b1", "Hélène Carère"))
    assert person_id(typo) == "per:helene-carrere"
    (entity,) = [e for e in resolver.entities() if e.type == "person"]
    assert entity.aliases == ["Hélène Carère"]
    assert entity.merged_because[-1] == (
        '"Hélène Carère" (1 article) is a one-edit variant in the surname of '
        '"Hélène Carrère" (25 articles) in this batch'
    )


def test_a_variant_met_too_often_stops_joining() -> None:
    resolver = Resolver(gazetteer=GAZETTEER)
    for number in range(25):
        resolver.add(position(f"a{number}", "Anne Delorme"))
    ids = [person_id(resolver.add(position(f"b{n}", "Anne Delorne"))) for n in range(5)]
    # 25 articles are 8 times 3, not 4: the fourth "Delorne" is somebody else, and so is
    # every later one; the first three, decided before, stay where they went.
    assert ids == ["per:anne-delorme"] * 3 + ["per:anne-delorne"] * 2


def test_given_frequencies_let_the_dominant_form_join_a_typo_met_first() -> None:
    counts = {"Hélène Carrère": 30, "Hélène Carère": 1}
    resolver = Resolver(gazetteer=GAZETTEER, frequencies=counts)
    ids = [
        person_id(resolver.add(position("a1", "Hélène Carère"))),
        person_id(resolver.add(position("a2", "Hélène Carrère"))),
    ]
    assert ids == ["per:helene-carere", "per:helene-carere"]  # an id never changes
    (entity,) = [e for e in resolver.entities() if e.type == "person"]
    assert entity.name == "Hélène Carrère"  # the dominant form is shown
    assert entity.aliases == ["Hélène Carère"]


def test_a_variant_of_two_dominant_names_joins_neither() -> None:
    counts = {"Jean Moreau": 40, "Jean Morel": 40, "Jean Morea": 1}
    resolver = Resolver(gazetteer=GAZETTEER, frequencies=counts)
    resolver.add(position("a1", "Jean Moreau"))
    resolver.add(position("a2", "Jean Morel"))
    assert person_id(resolver.add(position("a3", "Jean Morea"))) == "per:jean-morea"


def test_name_frequencies_count_articles() -> None:
    results = [
        ExtractionResult("a1", None, [Position(EV, person="Jean Morel"),
                                      Position(EV, person="Jean Morel", org="Orange")]),
        ExtractionResult("a2", None, [Position(EV, person="Jean Morel")]),
    ]
    assert name_frequencies(results) == {"Jean Morel": 2}


def test_count_names_counts_whole_words_once_per_text() -> None:
    texts = [
        "Jean Morel a parlé. Jean Morel a signé.",
        "Les amis de Jean Morelle sont venus.",
        "jean morel, en minuscules.",
        "Selon Jean-Pierre Dupont-Aignan, rien.",
    ]
    counts = count_names(["Jean Morel", "Dupont-Aignan", "Paul Roy"], texts)
    assert counts == {"Jean Morel": 1, "Dupont-Aignan": 1, "Paul Roy": 0}


def test_score_pairs_uses_the_frequencies_as_one_batch() -> None:
    pair = {
        "a": {"name": "Hélène Carrère", "type": "person", "article": "a1"},
        "b": {"name": "Hélène Carère", "type": "person", "article": "a2"},
        "same": True,
        "kind": "person_typo",
    }
    assert score_pairs([pair]).fn == 1
    scores = score_pairs([pair], frequencies={"Hélène Carrère": 40, "Hélène Carère": 1})
    assert scores.tp == 1
