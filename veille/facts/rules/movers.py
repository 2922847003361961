"""Who moves: the subject or object of a trigger as its verb and voice say, the two
sides of a succession, and short references (surname, pronoun, role noun, relative
"qui") resolved to a full name."""

from __future__ import annotations

from spacy.tokens import Token

from veille.facts.reading.lexicon import (
    fold,
    grammar_words,
    move_lexicon,
    move_words,
    word_map,
    word_set,
)
from veille.facts.reading.mentions import (
    PersonTracker,
    is_name_token,
    is_person_pronoun,
    name_gender,
    name_head,
    person_name,
    single,
)
from veille.facts.reading.timing import timex_token_indices
from veille.facts.rules.bindings import Binding
from veille.facts.rules.triggers import SUBJ, Trigger, clause_tokens, replacer_of


def pronoun_gender(token: Token) -> str | None:
    word = fold(token.text)
    if word in grammar_words("masculine_pronouns"):
        return "Masc"
    if word in grammar_words("feminine_pronouns"):
        return "Fem"
    return None


def movers(
    trigger: Trigger, tracker: PersonTracker, bindings: list[Binding]
) -> list[tuple[str, str]]:
    """(person, change) pairs the trigger is about: one, or two for successions."""
    token = trigger.token
    lemma = trigger.lemma
    if trigger.noun:
        for child in token.children:
            if child.dep_ in {"nmod", "nmod:poss"} and any(
                fold(c.text) in grammar_words("preposition_de_du") for c in child.children
            ):
                name = resolve_person(child, tracker, bindings)
                if name:
                    pairs = [(name, trigger.change)]
                    # "le remplacement de X par Y": Y arrives
                    succession = lemma in move_lexicon().succession_nouns
                    replacer = replacer_of(token) if succession else None
                    arriving = resolve_person(replacer, tracker, bindings) if replacer else None
                    if arriving and arriving != name:
                        pairs.insert(0, (arriving, "start"))
                    return pairs
        holder = _possessor(token, tracker, bindings)
        return [(holder, trigger.change)] if holder else []
    passive = is_passive(token)
    subject = subject_of(token)
    if lemma in move_words("succession_verbs") and not trigger.noun:
        other = object_of(token, passive, lemma)
        if _replaces_a_thing(other):
            return []  # "le maire a remplacé son arrêté": no one is replaced
        if not passive and other is None:
            # "X, 45 ans, remplace Y, partie en janvier": a parse that lost a side (or
            # made Y a second subject); the names around the verb are the two sides
            other = _name_right_of(token)
            if subject is None or (other is not None and subject.i == other.i):
                subject = _name_left_of(token)
        newcomer, leaver = (other, subject) if passive else (subject, other)
        sides: dict[str, str] = {}
        # names before pronouns: a pronoun never means the other side of its own verb
        for tok, change in sorted(
            ((newcomer, "start"), (leaver, "end")),
            key=lambda side: side[0] is not None and is_person_pronoun(side[0]),
        ):
            if tok is not None:
                other_side = frozenset(sides.values())
                name = resolve_person(tok, tracker, bindings, exclude=other_side)
                if name:
                    sides[change] = name
        return [(sides[c], c) for c in ("start", "end") if c in sides]
    if trigger.who == "iobj":
        # "confier la direction de X à Y": Y moves
        mover = next(
            (
                c
                for c in token.children
                if c.dep_ in {"iobj", "obl:arg", "obl"}
                and any(fold(k.text) in grammar_words("preposition_a_au") for k in c.children)
            ),
            None,
        )
        if mover is None and passive:
            mover = subject
        if mover is None:
            # "a confié la direction de ses programmes à Diego Buñuel": the parser hung
            # "à Y" on the object's complement
            mover = next(
                (
                    t
                    for c in token.children
                    if c.dep_ == "obj"
                    for t in c.subtree
                    if t.i != c.i
                    and person_name(t)
                    and any(
                        k.dep_ == "case" and fold(k.text) in grammar_words("preposition_a_au")
                        for k in t.children
                    )
                ),
                None,
            )
    elif trigger.who == "obj":
        if (
            trigger.participle
            and token.dep_ in {"acl", "advcl", "appos"}
            # "avant d'être embauché": an infinitive clause, whose subject is the verb's
            and not any(
                c.dep_ in SUBJ or c.dep_.startswith(("aux", "mark")) for c in token.children
            )
        ):
            # "Mowalola Ogunlesi (25 ans), nommée directrice du design de YZY GAP":
            # a detached participle is said of the person named just before it, who
            # agrees with it ("l'exposition de X, installée à Metz" is the exhibition);
            # a plural one ("des Français recrutés par téléphone") is said of a group
            # the model's gender on participles is unreliable: read the ending
            agreement = "Fem" if token.text.lower().rstrip("s").endswith("e") else "Masc"
            named = [(i, n) for i, n in tracker.in_sentence if i < token.i]
            if named and "Plur" not in token.morph.get("Number", []):
                person = max(named)[1]
                # "le cadre nommé …" agrees with its noun, which may be a woman's title
                said_of_a_title = fold(token.head.text) in move_lexicon().title_heads or (
                    token.head.lemma_ in word_set("roles_fr.yaml", "role_noun_forms")
                )
                if not said_of_a_title and name_gender(person) not in {None, agreement}:
                    return []
                return [(person, trigger.change)]
        mover = subject if passive or token.dep_ == "acl" else object_of(token, passive, lemma)
        if mover is None and token.dep_ == "acl":
            mover = token.head
        if mover is not None and _clitic_object(mover):
            # "le conseil a décidé de le débarquer": one appoints or dismisses people,
            # so the object pronoun is the person last named, never the subject; in
            # "je l'ai embauché" the speaker is unknown, and so is whom he means
            if subject is not None and fold(subject.text) in grammar_words("speakers"):
                return []
            gender = word_map("grammar_fr.yaml", "object_genders").get(fold(mover.text))
            deciding = resolve_person(subject, tracker, bindings) if subject is not None else None
            name = tracker.antecedent(
                mover.i, gender, exclude=frozenset({deciding} if deciding else ())
            )
            return [(name, trigger.change)] if name else []
    elif lemma in move_words("put_an_end_verbs"):
        # "mettre fin à ses fonctions" (the subject leaves) or "mettre fin aux
        # fonctions de Y" (Y leaves)
        mover = holder_of_functions(token) or subject
    else:
        mover = subject
        if mover is not None and _named_inside_a_phrase(mover, bindings):
            mover = None
    # "avant de rejoindre l'équipe d'Emmanuel Macron, il …": a pronoun never means
    # someone named inside the verb's own complements
    inside = {t.i for t in token.subtree if t.i > token.i}
    own_complements = frozenset(n for i, n in tracker.in_sentence if i in inside)
    name = (
        resolve_person(mover, tracker, bindings, exclude=own_complements)
        if mover is not None
        else None
    )
    pairs = [(name, trigger.change)] if name else []
    if trigger.change == "start":
        # "prendre la succession de Y", "nommé en remplacement de Y": Y leaves
        leaver = succeeded_person(token)
        left = resolve_person(leaver, tracker, bindings) if leaver is not None else None
        if left and left != name:
            pairs.append((left, "end"))
    return pairs


