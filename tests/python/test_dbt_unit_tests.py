"""dbt's unit tests, every one, on DuckDB (here) and PostgreSQL (test_postgres_build): no build
runs them (``dbt_build.BUILD_EXCLUDES``), so ``make test`` is where they run.

Each runs against its model's input relations, whose columns its fixtures read: ``dbt build
--empty`` makes every model with no rows (the reference seeds loaded) in a scratch database,
running each model's unit tests before it, as a build with them would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .warehouse_builds import REPO, declared_unit_tests

pytestmark = pytest.mark.e2e

PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "selectors.yml")
PROJECT_FOLDERS = ("models", "macros", "seeds", "tests/dbt")


def run_unit_tests(project: Path, workdir: Path, *select: str) -> tuple[int, dict[str, str], str]:
    """``dbt build --empty`` of ``project`` without its data tests, into a database of its own
    under ``workdir``: dbt's status, each unit test's status by name, and its output."""
    dbt = Path(sys.executable).parent / "dbt"
    env = {
        **os.environ,
        "KUNTATALOUS_DATABASE": str(workdir / "unit.duckdb"),
        "KUNTATALOUS_RAW_SEEDS": str(project / "seeds" / "raw"),
    }
    command = [str(dbt), "build", "--empty", "--exclude-resource-type", "test", *select]
    command += ["--profiles-dir", str(project), "--project-dir", str(project)]
    command += ["--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)
    results = json.loads((workdir / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    statuses = {
        item["unique_id"].split(".")[-1]: item["status"]
        for item in results
        if item["unique_id"].startswith("unit_test.")
    }
    return result.returncode, statuses, result.stdout


def test_every_unit_test_passes_on_duckdb(tmp_path: Path) -> None:
    status, statuses, output = run_unit_tests(REPO, tmp_path)
    assert status == 0, output[-4000:]
    declared = declared_unit_tests(REPO)
    assert len(declared) > 10
    assert statuses == dict.fromkeys(declared, "pass")


def test_a_tampered_expectation_fails_its_unit_test(tmp_path: Path) -> None:
    """The run can fail: one unit test expecting one row more than its model gives fails, and
    only it, naming itself (its model's other unit tests may be skipped)."""
    project = tmp_path / "project"
    for folder in PROJECT_FOLDERS:
        shutil.copytree(REPO / folder, project / folder)
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, project / name)
    path = project / "models" / "marts" / "_budget__models.yml"
    declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    test = next(test for test in declared["unit_tests"] if test["expect"].get("format", "dict") == "dict")
    test["expect"]["rows"].append(dict(test["expect"]["rows"][0]))
    path.write_text(yaml.safe_dump(declared, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, statuses, output = run_unit_tests(project, tmp_path / "run", "--select", f"+{test['model']}")
    assert status == 1
    assert statuses[test["name"]] == "fail", output[-4000:]
    assert [name for name, result in statuses.items() if result == "fail"] == [test["name"]]
    assert test["name"] in output
