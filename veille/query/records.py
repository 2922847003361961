"""What the questions answer: typed records, each with `to_dict()` for JSON output."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass
class Source(Record):
    """One article's evidence for a fact: the quote and where it is."""

    article_id: str
    fact_id: int
    quote: str
    start: int
    end: int
    published: str | None
    title: str | None
    confidence: float


@dataclass
class Step(Record):
    """One event of a career or of an organisation's history, with all its sources."""

    kind: str  # start | end | position
    date: str | None  # the fact's own normalised date, or the article's date
    date_is_published: bool  # True when `date` is only the article's publication date
    date_shown: str  # 'summer 2012', or 'date not given (reported on 5 March 2024)'
    date_start: str | None  # ISO first and last day of the fact's own date (None if none)
    date_end: str | None
    person: str
    person_id: str | None
    role: str | None
    role_norm: str | None
    org: str | None
    org_id: str | None
    status: str | None
    interim: bool
    current: bool | None
    event_id: int | None
    sources: list[Source] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # of the sources, in order


@dataclass
class FormerName(Record):
    """A name an organisation went by before its current one: in use from `since` (None:
    from before anything we know) until the day before `until` (ISO days)."""

    name: str
    since: str | None
    until: str
    shown: str  # 'La République en marche (until 2022)'


@dataclass
class EntityRef(Record):
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    # An organisation's ISO 3166-1 alpha-2 country code and its French name, when the
    # gazetteer or an article gives one; None otherwise (never guessed).
    country: str | None = None
    country_name: str | None = None
    # An organisation's earlier names, oldest first (veille/data/renamed_orgs_fr.yaml).
    former_names: list[FormerName] = field(default_factory=list)


@dataclass
class PersonTimeline(Record):
    person: EntityRef
    steps: list[Step]
    orgs: list[EntityRef]
    # Other people known by the same name (homonyms the resolver kept apart).
    namesakes: list[EntityRef] = field(default_factory=list)
    # The id asked for, when it is that of an entity merged into this one.
    redirected_from: str | None = None


@dataclass
class Leader(Record):
    person: str
    person_id: str | None
    role: str | None
    role_norm: str | None
    since: str | None
    last_seen: str | None
    article_ids: list[str]


@dataclass
class OtherFact(Record):
    """A partnership, amount or market share that names the organisation."""

    type: str
    summary: str
    date: str | None
    article_id: str
    quote: str
    fields: dict[str, Any]


@dataclass
class OrgProfile(Record):
    org: EntityRef
    arrivals: list[Step]
    departures: list[Step]
    positions: list[Step]
    leadership: list[Leader]
    other_facts: list[OtherFact]
    children: list[EntityRef]
    redirected_from: str | None = None


@dataclass
class Flow(Record):
    """A person ended at one organisation and started at another."""

    person: str
    person_id: str
    from_org: str
    from_org_id: str
    to_org: str
    to_org_id: str
    date: str | None
    role_from: str | None
    role_to: str | None
    status: str | None
    article_ids: list[str]
    quotes: list[str]


@dataclass
class Mark(Record):
    start: int
    end: int


@dataclass
class ArticleHit(Record):
    id: str
    title: str | None
    published: str | None
    source: str | None
    snippet: str
    marks: list[Mark]


@dataclass
class EvidenceHit(Record):
    fact_id: int
    article_id: str
    type: str
    change: str | None
    person: str | None
    person_id: str | None
    org: str | None
    org_id: str | None
    published: str | None
    title: str | None
    snippet: str
    marks: list[Mark]


@dataclass
class EntityHit(Record):
    id: str
    type: str
    name: str
    facts: int


@dataclass
class SearchResults(Record):
    query: str
    entities: list[EntityHit]
    articles: list[ArticleHit]
    articles_total: int
    evidence: list[EvidenceHit]
    evidence_total: int
    limit: int
    offset: int


