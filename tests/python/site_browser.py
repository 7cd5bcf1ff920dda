"""Open report pages in headless Debian chromium (through Playwright) and read what they show.

Every request the page makes is routed here first: ``file:`` and inline ``data:``/``blob:``
ones go on, anything else is recorded and aborted, so that no request leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class Visit:
    """What a page did while it loaded: its console errors and the requests that would leave."""

    page: Page
    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    charts_state: str | None = None


@contextmanager
def chromium() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), (
        "the browser tests need Debian's chromium: make test installs it (apt-get install chromium)"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def visit(browser: Browser, path: Path, wait_for_charts: bool = True) -> Iterator[Visit]:
    """Open ``path`` from the file system; with ``wait_for_charts``, until its charts are drawn."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    seen = Visit(page)

    def route(route: Route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            seen.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        if wait_for_charts:
            page.wait_for_selector("body[data-charts]", state="attached", timeout=60_000)
            seen.charts_state = page.get_attribute("body", "data-charts")
        yield seen
    finally:
        context.close()


def unrendered_charts(page: Page) -> list[str]:
    """The charts of ``page`` that have no drawn SVG with marks in them."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-chart]'))
                .filter(node => !(node.getAttribute('data-rendered') === 'true'
                                  && node.querySelector('svg .mark-rect, svg .mark-symbol, svg path')))
                .map(node => node.getAttribute('data-chart'))"""
        )
    )


def shown_figures(page: Page, section: str) -> list[dict[str, str]]:
    """Each table row of ``section``: its data attributes and the text shown in each figure column."""
    return list(
        page.evaluate(
            """(section) => Array.from(document.querySelectorAll('#' + section + ' tbody tr')).map(row => {
                const shown = Object.assign({}, row.dataset);
                row.querySelectorAll('td[data-col]').forEach(cell => { shown[cell.dataset.col] = cell.innerText; });
                return shown;
            })""",
            section,
        )
    )
