"""The article page's "Pourquoi ces faits ?" panel in a real headless Chromium: closed
until asked, then a table of every candidate with its decision. The server gets a
stand-in explainer (tests/api/test_explain.py runs the real one through the API)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api.explanations import CANDIDATES, StandIn
from playwright.sync_api import expect
from store.fixtures import NEWS, filled

from veille.errors import ModelError
from veille.records import Article
from veille.store import open_store
from web.browser import serving

pytestmark = pytest.mark.browser
PAGE_WIDTH = 1400


@pytest.fixture
def store(tmp_path: Any) -> Iterator[Any]:
    with open_store(tmp_path / "ui.db") as store:
        yield filled(store, NEWS)


def test_why_these_facts_shows_every_candidate_on_demand(page: Any, store: Any) -> None:
    explainer = StandIn()
    with serving(store, explain=explainer) as url:
        page.goto(url + "/#/article/t-003")
        page.wait_for_selector('[data-testid="fact-item"]')
        panel = page.locator('[data-testid="explain"]')
        assert not panel.locator('[data-testid="explain-body"]').is_visible()
        assert explainer.articles == []  # nothing is extracted until asked
        page.click('[data-testid="explain-toggle"]')
        rows = page.locator('[data-testid="candidate"]')
        expect(rows).to_have_count(len(CANDIDATES))
        headers = page.locator('[data-testid="explain-table"] th').all_text_contents()
        assert headers == ["Fait", "Générateurs", "Probabilité", "Retenu", "Raison",
                           "Traits les plus forts", "Rôle et date (modèle)"]
        first, second = rows.nth(0), rows.nth(1)
        assert "Thomas Lefèvre — directeur général · Michelin" in first.locator(
            '[data-testid="candidate-fact"]').inner_text()
        assert first.locator('[data-testid="candidate-generators"] code').all_inner_texts() == [
            "move.trigger", "move.title"]
        assert first.locator('[data-testid="candidate-probability"]').inner_text() == "0.912"
        assert first.locator('[data-testid="candidate-kept"]').inner_text() == "retenu"
        assert "≥ threshold" in first.locator('[data-testid="candidate-reason"]').inner_text()
        assert "trigger_is_nomination = 1 (+1.37)" in first.locator(
            '[data-testid="candidate-features"]').inner_text()
        assert second.locator('[data-testid="candidate-kept"]').inner_text() == "écarté"
        assert second.locator('[data-testid="candidate-features"]').inner_text() == "—"
        role, date = first.locator('[data-testid="candidate-slot"]').all_inner_texts()
        assert "rôle : directeur général (+1,93) · aucun (−2,67)" in role
        assert "le modèle quand elles n'en lisent pas" in role
        assert date.startswith("date : —") and "lecture des règles" in date
        assert second.locator('[data-testid="candidate-slots"]').inner_text() == "—"
        assert "2 proposition(s) des règles, 1 retenue(s)" in page.inner_text(
            '[data-testid="explain-summary"]')
        # Closing and opening again shows the same answer without asking again.
        page.click('[data-testid="explain-toggle"]')
        page.click('[data-testid="explain-toggle"]')
        expect(rows).to_have_count(len(CANDIDATES))
        assert [a.id for a in explainer.articles] == ["t-003"]
        assert page.errors.errors == []


def test_an_explanation_that_fails_says_why_and_can_be_asked_again(page: Any,
                                                                   store: Any) -> None:
    calls: list[str] = []

    def broken(article: Article) -> list[dict[str, Any]]:
        calls.append(article.id)
        raise ModelError("cannot load spaCy model 'fr_absent'")

    with serving(store, explain=broken) as url:
        page.goto(url + "/#/article/t-001")
        page.wait_for_selector('[data-testid="fact-item"]')
        page.click('[data-testid="explain-toggle"]')
        error = page.locator('[data-testid="explain"] [data-testid="error"]')
        expect(error).to_contain_text("explanations are unavailable")
        assert page.locator('[data-testid="fact-item"]').count() == 3  # the page stays
        page.click('[data-testid="explain-toggle"]')
        with page.expect_response(lambda r: "/api/explain/t-001" in r.url) as asked:
            page.click('[data-testid="explain-toggle"]')
        assert asked.value.status == 503
        expect(error).to_contain_text("fr_absent")
        assert calls == ["t-001", "t-001"]
        assert page.errors.errors == []
