"""The publication date printed in an article's header, for inputs without metadata."""

from __future__ import annotations

from datetime import date

from veille.nlp.timex.lexicon import TimeLexicon, load_lexicon, normalise_word
from veille.nlp.timex.resolve import resolve
from veille.nlp.timex.scan import normalise_text, scan

# Headers ("Publié le 12 mars 2019 à 10h05 - Mis à jour le …") fit in this many characters.
HEADER_CHARS = 300
# How far before a date its cue ("Publié le") may stand.
_CUE_WINDOW = 30


def header_date(text: str, lexicon: TimeLexicon | None = None) -> date | None:
    """The publication date of an article whose first characters print it, or None.

    Only full dates count (day, month and year). A date introduced by "Publié le" wins
    over an unlabelled one, which wins over "Mis à jour le"; among equals, the first.
    """
    lexicon = lexicon or load_lexicon()
    head = text[:HEADER_CHARS]
    best: tuple[int, int, date] | None = None
    for mention in scan(head, lexicon):
        expression = resolve(mention, None, None, lexicon)
        if expression is None or expression.value is None or len(expression.value) != 10:
            continue
        before = head[max(0, mention.start - _CUE_WINDOW) : mention.start]
        rank = _rank(normalise_word(normalise_text(before)), lexicon)
        candidate = (rank, mention.start, date.fromisoformat(expression.value))
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2] if best else None


def _rank(before: str, lexicon: TimeLexicon) -> int:
    """0 after a publication cue, 2 after an update cue, 1 otherwise. Of the two, the
    cue nearest to the date tells (a header may hold both)."""
    found = [(before.rfind(cue), 0) for cue in lexicon.published_cues if cue in before]
    found += [(before.rfind(cue), 2) for cue in lexicon.updated_cues if cue in before]
    if not found:
        return 1
    return max(found)[1]
