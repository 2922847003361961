"""Shares of a market held by an organisation: `market_share` facts.

A percentage is a market share when its clause says so (precision first):
- "part(s) de marché" next to it: "X détient 25% de parts de marché", "la part de
  marché de X atteint 12%", "X, avec 25% de parts de marché, …";
- a verb of holding with "des/du <market noun>" right after it: "AWS a attiré 32% des
  dépenses cloud", "Samsung a capté 20% des ventes de smartphones";
- a comparison with a share of the same sentence: "…, contre 16,5% pour Microsoft et
  9,5% pour Google", "Apple (15%)".
Signed figures ("+46,3%") are growth, never shares. Percentages of people, votes, polls
or a company's own sales ("représente 30% des ventes du groupe") are not shares.
The organisation is the one after "pour" ("16,5% pour Microsoft"), before a bracketed
figure ("Apple (15%)"), the owner of "part de marché de X", or the clause subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from veille.facts.business.orgs import (
    OrgNames,
    antecedent,
    fold_same_length,
    subject_of,
)
from veille.facts.context import ArticleContext, Chunk
from veille.facts.reading.lexicon import (
    alternation,
    grammar_words,
    pattern,
    single_word,
    word_list,
    word_set,
)
from veille.facts.reading.modality import business_lexicon, clause_source, clause_status
from veille.facts.reading.numbers import PercentMention, parse_percent
from veille.facts.reading.timing import clause_period, headline_period, sentence_periods
from veille.nlp.gazetteer import fold
from veille.records import Fact, MarketShare

_PAREN = r"(?:\s*\([^)]{0,40}\))?"
_SHARE_WINDOW = 60
_SHARES = ("business_fr.yaml", "market_shares")


_OWNERS = ("business_fr.yaml", "owner_prepositions")


@lru_cache(maxsize=2)
def _after_figure(words: tuple[str, ...], then: str) -> re.Pattern[str]:
    """Right after the figure and its brackets, one of `words`, then `then`."""
    return re.compile(rf"{_PAREN}\s*(?:{alternation(words)}){then}")


@dataclass(frozen=True)
class _Lexicon:
    share_phrases: tuple[str, ...]
    holding_verbs: frozenset[str]
    market_nouns: frozenset[str]
    weak_nouns: frozenset[str]
    weak_verbs: frozenset[str]
    baselines: tuple[str, ...]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = business_lexicon()["market_shares"]

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in data[key])

    return _Lexicon(
        tuple(fold(str(p)) for p in data["share_phrases"]),
        words("holding_verbs"),
        words("market_nouns"),
        words("weak_market_nouns"),
        words("weak_verbs"),
        tuple(fold(str(p)) for p in data["baseline_cues"]),
    )


@dataclass
class _Share:
    mention: PercentMention
    org_token: Token | None = None
    verb: Token | None = None
    market: str | None = None


def extract(chunks: list[Chunk], ctx: ArticleContext) -> list[Fact]:
    orgs = OrgNames(ctx.text)
    for chunk in chunks:
        orgs.see_doc_entities(list(chunk.doc.ents), chunk.offset)
    facts: list[Fact] = []
    seen: set[tuple[str, float]] = set()
    for chunk in chunks:
        previous: Span | None = None
        for sent in chunk.doc.sents:
            announced = previous is not None and _announces_shares(previous)
            previous = sent
            for share in _shares(sent, announced=announced):
                fact = _fact(share, sent, chunk, ctx, orgs)
                if fact is None or fact.org is None:
                    continue
                key = (fold(fact.org), round(fact.value, 4))
                if key not in seen:
                    seen.add(key)
                    facts.append(fact)
    return facts


def _announces_shares(sent: Span) -> bool:
    """A sentence about market shares that gives no figure: "Mais ce sont les parts de
    marché des français qui inquiètent." The next one lists them."""
    folded = fold_same_length(sent.text)
    return not parse_percent(sent.text) and any(p in folded for p in _lexicon().share_phrases)


