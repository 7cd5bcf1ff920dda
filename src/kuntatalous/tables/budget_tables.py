"""Parse budget-vs-actual tables: operating (käyttötalous), investment and the whole city's
income statement, in any layout of the report family.

A budget table's header names its unit in the first cell and, in the other cells, its columns,
read through the column vocabulary (:mod:`kuntatalous.tables.budget_columns`): the prior
year's statement, the budget phases (one budget, or the original, the changes and the budget
in force), the actual, the variance and the execution percentage, and columns that are no
budget phase (kept with their header). Years come from the header, a second header line
(``Selite | 2024 | 2025``) or the statement year of the title, never from column positions.
Each table's cells are read by one number format and scale, decided from the whole table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kuntatalous.errors import ExtractionError
from kuntatalous.output.rejects import CELL, ROW, TABLE, Rejects, row_text, strict
from kuntatalous.tables.budget_columns import (
    ACTUAL,
    BUDGET,
    BUDGET_CHANGE,
    BUDGET_ORIGINAL,
    EXECUTION_PCT,
    FINANCING_STATEMENT,
    INCOME_STATEMENT,
    OTHER,
    PRIOR_ACTUAL,
    PRIOR_BUDGET,
    VARIANCE,
    CellReader,
    Column,
    HeaderReading,
    cell_reader,
    footnote_key,
    header_cells,
    header_line,
    names_a_statement,
    other_issuer,
    read_header,
    reads_as_budget_table,
    split_figure_footnote,
    split_label,
    variance_detection,
)
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.tables.variance import VarianceDetection
from kuntatalous.tables.vocabulary import classify_header
from kuntatalous.text.cells import NumberFormatError, decimal_places, strip_markup, without_tags
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.number_format import CENTS, is_nil

__all__ = [
    "ACTUAL",
    "BUDGET",
    "BUDGET_CHANGE",
    "BUDGET_ORIGINAL",
    "EXECUTION_PCT",
    "FINANCING_STATEMENT",
    "INCOME_STATEMENT",
    "PRIOR_ACTUAL",
    "PRIOR_BUDGET",
    "VARIANCE",
    "BudgetHeader",
    "BudgetRow",
    "BudgetTable",
    "BudgetTables",
    "PriorYearNote",
    "is_budget_header",
    "names_a_statement",
    "parse_budget_tables",
    "parse_header",
    "parse_rows",
]

BudgetHeader = HeaderReading

_COMPARABILITY = re.compile(r"vertailutied|vertailukelpoi|jämförelse(?:tal|uppgift)|jämförbar", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:ei|eivät|eikä|eivätkä|inte|ej|icke)\b", re.IGNORECASE)
_STATED_COMPARABLE = re.compile(
    r"\b(?:on|ovat)\s+(?:\w+\s+)?vertailukelpoisia\b|\bär\s+(?:\w+\s+)?jämförbara\b", re.IGNORECASE
)
_MADE_COMPARABLE = re.compile(
    r"\b(?:muutettu|oikaistu|korjattu|muokattu)\s+(?:\w+\s+)?vertailukelpoisiksi\b"
    r"|\b(?:muutettu|oikaistu|korjattu|muokattu)\s+vastaamaan\b"
    r"|\bhar\s+(?:\w+\s+)?(?:gjorts|justerats|korrigerats|ändrats)\b",
    re.IGNORECASE,
)
"""A note that the comparatives were restated to be comparable: ``Vuoden 2024 luvut on muutettu
vertailukelpoisiksi``, ``vertailutiedot on oikaistu vastaamaan uutta organisaatiota``, Swedish
``Jämförelsetalen har gjorts jämförbara``, ``har justerats``."""
_CITY_ONLY_LINES = frozenset({"verotulot", "skatteinkomster", "valtionosuudet", "statsandelar"})
"""Lines only the whole city prints: a table that prints them is the city's income statement."""
_FOOTNOTE_NOTE = re.compile(r"^(?P<marker>(?:\*+|[1-9])\)|\*+(?=\s)|[¹²³⁴⁵⁶⁷⁸⁹])\s*(?P<note>.+)$")
"""A note under the table for a footnote marker: ``*) Sisältää …``, ``* Sisältää …``, ``1) …``,
``¹ Sisältää …``."""


