"""Which parts of an article are worth parsing: the fast path.

Most sentences of most articles hold no fact. A sentence is a candidate when it holds
a cue of veille/data/fast_path_fr.yaml (a move verb or noun, a role next to a name, a
number with a currency or a percent sign, a partnership word) or a role title with "de"
and a full name (a `position`, whatever the title). A candidate that opens with a
reference to someone named before ("Il", "Celle-ci") brings the sentences before it, back
to the one naming someone in full (at most four). The title (first line) is always
parsed: it introduces the article's people and organisations; when it holds a cue, so is
the lead (the first sentence of the summary and of the text), which dates the news the
title tells. Runs of selected sentences are parsed as one chunk each; the rest of the
article is never parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml

from veille.facts.reading.lexicon import country_of, fold, move_lexicon, pattern
from veille.nlp.gazetteer import first_names

# How many sentences back a candidate opening with "Il" / "Celle-ci" may reach for the
# name it stands for (quotes often sit between: "…", a-t-il ajouté).
_REFERENCE_REACH = 4

# Sentence ends, as veille/nlp/sentences.py draws them: a period, "!" or "?" (maybe
# glued to the next word: "Pyrénées.Alors") before an upper-case letter, and line breaks;
# not the period of "M. Akard", "Mme", "Dr", "St" or an initial ("J.-P. Martin").
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])(?<!\b[A-Z]\.)(?<!\bMme\.)(?<!\bDr\.)(?<!\bSt\.)[»\"”)]?\s+(?=[«\"\-–—A-ZÀ-Ý0-9])"
    r"|(?<=[a-zà-ÿ0-9)»\"'][.!?])(?=[A-ZÀ-Ý«\"])"
    r"|(?<=[A-Z][A-Z][.])(?=[A-ZÀ-Ý][a-zà-ÿ])"
    r"|\n+"
)


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = resources.files("veille.data").joinpath("fast_path_fr.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    patterns = [p for group in ("moves", "positions", "business") for p in data[group]]
    cue = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return cue, re.compile(data["references"], re.IGNORECASE)


def sentence_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of `text`, cheaply (no model)."""
    ranges = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            ranges.append((start, match.start()))
        start = match.end()
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def _title_first_words() -> str:
    """The first words of the lexicon's titles (folded) as a regex alternation."""
    heads = sorted({words[0] for words, _ in move_lexicon().titles}, key=len, reverse=True)
    return "|".join(re.escape(h) for h in heads)


@lru_cache(maxsize=1)
def _title_with_org() -> re.Pattern[str]:
    """Any role title of the lexicon followed, within a few words, by "de / chez": on
    folded text ("senateur de la Vendee", "delegue general de La Republique")."""
    return pattern("fast_path_fr.yaml", "title_with_org", titles=_title_first_words())


@lru_cache(maxsize=1)
def _folded_first_names() -> frozenset[str]:
    return frozenset(fold(name) for name in first_names())


def _names_someone(sentence: str) -> bool:
    """A known first name (accents aside: "Édouard") followed by a capitalised word."""
    known = _folded_first_names()
    # a capitalised word and the capitalised word after it ("Pierre Gaudin")
    first_and_last = pattern("fast_path_fr.yaml", "first_and_last")
    return any(fold(m.group(1)) in known for m in first_and_last.finditer(sentence))


# a capitalised word that does not open the sentence: a name, whoever it is
_CAPITALISED_INSIDE = re.compile(r"(?<=[\s(«\"'’-])[A-ZÀ-Ý][\w'’-]+")


@lru_cache(maxsize=1)
def _title_with_change() -> re.Pattern[str]:
    """ "le maire LR sortant", "la future directrice": a title and a change adjective
    (a move the title itself states; facts/rules/moves.py `_move_from_adjective`)."""
    titles = _title_first_words()
    adjectives = "|".join(re.escape(a) for a in sorted(move_lexicon().change_adjectives))
    return re.compile(
        rf"\b(?:{titles})\b(?:\s+\S+){{0,2}}?\s+(?:{adjectives})\b"
        rf"|\b(?:{adjectives})\s+(?:\S+\s+)?(?:{titles})\b"
    )


@lru_cache(maxsize=1)
def _title_after_possessive() -> re.Pattern[str]:
    """ "Rosneft et son patron X": a title whose organisation is the possessor."""
    return pattern("fast_path_fr.yaml", "title_after_possessive", titles=_title_first_words())


