"""French money and percentage figures in plain text, with character offsets.

Pure Python (no model): "12,7 milliards de dollars", "1,5 Md€", "300 000 euros",
"$3bn", "plus de 16,4 milliards de dollars", "+46,3%". The words live in
data/money_fr.yaml.

How figures are read:
- French decimals use a comma ("16,5"); a dot or a space (also no-break and narrow
  no-break spaces) followed by exactly three digits groups thousands ("300.000",
  "300 000"). In English word order ("€1.2 billion", "$3.5bn") a dot is a decimal point.
- A range "entre 300 et 500 millions d'euros" gives value = 300e6 (the lower bound),
  value_max = 500e6 and qualifier "entre"; "de 300 à 500 millions" gives qualifier
  "de … à" (often a change, "passé de 300 à 500 millions": callers decide).
- A figure with a spelled-out scale and no currency ("2 milliards") is kept with
  currency None unless a noun follows ("2 milliards d'habitants" is not money);
  abbreviations ("M", "Md", "bn", "k") count only next to a currency.
- Indian "lakh"/"crore" count only when a currency follows; "1,36 millions de lakh"
  alone is not read as money.
- Percentages become fractions ("16,5 %" → 0.165). A signed figure ("+46,3%") is
  marked `growth`: it is a change, never a share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from veille.facts.reading.lexicon import pattern, word_list, word_map

SPACES = " \u00a0\u202f\u2009"
_SP = f"[{SPACES}]"


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str
    value: float
    currency: str | None
    qualifier: str | None = None
    # Upper bound of a range ("entre 300 et 500 millions"), else None.
    value_max: float | None = None


@dataclass(frozen=True)
class PercentMention:
    start: int
    end: int
    text: str
    # A fraction: 32% → 0.32.
    value: float
    # A signed change ("+46,3%", "-2 %"): not a share of anything.
    growth: bool = False
    qualifier: str | None = None
    value_max: float | None = None


@lru_cache(maxsize=1)
def money_lexicon() -> dict[str, Any]:
    """data/money_fr.yaml, parsed once."""
    text = resources.files("veille.data").joinpath("money_fr.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in money_lexicon()[key])


def _range_qualifier(opening: str) -> str:
    """The qualifier of a range of figures ("entre 300 et 500 millions": "entre"; "de 300
    à 500 millions": "de … à")."""
    ranges = money_lexicon()["ranges"]
    between = opening.lower() in {str(w) for w in ranges["between"]}
    return str(ranges["qualifiers"]["between" if between else "from"])


@lru_cache(maxsize=1)
def _noun_after() -> re.Pattern[str]:
    """ "de/d'/des" and the word after a figure: "2 milliards d'habitants"."""
    links = "|".join(re.escape(str(w)) for w in money_lexicon()["count_links"])
    return re.compile(rf"{_SP}*(?:{links}){_SP}*([^\W\d][\w'’-]*)", re.IGNORECASE)


def _alternation(forms: list[str]) -> str:
    """A regex alternation, longest first so that "dollars canadiens" wins."""
    ordered = sorted({f for f in forms if f}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", _SP + "+") for f in ordered)


@dataclass(frozen=True)
class _Tables:
    word_currency: dict[str, str]
    symbol_currency: dict[str, str]
    iso: frozenset[str]
    scale: dict[str, tuple[float, float]]  # form → (French factor, English factor)
    abbreviations: frozenset[str]
    needs_currency: frozenset[str]
    number_words: dict[str, int]
    money: re.Pattern[str]
    percent: re.Pattern[str]
    # Currency words read only right after a scale word ("33,8 millions de livres"):
    # alone they are ambiguous ("100 livres" are books).
    scaled_only: frozenset[str] = frozenset()


_NUMBER = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:" + _SP + r"|\.)\d{3})+(?:,\d+)?(?![\d])"
    r"|\d+(?:[.,]\d+)?(?![\d]))"
)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    lex = money_lexicon()
    word_currency: dict[str, str] = {}
    symbol_currency: dict[str, str] = {}
    scaled_only: set[str] = set()
    for currency in lex["currencies"]:
        for word in currency["words"]:
            word_currency[_norm(str(word))] = currency["code"]
        for word in currency.get("scaled_words", []):
            word_currency[_norm(str(word))] = currency["code"]
            scaled_only.add(_norm(str(word)))
        for symbol in currency["symbols"]:
            symbol_currency[str(symbol)] = currency["code"]
    iso = frozenset(str(c) for c in lex["iso_codes"])
    scale: dict[str, tuple[float, float]] = {}
    abbreviations: set[str] = set()
    needs_currency: set[str] = set()
    for entry in lex["scales"]:
        factor = float(entry["factor"])
        english = float(entry.get("english_factor", factor))
        for form in [*entry["words"], *entry["abbreviations"]]:
            scale[str(form).lower()] = (factor, english)
        abbreviations.update(str(f).lower() for f in entry["abbreviations"])
        if entry.get("needs_currency"):
            needs_currency.update(str(f).lower() for f in entry["words"])
    number_words = {str(k): int(v) for k, v in lex["number_words"].items()}
    number = rf"(?:{_NUMBER}|\b(?:{_alternation(list(number_words))})\b)"
    scale_re = rf"(?:{_alternation(list(scale))})(?![\w])\.?"
    symbols = _alternation(list(symbol_currency))
    words = _alternation(list(word_currency))
    iso_re = "|".join(sorted(iso))
    qualifier = _alternation([str(q) for q in lex["qualifiers"]])
    ranges = lex["ranges"]
    opening = "|".join(re.escape(str(w)) for w in [*ranges["between"], *ranges["from"]])
    link = "|".join(re.escape(str(w)) for w in ranges["links"])
    of = "|".join(re.escape(str(w)) for w in lex["currency_links"])
    money = re.compile(
        rf"(?:(?P<qual>{qualifier}){_SP}*)?"
        rf"(?:(?P<range>{opening}){_SP}+(?P<low>{_NUMBER}){_SP}*"
        rf"(?P<lowscale>{scale_re})?{_SP}*(?P<link>{link}){_SP}*)?"
        rf"(?:(?P<pre>{symbols}|\b(?:{iso_re})\b){_SP}?)?"
        rf"(?P<num>{number})"
        rf"(?:{_SP}?(?P<scale>{scale_re}))?"
        rf"(?:{_SP}?(?P<sym>{symbols})"
        rf"|{_SP}+(?:(?:{of}){_SP}*)?(?P<word>\b(?:{words}))(?![\w])"
        rf"|{_SP}+(?P<iso>\b(?:{iso_re}))\b)?",
        re.IGNORECASE,
    )
    signs = _alternation([str(s) for s in lex["percent_signs"]])
    percent = re.compile(
        rf"(?:(?P<qual>{qualifier}){_SP}*)?"
        rf"(?:(?P<range>{opening}){_SP}+(?P<low>{_NUMBER}){_SP}*(?:%{_SP}*)?"
        rf"(?P<link>{link}){_SP}*)?"
        rf"(?P<sign>(?<![\w%])(?:\+{_SP}?|[\-−–](?=\d)))?"
        rf"(?P<num>{_NUMBER}){_SP}*(?P<pct>{signs})(?![\w])",
        re.IGNORECASE,
    )
    return _Tables(
        word_currency,
        symbol_currency,
        iso,
        scale,
        frozenset(abbreviations),
        frozenset(needs_currency),
        number_words,
        money,
        percent,
        frozenset(scaled_only),
    )


