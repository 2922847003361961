"""Is a clause a fact, a plan or hearsay, and who does the article attribute it to?

Shared by the fact extractors. `clause_status` reads the mood and tense of the verb
chain ("aurait été recruté", "va quitter", "prendra ses fonctions") and the attribution
cues of the sentence ("selon des sources", "rapporte le site X"); `clause_source` names
the source when the sentence gives one. Which organisation a clause is about is read in
facts/business/orgs.py. The French words live in data/business_fr.yaml, loaded here by
`business_lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from spacy.tokens import Span, Token

from veille.evaluate.intervals import DateFormatError, date_interval
from veille.facts.reading.lexicon import pattern
from veille.nlp.gazetteer import fold
from veille.nlp.timex.component import reported_present
from veille.nlp.timex.lexicon import load_lexicon

Status = Literal["done", "planned", "reported"]

_AUX_DEPS = ("aux", "aux:tense", "aux:pass", "cop")
# Links through which a verb's mood governs the verb below it ("pourrait être annoncé",
# "va quitter", "prévoit d'investir").
_CHAIN_DEPS = ("xcomp",)


@lru_cache(maxsize=1)
def business_lexicon() -> dict[str, Any]:
    """data/business_fr.yaml, parsed once."""
    text = resources.files("veille.data").joinpath("business_fr.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words(section: str, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in business_lexicon()[section][key])


# --- mood and tense -------------------------------------------------------------------


def _future_stem(lemma: str) -> str:
    """The stem French builds the future and the conditional on: the infinitive for
    -er/-ir verbs, the infinitive without its final e for -re verbs."""
    irregular: dict[str, str] = business_lexicon()["modality"]["irregular_stems"]
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("re"):
        return lemma[:-1]
    return lemma


def _has_form(token: Token, endings_key: str) -> bool:
    """Whether the word is the lemma's future stem plus one of the endings.
    Needed because the model tags many conditionals ("travaillerait") as imperfects."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    word, lemma = token.lower_, token.lemma_.lower()
    if not lemma.endswith(("er", "ir", "re")):
        return False
    stem = _future_stem(lemma)
    endings = business_lexicon()["modality"][endings_key]
    return any(word == stem + ending for ending in endings)


def is_conditional(token: Token) -> bool:
    return "Cnd" in token.morph.get("Mood", []) or _has_form(token, "conditional_endings")


def is_future(token: Token) -> bool:
    if "Fut" in token.morph.get("Tense", []):
        return True
    return "Cnd" not in token.morph.get("Mood", []) and _has_form(token, "future_endings")


def _said_soon(verb: Token) -> bool:
    """ "X bientôt nommé", "sera prochainement remplacé": an adverb of the near future
    on the verb, or just before it however the parser hung it."""
    soon = _words("modality", "soon_adverbs")
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return any(c.dep_ == "advmod" and c.lower_ in soon for c in verb.children) or (
        before is not None and before.lower_ in soon
    )


def clause_verb(token: Token) -> Token:
    """The verb a token belongs to: itself when it is a verb, else the nearest verb
    above it (a trigger noun such as "partenariat" takes the mood of its verb)."""
    current = token
    for _ in range(5):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return token


def verb_chain(verb: Token) -> list[Token]:
    """The verb, its auxiliaries, and the verbs that govern it as an infinitive or
    participle complement, up to a few levels ("pourrait" above "être annoncé")."""
    chain: list[Token] = []
    current = clause_verb(verb)
    for _ in range(4):
        chain.append(current)
        chain.extend(child for child in current.children if child.dep_ in _AUX_DEPS)
        if current.dep_ not in _CHAIN_DEPS or current.head.i == current.i:
            break
        current = current.head
    return chain


def _is_planning_head(token: Token, verb: Token) -> bool:
    return token.i != verb.i and token.lemma_.lower() in _words("modality", "planning_verbs")


# --- attribution ----------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """One attribution cue found in a sentence."""

    cue: Token
    # The named source ("Canalys"), or None when unnamed ("des sources", "selon lui").
    name: str | None
    # False for an organisation's own statement ("selon le communiqué").
    hearsay: bool


