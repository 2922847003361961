"""Which organisation a clause is about: organisation salience and name reading shared by
the business-fact extractors (amounts, partnerships, market shares).

Kept apart from facts/reading/modality.py, which reads how a clause is asserted, because the
questions differ: here, whether a capitalised run is an organisation's name rather than
a person, a place, a medium or a public body (`name_at`, `loose_name`), which token is
the subject of a verb chain (`subject_of`, `named_subject`), and, through `OrgNames`,
which organisation of the article "il", "le groupe" or a possessive stands for. Names
are found from syntax and capitalisation because the model's labels are unreliable on
company names (VMware as MISC, Cloudwatt as PER). The French words live in the `orgs`
section of data/business_fr.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from veille.facts.reading.lexicon import glued, grammar_words, name_words
from veille.facts.reading.modality import business_lexicon, clause_verb
from veille.nlp.gazetteer import fold


def fold_same_length(text: str) -> str:
    """`fold`, character by character, so that offsets into the result are offsets into
    `text` ("…" would otherwise become three characters)."""
    out = []
    for char in text:
        folded = fold(char)
        out.append(folded if len(folded) == 1 else char.lower()[:1] or char)
    return "".join(out)


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    text = resources.files("veille.data").joinpath("first_names.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


# Gazetteer types whose members are not business organisations.
_NON_BUSINESS_TYPES = ("public_body", "party", "union", "international")


@lru_cache(maxsize=1)
def _public_bodies() -> frozenset[str]:
    """Public bodies, parties and institutions: our list plus the gazetteer's."""
    names = {fold(str(w)) for w in business_lexicon()["orgs"]["public_bodies"]}
    try:
        from veille.nlp.gazetteer import builtin_orgs

        for org in builtin_orgs():
            if org.type in _NON_BUSINESS_TYPES:
                names.update(fold(form) for form in org.forms)
    except (ImportError, OSError):  # the gazetteer is optional here
        pass
    return frozenset(names)


_NAME_POS = ("PROPN", "X", "NOUN", "ADJ", "PRON", "NUM")


def _name_tokens(token: Token) -> list[Token]:
    """The capitalised run around `token`, or its entity when short: "Amazon Web
    Services", "Cheops Technology", "The Information"."""
    doc = token.doc
    sent = token.sent
    if token.ent_type_ in ("ORG", "MISC", "PER", "LOC"):
        start, end = token.i, token.i + 1
        while start > sent.start and doc[start].ent_iob_ == "I":
            start -= 1
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1
        # "Hyundai Motor" + "Company", "Google News" + "Initiative": capitalised words
        # right after the entity that belong to no other entity.
        extended = end
        while end < sent.end and doc[end].ent_iob_ == "O" and _is_capitalised(doc[end]):
            end += 1
        # "Lancôme Parfums et Beauté": where the run goes on with "et" and another
        # capitalised word, its end is unclear: keep the entity alone.
        if (
            end > extended
            and end + 1 < sent.end
            and doc[end].lower_ in grammar_words("conjunction_et")
            and doc[end + 1].text[:1].isupper()
        ):
            end = extended
        if end - start <= 6:
            words = [t for t in doc[start:end] if t.pos_ != "DET" or t.i > start]
            while words and (words[0].pos_ in ("DET", "ADP") or not words[0].text[:1].isupper()):
                words.pop(0)
            while words and (words[-1].is_punct or not words[-1].text[:1].isupper()):
                if len(words) == 2 and _is_name_adjective(words[-1]):
                    break  # "la Cinémathèque américaine": an institution and its adjective
                words.pop()
            if token in words:
                return words
    start = end = token.i
    while start - 1 >= sent.start and _is_capitalised(doc[start - 1]) and start - 1 > sent.start:
        start -= 1
    while end + 1 < sent.end and _is_capitalised(doc[end + 1]):
        end += 1
    return list(doc[start : end + 1])