def _norm(text: str) -> str:
    return re.sub(_SP + "+", " ", text.lower().replace("’", "'"))


def read_number(text: str, *, english: bool = False) -> float | None:
    """The value of one written number: "12,7" → 12.7, "300 000" / "300.000" → 300000.
    With `english`, "1.2" is 1.2 and "1,200" is 1200."""
    digits = re.sub(_SP, "", text.strip())
    if not digits:
        return None
    words = _tables().number_words
    if digits.lower() in words:
        return float(words[digits.lower()])
    if english:
        if re.fullmatch(r"\d{1,3}(,\d{3})+", digits):
            digits = digits.replace(",", "")
        return _float(digits)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits):
        digits = digits.replace(".", "")
    return _float(digits.replace(",", "."))


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _currency(match: re.Match[str], tables: _Tables) -> str | None:
    if match.group("pre"):
        pre = match.group("pre")
        iso = pre.upper() if pre.upper() in tables.iso else None
        return tables.symbol_currency.get(pre) or iso
    if match.group("sym"):
        return tables.symbol_currency.get(match.group("sym"))
    if match.group("word"):
        word = _norm(match.group("word"))
        if word in tables.scaled_only and not match.group("scale"):
            return None
        return tables.word_currency.get(word)
    if match.group("iso"):
        return match.group("iso").upper()
    return None


def _factor(scale: str | None, tables: _Tables, english: bool) -> float:
    if not scale:
        return 1.0
    french, english_factor = tables.scale[scale.lower().rstrip(".")]
    return english_factor if english else french


def _followed_by_noun(text: str, end: int) -> bool:
    """Whether "de/d' + word" follows: "2 milliards d'habitants" counts people; "614
    millions de marge opérationnelle" counts money (a finance noun of money_fr.yaml)."""
    match = _noun_after().match(text[end:])
    if match is None:
        return False
    return _norm(match.group(1)) not in _finance_nouns()


@lru_cache(maxsize=1)
def _finance_nouns() -> frozenset[str]:
    return frozenset(_norm(str(w)) for w in money_lexicon()["finance_nouns"])


