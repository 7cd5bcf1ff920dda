"""Account for every printed figure: each one is in a raw seed or in the rejects.

This reads the report's text and the seed CSVs as written, independently of how the
extractor parsed them, and compares, span by span, three counts:

* **printed**: the *numeric-looking value cells* of every table but goals tables (text only):
  those in ``raw_report_tables`` of kind ``operating``, ``investment``, ``financing``, ``budget``,
  ``projects``, ``key_figures``, ``risks`` or ``unknown``. A *value cell* is a cell of a body
  row (not a header line, nor a header repeated after a page break) in a value column: every
  column after the label in a budget, investment, key-figure or unknown table; every column of a
  projects table but its text columns (name, goal, description, funder, period and status: a
  header naming no funding, and a description's or naming no percentage or euros,
  ``_text_column``); the figure columns of a risk
  table (``risks.figure_columns``: the Riskiarvo column or, where each judgement has a column of
  its own, the probability's; the printed score; every column no role reads). Goals tables hold
  text only. A value
  cell is *numeric-looking* when its text, markup removed, holds a digit, or is a dash alone in
  a budget table's amount column (nil: its header names a budget phase, an actual or the
  variance; not a percentage, nor a column kept as text). A cell counts
  once however many numbers it holds (a key-figure cell ``hyte: 19 432; vaka: 509 928``,
  a Riskiarvo cell with two judgements).
* **landed**: the cells a seed row records, as the record declarations say
  (``Field.counted`` and the amount columns, ``output.records``): a non-empty amount or
  percentage of a ``raw_budget_rows`` row, and each of its cells in a column that is no budget
  phase (``other_columns``, kept as ``header: cell``) that holds a digit; a non-empty total
  funding, city share or spend (a percentage or in euros) of a ``raw_projects`` row, and each
  of its cells in a column no role reads (``other_columns``) that holds a digit; a column of a ``raw_key_figures``
  row whose raw text holds a digit (read as a number or kept as text), once however many
  sub-areas it holds
  (``RawTable.printed_cell``); the judgement of a ``raw_risks`` row (its probability) and its
  printed score where it holds a digit.
* **rejected**: cells held back in ``raw_rejects``: a cell reject whose raw text holds a
  digit counts one; a row or table reject counts every printed cell of its lines; a file
  reject, every printed cell of the file (the rejects of its parts, listed before it, then
  count nothing more).

A span is one line, or the lines of a projects row that a page break split (its
``source_line`` to ``last_line``): its cells are merged before they are read, so a cell
carried on over the break counts once. For every span, printed = landed + rejected.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kuntatalous.output import records
from kuntatalous.tables import risks
from kuntatalous.tables.table_groups import header_name
from kuntatalous.tables.table_kinds import STATEMENTS
from kuntatalous.tables.vocabulary import ColumnRole, Role, classify_cell
from kuntatalous.text.layout import Row, TableBlock, find_layout
from kuntatalous.text.numbers import strip_markup

Record = dict[str, str]

SEED_FILES = ("raw_report_tables", "raw_budget_rows", "raw_projects", "raw_key_figures", "raw_risks", "raw_rejects")
BUDGET_KINDS = (*STATEMENTS, "budget", "unknown")
"""Tables whose every cell after the label is a value cell: budget tables, and tables of no
kind the extractor reads (rejected whole when they hold figures)."""
_DIGIT = re.compile(r"\d")
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2212"})
"""A budget amount printed as a dash alone (hyphen, en or em dash, minus sign): nil, zero, as
the README's layout table says; a figure printed without a digit."""
_AMOUNT_ROLES = frozenset(Role) - {Role.EXECUTION_PCT, Role.OTHER}
"""The budget table columns whose dash is a figure (not a percentage column's, which prints no
percentage, nor a column kept as text)."""
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LANDED: dict[str, Callable[[str], bool]] = {
    records.FILLED: bool,
    records.HOLDS_DIGIT: lambda text: bool(_DIGIT.search(text)),
    records.CELLS: lambda text: bool(_DIGIT.search(text)),
}


def _cells(field: records.Field, text: str) -> list[tuple[str, str]]:
    """The printed cells a record's field holds, each named: one, or for a field of several
    cells (``header: cell`` joined) each cell's text after its header."""
    if field.landed_when != records.CELLS:
        return [(field.name, text)]
    parts = text.split(records.CELL_SEPARATOR) if text else []
    return [(f"{field.name}:{part.split(': ', 1)[0]}", part.split(": ", 1)[-1]) for part in parts]


