"""Read risk tables (Riskienhallinta): each identified risk, how likely and how serious it is
judged, how it is managed and how that management worked out.

The header names the columns: ``Riskiluokka | Tunnistettu riski | Riskiarvo | Hallintakeino |
Hallintakeinon toteutuminen`` (``Riskiarvo`` is also printed ``Riski-arvo``). The Riskiarvo cell
gives both judgements, ``<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b>``, or where its header
prints no scale one overall judgement in words (``Suuri``), read as the words below. Some tables print
the judgements in columns of their own, under a scale (``Riski | Todennäköisyys (1-5) |
Vaikutus (1-5) | Hallintakeinot`` or ``Toimenpiteet``, in Swedish ``Risk | Sannolikhet | Konsekvens | Åtgärder``):
the impact (Vaikutus, Konsekvens) is the significance, and a judgement off the printed scale is
an error. Where a header prints no scale, a judgement may be printed in words (``Suuri``,
``Kohtalainen``, ``Pieni``; ``Stor``, ``Måttlig``, ``Liten``): nothing in the table ties a word to a
number, so the word is kept as printed (``risk_value_raw``) and the number is left empty. A table
without Riskiluokka starts with the risk.

A table that prints the judgements in columns of their own may print the risk's score beside them
(``Riskiluku``, ``Riskitaso``, ``Riskin suuruus``, ``Pisteet``, ``Risknivå``; ``Riskiarvo`` there):
kept as printed, a whole number read (``printed_risk_score``; the warehouse checks it against
probability times significance), words (``Korkea``) kept only as printed. The top of the scale each
judgement's header prints is kept with the risk, a score being comparable only on one scale. A
column no role reads is not loaded: each of its cells that holds a digit is a reject.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kuntatalous.errors import ExtractionError
from kuntatalous.output import records
from kuntatalous.output.records import Record
from kuntatalous.output.rejects import CELL, Rejects, strict
from kuntatalous.tables.kind import Parsed, TextTableKind
from kuntatalous.tables.table_groups import (
    ColumnTable,
    HeaderColumns,
    LogicalRow,
    LogicalTable,
    header_name,
    optional_text,
)
from kuntatalous.text.layout import TableBlock
from kuntatalous.text.numbers import strip_markup

KIND = "risks"

RISK_COLUMNS = records.RISKS.columns[len(records.PROVENANCE) :]
"""The fields a parser fills: the declared ones after the provenance the extraction adds."""

# Header spellings, matched at the start of a normalised header cell (``HeaderColumns``);
# Finnish, then Swedish.
_RISK_CLASS_COLUMN = r"riskiluokka"
_RISK_COLUMN = r"(?:tunnistettu\s+riski|riski$|risk$)"
_VALUE_COLUMN = r"riskiarvo"
_PROBABILITY_COLUMN = r"(?:todenn\u00e4k\u00f6isyys|sannolikhet)"
_SIGNIFICANCE_COLUMN = r"(?:merkitt\u00e4vyys|vaikutus|konsekvens)"
_MITIGATION_COLUMN = r"(?:hallintakeinot?|toimenpiteet|toimenpide|\u00e5tg\u00e4rder)$"
_MITIGATION_OUTCOME_COLUMN = r"hallintakeinon\s+toteutu"
SCORE_COLUMN = (
    r"(?:riskiluku|riskitaso|riskin\s+(?:suuruus|taso)|riskipisteet|pisteet"
    r"|riskniv\u00e5|riskv\u00e4rde|riskpo\u00e4ng|po\u00e4ng)"
)
"""A column printing the risk's score (as the table computes it from the two judgements);
``Riskiarvo`` is one too beside the judgements' columns of its own."""

