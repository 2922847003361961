"""Fixtures of the browser tests: one headless Chromium per module, a fresh page per
test. A module sets PAGE_WIDTH for a wider window (the analyst pages' tables)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from web.browser import chromium, opened_page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    with opened_page(browser, width=getattr(request.module, "PAGE_WIDTH", 1280)) as page:
        yield page
