"""Which time expression a fact's words refer to, for fact extractors.

A fact found around a trigger token ("nommé", "quitte") takes the date of the time
expression of its sentence that the parse attaches to the trigger's clause; failing
that, the nearest one in the sentence. Expressions with no value (durations, relative
dates with no publication date) are skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from veille.nlp.timex.component import SPAN_KEY, governing_verb
from veille.nlp.timex.expression import TimeExpression


def timex_spans(doc: Doc) -> list[Span]:
    """The spans the component set, or [] when it did not run on this Doc."""
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []


def expressions_in(span: Span) -> list[TimeExpression]:
    """The resolved expressions lying inside `span` (a sentence, a fact's evidence),
    with offsets relative to its Doc."""
    return [
        s._.timex
        for s in timex_spans(span.doc)
        if s.start >= span.start and s.end <= span.end and s._.timex is not None
    ]


def _clause_verb(token: Token) -> Token:
    verb = governing_verb(token.doc[token.i : token.i + 1])
    return verb if verb is not None else token


def date_span_for(trigger: Token) -> Span | None:
    """The timex span of the trigger's sentence that dates it: one governed by the
    trigger's clause verb first, else the nearest; None when the sentence has none."""
    sentence = trigger.sent
    candidates = [
        s
        for s in timex_spans(trigger.doc)
        if s.start >= sentence.start
        and s.end <= sentence.end
        and s._.timex is not None
        and s._.timex.value is not None
        and s._.timex.kind != "duration"
    ]
    if not candidates:
        return None
    verb = _clause_verb(trigger)

    def rank(span: Span) -> tuple[int, int]:
        attached = governing_verb(span) == verb
        gap = min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))
        return (0 if attached else 1, gap)

    return min(candidates, key=rank)


def date_for(trigger: Token) -> TimeExpression | None:
    """The TimeExpression dating the fact around `trigger` (see `date_span_for`)."""
    span = date_span_for(trigger)
    return span._.timex if span is not None else None
