"""2. Warehouse build at several sizes against its floor."""

from __future__ import annotations

import json
import statistics
from functools import partial
from pathlib import Path
from typing import Any

import duckdb

from benchmark.corpus import extract_in_process, report_files
from benchmark.dbt_runs import dbt, dbt_build, dbt_env, node_name, node_seconds, seconds_of
from benchmark.document import Section
from benchmark.floor import Floor, floor_build, reads_a_source
from benchmark.measure import median_time

_NOTE = (
    "`dbt build --full-refresh` as a build runs it (reference seeds, models and data tests; no build runs dbt's "
    "unit tests) on the extracted CSVs, "
    "against the floor: the compiled SQL of the same seeds (DuckDB's CSV reader), models and data tests, "
    "run one after another in one DuckDB connection. The raw CSVs are not seeds: they are the dbt source "
    "`reports`, read by DuckDB's CSV reader in the staging models over them (raw-reading models, in dbt "
    "and in the floor alike); the seeds are only the curated reference data. Start-up is a `dbt build` "
    "that selects nothing; model work is the build less start-up."
)


def bench_build(corpora: dict[int, Path], scratch: Path, repeats: int) -> tuple[Section, dict[int, Path]]:
    section = Section(
        "Warehouse build",
        _NOTE,
        after="**Decisions.** How the build reads the raw CSVs, and why: docs/benchmark-decisions.md.",
    )
    warehouses: dict[int, Path] = {}
    for size, corpus in corpora.items():
        database = scratch / f"warehouse-{size}.duckdb"
        section.rows.append(build_row(corpus, scratch, size, database, repeats))
        warehouses[size] = database
    smallest, largest = section.rows[0], section.rows[-1]
    section.goal("dbt build, largest / smallest size", largest["dbt build s"] / smallest["dbt build s"], 2.0)
    section.goal("model work / floor at the largest size", largest["model work / floor"], 1.5)
    section.after = against_the_floor(section.rows) + "\n\n" + section.after
    return section, warehouses


def build_row(corpus: Path, scratch: Path, size: int, database: Path, repeats: int) -> dict[str, Any]:
    """The figures of one corpus size: dbt's build, its start-up and nodes, and the floor."""
    raw_seeds = scratch / f"seeds-{size}" / "raw"
    extract_in_process(corpus, raw_seeds)
    target = scratch / f"target-{size}"
    env = dbt_env(corpus, raw_seeds, database, target)
    if repeats > 1:
        dbt_build(env, database)  # parse once, so that every timed run starts from the same state
    startup, _ = median_time(partial(dbt, ["build", "--select", "no_such_node_kuntatalous"], env), repeats)
    builds = [dbt_build(env, database) for _ in range(repeats)]
    seconds = statistics.median(run.seconds for run in builds)
    nodes = node_seconds(target / "run_results.json")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    floor_database = scratch / "floor" / database.name
    floor_database.parent.mkdir(parents=True, exist_ok=True)
    floors = [floor_build(manifest, list(nodes), floor_database) for _ in range(repeats)]
    return {
        "documents": len(report_files(corpus)),
        "fact_budget rows": _fact_budget_rows(database),
        "dbt build s": round(seconds, 2),
        "start-up s": round(startup, 2),
        **_node_figures(seconds - startup, nodes, manifest, floors),
        "peak MB": max(run.peak_rss_mb for run in builds),
        "runs s": [round(run.seconds, 2) for run in builds],
    }


def _node_figures(
    model_work: float, nodes: dict[str, float], manifest: dict[str, Any], floors: list[Floor]
) -> dict[str, Any]:
    """Model work against the floor, per node and for the seeds and raw-reading models."""
    floor = statistics.median(run.seconds for run in floors)
    raw_models = {key for key, node in manifest["nodes"].items() if reads_a_source(node)}
    slowest = sorted(nodes.items(), key=lambda item: -item[1])[:3]
    return {
        "model work s": round(model_work, 2),
        "floor s": round(floor, 2),
        "model work / floor": round(model_work / floor, 2),
        "ms per node over the floor": round(1000 * (model_work - floor) / len(nodes)),
        "nodes": len(nodes),
        "dbt reference seeds s": round(seconds_of(nodes, "seed"), 2),
        "floor reference seeds s": round(statistics.median(run.seeds for run in floors), 2),
        "dbt raw-reading models s": round(sum(nodes.get(key, 0.0) for key in raw_models), 2),
        "floor raw-reading models s": round(statistics.median(run.raw_models for run in floors), 2),
        "slowest nodes": ", ".join(f"{node_name(key)} {seconds:.2f}" for key, seconds in slowest),
    }


def _fact_budget_rows(database: Path) -> int:
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute("select count(*) from analytics.fact_budget").fetchone()
    return int(rows[0]) if rows else 0


def against_the_floor(rows: list[dict[str, Any]]) -> str:
    """What dbt adds to the floor, in this run's figures."""
    smallest, largest = rows[0], rows[-1]
    overheads = [row["ms per node over the floor"] for row in rows]
    return (
        "**Against the floor.** dbt runs the floor's SQL too, node by node. What it adds is a cost per "
        "node, not per row: its bookkeeping, a table of stored failures for every data test "
        "(`store_failures`), and the metadata queries and the build under a temporary name and rename "
        f"around each relation. That comes to {largest['nodes']} nodes at {min(overheads)} to {max(overheads)} "
        "ms each over the floor, from "
        f"{smallest['documents']} to {largest['documents']} documents. The ratio goes "
        f"from {smallest['model work / floor']} to {largest['model work / floor']} as the data grows."
    )
