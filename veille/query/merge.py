"""`merge_entities(store, kept, absorbed)`: two stored entities found to be one person or
one organisation become one; the absorbed id redirects to the kept one everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from veille.query.filters import FilterError
from veille.query.lookup import find_entity
from veille.query.records import EntityRef, Record
from veille.store import Store, reads
from veille.store.merges import merge_into


@dataclass
class MergeResult(Record):
    kept: EntityRef
    absorbed_id: str
    facts_moved: int


def merge_entities(store: Store, kept: str, absorbed: str, type_: str = "person",
                   reason: str | None = None) -> MergeResult:
    """Merge the entity known as `absorbed` into the one known as `kept` (names or ids,
    of `type_` 'person' or 'org'). NotFound for an unknown name; FilterError when both
    are one entity already."""
    with store.write() as conn:
        keep = find_entity(conn, kept, type_)
        gone = find_entity(conn, absorbed, type_)
        if keep["id"] == gone["id"]:
            raise FilterError(f"{kept!r} and {absorbed!r} are one entity already "
                              f"({keep['id']})")
        why = reason or f"merged by hand: {gone['name']} ({gone['id']}) is {keep['name']}"
        moved = merge_into(conn, gone, keep, why)
        row = reads.entity(conn, keep["id"])
    assert row is not None
    return MergeResult(kept=EntityRef(id=row["id"], type=row["type"], name=row["name"],
                                      aliases=list(row["aliases"] or [])),
                       absorbed_id=gone["id"], facts_moved=moved)
