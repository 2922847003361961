"""Cross-article entity resolution: extraction results in, canonical entities with stable
ids out, and every fact's `person_id` / `org_id` filled.

Per article, organisations are resolved first (so that a person's context is a set of
organisation *ids*: "AWS" and "Amazon Web Services" are then one shared organisation),
then people, each in order of first appearance in the facts. A mention joins the known
entity whose decision (`people.decide_person`, `orgs.decide_org`) is the strongest; when
none matches it becomes a new entity.

Ids are "per:" or "org:" + the slug of the entity's first canonical name (the gazetteer
name for a gazetteer organisation, whichever alias came first), with "-2", "-3"… for
distinct homonyms. An id never changes afterwards: later aliases, articles or a fuller name
("Emmanuel Macron" after "Macron") only add to the entity. The same inputs in the same
order give the same ids.

Batch frequencies: the resolver knows in how many articles of the batch each person name
is found, and `people.frequency_evidence` lets a rare one-edit variant of a dominant name
join it with no other context. The counts are either given (`frequencies`, e.g. counted
over a whole archive, as dev/pairs_eval.py does) or, by default, gathered as the batch
goes: each article's people are counted before they are resolved, so a variant joins a
name that was already dominant in the articles before it. `name_frequencies` counts a
batch of extraction results held in memory, for a caller that wants the whole batch's
counts from the start.

Entities given as `known` (from the store) keep their ids but bring no organisation or
role context (an `Entity` has none): a mention with their exact name joins them, a spelling
variant only within one of their articles.

Candidates come from small indexes (name key, first name, surname, acronym, the first and
last three letters of an organisation key) rather than a scan of every entity, so a batch
stays fast on the whole corpus. A typo in both the first three and the last three letters
of an organisation name is therefore not looked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from veille.nlp.gazetteer import Org, builtin_orgs, load_orgs, merge_orgs
from veille.records import ExtractionResult, Move, Position
from veille.resolve.countries import context_country, name_country
from veille.resolve.entities import Decision, Entity, Mention
from veille.resolve.names import (
    acronym_letters,
    initials,
    is_acronym_form,
    org_key,
    person_key,
    person_parts,
    slug,
)
from veille.resolve.orgs import (
    GazetteerIndex,
    OrgContext,
    decide_org,
    foreign_body,
    split_subsidiary,
)
from veille.resolve.people import PersonContext, decide_person
from veille.resolve.profile import Profile, role_families
from veille.settings import Settings


def default_gazetteer(settings: Settings | None = None) -> list[Org]:
    """The package gazetteer plus the user's (setting `gazetteer`). A package without its
    gazetteer file still resolves, on names alone."""
    try:
        orgs: list[Org] = list(builtin_orgs())
    except FileNotFoundError:
        orgs = []
    if settings is not None and settings.gazetteer:
        orgs = merge_orgs(orgs, load_orgs(settings.gazetteer))
    return orgs


def person_names(result: ExtractionResult) -> set[str]:
    """The people one article's facts name (those the resolver resolves)."""
    return {
        f.person for f in result.facts if isinstance(f, Move | Position) and f.person.strip()
    }


def name_frequencies(results: Iterable[ExtractionResult]) -> Counter[str]:
    """Per person name, the number of results (articles) whose facts name it."""
    counts: Counter[str] = Counter()
    for result in results:
        counts.update(person_names(result))
    return counts


