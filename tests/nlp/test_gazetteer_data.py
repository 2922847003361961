"""The entity data files load and stay consistent (no model needed)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from veille.errors import InputError
from veille.nlp.gazetteer import (
    ORG_TYPES,
    builtin_orgs,
    entity_cues,
    first_names,
    fold,
    load_orgs,
    parse_orgs,
)


def test_gazetteer_loads_with_enough_rows() -> None:
    orgs = builtin_orgs()
    assert len(orgs) >= 2000
    assert all(org.type in ORG_TYPES for org in orgs)


def test_canonical_names_are_unique() -> None:
    names = [org.name for org in builtin_orgs()]
    assert len(names) == len(set(names))


def test_every_parent_exists() -> None:
    names = {org.name for org in builtin_orgs()}
    missing = {(org.name, org.parent) for org in builtin_orgs() if org.parent not in (None, *names)}
    assert not missing


def test_shared_aliases_are_flagged_everywhere() -> None:
    """One spelling may name two organisations only if every one of them asks for a cue."""
    by_form: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for org in builtin_orgs():
        for form in org.forms:
            by_form[fold(form)].append((org.name, form in org.needs_cue))
    clashes = {
        form: owners
        for form, owners in by_form.items()
        if len({name for name, _ in owners}) > 1 and not all(flag for _, flag in owners)
    }
    assert not clashes


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Amazon Web Services", "AWS"),
        ("Cloudwatt", "CloudWatt"),
        ("EDF", "Électricité de France"),
        ("Organisation des Nations unies", "ONU"),
        ("Renaissance", "LREM"),
        ("Bpifrance", "BPI France"),
    ],
)
def test_known_aliases(name: str, alias: str) -> None:
    org = next(o for o in builtin_orgs() if o.name == name)
    assert alias in org.aliases


@pytest.mark.parametrize("ambiguous", ["Orange", "Total", "Renault", "Free"])
def test_common_words_need_a_cue(ambiguous: str) -> None:
    flagged = {f for org in builtin_orgs() for f in org.needs_cue}
    assert ambiguous in flagged


def test_subsidiaries_have_parents() -> None:
    parents = {org.name: org.parent for org in builtin_orgs()}
    assert parents["Amazon Web Services"] == "Amazon"
    assert parents["Microsoft France"] == "Microsoft"


def test_first_names_load() -> None:
    names = first_names()
    assert len(names) >= 3000
    # French, English, Indian, Arabic, Chinese given names.
    for name in ("Jean", "Marie", "Steve", "Vaishali", "Puneet", "Mohamed", "Wei"):
        assert name in names
    # Places and brands are kept out: "France Télévisions" is no person.
    assert "France" not in names and "Paris" not in names


def test_entity_cues_load() -> None:
    cues = entity_cues()
    for key in (
        "org_nouns",
        "roles",
        "roles_without_org",
        "role_links",
        "org_prepositions",
        "place_words",
        "person_titles",
        "determiners",
        "name_particles",
        "surname_first",
        "not_names",
    ):
        assert cues[key], key
    assert "pdg" in cues["roles"] and "société" in cues["org_nouns"]


def test_user_file_formats(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "# my organisations\n"
        "name\ttype\taliases\tparent\tneeds_cue\n"
        "Zorblatt Industries\tcompany\tZorblatt|ZBI\t\t\n"
        "Zorblatt Labs\tcompany\t\tZorblatt Industries\n"
        "Frobnic\tFrob|FRB\n",
        encoding="utf-8",
    )
    orgs = {org.name: org for org in load_orgs(path)}
    assert orgs["Zorblatt Industries"].aliases == ("Zorblatt", "ZBI")
    assert orgs["Zorblatt Labs"].parent == "Zorblatt Industries"
    # The short two-column form: name<TAB>aliases.
    assert orgs["Frobnic"].type == "other" and orgs["Frobnic"].aliases == ("Frob", "FRB")


def test_bad_rows_are_reported_with_their_line() -> None:
    with pytest.raises(InputError, match="line|:2"):
        parse_orgs(["Ok\tcompany", "Bad\tplanet\t\t\t"], source="x.tsv")
    with pytest.raises(InputError, match="not its name or aliases"):
        parse_orgs(["Pomme\tcompany\tApple\t\tBanane"], source="x.tsv")


def test_a_country_column_takes_iso_codes() -> None:
    orgs = {o.name: o for o in parse_orgs([
        "Zorblatt Industries\tcompany\t\t\t\tde",
        "Frobnic\tcompany",
    ], source="x.tsv")}
    assert orgs["Zorblatt Industries"].country == "DE"
    assert orgs["Frobnic"].country is None
    with pytest.raises(InputError, match="'Allemagne' is not a two-letter ISO code"):
        parse_orgs(["Zorblatt\tcompany\t\t\t\tAllemagne"], source="x.tsv")
