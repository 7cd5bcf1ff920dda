"""2b. The same warehouse built on PostgreSQL, at the sizes of the DuckDB build beside it."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmark.corpus import extract_in_process, report_files
from benchmark.document import Section
from benchmark.measure import run_process
from benchmark.paths import BIN
from kuntatalous.warehouse.postgres_cluster import (
    Server,
    Warehouse,
    clean_env,
    server_from_env,
    throwaway_cluster,
    warehouse_database,
)

_NOTE = (
    "`kuntatalous postgres build` (what `make build TARGET=postgres` runs after extraction) on the same "
    "extracted CSVs as the DuckDB build: `COPY` into the raw schema, `dbt build --full-refresh --target "
    "postgres` into the candidate schema (the same models and tests), publish by schema renames, export of "
    "every mart (a local DuckDB copy of the published marts, then the same release folder as the DuckDB "
    "build's). The server is the one the PG environment variables name, else a throwaway cluster of the "
    "installed PostgreSQL (default settings, `fsync` off) on this machine. The DuckDB figure beside it is "
    "the DuckDB section's `dbt build` at the same size."
)


@contextmanager
def _server() -> Iterator[Server]:
    named = server_from_env()
    if named is not None:
        yield named
        return
    with throwaway_cluster() as server:
        yield server


def bench_postgres(
    corpora: dict[int, Path], scratch: Path, repeats: int, duckdb_rows: dict[int, dict[str, Any]]
) -> Section:
    section = Section("Warehouse build on PostgreSQL", _NOTE)
    with _server() as server, warehouse_database(server) as warehouse:
        for size, corpus in corpora.items():
            section.rows.append(_row(warehouse, corpus, scratch, size, repeats, duckdb_rows.get(size, {})))
    return section


def _row(
    warehouse: Warehouse, corpus: Path, scratch: Path, size: int, repeats: int, duckdb_row: dict[str, Any]
) -> dict[str, Any]:
    raw = scratch / f"seeds-{size}" / "raw"
    if not (raw / "raw_documents.csv").is_file():
        extract_in_process(corpus, raw)
    target = scratch / f"pg-target-{size}"
    env = {**clean_env(), **warehouse.build_env(f"bench_{size}")}
    command = [str(BIN / "kuntatalous"), "postgres", "build", "--raw", str(raw)]
    command += [
        "--exports",
        str(scratch / f"pg-exports-{size}"),
        "--snapshot",
        str(scratch / f"pg-marts-{size}.duckdb"),
    ]
    command += ["--target-path", str(target)]
    runs = [run_process(command, env=env) for _ in range(repeats)]
    seconds = statistics.median(run.seconds for run in runs)
    dbt_seconds = _dbt_seconds(target)
    return {
        "documents": len(report_files(corpus)),
        "fact_budget rows": _fact_budget_rows(warehouse, f"bench_{size}_analytics"),
        "load, build, publish, export s": round(seconds, 2),
        "dbt build s": round(dbt_seconds, 2),
        "DuckDB dbt build s": duckdb_row.get("dbt build s"),
        "PostgreSQL / DuckDB dbt build": round(dbt_seconds / duckdb_row["dbt build s"], 2) if duckdb_row else None,
        "peak MB (client)": max(run.peak_rss_mb for run in runs),
        "runs s": [round(run.seconds, 2) for run in runs],
    }


def _dbt_seconds(target: Path) -> float:
    """dbt's own elapsed time for its last run (run_results.json)."""
    return float(json.loads((target / "run_results.json").read_text(encoding="utf-8"))["elapsed_time"])


def _fact_budget_rows(warehouse: Warehouse, schema: str) -> int:
    with warehouse.build_connect() as conn:
        row = conn.execute(f'select count(*) from "{schema}".fact_budget').fetchone()
    return int(str(row[0])) if row else 0
