"""Executive moves (`move` facts) and stated positions (`position` facts).

A move is read around a trigger — a verb such as "nommer", "quitter", "rejoindre",
"prendre la tête" or a noun such as "départ de" — from the dependency parse: who moves
(subject or object depending on the verb and voice), the organisation (a name after
"chez", "à la tête de", "de" after a role, the object of "quitter"/"rejoindre", the agent
of "recruté par"), the role, the time expression of the trigger's own clause, and the
clause's modality. Short references ("Celui-ci", "Kasture", "l'ancien chef des ventes",
"l'entreprise") resolve through what the article said before.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from veille.facts.context import ArticleContext, Chunk
from veille.facts.reading.lexicon import fold, grammar_words, move_lexicon, move_words
from veille.facts.reading.mentions import (
    PersonTracker,
    org_type,
    party_end,
    person_name,
    single,
)
from veille.facts.reading.modality import clause_source, clause_status, is_conditional, told_ahead
from veille.facts.reading.roles import RoleMention, find_titles, role_norm
from veille.facts.reading.salience import article_names
from veille.facts.reading.timing import ClauseDate, clause_date, is_landmark
from veille.facts.rules.bindings import (
    Binding,
    find_bindings,
    implicit_org,
    org_after_role,
)
from veille.facts.rules.move_links import (
    date_the_outgoing_by_the_incoming,
    fill_from_the_moves_counted_from,
    merge_moves,
    title_fits,
)
from veille.facts.rules.move_orgs import is_anaphor_org, is_place, org_in_clause
from veille.facts.rules.movers import movers, names_a_post, resolve_person, subject_of
from veille.facts.rules.news_peg import date_headline_moves, news_peg
from veille.facts.rules.positions import positions_from, starts_from_holdings
from veille.facts.rules.triggers import (
    Trigger,
    blocked,
    clause_tokens,
    ends_holding,
    find_triggers,
    goes_to,
    has_needed_object,
    replacer_of,
    starts_holding,
)
from veille.records import Fact, Move


@dataclass
class _SentenceFacts:
    moves: list[Move] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    tracker = PersonTracker(article_org=ctx.main_org)
    tracker.full_names.extend(article_names(ctx.text))
    moves: list[Move] = []
    bindings: list[tuple[Binding, Chunk]] = []
    for chunk in chunks:
        # a sentence the fast path skips reads the story so far, but its names must not
        # change how later sentences are read: the fast path never saw them
        reader = tracker if chunk.candidate else copy.deepcopy(tracker)
        for sent in chunk.doc.sents:
            found = _read_sentence(sent, chunk, ctx, reader)
            moves.extend(found.moves)
            bindings.extend((b, chunk) for b in found.bindings)
    title_end = len(ctx.article.title or "")
    peg = news_peg(chunks, title_end, ctx.article.lead_starts, ctx.published)
    date_headline_moves(moves, peg, title_end)
    moves = merge_moves(moves, title_end, ctx.published)
    fill_from_the_moves_counted_from(moves, ctx.published)
    for move in moves:
        if move.org is None and tracker.article_org is not None:
            # No organisation in the move's own words (nor a twin report): the one
            # the article is about is the likeliest, said with less confidence.
            move.org = tracker.article_org
            move.confidence = max(0.3, move.confidence - 0.1)
    date_the_outgoing_by_the_incoming(moves, ctx.published)
    moves.extend(starts_from_holdings(bindings, moves))
    return [*moves, *positions_from(bindings, moves)]


def _read_sentence(
    sent: Span, chunk: Chunk, ctx: ArticleContext, tracker: PersonTracker
) -> _SentenceFacts:
    tracker.begin_sentence()
    roles = find_titles(sent)
    for ent in sent.ents:
        if ent.label_ == "PER":
            name = tracker.canonical(person_name(ent.root) or ent.text)
            tracker.mention(ent.start, name)
            tracker.set_gender(name, single(ent[0].morph.get("Gender", [])))
    out = _SentenceFacts(bindings=find_bindings(sent, roles, tracker))
    for binding in out.bindings:
        tracker.mention(binding.person_token.i, binding.person)
        tracker.see_person(binding.person, binding.role.words if binding.role else set())
        if binding.org:
            tracker.see_held(binding.org, binding.person)
        if binding.role is not None and binding.current is not False:
            tracker.held_roles[binding.person] = (
                chunk.doc[binding.role.start : binding.role.end].text,
                binding.org,
            )
    triggers = find_triggers(sent)
    for trigger in triggers:
        out.moves.extend(_read_trigger(trigger, sent, roles, out.bindings, chunk, ctx, tracker))
    for binding in out.bindings:
        move = _move_from_adjective(binding, chunk)
        if move is not None:
            out.moves.append(move)
    tracker.topic = _subject_person(sent, out.bindings, tracker)
    # Names seen after the triggers, for later short references.
    for ent in sent.ents:
        if ent.label_ == "PER" and len(ent.text.split()) >= 2:
            tracker.see_person(ent.text)
        elif ent.label_ in {"ORG", "MISC"} and ent.text[:1].isupper():
            tracker.see_org(ent.text)
    return out


def _subject_person(sent: Span, bindings: list[Binding], tracker: PersonTracker) -> str | None:
    """Who the sentence is about: the person its main verb's subject names, directly
    or through a title in apposition ("L'inspecteur général X est …")."""
    subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return tracker.topic if fold(subject.text) in grammar_words("person_subjects") else None
    named = next(
        (c for c in subject.children if c.dep_ in {"flat:name", "appos"} and person_name(c)),
        None,
    )
    if named is not None:  # "L'inspecteur général Stephen Akard est …"
        return tracker.canonical(person_name(named) or named.text)
    return resolve_person(subject, tracker, bindings)


def _move_from_adjective(binding: Binding, chunk: Chunk) -> Move | None:
    """ "la PDG sortante Marie-Eve Malouines" (leaving), "le futur directeur général de
    l'Opéra Alexander Neef" (arriving): an adjective of the title states the change."""
    role = binding.role
    if role is None or binding.current is False:
        return None
    doc = role.head.doc
    window = [fold(doc[i].text) for i in range(max(role.start - 2, 0), min(role.end + 2, len(doc)))]
    change = next(
        (
            move_lexicon().change_adjectives[w]
            for w in window
            if w in move_lexicon().change_adjectives
        ),
        None,
    )
    if change is None:
        return None
    role_text = doc[role.start : role.end].text
    return Move(
        evidence=chunk.evidence(binding.span),
        confidence=0.55,
        person=binding.person,
        change=change[0],  # type: ignore[arg-type]
        role=role_text,
        role_norm=role_norm(role_text),
        org=binding.org,
        status=change[1],  # type: ignore[arg-type]
        date_origin="outgoing" if change[0] == "end" else None,
    )