def _shares(sent: Span, *, announced: bool = False) -> list[_Share]:
    """The percentages of a sentence that are market shares, with what tells their org.
    `announced`: the sentence before spoke of market shares without a figure, so "X est
    à 19%, Y à 16%" lists them."""
    text = sent.text
    folded = fold_same_length(text)
    shares: list[_Share] = []
    anchor: _Share | None = None
    for mention in parse_percent(text):
        if mention.growth or mention.value <= 0 or mention.value > 1:
            continue
        after = folded[mention.end :]
        before = folded[max(0, mention.start - _SHARE_WINDOW) : mention.start]
        share = _Share(mention)
        holding = _holding_verb(sent, mention)
        links = word_list(*_SHARES, "market_links")
        market = _after_figure(links, r"\s*([^\W\d][\w-]*)").match(after)
        near_phrase = _near_share_phrase(before, after)
        if near_phrase:
            share.verb = holding
            share.market = _market_after_phrase(text, mention)
        elif holding is not None and market and _is_market_noun(market.group(1), holding):
            share.verb = holding
            share.market = _market_words(text, mention.end + market.start(1))
        elif anchor is not None and _after_figure(word_list(*_OWNERS), r"\s").match(after):
            share.verb, share.market = anchor.verb, anchor.market
        elif announced and (listed := _listed_at(sent, mention)) is not None:
            share.org_token = listed
            anchor = anchor or share
            shares.append(share)
            continue
        elif re.search(r"\w\s*\(\s*$", text[: mention.start]) and (
            # the common noun "marché", not the party "En Marche"
            anchor is not None or pattern(*_SHARES, "market_word").search(text)
        ):
            # "Samsung (22%) devance Apple (15%)" in a sentence about a market.
            share.verb = anchor.verb if anchor else None
            share.market = anchor.market if anchor else _market_after_phrase(text, mention)
        else:
            continue
        share.org_token = _org_token(sent, mention, share.verb)
        anchor = anchor or share
        shares.append(share)
    return shares


def _near_share_phrase(before: str, after: str) -> bool:
    """ "part de marché" right after the figure, or before it in the same clause."""
    lex = _lexicon()
    head = re.split(r"[;.!?]", after[:_SHARE_WINDOW])[0]
    lead = rf"{_PAREN}\s*(?:{alternation(word_list(*_SHARES, 'share_phrase_links'), ' ')})?"
    if any(re.match(lead + re.escape(p), head) for p in lex.share_phrases):
        return True
    tail = pattern(*_SHARES, "clause_breaks").split(before)[-1]
    return any(p in tail for p in lex.share_phrases)


def _is_market_noun(noun: str, verb: Token) -> bool:
    lex = _lexicon()
    noun = fold(noun)
    if noun not in lex.market_nouns:
        return False
    return not (noun in lex.weak_nouns and fold(verb.lemma_) in lex.weak_verbs)


def _holding_verb(sent: Span, mention: PercentMention) -> Token | None:
    """The verb of holding that governs the figure or, when the parse is off, the
    nearest one before it in the sentence."""
    lex = _lexicon()
    start = sent.start_char + mention.start
    before = [t for t in sent if t.idx < start and t.pos_ in ("VERB", "AUX")]
    for token in reversed(before):
        if fold(token.lemma_) in lex.holding_verbs:
            return token
    return None


def _market_words(text: str, start: int) -> str | None:
    """ "dépenses cloud au 4ème trimestre" → "dépenses cloud": the market noun and the
    words that qualify it, up to a preposition, a comma or a period word."""
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+|[^\w\s]", text[start:])[:6]:
        if not re.match(r"\w", word) or fold(word) in word_set(*_SHARES, "market_word_stops"):
            break
        words.append(word)
    return " ".join(words) or None


def _market_after_phrase(text: str, mention: PercentMention) -> str | None:
    """ "part de marché dans le cloud" / "sur le marché des smartphones" → the words;
    None for "la part de marché de Renault" (an owner, not a market)."""
    start = max(0, mention.start - _SHARE_WINDOW)
    match = pattern(*_SHARES, "market_after_share", flags=re.IGNORECASE).search(
        text[start : mention.end + _SHARE_WINDOW]
    )
    if not match or not text[start + match.end() : start + match.end() + 1].islower():
        return None
    return _market_words(text, start + match.end())


