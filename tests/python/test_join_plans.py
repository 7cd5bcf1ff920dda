"""No join of the build compares every row with every other.

A join the engine cannot hash (its condition an ``or``, or on a table joined before it) is a
nested loop: it compares each row of one side with each of the other, so its time grows with the
square of the corpus. One such join in int_budget_rows__resolved took 180 s of a 290 s dbt build at
24 000 documents, 5 s at 4 000 (docs/benchmarks-national.md). Every model and data test that the
committed build ran is planned here (DuckDB's EXPLAIN, on the tables the build kept); a nested
loop or a cross product is allowed only where LINEAR_LOOPS says why one side stays small.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

NESTED_LOOPS = ("NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "CROSS_PRODUCT")
"""DuckDB's operators that pair rows without a hash or a sort."""

LINEAR_LOOPS: dict[str, str] = {
    "int_budget_amounts__term_sums": "a term's bit mask against the 63 bit positions",
    "int_budget_amounts__uncurated_terms": "each figure against its three block positions",
    "int_budget_tables": "a unit label against the words of the organisation's levels",
    "int_budget_tables__signs": "each table against the two readings of its signs",
}
"""The nodes whose plans may have a nested loop: why the loop's other side is small."""


def nested_loops(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """The nested-loop operators of the plan DuckDB makes for ``sql`` (its JSON: the text form
    leaves out what does not fit its width)."""
    plans = [tree for row in con.execute("explain (format json) " + sql).fetchall() for tree in json.loads(row[1])]
    return {operator for operator in operators(plans) if operator in NESTED_LOOPS}


def operators(nodes: list[dict[str, object]]) -> set[str]:
    """The names of the operators in the plan trees ``nodes``."""
    names: set[str] = set()
    for node in nodes:
        names.add(str(node.get("name", "")))
        children = node.get("children", [])
        assert isinstance(children, list)
        names |= operators(children)
    return names


def planned_loops(target: Path, con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The nested-loop operators in the plan of each model and data test that the run of
    ``target`` ran, by node name (nodes without one left out). The staging models reading the
    extraction's files, gone after the build, are left out: they rename and cast, and join nothing."""
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    loops: dict[str, set[str]] = {}
    for result in results:
        kind, _, name = result["unique_id"].split(".")[:3]
        if kind not in ("model", "test") or not result.get("compiled_code"):
            continue
        try:
            found = nested_loops(con, result["compiled_code"])
        except duckdb.IOException:
            assert name.startswith("stg_reports__"), result["unique_id"]
            continue
        if found:
            loops[name] = found
    return loops


@pytest.mark.e2e
def test_no_join_of_the_build_is_an_undeclared_nested_loop(
    warehouse_file: Path, steps: duckdb.DuckDBPyConnection
) -> None:
    loops = planned_loops(warehouse_file.parent / "target", steps)
    undeclared = {node: found for node, found in loops.items() if node not in LINEAR_LOOPS}
    assert undeclared == {}
    # Each declared loop is still planned: a declaration the build no longer needs is removed.
    assert set(LINEAR_LOOPS) <= set(loops)


def test_a_join_on_a_table_joined_before_it_is_seen_as_a_nested_loop() -> None:
    # The shape int_budget_rows__resolved had: the second join only where the first found nothing.
    con = duckdb.connect()
    con.execute("create table rows_ as select range as id, range % 7 as k from range(100)")
    con.execute("create table names as select range as k, 'n' || range as name from range(5)")
    conditional = """
        select * from rows_
        left join names as first_ on rows_.k = first_.k
        left join names as second_ on first_.name is null and rows_.k - 5 = second_.k
    """
    keyed = """
        select * from rows_
        left join names as first_ on rows_.k = first_.k
        left join names as second_ on case when first_.name is null then rows_.k - 5 end = second_.k
    """
    either = "select * from rows_ left join names on rows_.k = names.k or rows_.id = names.k"
    assert nested_loops(con, conditional) == {"BLOCKWISE_NL_JOIN"}
    assert nested_loops(con, either) == {"BLOCKWISE_NL_JOIN"}
    assert nested_loops(con, keyed) == set()
    assert con.execute(f"select count(*) from ({conditional} except all {keyed})").fetchone() == (0,)
