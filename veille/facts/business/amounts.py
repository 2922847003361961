"""Money figures attached to an organisation: `amount` facts.

What is extracted (precision first; see FACTS.md `amount`):
- a figure with a currency whose context says what it is: funding ("a levé", "tour de
  table"), acquisition price ("rachat", "acquérir"), investment, revenue ("chiffre
  d'affaires", "ventes") or a revenue target (revenue + "objectif", "vise", "escompte",
  or a planned clause), a market size ("le marché … devrait atteindre"), or other
  company finance (profit, loss, valuation, debt, contract, fine);
- attached to an organisation: the subject of the clause, the owner of the cue noun
  ("le chiffre d'affaires de X"), or the organisation a pronoun, possessive or generic
  noun ("le groupe", "nos investissements") stands for. Only a market size may have no
  organisation.
Left out: figures with no currency, figures in no business context (salaries, prices of
goods, wealth, public budgets), figures whose subject is a public body or a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from veille.facts.business.orgs import (
    OrgNames,
    antecedent,
    is_org_reference,
    is_public_body,
    looks_like_person,
    name_at,
    subject_of,
)
from veille.facts.context import ArticleContext, Chunk
from veille.facts.reading.lexicon import (
    alternation,
    grammar_words,
    single_word,
    word_list,
    word_set,
)
from veille.facts.reading.modality import (
    business_lexicon,
    clause_source,
    clause_status,
    clause_verb,
    is_attributed_name,
)
from veille.facts.reading.numbers import MoneyMention, parse_money
from veille.facts.reading.timing import clause_period, sentence_periods
from veille.nlp.gazetteer import fold
from veille.records import Amount, Fact

# How far (characters) around a figure its kind phrases, horizon and place are looked for.
_WINDOW_BEFORE = 90
_WINDOW_AFTER = 70


@dataclass(frozen=True)
class _KindRule:
    kind: str
    lemmas: frozenset[str]
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def _kind_rules() -> tuple[_KindRule, ...]:
    return tuple(
        _KindRule(
            str(rule["kind"]),
            frozenset(fold(str(w)) for w in rule["lemmas"]),
            tuple(fold(str(p)) for p in rule["phrases"]),
        )
        for rule in business_lexicon()["amount_kinds"]
    )


def _lexicon_words(key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in business_lexicon()[key])


@lru_cache(maxsize=1)
def _clause_breaks() -> re.Pattern[str]:
    """Where the clause of a figure starts: punctuation, or a comma and a conjunction."""
    conjunctions = alternation(word_list("business_fr.yaml", "clause_conjunctions"))
    return re.compile(rf"[;:!?]|\.(?!\d)|,\s(?:{conjunctions})\s")


@lru_cache(maxsize=1)
def _list_gap() -> re.Pattern[str]:
    """The end of the gap between two figures of a list: a comma or "et"."""
    et = alternation(word_list("grammar_fr.yaml", "conjunction_et"))
    return re.compile(rf"(?:,|\b(?:{et}))\s*$")


@lru_cache(maxsize=1)
def _per_unit_after() -> re.Pattern[str]:
    """ "par mois", "de revenus par tirage", "chacun": a rate, on the folded text."""
    de = alternation(word_list("grammar_fr.yaml", "preposition_de"))
    per = alternation(word_list("business_fr.yaml", "per_unit_words"))
    return re.compile(rf"(?:\s+(?:{de})\s*[\w'-]+){{0,2}}\s+(?:{per})\b\s*([\w'-]*)")


@lru_cache(maxsize=1)
def _noun_after() -> re.Pattern[str]:
    """ "de manque à gagner", "d'euros": the noun phrase after a figure, folded text."""
    de = alternation(word_list("grammar_fr.yaml", "preposition_de"), " ")
    return re.compile(rf"\s*(?:{de})(.*)")


def _list_name_links() -> set[str]:
    return {"&"} | word_set("business_fr.yaml", "list_name_links")


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    orgs = OrgNames(ctx.text)
    for chunk in chunks:
        orgs.see_doc_entities(list(chunk.doc.ents), chunk.offset)
    article_currency = _article_currency(chunks)
    facts: list[Fact] = []
    seen: set[tuple[str, float, str | None, str]] = set()
    for chunk in chunks:
        for sent in chunk.doc.sents:
            for mention, inherited in _with_currencies(parse_money(sent.text), article_currency):
                fact = _read_mention(mention, sent, chunk, ctx, orgs, inherited=inherited)
                if fact is None:
                    continue
                key = (fold(fact.org or ""), round(fact.value, -3), fact.currency, fact.kind)
                if key not in seen:
                    seen.add(key)
                    facts.append(fact)
    return facts


# Figures of at least this value count towards the article's currency.
_LARGE = 1e5
# Below this, a figure is a company figure only as a named funding or investment: the
# rest are wages, aids and prices ("perçoit 1500 euros bruts par tirage").
_SMALL = 1e5


def _article_currency(chunks: list[Chunk]) -> str | None:
    """The currency most large figures of the article are stated in, if one leads:
    "Ford a investi 500 millions dans Rivian" in a story counted in dollars."""
    counts: dict[str, int] = {}
    for chunk in chunks:
        for mention in parse_money(chunk.doc.text):
            if mention.currency and mention.value >= _LARGE:
                counts[mention.currency] = counts.get(mention.currency, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=lambda c: counts[c])


def _with_currencies(
    mentions: list[MoneyMention], article_currency: str | None
) -> list[tuple[MoneyMention, str | None]]:
    """The figures of a sentence, a figure with a scale word and no currency taking
    the currency stated for the figure before it in the sentence ("une perte de 801
    millions d'euros, contre un bénéfice de 141 millions"), else the article's. The
    second item says where an inherited currency came from ("sentence", "article")."""
    out: list[tuple[MoneyMention, str | None]] = []
    previous: str | None = None
    for mention in mentions:
        if mention.currency is not None:
            previous = mention.currency
            out.append((mention, None))
        elif previous is not None:
            out.append((replace(mention, currency=previous), "sentence"))
        elif article_currency is not None:
            out.append((replace(mention, currency=article_currency), "article"))
        else:
            out.append((mention, None))
    return out


def _read_mention(
    mention: MoneyMention,
    sent: Span,
    chunk: Chunk,
    ctx: ArticleContext,
    orgs: OrgNames,
    *,
    inherited: str | None = None,
) -> Amount | None:
    if mention.currency is None:
        return None
    doc = sent.doc
    span = doc.char_span(
        sent.start_char + mention.start, sent.start_char + mention.end, alignment_mode="expand"
    )
    if span is None or len(span) == 0:
        return None
    anchor = span.root
    verb = clause_verb(anchor)
    path = _path_to_verb(anchor, verb)
    kind, cue = _kind(path, sent, mention)
    if kind is None or _is_price(sent.text, mention) or _is_auction_or_gift(sent.text):
        return None
    if _per_unit(sent.text, mention):
        return None
    # A currency read from the rest of the article, not the sentence: only for money a
    # company moves ("a investi 500 millions"), never sales or markets, often in units.
    if inherited == "article" and kind in ("revenue", "market_size"):
        return None
    position = chunk.offset + sent.start_char + mention.start
    org, named = _organisation(kind, cue, verb, path, orgs, position, span.end)
    if mention.value < _SMALL and not (named and kind in ("funding", "investment")):
        return None  # "va verser 150 euros aux chômeurs": money of people, not of a firm
    if kind == "market_size":
        org, named = None, True
    elif org is None:
        return None
    status = clause_status(verb, ctx.published)
    if kind == "revenue" and (
        status == "planned" or _has_any(path, sent, mention, _lexicon_words("revenue_target_cues"))
    ):
        kind = "revenue_target"
    # the day a figure is announced is not the period it is for
    announcing = _lexicon_words("announcing_verbs")
    date = _horizon(sent, mention, ctx, announcing) or clause_period(
        verb, ctx.published, announcing
    )
    value = mention.value
    if mention.qualifier == "de … à" and fold(verb.lemma_) in _lexicon_words("range_change_verbs"):
        value = mention.value_max or value  # "passé de 300 à 500 millions": now 500
    confidence = 0.55 + (0.2 if named else 0.05) + (0.0 if kind == "other" else 0.1)
    if inherited:
        confidence -= 0.1
    return Amount(
        evidence=chunk.evidence(sent),
        confidence=min(confidence, 0.95),
        source=clause_source(verb),
        org=org,
        kind=kind,
        value=value,
        currency=mention.currency,
        date=date,
        place=_place(sent, mention),
        qualifier=mention.qualifier,
        status=status,
    )


def _path_to_verb(anchor: Token, verb: Token) -> list[Token]:
    """The figure's head, its governors up to the clause verb, and that verb's governors
    through complements ("prévoit" above "investir")."""
    path = [anchor]
    current = anchor
    while current.i != verb.i and current.head.i != current.i and len(path) < 8:
        current = current.head
        path.append(current)
    while current.dep_ == "xcomp" and current.head.i != current.i and len(path) < 10:
        current = current.head
        path.append(current)
    return path


def _context_tokens(path: list[Token]) -> list[Token]:
    """Path tokens and their close dependents (subjects, objects, noun modifiers):
    "Nos investissements … s'élèveront à 16,4 milliards" reaches "investissements"."""
    tokens: list[Token] = []
    for token in path:
        tokens.append(token)
        if token.dep_ == "acl:relcl" and token.head.i != token.i:
            tokens.append(token.head)  # "un marché qui rapporterait 100 millions d'euros"
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "obj", "nmod", "compound", "fixed", "amod"):
                tokens.append(child)
                tokens.extend(g for g in child.children if g.dep_ in ("nmod", "fixed"))
    return tokens


def _window_range(text: str, mention: MoneyMention) -> tuple[int, int]:
    """Where the words about a figure lie in its sentence: around it, cut at clause
    boundaries and at the figure before it ("un chiffre d'affaires de 29 M€ pour un
    déficit de 0,5 M€": the second figure is no revenue)."""
    start = max(0, mention.start - _WINDOW_BEFORE)
    before = text[start : mention.start]
    previous = [m for m in parse_money(before) if m.end < len(before)]
    if previous:
        start += previous[-1].end
        before = text[start : mention.start]
    parts = _clause_breaks().split(before)
    start = mention.start - len(parts[-1])
    after = text[mention.end : mention.end + _WINDOW_AFTER]
    after = re.split(r"[;:!?(]|\.(?!\d)|,\s|\s[-–]\s", after)[0]
    return start, mention.end + len(after)


def _window(text: str, mention: MoneyMention) -> str:
    """The folded text of `_window_range`."""
    start, end = _window_range(text, mention)
    return fold(text[start:end])


def _kind(path: list[Token], sent: Span, mention: MoneyMention) -> tuple[str | None, Token | None]:
    """The kind of the figure and the cue word that gave it. Syntax first (the words
    that govern the figure), then phrases next to it."""
    # Words governing the figure, if they lie in its clause (a glued sentence can hang
    # a word of the next one under the figure's verb).
    start, end = _window_range(sent.text, mention)
    context = [
        t for t in _context_tokens(path) if start <= t.idx - sent.start_char < end or t in path
    ]
    for rule in _kind_rules():
        for token in context:
            if fold(token.lemma_) in rule.lemmas or fold(token.text) in rule.lemmas:
                if rule.kind == "market_size" and not _is_market_size(token, path[0]):
                    continue
                return rule.kind, token
    window = _window(sent.text, mention)
    for rule in _kind_rules():
        if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", window) for p in rule.phrases):
            return rule.kind, None
    previous = _listed_after(sent, mention)
    if previous is not None:  # "47 millions d'euros pour A, 115 millions pour B"
        return _kind(path, sent, previous)
    return None, None


def _listed_after(sent: Span, mention: MoneyMention) -> MoneyMention | None:
    """The figure this one follows in a list ("la charge s'élève à 47 millions d'euros
    pour A, 115 millions d'euros pour B et 158 millions pour C"): the figure before it
    in the sentence, with only a short verbless gap ending in a comma or "et"."""
    before = [m for m in parse_money(sent.text[: mention.start]) if m.end <= mention.start]
    if not before:
        return None
    gap = sent.text[before[-1].end : mention.start]
    if len(gap) > 60 or not _list_gap().search(gap) or re.search(r"[;:.!?(]", gap):
        return None
    span = sent.doc.char_span(
        sent.start_char + before[-1].end, sent.start_char + mention.start, alignment_mode="expand"
    )
    if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    return before[-1]


def _per_unit(text: str, mention: MoneyMention) -> bool:
    """ "8 500 euros de revenus par mois", "1500 euros par tirage": a rate per person or
    per unit, not a company figure ("100 millions d'euros par an" is one)."""
    after = fold(text[mention.end : mention.end + 40])
    match = _per_unit_after().match(after)
    if match is None:
        return False
    return match.group(1) not in _lexicon_words("per_period_words")


def _is_auction_or_gift(text: str) -> bool:
    """Auctions of cars and art, and charity: no company figure in these sentences."""
    folded = fold(text)
    return any(cue in folded for cue in _lexicon_words("auction_and_gift_cues"))


def _is_price(text: str, mention: MoneyMention) -> bool:
    """A price, wage or bid: a price cue in the few words before the figure, unless a
    company-finance noun follows it ("ont coûté 690 millions d'euros de manque à
    gagner")."""
    if _finance_noun_follows(text, mention):
        return False
    before = fold(text[max(0, mention.start - 40) : mention.start])
    words = set(re.findall(r"[\w']+", before)[-5:])
    cues = _lexicon_words("price_cues")
    if words & cues or any(" " in c and c in before for c in cues):
        return True
    start = max(0, mention.start - 120)
    clause = re.split(r"[;!?]|\.(?!\d)", fold(text[start : mention.start]))[-1]
    return bool(set(re.findall(r"[\w']+", clause)) & _lexicon_words("strong_price_cues"))


def _finance_noun_follows(text: str, mention: MoneyMention) -> bool:
    """ "690 millions d'euros de manque à gagner", "26,6 millions d'euros de loyers": a
    phrase of a kind other than a market right after the figure and its "de"."""
    after = fold(text[mention.end : mention.end + 40])
    match = _noun_after().match(after)
    if not match:
        return False
    rest = match.group(1)
    for rule in _kind_rules():
        if rule.kind == "market_size":
            continue
        if any(
            rest.startswith(p + " ") or rest == p or rest.startswith(p + ",") for p in rule.phrases
        ):
            return True
        first = re.match(r"[\w'-]+", rest)
        if first and first.group() in rule.lemmas:
            return True
    return False


def _is_market_size(token: Token, anchor: Token) -> bool:
    """ "le marché … devrait atteindre X", "un marché de X": not "remporter un marché",
    not "une valeur d'un milliard sur le marché"."""
    market = single_word("business_fr.yaml", "market_noun")
    if token.i > anchor.i or not token.lower_.startswith(market):
        return False  # after the figure, or "marche" (a step): accents matter here
    if token.dep_ in ("nsubj", "nsubj:pass"):
        return True
    if any(c.dep_.startswith("acl") and c in anchor.ancestors for c in token.children):
        return True  # "un marché qui rapporterait 100 millions d'euros"
    if token not in anchor.ancestors:
        return False
    contract_verbs = _lexicon_words("contract_market_verbs")
    return not (token.head.pos_ == "VERB" and fold(token.head.lemma_) in contract_verbs)


def _has_any(path: list[Token], sent: Span, mention: MoneyMention, words: frozenset[str]) -> bool:
    if any(fold(t.lemma_) in words or fold(t.text) in words for t in _context_tokens(path)):
        return True
    return any(re.search(rf"(?<!\w){re.escape(w)}", _window(sent.text, mention)) for w in words)


def _organisation(
    kind: str,
    cue: Token | None,
    verb: Token,
    path: list[Token],
    orgs: OrgNames,
    position: int,
    figure_end: int,
) -> tuple[str | None, bool]:
    """Who the figure belongs to: the name after "pour" right behind the figure ("47
    millions d'euros pour Lancôme"), the owner of the cue noun ("le chiffre d'affaires
    de X", "le rachat de Y par X"), else the clause subject, else a possessive; when
    the clause names no one, the article's most salient organisation."""
    beneficiary = _named_after_pour(path[0].doc, figure_end)
    candidates: list[Token] = list(beneficiary)
    if path[0].dep_ == "appos":  # "le leader du marché (325 millions d'euros de …)"
        candidates.append(path[0].head)
    if cue is not None and cue.pos_ == "NOUN":
        agents = [
            c
            for c in cue.children
            if c.dep_ in ("nmod", "obl:agent")
            and any(g.lower_ in grammar_words("agent_prepositions") for g in c.children)
        ]
        owners = [
            c
            for c in cue.children
            if c.dep_ == "nmod"
            and any(g.lower_ in grammar_words("preposition_de_du") for g in c.children)
        ]
        candidates.extend(agents)
        if kind != "acquisition_price":
            candidates.extend(owners)
    subject = antecedent(subject_of(verb))
    if subject is not None and _is_opening_word(subject):
        subject = None  # "Ainsi complétée, la gamme …": no name, the sentence's first word
    clause_subject = subject
    passive = any(c.dep_ == "aux:pass" for c in clause_verb(verb).children)
    if subject is not None and subject.dep_ == "nsubj:pass" and passive:
        # "acquise par X": the subject is what was bought; the agent holds the figure.
        # ("L'entreprise a été condamnée à verser": the subject pays; it stays.)
        candidates.extend(c for c in verb.children if c.dep_ == "obl:agent")
        if kind == "acquisition_price":
            subject = None
    if subject is not None:
        candidates.append(subject)
        candidates.extend(_owners(subject))  # "le chiffre d'affaires de X a atteint"
    if cue is not None and kind == "acquisition_price" and cue.pos_ == "NOUN":
        candidates.extend(c for c in cue.children if c.dep_ == "nmod")
    for token in path:
        candidates.extend(c for c in token.children if c.dep_ == "det")
    if verb.pos_ not in ("VERB", "AUX") or subject is None:  # the parse found no subject
        candidates.extend(_bare_names_before(path[0]))
        if not verb.dep_.startswith("acl"):  # "les magasins …, valorisés à": no subject
            candidates.extend(_names_before(verb))
    for token in candidates:
        if is_attributed_name(token):  # "comme le rappelle Voici, …": a source
            continue
        if token in beneficiary:
            # the name itself, or nothing: "158 millions pour Prestige et …" is a name
            # we cannot read
            name = name_at(token) or orgs.seen_name(token) or _listed_name(token)
            return (name, True) if name else (None, False)
        org, named = orgs.resolve(token, position)
        if org:
            return org, named
        # A named subject that is no organisation (a person, a place, the State) owns
        # the figure: do not hand it to someone else.
        is_subject = subject is not None and token.i == subject.i
        if is_subject and token.text[:1].isupper():
            return None, False
    if _speaks_for_the_article(clause_subject) and not _pronoun_subject(path):
        title = orgs.title_org()
        if title is not None and _discussed_here(title, path[0].sent, orgs):
            return title, False
    return None, False


def _pronoun_subject(path: list[Token]) -> bool:
    """A personal pronoun subject anywhere on the figure's path ("il est en train de
    procéder à une levée de fonds", parsed with "il" as an expletive): "il" is as often
    a person, so the figure is not handed to the article's organisation."""
    return any(
        c.pos_ == "PRON" and "subj" in c.dep_ and c.lower_ in grammar_words("subject_pronouns")
        for token in [*path, *path[-1].ancestors]
        for c in token.children
    )


# How many sentences before a figure its organisation may have been named.
_DISCUSSED_SENTENCES = 2


def _discussed_here(name: str, sent: Span, orgs: OrgNames) -> bool:
    """Whether the figure's sentence or the two before name `name` or refer to an
    organisation with a generic noun ("le groupe", "l'entreprise"): the article's
    organisation is the one being talked about there."""
    doc = sent.doc
    start = sent.start
    for _ in range(_DISCUSSED_SENTENCES):
        if start > 0:
            start = doc[start - 1].sent.start
    tokens = doc[start : sent.end]
    if any(is_org_reference(t) and t.pos_ == "NOUN" for t in tokens):
        return True
    return any(
        fold(name_at(t) or orgs.seen_name(t) or "") == fold(name)
        for t in tokens
        if t.text[:1].isupper()
    )


def _listed_name(token: Token) -> str | None:
    """The whole capitalised run after "pour" when it closes a list and the model read
    no name in it: "… et 158 millions d'euros pour Prestige et Collections
    International." (inner "et", "de" kept). Not a place, a person or a public body."""
    doc = token.doc
    end = token.i
    while end + 1 < token.sent.end:
        following = doc[end + 1]
        if following.text[:1].isupper() and not following.is_punct:
            end += 1
        elif following.lower_ in _list_name_links() and end + 2 < token.sent.end:
            if not doc[end + 2].text[:1].isupper():
                break
            end += 1
        else:
            break
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None and after.text not in (".", ";", "!", "?", ")"):
        return None  # not the end of the list
    if end == token.i or token.ent_type_ in ("LOC", "PER") or is_public_body(token):
        return None
    name = doc[token.i : end + 1].text
    return None if looks_like_person(name) else name


def _is_opening_word(token: Token) -> bool:
    """The sentence's first word, capitalised only for opening it ("Ainsi")."""
    return (
        token.i == token.sent.start
        and token.pos_ not in ("PROPN", "X", "NOUN", "PRON")
        and not token.ent_type_
    )


def _named_after_pour(doc: Doc, end: int) -> list[Token]:
    """ "la charge s'élève à 47 millions d'euros pour Lancôme, 115 millions pour X":
    the capitalised name right after "pour" behind the figure."""
    owner = word_set("business_fr.yaml", "owner_prepositions")
    if end + 1 < len(doc) and doc[end].lower_ in owner and doc[end + 1].text[:1].isupper():
        return [doc[end + 1]]
    return []


def _speaks_for_the_article(subject: Token | None) -> bool:
    """Whether a figure whose clause resolved to no organisation may go to the
    article's salient one: no subject, or a common noun that is no person ("le
    chiffre d'affaires", "les magasins"); not a pronoun, a name, or people."""
    if subject is None:
        return True
    if subject.pos_ != "NOUN" or subject.text[:1].isupper():
        return False
    return fold(subject.lemma_) not in _lexicon_words("person_nouns") and fold(
        subject.text
    ) not in _lexicon_words("person_nouns")


def _owners(noun: Token, depth: int = 2) -> list[Token]:
    """Capitalised "de X" complements under a noun, two levels deep ("le chiffre
    d'affaires de Dassault Systèmes" → Dassault)."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ != "nmod":
            continue
        has_de = any(c.lower_ in grammar_words("preposition_de_du_des") for c in child.children)
        if has_de and child.text[:1].isupper():
            found.append(child)
        elif has_de and is_org_reference(child):
            # "les fonds propres du groupe Volkswagen": the name under the generic noun
            found.extend(
                g
                for g in child.children
                if g.i > child.i
                and g.text[:1].isupper()
                and g.dep_ in ("appos", "flat:name", "nmod", "amod")
                and not any(c.dep_ == "case" for c in g.children)
            )
        elif depth > 1:
            found.extend(_owners(child, depth - 1))
    return found


def _names_before(verb: Token) -> list[Token]:
    """Capitalised words before the clause verb heading no prepositional phrase,
    nearest first: the subject area when the parse lost the subject ("Expedia,
    spécialisée dans ce domaine, a décidé de lever" parsed with no subject)."""
    sent = verb.sent
    found = [
        t
        for t in sent[: max(0, verb.i - sent.start)]
        if t.text[:1].isupper()
        and not t.is_punct
        and not _is_opening_word(t)
        and not any(c.dep_ == "case" for c in t.children)
        and not _speaks(t)
    ]
    return list(reversed(found))


def _speaks(token: Token) -> bool:
    """The subject of a verb of saying ("Mediapart souligne que …"): a source."""
    lex = business_lexicon()["attribution"]
    verbs = {fold(str(v)) for v in [*lex["speech_verbs"], *lex["press_verbs"]]}
    verbs |= _lexicon_words("saying_verbs")
    return token.dep_.startswith("nsubj") and fold(token.head.lemma_) in verbs


def _bare_names_before(anchor: Token) -> list[Token]:
    """Fallback when the parse gives no subject ("Cloudwatt escompte un chiffre…" parsed
    as a noun phrase): names before the figure in its sentence that head no
    prepositional phrase, nearest first."""
    sent = anchor.sent
    found = [
        t
        for t in sent[: anchor.i - sent.start]
        if t.dep_ in ("nsubj", "ROOT", "dep", "nsubj:pass")
        and t.text[:1].isupper()
        and not any(c.dep_ == "case" for c in t.children)
        and not _speaks(t)
    ]
    return list(reversed(found))


def _horizon(
    sent: Span, mention: MoneyMention, ctx: ArticleContext, announcing: frozenset[str]
) -> str | None:
    """The nearest period around the figure: "d'ici 2030" → "2030"."""
    best: tuple[int, str] | None = None
    for period in sentence_periods(sent, ctx.published, days=False, not_of=announcing):
        if mention.start <= period.start < mention.end:
            continue
        if period.start >= mention.end:
            gap = period.start - mention.end
            between = sent.text[mention.end : period.start]
        else:
            gap = mention.start - period.end + 20  # a period after the figure is likelier
            between = sent.text[period.end : mention.start]
        if gap > _WINDOW_AFTER or re.search(r"[;:]|\.\s", between):
            continue
        if best is None or gap < best[0]:
            best = (gap, period.value)
    return best[1] if best else None


def _place(sent: Span, mention: MoneyMention) -> str | None:
    """A country or region introduced by "en", "au", "aux" near the figure."""
    best: tuple[int, str] | None = None
    for ent in sent.ents:
        if ent.label_ != "LOC" or ent.start == sent.start:
            continue
        previous = sent.doc[ent.start - 1].lower_
        if previous not in word_set("business_fr.yaml", "place_prepositions"):
            continue
        start = ent.start_char - sent.start_char
        gap = abs(start - mention.end) if start >= mention.end else abs(mention.start - start)
        if gap > _WINDOW_BEFORE:
            continue
        if best is None or gap < best[0]:
            best = (gap, ent.text)
    return best[1] if best else None
