"""The pure-Python tagger: text and publication date in, resolved expressions out."""

from __future__ import annotations

from datetime import date

from veille.nlp.timex.expression import TimeExpression
from veille.nlp.timex.lexicon import TimeLexicon, load_lexicon
from veille.nlp.timex.resolve import resolve
from veille.nlp.timex.scan import scan
from veille.nlp.timex.tense import guess_tense


def find_time_expressions(
    text: str, published: date | None, lexicon: TimeLexicon | None = None
) -> list[TimeExpression]:
    """Time expressions of `text` in order, resolved against `published` (None: relative
    ones keep value None). Needs no model: the tense that settles "lundi" or "le 3 mai"
    comes from cue words (see tense.py)."""
    lexicon = lexicon or load_lexicon()
    found: list[TimeExpression] = []
    for mention in scan(text, lexicon):
        tense = guess_tense(text, mention.start, mention.end, lexicon)
        expression = resolve(mention, published, tense, lexicon)
        if expression is not None:
            found.append(expression)
    return found
