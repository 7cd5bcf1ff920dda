"""Write the raw seed CSVs: deterministic bytes, replaced only when all are ready.

This is where a record's typed values become CSV text, each as its field's declared type says:
a number without exponent (a decimal as printed, ``-0`` as ``0``), ``true``/``false``, and an
empty cell for ``None``.

Rows are sorted by their table's ``sort_keys``, which all begin with ``source_file``: a report's
rows, sorted on their own, are a stretch of the whole file. ``kuntatalous extract`` writes them so,
report after report in the order of their names (``StagedSeeds``; a run of reports the cache
holds as one block of text, ``write_block``), and ``seed_files`` renders a whole extraction held
in memory; both give the same bytes.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from types import SimpleNamespace, TracebackType
from typing import TextIO

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import Extraction
from kuntatalous.output import records
from kuntatalous.output.records import RAW_TABLES, Field, RawTable, Record, SortValue, Value, ordered_text, text_order
from kuntatalous.text.numbers import format_decimal

TextRow = dict[str, str]
SortKey = tuple[SortValue, ...]
Line = tuple[SortKey, str]
"""One CSV line (its newline included) with the key it sorts by."""

MAX_RAW_LINE_BYTES = 2_097_152
"""The longest line DuckDB's CSV reader reads (read_csv's default max_line_size), as the dbt
source ``reports`` reads the raw CSVs: a longer row is stopped here, naming its report line."""


def csv_lines(rows: Iterable[Iterable[str]]) -> list[str]:
    """Each row as one CSV line (quoted where needed, ``\\n`` ended): the writer writes each
    row's line in one call, which appends it."""
    lines: list[str] = []
    csv.writer(SimpleNamespace(write=lines.append), lineterminator="\n").writerows(rows)
    return lines


def sorted_lines(columns: tuple[str, ...], rows: list[list[str]], sort_keys: tuple[str, ...]) -> list[Line]:
    """The rows (each its texts in ``columns`` order) as CSV lines, sorted by ``sort_keys``
    (numbers numerically, ``records.text_order``); rows with equal keys keep their order."""
    places = [columns.index(key) for key in sort_keys]
    keyed = sorted(((tuple(text_order(row[i]) for i in places), row) for row in rows), key=itemgetter(0))
    lines = csv_lines(row for _, row in keyed)
    return [(key, line) for (key, _), line in zip(keyed, lines, strict=True)]


def render_csv(columns: tuple[str, ...], rows: list[list[str]], sort_keys: tuple[str, ...]) -> bytes:
    """CSV bytes of the rows (each its texts in ``columns`` order), sorted by ``sort_keys``
    (numbers numerically)."""
    body = "".join(line for _, line in sorted_lines(columns, rows, sort_keys))
    return (csv_lines([columns])[0] + body).encode("utf-8")


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
    return render_csv(table.columns, [text_values(table, row) for row in rows], table.sort_keys)


def table_lines(table: RawTable, rows: list[Record]) -> list[Line]:
    """One raw table's rows as sorted CSV lines, without the header."""
    return sorted_lines(table.columns, [text_values(table, row) for row in rows], table.sort_keys)


def text_row(table: RawTable, record: Record) -> TextRow:
    """A record's values as CSV text, by column name."""
    return dict(zip(table.columns, text_values(table, record), strict=True))


def text_values(table: RawTable, record: Record) -> list[str]:
    """A record's values as CSV text, in its table's declared column order (a text as it is:
    most values are, so they skip ``format_value``)."""
    return [
        value if type(value) is str and field.python_type is str else format_value(table, field, value)
        for field in table.fields
        for value in (record[field.name],)
    ]


def format_value(table: RawTable, field: Field, value: Value) -> str:
    """One value as CSV text; a value not of its field's declared type is a programming error."""
    kind = field.python_type
    if value is None and kind is not str:
        return ""
    # ``bool`` is an ``int`` to Python: an integer field must not hold a flag, nor a flag a number.
    if type(value) is not kind:
        raise TypeError(f"{table.name}.{field.name} is {field.type}: got {value!r}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def check_line_sizes(table: RawTable, lines: list[Line]) -> None:
    """Stop on a CSV line too long for DuckDB's reader, naming the report line its row came from
    (its sort key's ``source_file`` and ``source_line``)."""
    for key, line in lines:
        # A character is at most 4 bytes in UTF-8: most lines are measured without encoding them.
        if 4 * len(line) <= MAX_RAW_LINE_BYTES:
            continue
        size = len(line.encode("utf-8"))
        if size > MAX_RAW_LINE_BYTES:
            where = {name: ordered_text(value) for name, value in zip(table.sort_keys, key, strict=True)}
            source_line = where.get(records.SOURCE_LINE.name, "")
            raise ExtractionError(
                where[records.SOURCE_FILE.name],
                int(source_line) if source_line.isdigit() else None,
                f"a row of {size:,} bytes, more than the {MAX_RAW_LINE_BYTES:,} a raw CSV line may hold "
                "(DuckDB's max_line_size): is a cell run together with pages of text after it?",
            )


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


class StagedSeeds:
    """Every raw CSV written line by line beside its target (``.<name>.tmp``), the header first;
    ``commit`` moves them all into place. Leaving the ``with`` block without a commit (an error)
    removes them, and the folder when this created it: the raw CSVs are as they were."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._files: dict[str, TextIO] = {}
        self._last: dict[str, SortKey] = {}
        self._created = False
        self._committed = False

    def __enter__(self) -> StagedSeeds:
        self._created = not self.out_dir.exists()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for table in RAW_TABLES:
            if table.sort_keys[:1] != ("source_file",):
                raise ValueError(
                    f"{table.name}: to be written report by report, its rows must sort by source_file first"
                )
            self._files[table.name] = self._staged(table).open("w", encoding="utf-8", newline="")
            self._files[table.name].write(csv_lines([table.columns])[0])
        return self

    def _staged(self, table: RawTable) -> Path:
        return self.out_dir / f".{table.name}.csv.tmp"

    def write(self, table: RawTable, lines: Iterable[Line]) -> None:
        """Append ``lines``, which must not sort before any line written before them."""
        file, last = self._files[table.name], self._last.get(table.name)
        for key, line in lines:
            if last is not None and key < last:
                raise RuntimeError(f"{table.name}: a row sorting at {key} after one at {last}")
            file.write(line)
            last = key
        if last is not None:
            self._last[table.name] = last

    def write_block(self, table: RawTable, data: bytes | memoryview, first: SortKey, last: SortKey) -> None:
        """Append ``data``, the bytes of lines already sorted whose sort keys run from ``first``
        to ``last`` (a run of reports as written before): ``first`` must not sort before any
        line written before them."""
        previous = self._last.get(table.name)
        if last < first or (previous is not None and first < previous):
            raise RuntimeError(f"{table.name}: a block sorting from {first} to {last} after a row at {previous}")
        file = self._files[table.name]
        file.flush()
        file.buffer.write(data)
        self._last[table.name] = last

    def commit(self) -> None:
        """Move every staged CSV into place."""
        for file in self._files.values():
            file.close()
        for table in RAW_TABLES:
            os.replace(self._staged(table), self.out_dir / f"{table.name}.csv")
        self._committed = True

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        for file in self._files.values():
            file.close()
        if self._committed:
            return
        for table in RAW_TABLES:
            self._staged(table).unlink(missing_ok=True)
        if self._created:
            with contextlib.suppress(OSError):
                self.out_dir.rmdir()
