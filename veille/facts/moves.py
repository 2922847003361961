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

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from veille.facts.bindings import Binding, find_bindings, org_after_role
from veille.facts.context import ArticleContext, Chunk
from veille.facts.lexicon import fold, move_lexicon
from veille.facts.mentions import (
    PersonTracker,
    is_known_org,
    is_name_token,
    is_person_pronoun,
    org_name,
    person_name,
)
from veille.facts.modality import clause_source, clause_status
from veille.facts.positions import positions_from
from veille.facts.roles import RoleMention, find_titles, role_norm
from veille.facts.salience import article_names, article_org
from veille.facts.timing import clause_date, timex_spans
from veille.records import Fact, Move

_SUBJ = {"nsubj", "nsubj:pass", "expl:subj"}
_NEGATIONS = {"pas", "jamais", "plus", "guère", "nullement"}
_CLAUSE_DEPS = {"advcl", "acl", "acl:relcl", "ccomp", "xcomp", "conj", "parataxis", "csubj"}
_ORG_CASES = {"chez", "de", "d'", "du", "des", "à", "au", "aux", "dans", "pour", "par"}


@dataclass
class _Trigger:
    token: Token
    change: str  # "start" | "end"
    who: str  # "subj" | "obj" | "iobj"
    noun: bool = False
    lemma: str = ""
    participle: bool = False


@dataclass
class _SentenceFacts:
    moves: list[Move] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    tracker = PersonTracker(article_org=article_org(ctx.text))
    tracker.full_names.extend(article_names(ctx.text))
    moves: list[Move] = []
    bindings: list[tuple[Binding, Chunk]] = []
    for chunk in chunks:
        for sent in chunk.doc.sents:
            found = _read_sentence(sent, chunk, ctx, tracker)
            moves.extend(found.moves)
            bindings.extend((b, chunk) for b in found.bindings)
    title_end = len(ctx.article.title or "")
    moves = _merge_moves(moves, title_end)
    for move in moves:
        if move.org is None and tracker.article_org is not None:
            # No organisation in the move's own words (nor a twin report): the one
            # the article is about is the likeliest, said with less confidence.
            move.org = tracker.article_org
            move.confidence = max(0.3, move.confidence - 0.1)
    return [*moves, *positions_from(bindings, moves, ctx)]


def _read_sentence(
    sent: Span, chunk: Chunk, ctx: ArticleContext, tracker: PersonTracker
) -> _SentenceFacts:
    tracker.begin_sentence()
    roles = find_titles(sent)
    for ent in sent.ents:
        if ent.label_ == "PER":
            name = tracker.canonical(person_name(ent.root) or ent.text)
            tracker.mention(ent.start, name)
            tracker.set_gender(name, _single(ent[0].morph.get("Gender", [])))
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
    triggers = _find_triggers(sent)
    for trigger in triggers:
        out.moves.extend(_read_trigger(trigger, sent, roles, out.bindings, chunk, ctx, tracker))
    for binding in out.bindings:
        move = _move_from_adjective(binding, chunk, ctx)
        if move is not None:
            out.moves.append(move)
    # Names seen after the triggers, for later short references.
    for ent in sent.ents:
        if ent.label_ == "PER" and len(ent.text.split()) >= 2:
            tracker.see_person(ent.text)
        elif ent.label_ in {"ORG", "MISC"} and ent.text[:1].isupper():
            tracker.see_org(ent.text)
    return out


_ER_ENDINGS = ("ent", "es", "e", "ons", "ez", "ées", "és", "ée", "é")


def _verb_lemma(token: Token) -> str:
    """The token's lemma, or the -er infinitive its form points to when the
    lemmatizer left the form as it is ("quitte" -> "quitter")."""
    lemma = token.lemma_.lower()
    lex = move_lexicon()
    if (
        lemma in lex.start_verbs
        or lemma in lex.end_verbs
        or token.pos_ not in {"VERB", "AUX", "ADJ"}
    ):
        return lemma
    text = token.text.lower()
    if text in lex.participles:
        return lex.participles[text]
    for ending in _ER_ENDINGS:
        if text.endswith(ending):
            guess = text[: -len(ending)] + "er"
            if guess in lex.start_verbs or guess in lex.end_verbs:
                return guess
    return lemma


