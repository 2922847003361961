"""Screenshots of every page of the web UI, for the README (docs/screenshots/*.png).

Builds a knowledge base from the demo articles in examples/ (facts by the real extractor)
and the French test articles of tests/store/fixtures.py (with their hand-written facts, so
that the talent-flow graph has more than one edge), serves it, and photographs each page in
headless Chromium (the Debian package; Playwright downloads nothing).

    .venv/bin/python dev/screenshots.py [--db /tmp/screens.db] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from store.fixtures import NEWS, ScriptedExtractor  # noqa: E402
from web.browser import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

from veille.facts.extractor import Extractor  # noqa: E402
from veille.sources import read_articles  # noqa: E402
from veille.store import ingest_articles, open_store  # noqa: E402

# (file name, route, element to hover or "type:TEXT" to type in the top search box)
PAGES = [
    ("home", "#/", None),
    ("suggest", "#/", "type:ber"),
    ("search", "#/search?q=directeur", None),
    ("person", "#/person/Julien%20Berthaud", None),
    ("org", "#/org/OVHcloud", None),
    ("flows", "#/flows", None),
    ("article", "#/article/exemple-001", 'mark[data-testid="evidence"]'),
]


def build(db: Path) -> None:
    with open_store(db) as store:
        articles = list(read_articles([str(ROOT / "examples")], published="2024-04-04",
                                      on_error=lambda _: None))
        for batch, extract in ((articles, Extractor().extract_many),
                               (NEWS, ScriptedExtractor().extract_many)):
            tally = ingest_articles(store, batch, extract)
            print(tally.summary(), file=sys.stderr)


def shoot(db: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with open_store(db, create=False) as store, serving(store) as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, route, hover in PAGES:
            page.goto(f"{url}/{route}")
            page.wait_for_selector("#app[data-ready]")
            page.wait_for_timeout(300)
            if hover and hover.startswith("type:"):
                page.type("#topsearch-input", hover[5:], delay=40)
                page.wait_for_selector('.topsearch [data-testid="suggest"] a')
            elif hover:
                page.locator(hover).nth(2).hover()
                page.wait_for_selector("#tooltip:not([hidden])")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=not hover)
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/veille-screens.db"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--reuse", action="store_true", help="Keep an existing --db.")
    args = parser.parse_args()
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build(args.db)
    shoot(args.db, args.out)


if __name__ == "__main__":
    main()
