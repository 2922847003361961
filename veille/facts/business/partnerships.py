"""Organisations that agree to work together: `partnership` facts.

Patterns (the words live in data/business_fr.yaml, `partnerships`):
- a partnership verb with a partner after "avec"/"à": "X s'associe à Y", "X travaillerait
  avec Y sur …", "X collabore avec Y";
- an agreement verb or a partnership noun with "avec": "X a noué un partenariat avec Y",
  "X a signé un accord de distribution avec Y", "X lance, en partenariat avec Y, …";
- a coordinated subject: "X et Y ont signé un accord de partenariat", "X et Y s'allient";
- "partenariat entre X et Y";
- joint work: "réalisé par X avec Y en 2016";
- joining a partner network: "Y rejoint l'écosystème de partenaires de X", and the
  newest-partner line right after "X revendique une quarantaine de partenaires":
  "Dernière référence en date : Y".
Both sides must be organisation names (or "le groupe", "il"… standing for one). Public
bodies, parties and places are not business partners: political alliances and
diplomatic agreements are left out. "accord" needs a business qualifier ("accord de
distribution", "accord stratégique"): alone it is too often a settlement or a treaty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.facts.business.orgs import (
    OrgNames,
    fold_same_length,
    loose_name,
    named_subject,
    same_org_key,
    subject_of,
)
from veille.facts.context import ArticleContext, Chunk
from veille.facts.reading.lexicon import grammar_words, pattern, word_list, word_set
from veille.facts.reading.modality import (
    business_lexicon,
    clause_source,
    clause_status,
    clause_verb,
    is_attributed_name,
)
from veille.facts.reading.timing import clause_date, sentence_periods
from veille.nlp.gazetteer import fold
from veille.records import Fact, Partnership

# How many tokens after a trigger its partner ("avec Y") may come.
_REACH = 9


@dataclass(frozen=True)
class _Lexicon:
    direct_verbs: frozenset[str]
    agreement_verbs: frozenset[str]
    nouns: frozenset[str]
    accord_qualifiers: frozenset[str]
    adverbial_nouns: frozenset[str]
    joint_work_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    network_nouns: frozenset[str]
    partner_nouns: frozenset[str]
    newest_partner_cues: tuple[str, ...]
    subject_cues: tuple[str, ...]
    negations: frozenset[str]
    pooling_verbs: frozenset[str]
    making_verbs: frozenset[str]
    copulas: frozenset[str]
    owned_nouns: frozenset[str]
    anaphoric_determiners: frozenset[str]


_PARTNERSHIPS = ("business_fr.yaml", "partnerships")


def _raw(key: str) -> frozenset[str]:
    """A word list of the partnerships section as written: the rules compare it with
    lower-case or folded words themselves."""
    return word_set(*_PARTNERSHIPS, key)


def _side_phrase() -> list[str]:
    """ "aux côtés de Y": the noun, then the word after which the partner is named."""
    return list(word_list(*_PARTNERSHIPS, "side_phrase"))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = business_lexicon()["partnerships"]

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in data[key])

    return _Lexicon(
        words("direct_verbs"),
        words("agreement_verbs"),
        words("nouns"),
        words("accord_qualifiers"),
        words("adverbial_nouns"),
        words("joint_work_verbs"),
        words("joining_verbs"),
        words("network_nouns"),
        words("partner_nouns"),
        tuple(fold(str(p)) for p in data["newest_partner_cues"]),
        tuple(fold(str(p)) for p in data["subject_cues"]),
        words("negations"),
        words("pooling_verbs"),
        words("making_verbs"),
        words("copulas"),
        words("owned_nouns"),
        words("anaphoric_determiners"),
    )


@dataclass
class _Found:
    sides: list[Token]
    trigger: Token
    # Side tokens already resolved to names (the newest-partner line).
    names: list[str] | None = None
    # Evidence other than the trigger's sentence (a line that runs over two sentences).
    evidence: Span | None = None
    # "ce partenariat", "leur alliance": the partners are the article's two leading
    # organisations named before.
    anaphoric: bool = False
    # "la collaboration entre Adidas et Kanye West": the pattern is explicit enough that
    # one side may be a name the model did not label an organisation (a brand, a
    # start-up tagged MISC, an artist's label); the other must be one.
    loose: bool = False


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    orgs = OrgNames(ctx.text)
    for chunk in chunks:
        orgs.see_doc_entities(list(chunk.doc.ents), chunk.offset)
    facts: list[Partnership] = []
    loose: list[Partnership] = []
    seen: set[frozenset[str]] = set()
    for chunk in chunks:
        found = [f for sent in chunk.doc.sents for f in _find(sent)]
        for item in [*found, *_newest_partners(chunk, orgs)]:
            if item.anaphoric and (facts or loose):
                continue  # "ce partenariat" is the one already read
            fact = _fact(item, item.trigger.sent, chunk, ctx, orgs)
            if fact is None:
                continue
            key = frozenset(same_org_key(o) for o in fact.orgs)
            if key not in seen:
                seen.add(key)
                (loose if item.loose else facts).append(fact)
    # A partner named loosely ("entre Gap et Kanye West") beside an organisation the
    # article names as partner of the same side ("Gap … avec la marque Yeezy") is
    # that partner under another name.
    for fact in loose:
        if not any(_same_org(a, b) for other in facts for a in fact.orgs for b in other.orgs):
            facts.append(fact)
    return list(facts)


def _find(sent: Span) -> list[_Found]:
    lex = _lexicon()
    found: list[_Found] = []
    for token in sent:
        lemma = fold(token.lemma_)
        if token.pos_ == "VERB" and lemma in lex.direct_verbs and _is_partnering(token):
            partner = _partner_after(token, sent)
            if partner is not None:
                found.append(_Found([*_subjects(token, sent), partner], token))
            elif len(_subjects(token, sent)) >= 2:  # "X et Y s'associent"
                found.append(_Found(_subjects(token, sent), token))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns and _qualified(token):
            found.extend(_noun_partnership(token, sent))
        elif token.pos_ == "VERB" and lemma in lex.pooling_verbs and _pools(token):
            # "X et Y ont joint leurs efforts", "ont associé leurs plateformes"
            subjects = _subjects(token, sent)
            if len(subjects) >= 2:
                found.append(_Found(subjects, token))
        elif fold(token.text) in lex.partner_nouns and (holder := _partner_of(token, sent)):
            found.append(holder)
        elif token.pos_ == "VERB" and lemma in lex.joint_work_verbs:
            found.extend(_joint_work(token, sent))
        elif token.pos_ == "VERB" and lemma in lex.joining_verbs:
            found.extend(_joining(token, sent))
    return found


def _partner_of(noun: Token, sent: Span) -> _Found | None:
    """ "X est (devenu) partenaire de Y", "ferait de X le partenaire technologique de
    Y": the holder through a copula or "faire de", the owner after "de"."""
    lex = _lexicon()
    after = list(sent[noun.i - sent.start + 1 : noun.i - sent.start + 1 + _REACH])
    owner: Token | None = None
    for index, token in enumerate(after):
        if token.text in (",", ";", ":", ".", "!", "?") or token.pos_ == "VERB":
            break
        if token.lower_ in grammar_words("preposition_de_du_des"):
            candidate = _name_in(after[index + 1 : index + 4])
            if candidate is not None and candidate.text[:1].isupper():
                owner = candidate
                break
    if owner is None:
        return None
    before = list(sent[max(0, noun.i - sent.start - 10) : noun.i - sent.start])
    # "faire de X le partenaire de Y"
    for index, token in enumerate(before):
        if fold(token.lemma_) in lex.making_verbs and token.pos_ in ("VERB", "AUX"):
            for j, link in enumerate(before[index + 1 :], start=index + 1):
                if link.lower_ in grammar_words("preposition_de_du"):
                    holder = next(
                        (t for t in before[j + 1 :] if t.text[:1].isupper() and not t.is_punct),
                        None,
                    )
                    if holder is None:
                        holder = next((t for t in before[j + 1 :] if t.pos_ == "NOUN"), None)
                    return _Found([holder, owner], noun) if holder is not None else None
            return None
    # "X est / devient (l'un des) partenaire(s) de Y"
    for token in reversed(before[-4:]):
        if fold(token.lemma_) in lex.copulas and token.pos_ in ("AUX", "VERB"):
            holder = named_subject(token) or subject_of(noun)
            if holder is None or holder.i > noun.i:
                return None
            return _Found([holder, owner], noun)
        if token.pos_ not in ("DET", "ADJ", "ADV", "PRON", "ADP", "NUM") and token.text != '"':
            break
    return None


