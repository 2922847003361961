"""The organisation gazetteer, first names and entity cue words, read from data files.

The gazetteer is a TSV file (``veille/data/orgs.tsv``; users add their own through the
``gazetteer`` setting). One organisation per line; ``#`` starts a comment line. Columns:

1. canonical name ("Amazon Web Services")
2. type: company, media, public_body, party, club, school, union, international, other
3. aliases separated by ``|`` ("AWS|Amazon AWS")
4. parent canonical name, or empty ("Amazon")
5. the forms (name or aliases, ``|``-separated, or ``*`` for all) that are also common
   words, places or surnames ("Orange", "Renault"): they match only with a cue.

Header lines (``name<TAB>type…``) are skipped. A user file may stop after
any column, and a two-column ``name<TAB>alias|alias`` file (no type) is read as
organisations of type ``other``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from veille.errors import InputError

ORG_TYPES = (
    "company",
    "media",
    "public_body",
    "party",
    "club",
    "school",
    "union",
    "international",
    "other",
)


@dataclass(frozen=True)
class Org:
    name: str
    type: str = "other"
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    # Forms that need a cue to count as this organisation.
    needs_cue: frozenset[str] = field(default_factory=frozenset)

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name then its aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


def fold(text: str) -> str:
    """Lower-case, accent-free form used to compare names ("Thalès" == "thales")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def parse_orgs(lines: Iterable[str], source: str = "<gazetteer>") -> list[Org]:
    """Organisations from TSV lines. Raises InputError naming the file and line."""
    orgs: list[Org] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if (
            cells[0].lower() == "name"
            and len(cells) > 1
            and cells[1].lower() in ("type", "aliases")
        ):
            continue
        name = cells[0]
        if not name:
            raise InputError("empty organisation name", path=source, line=number)
        kind = cells[1] if len(cells) > 1 and cells[1] else "other"
        aliases_cell = cells[2] if len(cells) > 2 else ""
        if kind not in ORG_TYPES:
            if len(cells) == 2:
                # The short user format: name<TAB>alias|alias.
                kind, aliases_cell = "other", cells[1]
            else:
                raise InputError(
                    f"unknown organisation type {kind!r} for {name!r}; "
                    f"use one of: {', '.join(ORG_TYPES)}",
                    path=source,
                    line=number,
                )
        aliases = tuple(a for a in _split(aliases_cell) if a != name)
        parent = cells[3] if len(cells) > 3 and cells[3] else None
        cue_cell = cells[4] if len(cells) > 4 else ""
        forms = (name, *aliases)
        needs_cue = frozenset(forms) if cue_cell == "*" else frozenset(_split(cue_cell))
        unknown = needs_cue - set(forms)
        if unknown:
            raise InputError(
                f"{name!r}: cue-only form(s) {sorted(unknown)} are not its name or aliases",
                path=source,
                line=number,
            )
        orgs.append(Org(name, kind, aliases, parent, needs_cue))
    return orgs


def load_orgs(path: str | Path) -> list[Org]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gazetteer: {exc}", path=str(path)) from exc
    return parse_orgs(text.splitlines(), source=str(path))


def _data_text(name: str) -> str:
    return resources.files("veille").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def builtin_orgs() -> tuple[Org, ...]:
    return tuple(parse_orgs(_data_text("orgs.tsv").splitlines(), source="veille/data/orgs.tsv"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common given names, case as written ("Jean-Luc", "Vaishali")."""
    lines = _data_text("first_names.txt").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=1)
def entity_cues() -> dict[str, tuple[str, ...]]:
    """The lists of entity_cues_fr.yaml; every word but `surname_first` lower-cased."""
    data: dict[str, Any] = yaml.safe_load(_data_text("entity_cues_fr.yaml"))
    cues: dict[str, tuple[str, ...]] = {}
    for key, words in data.items():
        keep_case = key in ("surname_first", "not_names")
        cues[key] = tuple(str(w) if keep_case else str(w).lower() for w in words)
    return cues


def merge_orgs(base: Iterable[Org], extra: Iterable[Org]) -> list[Org]:
    """Base organisations plus extra ones; an extra org with a known name replaces it."""
    merged = {org.name: org for org in base}
    for org in extra:
        merged[org.name] = org
    return list(merged.values())
