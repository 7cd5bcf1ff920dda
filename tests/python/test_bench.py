"""The benchmark works: `scripts/bench.py --smoke` measures every figure on a small corpus.

Nothing here is about speed (machines are noisy); `make bench` writes the real figures to
docs/benchmarks.md."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .background import Background

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def smoke(bench_smoke: Background | None) -> tuple[dict[str, Any], str]:
    """The results of `scripts/bench.py --smoke`, started with the session (conftest.py)."""
    assert bench_smoke is not None
    returncode, output = bench_smoke.finish(timeout=1800)
    assert returncode == 0, output[-6000:]
    out = bench_smoke.out
    document = (out / "benchmarks-smoke.md").read_text(encoding="utf-8")
    return json.loads((out / "benchmarks-smoke.json").read_text(encoding="utf-8")), document


def section(results: dict[str, Any], title: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in results["sections"] if s["title"] == title]
    assert len(found) == 1, title
    return found[0]


def test_every_step_is_measured_against_its_floor(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    extraction = section(results, "Extraction")
    assert [row["documents"] for row in extraction["rows"]] == [10, 20]
    for row in extraction["rows"]:
        assert row["extract s"] > 0
        assert row["floor s"] > 0
        assert row["peak MB"] > 0
        assert row["tables"] > row["documents"]
    build = section(results, "Warehouse build")
    assert [row["documents"] for row in build["rows"]] == [2, 20]
    for row in build["rows"]:
        assert row["fact_budget rows"] > 0
        assert 0 < row["start-up s"] < row["dbt build s"]
        assert row["floor s"] > 0
        assert row["peak MB"] > 0
        assert 0 < row["floor reference seeds s"] < row["floor s"]
        assert 0 < row["floor raw-reading models s"] < row["floor s"]
        assert row["dbt raw-reading models s"] > 0
        for node in row["slowest nodes"].split(", "):
            assert len(node.rsplit(" ", 1)[0]) <= 60, node
        assert row["nodes"] > 100
    assert build["rows"][1]["fact_budget rows"] > build["rows"][0]["fact_budget rows"]


def test_the_postgresql_build_is_measured_beside_duckdbs(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    duckdb_rows = {row["documents"]: row for row in section(results, "Warehouse build")["rows"]}
    (row,) = section(results, "Warehouse build on PostgreSQL")["rows"]
    assert row["documents"] == 2
    assert row["fact_budget rows"] == duckdb_rows[2]["fact_budget rows"]
    assert 0 < row["dbt build s"] < row["load, build, publish, export s"]
    assert row["DuckDB dbt build s"] == duckdb_rows[2]["dbt build s"]


def test_the_extraction_profile_names_where_the_time_goes(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    functions = section(results, "Where extraction spends its time")["rows"]
    assert len(functions) == 10
    assert 0 < sum(row["own %"] for row in functions) <= 100
    assert any("kuntatalous" in row["function"] or ".py:" in row["function"] for row in functions)


def test_adding_one_report_extracts_only_that_report(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    unchanged, added, full = section(results, "Incremental")["rows"]
    assert unchanged["extracted (not cached)"] == 0
    assert added["extracted (not cached)"] == 1
    assert added["reports"] == unchanged["reports"] + 1
    assert (unchanged["plan"], added["plan"], full["plan"]) == ("unchanged", "partial", "full")
    assert full["extracted (not cached)"] == 0
    assert full["reports"] == added["reports"]
    assert full["/ full rebuild"] == 1.0


def test_one_large_report_is_built_at_two_sizes(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    rows = section(results, "One large report")["rows"]
    assert [(row["silent units"], row["table lines"]) for row in rows] == [(6, 60), (12, 120)]
    for row in rows:
        # Every unit of the generated section is placed by its sums: the report is what it claims.
        assert row["units placed by sums"] == row["silent units"]
        assert row["int_unit_edges__sums s"] > 0
        assert row["int_budget_amounts__term_sums s"] > 0


def test_the_analyst_queries_return_rows(smoke: tuple[dict[str, Any], str]) -> None:
    results, _ = smoke
    queries = section(results, "Analyst queries")["rows"]
    assert len(queries) == 5
    assert all(row["rows"] > 0 and row["median ms"] > 0 for row in queries)


def test_the_document_shows_every_goal_with_its_measure(smoke: tuple[dict[str, Any], str]) -> None:
    results, document = smoke
    assert results["machine"]["cores"]
    goals = [goal for s in results["sections"] for goal in s["goals"]]
    assert len(goals) == 2 + 2 + 3 + 5 + 2
    for goal in goals:
        assert f"| {goal['goal']} | {goal['measured']} | {goal['limit']} |" in document
