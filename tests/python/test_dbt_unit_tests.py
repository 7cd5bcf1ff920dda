"""dbt's unit tests, every one, on DuckDB (here) and PostgreSQL (test_postgres_build): no build
runs them (``dbt_build.BUILD_EXCLUDES``), so ``make test`` is where they run.

Each runs against its model's input relations, whose columns its fixtures read: ``dbt build
--empty`` makes every model with no rows (the reference seeds loaded) in a scratch database,
running each model's unit tests before it, as a build with them would."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from .prebuilds import Make, Prebuilds
from .warehouse_builds import REPO, dbt, declared_unit_tests

pytestmark = pytest.mark.e2e

PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "selectors.yml")
PROJECT_FOLDERS = ("models", "macros", "seeds", "tests/dbt")


@dataclass(frozen=True)
class UnitRun:
    """A run of dbt's unit tests: dbt's status, each unit test's status by name, its output."""

    status: int
    statuses: dict[str, str]
    output: str


def run_unit_tests(project: Path, workdir: Path, *select: str) -> UnitRun:
    """``dbt build --empty`` of ``project`` without its data tests, into a database of its own
    under ``workdir``."""
    arguments = ["build", "--empty", "--exclude-resource-type", "test", *select]
    raw = {"KUNTATALOUS_RAW_SEEDS": str(project / "seeds" / "raw")}
    result = dbt(arguments, workdir / "unit.duckdb", workdir, project=project, env=raw)
    results = json.loads((workdir / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    statuses = {
        item["unique_id"].split(".")[-1]: item["status"]
        for item in results
        if item["unique_id"].startswith("unit_test.")
    }
    return UnitRun(result.returncode, statuses, result.stdout)


def make_unit_tests(workdir: Path, environ: Mapping[str, str]) -> UnitRun:
    return run_unit_tests(REPO, workdir)


def make_tampered_unit_test(workdir: Path, environ: Mapping[str, str]) -> tuple[str, UnitRun]:
    """A copy of the project where the first unit test of the budget marts that lists its
    expected rows expects one row more (its first, twice), run on its model and the models
    above it: the tampered test's name and the run."""
    project = workdir / "project"
    for folder in PROJECT_FOLDERS:
        shutil.copytree(REPO / folder, project / folder)
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, project / name)
    path = project / "models" / "marts" / "_budget__models.yml"
    declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    test = next(test for test in declared["unit_tests"] if test["expect"].get("format", "dict") == "dict")
    test["expect"]["rows"].append(dict(test["expect"]["rows"][0]))
    path.write_text(yaml.safe_dump(declared, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return test["name"], run_unit_tests(project, workdir / "run", "--select", f"+{test['model']}")


PREBUILDS: dict[str, Make] = {"unit_tests": make_unit_tests, "tampered_unit_test": make_tampered_unit_test}


@pytest.fixture(scope="module")
def unit_tests(prebuilds: Prebuilds) -> UnitRun:
    run: UnitRun = prebuilds.take(make_unit_tests)
    return run


@pytest.fixture(scope="module")
def tampered_unit_test(prebuilds: Prebuilds) -> tuple[str, UnitRun]:
    tampered: tuple[str, UnitRun] = prebuilds.take(make_tampered_unit_test)
    return tampered


def test_every_unit_test_passes_on_duckdb(unit_tests: UnitRun) -> None:
    assert unit_tests.status == 0, unit_tests.output[-4000:]
    declared = declared_unit_tests(REPO)
    assert len(declared) > 10
    assert unit_tests.statuses == dict.fromkeys(declared, "pass")


def test_a_tampered_expectation_fails_its_unit_test(tampered_unit_test: tuple[str, UnitRun]) -> None:
    """The run can fail: one unit test expecting one row more than its model gives fails, and
    only it, naming itself (its model's other unit tests may be skipped)."""
    name, run = tampered_unit_test
    assert run.status == 1
    assert run.statuses[name] == "fail", run.output[-4000:]
    assert [test for test, result in run.statuses.items() if result == "fail"] == [name]
    assert name in run.output