@dataclass(frozen=True)
class PriorYearNote:
    """The paragraph under a table about its prior-year figures: that they are not comparable, or
    (``restated``) that they were restated to be comparable with this year's."""

    line: int
    text: str
    restated: bool


@dataclass(frozen=True)
class BudgetRow:
    line: int
    label: str
    is_bold: bool
    values: dict[str, Decimal | None]
    """By column key: amounts in euros (printed times the scale), percentages as printed."""
    rejected: frozenset[str] = frozenset()
    """Keys of the cells that could not be read (kept empty here, listed as rejects)."""
    other_cells: tuple[tuple[str, str], ...] = ()
    """The non-empty cells of columns that are no budget phase: (header, cell as printed)."""
    footnote_markers: tuple[str, ...] = ()
    """The keys of the footnote markers on its label and on the figures read (``footnote_key``)."""
    terms: dict[str, int] = field(default_factory=dict)
    """By column key: how many printed figures its value sums (several for a key of several
    columns, ``BudgetHeader.summed_keys``; none where no cell of it prints one)."""

    @property
    def is_section(self) -> bool:
        """A section caption (``TOIMINTATUOTOT``) printed with every value cell empty."""
        return not self.rejected and not self.other_cells and all(v is None for v in self.values.values())


@dataclass
class BudgetTable:
    first_line: int
    header: BudgetHeader
    heading: str | None
    rows: list[BudgetRow] = field(default_factory=list)
    heading_level: int | None = None
    """The level of the heading above it (``layout.heading_level``)."""
    comparability_note: PriorYearNote | None = None
    footnotes: dict[str, str] = field(default_factory=dict)
    """The notes printed under the table (``*) Sisältää …``), by their marker's key
    (``footnote_key``: ``*``, ``1``)."""
    printed: list[tuple[int, dict[str, Decimal | None]]] = field(default_factory=list)
    """Each row's figures as printed (not scaled), for the variance convention."""

    def footnote(self, row: BudgetRow) -> str:
        """The notes under the table a row's footnote markers point to, each by its marker
        (``Palvelujen ostot 2)``: ``2) …``), joined by `` | ``; where none is printed for its
        markers, the only note the table prints, if it prints one (empty without)."""
        notes = [self.footnotes[marker] for marker in row.footnote_markers if marker in self.footnotes]
        if not notes and row.footnote_markers and len(self.footnotes) == 1:
            notes = list(self.footnotes.values())
        return " | ".join(dict.fromkeys(notes))

    @property
    def is_prior_year_comparable(self) -> bool:
        return self.comparability_note is None or self.comparability_note.restated

    @property
    def is_prior_year_restated(self) -> bool:
        return self.comparability_note is not None and self.comparability_note.restated

    @property
    def is_city_statement(self) -> bool:
        """The whole city's income statement by its heading and unit cell: they say so and name
        no other issuer (not ``Tekninen lautakunta, tuloslaskelma``), or it prints a line only
        the city prints (Verotulot, Valtionosuudet). Whose statement one named so is, the
        headings over it tell too (``tables.issuers``)."""
        named = INCOME_STATEMENT.search(self.title) is not None and other_issuer(self.title) is None
        return named or self.prints_city_only_lines

    @property
    def prints_city_only_lines(self) -> bool:
        """Whether it prints a line only the whole city prints (Verotulot, Valtionosuudet)."""
        return any(row.label.lower() in _CITY_ONLY_LINES for row in self.rows)

    @property
    def title(self) -> str:
        """Its heading and unit cell, where a statement's name and its issuer are printed."""
        return f"{self.heading or ''} {self.header.unit_label}"

    @property
    def names_a_statement(self) -> bool:
        """Its heading or unit cell names the income or the financing statement (or the budget's
        part of one, ``Tuloslaskelmaosa``), or it prints a line only the city prints."""
        return names_a_statement(self.title) or self.prints_city_only_lines

    @property
    def is_actuals_only(self) -> bool:
        """A statement printed with its actuals alone (``TP 2025 | TP 2024``): no budget."""
        return not self.header.has(BUDGET)

    @property
    def variance(self) -> VarianceDetection:
        return variance_detection(self.printed, self.header.scale)


