"""Long articles read as a series of sections, so that extraction time grows linearly
with length.

Several passes compare each sentence with the rest of its article (the organisation
named most often before it, the dates of the clause, the entities of the document), so
reading one article costs the square of its length. News articles are short (the
project's corpus tops out near 20,000 characters, below SECTION_CHARS: none is split),
but an article may be anything up to the size limit. Beyond SECTION_CHARS the article's
text is cut at paragraph breaks (else sentence ends, else anywhere) into sections read
one by one as articles of their own; their facts' evidence offsets are then moved back
into the whole article. The cost is bounded by the length times SECTION_CHARS. What a
long article loses is context across a cut ("Il" at the start of a section).
"""

from __future__ import annotations

import re
from dataclasses import replace

from veille.records import Article, Evidence, ExtractionResult

SECTION_CHARS = 25_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?»]\s+(?=[A-ZÀ-Ý«])"), re.compile(r"\s"))


def split_sections(article: Article, size: int = SECTION_CHARS) -> list[tuple[int, Article]]:
    """(offset in `article.full_text`, section) pairs covering the article. The first
    section keeps the title and summary; an article within `size` is its own section."""
    if len(article.full_text) <= size:
        return [(0, article)]
    head = "\n\n".join(p for p in (article.title, article.summary) if p)
    if len(head) > size // 2:  # a huge title or summary: cut the whole text alike
        return [(start, Article(id=article.id, text=piece, published=article.published,
                                lang=article.lang))
                for start, piece in _cuts(article.full_text, size)]
    text_start = len(head) + 2 if head else 0
    pieces = _cuts(article.text, size - text_start)
    first_end = pieces[0][0] + len(pieces[0][1])
    sections = [(0, replace(article, text=article.text[:first_end]))]
    sections += [(text_start + start, Article(id=article.id, text=piece,
                                              published=article.published, lang=article.lang))
                 for start, piece in pieces[1:]]
    return sections


def _cuts(text: str, size: int) -> list[tuple[int, str]]:
    """(start, piece) of `text` in pieces of at most `size` characters (the first may be
    given less room), cut at the latest break of the strongest kind found in each."""
    size = max(size, 1)
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        window = text[start + size // 2 : end]
        cut = end
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(window)]
            if found:
                cut = start + size // 2 + found[-1]
                break
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return [(s, p) for s, p in pieces if p.strip()] or [(0, text)]


def merged(article: Article, parts: list[tuple[int, ExtractionResult]]) -> ExtractionResult:
    """One result for the article from its sections' results, evidence moved back."""
    result = ExtractionResult(article.id, article.published)
    full = article.full_text
    for offset, part in parts:
        for fact in part.facts:
            start, end = fact.evidence.start + offset, fact.evidence.end + offset
            fact.evidence = Evidence(start, end, full[start:end])
            result.facts.append(fact)
        result.warnings.extend(w for w in part.warnings if w not in result.warnings)
    return result
