"""Who holds which role where, as a sentence states it in passing.

"Le CTO de VMware, Steve Herrod, …", "Pierre Paperon, Directeur marketing de
Cloudwatt", "l'ancien CEO Paul Martiz": a person, a role title and (often) an
organisation bound together by apposition. These become `position` facts, and they
tell move extraction which role and organisation a person leaves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from veille.facts.reading.lexicon import (
    alternation,
    country_of,
    fold,
    grammar_words,
    move_lexicon,
    move_words,
    single_word,
    word_list,
    word_map,
)
from veille.facts.reading.mentions import (
    PersonTracker,
    is_name_token,
    is_person_pronoun,
    name_gender,
    name_head,
    names_descriptor,
    org_name,
    party_end,
    person_name,
    single,
    token_span,
)
from veille.facts.reading.roles import RoleMention, find_titles
from veille.facts.reading.timing import timex_token_indices


@dataclass(frozen=True)
class Binding:
    person: str
    person_token: Token
    role: RoleMention | None
    org: str | None
    current: bool | None
    span: Span  # the words that state it, for evidence


def org_after_role(role: RoleMention, sent: Span, tracker: PersonTracker) -> str | None:
    """The organisation right after a role phrase: "CEO de Heroku", "CTO d'Intel",
    "CEO du spécialiste de la virtualisation" (a descriptive phrase: the article's
    salient organisation)."""
    doc = sent.doc
    held_at = _seat_or_country(role)
    if held_at is not None:
        return held_at
    j = role.end
    if j < sent.end:
        # "le maire PS de Lille": the party is not where the post is held
        j = party_end(doc, j, sent.end) or j
    if j >= sent.end:
        return None
    # "chroniqueur à France Inter", "journaliste au Monde": a name right after "à/au"
    if fold(doc[j].text) in grammar_words("preposition_a_au") and j + 1 < sent.end:
        return _org_after_a(doc, j + 1, sent.end)
    if fold(doc[j].text) in grammar_words("coordinators"):
        # "directrice de la stratégie et des chaînes du groupe France Télévisions": the
        # organisation after the coordinated complement
        return _org_after_coordination(doc, j, sent.end)
    if fold(doc[j].text) not in move_words("role_links"):
        return None
    k = j + 1
    while k < sent.end and doc[k].pos_ == "DET":
        k += 1
    if k >= sent.end:
        return None
    token = doc[k]
    if fold(token.text) in move_lexicon().title_heads and token.text.islower():
        # "directeur de cabinet du ministre de l'Intérieur": where the other title is
        inner = next((r for r in find_titles(sent) if r.start == k), None)
        return org_after_role(inner, sent, tracker) or implicit_org(inner) if inner else None
    if person_name(token) and token.text[:1].isupper():
        # "adjointe d'Alain Juppé à la mairie de Bordeaux", "conseiller de Gérald
        # Darmanin au ministère": whom the post serves, then where it is held
        after = token_span(token).end
        if after + 1 < sent.end and fold(doc[after].text) in grammar_words("preposition_a_au"):
            return _org_after_a(doc, after + 1, sent.end)
        return None
    if is_name_token(token) and not person_name(token):
        name = org_name(token)
        return _institution(role, doc[j:k], name) if name else None
    if token.lemma_ in move_lexicon().institutions.values() and token.text.islower():
        # "directeur de cabinet de la préfecture de police X": the institution named by
        # its own words
        return _institution_phrase(doc, k, sent.end)
    if (
        token.lemma_ in move_lexicon().territory_nouns
        and token.text.islower()
        and k + 1 < sent.end
        and fold(doc[k + 1].text) in move_words("role_links")
    ):
        # "du département de la Gironde", "du département d'Etat"
        return _institution_phrase(doc, k, sent.end)
    if names_descriptor(token):
        # "de la région Bretagne" keeps its noun; "de la revue Courrier international"
        # is the review's name alone
        name = org_name(doc[k + 1])
        if name and token.lemma_ in move_lexicon().territory_nouns:
            return f"{token.text} {name}"
        return name
    if (
        token.lemma_ in move_lexicon().org_anaphors
        or fold(token.text) in move_lexicon().org_anaphors
    ):
        # "du groupe Barnes": the name after the noun; "du spécialiste de la
        # virtualisation": the organisation the article is about
        for follower in doc[k + 1 : min(k + 4, sent.end)]:
            if (
                follower.text[:1].isupper()
                and is_name_token(follower)
                and not person_name(follower)
            ):
                return org_name(follower)
            if follower.pos_ not in {"ADJ", "PROPN", "X"}:
                break
        return tracker.salient_org()
    return None


def _org_after_coordination(doc: Doc, j: int, end: int) -> str | None:
    """The first "de / du" + organisation name within the few words after "et", before
    any punctuation or verb."""
    anaphors = move_lexicon().org_anaphors
    for k in range(j + 1, min(j + 10, end - 1)):
        token = doc[k]
        if token.is_punct or token.pos_ in {"VERB", "AUX"}:
            return None
        if fold(token.text) not in move_words("role_links"):
            continue
        n = k + 1
        while n < end and (doc[n].pos_ == "DET" or doc[n].lemma_ in anaphors):
            n += 1
        if n < end and is_name_token(doc[n]) and not person_name(doc[n]):
            return org_name(doc[n])
    return None


def _in_institution_phrase(token: Token) -> bool:
    """ "préfecture de police": an institution noun, or the noun its "de" governs."""
    institutions = move_lexicon().institutions.values()
    if not (token.pos_ == "NOUN" and token.text.islower()):
        return False
    if token.lemma_ in institutions:
        return True
    j = token.i - 1
    links = move_words("role_links")
    while j > 0 and (fold(token.doc[j].text) in links or token.doc[j].pos_ == "DET"):
        j -= 1
    return j < token.i - 1 and token.doc[j].lemma_ in institutions


def _institution_phrase(doc: Doc, k: int, end: int) -> str | None:
    """ "préfecture de police", "mairie de Bordeaux", "ministère de l'Intérieur": an
    institution noun and its "de" complement, up to a person's name or punctuation."""
    n = k + 1
    while n + 1 < end and fold(doc[n].text) in move_words("role_links"):
        m = n + 1
        while m < end and doc[m].pos_ == "DET":
            m += 1
        if m >= end or person_name(doc[m]) or doc[m].is_punct:
            break
        if doc[m].text[:1].isupper():
            name = org_name(doc[m])
            return doc[k:m].text_with_ws + name if name else None
        n = m + 1
    return doc[k:n].text if n > k + 1 else None