def _move_from_adjective(binding: Binding, chunk: Chunk, ctx: ArticleContext) -> Move | None:
    """ "la PDG sortante Marie-Eve Malouines" (leaving), "le futur directeur général de
    l'Opéra Alexander Neef" (arriving): an adjective of the title states the change."""
    role = binding.role
    if role is None:
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
    )


def _find_triggers(sent: Span) -> list[_Trigger]:
    lex = move_lexicon()
    found = []
    titles = lex.title_heads
    for token in sent:
        lemma = _verb_lemma(token)
        # "élu président": the tagger takes some participles for nouns ("un élu")
        participle = (
            token.text.lower() in lex.participles
            and token.i + 1 < sent.end
            and fold(token.doc[token.i + 1].text) in titles | {"a", "au", "à"}
        )
        if participle:
            lemma = lex.participles[token.text.lower()]
        if (
            participle
            or token.pos_ in {"VERB", "AUX"}
            or (token.pos_ == "ADJ" and lemma != token.lemma_.lower())
        ):
            participle = participle or "Part" in token.morph.get("VerbForm", [])
            if lemma in lex.start_verbs:
                found.append(
                    _Trigger(
                        token, "start", lex.start_verbs[lemma], lemma=lemma, participle=participle
                    )
                )
            elif lemma in lex.end_verbs:
                found.append(
                    _Trigger(token, "end", lex.end_verbs[lemma], lemma=lemma, participle=participle)
                )
        elif token.pos_ == "NOUN":
            if lemma in lex.start_nouns:
                found.append(_Trigger(token, "start", "de", noun=True, lemma=lemma))
            elif lemma in lex.end_nouns:
                found.append(_Trigger(token, "end", "de", noun=True, lemma=lemma))
    return found


def _blocked(trigger: _Trigger, sent: Span) -> bool:
    """Denials, demands and speculation are not moves."""
    lex = move_lexicon()
    token = trigger.token
    kids = {fold(c.text) for c in token.children}
    if kids & _NEGATIONS and kids & {"ne", "n'"}:
        return True
    node = token
    # five heads up: "a réclamé dimanche 27 janvier la démission de X" hangs the noun
    # under the date
    for _ in range(5):
        if node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in lex.demand_lemmas:
            return True
        if {fold(c.text) for c in node.children} & _NEGATIONS and node.pos_ in {"VERB", "AUX"}:
            return True
    low = fold(sent.text)
    return any(p in low for p in lex.blocker_phrases)


def _has_needed_object(trigger: _Trigger) -> bool:
    needed = move_lexicon().needs_object.get(trigger.lemma)
    if needed is None:
        return True
    for child in trigger.token.subtree:
        if child.i != trigger.token.i and child.lemma_.lower() in needed:
            return True
    return not needed and False


def _starts_holding(token: Token) -> bool:
    """ "occuper le poste" is a change only from a date on, or as a transfer's purpose;
    "assurer l'intérim" always starts an interim."""
    lex = move_lexicon()
    clause = fold(" ".join(t.text for t in _clause_tokens(token)))
    if any(marker in clause for marker in lex.from_markers):
        return True
    if any(fold(c.text) == "pour" and c.dep_ == "mark" for c in token.children):
        return True
    return any(c.lemma_ == "intérim" for c in token.children)


