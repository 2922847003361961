"""Scoring the resolver's pair decisions against labelled name pairs.

A gold pair is one JSON line: {"a": mention, "b": mention, "same": bool, "why": str,
"kind": str}, a mention being {"name", "type", "article", "context", "org"?, "role"?,
"persons"?} (see `Mention.from_dict`). `score_pairs` asks `Resolver.same_entity` about every
pair, exactly as a batch holding the two mentions would decide, and counts.

A single pair carries no batch, so it brings no evidence of frequency. Given
`frequencies` (per name, the number of articles of the archive the pairs come from that
contain it: `count_names`), every pair is decided as in one batch over that whole
archive: a rare one-edit variant of a dominant name joins it (`people.frequency_evidence`).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.resolve.entities import Mention
from veille.resolve.resolver import Resolver


@dataclass
class PairScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    # Per kind of pair ("person_typo", "org_acronym"…): [right, total].
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def read_pairs(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


_WORD = re.compile(r"\w+")


def count_names(names: Iterable[str], texts: Iterable[str]) -> dict[str, int]:
    """Per name, the number of texts containing it as a whole-word substring (case and
    accents as written: "Nicolas Sarkozy" is not found in "Nicolas Sarkozyste")."""
    by_last_word: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    counts: dict[str, int] = {}
    for name in dict.fromkeys(names):
        counts[name] = 0
        words = _WORD.findall(name)
        if words:
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            by_last_word[words[-1]].append((name, pattern))
    for text in texts:
        # Only the names whose last word is in the text are looked for.
        for word in set(_WORD.findall(text)) & by_last_word.keys():
            for name, pattern in by_last_word[word]:
                if pattern.search(text):
                    counts[name] += 1
    return counts


def pair_names(pairs: Iterable[dict[str, Any]]) -> list[str]:
    """The person names of the pairs, sorted (those frequency evidence applies to)."""
    return sorted(
        {p[s]["name"] for p in pairs for s in ("a", "b") if p[s].get("type", "person") == "person"}
    )


def score_pairs(
    pairs: Iterable[dict[str, Any]],
    resolver: Resolver | None = None,
    frequencies: Mapping[str, int] | None = None,
) -> PairScores:
    """Scores of the pair decisions; with `frequencies` (the article counts of the names in
    the archive, `count_names`) as the batch frequencies of a resolver made here."""
    resolver = resolver or Resolver(frequencies=frequencies or {})
    scores = PairScores()
    kinds: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for pair in pairs:
        decision = resolver.same_entity(Mention.from_dict(pair["a"]), Mention.from_dict(pair["b"]))
        gold = bool(pair["same"])
        kind = str(pair.get("kind", "other"))
        kinds[kind] += 1
        if decision.same and gold:
            scores.tp += 1
        elif decision.same:
            scores.fp += 1
        elif gold:
            scores.fn += 1
        else:
            scores.tn += 1
        if decision.same == gold:
            right[kind] += 1
        else:
            scores.errors.append({**pair, "decision": decision.why})
    scores.by_kind = {k: [right[k], kinds[k]] for k in sorted(kinds)}
    return scores
