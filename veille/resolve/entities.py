"""The records of the resolution stage: canonical entities, name mentions, merge decisions.

An `Entity` is what the store keeps; a `Mention` is one name as one article uses it,
with the context the facts give it (the organisations and roles a person is attached
to, the people attached to an organisation); a `Decision` says whether a mention and an
entity are one, and why, in words a user can check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "org"]


@dataclass
class Entity:
    """One person or organisation across articles.

    `id` never changes once given ("per:patrick-starck", "org:amazon-web-services");
    `name` is the first canonical name; `aliases` the other forms seen (and, for a
    gazetteer organisation, its gazetteer aliases); `parent` the id of the parent
    organisation ("org:amazon" for "Amazon Inde"); `articles` the ids of the articles
    that mention it; `merged_because` one line per kind of merge that joined a form or an
    article to it; `country` an organisation's ISO country code when the gazetteer or an
    article gives one (`resolve/countries.py`), else None."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    articles: list[str] = field(default_factory=list)
    merged_because: list[str] = field(default_factory=list)
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "parent": self.parent,
            "articles": list(self.articles),
            "merged_because": list(self.merged_because),
            "country": self.country,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        kind = data.get("type")
        if kind not in ("person", "org"):
            raise ValueError(f"entity {data.get('id')!r}: type must be person or org, not {kind!r}")
        return cls(
            id=str(data["id"]),
            type=kind,
            name=str(data["name"]),
            aliases=[str(a) for a in data.get("aliases") or []],
            parent=data.get("parent"),
            articles=[str(a) for a in data.get("articles") or []],
            merged_because=[str(r) for r in data.get("merged_because") or []],
            country=data.get("country") or None,
        )


@dataclass(frozen=True)
class Mention:
    """A name as one article uses it, with its context from that article's facts.

    `type` is "person" or "org" for what resolution handles; any other value ("place")
    only ever compares as different. For a person, `orgs` are the organisation names and
    `roles` the `role_norm` values of its facts; for an organisation, `persons` are the
    people its facts attach to it."""

    name: str
    type: str
    article: str = ""
    orgs: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        def names(value: Any) -> tuple[str, ...]:
            if value is None:
                return ()
            return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)

        return cls(
            name=str(data["name"]),
            type=str(data.get("type", "person")),
            article=str(data.get("article", "")),
            orgs=names(data.get("orgs", data.get("org"))),
            roles=names(data.get("roles", data.get("role"))),
            persons=names(data.get("persons", data.get("person"))),
        )


@dataclass(frozen=True)
class Decision:
    """Whether a mention is an entity, and the reason (for a merge or for keeping apart)."""

    same: bool
    why: str
    # How strong the evidence is, to choose between several matching entities.
    score: int = 0
    # True when the batch's name frequencies were the only evidence (people.py).
    by_frequency: bool = False

    def __bool__(self) -> bool:
        return self.same


NO = Decision(False, "names do not match")
