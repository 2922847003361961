"""`position` facts: a person holds or held a role, with no change reported.

They come from appositions (see bindings.py). FACTS.md gives a position only for a
(person, organisation) pair that has no move in the same article.
"""

from __future__ import annotations

from spacy.tokens import Span

from veille.facts.context import Chunk
from veille.facts.reading.lexicon import fold
from veille.facts.reading.roles import role_norm
from veille.facts.reading.timing import clause_date
from veille.facts.rules.bindings import Binding
from veille.records import Move, Position


def positions_from(bindings: list[tuple[Binding, Chunk]], moves: list[Move]) -> list[Position]:
    moved = {(fold(m.person), fold(m.org or "")) for m in moves}
    moved_people = {fold(m.person) for m in moves if m.org is None}
    seen: set[tuple[str, str]] = set()
    out: list[Position] = []
    for binding, chunk in bindings:
        if binding.org is None:
            # A role with no organisation is not a fact an analyst can use.
            continue
        key = (fold(binding.person), fold(binding.org))
        if key in moved or key in seen or key[0] in moved_people:
            continue
        seen.add(key)
        role_text = _role_text(binding, chunk)
        since, until = _bounds(binding)
        out.append(
            Position(
                evidence=chunk.evidence(binding.span),
                confidence=0.7 if binding.current is not False else 0.65,
                person=binding.person,
                role=role_text,
                role_norm=role_norm(role_text),
                org=binding.org,
                current=binding.current,
                since=since,
                until=until,
            )
        )
    return out


def starts_from_holdings(bindings: list[tuple[Binding, Chunk]], moves: list[Move]) -> list[Move]:
    """A post held "since" a date by someone whose move there the article reports is a
    start at that date: "Y, à la tête de la SNCF depuis février 2008" when X succeeds Y.
    (With no move for the pair it stays a position with `since`.)"""
    moved = {(fold(m.person), fold(m.org or "")) for m in moves}
    started = {(fold(m.person), fold(m.org or "")) for m in moves if m.change == "start"}
    out: list[Move] = []
    for binding, chunk in bindings:
        if binding.org is None:
            continue
        key = (fold(binding.person), fold(binding.org))
        if key not in moved or key in started:
            continue
        since, _ = _bounds(binding)
        if since is None:
            continue
        started.add(key)
        role_text = _role_text(binding, chunk)
        out.append(
            Move(
                evidence=chunk.evidence(binding.span),
                confidence=0.6,
                person=binding.person,
                change="start",
                role=role_text,
                role_norm=role_norm(role_text),
                org=binding.org,
                status="done",
                date=since,
                date_origin="own",
            )
        )
    return out


def _role_text(binding: Binding, chunk: Chunk) -> str | None:
    return chunk.doc[binding.role.start : binding.role.end].text if binding.role else None


def _near(span: Span, binding: Binding) -> bool:
    """A bound of the post is said with it: in or right after its phrase ("PDG de
    Keolis depuis 2012", "X, à la tête de la SNCF depuis 2008"), or anywhere in the
    clause when the title is the predicate of "être" ("Depuis 2012, il est le PDG de
    Keolis"); "le départ du président X … ayant ravivé depuis mardi …", "a assuré dès
    vendredi le Premier ministre X" and "Le PDG X sera remplacé à partir du 1er mars"
    date another verb."""
    assert binding.role is not None
    if any(c.dep_ == "cop" for c in binding.role.head.children):
        return True
    doc = span.doc
    verb = span.root.head
    if span.end <= binding.span.start and verb.pos_ == "VERB" and verb.i < binding.span.start:
        return False  # before the post, a complement of the verb before it
    between = doc[binding.span.end : span.start]
    if any(t.pos_ in {"VERB", "AUX"} for t in between):
        return False  # after the post, past a verb of its own
    outside = not binding.span.start <= verb.i < binding.span.end
    if verb.pos_ == "VERB" and outside and any(t.text == "," for t in between):
        # "avait annoncé le numéro un de la CGT, X, dès le 18 décembre"
        return False
    return binding.span.start - 6 <= span.start <= binding.span.end + 3


def _bounds(binding: Binding) -> tuple[str | None, str | None]:
    """ "PDG de Keolis depuis 2012" -> since 2012; "jusqu'en mai 2017" -> until."""
    if binding.role is None:
        return None, None
    when = clause_date(binding.role.head, None)
    if when is None or not _near(when.span, binding):
        return None, None
    modifier = getattr(when.span._.timex, "modifier", None)
    if modifier in {"since", "from"}:
        return when.value, None
    if modifier == "until":
        return None, when.value
    return None, None