def _possessor(noun: Token, tracker: PersonTracker, bindings: list[Binding]) -> str | None:
    """Who "sa démission", "son départ", "sa nomination" belong to: the subject of the
    verb that governs the noun ("X a présenté sa démission", "après sa nomination,
    X …"), or with no such verb the person the text last named ("Son arrivée en mai à
    ce poste"). A possessive is loose: "son arrivée le 3 août" is a trip and "leur
    retraite" a pension, so the noun must name its post or organisation itself, unless
    its own subject announces a departure ("X a remis sa démission")."""
    possessives = [c for c in noun.children if c.dep_ == "det" and "Yes" in c.morph.get("Poss", [])]
    if not possessives or fold(possessives[0].text) in move_words("loose_possessives"):
        return None
    names_its_post = names_a_post(noun)
    if not names_its_post and noun.lemma_ in move_lexicon().start_nouns:
        return None
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subject is not None and subject.i == noun.i:
        # "Deux ans après sa nomination, X a quitté …" parsed with the noun as a
        # second subject: the other subject is the person
        others = [c for c in verb.children if c.dep_ in SUBJ and c.i != noun.i]
        subject = others[0] if others else None
    deciding = resolve_person(subject, tracker, bindings) if subject is not None else None
    if subject is not None and verb.lemma_ not in move_words("others_decision_verbs"):
        # "la direction a annoncé sa démission collective": a subject that is no
        # person may be the possessor itself
        return deciding
    if not names_its_post:
        return None
    if subject is None and noun.i - noun.sent.start <= 1 and tracker.topic:
        # "… Stephen Akard est un proche de Mike Pence. Son arrivée à ce poste …": a
        # sentence opening on a possessive continues about the previous subject
        return tracker.topic
    # "X a accepté sa démission": someone other than X
    return tracker.antecedent(noun.i, exclude=frozenset({deciding} if deciding else ()))