def _clause_tokens(token: Token) -> list[Token]:
    """The trigger's own clause: its subtree without embedded clauses of other verbs."""
    out = []
    stack = [token]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ in _CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _read_trigger(
    trigger: _Trigger,
    sent: Span,
    roles: list[RoleMention],
    bindings: list[Binding],
    chunk: Chunk,
    ctx: ArticleContext,
    tracker: PersonTracker,
) -> list[Move]:
    token = trigger.token
    if _blocked(trigger, sent) or not _has_needed_object(trigger):
        return []
    if trigger.lemma in move_lexicon().holding_verbs and not _starts_holding(token):
        return []
    # A lone word ("César", "Rugy" with no full name in the article) is too weak a
    # person to report.
    persons = [(p, c) for p, c in _movers(trigger, tracker, bindings) if len(p.split()) >= 2]
    if not persons:
        return []
    role = _role_in_clause(token, roles, bindings)
    org = _org_in_clause(token, trigger, role, persons, sent, tracker)
    lemma = trigger.lemma
    if (
        role is None
        and org is not None
        and lemma in move_lexicon().place_verbs
        and _is_place(org, sent)
    ):
        # "a quitté Louisville": a place left, not an organisation (a role keeps it:
        # "quitte son poste de préfet des Hautes-Pyrénées")
        return []
    if lemma in move_lexicon().needs_role_or_org and role is None and org is None:
        return []
    moves = []
    status = clause_status(token, ctx.published)
    source = clause_source(token)
    when = clause_date(token, ctx.published)
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
            # is the one he is introduced with.
            if role is None:
                move_role = binding.role
            if binding.org and (org is None or _is_anaphor_org(token)):
                move_org = binding.org
        if move_org is None and change == "end":
            held = tracker.held_orgs.get(person)
            if _is_anaphor_org(token):
                move_org = tracker.org_for(person)
            elif held:
                move_org = held[-1]
        plan.append((person, change, move_role, move_org))
    if succession:
        # "X remplace Y": whichever side names the organisation names it for both
        orgs = [o for _, _, _, o in plan if o]
        roles_ = [r for _, _, r, _ in plan if r]
        plan = [
            (p, c, r or (roles_[0] if roles_ else None), o or (orgs[0] if orgs else None))
            for p, c, r, o in plan
        ]
    role_texts = [_role_text(r, chunk) for _, _, r, _ in plan]
    for k, (person, change, _, move_org) in enumerate(plan):
        given = tracker.held_roles.get(person)
        if role_texts[k] is None and change == "end" and given and given[1] in {None, move_org}:
            # "Thomas Vial, directeur financier de Fnac Darty, … Il quittera le groupe":
            # the role he leaves is the one the article gave him
            role_texts[k] = given[0]
    if succession and None in role_texts:
        # "Elle a été remplacée par X": X takes the role she leaves
        known = next((r for r in role_texts if r), None)
        role_texts = [r or known for r in role_texts]
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
            )
        )
        if move_org:
            tracker.see_org(move_org, person)
        tracker.see_person(person, move_role.words if move_role else set())
    return moves


def _single(values: list[str]) -> str | None:
    return values[0] if len(values) == 1 else None


_MASCULINE = {"il", "celui", "celui-ci", "lui", "dernier"}
_FEMININE = {"elle", "celle", "celle-ci", "derniere"}


def _pronoun_gender(token: Token) -> str | None:
    word = fold(token.text)
    if word in _MASCULINE:
        return "Masc"
    if word in _FEMININE:
        return "Fem"
    return None


def _is_place(name: str, sent: Span) -> bool:
    """The model calls the name a place and the gazetteer does not know it as an
    organisation."""
    if is_known_org(name):
        return False
    return any(ent.label_ == "LOC" and ent.text == name for ent in sent.ents)