def _name_after(tokens: list[Token]) -> tuple[str | None, Token | None]:
    """The first capitalised name in `tokens` after skipping determiners and source
    nouns ("le cabinet Canalys" → "Canalys"), and the first content word met."""
    skippable = _words("attribution", "determiners") | _words("attribution", "source_nouns")
    links = {"&", "-"} | _words("attribution", "name_links")
    name: list[Token] = []
    first_word: Token | None = None
    for token in tokens:
        if token.is_punct and token.text not in ("&", "-", "'", "’", "."):
            break
        if token.text[:1].isupper() or (name and token.text in links):
            name.append(token)
            continue
        if name:
            break
        if first_word is None and token.pos_ in ("NOUN", "PRON", "PROPN", "ADJ", "NUM"):
            first_word = token
        if token.lower_ not in skippable:
            break
    while name and not name[-1].text[:1].isupper():
        name.pop()
    if not name:
        return None, first_word
    text = name[0].doc[name[0].i : name[-1].i + 1].text
    return text.strip(" .'’"), first_word or name[0]


def attributions(sentence: Span) -> list[Attribution]:
    """Attribution cues of a sentence: "selon X", "d'après X", "…, rapporte X",
    "a déclaré à X une source", "des sources affirment que"."""
    found: list[Attribution] = []
    unnamed = _words("attribution", "unnamed_sources")
    official = _words("attribution", "official_sources")
    press = _words("attribution", "press_verbs")
    speech = _words("attribution", "speech_verbs")
    alone, elided = _prepositions()
    tokens = list(sentence)
    for index, token in enumerate(tokens):
        after = tokens[index + 1 : index + 9]
        lower = token.lower_
        is_selon = lower in alone or (
            index > 0 and (tokens[index - 1].lower_, lower) in elided
        )
        if is_selon:
            if after and after[0].lower_ in _words("attribution", "conditions"):
                continue  # "selon que": a condition, not a source
            name, first = _name_after(after)
            if first is not None and first.lower_ in _words("attribution", "pronoun_sources"):
                found.append(Attribution(token, None, True))
            elif name is not None:
                found.append(Attribution(token, name, True))
            elif first is not None and first.lower_ in unnamed:
                found.append(Attribution(token, None, True))
            elif first is not None and first.lower_ in official:
                found.append(Attribution(token, None, False))
            continue
        if token.pos_ != "VERB" or token.lemma_.lower() not in press | speech:
            continue
        found.extend(_verb_attribution(token, tokens, index, unnamed, press))
    return found


def _verb_attribution(
    verb: Token, tokens: list[Token], index: int, unnamed: frozenset[str], press: frozenset[str]
) -> list[Attribution]:
    subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
    if any(s.lower_ in unnamed for s in subjects):  # "des sources affirment que"
        return [Attribution(verb, None, True)]
    # Inverted attribution after the clause: "…, rapporte le site X", "…, a déclaré à X
    # une source". Its first word (the verb or its auxiliary) follows a comma or a quote.
    first = min([verb, *(c for c in verb.children if c.dep_ in _AUX_DEPS)], key=lambda t: t.i)
    start = first.i - tokens[0].i
    if start == 0 or tokens[start - 1].text not in (",", "»", '"', "”"):
        return []
    if any(s.i < verb.i for s in subjects):
        return []
    after = tokens[index + 1 : index + 10]
    words = [t for t in after if not t.is_punct]
    if any(t.lower_ in unnamed for t in words[:6]):
        to = _words("attribution", "recipient_prepositions")
        recipient = _name_after(after[1:]) if after and after[0].lower_ in to else (None, None)
        return [Attribution(verb, recipient[0], True)]
    name, first_word = _name_after(after)
    if verb.lemma_.lower() in press:
        return [Attribution(verb, name, True)]
    source_nouns = _words("attribution", "source_nouns")
    if first_word is not None and first_word.lower_ in source_nouns and name is not None:
        return [Attribution(verb, name, True)]  # "indique le quotidien Le Monde"
    return []


