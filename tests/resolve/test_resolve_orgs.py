"""Organisation resolution: gazetteer aliases, acronyms, case variants, subsidiaries."""

from __future__ import annotations

from veille.nlp.gazetteer import Org
from veille.resolve import Mention, Resolver
from veille.resolve.orgs import split_subsidiary

GAZETTEER = [
    Org("Amazon", "company", ("Amazon.com", "Amazon France")),
    Org("Amazon Web Services", "company", ("AWS",), "Amazon"),
    Org("Aldi", "company"),
    Org("Audi", "company"),
    Org("Autorité de sûreté nucléaire", "public_body", ("ASN",)),
    Org("Alcatel Submarine Networks", "company", ("ASN",)),
]


def org(name: str, article: str = "a1", *persons: str, kind: str = "org") -> Mention:
    return Mention(name, kind, article, persons=persons)


def decide(a: Mention, b: Mention) -> tuple[bool, str]:
    decision = Resolver(gazetteer=GAZETTEER).same_entity(a, b)
    return decision.same, decision.why


def test_gazetteer_alias() -> None:
    same, why = decide(org("Amazon Web Services"), org("AWS", "a2"))
    assert same and why == '"AWS": alias of Amazon Web Services in gazetteer'


def test_acronym_by_initials() -> None:
    same, why = decide(org("Banque centrale européenne"), org("BCE", "a2"))
    assert same and why == "acronym BCE = initials of Banque centrale européenne"


def test_two_letter_acronym_needs_context() -> None:
    assert not decide(org("Parti socialiste"), org("PS", "a2"))[0]
    assert decide(org("Parti socialiste", "a1"), org("PS", "a1"))[0]


def test_case_accent_and_form_variants() -> None:
    assert decide(org("CloudWatt"), org("Cloudwatt", "a2"))[0]
    assert decide(org("Météo-France"), org("Meteo France", "a2"))[0]
    assert decide(org("le groupe PSA"), org("PSA", "a2"))[0]


def test_different_gazetteer_organisations_never_merge() -> None:
    same, why = decide(org("Aldi"), org("Audi", "a2"))
    assert not same and "different gazetteer organisations" in why


def test_typo_needs_context() -> None:
    assert not decide(org("Cloudwatts"), org("Cloudwatt", "a2"))[0]
    same, why = decide(
        org("Cloudwatts", "a1", "Patrick Starck"), org("Cloudwatt", "a2", "Patrick Starck")
    )
    assert same and "shared person" in why


def test_alias_of_several_organisations_needs_context() -> None:
    same, why = decide(org("Autorité de sûreté nucléaire"), org("ASN", "a2"))
    assert not same and "also an alias of Alcatel Submarine Networks" in why
    same, why = decide(org("Autorité de sûreté nucléaire", "a1"), org("ASN", "a1"))
    assert same and "in the same article a1" in why
    # Nor do initials settle it alone.
    assert not decide(org("Alcatel Submarine Networks"), org("ASN", "a2"))[0]


def test_company_and_place_of_one_name_differ() -> None:
    same, why = decide(org("Orange"), org("Orange", "a2", kind="place"))
    assert not same and "different types" in why


def test_subsidiary_is_not_its_parent() -> None:
    assert not decide(org("Amazon"), org("Amazon Inde", "a2"))[0]
    # An alias "<name> <place>" in the gazetteer is read as a subsidiary all the same.
    assert not decide(org("Amazon"), org("Amazon France", "a2"))[0]
    assert decide(org("Google Inde"), org("Google India", "a2"))[0]


def test_split_subsidiary() -> None:
    sub = split_subsidiary("Microsoft Inde")
    assert sub is not None and (sub.base, sub.place) == ("Microsoft", "inde")
    assert split_subsidiary("Banque de France") is None
    assert split_subsidiary("France") is None
    sub = split_subsidiary("Kia Motors North America")
    assert sub is not None and sub.base == "Kia Motors"