def _movers(
    trigger: _Trigger, tracker: PersonTracker, bindings: list[Binding]
) -> list[tuple[str, str]]:
    """(person, change) pairs the trigger is about: one, or two for successions."""
    token = trigger.token
    lemma = trigger.lemma
    if trigger.noun:
        for child in token.children:
            if child.dep_ in {"nmod", "nmod:poss"} and any(
                fold(c.text) in {"de", "d'", "du"} for c in child.children
            ):
                name = _resolve_person(child, tracker, bindings)
                if name:
                    return [(name, trigger.change)]
        return []
    passive = _is_passive(token)
    subject = _subject_of(token)
    if lemma in {"remplacer", "succéder"} and not trigger.noun:
        other = _object_of(token, passive, lemma)
        newcomer, leaver = (other, subject) if passive else (subject, other)
        pairs = []
        for tok, change in ((newcomer, "start"), (leaver, "end")):
            name = _resolve_person(tok, tracker, bindings) if tok is not None else None
            if name:
                pairs.append((name, change))
        return pairs
    if trigger.who == "iobj":
        # "confier la direction de X à Y": Y moves
        mover = next(
            (
                c
                for c in token.children
                if c.dep_ in {"iobj", "obl:arg", "obl"}
                and any(fold(k.text) in {"a", "au"} for k in c.children)
            ),
            None,
        )
        if mover is None and passive:
            mover = subject
    elif trigger.who == "obj":
        if (
            trigger.participle
            and token.dep_ in {"acl", "advcl", "appos"}
            and not any(c.dep_ in _SUBJ for c in token.children)
        ):
            # "Mowalola Ogunlesi (25 ans), nommée directrice du design de YZY GAP":
            # a detached participle is said of the person named just before it
            named = [(i, n) for i, n in tracker.in_sentence if i < token.i]
            if named:
                pairs = [(max(named)[1], trigger.change)]
                return pairs
        mover = subject if passive or token.dep_ == "acl" else _object_of(token, passive, lemma)
        if mover is None and token.dep_ == "acl":
            mover = token.head
    elif lemma == "mettre":
        # "mettre fin à ses fonctions" (the subject leaves) or "mettre fin aux
        # fonctions de Y" (Y leaves)
        mover = _holder_of_functions(token) or subject
    else:
        mover = subject
    name = _resolve_person(mover, tracker, bindings) if mover is not None else None
    pairs = [(name, trigger.change)] if name else []
    if trigger.change == "start":
        # "prendre la succession de Y", "nommé en remplacement de Y": Y leaves
        leaver = _succeeded_person(token)
        left = _resolve_person(leaver, tracker, bindings) if leaver is not None else None
        if left and left != name:
            pairs.append((left, "end"))
    return pairs


def _holder_of_functions(token: Token) -> Token | None:
    for t in _clause_tokens(token):
        if t.lemma_ in {"fonction", "mandat"}:
            for child in t.children:
                if child.dep_ == "nmod" and not any(
                    "Poss" in g.morph.get("Poss", []) for g in t.children
                ):
                    return child
    return None


def _succeeded_person(token: Token) -> Token | None:
    nouns = move_lexicon().succession_nouns
    for t in _clause_tokens(token):
        if t.lemma_ in nouns:
            for child in t.children:
                if child.dep_ in {"nmod", "nmod:poss"}:
                    return child
    return None


def _is_passive(token: Token) -> bool:
    return (
        "Pass" in token.morph.get("Voice", [])
        or any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in token.children)
        or (token.dep_ == "acl" and "Part" in token.morph.get("VerbForm", []))
    )


def _subject_of(token: Token) -> Token | None:
    """The subject of a verb, inherited through "va quitter", "pour prendre", "et rejoint"."""
    node = token
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in _SUBJ]
        if subjects:
            # the parser sometimes gives both nsubj and nsubj:pass to one name
            return min(subjects, key=lambda t: t.i)
        if node.dep_ == "acl":
            return node.head
        if node.dep_ in {"xcomp", "advcl", "conj", "ccomp"} and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _object_of(token: Token, passive: bool, lemma: str) -> Token | None:
    for child in token.children:
        if passive and child.dep_ == "obl:agent":
            return child
        if not passive and child.dep_ in {"obj", "iobj"}:
            return child
        if (
            lemma == "succéder"
            and child.dep_.startswith("obl")
            and any(fold(c.text) in {"a", "à", "au"} for c in child.children)
        ):
            return child
    return None


