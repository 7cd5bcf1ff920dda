"""Rejoin text tables that a page break split: the header repeats on the next page, and the
first row there may carry on the last row before the break.

Used for projects, goals and risks, whose long text cells often run over a page. Budget tables have
their own rules (``budget_tables``): they never split a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Generic, TypeVar

from kuntatalous.errors import ExtractionError
from kuntatalous.output.rejects import TABLE, Rejects, row_text
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.cells import bilingual_halves
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.numbers import strip_markup


@dataclass(frozen=True)
class LogicalRow:
    """One row as meant: a printed row, plus the rows that carry it on after page breaks."""

    lines: tuple[int, ...]
    cells: tuple[str, ...]
    """Raw cells (markup kept); a carried-on cell is appended to its start with a space."""

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[-1]

    def text(self, index: int) -> str:
        """Cell ``index`` without markup; empty if the row has fewer cells."""
        return strip_markup(self.cells[index]) if index < len(self.cells) else ""


@dataclass
class LogicalTable:
    """A table as meant: its blocks rejoined across page breaks."""

    header: tuple[str, ...]
    """The header's cells, markup removed."""
    header_lines: list[int]
    """The line of the header and of each repeat after a page break."""
    heading: str | None
    rows: list[LogicalRow]

    @property
    def first_line(self) -> int:
        return self.header_lines[0]


Continues = Callable[[LogicalRow], bool]
"""Whether the first row after a repeated header carries on the row before the break."""


def header_cells(row: Row) -> tuple[str, ...]:
    return tuple(strip_markup(cell) for cell in row.cells)


def runs_of_kind(blocks: Sequence[TableBlock], kind: str) -> Iterator[list[TableBlock]]:
    """The consecutive runs of ``kind`` blocks among ``blocks``: a table of another kind in
    between ends a run, so a page-break join never reaches across it."""
    run: list[TableBlock] = []
    for block in blocks:
        if other_table_kind(block) == kind:
            run.append(block)
        elif run:
            yield run
            run = []
    if run:
        yield run


def readable_runs(
    run: list[TableBlock], read_header: Callable[[TableBlock], object], kind: str, rejects: Rejects
) -> Iterator[list[TableBlock]]:
    """``run`` split at the blocks whose header ``read_header`` cannot read (each one a table
    reject), so that a page-break join never reaches across a rejected table."""
    readable: list[TableBlock] = []
    for block in run:
        try:
            read_header(block)
        except ExtractionError as exc:
            lines = (block.first_line, block.last_line)
            raw = row_text(block.rows[0])
            rejects.add(exc, TABLE, lines=lines, table_kind=kind, table_line=block.first_line, raw_text=raw)
            if readable:
                yield readable
            readable = []
            continue
        readable.append(block)
    if readable:
        yield readable


def join_page_breaks(blocks: Sequence[TableBlock], continues: Continues) -> list[LogicalTable]:
    """Rejoin ``blocks`` (tables of one kind, in document order) into logical tables.

    A block whose header repeats the previous block's, with only blank lines between them,
    continues that table. Its first row is merged into the previous row when ``continues``
    says so (cell by cell, so a sentence cut by the page break reads whole again).
    """
    tables: list[LogicalTable] = []
    for block in blocks:
        header = header_cells(block.rows[0])
        rows = [LogicalRow(lines=(row.line,), cells=row.cells) for row in block.rows[1:]]
        previous = tables[-1] if tables else None
        if previous is not None and block.follows_blank_only and header == previous.header:
            previous.header_lines.append(block.first_line)
            if rows and previous.rows and continues(rows[0]):
                previous.rows[-1] = merge(previous.rows[-1], rows[0])
                rows = rows[1:]
            previous.rows.extend(rows)
        else:
            tables.append(
                LogicalTable(header=header, header_lines=[block.first_line], heading=block.heading, rows=rows)
            )
    return tables


def merge(first: LogicalRow, then: LogicalRow) -> LogicalRow:
    """``first`` with ``then`` appended cell by cell (empty cells add nothing)."""
    width = max(len(first.cells), len(then.cells))
    cells = []
    for index in range(width):
        head = first.cells[index] if index < len(first.cells) else ""
        tail = then.cells[index] if index < len(then.cells) else ""
        cells.append(" ".join(part for part in (head.strip(), tail.strip()) if part))
    return LogicalRow(lines=first.lines + then.lines, cells=tuple(cells))