def names_a_post(noun: Token) -> bool:
    """The move noun's own phrase holds a title or an organisation's name ("sa
    nomination à la tête de la rédaction", "son départ du Front national"); a place
    ("son arrivée au fort de Brégançon") is not one, nor a date."""
    titles = move_lexicon().title_heads
    in_time = timex_token_indices(noun.doc)
    for t in noun.subtree:
        if t.i <= noun.i or t.i in in_time:
            continue
        if fold(t.text) in titles or fold(t.text) in move_words("post_nouns"):
            return True
        if (
            t.text[:1].isupper()
            and is_name_token(t)
            and t.ent_type_ not in {"LOC", "PER"}
            and not person_name(t)
        ):
            return True
    return False


def _named_inside_a_phrase(subject: Token, bindings: list[Binding]) -> bool:
    """ "des dossiers gênants pour le ministre X a démissionné": a name in apposition
    with a title that a preposition governs sits inside that phrase; when the parser
    makes it the verb's subject anyway, the subject is someone the sentence opened
    with, not X."""
    for binding in bindings:
        if binding.person_token.i != subject.i or binding.role is None:
            continue
        title = binding.role.head
        return title.i < subject.i and any(
            c.dep_ == "case"
            and c.pos_ == "ADP"
            and fold(c.text) not in grammar_words("preposition_de_du_des")
            for c in title.children
        )
    return False


def _name_before_comma(token: Token) -> str | None:
    """ "Vaishali Kasture, le cadre nommé …, a quitté": a noun phrase right after a
    name and a comma (or a colon) restates that name, however the parser attached them."""
    if token.pos_ != "NOUN":
        return None
    doc = token.doc
    j = token.i - 1
    while j >= 0 and doc[j].pos_ in {"DET", "ADJ"}:
        j -= 1
    # "Stéphane Bern : l'animateur …" restates the name as well
    if j < 1 or doc[j].text not in {",", ":"}:
        return None
    return person_name(name_head(doc[j - 1]))


def _name_after_comma(token: Token) -> str | None:
    """ "a limogé le prédécesseur de M. Akard, Steve Linick, …": a title or a relation
    noun restated by the name after its phrase and a comma, however the parser hung the
    name (one that is the subject of a clause of its own starts that clause)."""
    lex = move_lexicon()
    if token.pos_ != "NOUN" or not (
        fold(token.text) in lex.title_heads or token.lemma_ in lex.relation_nouns
    ):
        return None
    doc = token.doc
    after = max(t.i for t in token.subtree) + 1
    if after + 1 >= token.sent.end or doc[after].text != ",":
        return None
    name = name_head(doc[after + 1])
    if name.dep_ in SUBJ:
        return None
    return person_name(name)


def _name_right_after(token: Token) -> str | None:
    """ "par son adjointe Diana Shaw": a common noun whose own complement is the name
    right after it."""
    if token.pos_ != "NOUN" or token.i + 1 >= token.sent.end:
        return None
    following = token.doc[token.i + 1]
    if following.head.i != token.i or following.ent_type_ != "PER":
        return None
    return person_name(name_head(following))


def holder_of_functions(token: Token) -> Token | None:
    """ "mettre fin aux fonctions de Y": Y; in "à ses fonctions" the subject is the
    holder, and "ses fonctions le 31 décembre" hangs a date, not a person."""
    in_time = timex_token_indices(token.doc)
    for t in clause_tokens(token):
        if t.lemma_ in move_words("functions_nouns"):
            if any("Yes" in g.morph.get("Poss", []) for g in t.children):
                return None
            for child in t.children:
                if child.dep_ == "nmod" and child.i not in in_time and child.pos_ != "NUM":
                    return child
    return None


def succeeded_person(token: Token) -> Token | None:
    nouns = move_lexicon().succession_nouns
    for t in clause_tokens(token):
        if t.lemma_ in nouns:
            for child in t.children:
                if child.dep_ in {"nmod", "nmod:poss"}:
                    return child
    return None