def _resolve_person(token: Token, tracker: PersonTracker, bindings: list[Binding]) -> str | None:
    """A full person name for a subject/object token: a name, a title in apposition
    with a name, a pronoun, a surname, or a role noun already associated with someone."""
    lex = move_lexicon()
    if "Rel" in token.morph.get("PronType", []) and token.head.dep_ == "acl:relcl":
        # "Kasture, qui a rejoint Amazon": the relative's antecedent moves
        token = token.head.head
    for binding in bindings:
        if binding.person_token.i == token.i or (
            binding.role is not None and binding.role.head.i == token.i
        ):
            return binding.person
    name = person_name(token)
    if name:
        return tracker.canonical(name)
    if token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children):
        # "Stu Miniman, un ancien d'EMC, devenu …": the noun stands in apposition
        other = (
            token.head
            if token.dep_ == "appos"
            else next(c for c in token.children if c.dep_ == "appos")
        )
        name = person_name(other)
        if name:
            return tracker.canonical(name)
    if is_person_pronoun(token) or fold(token.text) in {"celui", "celle"}:
        return tracker.antecedent(token.i, _pronoun_gender(token))
    if token.pos_ in {"PROPN", "NOUN", "ADJ"} and token.text[:1].isupper():
        full = tracker.canonical(token.text)
        if full != token.text:
            return full
    if fold(token.text) in lex.title_heads or token.lemma_ in {"cadre", "dirigeant"}:
        # "l'ancien chef des ventes", "le nouveau patron": only a definite role noun
        # with such an adjective, or whose words match a role someone was given.
        words = {fold(t.text) for t in token.subtree if t.is_alpha}
        known = tracker.person_with_role(
            words - {"le", "la", "l", "de", "des", "du"} - lex.role_reference_adjectives
        )
        if known:
            return known
        if words & lex.role_reference_adjectives and any(
            "Def" in c.morph.get("Definite", []) for c in token.children
        ):
            return tracker.antecedent(token.i)
    return None


def _role_in_clause(
    token: Token, roles: list[RoleMention], bindings: list[Binding]
) -> RoleMention | None:
    """A role title inside the trigger's own clause, not one introducing a person."""
    bound = {b.role.head.i for b in bindings if b.role is not None}
    subtree = {t.i for t in _clause_tokens(token)}
    for role in roles:
        if role.head.i in subtree and role.head.i not in bound:
            return role
    return None


def _role_text(role: RoleMention | None, chunk: Chunk) -> str | None:
    if role is None:
        return None
    return chunk.doc[role.start : role.end].text


def _is_anaphor_org(token: Token) -> bool:
    """The trigger's object is a noun standing for an organisation ("l'entreprise")."""
    lex = move_lexicon()
    return any(
        c.dep_ == "obj" and (c.lemma_ in lex.org_anaphors or fold(c.text) in lex.org_anaphors)
        for c in token.children
    )


def _org_in_clause(
    token: Token,
    trigger: _Trigger,
    role: RoleMention | None,
    persons: list[tuple[str, str]],
    sent: Span,
    tracker: PersonTracker,
) -> str | None:
    lex = move_lexicon()
    if role is not None:
        org = org_after_role(role, sent, tracker)
        if org:
            return org
    positioned = _org_after_position_noun(token)
    if positioned:
        return positioned
    person_words = {w for p, _ in persons for w in p.split()}
    for child in token.children:
        if child.dep_ == "obj" or child.dep_.startswith("obl") or child.dep_ == "nmod":
            cases = {fold(c.text) for c in child.children if c.dep_ in {"case", "fixed"}}
            # an oblique without preposition is a mislabelled object ("rejoint Atos")
            if child.dep_ != "obj" and cases and not cases & _ORG_CASES:
                continue
            if child.dep_ != "obj" and not cases and not is_name_token(child):
                continue
            if person_name(child) or fold(child.text) in lex.title_heads:
                continue
            if child.lemma_ in lex.org_anaphors or fold(child.text) in lex.org_anaphors:
                named = _named_in(child)
                if named:
                    return named
                if trigger.change == "end" or child.dep_ == "obj":
                    person = persons[0][0] if persons else None
                    return tracker.org_for(person)
                continue
            found = _named_in(child)
            if found and found.split()[-1] not in person_words:
                return found
    return _org_after_preposition(token)


_SURFACE_PREPOSITIONS = {"chez", "dans", "sein"}


