"""Which parts of an article are worth parsing: the fast path.

Most sentences of most articles hold no fact. A sentence is a candidate when it holds
a cue of veille/data/fast_path_fr.yaml (a move verb or noun, a role next to a name, a
number with a currency or a percent sign, a partnership word); a candidate that opens
with a reference to someone named before ("Il", "Celle-ci") brings the sentence before
it. The title (first line) and the lead (the first sentence of the summary and of the
text) are always parsed: they introduce the article's people and organisations, and the
lead dates its news. Runs of selected sentences are parsed as
one chunk each; the rest of the article is never parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

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


def is_candidate(sentence: str) -> bool:
    return _cues()[0].search(sentence) is not None


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
    keep = [cue.search(text[s:e]) is not None for s, e in sentences]
    if keep:
        keep[0] = True  # the title introduces the article's people and organisations
    for part_start in lead_starts:
        lead = next((i for i, (s, _) in enumerate(sentences) if s >= part_start), None)
        if lead is not None:
            keep[lead] = True  # the lead dates the news (facts/news_peg.py)
    for i in range(1, len(sentences)):
        s, e = sentences[i]
        if keep[i] and reference.search(text[s:e]):
            keep[i - 1] = True
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
