"""Write the raw seed CSVs: deterministic bytes, replaced only when all are ready.

This is where a record's typed values become CSV text, each as its field's declared type says:
a number without exponent (a decimal as printed, ``-0`` as ``0``), ``true``/``false``, and an
empty cell for ``None``.
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

from kuntatalous.extract import Extraction
from kuntatalous.output import records
from kuntatalous.output.records import Field, RawTable, Record, Value
from kuntatalous.text.numbers import format_decimal

TextRow = dict[str, str]


def render_csv(columns: tuple[str, ...], records: list[TextRow], sort_keys: tuple[str, ...]) -> bytes:
    """CSV bytes with a fixed column order, rows sorted by ``sort_keys`` (numbers numerically)."""

    def key(record: TextRow) -> tuple[tuple[int, int, str], ...]:
        # Numbers before text (an empty line number last), so that mixed columns still sort.
        return tuple((0, int(record[k]), "") if record[k].isdigit() else (1, 0, record[k]) for k in sort_keys)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in sorted(records, key=key):
        writer.writerow([record[column] for column in columns])
    return buffer.getvalue().encode("utf-8")


def seed_files(extraction: Extraction) -> dict[str, bytes]:
    """The raw seed files' names and contents (``raw_rejects.csv`` always, header only when
    nothing was rejected, so that the seed always exists)."""
    return {f"{table.name}.csv": render_table(table, rows) for table, rows in tables_of(extraction)}


def tables_of(extraction: Extraction) -> list[tuple[RawTable, list[Record]]]:
    """Each raw table with its records."""
    return [
        (records.DOCUMENTS, extraction.documents),
        (records.BUDGET_ROWS, extraction.budget_rows),
        (records.REPORT_TABLES, extraction.tables),
        (records.PROJECTS, extraction.projects),
        (records.KEY_FIGURES, extraction.key_figures),
        (records.GOALS, extraction.goals),
        (records.RISKS, extraction.risks),
        (records.REJECTS, extraction.rejects),
    ]


def render_table(table: RawTable, rows: list[Record]) -> bytes:
    """One raw table's CSV bytes, in its declared column and row order."""
    return render_csv(table.columns, [text_row(table, row) for row in rows], table.sort_keys)


def text_row(table: RawTable, record: Record) -> TextRow:
    """A record's values as CSV text, in its table's declared column order."""
    return {field.name: format_value(table, field, record[field.name]) for field in table.fields}


def format_value(table: RawTable, field: Field, value: Value) -> str:
    """One value as CSV text; a value not of its field's declared type is a programming error."""
    if value is None and field.python_type is not str:
        return ""
    # ``bool`` is an ``int`` to Python: an integer field must not hold a flag, nor a flag a number.
    if type(value) is not field.python_type:
        raise TypeError(f"{table.name}.{field.name} is {field.type}: got {value!r}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def write_seeds(files: dict[str, bytes], out_dir: Path) -> None:
    """Write every file beside its target first, then move them all into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged = []
    for name, content in files.items():
        tmp = out_dir / f".{name}.tmp"
        tmp.write_bytes(content)
        staged.append((tmp, out_dir / name))
    for tmp, target in staged:
        os.replace(tmp, target)
