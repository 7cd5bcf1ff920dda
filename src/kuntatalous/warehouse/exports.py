"""Export every mart of the published warehouse as Parquet and CSV files.

For tools that cannot open a DuckDB file: one ``<mart>.parquet`` (typed: decimals stay
decimals) and one ``<mart>.csv`` (UTF-8, header row, ``.`` decimals, empty for NULL) per
mart. Marts are the tables named ``fact_``, ``dim_`` and ``rpt_`` in the ``analytics`` schema. Each
file is written beside its target and renamed into place, so a reader of ``exports/``
never sees half a file; files of marts that no longer exist are removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from kuntatalous.warehouse.spreadsheets import export_spreadsheets

MART_PREFIXES = ("fact_", "dim_", "rpt_")
FORMATS = {
    "parquet": "(format parquet, compression zstd)",
    "csv": "(format csv, header true)",
}


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts in the database, by name."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'analytics' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [name for (name,) in rows if str(name).startswith(MART_PREFIXES)]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_marts(database: Path, out_dir: Path) -> list[Path]:
    """Write every mart of ``database`` (opened read-only) into ``out_dir``; return the files."""
    if not database.is_file():
        raise FileNotFoundError(f"{database}: no published warehouse to export; run make build first")
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(database), read_only=True)
    written: list[Path] = []
    try:
        with tempfile.TemporaryDirectory(dir=out_dir, prefix=".export-") as scratch:
            for name in mart_names(con):
                for suffix, options in FORMATS.items():
                    staged = Path(scratch) / f"{name}.{suffix}"
                    con.execute(f"copy (select * from analytics.{_quote(name)}) to {_literal(staged)} {options}")
                    target = out_dir / staged.name
                    os.replace(staged, target)
                    written.append(target)
            written += export_spreadsheets(con, mart_names(con), Path(scratch), out_dir)
    finally:
        con.close()
    for stale in out_dir.iterdir():
        if stale.is_file() and stale.suffix.lstrip(".") in FORMATS and stale not in written:
            stale.unlink()
    return written
