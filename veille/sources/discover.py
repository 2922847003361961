"""Which inputs a list of paths names: files by extension, folders walked, "-" for stdin,
http(s) addresses (RSS or Atom feeds)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from veille.sources.problems import Reporter

STDIN = "-"


class InputKind(Enum):
    JSONL = "jsonl"
    JSONL_GZ = "jsonl.gz"
    TEXT = "text"
    HTML = "html"
    FEED = "feed"  # RSS or Atom, a file or an http(s) address
    STDIN = "stdin"


# Longest suffix first: ".jsonl.gz" must win over ".gz".
SUFFIX_KINDS: dict[str, InputKind] = {
    ".jsonl.gz": InputKind.JSONL_GZ,
    ".gz": InputKind.JSONL_GZ,
    ".jsonl": InputKind.JSONL,
    ".json": InputKind.JSONL,
    ".txt": InputKind.TEXT,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
    ".rss": InputKind.FEED,
    ".atom": InputKind.FEED,
    ".xml": InputKind.FEED,
}
SUPPORTED = " ".join(SUFFIX_KINDS)


@dataclass(frozen=True)
class Input:
    kind: InputKind
    path: str  # as the user wrote it (or joined under their folder), for messages


def kind_of(path: str | Path) -> InputKind | None:
    name = Path(path).name.lower()
    for suffix, kind in SUFFIX_KINDS.items():
        if name.endswith(suffix):
            return kind
    return None


def iter_inputs(
    paths: Sequence[str | Path], reporter: Reporter, exclude: Iterable[str | Path] = ()
) -> Iterator[Input]:
    """Every readable input the paths name, in order; folders walked recursively in sorted
    order. Missing paths and files of unknown types are reported and skipped; files in
    `exclude` (the run's own output file) are left out with a note."""
    excluded = {os.path.realpath(path) for path in exclude if str(path) != STDIN}
    for source in _iter_named_inputs(paths, reporter):
        if source.kind is not InputKind.STDIN and os.path.realpath(source.path) in excluded:
            reporter.note("not read: it is this run's output file", path=source.path)
        else:
            yield source


def _iter_named_inputs(paths: Sequence[str | Path], reporter: Reporter) -> Iterator[Input]:
    for given in paths:
        path = str(given)
        if path == STDIN:
            yield Input(InputKind.STDIN, path)
        elif path.startswith(("http://", "https://")):
            yield Input(InputKind.FEED, path)
        elif os.path.isdir(path):
            yield from _walk(path, reporter)
        elif not os.path.exists(path):
            reporter.skipped("no such file or folder", path=path)
        else:
            kind = kind_of(path)
            if kind is None:
                reporter.skipped(f"unsupported file type; readable types: {SUPPORTED}", path=path)
            else:
                yield Input(kind, path)


def _walk(folder: str, reporter: Reporter) -> Iterator[Input]:
    """Files of a folder tree in name order, descending into each subfolder where its
    name comes (as `find | sort` lists them). Hidden files and folders are left out, and
    so are links to folders (they can loop). Files of other types are counted and named
    in one note at the end, not one message each."""
    unsupported: dict[str, int] = {}
    yield from _walk_folder(folder, reporter, unsupported)
    if unsupported:
        count = sum(unsupported.values())
        kinds = ", ".join(sorted(unsupported))
        reporter.note(
            f"{count} file(s) of other types not read ({kinds}); readable types: {SUPPORTED}",
            path=folder,
        )


def _walk_folder(folder: str, reporter: Reporter, unsupported: dict[str, int]) -> Iterator[Input]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (entry for entry in listing if not entry.name.startswith(".")),
                key=lambda entry: entry.name,
            )
    except OSError as exc:
        reporter.skipped(f"cannot list folder ({exc.strerror or exc})", path=folder)
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_folder(entry.path, reporter, unsupported)
        elif entry.is_dir():
            continue  # a link to a folder
        elif (kind := kind_of(entry.name)) is not None:
            yield Input(kind, entry.path)
        else:
            suffix = Path(entry.name).suffix.lower() or "(no extension)"
            unsupported[suffix] = unsupported.get(suffix, 0) + 1