class Resolver:
    """Resolves the names of extraction results into entities, one article at a time.

    `frequencies`: per person name, the number of articles of the batch it is found in
    (names with the same key add up). Without it the resolver counts the articles it is
    given as it goes."""

    def __init__(
        self,
        known: list[Entity] | None = None,
        *,
        gazetteer: Sequence[Org] | None = None,
        frequencies: Mapping[str, int] | None = None,
    ):
        self._gazetteer_orgs = list(default_gazetteer() if gazetteer is None else gazetteer)
        self._gazetteer = GazetteerIndex(self._gazetteer_orgs)
        self._profiles: list[Profile] = []
        self._by_id: dict[str, Profile] = {}
        self._order: dict[str, int] = {}  # id -> creation rank, to keep candidates in order
        self._index: dict[str, list[Profile]] = defaultdict(list)
        # Subsidiaries whose parent ("Amazon" for "Amazon Inde") is not known yet, by the
        # parent's key: they get their `parent` when it appears.
        self._orphans: dict[str, list[Profile]] = defaultdict(list)
        # Names of public bodies qualified by their country ("ministère de la Santé
        # (Royaume-Uni)"): entities of their own, never subsidiaries of the bare name.
        self._qualified: set[str] = set()
        # Articles per person key in the batch (given, or counted by `add`).
        self._frequencies: Counter[str] = Counter()
        self._counting = frequencies is None
        for name, count in (frequencies or {}).items():
            self._frequencies[person_key(name)] += count
        for entity in known or []:
            self._adopt(Entity.from_dict(entity.to_dict()))

    # -- public -------------------------------------------------------------------------

    def add(self, result: ExtractionResult) -> ExtractionResult:
        """Resolve the names of one article's facts; fills `person_id` and `org_id` on its
        moves and positions and returns the same result."""
        article = result.id
        people_of: dict[str, list[str]] = defaultdict(list)
        org_names: list[str] = []
        # The organisation each move or position names, qualified by the country its
        # title gives a public body.
        org_of: dict[int, str | None] = {}
        for fact in result.facts:
            names: list[str | None] = []
            if isinstance(fact, Move | Position):
                org_of[id(fact)] = self._org_form(fact.org, fact.role)
                names = [org_of[id(fact)]]
                if org_of[id(fact)] and fact.person:
                    people_of[org_of[id(fact)] or ""].append(fact.person)
            else:
                names = list(getattr(fact, "orgs", None) or [getattr(fact, "org", None)])
            org_names.extend(n for n in names if n and n.strip())
        org_ids = {
            name: self._resolve_org(name, article, people_of.get(name, [])).id
            for name in dict.fromkeys(org_names)
        }
        self._learn_countries(result, org_of, org_ids)
        person_orgs: dict[str, set[str]] = {}
        person_roles: dict[str, set[str]] = {}
        for fact in result.facts:
            if isinstance(fact, Move | Position) and fact.person.strip():
                person_orgs.setdefault(fact.person, set())
                person_roles.setdefault(fact.person, set())
                if org_of[id(fact)] in org_ids:
                    person_orgs[fact.person].add(org_ids[org_of[id(fact)] or ""])
                if fact.role_norm:
                    person_roles[fact.person].add(fact.role_norm)
        if self._counting:
            self._frequencies.update({person_key(name) for name in person_orgs})
        person_ids = {
            name: self._resolve_person(name, article, person_orgs[name], person_roles[name]).id
            for name in person_orgs
        }
        for fact in result.facts:
            if isinstance(fact, Move | Position):
                fact.person_id = person_ids.get(fact.person)
                org = org_of[id(fact)]
                fact.org_id = org_ids.get(org) if org else None
            # Ready for id fields on the other fact types (records.py has none yet).
            elif hasattr(fact, "org_id"):
                org = getattr(fact, "org", None)
                fact.org_id = org_ids.get(org) if org else None
            elif hasattr(fact, "org_ids"):
                fact.org_ids = [org_ids.get(o) for o in getattr(fact, "orgs", None) or []]
        return result

    def resume(
        self,
        *,
        articles: Mapping[str, Iterable[str]],
        person_orgs: Mapping[str, Iterable[str]],
        person_roles: Mapping[str, Iterable[str]],
        org_people: Mapping[str, Iterable[str]],
        article_people: Mapping[str, Iterable[str]],
    ) -> None:
        """Take back the context of the `known` entities from their stored facts (the
        articles naming each, a person's organisation ids and roles, an organisation's
        people, the people of each article), so that articles added now are decided as
        if this resolver had read the stored ones: an incremental ingest reaches the
        entities of one batch. Without it, known entities join on their exact names
        only."""
        for entity_id, ids in articles.items():
            profile = self._by_id.get(entity_id)
            if profile is not None:
                for article in sorted(ids):
                    profile.add_article(article)
        for entity_id, orgs in person_orgs.items():
            if (profile := self._by_id.get(entity_id)) is not None:
                profile.org_ids |= {o for o in orgs if o in self._by_id}
        for entity_id, roles in person_roles.items():
            if (profile := self._by_id.get(entity_id)) is not None:
                profile.roles |= role_families(set(roles))
        for entity_id, people in org_people.items():
            if (profile := self._by_id.get(entity_id)) is not None:
                profile.persons |= {person_key(p) for p in people}
        if self._counting:
            for people in article_people.values():
                self._frequencies.update({person_key(name) for name in people})

    def _learn_countries(self, result: ExtractionResult, org_of: dict[int, str | None],
                         org_ids: dict[str, str]) -> None:
        """Give the article's organisations the country its words give them, where
        neither the gazetteer nor an earlier article gave one: the first word stands, so
        that the order of ingests, not a vote, decides, as for ids."""
        for fact in result.facts:
            written = getattr(fact, "org", None)
            name = org_of.get(id(fact), written)
            profile = self._by_id.get(org_ids.get(name or "", ""))
            if profile is None or profile.entity.country is not None:
                continue
            if profile.gazetteer is not None and profile.gazetteer.country is not None:
                continue
            quote = fact.evidence.text if fact.evidence else None
            profile.entity.country = context_country(
                written, getattr(fact, "role", None), quote)

    def _org_form(self, org: str | None, role: str | None) -> str | None:
        """`org` as resolved: a public body whose title names a foreign country is that
        country's ("Sénat" for a "sénateur américain": the gazetteer's "Sénat
        américain"; "ministère de la Santé" for a "ministre britannique": "ministère de
        la Santé (Royaume-Uni)"), apart from the French one of the same name."""
        country = foreign_body(org, role)
        if country is None or org is None:
            return org
        from veille.facts.reading.lexicon import adjectives_of

        for adjective in adjectives_of(country):
            known = self._gazetteer.find(f"{org} {adjective}")
            if known is not None:
                return known.name
        qualified = f"{org} ({country})"
        self._qualified.add(qualified)
        return qualified

    def entities(self) -> list[Entity]:
        """Every entity, in the order it was first met (known ones first)."""
        return [p.entity for p in self._profiles]

    def same_entity(self, a: Mention, b: Mention) -> Decision:
        """The pair decision: would a batch holding only `a` put `b` in a's entity?

        Uses the batch rules and context unchanged: a fresh resolver (same gazetteer)
        resolves `a` with its organisations, then `b`'s organisations, then decides."""
        if a.type != b.type or a.type not in ("person", "org"):
            return Decision(False, f"different types ({a.type} / {b.type})")
        scratch = Resolver(gazetteer=())
        # Same gazetteer, without indexing it again for every pair.
        scratch._gazetteer_orgs, scratch._gazetteer = self._gazetteer_orgs, self._gazetteer
        scratch._frequencies, scratch._counting = self._frequencies, False
        first = scratch._observe(a)
        if b.type == "org":
            context = scratch._org_context(b.name, b.article, b.persons)
            return decide_org(context, first, scratch._gazetteer)
        return decide_person(
            scratch._person_context(b), first, scratch._org_name, scratch._related,
            scratch.frequency,
        )

    def frequency(self, name: str) -> int:
        """In how many articles of the batch the person `name` is found (by key)."""
        return self._frequencies.get(person_key(name), 0)

    # -- mentions -----------------------------------------------------------------------

    def _observe(self, mention: Mention) -> Profile:
        if mention.type == "org":
            return self._resolve_org(mention.name, mention.article, list(mention.persons))
        context = self._person_context(mention)
        return self._resolve_person(
            mention.name, mention.article, set(context.org_ids), set(mention.roles)
        )

    def _person_context(self, mention: Mention) -> PersonContext:
        org_ids = {
            self._resolve_org(org, mention.article, [mention.name]).id
            for org in mention.orgs
            if org.strip()
        }
        return PersonContext(
            mention.name, mention.article, frozenset(org_ids),
            frozenset(role_families(set(mention.roles))),
        )

    def _org_context(self, name: str, article: str, persons: Iterable[str]) -> OrgContext:
        return OrgContext(
            name,
            article,
            frozenset(person_key(p) for p in persons),
            self._gazetteer.find(name),
            self._gazetteer.candidates(name),
        )

    def _resolve_person(
        self, name: str, article: str, org_ids: set[str], roles: set[str]
    ) -> Profile:
        context = PersonContext(name, article, frozenset(org_ids), frozenset(role_families(roles)))
        candidates = self._person_candidates(name)

        def decide(p: Profile) -> Decision:
            return decide_person(context, p, self._org_name, self._related, self.frequency)

        best = self._best(candidates, decide)
        if (
            best is not None
            and best[1].by_frequency
            and sum(1 for p in candidates if decide(p).by_frequency) > 1
        ):
            # One edit from two dominant people: the typo of which? Neither.
            best = None
        if best is None:
            profile = self._register(Profile.of(Entity(self._new_id("per", name), "person", name)))
        else:
            profile, decision = best
            profile.add_reason(decision.why)
            parts = person_parts(name)
            rare = decision.by_frequency and self.frequency(name) < self.frequency(
                profile.entity.name
            )
            if decision.by_frequency and not rare:
                # The dominant form joins the entity its rare variant opened: it is shown
                # instead (the id stays) and the variant is decided again when met.
                profile.rare_keys.add(person_key(profile.entity.name))
                self._show(profile, name)
            elif rare and person_key(name) not in profile.keys:
                profile.rare_keys.add(person_key(name))
            if parts.full and not person_parts(profile.entity.name).full:
                # A fuller name replaces a surname-only one as the display name; the id stays.
                self._show(profile, name)
            if profile.add_name(name):
                self._index_person(profile, name)
        profile.org_ids |= org_ids
        profile.roles |= role_families(roles)
        profile.add_article(article)
        return profile

    def _show(self, profile: Profile, name: str) -> None:
        """`name` becomes the display name of `profile`, the old one an alias."""
        old = profile.entity.name
        profile.entity.name = name
        profile.entity.aliases = [a for a in profile.entity.aliases if a != name]
        profile.add_name(old)
        self._index_person(profile, name)

    def _resolve_org(self, name: str, article: str, persons: list[str]) -> Profile:
        context = self._org_context(name, article, persons)
        best = self._best(
            self._org_candidates(name, context), lambda p: decide_org(context, p, self._gazetteer)
        )
        if best is None:
            profile = self._create_org(name, context.gazetteer)
        else:
            profile, decision = best
            profile.add_reason(decision.why)
            if profile.add_name(name):
                self._index_org(profile, name)
        profile.persons |= context.persons
        profile.add_article(article)
        return profile

    @staticmethod
    def _best(
        candidates: list[Profile], decide: Callable[[Profile], Decision]
    ) -> tuple[Profile, Decision] | None:
        """The candidate with the strongest positive decision; the earliest on ties."""
        best: tuple[Profile, Decision] | None = None
        for profile in candidates:
            decision = decide(profile)
            if decision.same and (best is None or decision.score > best[1].score):
                best = (profile, decision)
        return best

    # -- entities -----------------------------------------------------------------------

    def _new_id(self, prefix: str, name: str) -> str:
        base = f"{prefix}:{slug(name)}"
        candidate, number = base, 2
        while candidate in self._by_id:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def _register(self, profile: Profile) -> Profile:
        self._order[profile.id] = len(self._profiles)
        self._profiles.append(profile)
        self._by_id[profile.id] = profile
        for name in profile.names:
            if profile.entity.type == "person":
                self._index_person(profile, name)
            else:
                self._index_org(profile, name)
        return profile

    def _create_org(self, name: str, known: Org | None) -> Profile:
        if known is not None:
            profile = self._gazetteer_profile(known)
            if profile.add_name(name):
                self._index_org(profile, name)
            if org_key(name) != org_key(known.name):
                profile.add_reason(f'"{name}": alias of {known.name} in gazetteer')
            return profile
        entity = Entity(self._new_id("org", name), "org", name, country=name_country(name))
        profile = self._register(Profile.of(entity))
        sub = None if name in self._qualified else split_subsidiary(name)
        if sub is not None:
            parent = self._find_org(sub.base)
            if parent is not None:
                entity.parent = parent.id
            else:
                self._orphans[org_key(sub.base)].append(profile)
        self._adopt_orphans(profile)
        return profile

    def _gazetteer_profile(self, org: Org) -> Profile:
        """The entity of a gazetteer organisation, created (with its parent) if needed."""
        for profile in self._index.get(f"g:{org.name}", []):
            return profile
        aliases = [f for f in self._gazetteer.forms_of(org) if f != org.name]
        entity = Entity(self._new_id("org", org.name), "org", org.name, aliases=aliases,
                        country=org.country)
        profile = Profile.of(entity)
        profile.gazetteer = org
        self._register(profile)
        parent = self._gazetteer.parent_of(org)
        if parent is not None and parent.name != org.name:
            entity.parent = self._gazetteer_profile(parent).id
        self._adopt_orphans(profile)
        return profile

    def _find_org(self, name: str) -> Profile | None:
        known = self._gazetteer.find(name)
        if known is not None:
            return self._gazetteer_profile(known)
        for profile in self._index.get(f"k:{org_key(name)}", []):
            return profile
        return None

    def _adopt_orphans(self, parent: Profile) -> None:
        for key in list(parent.keys):
            for child in self._orphans.pop(key, []):
                if child is not parent and child.entity.parent is None:
                    child.entity.parent = parent.id

    def _adopt(self, entity: Entity) -> None:
        """A known entity (from the store): its id is reserved and its names indexed."""
        profile = Profile.of(entity)
        if entity.type == "org":
            profile.gazetteer = self._gazetteer.find(entity.name)
            if profile.gazetteer is not None and profile.gazetteer.country is not None:
                entity.country = profile.gazetteer.country  # the gazetteer may have learnt it
        self._register(profile)

    def _org_name(self, org_id: str) -> str:
        profile = self._by_id.get(org_id)
        return profile.entity.name if profile else org_id

    def _related(self, a: str, b: str) -> bool:
        """True when one organisation is the other's parent (directly)."""
        pa, pb = self._by_id.get(a), self._by_id.get(b)
        return bool(pa and pb and (pa.entity.parent == b or pb.entity.parent == a))

    # -- candidate indexes --------------------------------------------------------------

    def _index_person(self, profile: Profile, name: str) -> None:
        parts = person_parts(name)
        keys = {f"k:{person_key(name)}", f"s:{parts.surname}"}
        if parts.full:
            keys.add(f"f:{parts.first}")
        self._add_keys(profile, keys)

    def _person_candidates(self, name: str) -> list[Profile]:
        parts = person_parts(name)
        keys = [f"k:{person_key(name)}", f"s:{parts.surname}"]
        if parts.full:
            keys.append(f"f:{parts.first}")
        return self._lookup(keys)

    def _index_org(self, profile: Profile, name: str) -> None:
        key = org_key(name)
        keys = {f"k:{key}", f"p:{key[:3]}", f"x:{key[-3:]}"}
        if is_acronym_form(name):
            keys.add(f"a:{acronym_letters(name)}")
        keys |= {f"i:{letters}" for letters in initials(name)}
        if profile.gazetteer is not None:
            keys.add(f"g:{profile.gazetteer.name}")
        self._add_keys(profile, keys)

    def _org_candidates(self, name: str, context: OrgContext) -> list[Profile]:
        key = org_key(name)
        keys = [f"k:{key}", f"p:{key[:3]}", f"x:{key[-3:]}"]
        if is_acronym_form(name):
            keys.append(f"i:{acronym_letters(name)}")
        keys += [f"a:{letters}" for letters in sorted(initials(name))]
        keys += [f"g:{org.name}" for org in context.candidates]
        if context.gazetteer is not None:
            keys.append(f"g:{context.gazetteer.name}")
        return self._lookup(keys)

    def _add_keys(self, profile: Profile, keys: set[str]) -> None:
        for key in keys:
            bucket = self._index[key]
            if profile not in bucket:
                bucket.append(profile)

    def _lookup(self, keys: list[str]) -> list[Profile]:
        seen: dict[str, Profile] = {}
        for key in keys:
            for profile in self._index.get(key, []):
                seen.setdefault(profile.id, profile)
        return sorted(seen.values(), key=lambda p: self._order[p.id])

