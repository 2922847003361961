"""The analyst's pages in a real headless Chromium: the latest moves (home), the
correction round trip, the review page and the Atom feed."""

# ruff: noqa: F811

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from store.fixtures import ANALYST_NEWS, NEWS, filled

from veille.store import open_store
from web.browser import ready, serving

pytestmark = pytest.mark.browser
PAGE_WIDTH = 1400


@pytest.fixture
def served(tmp_path: Any) -> Iterator[tuple[str, Any]]:
    """A fresh database per test (corrections write to it) and its server."""
    with open_store(tmp_path / "ui.db") as store:
        filled(store, NEWS + ANALYST_NEWS)
        with serving(store) as url:
            yield url, store


def test_home_lists_the_latest_moves_with_filters_and_csv(page: Any,
                                                          served: tuple[str, Any]) -> None:
    url, _ = served
    page.goto(url + "/")
    ready(page, "#/")
    rows = page.locator('[data-testid="move-row"]')
    assert rows.count() == 8
    assert "Paul Girard" in rows.nth(0).inner_text()  # latest reported first
    assert page.text_content('[data-testid="moves-total"]') == "8 mouvement(s)"
    girard = rows.nth(0).locator('[data-testid="move-date"]').inner_text()
    assert girard == "été 2024"
    roux = rows.nth(1).locator('[data-testid="move-date"]').inner_text()
    assert roux == "date non précisée (rapporté le 3 oct. 2024)"
    # One row for the arrival two articles report, with both sources.
    moreau = page.locator('[data-testid="move-row"]:has-text("directrice générale adjointe")')
    assert moreau.count() == 1
    assert moreau.locator('[data-testid="move-sources"] a').count() == 2

    page.select_option('[data-testid="filter-status"]', "reported")
    page.click('[data-testid="move-filters"] button')
    expect(page.locator('[data-testid="move-row"]')).to_have_count(1)
    assert "Marc Petit" in rows.nth(0).inner_text() and "rumeur" not in page.url
    assert "status=reported" in page.url

    page.fill('[data-testid="filter-org"]', "Valeo")
    page.select_option('[data-testid="filter-status"]', "")
    page.select_option('[data-testid="filter-min_confidence"]', "0.5")
    page.click('[data-testid="move-filters"] button')
    expect(page.locator('[data-testid="move-row"]')).to_have_count(3)
    shown = sorted(r.split("\t")[3] for r in rows.all_inner_texts())
    assert shown == ["Inès Roux", "Paul Girard", "Thomas Lefèvre"]
    # The CSV is what is shown: the same filters, the same rows.
    href = page.get_attribute('[data-testid="moves-csv"]', "href")
    with urllib.request.urlopen(url + href) as response:  # noqa: S310 (loopback)
        lines = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert sorted(r["person"] for r in lines) == shown
    assert page.errors.errors == []


def test_unknown_org_filter_is_an_error_card(page: Any, served: tuple[str, Any]) -> None:
    url, _ = served
    page.goto(url + "/#/?org=Nulle%20Part")
    page.wait_for_selector('[data-testid="error"]')
    assert "Aucune organisation nommée « Nulle Part »" in page.inner_text('[data-testid="error"]')
    assert page.errors.errors == []


