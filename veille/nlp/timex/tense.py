"""A cheap guess of the tense around a time expression, from word lists alone.

Used where there is no parse (the CLI, plain scripts): the cue word (auxiliary,
future ending, "dernier", "prochain") nearest to the expression within its sentence
decides. The spaCy component prefers the governing verb's morphology and falls back
to this.
"""

from __future__ import annotations

import re
from functools import lru_cache

from veille.nlp.timex.expression import Tense
from veille.nlp.timex.lexicon import TimeLexicon, load_lexicon, normalise_word, phrase_regex

_SENTENCE_END = re.compile(r"[.!?;\n]")


@lru_cache(maxsize=4)
def _cue_regex(lexicon: TimeLexicon) -> re.Pattern[str]:
    suffixes = "|".join(re.escape(s) for s in lexicon.future_suffixes)
    return re.compile(
        rf"(?<!\w)(?:(?P<past>{phrase_regex(lexicon.past_cues)})"
        rf"|(?P<future>{phrase_regex(lexicon.future_cues)})"
        rf"|(?P<ending>\w{{2,}}(?:{suffixes})))(?![\w'])",
        re.IGNORECASE,
    )


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def guess_tense(
    text: str, start: int, end: int, lexicon: TimeLexicon | None = None
) -> Tense | None:
    """"past", "future" or None for the expression at text[start:end], from the tense
    cue nearest to it in the same sentence (cues inside the expression excluded)."""
    lexicon = lexicon or load_lexicon()
    first, last = _sentence_bounds(text, start, end)
    plain = text.replace("’", "'")
    best: tuple[int, Tense] | None = None
    for match in _cue_regex(lexicon).finditer(plain, first, last):
        if match.start() < end and match.end() > start:
            continue
        if match.group("past"):
            tense: Tense = "past"
        elif match.group("future"):
            tense = "future"
        elif normalise_word(match.group("ending")) in lexicon.not_future:
            continue
        else:
            tense = "future"
        gap = start - match.end() if match.end() <= start else match.start() - end
        if best is None or gap < best[0]:
            best = (gap, tense)
    return best[1] if best else None