def _is_name_adjective(token: Token) -> bool:
    return token.pos_ == "ADJ" and fold(token.text) in _words_folded("orgs", "name_adjectives")


def _is_capitalised(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.pos_ in _NAME_POS
        and token.text.isalpha()
        or (
            token.text[:1].isupper()
            and any(c.isalpha() for c in token.text)
            and not token.is_punct
            and token.pos_ in _NAME_POS
        )
    )


def looks_like_person(name: str) -> bool:
    """Two or three capitalised words starting with a known first name, or a name
    after a title ("Me Lévy", "Mme Simone Veil")."""
    words = name.split()
    if words and fold(words[0]) in name_words("person_titles"):
        return True
    return 2 <= len(words) <= 3 and words[0] in _first_names()


@lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    """News media and agencies: a byline ("AFP") is no candidate for "le groupe"."""
    try:
        from veille.nlp.gazetteer import builtin_orgs

        return frozenset(fold(f) for o in builtin_orgs() if o.type == "media" for f in o.forms)
    except (ImportError, OSError):
        return frozenset()


def _is_media(name: str) -> bool:
    """A news medium, also without its article ("Équipe" for "L'Équipe")."""
    folded = fold(name)
    media = _media_names()
    articles = name_words("media_articles")
    return any(form in media for form in (folded, *(glued(a) + folded for a in articles)))


def name_at(token: Token) -> str | None:
    """The organisation-like name `token` belongs to, or None: a capitalised word that
    is not the sentence's first word (unless tagged a proper noun or entity), not a
    place, not a person, not a public body."""
    if not token.text[:1].isupper() or token.is_punct or token.like_num:
        return None
    if token.i == token.sent.start and token.pos_ not in ("PROPN", "X") and not token.ent_type_:
        return None
    if token.pos_ in ("DET", "ADP", "CCONJ", "SCONJ"):
        return None
    if token.pos_ in ("VERB", "AUX") and not token.ent_type_:
        return None
    words = _name_tokens(token)
    if not words:
        return None
    name = token.doc[words[0].i : words[-1].i + 1].text.strip(" ,.;:()'’«»\"")
    if not name or len(name) > 60:
        return None
    # Precision first: an organisation is a name the entity stage labelled ORG (the
    # model, fixed by veille_entities with the gazetteer and cues such as "la société X").
    if not any(t.ent_type_ == "ORG" for t in words):
        return None
    folded = fold(name)
    if folded in _words_folded("orgs", "not_names"):
        return None
    # "Rassemblement national", "Union européenne": the name runs into an adjective.
    following = token.doc[words[-1].i + 1] if words[-1].i + 1 < len(token.doc) else None
    extended = f"{folded} {fold(following.text)}" if following is not None else folded
    if {folded, extended} & _public_bodies() or looks_like_person(name):
        return None
    # "le ministre des Comptes publics", "le ministère de la Culture"
    lead = [fold(t.text) for t in token.doc[max(token.sent.start, words[0].i - 3) : words[0].i]]
    if any(w in name_words("minister_words") for w in lead):
        return None
    references = _words_folded("orgs", "pronouns") | _words_folded("orgs", "generic_nouns")
    if folded in references:
        return None
    return name


def _words_folded(section: str, key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in business_lexicon()[section][key])


def is_public_body(token: Token) -> bool:
    """ "l'État", "le gouvernement", "la Commission européenne", a party."""
    return fold(token.lemma_) in _public_bodies() or fold(token.text) in _public_bodies()