def is_budget_header(block: TableBlock) -> bool:
    """Whether the block's first line is a budget table's header (``reads_as_budget_table``)
    and no other kind's."""
    roles = classify_header(header_cells(block), statement_year=None)
    return not _of_another_kind(block) and reads_as_budget_table(roles, block.rows[0].cells[0], block.heading)


def _of_another_kind(block: TableBlock) -> bool:
    """A text table's header, even in budget words (``Tunnusluku | TP 2024 | TA 2025`` is a
    key-figure table's), is never a budget table's."""
    return other_table_kind(block) != "unknown"


def parse_header(
    block: TableBlock, source: str, statement_year: int | None = None, lines: Sequence[str] = ()
) -> BudgetHeader | None:
    """The budget header of a table block, or ``None`` if it is another kind of table."""
    return None if _of_another_kind(block) else read_header(block, source, statement_year, lines)


def parse_rows(
    rows: list[Row],
    header: BudgetHeader,
    source: str,
    rejects: Rejects | None = None,
    table_line: int | None = None,
) -> tuple[list[BudgetRow], list[tuple[int, dict[str, Decimal | None]]]]:
    """Parse a budget table's data rows (the header lines excluded), with each row's figures
    as printed.

    A row as wide as the header with a label loads; each cell it cannot read is a reject and
    stays empty. Any other row is a reject as a whole. The rows' cells decide the table's
    number format; cells grouped two ways are an error for the table.
    """
    rejects = strict(rejects)
    width = len(header.columns) + 1
    whole = []
    for row in rows:
        problem = None
        if len(row.cells) != width:
            problem = f"budget table row has {len(row.cells)} cells, the header has {width}"
        elif not strip_markup(row.cells[0]):
            problem = "budget table row has no label"
        if problem is not None:
            error = ExtractionError(source, row.line, problem)
            rejects.add(error, ROW, table_kind="budget", table_line=table_line, raw_text=row_text(row))
            continue
        whole.append(row)
    reader = cell_reader(whole, header, source)
    parsed = [_row(row, header, reader, source, rejects, table_line) for row in whole]
    return [row for row, _ in parsed], [(row.line, printed) for row, printed in parsed]


def _row(
    row: Row, header: BudgetHeader, reader: CellReader, source: str, rejects: Rejects, table_line: int | None
) -> tuple[BudgetRow, dict[str, Decimal | None]]:
    """A row as wide as its header, with a label: each cell it cannot read is a reject, left empty.
    A footnote marker on its label or on a figure read (``split_figure_footnote``) is the row's."""
    values: dict[str, Decimal | None] = {}
    printed: dict[str, Decimal | None] = {}
    terms: dict[str, int] = {}
    cells = list(zip(header.columns, row.cells[1:], strict=True))
    # An other column, and each of several summed into one figure, is kept as printed too.
    others = [(c.text, text) for c, cell in cells if _kept_as_printed(c, header) and (text := strip_markup(cell))]
    unread = set()
    label, marker = split_label(strip_markup(row.cells[0]))
    markers = [marker]
    for column, cell in (pair for pair in cells if not pair[0].key.startswith(OTHER)):
        try:
            figure = _cell_value(column, cell, reader, source, row.line)
        except ExtractionError as exc:
            rejects.add(
                exc, CELL, table_kind="budget", table_line=table_line, column_name=column.text, raw_text=cell.strip()
            )
            figure = None
            unread.add(column.key)
        markers.append(split_figure_footnote(cell)[1] if figure is not None else "")
        # Several change columns sum; one of them unread leaves the sum unread.
        printed[column.key] = None if column.key in unread else reader.add(printed.get(column.key), figure)
        terms[column.key] = terms.get(column.key, 0) + (figure is not None)
        values[column.key] = reader.value(column, printed[column.key])
    budget_row = BudgetRow(
        line=row.line,
        label=label,
        is_bold="<b>" in row.cells[0].lower() or row.cells[0].strip().startswith("**"),
        values=values,
        rejected=frozenset(unread),
        other_cells=tuple(others),
        footnote_markers=tuple(dict.fromkeys(marker for marker in markers if marker)),
        terms={key: count for key, count in terms.items() if count},
    )
    return budget_row, printed


