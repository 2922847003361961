"""Role titles in a sentence: where they are, their words, their canonical form."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.facts.reading.lexicon import (
    fold,
    grammar_words,
    move_lexicon,
    single_word,
    title_words,
    word_set,
)
from veille.facts.reading.mentions import is_name_token, names_descriptor, party_end
from veille.facts.reading.timing import timex_token_indices

# Words that end a role phrase: the organisation or the clause starts there.
_ROLE_STOP_DEPS = {"acl", "acl:relcl", "advcl", "appos", "punct", "conj", "cc", "parataxis"}


@dataclass(frozen=True)
class RoleMention:
    start: int  # token index in the doc, first word of the title
    end: int  # token index after the role phrase
    norm: str
    head: Token  # the title's first token

    def text(self, doc_span: Span) -> str:
        return doc_span.doc[self.start : self.end].text

    @property
    def words(self) -> set[str]:
        return {fold(t.text) for t in self.head.doc[self.start : self.end] if t.is_alpha}


def find_titles(sent: Span) -> list[RoleMention]:
    """Every role title in the sentence, longest match first, not overlapping."""
    # "ex-directeur d'Inter": the title after "ex-" (bindings.is_former reads the "ex-")
    prefix = single_word("roles_fr.yaml", "former_prefix")
    folded = [f.removeprefix(prefix) for f in (fold(t.text) for t in sent)]
    found: list[RoleMention] = []
    taken: set[int] = set()
    i = 0
    by_first = _titles_by_first_word()
    while i < len(sent):
        for words, norm in by_first.get(folded[i], ()):
            n = len(words)
            if tuple(folded[i : i + n]) == words and not taken & set(range(i, i + n)):
                head = sent[i]
                # "tête" and "direction" are titles only in "à/la tête de",
                # "la direction de" (not "la direction du vent").
                if words in _titles_needing_de() and not _followed_by_de(
                    sent, i + n
                ):
                    continue
                if _in_idiom(folded, i, n):
                    continue  # "dans le cadre de", "tête de liste"
                end = extend_role(sent, i, i + n)
                found.append(RoleMention(sent.start + i, sent.start + end, norm, head))
                taken.update(range(i, end))
                i = end - 1
                break
        i += 1
    return found


def in_title_idiom(token: Token) -> bool:
    """Whether a title's word sits in a phrase that names no post ("arrivé en tête",
    "prendre la tête de liste")."""
    sent = token.sent
    folded = [fold(t.text) for t in sent]
    return _in_idiom(folded, token.i - sent.start, 1)


def _in_idiom(folded: list[str], i: int, n: int) -> bool:
    """Whether the title words at folded[i : i + n] sit in a phrase that names no post."""
    for phrase in move_lexicon().not_titles:
        for k, word in enumerate(phrase):
            start = i - k
            if (
                word == folded[i]
                and start >= 0
                and tuple(folded[start : start + len(phrase)]) == phrase
            ):
                return True
    return False


@lru_cache(maxsize=1)
def _titles_needing_de() -> frozenset[tuple[str, ...]]:
    """ "tête", "direction": titles only when "de" follows ("la direction de X")."""
    return frozenset(title_words(t) for t in word_set("roles_fr.yaml", "titles_needing_de"))


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The lexicon's titles grouped by their first word, longest first within a group
    (the lexicon's order), so that each token is compared with its few candidates only."""
    groups: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, norm in move_lexicon().titles:
        groups.setdefault(words[0], []).append((words, norm))
    return groups


def _followed_by_de(sent: Span, j: int) -> bool:
    return j < len(sent) and fold(sent[j].text) in grammar_words("preposition_de_du_des")