@lru_cache(maxsize=1)
def _title_with_nationality() -> re.Pattern[str]:
    """ "le président turc", "la chancelière allemande": a state's leader (rules/bindings.py
    `_seat_or_country`); the adjective is checked by `country_of`."""
    titles = "|".join(re.escape(t) for t in sorted(move_lexicon().state_titles, key=len))
    return re.compile(rf"\b(?:{titles})\s+([\w-]+)")


@lru_cache(maxsize=1)
def _self_placing_title() -> re.Pattern[str]:
    """ "Premier ministre", "député", "sénatrice": titles that name their organisation
    by themselves (moves_fr.yaml `implicit_orgs`, `seat_bodies`)."""
    lex = move_lexicon()
    titles = sorted({*lex.implicit_orgs, *lex.seat_bodies}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\b")


def _holds_a_fixed_post(folded: str) -> bool:
    """A title that names its organisation by itself, or a state's leader named by
    nationality ("le président turc")."""
    return _self_placing_title().search(folded) is not None or any(
        country_of(m.group(1)) for m in _title_with_nationality().finditer(folded)
    )


def _states_a_position(sentence: str) -> bool:
    """A role title with its organisation and a person named in full: the stuff of a
    `position` fact, whatever the title."""
    folded = fold(sentence)
    titled = (
        _title_with_org().search(folded)
        or _title_with_change().search(folded)
        or _title_after_possessive().search(folded)
        or _holds_a_fixed_post(folded)
    )
    # a person the model may know though no first name list does ("Sibeth Ndiaye")
    return bool(titled) and _CAPITALISED_INSIDE.search(sentence) is not None


@lru_cache(maxsize=4096)
def is_candidate(sentence: str) -> bool:
    """Whether the fast path parses this sentence. Cached: business/orgs.py asks once per
    organisation the sentence names."""
    return _cues()[0].search(sentence) is not None or _states_a_position(sentence)


class Piece(NamedTuple):
    """A range of the article to parse, and whether it is a run of candidate sentences."""

    start: int
    end: int
    candidate: bool


def plan_chunks(
    text: str, *, fast_path: bool, lead_starts: tuple[int, ...] = ()
) -> list[tuple[int, int]]:
    """Character ranges of `text` to parse, in order (see `plan_pieces`)."""
    return [
        (p.start, p.end) for p in plan_pieces(text, fast_path=fast_path, lead_starts=lead_starts)
    ]


def plan_pieces(text: str, *, fast_path: bool, lead_starts: tuple[int, ...] = ()) -> list[Piece]:
    """The pieces of `text` to parse, in order: (fast path) the runs of candidate
    sentences; without it, those same runs and, as pieces of their own, the runs of the
    other sentences, so that a candidate sentence is parsed with the same neighbours
    either way and the two modes differ only by what the skipped sentences add.
    `lead_starts`: where the summary and the text begin (their first sentences are the
    lead)."""
    if not text:
        return []
    cue, reference = _cues()
    sentences = sentence_ranges(text)
    keep = [
        cue.search(text[s:e]) is not None or _states_a_position(text[s:e]) for s, e in sentences
    ]
    headline_move = bool(keep) and keep[0]
    if keep:
        keep[0] = True  # the title introduces the article's people and organisations
    for part_start in lead_starts if headline_move else ():
        # the lead dates the news the title tells (facts/rules/news_peg.py): needed only
        # when the title may tell a move
        lead = next((i for i, (s, _) in enumerate(sentences) if s >= part_start), None)
        if lead is not None:
            keep[lead] = True
    for i in range(len(sentences) - 1, 0, -1):
        s, e = sentences[i]
        if keep[i] and reference.search(text[s:e]):
            # back to the sentence that names someone in full: what "Il" means
            for j in range(i - 1, max(i - 1 - _REFERENCE_REACH, -1), -1):
                keep[j] = True
                if _names_someone(text[sentences[j][0] : sentences[j][1]]):
                    break
    pieces: list[Piece] = []
    for (s, e), selected in zip(sentences, keep, strict=True):
        if not selected and fast_path:
            continue
        last = pieces[-1] if pieces else None
        if last and last.candidate == selected and _only_space_between(text, last.end, s):
            pieces[-1] = Piece(last.start, e, selected)
        else:
            pieces.append(Piece(s, e, selected))
    return pieces


def _only_space_between(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip() or end == start