def _org_after_a(doc: Doc, k: int, end: int) -> str | None:
    """The organisation after "à / au": a name ("au Monde") or an institution and its
    name ("à la mairie de Bordeaux", "au ministère de l'Intérieur")."""
    while k < end and doc[k].pos_ == "DET":
        k += 1
    if k >= end:
        return None
    token = doc[k]
    if token.text[:1].isupper() and is_name_token(token) and not person_name(token):
        return org_name(token)
    if token.lemma_ in move_lexicon().institutions.values() and token.text.islower():
        return _institution_phrase(doc, k, end)
    return None


def _seat_or_country(role: RoleMention) -> str | None:
    """Posts whose organisation the title itself fixes: an elected seat sits in its
    assembly ("député de l'Yonne": Assemblée nationale), a state's leader named by
    nationality leads that country ("le président turc": Turquie)."""
    lex = move_lexicon()
    doc = role.head.doc
    # the title's words and the few after it ("président de la République")
    words = [fold(t.text) for t in doc[role.start : min(role.start + 4, len(doc))]]
    words[0] = words[0].removeprefix(_former_prefix())  # "l'ex-député"
    in_role = role.end - role.start
    countries = [c for c in (country_of(t.text) for t in doc[role.start + 1 : role.end]) if c]
    for n in (4, 3, 2, 1):
        title = " ".join(words[:n]).replace("' ", "'")
        if len(words) >= n and title in lex.seat_bodies and not countries:
            after = role.start + n
            if n > 1 and after < len(doc) and _continues_a_name(doc[after - 1], doc[after]):
                return None  # "président de la République démocratique du Congo"
            return lex.seat_bodies[title]
        if title in lex.state_titles and countries and in_role == n + 1:
            return countries[0]
    return None


def _possessor_org(role: RoleMention, sent: Span, person: Token) -> str | None:
    """ "Rosneft et son patron Igor Setchine", "BMW a dit que son CEO X": a title after
    a possessive belongs to the nearest name before it in the sentence, when that name
    is an organisation (a person there makes it someone's adviser, not a post)."""
    doc = sent.doc
    j = role.start - 1
    while j >= sent.start and doc[j].pos_ in {"ADJ", "ADV"}:
        j -= 1
    if j < sent.start or "Yes" not in doc[j].morph.get("Poss", []):
        return None
    mine = {t.i for t in token_span(person)}
    for k in range(j - 1, sent.start - 1, -1):
        token = doc[k]
        if k in mine or not is_name_token(token) or token.pos_ == "VERB":
            continue
        if person_name(token) or token.ent_type_ in {"PER", "LOC"}:
            return None
        return org_name(name_head(token))
    return None


