r"""Length-preserving clean-up of real-world text before the NLP pipeline sees it.

Every evidence offset points into the article string as it was read, so the text given
to spaCy must keep exactly the same length: each character is replaced by exactly one
character, never inserted or deleted. The fact extractors parse `normalise(text)` and
slice evidence from the original string with the same offsets.

Printable ASCII is never changed. What it does, and why:

- typographic apostrophes (’ ‘ ʼ ´ ′ …) become "'": lexicons, gazetteers and regular
  expressions are written with the ASCII apostrophe ("directeur d'exploitation"), so
  every one of them would otherwise need both spellings;
- typographic double quotes (“ ” „ ″) become '"'; « » are kept: they are
  the ordinary French quotes, already split off by the tokenizer;
- every Unicode space (no-break, narrow no-break, thin, em…) and every zero-width or
  bidirectional formatting character becomes ' ': spaCy only treats ' ' as plain token
  spacing, so "2,5\u202fmilliards" would give an extra whitespace token inside the
  amount, and "Figaro.\u200bLe" would hide a sentence break;
- hyphens, non-breaking hyphens, minus signs and en/em dashes become '-': numbers ("−3 %")
  and compound words then read the same whatever the typesetting;
- "\r\n" becomes " \n" and a lone "\r" becomes "\n" (old Mac line ends are line breaks,
  and a Windows line end must not look like a paragraph break);
- other control characters become ' ', except C1 controls U+0080–U+009F, which in news
  text are nearly always cp1252 bytes decoded as Latin-1 ("29 750 \x80"): they become the
  cp1252 character ("€", "œ", "’"…), then the rules above apply;
- a soft hyphen (U+00AD) between two letters becomes a copy of the letter before it
  ("direc\xadteur" -> "direccteur"), anywhere else a space. There is no invisible letter,
  and deleting it would shift offsets, so some character must take its place. A space or
  "-" would split the word into several tokens ("direc", "-", "teur"); keeping U+00AD
  keeps one token but with a shape and spelling no model has seen and that `\w` patterns
  stop at. A doubled letter keeps one all-letter token with the same first letter, last
  letters and shape as the real word, which is what the model's features look at.
  Field values should come from `value_text`, which removes soft hyphens for real.

Sentences glued after a period ("Pyrénées.Alors") are left alone: the tokenizer
handles them (see `veille/nlp/sentences.py`).
"""

from __future__ import annotations

import re

APOSTROPHE = "'"
DOUBLE_QUOTE = '"'
SOFT_HYPHEN = "\u00ad"

_APOSTROPHES = "\u2019\u2018\u201a\u201b\u02bc\u02b9\u00b4\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u3003\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t"
)
# Zero-width and bidirectional formatting characters: invisible, often pasted from the web.
_INVISIBLES = (
    "\u200b\u200c\u200d\u2060\ufeff\u180e\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LINE_BREAKS = "\u000b\u000c\u2028\u2029"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for chars, target in (
        (_APOSTROPHES, APOSTROPHE),
        (_DOUBLE_QUOTES, DOUBLE_QUOTE),
        (_DASHES, "-"),
        (_SPACES, " "),
        (_INVISIBLES, " "),
        (_LINE_BREAKS, "\n"),
    ):
        for char in chars:
            table[ord(char)] = target
    for code in [*range(0x00, 0x20), 0x7F]:
        if chr(code) not in "\n\r" and code not in table:
            table[code] = " "
    for code in range(0x80, 0xA0):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252
            char = " "
        table[code] = table.get(ord(char), char)
    return table


_TABLE = _build_table()
# One character in, one character out: the whole point of this module.
assert all(len(target) == 1 for target in _TABLE.values())

_SOFT_HYPHEN_IN_WORD = re.compile(r"(?<=([^\W\d_]))\u00ad(?=[^\W\d_])")


# Most articles hold none of these characters: finding that out with one regex scan is
# about ten times faster than `str.translate`, which looks every character up in a dict.
_NEEDS_WORK = re.compile("[" + re.escape("".join(map(chr, _TABLE)) + "\r" + SOFT_HYPHEN) + "]")


def normalise(text: str) -> str:
    """`text` with typography and invisible characters made plain, same length."""
    if not _NEEDS_WORK.search(text):
        return text
    text = text.translate(_TABLE)
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    if SOFT_HYPHEN in text:
        text = _SOFT_HYPHEN_IN_WORD.sub(lambda m: m.group(1), text)
        text = text.replace(SOFT_HYPHEN, " ")
    return text


_RUNS_OF_SPACES = re.compile(r"[ \t]+")


def value_text(original: str) -> str:
    """A fact field value (name, role) from a slice of the original article text:
    soft hyphens removed, typography normalised, runs of spaces and line breaks made
    one space. Not length-preserving: use it for values, never for offsets."""
    cleaned = normalise(original.replace(SOFT_HYPHEN, ""))
    return _RUNS_OF_SPACES.sub(" ", cleaned.replace("\n", " ")).strip()
