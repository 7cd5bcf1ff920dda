"""What a page shows, ready for its template: sections of charts, tables and findings.

A :class:`Cell` carries the text a reader sees and, for a figure, the mart's value exactly
(``data-value``) and its column (``data-col``); a row carries the unit and line item it is
about (``data-unit``, ``data-line-item``), so that a test can find any figure on the page and
compare it with the warehouse.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from kuntatalous.site import text
from kuntatalous.site.marts import Page, Row, SiteData
from kuntatalous.site.sources import source_href
from kuntatalous.site.text import Language


@dataclass(slots=True)
class Cell:
    text: str
    value: str | None = None
    column: str | None = None
    href: str | None = None
    numeric: bool = False
    title: str | None = None


@dataclass
class TableRow:
    cells: list[Cell]
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    columns: list[str]
    rows: list[TableRow]
    caption: str = ""


@dataclass
class Chart:
    chart_id: str
    spec: dict[str, Any]
    description: str


@dataclass
class Finding:
    status: str
    status_label: str
    text: str
    sources: list[Cell]


@dataclass
class Block:
    heading: str | None = None
    chart: Chart | None = None
    table: Table | None = None
    findings: list[Finding] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    note: str = ""
    blocks: list[Block] = field(default_factory=list)
    missing: str | None = None


FigureKind = Literal["eur", "pct", "plain"]
FIGURE_WRITERS: dict[FigureKind, Callable[[Any, Language], str]] = {
    "eur": text.format_eur,
    "pct": text.format_pct,
    "plain": lambda value, language: text.format_value(Decimal(value), language),
}
"""How a figure of each kind is written: euros, per cent, or as stored (key figures, counts)."""


@dataclass
class PageContext:
    """One page in one language: names, figures and sources as that page writes them."""

    page: Page
    site: SiteData
    language: Language
    linked_sources: frozenset[str]
    chart_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    figures: dict[tuple[FigureKind, str], str] = field(default_factory=dict)
    """The figures written on the page so far, by kind and exact value (:meth:`_figure`)."""

    def label(self, key: str) -> str:
        return text.label(key, self.language)

    def unit_name(self, unit_id: str) -> str:
        unit = self.site.units.get(unit_id)
        if unit is None:
            return unit_id
        return str(unit["unit_name_en"] or unit["unit_name"]) if self.language == "en" else str(unit["unit_name"])

    def item_name(self, line_item_id: str) -> str:
        item = self.site.line_items.get(line_item_id)
        if item is None:
            return line_item_id
        english = item["line_item_name_en"] if self.language == "en" else None
        return str(english or item["line_item_name"])

    def eur(self, value: Decimal | None, column: str) -> Cell:
        return self._figure("eur", value, column)

    def pct(self, value: Decimal | None, column: str) -> Cell:
        return self._figure("pct", value, column)

    def plain(self, value: Decimal | int | None, column: str) -> Cell:
        return self._figure("plain", value, column)

    def _figure(self, kind: FigureKind, value: Decimal | int | None, column: str) -> Cell:
        """A figure's cell, its text written as ``kind`` says once per value on the page: a page
        shows most of its figures more than once (in tables and charts, as budget and as actual),
        and its value's exact text, which the cell carries anyway, tells the written one."""
        if value is None:
            return Cell("", None, column, numeric=True)
        exact = str(value)
        shown = self.figures.get((kind, exact))
        if shown is None:
            shown = self.figures[(kind, exact)] = FIGURE_WRITERS[kind](value, self.language)
        return Cell(shown, exact, column, numeric=True)

    def source(self, source_file: str | None, line: int | None) -> Cell:
        if source_file is None:
            return Cell("")
        where = f"{source_file}:{line}" if line is not None else source_file
        href = source_href(source_file, line) if source_file in self.linked_sources else None
        return Cell(where, href=href, column="source")

    def datum(self, row: Row, value: Decimal | None, label: str, **extra: Any) -> dict[str, Any]:
        """A chart's datum: the geometry as a float, the figure as written, its source and link."""
        source = self.source(row.get("source_file"), row.get("source_line"))
        return {
            "value": None if value is None else float(value),
            "label": label,
            "source": source.text,
            "href": source.href or "",
            **extra,
        }

    def chart(self, spec: dict[str, Any], description: str) -> Chart:
        return Chart(f"chart-{next(self.chart_ids)}", spec, description)
