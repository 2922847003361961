"""Fixtures shared by every test module.

Unit tests use French sentences written for them; evaluations read the real corpus
from `../shared/corpus` beside the repository and skip when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "orangesum.jsonl.gz").exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/ must sit beside the repository)")
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = CORPUS / "seeds"
    if not (seeds / "gold.jsonl").exists():
        pytest.skip(f"seed articles not found at {seeds} (shared/ must sit beside the repository)")
    return seeds


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """veille's full pipeline, loaded once per test session."""
    from veille.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The rules alone (decision_model = "none"): what the generators propose, which is
    what the rule tests check. The trained decision over them is tested by
    tests/facts/test_people.py, tests/training/ and the quality floors."""
    from veille.facts.extractor import Extractor
    from veille.settings import Settings

    return Extractor(Settings(decision_model="none"))


@pytest.fixture(scope="session")
def decided_extractor():  # type: ignore[no-untyped-def]
    """The extractor as shipped: rules propose, the trained model decides."""
    from veille.facts.extractor import Extractor

    return Extractor()
