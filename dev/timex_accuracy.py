"""Accuracy of veille's temporal tagger against dateparser on tests/nlp/timex_cases.yaml.

Usage:  .venv/bin/python dev/timex_accuracy.py [--cases FILE] [--failures] [--spacy] [--fresh]

With --spacy, a third row runs the cases through the full spaCy pipeline (component
veille_timex, where the parse gives the tense); it loads the French model.

Two scores per system, over the same cases:

* strict (veille only): the test suite's own rule — exactly the expected expressions,
  with their values and, where the case gives them, texts, modifiers and durations.
* values: the rule both systems can be held to. dateparser returns datetimes, not
  FACTS.md values, so each datetime is converted to the granularity of the expected
  value it is compared with: year "2013", quarter "2013-Q3" (from the month), season
  "2012-SU" (from the month; December counts in next year's winter, as in veille),
  month "2013-05", ISO week "2013-W20", day "2013-05-22". A case passes when every
  expected non-null value is produced by some found expression, and nothing more is
  found than the case has expressions (an expected null — a duration, or a relative
  date with no publication date — may be matched by anything or nothing). A case with
  no expected expression passes only when nothing is found.

dateparser gets two chances per case: `dateparser.search.search_dates` on the sentence,
and, when the case gives the expected texts, `dateparser.parse` on each of them; the
case passes if either way does. Settings: RELATIVE_BASE = publication date (dateparser
falls back to today when there is none), PREFER_DATES_FROM = past, DATE_ORDER = DMY,
languages = ["fr"].
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "nlp"))

from test_timex_suite import CASES_PATH, Case, load_cases, mismatch  # noqa: E402

from veille.nlp.timex import find_time_expressions  # noqa: E402
from veille.nlp.timex.lexicon import load_lexicon  # noqa: E402


def at_granularity(moment: date, like: str) -> str:
    """`moment` written at the granularity of the FACTS.md value `like`."""
    if len(like) == 4:
        return f"{moment.year:04d}"
    suffix = like[5:]
    if suffix.startswith("Q"):
        return f"{moment.year:04d}-Q{(moment.month - 1) // 3 + 1}"
    if suffix.startswith("W"):
        iso_year, week, _ = moment.isocalendar()
        return f"{iso_year:04d}-W{week:02d}"
    if suffix in {"SP", "SU", "FA", "WI"}:
        lexicon = load_lexicon()
        code = next(c for c, months in lexicon.season_months.items() if moment.month in months)
        year = moment.year + 1 if code == "WI" and moment.month == 12 else moment.year
        return f"{year:04d}-{code}"
    if len(like) == 7:
        return f"{moment.year:04d}-{moment.month:02d}"
    return moment.isoformat()[:10]


def values_match(case: Case, found: list[date | str | None]) -> bool:
    """The "values" rule of the docstring. `found` holds dates (dateparser) or
    FACTS.md strings (veille); dates are converted to each expected value's grain."""
    if not case.values:
        return not found
    if len(found) > len(case.values):
        return False
    remaining = list(found)
    for expected in case.values:
        if expected is None:
            continue
        for index, item in enumerate(remaining):
            got = at_granularity(item, expected) if isinstance(item, date) else item
            if got == expected:
                del remaining[index]
                break
        else:
            return False
    return True


def dateparser_settings(case: Case) -> dict[str, object]:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if case.published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(case.published, datetime.min.time())
    return settings


def dateparser_passes(case: Case) -> bool:
    import dateparser
    from dateparser.search import search_dates

    settings = dateparser_settings(case)
    hits = search_dates(case.sentence, languages=["fr"], settings=settings) or []  # type: ignore[arg-type]
    if values_match(case, [moment for _, moment in hits]):
        return True
    if not case.texts:
        return False
    parsed = [dateparser.parse(t, languages=["fr"], settings=settings) for t in case.texts]  # type: ignore[arg-type]
    return values_match(case, [p for p in parsed if p is not None])


def veille_results(case: Case) -> tuple[bool, bool]:
    """(strict pass, values pass) for veille."""
    found = find_time_expressions(case.sentence, case.published)
    return mismatch(case, found) is None, values_match(case, [e.value for e in found])


def veille_spacy_results(cases: list[Case]) -> list[tuple[bool, bool]]:
    """(strict pass, values pass) for each case, through the spaCy component."""
    from veille.nlp.pipeline import load_pipeline
    from veille.nlp.timex.component import SPAN_KEY

    nlp = load_pipeline()
    docs = []
    for case in cases:
        doc = nlp.make_doc(case.sentence)
        doc._.published = case.published.isoformat() if case.published else None
        docs.append(doc)
    results = []
    for case, doc in zip(cases, nlp.pipe(docs), strict=True):
        found = [span._.timex for span in doc.spans[SPAN_KEY]]
        results.append(
            (mismatch(case, found) is None, values_match(case, [e.value for e in found]))
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES_PATH)
    parser.add_argument("--failures", action="store_true", help="list failing cases")
    parser.add_argument("--spacy", action="store_true", help="add the spaCy component row")
    parser.add_argument(
        "--fresh", action="store_true", help="only the cases written after development (f: true)"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # dateparser's deprecation chatter
    cases = load_cases(args.cases)
    if args.fresh:
        cases = [case for case in cases if case.fresh]
    total = len(cases)

    started = time.perf_counter()
    veille = [veille_results(case) for case in cases]
    veille_seconds = time.perf_counter() - started
    started = time.perf_counter()
    dateparser_ok = [dateparser_passes(case) for case in cases]
    dateparser_seconds = time.perf_counter() - started

    strict = sum(ok for ok, _ in veille)
    values = sum(ok for _, ok in veille)
    print(f"{total} cases from {args.cases}\n")
    print("| system | strict | values | seconds |")
    print("|---|---|---|---|")
    print(f"| veille | {strict / total:.3f} ({strict}) | {values / total:.3f} ({values}) "
          f"| {veille_seconds:.1f} |")
    if args.spacy:
        started = time.perf_counter()
        component = veille_spacy_results(cases)
        seconds = time.perf_counter() - started
        strict = sum(ok for ok, _ in component)
        values = sum(ok for _, ok in component)
        print(f"| veille (spaCy component) | {strict / total:.3f} ({strict}) "
              f"| {values / total:.3f} ({values}) | {seconds:.1f} |")
    right = sum(dateparser_ok)
    print(f"| dateparser | n/a | {right / total:.3f} ({right}) | {dateparser_seconds:.1f} |")
    if args.failures:
        print("\nveille failures (values rule):")
        for case, (_, ok) in zip(cases, veille, strict=True):
            if not ok:
                print(f"  {case.sentence!r} {case.published} expected {case.values}")
        print("\ndateparser failures:")
        for case, ok in zip(cases, dateparser_ok, strict=True):
            if not ok:
                print(f"  {case.sentence!r} {case.published} expected {case.values}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
