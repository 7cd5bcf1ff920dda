"""Running dbt for the benchmark, and reading what it recorded (run_results.json, manifest.json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from benchmark.measure import Run, run_process
from benchmark.paths import BIN, REPO
from kuntatalous.warehouse.dbt_build import BUILD_EXCLUDES
from kuntatalous.warehouse.publish import work_file


def dbt_env(corpus: Path, raw_seeds: Path, database: Path, target: Path) -> dict[str, str]:
    return {
        **os.environ,
        # Absolute, so that the floor's connection reads the same files from any directory.
        "KUNTATALOUS_RAW_SEEDS": str(raw_seeds),
        "KUNTATALOUS_DATABASE": str(database),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(target / "logs"),
    }


def dbt(arguments: list[str], env: dict[str, str]) -> Run:
    return run_process([str(BIN / "dbt"), *arguments, "--profiles-dir", str(REPO), "--project-dir", str(REPO)], env=env)


def dbt_build(env: dict[str, str], database: Path) -> Run:
    for path in (database, work_file(database)):
        path.unlink(missing_ok=True)
    return dbt(["build", "--full-refresh", *BUILD_EXCLUDES], env)


def node_seconds(run_results: Path) -> dict[str, float]:
    """Each node's execution time in dbt's last run, in the order dbt ran them (a node after
    everything it depends on)."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    return {r["unique_id"]: float(r["execution_time"]) for r in results}


def seconds_of(nodes: dict[str, float], resource_type: str) -> float:
    return sum(seconds for key, seconds in nodes.items() if key.startswith(resource_type + "."))


NAME_WIDTH = 60


def node_name(key: str) -> str:
    """A node's name for the document: a unit test as ``<model>:<test>``, cut to NAME_WIDTH."""
    parts = key.split(".")
    name = f"{parts[2]}:{parts[-1]}" if parts[0] == "unit_test" else parts[2]
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