def is_org_reference(token: Token) -> bool:
    """A pronoun, possessive or generic noun that stands for an organisation already
    named ("il", "nos", "le groupe", "le géant du commerce électronique")."""
    text = fold(token.text)
    if token.pos_ == "PRON" and text in _words_folded("orgs", "pronouns"):
        return True
    if token.pos_ == "DET" and text in _words_folded("orgs", "possessives"):
        return True
    return token.pos_ in ("NOUN", "ADJ") and fold(token.lemma_) in _words_folded(
        "orgs", "generic_nouns"
    )


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of the verb chain: the verb's own, else that of the verb
    governing it as a complement ("prévoit d'investir", "va racheter"); when the parse
    gives none, the capitalised word right before the verb ("VMware travaillerait"
    parsed with VMware as an auxiliary)."""
    first = current = clause_verb(verb)
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subjects:  # several when the parse splits a name: prefer a capitalised one
            return next((c for c in subjects if c.text[:1].isupper()), subjects[0])
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head.i == current.i:
            break
        current = current.head
    return name_just_before(first)


def named_subject(verb: Token) -> Token | None:
    """`subject_of`, preferring the name that ends the subject phrase right before the
    verb ("L'enseigne américaine de prêt-à-porter Gap a conclu" → Gap)."""
    subject = antecedent(subject_of(verb))
    if subject is None or subject.text[:1].isupper():
        return subject
    name = name_just_before(clause_verb(verb))
    # not a complement of the subject noun: "l'académie de Paris a travaillé"
    in_phrase = name is not None and any(c.dep_ == "case" for c in name.children)
    if name is not None and name in subject.subtree and name.i > subject.i and not in_phrase:
        return name
    return subject


def antecedent(token: Token | None) -> Token | None:
    """The noun a relative pronoun stands for ("Outsight, qui vient de lever" →
    Outsight); any other token as it is."""
    if token is None or token.lower_ not in grammar_words("relative_pronouns"):
        return token
    verb = token.head
    if verb.dep_.startswith("acl") and verb.head.i != verb.i:
        return verb.head
    return token


def loose_name(token: Token) -> str | None:
    """The capitalised name at `token` whatever its entity label, for patterns explicit
    enough to name a partner ("entre Adidas et Kanye West"): not a place, a public body,
    or the sentence's first word."""
    if not token.text[:1].isupper() or token.is_punct:
        return None
    if token.i == token.sent.start or is_public_body(token):
        return None
    words = _name_tokens(token)
    # A one-word place ("la Chine", "Paris") is no partner; the model also tags some
    # two-word names of people and brands as places ("Kanye West"): those pass.
    if token.ent_type_ == "LOC" and len(words) < 2:
        return None
    name = token.doc[words[0].i : words[-1].i + 1].text.strip(" ,.;:()'’«»\"") if words else ""
    if not name or len(name) > 60 or fold(name) in _public_bodies():
        return None
    return name


def name_just_before(verb: Token) -> Token | None:
    """The capitalised word right before `verb`, across auxiliaries, clitics and
    adverbs, within its sentence."""
    sent = verb.sent
    for token in reversed(sent[: verb.i - sent.start]):
        if token.text[:1].isupper() and not token.is_punct:
            return token
        if token.pos_ not in ("AUX", "ADV", "PRON", "PART") and token.dep_ != "aux:tense":
            return None
    return None


def _speaker_of(pronoun: Token) -> Token | None:
    """The subject of the verb whose complement clause holds `pronoun` as subject:
    "Le géant … a déclaré qu'il prévoyait" → "géant"."""
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ == "ccomp":
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
            return subjects[0] if subjects and subjects[0].pos_ != "PRON" else None
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


@lru_cache(maxsize=1)
def _canonical_forms() -> dict[str, str]:
    """Folded form → folded canonical name, from the gazetteer ("PSG", "Paris SG" →
    "paris saint-germain")."""
    table: dict[str, str] = {}
    try:
        from veille.nlp.gazetteer import builtin_orgs

        for org in builtin_orgs():
            for form in org.forms:
                table.setdefault(fold(form), fold(org.name))
    except (ImportError, OSError):  # the gazetteer is optional here
        pass
    return table