def extend_role(sent: Span, start: int, end: int) -> int:
    """Extend a title over its complements ("vice-président des ventes au niveau
    mondial", "responsable par intérim des activités commerciales"), stopping before
    the organisation ("… de VMware"), a comma, a verb or a person's name."""
    j = end
    head = sent[start]
    coordinated = False
    # "nommé Premier ministre vendredi": a time expression is never part of a title
    in_timex = timex_token_indices(sent.doc)
    while j < len(sent):
        token = sent[j]
        if token.i in in_timex:
            break
        if fold(token.text) in grammar_words("coordinators") and j > end:
            # "vice-président du cloud et des services applicatifs": a coordinated
            # complement of the title, whatever the parser made of it
            nxt = _next_content(sent, j + 1)
            if (
                nxt is not None
                and nxt.text.islower()
                and nxt.pos_ in {"NOUN", "ADP"}
                or (nxt is not None and fold(nxt.text) in grammar_words("preposition_de_du_des"))
            ):
                coordinated = True
                j += 1
                continue
        if token.dep_ in _ROLE_STOP_DEPS - {"conj", "cc"} or token.pos_ in {
            "VERB",
            "AUX",
            "PUNCT",
            "PRON",
            "SCONJ",
        }:
            break
        if token.dep_ in {"conj", "cc"} and not coordinated:
            break
        if fold(token.text) in word_set("roles_fr.yaml", "org_prepositions"):
            # stop where "de/chez X" names an organisation or a person, or a noun that
            # stands for one ("CEO du groupe Barnes")
            nxt = _next_content(sent, j + 1)
            if nxt is None or is_name_token(nxt) or nxt.pos_ == "PROPN":
                break
            if (
                nxt.lemma_ in move_lexicon().org_anaphors
                or names_descriptor(nxt)
                # "directeur de cabinet de la préfecture de police": the institution
                or nxt.lemma_ in move_lexicon().institutions.values()
                # "président du département de la Gironde", "inspecteur général du
                # département d'Etat": a territory or body, named after it
                or _names_a_territory(sent, nxt)
            ):
                break
            if fold(nxt.text) in move_lexicon().title_heads and nxt.text.islower():
                # "chef de cabinet du ministre de l'Intérieur X": another's title
                break
            if fold(token.text) in word_set("roles_fr.yaml", "workplace_prepositions") and fold(
                nxt.text
            ) not in word_set("roles_fr.yaml", "title_phrases_after_workplace"):
                break
        if is_name_token(token) and fold(token.text) not in move_lexicon().title_heads:
            area_end = _area_before_org(sent, j)
            if area_end is None:
                break
            # "responsable Recherche & Développement de BMW", "directeur Europe de
            # Google": a capitalised area of the title, then its organisation
            j = area_end
            continue
        if (
            not coordinated
            and not _is_under(token, head, sent)
            and fold(token.text) not in word_set("roles_fr.yaml", "title_adjectives")
        ):
            break
        j += 1
    # no trailing function words
    while j > end and (sent[j - 1].pos_ in {"ADP", "DET", "CCONJ"}):
        j -= 1
    return j


def _names_a_territory(sent: Span, noun: Token) -> bool:
    """ "du département des Deux-Sèvres", "de la métropole de Lyon": a territory noun
    and its name ("à la tête de la région", with no name, stays in the title)."""
    if noun.lemma_ not in move_lexicon().territory_nouns:
        return False
    after = [t for t in sent.doc[noun.i + 1 : min(noun.i + 4, sent.end)] if t.pos_ != "DET"]
    return (
        len(after) >= 2
        and fold(after[0].text) in word_set("roles_fr.yaml", "org_prepositions")
        and after[1].text[:1].isupper()
    )


def _area_before_org(sent: Span, j: int) -> int | None:
    """The end of a short capitalised run at sent[j] that "de X" follows (X a name),
    when no word of it is a person's: a business area inside a title."""
    if party_end(sent.doc, sent[j].i, sent.end) is not None:
        return None  # "le maire PS de Lille": a party, read by the organisation finder
    k = j
    while (
        k < len(sent)
        and k < j + 4
        and (
            sent[k].text[:1].isupper()
            or sent[k].text in {"&", "-"} | grammar_words("conjunction_et")
        )
    ):
        if sent[k].ent_type_ == "PER":
            return None
        k += 1
    if (
        k == j
        or k + 1 >= len(sent)
        or fold(sent[k].text) not in grammar_words("preposition_de_du_des")
    ):
        return None
    nxt = _next_content(sent, k + 1)
    return k if nxt is not None and nxt.text[:1].isupper() else None


def _next_content(sent: Span, j: int) -> Token | None:
    while j < len(sent) and sent[j].pos_ == "DET":
        j += 1
    return sent[j] if j < len(sent) else None


def _is_under(token: Token, head: Token, sent: Span) -> bool:
    """True when token's chain of heads reaches `head` or a word to its right that is
    itself inside the role (parses of long titles vary)."""
    seen = 0
    node = token
    while node.i != node.head.i and seen < 12:
        if node.head.i == head.i or head.i <= node.head.i < token.i:
            return True
        node = node.head
        seen += 1
    return node.i == head.i


def role_norm(role_text: str | None) -> str | None:
    """The canonical role of a role phrase: its longest known title."""
    if not role_text:
        return None
    words = fold(role_text).replace("'", "' ").split()
    for title, norm in move_lexicon().titles:
        n = len(title)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == title:
                return norm
    return None