def _continues_a_name(last: Token, nxt: Token) -> bool:
    """The word after a title's last word carries on a longer proper name ("République
    démocratique du Congo"), rather than starting a person's name."""
    if person_name(nxt):
        return False
    return nxt.text[:1].isupper() or (
        nxt.pos_ == "ADJ" and nxt.text.islower() and last.text[:1].isupper()
    )


def implicit_org(role: RoleMention) -> str | None:
    """The organisation a title names by itself ("Premier ministre": the government)."""
    doc = role.head.doc
    return move_lexicon().implicit_orgs.get(fold(doc[role.start : role.end].text))


def _institution(role: RoleMention, between: Span, name: str) -> str:
    """ "ministre des Sports" works at the "ministère des Sports", "préfet de police de
    Paris" at the "préfecture de police de Paris": titles whose "de X" names a portfolio
    or a territory (moves_fr.yaml `institutions`) hold the post at the institution."""
    institution = move_lexicon().institutions.get(fold(role.head.text))
    if institution is None or role.head.i != role.start:
        return name
    doc = role.head.doc
    if role.end > role.start + 1 and not doc[role.start].whitespace_:
        return name  # "ministre-président de la Wallonie" is another title
    # "préfet de police de Paris" keeps "de police"; "maire sortante" drops the adjective
    rest = doc[role.start + 1 : role.end].text
    if rest and fold(rest.split()[0]) not in move_words("role_links"):
        rest = ""
    linking = "".join(t.text_with_ws for t in between)
    return " ".join(w for w in (institution, rest) if w) + " " + linking + name


@lru_cache(maxsize=1)
def _former_before() -> re.Pattern[str]:
    words = alternation(word_list("moves_fr.yaml", "former_before_title"))
    return re.compile(rf"(?:\b(?:{words})\b[\s-]*(?:\w+\s+){{0,1}})$", re.IGNORECASE)


def _former_prefix() -> str:
    """ "ex-directeur": the prefix of a title held before (roles_fr.yaml)."""
    return single_word("roles_fr.yaml", "former_prefix")


def is_former(role: RoleMention) -> bool:
    """ "l'ancien CTO", "ex-directeur", "jusqu'alors responsable": a role held before."""
    doc = role.head.doc
    start = doc[role.start].idx
    window = doc.text[max(0, start - 30) : start]
    return bool(_former_before().search(window)) or fold(role.head.text).startswith(
        _former_prefix()
    )


def find_bindings(sent: Span, roles: list[RoleMention], tracker: PersonTracker) -> list[Binding]:
    """Person–role–organisation triples stated by apposition in the sentence."""
    bindings: list[Binding] = []
    doc = sent.doc
    for role in roles:
        # "X était directeur de cabinet de la ministre, Y": the predicate of "être" is
        # its subject's, whoever is named after it
        predicate = _copula_subject(role)
        holder = (
            predicate
            if predicate is not None
            and predicate.i < role.start
            # "C'est la députée X", "Vous êtes députée, Mme X": the name says who
            and (
                person_name(predicate) is not None
                or fold(predicate.text) in grammar_words("person_subjects")
                or _demonstrative_person(predicate, role)
            )
            else None
        )
        person_tok = holder or _apposed_person(role, sent) or predicate
        if person_tok is None:
            continue
        name = person_name(person_tok)
        if name is None and is_person_pronoun(person_tok):
            gender = word_map("grammar_fr.yaml", "subject_genders").get(fold(person_tok.text))
            name = tracker.antecedent(person_tok.i, gender)
        elif name is None and _demonstrative_person(person_tok, role):
            # "Cet énarque était depuis 2018 préfet de …": the one the story is about
            name = tracker.antecedent(person_tok.i, single(person_tok.morph.get("Gender", [])))
        if name is None or (
            # "Bernard Cazeneuve, l'ancienne patronne de la RATP …": a feminine title
            # is never a man's (a masculine one may be a woman's: "la ministre" is
            # often "le ministre")
            _feminine_title(role.head) and name_gender(name) == "Masc"
        ):
            continue
        org = (
            org_after_role(role, sent, tracker)
            or _possessor_org(role, sent, person_tok)
            or implicit_org(role)
        )
        lo = min(role.start, person_tok.i)
        hi = max(role.end, person_tok.i + 1)
        # include the organisation in the evidence
        while hi < sent.end and hi < role.end + 6 and doc[hi].text not in {",", ".", ";"}:
            hi += 1
        bindings.append(
            Binding(
                person=tracker.canonical(name),
                person_token=person_tok,
                role=role,
                org=org,
                # "la nouvelle ministre, X ayant démissionné": X held it, the new
                # one is someone else
                current=not is_former(role)
                and not _opens_absolute_clause(person_tok)
                and not _was(role),
                span=doc[max(lo - 2 if is_former(role) else lo, sent.start) : hi],
            )
        )
    return bindings


