"""Pairwise precision and recall of `Resolver.same_entity` on dev/gold/name_pairs.jsonl.

    .venv/bin/python dev/pairs_eval.py [PAIRS.jsonl] [--errors] [--no-frequencies]

Each pair is decided by a fresh resolver (package gazetteer) holding mention a, asked
whether mention b joins a's entity: the batch rules with the context the pair gives.

The pairs are drawn from the corpus (shared/corpus/orangesum.jsonl.gz), so the eval
simulates one batch over that whole archive: the resolver's batch frequencies are, per
person name of the pairs, the number of corpus articles (title, summary, text) that
contain it as a whole word. A rare one-edit variant of a dominant name then joins it
(see veille/resolve/people.py, `frequency_evidence`). The counts are cached in
dev/.cache/ (git-ignored), keyed by the corpus size and date and the names. Without the
corpus, or with --no-frequencies, pairs are decided with no batch evidence, and the output
says so.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from veille.resolve.pairs import count_names, pair_names, read_pairs, score_pairs

DEV = Path(__file__).parent
DEFAULT = DEV / "gold" / "name_pairs.jsonl"
CORPUS = DEV.parent.parent / "shared" / "corpus" / "orangesum.jsonl.gz"
CACHE = DEV / ".cache"


def _texts(corpus: Path) -> Iterator[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            parts = (article.get("title"), article.get("summary"), article.get("text"))
            yield "\n\n".join(p for p in parts if p)


def archive_frequencies(names: list[str], corpus: Path = CORPUS) -> dict[str, int] | None:
    """Per name, the number of corpus articles containing it; None without the corpus."""
    if not corpus.exists():
        return None
    stat = corpus.stat()
    fingerprint = hashlib.sha256(
        json.dumps([corpus.name, stat.st_size, stat.st_mtime_ns, names]).encode()
    ).hexdigest()[:16]
    cached = CACHE / f"name_counts-{fingerprint}.json"
    if cached.exists():
        counts: dict[str, int] = json.loads(cached.read_text(encoding="utf-8"))
        return counts
    counts = count_names(names, _texts(corpus))
    CACHE.mkdir(exist_ok=True)
    cached.write_text(json.dumps(counts, ensure_ascii=False, indent=0), encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", action="store_true", help="print every wrong decision")
    parser.add_argument(
        "--no-frequencies", action="store_true", help="decide pairs without batch frequencies"
    )
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    frequencies = None
    if args.no_frequencies:
        print("batch: none (--no-frequencies): each pair decided on its own context")
    else:
        frequencies = archive_frequencies(pair_names(pairs))
        if frequencies is None:
            print(
                f"batch: none: corpus not found at {CORPUS}, so no name frequencies; "
                "each pair decided on its own context (shared/ must sit beside the repository)"
            )
        else:
            print(
                f"batch: the whole archive ({CORPUS.name}): name frequencies are the "
                f"numbers of its articles containing each of the {len(frequencies)} names"
            )
    scores = score_pairs(pairs, frequencies=frequencies)
    same, different = scores.tp + scores.fn, scores.fp + scores.tn
    print(f"pairs: {scores.total} (same: {same}, different: {different})")
    print(f"precision(same): {scores.precision:.3f}  recall(same): {scores.recall:.3f}")
    print(f"tp {scores.tp}  fp {scores.fp}  fn {scores.fn}  tn {scores.tn}")
    refused = [e for e in scores.errors if e["same"] and "but no shared" in e["decision"]]
    print(
        f"of the {scores.fn} missed same-pairs, {len(refused)} are spelling variants in different "
        "articles with no shared organisation or role and no dominant form in the batch: "
        "refused by design (see resolve/people.py)"
    )
    for kind, (right, total) in scores.by_kind.items():
        print(f"  {kind:28} {right:4}/{total:<4}")
    if args.errors:
        for error in scores.errors:
            print(json.dumps(_row(error, frequencies), ensure_ascii=False))


def _row(error: dict[str, Any], frequencies: dict[str, int] | None) -> dict[str, Any]:
    a, b = error["a"], error["b"]
    row: dict[str, Any] = {
        "same": error["same"],
        "a": [a["name"], a["article"], a.get("org"), a.get("role")],
        "b": [b["name"], b["article"], b.get("org"), b.get("role")],
        "decision": error["decision"],
    }
    if frequencies is not None:
        row["articles"] = [frequencies.get(a["name"]), frequencies.get(b["name"])]
    return row


if __name__ == "__main__":
    main()