@dataclass(frozen=True)
class Discrepancy:
    """A span whose printed value cells are not all landed or rejected."""

    source_file: str
    line: int
    printed: int
    landed: int
    rejected: int

    def __str__(self) -> str:
        return (
            f"{self.source_file}:{self.line}: {self.printed} numeric value cell(s) printed, "
            f"{self.landed} in the seeds, {self.rejected} rejected"
        )


def read_seeds(folder: Path) -> dict[str, list[Record]]:
    """The seed CSVs that the accounting reads, by name."""
    seeds = {}
    for name in SEED_FILES:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            seeds[name] = list(csv.DictReader(file))
    return seeds


def printed_cells(lines: Sequence[str], tables: list[Record]) -> dict[int, set[int]]:
    """The columns of the numeric-looking value cells of each line, in the recognised tables
    listed in ``tables`` (``raw_report_tables`` rows of one file). A block of lines that starts
    inside a listed table's lines, after its first, carries that table on over a page break:
    every one of its rows is a body row under the table's header."""
    spans = [(int(table["first_line"]), int(table["last_line"]), table["table_kind"]) for table in tables]
    cells: dict[int, set[int]] = {}
    headers: dict[int, list[tuple[str, ...]]] = {}
    for block in find_layout(lines).tables:
        found = next(((first, kind) for first, last, kind in spans if first <= block.first_line <= last), None)
        if found is None:
            continue
        first, kind = found
        if block.first_line == first:
            headers[first], columns, body = _header(block, kind)
        elif kind in BUDGET_KINDS:
            columns, body = None, block.rows
        else:
            continue
        amounts = _amount_columns(headers.get(first, []))
        # Budget tables skip a header repeated inside a block; other tables read it as a row.
        for row in body:
            if row.cells in headers.get(first, []):
                continue
            indexes = range(1, len(row.cells)) if columns is None else columns
            numeric = {i for i in indexes if i < len(row.cells) and _numeric(row.cells[i], i in amounts)}
            if numeric:
                cells[row.line] = numeric
    return cells


def _amount_columns(headers: list[tuple[str, ...]]) -> set[int]:
    """The columns of a budget table's header (its first line) that hold amounts: a dash alone
    there is a figure."""
    if not headers:
        return set()
    roles = {i: classify_cell(cell, None) for i, cell in enumerate(headers[0]) if i > 0}
    return {i for i, role in roles.items() if isinstance(role, ColumnRole) and role.role in _AMOUNT_ROLES}


def _header(block: TableBlock, kind: str) -> tuple[list[tuple[str, ...]], list[int] | None, list[Row]]:
    """A table's header lines as a repeated header would print them, its value columns (``None``:
    every column after the label) and its body rows, read from its first block."""
    header = block.rows[0]
    if kind in BUDGET_KINDS:
        headers = [header.cells]
        if len(block.rows) > 1 and _second_header_line(block.rows[1]):
            headers.append(block.rows[1].cells)
        return headers, None, block.rows[1:]
    if kind == "key_figures":
        return [], None, block.rows[1:]
    if kind in ("projects", "risks"):
        return [], _value_columns(header.cells, kind), block.rows[1:]
    return [], [], []


def _second_header_line(row: Row) -> bool:
    """A line under a budget header that carries it on: ``Selite | 2024 | 2025``, or a line whose
    cells after the label print words and years only, at least one (``euroa | 2024 | muutokset
    | %``)."""
    if strip_markup(row.cells[0]).lower() == "selite":
        return True
    values = [strip_markup(cell) for cell in row.cells[1:]]
    if any(_DIGIT.search(_YEAR.sub("", value)) for value in values):
        return False
    return any(re.search(r"[^\W\d_]", value) or _YEAR.search(value) for value in values)


def _value_columns(header: tuple[str, ...], kind: str) -> list[int]:
    if kind == "risks":
        return list(risks.figure_columns(header))
    names = [header_name(cell) for cell in header]
    return [i for i, name in enumerate(names) if not _text_column(name)]


_TEXT_COLUMNS = (
    ("hanke", "hankkeen nimi", "hankkeet", "projekt", "strateginen", "toteutusaika", "hankeaika", "aikataulu"),
    ("genomförandetid", "rahoittaja", "ulkoinen rahoittaja", "finansiär", "toteuma", "utfall", "tila", "status"),
)
"""How the header of a projects table's text column starts (its name, goal, period, funder and
status), in Finnish and Swedish; a description column contains ``kuvaus``, ``tavoite``,
``beskrivning`` or ``mål``."""


