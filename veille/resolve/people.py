"""When a person mention and a known person are one: the rules, and why each is so.

Names alone never merge two *different* spellings. A spelling variant ("Patrick Stark" /
"Patrick Starck", "Paul Martiz" / "Paul Maritz": one edit in the surname, or in the
first name, or an initial for the first name), or a surname alone ("Macron" for "Emmanuel
Macron"), joins a known person only when the context supports it:

1. the same article (the extractor spelt one person two ways, or left a surname alone),
   unless the two are attached to different organisations there, or
2. a shared organisation in the facts (the same id, or a parent and its subsidiary), or
3. a shared role family (CEO, directeur général, président… count as one; the vague
   "other" role does not count).

"Starck" and "Stack" with no shared article, organisation or role therefore stay two
people, and "Marine Le Pen" and "Jean-Marie Le Pen" never meet (different first names are
not a variant; a nickname, "Bob" for "Robert", is not recognised either).

The *same* full name (same key: case, accents and hyphens aside) merges by default, because
in news text a full name nearly always means one person, and public figures change
organisations (a minister becomes a CEO) without the text repeating the old one. It stays
apart only when both sides name organisations, none of them shared or related, and no
role family is shared either: two "Jean Martin", one directeur commercial at Orange and one
maire in Lyon, are then homonyms and get two ids ("per:jean-martin", "per:jean-martin-2").
When a side names no organisation nothing contradicts the merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from veille.resolve.entities import NO, Decision
from veille.resolve.names import PersonParts, close_spelling, person_key, person_parts
from veille.resolve.profile import Profile


@dataclass(frozen=True)
class PersonContext:
    """A person mention with its organisations resolved to entity ids."""

    name: str
    article: str
    org_ids: frozenset[str]
    roles: frozenset[str]  # role families

    @property
    def key(self) -> str:
        return person_key(self.name)

    @property
    def parts(self) -> PersonParts:
        return person_parts(self.name)


@dataclass(frozen=True)
class NameRelation:
    kind: str  # "exact", "variant" or "surname"
    detail: str  # "edit distance 1", "surname only"…
    other: str  # the known form it relates to
    rank: int  # exact 3 > variant 2 > surname 1


def name_relation(name: str, known_forms: list[str]) -> NameRelation | None:
    """The closest relation between a name and any of an entity's forms."""
    key, parts = person_key(name), person_parts(name)
    best: NameRelation | None = None
    for form in known_forms:
        found = _relation(key, parts, person_key(form), person_parts(form), form)
        if found and (best is None or found.rank > best.rank):
            best = found
    return best


def _relation(
    key: str, parts: PersonParts, other_key: str, other: PersonParts, form: str
) -> NameRelation | None:
    if not key or not other_key:
        return None
    if key == other_key:
        return NameRelation("exact", "same name", form, 3)
    if parts.full and other.full:
        if parts.first == other.first and parts.surname == other.surname:
            # Same first name and surname, different middle names or initials.
            return NameRelation("variant", "same first name and surname", form, 2)
        if parts.first == other.first:
            distance = close_spelling(parts.surname, other.surname)
            if distance:
                return NameRelation("variant", f"edit distance {distance}", form, 2)
        if parts.surname == other.surname:
            if _initial_of(parts.first, other.first):
                return NameRelation("variant", "initial of the first name", form, 2)
            distance = close_spelling(parts.first, other.first)
            if distance and "-" not in parts.first + other.first:
                return NameRelation("variant", f"edit distance {distance} in first name", form, 2)
        return None
    if parts.full != other.full and parts.surname == other.surname:
        return NameRelation("surname", "surname only", form, 1)
    return None


def _initial_of(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and len(long) > 1 and long[0] == short


def decide_person(
    mention: PersonContext,
    profile: Profile,
    org_name: Callable[[str], str],
    related: Callable[[str, str], bool],
) -> Decision:
    """Whether `mention` is the person of `profile`, with the reason either way."""
    relation = name_relation(mention.name, profile.names)
    if relation is None:
        return NO
    shared = sorted(
        {o for o in mention.org_ids for p in profile.org_ids if o == p or related(o, p)}
    )
    same_article = mention.article and mention.article in profile.articles
    roles = sorted(mention.roles & profile.roles)
    conflict = bool(mention.org_ids and profile.org_ids and not shared)
    pair = f'"{mention.name}" ~ "{relation.other}"'

    if relation.kind == "exact":
        if shared:
            return Decision(True, f"same name, shared org {org_name(shared[0])}", 9)
        if same_article:
            return Decision(True, "same name", 8)
        if not conflict:
            return Decision(True, "same name, no conflicting organisation", 7)
        if roles:
            others = " / ".join(
                sorted({org_name(o) for o in mention.org_ids | profile.org_ids})
            )
            return Decision(True, f"same name, shared role {roles[0]} (orgs {others})", 6)
        return Decision(
            False, f"same name but different organisations and roles: homonyms ({pair})"
        )

    what = f"{pair}: {relation.detail}"
    base = 3 if relation.kind == "variant" else 1
    if same_article and not conflict:
        return Decision(True, f"{what} in the same article {mention.article}", base + 2)
    if shared:
        where = f" in {mention.article}" if mention.article else ""
        return Decision(True, f"{what} and shared org {org_name(shared[0])}{where}", base + 1)
    if roles:
        where = f" in {mention.article}" if mention.article else ""
        return Decision(True, f"{what} and shared role {roles[0]}{where}", base)
    return Decision(False, f"{what} but no shared article, organisation or role")
