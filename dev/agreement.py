"""Inter-annotator agreement on the doubly annotated articles of data/gold/.

    python dev/agreement.py [--work data/gold/work] [--out data/gold/agreement.json]

data/gold/work/assignment.json names, for each annotator, the articles read a second
time (`second`) and whose first reading they are (`second_of`). The first reading is
taken as gold and the second scored against it with `veille evaluate`'s rules (FACTS.md
"Scoring"); F1 is symmetric, so which side is gold changes only P and R. A second
reading lists name alternatives as gold does: each list is resolved to the alternative
that names what the first reading names, if any. A fact either side marks optional is
neither rewarded nor punished. Prints F1 per fact type with role, date and status
agreement over matched moves, for the test split, the others and all; writes the
figures and, per test article, the disagreements to adjudicate.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from veille.evaluate import evaluate
from veille.evaluate.gold import collect_facts
from veille.evaluate.matching import keys_match
from veille.evaluate.names import name_matches

ROOT = Path(__file__).resolve().parent.parent
NAME_FIELDS = ("person", "org")


def _resolve(value: Any, firsts: list[Any]) -> Any:
    """One alternative of a second reading's list: the one the first reading names."""
    if not isinstance(value, list):
        return value
    for option in value:
        if any(name_matches(first, option) for first in firsts if first is not None):
            return option
    return value[0] if value else None


def as_prediction(fact: dict, first_facts: list[dict]) -> dict:
    out = dict(fact)
    same = [f for f in first_facts if f.get("type") == fact.get("type")]
    for name in NAME_FIELDS:
        if name in out:
            out[name] = _resolve(out[name], [f.get(name) for f in same])
    if "orgs" in out:
        firsts = [o for f in same for o in (f.get("orgs") or [])]
        out["orgs"] = [_resolve(o, firsts) for o in out["orgs"]]
    quote = out.get("evidence")
    if isinstance(quote, str):
        out["evidence"] = {"start": 0, "end": len(quote), "text": quote}
    out.pop("optional", None)
    return out


def pair(first: dict, second: dict) -> tuple[dict, dict]:
    """Gold and prediction records for one article read twice."""
    first_facts = [dict(f) for f in first["facts"]]
    second_required = [f for f in second["facts"] if not f.get("optional")]
    second_optional = [as_prediction(f, first_facts) for f in second["facts"] if f.get("optional")]
    # A first-reading fact the second reading found debatable becomes optional.
    gold_checked = collect_facts([{"id": "x", "facts": first_facts}], "gold")["x"]
    optional_checked = collect_facts([{"id": "x", "facts": second_optional}], "predicted")["x"]
    for index, checked in enumerate(gold_checked):
        if any(keys_match(checked, other) for other in optional_checked):
            first_facts[index]["optional"] = True
    gold = {"id": first["id"], "published": first.get("published"), "facts": first_facts}
    predicted = {"id": second["id"], "published": second.get("published"),
                 "facts": [as_prediction(f, first["facts"]) for f in second_required]}
    return gold, predicted


def figures(gold: list[dict], predicted: list[dict]) -> dict[str, Any]:
    report = evaluate(gold, predicted)
    out: dict[str, Any] = {"articles": len(gold)}
    for kind, score in report.scores.items():
        if score.tp or score.fp or score.fn:
            out[kind] = {"f1": score.f1, "precision": score.precision, "recall": score.recall,
                         "tp": score.tp, "fp": score.fp, "fn": score.fn}
    for attribute in ("role", "date", "status"):
        accuracy = report.attributes["move"][attribute]
        out[f"move_{attribute}"] = {"agreement": accuracy.value, "n": accuracy.total}
    out["all"] = {"f1": report.overall.f1}
    return out


def read_lines(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return {r["id"]: r for r in map(json.loads, path.open(encoding="utf-8")) if r}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "gold" / "work")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "gold" / "agreement.json")
    args = parser.parse_args()
    assignment = json.loads((args.work / "assignment.json").read_text(encoding="utf-8"))
    selection = {r["id"]: r for r in map(json.loads, (ROOT / "data/gold/selection.jsonl").open())}
    readings = {name: read_lines(args.work / f"{name}.jsonl") for name in assignment}
    groups: dict[str, tuple[list[dict], list[dict]]] = {"test": ([], []), "other": ([], [])}
    disagreements = []
    for name, task in assignment.items():
        if not task["second"]:
            continue  # the supplement's readers read each article once
        firsts = readings[task["second_of"]]
        for article_id in task["second"]:
            if article_id not in firsts or article_id not in readings[name]:
                continue
            gold, predicted = pair(firsts[article_id], readings[name][article_id])
            split = "test" if selection[article_id]["split"] == "test" else "other"
            groups[split][0].append(gold)
            groups[split][1].append(predicted)
            if split == "test":
                report = evaluate([gold], [predicted])
                if report.errors:
                    disagreements.append({"id": article_id, "first": task["second_of"],
                                          "second": name,
                                          "errors": [e.to_dict() for e in report.errors]})
    result = {name: figures(*group) for name, group in groups.items() if group[0]}
    everything = (groups["test"][0] + groups["other"][0], groups["test"][1] + groups["other"][1])
    result["all"] = figures(*everything)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with (args.work / "disagreements-test.jsonl").open("w", encoding="utf-8") as out:
        for row in disagreements:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    for name, data in result.items():
        cells = [f"{kind} F1 {data[kind]['f1']:.3f}" for kind in
                 ("move", "position", "partnership", "amount", "market_share") if kind in data]
        moves = ", ".join(f"{a} {data[f'move_{a}']['agreement'] or 0:.3f}"
                          for a in ("role", "date", "status"))
        print(f"{name}: {data['articles']} articles; " + "; ".join(cells) + f"; moves: {moves}")
    print(f"{len(disagreements)} test articles with a disagreement -> "
          f"{args.work / 'disagreements-test.jsonl'}")


if __name__ == "__main__":
    main()
