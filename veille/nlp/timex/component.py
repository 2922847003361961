"""The spaCy component `veille_timex`: time expressions as `doc.spans["timex"]`.

Each span carries its resolved `TimeExpression` in `span._.timex`, resolved against
`doc._.published` (an ISO date or datetime string, set by whoever makes the Doc).
Where an incomplete date needs a tense ("lundi", "le 3 mai"), the governing verb's
morphology gives it; the word-list guess of tense.py covers what the parse leaves open.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veille.nlp.timex.expression import Tense
from veille.nlp.timex.lexicon import TimeLexicon, load_lexicon
from veille.nlp.timex.resolve import resolve
from veille.nlp.timex.scan import scan
from veille.nlp.timex.tense import guess_tense

SPAN_KEY = "timex"
# How many heads up to look for the verb governing an expression.
_MAX_CLIMB = 6

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


def published_date(doc: Doc) -> date | None:
    """`doc._.published` as a date; None when absent or unreadable."""
    value = doc._.published
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature, [])
    return values[0] if values else None


def governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(_MAX_CLIMB):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, lexicon: TimeLexicon) -> Tense | None:
    """The tense of a clause from its verb: auxiliaries first ("aura quitté", "a
    quitté", "aurait été recruté"), then governing verbs of an infinitive ("va quitter",
    "vient de quitter"), then the verb's own morphology. Present tense says nothing."""
    participle = _morph(verb, "VerbForm") == "Part"
    for aux in verb.children:
        if not aux.dep_.startswith("aux") or aux.dep_ == "aux:pass" and not participle:
            continue
        if _morph(aux, "Tense") == "Fut":
            return "future"
        if aux.lemma_ in lexicon.future_governors:
            return "future"
        if participle and aux.dep_ == "aux:tense":
            return "past"
    if _morph(verb, "VerbForm") == "Inf" and verb.head.i != verb.i:
        if verb.head.lemma_ in lexicon.future_governors:
            return "future"
        if verb.head.lemma_ in lexicon.past_governors:
            return "past"
        return verb_tense(verb.head, lexicon) if verb.head.pos_ in {"VERB", "AUX"} else None
    tense, mood = _morph(verb, "Tense"), _morph(verb, "Mood")
    if tense == "Fut" or mood == "Cnd":
        return "future"
    if tense in {"Past", "Imp"}:
        return "past"
    return None


class TimexTagger:
    """Sets doc.spans["timex"]; each span's `._.timex` is its TimeExpression."""

    def __init__(self, lexicon_path: str | None = None):
        self.lexicon = load_lexicon(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc)
        spans: list[Span] = []
        for mention in scan(doc.text, self.lexicon):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or any(s.start < span.end and span.start < s.end for s in spans):
                continue
            tense = self._tense(doc, span, mention.start, mention.end)
            expression = resolve(mention, published, tense, self.lexicon)
            if expression is None:
                continue
            span._.timex = expression
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _tense(self, doc: Doc, span: Span, start: int, end: int) -> Tense | None:
        verb = governing_verb(span) if doc.has_annotation("DEP") else None
        tense = verb_tense(verb, self.lexicon) if verb is not None else None
        return tense or guess_tense(doc.text, start, end, self.lexicon)


@Language.factory(
    "veille_timex",
    default_config={"lexicon_path": None},
    assigns=["doc.spans"],
)
def make_timex_tagger(nlp: Language, name: str, lexicon_path: str | None) -> TimexTagger:
    return TimexTagger(lexicon_path)
