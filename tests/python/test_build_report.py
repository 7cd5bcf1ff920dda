"""kuntatalous build-report: what a failed or warning build prints beside dbt's counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from kuntatalous.cli import main
from kuntatalous.warehouse.build_report import build_report, read_outcomes, render


def write_run_results(path: Path, results: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"results": results}), encoding="utf-8")
    return path


def dbt_test_result(name: str, status: str, failures: int, relation: str | None = None) -> dict[str, Any]:
    return {
        "unique_id": f"test.kuntatalous.{name}.0a1b2c",
        "status": status,
        "failures": failures,
        "message": f"Got {failures} results, configured to fail if != 0",
        "relation_name": relation,
    }


FAILURES = '"warehouse"."audit".'


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema audit")
        con.execute(
            "create table audit.reconciles__subtotal as"
            " select * from (values ('subtotal FAIL: u1 · toimintakate · 2025 actual: difference 1000.00 €', 1),"
            " ('subtotal FAIL: u2 · toimintakate · 2025 actual: difference 7.00 €', 2)) as t(message, n)"
        )
        con.execute("create table audit.not_null_x as select 1 as id, null as x")
    return path


def test_failures_first_then_warnings_with_their_stored_messages(tmp_path: Path, database: Path) -> None:
    run_results = write_run_results(
        tmp_path / "run_results.json",
        [
            dbt_test_result("not_null_x", "warn", 1, FAILURES + '"not_null_x"'),
            dbt_test_result("unique_y", "pass", 0, FAILURES + '"unique_y"'),
            dbt_test_result("reconciles__subtotal", "fail", 2, FAILURES + '"reconciles__subtotal"'),
            {"unique_id": "model.kuntatalous.fact_budget", "status": "error", "message": "Runtime Error\n  boom"},
        ],
    )

    report = build_report(run_results, database, limit=1)

    assert report.splitlines() == [
        "ERROR model fact_budget",
        "  Runtime Error",
        "FAIL test reconciles__subtotal (2)",
        "  subtotal FAIL: u1 · toimintakate · 2025 actual: difference 1000.00 €",
        "  … 1 more",
        '  query: select * from "audit"."reconciles__subtotal"',
        "WARN test not_null_x (1)",
        "  id=1, x=None",
        '  query: select * from "audit"."not_null_x"',
    ]


def test_passing_build_reports_nothing(tmp_path: Path) -> None:
    run_results = write_run_results(tmp_path / "run_results.json", [dbt_test_result("unique_y", "pass", 0)])
    assert read_outcomes(run_results) == []
    assert render([], None, 10) == ""


def test_without_the_database_the_counts_are_still_reported(tmp_path: Path) -> None:
    run_results = write_run_results(
        tmp_path / "run_results.json", [dbt_test_result("reconciles__subtotal", "fail", 2, '"w"."s"."t"')]
    )
    assert build_report(run_results, tmp_path / "missing.duckdb", 10).splitlines() == [
        "FAIL test reconciles__subtotal (2)",
        "  Got 2 results, configured to fail if != 0",
    ]


def test_cli(tmp_path: Path, database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_results = write_run_results(
        tmp_path / "run_results.json",
        [dbt_test_result("reconciles__subtotal", "fail", 2, FAILURES + '"reconciles__subtotal"')],
    )
    code = main(["build-report", "--run-results", str(run_results), "--database", str(database)])
    assert code == 0
    assert "u2 · toimintakate · 2025 actual: difference 7.00 €" in capsys.readouterr().out


def test_errored_tests_and_unit_tests_are_named_without_stale_tables(tmp_path: Path, database: Path) -> None:
    run_results = write_run_results(
        tmp_path / "run_results.json",
        [
            {
                **dbt_test_result("reconciles__subtotal", "error", 0, FAILURES + '"reconciles__subtotal"'),
                "message": "Runtime Error in test",
            },
            {"unique_id": "unit_test.kuntatalous.rpt_x.judges_each", "status": "fail", "message": "actual differs"},
            dbt_test_result("gone", "warn", 1, FAILURES + '"no_such_table"'),
        ],
    )
    lines = build_report(run_results, database, 5).splitlines()
    assert lines[:2] == ["ERROR test reconciles__subtotal (0)", "  Runtime Error in test"]
    assert lines[2:4] == ["FAIL unit_test judges_each", "  actual differs"]
    assert lines[4] == "WARN test gone (1)"
    assert lines[5].startswith("  (stored failures unreadable: ")


def test_the_first_culprit_is_the_first_failing_figure_as_printed(tmp_path: Path) -> None:
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema audit")
        # A wrong term fails its subtotal (line 23) and the total above it (line 24): the term's
        # line is named, though the total's message comes first alphabetically.
        con.execute(
            "create table audit.reconciles as select * from (values"
            " ('subtotal', 'fail', 'subtotal FAIL: o.k · toimintakate · 2025 actual: …', 'r.txt', 24),"
            " ('subtotal', 'fail', 'subtotal FAIL: o.k · toimintakulut · 2025 actual: …', 'r.txt', 23),"
            " ('printed_variance', 'fail', 'printed_variance FAIL: o.k · toimintakulut · 2025: …', 'r.txt', 23),"
            " ('subtotal', 'ok', 'subtotal ok: o.k · henkilostokulut · 2025 actual', 'r.txt', 3))"
            " as t(check_name, status, message, source_file, source_line)"
        )
    run_results = write_run_results(
        tmp_path / "run_results.json", [dbt_test_result("reconciles", "fail", 3, FAILURES + '"reconciles"')]
    )
    assert build_report(run_results, database, limit=5, failing=True) == (
        "printed_variance (1: o.k · toimintakulut · 2025); subtotal (2: o.k · toimintakulut · 2025 actual)"
    )