def _demonstrative_person(subject: Token, role: RoleMention) -> bool:
    """A common noun after "ce / cet / cette" as the subject of a title: a person met
    before ("cette ancienne journaliste est devenue …"), not an organisation."""
    return (
        subject.pos_ == "NOUN"
        and subject.i < role.start
        and subject.lemma_ not in move_lexicon().org_anaphors
        and any(
            c.dep_ == "det" and fold(c.text) in grammar_words("singular_demonstratives")
            for c in subject.children
        )
    )


def _feminine_title(head: Token) -> bool:
    return title_gender(head.text) == "Fem"


def title_gender(word: str) -> str | None:
    """ "Fem" for the feminine form of a gendered title ("présidente", "directrice",
    "patronne", "députée"), "Masc" for the masculine one ("président", "directeur"),
    None for a feminine noun ("la tête", "la direction") or an epicene title
    ("ministre", "PDG")."""
    word = fold(word)
    heads = move_lexicon().title_heads
    if word.endswith("rice") and word[:-4] + "eur" in heads:
        return "Fem"
    if (word.endswith("nne") and word[:-2] in heads) or (word.endswith("e") and word[:-1] in heads):
        return "Fem"
    if word in heads and (word + "e" in heads or word.endswith("eur") or word + "ne" in heads):
        return "Masc"
    return None


def _bracketed_acronym(doc: Doc, j: int, limit: int) -> bool:
    """ "(LREM)": an organisation's acronym in brackets, part of its name."""
    return (
        j + 2 < limit
        and doc[j].text == "("
        and doc[j + 2].text == ")"
        and doc[j + 1].text.isupper()
        and len(doc[j + 1].text) <= 8
    )


def _subject_of_a_later_verb(name: Token) -> bool:
    head = name_head(name)
    return head.dep_ in {"nsubj", "nsubj:pass"} and head.head.i > head.i


def _opens_absolute_clause(person: Token) -> bool:
    """ "la nouvelle ministre des Sports, Laura Flessel ayant démissionné": a name
    followed by "ayant" / "étant" is the subject of its own clause ("Flessel having
    resigned"), not the current holder of the title before it."""
    doc = person.doc
    end = person.i + 1
    while end < len(doc) and doc[end].dep_ == "flat:name" and doc[end].head.i == person.i:
        end += 1
    return end < len(doc) and fold(doc[end].text) in grammar_words("absolute_participles")


