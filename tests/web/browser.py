"""Helpers of the browser tests: the API served in a thread, headless Chromium.

Chromium is the Debian package (/usr/bin/chromium); Playwright never downloads one.
The background-networking flags keep it from calling home on a closed network."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn

from veille.api import create_app
from veille.store import Store

CHROMIUM = os.environ.get("VEILLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(store: Store, **app_options: Any) -> Iterator[str]:
    """The app over `store` (and `create_app`'s other options) on a free local port;
    yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(store, **app_options), host="127.0.0.1", port=port,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (skips the test when it is not installed)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class PageErrors:
    """JavaScript errors of a page (failed API calls the page handles are not errors)."""

    def __init__(self, page: Any):
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(message.text)


@contextmanager
def opened_page(browser: Any, width: int) -> Iterator[Any]:
    """A page in a context of its own, its errors collected, closed after the test."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = PageErrors(page)
    try:
        yield page
    finally:
        context.close()


def ready(page: Any, route: str) -> None:
    page.wait_for_selector(f'#app[data-ready="{route}"]')
