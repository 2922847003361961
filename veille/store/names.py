"""Folding names for lookups: case-, accent- and punctuation-insensitive keys."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Leading French articles ("l'Oréal" keeps its l: only a separated article is dropped).
_ARTICLES = ("l ", "le ", "la ", "les ")


def fold(name: str | None) -> str:
    """'  Société Générale ' -> 'societe generale'; "l'Europe" -> 'europe'."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", plain).strip()
    for article in _ARTICLES:
        if words.startswith(article) and len(words) > len(article) + 2:
            words = words[len(article):]
            break
    return words


def slug(name: str | None) -> str:
    return fold(name).replace(" ", "-")