_HEADER_HYPHENATION = re.compile(r"(?<=\w)[-\u00ad\u2010]\s*(?=\w)")


def header_name(cell: str) -> str:
    """A header cell for matching: plain lower-case text, one space, hyphenation undone
    (``Riski-arvo`` reads ``riskiarvo``)."""
    return _HEADER_HYPHENATION.sub("", " ".join(strip_markup(cell).lower().split()))


@lru_cache(maxsize=8192)
def names_column(pattern: str, name: str) -> bool:
    """Whether a header cell's name (``header_name``) is the column ``pattern`` matches at its
    start: the whole name (``Arvio``), or each half of a cell printing it in Finnish and Swedish
    (``Arvio / Bedömning``: ``bilingual_halves``), as budget headers read ``TP/BS 2024``.
    Remembered: the tables of a corpus print few header names, each asked of every pattern."""
    if re.match(pattern, name):
        return True
    halves = bilingual_halves(name)
    return halves is not None and all(re.match(pattern, half) for half in halves)


class HeaderColumns:
    """Find a text table's columns by their header text (regular expressions matched at the
    start of each normalised header cell), with errors naming the header's line."""

    def __init__(self, header: tuple[str, ...], what: str, source: str, line: int) -> None:
        self.header = header
        self.names = [header_name(cell) for cell in header]
        self.what = what
        self.source = source
        self.line = line

    def optional(self, pattern: str, name: str | None = None) -> int | None:
        """The column matching ``pattern``, if any; ``name`` says in an error what it is (else
        the pattern does)."""
        matches = [index for index, header_name in enumerate(self.names) if names_column(pattern, header_name)]
        if len(matches) > 1:
            raise ExtractionError(
                self.source, self.line, f"{self.what} has several columns {self._of(pattern, name)}: {self.header}"
            )
        return matches[0] if matches else None

    def required(self, pattern: str, name: str | None = None) -> int:
        index = self.optional(pattern, name)
        if index is None:
            raise ExtractionError(
                self.source, self.line, f"{self.what} has no column {self._of(pattern, name)}: {self.header}"
            )
        return index

    @staticmethod
    def _of(pattern: str, name: str | None) -> str:
        return f"matching {pattern!r}" if name is None else f"of {name}"


ColumnsT = TypeVar("ColumnsT")


@dataclass(frozen=True)
class ColumnTable(Generic[ColumnsT]):
    """How a kind of text table with named columns is read: its columns from a header (cells,
    file, line; raises ``ExtractionError`` when it cannot), and whether the first row after a
    repeated header carries on the row before the page break."""

    kind: str
    read_columns: Callable[[tuple[str, ...], str, int], ColumnsT]
    continues: Callable[[ColumnsT, LogicalRow], bool]

    def block_columns(self, block: TableBlock, source: str) -> ColumnsT:
        return self.read_columns(header_cells(block.rows[0]), source, block.first_line)

    def tables(
        self, blocks: Sequence[TableBlock], source: str, rejects: Rejects
    ) -> Iterator[tuple[LogicalTable, list[TableBlock]]]:
        """Each table of this kind in ``blocks``, rows rejoined over page breaks, with the printed
        blocks it was read from; a block whose header cannot be read is a table reject."""
        for run in runs_of_kind(blocks, self.kind):
            read_header = partial(self.block_columns, source=source)
            for readable in readable_runs(run, read_header, self.kind, rejects):
                columns_at = {row.line: read_header(block) for block in readable for row in block.rows[1:]}
                continues = partial(self._continues, columns_at)
                for table in join_page_breaks(readable, continues):
                    yield table, readable

    def _continues(self, columns_at: dict[int, ColumnsT], row: LogicalRow) -> bool:
        return self.continues(columns_at[row.first_line], row)


def optional_text(row: LogicalRow, index: int | None) -> str:
    """The row's text in an optional column; empty when the table has no such column."""
    return "" if index is None else row.text(index)