def _read_trigger(
    trigger: Trigger,
    sent: Span,
    roles: list[RoleMention],
    bindings: list[Binding],
    chunk: Chunk,
    ctx: ArticleContext,
    tracker: PersonTracker,
) -> list[Move]:
    token = trigger.token
    if blocked(trigger, sent) or not has_needed_object(trigger):
        return []
    if trigger.lemma in move_lexicon().holding_verbs:
        if ends_holding(token):
            trigger = dataclasses.replace(trigger, change="end")
        elif not starts_holding(token):
            return []
    if trigger.lemma in move_lexicon().place_verbs and any(
        c.dep_ in {"obj", "obl", "obl:arg"} and c.lemma_ in move_lexicon().not_posts
        for c in token.children
    ):
        return []  # "quitte le plateau de BFMTV": a TV set, not a post
    if _names_an_honour(token) or _takes_a_place_of_no_one(trigger) or _a_way_or_a_stance(trigger):
        return []
    if trigger.lemma in move_words("going_verbs") and goes_to(token):
        trigger = dataclasses.replace(trigger, change="start")
    if _names_someone_elected(token) or (
        # "l'arrivée de Vladimir Poutine", "son arrivée le 3 août": a trip or a rise
        # to power unless the phrase names the post ("l'arrivée du nouveau PDG X")
        trigger.noun and trigger.lemma in move_words("arrival_nouns") and not names_a_post(token)
    ):
        return []
    # A lone word ("César", "Rugy" with no full name in the article) is too weak a
    # person to report.
    persons = [(p, c) for p, c in movers(trigger, tracker, bindings) if len(p.split()) >= 2]
    if not persons:
        return []
    role = _role_in_clause(token, roles, bindings, frozenset(p for p, _ in persons)) or (
        _post_as_subject(token, roles)
    )
    org = org_in_clause(token, trigger, role, persons, sent, tracker)
    lemma = trigger.lemma
    if (
        role is None
        and org is not None
        and lemma in move_lexicon().place_verbs
        and is_place(org, sent)
    ):
        # "a quitté Louisville": a place left, not an organisation (a role keeps it:
        # "quitte son poste de préfet des Hautes-Pyrénées")
        return []
    if (
        lemma in move_lexicon().needs_role_or_org
        and role is None
        and org is None
        and not _takes_up_office(token)
    ):
        return []
    if (
        lemma in move_lexicon().needs_role
        and role is None
        and not _names_a_position(token)
        # "nommé au Conseil présidentiel des villes": appointed to a body
        and not (
            lemma in move_words("body_appointing_verbs") and org is not None and goes_to(token)
        )
    ):
        return []
    if role is None and org is not None and org_type(org) == "school":
        # "avant d'intégrer l'ENA en 2005": studies, not a post (a role keeps it:
        # "nommé directeur de l'ENA")
        return []
    moves = []
    status = clause_status(token, ctx.published)
    source = clause_source(token)
    when = clause_date(token, ctx.published)
    if when is None and _must_resign(token):
        return []  # "il doit démissionner": a demand, unless a date makes it a plan
    if status == "done" and when and told_ahead(token, when.value, ctx.published):
        status = "planned"
    succession = len({c for _, c in persons}) == 2
    plan: list[tuple[str, str, RoleMention | None, str | None]] = []
    for person, change in persons:
        binding = next((b for b in bindings if b.person == person), None)
        move_role = role
        move_org = org
        if change != trigger.change:
            # the other side of a succession holds the same position; an organisation
            # the person held before ("jusqu'alors responsable chez Carrefour") is not it
            current = binding is not None and binding.current is not False
            move_role = binding.role if binding and binding.role and current else role
            move_org = (binding.org if current and binding else None) or org
        elif change == "end" and binding is not None:
            # "l'ancien CEO Paul Martiz a quitté l'entreprise": the role he leaves
            # is the one he is introduced with (not one held at another organisation:
            # "X, ex-directeur d'Inter, va quitter Radio France")
            if role is None and (binding.org is None or org is None or binding.org == org):
                move_role = binding.role
            if binding.org and (org is None or is_anaphor_org(token)):
                move_org = binding.org
        if move_org is None and change == "end" and move_role is None:
            # "le président de la FFSG a annoncé qu'il démissionnait": the speaker's
            # title is the post the reported departure leaves
            speaker = _speaker_role(token, roles)
            if speaker is not None:
                move_role, move_org = speaker, org_after_role(speaker, sent, tracker)
        given = tracker.held_roles.get(person)
        if move_org is None and move_role is None and given and _names_this_post(token):
            # "L'inspecteur général X … Son arrivée à ce poste": the post named before
            move_org = given[1]
        if move_org is None and change == "end":
            held = tracker.held_orgs.get(person)
            if is_anaphor_org(token):
                move_org = tracker.org_for(person)
            elif held:
                move_org = held[-1]
        if move_org is None and move_role is not None:
            move_org = implicit_org(move_role)  # "nommé Premier ministre": the government
        if move_org is not None and is_place(move_org, sent) and (seat := _held_seat(given)):
            # "le sénateur X, réélu dans l'Allier": the seat's assembly, not the place
            move_org = seat
        plan.append((person, change, move_role, move_org))
    if succession:
        # "X remplace Y": whichever side names the organisation names it for both
        orgs = [o for _, _, _, o in plan if o]
        roles_ = [r for _, _, r, _ in plan if r]
        plan = [
            (
                p,
                c,
                r or (roles_[0] if roles_ and title_fits(roles_[0].head.text, p) else None),
                o or (orgs[0] if orgs else None),
            )
            for p, c, r, o in plan
        ]
    role_texts = [_role_text(r, chunk) for _, _, r, _ in plan]
    for k, (person, change, _, move_org) in enumerate(plan):
        given = tracker.held_roles.get(person)
        if (
            role_texts[k] is None
            and (change == "end" or _names_this_post(token))
            and given
            and given[1] in {None, move_org}
        ):
            # "Thomas Vial, directeur financier de Fnac Darty, … Il quittera le groupe":
            # the role he leaves is the one the article gave him ("son arrivée à ce
            # poste": the one he takes)
            role_texts[k] = given[0]
    if succession and None in role_texts:
        # "Elle a été remplacée par X": X takes the role she leaves
        known = next((r for r in role_texts if r), None)
        role_texts = [
            r or (known if known and title_fits(known, p) else None)
            for r, (p, *_) in zip(role_texts, plan, strict=True)
        ]
    for (person, change, move_role, move_org), role_text in zip(plan, role_texts, strict=True):
        interim = _is_interim(token, role_text)
        confidence = 0.55 + 0.15 * (move_org is not None) + 0.1 * (role_text is not None)
        if status == "reported":
            confidence -= 0.1
        moves.append(
            Move(
                evidence=chunk.evidence(_evidence_span(token, sent)),
                confidence=min(confidence, 0.95),
                source=source,
                person=person,
                change=change,  # type: ignore[arg-type]
                role=role_text,
                role_norm=role_norm(role_text),
                org=move_org,
                interim=interim,
                status=status,
                date=when.value if when else None,
                date_text=when.text if when else None,
                date_origin=_date_origin(
                    when, succession and change != trigger.change, is_landmark(token)
                ),
                since_move=None
                if when
                else _counted_from(token, tracker, bindings)
                or _predecessor(plan, person, change)
                or _destination(token, person, change),
            )
        )
        if move_org:
            tracker.see_org(move_org, person)
        tracker.see_person(person, move_role.words if move_role else set())
    return moves


