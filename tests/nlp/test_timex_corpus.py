"""The tagger on real articles: no crash, offsets into the text, well-formed values."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest

from veille.nlp.timex import find_time_expressions, header_date

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "orangesum.jsonl.gz"
ARTICLES = 300
# FACTS.md "Dates": YYYY, YYYY-Qn, YYYY-SP|SU|FA|WI, YYYY-MM, YYYY-Www, YYYY-MM-DD.
VALUE = re.compile(r"\d{4}(-Q[1-4]|-(SP|SU|FA|WI)|-(0[1-9]|1[0-2])(-\d\d)?|-W\d\d)?")
DURATION = re.compile(r"P(\d+|X)[YMWD]")


@pytest.mark.slow
@pytest.mark.corpus
def test_first_articles_of_the_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip(f"corpus not found at {CORPUS} (shared/corpus beside the repository)")
    found = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, ARTICLES):
            article = json.loads(line)
            text = "\n\n".join(p for p in (article.get("title"), article.get("summary"),
                                           article.get("text")) if p)
            published = date.fromisoformat(article["published"][:10])
            for expression in find_time_expressions(text, published):
                found += 1
                assert text[expression.start : expression.end] == expression.text
                assert expression.value is None or VALUE.fullmatch(expression.value), expression
                assert expression.duration is None or DURATION.fullmatch(expression.duration)
                assert expression.kind in {"date", "duration", "interval"}
            header_date(text)
    # About six expressions an article in this news corpus; far fewer means a regression.
    assert found > 3 * ARTICLES
