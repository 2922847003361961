"""Choose the articles of the annotated corpus (data/gold/), seeded, without the extractor.

    python dev/select_gold.py [--corpus ../shared/corpus/orangesum.jsonl.gz] [--seed 2026]

Writes data/gold/selection.jsonl: one line per chosen article with its split, its
pool, the domain its keywords point to and the names that tie it to a story.

How an article is chosen (keywords in dev/select_gold_fr.yaml, nothing from veille):
- eligible: 300 to 5,000 characters, not in the old dev gold or the judged sample;
- pool "trigger": a sentence holds a change-of-post word and a post word;
  pool "negative": a change-of-post word in title or summary but no sentence with a
  post word beside one (hard negatives: "quitter le domicile", "le départ du Tour");
  pool "dense": neither, but a post title in the text and at least four full names
  (positions, buried moves);
- a domain whose pool runs short is topped up from its other pools, in that order;
- domain: business (economy, business, tech, media), politics (politics and public
  bodies) or other, by keyword counts;
- quotas per split (TARGETS): about 55% business, 30% politics, 15% other, and in each
  domain half trigger, a quarter negative, a quarter dense, drawn at random (seeded);
- split by story: splits are drawn in the order test, dev, train; once an article is
  chosen, every article sharing a full name of its title or summary, a title word
  pair, or its text (the corpus holds copies under two ids) leaves the pools of the
  other splits, so no person or event of one split sits in another;
- test is drawn only from corpus lines no earlier session read to write rules (the
  ranges in READ_RANGES, from the project's history).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "orangesum.jsonl.gz"
OUT = ROOT / "data" / "gold" / "selection.jsonl"
KEYWORDS = Path(__file__).with_name("select_gold_fr.yaml")
OLD_GOLD = [
    ROOT / "dev" / "gold" / "moves.jsonl",
    ROOT / "dev" / "gold" / "business.jsonl",
    ROOT / "dev" / "gold" / "mentions.jsonl",
    ROOT / "dev" / "judged" / "moves-33001-35000-af11394.jsonl",
]
# 0-based corpus lines read by earlier sessions to write or check rules (git log):
# the test split draws none of them.
READ_RANGES = [(0, 100), (5000, 7000), (20000, 22600), (25000, 26400), (28000, 31000),
               (33000, 35000)]
# Articles per split and domain; pools share each domain's count as POOL_SHARES.
TARGETS = {
    "test": {"business": 125, "politics": 65, "other": 35},
    "dev": {"business": 95, "politics": 50, "other": 25},
    "train": {"business": 400, "politics": 215, "other": 105},
}
POOL_SHARES = {"trigger": 0.5, "negative": 0.25, "dense": 0.25}
MIN_CHARS, MAX_CHARS = 300, 5000
# Supplement: candidates drawn per domain (readers keep about six in ten), and the
# share of each split among them.
SUPPLEMENT = {"business": 1700, "politics": 220}
SUPPLEMENT_SPLITS = {"test": 0.2, "dev": 0.15, "train": 0.65}
RARE_PAIR = 3  # a title word pair in more corpus titles than this ties no story

_NAME = re.compile(r"\b([A-ZÉÈÀÂÎÔ][a-zéèëêïîôûüç\-]+(?: (?:de |du |d'|van |von |le |la )?"
                   r"[A-ZÉÈÀÂÎÔ][A-Za-zéèëêïîôûüç\-]+)+)")
_SENTENCE = re.compile(r"(?<=[.!?])\s*|\n+")
_WORD = re.compile(r"[a-zà-ÿ0-9]+")
_STOP = {"le", "la", "les", "un", "une", "des", "de", "du", "d", "l", "et", "en", "au", "aux",
         "à", "a", "pour", "par", "sur", "dans", "avec", "son", "sa", "ses", "est", "qui",
         "que", "il", "elle", "ils", "ne", "pas", "se", "ce", "plus", "après", "vers",
         "contre", "sans"}


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _names(text: str) -> set[str]:
    return {match.group(1) for match in _NAME.finditer(text)}


def _title_pairs(title: str) -> set[str]:
    words = [w for w in _WORD.findall(_fold(title)) if w not in _STOP and len(w) > 2]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def fingerprint(article: dict) -> str:
    """The same text published under two ids (the corpus has such copies) is one story."""
    text = " ".join((article.get("text") or "").split())[:500]
    return "text:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def describe(article: dict, keys: dict) -> dict | None:
    title, summary, text = (article.get(k) or "" for k in ("title", "summary", "text"))
    full = f"{title}\n\n{summary}\n\n{text}"
    if not (MIN_CHARS <= len(full) <= MAX_CHARS):
        return None
    head = _fold(f"{title} {summary}")
    body = _fold(full)
    told = any(keys["triggers"].search(s) and keys["roles"].search(s)
               for s in _SENTENCE.split(body))
    if told:
        pool = "trigger"
    elif keys["triggers"].search(head):
        pool = "negative"
    elif keys["dense_roles"].search(body) and len(_names(full)) >= 4:
        pool = "dense"
    else:
        return None
    scores = {d: len(p.findall(body)) for d, p in keys["domains"].items()}
    best = max(scores, key=lambda d: scores[d])
    domain = best if scores[best] >= 3 else "other"
    if domain != "other" and scores[best] < 1.5 * min(scores.values()) and min(scores.values()) > 5:
        domain = "other"  # mixed: a sports club owner who is also a mayor
    story = sorted(_names(f"{title} {summary}")) + sorted(_title_pairs(title))
    return {"id": article["id"], "pool": pool, "domain": domain,
            "story": story + [fingerprint(article)], "chars": len(full)}


def _strength(article: dict, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """The domain the strict words name without doubt, if any (supplement stage)."""
    head = _fold(f"{article.get('title') or ''} {article.get('summary') or ''}")
    body = _fold(article.get("text") or "")
    counts = {d: (len(p.findall(head)), len(p.findall(body))) for d, p in patterns.items()}
    for domain, (in_head, in_body) in counts.items():
        others = max(n for d, (_, n) in counts.items() if d != domain)
        if in_head >= 1 and in_body >= 6 and in_body > 2 * others:
            return domain
    return None


class Selection:
    """The articles chosen so far, and which split each story key already belongs to."""

    def __init__(self) -> None:
        self.chosen: list[dict] = []
        self.taken: set[str] = set()
        self.blocked: dict[str, set[str]] = {}  # story key -> splits that hold it

    def splits_of(self, info: dict) -> set[str]:
        return {s for k in info["story"] for s in self.blocked.get(k, set())}

    def take(self, number: int, info: dict, split: str, **extra: str) -> None:
        self.taken.add(info["id"])
        for k in info["story"]:
            self.blocked.setdefault(k, set()).add(split)
        self.chosen.append({"id": info["id"], "line": number, "split": split,
                            "pool": info["pool"], "domain": info["domain"],
                            "chars": info["chars"], "story": info["story"], **extra})


def _read(corpus: Path, keys: dict, strong: dict) -> tuple[list, list]:
    """Candidates of the first stage, and of the supplement (line number, description)."""
    old = {json.loads(line)["id"] for path in OLD_GOLD if path.exists()
           for line in path.open(encoding="utf-8") if line.strip()}
    first: list[tuple[int, dict]] = []
    extra: list[tuple[int, dict]] = []
    pair_counts: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            article = json.loads(line)
            pair_counts.update(_title_pairs(article.get("title") or ""))
            if article["id"] in old:
                continue
            info = describe(article, keys)
            if info:
                first.append((number, info))
            domain = _strength(article, strong)
            full = sum(len(article.get(k) or "") + 2 for k in ("title", "summary", "text"))
            if domain and MIN_CHARS <= full <= MAX_CHARS:
                title, summary = article.get("title") or "", article.get("summary") or ""
                pool = info["pool"] if info else "none"
                extra.append((number, {"id": article["id"], "pool": pool, "domain": domain,
                                       "story": [sorted(_names(f"{title} {summary}")),
                                                 sorted(_title_pairs(title)),
                                                 fingerprint(article)],
                                       "chars": full}))
    # The supplement ties stories by names and by title word pairs rare in the corpus:
    # a rubric's pair ("actualité automobile") is no story.
    for _, info in extra:
        names, pairs, text_key = info["story"]
        info["story"] = names + [p for p in pairs if pair_counts[p] <= RARE_PAIR] + [text_key]
    return first, extra


def select(corpus: Path, seed: int) -> list[dict]:
    raw = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    keys = {k: _pattern(raw[k]) for k in ("triggers", "roles", "dense_roles")}
    keys["domains"] = {d: _pattern(ws) for d, ws in raw["domains"].items()}
    strong = {"business": _pattern(raw["business_strong"]),
              "politics": _pattern(raw["politics_strong"])}
    candidates, extra = _read(corpus, keys, strong)
    rng = random.Random(seed)
    rng.shuffle(candidates)
    selection = Selection()

    def draw(split: str, domain: str, pools: list[str], want: int) -> int:
        """Take up to `want` articles of these pools; returns how many were missing."""
        for number, info in candidates:
            if want == 0:
                break
            if info["id"] in selection.taken or info["domain"] != domain:
                continue
            if info["pool"] not in pools:
                continue
            if split == "test" and any(a <= number < b for a, b in READ_RANGES):
                continue
            if not selection.splits_of(info) <= {split}:
                continue
            selection.take(number, info, split)
            want -= 1
        return want

    for split, quotas in TARGETS.items():
        for domain, total in quotas.items():
            short = sum(draw(split, domain, [pool], round(total * share))
                        for pool, share in POOL_SHARES.items())
            # A domain's pool that ran short is made up from its other pools.
            for pool in POOL_SHARES:
                short = draw(split, domain, [pool], short)
    supplement(selection, extra, random.Random(seed + 1))
    return selection.chosen


def supplement(selection: Selection, extra: list[tuple[int, dict]], rng: random.Random) -> None:
    """Second stage: more candidates of the product's domains, split by story and share.

    A candidate whose story is already in a split goes there (none if in two); others go
    to the split furthest below its share. Readers keep only the articles of the asked
    domain (data/gold/work/*.jsonl mark the others "skipped"), so more are drawn than kept.
    """
    rng.shuffle(extra)
    counts = {split: 0 for split in SUPPLEMENT_SPLITS}
    for domain, want in SUPPLEMENT.items():
        for number, info in extra:
            if want == 0:
                break
            if info["id"] in selection.taken or info["domain"] != domain:
                continue
            allowed = set(SUPPLEMENT_SPLITS)
            if any(a <= number < b for a, b in READ_RANGES):
                allowed.discard("test")
            held = selection.splits_of(info)
            total = sum(counts.values()) + 1
            if held:
                split = next(iter(held))
                # a story already in a split goes there, unless that split is full
                if len(held) > 1 or split not in allowed or (
                    counts[split] > SUPPLEMENT_SPLITS[split] * total + 5
                ):
                    continue
            else:
                split = max(allowed, key=lambda s: SUPPLEMENT_SPLITS[s] * total - counts[s])
            counts[split] += 1
            selection.take(number, info, split, stage="supplement")
            want -= 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus} (shared/ beside the repository)")
    chosen = select(args.corpus, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for row in chosen:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = Counter((r["split"], r["domain"], r["pool"]) for r in chosen)
    for key in sorted(counts):
        print(*key, counts[key])
    print(f"{len(chosen)} articles -> {args.out}")


if __name__ == "__main__":
    main()
