"""Finding an entity from a name as a user types it: accents, case and aliases do not
matter; an unknown name gets the closest known names as suggestions."""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import Connection

from veille.errors import VeilleError
from veille.store import reads
from veille.store.merges import redirected
from veille.store.names import fold

KIND = {"person": "person", "org": "organisation"}


class NotFound(VeilleError, LookupError):
    """No entity (or article) by that name; `suggestions` lists close known names."""

    def __init__(self, kind: str, name: str, suggestions: list[str] | None = None):
        self.kind = kind
        self.name = name
        self.suggestions = suggestions or []
        message = f"no {kind} named {name!r} in the knowledge base"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


def find_entity(conn: Connection, name: str, type_: str) -> dict[str, Any]:
    """The entity of `type_` ('person' or 'org') known as `name`, or NotFound.

    Also accepts an entity id ("per:julien-berthaud"), and the id of an entity merged
    into another (the row then says `redirected_from`). Among several entities with
    the same folded name, the one with the most facts wins."""
    found = reads.entity(conn, name)
    if found is None and (target := redirected(conn, name)) is not None:
        # A merged entity's old id leads to the entity it joined.
        found = reads.entity(conn, target)
        if found is not None:
            found["redirected_from"] = name
    if found and found["type"] == type_:
        return found
    matches = reads.entity_by_name(conn, name, type_)
    if len(matches) == 1:
        return matches[0]
    if matches:
        sizes = {m["id"]: len(reads.facts_of_person(conn, [m["id"]])) if type_ == "person"
                 else 0 for m in matches}
        return max(matches, key=lambda m: (sizes[m["id"]], -len(m["id"])))
    raise NotFound(KIND[type_], name, suggest(conn, name, type_))


def suggest(conn: Connection, name: str, type_: str | None, limit: int = 5) -> list[str]:
    """Known names close to `name`: names holding all its words first ("Berthaud" ->
    "Julien Berthaud"), then names with a word spelt alike ("Berto" -> "Berthaud")."""
    folded = fold(name)
    if not folded:
        return []
    by_folded: dict[str, str] = {}
    by_word: dict[str, list[str]] = {}
    for key, display, _ in reads.entity_names(conn, type_):
        if key not in by_folded:
            by_folded[key] = display
            for word in set(key.split()):
                by_word.setdefault(word, []).append(key)
    words = folded.split()
    partial = [k for k in by_folded if set(words) <= set(k.split())]
    whole = difflib.get_close_matches(folded, list(by_folded), n=limit, cutoff=0.6)
    alike: list[str] = []
    for word in words:
        for close in difflib.get_close_matches(word, list(by_word), n=limit, cutoff=0.6):
            alike.extend(by_word[close])
    ordered = dict.fromkeys([*sorted(partial, key=len), *whole, *alike])
    return [by_folded[k] for k in ordered][:limit]