def _kept_as_printed(column: Column, header: BudgetHeader) -> bool:
    """Whether a column's cells are kept as printed: an other column's, and each of several
    summed into one figure (``BudgetRow.other_cells``)."""
    return column.key.startswith(OTHER) or column.key in header.summed_keys


def _cell_value(column: Column, cell: str, reader: CellReader, source: str, line: int) -> Decimal | None:
    is_pct = column.key == EXECUTION_PCT

    def problem() -> ExtractionError:
        what = "a percentage" if is_pct else "an amount"
        return ExtractionError(source, line, f"column '{column.text}': cannot read '{cell.strip()}' as {what}")

    if is_pct and is_nil(cell):
        return None  # a dash in a percentage column: none printed (an amount's is nil, ``CellReader``)
    # A percentage sign in an amount column, or a euro sign in a percentage column, is no such figure.
    if strip_markup(split_figure_footnote(cell)[0]).endswith("€" if is_pct else "%"):
        raise problem()
    try:
        value = reader.printed(cell)
    except NumberFormatError:
        raise problem() from None
    # The warehouse stores euros and percentages to two decimals: more would be rounded away.
    euros = reader.value(column, value)
    if euros is not None and decimal_places(euros.normalize()) > CENTS:
        raise ExtractionError(source, line, f"column '{column.text}': '{cell.strip()}' has more decimals than cents")
    return value


@dataclass
class BudgetTables:
    """The budget tables of a report's blocks."""

    tables: list[BudgetTable]
    by_block: dict[int, BudgetTable]
    """The table each block was read into, by the block's first line."""
    rejected: set[int]
    """First lines of the blocks rejected as budget tables (header unreadable, header missing)."""


def parse_budget_tables(
    blocks: list[TableBlock],
    source: str,
    rejects: Rejects | None = None,
    *,
    statement_year: int | None = None,
    lines: Sequence[str] = (),
) -> BudgetTables:
    """Parse every budget table among ``blocks`` (of a report whose title names
    ``statement_year``, and whose text is ``lines``: where a scale may be stated above a table, and
    a footnote's note under it).

    Returns the tables, the table each block was read into and the blocks rejected. A block
    that repeats the previous table's header after only blank lines, and whose rows
    go on where that table stopped (no label printed twice), is a page-break
    continuation and joins the previous table.
    """
    rejects = strict(rejects)
    found = BudgetTables(tables=[], by_block={}, rejected=set())
    previous: BudgetTable | None = None
    for block in blocks:
        try:
            header = parse_header(block, source, statement_year, lines)
            if header is None:
                if previous is not None:
                    _reject_headerless_continuation(block, previous, source)
                previous = None
                continue
            previous = _read_block(block, header, previous, found, source, rejects)
            previous.footnotes = _footnotes(block, lines) | previous.footnotes
        except ExtractionError as exc:
            lines_held = (block.first_line, block.last_line)
            raw = row_text(block.rows[0])
            rejects.add(exc, TABLE, lines=lines_held, table_kind="budget", table_line=block.first_line, raw_text=raw)
            found.rejected.add(block.first_line)
            previous = None
    return found


