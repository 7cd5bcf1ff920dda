"""The docs site (make docs) opened in headless Chromium: every column description of a mart
reads in full, where dbt's own page cuts it to one line the width of its cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .site_browser import chromium
from .warehouse_builds import DocsSite

pytestmark = pytest.mark.e2e

INSERTED = re.compile(r"<style>\n/\* kuntatalous: .*?</style>\n", re.DOTALL)

# Each description cell of the columns table: its text, and whether it is cut (wider than shown).
CELLS = """
() => [...document.querySelectorAll('td')]
    .filter((td) => td.getAttribute('style') && td.getAttribute('style').includes('max-width: 1px'))
    .filter((td) => td.offsetParent !== null)
    .map((td) => [td.innerText.trim(), td.scrollWidth > td.clientWidth + 1])
"""


@pytest.fixture(scope="module")
def docs_page(docs_site: DocsSite) -> Path:
    return docs_site.page


def description_cells(page: Path, model: str) -> list[tuple[str, bool]]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.goto(f"{page.as_uri()}#!/model/model.kuntatalous.{model}")
        tab.wait_for_selector("text=budget_amount_id" if model == "fact_budget" else "text=unit_id")
        cells = [(str(text), bool(cut)) for text, cut in tab.evaluate(CELLS)]
        context.close()
    return cells


def test_every_column_description_reads_in_full(docs_page: Path) -> None:
    cells = description_cells(docs_page, "fact_budget")
    assert len(cells) >= 10
    assert [text for text, cut in cells if cut] == []
    # Read by hand from models/_docs.md: the document id's description, whole.
    assert any(
        text.startswith("The report file's id: the first 16 hexadecimal digits of the SHA-256 of its bytes.")
        and text.endswith("a changed file gets a new one.")
        for text, _ in cells
    )


def test_dbts_own_page_cuts_them(docs_page: Path, tmp_path: Path) -> None:
    page = docs_page.read_text(encoding="utf-8")
    assert len(INSERTED.findall(page)) == 1
    plain = tmp_path / "index.html"
    plain.write_text(INSERTED.sub("", page), encoding="utf-8")
    cells = description_cells(plain, "fact_budget")
    assert len([text for text, cut in cells if cut]) >= 10
