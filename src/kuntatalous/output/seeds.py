"""Write the raw seed CSVs: deterministic bytes, replaced only when all are ready."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from kuntatalous.extract import Extraction
from kuntatalous.output import records
from kuntatalous.output.records import RawTable, Record


def render_csv(columns: tuple[str, ...], records: list[Record], sort_keys: tuple[str, ...]) -> bytes:
    """CSV bytes with a fixed column order, rows sorted by ``sort_keys`` (numbers numerically)."""

    def key(record: Record) -> tuple[tuple[int, int, str], ...]:
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
    return render_csv(table.columns, rows, table.sort_keys)


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
