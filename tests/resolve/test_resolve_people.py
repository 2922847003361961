"""Person resolution: spelling variants merge only with context; homonyms stay apart."""

from __future__ import annotations

from veille.nlp.gazetteer import Org
from veille.resolve import Mention, Resolver

GAZETTEER = [Org("VMware", "company"), Org("Cloudwatt", "company", ("CloudWatt",))]


def person(name: str, article: str, org: str | None = None, role: str | None = None) -> Mention:
    return Mention(
        name, "person", article, orgs=(org,) if org else (), roles=(role,) if role else ()
    )


def decide(a: Mention, b: Mention) -> tuple[bool, str]:
    decision = Resolver(gazetteer=GAZETTEER).same_entity(a, b)
    return decision.same, decision.why


def test_typo_with_shared_org_merges() -> None:
    same, why = decide(
        person("Patrick Starck", "a1", "Cloudwatt"), person("Patrick Stark", "a2", "CloudWatt")
    )
    assert same
    assert (
        why == '"Patrick Stark" ~ "Patrick Starck": edit distance 1 and shared org Cloudwatt in a2'
    )


def test_swapped_letters_with_shared_org_merge() -> None:
    same, why = decide(person("Paul Martiz", "a1", "VMware"), person("Paul Maritz", "a2", "VMware"))
    assert same and "shared org VMware" in why


def test_typo_in_the_same_article_merges() -> None:
    same, why = decide(person("Patrick Starck", "a1"), person("Patrick Stark", "a1"))
    assert same and "same article a1" in why


def test_typo_with_shared_role_merges() -> None:
    same, why = decide(
        person("Paul Martiz", "a1", role="ceo"), person("Paul Maritz", "a2", role="md")
    )
    assert same and "shared role lead" in why


def test_close_names_without_context_stay_apart() -> None:
    # Starck / Stack: one edit apart, but nothing in the facts links them.
    same, why = decide(
        person("Patrick Starck", "a1", "Cloudwatt"), person("Patrick Stack", "a2", "Orange")
    )
    assert not same
    assert "no shared article, organisation or role" in why
    assert not decide(person("Patrick Starck", "a1"), person("Patrick Stack", "a2"))[0]


def test_vague_role_is_no_context() -> None:
    assert not decide(
        person("Jean Lassalle", "a1", role="other"), person("Jean Lassale", "a2", role="other")
    )[0]


def test_same_article_but_conflicting_orgs_stays_apart() -> None:
    assert not decide(
        person("Patrick Starck", "a1", "Cloudwatt"), person("Patrick Stack", "a1", "Orange")
    )[0]


def test_same_surname_different_first_names_never_merge() -> None:
    assert not decide(person("Marine Le Pen", "a1", "RN"), person("Jean-Marie Le Pen", "a1", "RN"))[
        0
    ]
    assert not decide(person("Brigitte Macron", "a1"), person("Emmanuel Macron", "a1"))[0]


def test_accent_and_case_variants_are_the_same_name() -> None:
    same, why = decide(person("François Hollande", "a1"), person("FRANCOIS HOLLANDE", "a2"))
    assert same and why.startswith("same name")


def test_surname_alone_joins_in_the_same_article_only() -> None:
    assert decide(person("Emmanuel Macron", "a1"), person("Macron", "a1"))[0]
    assert not decide(person("Emmanuel Macron", "a1"), person("Macron", "a2"))[0]
    assert decide(
        person("Emmanuel Macron", "a1", role="president"), person("Macron", "a2", role="president")
    )[0]


def test_homonyms_at_unrelated_organisations_stay_apart() -> None:
    same, why = decide(
        person("Jean Martin", "a1", "Orange", "director"),
        person("Jean Martin", "a2", "Mairie de Lyon", "other"),
    )
    assert not same and "homonyms" in why


def test_same_name_merges_by_default() -> None:
    # No organisation on one side: nothing contradicts the merge.
    assert decide(person("Jean Martin", "a1", "Orange"), person("Jean Martin", "a2"))[0]
    # Different organisations but the same role family: one person who moved.
    same, why = decide(
        person("Jean Martin", "a1", "Orange", "ceo"), person("Jean Martin", "a2", "SFR", "md")
    )
    assert same and "shared role lead" in why
    same, why = decide(person("Jean Martin", "a1", "VMware"), person("Jean Martin", "a2", "VMware"))
    assert same and why == "same name, shared org VMware"


def test_batch_gives_homonyms_suffixed_ids() -> None:
    from veille.records import Evidence, ExtractionResult, Position

    ev = Evidence(0, 1, "x")
    resolver = Resolver(gazetteer=GAZETTEER)
    first = resolver.add(
        ExtractionResult(
            "a1", None, [Position(ev, person="Jean Martin", org="Orange", role_norm="director")]
        )
    )
    second = resolver.add(
        ExtractionResult(
            "a2",
            None,
            [Position(ev, person="Jean Martin", org="Mairie de Lyon", role_norm="other")],
        )
    )
    third = resolver.add(
        ExtractionResult("a3", None, [Position(ev, person="Jean Martin", org="Orange")])
    )
    ids = [r.facts[0].person_id for r in (first, second, third)]  # type: ignore[attr-defined]
    assert ids == ["per:jean-martin", "per:jean-martin-2", "per:jean-martin"]