def _org_after_preposition(token: Token) -> str | None:
    """Surface fallback for trees that hyphenated words break ("chez le capital-risqueur
    General Catalyst"): the first name a few words after "chez", "dans" or "au sein de"
    that follows the trigger in its clause."""
    doc = token.doc
    end = token.sent.end
    j = token.i + 1
    while j < end:
        word = doc[j]
        titles = move_lexicon().title_heads
        if (word.pos_ in {"VERB", "AUX"} and fold(word.text) not in titles) or word.text in {
            ",",
            ";",
            ":",
            "(",
            ".",
        }:
            return None
        if fold(word.text) in _SURFACE_PREPOSITIONS:
            for k in range(j + 1, min(j + 8, end)):
                candidate = doc[k]
                if candidate.pos_ in {"VERB", "AUX"} or candidate.text in {",", ";", "."}:
                    return None
                if candidate.text[:1].isupper() and not person_name(candidate):
                    return org_name(candidate)
            return None
        j += 1
    return None


_POSITION_NOUNS = {"tete", "direction", "presidence", "poste", "commande", "renes", "barre"}


def _org_after_position_noun(token: Token) -> str | None:
    """ "nommé à la tête par intérim d'AWS Inde", "prendre la direction de France 2": the
    organisation follows a position noun of the clause; it wins over the agent who
    appoints ("nommé par Amazon")."""
    doc = token.doc
    for t in _clause_tokens(token):
        if fold(t.text) not in _POSITION_NOUNS:
            continue
        for j in range(t.i + 1, min(t.i + 7, t.sent.end)):
            word = doc[j]
            if fold(word.text) in {"de", "d'", "du", "des"}:
                k = j + 1
                while k < t.sent.end and doc[k].pos_ == "DET":
                    k += 1
                if k < t.sent.end and doc[k].text[:1].isupper() and not person_name(doc[k]):
                    return org_name(doc[k])
                break
            if word.is_punct or word.pos_ in {"VERB", "AUX"}:
                break
    return None


def _named_in(token: Token) -> str | None:
    """An organisation name at `token` or inside its phrase, reading left to right
    ("la société de capital-risque Greylock Partners", "le groupe Canal+"), never a
    person or a role title."""
    titles = move_lexicon().title_heads
    phrase = [t for t in token.subtree if t.i >= token.i and t.sent.start == token.sent.start]
    for t in sorted(phrase, key=lambda t: t.i):
        if t.i > token.i and (t.pos_ in {"VERB", "AUX", "PRON"} or t.text in {",", "(", ";"}):
            break
        if fold(t.text) in titles:
            return None
        if is_name_token(t) and t.text[:1].isupper() and not person_name(t):
            return org_name(t)
    return None


def _is_interim(token: Token, role_text: str | None) -> bool:
    words = fold(" ".join(t.text for t in token.subtree))
    if role_text:
        words += " " + fold(role_text)
    return any(fold(w) in words for w in move_lexicon().interim_words)


def _evidence_span(token: Token, sent: Span) -> Span:
    """The trigger's clause: its subject through its complements, inside the sentence."""
    subject = _subject_of(token)
    indices = [t.i for t in token.subtree] + [token.i]
    if subject is not None:
        indices.append(subject.i)
    lo = max(min(indices), sent.start)
    hi = min(max(indices) + 1, sent.end)
    span = sent.doc[lo:hi]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def _merge_moves(moves: list[Move], title_end: int = 0) -> list[Move]:
    """One move per (person, change, organisation); a move without organisation merges
    into one of the same person and change that has it. The body's report of a move
    wins over the title's: headlines put future events in the present ("X cède la
    présidence" for "X va quitter ses fonctions")."""
    merged: dict[tuple[str, str, str], Move] = {}
    for move in sorted(moves, key=lambda m: (m.org is None, m.evidence.start < title_end)):
        key = (fold(move.person), move.change, fold(move.org or ""))
        if move.org is None:
            twin = next((m for (p, c, _), m in merged.items() if p == key[0] and c == key[1]), None)
            if twin is not None:
                _fill(twin, move)
                continue
        if key in merged:
            _fill(merged[key], move)
        else:
            merged[key] = move
    return sorted(merged.values(), key=lambda m: m.evidence.start)


def _fill(kept: Move, other: Move) -> None:
    for name in ("role", "role_norm", "date", "date_text", "source"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    kept.interim = kept.interim or other.interim
    kept.confidence = max(kept.confidence, other.confidence)


__all__ = ["extract", "timex_spans"]
