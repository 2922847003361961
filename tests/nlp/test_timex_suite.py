"""The hand-written suite of French time expressions (timex_cases.yaml), run as a whole.

The accuracy over all cases must stay at or above FLOOR; the assertion message lists
every failing case with what was expected and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from veille.nlp.timex import TimeExpression, find_time_expressions

CASES_PATH = Path(__file__).with_name("timex_cases.yaml")
FLOOR = 0.95
MIN_CASES = 250


@dataclass(frozen=True)
class Case:
    sentence: str
    published: date | None
    values: list[str | None]
    texts: list[str] | None
    modifiers: list[str | None] | None
    durations: list[str | None] | None
    # Written after the tagger was developed and not tuned on since.
    fresh: bool = False


def _text(value: Any) -> str | None:
    # YAML reads 2013 as an int and 2013-05-22 as a date: both are compared as text.
    return None if value is None else str(value)


def load_cases(path: Path = CASES_PATH) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        published = raw.get("p")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        cases.append(
            Case(
                sentence=raw["s"],
                published=published,
                values=[_text(v) for v in raw["v"]],
                texts=raw.get("t"),
                modifiers=[_text(m) for m in raw["m"]] if "m" in raw else None,
                durations=[_text(d) for d in raw["d"]] if "d" in raw else None,
                fresh=bool(raw.get("f", False)),
            )
        )
    return cases


def mismatch(case: Case, found: list[TimeExpression]) -> str | None:
    """Why the expressions found do not match the case, or None when they do."""
    checks: list[tuple[str, list[Any] | None, list[Any]]] = [
        ("values", case.values, [e.value for e in found]),
        ("texts", case.texts, [e.text for e in found]),
        ("modifiers", case.modifiers, [e.modifier for e in found]),
        ("durations", case.durations, [e.duration for e in found]),
    ]
    for name, expected, got in checks:
        if expected is not None and expected != got:
            return f"{name}: expected {expected}, got {got}"
    return None


def run_suite(cases: list[Case]) -> tuple[float, list[str]]:
    failures = []
    for case in cases:
        found = find_time_expressions(case.sentence, case.published)
        problem = mismatch(case, found)
        if problem:
            failures.append(f"{case.sentence!r} (published {case.published}): {problem}")
    return 1 - len(failures) / len(cases), failures


def test_suite_is_big_enough_and_mixed() -> None:
    cases = load_cases()
    assert len(cases) >= MIN_CASES
    assert sum(1 for c in cases if not c.values) >= 30, "too few negative cases"
    assert sum(1 for c in cases if c.published is None) >= 30, "too few undated cases"


def test_suite_accuracy() -> None:
    cases = load_cases()
    accuracy, failures = run_suite(cases)
    fresh = [c for c in cases if c.fresh]
    fresh_accuracy, _ = run_suite(fresh)
    print(f"timex suite: {accuracy:.4f} on {len(cases)} cases, {len(failures)} failures; "
          f"{fresh_accuracy:.4f} on the {len(fresh)} cases written after development")
    assert accuracy >= FLOOR, (
        f"accuracy {accuracy:.4f} < {FLOOR} on {len(cases)} cases; failures:\n"
        + "\n".join(failures)
    )


@pytest.mark.slow
def test_suite_accuracy_through_the_spacy_component() -> None:
    """The same cases through the full pipeline, where the parse gives the tense."""
    from veille.nlp.pipeline import load_pipeline
    from veille.nlp.timex.component import SPAN_KEY

    nlp = load_pipeline()
    cases = load_cases()
    docs = []
    for case in cases:
        doc = nlp.make_doc(case.sentence)
        doc._.published = case.published.isoformat() if case.published else None
        docs.append(doc)
    failures = []
    for case, doc in zip(cases, nlp.pipe(docs), strict=True):
        problem = mismatch(case, [span._.timex for span in doc.spans[SPAN_KEY]])
        if problem:
            failures.append(f"{case.sentence!r} (published {case.published}): {problem}")
    accuracy = 1 - len(failures) / len(cases)
    print(f"timex suite through spaCy: {accuracy:.4f} on {len(cases)} cases")
    assert accuracy >= FLOOR, f"accuracy {accuracy:.4f} < {FLOOR}; failures:\n" + "\n".join(
        failures
    )
