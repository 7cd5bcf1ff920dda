"""Read the report-family fixtures (tests/python/fixtures/family/) into their first table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kuntatalous.text.layout import Row, find_layout
from kuntatalous.text.numbers import strip_markup

FAMILY = Path(__file__).parent / "fixtures" / "family"


@dataclass(frozen=True)
class FixtureTable:
    name: str
    lines: list[str]
    header: tuple[str, ...]
    """The value-column header cells (the unit cell left out)."""
    unit_cell: str
    second_line: tuple[str, ...] | None
    rows: list[Row]
    first_line: int

    def row(self, label: str) -> Row:
        return next(row for row in self.rows if strip_markup(row.cells[0]).rstrip("*)") == label)

    def cells(self) -> list[str]:
        return [cell for row in self.rows for cell in row.cells[1:]]


def fixture_text(name: str) -> str:
    return (FAMILY / name).read_text(encoding="utf-8")


def fixture_table(name: str, text: str | None = None) -> FixtureTable:
    """The first table of a fixture (or of ``text``, a tampered copy of it)."""
    lines = (fixture_text(name) if text is None else text).splitlines()
    block = find_layout(lines).tables[0]
    first = block.rows[0]
    second = block.rows[1] if strip_markup(block.rows[1].cells[0]).lower() == "selite" else None
    body = block.rows[2:] if second is not None else block.rows[1:]
    return FixtureTable(
        name=name,
        lines=lines,
        header=first.cells[1:],
        unit_cell=first.cells[0],
        second_line=None if second is None else second.cells[1:],
        rows=body,
        first_line=block.first_line,
    )
