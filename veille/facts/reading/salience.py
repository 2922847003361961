"""Who and what an article is about, read cheaply from its raw text.

These scans need no parse, so they give the same answer whether the fast path parses
a few sentences or the whole article: the people named in full (to expand later
surname-only references) and the organisation named most often (what a move whose
own clause names none is most likely about).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from veille.facts.reading.lexicon import (
    alternation,
    fold,
    grammar_words,
    move_lexicon,
    name_words,
    pattern,
    single_word,
    word_list,
)
from veille.nlp.gazetteer import builtin_orgs, first_names

_WORD = r"[A-ZÀ-Ý][\w'’-]*[\w]"


@lru_cache(maxsize=1)
def _full_name() -> re.Pattern[str]:
    # a name never runs across a line break (the title ends there)
    particle = rf"(?:{alternation(word_list('names_fr.yaml', 'full_name_particles'), ' ')})?"
    return re.compile(rf"\b({_WORD})[^\S\n]+({particle}{_WORD}(?:[^\S\n]+{_WORD})?)")


@lru_cache(maxsize=1)
def _capitalised_run() -> re.Pattern[str]:
    links = alternation(word_list("names_fr.yaml", "capitalised_run_links"))
    return re.compile(rf"\b([A-ZÀ-Ý][\w&+'’-]*(?:[^\S\n]+(?:[A-ZÀ-Ý0-9][\w&+'’-]*|{links}))*)")


@lru_cache(maxsize=1)
def _org_forms() -> dict[str, str]:
    """Case-sensitive gazetteer form -> canonical name, for forms that need no cue."""
    forms: dict[str, str] = {}
    for org in builtin_orgs():
        for form in org.forms:
            if form not in org.needs_cue:
                forms.setdefault(form, org.name)
    return forms


@lru_cache(maxsize=1)
def _known_orgs() -> frozenset[str]:
    return frozenset(_org_forms().values())


@lru_cache(maxsize=1)
def _territory_before() -> re.Pattern[str]:
    """A territorial title and its "de" right before a name ("maire de ", "préfet des ")."""
    titles = sorted(move_lexicon().territorial_titles, key=len, reverse=True)
    alternatives = "|".join(re.escape(t) for t in titles)
    return pattern("names_fr.yaml", "territory_before", flags=re.IGNORECASE, titles=alternatives)


# "unités de soins intensifs (USI)", "USI (unités de soins intensifs)": an acronym of
# common nouns, no organisation
_SPELT_OUT_AFTER = re.compile(r"\s*\((?:[a-zà-ÿ'’-]+\s+){1,6}[a-zà-ÿ'’-]+\)")
_SPELT_OUT_BEFORE = re.compile(r"(?:[a-zà-ÿ'’-]+\s+){1,6}[a-zà-ÿ'’-]+\s*\($")
# A key that stands for a piece of a title: counted, so that an article about "le Premier
# ministre" is about no organisation rather than about the next name it quotes.
_TITLE_PIECE = "\x00title"


def _title_piece_key(text: str, start: int, end: int, run: str) -> str | None:
    """What a capitalised run that is part of a title stands for: the ministry of
    "ministre de l'Intérieur" ("ministère de l'Intérieur"), nothing for "Premier
    ministre" or an acronym of common nouns ("USI (unités de soins intensifs)")
    (`_TITLE_PIECE`); None for a run that is no such piece."""
    before = text[max(0, start - 80) : start]
    ministry = pattern("names_fr.yaml", "ministry_before", flags=re.IGNORECASE).search(before)
    if ministry:
        de = re.sub(r"\s+", " ", ministry.group("de")).replace("’", "'")
        return _ministry() + " " + de + run
    after = re.match(r"\s+([\w'’-]+)", text[end : end + 30])
    if (
        (after and fold(after.group(1)) in move_lexicon().title_heads)
        or _SPELT_OUT_AFTER.match(text, end)
        or _SPELT_OUT_BEFORE.search(before)
    ):
        return _TITLE_PIECE
    return None


def _ministry() -> str:
    """The noun that names a minister's ministry: "ministre des Armées" works at the
    "ministère des Armées"."""
    return single_word("names_fr.yaml", "ministry")


@lru_cache(maxsize=1)
def _topic_before() -> re.Pattern[str]:
    """A noun of a matter right before a name ("affaire ", "dossier ")."""
    nouns = "|".join(re.escape(n) for n in sorted(move_lexicon().topic_nouns))
    return re.compile(rf"\b(?:{nouns})\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _media() -> frozenset[str]:
    return frozenset(org.name for org in builtin_orgs() if org.type == "media")


def _last_non_space(text: str, end: int) -> str | None:
    """The last character of `text[:end]` that is not white space, or None."""
    index = end - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return text[index] if index >= 0 else None


def article_names(text: str) -> list[str]:
    """Full person names (a known first name, then capitalised words), in order."""
    names: list[str] = []
    titles = move_lexicon().title_heads
    for match in _full_name().finditer(text):
        first, rest = match.group(1), match.group(2)
        if first not in first_names() or fold(rest.split()[0]) in titles:
            continue
        name = f"{first} {rest}".replace("’", "'")
        if name not in names:
            names.append(name)
    return names


def article_org(text: str, title_end: int = 0) -> str | None:
    """The organisation named most often (at least twice) in the article: gazetteer
    names, or capitalised names that are neither a person nor a place we know of. A
    known organisation in the title (`text[:title_end]`) counts twice: the headline
    says what the article is about (an unknown capitalised run there may be a person
    whose first name no list holds)."""
    forms = _org_forms()
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    names = {n.split()[0] for n in article_names(text)}
    for match in _capitalised_run().finditer(text):
        run = match.group(1).rstrip(" -'’")
        words = run.split()
        # "Chez Aston Martin, …": a capitalised preposition opening a sentence is not
        # part of the name after it
        if len(words) > 1 and fold(words[0]) in name_words("sentence_opening_words"):
            words = words[1:]
            run = " ".join(words)
        # a person's name ends the organisation's ("le député PS François Pupponi"); a
        # first name closing the run is part of it ("Aston Martin")
        for k, word in enumerate(words[1:-1], start=1):
            if word in first_names():
                words = words[:k]
                # "le départ de l'Elysée de Paul Martin": "Elysée", not "Elysée de"
                while len(words) > 1 and words[-1] in grammar_words("preposition_de_du_des"):
                    words.pop()
                run = " ".join(words)
                break
        # the longest gazetteer form at the start of the run, else the run itself
        key = None
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            if candidate in forms:
                key = forms[candidate]
                break
        if key is None:
            # a capital that opens a sentence says nothing; a gazetteer name does
            # (the last character before the run, found without copying the text before
            # it: a copy per run would cost the square of the article's length)
            last = _last_non_space(text, match.start())
            if (
                last is None
                or last in '.!?:«"\n'
                or text[match.start() - 1 : match.start()] == "\n"
            ):
                continue
            # "à Toulon", "en Espagne", "préfet des Hautes-Pyrénées": places
            if pattern("names_fr.yaml", "place_before").search(
                text, max(0, match.start() - 12), match.start()
            ):
                continue
            if _territory_before().search(text, max(0, match.start() - 40), match.start()):
                continue
            # "l'affaire Benalla": a matter named after someone, not an organisation
            if _topic_before().search(text, max(0, match.start() - 20), match.start()):
                continue
            if (
                words[0] in names
                or words[0] in first_names()
                or fold(run) in name_words("not_orgs_alone")
                or fold(words[0]).rstrip(".") in name_words("civilities")  # "Mme Lopez": a person
            ):
                continue
            if len(words) == 1 and len(run) < 3:
                continue
            run_start = text.find(run, match.start())
            key = _title_piece_key(text, run_start, run_start + len(run), run) or run
        source_before = pattern("names_fr.yaml", "source_before")
        medium_before = pattern("names_fr.yaml", "medium_before", flags=re.IGNORECASE)
        start = match.start()
        if source_before.search(text, max(0, start - 25), start) or (
            key in _media() and medium_before.search(text, max(0, start - 12), start)
        ):
            continue  # "selon Le Parisien", "a-t-il confié à l'AFP": who reports, not who
        known = key in _known_orgs()
        counts[key] += 2 if match.start() < title_end and known else 1
        first_seen.setdefault(key, match.start())
    for key in [k for k in counts if k.startswith(_ministry() + " ")]:
        # "la ministre des Armées" … "les Armées": one ministry
        bare = next((b for b in counts if b != key and key.endswith(" " + b)), None)
        if bare is None:
            bare = next((b for b in counts if key.endswith("'" + b)), None)
        if bare is not None:
            counts[key] += counts.pop(bare)
            first_seen[key] = min(first_seen[key], first_seen[bare])
    eligible = {k: v for k, v in counts.items() if v >= 2}
    if not eligible:
        return None
    best = max(eligible.values())
    chosen = min((k for k, v in eligible.items() if v == best), key=lambda k: first_seen[k])
    return None if chosen == _TITLE_PIECE else chosen
