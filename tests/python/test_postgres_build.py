"""make build TARGET=postgres on a real server: the same marts as the DuckDB build, a reader
that never fails or sees a mix through a failing and a good build, and builds that exclude
each other."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kuntatalous.warehouse.postgres import LOCK_KEY
from kuntatalous.warehouse.postgres_cluster import Warehouse, clean_env

from .warehouse_builds import BUILD_SCRIPT, HY, REPO, YP, committed_report, replace_once, shift_years

pytestmark = pytest.mark.e2e


def pg_build(
    warehouse: Warehouse, reports: Path, workdir: Path, schema: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``make build TARGET=postgres`` of ``reports`` into ``schema`` (its exports and dbt's
    files under ``workdir``)."""
    workdir.mkdir(parents=True, exist_ok=True)
    environment = {
        **clean_env(),
        **warehouse.build_env(schema),
        **(env or {}),
        "TARGET": "postgres",
        "REPORTS": str(reports),
        "EXPORTS": str(workdir / "exports"),
        "VENV_BIN": str(Path(sys.executable).parent),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }
    return subprocess.Popen(
        ["bash", str(BUILD_SCRIPT)],
        env=environment,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


def write_reports(folder: Path, reports: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


STATUSES = (
    "select check_name, status, count(*) from analytics.rpt_reconciliation group by check_name, status order by 1, 2"
)


@dataclass(frozen=True)
class Committed:
    """The committed reports built and published on PostgreSQL into schema kt_committed."""

    exports: Path
    statuses: list[tuple[object, ...]]
    """The reconciliation statuses (STATUSES), read before pg_served builds into the schema."""


@pytest.fixture(scope="module")
def pg_committed(pg_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Committed:
    workdir = tmp_path_factory.mktemp("pg-committed")
    status, output = finished(pg_build(pg_warehouse, REPO / "reports", workdir, "kt_committed"))
    assert status == 0, output[-6000:]
    with pg_warehouse.reader_connect() as reader:
        statuses = reader.execute(STATUSES.replace("from analytics.", "from kt_committed_analytics.")).fetchall()
    return Committed(workdir / "exports", statuses)


@pytest.fixture(scope="module")
def pg_exports(pg_committed: Committed) -> Path:
    """The folder of the committed reports' exports from PostgreSQL."""
    return pg_committed.exports


def test_the_marts_are_identical_to_the_duckdb_build(pg_exports: Path, warehouse_file: Path) -> None:
    duckdb_exports = warehouse_file.parent / "exports"
    compared = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "compare_marts.py"), str(duckdb_exports), str(pg_exports)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compared.returncode == 0, compared.stdout[-6000:] + compared.stderr[-2000:]
    marts = sorted(path.stem for path in duckdb_exports.glob("*.parquet"))
    assert marts == sorted(path.stem for path in pg_exports.glob("*.parquet"))
    assert {"fact_budget", "rpt_reconciliation", "dim_unit"} <= set(marts)


def test_the_reconciliation_statuses_are_the_same(pg_committed: Committed, warehouse: Any) -> None:
    expected = [tuple(row) for row in warehouse.execute(STATUSES).fetchall()]
    assert pg_committed.statuses == expected
    assert {status for _, status, _ in expected} >= {"ok", "warn"}


@dataclass(frozen=True)
class Served:
    """A published warehouse that a reader queried through a failing build, then a good one."""

    failed: tuple[int, str]
    failed_messages: list[str]
    """The failed build's stored failing rows of the reconciliation test."""
    good: tuple[int, str]
    reader: dict[str, Any]


@pytest.fixture(scope="module")
def pg_served(pg_warehouse: Warehouse, pg_committed: Committed, tmp_path_factory: pytest.TempPathFactory) -> Served:
    workdir = tmp_path_factory.mktemp("pg-served")
    # The published warehouse: the committed reports' build (pg_committed), built once.
    schema = "kt_committed"
    # Poikkeama of Talouspalvelut's costs printed 1 000 € off: printed_variance fails.
    broken = write_reports(
        workdir / "broken",
        {
            YP: replace_once(
                committed_report(YP),
                "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 115 416\t88,77",
                "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 116 416\t88,77",
            ),
            HY: committed_report(HY),
        },
    )
    # A third report: next year's, so a reader can tell the new warehouse from the old.
    grown = write_reports(
        workdir / "grown",
        {YP: committed_report(YP), HY: committed_report(HY), "next_year.txt": shift_years(committed_report(YP), 1)},
    )
    stop = workdir / "stop-reader"
    reader = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("pg_reader_loop.py")),
            pg_warehouse.reader_url(),
            f"{schema}_analytics",
            str(stop),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        failed = finished(pg_build(pg_warehouse, broken, workdir / "build-broken", schema))
        with pg_warehouse.build_connect() as conn:
            rows = conn.execute(f"select message from {schema}_candidate_audit.reconciles").fetchall()
        good = finished(pg_build(pg_warehouse, grown, workdir / "build-grown", schema))
    finally:
        stop.touch()
        output, _ = reader.communicate(timeout=120)
    return Served(failed=failed, failed_messages=[str(m) for (m,) in rows], good=good, reader=json.loads(output))


def test_a_reader_never_fails_during_builds_and_sees_the_new_data_after_the_publish(pg_served: Served) -> None:
    assert pg_served.failed[0] != 0
    assert "build failed (dbt exit 1): schema kt_committed_analytics is unchanged" in pg_served.failed[1]
    assert pg_served.good[0] == 0, pg_served.good[1][-6000:]
    assert pg_served.reader["failures"] == []
    assert pg_served.reader["queries"] > 50
    documents = [int(count) for count, _ in pg_served.reader["seen"]]
    # The old warehouse throughout the failed build, then the new one, and never a mix.
    assert documents == [2, 3]
    assert pg_served.reader["seen"][0][1] != pg_served.reader["seen"][1][1]


def test_the_failed_build_keeps_its_failing_rows_for_the_build_role(pg_served: Served) -> None:
    assert len(pg_served.failed_messages) == 1
    assert pg_served.failed_messages[0].startswith("printed_variance FAIL")
    assert "printed_variance FAIL" in pg_served.failed[1]


def test_two_builds_started_together_run_one_after_the_other(pg_warehouse: Warehouse, tmp_path: Path) -> None:
    reports = write_reports(tmp_path / "reports", {YP: committed_report(YP)})
    builds = [pg_build(pg_warehouse, reports, tmp_path / f"build-{n}", "kt_twins") for n in (1, 2)]
    results = [finished(process) for process in builds]
    assert [status for status, _ in results] == [0, 0], results[0][1][-3000:] + results[1][1][-3000:]
    waited = [output for _, output in results if "another build of schema kt_twins is running" in output]
    assert len(waited) == 1


def test_a_build_that_would_wait_too_long_exits_cleanly(pg_warehouse: Warehouse, tmp_path: Path) -> None:
    reports = write_reports(tmp_path / "reports", {YP: committed_report(YP)})
    # Another build of kt_waits holds the lock (two real builds take turns: the test above).
    with pg_warehouse.build_connect() as conn:
        assert conn.execute("select pg_try_advisory_lock(hashtext(%s))", (f"{LOCK_KEY} kt_waits",)).fetchone() == (
            True,
        )
        second = finished(pg_build(pg_warehouse, reports, tmp_path / "build-2", "kt_waits", {"BUILD_LOCK_WAIT": "0.2"}))
    assert second[0] == 75, second[1][-3000:]
    assert "gave up after 0.2s: another build of kt_waits still runs" in second[1]
    assert "Traceback" not in second[1]
