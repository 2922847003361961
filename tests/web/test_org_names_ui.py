"""The organisation page in headless Chromium: its country and its former names; a
person's page names the organisation as it was called at the time of each step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from query.test_dated_names import NEWS, extract

from veille.store import ingest_articles, open_store
from web.browser import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("names") / "names.db"
    with open_store(path) as store:
        ingest_articles(store, NEWS, extract)
        with serving(store) as url:
            yield url


def test_org_page_shows_country_and_former_names(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/org/LREM")
    page.wait_for_selector('[data-testid="org-name"]')
    assert page.inner_text('[data-testid="org-name"]') == "Renaissance"
    assert page.inner_text('[data-testid="org-former-names"]') == (
        "Aussi connue sous le nom de En marche ! (jusqu'en 2017), "
        "La République en marche (jusqu'en 2022)")
    assert page.inner_text('[data-testid="org-country"]') == "Pays : France"
    page.goto(base_url + "/#/person/Julie%20Marchand")
    page.wait_for_selector('[data-testid="step-org"]')
    assert page.locator('[data-testid="step-org"]').all_inner_texts() == ["LREM"]
