"""A quiet build: one progress line and a summary; the committed reports' build is short."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from kuntatalous.warehouse.progress import follow

MAX_LINES = 40


def event(name: str, level: str = "info", msg: str = "", **data: object) -> str:
    return json.dumps({"info": {"name": name, "level": level, "msg": msg}, "data": data})


def node(resource_type: str, name: str, status: str, index: int) -> str:
    info = {"resource_type": resource_type, "node_name": name, "node_status": status}
    return event(
        f"Log{'Test' if 'test' in resource_type else 'Model'}Result",
        node_info=info,
        status=status,
        index=index,
        total=3,
    )


def test_counts_results_keeps_errors_and_passes_plain_lines_through() -> None:
    out = io.StringIO()
    lines = [
        event("MainReportVersion", msg="Running with dbt=1.11"),
        event("LogStartLine", node_info={"resource_type": "model", "node_name": "a"}, index=1, total=3),
        node("model", "a", "success", 1),
        node("test", "unique_a", "fail", 2),
        node("unit_test", "u", "pass", 3),
        event("RunResultError", "error", "Database Error in model b: syntax error"),
        event("RunResultFailure", "error", "Failure in test unique_a"),
        "not json\n",
    ]
    progress = follow(lines, out)
    assert progress.done == 3
    assert out.getvalue().splitlines() == [
        "not json",
        "Database Error in model b: syntax error",
        "dbt: models 1 success; tests 1 fail; unit tests 1 pass",
    ]


def test_a_dbt_that_never_ran_gets_no_summary() -> None:
    """dbt-build stopped before the plan writes nothing: no `dbt:` line claims that dbt ran; a
    dbt that ran and selected nothing still says so."""
    out = io.StringIO()
    follow([], out)
    assert out.getvalue() == ""
    follow([event("MainReportVersion", msg="Running with dbt=1.11")], out)
    assert out.getvalue() == "dbt: nothing ran\n"


def test_the_committed_reports_build_prints_at_most_40_lines(
    committed_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = committed_build
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) <= MAX_LINES, "\n".join(lines)
    assert any(line.startswith("dbt: models ") for line in lines)
    # Incomplete checks counted by reason, not listed one by one.
    assert any(line.startswith("  unit_rollup incomplete (") for line in lines)
    assert not any("INCOMPLETE:" in line for line in lines)
    assert result.stdout.splitlines()[-1].startswith("build finished ")