def parse_money(text: str) -> list[MoneyMention]:
    """Every money figure of `text`, in order."""
    tables = _tables()
    mentions: list[MoneyMention] = []
    for match in tables.money.finditer(text):
        mention = _money(match, text, tables)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _money(match: re.Match[str], text: str, tables: _Tables) -> MoneyMention | None:
    currency = _currency(match, tables)
    scale = match.group("scale")
    scale_key = scale.lower().rstrip(".") if scale else None
    if currency is None:
        if scale_key is None or scale_key in tables.abbreviations:
            return None
        if _followed_by_noun(text, match.end()):
            return None
    if scale_key in tables.needs_currency and not (match.group("word") or match.group("sym")):
        return None
    if scale_key in tables.needs_currency and match.group("pre"):
        return None
    # Symbol or ISO code first and an English scale ("€1.2 billion", "$3bn"): English.
    english = bool(match.group("pre")) and (
        scale_key is None or scale_key in _words("english_order_scales")
    )
    number = read_number(match.group("num"), english=english)
    if number is None:
        return None
    # Rounded to the cent so that 16,4 × 10^9 reads 16400000000.0.
    value = round(number * _factor(scale, tables, english), 2)
    qualifier = match.group("qual")
    value_max: float | None = None
    start = match.start()
    if match.group("low"):
        low = read_number(match.group("low"))
        if low is None:
            return None
        low_scale = match.group("lowscale") or scale
        value_max = value
        value = round(low * _factor(low_scale, tables, english), 2)
        qualifier = _range_qualifier(match.group("range"))
        if match.group("qual"):
            qualifier = f"{match.group('qual')} {qualifier}"
    end = match.end("scale") if currency is None else match.end()
    if text[end - 1] == "." and scale_key not in tables.abbreviations:
        end -= 1  # the sentence's full stop, not an abbreviation's
    return MoneyMention(
        start,
        end,
        text[start:end],
        value,
        currency,
        _norm(qualifier) if qualifier else None,
        value_max,
    )


def parse_percent(text: str) -> list[PercentMention]:
    """Every percentage of `text`, as fractions, in order."""
    mentions: list[PercentMention] = []
    for match in _tables().percent.finditer(text):
        number = read_number(match.group("num"))
        if number is None:
            continue
        value = round(number / 100, 6)
        sign = match.group("sign")
        if sign and sign != "+":
            value = -value
        qualifier = match.group("qual")
        value_max: float | None = None
        if match.group("low"):
            low = read_number(match.group("low"))
            if low is None:
                continue
            value, value_max = round(low / 100, 6), value
            qualifier = _range_qualifier(match.group("range"))
        start = match.start()
        mentions.append(
            PercentMention(
                start,
                match.end(),
                text[start : match.end()],
                value,
                growth=bool(sign),
                qualifier=_norm(qualifier) if qualifier else None,
                value_max=value_max,
            )
        )
    return mentions


# --- periods: the horizon or period a figure is for ------------------------------------


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    text: str
    # A normalised date of FACTS.md: "2030", "2018-Q4".
    value: str


_YEAR = r"(?<![\d,.])(?:19[5-9]\d|20\d\d)(?![\d,.]\d)"


def _ordinal_quarters() -> dict[str, int]:
    return word_map("money_fr.yaml", "periods", "quarter_ordinals")


def _period(key: str) -> re.Pattern[str]:
    """A period pattern of money_fr.yaml: a quarter, a year and its cue, a relative year."""
    ordinals = "|".join(_ordinal_quarters())
    return pattern(
        "money_fr.yaml", "periods", key, flags=re.IGNORECASE, sp=_SP, year=_YEAR, ordinals=ordinals
    )


def find_periods(text: str, published: date | None) -> list[PeriodMention]:
    """Years and quarters in `text` ("d'ici 2030", "à l'horizon 2017", "au 4ème
    trimestre", "Q4 2017", "l'an dernier"), resolved against `published`. A quarter
    without a year is the latest one that ended before publication."""
    found: list[PeriodMention] = []
    taken: list[range] = []
    for match in _period("quarter").finditer(text):
        quarter = (
            int(match.group("qn")[1])
            if match.group("qn")
            else _ordinal_quarters()[match.group("ord").lower()]
        )
        year = _quarter_year(match, quarter, published)
        if year is None:
            continue
        found.append(PeriodMention(match.start(), match.end(), match.group(), f"{year}-Q{quarter}"))
        taken.append(range(match.start(), match.end()))
    for match in _period("year").finditer(text):
        if any(match.start("year") in span for span in taken):
            continue
        start = match.start() if match.group("cue") else match.start("year")
        found.append(PeriodMention(start, match.end(), text[start : match.end()], match["year"]))
    if published is not None:
        for match in _period("relative_years").finditer(text):
            if any(match.start() in span for span in taken):
                continue
            shift = -1 if match.group("last") else 1 if match.group("next") else 0
            value = str(published.year + shift)
            found.append(PeriodMention(match.start(), match.end(), match.group(), value))
    return sorted(found, key=lambda p: p.start)


def _quarter_year(match: re.Match[str], quarter: int, published: date | None) -> int | None:
    if match.group("year"):
        return int(match.group("year"))
    if published is None:
        return None
    if match.group("rel"):
        rel = match.group("rel").lower()
        this_year = any(w in rel for w in word_list("money_fr.yaml", "periods", "this_year_words"))
        return published.year if this_year else published.year - 1
    # The latest such quarter that ended before publication.
    year = published.year
    quarter_end_month = quarter * 3
    if (year, quarter_end_month) >= (published.year, published.month):
        year -= 1
    return year