def _speaker_role(token: Token, roles: list[RoleMention]) -> RoleMention | None:
    """The role title that is the subject of the verb whose complement clause holds the
    trigger, when the trigger's own subject is a pronoun ("le PDG de X a annoncé qu'il
    quittait …")."""
    subject = subject_of(token)
    if subject is None or subject.pos_ != "PRON" or token.dep_ != "ccomp":
        return None
    speaker = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    return next((r for r in roles if r.head.i == speaker.i), None)


def _held_seat(given: tuple[str, str | None] | None) -> str | None:
    """The assembly of the elected seat the article gave the person ("le sénateur X")."""
    if given is None:
        return None
    title = fold(given[0])
    bodies = move_lexicon().seat_bodies
    # the longest seat first: "député européen" sits in Strasbourg, "député" in Paris
    for seat in sorted(bodies, key=len, reverse=True):
        if title == seat or title.startswith(seat + " "):
            return bodies[seat]
    return None


def _counted_from(
    token: Token, tracker: PersonTracker, bindings: list[Binding]
) -> tuple[str, str] | None:
    """ "assure l'intérim depuis le débarquement de Thierry Bolloré": the move of
    another person the clause counts from, as (person, change)."""
    lex = move_lexicon()
    for t in clause_tokens(token):
        if t.i == token.i or t.pos_ != "NOUN":
            continue
        since = move_words("since_prepositions")
        if not any(c.dep_ == "case" and fold(c.text) in since for c in t.children):
            continue
        change = (
            "end" if t.lemma_ in lex.end_nouns else "start" if t.lemma_ in lex.start_nouns else None
        )
        # "le débarquement de Thierry Bolloré", however the parser hung the name
        doc = t.doc
        holder = next(
            (
                doc[k]
                for k in range(t.i + 2, min(t.i + 4, t.sent.end))
                if fold(doc[k - 1].text) in grammar_words("preposition_de") and person_name(doc[k])
            ),
            None,
        )
        if change and holder is not None:
            name = resolve_person(holder, tracker, bindings)
            if name:
                return name, change
    return None


