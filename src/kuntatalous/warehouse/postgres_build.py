"""``make build TARGET=postgres`` after extraction: load, dbt build, publish, export, under the lock.

Every step runs while this process holds the build's advisory lock, so builds of one
database, from any checkout or host, follow each other. dbt builds into the candidate schema
(its profile's schema, the prefix of the layers' schemas, comes from
``KUNTATALOUS_PG_TARGET_SCHEMA``, its raw source from
``KUNTATALOUS_PG_RAW_SCHEMA``); only if no error-level test failed is it published, then its
marts exported (``postgres_exports``).

As the DuckDB build, it is quiet unless ``verbose``: dbt's JSON log becomes one progress line
and a summary (``progress``), each failing or warning test is named from its stored rows
(``build_report``), and a failed build's last line names each failing check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from kuntatalous.warehouse.build_report import Outcome, read_outcomes, render
from kuntatalous.warehouse.dbt_build import BUILD_EXCLUDES
from kuntatalous.warehouse.exports import SPREADSHEETS_DEFAULT, ExportLink, check_link
from kuntatalous.warehouse.postgres import (
    DEFAULT_READER,
    RAW_SCHEMA_ENV,
    READER_ENV,
    Schemas,
    build_lock,
    connect,
    load_raw,
)
from kuntatalous.warehouse.postgres_exports import export_published
from kuntatalous.warehouse.postgres_publish import Connection, _drop, publish
from kuntatalous.warehouse.progress import failing_checks, follow
from kuntatalous.warehouse.spreadsheets import chosen

TARGET_SCHEMA_ENV = "KUNTATALOUS_PG_TARGET_SCHEMA"
REPO = Path(__file__).resolve().parents[3]
STORED_ROWS_SHOWN = 10


@dataclass(frozen=True)
class BuildOptions:
    raw_dir: Path
    exports: Path
    """The exports link (a release folder per build, as the DuckDB build's)."""
    snapshot: Path
    """The local DuckDB copy of the published marts that the exports are written from."""
    lock_wait: float
    target_path: Path
    verbose: bool = False
    spreadsheets: str = SPREADSHEETS_DEFAULT
    """Whose CSV, Finnish CSV and workbook the release holds (``exports.ReleaseContents``)."""


def reader_role() -> str:
    return os.environ.get(READER_ENV) or DEFAULT_READER


def say(text: str) -> None:
    print(text, flush=True)


def run_build(options: BuildOptions) -> int:
    """Load, build, audit, publish and export; 0 when published, else dbt's exit code."""
    schemas = Schemas.from_env()
    check_link(ExportLink(options.exports))  # an exports path not ours fails the build before it starts
    with connect() as conn, build_lock(conn, schemas, options.lock_wait):
        counts = load_raw(conn, options.raw_dir, schemas.raw)
        say(f"loaded {sum(counts.values())} raw rows into schema {schemas.raw}")
        _check_spreadsheets(conn, schemas.raw, options.spreadsheets)
        _drop(conn, schemas.candidate)
        status = run_dbt(conn, schemas, options)
        if status != 0:
            failing = "; ".join(failing_checks(conn, _outcomes(options.target_path)))
            print(
                f"build failed (dbt exit {status}): {f'failing checks: {failing}; ' if failing else ''}"
                f"schema {Schemas.marts(schemas.published)} is unchanged; the failed build is schemas "
                f"{schemas.candidate}_* (its failing rows are in {Schemas.audit(schemas.candidate)})",
                file=sys.stderr,
                flush=True,
            )
            return status
        publish(conn, schemas, reader_role())
        say(f"published schema {Schemas.marts(schemas.published)}; the previous build is schemas {schemas.previous}_*")
        marts = Schemas.marts(schemas.published)
        folder = export_published(conn, marts, options.snapshot, options.exports, options.spreadsheets)
        say(f"the exports {options.exports} now hold the marts of {options.snapshot} ({folder.name})")
    return 0


def _check_spreadsheets(conn: Connection, raw_schema: str, request: str) -> None:
    """Refuse, before anything is built, spreadsheets of a municipality the reports do not hold
    (the DuckDB build refuses them before its publish too)."""
    query = sql.SQL("select distinct municipality from {}.raw_documents where municipality is not null order by 1")
    known = [str(row[0]) for row in conn.execute(query.format(sql.Identifier(raw_schema))).fetchall()]
    chosen(known, request)


def _outcomes(target_path: Path) -> list[Outcome]:
    run_results = target_path / "run_results.json"
    return read_outcomes(run_results) if run_results.is_file() else []


PLANNER_OPTIONS = "-c enable_nestloop=off"
"""The build's sessions (libpq's PGOPTIONS): the warehouse's tables have no indexes, and the
planner, misjudging how many rows a filtered CTE keeps, chose nested loops over whole
materialised CTEs in int_unit_edges__sums: at 1 000 documents that model ran for more than ten
minutes, and 3 s with nested loops discouraged (DuckDB: well under a second)."""


def run_dbt(conn: Connection, schemas: Schemas, options: BuildOptions) -> int:
    """``dbt build`` into the candidate: dbt's own output if verbose, else a progress line and
    a summary; then each failing or warning test's stored rows, read before any rename."""
    env = {**os.environ, TARGET_SCHEMA_ENV: schemas.candidate, RAW_SCHEMA_ENV: schemas.raw}
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {PLANNER_OPTIONS}".strip()
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "build", "--full-refresh", *BUILD_EXCLUDES, "--target", "postgres"]
    command += ["--profiles-dir", str(REPO), "--project-dir", str(REPO), "--target-path", str(options.target_path)]
    run_results = options.target_path / "run_results.json"
    run_results.unlink(missing_ok=True)
    if options.verbose:
        status = subprocess.run(command, env=env, cwd=REPO, check=False).returncode
    else:
        command += ["--log-format", "json", "--log-format-file", "debug"]
        with subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True) as dbt_run:
            assert dbt_run.stdout is not None
            follow(dbt_run.stdout, sys.stdout)
        status = dbt_run.returncode
    if run_results.is_file():
        print(render(read_outcomes(run_results), conn, STORED_ROWS_SHOWN, summary=not options.verbose), end="")
    return status
