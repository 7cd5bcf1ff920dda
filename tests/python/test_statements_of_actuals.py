"""The whole city's income and financing statements printed with their actuals alone, as a
financial statement prints them after the budget's execution (``TP 2025 | TP 2024``,
``1.1.-31.12.2025 | 1.1.-31.12.2024``), end to end: they load as actuals, their subtotals tie
out, and each figure the budget's execution prints too is checked against it (repeated_printing).

The report is tests/python/fixtures/financing_statement.txt (the budget's execution: income
statement, investment part, financing part) followed by ``OFFICIAL``: its lines (from 82 on)
read by hand from the execution's actuals, in thousands.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .layouts import connect, make_tampered_layouts
from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, replace_once, write_reports

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).parent / "fixtures" / "financing_statement.txt"
SOURCE = "statements.txt"
OFFICIAL = (
    "\n## Tuloslaskelma\n\n"
    "Tuloslaskelma (1 000 €)\t1.1.-31.12.2025\t1.1.-31.12.2024\n"
    "Toimintatuotot\t28 260\t27 747\n"
    "Toimintakulut\t-208 151\t-204 077\n"
    "Valmistus omaan käyttöön\t198\t210\n"
    "<b>Toimintakate</b>\t<b>-179 693</b>\t<b>-176 120</b>\n"
    "Verotulot\t147 212\t142 500\n"
    "Valtionosuudet\t60 100\t58 900\n"
    "Rahoitustuotot ja -kulut\t1 158\t1 272\n"
    "<b>Vuosikate</b>\t<b>28 777</b>\t<b>26 552</b>\n"
    "Poistot ja arvonalentumiset\t-14 488\t-14 020\n"
    "Satunnaiset erät\t0\t0\n"
    "<b>Tilikauden tulos</b>\t<b>14 289</b>\t<b>12 532</b>\n"
    "Tilinpäätössiirrot\t-200\t320\n"
    "<b>Tilikauden ylijäämä (alijäämä)</b>\t<b>14 089</b>\t<b>12 852</b>\n"
    "\n## Rahoituslaskelma\n\n"
    "Rahoituslaskelma (1 000 €)\tTP 2025\tTP 2024\n"
    "Toiminnan rahavirta\t\t\n"
    "Vuosikate\t28 777\t26 552\n"
    "Satunnaiset erät\t0\t0\n"
    "Tulorahoituksen korjauserät\t-1 733\t-1 920\n"
    "Investointien rahavirta\t\t\n"
    "Investointimenot\t-19 225\t-17 710\n"
    "Rahoitusosuudet investointimenoihin\t1 530\t1 250\n"
    "Pysyvien vastaavien hyödykkeiden luovutustulot\t1 904\t2 080\n"
    "<b>Toiminnan ja investointien rahavirta</b>\t<b>11 253</b>\t<b>10 252</b>\n"
    "Rahoituksen rahavirta\t\t\n"
    "Antolainauksen muutokset\t-55\t-380\n"
    "Lainakannan muutokset\t-9 500\t-9 300\n"
    "Oman pääoman muutokset\t0\t0\n"
    "Muut maksuvalmiuden muutokset\t-1 230\t1 048\n"
    "<b>Rahoituksen rahavirta</b>\t<b>-10 785</b>\t<b>-8 632</b>\n"
    "<b>Rahavarojen muutos</b>\t<b>468</b>\t<b>1 620</b>\n"
)
"""Lines 82 on: Tuloslaskelma's header at 84, its rows 85-97 (Tilinpäätössiirrot at 96);
Rahoituslaskelma's header at 101, its rows 102-117 (Antolainauksen muutokset at 112)."""
PRINTED_TAXES = "Verotulot\t147 212\t142 500\n"
"""Line 89, the official statement's Verotulot (the execution prints 147 212 at line 22)."""


def _text() -> str:
    return FIXTURE.read_text(encoding="utf-8") + OFFICIAL


def tampered_layout() -> tuple[str, dict[str, str]]:
    """Jeela's report, its official Verotulot (line 89) printed 147 221, built with other
    modules' tampered reports (layouts.py)."""
    return "Jeela", {SOURCE: replace_once(_text(), PRINTED_TAXES, "Verotulot\t147 221\t142 500\n")}


EXECUTION = "keela_tp2025_toteutuminen.txt"
OFFICIAL_FILE = "keela_tp2025_tilinpaatoslaskelmat.txt"
"""The two printed as two reports of the year, Keela's: the official statements first by file name."""


def make_statements(workdir: Path, environ: Mapping[str, str]) -> Path:
    """One build of two municipalities: Jeela's report (SOURCE: the execution and the official
    statements in one file) and Keela's two (the same, as two files)."""
    texts = {
        SOURCE: _text(),
        EXECUTION: FIXTURE.read_text(encoding="utf-8"),
        OFFICIAL_FILE: "TILINPÄÄTÖS 2025\n" + OFFICIAL,
    }
    reports = write_reports(workdir / "reports", texts, {SOURCE: "Jeela", EXECUTION: "Keela", OFFICIAL_FILE: "Keela"})
    database, _ = build(reports, workdir, base=environ)
    return database


PREBUILDS: dict[str, Make] = {"statements": make_statements, "tampered": make_tampered_layouts}


