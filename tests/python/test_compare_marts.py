"""scripts/compare_marts.py: identical marts pass, a changed, missing or extra row fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .warehouse_builds import REPO

SCRIPT = REPO / "scripts" / "compare_marts.py"


def _warehouse(path: Path, rows: list[tuple[str, str]]) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema analytics")
        connection.execute("create table analytics.fact_x (id varchar, amount decimal(18, 2))")
        connection.executemany("insert into analytics.fact_x values (?, ?)", rows)
        connection.execute("create table analytics.stg_ignored (id varchar)")
    return path


def _compare(before: Path, after: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(before), str(after)], capture_output=True, text=True)


def test_identical_marts_pass(tmp_path: Path) -> None:
    rows = [("a", "1.00"), ("b", "2.50")]
    result = _compare(_warehouse(tmp_path / "a.duckdb", rows), _warehouse(tmp_path / "b.duckdb", rows[::-1]))
    assert result.returncode == 0, result.stdout
    assert "identical" in result.stdout


@pytest.mark.parametrize(
    "after",
    [[("a", "1.00"), ("b", "2.51")], [("a", "1.00")], [("a", "1.00"), ("b", "2.50"), ("b", "2.50")]],
    ids=["changed", "missing", "duplicated"],
)
def test_a_different_row_fails(tmp_path: Path, after: list[tuple[str, str]]) -> None:
    before = _warehouse(tmp_path / "a.duckdb", [("a", "1.00"), ("b", "2.50")])
    result = _compare(before, _warehouse(tmp_path / "b.duckdb", after))
    assert result.returncode == 1
    assert "fact_x" in result.stdout


def test_export_folders_compare_their_parquet_files(tmp_path: Path) -> None:
    for name, amount in (("before", "1.00"), ("after", "1.01")):
        (tmp_path / name).mkdir()
        duckdb.sql(f"copy (select 'a' as id, {amount}::decimal(18, 2) as amount) to '{tmp_path / name}/dim_y.parquet'")
    assert _compare(tmp_path / "before", tmp_path / "before").returncode == 0
    assert _compare(tmp_path / "before", tmp_path / "after").returncode == 1