def _read_block(
    block: TableBlock,
    header: BudgetHeader,
    previous: BudgetTable | None,
    found: BudgetTables,
    source: str,
    rejects: Rejects,
) -> BudgetTable:
    """Read a block with a budget header into a new table of ``found``, or into ``previous`` when
    it carries that table on over a page break; return the table it was read into."""
    body = [row for row in block.rows[header.lines :] if not _repeats_header(row, header)]
    rows, printed = parse_rows(body, header, source, rejects, block.first_line)
    if (
        previous is not None
        and block.follows_blank_only
        and header.signature == previous.header.signature
        and not _labels(rows) & _labels(previous.rows)
    ):
        previous.rows.extend(rows)
        previous.printed.extend(printed)
        table = previous
    else:
        table = BudgetTable(
            first_line=block.first_line,
            header=header,
            heading=block.heading,
            rows=rows,
            heading_level=block.heading_level,
        )
        table.printed.extend(printed)
        found.tables.append(table)
    found.by_block[block.first_line] = table
    note = _comparability_note(block)
    if note is not None and (table.comparability_note is None or not note.restated):
        table.comparability_note = note  # a note after a part over a page break; not comparable wins
    return table


def _repeats_header(row: Row, header: BudgetHeader) -> bool:
    return header_line(row.cells) in header.signature


def _reject_headerless_continuation(block: TableBlock, previous: BudgetTable, source: str) -> None:
    """Rows right after a budget table, as wide as it, with no header of their own."""
    if (
        block.follows_blank_only
        and len(block.rows[0].cells) == len(previous.header.columns) + 1
        and other_table_kind(block) == "unknown"
    ):
        raise ExtractionError(
            source,
            block.first_line,
            "table rows follow a budget table without its header; expected the header repeated after a page break",
        )


def _labels(rows: list[BudgetRow]) -> set[str]:
    """Labels of the rows with figures: a caption (TOIMINTAKULUT) may share its total's name."""
    return {row.label.lower() for row in rows if not row.is_section}


def _comparability_note(block: TableBlock) -> PriorYearNote | None:
    """The first paragraph under the table that speaks of its prior-year figures.

    It says they are not comparable, unless it says plainly that they are comparable, or were
    restated to be (``luvut on muutettu vertailukelpoisiksi``, ``vertailutiedot on oikaistu
    vastaamaan uutta organisaatiota``: a restatement, kept as such), and denies nothing
    (``… eivätkä siten ole suoraan vertailukelpoisia``). A paragraph saying only that they are
    comparable is no note.
    """
    for line, text in block.notes_after:
        if not _COMPARABILITY.search(text):
            continue
        if _NEGATION.search(text):
            return PriorYearNote(line, text, restated=False)
        if _MADE_COMPARABLE.search(text):
            return PriorYearNote(line, text, restated=True)
        return None if _STATED_COMPARABLE.search(text) else PriorYearNote(line, text, restated=False)
    return None


def _footnotes(block: TableBlock, lines: Sequence[str]) -> dict[str, str]:
    """The notes under the table that footnote markers point to (``*) Sisältää …``, ``1) …``,
    ``¹ Sisältää …``), by their marker's key (``footnote_key``), the first of a key; read from
    the report's ``lines`` with their asterisks too where markup removed reads none (``**)
    Sisältää …``: ``strip_markup`` takes a markdown bold's ``**`` away)."""
    found: dict[str, str] = {}
    for line, text in block.notes_after:
        printed = without_tags(lines[line - 1]) if line <= len(lines) else text
        match = _FOOTNOTE_NOTE.match(text) or _FOOTNOTE_NOTE.match(printed)
        if match is not None:
            found.setdefault(footnote_key(match["marker"]), strip_markup(match["note"]))
    return found
