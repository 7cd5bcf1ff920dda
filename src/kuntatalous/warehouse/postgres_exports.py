"""The exports of the published PostgreSQL warehouse: the same release as the DuckDB build's.

The published marts are copied into a local DuckDB file, the snapshot: one table per mart in
its ``analytics`` schema, each column of the DuckDB type of its PostgreSQL type, with the
server's table and column comments (dbt's persisted docs). The DuckDB build's own exports then
write the release from the snapshot (``exports.write_release``: every mart as Parquet, the
data dictionary, each requested municipality's CSV, Finnish CSV and workbook by the same
``spreadsheets`` rule, default ``auto``, and ``manifest.json``, which names the snapshot and
its SHA-256) and switch the exports link to it in one rename. So both targets export the
same files, by the same code. The report site is not part of a PostgreSQL release: it is
written from the DuckDB build's published file and its reports (``make report``).

The snapshot is replaced in one rename too; it stays beside the exports link (by default
``warehouse/<schema>.postgres.duckdb``), a copy of the published marts that DuckDB opens.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import duckdb
from psycopg import sql

from kuntatalous.warehouse.exports import (
    SPREADSHEETS_DEFAULT,
    ExportLink,
    ReleaseContents,
    prune,
    switch,
    write_release,
)
from kuntatalous.warehouse.postgres import PostgresError
from kuntatalous.warehouse.postgres_publish import Connection, mart_names
from kuntatalous.warehouse.reading import memory_limit, quote_name, sql_literal

LOCAL_FOLDER = Path("warehouse")
"""Where the snapshot and the exports link are by default, as the DuckDB build's files."""
SNAPSHOT_SCHEMA = "analytics"
"""The schema the DuckDB exports read the marts from."""
PG_TO_DUCKDB = {
    "text": "varchar",
    "character varying": "varchar",
    "integer": "integer",
    "bigint": "bigint",
    "smallint": "smallint",
    "boolean": "boolean",
    "double precision": "double",
    "real": "float",
    "date": "date",
    "timestamp without time zone": "timestamp",
}
_NUMERIC = re.compile(r"numeric\((\d+),(\d+)\)")


def default_paths(base: str) -> tuple[Path, Path]:
    """The snapshot and the exports link of the warehouse named ``base``, by default."""
    return LOCAL_FOLDER / f"{base}.postgres.duckdb", LOCAL_FOLDER / f"{base}.postgres.exports"


def duckdb_type(table: str, column: str, pg_type: str) -> str:
    """DuckDB's type for a mart column of PostgreSQL type ``pg_type`` (as ``format_type`` names it)."""
    numeric = _NUMERIC.fullmatch(pg_type)
    if numeric:
        return f"decimal({numeric[1]}, {numeric[2]})"
    if pg_type in PG_TO_DUCKDB:
        return PG_TO_DUCKDB[pg_type]
    raise PostgresError(f"{table}.{column}: type {pg_type} has no DuckDB counterpart declared for the exports")


def _columns(conn: Connection, schema: str, table: str) -> list[tuple[str, str, str | None]]:
    """Each column of ``schema.table``: name, DuckDB type and comment, in the table's order."""
    rows = conn.execute(
        "select a.attname, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum) "
        "from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relname = %s and a.attnum > 0 and not a.attisdropped order by a.attnum",
        (schema, table),
    ).fetchall()
    return [(str(name), duckdb_type(table, str(name), str(kind)), _text(note)) for name, kind, note in rows]


def _table_comment(conn: Connection, schema: str, table: str) -> str | None:
    row = conn.execute(
        "select obj_description(c.oid, 'pg_class') from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and c.relname = %s",
        (schema, table),
    ).fetchone()
    return _text(row[0]) if row else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _copy_mart(conn: Connection, local: duckdb.DuckDBPyConnection, schema: str, table: str, scratch: Path) -> None:
    """One mart into the snapshot: its columns typed and commented, its rows through CSV (COPY
    prints every value exactly; an empty string is quoted, NULL is not)."""
    columns = _columns(conn, schema, table)
    target = f"{SNAPSHOT_SCHEMA}.{quote_name(table)}"
    local.execute(f"create table {target} ({', '.join(f'{quote_name(n)} {t}' for n, t, _ in columns)})")
    staged = scratch / f"{table}.csv"
    query = sql.SQL("copy (select * from {}) to stdout with (format csv, header true)")
    with staged.open("wb") as handle, conn.cursor().copy(query.format(sql.Identifier(schema, table))) as copy:
        for chunk in copy:
            handle.write(chunk)
    local.execute(
        f"insert into {target} select * from read_csv(?, header = true, auto_detect = false, columns = ?, "
        "allow_quoted_nulls = false)",
        [str(staged), {name: kind for name, kind, _ in columns}],
    )
    comment = _table_comment(conn, schema, table)
    if comment is not None:
        local.execute(f"comment on table {target} is {sql_literal(comment)}")
    for name, _, note in columns:
        if note is not None:
            local.execute(f"comment on column {target}.{quote_name(name)} is {sql_literal(note)}")


def snapshot_marts(conn: Connection, schema: str, path: Path) -> list[str]:
    """Replace ``path`` with a DuckDB copy of the marts of ``schema``; return their names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.tmp")
    staged.unlink(missing_ok=True)
    names = mart_names(conn, schema)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".snapshot-") as scratch:
        # Under the build's memory limit, spilling into the scratch folder (removed with it).
        local = duckdb.connect(
            str(staged), config={"memory_limit": memory_limit(), "temp_directory": str(Path(scratch) / "spill")}
        )
        try:
            local.execute(f"create schema {SNAPSHOT_SCHEMA}")
            for name in names:
                _copy_mart(conn, local, schema, name, Path(scratch))
            local.execute("checkpoint")
        finally:
            local.close()
    os.replace(staged, path)
    return names


def export_published(
    conn: Connection, schema: str, snapshot: Path, link: Path, spreadsheets: str = SPREADSHEETS_DEFAULT
) -> Path:
    """Snapshot the marts of ``schema``, write their release (with the spreadsheet files of
    the municipalities ``spreadsheets`` asks for) and point ``link`` at it; the release before
    it is kept, older ones removed. Returns the release folder."""
    exports = ExportLink(link)
    before = exports.target()
    snapshot_marts(conn, schema, snapshot)
    contents = ReleaseContents(spreadsheets=spreadsheets, previous=before)
    folder = write_release(snapshot, exports, contents)
    switch(exports, folder)
    prune(exports, [folder, before])
    return folder
