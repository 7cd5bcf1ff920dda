"""4. Analyst queries on the largest warehouse."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import duckdb

from benchmark.document import Section
from benchmark.measure import median_time

QUERIES = {
    "budget vs actual by service area and year": """
        select unit.unit_name, budget.fiscal_year, sum(budget.budget_eur) as budget_eur,
            sum(budget.actual_eur) as actual_eur
        from analytics.rpt_budget_vs_actual as budget
        inner join analytics.dim_unit as unit on budget.unit_id = unit.unit_id
        where unit.unit_level = 'service_area' and budget.line_item_id = 'toimintakate'
        group by all
        order by all
    """,
    "top variances": """
        select unit_id, line_item_id, fiscal_year, variance_eur
        from analytics.rpt_budget_vs_actual
        where variance_eur is not null
        order by abs(variance_eur) desc
        limit 20
    """,
    "execution % by line item over years": """
        select line_item_id, fiscal_year, avg(execution_pct) as mean_execution_pct, count(*) as units
        from analytics.rpt_budget_vs_actual
        where statement = 'operating'
        group by all
        order by all
    """,
    "project funding by funder": """
        select funder, count(*) as projects, sum(total_funding_eur) as funding_eur
        from (select unnest(string_split(funders, '; ')) as funder, total_funding_eur from analytics.fact_project)
        group by all
        order by funding_eur desc nulls last
    """,
    "KPI trend": """
        select indicator, unit_of_measure, fiscal_year, avg(value) as mean_value, count(*) as values
        from analytics.fact_kpi
        where measure_type = 'actual' and value is not null
        group by all
        order by all
    """,
}


def query_rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return con.execute(sql).fetchall()


def bench_queries(database: Path, repeats: int) -> Section:
    section = Section(
        "Analyst queries",
        f"Median latency over {repeats} runs, one read-only connection to the largest warehouse.",
    )
    with duckdb.connect(str(database), read_only=True) as con:
        for name, sql in QUERIES.items():
            rows = len(con.execute(sql).fetchall())
            seconds, _ = median_time(partial(query_rows, con, sql), repeats)
            section.rows.append({"query": name, "rows": rows, "median ms": round(seconds * 1000, 2)})
            section.goal(f"{name}, ms", seconds * 1000, 50.0)
    return section
