"""Rejoin a budget table that a page break split without repeating its header, or that a row
label wrapped onto a second line split.

A report converted from PDF may break a budget table over a page with only the page's number
(``Sivu 41``, ``41``: :data:`kuntatalous.text.layout.PAGE_FURNITURE`) and blank lines between
its rows, the header not printed again. The rows after the break are the table's own when they
are exactly as wide as its header, the first of them a row: a label, then figures or empty
cells (a header prints words: ``TA 2025``, ``Tunnusluku``). Each row keeps its printed line.

Anything else between them (a paragraph, a heading, a line of the table's width) ends the
table as before; rows after only blank lines, with no page number between, still want their
header repeated (``budget_tables``), and a header repeated after a page break still joins there.
A line of words alone right between two rows, where it is the start of the second's label
wrapped (:mod:`kuntatalous.tables.wrapped_labels`), is read into that row, which keeps the line
of its figures, and the table goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kuntatalous.tables.budget_columns import split_figure_footnote
from kuntatalous.tables.budget_tables import is_budget_header
from kuntatalous.tables.table_kinds import header_kind
from kuntatalous.tables.wrapped_labels import joined_label, wraps_onto
from kuntatalous.text.cells import strip_markup
from kuntatalous.text.layout import Layout, Row, TableBlock, is_page_furniture
from kuntatalous.text.number_format import is_nil, reads_as_number


def rejoin_page_breaks(layout: Layout, lines: Sequence[str]) -> Layout:
    """``layout`` (of the report's ``lines``) with each block that carries a budget table on
    over a page break, its header not repeated, or after the first line of a wrapped row label
    (``wrapped_row``), joined to that table's block: one block whose notes are those after its
    last row (the page number or the label's line between is no note)."""
    tables: list[TableBlock] = []
    for block in layout.tables:
        wrapped = wrapped_row(tables[-1], block, lines) if tables else None
        if tables and (wrapped is not None or carries_on(tables[-1], block, lines)):
            rows = block.rows if wrapped is None else [wrapped, *block.rows[1:]]
            tables[-1] = replace(tables[-1], rows=[*tables[-1].rows, *rows], notes_after=block.notes_after)
        else:
            tables.append(block)
    return replace(layout, tables=tables)


def wrapped_row(table: TableBlock, block: TableBlock, lines: Sequence[str]) -> Row | None:
    """The first row of ``block`` with its label's first line, where that line stands alone right
    between the budget table ``table`` and ``block`` (``wrapped_labels.wraps_onto``) and the row
    is one of the table's, on its own line (its figures'); ``None`` otherwise."""
    first = block.rows[0]
    if block.first_line != table.last_line + 2:
        return None
    line = lines[table.last_line]  # the line after the table's last (1-based) line
    if not wraps_onto(line, first.cells[0]) or not is_row_of(first, table.rows[0]) or not is_budget_header(table):
        return None
    return replace(first, cells=(joined_label(line, first.cells[0]), *first.cells[1:]))


def carries_on(table: TableBlock, block: TableBlock, lines: Sequence[str]) -> bool:
    """Whether ``block`` goes on with the budget table ``table`` after a page break: a page
    number and blank lines only between them, and its first row a row of the table."""
    between = lines[table.last_line : block.first_line - 1]
    return (
        any(is_page_furniture(line) for line in between)
        and all(not line.strip() or is_page_furniture(line) for line in between)
        and is_row_of(block.rows[0], table.rows[0])
        and is_budget_header(table)
    )


def is_row_of(row: Row, header: Row) -> bool:
    """Whether ``row`` reads as a row under ``header``, not as a header of its own: exactly as
    wide, a label first (no text table's header), then only figures (a footnote marker on one
    aside) or empty cells."""
    label, *values = row.cells
    return (
        len(row.cells) == len(header.cells)
        and bool(strip_markup(label))
        and header_kind(row.cells) == "unknown"
        and all(not strip_markup(cell) or _reads_as_figure(cell) for cell in values)
    )


def _reads_as_figure(cell: str) -> bool:
    """Whether a cell reads as a budget table's figure, a footnote marker on it aside
    (``-1 585,6*``: ``split_figure_footnote``), or a dash alone (nil)."""
    return reads_as_number(split_figure_footnote(cell)[0]) or is_nil(cell)
