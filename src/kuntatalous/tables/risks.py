"""Read risk tables (Riskienhallinta): each identified risk, how likely and how serious it is
judged, how it is managed and how that management worked out.

The header names the columns: ``Riskiluokka | Tunnistettu riski | Riskiarvo | Hallintakeino |
Hallintakeinon toteutuminen`` (``Riskiarvo`` is also printed ``Riski-arvo``). The Riskiarvo cell
gives both judgements, ``<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kuntatalous.errors import ExtractionError
from kuntatalous.output import records
from kuntatalous.output.records import Record
from kuntatalous.output.rejects import Rejects, strict
from kuntatalous.tables.kind import Parsed, TextTableKind
from kuntatalous.tables.table_groups import (
    ColumnTable,
    HeaderColumns,
    LogicalRow,
    LogicalTable,
    optional_text,
)
from kuntatalous.text.layout import TableBlock
from kuntatalous.text.numbers import strip_markup

KIND = "risks"

RISK_COLUMNS = records.RISKS.columns[len(records.PROVENANCE) :]
"""The fields a parser fills: the declared ones after the provenance the extraction adds."""

_PROBABILITY = re.compile(r"todenn\u00e4k\u00f6isyys\s*:?\s*(\d+)", re.IGNORECASE)
_SIGNIFICANCE = re.compile(r"merkitt\u00e4vyys\s*:?\s*(\d+)", re.IGNORECASE)
_WHOLE = re.compile(r"\d+")
"""A judgement printed in a column of its own: a whole number alone."""


@dataclass(frozen=True)
class _RiskColumns:
    risk_class: int
    risk: int
    value: int | None
    """Riskiarvo: both judgements in one cell; else ``judgements`` gives a column to each."""
    mitigation: int | None
    outcome: int | None
    judgements: tuple[int, int] | None = None
    """The Todennäköisyys and Merkittävyys columns of a table that prints them apart."""

    def judged_in(self) -> int:
        """The column that the judgement of a risk starts in."""
        if self.value is not None:
            return self.value
        assert self.judgements is not None, "a risk table has Riskiarvo or both judgement columns"
        return self.judgements[0]


def risk_records(blocks: list[TableBlock], source: str, rejects: Rejects | None = None) -> Parsed:
    """One record per risk in ``blocks`` (one report's tables, in document order).

    Blocks of other kinds are skipped. A risk table that runs over a page is rejoined; the
    first row after the repeated header carries on the risk before the break when it has
    neither a risk class nor a Riskiarvo of its own. A table whose header cannot be read and
    a risk whose Riskiarvo cannot be read go to ``rejects`` (strict when not given).
    """
    rejects = strict(rejects)
    records: list[Record] = []
    for table, _ in _RISK_TABLE.tables(blocks, source, rejects):
        records.extend(_table_records(table, source, rejects))
    return Parsed(records)


def _continues(columns: _RiskColumns, row: LogicalRow) -> bool:
    return row.text(columns.risk_class) == "" and row.text(columns.judged_in()) == ""


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
    columns = HeaderColumns(header, "risk table", source, line)
    required, optional = columns.required, columns.optional
    risk_class = required(r"riskiluokka")
    risk = required(r"(?:tunnistettu\s+riski|riski$)")
    value = optional(r"riskiarvo")
    judgements = None
    if value is None:
        probability, significance = optional(r"todenn\u00e4k\u00f6isyys"), optional(r"merkitt\u00e4vyys")
        if probability is None or significance is None:
            required(r"riskiarvo")  # the error naming the column a risk table needs
        else:
            judgements = (probability, significance)
    return _RiskColumns(
        risk_class=risk_class,
        risk=risk,
        value=value,
        mitigation=optional(r"hallintakeinot?$"),
        outcome=optional(r"hallintakeinon\s+toteutu"),
        judgements=judgements,
    )


def _judgement(columns: _RiskColumns, row: LogicalRow) -> tuple[str, tuple[int, int] | None]:
    """A risk's judgement as printed and read: its Riskiarvo cell, or its Todennäköisyys and
    Merkittävyys cells written as one (``Todennäköisyys: 3 Merkittävyys: 2``)."""
    if columns.value is not None:
        raw = row.text(columns.value)
        return raw, risk_value(raw)
    assert columns.judgements is not None, "a risk table has Riskiarvo or both judgement columns"
    probability, significance = (row.text(index) for index in columns.judgements)
    raw = f"Todenn\u00e4k\u00f6isyys: {probability} Merkitt\u00e4vyys: {significance}"
    numbers = _WHOLE.fullmatch(probability), _WHOLE.fullmatch(significance)
    return raw, (risk_value(raw) if all(numbers) else None)


def _table_records(table: LogicalTable, source: str, rejects: Rejects) -> Iterator[Record]:
    columns = _columns(table.header, source, table.first_line)
    for row in table.rows:
        if not any(row.text(index) for index in range(len(row.cells))):
            continue
        value_raw, value = _judgement(columns, row)
        if value is None:
            error = ExtractionError(
                source,
                row.first_line,
                f"cannot read Riskiarvo '{value_raw}': expected one Todenn\u00e4k\u00f6isyys and one "
                "Merkitt\u00e4vyys number",
            )
            rejects.add_row_for_cell(error, table, row, KIND, columns.judged_in(), value_raw)
            continue
        yield {
            "source_line": row.first_line,
            "table_line": table.first_line,
            "table_heading": table.heading or "",
            "risk_class": row.text(columns.risk_class),
            "risk": row.text(columns.risk),
            "probability": value[0],
            "significance": value[1],
            "risk_value_raw": value_raw,
            "mitigation": optional_text(row, columns.mitigation),
            "mitigation_outcome": optional_text(row, columns.outcome),
        }


_RISK_TABLE = ColumnTable(KIND, _columns, _continues)


def _recognise(cells: list[str]) -> bool:
    return bool(cells) and cells[0].startswith("riskiluokka")


TABLE_KIND = TextTableKind(KIND, "risk table", _recognise, risk_records, records.RISKS)