def _predecessor(
    plan: list[tuple[str, str, RoleMention | None, str | None]], person: str, change: str
) -> tuple[str, str] | None:
    """ "Il a été remplacé par X" with no date of its own: X took over when the other
    side left, which an earlier sentence may date ("L'été dernier, Y a quitté VMware")."""
    if change != "start":
        return None
    return next(((p, c) for p, c, _, _ in plan if c == "end" and p != person), None)


def _destination(token: Token, person: str, change: str) -> tuple[str, str] | None:
    """ "le départ de X de l'Assemblée pour le gouvernement": a departure that names the
    organisation the person goes to is the other half of the arrival there, which the
    article may date elsewhere ("X a été nommé ce mardi ministre")."""
    if change != "end":
        return None
    for child in token.children:
        if (
            child.dep_ in {"nmod", "obl", "obl:mod", "obl:arg"}
            and (child.ent_type_ == "ORG" or child.lemma_ in move_lexicon().org_anaphors)
            and any(
                k.dep_ == "case" and fold(k.text) in move_words("destination_prepositions")
                for k in child.children
            )
        ):
            return person, "start"
    return None


def _names_an_honour(token: Token) -> bool:
    """ "promue commandeur de la Légion d'honneur": a distinction, not a post."""
    # lemmas too: "promus chevaliers"
    words = [fold(t.lemma_ if t.pos_ == "NOUN" else t.text) for t in token.subtree]
    return any(
        tuple(words[i : i + len(honour)]) == honour
        for honour in move_lexicon().honours
        for i in range(len(words) - len(honour) + 1)
    )