def is_passive(token: Token) -> bool:
    return (
        "Pass" in token.morph.get("Voice", [])
        or any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in token.children)
        or (token.dep_ == "acl" and "Part" in token.morph.get("VerbForm", []))
        or _shares_a_passive(token)
    )


def _shares_a_passive(token: Token) -> bool:
    """ "X a été limogé et remplacé par Y": a participle coordinated with a passive
    verb, with no auxiliary of its own, is passive too."""
    return (
        token.dep_ == "conj"
        and "Part" in token.morph.get("VerbForm", [])
        and not any(c.dep_.startswith("aux") for c in token.children)
        and any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in token.head.children)
    )


def subject_of(token: Token) -> Token | None:
    """The subject of a verb, inherited through "va quitter", "pour prendre", "et rejoint"."""
    node = token
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJ]
        if subjects:
            # the parser sometimes gives both nsubj and nsubj:pass to one name
            return min(subjects, key=lambda t: t.i)
        if node.dep_ == "acl":
            return node.head
        if (
            node.dep_ in {"conj", "appos", "nmod"}
            and (
                "Part" in node.morph.get("VerbForm", [])
                or node.text.lower() in move_lexicon().participles
            )
            and person_name(node.head) is not None
        ):
            # "Paul Girard, parti chez Google en 2019, …", however the participle is
            # tagged
            return node.head
        controller = _object_controller(node)
        if controller is not None:
            return controller
        if node.dep_ in {"xcomp", "advcl", "conj", "ccomp"} and node.head.i != node.i:
            verb_conj = node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}
            node = node.head
            if verb_conj:
                # "X a acquis 25 % des parts et en deviendra le directeur": a verb the
                # parser coordinated with a noun shares the clause of that noun's verb
                node = _verb_above(node)
            continue
        break
    return _fronted_infinitive_subject(token) or _stranded_subject(token)


def _stranded_subject(verb: Token) -> Token | None:
    """The subject of a main verb that has none in the parse: a person's name right
    before its auxiliaries ("Selon le Journal officiel, François-Xavier Lauch est
    devenu …", the name hung on "Journal"), or the name opening the sentence before an
    aside ("Kasture, qui a rejoint Amazon il y a cinq ans, a occupé …", hung on "il y
    a")."""
    if verb.dep_ != "ROOT" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    sent = verb.sent
    doc = verb.doc
    j = verb.i - 1
    while j > sent.start and doc[j].head.i == verb.i and doc[j].dep_.startswith("aux"):
        j -= 1
    if j < verb.i - 1 and doc[j].ent_type_ == "PER":
        return name_head(doc[j])
    # a name, or a surname the model took for a place: resolve_person decides
    first = name_head(sent[0])
    if not (first.pos_ == "PROPN" and first.text[:1].isupper()):
        return None
    after = first.i + 1
    while after < verb.i and verb.doc[after].dep_ == "flat:name":
        after += 1
    return first if after < verb.i and verb.doc[after].text == "," else None


def _object_controller(infinitive: Token) -> Token | None:
    """ "le conseil l'a choisie pour succéder à X", "nommé X pour diriger": the object
    of a choosing verb is the subject of its infinitive."""
    head = infinitive.head
    if (
        infinitive.dep_ not in {"xcomp", "advcl"}
        or head.i == infinitive.i
        or head.lemma_ not in move_lexicon().object_control_verbs
    ):
        return None
    # whoever the object is: "comptait nommer une femme pour la remplacer" names no one
    return next((c for c in head.children if c.dep_ == "obj" and c.i < infinitive.i), None)


def _verb_above(token: Token) -> Token:
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return token


def _fronted_infinitive_subject(token: Token) -> Token | None:
    """ "Avant de devenir adjointe à la mairie de Bordeaux, elle avait été …": an
    infinitive opening the sentence has the main clause's subject, wherever the parser
    hung that clause: the first person subject after the infinitive's comma."""
    if "Inf" not in token.morph.get("VerbForm", []):
        return None
    sent = token.sent
    opening = [t for t in sent if t.i <= token.i]
    if not any(fold(t.text) in grammar_words("infinitive_openers") for t in opening[:3]):
        return None
    comma = next((t.i for t in sent if t.i > token.i and t.text == ","), None)
    if comma is None:
        return None
    return next(
        (
            t
            for t in sent
            if t.i > comma
            and t.dep_ in SUBJ
            and (is_person_pronoun(t) or person_name(t) is not None)
        ),
        None,
    )


