"""Tools for annotators of data/gold/: print a batch of articles, check a gold file.

    python dev/annotate.py show BATCH_FILE [--start I] [--count N]
    python dev/annotate.py check GOLD_FILE [--batch BATCH_FILE]

BATCH_FILE holds article ids, one per line. `show` prints each article as the string
that evidence offsets count in (title, summary, text joined by blank lines, FACTS.md),
with its id and publication date. `check` reads a gold JSONL file and reports every
problem: a line that is not JSON, a missing field, a value outside FACTS.md, a date that
does not parse, an evidence quote not found in the article (spaces folded). With --batch
it also lists the ids of the batch still missing. Texts come from the corpus at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum.jsonl.gz"

ROLE_NORMS = {"ceo", "chair", "president", "coo", "cfo", "cto", "cmo", "vp_sales", "vp", "md",
              "deputy_md", "director", "board_member", "partner", "head", "minister", "other"}
DATE = re.compile(r"^\d{4}(-(Q[1-4]|SP|SU|FA|WI|0[1-9]|1[0-2]|W[0-5]\d|"
                  r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])))?$")
DOMAINS = {"business", "politics", "other"}
KINDS = {"investment", "revenue", "revenue_target", "market_size", "funding",
         "acquisition_price", "other"}
REQUIRED = {
    "move": ("person", "change", "role", "org", "status", "date", "evidence"),
    "position": ("person", "role", "org", "current", "evidence"),
    "partnership": ("orgs", "status", "date", "evidence"),
    "amount": ("org", "kind", "value", "currency", "evidence"),
    "market_share": ("org", "value", "period", "evidence"),
}


def load_articles(ids: set[str], corpus: Path = CORPUS) -> dict[str, dict]:
    found: dict[str, dict] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            if article["id"] in ids:
                found[article["id"]] = article
    return found


def full_text(article: dict) -> str:
    parts = [article.get(k) or "" for k in ("title", "summary", "text")]
    return "\n\n".join(p for p in parts if p)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def show(batch: Path, start: int, count: int) -> None:
    ids = [line.strip() for line in batch.open(encoding="utf-8") if line.strip()]
    chosen = ids[start:start + count]
    articles = load_articles(set(chosen))
    for number, article_id in enumerate(chosen, start=start):
        article = articles[article_id]
        print(f"=== [{number}] {article_id}  published {article.get('published')}")
        print(full_text(article))
        print()
    print(f"--- shown {start}..{start + len(chosen) - 1} of {len(ids)}")


def _problems(fact: dict, text: str) -> list[str]:
    kind = fact.get("type")
    if kind not in REQUIRED:
        return [f"unknown type {kind!r}"]
    out = [f"missing {name}" for name in REQUIRED[kind] if name not in fact]
    if kind == "move":
        if fact.get("change") not in ("start", "end"):
            out.append(f"change {fact.get('change')!r}")
        if fact.get("status") not in ("done", "planned", "reported"):
            out.append(f"status {fact.get('status')!r}")
        if not isinstance(fact.get("interim", False), bool):
            out.append("interim not true/false")
    if kind == "position" and fact.get("current") not in (True, False, None):
        out.append(f"current {fact.get('current')!r}")
    if kind == "amount" and fact.get("kind") not in KINDS:
        out.append(f"kind {fact.get('kind')!r}")
    if fact.get("role_norm") not in ROLE_NORMS | {None}:
        out.append(f"role_norm {fact.get('role_norm')!r}")
    for name in ("date", "since", "until", "period"):
        value = fact.get(name)
        if value is not None and not DATE.match(str(value)):
            out.append(f"{name} {value!r} is no FACTS.md date")
    for name in ("person",):
        if kind in ("move", "position") and not fact.get(name):
            out.append("no person")
    quote = fact.get("evidence")
    if isinstance(quote, str) and _fold(quote) not in _fold(text):
        out.append(f"evidence not in the article: {quote[:60]!r}")
    return out


def check(gold: Path, batch: Path | None) -> int:
    records = []
    bad = 0
    for number, line in enumerate(gold.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            print(f"line {number}: not JSON ({exc})")
            bad += 1
    articles = load_articles({r.get("id", "") for _, r in records})
    seen: set[str] = set()
    for number, record in records:
        article_id = record.get("id")
        where = f"line {number} ({article_id})"
        if article_id not in articles:
            print(f"{where}: no such article in the corpus")
            bad += 1
            continue
        if article_id in seen:
            print(f"{where}: id given twice")
            bad += 1
        seen.add(article_id)
        if record.get("domain") not in DOMAINS:
            print(f"{where}: domain {record.get('domain')!r} (business, politics or other)")
            bad += 1
        text = full_text(articles[article_id])
        for index, fact in enumerate(record.get("facts", [])):
            for problem in _problems(fact, text):
                print(f"{where} fact {index}: {problem}")
                bad += 1
    if batch:
        wanted = [line.strip() for line in batch.open(encoding="utf-8") if line.strip()]
        missing = [i for i in wanted if i not in seen]
        print(f"{len(wanted) - len(missing)} of {len(wanted)} batch articles done;"
              f" missing: {' '.join(missing[:20])}{' …' if len(missing) > 20 else ''}")
    print(f"{len(records)} articles, {bad} problems")
    return 1 if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    show_parser = sub.add_parser("show")
    show_parser.add_argument("batch", type=Path)
    show_parser.add_argument("--start", type=int, default=0)
    show_parser.add_argument("--count", type=int, default=8)
    check_parser = sub.add_parser("check")
    check_parser.add_argument("gold", type=Path)
    check_parser.add_argument("--batch", type=Path)
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found: {CORPUS}")
    if args.command == "show":
        show(args.batch, args.start, args.count)
    else:
        sys.exit(check(args.gold, args.batch))


if __name__ == "__main__":
    main()
