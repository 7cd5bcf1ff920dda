"""A memory limit DuckDB cannot read is refused naming KUNTATALOUS_DUCKDB_MEMORY_LIMIT.

DuckDB's own message ("Memory must have a number") names no setting. The build refuses the
value before dbt runs (``plan-build``), and the readers of a published warehouse (export, site)
before they open it: one line naming the variable and its value, a non-zero exit, no traceback,
and nothing published or replaced.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kuntatalous.cli import main
from kuntatalous.warehouse.reading import MEMORY_LIMIT_DEFAULT, MEMORY_LIMIT_VARIABLE, memory_limit

from .warehouse_builds import REPO, build

UNREADABLE = "lots"


def test_the_default_and_a_readable_value_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)
    assert memory_limit() == MEMORY_LIMIT_DEFAULT
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "2GB")
    assert memory_limit() == "2GB"


@pytest.mark.e2e
def test_the_build_refuses_it_before_dbt_and_publishes_nothing(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for report in sorted((REPO / "reports").glob("*.txt")):
        shutil.copy(report, reports)
    work = tmp_path / "work"
    work.mkdir()
    _, result = build(reports, work, expect_ok=False, env={MEMORY_LIMIT_VARIABLE: UNREADABLE})
    assert f"error: {MEMORY_LIMIT_VARIABLE}='{UNREADABLE}' is not a memory size DuckDB reads" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "dbt:" not in result.stdout, "stopped before dbt"
    assert not (work / "warehouse.duckdb").exists()
    assert not (work / "warehouse.candidate.duckdb").exists()


@pytest.mark.e2e
def test_export_refuses_it_and_keeps_the_exports(
    warehouse_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse_file, database)
    arguments = ["export", "--database", str(database), "--exports", str(tmp_path / "exports")]
    assert main(arguments) == 0
    before = (tmp_path / "exports").resolve()
    capsys.readouterr()
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, UNREADABLE)
    assert main(arguments) != 0
    error = capsys.readouterr().err
    assert f"{MEMORY_LIMIT_VARIABLE}='{UNREADABLE}' is not a memory size DuckDB reads" in error
    assert "Traceback" not in error
    assert (tmp_path / "exports").resolve() == before