def _takes_a_place_of_no_one(trigger: Trigger) -> bool:
    """ "a pris la place d'une otage": a place, not someone's post (that needs a
    person, a title or a possessive: "prendre la place de X", "sa place")."""
    place = next(
        (
            c
            for c in trigger.token.children
            if c.dep_ == "obj" and c.lemma_ in move_words("place_nouns")
        ),
        None,
    )
    if place is None:
        return False
    return any(
        c.dep_ == "nmod"
        and any(
            d.dep_ == "det" and fold(d.text) in grammar_words("indefinite_articles")
            for d in c.children
        )
        for c in place.children
    )


def _a_way_or_a_stance(trigger: Trigger) -> bool:
    """ "prendre la direction des montagnes" (a way), "s'est écartée de la neutralité" (a
    stance): no post is taken or left."""
    lex = move_lexicon()
    token = trigger.token
    if trigger.lemma in lex.not_reflexive and any(
        c.dep_.startswith("expl") and fold(c.text) in grammar_words("reflexive_pronouns")
        for c in token.children
    ):
        return True
    direction = next(
        (c for c in token.children if c.dep_ == "obj" and c.lemma_ in move_words("way_nouns")),
        None,
    )
    return direction is not None and any(
        c.dep_ == "nmod" and c.lemma_ in lex.travel_destinations for c in direction.children
    )


def _must_resign(token: Token) -> bool:
    """ "il doit démissionner": an obligation someone states, not a plan."""
    head = token.head
    return (
        token.lemma_ in move_words("resigning_verbs")
        and head.i != token.i
        and head.lemma_ in move_words("must_verbs")
        # "il doit démissionner" (not "il devrait démissionner", a rumour)
        and "Pres" in head.morph.get("Tense", [])
        and "Ind" in head.morph.get("Mood", [])
        and not is_conditional(head)
    )


def _names_this_post(token: Token) -> bool:
    """ "à ce poste", "ces fonctions": the trigger's complement points back to a post
    the article named before."""
    for child in token.children:
        if child.lemma_ in move_words("anaphoric_posts") and any(
            d.dep_ == "det" and d.lower_ in grammar_words("demonstratives") for d in child.children
        ):
            return True
    return False


def _takes_up_office(token: Token) -> bool:
    """ "entrée en poste le 11 mars": the words right after the verb, however the
    parser hung them, say a post is taken up."""
    after = [fold(t.text) for t in token.doc[token.i + 1 : token.sent.end]]
    return any(
        after[: len(words.split())] == fold(words).split() for words in move_lexicon().office_words
    )


