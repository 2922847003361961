"""Calibration and thresholds are fitted on cross-fitted scores: each train article is
scored by a model that never saw it (training/pairs.py)."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from veille.training.pairs import FOLDS, PairExamples, _cross_fitted


def _rows(articles: int, pairs: int) -> tuple[sparse.csr_matrix, np.ndarray, list[int]]:
    """Pairs whose only informative feature is the article's own word: every pair of an
    even article is right, and each article has a word no other article holds."""
    rows, labels, article_of = [], [], []
    for article in range(articles):
        for _ in range(pairs):
            row = np.zeros(articles + 1)
            row[article] = 1.0  # the article's own word
            row[articles] = 1.0  # a word every pair holds
            rows.append(row)
            labels.append(int(article % 2 == 0))
            article_of.append(article)
    return sparse.csr_matrix(np.asarray(rows)), np.asarray(labels), article_of


def test_an_article_is_not_scored_by_a_model_that_learnt_its_words() -> None:
    x, y, articles = _rows(articles=20, pairs=5)
    held_out = _cross_fitted(x, y, articles, strength=10.0, seed=13)
    in_sample = LogisticRegression(C=10.0, max_iter=5000).fit(x, y).predict_proba(x)[:, 1]
    # fitted on every article, the model reads each one's own word and is nearly sure;
    # cross-fitted, that word was never seen and only the common word is left
    assert in_sample[y == 1].min() > 0.9
    assert np.abs(held_out - 0.5).max() < 0.1


def test_cross_fitting_is_deterministic_and_scores_every_pair() -> None:
    x, y, articles = _rows(articles=12, pairs=3)
    first = _cross_fitted(x, y, articles, strength=1.0, seed=13)
    assert first.shape == (len(y),)
    assert np.array_equal(first, _cross_fitted(x, y, articles, strength=1.0, seed=13))
    assert ((first > 0) & (first < 1)).all()


def test_a_fold_whose_rest_knows_one_answer_gets_that_answer_rate() -> None:
    # a handful of articles: only article 0 has right pairs, so its fold's model is
    # fitted on wrong pairs alone and scores it 0 rather than failing
    x, y, articles = _rows(articles=FOLDS, pairs=2)
    y = np.asarray([int(a == 0) for a in articles])
    held_out = _cross_fitted(x, y, articles, strength=1.0, seed=13)
    assert held_out[np.asarray(articles) == 0].tolist() == [0.0, 0.0]


def test_pairs_keep_their_article_number_across_articles() -> None:
    first, second = PairExamples(articles=1), PairExamples(articles=1)
    first.rows, first.article_of = [{"a": 1.0}], [0]
    second.rows, second.article_of = [{"b": 1.0}, {"c": 1.0}], [0, 0]
    merged = PairExamples()
    merged.extend(first)
    merged.extend(second)
    assert merged.article_of == [0, 1, 1]