def _copula_subject(role: RoleMention) -> Token | None:
    """ "Depuis 2012, il est le PDG de Keolis": the subject of "être" + title; in a
    list ("elle avait été directrice financière de X, patronne de Y et …") every title
    has the first one's."""
    head = _first_of_list(role)
    if head.dep_ == "nmod" and head.head.i in timex_token_indices(head.doc):
        # "il était depuis décembre 2018 préfet de …", parsed with the date as the
        # predicate and the title under it
        head = head.head
    if not any(
        c.dep_ == "cop" or (c.dep_ == "aux:pass" and c.lemma_ in grammar_words("copula_lemmas"))
        for c in head.children
    ):
        return None
    return next((c for c in head.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)


def _was(role: RoleMention) -> bool:
    """ "elle avait été directrice financière de X", "il fut PDG de Y": a title after
    "être" in a past form was held before."""
    return any(
        c.lemma_ in grammar_words("copula_lemmas")
        and fold(c.text) in grammar_words("etre_past_forms")
        for c in _first_of_list(role).children
    )


def _first_of_list(role: RoleMention) -> Token:
    """The first title of a list the role's title belongs to ("directrice financière de
    X, patronne de Y"), where the parser hangs the copula; else the role's own head."""
    head = role.head
    if (
        head.dep_ in {"conj", "dep"}
        and head.head.i != head.i
        and fold(head.head.text) in move_lexicon().title_heads
    ):
        return head.head
    return head


def _closed_apposition(role: RoleMention, sent: Span) -> bool:
    """ "X, directeur de Y, a dit": the role phrase ends at punctuation; in "X, le
    ministre de l'Intérieur a expliqué" it is the subject of a new clause instead."""
    doc = sent.doc
    # the phrase may run long before its comma ("à la tête de l'organisation depuis
    # février 2008 et sa nomination par X,"): a verb is what opens a clause
    for j in range(role.end, min(role.end + 14, sent.end)):
        token = doc[j]
        if token.is_punct:
            return True
        if token.pos_ in {"VERB", "AUX"}:
            return False
    return role.end + 14 >= sent.end


def _apposed_person(role: RoleMention, sent: Span) -> Token | None:
    """The person a role title is in apposition with, on either side."""
    head = role.head
    doc = sent.doc
    before = {fold(t.text) for t in doc[max(sent.start, role.start - 3) : role.start]}
    if before & grammar_words("agent_prepositions") and before & grammar_words("others"):
        # "décrit comme tel par un autre cadre de la compagnie, X": someone else ("un
        # autre député LR, X," is X)
        return None
    # "le ministre de l'Intérieur Christophe Castaner", "l'ancien CEO Paul Martiz":
    # a name right after the title and its organisation, before any punctuation.
    j = role.end
    while j < min(role.end + 10, sent.end):
        token = doc[j]
        if _bracketed_acronym(doc, j, sent.end):
            j += 3  # "de La République en marche (LREM) Christophe Castaner"
            continue
        if token.is_punct and token.text not in {"'", "’", "-"}:
            break
        if (
            token.text[:1].isupper()
            and (token.ent_iob_ == "B" or token.i == role.end)
            and (person_name(token))
        ):
            if (
                all(
                    fold(t.text) in move_words("role_links") or t.pos_ == "DET"
                    for t in doc[role.end : j]
                )
                and j > role.end
            ):
                # "la première adjointe d'Alain Juppé": the title's complement is whom
                # the post serves, not who holds it
                return None
            return token
        # only the organisation's words may stand between ("de l'Intérieur", "de la
        # région Bretagne", "de La République en marche")
        if not (
            token.text[:1].isupper()
            or token.pos_ in {"DET", "ADJ"}
            or fold(token.text) in move_words("role_links")
            or token.ent_iob_ == "I"
            and token.ent_type_ not in {"PER", ""}
            or names_descriptor(token)
            or _in_institution_phrase(token)
        ):
            break
        j += 1
    # Parser appositions: "le CTO de VMware, Steve Herrod" / "Steve Herrod, le CTO".
    for child in head.children:
        if child.dep_ in {"appos", "flat:name"} and person_name(child):
            return child
    if head.dep_ == "appos" and person_name(head.head):
        return head.head
    # Surface fallbacks: "l'ancien CEO Paul Martiz", "CEO du groupe, Pat Gelsinger"
    # (title phrase directly followed by a name) and "Pierre Paperon, Directeur …".
    k = role.end
    probe = k
    while probe < sent.end and probe < k + 8 and doc[probe].text not in {",", ".", ";", "("}:
        probe += 1
    comma = probe < sent.end and doc[probe].text == ","
    # past a verb, a name after the comma that is the subject of a verb of its own
    # opens the next clause ("le président qui l'a nommé, M. X se trouve …"; but "un
    # nouveau rédacteur en chef avait été nommé, X.")
    past_verb = any(t.pos_ in {"VERB", "AUX"} for t in doc[k:probe])
    for j in (k, probe + 1 if comma else -1):
        if 0 <= j < sent.end and doc[j].text[:1].isupper() and person_name(doc[j]):
            if j > k and past_verb and _subject_of_a_later_verb(doc[j]):
                continue
            return doc[j]
    j = role.start - 1
    at_the_head = False
    while j >= sent.start and (
        doc[j].pos_ in {"DET", "ADJ", "ADV"}
        or fold(doc[j].text) in grammar_words("until_prepositions")
        # "Guillaume Pepy, à la tête de l'organisation depuis 2008" (with its comma:
        # "voit X à la tête de Y" is a wish)
        or (
            fold(doc[j].text) in grammar_words("preposition_a")
            and role.head.lemma_ in move_words("head_nouns")
        )
    ):
        at_the_head = at_the_head or fold(doc[j].text) in grammar_words("preposition_a")
        j -= 1
    if j >= sent.start and doc[j].text in {",", "("} and _closed_apposition(role, sent):
        j -= 1
        if j >= sent.start and person_name(doc[j]):
            return name_head(doc[j])
    # headline style, no comma: "Lawrence Stroll futur directeur général d'Aston Martin"
    if (
        not at_the_head
        and j >= sent.start
        and doc[j].pos_ == "PROPN"
        and person_name(doc[j])
        and role.end < sent.end
        and fold(doc[role.end].text) in move_words("role_links")
    ):
        return name_head(doc[j])
    return None
