"""Name keys and the string tests resolution is built on.

A *key* is the form two names are compared in: lower case, no accents, no punctuation,
hyphens or spaces, so "CloudWatt", "Cloudwatt" and "CLOUDWATT" share one key, as
do "François Hollande" and "Francois Hollande". Organisation keys also drop what does not
tell two organisations apart ("le groupe Renault" -> "renault", "Apple Inc." -> "apple").

Nothing here decides that two names are the same entity; `people.py` and `orgs.py` combine
these tests with context (shared organisation, role, article) and give the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
# The key functions below are cached: a batch compares the same few thousand forms again
# and again (each candidate's names, for each new mention).
_NON_WORD_KEEP_HYPHEN = re.compile(r"[^0-9a-z\-]+")

# Courtesy titles the extractor may leave on a person name.
PERSON_TITLES = frozenset({"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "pr", "me", "sir"})
# Particles that belong to the surname ("Marine Le Pen" -> surname "le pen").
SURNAME_PARTICLES = frozenset(
    {"de", "du", "des", "d", "le", "la", "van", "von", "der", "den", "da", "di", "del",
     "della", "dos", "das", "do", "ben", "bin", "al", "el", "mac", "st", "saint"}
)
# Words that open an organisation name in running French text without being part of it.
ORG_LEADING = frozenset({"le", "la", "les", "l", "the", "groupe", "group", "societe", "cabinet"})
# Legal forms and generic tails: "Apple Inc." and "Apple" are one company.
ORG_TRAILING = frozenset(
    {"sa", "sas", "sarl", "inc", "ltd", "llc", "plc", "corp", "corporation", "co", "ag",
     "gmbh", "nv", "bv", "spa", "group", "groupe", "holding", "holdings", "limited"}
)
# Words skipped when taking the initials of a name ("Société nationale des chemins de fer
# français" -> SNCF).
ACRONYM_STOP = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "pour",
     "sur", "of", "the", "and", "for", "&"}
)


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Lower case, accents removed, every run of punctuation or space one space."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare).strip()


def _fold_tokens_keep_hyphen(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [t.strip("-") for t in _NON_WORD_KEEP_HYPHEN.sub(" ", bare).split() if t.strip("-")]


def slug(text: str) -> str:
    """The id part of a name: "Amazon Web Services" -> "amazon-web-services"."""
    return fold(text).replace(" ", "-") or "x"


@lru_cache(maxsize=262_144)
def person_key(name: str) -> str:
    """"M. Jean-Marc Ayrault" -> "jeanmarcayrault". Spaces go too: the press writes
    "Bruno Le Maire" and "Bruno Lemaire", "Cap Gemini" and "Capgemini"."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in PERSON_TITLES:
        words = words[1:]
    return "".join(words)


@lru_cache(maxsize=262_144)
def org_key(name: str) -> str:
    """"le groupe PSA" -> "psa", "Apple Inc." -> "apple", "Cap Gemini" -> "capgemini"."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in ORG_LEADING:
        words = words[1:]
    while len(words) > 1 and words[-1] in ORG_TRAILING:
        words = words[:-1]
    return "".join(words)


@dataclass(frozen=True)
class PersonParts:
    """A person name split for comparison: "Jean-Marie Le Pen" -> ("jean-marie", "le pen").

    `first` is empty for a surname-only mention ("Macron"). Middle names and initials
    are ignored: "George W. Bush" compares as ("george", "bush")."""

    first: str
    surname: str

    @property
    def full(self) -> bool:
        return bool(self.first)


@lru_cache(maxsize=262_144)
def person_parts(name: str) -> PersonParts:
    tokens = _fold_tokens_keep_hyphen(name)
    while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
        tokens = tokens[1:]
    if not tokens:
        return PersonParts("", "")
    if all(t in SURNAME_PARTICLES for t in tokens[:-1]):
        # "Le Pen", "de Gaulle": a surname alone, particles included.
        return PersonParts("", " ".join(tokens))
    # The surname is the last word with the particles just before it.
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in SURNAME_PARTICLES:
        start -= 1
    return PersonParts(tokens[0], " ".join(tokens[start:]))


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of two neighbours counts 1, so
    "Martiz"/"Maritz" is 1); returns `limit` as soon as the distance reaches it."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def close_spelling(a: str, b: str) -> int | None:
    """The edit distance when `a` and `b` are close enough to be one name misspelt:
    1 for words of 4+ letters, 2 for words of 9+ letters; None otherwise. Short words
    get no slack: "Roy"/"Ray" are two names."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    shortest = min(len(a), len(b))
    allowed = 2 if shortest >= 9 else 1 if shortest >= 4 else 0
    if allowed == 0:
        return None
    distance = edit_distance(a, b, limit=allowed + 1)
    return distance if 0 < distance <= allowed else None


def is_acronym_form(name: str) -> bool:
    """"AWS", "S.N.C.F.", "PSA": 2 to 8 capitals, maybe dotted, nothing else."""
    bare = name.replace(".", "").replace("&", "").strip()
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def acronym_letters(name: str) -> str:
    return fold(name.replace(".", "").replace("&", "")).replace(" ", "")


def initials(name: str) -> set[str]:
    """The acronyms a long name can go by: initials of its capitalised words, of its
    content words, and of all its words ("Amazon Web Services" -> {"aws"};
    "Les Républicains" -> {"r", "lr"})."""
    words = [w for w in re.split(r"[\s\-']+", name.replace("’", "'")) if w]
    if len(words) < 2:
        return set()
    out = set()
    capitalised = [w for w in words if w[0].isupper()]
    content = [w for w in words if fold(w) not in ACRONYM_STOP]
    for group in (capitalised, content, words):
        letters = "".join(fold(w)[:1] for w in group)
        if len(letters) >= 2:
            out.add(letters)
    return out
