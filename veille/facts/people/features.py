"""What the model sees of a person–organisation pair: named features, most of them words.

A feature is a name with a value (1.0 for a word being there). The words are lemmas,
folded, taken where relation classifiers find their signal: between the two mentions,
just around them, on the dependency path that joins them, and the verbs of the sentence.
A pair named in several sentences has the union of its closest sentences' features
(the strongest value of each; a sentence naming both before a neighbouring one), so "Il
a quitté Orange en 2019" and "Marie Durand, ancienne d'Orange" both speak for the pair.
The rules' proposals are features too: what the rules say about the pair is evidence
the model weighs, not a verdict.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.facts.people.candidates import (
    ARTICLE_ORG_GENERATOR,
    NEIGHBOUR_GENERATOR,
    PRONOUN_GENERATOR,
    REFERENCE_GENERATOR,
    SENTENCE_GENERATOR,
    TITLE_ORG_GENERATOR,
    Occurrence,
    Pair,
    cue_words,
    label_of,
    people_lexicon,
)
from veille.facts.reading.lexicon import fold, move_lexicon
from veille.records import Move, Position

# How many words either side of the pair are read, and how far apart two mentions may
# be for the words between them to be read one by one.
_WINDOW = 3
_BETWEEN = 12
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEAR_RANGE = re.compile(
    rf"\b(?:19|20)\d\d\s*(?:{people_lexicon()['year_span_links']})\s*"
    rf"(?:(?:19|20)\d\d|{people_lexicon()['until_now']})"
)


def _word(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return fold(token.lemma_ or token.text)


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 12, 20)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def occurrence_features(occ: Occurrence, title_end: int) -> dict[str, float]:
    """The features of one sentence naming the pair; `title_end` is where the article's
    first part (its title) ends in the article string."""
    sent, p, o = occ.sent, occ.person, occ.org
    doc = sent.doc
    f: dict[str, float] = {"kind:" + occ.kind: 1}
    if o is not None and o.start >= sent.start and o.end <= sent.end:
        _span_features(p, o, sent, f)
        _path_features(p.root, o.root, f)
    else:
        for token in doc[max(sent.start, p.start - _WINDOW):p.start]:
            f["before:" + _word(token)] = 1
        for token in doc[p.end:min(sent.end, p.end + _WINDOW)]:
            f["after:" + _word(token)] = 1
    if o is not None:
        f["org_label:" + (o.label_ or "body")] = 1
        f["org_dep:" + o.root.dep_] = 1
        if o.start > 0:
            f["org_after:" + fold(doc[o.start - 1].text)] = 1
    f["person_dep:" + p.root.dep_] = 1
    for token in sent:
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            _word_features(f, "verb", token)
    folded = fold(sent.text)
    words = set(folded.split())
    for cue, forms in cue_words().items():
        if words & forms or any(" " in form and form in folded for form in forms):
            f["cue:" + cue] = 1
    if _YEAR.search(sent.text):
        f["sentence_year"] = 1
    if _YEAR_RANGE.search(sent.text):
        f["sentence_year_range"] = 1
    people = sum(e.label_ == "PER" for e in sent.ents)
    f["people_in_sentence:" + bucket(people, (1, 2, 3, 5))] = 1
    f["sentence_in_title"] = float(occ.chunk.offset + sent.start_char < title_end)
    return f


def _span_features(p: Span, o: Span, sent: Span, f: dict[str, float]) -> None:
    """Where the two mentions stand in their sentence and the words around them."""
    doc = sent.doc
    first, last = (p, o) if p.start < o.start else (o, p)
    f["order:" + ("person_first" if first is p else "org_first")] = 1
    gap = max(last.start - first.end, 0)
    f["gap:" + bucket(gap)] = 1
    if gap <= _BETWEEN:
        for token in doc[first.end:last.start]:
            if not token.is_punct or token.text in {"(", ",", ":"}:
                _word_features(f, "between", token)
    else:
        f["between:far"] = 1
    for token in doc[max(sent.start, first.start - _WINDOW):first.start]:
        f["before:" + _word(token)] = 1
    for token in doc[last.end:min(sent.end, last.end + _WINDOW)]:
        f["after:" + _word(token)] = 1


def title_end(text: str) -> int:
    """Where the article string's first part ends (its title, when it has one)."""
    return max(text.find("\n\n"), 0)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, str]:
    """Lemma -> the move lexicon's class of it: a verb or noun of starting, of ending, a
    role title's first word. The class generalises past the words train holds."""
    lexicon = move_lexicon()
    classes = {fold(w): "title" for w in lexicon.title_heads}
    classes.update({fold(w): "start" for w in [*lexicon.start_verbs, *lexicon.start_nouns]})
    classes.update({fold(w): "end" for w in [*lexicon.end_verbs, *lexicon.end_nouns]})
    return classes