def same_org_key(name: str) -> str:
    """A key under which two spellings of one organisation agree ("PSG", "Paris SG")."""
    return _canonical_forms().get(fold(name), fold(name))


def _learns_from(sent: Span, offset: int) -> bool:
    """Whether the organisations a sentence names count for the article: the title and
    the sentences the fast path parses (facts/fast_path.py), whether or not the fast
    path is on, so that both readings of an article agree on who "le groupe" is."""
    from veille.facts.fast_path import is_candidate

    return (offset == 0 and sent.start == 0) or is_candidate(sent.text)


class OrgNames:
    """Organisation names of one article in reading order, to resolve "il", "le groupe"
    and possessives to the most salient organisation named before them."""

    def __init__(self, text: str = "") -> None:
        # The article's text: how often a name occurs in it does not depend on which
        # sentences were parsed (fast path) or how the model labelled each mention.
        self._text = text
        self._seen: list[tuple[int, str]] = []
        # (sentence start, name): which names were seen in one sentence together
        self._together: set[tuple[int, str]] = set()

    def see(self, position: int, name: str, weight: int = 1, sentence: int | None = None) -> None:
        self._seen.extend([(position, name)] * weight)
        if sentence is not None:
            self._together.add((sentence, name))

    def see_doc_entities(self, ents: list[Span], offset: int) -> None:
        for ent in ents:
            if ent.label_ != "ORG" or not _learns_from(ent.sent, offset):
                continue
            # "L'Oréal" is "L'" + "Oréal": the name starts after the determiner.
            first = next((t for t in ent if t.pos_ != "DET" and t.text[:1].isupper()), None)
            if first is None:
                continue
            name = name_at(first)
            if name and not _is_media(name):
                # The title names what the article is about: it counts twice.
                in_title = offset == 0 and ent.sent.start == 0
                sentence = offset + ent.sent.start_char
                self.see(offset + ent.start_char, name, 2 if in_title else 1, sentence)

    def seen_name(self, token: Token) -> str | None:
        """The organisation name the capitalised run at `token` spells, when the article
        named it an organisation elsewhere ("Outsight" tagged a person in one sentence,
        an organisation in another)."""
        if not token.text[:1].isupper() or token.is_punct:
            return None
        words = _name_tokens(token)
        if not words:
            return None
        text = fold(token.doc[words[0].i : words[-1].i + 1].text.strip(" ,.;:()'’«»\""))
        return next((name for _, name in self._seen if fold(name) == text), None)

    def title_org(self) -> str | None:
        """The organisation the title names that the article names most often: what the
        article is about."""
        in_title = self._in_title()
        counts: dict[str, int] = {}
        spelling: dict[str, str] = {}
        for _, name in self._seen:
            if fold(name) in in_title:
                counts[fold(name)] = counts.get(fold(name), 0) + 1
                spelling.setdefault(fold(name), name)
        for name in counts:
            counts[name] += 10 * self._occurrences(name, len(self._text))
        return spelling[max(counts, key=lambda n: counts[n])] if counts else None

    def _in_title(self) -> set[str]:
        """Folded names of the organisations the title names: those labelled in it,
        and those labelled elsewhere that its text spells (the model's labels on a
        short title vary with what is parsed next to it)."""
        names = {fold(n) for s, n in self._together if s == 0}
        if self._text:
            title = fold_same_length(self._text.split("\n", 1)[0])
            for _, name in self._seen:
                if re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", title):
                    names.add(fold(name))
        return names

    def _occurrences(self, folded_name: str, end: int) -> int:
        """How often the text before `end` spells the name as the article wrote it,
        capitals included ("Électricité" the name, not "l'électricité")."""
        spellings = {n for _, n in self._seen if fold(n) == folded_name}
        text = self._text[:end]
        return sum(
            len(re.findall(rf"(?<!\w){re.escape(spelling)}(?!\w)", text)) for spelling in spellings
        )

    def salient_before(self, position: int) -> str | None:
        """The name seen most often before `position`; among equals, the latest."""
        before = sorted((p, n) for p, n in self._seen if p < position)
        if not before:
            return None
        counts: dict[str, int] = {}
        for _, name in before:
            counts[fold(name)] = counts.get(fold(name), 0) + 1
        # A longer name holding a shorter one as whole words ("Géant Casino", "Casino
        # Supermarchés") also counts for the shorter ("Casino").
        names = list(counts)
        for short in names:
            for long in names:
                if short != long and f" {short} " in f" {long} ":
                    counts[short] += counts[long]
        if self._text:
            # Occurrences in the text before `position`, the labelled ones settling ties.
            counts = {
                name: 10 * self._occurrences(name, position) + count
                for name, count in counts.items()
            }
        best = max(counts.values())
        for _, name in reversed(before):
            if counts[fold(name)] == best:
                return name
        return None

    def leading_pair_before(self, position: int) -> list[str]:
        """The two organisations the title names together that the article names most
        often ("Ford investit dans Rivian" before "ce partenariat")."""
        counts: dict[str, int] = {}
        spelling: dict[str, str] = {}
        for _, name in sorted((p, n) for p, n in self._seen if p < position):
            counts[fold(name)] = counts.get(fold(name), 0) + 1
            spelling.setdefault(fold(name), name)
        # Only the title's pair: what the article is about.
        by_sentence: dict[int, set[str]] = {0: self._in_title()} if position > 0 else {}
        best: tuple[int, list[str]] | None = None
        for names in by_sentence.values():
            ordered = sorted(names)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    if a.startswith(b + " ") or b.startswith(a + " "):
                        continue
                    score = counts.get(a, 0) + counts.get(b, 0)
                    if best is None or score > best[0]:
                        best = (score, [spelling[a], spelling[b]])
        return best[1] if best else []

    def resolve(self, token: Token, position: int) -> tuple[str | None, bool]:
        """The organisation `token` names or stands for, and whether it was named
        directly (False when resolved from a reference)."""
        name = name_at(token) or self.seen_name(token)
        if name:
            return name, True
        if is_public_body(token):
            return None, False
        if token.pos_ in ("NOUN", "ADJ", "PRON") and token.lemma_ not in grammar_words(
            "person_subjects"
        ):
            for child in token.children:  # "le géant américain Amazon"
                if child.dep_ in ("appos", "nmod", "flat:name", "amod") and child.i > token.i:
                    if any(c.dep_ == "case" for c in child.children):
                        continue
                    named = name_at(child)
                    if named:
                        return named, True
                    # "le groupe sino-espagnol Mediapro": the name under the descriptor
                    for grandchild in child.children:
                        if (
                            child.i < grandchild.i <= token.i + 4
                            and grandchild.dep_ in ("appos", "nmod", "flat:name")
                            and not any(c.dep_ == "case" for c in grandchild.children)
                        ):
                            named = name_at(grandchild)
                            if named:
                                return named, True
        if token.pos_ == "PRON" and fold(token.text) in grammar_words("person_subjects"):
            # "il" is as often a person: only "X a déclaré qu'il prévoyait…", where it
            # stands for the speaker, is followed.
            speaker = _speaker_of(token)
            return self.resolve(speaker, position) if speaker is not None else (None, False)
        # "DJI, groupe chinois qui …": the generic noun is in apposition to the name
        if token.dep_ == "appos" and token.head.i < token.i and is_org_reference(token):
            named = name_at(token.head) or self.seen_name(token.head)
            if named:
                return named, True
        # "les compagnies aériennes" is a class of firms, not one already named.
        plural = "Plur" in token.morph.get("Number", []) and token.pos_ == "NOUN"
        if (is_org_reference(token) and not plural) or any(
            is_org_reference(c) for c in token.children if c.dep_ == "det"
        ):
            return self.salient_before(position), False
        return None, False
