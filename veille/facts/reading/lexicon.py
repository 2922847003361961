"""The French move and role vocabulary, loaded once from the package's data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

# One folding for the whole project: case, accents and apostrophes, as the gazetteer does.
from veille.nlp.gazetteer import fold

ROLE_NORMS = {
    "ceo",
    "chair",
    "president",
    "coo",
    "cfo",
    "cto",
    "cmo",
    "vp_sales",
    "vp",
    "md",
    "deputy_md",
    "director",
    "board_member",
    "partner",
    "head",
    "minister",
    "other",
}


@dataclass(frozen=True)
class MoveLexicon:
    start_verbs: dict[str, str]
    end_verbs: dict[str, str]
    needs_object: dict[str, frozenset[str]]
    needs_role_or_org: frozenset[str]
    office_words: tuple[str, ...]
    relation_nouns: frozenset[str]
    needs_role: frozenset[str]
    object_control_verbs: frozenset[str]
    start_nouns: frozenset[str]
    end_nouns: frozenset[str]
    org_anaphors: frozenset[str]
    demand_lemmas: frozenset[str]
    blocker_phrases: tuple[str, ...]
    interim_words: tuple[str, ...]
    # folded title words -> role_norm, longest first
    titles: tuple[tuple[tuple[str, ...], str], ...]
    not_titles: tuple[tuple[str, ...], ...]
    holding_verbs: frozenset[str]
    from_markers: tuple[str, ...]
    until_markers: tuple[str, ...]
    joining_prepositions: frozenset[str]
    succession_nouns: frozenset[str]
    role_reference_adjectives: frozenset[str]
    place_verbs: frozenset[str]
    not_posts: frozenset[str]
    honours: tuple[tuple[str, ...], ...]
    topic_nouns: frozenset[str]
    travel_destinations: frozenset[str]
    not_reflexive: frozenset[str]
    ended_posts: frozenset[str]
    territorial_titles: tuple[str, ...]
    institutions: dict[str, str]
    implicit_orgs: dict[str, str]
    territory_nouns: frozenset[str]
    # folded seat title -> assembly
    seat_bodies: dict[str, str]
    state_titles: frozenset[str]
    participles: dict[str, str]
    # folded adjective -> (change, status)
    change_adjectives: dict[str, tuple[str, str]]

    @cached_property  # asked for word by word: built once
    def title_heads(self) -> frozenset[str]:
        """Every folded word that can start a title ("vice-president", "pdg")."""
        return frozenset(words[0] for words, _ in self.titles)


def _read(name: str) -> dict[str, Any]:
    text = resources.files("veille.data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"veille/data/{name} must hold a mapping, got {type(data).__name__}")
    return data


@cache
def _data(name: str) -> dict[str, Any]:
    return _read(name)


def _entry(name: str, keys: tuple[str, ...]) -> Any:
    entry: Any = _data(name)
    for key in keys:
        entry = entry[key]
    return entry


@cache
def word_set(name: str, *keys: str) -> frozenset[str]:
    """The words under `keys` in veille/data/`name`, as written there: rules that compare
    folded words list folded forms, rules that compare raw words list both apostrophes."""
    return frozenset(str(w) for w in _entry(name, keys))


@cache
def word_list(name: str, *keys: str) -> tuple[str, ...]:
    """The same words in their order: regex alternations and endings tried in turn."""
    return tuple(str(w) for w in _entry(name, keys))


@cache
def single_word(name: str, *keys: str) -> str:
    """A single word or phrase of veille/data/`name`."""
    return str(_entry(name, keys))


@cache
def word_map(name: str, *keys: str) -> dict[str, Any]:
    return dict(_entry(name, keys))


@cache
def pattern(name: str, *keys: str, flags: int = 0, **pieces: str) -> re.Pattern[str]:
    """A regular expression of veille/data/`name`, compiled once, its {placeholders}
    filled with `pieces` (regex text the code builds, such as an alternation of titles)."""
    text = str(_entry(name, keys))
    return re.compile(_PLACEHOLDER.sub(lambda m: pieces[m.group(1)], text), flags)


def glued(word: str, space: str = " ") -> str:
    """The word as written before the next one: an elided word ("d'") or a prefix ("al-")
    is glued to it, any other word takes `space` ("de ")."""
    return word if word[-1] in "'’-" else word + space


def alternation(words: tuple[str, ...], space: str = "") -> str:
    """The words as a regex alternation, in their order, each `glued` to what follows."""
    return "|".join(re.escape(glued(w, space)) for w in words)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def grammar_words(key: str) -> frozenset[str]:
    """A list of French function words of grammar_fr.yaml (pronouns, determiners,
    prepositions…)."""
    return word_set("grammar_fr.yaml", key)


def move_words(key: str) -> frozenset[str]:
    """A word list of moves_fr.yaml that the rules read as written (not folded)."""
    return word_set("moves_fr.yaml", key)


def name_words(key: str) -> frozenset[str]:
    """A word list of names_fr.yaml: the words around people's and organisations' names."""
    return word_set("names_fr.yaml", key)


def title_words(title: str) -> tuple[str, ...]:
    """How a title is split for matching: folded words, apostrophes kept on the left."""
    return tuple(fold(title).replace("'", "' ").split())


@lru_cache(maxsize=1)
def move_lexicon() -> MoveLexicon:
    moves = _read("moves_fr.yaml")
    roles = _read("roles_fr.yaml")
    titles = sorted(
        ((title_words(t), norm) for t, norm in roles["titles"].items()),
        key=lambda item: -len(item[0]),
    )
    return MoveLexicon(
        start_verbs=dict(moves["start_verbs"]),
        end_verbs=dict(moves["end_verbs"]),
        needs_object={k: frozenset(v) for k, v in moves["needs_object"].items()},
        needs_role_or_org=frozenset(moves["needs_role_or_org"]),
        office_words=tuple(moves["office_words"]),
        relation_nouns=frozenset(moves["relation_nouns"]),
        needs_role=frozenset(moves["needs_role"]),
        object_control_verbs=frozenset(moves["object_control_verbs"]),
        start_nouns=frozenset(moves["start_nouns"]),
        end_nouns=frozenset(moves["end_nouns"]),
        org_anaphors=frozenset(moves["org_anaphors"]),
        demand_lemmas=frozenset(moves["blockers"]["demand_lemmas"]),
        blocker_phrases=tuple(moves["blockers"]["phrases"]),
        interim_words=tuple(moves["interim_words"]),
        titles=tuple(titles),
        not_titles=tuple(title_words(p) for p in roles["not_titles"]),
        holding_verbs=frozenset(moves["holding_verbs"]),
        from_markers=tuple(fold(m) for m in moves["from_markers"]),
        until_markers=tuple(fold(m) for m in moves["until_markers"]),
        joining_prepositions=frozenset(fold(p) for p in moves["joining_prepositions"]),
        succession_nouns=frozenset(moves["succession_nouns"]),
        role_reference_adjectives=frozenset(fold(a) for a in moves["role_reference_adjectives"]),
        place_verbs=frozenset(moves["place_verbs"]),
        not_posts=frozenset(moves["not_posts"]),
        honours=tuple(title_words(h) for h in moves["honours"]),
        topic_nouns=frozenset(moves["topic_nouns"]),
        travel_destinations=frozenset(moves["travel_destinations"]),
        not_reflexive=frozenset(moves["not_reflexive"]),
        ended_posts=frozenset(moves["ended_posts"]),
        territorial_titles=tuple(moves["territorial_titles"]),
        institutions={fold(t): i for t, i in moves["institutions"].items()},
        implicit_orgs={fold(t): o for t, o in moves["implicit_orgs"].items()},
        territory_nouns=frozenset(moves["territory_nouns"]),
        seat_bodies={fold(t): b for t, b in moves["seat_bodies"].items()},
        state_titles=frozenset(fold(t) for t in moves["state_titles"]),
        participles=dict(moves["participles"]),
        change_adjectives={fold(a): (c, st) for a, (c, st) in moves["change_adjectives"].items()},
    )


@lru_cache(maxsize=1)
def _nationalities() -> tuple[dict[str, str], dict[str, str]]:
    data = _read("nationalities_fr.yaml")
    countries = {fold(a): c for a, c in data["countries"].items()}
    feminine = {fold(f): fold(m) for f, m in data["feminine"].items()}
    return countries, feminine


def adjectives_of(country: str) -> list[str]:
    """The masculine nationality adjectives of a country, folded ("Royaume-Uni":
    ["britannique"])."""
    countries, _ = _nationalities()
    return sorted(a for a, c in countries.items() if c == country)


def country_of(adjective: str) -> str | None:
    """The country a nationality adjective names, in any gender and number: "turc",
    "turque", "britanniques", "allemande", "italienne" -> Turquie, Royaume-Uni, …"""
    countries, feminine = _nationalities()
    word = fold(adjective)
    forms = [word, word[:-1]] if word.endswith("s") else [word]
    for form in forms:
        for guess in (form, feminine.get(form, ""), form[:-1] if form.endswith("e") else ""):
            if guess in countries:
                return countries[guess]
        if form.endswith("nne") and form[:-2] in countries:  # "italienne"
            return countries[form[:-2]]
    return None


def is_country(name: str) -> bool:
    """A country of nationalities_fr.yaml ("Tunisie", "États-Unis")."""
    countries, _ = _nationalities()
    return fold(name) in {fold(c) for c in countries.values()}