def _word_features(f: dict[str, float], name: str, token: Token) -> None:
    """`name:word` for the token's word and `name_class:class` for its class in the move
    lexicon, when it has one: the class generalises past the words train holds."""
    word = _word(token)
    f[f"{name}:{word}"] = 1
    word_class = word_classes().get(word)
    if word_class is not None:
        f[f"{name}_class:{word_class}"] = 1


def _path_features(a: Token, b: Token, f: dict[str, float]) -> None:
    """The dependency path from the person to the organisation: its lowest common
    ancestor's lemma and class, the labels up and down, and the words each mention
    hangs on."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    classes = word_classes()
    _word_features(f, "person_head", a.head)
    _word_features(f, "org_head", b.head)
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        f["path:none"] = 1
        return
    left = [t.dep_ for t in up_a[: up_a.index(common)]]
    right = [t.dep_ for t in up_b[: up_b.index(common)]]
    shape = "/".join(left) + "^" + "/".join(reversed(right))
    top = _word(common)
    f["path_top:" + top] = 1
    f["path_len:" + bucket(len(left) + len(right), (1, 2, 3, 4, 6))] = 1
    top_class = classes.get(top, "other")
    f["path_top_class:" + top_class] = 1
    if len(left) + len(right) <= 4:
        f["path:" + shape] = 1
        f[f"path_class:{top_class}:{shape}"] = 1


def pair_features(
    pair: Pair, title: str, mentions: dict[str, int], first_part_end: int
) -> dict[str, float]:
    """The features of a pair: its rules' facts, its counts, its sentences'.

    `title` is the article's title, folded; `mentions` counts the folded organisation
    names of the article's pairs (how central the organisation is); `first_part_end`
    is `title_end` of the article string."""
    f: dict[str, float] = {"bias": 1.0}
    for fact in pair.rule_facts:
        label = label_of(fact)
        f[f"rule:{label}"] = max(f.get(f"rule:{label}", 0), fact.confidence)
        if isinstance(fact, Position):
            f["rule:position_current" if fact.current else "rule:position_former"] = 1
        if isinstance(fact, Move):
            f[f"rule:{fact.change}_{fact.status}"] = 1
    if not pair.rule_facts:
        f["rule:none"] = 1
    f["sentences:" + bucket(len(pair.occurrences), (0, 1, 2, 3, 5))] = 1
    org = fold(pair.org)
    f["org_mentions:" + bucket(mentions.get(org, 0), (0, 1, 2, 3, 5, 8))] = 1
    f["org_in_title"] = float(bool(org) and org in title)
    f["person_in_title"] = float(fold(pair.person.split()[-1]) in title.split())
    f["person_words:" + bucket(len(pair.person.split()), (1, 2, 3))] = 1
    for kind in sorted({occ.kind for occ in pair.occurrences}):
        f["kind:" + kind] = 1
    for occ in closest_occurrences(pair):
        for name, value in occurrence_features(occ, first_part_end).items():
            if name not in f or value > f[name]:
                f[name] = value
    return f


# Occurrences by how closely they tie the two: one sentence naming both (or the person
# by a pronoun, the organisation by its title or a reference), then a neighbouring
# sentence's organisation, then the article's main one.
_TIERS = (
    frozenset({SENTENCE_GENERATOR, PRONOUN_GENERATOR, TITLE_ORG_GENERATOR,
               REFERENCE_GENERATOR}),
    frozenset({NEIGHBOUR_GENERATOR}),
    frozenset({ARTICLE_ORG_GENERATOR}),
)


def closest_occurrences(pair: Pair) -> list[Occurrence]:
    """The occurrences of the closest tier the pair has: the words of a sentence naming
    both describe the pair, not those of the sentence next to it (which describe
    another pair of the same person)."""
    for tier in _TIERS:
        found = [occ for occ in pair.occurrences if occ.kind in tier]
        if found:
            return found
    return list(pair.occurrences)