def is_attributed_name(token: Token) -> bool:
    """A name that is the source of the sentence, not an actor of it: the subject of
    "rappelle", "rapporte", "selon X", "d'après X"."""
    # Press verbs only: with "annoncer", "déclarer" a company states its own facts.
    lex = business_lexicon()["attribution"]
    verbs = {fold(str(v)) for v in [*lex["press_verbs"], *lex["recalling_verbs"]]}
    if token.dep_.startswith("nsubj") and fold(token.head.lemma_) in verbs:
        return True
    before = [fold(t.text) for t in token.doc[max(token.sent.start, token.i - 3) : token.i]]
    alone, elided = _prepositions()
    return any(fold(word) in before for word in alone | {word for _, word in elided})


@lru_cache(maxsize=1)
def _prepositions() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The attribution prepositions as the tokenizer splits them: words alone ("selon"),
    and (elision, word) pairs ("d'", "après")."""
    alone: set[str] = set()
    elided: set[tuple[str, str]] = set()
    for preposition in business_lexicon()["attribution"]["prepositions"]:
        cut = max(preposition.rfind("'"), preposition.rfind("’")) + 1
        if cut:
            elided.add((preposition[:cut], preposition[cut:]))
        else:
            alone.add(preposition)
    return frozenset(alone), frozenset(elided)


# --- public ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """The full month names of the time lexicon (time_fr.yaml), in its order."""
    lexicon = load_lexicon()
    return {word: n for word, n in lexicon.months.items() if word in lexicon.full_months}


def _start_date() -> re.Pattern[str]:
    months = "|".join(_months())
    return pattern(
        "business_fr.yaml", "modality", "start_date", flags=re.IGNORECASE, months=months
    )


def _starts_ahead(sentence: Span, published: date | None) -> bool:
    """Whether "à compter du 2 novembre [2014]" names a day after publication."""
    if published is None:
        return False
    match = _start_date().search(sentence.text)
    if not match:
        return False
    year = int(match.group(3)) if match.group(3) else published.year
    try:
        start = date(year, _months()[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return False
    return start > published


def clause_status(verb: Token, published: date | None = None) -> Status:
    """`reported` for a conditional or a sentence attributed to unnamed third parties
    ("selon des sources"; a named source, "Selon LinkedIn, X a été recruté", only fills
    `source`: the seeds gold and the dev gold both read it as done),
    `planned` for a future, "va/doit/prévoit de + infinitive" or a start date after
    `published`, else `done`. `verb` may be any token of the clause (a trigger noun
    takes the mood of its verb)."""
    chain = verb_chain(verb)
    if any(is_conditional(t) for t in chain):
        return "reported"
    if any(a.hearsay and a.name is None for a in attributions(verb.sent)):
        return "reported"
    head = chain[0]
    if any(is_future(t) for t in chain):
        return "planned"
    if any(_said_soon(t) for t in chain):
        return "planned"
    if any(_is_planning_head(t, head) for t in chain if t.pos_ in ("VERB", "AUX")):
        return "planned"
    if _starts_ahead(verb.sent, published) and not any(
        "Past" in t.morph.get("Tense", []) for t in chain
    ):
        return "planned"
    return "done"


def starts_after(value: str, day: date) -> bool:
    """Whether a normalised date begins after `day` (False for an unreadable one)."""
    try:
        return date_interval(value)[0] > day
    except DateFormatError:
        return False


def told_ahead(verb: Token, value: str | None, published: date | None) -> bool:
    """A clause told with no past tense whose own date lies after publication is a plan:
    "son départ est attendu en septembre", "X prend ses fonctions le 2 novembre"."""
    if value is None or published is None or not starts_after(value, published):
        return False
    chain = verb_chain(verb)
    past = any(
        t.dep_ == "aux:tense"
        or (
            "Fin" in t.morph.get("VerbForm", [])
            and {"Past", "Imp"} & set(t.morph.get("Tense", []))
            # "a annoncé qu'il quittait ses fonctions le 31 décembre": said ahead
            and not reported_present(t, load_lexicon())
        )
        for t in chain
    )
    return not past


def clause_source(verb: Token) -> str | None:
    """The named source the sentence attributes the clause to ("Canalys",
    "The Information"), or None when unattributed or unnamed."""
    for attribution in attributions(verb.sent):
        if attribution.name:
            return attribution.name
    return None