_EURO_UNIT = re.compile(r"(?<!\w)(?:[tkm] ?)?€(?!\w)")
"""A ``€`` standing as a unit: no letter or digit on either side of it but a scale's letter
(``Toteutunut €``, ``(1 000 €)``, ``t€``). Glued to the words around it
(``Toteuma€31.12.``) it names no unit, and the column is the status text it heads."""


def _text_column(name: str) -> bool:
    """A projects table's column that holds text (the years a name or description prints are no
    figures): its header names no funding, and reads as a description's (whatever else it prints:
    a ``%`` or ``€`` in ``Hankkeen tavoite, kuvaus %a rahoittaja`` is a misprint, the column's
    cells are the description's sentences, as the extractor reads them) or, naming no percentage
    or euros (``_EURO_UNIT``), as another text column's."""
    if any(word in name for word in ("rahoitus", "budjet", "budget", "andel")):
        return False
    if any(word in name for word in ("kuvaus", "tavoite", "beskrivning", "mål")):
        return True
    starts = tuple(word for words in _TEXT_COLUMNS for word in words)
    return "%" not in name and not _EURO_UNIT.search(name) and name.startswith(starts)


def _numeric(text: str, is_amount: bool = False) -> bool:
    """A value cell that prints a figure: a digit, or in an amount column a dash alone."""
    plain = strip_markup(text)
    return bool(_DIGIT.search(plain)) or (is_amount and plain.strip() in _DASHES)


def _landed(of_file: Callable[[str], list[Record]]) -> Counter[int]:
    """The value cells each line's seed rows record."""
    landed: Counter[int] = Counter()
    for table in records.RAW_TABLES:
        counted = [field for field in table.fields if field.landed_when is not None]
        cells: set[tuple[int, object, str]] = set()
        for index, record in enumerate(of_file(table.name) if counted else []):
            cell = index if table.printed_cell is None else record[table.printed_cell]
            for field in counted:
                for name, text in _cells(field, record[field.name]):
                    if field.landed_when is not None and _LANDED[field.landed_when](text):
                        cells.add((int(record["source_line"]), cell, name))
        landed.update(line for line, _, _ in cells)
    return landed


def _rejected(rejects: list[Record]) -> tuple[Counter[int], set[int], bool]:
    """The rejected cells of each line, the lines held back whole, and whether the file was."""
    rejected_cells: Counter[int] = Counter()
    held_back: set[int] = set()
    whole_file = False
    for record in rejects:
        if record["scope"] == "file":
            whole_file = True
        elif record["scope"] == "cell":
            rejected_cells[int(record["source_line"])] += 1 if _DIGIT.search(record["raw_text"]) else 0
        else:
            held_back.update(range(int(record["source_line"]), int(record["last_line"]) + 1))
    return rejected_cells, held_back, whole_file


def account(source_file: str, lines: Sequence[str], seeds: dict[str, list[Record]]) -> list[Discrepancy]:
    """The spans of one report whose printed value cells are not all landed or rejected."""

    def of_file(name: str) -> list[Record]:
        return [record for record in seeds[name] if record["source_file"] == source_file]

    printed = printed_cells(lines, of_file("raw_report_tables"))
    span: dict[int, int] = {}
    for record in of_file("raw_projects"):
        for line in range(int(record["source_line"]), int(record["last_line"]) + 1):
            span[line] = int(record["source_line"])
    landed = _landed(of_file)
    rejected_cells, held_back, whole_file = _rejected(of_file("raw_rejects"))
    spans: dict[int, tuple[set[int], int, int, bool]] = {}
    for line in sorted(set(printed) | set(landed) | set(rejected_cells)):
        key = span.get(line, line)
        columns, landed_here, rejected_here, whole = spans.get(key, (set(), 0, 0, False))
        spans[key] = (
            columns | printed.get(line, set()),
            landed_here + landed[line],
            rejected_here + rejected_cells[line],
            whole or line in held_back,
        )
    found = []
    for line, (columns, landed_here, rejected_here, whole) in sorted(spans.items()):
        rejected = len(columns) if whole or whole_file else rejected_here
        if len(columns) != landed_here + rejected:
            found.append(Discrepancy(source_file, line, len(columns), landed_here, rejected))
    return found