def test_correction_round_trip(page: Any, served: tuple[str, Any]) -> None:
    """Edit in the UI -> stored -> exported as gold -> still shown after reprocess."""
    from store.fixtures import ScriptedExtractor

    from veille.query.corrections import corrections, export_gold
    from veille.store import reprocess

    url, store = served
    page.goto(url + "/#/review")
    ready(page, "#/review")
    items = page.locator('[data-testid="review-item"]')
    assert items.count() == 12
    assert "Marc Petit" in items.nth(0).inner_text()  # least confident first
    page.fill('[data-testid="author"]', "Léa")
    page.press('[data-testid="author"]', "Tab")
    roux = page.locator('[data-testid="review-item"]:has-text("Inès Roux a été nommée")')
    roux.locator('[data-testid="edit"]').click()
    roux.locator('[data-testid="edit-date"]').fill("2024-09")
    roux.locator('[data-testid="edit-note"]').fill("annonce du 12 septembre")
    roux.locator('[data-testid="edit-save"]').click()
    expect(page.locator('[data-testid="review-item"]')).to_have_count(11)

    stored = corrections(store)
    assert [(c.correction.author, c.correction.after) for c in stored] == [
        ("Léa", {"date": "2024-09"})]
    gold = {line["id"]: line for line in export_gold(store)}
    assert [f["date"] for f in gold["t-102"]["facts"] if f["person"] == "Inès Roux"] == [
        "2024-09"]

    reprocess(store, ScriptedExtractor("9.9.9").extract_many, version="9.9.9")
    page.goto(url + "/#/?person=In%C3%A8s%20Roux")
    ready(page, "#/")
    row = page.locator('[data-testid="move-row"]')
    assert row.count() == 1
    assert row.locator('[data-testid="move-date"]').inner_text() == "sept. 2024"
    assert row.locator('[data-testid="checked"]').text_content() == "corrigé"
    row.locator('[data-testid="move-sources"] a').click()
    page.wait_for_selector('[data-testid="correction"]')
    line = page.text_content('[data-testid="correction"]')
    assert "par Léa" in line and "date : — → 2024-09" in line and "annonce du 12 septembre" in line
    assert page.errors.errors == []


def test_reject_from_the_article_page(page: Any, served: tuple[str, Any]) -> None:
    url, _ = served
    page.goto(url + "/#/article/t-101")
    page.wait_for_selector('[data-testid="fact-item"]')
    page.locator('[data-testid="fact-item"] [data-testid="reject"]').click()
    page.wait_for_selector('[data-testid="correction"]')
    assert "rejeté" in page.text_content('[data-testid="correction"]')
    page.goto(url + "/#/")
    ready(page, "#/")
    assert "Marc Petit" not in page.inner_text("#app")
    assert page.errors.errors == []


def test_follow_an_org_and_read_its_feed(page: Any, served: tuple[str, Any]) -> None:
    import feedparser

    url, _ = served
    page.goto(url + "/#/org/org%3Avaleo")
    page.wait_for_selector('[data-testid="org-name"]')
    page.wait_for_selector('[data-testid="follow"]:has-text("Suivre")')
    page.click('[data-testid="follow"]')
    page.wait_for_selector('[data-testid="follow-state"]:has-text("Suivi")')
    # The home page's feed link carries its filters; the feed is served to the browser.
    page.goto(url + "/#/?watch=default")
    ready(page, "#/")
    assert page.locator('[data-testid="move-row"]').count() == 4
    href = page.get_attribute('[data-testid="moves-atom"]', "href")
    assert href == "/feeds/moves.atom?watch=default"
    response = page.goto(url + href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.text())
    assert not feed.bozo
    assert [e.title for e in feed.entries][:2] == [
        "Paul Girard leaves Valeo as directeur juridique",
        "Inès Roux joins Valeo as directrice de la stratégie"]
    assert page.errors.errors == []


def test_a_merged_id_leads_to_the_kept_person(page: Any, served: tuple[str, Any]) -> None:
    from veille.query.merge import merge_entities

    url, store = served
    merge_entities(store, "Inès Roux", "Marc Petit")  # as if an analyst found them one
    page.goto(url + "/#/person/per%3Amarc-petit")
    page.wait_for_selector('[data-testid="person-name"]')
    assert page.inner_text('[data-testid="person-name"]') == "Inès Roux"
    assert "per:marc-petit" in page.inner_text('[data-testid="redirected"]')
    assert page.errors.errors == []


def test_edit_form_opens_on_demand(page: Any, served: tuple[str, Any]) -> None:
    url, _ = served
    page.goto(url + "/#/review")
    ready(page, "#/review")
    first = page.locator('[data-testid="review-item"]').first
    assert not first.locator('[data-testid="edit-form"]').is_visible()
    first.locator('[data-testid="edit"]').click()
    assert first.locator('[data-testid="edit-form"]').is_visible()
    assert page.errors.errors == []
