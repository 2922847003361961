"""Full-text search: accents and case folded, and hostile strings never crash it."""

# Fixtures imported from store.fixtures are redefined as test arguments, as pytest wants.
# ruff: noqa: F811

from __future__ import annotations

import pytest

from store.fixtures import fresh_store, news_store  # noqa: F401
from veille import query
from veille.store import Store

HOSTILE = [
    '"', '""', "'", "*", "Michelin*", '"Michelin', "Michelin OR Valeo", "NEAR(Michelin Valeo)",
    "NEAR(", "AND", "NOT Michelin", "Michelin -Valeo", "(Michelin", "title:Michelin",
    "^Michelin", "Michelin'); DROP TABLE articles; --", "1=1 OR ''='", "%", "_", "\\",
    "Michelin\x00Valeo", "Lefèvre & Valeo | Danone", "!Michelin", "Michelin:*", "<->",
    "é" * 600, " ".join(["mot"] * 100), "l'Oréal", "L’Oréal", "🚀 Michelin",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_return_results_or_a_clean_error(news_store: Store, text: str) -> None:
    try:
        results = query.search(news_store, text)
    except query.SearchQueryError as exc:
        assert "nothing to search for" in str(exc)
        return
    assert results.articles_total >= 0 and results.evidence_total >= 0
    with news_store.read() as conn:  # and nothing was dropped
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 5


@pytest.mark.parametrize("text", ["", "   ", "***", '"";', "()"])
def test_text_without_words_is_a_clean_error(news_store: Store, text: str) -> None:
    with pytest.raises(query.SearchQueryError, match="nothing to search for"):
        query.search(news_store, text)


def test_operators_are_words_not_syntax(news_store: Store) -> None:
    # "OR" would widen the query if it were syntax: it must narrow it (no article has "or").
    assert query.search(news_store, "Michelin").articles_total == 2
    assert query.search(news_store, "Michelin OR Valeo").articles_total == 0


def test_search_folds_accents_and_case(news_store: Store) -> None:
    results = query.search(news_store, "THOMAS LEFEVRE", limit=10)
    assert {a.id for a in results.articles} == {"t-003", "t-004"}
    assert any(e.name == "Thomas Lefèvre" for e in results.entities)


def test_evidence_hits_name_their_fact(news_store: Store) -> None:
    results = query.search(news_store, "investira")
    assert [e.type for e in results.evidence] == ["amount"]
    hit = results.evidence[0]
    assert hit.article_id == "t-003"
    marked = [hit.snippet[m.start:m.end] for m in hit.marks]
    assert [m.lower() for m in marked] == ["investira"]


def test_pagination(news_store: Store) -> None:
    first = query.search(news_store, "Michelin", limit=1)
    second = query.search(news_store, "Michelin", limit=1, offset=1)
    assert first.articles_total == second.articles_total == 2
    assert len(first.articles) == len(second.articles) == 1
    assert first.articles[0].id != second.articles[0].id
    assert query.search(news_store, "Michelin", limit=10_000).limit == 200


def test_last_word_matches_as_a_prefix(news_store: Store) -> None:
    assert query.search(news_store, "Lefè").articles_total == 2
    assert query.search(news_store, "investi").evidence_total == 1
