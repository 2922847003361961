"""The date of an article's news: the title states the news, the lead dates it.

A headline ("X devient président de Y", "Z nommée ministre des Sports") almost never
carries its date; the lead, the first sentence of the summary or of the text, does ("Y a
élu ce vendredi 17 juillet un président", "a été nommé ce mardi"). A time expression of
the lead naming a day or a week of the days just before publication is the news peg: the
date of the moves the title and the lead tell, and of the moves told together with them
("X succède à Y"). An older date in the lead ("qui l'avait recrutée mi-mars") is
background, not the news; a rumour or a plan is not dated by the day it is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span

from veille.evaluate.intervals import DateFormatError, date_interval
from veille.facts.context import Chunk
from veille.facts.reading.lexicon import fold
from veille.facts.reading.timing import ClauseDate, timex_spans
from veille.records import Move

# How far before publication the news of the day can lie: a weekly's "lundi dernier"
# is still its news; "il y a trois semaines" is not.
_PEG_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class NewsPeg:
    when: ClauseDate
    # the lead sentences, as (start, end) offsets into the article
    leads: list[tuple[int, int]]


def news_peg(
    chunks: list[Chunk], title_end: int, lead_starts: list[int], published: date | None
) -> NewsPeg | None:
    """The first time expression of the lead (the first sentence of the summary, then of
    the text) that names a recent day or week."""
    if published is None or title_end <= 0:
        return None
    leads = _lead_sentences(chunks, lead_starts)
    for _, lead in leads:
        for span in timex_spans(lead.doc):
            if not (lead.start <= span.start < lead.end):
                continue
            value = getattr(span._.timex, "value", None)
            when = _first_day_of_day_or_week(value)
            if when is not None and published - _PEG_WINDOW <= when <= published:
                ranges = [(o, o + len(s.text)) for o, s in leads]
                return NewsPeg(ClauseDate(value, span.text, span), ranges)
    return None


def _lead_sentences(chunks: list[Chunk], lead_starts: list[int]) -> list[tuple[int, Span]]:
    """The first sentence of each part that follows the title, when it was parsed, with
    its offset in the article."""
    sentences = [
        (chunk.offset + sent.start_char, sent)
        for chunk in chunks
        if chunk.candidate  # as the fast path reads the article, whichever mode runs
        for sent in chunk.doc.sents
        if sent.text.strip()
    ]
    leads: list[tuple[int, Span]] = []
    source = chunks[0].source if chunks else ""
    for part_start in lead_starts:
        first = next(((o, s) for o, s in sentences if o >= part_start), None)
        # only the part's own first sentence: a later one (the lead was not parsed) is not
        # the lead
        if first is None or source[part_start : first[0]].strip() or first in leads:
            continue
        leads.append(first)
    return leads


def _first_day_of_day_or_week(value: str | None) -> date | None:
    """The first day of a day ("2018-09-04") or week ("2018-W35") value; None for coarser
    or unreadable ones."""
    if not value:
        return None
    try:
        first, last = date_interval(value)
    except DateFormatError:
        return None
    return first if (last - first).days < 7 else None


def date_headline_moves(moves: list[Move], peg: NewsPeg | None, title_end: int) -> None:
    """Undated done moves the title and the lead tell, and the moves read from the same
    words as them (both sides of "X succède à Y"), take the date of the article's news."""
    if peg is None:
        return
    headline = {
        (fold(m.person), m.change)
        for m in moves
        if m.evidence.start < title_end
        or any(start <= m.evidence.start < end for start, end in peg.leads)
    }
    undated = [
        m for m in moves if m.date is None and m.status == "done" and m.date_origin != "landmark"
    ]
    told = {
        (m.evidence.start, m.evidence.end)
        for m in undated
        if (fold(m.person), m.change) in headline
    }
    for move in undated:
        if (fold(move.person), move.change) in headline or (
            move.evidence.start,
            move.evidence.end,
        ) in told:
            move.date, move.date_text, move.date_origin = peg.when.value, peg.when.text, "peg"