def _pools(verb: Token) -> bool:
    """The verb's object is "leurs …": the subjects put something together."""
    following = verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 3)]
    return any(fold(t.text) in _raw("pooling_possessives") for t in following)


def _is_partnering(verb: Token) -> bool:
    """ "s'associer", "s'allier", "s'unir" are reflexive; "travailler", "collaborer",
    "coopérer" are not."""
    if fold(verb.lemma_) not in _raw("reflexive_verbs"):
        return True
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    reflexive = grammar_words("reflexive_pronouns")
    return any(c.lower_ in reflexive for c in verb.children) or (
        previous is not None and previous.lower_ in reflexive
    )


def _qualified(noun: Token) -> bool:
    """ "accord" counts with a business qualifier; the other nouns always do."""
    if fold(noun.lemma_) not in _raw("qualified_nouns"):
        return True
    following = [fold(t.text) for t in noun.doc[noun.i + 1 : noun.i + 4]]
    return any(word in _lexicon().accord_qualifiers for word in following)


def _subjects(verb: Token, sent: Span) -> list[Token]:
    """The subject of the verb and the subjects coordinated with it ("X et Y ont
    signé"); when the parse finds none, the nearest name right before the verb."""
    subject = named_subject(verb)
    if subject is None:
        return []
    sides = [subject]
    # "Nvidia, Bosch, Qualcomm et Continental ont collaboré avec Sony": every conjunct.
    sides.extend(c for c in subject.conjuncts if c.i < verb.i)
    # "Orange et Google ont signé": the parser often hangs the first name as the root.
    # The name may run over several words before the subject ("Lotus et FCA Bank").
    first = subject
    while first.i - 1 > sent.start and subject.doc[first.i - 1].text[:1].isupper():
        first = subject.doc[first.i - 1]
    before = list(subject.doc[first.i - 2 : first.i]) if first.i >= sent.start + 2 else []
    et = grammar_words("conjunction_et")
    if len(before) == 2 and before[1].lower_ in et and before[0].text[:1].isupper():
        sides.insert(0, before[0])
    if (
        subject.head.dep_ == "ROOT"
        and subject.head.text[:1].isupper()
        and any(c.lower_ in et for c in subject.children if c.dep_ == "cc")
    ):
        sides.insert(0, subject.head)
    return sides