_SCALE = re.compile(r"\(\s*(\d+)\s*[-\u2013]\s*(\d+)\s*\)")
"""The scale a judgement column's header prints after its name: ``Todennäköisyys (1-5)``."""
_PROBABILITY = re.compile(r"todenn\u00e4k\u00f6isyys\s*:?\s*(\d+)", re.IGNORECASE)
_SIGNIFICANCE = re.compile(r"merkitt\u00e4vyys\s*:?\s*(\d+)", re.IGNORECASE)
_JUDGEMENTS = ("Todenn\u00e4k\u00f6isyys", "Merkitt\u00e4vyys")
"""The two judgements of a risk as a Riskiarvo error and ``risk_value_raw`` name them."""
_WHOLE = re.compile(r"\d+")
"""A judgement or a score printed in a column of its own: a whole number alone."""
_DIGIT = re.compile(r"\d")
JUDGEMENT_WORDS = frozenset(
    {
        "erittäin suuri",
        "suuri",
        "merkittävä",
        "kohtalainen",
        "pieni",
        "vähäinen",
        "erittäin pieni",
        "mycket stor",
        "stor",
        "måttlig",
        "liten",
        "mycket liten",
    }
)
"""A judgement printed in words, in a column of its own or as the Riskiarvo's one overall
judgement, lower case: Finnish, then Swedish. No number is read from one: the reports print no
scale that ties a word to a number."""


@dataclass(frozen=True)
class _RiskColumns:
    risk_class: int | None
    risk: int
    value: int | None
    """Riskiarvo: both judgements in one cell; else ``judgements`` gives a column to each."""
    mitigation: int | None
    outcome: int | None
    judgements: tuple[int, int] | None = None
    """The Todennäköisyys and Merkittävyys columns of a table that prints them apart."""
    scales: tuple[range | None, range | None] = (None, None)
    """The scale each of those columns' headers prints (``(1-5)``), where it prints one."""
    score: int | None = None
    """The column printing the risk's score, beside the judgements' columns."""
    unread: tuple[int, ...] = ()
    """The columns no role reads."""

    def judged_in(self) -> int:
        """The column that the judgement of a risk starts in."""
        if self.value is not None:
            return self.value
        assert self.judgements is not None, "a risk table has Riskiarvo or both judgement columns"
        return self.judgements[0]


def risk_records(
    blocks: list[TableBlock],
    source: str,
    rejects: Rejects | None = None,
    *,
    statement_year: int | None = None,
    municipality: str | None = None,
) -> Parsed:
    """One record per risk in ``blocks`` (one report's tables, in document order).

    Blocks of other kinds are skipped. A risk table that runs over a page is rejoined; the
    first row after the repeated header carries on the risk before the break when it has
    neither a risk class nor a Riskiarvo of its own. A table whose header cannot be read and
    a risk whose Riskiarvo cannot be read go to ``rejects`` (strict when not given).
    """
    del statement_year, municipality  # a risk table has no year columns, nor funders
    rejects = strict(rejects)
    records: list[Record] = []
    for table, _ in _RISK_TABLE.tables(blocks, source, rejects):
        records.extend(_table_records(table, source, rejects))
    return Parsed(records)


def _continues(columns: _RiskColumns, row: LogicalRow) -> bool:
    return optional_text(row, columns.risk_class) == "" and row.text(columns.judged_in()) == ""


def risk_value(cell: str) -> tuple[int, int] | None:
    """Probability and significance from a Riskiarvo cell; ``None`` unless it gives both once.

    >>> risk_value("<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b>")
    (2, 1)
    """
    text = strip_markup(cell)
    probability = _PROBABILITY.findall(text)
    significance = _SIGNIFICANCE.findall(text)
    if len(probability) != 1 or len(significance) != 1:
        return None
    return int(probability[0]), int(significance[0])


def _columns(header: tuple[str, ...], source: str, line: int) -> _RiskColumns:
    """A risk table's columns: how each risk is judged (``_judged_by``), the printed score beside
    judgements in columns of their own, the text columns, and the columns no role reads."""
    columns = HeaderColumns(header, "risk table", source, line)
    value, judgements, score = _judged_by(columns)
    read = _RiskColumns(
        risk_class=columns.optional(_RISK_CLASS_COLUMN),
        risk=columns.required(_RISK_COLUMN),
        value=value,
        mitigation=columns.optional(_MITIGATION_COLUMN),
        outcome=columns.optional(_MITIGATION_OUTCOME_COLUMN),
        judgements=judgements,
        scales=(None, None) if judgements is None else (_scale(header[judgements[0]]), _scale(header[judgements[1]])),
        score=score,
    )
    roles = {read.risk_class, read.risk, read.value, read.mitigation, read.outcome, read.score, *(judgements or ())}
    return dataclasses.replace(read, unread=tuple(index for index in range(len(header)) if index not in roles))