def _org_token(sent: Span, mention: PercentMention, verb: Token | None) -> Token | None:
    """The token naming who holds the share."""
    end = sent.start_char + mention.end
    start = sent.start_char + mention.start
    after = [t for t in sent if t.idx >= end]
    # "16,5% (+75,9%) pour Microsoft"
    depth = 0
    for index, token in enumerate(after[:12]):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0:
            if token.lower_ in word_set(*_OWNERS) and index + 1 < len(after):
                named = _first_name_from(after[index + 1 : index + 4])
                if named is not None:
                    return named
            break
    before = [t for t in sent if t.idx + len(t.text) <= start]
    # "Apple (15%)", "Oberthur (disposant de 40% du marché)"
    opening = _open_bracket(before)
    near = opening is not None and 1 <= opening >= len(before) - 5
    if near and opening is not None and before[opening - 1].text[:1].isupper():
        return before[opening - 1]
    # "la part de marché de X"
    for index in range(len(before) - 1, 1, -1):
        token = before[index]
        market = fold(single_word("business_fr.yaml", "market_noun"))
        if fold(token.text) == market and index + 2 < len(before):
            following = before[index + 1]
            if following.lower_ in grammar_words("preposition_de_du"):
                named = _first_name_from(before[index + 2 : index + 4])
                if named is not None:
                    return named
    if verb is not None:
        # "DJI, groupe chinois qui couvre 80% du marché": the noun "qui" stands for
        subject = antecedent(subject_of(verb))
        if subject is not None:
            return subject
    names = [
        t
        for t in before
        if t.dep_ in ("nsubj", "ROOT", "dep")
        and t.text[:1].isupper()
        and not any(c.dep_ == "case" for c in t.children)
    ]
    return names[-1] if names else None


def _listed_at(sent: Span, mention: PercentMention) -> Token | None:
    """ "Renault n'est qu'à 19%", "Peugeot à 16%": the name a few words before "à N%"."""
    start = sent.start_char + mention.start
    before = [t for t in sent if t.idx + len(t.text) <= start]
    if not before or before[-1].lower_ not in word_set(*_SHARES, "listed_at"):
        return None
    for token in reversed(before[-5:-1]):
        if token.text in (",", ";", ":") or token.lower_ in grammar_words("conjunction_et"):
            return None
        if token.text[:1].isupper() and not token.is_punct:
            return token
    return None


def _open_bracket(tokens: list[Token]) -> int | None:
    """The index of the "(" still open at the end of `tokens`, if any."""
    depth = 0
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].text == ")":
            depth += 1
        elif tokens[index].text == "(":
            if depth == 0:
                return index
            depth -= 1
    return None


def _first_name_from(tokens: list[Token]) -> Token | None:
    for token in tokens:
        if token.text[:1].isupper():
            return token
        if token.pos_ not in ("DET",):
            return None
    return None


def _period(sent: Span, mention: PercentMention, ctx: ArticleContext) -> str | None:
    """The nearest period of the sentence that is not a comparison baseline
    ("par rapport à Q4 2017")."""
    folded = fold_same_length(sent.text)
    best: tuple[int, str] | None = None
    for period in sentence_periods(sent, ctx.published, days=False):
        lead = folded[max(0, period.start - 25) : period.start]
        if any(cue in lead for cue in _lexicon().baselines):
            continue
        gap = abs(period.start - mention.end)
        if best is None or gap < best[0]:
            best = (gap, period.value)
    return best[1] if best else None


def _fact(
    share: _Share, sent: Span, chunk: Chunk, ctx: ArticleContext, orgs: OrgNames
) -> MarketShare | None:
    if share.org_token is None:
        return None
    position = chunk.offset + sent.start_char + share.mention.start
    org, named = orgs.resolve(share.org_token, position)
    if org is None:
        return None
    clause = share.verb if share.verb is not None else share.org_token
    return MarketShare(
        evidence=chunk.evidence(sent),
        confidence=0.8 if named else 0.6,
        source=clause_source(clause),
        org=org,
        value=share.mention.value,
        market=share.market,
        period=_period(sent, share.mention, ctx)
        or clause_period(clause, ctx.published)
        or headline_period(ctx.article.title, ctx.published),
        status=clause_status(clause, ctx.published),
    )
