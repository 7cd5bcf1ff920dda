"""A budget table broken over a page, its header not repeated (tests/python/fixtures/budget_page_break.txt:
``Sivu 41`` between Muut henkilösivukulut and Palvelujen ostot), built end to end: every figure
loads once, in one table, and every check is ok."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .conftest import FIXTURES
from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, build_steps

pytestmark = pytest.mark.e2e

REPORT = "budget_page_break.txt"
UNIT = "kuusamo.perusturvalautakunta"


def make_page_break_build(workdir: Path, environ: Mapping[str, str]) -> Path:
    reports = workdir / "reports"
    reports.mkdir()
    (reports / REPORT).write_text((FIXTURES / REPORT).read_text(encoding="utf-8"), encoding="utf-8")
    database, _ = build(reports, workdir / "build", base=environ)
    return database


PREBUILDS: dict[str, Make] = {"page_break_build": make_page_break_build}


@pytest.fixture(scope="module")
def page_break_build(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database: Path = prebuilds.take(make_page_break_build)
    con = build_steps(database)
    con.execute("set search_path = 'analytics'")
    return con


def test_every_row_loads_once_in_one_table(page_break_build: duckdb.DuckDBPyConnection) -> None:
    rows = page_break_build.execute(
        "select source_line, table_line from work.staging.stg_reports__budget_rows order by source_line"
    ).fetchall()
    # Lines 12-23 above the page number (line 25), 27-36 below it; the header on line 11.
    assert rows == [(line, 11) for line in [*range(12, 24), *range(27, 37)]]
    assert page_break_build.execute("select count(*) from work.staging.stg_reports__rejects").fetchone() == (0,)


def test_every_figure_loads_once(page_break_build: duckdb.DuckDBPyConnection) -> None:
    # 20 lines with figures (TOIMINTATUOTOT and TOIMINTAKULUT print none), five figures each.
    assert page_break_build.execute(
        "select count(*), count(distinct (line_item_id, fiscal_year, scenario)) from fact_budget where unit_id = ?",
        [UNIT],
    ).fetchone() == (100, 100)


# (line item, year, scenario) -> euros, read by hand from the fixture: the first line after the
# page break, the last one before it and the total that adds up lines of both pages.
FIGURES = [
    ("palvelujen_ostot", 2024, "actual", "-3912006"),
    ("palvelujen_ostot", 2025, "budget_original", "-4050000"),
    ("palvelujen_ostot", 2025, "budget_change", "-200000"),
    ("palvelujen_ostot", 2025, "budget", "-4250000"),
    ("palvelujen_ostot", 2025, "actual", "-4188925"),
    ("muut_henkilosivukulut", 2025, "actual", "-298640"),
    ("muut_toimintakulut", 2025, "actual", "-1098746"),
    ("toimintakulut", 2025, "actual", "-15347843"),
    ("tilikauden_tulos", 2025, "budget", "-13707000"),
]


@pytest.mark.parametrize(("line_item", "year", "scenario", "euros"), FIGURES)
def test_figures_after_the_page_break(
    page_break_build: duckdb.DuckDBPyConnection, line_item: str, year: int, scenario: str, euros: str
) -> None:
    rows = page_break_build.execute(
        "select amount_eur from fact_budget where unit_id = ? and line_item_id = ? and fiscal_year = ? "
        "and scenario = ?",
        [UNIT, line_item, year, scenario],
    ).fetchall()
    assert rows == [(Decimal(euros),)]


def test_every_check_is_ok(page_break_build: duckdb.DuckDBPyConnection) -> None:
    statuses = dict(page_break_build.execute("select status, count(*) from rpt_reconciliation group by all").fetchall())
    assert set(statuses) == {"ok"}, statuses
    subtotal = page_break_build.execute(
        "select expected_value, computed_value from rpt_reconciliation where check_name = 'subtotal' "
        "and line_item_id = 'toimintakulut' and fiscal_year = 2025 and scenario = 'actual'"
    ).fetchall()
    assert subtotal == [(Decimal("-15347843"), Decimal("-15347843"))]
