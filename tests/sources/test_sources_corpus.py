"""The real corpus goes through the input stage whole: no problem, offsets kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.errors import InputError
from veille.sources import read_articles
from veille.sources.normalise import normalise

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "orangesum.jsonl.gz"


@pytest.mark.slow
@pytest.mark.corpus
def test_the_whole_corpus_reads_cleanly_and_normalises_without_moving_offsets() -> None:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/ must sit beside the repository)")
    problems: list[InputError] = []
    ids: set[str] = set()
    changed = 0
    for article in read_articles([CORPUS], on_error=problems.append):
        ids.add(article.id)
        text = article.full_text
        clean = normalise(text)
        assert len(clean) == len(text), article.id
        changed += clean != text
    assert problems == []
    assert len(ids) == 35_392
    # Some articles carry soft hyphens, no-break or zero-width spaces: normalise has work.
    assert changed > 0