def _bare_subjects(trigger: Token, sent: Span) -> list[Token]:
    """When the parse gives the trigger no verb ("Airbus lance, en partenariat avec
    Safran" with "lance" read as a name): the last name before it heading no
    prepositional phrase."""
    names = [
        t
        for t in sent[: trigger.i - sent.start]
        if t.dep_ in ("nsubj", "ROOT", "dep")
        and t.text[:1].isupper()
        and not any(c.dep_ == "case" for c in t.children)
    ]
    return names[-1:]


def _partner_after(trigger: Token, sent: Span) -> Token | None:
    """The name after "avec", "à" or "aux côtés de" within reach of the trigger."""
    tokens = list(sent[trigger.i - sent.start + 1 : trigger.i - sent.start + 1 + _REACH])
    for index, token in enumerate(tokens):
        if token.text in (".", ";", ":", "?", "!") or (token.pos_ == "VERB" and index > 0):
            return None
        after_side = index > 0 and [tokens[index - 1].lower_, token.lower_] == _side_phrase()
        if token.lower_ in _raw("partner_prepositions") or after_side:
            name = _name_in(tokens[index + 1 : index + 4])
            if name is not None:
                return name
    return None


def _name_in(tokens: list[Token]) -> Token | None:
    """The first token of a name after determiners and generic nouns ("le groupe
    américain Amazon" → Amazon; "le groupe" → groupe, resolved later)."""
    for token in tokens:
        if token.text[:1].isupper() and not token.is_punct:
            return token
        if token.pos_ in ("NOUN",):
            # "la marque Yeezy", "le groupe Spiegel": the name after the common noun
            following = doc_tokens_after(token, 2)
            named = next((t for t in following if t.text[:1].isupper() and not t.is_punct), None)
            if named is not None and all(
                t.pos_ in ("ADJ", "PROPN", "X", "NOUN") for t in following[: following.index(named)]
            ):
                return named
            return token
        if token.pos_ not in ("DET", "ADJ"):
            return None
    return None


def doc_tokens_after(token: Token, count: int) -> list[Token]:
    """The `count` tokens after `token` in its sentence."""
    end = min(token.sent.end, token.i + 1 + count)
    return list(token.doc[token.i + 1 : end])