def figure_columns(header: tuple[str, ...]) -> tuple[int, ...]:
    """The columns of a risk table's header whose cells are figures a record lands or a reject
    holds: the judgement (the Riskiarvo cell, or where each judgement has a column of its own the
    probability's, both landing with the probability), the printed score, and every column no
    role reads (each of its cells holding a digit a reject). Every column after the first where
    the header cannot be read (the table is a reject)."""
    try:
        columns = _columns(header, "", 0)
    except ExtractionError:
        return tuple(range(1, len(header)))
    judged = (columns.judged_in(),)
    return tuple(sorted({*judged, *([] if columns.score is None else [columns.score]), *columns.unread}))


def _judged_by(columns: HeaderColumns) -> tuple[int | None, tuple[int, int] | None, int | None]:
    """The Riskiarvo column giving both judgements, else the Todennäköisyys and Merkittävyys
    columns; and beside those, the column printing the score (a Riskiarvo there is one)."""
    value = columns.optional(_VALUE_COLUMN)
    probability, significance = columns.optional(_PROBABILITY_COLUMN), columns.optional(_SIGNIFICANCE_COLUMN)
    if probability is None or significance is None:
        if value is None:
            columns.required(_VALUE_COLUMN)  # the error naming the column a risk table needs
        return value, None, None
    score = columns.optional(SCORE_COLUMN, "the risk's score")
    if score is None:
        return None, (probability, significance), value
    return None, (probability, significance), score


def _scale(cell: str) -> range | None:
    """The scale a header cell prints (``Vaikutus (1-5)``: 1 to 5), or ``None``."""
    match = _SCALE.search(cell)
    return range(int(match[1]), int(match[2]) + 1) if match else None


@dataclass(frozen=True)
class _Unread:
    """A judgement that cannot be read: the column and the cell as printed, and why."""

    column: int
    cell: str
    problem: str


def _judgement(
    columns: _RiskColumns, header: tuple[str, ...], row: LogicalRow
) -> tuple[str, tuple[int | None, int | None]] | _Unread:
    """A risk's judgement as printed and read, or the cell that cannot be read: its Riskiarvo
    cell (``_value_judgement``), or its Todennäköisyys and Merkittävyys cells written as one
    (``Todennäköisyys: 3 Merkittävyys: 2``), each read by ``_column_judgement``."""
    if columns.value is not None:
        return _value_judgement(row.text(columns.value), columns.value, header)
    assert columns.judgements is not None, "a risk table has Riskiarvo or both judgement columns"
    cells = [row.text(column) for column in columns.judgements]
    numbers: list[int | None] = []
    for column, cell, scale in zip(columns.judgements, cells, columns.scales, strict=True):
        number, problem = _column_judgement(cell, scale)
        if problem is not None:
            return _Unread(column, cell, f"column '{header[column]}': {problem}")
        numbers.append(number)
    probability, significance = numbers
    return f"{_JUDGEMENTS[0]}: {cells[0]} {_JUDGEMENTS[1]}: {cells[1]}", (probability, significance)


def _value_judgement(
    raw: str, column: int, header: tuple[str, ...]
) -> tuple[str, tuple[int | None, int | None]] | _Unread:
    """A Riskiarvo cell as printed and read: both judgements' numbers (``risk_value``); or, where
    the header prints no scale, one overall judgement in words (``Suuri``: ``_in_words``), which
    gives neither number, as a word in a judgement's column of its own gives none."""
    value = risk_value(raw)
    if value is not None:
        return raw, value
    if _scale(header[column]) is None and _in_words(raw):
        return raw, (None, None)
    expected = f"expected one {_JUDGEMENTS[0]} and one {_JUDGEMENTS[1]} number, or a word such as 'Suuri'"
    return _Unread(column, raw, f"cannot read Riskiarvo '{raw}': {expected}")


def _in_words(cell: str) -> bool:
    """Whether a cell is a judgement in words (``JUDGEMENT_WORDS``), whatever its case and spacing."""
    return " ".join(cell.lower().split()) in JUDGEMENT_WORDS


