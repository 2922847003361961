"""Countries: ISO 3166-1 alpha-2 codes and their French names (veille/data/countries_fr.yaml).

An organisation's `country` is a code ("GB"), the same in every language and in the
API; what a French page shows is the name ("Royaume-Uni"). Shared by the resolution
stage, which finds countries under their French names, and the questions, which show
them; it loads no model.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

DATA_FILE = "countries_fr.yaml"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files("veille.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    codes = {str(name): str(code) for name, code in (data.get("codes") or {}).items()}
    by_name = {_fold(name): code for name, code in codes.items()}
    names: dict[str, str] = {}
    for name, code in codes.items():
        names.setdefault(code, name)  # the first name listed for a code is the country's
    return by_name, names


def code_of(country: str | None) -> str | None:
    """"Royaume-Uni" -> "GB"; None for a name with no code (unknown, or ambiguous like
    "Congo")."""
    return _tables()[0].get(_fold(country)) if country else None


def name_of(code: str | None) -> str | None:
    """"GB" -> "Royaume-Uni"; None when the code is not one veille names."""
    return _tables()[1].get(code.upper()) if code else None


def is_code(value: str) -> bool:
    """Two capital ASCII letters, the shape of an ISO 3166-1 alpha-2 code."""
    return len(value) == 2 and value.isascii() and value.isalpha() and value.isupper()
