"""Parse budget-vs-actual tables: operating (käyttötalous) and investment tables.

A budget table's header names its unit in the first cell and, in the other cells, the
columns: prior-year financial statement (``Tilinpäätös 2024`` / ``TP2024``), budget
(``Talousarvio 2025`` / ``TA 2025``), actual (``Toteuma 2025`` / ``Toteuma 1- 12``),
variance (``Poikkeama``) and execution percentage (``Toteuma %``). The header is one
line (``<Unit> Selite``) or two, the second starting with ``Selite`` and holding the
years. Roles and years come from the header text, never from column positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kuntatalous.errors import ExtractionError
from kuntatalous.output.rejects import CELL, ROW, TABLE, Rejects, row_text, strict
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.numbers import NumberFormatError, parse_amount, parse_percent, strip_markup

PRIOR_ACTUAL = "prior_actual"
BUDGET = "budget"
ACTUAL = "actual"
VARIANCE = "variance"
EXECUTION_PCT = "execution_pct"

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_MONTHS = re.compile(r"(?<!\d)1\s*-\s*12(?!\d)")
"""``Toteuma 1- 12``: January to December, the one header text with digits that are not a year."""
_WITH_DIGITS = re.compile(r"\S*\d\S*")
_SELITE = re.compile(r"\s*\bSelite$", re.IGNORECASE)
_SCALE = re.compile(r"\b1\s?000\s?(?:€|eur)|\bt\s?€|\bteur\b|\bmilj|\bm€|\btuhat", re.IGNORECASE)
_COMPARABILITY = re.compile(r"vertailutied|vertailukelpoi", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:ei|eivät|eikä|eivätkä)\b", re.IGNORECASE)
_STATED_COMPARABLE = re.compile(r"\b(?:on|ovat)\s+(?:\w+\s+)?vertailukelpoisia\b", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """One value column of a budget table's header."""

    role: str
    year: int | None
    text: str


@dataclass(frozen=True)
class BudgetHeader:
    unit_label: str
    columns: tuple[Column, ...]
    lines: int
    """How many printed lines the header takes (1 or 2)."""
    signature: tuple[tuple[str, ...], ...]
    """The header's raw cells, to recognise it when a page break repeats it."""

    def year(self, role: str) -> int | None:
        for column in self.columns:
            if column.role == role:
                return column.year
        return None

    def has(self, role: str) -> bool:
        return any(column.role == role for column in self.columns)


@dataclass(frozen=True)
class BudgetRow:
    line: int
    label: str
    is_bold: bool
    values: dict[str, Decimal | None]
    rejected: frozenset[str] = frozenset()
    """Roles of the cells that could not be read (kept empty here, listed as rejects)."""

    @property
    def is_section(self) -> bool:
        """A section caption (``TOIMINTATUOTOT``) printed with every value cell empty."""
        return not self.rejected and all(value is None for value in self.values.values())


@dataclass
class BudgetTable:
    first_line: int
    header: BudgetHeader
    heading: str | None
    rows: list[BudgetRow] = field(default_factory=list)
    comparability_note: tuple[int, str] | None = None

    @property
    def is_prior_year_comparable(self) -> bool:
        return self.comparability_note is None


def _column_role(text: str) -> str | None:
    lowered = text.lower()
    if re.match(r"toteuma\s*%$", lowered):
        return EXECUTION_PCT
    if "%" in lowered:
        return None
    if re.match(r"poikkeama\b", lowered):
        return VARIANCE
    if re.match(r"tilinpäätös\b", lowered) or re.match(r"tp\s*\d{4}$", lowered):
        return PRIOR_ACTUAL
    if re.match(r"talousarvio\b", lowered) or re.match(r"ta\s*\d{4}$", lowered):
        return BUDGET
    if re.match(r"toteuma\b", lowered):
        return ACTUAL
    return None


def parse_header(block: TableBlock, source: str) -> BudgetHeader | None:
    """The budget header of a table block, or ``None`` if it is another kind of table."""
    first = block.rows[0]
    texts, signature = _header_texts(block, source)
    roles = [_column_role(text) for text in texts[1:]]
    # A budget column (Talousarvio / TA) makes a budget table; every other column of
    # it must then be understood.
    if BUDGET not in roles:
        return None
    columns = [_header_column(text, role, source, first.line) for text, role in zip(texts[1:], roles, strict=True)]
    if ACTUAL not in roles:
        raise ExtractionError(source, first.line, "budget table header has no actual (Toteuma) column")
    for role in {column.role for column in columns}:
        if sum(column.role == role for column in columns) > 1:
            raise ExtractionError(source, first.line, f"budget table header has two '{role}' columns")
    for text in texts:
        if _SCALE.search(text):
            raise ExtractionError(
                source, first.line, f"header '{text}' gives amounts in thousands or millions; only euros are supported"
            )
    unit_label = _SELITE.sub("", texts[0]).strip()
    if not unit_label:
        raise ExtractionError(source, first.line, "budget table header does not name its unit")
    header = BudgetHeader(
        unit_label=unit_label, columns=tuple(columns), lines=len(signature), signature=tuple(signature)
    )
    return _with_years(header, source, first.line)


