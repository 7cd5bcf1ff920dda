"""Name the kind of a table that is not a budget table, from its header."""

from __future__ import annotations

from kuntatalous.text.layout import TableBlock
from kuntatalous.text.numbers import strip_markup

TABLE_NAMES = {
    "budget": "budget table",
    "operating": "budget table",
    "investment": "investment table",
    "projects": "projects table",
    "key_figures": "key-figure table",
    "goals": "goals table",
    "risks": "risk table",
    "unknown": "unrecognised table",
}
"""Each table kind as messages name it."""


def other_table_kind(block: TableBlock) -> str:
    """``projects``, ``key_figures``, ``goals``, ``risks`` or ``unknown``."""
    cells = [strip_markup(cell).lower() for cell in block.rows[0].cells]
    first = cells[0] if cells else ""
    if any(cell.startswith("hankkeen nimi") for cell in cells):
        return "projects"
    if first.startswith("tunnusluku"):
        return "key_figures"
    if first.startswith("riskiluokka"):
        return "risks"
    if first.startswith("strateginen päämäärä") and "tila" in cells:
        return "goals"
    return "unknown"
