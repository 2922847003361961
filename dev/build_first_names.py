"""One-off builder of veille/data/first_names.txt (not run by tests or CI).

Source: the `names-dataset` package (PyPI, version 3.3.1, Philippe Remy; Apache License
2.0 in its LICENSE file). It ships ranked first names per country. We do not depend on it
at run time: loading its pickles costs ~1 GB of memory for what fits in a 100 kB list.

Usage:
    pip download --no-deps -d /tmp/nd names-dataset==3.3.1
    unzip /tmp/nd/names_dataset-3.3.1-py3-none-any.whl -d /tmp/nd/lib
    python dev/build_first_names.py /tmp/nd/lib/names_dataset/v3/first_names.pkl.gz \
        /work/shared/corpus/orangesum.jsonl.gz > veille/data/first_names.txt

With --genders, it prints instead veille/data/first_name_genders.tsv: the names of
first_names.txt that the dataset gives one gender in at least GENDER_SHARE of its
records, for pronoun agreement ("il" is not "Annick Girardin"):
    python dev/build_first_names.py --genders /tmp/nd/lib/names_dataset/v3/first_names.pkl.gz \
        veille/data/first_names.txt > veille/data/first_name_genders.tsv

The corpus is read only to drop names that are mostly ordinary French words there
("Rose", "Prime", "Marine"?): a name whose lower-case form is frequent in running text
would turn capitalised sentence starts into false persons.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

# Where French business news finds its people; a deeper cut for the countries it cites most.
DEEP = {"FR": 3000, "US": 2000, "GB": 1500, "IN": 1500, "BE": 1000, "CA": 1000, "CH": 800}
WIDE = [
    "MA",
    "DZ",
    "TN",
    "EG",
    "SA",
    "AE",
    "LB",
    "JO",
    "IQ",
    "SY",
    "IR",
    "TR",
    "IL",
    "SN",
    "CM",
    "CI",
    "NG",
    "GH",
    "ZA",
    "KE",
    "DE",
    "AT",
    "NL",
    "LU",
    "IT",
    "ES",
    "PT",
    "IE",
    "SE",
    "NO",
    "DK",
    "FI",
    "PL",
    "CZ",
    "HU",
    "RO",
    "BG",
    "GR",
    "RS",
    "HR",
    "RU",
    "BR",
    "MX",
    "AR",
    "CL",
    "CO",
    "PE",
    "CN",
    "HK",
    "TW",
    "SG",
    "MY",
    "ID",
    "PH",
    "JP",
    "KR",
    "PK",
    "BD",
]
WIDE_RANK = 500

# Given names that are mostly places, brands or words in French news: a capitalised
# word after them is rarely a surname ("France Télévisions", "Paris Saint-Germain").
NOT_NAMES = {
    "France",
    "Paris",
    "Europe",
    "Amazon",
    "Google",
    "Apple",
    "Orange",
    "Mercedes",
    "Tesla",
    "Chanel",
    "Dior",
    "Ford",
    "Toyota",
    "Nike",
    "Lyon",
    "Nice",
    "Marseille",
    "Londres",
    "London",
    "Berlin",
    "Madrid",
    "Rome",
    "Moscou",
    "Sydney",
    "Florida",
    "Georgia",
    "India",
    "China",
    "Israel",
    "Indiana",
    "Virginia",
    "Carolina",
    "Dakota",
    "Santiago",
    "Lima",
    "Saint",
    "Sainte",
    "San",
    "Santa",
    "Mont",
    "Port",
    "Fort",
    "Lac",
    "Val",
    "Cap",
    "Grand",
    "Champion",
    "Premier",
    "Prime",
    "Royal",
    "Major",
    "General",
    "Sir",
    "Lord",
    "Lady",
    "Madame",
    "Monsieur",
    "Mademoiselle",
    "Docteur",
    "Maître",
    "Janvier",
    "Mars",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Lundi",
    "Mardi",
    "Mercredi",
    "Jeudi",
    "Vendredi",
    "Samedi",
    "Dimanche",
    "Noël",
    "Pâques",
    "Dieu",
    "Allah",
    "Jésus",
    "Christ",
    "Union",
    "Nation",
    "Liberté",
    "Justice",
    "Victoire",
    "Fortune",
    "Capital",
    "Media",
    "Cloud",
    "Data",
    "Sky",
    "Star",
    "Smart",
    "Bank",
    "Box",
    "Net",
    "Web",
    "Tech",
    "Digital",
    "Global",
    "Orient",
    "America",
    "Asia",
    "Africa",
    "Afrique",
    "Asie",
    "Amérique",
    "Chine",
    "Inde",
    "Brest",
    "Lens",
    "Metz",
    "Nancy",
    "Reims",
    "Tours",
    "Dijon",
    "Angers",
    "Caen",
    "New",
    "York",
    "Angeles",
    "Hong",
    "Kong",
    "Ca",
    "Red",
    "Mini",
    "Rio",
    "Mali",
    "Park",
    "Milan",
    "Sao",
    "Pau",
    "El",
    "Gard",
    "Kia",
    "Orly",
    "Samu",
    "Polo",
    "Kenya",
    "Doha",
    "Jura",
    "Richmond",
    "Brooklyn",
    "Phoenix",
    "Orlando",
    "Sun",
    "Line",
    "Heart",
    "Love",
    "Day",
    "My",
    "Co",
    "Ah",
    "Oh",
    "Mr",
    "Mk",
    "Lucky",
    "Comfort",
    "Sony",
    "Lorraine",
    "Ain",
    "Nil",
    "Junior",
    "Berry",
    "Po",
    "Boon",
    "Pearl",
    "Moon",
    "Hill",
    "King",
    "Cooper",
    "Costa",
    "Victoria",
    "Florence",
    "Austin",
    "Dallas",
    "Houston",
    "Chelsea",
    "Madison",
    "Jersey",
    "Memphis",
    "Nevada",
    "Texas",
    "Kansas",
    "Sahara",
    "Sierra",
    "Bahia",
    "Dubai",
    "Lagos",
    "Beyrouth",
    "Roma",
    "Venise",
    "Genève",
    "Lausanne",
    "Vienne",
    "Valence",
    "Troyes",
    "Laval",
    "Vichy",
    "Cannes",
    "Monaco",
    "Bordeaux",
    "Nantes",
    "Rennes",
    "Lille",
    "Toulouse",
    "Grenoble",
    "Limoges",
    "Orléans",
    "Rouen",
    "Le",
    "La",
    "Les",
    "De",
    "Du",
    "Des",
    "Al",
    "Ben",
    "Bin",
    "Van",
    "Von",
    "Mac",
    "Mc",
}
LATIN_NAME = re.compile(r"^[A-Z][a-zà-öø-ÿ]+(?:-[A-Z][a-zà-öø-ÿ]+)?$")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def ranked_names(pickle_path: Path) -> set[str]:
    with gzip.open(pickle_path) as fh:
        data = pickle.load(fh)
    keep: set[str] = set()
    for name, info in data.items():
        if not LATIN_NAME.match(name) or len(name) < 2:
            continue
        ranks = info.get("rank") or {}
        if any(ranks.get(c, 10**9) <= limit for c, limit in DEEP.items()) or any(
            ranks.get(c, 10**9) <= WIDE_RANK for c in WIDE
        ):
            keep.add(name)
    return keep


def word_counts(corpus: Path, wanted: set[str]) -> tuple[Counter[str], Counter[str]]:
    lowered = {n.lower() for n in wanted}
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            text = " ".join(str(art.get(k) or "") for k in ("title", "summary", "text"))
            for word in WORD.findall(text):
                low = word.lower()
                if low not in lowered:
                    continue
                if word == low:
                    lower[low] += 1
                elif word[0].isupper():
                    capital[low] += 1
    return lower, capital


def main(pickle_path: str, corpus: str) -> None:
    names = ranked_names(Path(pickle_path)) - NOT_NAMES
    lower, capital = word_counts(Path(corpus), names)
    kept = sorted(
        n
        for n in names
        if not (lower[n.lower()] >= 3 and lower[n.lower()] > capital[n.lower()] / 2)
    )
    print("# Common first names, one per line, for veille's person rules.")
    print("# Built by dev/build_first_names.py from the names-dataset package 3.3.1 (PyPI,")
    print("# Philippe Remy, Apache License 2.0): names ranked high in 65 countries, minus")
    print("# places/brands and names that are mostly lower-case words in the corpus.")
    for name in kept:
        print(name)
    print(f"kept {len(kept)} of {len(names)}", file=sys.stderr)


# A name counts as one gender when that many of the dataset's records agree: "Annick"
# (0.99 F) and "Bertrand" (0.99 M) do, "Dominique" (0.52 F) and "Jean" (0.76 M: English
# "Jean" is a woman's name) do not.
GENDER_SHARE = 0.95


def genders(pickle_path: str, names_file: str) -> None:
    with gzip.open(pickle_path) as fh:
        data = pickle.load(fh)
    names = [
        line.strip()
        for line in Path(names_file).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    print("# First names with one clear gender: name<TAB>F or M. Built by")
    print("# dev/build_first_names.py --genders from the names-dataset package 3.3.1 (PyPI,")
    print(f"# Philippe Remy, Apache License 2.0): share of one gender >= {GENDER_SHARE}.")
    kept = 0
    for name in names:
        shares = (data.get(name) or {}).get("gender") or {}
        for gender in ("F", "M"):
            if shares.get(gender, 0) >= GENDER_SHARE:
                print(f"{name}\t{gender}")
                kept += 1
    print(f"kept {kept} of {len(names)}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "--genders":
        genders(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
