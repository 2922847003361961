"""Assemble data/gold/{train,dev,test}.jsonl, test.sha256 and card.json from the readings.

    python dev/build_gold.py

Reads data/gold/selection.jsonl (which article is in which split, dev/select_gold.py),
data/gold/work/assignment.json (who read what), each annotator's readings
data/gold/work/<name>.jsonl, data/gold/work/adjudicated-test.jsonl (the third reading of
the test articles the two readings disagreed on) and data/gold/agreement.json
(dev/agreement.py). An article's gold is its adjudicated reading when there is one,
else its first reading. Articles nobody finished are left out and counted.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold"
WORK = GOLD / "work"
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum.jsonl.gz"
SPLITS = ("train", "dev", "test")
FIELDS = ("id", "published", "domain", "facts")


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hard_negatives(gold: list[dict]) -> int:
    """Articles using a change-of-post word whose gold holds no move."""
    words = yaml.safe_load((ROOT / "dev" / "select_gold_fr.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(words["triggers"]) + r")(?![\w-])")
    wanted = {r["id"] for r in gold if not any(f["type"] == "move" for f in r["facts"])}
    count = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            if article["id"] in wanted:
                text = " ".join(article.get(k) or "" for k in ("title", "summary", "text"))
                count += bool(pattern.search(text.lower()))
    return count


# GUIDE §7 was made precise while the supplement was read: a bare "fondateur de X" title
# tells no event and is a position. Readings made before that wrote undated starts;
# they are brought in line here, by these patterns, rather than read again.
_FOUNDER_TITLE = re.compile(r"(co-?)?fondat(eur|rice)s?", re.I)
_FOUNDING_TOLD = re.compile(r"\b(co-?)?(fond(é|ée|és|ées|er|a|ait|èrent)|cré(é|ée|és|ées|er|a|ait)"
                            r"|lanc\w*|fondation|naissance)\b", re.I)


def harmonise_founder_titles(record: dict) -> int:
    """Undated founder starts told by a bare title become positions; returns how many."""
    facts = record["facts"]
    changed = 0
    for index, fact in enumerate(facts):
        quote = fact.get("evidence") or ""
        if (fact["type"] != "move" or fact.get("change") != "start" or fact.get("date")
                or not _FOUNDER_TITLE.search(quote) or _FOUNDING_TOLD.search(quote)):
            continue
        same_pair = [f for i, f in enumerate(facts) if i != index and f is not None
                     and f.get("person") == fact["person"] and f.get("org") == fact["org"]]
        changed += 1
        if same_pair:  # the pair has another fact: one pair, one kind
            facts[index] = None
            continue
        facts[index] = {"type": "position", "person": fact["person"], "role": fact.get("role"),
                        "role_norm": fact.get("role_norm"), "org": fact["org"],
                        "current": None, "evidence": quote,
                        **({"optional": True} if fact.get("optional") else {})}
    record["facts"] = [f for f in facts if f is not None]
    return changed


def _describe(records: list[dict]) -> dict[str, Any]:
    facts = Counter(f["type"] for r in records for f in r["facts"])
    moves = [f for r in records for f in r["facts"] if f["type"] == "move"]
    return {
        "articles": len(records),
        "articles_with_a_move": sum(any(f["type"] == "move" for f in r["facts"]) for r in records),
        "articles_with_no_fact": sum(not r["facts"] for r in records),
        "facts": dict(sorted(facts.items())),
        "optional_facts": sum(bool(f.get("optional")) for r in records for f in r["facts"]),
        "moves_by_change_and_status": dict(sorted(Counter(
            f"{f['change']}/{f['status']}" for f in moves).items())),
        "moves_dated": sum(f.get("date") is not None for f in moves),
        "domain_share": {d: round(n / len(records), 3) for d, n in
                         sorted(Counter(r["domain"] for r in records).items())},
    }


def main() -> None:
    selection = _lines(GOLD / "selection.jsonl")
    assignment = json.loads((WORK / "assignment.json").read_text(encoding="utf-8"))
    first_reader = {i: name for name, task in assignment.items() for i in task["primary"]}
    readings = {name: {r["id"]: r for r in _lines(WORK / f"{name}.jsonl")} for name in assignment}
    adjudicated = {r["id"]: r for r in _lines(WORK / "adjudicated-test.jsonl")}
    out: dict[str, list[dict]] = {split: [] for split in SPLITS}
    missing: Counter[str] = Counter()
    screened: Counter[str] = Counter()  # supplement: "kept business", "skipped other"…
    copies = harmonised = 0
    seen_texts: set[str] = set()
    for row in selection:
        record = adjudicated.get(row["id"]) or readings[first_reader[row["id"]]].get(row["id"])
        if record is None:
            missing[row["split"]] += 1
            continue
        if row.get("stage") == "supplement":
            kept = not record.get("skipped")
            screened[f"{'kept' if kept else 'skipped'} {record['domain']}"] += 1
            if not kept:
                continue
        text_key = next(k for k in row["story"] if k.startswith("text:"))
        if text_key in seen_texts:  # a copy of an article already kept (same split)
            copies += 1
            continue
        seen_texts.add(text_key)
        line = json.loads(json.dumps({name: record.get(name) for name in FIELDS}))
        harmonised += harmonise_founder_titles(line)
        out[row["split"]].append(line)
    for split, records in out.items():
        with (GOLD / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    test_hash = sha256(GOLD / "test.jsonl")
    (GOLD / "test.sha256").write_text(f"{test_hash}  test.jsonl\n", encoding="utf-8")
    every = [r for records in out.values() for r in records]
    by_id = {row["id"]: row for row in selection}
    card = {
        "name": "veille annotated corpus",
        "format": "shared/format/FACTS.md 1.1, gold form; texts are read from "
                  "shared/corpus/orangesum.jsonl.gz at run time by id",
        "guide": "data/gold/GUIDE.md",
        "test_sha256": test_hash,
        "splits": {split: _describe(records) for split, records in out.items()},
        "all": _describe(every),
        "selection_domain_share": {d: round(n / len(every), 3) for d, n in sorted(Counter(
            by_id[r["id"]]["domain"] for r in every).items())},
        "selection_pool_share": {p: round(n / len(every), 3) for p, n in sorted(Counter(
            by_id[r["id"]]["pool"] for r in every).items())},
        "hard_negative_share": round(_hard_negatives(every) / len(every), 3),
        "not_finished": dict(missing),
        "copies_left_out": copies,
        "founder_titles_harmonised": harmonised,
        "supplement_screening": dict(sorted(screened.items())),
        "adjudicated_test_articles": len(adjudicated),
        "agreement": json.loads((GOLD / "agreement.json").read_text(encoding="utf-8"))
        if (GOLD / "agreement.json").exists() else None,
        "selection": "dev/select_gold.py --seed 2026 (keywords in dev/select_gold_fr.yaml; "
                     "no extractor): first stage, pools trigger / negative / dense with "
                     "quotas per keyword domain; second stage (supplement), stricter "
                     "business and politics keywords, a reader keeps only articles of the "
                     "asked domain; split by story (shared title or summary names, rare "
                     "title word pairs and copied texts never cross splits); test drawn "
                     "from corpus lines no earlier session read",
        "annotators": "helper sessions reading from data/gold/GUIDE.md, each article read "
                      "in full: a1..a7 the first stage, b1..b8 the supplement; a second "
                      "independent reading of 105 first-stage articles (56 of them test); "
                      "a third reading adjudicated the test split's disagreements",
    }
    (GOLD / "card.json").write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    for split, records in out.items():
        print(split, len(records), dict(Counter(f["type"] for r in records for f in r["facts"])))
    print("not finished:", dict(missing), "test sha256:", test_hash)


if __name__ == "__main__":
    main()
