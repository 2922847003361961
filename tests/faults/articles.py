"""Short French articles written for the fault-injection tests: many articles, few
sentences each, the same people and organisations coming back across articles so that
entities are shared between write batches and between concurrent ingests.

By default each person always has the same post at the same organisation: no two people
share a name, so which articles a resolver saw first cannot change who is who (the case
of concurrent ingests, each resolving with what it saw; see the README's reliability
section). With `homonyms=True` names recur at other organisations, which an ingest run
again after a crash must resolve as the uninterrupted run would."""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ["Camille", "Julien", "Sophie", "Antoine", "Claire", "Mathieu", "Léa", "Hugo"]
LAST = ["Roux", "Girard", "Morel", "Fontaine", "Chevalier", "Lambert", "Bonnet", "Garnier"]
ORGS = ["Renault", "Michelin", "Danone", "Carrefour", "Safran", "Thales", "Valeo", "Orange"]
ROLES = ["directeur général", "directeur financier", "président", "directeur juridique"]
PLACES = ["Lyon", "Lille", "Nantes", "Toulouse", "Rennes"]
# Spokespeople: each one is named by one article only, so an entity written only with
# its article is missed when that write is lost.
SPOKES_FIRST = ["Nadia", "Yves", "Inès", "Rémi", "Agathe", "Bruno", "Chloé", "Denis",
                "Elsa", "Fabien", "Gaëlle", "Hervé", "Irène", "Jacques", "Karine", "Loïc"]
SPOKES_LAST = ["Perrin", "Marchand", "Duval", "Lemoine", "Barbier", "Renaud", "Collin",
               "Vidal", "Caron", "Picard", "Roger", "Masson", "Leclerc", "Aubert", "Brun",
               "Noël"]


def fault_articles(count: int, seed: int = 7, *,
                   homonyms: bool = False) -> list[dict[str, str]]:
    """`count` articles as FACTS.md input records, the same for the same seed. With
    `homonyms`, a name comes with any organisation, so the resolver tells people apart
    by their context and which articles it saw before matters."""
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        k = rng.randrange(len(FIRST) * len(LAST))
        person = f"{FIRST[k % len(FIRST)]} {LAST[k // len(FIRST)]}"
        org, other = ORGS[k % len(ORGS)], ORGS[(k // len(FIRST) + 1 + k) % len(ORGS)]
        if homonyms:
            org, other = rng.sample(ORGS, 2)
        if other == org:
            other = ORGS[(ORGS.index(org) + 1) % len(ORGS)]
        role = ROLES[k % len(ROLES)]
        sentences = [
            f"{person} est nommé {role} de {org}.",
            f"Il quitte {other}, où il était {ROLES[(k + 1) % len(ROLES)]} depuis {2010 + k % 9}.",
            rng.choice([
                f"{org} et {other} ont signé un partenariat à {rng.choice(PLACES)}.",
                f"{org} investira {10 + index} millions d'euros à {rng.choice(PLACES)}.",
                f"Le conseil de {org} s'est réuni lundi à {rng.choice(PLACES)}.",
            ]),
        ]
        spokes = (f"{SPOKES_FIRST[index % 16]} {SPOKES_LAST[index // 16 % 16]}"
                   if index < 256 else None)
        if spokes:
            sentences.append(f"{spokes}, porte-parole de {org}, a salué "
                             "cette arrivée.")
        articles.append({
            "id": f"f-{index:04d}",
            "published": f"2023-{1 + index % 12:02d}-{1 + index % 27:02d}",
            "title": f"{person} prend la tête de {org}",
            "text": " ".join(sentences) + f" Dépêche numéro {index}.",  # no two alike
        })
    return articles


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                    encoding="utf-8")
    return path
