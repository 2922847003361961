"""Person and organisation mentions in a parsed sentence, and short references.

The model's entity labels are unreliable on company and foreign names (VMware as MISC,
Cloudwatt as PER), so a mention is found from the labels *and* from its syntactic
context: the complement of a role ("PDG de X"), of "chez", the agent of "recruté par".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from veille.facts.reading.lexicon import fold, grammar_words, move_lexicon, name_words
from veille.nlp.gazetteer import builtin_orgs, first_name_genders, first_names

NAME_LABELS = {"PER", "ORG", "MISC", "LOC"}


def token_span(token: Token) -> Span:
    """The proper name a token belongs to: its entity if any, else its flat:name run."""
    if token.ent_type_:
        doc = token.doc
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]
    words = [token] + [c for c in token.children if c.dep_ in {"flat:name", "flat", "fixed"}]
    lo = min(w.i for w in words)
    hi = max(w.i for w in words) + 1
    return token.doc[lo:hi]


def is_name_token(token: Token) -> bool:
    """A word that can be part of a name: it starts with a capital or a digit (an entity
    label alone is not enough: the model tags "cloud" or "gouvernement" as ORG), and is
    a proper noun, a labelled entity, or a capitalised noun inside the sentence."""
    if not (token.text[:1].isupper() or token.text[:1].isdigit()):
        return False
    return (
        token.pos_ in {"PROPN", "X"}
        or bool(token.ent_type_ in NAME_LABELS)
        or (token.pos_ in {"NOUN", "ADJ"} and token.i > token.sent.start)
    )


def names_descriptor(token: Token) -> bool:
    """ "la région Bretagne", "la revue Courrier international": a lower-case noun
    after an article, directly followed by the capitalised name it introduces."""
    doc = token.doc
    return (
        token.pos_ == "NOUN"
        and token.text.islower()
        and token.i > 0
        and doc[token.i - 1].pos_ in {"DET", "ADP"}
        and token.i + 1 < len(doc)
        and is_name_token(doc[token.i + 1])
        and not person_name(doc[token.i + 1])
    )


def person_name(token: Token) -> str | None:
    """The person name headed by `token`, when it looks like one: a PER entity that does
    not start with a role word, or capitalised words starting with a known first name."""
    if fold(token.text).rstrip(".") in name_words("civilities"):
        # "M. Akard": the parser heads the name with the civility
        named = next((c for c in token.children if c.dep_ == "flat:name"), None)
        return person_name(named) if named is not None else None
    span = token_span(token)
    text = strip_civility(span.text.strip(" ,."))
    if not text or not text[:1].isupper():
        return None
    words = text.split()
    if fold(words[0]) in move_lexicon().title_heads or len(text) < 3:
        return None
    known_first = words[0] in first_names() or words[0].split("-")[0] in first_names()
    if span.label_ == "PER" or token.ent_type_ == "PER":
        # the model calls many organisations PER ("Cloudwatt"): a lone word is a
        # person only if it is not a known organisation
        if len(words) == 1 and is_known_org(text):
            return None
        return text
    particles = name_words("person_name_particles")
    if len(words) >= 2 and known_first and all(w[:1].isupper() or w in particles for w in words):
        return text
    return None


@lru_cache(maxsize=1)
def _known_org_forms() -> frozenset[str]:
    return frozenset(_org_types())


@lru_cache(maxsize=1)
def _org_types() -> dict[str, str]:
    types: dict[str, str] = {}
    for org in builtin_orgs():
        for form in org.forms:
            types.setdefault(fold(form), org.type)
    return types


def org_type(name: str) -> str | None:
    """The gazetteer type of an organisation ("company", "school", …), or None."""
    return _org_types().get(fold(name))


def is_known_org(name: str) -> bool:
    """True when the gazetteer knows `name` as an organisation or one of its aliases."""
    return fold(name) in _known_org_forms()


_NAME_JOINERS = {"-", "+", "&", "'", "/"}


def org_name(token: Token) -> str | None:
    """The organisation named at `token`: a run of capitalised words, digits and
    joiners ("France 2", "Canal+", "Amazon Web Services", "LCP-AN"), with the lower-case
    adjectives that belong to a name after a capitalised noun ("Transition écologique
    et solidaire") and "de/des" + capitalised word ("Opéra de Paris")."""
    doc = token.doc
    sent = token.sent
    start = token.i
    titles = move_lexicon().title_heads
    # extend left over capitalised name parts the head hangs under ("Amazon Web
    # Services" headed by "Services"), never over a role word or a preposition
    while (
        start > sent.start
        and doc[start].ent_iob_ == "I"
        and doc[start - 1].text[:1].isupper()
        and fold(doc[start - 1].text) not in titles
        and doc[start - 1].pos_ not in {"DET", "ADP"}
    ):
        start -= 1
    if not (doc[start].text[:1].isupper() or doc[start].text[:1].isdigit()):
        return None
    civilities = name_words("civilities")
    if fold(doc[start].text) in titles or fold(doc[start].text).rstrip(".") in civilities:
        return None  # "M. Mélenchon" is a person
    # "La République en marche", "de la France insoumise": an article that belongs
    # to a known name (the caller skipped it as a determiner)
    if start > sent.start and doc[start - 1].pos_ == "DET":
        known = _gazetteer_span(doc, start - 1, sent.end, capitalise=True)
        if known is not None:
            return known
    known = _gazetteer_span(doc, start, sent.end)
    if known is not None:
        return known
    end = start + 1
    while end < sent.end:
        t = doc[end]
        prev = doc[end - 1]
        glued = not prev.whitespace_
        if t.text[:1].isupper() and t.pos_ != "VERB" and not t.is_sent_start:
            if (
                t.ent_iob_ == "B"
                and t.ent_type_ == "PER"
                or (
                    t.text in first_names()
                    and end + 1 < sent.end
                    and doc[end + 1].text[:1].isupper()
                )
            ):
                break  # a person's name starts here ("l'Assemblée nationale François de Rugy")
            end += 1
        elif (
            t.text[:1].isdigit()
            and (glued or t.pos_ == "NUM")
            and len(t.text) <= 4
            or t.text in _NAME_JOINERS
            and glued
            and end + 1 < sent.end
            or t.pos_ == "ADJ"
            and t.text.islower()
            and t.dep_ in {"amod", "flat:name", "conj"}
            and (
                prev.text[:1].isupper()
                # "Transition écologique et solidaire": the second adjective too
                or fold(prev.text) in grammar_words("conjunction_et")
                and doc[end - 2].pos_ == "ADJ"
            )
            or (
                fold(t.text) in grammar_words("conjunction_et")
                and end + 1 < sent.end
                and doc[end + 1].pos_ == "ADJ"
                and doc[end - 1].pos_ == "ADJ"
            )
            or (
                fold(t.text) in grammar_words("preposition_de_du_des")
                and end + 1 < sent.end
                and doc[end + 1].text[:1].isupper()
                and doc[end + 1].ent_type_ != "PER"
                and doc[end + 1].head.i in range(start, end + 1)
            )
        ):
            end += 1
        else:
            break
    end = _through_acronym(doc, start, end, sent.end)
    while end > start + 1 and (
        doc[end - 1].text in _NAME_JOINERS
        or fold(doc[end - 1].text)
        in grammar_words("conjunction_et") | grammar_words("preposition_de_du_des")
    ):
        end -= 1
    text = doc[start:end].text.strip(" ,.")
    if (
        not text
        or fold(text) in move_lexicon().title_heads
        or fold(text) in name_words("civilities")
    ):
        return None
    return text


def _through_acronym(doc: Doc, start: int, end: int, limit: int) -> int:
    """ "Fédération française des sports de glace (FFSG)": lower-case words followed by
    the name's acronym in brackets belong to the name. The new end, or `end`."""
    for j in range(end, min(end + 8, limit - 2)):
        t = doc[j]
        if t.text == "(":
            acronym = doc[j + 1].text
            closes = doc[j + 2].text == ")"
            initial = doc[start].text[:1].upper()
            if closes and acronym.isupper() and len(acronym) >= 2 and acronym[0] == initial:
                return j
            return end
        if t.is_punct or t.pos_ in {"VERB", "AUX"} or not t.text.islower():
            return end
    return end


@lru_cache(maxsize=1)
def _gazetteer_forms() -> dict[str, int]:
    """Case-sensitive gazetteer forms of two words or more -> their word count."""
    out: dict[str, int] = {}
    for org in builtin_orgs():
        for form in org.forms:
            n = len(form.split())
            if n >= 2 and form not in org.needs_cue:
                out[form] = n
    return out


def _gazetteer_span(doc: Doc, start: int, limit: int, capitalise: bool = False) -> str | None:
    """The longest gazetteer name starting at `start` ("Pôle emploi", "Caisse des
    dépôts"), which capitalisation alone would cut short. With `capitalise`, the first
    word may be written in lower case in the text ("la France insoumise")."""
    forms = _gazetteer_forms()
    for n in range(min(6, limit - start), 1, -1):
        text = doc[start : start + n].text
        if capitalise:
            text = text[:1].upper() + text[1:]
        if text in forms:
            return text
    return None


@lru_cache(maxsize=1)
def _party_forms() -> dict[str, int]:
    """Case-sensitive forms of the gazetteer's political parties -> their word count."""
    return {
        form: len(form.split())
        for org in builtin_orgs()
        if org.type == "party"
        for form in org.forms
    }


def party_end(doc: Doc, start: int, limit: int) -> int | None:
    """Where a party's name starting at `start` ends ("le maire PS de Lille", "le député
    Les Républicains du Var"), or None."""
    forms = _party_forms()
    for n in range(min(5, limit - start), 0, -1):
        if doc[start : start + n].text in forms:
            return start + n
    return None


def strip_civility(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in name_words("civilities"):
        words = words[1:]
    return " ".join(words)


@dataclass
class PersonTracker:
    """Names seen so far in one article, to resolve surnames, pronouns and role nouns."""

    full_names: list[str] = field(default_factory=list)
    # most recent first: (name, role words folded) of people who moved or held a role
    recent: list[tuple[str, set[str]]] = field(default_factory=list)
    # person -> organisations they are attached to in the article, most recent last
    orgs_of: dict[str, list[str]] = field(default_factory=dict)
    orgs_seen: list[str] = field(default_factory=list)
    # organisations a person held a role at (appositions, positions), most recent last:
    # where "a quitté l'entreprise" points, rather than where they arrive.
    held_orgs: dict[str, list[str]] = field(default_factory=dict)
    # people as they stood when the current sentence began, for subject pronouns
    before_sentence: list[str] = field(default_factory=list)
    # (token index, name) of people named in the current sentence
    in_sentence: list[tuple[int, str]] = field(default_factory=list)
    # the person the previous sentence was about (its main subject), for "Son arrivée"
    topic: str | None = None

    # person -> (role words, organisation or None) the article gave them
    held_roles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # "Masc" / "Fem" when the article shows it (the name's tag, a feminine title)
    genders: dict[str, str] = field(default_factory=dict)

    def set_gender(self, name: str, gender: str | None) -> None:
        if gender in {"Masc", "Fem"}:
            self.genders.setdefault(name, gender)

    def begin_sentence(self) -> None:
        self.before_sentence = [name for name, _ in self.recent]
        self.in_sentence = []

    def mention(self, index: int, name: str) -> None:
        self.in_sentence.append((index, name))

    def antecedent(
        self, index: int, gender: str | None = None, exclude: frozenset[str] = frozenset()
    ) -> str | None:
        """Who a pronoun at token `index` means: the nearest person named before it in
        the sentence, else the last person of the previous sentences; never one whose
        gender is known to differ from the pronoun's ("il" is not "Annick Girardin"),
        nor one in `exclude` (the other side of its verb: "Il succède à X" is not X)."""

        def agrees(name: str) -> bool:
            known = name_gender(name) or self.genders.get(name)
            return name not in exclude and (gender is None or known is None or known == gender)

        before = [(i, n) for i, n in self.in_sentence if i < index and agrees(n)]
        if before:
            return max(before)[1]
        return next((n for n in self.before_sentence if agrees(n)), None)

    def see_held(self, org: str, person: str) -> None:
        self.held_orgs.setdefault(person, []).append(org)
        self.see_org(org, person)

    def canonical(self, name: str) -> str:
        """The fullest known form of a name ("Kasture", "M. Kasture" -> "Vaishali
        Kasture")."""
        name = strip_civility(" ".join(name.split()))
        for full in self.full_names:
            if full == name:
                return full
        words = name.split()
        if len(words) == 1:
            for full in reversed(self.full_names):
                if full.split()[-1] == name:
                    return full
        return name

    def see_person(self, name: str, roles: set[str] | None = None) -> str:
        name = self.canonical(name)
        if len(name.split()) >= 2 and name not in self.full_names:
            self.full_names.append(name)
        self.recent = [(n, r) for n, r in self.recent if n != name]
        self.recent.insert(0, (name, set(roles or ())))
        return name

    def see_org(self, org: str, person: str | None = None) -> None:
        self.orgs_seen.append(org)
        if person:
            self.orgs_of.setdefault(person, []).append(org)

    def person_with_role(self, role_words: set[str]) -> str | None:
        for name, roles in self.recent:
            if roles & role_words:
                return name
        return None

    def org_for(self, person: str | None) -> str | None:
        """The organisation a bare "l'entreprise" means for this person."""
        if person and self.held_orgs.get(person):
            return self.held_orgs[person][-1]
        if person and self.orgs_of.get(person):
            return self.orgs_of[person][-1]
        return self.salient_org()

    # the organisation the whole article mentions most (set before reading it)
    article_org: str | None = None

    def salient_org(self) -> str | None:
        if not self.orgs_seen:
            return self.article_org
        counts: dict[str, int] = {}
        for org in self.orgs_seen:
            counts[org] = counts.get(org, 0) + 1
        best = max(counts.values())
        for org in reversed(self.orgs_seen):
            if counts[org] == best:
                return org
        return None


def single(values: list[str]) -> str | None:
    """The one value of a morphological feature, or None when absent or ambiguous."""
    return values[0] if len(values) == 1 else None


def name_gender(name: str) -> str | None:
    """ "Masc" / "Fem" from the first name when it has one clear gender: surer than the
    model's tag on a proper noun. "Jean-Pierre" is read by its first part too."""
    first = name.split()[0] if name.split() else ""
    genders = first_name_genders()
    return genders.get(first) or genders.get(first.split("-")[0])


def name_head(token: Token) -> Token:
    """The first word of the name `token` ends or stands in ("Kasture" -> "Vaishali"): the
    parser hangs the later words of a name under the first as flat:name."""
    while token.dep_ == "flat:name" and token.head.i < token.i:
        token = token.head
    return token


def is_person_pronoun(token: Token) -> bool:
    text = fold(token.text)
    if text in grammar_words("person_pronouns") and token.pos_ == "PRON":
        return True
    return text in grammar_words("last_named") and any(
        fold(c.text) in grammar_words("last_named_determiners") for c in token.children
    )
