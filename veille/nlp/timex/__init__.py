"""French time expressions, found and normalised against the publication date.

`find_time_expressions(text, published)` needs no model; importing this package also
registers the spaCy component `veille_timex` (see component.py). The words and
patterns live in `veille/data/time_fr.yaml`.
"""

from veille.nlp.timex import component as _component  # noqa: F401  (registers the factory)
from veille.nlp.timex.attach import date_for, date_span_for, expressions_in, timex_spans
from veille.nlp.timex.expression import Mention, Tense, TimeExpression
from veille.nlp.timex.header import header_date
from veille.nlp.timex.lexicon import TimeLexicon, TimeLexiconError, load_lexicon
from veille.nlp.timex.resolve import resolve
from veille.nlp.timex.scan import scan
from veille.nlp.timex.tagger import find_time_expressions
from veille.nlp.timex.tense import guess_tense

__all__ = [
    "Mention",
    "Tense",
    "TimeExpression",
    "TimeLexicon",
    "TimeLexiconError",
    "date_for",
    "date_span_for",
    "expressions_in",
    "find_time_expressions",
    "guess_tense",
    "header_date",
    "load_lexicon",
    "resolve",
    "scan",
    "timex_spans",
]
