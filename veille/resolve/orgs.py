"""When an organisation mention and a known organisation are one, and how subsidiaries
link to their parent.

Rules, strongest first; each merge says which one applied:

1. Gazetteer: both names are forms (name or alias) of one gazetteer organisation ("AWS"
   and "Amazon Web Services"). Two *different* gazetteer organisations never merge,
   however close their names.
   A form several gazetteer organisations share ("AMF": Autorité des marchés financiers,
   Association des maires de France) needs the context of rule 4 to join either.
2. Same key: the names differ only by case, accents, punctuation, a leading article or
   "groupe", or a legal form ("CloudWatt" / "Cloudwatt", "le groupe PSA" / "PSA",
   "Apple Inc." / "Apple").
3. Acronym: one name is in capitals and is the initials of the other ("BCE" / "Banque
   centrale européenne"). Two-letter acronyms are too ambiguous alone ("PS" is a party
   and a console) and also need the context of rule 4, as do acronyms the gazetteer
   gives to several organisations.
4. Typo: one or two edits apart (see `names.close_spelling`), names of six letters or more,
   AND context: the same article or a person attached to both. Close spellings of different
   companies in unrelated articles stay apart.
5. The same subsidiary written two ways: same parent and same country ("Google Inde" /
   "Google India").

A subsidiary named after its parent and a place ("Amazon Inde", "Orange France", "Microsoft
Europe") is never merged with the parent: it is its own entity whose `parent` is the
parent's id, as is a gazetteer organisation with a parent column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from veille.nlp.gazetteer import Org
from veille.resolve.entities import NO, Decision
from veille.resolve.names import (
    acronym_letters,
    close_spelling,
    fold,
    initials,
    is_acronym_form,
    org_key,
)
from veille.resolve.profile import Profile

# Place words that make "X <place>" a subsidiary of X, folded, with one canonical form so
# that "Google Inde" and "Google India" are the same subsidiary.
PLACES = {
    "france": "france", "inde": "inde", "india": "inde", "europe": "europe",
    "allemagne": "allemagne", "germany": "allemagne", "deutschland": "allemagne",
    "uk": "royaume-uni", "royaume uni": "royaume-uni", "grande bretagne": "royaume-uni",
    "espagne": "espagne", "spain": "espagne", "espana": "espagne",
    "italie": "italie", "italy": "italie", "italia": "italie",
    "chine": "chine", "china": "chine", "japon": "japon", "japan": "japon",
    "usa": "etats-unis", "us": "etats-unis", "etats unis": "etats-unis",
    "amerique": "amerique", "america": "amerique", "north america": "amerique",
    "belgique": "belgique", "belgium": "belgique", "suisse": "suisse",
    "switzerland": "suisse", "canada": "canada", "bresil": "bresil", "brazil": "bresil",
    "afrique": "afrique", "africa": "afrique", "maroc": "maroc", "asie": "asie",
    "asia": "asie", "russie": "russie", "russia": "russie", "australie": "australie",
    "australia": "australie", "emea": "emea", "apac": "apac", "benelux": "benelux",
}
# "Banque de France", "Tour de France": a place after a preposition names no subsidiary.
_LINKERS = frozenset({"de", "du", "des", "d", "en", "pour", "of"})


@dataclass(frozen=True)
class Subsidiary:
    base: str  # the parent's name as written ("Amazon")
    place: str  # canonical place ("inde")


def split_subsidiary(name: str) -> Subsidiary | None:
    """"Amazon Inde" -> Subsidiary("Amazon", "inde"); None for "Banque de France"."""
    words = name.split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        tail = fold(" ".join(words[-size:]))
        head = words[:-size]
        if tail in PLACES and fold(head[-1]) not in _LINKERS and head[0][:1].isupper():
            return Subsidiary(" ".join(head), PLACES[tail])
    return None


class GazetteerIndex:
    """Gazetteer organisations by the key of each of their forms.

    Two exceptions to "a form names its organisation": a form that several organisations
    share as an alias ("ASN": Autorité de sûreté nucléaire and Alcatel Submarine Networks)
    names none of them for sure (`find` gives None, `candidates` gives all); and an alias
    made of the organisation's own name and a place ("Amazon France" listed under Amazon)
    is left out, so that it resolves as a subsidiary with a parent link."""

    def __init__(self, orgs: Iterable[Org]):
        self.by_key: dict[str, list[Org]] = {}
        self.canonical: dict[str, Org] = {}
        self.by_name: dict[str, Org] = {}
        for org in orgs:
            self.by_name[org.name] = org
            self.canonical.setdefault(org_key(org.name), org)
            for form in self.forms_of(org):
                bucket = self.by_key.setdefault(org_key(form), [])
                if org not in bucket:
                    bucket.append(org)

    @staticmethod
    def forms_of(org: Org) -> tuple[str, ...]:
        """The organisation's name and aliases, less "<its name> <place>" aliases."""
        own = {org_key(form) for form in org.forms}
        kept = []
        for form in org.forms:
            sub = split_subsidiary(form)
            if form == org.name or sub is None or org_key(sub.base) not in own:
                kept.append(form)
        return tuple(kept)

    def find(self, name: str) -> Org | None:
        """The one organisation `name` is a form of; None when none, or when several
        organisations list it ("CAF": a canonical name and another one's alias)."""
        found = self.by_key.get(org_key(name), [])
        return found[0] if len(found) == 1 else None

    def candidates(self, name: str) -> tuple[Org, ...]:
        return tuple(self.by_key.get(org_key(name), ()))

    def parent_of(self, org: Org) -> Org | None:
        if not org.parent:
            return None
        return self.by_name.get(org.parent) or self.find(org.parent)