@dataclass
class StoredFact(Record):
    id: int
    type: str
    start: int
    end: int
    quote: str
    confidence: float
    event_id: int | None
    event_articles: int
    fields: dict[str, Any]
    summary: str
    correction: CorrectionNote | None = None  # an analyst's, in force (fields show it)


@dataclass
class ArticleDetail(Record):
    id: str
    title: str | None
    summary: str | None
    text: str
    full_text: str
    published: str | None
    url: str | None
    source: str | None
    ingested_at: str | None
    extractor_version: str
    facts: list[StoredFact]


@dataclass
class ArticleSummary(Record):
    id: str
    title: str | None
    published: str | None
    source: str | None
    facts: int


@dataclass
class ArticleList(Record):
    articles: list[ArticleSummary]
    total: int
    limit: int
    offset: int


@dataclass
class FlowList(Record):
    flows: list[Flow]
    total: int
    limit: int
    offset: int


@dataclass
class Stats(Record):
    articles: int
    facts: dict[str, int]
    facts_total: int
    events: int
    entities: dict[str, int]
    extractor_versions: dict[str, int]
    published_range: list[str | None]


@dataclass
class CorrectionNote(Record):
    """An analyst's correction of a fact: what it did, who, when, and for an edit the
    values before and after."""

    id: int
    action: str  # confirm | reject | edit
    author: str
    created_at: str
    note: str | None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


@dataclass
class MoveSource(Source):
    """One article's report of a move: its evidence, the article's address, and the
    analyst's correction of it, if any."""

    url: str | None
    correction: CorrectionNote | None = None


@dataclass
class MoveEvent(Record):
    """One move (a start or an end), however many articles report it."""

    event_id: int | None
    change: str  # start | end
    person: str
    person_id: str | None
    org: str | None
    org_id: str | None
    role: str | None
    role_norm: str | None
    status: str | None
    interim: bool
    date: str | None  # the move's own normalised date; None when the text gives none
    date_start: str | None  # ISO first and last day of `date`
    date_end: str | None
    date_shown: str  # 'summer 2012', or 'date not given (reported on 5 March 2024)'
    reported: str | None  # the day the first article reporting it was published
    confidence: float  # the highest of its sources (1.0 once an analyst checked it)
    checked: str | None  # 'confirmed' or 'edited' when an analyst checked a report
    sources: list[MoveSource] = field(default_factory=list)


@dataclass
class MoveList(Record):
    moves: list[MoveEvent]
    total: int
    limit: int
    offset: int


@dataclass
class FeatureWeight(Record):
    """One feature of a candidate and how much it moved the model's log-odds."""

    feature: str
    value: float
    contribution: float


@dataclass
class SlotOption(Record):
    """One value a slot may take (None: no role, no date) and the slot model's score."""

    value: str | None
    score: float


@dataclass
class SlotRanking(Record):
    """A slot ("role", "date") of a kept move or position: what fills it for this fact,
    and its candidates as the slot model ranks them, best first."""

    slot: str
    # slot_model, plain_reading, rules or rules_else_slot_model (veille.facts.explain)
    filled_by: str
    options: list[SlotOption] = field(default_factory=list)


@dataclass
class Candidate(Record):
    """One fact the rules propose for an article, and what the decision made of it (the
    keys of `veille.facts.explain.Explanation.to_dict`)."""

    fact: dict[str, Any]  # type and key fields (person, change, org, role, date…)
    evidence: str | None
    generators: list[str]  # ids of the rules that proposed it
    rule_confidence: float
    probability: float | None  # None when no decision model is used (rules only)
    accepted: bool
    reason: str
    strongest_features: list[FeatureWeight] = field(default_factory=list)
    slots: list[SlotRanking] = field(default_factory=list)


@dataclass
class ArticleExplanation(Record):
    """Every candidate of a stored article, extracted again from its stored text by
    today's extractor (the stored facts may come from another version)."""

    id: str
    stored_extractor_version: str
    candidates: list[Candidate]
