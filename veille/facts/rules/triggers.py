"""Move triggers: the verbs and nouns that can state a change of position, read from
the move lexicon, and the checks that keep denials, demands and stray uses out."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from veille.facts.reading.lexicon import fold, grammar_words, move_lexicon, move_words, word_list
from veille.facts.reading.mentions import is_known_org, org_name
from veille.facts.reading.roles import in_title_idiom
from veille.facts.reading.timing import timex_token_indices
from veille.nlp.timex.attach import timex_spans

SUBJ = {"nsubj", "nsubj:pass", "expl:subj"}
_BLOCKERS = ("moves_fr.yaml", "blockers")
CLAUSE_DEPS = {"advcl", "acl", "acl:relcl", "ccomp", "xcomp", "conj", "parataxis", "csubj"}


@dataclass
class Trigger:
    """A word that may state a move, with who moves ("subj" for "X quitte A", "obj" for
    "A nomme X" and passives, "iobj" for "confier la direction à X")."""

    token: Token
    change: str  # "start" | "end"
    who: str  # "subj" | "obj" | "iobj"
    noun: bool = False
    lemma: str = ""
    participle: bool = False


def verb_lemma(token: Token) -> str:
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
    for ending in word_list("grammar_fr.yaml", "er_verb_endings"):
        if text.endswith(ending):
            guess = text[: -len(ending)] + "er"
            if guess in lex.start_verbs or guess in lex.end_verbs:
                return guess
    return lemma


def find_triggers(sent: Span) -> list[Trigger]:
    lex = move_lexicon()
    found = []
    titles = lex.title_heads
    # "à partir de juin": a verb inside a time expression tells no move
    in_time = timex_token_indices(sent.doc)
    for token in sent:
        if token.i in in_time:
            continue
        lemma = verb_lemma(token)
        # "élu président": the tagger takes some participles for nouns ("un élu")
        participle = (
            token.text.lower() in lex.participles
            and token.i + 1 < sent.end
            and fold(token.doc[token.i + 1].text) in titles | move_words("participle_links")
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
                    Trigger(
                        token, "start", lex.start_verbs[lemma], lemma=lemma, participle=participle
                    )
                )
            elif lemma in lex.end_verbs:
                found.append(
                    Trigger(token, "end", lex.end_verbs[lemma], lemma=lemma, participle=participle)
                )
        elif token.pos_ == "NOUN":
            if lemma in lex.start_nouns:
                found.append(Trigger(token, "start", "de", noun=True, lemma=lemma))
            elif lemma in lex.end_nouns:
                found.append(Trigger(token, "end", "de", noun=True, lemma=lemma))
            elif lemma in lex.succession_nouns and replacer_of(token) is not None:
                # "le remplacement de X par Y": X leaves (Y arrives, see movers.py)
                found.append(Trigger(token, "end", "de", noun=True, lemma=lemma))
    return found


def replacer_of(noun: Token) -> Token | None:
    """Y in "le remplacement de X par Y": a name introduced by "par" inside the noun's
    phrase, however deep the parser hung it."""
    for token in noun.subtree:
        if token.i > noun.i and any(
            c.dep_ == "case" and fold(c.text) in grammar_words("agent_prepositions")
            for c in token.children
        ):
            return token
    # the parser often hangs "par Y" on the verb above: read the surface, up to the
    # next verb or punctuation
    doc = noun.doc
    for j in range(noun.i + 1, min(noun.i + 15, noun.sent.end - 1)):
        if doc[j].pos_ in {"VERB", "AUX"} or doc[j].text in {",", ";", ".", ":"}:
            break
        if fold(doc[j].text) in grammar_words("agent_prepositions") and doc[j + 1].pos_ == "PROPN":
            return doc[j + 1]
    return None


def blocked(trigger: Trigger, sent: Span) -> bool:
    """Denials, demands and speculation are not moves."""
    lex = move_lexicon()
    token = trigger.token
    kids = {fold(c.text) for c in token.children}
    if kids & grammar_words("negation_adverbs") and kids & grammar_words("negation_particles"):
        return True
    hypothesis = grammar_words("hypothesis_conjunctions")
    if any(c.dep_ == "mark" and fold(c.text) in hypothesis for c in token.children):
        return True  # "s'il est élu président": a hypothesis
    if trigger.noun and fold(token.head.text).startswith(word_list(*_BLOCKERS, "candidacy_stems")):
        return True  # "candidate à sa réélection": a candidacy
    if trigger.lemma in move_words("put_an_end_verbs") and not any(
        c.lemma_ in lex.ended_posts or fold(c.text) in lex.ended_posts for c in token.subtree
    ):
        return True  # "a mis fin à un suspense", "à cette relation"
    if trigger.noun and any(
        c.dep_ == "acl" and (c.lemma_ in lex.demand_lemmas or _demand_form(c))
        for c in token.children
    ):
        return True  # "La démission de X demandée par LFI"
    node = token
    # five heads up: "a réclamé dimanche 27 janvier la démission de X" hangs the noun
    # under the date
    for _ in range(5):
        if node.head.i == node.i:
            break
        if node.dep_ in {"conj", "parataxis"} and any(c.dep_ in SUBJ for c in node.children):
            # "X ne se lance pas en politique, mais elle vient d'être élue …": a
            # coordinated clause with its own subject keeps its own polarity
            break
        node = node.head
        if node.lemma_.lower() in lex.demand_lemmas or _demand_form(node):
            return True
        negations = grammar_words("negation_adverbs")
        if {fold(c.text) for c in node.children} & negations and node.pos_ in {"VERB", "AUX"}:
            return True
    low = fold(sent.text)
    return any(p in low for p in lex.blocker_phrases) or _an_opinion_of_duty(token)


def _demand_form(token: Token) -> bool:
    """ "LFI réclame la démission": a demand verb the lemmatizer left as a noun lemma
    ("réclame"), read by its folded stem ("appeler" excepted: "appelé à la tête")."""
    if token.pos_ not in {"VERB", "NOUN"}:
        return False
    word = fold(token.text)
    return any(word.startswith(stem) for stem in word_list(*_BLOCKERS, "demand_stems"))


def _an_opinion_of_duty(token: Token) -> bool:
    """ "Pour X, Y doit démissionner", "X estime que Y doit quitter Z": what someone
    thinks another must do is a demand, not a planned move."""
    duty = token.head if token.dep_ == "xcomp" else None
    if duty is None or duty.lemma_ not in move_words("duty_verbs"):
        return False
    opinion_of = any(
        c.dep_.startswith("obl")
        and any(
            fold(k.text) in move_words("opinion_prepositions")
            for k in c.children
            if k.dep_ == "case"
        )
        and c.pos_ == "PROPN"
        for c in duty.children
    )
    # opinion verbs by their folded stem: the lemmatizer leaves "estime" as a noun's lemma
    opinion_stems = word_list(*_BLOCKERS, "opinion_stems")
    return opinion_of or (duty.dep_ == "ccomp" and fold(duty.head.text).startswith(opinion_stems))


def has_needed_object(trigger: Trigger) -> bool:
    needed = move_lexicon().needs_object.get(trigger.lemma)
    if needed is None:
        return True
    for child in trigger.token.subtree:
        if (
            child.i != trigger.token.i
            and child.lemma_.lower() in needed
            and not in_title_idiom(child)
        ):
            return True
    return bool(needed) and _joins_known_org(trigger.token)


def _joins_known_org(token: Token) -> bool:
    """ "va revenir sur Europe 1", "arrive chez Renault": a known organisation after
    "sur / chez / à" is what the verb joins, as a post would be."""
    for child in token.children:
        if not child.dep_.startswith("obl"):
            continue
        joining = move_words("arrival_prepositions")
        if not any(c.dep_ == "case" and fold(c.text) in joining for c in child.children):
            continue
        name = org_name(child)
        if name is not None and is_known_org(name):
            return True
    return False


def starts_holding(token: Token) -> bool:
    """ "occuper le poste" is a change only from a date on, or as a transfer's purpose;
    "assurer l'intérim" always starts an interim."""
    lex = move_lexicon()
    # "depuis plusieurs mois" dates nothing: a vague duration is no start
    vague = {
        i
        for span in timex_spans(token.doc)
        if getattr(span._.timex, "value", None) is None
        for i in range(span.start, span.end)
    }
    clause = fold(" ".join(t.text for t in clause_tokens(token) if t.i not in vague))
    if any(marker in clause for marker in lex.from_markers):
        return True
    purpose = move_words("purpose_marks")
    if any(fold(c.text) in purpose and c.dep_ == "mark" for c in token.children):
        return True
    return any(c.lemma_ in move_words("interim_lemmas") for c in token.children)


def ends_holding(token: Token) -> bool:
    """ "qui occupait jusqu'à présent les fonctions de X": a post held until now is one
    being left."""
    clause = fold(" ".join(t.text for t in clause_tokens(token))).replace("' ", "'")
    return any(marker in clause for marker in move_lexicon().until_markers)


def goes_to(token: Token) -> bool:
    """ "parti chez Google", "partie au ministère de l'Intérieur": "partir" with where
    the person goes, which is a start there."""
    joining = move_lexicon().joining_prepositions
    return any(
        (child.dep_.startswith("obl") or child.dep_ == "nmod")
        and any(c.dep_ == "case" and fold(c.text) in joining for c in child.children)
        for child in token.children
    )


def clause_tokens(token: Token) -> list[Token]:
    """The trigger's own clause: its subtree without embedded clauses of other verbs."""
    out = []
    stack = [token]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)