@dataclass(frozen=True)
class OrgContext:
    name: str
    article: str
    persons: frozenset[str]  # person keys attached to it in the article's facts
    gazetteer: Org | None
    # Gazetteer organisations an ambiguous form may name ("ASN"); empty otherwise.
    candidates: tuple[Org, ...] = ()


def _acronym_of(short: str, long: str) -> bool:
    return is_acronym_form(short) and not is_acronym_form(long) and (
        acronym_letters(short) in initials(long)
    )


def decide_org(
    mention: OrgContext, profile: Profile, gazetteer: GazetteerIndex | None = None
) -> Decision:
    """Whether `mention` is the organisation of `profile`, with the reason. `gazetteer`
    tells which acronyms several organisations share (those need context)."""
    key = org_key(mention.name)
    if not key:
        return NO
    same_article = bool(mention.article) and mention.article in profile.articles
    shared = sorted(mention.persons & profile.persons)
    context = (
        f"in the same article {mention.article}" if same_article
        else f"and shared person {shared[0]}" if shared else ""
    )
    known = profile.gazetteer
    if mention.gazetteer is not None and known is not None:
        if mention.gazetteer.name != known.name:
            return Decision(False, f"different gazetteer organisations: {known.name}")
        if key == org_key(known.name):
            return Decision(True, "same name", 9)
        return Decision(True, f'"{mention.name}": alias of {known.name} in gazetteer', 9)
    if mention.gazetteer is None and known is not None and known in mention.candidates:
        # An alias several gazetteer organisations share ("AMF"): only context says which.
        others = ", ".join(o.name for o in mention.candidates if o is not known)
        if not context:
            return Decision(False, f'"{mention.name}" is also an alias of {others}; no context')
        return Decision(
            True, f'"{mention.name}": alias of {known.name} (also of {others}) {context}', 7
        )
    if key in profile.keys:
        return Decision(True, f'"{mention.name}": same name up to case, accents or form', 8)

    sub = split_subsidiary(mention.name)
    for form in profile.names:
        form_sub = split_subsidiary(form)
        if sub and form_sub:
            if sub.place == form_sub.place and org_key(sub.base) == org_key(form_sub.base):
                return Decision(True, f'"{mention.name}": same subsidiary as "{form}"', 7)
            continue
        if sub or form_sub:
            continue  # a subsidiary and its parent (or another org) are different
        for short, long in ((mention.name, form), (form, mention.name)):
            if _acronym_of(short, long):
                letters = acronym_letters(short).upper()
                shared_form = gazetteer is not None and len(gazetteer.candidates(short)) > 1
                if len(letters) > 2 and not shared_form:
                    return Decision(True, f"acronym {letters} = initials of {long}", 6)
                if context:
                    return Decision(True, f"acronym {letters} of {long} {context}", 5)
        distance = close_spelling(key, org_key(form))
        if distance and min(len(key), len(org_key(form))) >= 6:
            what = f'"{mention.name}" ~ "{form}": edit distance {distance}'
            if context:
                return Decision(True, f"{what} {context}", 4)
            return Decision(False, f"{what} but no shared article or person")
    return NO


# Public bodies every country has one of: "le ministre britannique de la Santé" works at
# the British ministry of health, not the French one the bare name means in French news.
PUBLIC_BODIES = ("ministere", "senat", "assemblee", "gouvernement", "parlement", "chambre",
                 "congres", "cour ", "conseil", "armee", "ambassade", "police", "presidence",
                 "banque centrale", "secretariat")
HOME_COUNTRY = "France"


def title_country(org: str | None, role: str | None) -> str | None:
    """The country a post's title gives its public body, France included ("ministre
    britannique" at the "ministère de la Santé": Royaume-Uni; "ministre française":
    France); None when the title names none, the organisation is no public body, or the
    country is the organisation itself ("président turc" of "Turquie")."""
    from veille.facts.reading.lexicon import country_of

    if not org or not role or not fold(org).startswith(PUBLIC_BODIES):
        return None
    for word in role.split()[1:]:
        country = country_of(word)
        if country and fold(country) != fold(org):
            return country
    return None


def foreign_body(org: str | None, role: str | None) -> str | None:
    """The country a post's title gives its public body ("ministre britannique" at the
    "ministère de la Santé": Royaume-Uni), when it is not France; None otherwise."""
    country = title_country(org, role)
    return country if country != HOME_COUNTRY else None
