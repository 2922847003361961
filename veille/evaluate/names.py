"""How names and roles are compared when scoring (FACTS.md "Names in gold files").

Names: case- and accent-insensitive, punctuation ignored, leading articles ignored, so
"l'Oréal", "L'OREAL" and "Oréal" compare equal, as do "Hewlett-Packard" and "Hewlett
Packard". A gold value may be a list of accepted alternatives; a gold null is not compared.

Roles: by content-word overlap (see `roles_agree`).
"""

from __future__ import annotations

import re
import unicodedata

# Articles that may open a name without being part of it. Elided forms arrive split on
# the apostrophe by `_words`, so "l'" is the word "l". "de", "du" and "des" are left out:
# they open real names ("De Beers", "Du Pont").
LEADING_ARTICLES = frozenset({"le", "la", "les", "l", "the", "un", "une"})

# Words that carry no meaning of their own in a French (or English) role title. Two roles
# agree when they share a word outside this list.
ROLE_STOP_WORDS = frozenset(
    {
        # French determiners, prepositions, conjunctions, possessives (folded: "à" -> "a")
        *("a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "chez", "d", "dans", "de"),
        *("des", "du", "en", "et", "l", "la", "le", "les", "leur", "leurs", "ma", "mes"),
        *("mon", "nos", "notre", "ou", "par", "pour", "sa", "sans", "ses", "son", "sur"),
        *("ta", "tes", "ton", "un", "une", "vos", "votre"),
        # English ones, for titles quoted in English ("head of sales")
        *("of", "the", "and", "for", "at", "in", "to", "an"),
        # words that frame a role without saying which ("le poste de", "la fonction de")
        *("poste", "fonction", "fonctions", "role", "titre"),
    }
)

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, accents removed, every run of punctuation or space turned into one
    space: "Directrice générale-adjointe" -> "directrice generale adjointe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", without_accents).strip()


def _words(text: str) -> list[str]:
    return fold(text).split()


def normalize_name(name: str) -> str:
    """The comparable form of a person or organisation name."""
    words = _words(name)
    while len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


def alternatives(value: object) -> list[object]:
    """A gold value as the list of values it accepts (a list stays a list)."""
    return list(value) if isinstance(value, list) else [value]


def name_matches(gold: object, predicted: object) -> bool:
    """True when a predicted name is one the gold accepts.

    `gold` is a string, a list of accepted strings, or None (matches anything, even a
    missing prediction). A predicted None or empty name never matches a named gold.
    """
    if gold is None:
        return True
    if not isinstance(predicted, str) or not predicted.strip():
        return False
    wanted = normalize_name(predicted)
    return any(
        isinstance(option, str) and normalize_name(option) == wanted
        for option in alternatives(gold)
    )


def content_words(role: str) -> set[str]:
    """The words of a role that are not in ROLE_STOP_WORDS, folded (see `fold`)."""
    return {word for word in _words(role) if word not in ROLE_STOP_WORDS}


def roles_agree(gold: object, predicted: object) -> bool:
    """Role score of a matched pair, by content-word overlap.

    Precisely: both roles null (or empty) -> correct; exactly one null -> wrong; otherwise
    each role is folded (lower case, no accents, punctuation and hyphens turned into word
    breaks, so "vice-président" gives "vice" and "president") and stripped of
    ROLE_STOP_WORDS, and the pair is correct when the two sets of content words share at
    least one word. A role made only of stop words is compared by its whole folded text.
    A gold list of roles is correct when any of its entries is.
    """
    predicted_text = predicted.strip() if isinstance(predicted, str) else ""
    options = [o.strip() for o in alternatives(gold) if isinstance(o, str) and o.strip()]
    if not options:
        return not predicted_text
    if not predicted_text:
        return False
    return any(_overlap(option, predicted_text) for option in options)


def _overlap(first: str, second: str) -> bool:
    first_words, second_words = content_words(first), content_words(second)
    if first_words and second_words:
        return bool(first_words & second_words)
    return fold(first) == fold(second)