def _column_judgement(cell: str, scale: range | None) -> tuple[int | None, str | None]:
    """A judgement printed in a column of its own, and why it cannot be read (``None`` if it can):
    a whole number, on the scale its header prints; or where the header prints none, a word of
    ``JUDGEMENT_WORDS``, which gives no number."""
    if _WHOLE.fullmatch(cell):
        if scale is not None and int(cell) not in scale:
            return None, f"{cell} is off the scale {scale[0]}-{scale[-1]} its header prints"
        return int(cell), None
    if scale is None and _in_words(cell):
        return None, None
    expected = "a whole number" if scale is not None else "a whole number or a word such as 'Suuri'"
    return None, f"cannot read '{cell}' as a judgement: expected {expected}"


def _table_records(table: LogicalTable, source: str, rejects: Rejects) -> Iterator[Record]:
    columns = _columns(table.header, source, table.first_line)
    for row in table.rows:
        if not any(row.text(index) for index in range(len(row.cells))):
            continue
        judged = _judgement(columns, table.header, row)
        if isinstance(judged, _Unread):
            error = ExtractionError(source, row.first_line, judged.problem)
            rejects.add_row_for_cell(error, table, row, KIND, judged.column, judged.cell)
            continue
        _reject_unread(columns, table, row, source, rejects)
        value_raw, value = judged
        score, score_raw = _score(columns, table, row, source, rejects)
        yield {
            "source_line": row.first_line,
            "table_line": table.first_line,
            "table_heading": table.heading or "",
            "risk_class": optional_text(row, columns.risk_class),
            "risk": row.text(columns.risk),
            "probability": value[0],
            "significance": value[1],
            "risk_value_raw": value_raw,
            "probability_scale_max": _top(columns.scales[0]),
            "significance_scale_max": _top(columns.scales[1]),
            "printed_risk_score": score,
            "printed_risk_score_raw": score_raw,
            "mitigation": optional_text(row, columns.mitigation),
            "mitigation_outcome": optional_text(row, columns.outcome),
        }


def _top(scale: range | None) -> int | None:
    """The top of a printed scale (``(1-4)``: 4), ``None`` where none is printed."""
    return None if scale is None else scale[-1]


def _score(
    columns: _RiskColumns, table: LogicalTable, row: LogicalRow, source: str, rejects: Rejects
) -> tuple[int | None, str]:
    """A risk's printed score and its cell as printed: a whole number read, words (``Korkea``)
    kept as printed only; a cell with a digit that is no whole number is a cell reject, empty."""
    cell = optional_text(row, columns.score)
    if _WHOLE.fullmatch(cell):
        return int(cell), cell
    if columns.score is None or not _DIGIT.search(cell):
        return None, cell
    column = table.header[columns.score]
    problem = f"column '{column}': cannot read '{cell}' as the risk's score: expected a whole number or words"
    error = ExtractionError(source, row.first_line, problem)
    rejects.add(error, CELL, table_kind=KIND, table_line=table.first_line, column_name=column, raw_text=cell)
    return None, ""


def _reject_unread(columns: _RiskColumns, table: LogicalTable, row: LogicalRow, source: str, rejects: Rejects) -> None:
    """Reject each cell holding a digit in a column no role of a risk table reads: a figure
    printed there is not loaded."""
    for index in columns.unread:
        cell = row.text(index)
        if not _DIGIT.search(cell):
            continue
        column = table.header[index]
        problem = f"column '{column}': no role of a risk table reads it, so '{cell}' is not loaded"
        error = ExtractionError(source, row.first_line, problem)
        rejects.add(error, CELL, table_kind=KIND, table_line=table.first_line, column_name=column, raw_text=cell)


_RISK_TABLE = ColumnTable(KIND, _columns, _continues)


def _recognise(cells: list[str]) -> bool:
    """A risk table's header: it starts with Riskiluokka, or with the risk and names how each
    risk is judged (Riskiarvo, or both Todennäköisyys and Merkittävyys)."""
    names = [header_name(cell) for cell in cells]
    if not names:
        return False
    if re.match(_RISK_CLASS_COLUMN, names[0]):
        return True
    judged = (_VALUE_COLUMN,) if _names(names, _VALUE_COLUMN) else (_PROBABILITY_COLUMN, _SIGNIFICANCE_COLUMN)
    return bool(re.match(_RISK_COLUMN, names[0])) and all(_names(names, column) for column in judged)


def _names(names: list[str], column: str) -> bool:
    return any(re.match(column, name) for name in names)


TABLE_KIND = TextTableKind(KIND, "risk table", _recognise, risk_records, records.RISKS)
