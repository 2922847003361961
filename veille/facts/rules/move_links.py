"""Reports of one story read together, once every sentence of an article is read.

An article tells a move more than once ("la nomination de X" in the lead, "il prendra
son poste le 8 juin" further down) and tells moves through one another ("Il a été
remplacé par Y", "la PDG sortante X"). Here the reports of one move become one fact,
and a move with no date, post or organisation of its own takes them from the move its
words point to.
"""

from __future__ import annotations

from datetime import date

from veille.evaluate.intervals import DateFormatError, date_interval
from veille.facts.reading.lexicon import fold, name_words
from veille.facts.reading.mentions import name_gender
from veille.facts.reading.modality import starts_after
from veille.facts.rules.bindings import title_gender
from veille.records import Move


def merge_moves(moves: list[Move], title_end: int = 0, published: date | None = None) -> list[Move]:
    """One move per (person, change, organisation); a move without organisation merges
    into one of the same person and change that has it. The body's report of a move
    wins over the title's: headlines put future events in the present ("X cède la
    présidence" for "X va quitter ses fonctions"). Two years, or the news and an old
    date ("X bientôt nommé à la tête de la SNCF" / "il a intégré
    l'entreprise en 1981"), are two moves."""
    merged: dict[tuple[str, str, str], Move] = {}
    for move in sorted(moves, key=lambda m: (m.org is None, m.evidence.start < title_end)):
        key: tuple[str, str, str] = (fold(move.person), move.change, fold(move.org or ""))
        while key in merged and _other_times(merged[key], move, published):
            key = (*key[:2], key[2] + "#")  # kept apart
        if move.org is None:
            twin = next(
                (
                    m
                    for (p, c, _), m in merged.items()
                    if p == key[0]
                    and c == key[1]
                    # the headline's news and an old date the body tells are two moves
                    and not (
                        (m.evidence.start < title_end or move.evidence.start < title_end)
                        and _other_times(m, move, published)
                    )
                ),
                None,
            )
            if twin is not None:
                _fill(twin, move)
                continue
        if key not in merged:
            # "Barnes France" and "le groupe Barnes" in one article: one organisation
            key = next((k for k in merged if k[:2] == key[:2] and _nested_names(k[2], key[2])), key)
        if key in merged:
            _fill(merged[key], move)
        else:
            merged[key] = move
    return sorted(merged.values(), key=lambda m: m.evidence.start)


def _is_history(value: str, published: date | None) -> bool:
    """A date over a year before publication: history, not the news."""
    return published is not None and value[:4].isdigit() and int(value[:4]) < published.year - 1


def _other_times(a: Move, b: Move, published: date | None) -> bool:
    """Whether two reports of the same person, change and organisation are two events."""
    if a.date and b.date:
        # "le 4 septembre" and "la semaine dernière" may be one event told twice; two
        # years are two events
        return a.date[:4] != b.date[:4]
    dated = a.date or b.date
    # an undated report is the news; a date over a year before publication is history
    return dated is not None and _is_history(dated, published)


def _nested_names(a: str, b: str) -> bool:
    """Two folded organisation names one of which holds all the other's words."""
    words_a = set(a.replace("'", "' ").split()) - name_words("org_name_fillers")
    words_b = set(b.replace("'", "' ").split()) - name_words("org_name_fillers")
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _finer(value: str, than: str) -> bool:
    """A date strictly inside another: "2019-03-11" within "2019-03" ("entrée en poste le
    11 mars 2019" and "recrutée mi-mars" tell one move)."""
    try:
        inner, outer = date_interval(value), date_interval(than)
    except DateFormatError:
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _fill(kept: Move, other: Move) -> None:
    finer = bool(kept.date and other.date and _finer(other.date, kept.date))
    better = other.date_origin == "own" and (kept.date_origin in {"borrowed", "peg"} or finer)
    if better or (kept.date is None and other.date is not None):
        kept.date, kept.date_text, kept.date_origin = other.date, other.date_text, other.date_origin
        if kept.status == "done" and other.status == "planned" and other.date_origin == "own":
            # "la nomination de X" … "il prendra son poste le 8 juin": the dated
            # report says when, and that it is still ahead
            kept.status = "planned"
    for name in ("role", "role_norm", "source"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    kept.interim = kept.interim or other.interim
    kept.confidence = max(kept.confidence, other.confidence)


def date_the_outgoing_by_the_incoming(moves: list[Move], published: date | None) -> None:
    """ "la PDG sortante X" … "Y prendra son poste le 8 juin": the outgoing holder leaves
    when the one dated newcomer at the same organisation arrives."""
    for move in moves:
        if move.date is not None or move.date_origin != "outgoing" or move.org is None:
            continue
        dates = {
            m.date: m
            for m in moves
            if m.change == "start"
            and m.date
            and m.date_origin == "own"
            and not _is_history(m.date, published)
            and m.org
            and fold(m.person) != fold(move.person)
            and _same_org(m.org, move.org)
        }
        if len(dates) != 1:
            continue
        when, arrival = next(iter(dates.items()))
        move.date, move.date_text, move.date_origin = when, arrival.date_text, "borrowed"
        if published is not None and starts_after(when, published):
            move.status = "planned"


def _same_org(a: str, b: str) -> bool:
    """ "LCP" and "LCP-AN", "Barnes" and "Barnes France": one name holds the other's words."""
    return _nested_names(fold(a).replace("-", " "), fold(b).replace("-", " "))


def title_fits(title: str, person: str) -> bool:
    """Whether a title passed on from someone else may be this person's: a gendered one
    agrees with its holder ("l'inspectrice générale" is no man's title; "PDG" is
    anyone's; an unknown gender lets it pass)."""
    words = title.split()
    gender = name_gender(person)
    title_form = title_gender(words[0]) if words else None
    return gender is None or title_form is None or gender == title_form


def fill_from_the_moves_counted_from(moves: list[Move], published: date | None) -> None:
    """A move counted from another one (`Move.since_move`) takes its date when it has
    none of its own; a start counted from a departure takes the post left, at its
    organisation, when it names none ("L'ancien CEO X a quitté VMware … Il a été
    remplacé par Y": Y is CEO of VMware)."""
    for move in moves:
        if move.since_move is None:
            continue
        person, change = fold(move.since_move[0]), move.since_move[1]
        others = [
            m for m in moves if m is not move and fold(m.person) == person and m.change == change
        ]
        # an old date is history, not the event the clause counts from
        dated = [
            m
            for m in others
            if m.date and m.date_origin == "own" and not _is_history(m.date, published)
        ]
        if move.date is None and len({m.date for m in dated}) == 1:
            move.date, move.date_text = dated[0].date, dated[0].date_text
            move.date_origin = "borrowed"
        if move.change != "start" or change != "end":
            continue
        left = [m for m in others if m.org]
        if move.org is None and len({fold(m.org or "") for m in left}) == 1:
            move.org = left[0].org
        held = [
            m
            for m in left
            if m.role
            and move.org
            and _same_org(m.org or "", move.org)
            and title_fits(m.role, move.person)
        ]
        if move.role is None and len({m.role for m in held}) == 1:
            move.role, move.role_norm = held[0].role, held[0].role_norm
