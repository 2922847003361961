"""Does extraction time grow linearly with article length, up to the size limit?

    .venv/bin/python bench/length.py                          # 2,500 chars to 1,000,000
    .venv/bin/python bench/length.py --lengths 10000,100000   # a quick look

Articles of each length are made of French paragraphs written for this bench (names,
organisations and figures vary from paragraph to paragraph, so that every pass has
work: candidates, people, organisations, amounts). Each length is extracted once after
a warm-up; the figure to read is microseconds per character, which stays flat when
every pass is linear. One more row times an article twice over the limit, which must
cost only its reading (refused before any pass).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import code_note, machine_note  # noqa: E402 - the bench folder is no package

FIRST = ["Camille", "Julien", "Sophie", "Antoine", "Claire", "Mathieu", "Léa", "Hugo"]
LAST = ["Roux", "Girard", "Morel", "Fontaine", "Chevalier", "Lambert", "Bonnet", "Garnier"]
ORGS = ["Renault", "Michelin", "Danone", "Carrefour", "Safran", "Thales", "Valeo", "Orange",
        "Zorbix", "Quantiq Conseil", "la Banque Postale", "Air Liquide"]


def paragraph(i: int) -> str:
    person = f"{FIRST[i % 8]} {LAST[i // 8 % 8]}"
    org, other = ORGS[i % len(ORGS)], ORGS[(i * 5 + 3) % len(ORGS)]
    return (f"{person} est nommé directeur général de {org}, a annoncé le groupe mardi. "
            f"Il quitte {other}, où il dirigeait la stratégie depuis {2005 + i % 15}. "
            f"{org} investira {10 + i % 90} millions d'euros à Lyon d'ici {2025 + i % 5}. "
            f"Le Conseil Régional et la Chambre de Commerce ont salué cette arrivée, "
            f"selon Le Parisien. La société détient {5 + i % 40} % du marché français.\n\n")


def article_text(length: int) -> str:
    parts, size, i = [], 0, 0
    while size < length:
        parts.append(paragraph(i))
        size += len(parts[-1])
        i += 1
    return "".join(parts)[:length]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="2500,10000,50000,100000,250000,500000,1000000",
                        help="article lengths in characters, comma-separated")
    args = parser.parse_args()
    lengths = [int(x) for x in args.lengths.split(",")]

    from veille.facts.extractor import Extractor
    from veille.records import Article

    extractor = Extractor()
    limit = extractor.settings.max_article_chars
    extractor.extract(Article(id="warm", text=article_text(5000), published="2024-01-01"))
    print(machine_note())
    print(code_note())
    print(f"size limit: {limit:,} characters (setting max_article_chars)\n")
    print(f"{'chars':>10} {'seconds':>9} {'µs/char':>8} {'facts':>6}")
    for length in lengths:
        article = Article(id=f"n{length}", text=article_text(length), published="2024-01-01")
        started = time.perf_counter()
        result = extractor.extract(article)
        seconds = time.perf_counter() - started
        print(f"{length:>10,} {seconds:>9.2f} {seconds / length * 1e6:>8.1f} "
              f"{len(result.facts):>6}", flush=True)
    over = Article(id="over", text=article_text(2 * limit), published="2024-01-01")
    started = time.perf_counter()
    result = extractor.extract(over)
    seconds = time.perf_counter() - started
    print(f"{2 * limit:>10,} {seconds:>9.4f} {'':>8} {len(result.facts):>6}  refused: "
          f"{result.refused}")


if __name__ == "__main__":
    main()
