"""Every unit-grained mart carries its unit's municipality, level and parent beside unit_id,
as dim_unit has them (macros/unit_context.sql), so that a BI tool filters and sums by level
without a join."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

CONTEXT = ("municipality", "unit_level", "parent_unit_id")


def unit_grained_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts with a unit_id, dim_unit itself aside."""
    rows = con.execute(
        "select table_name from duckdb_columns() where schema_name = 'analytics' and column_name = 'unit_id' "
        "and table_name != 'dim_unit' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def disagreements(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Each unit-grained mart that lacks a context column, or whose rows disagree with dim_unit."""
    problems = []
    for mart in unit_grained_marts(con):
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'analytics' and table_name = ?", [mart]
            ).fetchall()
        }
        missing = [column for column in CONTEXT if column not in columns]
        if missing:
            problems.append(f"{mart}: no {', '.join(missing)}")
            continue
        differs = " or ".join(f"mart.{column} is distinct from unit.{column}" for column in CONTEXT)
        (count,) = con.execute(
            f"select count(*) from analytics.{mart} as mart left join analytics.dim_unit as unit "
            f"on mart.unit_id = unit.unit_id where {differs}"
        ).fetchone() or (0,)
        if count:
            problems.append(f"{mart}: {count} rows disagree with dim_unit")
    return problems


def test_every_unit_grained_mart_names_its_units_municipality_level_and_parent(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    assert unit_grained_marts(warehouse) == [
        "fact_budget",
        "fact_goal",
        "fact_kpi",
        "fact_project",
        "fact_risk",
        "rpt_budget_vs_actual",
        "rpt_reconciliation",
    ]
    assert disagreements(warehouse) == []
    # Read by hand: the board's goals are Heinola's, a board under Hyvinvointipalvelut.
    assert warehouse.execute(
        "select distinct municipality, unit_level, parent_unit_id from analytics.fact_goal "
        "where unit_id = 'heinola.hyvinvoinnin_edistamisen_lautakunta'"
    ).fetchall() == [("Heinola", "board", "heinola.hyvinvointipalvelut")]


def test_a_mart_whose_context_disagrees_or_is_missing_is_named(warehouse_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "tampered.duckdb"
    shutil.copy(warehouse_file, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("update analytics.fact_kpi set unit_level = 'city' where indicator = 'Perusopetus'")
        con.execute("alter table analytics.fact_risk drop column parent_unit_id")
        assert disagreements(con) == ["fact_kpi: 8 rows disagree with dim_unit", "fact_risk: no parent_unit_id"]
