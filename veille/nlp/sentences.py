"""Sentences glued without a space after the period ("Pyrénées.Alors").

The corpus glues many sentences this way. Rather than inserting spaces (which would
shift every character offset), the tokenizer splits the period off and this component
marks the next token as a sentence start before the parser runs, so offsets keep
pointing into the original article string.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

# A period between a lower-case letter (or closing quote/bracket) and an upper-case
# letter. Acronyms ("S.A.") have an upper-case letter before the period and domain
# names ("Salesforce.com") a lower-case one after it, so neither matches.
GLUED_PERIOD = r"(?<=[a-zà-ÿ0-9\)»\"'])[.!?](?=[A-ZÀ-Ý«])"
_GLUED = re.compile(GLUED_PERIOD)


def split_glued_periods(nlp: Language) -> None:
    """Teach the tokenizer to split a glued period into its own token."""
    infixes = list(nlp.Defaults.infixes) + [GLUED_PERIOD]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@Language.component("veille_glued_sentences")
def mark_glued_sentence_starts(doc: Doc) -> Doc:
    for token in doc[1:-1]:
        if token.text in ".!?" and not token.whitespace_ and _GLUED.match(
            doc.text, token.idx
        ):
            nxt = doc[token.i + 1]
            if nxt.text[:1].isupper():
                nxt.is_sent_start = True
    return doc
