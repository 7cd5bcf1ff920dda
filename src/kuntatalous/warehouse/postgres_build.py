"""``make build TARGET=postgres`` after extraction: load, dbt build, publish, export, under the lock.

Every step runs while this process holds the build's advisory lock, so builds of one
database, from any checkout or host, follow each other. dbt builds into the candidate schema
(its profile's schema, the prefix of the layers' schemas, comes from
``KUNTATALOUS_PG_TARGET_SCHEMA``, its raw source from
``KUNTATALOUS_PG_RAW_SCHEMA``); only if no error-level test failed is it published.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
from psycopg import sql

from kuntatalous.warehouse.build_report import read_outcomes, render
from kuntatalous.warehouse.postgres import (
    RAW_SCHEMA_ENV,
    READER_ENV,
    DEFAULT_READER,
    Schemas,
    build_lock,
    connect,
    load_raw,
)
from kuntatalous.warehouse.postgres_publish import Connection, _drop, mart_names, publish

TARGET_SCHEMA_ENV = "KUNTATALOUS_PG_TARGET_SCHEMA"
REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class BuildOptions:
    raw_dir: Path
    exports: Path
    lock_wait: float
    target_path: Path


def reader_role() -> str:
    return os.environ.get(READER_ENV) or DEFAULT_READER


def run_build(options: BuildOptions) -> int:
    """Load, build, audit, publish and export; 0 when published, else dbt's exit code."""
    schemas = Schemas.from_env()
    with connect() as conn, build_lock(conn, schemas, options.lock_wait):
        counts = load_raw(conn, options.raw_dir, schemas.raw)
        print(f"loaded {sum(counts.values())} raw rows into schema {schemas.raw}")
        _drop(conn, schemas.candidate)
        status = run_dbt(conn, schemas, options.target_path)
        if status != 0:
            print(
                f"build failed (dbt exit {status}): schema {Schemas.marts(schemas.published)} is unchanged; the "
                f"failed build is schemas {schemas.candidate}_* (its failing rows are in "
                f"{Schemas.audit(schemas.candidate)})",
                file=sys.stderr,
            )
            return status
        publish(conn, schemas, reader_role())
        print(
            f"published schema {Schemas.marts(schemas.published)}; the previous build is schemas {schemas.previous}_*"
        )
        written = export_marts(conn, Schemas.marts(schemas.published), options.exports)
        print(f"exported {len(written) // 2} marts as Parquet and CSV into {options.exports}")
    return 0


def run_dbt(conn: Connection, schemas: Schemas, target_path: Path) -> int:
    env = {**os.environ, TARGET_SCHEMA_ENV: schemas.candidate, RAW_SCHEMA_ENV: schemas.raw}
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "build", "--full-refresh", "--target", "postgres"]
    command += ["--profiles-dir", str(REPO), "--project-dir", str(REPO), "--target-path", str(target_path)]
    status = subprocess.run(command, env=env, cwd=REPO, check=False).returncode
    run_results = target_path / "run_results.json"
    if run_results.is_file():
        print(render(read_outcomes(run_results), conn, 10), end="")
    return status


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


def _duckdb_types(conn: Connection, schema: str, table: str) -> dict[str, str]:
    """Each column's type as DuckDB names it, so the Parquet export is typed as the mart."""
    rows = conn.execute(
        "select column_name, data_type, numeric_precision, numeric_scale from information_schema.columns "
        "where table_schema = %s and table_name = %s order by ordinal_position",
        (schema, table),
    ).fetchall()
    types: dict[str, str] = {}
    for name, data_type, precision, scale in rows:
        numeric = f"decimal({precision or 38}, {scale or 0})" if data_type == "numeric" else None
        types[str(name)] = numeric or PG_TO_DUCKDB.get(str(data_type), "varchar")
    return types


def export_marts(conn: Connection, schema: str, out_dir: Path) -> list[Path]:
    """Every mart of ``schema`` as CSV (PostgreSQL's COPY) and Parquet (typed, through DuckDB)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".export-") as scratch, duckdb.connect() as local:
        for name in mart_names(conn, schema):
            staged = Path(scratch) / f"{name}.csv"
            query = sql.SQL("copy (select * from {}) to stdout with (format csv, header true)")
            with staged.open("wb") as handle, conn.cursor().copy(query.format(sql.Identifier(schema, name))) as copy:
                for chunk in copy:
                    handle.write(chunk)
            parquet = staged.with_suffix(".parquet")
            local.execute(
                "copy (select * from read_csv(?, header = true, auto_detect = false, columns = ?)) "
                f"to '{str(parquet).replace(chr(39), chr(39) * 2)}' (format parquet, compression zstd)",
                [str(staged), _duckdb_types(conn, schema, name)],
            )
            for path in (staged, parquet):
                os.replace(path, out_dir / path.name)
                written.append(out_dir / path.name)
    for stale in out_dir.iterdir():
        if stale.is_file() and stale.suffix in (".csv", ".parquet") and stale not in written:
            stale.unlink()
    return written