def _noun_partnership(noun: Token, sent: Span) -> list[_Found]:
    tokens = list(sent[noun.i - sent.start + 1 : noun.i - sent.start + 1 + _REACH])
    # "partenariat entre X et Y"
    if fold(noun.lemma_) in _lexicon().owned_nouns:
        # "une coentreprise détenue à 50/50 par X et Y"
        wide = list(sent[noun.i - sent.start + 1 : noun.i - sent.start + 1 + 2 * _REACH])
        agent = grammar_words("agent_prepositions")
        at = next((i for i, t in enumerate(wide[:7]) if t.lower_ in agent), None)
        if at is not None:
            found = _pair_after(noun, wide, at)
            return [found] if found is not None else []
    for index, token in enumerate(tokens[:4]):
        if token.lower_ in _raw("between_prepositions"):
            first = _name_in(tokens[index + 1 : index + 4])
            rest = tokens[index + 2 : index + 8]
            et = grammar_words("conjunction_et")
            second = next(
                (_name_in(rest[i + 1 : i + 4]) for i, t in enumerate(rest) if t.lower_ in et),
                None,
            )
            if first is not None and second is not None:
                return [_Found([first, second], noun, loose=True)]
            return []
    partner = _partner_after(noun, sent)
    verb = clause_verb(noun)
    subjects = _subjects(verb, sent) if verb.i != noun.i else _bare_subjects(noun, sent)
    if partner is not None:
        if not subjects:
            subjects = [d for d in noun.children if d.dep_ == "det"]  # "son partenariat avec"
        return [_Found([*subjects, partner], noun)] if subjects else []
    if len(subjects) >= 2:  # "X et Y ont signé un partenariat"
        return [_Found(subjects, noun)]
    if any(
        fold(d.text) in _lexicon().anaphoric_determiners
        for d in noun.children
        if d.dep_ in ("det", "nmod:poss")
    ):
        return [_Found([], noun, anaphoric=True)]  # "ce partenariat stratégique marque …"
    return []


def _pair_after(noun: Token, tokens: list[Token], at: int) -> _Found | None:
    """ "par X et Y" starting at tokens[at]: both names."""
    first = _name_in(tokens[at + 1 : at + 4])
    rest = tokens[at + 2 : at + 8]
    et = grammar_words("conjunction_et")
    second = next(
        (_name_in(rest[i + 1 : i + 4]) for i, t in enumerate(rest) if t.lower_ in et), None
    )
    if first is not None and second is not None:
        return _Found([first, second], noun)
    return None


def _joint_work(verb: Token, sent: Span) -> list[_Found]:
    """ "réalisé par X avec Y": an agent and a co-worker of the same verb."""
    tokens = list(sent[verb.i - sent.start + 1 : verb.i - sent.start + 1 + _REACH])
    agent = partner = None
    for index, token in enumerate(tokens):
        if token.lower_ in grammar_words("agent_prepositions") and agent is None:
            agent = _name_in(tokens[index + 1 : index + 3])
        elif token.lower_ in _raw("co_worker_prepositions") and agent is not None:
            partner = _name_in(tokens[index + 1 : index + 3])
            break
    if agent is not None and partner is not None and agent.text[:1].isupper():
        return [_Found([agent, partner], verb)]
    return []


def _joining(verb: Token, sent: Span) -> list[_Found]:
    """ "Y rejoint l'écosystème de partenaires de X" / "le programme partenaires de X"."""
    lex = _lexicon()
    tokens = list(sent[verb.i - sent.start + 1 : verb.i - sent.start + 1 + _REACH])
    words = [fold(t.text) for t in tokens]
    if not any(w in lex.network_nouns for w in words[:3]) or not any(
        w in lex.partner_nouns for w in words[:6]
    ):
        return []
    position = next(i for i, w in enumerate(words) if w in lex.partner_nouns)
    rest = tokens[position + 1 : position + 4]
    if rest and rest[0].lower_ in grammar_words("preposition_de_du"):
        host = _name_in(rest[1:])
        joiners = _subjects(verb, sent)
        if host is not None and joiners:
            return [_Found([host, joiners[0]], verb)]
    return []


