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

4. batch evidence of frequency (see `frequency_evidence`): in a batch over an archive, a
   form seen in one or two articles that is one edit away from a form seen in dozens
   ("Nicolas Sarzkozy", 1 article / "Nicolas Sarkozy", 800) is a typo of the dominant
   form, not a second person, unless their organisations conflict.

"Starck" and "Stack" with no shared article, organisation or role, and no batch in which
one of them dominates, therefore stay two people, and "Marine Le Pen" and "Jean-Marie Le
Pen" never meet (different first names are not a variant; a nickname, "Bob" for "Robert",
is not recognised either).

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
from veille.resolve.names import PersonParts, close_spelling, fold, person_key, person_parts
from veille.resolve.profile import Profile

# Batch evidence of frequency. A typo is rare and its correct form is common: in a batch
# the size of an archive (tens of thousands of articles), a one-edit variant found in at
# most RARE_VARIANT_MAX_ARTICLES articles of a name found in at least
# DOMINANT_MIN_ARTICLES articles, and DOMINANT_RATIO times as many, is taken for that name
# ("Mitterand", 4 articles / "Mitterrand", 121). Counts are articles, whatever the batch
# counts them in (facts or raw text).
# - A name in more than ten articles is established in its own right, however often the
#   other is found (a real second person, not an accident of typing).
# - The floor is what keeps close surnames of two real people apart: below twenty
#   articles a name is not yet a public figure whose spelling the press agrees on, and
#   "Mesnier" (12) / "Meunier" (1), "Boutin" (14) / "Coutin" (1) are different people.
#   Measured on dev/gold/name_pairs.jsonl, a floor of 10 merges three such pairs.
# - The ratio, nearly an order of magnitude, keeps two common forms apart ("Delpech" 13 /
#   "Delpuech" 42); with the floor at 20 no different pair of the dev gold comes near it
#   (ratios 5 to 10 all keep precision there).
RARE_VARIANT_MAX_ARTICLES = 10
DOMINANT_MIN_ARTICLES = 20
DOMINANT_RATIO = 8
# The shortest word one edit may change: the 4 letters of `names.close_spelling`
# ("Attal" / "Atta"); shorter words are never spelling variants.
FREQUENCY_MIN_LETTERS = 4
# French makes a feminine first name by adding "e" to a masculine one ending in a
# consonant (Louis / Louise, François / Françoise, Michel / Michèle): often two relatives,
# so never a typo on frequency alone.
_FEMININE_E = "e"


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
    # For a spelling variant: which part differs ("surname" or "first") and by how many
    # edits; empty and 0 otherwise.
    edited: str = ""
    distance: int = 0


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
                return NameRelation(
                    "variant", f"edit distance {distance}", form, 2, "surname", distance
                )
        if parts.surname == other.surname:
            if _initial_of(parts.first, other.first):
                return NameRelation("variant", "initial of the first name", form, 2)
            distance = close_spelling(parts.first, other.first)
            if distance and "-" not in parts.first + other.first:
                return NameRelation(
                    "variant", f"edit distance {distance} in first name", form, 2, "first", distance
                )
        return None
    if parts.full != other.full and parts.surname == other.surname:
        return NameRelation("surname", "surname only", form, 1)
    return None


def _initial_of(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and len(long) > 1 and long[0] == short


def frequency_evidence(
    name: str, relation: NameRelation, frequency: Callable[[str], int]
) -> str | None:
    """Why `name` and `relation.other` are one person on the batch's frequencies alone, or
    None. `frequency` gives the number of articles of the batch a name is found in.

    Only a one-edit variant (a letter changed, added, dropped, doubled or two swapped)
    qualifies, in the surname or in the first name, when the edited word keeps its first
    letter (a typist slips inside a word; "Boyer" / "Doyer", "Besson" / "Tesson" are
    different families), is long enough, and is not a feminine first name (Louise is not a
    typo of Louis). Then the rarer form must be rare and the other dominant (the constants
    above)."""
    if relation.kind != "variant" or relation.distance != 1:
        return None
    mine, theirs = person_parts(name), person_parts(relation.other)
    if relation.edited == "surname":
        words = mine.surname, theirs.surname
    elif relation.edited == "first":
        words = mine.first, theirs.first
    else:
        return None
    short, long = sorted((fold(w).replace(" ", "") for w in words), key=len)
    if not short or short[0] != long[0] or len(short) < FREQUENCY_MIN_LETTERS:
        return None
    if (
        relation.edited == "first"
        and long == short + _FEMININE_E
        and short[-1] not in "aeiouy"
    ):
        return None
    (rare_count, rare), (common_count, common) = sorted(
        [(max(frequency(name), 1), name), (max(frequency(relation.other), 1), relation.other)]
    )
    if (
        rare_count > RARE_VARIANT_MAX_ARTICLES
        or common_count < DOMINANT_MIN_ARTICLES
        or common_count < DOMINANT_RATIO * rare_count
    ):
        return None
    part = "first name" if relation.edited == "first" else "surname"
    return (
        f'"{rare}" ({_articles(rare_count)}) is a one-edit variant in the {part} of '
        f'"{common}" ({_articles(common_count)}) in this batch'
    )


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def decide_person(
    mention: PersonContext,
    profile: Profile,
    org_name: Callable[[str], str],
    related: Callable[[str, str], bool],
    frequency: Callable[[str], int] | None = None,
) -> Decision:
    """Whether `mention` is the person of `profile`, with the reason either way.

    `frequency` (articles per name in the batch) enables the frequency evidence. A form
    that joined `profile` on that evidence alone is not matched as such: each new mention
    of it is decided again, so that it stops joining once it is no longer rare."""
    relation = name_relation(mention.name, profile.context_names)
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
    if frequency is not None and not conflict:
        # Roles are not a conflict: the same person is "minister" in one article and
        # "head" (of government) or "president" (of a party) in another.
        evidence = frequency_evidence(mention.name, relation, frequency)
        if evidence:
            return Decision(True, evidence, base, by_frequency=True)
    return Decision(False, f"{what} but no shared article, organisation or role")