def _names_a_position(token: Token) -> bool:
    """The clause names a post without a title: "nommé à la tête de", "au poste de",
    "choisi pour diriger", "nommé au gouvernement"."""
    words = {fold(t.text) for t in token.subtree} | {t.lemma_ for t in token.subtree}
    return bool(words & move_words("position_words"))


def _names_someone_elected(token: Token) -> bool:
    """ "X, élu NPA de Bordeaux", "l'élu du XVIIIe": "élu" as a noun (an elected
    official, often with a party) states no election."""
    if fold(token.text) not in move_words("elected_nouns"):
        return False
    doc = token.doc
    after_article = token.i > 0 and doc[token.i - 1].pos_ == "DET"
    party_next = token.i + 1 < len(doc) and party_end(doc, token.i + 1, len(doc)) is not None
    return after_article or party_next


def _role_in_clause(
    token: Token,
    roles: list[RoleMention],
    bindings: list[Binding],
    movers_: frozenset[str] = frozenset(),
) -> RoleMention | None:
    """A role title inside the trigger's own clause, not one introducing a person; a
    noun trigger's own complement is its post even when the parser bound it to the
    mover ("après sa nomination à la tête de l'information, X")."""
    own = {t.i for t in token.subtree} if token.pos_ == "NOUN" else set()
    bound = {
        b.role.head.i
        for b in bindings
        if b.role is not None and not (b.person in movers_ and b.role.head.i in own)
    }
    subtree = {t.i for t in clause_tokens(token)}
    for role in roles:
        if role.head.i in subtree and role.head.i not in bound:
            return role
    return None


def _post_as_subject(token: Token, roles: list[RoleMention]) -> RoleMention | None:
    """ "un nouveau rédacteur en chef avait été nommé, X": the subject of a passive
    appointment that is a bare title (no name inside it) introduced as new is the post
    given ("l'actuel directeur adjoint, X, devrait être nommé" is the post he holds)."""
    if not any(c.dep_ == "aux:pass" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj:pass"), None)
    if subject is None or subject.pos_ != "NOUN" or any(person_name(t) for t in subject.subtree):
        return None
    new = any(
        (c.dep_ == "det" and "Ind" in c.morph.get("Definite", []))
        or (c.dep_ == "amod" and c.lemma_ in move_words("new_adjectives"))
        for c in subject.children
    )
    return next((r for r in roles if r.head.i == subject.i), None) if new else None


def _role_text(role: RoleMention | None, chunk: Chunk) -> str | None:
    if role is None:
        return None
    return chunk.doc[role.start : role.end].text


def _is_interim(token: Token, role_text: str | None) -> bool:
    words = fold(" ".join(t.text for t in token.subtree))
    if role_text:
        words += " " + fold(role_text)
    return any(fold(w) in words for w in move_lexicon().interim_words)


def _evidence_span(token: Token, sent: Span) -> Span:
    """The trigger's clause: its subject through its complements, inside the sentence."""
    subject = subject_of(token)
    indices = [t.i for t in token.subtree] + [token.i]
    if subject is not None:
        indices.append(subject.i)
    if token.lemma_ in move_lexicon().succession_nouns:
        # "le remplacement de X par Y": Y's name, wherever the parser hung it
        replacer = replacer_of(token)
        if replacer is not None:
            indices.extend(t.i for t in replacer.subtree if t.i >= replacer.i)
    lo = max(min(indices), sent.start)
    hi = min(max(indices) + 1, sent.end)
    span = sent.doc[lo:hi]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def _date_origin(when: ClauseDate | None, other_side: bool, landmark: bool) -> str | None:
    if when is None:
        # "président par intérim depuis la démission de X": an earlier event, which the
        # day of the news does not date
        return "landmark" if landmark else None
    # "X a été nommé ce mardi en remplacement de Y": the date is X's; Y may have left
    # before ("Y, qui avait démissionné la semaine précédente")
    return "borrowed" if other_side else "own"


__all__ = ["extract"]