def _newest_partners(chunk: Chunk, orgs: OrgNames) -> list[_Found]:
    """ "X revendique une quarantaine de partenaires (…). Dernière référence en date : Y":
    a verbless line naming the newest of the partners the sentence before counted.
    Read on the text, because the model splits such lines at the colon."""
    lex = _lexicon()
    doc = chunk.doc
    folded = fold_same_length(doc.text)
    found: list[_Found] = []
    for cue in lex.newest_partner_cues:
        for match in re.finditer(rf"(?:^|[.!?…)]\s+){re.escape(cue)}\s*:\s*", folded):
            colon = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            after = doc.char_span(
                match.end(), min(len(doc.text), match.end() + 60), alignment_mode="expand"
            )
            if colon is None or after is None:
                continue
            newcomer = _name_in(list(after)[:3])
            partners = [
                t
                for t in doc[max(0, colon.start - 40) : colon.start]
                if fold(t.lemma_) in lex.partner_nouns
            ]
            if newcomer is None or not newcomer.text[:1].isupper() or not partners:
                continue
            host_token = subject_of(clause_verb(partners[-1]))
            if host_token is None:
                continue
            host, _ = orgs.resolve(host_token, chunk.offset + host_token.idx)
            if host is not None:
                last = _name_tokens_end(newcomer)
                evidence = doc[partners[-1].sent.start : last]
                found.append(_Found([newcomer], partners[-1], names=[host], evidence=evidence))
    return found


def _name_tokens_end(token: Token) -> int:
    """The index just after the capitalised run starting at `token`."""
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].text[:1].isupper():
        end += 1
    return end


def _denied(trigger: Token) -> bool:
    """A negation or refusal within the few words before the trigger, or "fin"/"rupture"
    of the partnership: "pas question de faire d'alliance avec", "met fin à son accord"."""
    sent = trigger.sent
    window = trigger.doc[max(sent.start, trigger.i - 6) : trigger.i]
    return any(fold(t.text) in _lexicon().negations for t in window)


def _fact(
    found: _Found, sent: Span, chunk: Chunk, ctx: ArticleContext, orgs: OrgNames
) -> Partnership | None:
    if _denied(found.trigger):
        return None
    names: list[str] = list(found.names or [])
    if found.anaphoric:
        names = orgs.leading_pair_before(chunk.offset + found.trigger.idx)
        if len(names) < 2:
            return None
    all_named = True
    last = len(found.sides) - 1
    loose_used = False
    for index, token in enumerate(found.sides):
        name, named = orgs.resolve(token, chunk.offset + token.idx)
        if is_attributed_name(token):  # "Comme le rappelle Gala, …"
            name = None
        if name is None and found.loose and not loose_used:
            name = loose_name(token)
            loose_used = name is not None
        if name is None:
            # The first side and the partner are required; a coordinated name in
            # between that is no organisation is only left out.
            if index in (0, last):
                return None
            continue
        all_named = all_named and named
        if not any(_same_org(name, other) for other in names):
            names.append(name)
    if len(names) < 2:
        return None
    return Partnership(
        evidence=chunk.evidence(found.evidence if found.evidence is not None else sent),
        confidence=0.75 if all_named else 0.55,
        source=clause_source(found.trigger),
        orgs=names,
        subject=_subject(found.trigger, sent),
        status=clause_status(found.trigger, ctx.published),
        date=_date(found.trigger, sent, ctx),
    )


def _same_org(a: str, b: str) -> bool:
    """ "Google" and "Google Cloud" are one side, not two partners."""
    fa, fb = fold(a), fold(b)
    return fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " ")


def _subject(trigger: Token, sent: Span) -> str | None:
    """Short words of what the partnership is about: after "sur", "pour", "autour de"."""
    text = sent.text[trigger.idx - sent.start_char :]
    for cue in _lexicon().subject_cues:
        match = pattern(
            *_PARTNERSHIPS, "subject_after", flags=re.IGNORECASE, cue=re.escape(cue)
        ).search(text[:160])
        if match:
            words = re.split(r"[,;.()]", match.group(1))[0].split()
            return " ".join(words[:6]) or None
    return None


def _date(trigger: Token, sent: Span, ctx: ArticleContext) -> str | None:
    """The time expression of the trigger's clause ("ont annoncé aujourd'hui la
    signature d'un partenariat"), else the period nearest the trigger ("en 2016"); a
    day elsewhere in the sentence is another event's."""
    when = clause_date(trigger, ctx.published)
    if when is not None:
        return when.value
    at = trigger.idx - sent.start_char
    periods = sentence_periods(sent, ctx.published, days=False)
    if not periods:
        return None
    nearest = min(periods, key=lambda p: abs(p.start - at))
    return nearest.value if abs(nearest.start - at) <= 80 else None
