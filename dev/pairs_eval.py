"""Pairwise precision and recall of `Resolver.same_entity` on dev/gold/name_pairs.jsonl.

    .venv/bin/python dev/pairs_eval.py [PAIRS.jsonl] [--errors]

Each pair is decided by a fresh resolver (package gazetteer) holding mention a, asked
whether mention b joins a's entity: the batch rules with the context the pair gives.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from veille.resolve.pairs import read_pairs, score_pairs

DEFAULT = Path(__file__).parent / "gold" / "name_pairs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", action="store_true", help="print every wrong decision")
    args = parser.parse_args()
    scores = score_pairs(read_pairs(args.pairs))
    same, different = scores.tp + scores.fn, scores.fp + scores.tn
    print(f"pairs: {scores.total} (same: {same}, different: {different})")
    print(f"precision(same): {scores.precision:.3f}  recall(same): {scores.recall:.3f}")
    print(f"tp {scores.tp}  fp {scores.fp}  fn {scores.fn}  tn {scores.tn}")
    refused = [e for e in scores.errors if e["same"] and "but no shared" in e["decision"]]
    print(
        f"of the {scores.fn} missed same-pairs, {len(refused)} are spelling variants in different "
        "articles with no shared organisation or role: refused by design (see resolve/people.py)"
    )
    for kind, (right, total) in scores.by_kind.items():
        print(f"  {kind:28} {right:4}/{total:<4}")
    if args.errors:
        for error in scores.errors:
            a, b = error["a"], error["b"]
            row = {
                "same": error["same"],
                "a": [a["name"], a["article"], a.get("org"), a.get("role")],
                "b": [b["name"], b["article"], b.get("org"), b.get("role")],
                "decision": error["decision"],
            }
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
