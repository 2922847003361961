"""What the tagger finds (`Mention`) and what it hands out once resolved (`TimeExpression`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["date", "duration", "interval"]
Tense = Literal["past", "future"]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression of a text, normalised per FACTS.md "Dates".

    `start`/`end` are character offsets into the text it was found in. `value` is None
    when the expression cannot be placed on the calendar (relative, with no publication
    date; or vague, "il y a quelques années"). `modifier` marks open intervals ("since",
    "until", "from", "by", "before", "after"), approximations ("approx") and parts of a
    period ("start", "mid", "end"); an interval modifier wins over a part
    ("d'ici la fin de l'année" is "by"). `duration` is an ISO 8601 length ("P5Y").
    """

    text: str
    start: int
    end: int
    value: str | None
    kind: Kind = "date"
    modifier: str | None = None
    duration: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A pattern match before resolution: where it is and what its pieces said.

    `fields` holds the named groups of the pattern that matched (lower-cased words),
    plus the rule's constant parameters; `lead_modifier` and `part` come from the lead
    words before the core ("depuis", "fin de").
    """

    text: str
    start: int
    end: int
    rule: str
    resolver: str
    fields: Mapping[str, str] = field(default_factory=dict)
    lead_modifier: str | None = None
    # The lead word itself, normalised ("dès le"), when there is one.
    lead_word: str | None = None
    part: str | None = None
    approx: bool = False
    # Any lead word stood before the core, even a plain one ("en Mai 2015").
    cued: bool = False
