"""Bytes to text, for files whose encoding nobody declared.

UTF-8 (with or without a byte-order mark) is expected. UTF-16 is recognised by its
byte-order mark, or without one by its pattern of NUL bytes (every other byte, as
Latin letters give in UTF-16). Anything else is read as cp1252, the usual encoding of French text
that is not UTF-8 (it is a superset of Latin-1 for printable characters), with a note.
A NUL byte means the data is not text at all.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from veille.errors import VeilleError
from veille.sources.problems import Reporter

FALLBACK_ENCODING = "cp1252"
# How much of a stream's start is looked at to recognise binary data or UTF-16.
SNIFF_BYTES = 4096
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Decoded(NamedTuple):
    text: str
    encoding: str


class BinaryContent(VeilleError):
    """Raised inside this package when data holds NUL bytes; readers turn it into a report."""


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when `head` (a stream's first bytes) looks like UTF-16
    text without a byte-order mark: NUL in most bytes of one parity, none in the other.
    Binary data has its NULs anywhere."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : 2 * pairs : 2].count(0)
    odd = head[1 : 2 * pairs : 2].count(0)
    guess = None
    if odd >= 0.5 * pairs and even == 0:
        guess = "utf-16-le"
    elif even >= 0.5 * pairs and odd == 0:
        guess = "utf-16-be"
    if guess is None:
        return None
    # and it reads as text: letters, digits, punctuation, spaces (an image header can
    # have its NULs in one parity too)
    sample = head[: 2 * pairs].decode(guess, errors="replace")
    readable = sum(c.isprintable() or c in "\n\r\t" for c in sample)
    return guess if readable >= 0.95 * len(sample) else None


def decode_document(data: bytes) -> Decoded:
    """The text of a whole document (one article), and the encoding it was read with."""
    if data.startswith(_UTF16_BOMS):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    bare_utf16 = utf16_without_bom(data[:SNIFF_BYTES]) if b"\0" in data else None
    if bare_utf16:
        return Decoded(data.decode(bare_utf16, errors="replace"), bare_utf16)
    if b"\0" in data:
        raise BinaryContent()
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data.decode("utf-8-sig", errors="replace"), "utf-8-sig")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING)


def fallback_note(encoding: str) -> str | None:
    if encoding == FALLBACK_ENCODING:
        return f"not valid UTF-8; read as {FALLBACK_ENCODING} (save it as UTF-8 to be sure)"
    return None


def byte_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary stream, split on b"\\n" only. A UTF-16 stream (seen from its
    byte-order mark) is re-encoded to UTF-8 line by line, so callers see one encoding.
    BinaryContent when the first bytes hold a NUL: the stream is not text."""
    # A generator, so that a read error (a damaged gzip header) surfaces while iterating,
    # where the readers catch it, not when the lines are asked for.
    peek = getattr(stream, "peek", None)
    head = peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek is not None else b""
    encoding = "utf-16" if head[:2] in _UTF16_BOMS else utf16_without_bom(head)
    if encoding:
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
        for line in text:
            yield line.encode("utf-8")
    else:
        if b"\0" in head:
            raise BinaryContent()
        yield from stream


def decode_lines(
    lines: Iterable[bytes], path: str, reporter: Reporter
) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line. Lines that are not UTF-8 are read as cp1252,
    with a note for the first one only. Stops, reporting the file as skipped, at a NUL
    byte: the rest is binary data, and reading it line by line would only report noise."""
    noted = False
    for number, raw in enumerate(lines, start=1):
        if b"\0" in raw:
            reporter.skipped(
                "binary data (NUL byte), not text; rest of the file skipped",
                path=path,
                line=number,
            )
            return
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode(FALLBACK_ENCODING, errors="replace")
            if not noted:
                noted = True
                reporter.note(
                    f"not valid UTF-8; read as {FALLBACK_ENCODING} (and so are later such lines)",
                    path=path,
                    line=number,
                )
        yield number, text
