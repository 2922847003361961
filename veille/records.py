"""The typed records that stages hand to each other.

Every stage after `nlp` speaks these records, never spaCy objects, so that the store,
the API and the evaluator can run without a model. Field names and values follow
`shared/format/FACTS.md` (version 1); `to_dict()` gives exactly that JSON shape.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, Literal

# The rules' version; the extractor's names the decision model too, since the model
# decides which proposals are facts: "0.1.0+decision-1a2b3c4d" (veille/facts/decision.py).
RULES_VERSION = "0.1.0"
SHIPPED_MODEL_PATH = Path(__file__).resolve().parent / "data" / "decision_model.json"


def decision_model_id(path: Path) -> str:
    """A short name that changes whenever the model file does."""
    return "decision-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]


EXTRACTOR_VERSION = (
    f"{RULES_VERSION}+{decision_model_id(SHIPPED_MODEL_PATH)}"
    if SHIPPED_MODEL_PATH.exists()
    else RULES_VERSION
)

Change = Literal["start", "end"]
Status = Literal["done", "planned", "reported"]


@dataclass(frozen=True)
class Article:
    """One input article, as FACTS.md "Article (input)" describes it."""

    id: str
    text: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str = "fr"
    source: str | None = None

    @property
    def full_text(self) -> str:
        """The string every evidence offset points into: title, summary, text joined
        by blank lines, skipping missing or empty parts with their separator."""
        return "\n\n".join(part for part in (self.title, self.summary, self.text) if part)

    @property
    def lead_starts(self) -> list[int]:
        """Where the summary and the text start in `full_text` (the parts after the
        title, whose first sentences are the article's lead)."""
        starts, at = [], 0
        for name, part in (("title", self.title), ("summary", self.summary), ("text", self.text)):
            if part:
                if name != "title":
                    starts.append(at)
                at += len(part) + 2
        return starts

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["id"] = str(values.get("id", ""))
        return cls(**values)


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Fact:
    """Fields every fact carries. Subclasses add the fields of their type."""

    type: ClassVar[str] = ""
    evidence: Evidence
    confidence: float = 0.5
    # Who the article attributes the fact to ("LinkedIn", "Canalys"), or None.
    source: str | None = None
    extractor_version: str = field(default=EXTRACTOR_VERSION, kw_only=True)
    # Ids of the rules that proposed the fact ("moves:move": the module of
    # veille/facts/ and the fact type), so that `veille explain` and a reader can tell
    # where a fact comes from.
    generators: list[str] = field(default_factory=list, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for f in fields(self):
            if f.metadata.get("internal"):
                continue
            value = getattr(self, f.name)
            out[f.name] = value.to_dict() if isinstance(value, Evidence) else value
        out["confidence"] = round(float(self.confidence), 3)
        return out


@dataclass
class Move(Fact):
    type: ClassVar[str] = "move"
    person: str = ""
    change: Change = "start"
    role: str | None = None
    role_norm: str | None = None
    org: str | None = None
    interim: bool = False
    status: Status = "done"
    date: str | None = None
    date_text: str | None = None
    person_id: str | None = None
    org_id: str | None = None
    # Where `date` came from while the article is read, never written out: "own" (the
    # move's clause), "borrowed" (the other side of a succession), "peg" (the lead
    # sentence dating the headline's news); with no date, "landmark" for a move named as
    # the time of another event ("depuis la démission de X"), which the news peg leaves
    # undated, and "outgoing" for a holder named as leaving ("la PDG sortante X"), who
    # leaves when the successor arrives. An own date beats the others on a merge.
    date_origin: str | None = field(default=None, compare=False, metadata={"internal": True})
    # Never written out: the (person, change) of another move the clause counts from
    # ("assure l'intérim depuis le débarquement de X": X's end) or the departure it
    # fills ("Y a été remplacé par X": Y's end), whose date this move takes when it has
    # none of its own.
    since_move: tuple[str, str] | None = field(
        default=None, compare=False, metadata={"internal": True}
    )


@dataclass
class Position(Fact):
    type: ClassVar[str] = "position"
    person: str = ""
    role: str | None = None
    role_norm: str | None = None
    org: str | None = None
    current: bool | None = None
    since: str | None = None
    until: str | None = None
    person_id: str | None = None
    org_id: str | None = None


@dataclass
class Partnership(Fact):
    type: ClassVar[str] = "partnership"
    orgs: list[str] = field(default_factory=list)
    subject: str | None = None
    status: Status = "done"
    date: str | None = None


@dataclass
class Amount(Fact):
    type: ClassVar[str] = "amount"
    org: str | None = None
    kind: str = "other"
    value: float = 0.0
    currency: str | None = None
    date: str | None = None
    place: str | None = None
    # "plus de", "environ", "jusqu'à": keeps approximations honest.
    qualifier: str | None = None
    status: Status = "done"


@dataclass
class MarketShare(Fact):
    type: ClassVar[str] = "market_share"
    org: str | None = None
    value: float = 0.0
    market: str | None = None
    period: str | None = None
    status: Status = "done"


FACT_TYPES: dict[str, type[Fact]] = {
    cls.type: cls for cls in (Move, Position, Partnership, Amount, MarketShare)
}


@dataclass(frozen=True)
class SlotCandidate:
    """One way of filling a slot of a pair's fact (facts/people/slot_features.py): a role's
    words or a normalised date (None: no role, no date), the words it came from, its
    role_norm, its features, and the index of the pair's sentence it was read in (-1 for
    the rules' reading and for "none")."""

    value: str | None
    text: str | None
    norm: str | None
    features: dict[str, float]
    occurrence: int = -1


@dataclass(frozen=True)
class PairRow:
    """A person–organisation pair of one article as training sees it (facts/people/)."""

    person: str
    org: str
    features: dict[str, float]
    generators: list[str]
    # the sentence naming both (the first that does), for explain; "" for a rules' pair
    quote: str = ""
    # the slot candidates by slot ("role:start", "date:end"…), and each sentence naming
    # the pair as the pair model reads it (its features, its rank among equals), from
    # which training finds the sentence where a label is likeliest
    slots: dict[str, list[SlotCandidate]] = field(default_factory=dict)
    occurrences: list[tuple[dict[str, float], tuple[int, int]]] = field(default_factory=list)
    # how many facts of each label (start, end, position) the rules proposed for the pair
    rule_counts: dict[str, int] = field(default_factory=dict)


@dataclass
class ExtractionResult:
    """The facts of one article: one line of facts JSONL."""

    id: str
    published: str | None
    facts: list[Fact] = field(default_factory=list)
    # Problems met on this article that did not stop the batch (empty text, too long…).
    warnings: list[str] = field(default_factory=list)
    # True when the article was not read at all (over the size limit): its missing facts
    # say nothing about its text, and a later run with a higher limit should read it.
    refused: bool = False
    # The person–organisation pairs the model decided on, kept only for training
    # (Extractor(keep_pairs=True)); never written out.
    pairs: list[PairRow] = field(default_factory=list, repr=False, compare=False)
    # The kept facts the one-fact-per-post constraint dropped, each with the fact that
    # states its post (facts/people/one_post.py), for `veille explain`; never written out.
    set_aside: list[tuple[Fact, Fact]] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "facts": [f.to_dict() for f in self.facts],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.refused:
            out["refused"] = True
        return out


def fact_from_dict(data: dict[str, Any]) -> Fact:
    """Rebuild a fact from its FACTS.md dict (system output, not gold)."""
    cls = FACT_TYPES[data["type"]]
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in known}
    ev = data.get("evidence") or {}
    values["evidence"] = Evidence(
        int(ev.get("start", 0)), int(ev.get("end", 0)), ev.get("text", "")
    )
    return cls(**values)


def result_from_dict(data: dict[str, Any]) -> ExtractionResult:
    return ExtractionResult(
        id=str(data["id"]),
        published=data.get("published"),
        facts=[fact_from_dict(f) for f in data.get("facts", [])],
        warnings=list(data.get("warnings", [])),
        refused=bool(data.get("refused", False)),
    )