def _header_texts(block: TableBlock, source: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The header's cell texts (a second line starting ``Selite`` joined to the first) and its
    raw lines."""
    first = block.rows[0]
    texts = [strip_markup(cell) for cell in first.cells]
    if len(block.rows) < 2 or strip_markup(block.rows[1].cells[0]).lower() != "selite":
        return texts, [first.cells]
    second = block.rows[1]
    if len(second.cells) != len(first.cells):
        raise ExtractionError(
            source,
            second.line,
            f"header's second line has {len(second.cells)} cells, the first has {len(first.cells)}",
        )
    texts = [f"{a} {strip_markup(b)}".strip() for a, b in zip(texts, second.cells, strict=True)]
    texts[0] = strip_markup(first.cells[0])
    return texts, [first.cells, second.cells]


def _header_column(text: str, role: str | None, source: str, line: int) -> Column:
    """One value column of a budget header: its role and the year its text names."""
    if role is None:
        raise ExtractionError(source, line, f"unexpected column '{text}' in a budget table header")
    years = _YEAR.findall(text)
    unreadable = [token for token in _WITH_DIGITS.findall(_MONTHS.sub(" ", text)) if not _YEAR.search(token)]
    if unreadable:
        raise ExtractionError(
            source, line, f"column '{text}': cannot read '{unreadable[0]}' as a year (expected e.g. 2025)"
        )
    if len(years) > 1:
        raise ExtractionError(source, line, f"column '{text}' names more than one year")
    return Column(role=role, year=int(years[0]) if years else None, text=text)


def _with_years(header: BudgetHeader, source: str, line: int) -> BudgetHeader:
    budget_year = header.year(BUDGET)
    if budget_year is None:
        raise ExtractionError(source, line, "budget column header has no year (expected e.g. 'Talousarvio 2025')")
    columns = []
    for column in header.columns:
        year = column.year
        if column.role == ACTUAL:
            year = budget_year if year is None else year
            if year != budget_year:
                raise ExtractionError(
                    source, line, f"actual column year {year} differs from budget column year {budget_year}"
                )
        if column.role == PRIOR_ACTUAL:
            if year is None:
                raise ExtractionError(
                    source, line, f"prior-year column '{column.text}' has no year (expected e.g. 'Tilinpäätös 2024')"
                )
            if year >= budget_year:
                raise ExtractionError(
                    source, line, f"prior-year column year {year} is not before the budget year {budget_year}"
                )
        columns.append(Column(role=column.role, year=year, text=column.text))
    return BudgetHeader(
        unit_label=header.unit_label, columns=tuple(columns), lines=header.lines, signature=header.signature
    )


def parse_rows(
    rows: list[Row], header: BudgetHeader, source: str, rejects: Rejects | None = None, table_line: int | None = None
) -> list[BudgetRow]:
    """Parse a budget table's data rows (the header lines excluded).

    A row as wide as the header with a label loads; each cell it cannot read is a reject and
    stays empty. Any other row is a reject as a whole.
    """
    rejects = strict(rejects)
    width = len(header.columns) + 1
    parsed = []
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
        parsed.append(_row(row, header, source, rejects, table_line))
    return parsed


def _row(row: Row, header: BudgetHeader, source: str, rejects: Rejects, table_line: int | None) -> BudgetRow:
    """A row as wide as its header, with a label: each cell it cannot read is a reject, left empty."""
    values: dict[str, Decimal | None] = {}
    unread = set()
    for column, cell in zip(header.columns, row.cells[1:], strict=True):
        try:
            values[column.role] = _cell_value(column, cell, source, row.line)
        except ExtractionError as exc:
            rejects.add(
                exc, CELL, table_kind="budget", table_line=table_line, column_name=column.text, raw_text=cell.strip()
            )
            values[column.role] = None
            unread.add(column.role)
    label = strip_markup(row.cells[0])
    is_bold = "<b>" in row.cells[0].lower()
    return BudgetRow(line=row.line, label=label, is_bold=is_bold, values=values, rejected=frozenset(unread))


def _cell_value(column: Column, cell: str, source: str, line: int) -> Decimal | None:
    try:
        value = parse_percent(cell) if column.role == EXECUTION_PCT else parse_amount(cell)
    except NumberFormatError as exc:
        raise ExtractionError(source, line, f"column '{column.text}': {exc}") from None
    # The warehouse stores amounts and percentages to two decimals: more would be rounded away.
    exponent = None if value is None else value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
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


def parse_budget_tables(blocks: list[TableBlock], source: str, rejects: Rejects | None = None) -> BudgetTables:
    """Parse every budget table among ``blocks``.

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
            header = parse_header(block, source)
            if header is None and previous is not None:
                _reject_headerless_continuation(block, previous, source)
        except ExtractionError as exc:
            lines = (block.first_line, block.last_line)
            raw = row_text(block.rows[0])
            rejects.add(exc, TABLE, lines=lines, table_kind="budget", table_line=block.first_line, raw_text=raw)
            found.rejected.add(block.first_line)
            previous = None
            continue
        previous = None if header is None else _read_block(block, header, previous, found, source, rejects)
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
    rows = parse_rows(body, header, source, rejects, block.first_line)
    if (
        previous is not None
        and block.follows_blank_only
        and header.signature == previous.header.signature
        and not _labels(rows) & _labels(previous.rows)
    ):
        previous.rows.extend(rows)
        table = previous
    else:
        table = BudgetTable(first_line=block.first_line, header=header, heading=block.heading, rows=rows)
        found.tables.append(table)
    found.by_block[block.first_line] = table
    note = _comparability_note(block)
    if note is not None:
        table.comparability_note = note
    return table


def _repeats_header(row: Row, header: BudgetHeader) -> bool:
    return row.cells in header.signature


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


def _comparability_note(block: TableBlock) -> tuple[int, str] | None:
    """The paragraph under the table saying its prior-year figures are not comparable.

    Any paragraph that speaks of the comparatives counts, unless it says plainly that
    they are comparable.
    """
    for line, text in block.notes_after:
        if not _COMPARABILITY.search(text):
            continue
        if _STATED_COMPARABLE.search(text) and not _NEGATION.search(text):
            return None
        return (line, text)
    return None
