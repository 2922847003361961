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
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, lexicon: TimeLexicon, depth: int = 0) -> Tense | None:
    """The tense of a clause from its verb. Auxiliaries first: a future one ("aura
    quitté") or a governing one ("doit être nommé"); a tense auxiliary with a participle
    is a past ("a quitté", "aurait été recruté"); a passive one gives its own tense
    ("est attendue": none, "serait bouclé": future). An infinitive takes the tense of
    the verb governing it ("va quitter", "vient de quitter"). Present says nothing."""
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    for aux in auxiliaries:
        if _morph(aux, "Tense") == "Fut" or aux.lemma_ in lexicon.future_governors:
            return "future"
    if _morph(verb, "VerbForm") == "Part":
        if any(aux.dep_ == "aux:tense" for aux in auxiliaries):
            return "past"
        passive = next((aux for aux in auxiliaries if aux.dep_ == "aux:pass"), None)
        if passive is None:
            return "past"  # "Nommé le 3 mai, il…"
        if _morph(passive, "VerbForm") == "Inf":
            return _governed_tense(verb, lexicon, depth)
        return _finite_tense(passive)
    if _morph(verb, "VerbForm") == "Inf":
        return _governed_tense(verb, lexicon, depth)
    if reported_present(verb, lexicon, depth):
        return "future"
    return _finite_tense(verb)


def reported_present(verb: Token, lexicon: TimeLexicon, depth: int = 0) -> bool:
    """An imperfect reported by a past verb of saying ("a annoncé qu'il quittait")
    stands for the speaker's present: the shift of tenses, not a past."""
    head = verb.head
    return (
        _morph(verb, "Tense") == "Imp"
        and verb.dep_ == "ccomp"
        and head.i != verb.i
        and head.lemma_ in lexicon.reporting_verbs
        and depth <= 8
        and verb_tense(head, lexicon, depth + 1) == "past"
    )


# Endings of the simple future, added to the infinitive ("quitter" → "quittera") or to
# it less its final e ("rejoindre" → "rejoindra").
_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")


def _regular_future(token: Token) -> bool:
    """Whether the word is its lemma's simple future: the tagger reads some as a simple
    past ("Marie Durand rejoindra…" tagged Past), which dates the move a year early. A
    simple past never is ("entra" is not "entrer" + "a")."""
    lemma, word = token.lemma_.lower(), token.lower_
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return lemma.endswith(("er", "ir", "re")) and word in {stem + e for e in _FUTURE_ENDINGS}


def _finite_tense(token: Token) -> Tense | None:
    tense, mood = _morph(token, "Tense"), _morph(token, "Mood")
    if tense == "Fut" or mood == "Cnd":
        return "future"
    if tense == "Past" and _regular_future(token):
        return "future"
    if tense in {"Past", "Imp"}:
        return "past"
    return None


def _governed_tense(verb: Token, lexicon: TimeLexicon, depth: int = 0) -> Tense | None:
    head = verb.head
    # spaCy makes a new Token object on every access: compare indices; and a chain of
    # infinitives is never deeper than a few verbs
    if head.i == verb.i or depth > 8:
        return None
    if head.lemma_ in lexicon.future_governors:
        return "future"
    if head.lemma_ in lexicon.past_governors:
        return "past"
    return verb_tense(head, lexicon, depth + 1) if head.pos_ in {"VERB", "AUX"} else None


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
