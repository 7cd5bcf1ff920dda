"""Compare the marts of two builds row for row: two warehouse files or two export folders.

    .venv/bin/python scripts/compare_marts.py /work/baseline/exports exports
    .venv/bin/python scripts/compare_marts.py before.duckdb warehouse/kuntatalous.duckdb

A mart is a table named ``dim_*``, ``fact_*`` or ``rpt_*`` (in an export folder, its Parquet
file, or its folder of files by municipality). Two marts are the same when they have the same
columns, of the same types, in the same order, and the same rows as a multiset (every row as
often in one as in the other). Prints each difference and exits 1 if there is one, 0 if every mart is identical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from kuntatalous.warehouse.partitions import READ_PATTERN

MART_PREFIXES = ("dim_", "fact_", "rpt_")


def mart_relations(source: Path) -> dict[str, str]:
    """Each mart's name and a SQL expression that reads it."""
    if source.is_dir():
        # A mart is its Parquet file, or its folder of files by municipality (READ_PATTERN).
        return {
            path.name.removesuffix(".parquet"): f"read_parquet('{_files(path)}')"
            for path in sorted(source.iterdir())
            if path.name.startswith(MART_PREFIXES) and (path.suffix == ".parquet" or path.is_dir())
        }
    with duckdb.connect(str(source), read_only=True) as connection:
        # The marts' schema; a build from before the catalogue had its own schemas kept them in main.
        names = connection.sql(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema = (select min(table_schema) from information_schema.tables "
            "where table_schema in ('analytics', 'main')) order by 2"
        ).fetchall()
    alias = _alias(source)
    return {name: f'{alias}.{schema}."{name}"' for (schema, name) in names if name.startswith(MART_PREFIXES)}


def _files(path: Path) -> str:
    if path.is_dir():
        return (path.parent / READ_PATTERN.format(mart=path.name)).as_posix()
    return path.as_posix()


def _alias(source: Path) -> str:
    return "db_" + str(abs(hash(source.resolve())))


def _attach(connection: duckdb.DuckDBPyConnection, source: Path) -> None:
    if not source.is_dir():
        connection.execute(f"attach '{source.as_posix()}' as {_alias(source)} (read_only)")


def compare_mart(connection: duckdb.DuckDBPyConnection, name: str, before: str, after: str) -> list[str]:
    """The differences between one mart's two versions (empty when identical)."""
    columns_before = connection.sql(f"describe select * from {before}").fetchall()
    columns_after = connection.sql(f"describe select * from {after}").fetchall()
    shape_before = [(row[0], row[1]) for row in columns_before]
    shape_after = [(row[0], row[1]) for row in columns_after]
    if shape_before != shape_after:
        return [f"{name}: columns differ: {shape_before} != {shape_after}"]
    found: list[str] = []
    for label, left, right in (("only before", before, after), ("only after", after, before)):
        rows = connection.sql(f"select * from {left} except all select * from {right}").fetchall()
        found.extend(f"{name}: {label}: {row}" for row in rows[:20])
        if len(rows) > 20:
            found.append(f"{name}: {label}: ... {len(rows) - 20} more row(s)")
    return found


def compare(before: Path, after: Path) -> list[str]:
    """Every difference between the marts of ``before`` and ``after``."""
    marts_before, marts_after = mart_relations(before), mart_relations(after)
    found = [f"{name}: only in {before}" for name in sorted(set(marts_before) - set(marts_after))]
    found += [f"{name}: only in {after}" for name in sorted(set(marts_after) - set(marts_before))]
    with duckdb.connect() as connection:
        _attach(connection, before)
        _attach(connection, after)
        for name in sorted(set(marts_before) & set(marts_after)):
            found += compare_mart(connection, name, marts_before[name], marts_after[name])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("before", type=Path, help="a warehouse file or an export folder")
    parser.add_argument("after", type=Path, help="a warehouse file or an export folder")
    args = parser.parse_args(argv)
    differences = compare(args.before, args.after)
    for line in differences:
        print(line)
    marts = len(mart_relations(args.before))
    print(f"{marts} mart(s) compared: {'DIFFERENT' if differences else 'identical'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
