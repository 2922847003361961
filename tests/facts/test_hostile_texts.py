"""Hostile texts thrown at the extractor among good articles: one result per article, in
order, no exception, and every good article's facts exactly as when it is read alone."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.records import Article
from veille.storable import storable_article

pytestmark = pytest.mark.slow

GOOD = Article(
    id="bon", published="2022-05-10",
    text=("Camille Roux est nommée directrice générale de Renault. Elle succède à Paul "
          "Girard, qui quitte le groupe après six ans."))

# Characters that break naive code: controls, NUL, lone surrogates, combining marks,
# right-to-left marks, emoji, typographic spaces and apostrophes.
tricky = st.sampled_from(list("\x00\ud800\udfff\u0301\u200f\u202e\U0001f600\u00a0\u2019"
                              "\u00ad\r\x0b«»%€$.,;:!?-–—'\"()[]{}"))
words = st.sampled_from(["nommé", "directeur", "quitte", "rejoint", "millions", "d'euros",
                         "Renault", "M.", "Mme", "PDG", "2021", "le", "de", "à", "la"])
hostile_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(words, tricky, st.text(max_size=5)), max_size=120).map(" ".join),
    st.lists(tricky, max_size=200).map("".join),
    st.sampled_from(["", " ", "\n\n\n", ".", "M." * 200, "é" * 3000, "(" * 500 + ")" * 500]),
)


def facts_of(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [f.to_dict() for f in result.facts]


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(hostile_texts, min_size=1, max_size=4))
def test_good_article_kept_among_hostile_texts(extractor, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    alone = facts_of(extractor.extract(GOOD))
    assert alone  # the good article does hold facts
    hostile = [storable_article(Article(id=f"mauvais-{i}", text=t, title=t[:50] or None))
               for i, t in enumerate(texts)]
    batch = [*hostile[:1], GOOD, *hostile[1:]]
    results = list(extractor.extract_many(batch))
    assert [r.id for r in results] == [a.id for a in batch]
    assert facts_of(results[1]) == alone
    for article, result in zip(batch, results, strict=True):
        for fact in result.facts:  # evidence points into the article's own text
            ev = fact.evidence
            assert article.full_text[ev.start:ev.end] == ev.text
