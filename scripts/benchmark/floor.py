"""The floor of a warehouse build: the SQL dbt compiled, run in one DuckDB connection."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from kuntatalous.warehouse.publish import work_file


@dataclass(frozen=True)
class Floor:
    """Seconds of one floor build: in all, loading the reference seeds, and the models that
    read the raw CSVs (the source ``reports``)."""

    seconds: float
    seeds: float
    raw_models: float


def reads_a_source(node: dict[str, Any]) -> bool:
    return any(key.startswith("source.") for key in node["depends_on"].get("nodes", []))


def floor_build(manifest: dict[str, Any], order: list[str], database: Path) -> Floor:
    """The compiled SQL of the seeds, models and data tests dbt ran, in one DuckDB connection.

    Sources need no step of their own: the compiled SQL of the models over them reads the raw
    CSVs (dbt-duckdb renders a source as its ``read_csv(...)``). Seeds, the curated reference
    data, are loaded with DuckDB's CSV reader and their declared column types. ``order`` is the
    order dbt ran its nodes in (``run_results.json``), each after everything it depends on;
    unit tests, which are not in the manifest's nodes, and nodes without SQL are passed over."""
    work = work_file(database)
    for path in (database, work):
        path.unlink(missing_ok=True)
    nodes = manifest["nodes"]
    order = [key for key in order if _runs(nodes.get(key))]
    started = time.perf_counter()
    seconds = {"seed": 0.0, "raw_model": 0.0}
    con = duckdb.connect(str(database))
    try:
        # The staging and intermediate models' own file, as dbt's profile attaches it.
        con.execute(f"attach '{work}' as work")
        for catalog, schema in sorted({(nodes[key]["database"], nodes[key]["schema"]) for key in order}):
            con.execute(f'create schema if not exists "{catalog}"."{schema}"')
        for key in order:
            node_started = time.perf_counter()
            _run_node(con, nodes[key])
            if nodes[key]["resource_type"] == "seed":
                seconds["seed"] += time.perf_counter() - node_started
            elif nodes[key]["resource_type"] == "model" and reads_a_source(nodes[key]):
                seconds["raw_model"] += time.perf_counter() - node_started
    finally:
        con.close()
    return Floor(time.perf_counter() - started, seconds["seed"], seconds["raw_model"])


def _run_node(con: duckdb.DuckDBPyConnection, node: dict[str, Any]) -> None:
    """Load a seed, build a model or run a data test, as dbt would, without dbt."""
    relation = node["relation_name"]
    if node["resource_type"] == "seed":
        types = node["config"].get("column_types") or {}
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
        path = Path(node["root_path"]) / node["original_file_path"]
        con.execute(
            f"create or replace table {relation} as select * from read_csv('{path}', header = true"
            + (f", columns = {{{columns}}})" if columns else ")")
        )
    elif node["resource_type"] == "model":
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        con.execute(f"create or replace {kind} {relation} as {node['compiled_code']}")
    else:
        con.execute(f"select count(*) from ({node['compiled_code']})").fetchone()


def _runs(node: dict[str, Any] | None) -> bool:
    """Whether the floor runs a node: a seed, or a model or data test with compiled SQL."""
    if node is None:
        return False
    return node["resource_type"] == "seed" or (
        node["resource_type"] in ("model", "test") and bool(node.get("compiled_code"))
    )
