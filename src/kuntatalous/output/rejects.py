"""Input the extractor could not read, kept with its file, lines, table, column, text and reason.

Extraction is strict by default: the first reject raises its ``ExtractionError`` and nothing is
written. With ``keep_going`` each reject is recorded instead and extraction carries on with
everything else; the rejects are written to ``raw_rejects.csv``.

A reject's ``scope`` says how much it holds back:

* ``cell``: one value cell; its row loads with that cell empty (a missing figure, never zero);
* ``row``: one table row, ``source_line`` to ``last_line`` (a page break may split a row);
* ``table``: a whole table, from its header at ``source_line`` to ``last_line``;
* ``file``: the whole file, which is not loaded (``source_line`` is where the problem shows,
  when there is such a line).

A reject left out by design (``BY_DESIGN``) is recorded by a strict extraction too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuntatalous.errors import ExtractionError, NotReadError
from kuntatalous.output.records import Record
from kuntatalous.text.layout import Row

if TYPE_CHECKING:
    from kuntatalous.tables.table_groups import LogicalRow, LogicalTable

CELL = "cell"
ROW = "row"
TABLE = "table"
FILE = "file"
GROUP_STATEMENT = "group_statement"
SUMMARY_BY_UNIT = "summary_by_unit"
BALANCE_SHEET = "balance_sheet"
CHANGE_COLUMN = "change_column"
BY_DESIGN = (GROUP_STATEMENT, SUMMARY_BY_UNIT, BALANCE_SHEET, CHANGE_COLUMN)
"""Why a reject is left out on purpose (``errors.NotReadError``): a table of the municipal
group's statements, a row of a summary by unit, a table of the balance sheet (stocks, which no
statement the warehouse reads holds), a key figure's cell of the change between the years
printed (``Muutos %``: each year's figure is held, the change is theirs to compute). dbt
accepts these values (``stg_reports__rejects``; a test holds the two equal);
``no_unaccepted_rejects`` does not fail on them, and
``summary_rows_name_read_units`` fails on a summary's row whose unit prints no table of its own."""


@dataclass(frozen=True)
class Reject:
    """One thing the extractor could not read."""

    scope: str
    source_file: str
    source_line: int | None
    last_line: int | None
    reason: str
    table_kind: str = ""
    table_line: int | None = None
    column_name: str = ""
    raw_text: str = ""
    by_design: str = ""

    def record(self, document_id: str) -> Record:
        """The reject as a record of ``raw_rejects``; ``document_id`` is empty when the file was
        not loaded."""
        return {
            "document_id": document_id,
            "source_file": self.source_file,
            "source_line": self.source_line,
            "last_line": self.last_line,
            "scope": self.scope,
            "table_kind": self.table_kind,
            "table_line": self.table_line,
            "column_name": self.column_name,
            "raw_text": self.raw_text,
            "reason": self.reason,
            "by_design": self.by_design,
        }


class Rejects:
    """Where the parsers send what they cannot read: raised when strict, kept when not."""

    def __init__(self, *, keep_going: bool = False) -> None:
        self.keep_going = keep_going
        self.found: list[Reject] = []

    def add(
        self,
        error: ExtractionError,
        scope: str,
        *,
        lines: tuple[int, int] | None = None,
        table_kind: str = "",
        table_line: int | None = None,
        column_name: str = "",
        raw_text: str = "",
    ) -> None:
        """Record ``error`` as a reject of ``scope``, or raise it when extraction is strict (a
        ``NotReadError`` is recorded either way).

        ``lines`` are the first and last line held back; by default the error's own line (a
        file reject holds back the whole file).
        """
        by_design = error.by_design if isinstance(error, NotReadError) else ""
        if not self.keep_going and not by_design:
            raise error
        first: int | None
        last: int | None
        if lines is not None:
            first, last = lines
        else:
            first, last = error.line, (None if scope == FILE else error.line)
        self.found.append(
            Reject(
                scope=scope,
                source_file=error.source,
                source_line=first,
                last_line=last,
                reason=error.message,
                table_kind=table_kind,
                table_line=table_line,
                column_name=column_name,
                raw_text=raw_text,
                by_design=by_design,
            )
        )

    def add_row_for_cell(
        self, error: ExtractionError, table: LogicalTable, row: LogicalRow, kind: str, column: int, raw_text: str
    ) -> None:
        """Reject a text table's whole row (all its lines) for the cell in ``column`` that
        cannot be read, quoting that cell."""
        self.add(
            error,
            ROW,
            lines=(row.first_line, row.last_line),
            table_kind=kind,
            table_line=table.first_line,
            column_name=table.header[column],
            raw_text=raw_text,
        )


def strict(rejects: Rejects | None) -> Rejects:
    """``rejects``, or a strict collector when the caller gave none."""
    return Rejects() if rejects is None else rejects


def row_text(row: Row) -> str:
    """A printed row's text as in the file (cells separated by tabs)."""
    return "\t".join(row.cells)
