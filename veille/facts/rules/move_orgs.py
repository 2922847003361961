"""Where a move happens: the organisation named in the trigger's clause (after a
role, a position noun, "chez", an agent, an object), or the one an anaphoric noun
("l'entreprise") stands for."""

from __future__ import annotations

from spacy.tokens import Span, Token

from veille.facts.reading.lexicon import fold, grammar_words, is_country, move_lexicon, move_words
from veille.facts.reading.mentions import (
    PersonTracker,
    is_known_org,
    is_name_token,
    org_name,
    person_name,
)
from veille.facts.reading.roles import RoleMention
from veille.facts.rules.bindings import org_after_role
from veille.facts.rules.movers import is_passive, subject_of
from veille.facts.rules.triggers import Trigger, clause_tokens


def is_place(name: str, sent: Span) -> bool:
    """The model calls the name a place and the gazetteer does not know it as an
    organisation."""
    if is_known_org(name):
        return False
    # "avait quitté la Tunisie en 2011": a country is a place whatever the model says
    return is_country(name) or any(ent.label_ == "LOC" and ent.text == name for ent in sent.ents)


def is_anaphor_org(token: Token) -> bool:
    """The trigger's object is a noun standing for an organisation ("l'entreprise")."""
    lex = move_lexicon()
    return any(
        c.dep_ == "obj" and (c.lemma_ in lex.org_anaphors or fold(c.text) in lex.org_anaphors)
        for c in token.children
    )


def org_in_clause(
    token: Token,
    trigger: Trigger,
    role: RoleMention | None,
    persons: list[tuple[str, str]],
    sent: Span,
    tracker: PersonTracker,
) -> str | None:
    lex = move_lexicon()
    if role is not None:
        org = org_after_role(role, sent, tracker)
        if org:
            return org
    positioned = org_after_position_noun(token)
    if positioned:
        return positioned
    person_words = {w for p, _ in persons for w in p.split()}
    # complements after the verb first: one before it may belong to a fronted phrase the
    # parser hung on the verb ("Passé par le groupe Fiat, il travaille pour Volkswagen")
    for child in sorted(token.children, key=lambda c: c.i < token.i):
        # "a quitté Danone": an organisation's name the parser took for a predicate
        dep = "obj" if child.dep_ == "xcomp" and child.ent_type_ == "ORG" else child.dep_
        if dep == "obj" or dep.startswith("obl") or dep == "nmod":
            cases = {fold(c.text) for c in child.children if c.dep_ in {"case", "fixed"}}
            # an oblique without preposition is a mislabelled object ("rejoint Atos")
            if dep != "obj" and cases and not cases & move_words("org_cases"):
                continue
            if dep != "obj" and not cases and not is_name_token(child):
                continue
            if child.lemma_ in lex.relation_nouns:
                # "le prédécesseur de M. Akard": the post of the person it relates to
                related = _related_person_org(child, tracker)
                if related:
                    return related
            if person_name(child) or fold(child.text) in lex.title_heads:
                continue
            if child.lemma_ in move_words("posts_named_after_de") and _named_after_de(child):
                # "occupait le poste de "CEMP"": what follows names the post, not where
                # it is held (a title there was read above: "les fonctions de chef de
                # cabinet de l'Elysée")
                continue
            if child.lemma_ in lex.org_anaphors or fold(child.text) in lex.org_anaphors:
                named = named_in(child)
                if named:
                    return named
                if trigger.change == "end" or dep == "obj":
                    person = persons[0][0] if persons else None
                    return tracker.org_for(person)
                continue
            found = named_in(child)
            if found and found.split()[-1] not in person_words:
                return found
    return org_after_preposition(token) or _hiring_subject(token, trigger)


def _related_person_org(noun: Token, tracker: PersonTracker) -> str | None:
    for child in noun.children:
        if child.dep_ == "nmod" and (name := person_name(child)):
            given = tracker.held_roles.get(tracker.canonical(name))
            return given[1] if given else tracker.org_for(tracker.canonical(name))
    return None


