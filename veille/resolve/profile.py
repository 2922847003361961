"""What the resolver remembers about an entity beyond its public record: the keys of its
names and the context its mentions brought (organisations, roles, people), which later
mentions are compared against."""

from __future__ import annotations

from dataclasses import dataclass, field

from veille.nlp.gazetteer import Org
from veille.resolve.entities import Entity
from veille.resolve.names import PersonParts, org_key, person_key, person_parts

# Role families: a CEO in one article is often "directeur général" or "patron" in
# another, so these count as one role when looking for a shared role.
ROLE_FAMILY = {
    "ceo": "lead", "md": "lead", "chair": "lead", "president": "lead", "head": "lead",
    "deputy_md": "deputy", "coo": "deputy",
}
# Roles too vague to say two mentions are one person.
VAGUE_ROLES = frozenset({"other", ""})


def role_families(roles: tuple[str, ...] | set[str]) -> set[str]:
    return {ROLE_FAMILY.get(r, r) for r in roles if r and r not in VAGUE_ROLES}


@dataclass
class Profile:
    entity: Entity
    keys: set[str] = field(default_factory=set)
    parts: set[PersonParts] = field(default_factory=set)
    # Persons: ids of the organisations and role families their facts attach them to.
    org_ids: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    # Organisations: person keys attached to them in facts.
    persons: set[str] = field(default_factory=set)
    gazetteer: Org | None = None
    articles: set[str] = field(default_factory=set)
    # Persons: keys of the forms that joined on batch frequency alone (people.py); they
    # are not matched as known forms, so every new mention of them is decided again.
    rare_keys: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.entity.id

    @property
    def names(self) -> list[str]:
        return [self.entity.name, *self.entity.aliases]

    @property
    def context_names(self) -> list[str]:
        """The forms a new mention is compared with: all but those that joined on batch
        frequency alone."""
        if not self.rare_keys:
            return self.names
        return [n for n in self.names if person_key(n) not in self.rare_keys]

    def add_name(self, name: str) -> bool:
        """Record a surface form; True when it is new to this entity."""
        if self.entity.type == "person":
            self.keys.add(person_key(name))
            self.parts.add(person_parts(name))
        else:
            self.keys.add(org_key(name))
        if name in self.names:
            return False
        self.entity.aliases.append(name)
        return True

    def add_article(self, article: str) -> None:
        if article and article not in self.articles:
            self.articles.add(article)
            self.entity.articles.append(article)

    def add_reason(self, reason: str) -> None:
        if reason not in self.entity.merged_because:
            self.entity.merged_because.append(reason)

    @classmethod
    def of(cls, entity: Entity) -> Profile:
        profile = cls(entity, articles=set(entity.articles))
        for name in [entity.name, *entity.aliases]:
            if entity.type == "person":
                profile.keys.add(person_key(name))
                profile.parts.add(person_parts(name))
            else:
                profile.keys.add(org_key(name))
        return profile
