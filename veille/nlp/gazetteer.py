"""The organisation gazetteer, first names and entity cue words, read from data files,
with the matcher and word-level tests that veille/nlp/entities.py builds its rules on.

The gazetteer is a TSV file (``veille/data/orgs.tsv``; users add their own through the
``gazetteer`` setting). One organisation per line; ``#`` starts a comment line. Columns:

1. canonical name ("Amazon Web Services")
2. type: company, media, public_body, party, club, school, union, international, other
3. aliases separated by ``|`` ("AWS|Amazon AWS")
4. parent canonical name, or empty ("Amazon")
5. the forms (name or aliases, ``|``-separated, or ``*`` for all) that are also common
   words, places or surnames ("Orange", "Renault"): they match only with a cue.
6. country, as an ISO 3166-1 alpha-2 code ("FR", "US"), or empty when not known.

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
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

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
    # ISO 3166-1 alpha-2 code of the country it belongs to; None when not known.
    country: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name then its aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@lru_cache(maxsize=1 << 16)  # called on every word of every sentence: words repeat
def fold(text: str) -> str:
    """Lower-case, accent-free form used to compare names ("Thalès" == "thales")."""
    if text.isascii():
        return text.lower()
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
        country = cells[5] if len(cells) > 5 and cells[5] else None
        if country is not None and not (
                len(country) == 2 and country.isascii() and country.isalpha()):
            raise InputError(
                f"{name!r}: country {country!r} is not a two-letter ISO code like FR or US",
                path=source, line=number)
        orgs.append(Org(name, kind, aliases, parent, needs_cue,
                        country.upper() if country else None))
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
def first_name_genders() -> dict[str, str]:
    """Given name -> "Masc" / "Fem", for names with one clear gender (built from the
    same dataset as first_names.txt; "Dominique", "Camille" are left out)."""
    genders = {}
    for line in _data_text("first_name_genders.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            name, gender = line.split("\t")
            genders[name] = "Fem" if gender.strip() == "F" else "Masc"
    return genders


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


@dataclass(frozen=True)
class OrgMatch:
    start: int  # token offsets
    end: int
    kb_id: str  # canonical name, or "" when the form names several organisations
    needs_cue: bool


class OrgMatcher:
    """Every alias of every organisation in one PhraseMatcher, built once.

    Matching is on lower-case tokens, then the text must be capitalised where the alias
    is ("le monde" is not "Le Monde", "EDF" is not "Edf").
    """

    def __init__(self, nlp: Language, orgs: Iterable[Org]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # fold(form) -> [(org, form tokens as written, needs a cue)]
        self.entries: dict[str, list[tuple[Org, tuple[str, ...], bool]]] = {}
        patterns: dict[str, list[Doc]] = {}
        for org in orgs:
            for form in org.forms:
                for variant, needs_cue in _variants(form, form in org.needs_cue):
                    key = fold(variant)
                    pattern = nlp.make_doc(variant)
                    shape = tuple(t.text for t in pattern)
                    self.entries.setdefault(key, []).append((org, shape, needs_cue))
                    patterns.setdefault(key, []).append(pattern)
        for key, docs in patterns.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> list[OrgMatch]:
        found = []
        for match_id, start, end in self.matcher(doc):
            entries = self.entries[doc.vocab.strings[match_id]]
            words = [t.text for t in doc[start:end]]
            fitting = [e for e in entries if _case_agrees(words, e[1])]
            if not fitting:
                continue
            names = {org.name for org, _, _ in fitting}
            needs_cue = len(names) > 1 or any(cue for _, _, cue in fitting)
            kb_id = fitting[0][0].name if len(names) == 1 else ""
            found.append(OrgMatch(start, end, kb_id, needs_cue))
        return found


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


ARTICLES = ("Le ", "La ", "Les ", "L'", "L’")


def _variants(form: str, needs_cue: bool) -> list[tuple[str, bool]]:
    """Spellings to match for one alias, each with whether it needs a cue: the alias,
    without accents, without its leading article ("du Parisien" names Le Parisien),
    and "Canal +" for "Canal+"."""
    out = [(form, needs_cue), (_strip_accents(form), needs_cue)]
    for article in ARTICLES:
        rest = form[len(article) :]
        if form.startswith(article) and rest[:1].isupper():
            # Bare "Monde", "Point", "Équipe" are ordinary words: they need a cue.
            out.append((rest, needs_cue or " " not in rest))
    if form.endswith("+") and not form.endswith(" +"):
        out.append((form[:-1] + " +", needs_cue))
    return list(dict.fromkeys(out))


def _case_agrees(words: list[str], shape: tuple[str, ...]) -> bool:
    """The text is capitalised where the alias is: "le monde" is not "Le Monde"."""
    if not any(c.isupper() for w in words for c in w) and any(
        c.isupper() for w in shape for c in w
    ):
        return False
    for word, form in zip(words, shape, strict=False):
        if form.lower() in ("l'", "l’"):
            continue  # "de l'Oréal": the elided article may be lower-case
        letters = [c for c in form if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            if not all(c.isupper() for c in word if c.isalpha()):
                return False
        elif form[:1].isupper() and not word[:1].isupper():
            return False
    return True


SENTENCE_BREAKS = {".", "!", "?", ":", "«", "»", '"', "—", "–", "-", ";", "…", "(", ")"}
MAX_NAME_TOKENS = 6


def is_name_token(token: Token) -> bool:
    """Capitalised like a name: "VMware", "CloudWatt", "01Net", "IBM"."""
    text = token.text
    first = text[:1]
    if first.isalpha():  # most tokens: the first letter decides (this runs on every token)
        return first.isupper()
    if not any(c.isalpha() for c in text):
        return False
    return first.isupper() or (first.isdigit() and any(c.isupper() for c in text))


def sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in SENTENCE_BREAKS or "\n" in prev.whitespace_


Phrases = dict[str, list[tuple[str, ...]]]


def phrases(nlp: Language, words: Iterable[str]) -> Phrases:
    """Cue phrases as tuples of lower-cased tokens (tokenised like the documents),
    indexed by their last word so that a lookup costs one dict access."""
    index: Phrases = {}
    for w in words:
        phrase = tuple(t.lower_ for t in nlp.make_doc(w))
        index.setdefault(phrase[-1], []).append(phrase)
    return index


def ends_with(doc: Doc, end: int, index: Phrases) -> bool:
    """Whether the tokens just before `end` spell one of the phrases."""
    if end <= 0:
        return False
    for phrase in index.get(doc[end - 1].lower_, ()):
        n = len(phrase)
        if n <= end and (n == 1 or tuple(t.lower_ for t in doc[end - n : end - 1]) == phrase[:-1]):
            return True
    return False


class CueLexicon:
    """The word lists of entity_cues_fr.yaml and the word-level tests the entity rules
    share (is this a first name, a role before this link, where does a name end)."""

    def __init__(self, nlp: Language) -> None:
        cues = entity_cues()
        self.first_names = first_names() | set(cues["surname_first"])
        self.roles = set(cues["roles"])
        self.roles_without_org = set(cues["roles_without_org"])
        self.stop_words = set(nlp.Defaults.stop_words)
        self.org_nouns = phrases(nlp, cues["org_nouns"])
        self.role_links = phrases(nlp, cues["role_links"])
        self.link_words = set(self.role_links)  # the last word of each link phrase
        self.org_preps = phrases(nlp, cues["org_prepositions"])
        self.place_words = set(cues["place_words"])
        self.titles = set(cues["person_titles"])
        self.determiners = set(cues["determiners"])
        self.particles = set(cues["name_particles"])
        self.not_names = set(cues["not_names"])
        self.event_heads = phrases(nlp, cues["event_heads"])
        self.org_suffixes = {fold(w) for w in cues["org_suffixes"]}
        self.events = {fold(e) for e in cues["events"]}

    def _role_before(self, doc: Doc, link: int, window: int = 6) -> bool:
        """A role word among the few lower-case words before a link ("directeur … de"),
        one whose complement is an organisation (not "ministre de", "maire de")."""
        for i in range(link - 1, max(-1, link - 1 - window), -1):
            token = doc[i]
            if token.lower_ in self.roles_without_org:
                return False
            if token.lower_ in self.roles:
                return True
            if token.is_punct or (is_name_token(token) and token.lower_ not in self.roles):
                return False
        return False

    # --- context cues --------------------------------------------------------------

    def _org_run(self, doc: Doc, start: int) -> int:
        """End of the organisation name starting at `start` ("Greylock Partners")."""
        end = start
        while end < len(doc) and end - start < MAX_NAME_TOKENS:
            token = doc[end]
            starts_person = (
                end > start
                and self._is_first_name(token.text)
                and end + 1 < len(doc)
                and is_name_token(doc[end + 1])
            )
            if starts_person:
                break
            if (
                is_name_token(token)
                and token.text not in self.not_names
                or token.text == "&"
                and end + 1 < len(doc)
                and is_name_token(doc[end + 1])
            ):
                end += 1
            else:
                break
            if token.whitespace_ and "\n" in token.whitespace_:
                break
        return end

    def _person_run(self, doc: Doc, start: int) -> int:
        """End of the person name starting at `start`, particles included ("de Gaulle")."""
        end = start
        while end < len(doc) and end - start < 5:
            token = doc[end]
            if (
                is_name_token(token)
                and token.lower_ not in self.roles
                or (
                    token.text == "-"
                    and end > start
                    and not doc[end - 1].whitespace_
                    and not token.whitespace_
                    and end + 1 < len(doc)
                    and is_name_token(doc[end + 1])
                )
                or (
                    end > start
                    and token.lower_ in self.particles
                    and end + 1 < len(doc)
                    and is_name_token(doc[end + 1])
                )
            ):
                end += 1
            else:
                break
            if "\n" in token.whitespace_:
                break
        while end > start and doc[end - 1].lower_ in self.particles:
            end -= 1
        return end

    def _looks_like_person(self, doc: Doc, start: int, end: int) -> bool:
        return end - start >= 2 and self._is_first_name(doc[start].text)

    def _is_first_name(self, text: str) -> bool:
        if text in self.first_names:
            return True
        parts = text.split("-")
        return len(parts) > 1 and all(p in self.first_names for p in parts)

    def _is_event(self, doc: Doc, start: int, end: int) -> bool:
        """ "Salon de Genève", "Formule 1": events, not organisations."""
        if fold(doc[start:end].text) in self.events:
            return True
        heads = (p for ps in self.event_heads.values() for p in ps)
        return any(
            len(p) < end - start and tuple(t.lower_ for t in doc[start : start + len(p)]) == p
            for p in heads
            if p[0] == doc[start].lower_
        )

    def _after_portfolio_role(self, doc: Doc, start: int) -> bool:
        """Right after "ministre des", "secrétaire d'État aux", "député du"."""
        if start == 0 or doc[start - 1].lower_ not in self.link_words | {"au", "aux"}:
            return False
        for i in range(start - 2, max(-1, start - 9), -1):
            if doc[i].lower_ in self.roles_without_org:
                return True
            if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX"):
                return False
        return False

    # --- putting it together -------------------------------------------------------------
