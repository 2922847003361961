"""Scoring the resolver's pair decisions against labelled name pairs.

A gold pair is one JSON line: {"a": mention, "b": mention, "same": bool, "why": str,
"kind": str}, a mention being {"name", "type", "article", "context", "org"?, "role"?,
"persons"?} (see `Mention.from_dict`). `score_pairs` asks `Resolver.same_entity` about every
pair, exactly as a batch holding the two mentions would decide, and counts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
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


def score_pairs(pairs: Iterable[dict[str, Any]], resolver: Resolver | None = None) -> PairScores:
    resolver = resolver or Resolver()
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
