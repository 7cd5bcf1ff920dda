"""Rows of a text table that are not as wide as its header.

Text-table cells are found by their position under the header: a row with a cell too few
(a tab lost in conversion) would shift every cell after it into the wrong column, and a row
with a filled cell too many would have it ignored. Extra empty cells are harmless.
"""

from __future__ import annotations

from kuntatalous.tables.table_kinds import table_name
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.numbers import strip_markup


def misshapen_rows(block: TableBlock, kind: str) -> list[tuple[Row, str]]:
    """The body rows of ``block`` (a table of ``kind``) with a cell too few or a filled cell
    too many, each with its message."""
    width = len(block.rows[0].cells)
    found = []
    for row in block.rows[1:]:
        extra = any(strip_markup(cell) for cell in row.cells[width:])
        if len(row.cells) < width or extra:
            found.append((row, f"{table_name(kind)} row has {len(row.cells)} cells, the header has {width}"))
    return found