def _named_after_de(noun: Token) -> bool:
    """ "le poste de "CEMP"", "ses fonctions de directeur": the noun's "de" complement."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < noun.sent.end else None
    return following is not None and fold(following.text) in grammar_words("preposition_de")


def _hiring_subject(token: Token, trigger: Trigger) -> str | None:
    """ "Renault a recruté X", "Europe 1 a frappé fort en recrutant X": the
    organisation that hires is the subject of an active verb whose object moves."""
    if trigger.who not in {"obj", "iobj"} or trigger.change != "start" or is_passive(token):
        return None
    subject = subject_of(token)
    if subject is None or person_name(subject) or fold(subject.text) in move_lexicon().title_heads:
        return None
    if subject.lemma_ in move_lexicon().org_anaphors:
        return named_in(subject)  # "la société Kalivo a embauché X"
    return named_in(subject) if is_name_token(subject) else None


def org_after_preposition(token: Token) -> str | None:
    """Surface fallback for trees that hyphenated words break ("chez le capital-risqueur
    General Catalyst"): the first name a few words after "chez", "dans" or "au sein de"
    that follows the trigger in its clause."""
    doc = token.doc
    end = token.sent.end
    j = token.i + 1
    while j < end:
        word = doc[j]
        titles = move_lexicon().title_heads
        if (word.pos_ in {"VERB", "AUX"} and fold(word.text) not in titles) or word.text in {
            ",",
            ";",
            ":",
            "(",
            ".",
        }:
            return None
        if fold(word.text) in move_words("workplace_prepositions"):
            for k in range(j + 1, min(j + 8, end)):
                candidate = doc[k]
                if candidate.pos_ in {"VERB", "AUX"} or candidate.text in {",", ";", "."}:
                    return None
                if candidate.text[:1].isupper() and not person_name(candidate):
                    return org_name(candidate)
                if candidate.lemma_ in move_lexicon().topic_nouns:
                    return None  # "dans l'affaire Benalla": a matter, not a workplace
            return None
        j += 1
    return None


def org_after_position_noun(token: Token) -> str | None:
    """ "nommé à la tête par intérim d'AWS Inde", "prendre la direction de France 2": the
    organisation follows a position noun of the clause; it wins over the agent who
    appoints ("nommé par Amazon")."""
    doc = token.doc
    for t in clause_tokens(token):
        if fold(t.text) not in move_words("position_nouns"):
            continue
        for j in range(t.i + 1, min(t.i + 7, t.sent.end)):
            word = doc[j]
            if fold(word.text) in grammar_words("preposition_de_du_des"):
                k = j + 1
                while k < t.sent.end and doc[k].pos_ == "DET":
                    k += 1
                if k < t.sent.end and doc[k].text[:1].isupper() and not person_name(doc[k]):
                    return org_name(doc[k])
                break
            if word.is_punct or word.pos_ in {"VERB", "AUX"}:
                break
    return None


def named_in(token: Token) -> str | None:
    """An organisation name at `token` or inside its phrase, reading left to right
    ("la société de capital-risque Greylock Partners", "le groupe Canal+"), never a
    person or a role title."""
    titles = move_lexicon().title_heads
    phrase = [t for t in token.subtree if t.i >= token.i and t.sent.start == token.sent.start]
    for t in sorted(phrase, key=lambda t: t.i):
        if t.i > token.i and (t.pos_ in {"VERB", "AUX", "PRON"} or t.text in {",", "(", ";"}):
            break
        if fold(t.text) in titles:
            return None
        if is_name_token(t) and t.text[:1].isupper() and not person_name(t):
            name = org_name(t)
            if name and _names_an_institution(token, t):
                # "à la mairie de Bordeaux", "au ministère de l'Intérieur": the
                # institution, not the city or the portfolio alone
                return token.doc[token.i : t.i].text_with_ws + name
            return name
    return None


def _names_an_institution(noun: Token, name: Token) -> bool:
    """ "mairie de X", "région X": an institution noun with its name right after."""
    lex = move_lexicon()
    institution_nouns = set(lex.institutions.values()) | lex.territory_nouns
    between = noun.doc[noun.i + 1 : name.i]
    return (
        noun.lemma_ in institution_nouns
        and noun.text.islower()
        and len(between) <= 2
        and all(t.pos_ in {"ADP", "DET"} for t in between)
    )
