"""veille's linguistic knowledge lives in data files: they load and stay consistent."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from veille.facts.reading.lexicon import ROLE_NORMS, fold, move_lexicon


def _yaml(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(resources.files("veille.data").joinpath(name).read_text("utf-8"))


def test_move_lexicon_is_well_formed() -> None:
    lex = move_lexicon()
    assert lex.start_verbs and lex.end_verbs
    assert not set(lex.start_verbs) & set(lex.end_verbs), "a verb cannot both start and end"
    assert set(lex.start_verbs.values()) | set(lex.end_verbs.values()) <= {"subj", "obj", "iobj"}
    every_verb = set(lex.start_verbs) | set(lex.end_verbs)
    assert set(lex.needs_object) <= every_verb
    assert lex.needs_role_or_org <= every_verb
    assert lex.holding_verbs <= every_verb


def test_role_titles_map_to_facts_md_role_norms() -> None:
    titles = _yaml("roles_fr.yaml")["titles"]
    assert len(titles) > 50
    assert set(titles.values()) <= ROLE_NORMS
    folded = [fold(t) for t in titles]
    assert len(folded) == len(set(folded)), "two titles fold to the same words"


# Verbs that are a move only in some phrases: one such phrase each, which must be a cue.
CONTEXT_EXAMPLES = {
    "appeler": "Elle a été appelée au gouvernement.",
    "diriger": "Il dirige l'usine depuis 2015.",
    "endosser": "Elle endosse le costume de présidente.",
    "entrer": "Il est entré chez Airbus en 1998.",
    "mettre": "Il a mis fin à ses fonctions.",
    "partir": "Elle est partie chez Google.",
    "pousser": "Il a été poussé vers la sortie par le conseil d'administration.",
    "prendre": "Il prend les commandes du groupe.",
    "reprendre": "Elle reprend les commandes de l'entreprise.",
    "travailler": "Il travaille depuis 2009 pour le groupe.",
}


def test_fast_path_cues_compile_and_cover_the_move_triggers() -> None:
    data = _yaml("fast_path_fr.yaml")
    groups = ("moves", "positions", "business")
    patterns = [re.compile(p, re.IGNORECASE) for g in groups for p in data[g]]
    re.compile(data["references"])
    lex = move_lexicon()

    def covered(text: str) -> bool:
        return any(p.search(text) for p in patterns)

    # every change noun is a cue; every change verb is one by its infinitive or
    # participle, or (verbs that need a given object: "prendre la tête") by its objects
    missing = [n for n in sorted(lex.start_nouns | lex.end_nouns) if not covered(n)]
    for verb in sorted({*lex.start_verbs, *lex.end_verbs}):
        forms = [verb, verb[:-2] + "é" if verb.endswith("er") else verb]
        objects = lex.needs_object.get(verb) or []
        by_objects = bool(objects) and all(map(covered, objects))
        by_phrase = covered(CONTEXT_EXAMPLES.get(verb, ""))
        if not any(covered(f) for f in forms) and not by_objects and not by_phrase:
            missing.append(verb)
    assert not missing, f"no fast-path cue for: {missing}"


def test_renamed_organisations_are_gazetteer_organisations_with_their_old_names() -> None:
    from veille.nlp.gazetteer import builtin_orgs
    from veille.query.dated_names import builtin_histories
    from veille.store.names import fold as fold_name

    orgs = {o.name: o for o in builtin_orgs()}
    histories = builtin_histories()  # parses: dates present and in order
    assert len(histories) == len(_yaml("renamed_orgs_fr.yaml")["renamed"])
    for entry in _yaml("renamed_orgs_fr.yaml")["renamed"]:
        org = orgs[entry["name"]]
        own = {fold_name(f) for f in org.forms}
        for former in entry["former"]:
            for name in [former["name"], *former.get("forms", [])]:
                # A form of the renamed organisation, so that it resolves to the one
                # entity; or a gazetteer organisation of its own under it that kept the
                # name (the social network Facebook under Meta).
                kept_apart = name in orgs and orgs[name].parent == org.name
                assert fold_name(name) in own or kept_apart, f"{entry['name']}: {name}"


def test_every_country_has_a_code_and_every_code_a_name() -> None:
    from veille.countries import code_of, is_code, name_of
    from veille.nlp.gazetteer import builtin_orgs

    data = _yaml("countries_fr.yaml")
    nationalities = set(_yaml("nationalities_fr.yaml")["countries"].values())
    assert not [c for c in nationalities
                if code_of(c) is None and c not in data["ambiguous"]]
    assert all(is_code(code) for code in data["codes"].values())
    assert not set(data["ambiguous"]) & set(data["codes"])
    unnamed = {o.name: o.country for o in builtin_orgs() if o.country and not name_of(o.country)}
    assert not unnamed, f"gazetteer countries with no name in countries_fr.yaml: {unnamed}"


# Files read key by key (`grammar_words("…")`, `name_words("…")`, `pattern(…, "…")`):
# a key no code names is a word list nothing reads.
KEYED_FILES = ("grammar_fr.yaml", "names_fr.yaml")


@pytest.mark.parametrize("name", KEYED_FILES)
def test_every_list_of_a_keyed_word_file_is_read(name: str) -> None:
    from pathlib import Path

    import veille

    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(veille.__file__).parent.rglob("*.py")
    )
    data = _yaml(name)
    assert all(data.values()), f"{name}: an empty entry"
    unread = [key for key in data if f'"{key}"' not in sources and f"'{key}'" not in sources]
    assert not unread, f"{name}: no code reads {unread}"


def test_every_data_file_says_what_it_holds() -> None:
    for path in resources.files("veille.data").iterdir():
        if path.name.endswith(".yaml"):
            assert path.read_text("utf-8").startswith("#"), f"{path.name}: no opening comment"


def test_name_patterns_compile() -> None:
    from veille.facts.reading.lexicon import pattern

    data = _yaml("names_fr.yaml")
    for key, value in data.items():
        if isinstance(value, str) and "\\" in value:
            pattern("names_fr.yaml", key, titles="maire")
