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

import yaml

from veille.facts.lexicon import fold, move_lexicon
from veille.nlp.gazetteer import first_names

# How many sentences back a candidate opening with "Il" / "Celle-ci" may reach for the
# name it stands for (quotes often sit between: "…", a-t-il ajouté).
_REFERENCE_REACH = 4
# a capitalised word and the capitalised word after it ("Pierre Gaudin")
_FIRST_AND_LAST = re.compile(r"\b([A-ZÀ-Ý][\w-]+)(?=\s+(?:de\s+|d')?[A-ZÀ-Ý])")

# Sentence ends, as veille/nlp/sentences.py draws them: a period, "!" or "?" (maybe
# glued to the next word: "Pyrénées.Alors") before an upper-case letter, and line breaks.
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"\-–—A-ZÀ-Ý0-9])"
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


@lru_cache(maxsize=1)
def _title_with_org() -> re.Pattern[str]:
    """Any role title of the lexicon followed, within a few words, by "de / chez": on
    folded text ("senateur de la Vendee", "delegue general de La Republique")."""
    heads = sorted({words[0] for words, _ in move_lexicon().titles}, key=len, reverse=True)
    words = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"\b(?:{words})\b(?:\s+[\w'-]+){{0,4}}?\s+(?:de|d'|du|des|chez)\b")


def _names_someone(sentence: str) -> bool:
    """A known first name followed by a capitalised word ("Bertrand Delais")."""
    return any(m.group(1) in first_names() for m in _FIRST_AND_LAST.finditer(sentence))


def _states_a_position(sentence: str) -> bool:
    """A role title with its organisation and a person named in full: the stuff of a
    `position` fact, whatever the title."""
    return bool(_title_with_org().search(fold(sentence))) and _names_someone(sentence)


def is_candidate(sentence: str) -> bool:
    return _cues()[0].search(sentence) is not None or _states_a_position(sentence)


def plan_chunks(
    text: str, *, fast_path: bool, lead_starts: tuple[int, ...] = ()
) -> list[tuple[int, int]]:
    """Character ranges of `text` to parse, in order: all of it, or (fast path) the runs
    of candidate sentences. `lead_starts`: where the summary and the text begin (their
    first sentences are the lead)."""
    if not fast_path or not text:
        return [(0, len(text))] if text else []
    cue, reference = _cues()
    sentences = sentence_ranges(text)
    keep = [
        cue.search(text[s:e]) is not None or _states_a_position(text[s:e]) for s, e in sentences
    ]
    headline_move = bool(keep) and keep[0]
    if keep:
        keep[0] = True  # the title introduces the article's people and organisations
    for part_start in lead_starts if headline_move else ():
        # the lead dates the news the title tells (facts/news_peg.py): needed only
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
    chunks: list[tuple[int, int]] = []
    for (s, e), selected in zip(sentences, keep, strict=True):
        if not selected:
            continue
        if chunks and _only_space_between(text, chunks[-1][1], s):
            chunks[-1] = (chunks[-1][0], e)
        else:
            chunks.append((s, e))
    return chunks


def _only_space_between(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip() or end == start
