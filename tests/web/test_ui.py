"""The web UI in a real headless Chromium: search -> person -> organisation -> article,
the talent-flow graph, evidence tooltips, and error pages."""

# ruff: noqa: F811

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from store.fixtures import NEWS, filled

from veille.records import Article
from veille.store import open_store
from web.browser import PageErrors, ready, serving

pytestmark = pytest.mark.browser

# Articles whose `url` is whatever their source said: only http(s) may become a link.
LINKED = [
    Article(id="lien-js", url="javascript:document.title='piégé'",
            text="Un article dont l'adresse est un script."),
    Article(id="lien-data", url=" data:text/html,<p>coucou</p>",
            text="Un article dont l'adresse est une page entière."),
    Article(id="lien-web", url="https://exemple.fr/article",
            text="Un article dont l'adresse est une vraie page."),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("ui") / "ui.db"
    with open_store(path) as store:
        filled(store, [*NEWS, *LINKED])
        with serving(store) as url:
            yield url


def test_click_through_search_person_org_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/apercu")
    ready(page, "#/apercu")
    page.fill('[data-testid="home-search"]', "claire")
    page.press('[data-testid="home-search"]', "Enter")
    ready(page, "#/search")
    page.click('[data-testid="person-hit"]:has-text("Claire Moreau")')

    page.wait_for_selector('[data-testid="person-name"]')
    assert page.inner_text('[data-testid="person-name"]') == "Claire Moreau"
    steps = page.locator('[data-testid="step"]')
    assert steps.count() == 2
    first = steps.nth(0).inner_text().lower()  # the kind is shown in capitals by CSS
    assert "départ" in first and "danone" in first
    assert "avr. 2023" in steps.nth(1).inner_text() and "annoncé" in steps.nth(1).inner_text()
    # The arrival is reported by two articles: both quotes are shown.
    assert steps.nth(1).locator('[data-testid="source-link"]').count() == 2

    steps.nth(1).locator('[data-testid="step-org"]').click()
    page.wait_for_selector('[data-testid="org-name"]')
    assert page.inner_text('[data-testid="org-name"]') == "L'Oréal"
    leaders = page.locator('[data-testid="leader"]').all_inner_texts()
    assert "Hélène Garnier" in leaders[0] and "Claire Moreau" in leaders[1]
    arrivals = page.locator('[data-testid="org-move"]')
    assert "Claire Moreau" in arrivals.first.inner_text()

    arrivals.first.locator('[data-testid="org-source"]').click()
    page.wait_for_selector('[data-testid="article-text"]')
    assert "#/article/t-001" in page.url
    marks = page.locator('[data-testid="evidence"]')
    assert marks.count() >= 3
    focused = page.locator("mark.fact.focus")
    focused.first.wait_for()
    assert "rejoindra L'Oréal" in focused.first.inner_text()

    # Hovering evidence shows the fact it supports.
    marks.first.hover()
    page.wait_for_selector("#tooltip:not([hidden])")
    tip = page.inner_text("#tooltip")
    assert "Claire Moreau" in tip and "départ" in tip and "Danone" in tip
    assert page.errors.errors == []


def test_article_page_lists_facts_and_links_people(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/article/t-003")
    page.wait_for_selector('[data-testid="article-text"]')
    items = page.locator('[data-testid="fact-item"]')
    assert items.count() == 4
    text = page.inner_text('[data-testid="article-text"]')
    assert text.startswith("Michelin nomme Thomas Lefèvre")
    page.locator('[data-testid="fact-person"]').first.click()
    page.wait_for_selector('[data-testid="person-name"]')
    assert page.inner_text('[data-testid="person-name"]') == "Thomas Lefèvre"
    assert page.errors.errors == []


def test_only_web_addresses_become_links(page: Any, base_url: str) -> None:
    for article in LINKED:
        page.goto(f"{base_url}/#/article/{article.id}")
        page.wait_for_selector('[data-testid="article-text"]')
        links = page.locator('a:has-text("original")')
        if article.id == "lien-web":
            assert links.get_attribute("href") == article.url
        else:
            assert links.count() == 0, article.id
    assert page.errors.errors == []  # the policy blocked nothing the UI needs


def test_pages_come_with_a_policy_the_ui_lives_with(page: Any, base_url: str) -> None:
    response = page.goto(base_url + "/#/org/Michelin")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector('[data-testid="org-name"]')
    page.goto(base_url + "/#/")
    page.wait_for_selector('#app[data-ready="#/"]')
    assert page.errors.errors == []  # no inline style or script refused by the policy


def test_flow_graph_opens_an_organisation(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/flows")
    page.wait_for_selector('[data-testid="flow-graph"] g.node')
    nodes = page.locator('[data-testid="flow-graph"] g.node')
    assert sorted(nodes.evaluate_all("ns => ns.map(n => n.dataset.name)")) == [
        "Danone", "L'Oréal", "Michelin", "Valeo"]
    assert page.locator('[data-testid="flow-graph"] path.edge').count() == 2
    assert page.locator('[data-testid="flow-row"]').count() == 2
    page.locator('[data-testid="flow-graph"] g.node[data-name="Valeo"]').click()
    page.wait_for_selector('[data-testid="org-name"]')
    assert page.inner_text('[data-testid="org-name"]') == "Valeo"
    assert page.errors.errors == []


def test_flow_filters(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/flows")
    page.wait_for_selector('[data-testid="flow-row"]')
    page.fill('input[name="since"]', "2024")
    page.click('button:has-text("Filtrer")')
    # a locator, not a JavaScript string: the page's policy forbids evaluating strings
    expect(page.locator('[data-testid="flow-row"]')).to_have_count(1)
    assert "Thomas Lefèvre" in page.inner_text('[data-testid="flow-row"]')
    page.goto(base_url + "/#/flows?since=hier")
    page.wait_for_selector('[data-testid="error"]')
    assert page.errors.errors == []


def test_unknown_person_suggests_names(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/person/Thomas%20Lefebvre")
    page.wait_for_selector('[data-testid="error"]')
    card = page.inner_text('[data-testid="error"]')
    assert "Aucune personne nommée « Thomas Lefebvre »" in card
    page.click('[data-testid="error"] a:has-text("Thomas Lefèvre")')
    page.wait_for_selector('[data-testid="person-name"]')
    assert page.errors.errors == []


@pytest.mark.parametrize("text", ['"NEAR(', "<script>alert(1)</script>", "***", "x' OR 1=1 --"])
def test_hostile_search_in_the_ui(page: Any, base_url: str, text: str) -> None:
    page.goto(base_url + "/")
    ready(page, "#/")
    page.fill("#topsearch-input", text)
    page.press("#topsearch-input", "Enter")
    ready(page, "#/search")
    body = page.inner_text("#app")
    assert "Résultats pour" in body or "Erreur" in body
    scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
    assert all(src and src.startswith("/static/") for src in scripts)  # nothing injected
    assert page.errors.errors == []


@pytest.mark.slow
def test_real_extractor_database_click_through(browser: Any, tmp_path: Path) -> None:
    """The same journey on facts made by the real extractor (no scripted facts)."""
    from veille.facts.extractor import Extractor
    from veille.store import ingest_articles

    with open_store(tmp_path / "real.db") as store:
        ingest_articles(store, NEWS, Extractor().extract_many)
        with serving(store) as url:
            page = browser.new_page()
            errors = PageErrors(page)
            page.goto(url + "/#/apercu")
            page.wait_for_selector('#app[data-ready="#/apercu"]')
            page.fill('[data-testid="home-search"]', "Lefèvre")
            page.press('[data-testid="home-search"]', "Enter")
            page.wait_for_selector('#app[data-ready="#/search"]')
            page.locator('[data-testid="person-hit"]').first.click()
            page.wait_for_selector('[data-testid="person-name"]')
            assert "Lefèvre" in page.inner_text('[data-testid="person-name"]')
            page.locator('[data-testid="step-org"]').first.click()
            page.wait_for_selector('[data-testid="org-name"]')
            page.locator('[data-testid="org-source"]').first.click()
            page.wait_for_selector('[data-testid="evidence"]')
            assert re.search(r"#/article/t-00\d", page.url)
            assert errors.errors == [], json.dumps(errors.errors)
            page.close()


def test_names_are_suggested_while_typing(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/flows")
    ready(page, "#/flows")
    page.type("#topsearch-input", "lefe", delay=30)
    suggestion = page.locator('.topsearch [data-testid="suggest"] a')
    suggestion.first.wait_for()
    assert "Thomas Lefèvre" in suggestion.first.inner_text()
    page.press("#topsearch-input", "ArrowDown")
    page.press("#topsearch-input", "Enter")
    page.wait_for_selector('[data-testid="person-name"]')
    assert page.inner_text('[data-testid="person-name"]') == "Thomas Lefèvre"
    assert page.errors.errors == []
