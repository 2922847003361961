"""One fact per post: the hard constraint `people:one_post`, applied to the kept facts.

A post the article names under two forms of its organisation is one fact, not two
(data/gold/GUIDE.md: `org` lists the forms of one organisation): "la ministre de la
Santé" is held at the ministère de la Santé, also named "gouvernement"; "le maire de
Bordeaux" at the mairie de Bordeaux, also "Bordeaux"; "l'AMF" is the Association des
maires de France. The pairs give each form its own candidate, and the decision may keep
several; of two kept facts of one person and label (and, for moves, compatible dates)
whose organisations are two forms of one, the likelier stays; between equals, the
longer form, which tells the reader more ("ministère de l'Agriculture" rather than
"gouvernement"; README "Quality" gives what the shorter would score).
"""

from __future__ import annotations

import re
from functools import lru_cache

from veille.facts.people.candidates import people_lexicon
from veille.facts.reading.lexicon import fold
from veille.records import Fact, Move, Position

ONE_POST = "people:one_post"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words = people_lexicon()["one_post"]
    return (frozenset(words["government"]), frozenset(words["ministries"]),
            frozenset(words["initial_skips"]))


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s'’-]+", fold(name)) if w]


def _initials(words: list[str]) -> str:
    skips = _lexicon()[2]
    return "".join(w[0] for w in words if w not in skips)


def same_organisation(one: str, other: str) -> bool:
    """Whether two names are forms of one organisation: one holds the other's words in
    a row ("Bordeaux", "mairie de Bordeaux"), one is the other's initials ("AMF"), or
    one is the government and the other a ministry (GUIDE.md's standard forms)."""
    a, b = _words(one), _words(other)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1)):
        return True
    if len(short) == 1 and len(long) > 1 and short[0] == _initials(long):
        return True
    government, ministries, _ = _lexicon()
    return (" ".join(short) in government and long[0] in ministries) or (
        " ".join(long) in government and short[0] in ministries)


def _same_post(one: Fact, other: Fact) -> bool:
    if type(one) is not type(other) or not isinstance(one, Move | Position):
        return False
    assert isinstance(other, Move | Position)
    if one.person != other.person or not one.org or not other.org:
        return False
    if isinstance(one, Move) and isinstance(other, Move):
        if one.change != other.change:
            return False
        if one.date and other.date and one.date != other.date:
            return False  # two steps at one organisation ("entré en 2012, revenu en 2019")
    return same_organisation(one.org, other.org)


def _org(fact: Fact) -> str:
    return (fact.org if isinstance(fact, Move | Position) else None) or ""


def one_fact_per_post(facts: list[Fact]) -> tuple[list[Fact], list[tuple[Fact, Fact]]]:
    """The facts, in their order, without those whose post a likelier fact already
    states under another form of its organisation; and those set aside, each with the
    fact that states its post (what `veille explain` shows)."""
    kept: list[Fact] = []
    set_aside: list[tuple[Fact, Fact]] = []
    for fact in sorted(facts, key=lambda f: (-f.confidence, -len(_org(f)))):
        standing = next((other for other in kept if _same_post(fact, other)), None)
        if standing is None:
            kept.append(fact)
        else:
            set_aside.append((fact, standing))
    chosen = {id(f) for f in kept}
    return [f for f in facts if id(f) in chosen], set_aside