def object_of(token: Token, passive: bool, lemma: str) -> Token | None:
    # "en recrutant début mai le journaliste X": a time expression the parser took for
    # the object is not who moves
    in_timex = timex_token_indices(token.doc)
    for child in token.children:
        if child.i in in_timex:
            continue
        if passive and child.dep_ == "obl:agent":
            return child
        if not passive and child.dep_ in {"obj", "iobj"}:
            return child
        if (
            lemma in move_words("indirect_succession_verbs")
            and child.dep_.startswith("obl")
            and any(fold(c.text) in grammar_words("preposition_a_au") for c in child.children)
        ):
            return child
    return None


def resolve_person(
    token: Token,
    tracker: PersonTracker,
    bindings: list[Binding],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """A full person name for a subject/object token: a name, a title in apposition
    with a name, a pronoun (never one of `exclude`), a surname, or a role noun already
    associated with someone."""
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
    if is_person_pronoun(token) or fold(token.text) in grammar_words("demonstrative_pronouns"):
        return tracker.antecedent(token.i, pronoun_gender(token), exclude)
    if _clitic_object(token) and token.head.lemma_ in lex.object_control_verbs:
        # "l'a choisie pour succéder à X" (see _object_controller): the participle
        # agrees with whom "l'" stands for
        gender = word_map("grammar_fr.yaml", "object_genders").get(fold(token.text)) or single(
            token.head.morph.get("Gender", [])
        )
        return tracker.antecedent(token.i, gender, exclude)
    named_before = (
        _name_before_comma(token) or _name_after_comma(token) or _name_right_after(token)
    )
    if named_before:
        return tracker.canonical(named_before)
    if token.pos_ in {"PROPN", "NOUN", "ADJ"} and token.text[:1].isupper():
        full = tracker.canonical(token.text)
        if full != token.text:
            return full
    if fold(token.text) in lex.title_heads or token.lemma_ in word_set(
        "roles_fr.yaml", "role_nouns"
    ):
        # "l'ancien chef des ventes", "le nouveau patron": only a definite role noun
        # with such an adjective, or whose words match a role someone was given.
        words = {fold(t.text) for t in token.subtree if t.is_alpha}
        known = tracker.person_with_role(
            words - move_words("not_role_words") - lex.role_reference_adjectives
        )
        if known:
            return known
        if words & lex.role_reference_adjectives and any(
            "Def" in c.morph.get("Definite", []) for c in token.children
        ):
            return tracker.antecedent(token.i)
    return None


def _clitic_object(token: Token) -> bool:
    """ "le", "la", "l'" as the object pronoun before a verb."""
    return (
        token.pos_ == "PRON"
        and fold(token.text) in grammar_words("object_pronouns")
        and token.dep_ == "obj"
    )


def _name_left_of(verb: Token) -> Token | None:
    """The nearest person's name before the verb in its sentence, across an aside
    between commas ("X, 45 ans, remplace")."""
    for j in range(verb.i - 1, verb.sent.start - 1, -1):
        token = verb.doc[j]
        if token.pos_ in {"VERB", "AUX"}:
            return None
        if token.text[:1].isupper() and person_name(name_head(token)):
            return name_head(token)
    return None


def _name_right_of(verb: Token) -> Token | None:
    """A person's name right after the verb ("remplace Y")."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    return nxt if nxt is not None and nxt.text[:1].isupper() and person_name(nxt) else None


def _replaces_a_thing(other: Token | None) -> bool:
    """The other side of "remplacer" is a common noun that is neither a title nor
    followed by a name: a thing ("un arrêté", "le moteur"), so the verb tells no
    succession ("le navigateur Marc Thiercelin" and "son adjointe X" are people)."""
    if (
        other is None
        or other.pos_ != "NOUN"
        or not other.text.islower()
        or fold(other.text) in move_lexicon().title_heads
        or other.lemma_ in move_lexicon().title_heads
    ):
        return False
    following = other.doc[other.i + 1] if other.i + 1 < len(other.doc) else None
    named = any(person_name(c) for c in other.children if c.text[:1].isupper())
    return not named and not (following is not None and person_name(following))
