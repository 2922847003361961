"""Finding time expressions in a text: every pattern of the lexicon, then the best
non-overlapping matches, each widened to the lead words before it ("depuis", "fin")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from veille.nlp.timex.expression import Mention
from veille.nlp.timex.lexicon import PatternRule, TimeLexicon, load_lexicon, normalise_word

# Characters replaced by a same-length equivalent before matching, so that offsets
# found in the normalised text are offsets in the original one.
_SAME_LENGTH = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "–": "-"})
# A number touching the match makes it part of a bigger number ("1 2019", "2012,5"),
# unless it is a clock time ("12/03/2019 10:05").
_DIGIT_BEFORE = re.compile(r"\d[ .,]?$")
# A dash before another year is a range ("2028-2030"), judged in `_with_ranges`.
_DIGIT_AFTER = re.compile(r"(?:[.,]?\d|\s?%|/\d|-(?!\s?(?:19|20)\d\d(?!\d))\d| \d(?!\d?[:h]\d))")
# How far back lead words are looked for.
_LEAD_WINDOW = 60


def normalise_text(text: str) -> str:
    """Same length as `text`: typographic apostrophes and non-breaking spaces made plain."""
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    mention: Mention


def scan(text: str, lexicon: TimeLexicon | None = None) -> list[Mention]:
    """Every time expression of `text`, unresolved, in text order, without overlaps.

    Where matches overlap the longest wins ("le 3 mai 2018" over "mai 2018"), then the
    pattern listed first in the data file.
    """
    lexicon = lexicon or load_lexicon()
    plain = normalise_text(text)
    candidates: list[_Candidate] = []
    uncued: list[_Candidate] = []
    for priority, rule in enumerate(lexicon.patterns):
        for match in rule.regex.finditer(plain):
            mention = _mention(text, plain, match, rule, lexicon)
            if mention is not None:
                candidates.append(_Candidate(mention.start, mention.end, priority, mention))
            elif rule.cue == "required":
                mention = _mention(text, plain, match, rule, lexicon, licensed=True)
                if mention is not None:
                    uncued.append(_Candidate(mention.start, mention.end, priority, mention))
    candidates = _with_ranges(plain, candidates, uncued, lexicon)
    candidates.sort(key=lambda c: (c.start - c.end, c.priority, c.start))
    taken: list[_Candidate] = []
    for candidate in candidates:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return [c.mention for c in sorted(taken, key=lambda c: c.start)]


def _with_ranges(
    plain: str, cued: list[_Candidate], uncued: list[_Candidate], lexicon: TimeLexicon
) -> list[_Candidate]:
    """The cued candidates plus the uncued ones that end a range ("de 2015 à 2018"),
    each first end completed with the second one's year when it has none."""
    starting_at: dict[int, list[_Candidate]] = {}
    for candidate in cued + uncued:
        starting_at.setdefault(candidate.start, []).append(candidate)
    kept = {id(c): c for c in cued}
    for first in cued + uncued:
        connector = lexicon.range_connector_regex.match(plain, first.end)
        if connector is None:
            continue
        dashed = connector.group().strip() == "-"
        if not dashed and not lexicon.range_opener_regex.search(plain, 0, first.start):
            continue
        seconds = starting_at.get(connector.end())
        if not seconds:
            continue
        # The longest match there is the one that will be kept ("mars 2019", not "mars").
        second = max(seconds, key=lambda c: (c.end, -c.priority))
        kept[id(first)] = _with_year_of(first, second)
        kept[id(second)] = second
    return list(kept.values())


def _with_year_of(first: _Candidate, second: _Candidate) -> _Candidate:
    fields = first.mention.fields
    year = second.mention.fields.get("year")
    if not year or fields.get("year") or fields.get("yrel") or "month" not in fields:
        return first
    mention = replace(first.mention, fields={**fields, "year": year})
    return replace(first, mention=mention)


def _mention(
    text: str,
    plain: str,
    match: re.Match[str],
    rule: PatternRule,
    lexicon: TimeLexicon,
    *,
    licensed: bool = False,
) -> Mention | None:
    """The mention of a match with its lead words, or None when the match is not a date
    in this context (a bare year with no cue, part of a bigger number, a quantity)."""
    start, end = match.span()
    if plain[start].isdigit() and _DIGIT_BEFORE.search(plain, 0, start):
        return None
    if plain[end - 1].isdigit() and (
        _DIGIT_AFTER.match(plain, end) or lexicon.quantity_regex.match(plain, end)
    ):
        return None
    if lexicon.narrative_regex.match(plain, end):
        return None
    lead = lexicon.lead_regex.search(plain, max(0, start - _LEAD_WINDOW), start)
    lead_word = lead.group("lead") if lead else None
    # A count of units has no start or end ("mettre fin ces derniers jours").
    counted = rule.resolve in {"duration", "ago"}
    part_word = lead.group("part") if lead and not counted else None
    approx_word = lead.group("approx") if lead else None
    modifier = lexicon.leads[normalise_word(lead_word)] if lead_word else None
    if rule.cue == "required" and not (lead_word or part_word or approx_word or licensed):
        return None
    if rule.cue == "part" and not part_word:
        return None
    if rule.cue == "duration":
        duration_lead = lexicon.duration_lead_regex.search(
            plain, max(0, start - _LEAD_WINDOW), start
        )
        if duration_lead is None:
            return None
        if modifier is None or lead is None or lead.start("lead") != duration_lead.start("lead"):
            modifier = lexicon.leads.get(normalise_word(duration_lead.group("lead")))
        first = duration_lead.start() if modifier else start
    else:
        first = _first_kept(lead, modifier, part_word, start)
    fields = {name: value for name, value in match.groupdict().items() if value}
    fields.update({str(k): str(v) for k, v in rule.params.items()})
    return Mention(
        text=text[first:end],
        start=first,
        end=end,
        rule=rule.name,
        resolver=rule.resolve,
        fields=fields,
        lead_modifier=modifier,
        lead_word=normalise_word(lead_word) if lead_word else None,
        part=lexicon.parts[normalise_word(part_word)] if part_word else None,
        approx=bool(approx_word) or bool(match.groupdict().get("approx")),
        cued=bool(lead_word or part_word or approx_word),
    )


def _first_kept(
    lead: re.Match[str] | None, modifier: str | None, part_word: str | None, start: int
) -> int:
    """Where the expression's text begins: lead words that change its meaning belong to
    it ("depuis", "environ", "fin"); plain cues ("en", "au") do not."""
    if lead is None:
        return start
    if modifier is not None:
        return lead.start("lead")
    if lead.group("approx"):
        return lead.start("approx")
    return lead.start("part") if part_word else start