@pytest.fixture(scope="module")
def statements(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database: Path = prebuilds.take(make_statements)
    return duckdb.connect(str(database), read_only=True)


@pytest.fixture(scope="module")
def tampered(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds, make_tampered_layouts)
    return con


def test_the_official_statements_load_as_the_citys_actuals(statements: duckdb.DuckDBPyConnection) -> None:
    """A figure the execution prints first is the execution's row of fact_budget (one row per
    figure); the lines the execution prints as captions or not at all are the statement's."""
    rows = statements.execute(
        "select source_line, statement, unit_id, line_item_id, fiscal_year, scenario, amount_eur "
        "from analytics.fact_budget where source_file = ? and source_line >= 82 order by all",
        [SOURCE],
    ).fetchall()
    assert rows == [
        (96, "operating", "jeela", "tilinpaatossiirrot", 2024, "actual", Decimal("320000.00")),
        (96, "operating", "jeela", "tilinpaatossiirrot", 2025, "actual", Decimal("-200000.00")),
        (112, "financing", "jeela", "antolainauksen_muutokset", 2024, "actual", Decimal("-380000.00")),
        (112, "financing", "jeela", "antolainauksen_muutokset", 2025, "actual", Decimal("-55000.00")),
    ]


def test_each_figure_ties_to_the_budgets_execution_and_its_subtotals(statements: duckdb.DuckDBPyConnection) -> None:
    counts = statements.execute(
        "select check_name, status, count(*) from analytics.rpt_reconciliation "
        "where source_file = ? and source_line >= 82 group by all order by all",
        [SOURCE],
    ).fetchall()
    # Each table's first cost (2); every line but Tilinpäätössiirrot and Antolainauksen
    # muutokset printed again in both years (12 of each statement, 2 x 24); those two, first
    # printed here, against their terms (Antolainasaamisten lisäykset and vähennykset, and the
    # execution's Poistoeron, Varausten and Rahastojen lisäys tai vähennys), in both years.
    assert counts == [("cost_sign", "ok", 2), ("repeated_printing", "ok", 48), ("subtotal", "ok", 4)]
    taxes = statements.execute(
        "select other_source_line, expected_value, computed_value from analytics.rpt_reconciliation "
        "where check_name = 'repeated_printing' and source_file = ? and source_line = 89 and fiscal_year = 2025",
        [SOURCE],
    ).fetchall()
    assert taxes == [(22, Decimal("147212000"), Decimal("147212000"))]
    assert statements.execute("select count(*) from analytics.rpt_reconciliation where status <> 'ok'").fetchone() == (
        0,
    )


def test_the_budget_vs_actual_keeps_the_executions_budget(statements: duckdb.DuckDBPyConnection) -> None:
    rows = statements.execute(
        "select line_item_id, budget_eur, actual_eur, source_line from analytics.rpt_budget_vs_actual "
        "where unit_id = 'jeela' and line_item_id in ('verotulot', 'tilinpaatossiirrot') order by 1"
    ).fetchall()
    assert rows == [
        ("tilinpaatossiirrot", None, Decimal("-200000.00"), 96),
        ("verotulot", Decimal("146000000.00"), Decimal("147212000.00"), 22),
    ]


def test_a_figure_printed_otherwise_than_in_the_execution_fails(tampered: duckdb.DuckDBPyConnection) -> None:
    failing = tampered.execute(
        "select check_name, source_line, line_item_id, fiscal_year, expected_value, computed_value "
        "from analytics.rpt_reconciliation where municipality = 'Jeela' and status = 'fail' order by all"
    ).fetchall()
    assert failing == [
        ("repeated_printing", 89, "verotulot", 2025, Decimal("147212000"), Decimal("147221000")),
    ]


def test_the_citys_statement_in_two_reports_counts_once(statements: duckdb.DuckDBPyConnection) -> None:
    """The city's Toimintakulut of 2025, -208 151 (thousands), printed by the execution (with its
    budget, -209 300, as Toimintamenot at line 13) and again by the official statements (line 7 of
    their file): the execution's row counts, though the other file sorts first."""
    rows = statements.execute(
        "select source_file, source_line, budget_eur, actual_eur, is_first_printing, is_top_level "
        "from analytics.rpt_budget_vs_actual where unit_id = 'keela' and line_item_id = 'toimintakulut' "
        "and fiscal_year = 2025 order by source_file"
    ).fetchall()
    assert rows == [
        (OFFICIAL_FILE, 7, None, Decimal("-208151000.00"), False, False),
        (EXECUTION, 13, Decimal("-209300000.00"), Decimal("-208151000.00"), True, True),
    ]
    totals = statements.execute(
        "select sum(signed_budget_eur), sum(signed_actual_eur) from analytics.rpt_budget_vs_actual "
        "where municipality = 'Keela' and fiscal_year = 2025 and line_item_id = 'toimintakulut' and is_top_level"
    ).fetchone()
    assert totals == (Decimal("-209300000.00"), Decimal("-208151000.00"))
    # A line only the official statements print counts there.
    transfers = statements.execute(
        "select source_file, is_first_printing, is_top_level from analytics.rpt_budget_vs_actual "
        "where municipality = 'Keela' and line_item_id = 'tilinpaatossiirrot' and fiscal_year = 2025"
    ).fetchall()
    assert transfers == [(OFFICIAL_FILE, True, True)]
