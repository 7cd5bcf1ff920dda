"""The whole city's financing statement end to end (tests/python/fixtures/financing_statement.txt:
the whole city's income statement and investment part in thousands, in the Treasury's words, then
its ``Rahoitusosan toteutuminen``): its lines in the marts as read by hand from the fixture, its
subtotals tied out, and a tampered figure failing the subtotal check at its line.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .layouts import connect, make_layouts, make_tampered_layouts
from .prebuilds import Make, Prebuilds
from .warehouse_builds import replace_once

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).parent / "fixtures" / "financing_statement.txt"
SOURCE = FIXTURE.name
PRINTED_LOAN_INCREASE = "Pitkäaikaisten lainojen lisäys\t5 000\t10 000\t4 000\t6 000\n"
"""Line 70: TP 2024, TA 2025, Toteutunut 2025, Poikkeama (TA - Toteutunut), thousands."""
TAMPERED_LOAN_INCREASE = "Pitkäaikaisten lainojen lisäys\t5 000\t10 000\t4 100\t5 900\n"
"""The actual 100 000 € more and its variance to match: only the subtotal over it can tell."""
TAMPERS = [
    (PRINTED_LOAN_INCREASE, TAMPERED_LOAN_INCREASE),
    # Line 57's Vuosikate 10 000 € more and line 59's Tulorahoituksen korjauserät as much less,
    # variances to match: the subtotal over both still ties; the income statement's does not.
    ("Vuosikate\t26 552\t25 100\t28 777\t-3 677\n", "Vuosikate\t26 552\t25 100\t28 787\t-3 687\n"),
    (
        "Tulorahoituksen korjauserät\t-1 920\t-1 500\t-1 733\t233\n",
        "Tulorahoituksen korjauserät\t-1 920\t-1 500\t-1 743\t243\n",
    ),
    # Line 79's Rahavarat 1.1. 100 000 € less: no longer 31.12. less the change, nor the year
    # before's 31.12.
    ("Rahavarat 1.1.\t24 000\t25 620\t25 620\t0\n", "Rahavarat 1.1.\t24 000\t25 620\t25 520\t100\n"),
    # Line 80's Lainakanta 31.12. 100 000 € more (its variance to match): no longer the year
    # before's (85 300) plus Lainakannan muutokset (-9 500), which only warns.
    ("Lainakanta 31.12.\t85 300\t82 800\t75 800\t7 000\n", "Lainakanta 31.12.\t85 300\t82 800\t75 900\t6 900\n"),
]


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Teela", {SOURCE: FIXTURE.read_text(encoding="utf-8")}


def tampered_layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report with every one of ``TAMPERS``, built with other modules'
    tampered reports (layouts.py)."""
    text = FIXTURE.read_text(encoding="utf-8")
    for printed, tampered in TAMPERS:
        text = replace_once(text, printed, tampered)
    return "Teela", {SOURCE: text}


PREBUILDS: dict[str, Make] = {"financing_file": make_layouts, "tampered": make_tampered_layouts}


@pytest.fixture(scope="module")
def financing_file(prebuilds: Prebuilds) -> Path:
    database: Path = prebuilds.take(make_layouts)[0]
    return database


@pytest.fixture(scope="module")
def financing(financing_file: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(financing_file), read_only=True)


@pytest.fixture(scope="module")
def tampered(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds, make_tampered_layouts)
    return con


# (source line, line item, year, scenario) -> euros, read by hand from the fixture (thousands).
FIGURES = [
    (57, "rahavirran_vuosikate", 2025, "actual", "28777000"),
    (57, "rahavirran_vuosikate", 2025, "budget", "25100000"),
    (59, "tulorahoituksen_korjauserat", 2024, "actual", "-1920000"),
    (61, "investointimenot", 2025, "actual", "-19225000"),
    (63, "pysyvien_vastaavien_luovutustulot", 2025, "budget", "1500000"),
    (64, "toiminnan_ja_investointien_rahavirta", 2025, "actual", "11253000"),
    (67, "antolainasaamisten_lisaykset", 2025, "actual", "-150000"),
    (69, "lainakannan_muutokset", 2024, "actual", "-9300000"),
    (70, "pitkaaikaisten_lainojen_lisays", 2025, "budget", "10000000"),
    (74, "muut_maksuvalmiuden_muutokset", 2025, "actual", "-1230000"),
    (75, "rahoituksen_rahavirta", 2025, "actual", "-10785000"),
    (76, "rahavarojen_muutos", 2025, "actual", "468000"),
    (76, "rahavarojen_muutos", 2024, "actual", "1620000"),
    (78, "rahavarat_31_12", 2025, "actual", "26088000"),
    (79, "rahavarat_1_1", 2025, "actual", "25620000"),
    (80, "lainakanta_31_12", 2025, "budget", "82800000"),
]


@pytest.mark.parametrize(("line", "item", "year", "scenario", "euros"), FIGURES)
def test_financing_figures_as_printed(
    financing: duckdb.DuckDBPyConnection, line: int, item: str, year: int, scenario: str, euros: str
) -> None:
    rows = financing.execute(
        "select statement, unit_id, line_item_id, amount_eur, signed_amount_eur from analytics.fact_budget "
        "where municipality = 'Teela' and source_line = ? and fiscal_year = ? and scenario = ?",
        [line, year, scenario],
    ).fetchall()
    assert rows == [("financing", "teela", item, Decimal(euros), Decimal(euros))]


def test_every_printed_line_of_the_statement_is_a_curated_line(financing: duckdb.DuckDBPyConnection) -> None:
    """Lines 57 to 80 less the five captions (Toiminnan rahavirta, Investointien rahavirta,
    Rahoituksen rahavirta, Antolainauksen muutokset, the second Rahavarojen muutos)."""
    lines = financing.execute(
        "select distinct fact.source_line, items.is_curated from analytics.fact_budget as fact "
        "inner join analytics.dim_line_item as items using (line_item_id) "
        "where fact.municipality = 'Teela' and fact.statement = 'financing' order by 1"
    ).fetchall()
    assert [line for line, _ in lines] == [57, 58, 59, 61, 62, 63, 64, 67, 68, *range(69, 77), 78, 79, 80]
    assert {curated for _, curated in lines} == {True}


def test_the_statements_subtotals_tie_out(financing: duckdb.DuckDBPyConnection) -> None:
    rows = financing.execute(
        "select source_line, line_item_id, fiscal_year, scenario, expected_value, computed_value, status "
        "from analytics.rpt_reconciliation where municipality = 'Teela' and check_name = 'subtotal' "
        "and statement = 'financing' and fiscal_year = 2025 and scenario = 'actual' order by source_line"
    ).fetchall()
    assert rows == [
        (64, "toiminnan_ja_investointien_rahavirta", 2025, "actual", Decimal(11253000), Decimal(11253000), "ok"),
        (69, "lainakannan_muutokset", 2025, "actual", Decimal(-9500000), Decimal(-9500000), "ok"),
        (75, "rahoituksen_rahavirta", 2025, "actual", Decimal(-10785000), Decimal(-10785000), "ok"),
        (76, "rahavarojen_muutos", 2025, "actual", Decimal(468000), Decimal(468000), "ok"),
    ]
    others = "select count(*) from analytics.rpt_reconciliation where municipality = 'Teela' and status <> 'ok'"
    assert financing.execute(others).fetchone() == (0,)


def test_a_cash_flow_is_neither_favourable_nor_not(financing: duckdb.DuckDBPyConnection) -> None:
    flags = financing.execute(
        "select statement, count(is_favourable_variance) from analytics.rpt_budget_vs_actual "
        "where municipality = 'Teela' group by 1 order by 1"
    ).fetchall()
    assert flags == [("financing", 0), ("investment", 9), ("operating", 30)]


def test_the_statement_ties_to_the_income_statement_investments_and_cash(
    financing: duckdb.DuckDBPyConnection,
) -> None:
    rows = financing.execute(
        "select source_line, line_item_id, expected_value, computed_value, other_source_line, status "
        "from analytics.rpt_reconciliation where municipality = 'Teela' and check_name = 'statement_link' "
        "and fiscal_year = 2025 and scenario = 'actual' order by source_line"
    ).fetchall()
    assert rows == [
        (57, "rahavirran_vuosikate", Decimal(28777000), Decimal(28777000), 29, "ok"),
        (58, "rahavirran_satunnaiset_erat", Decimal(0), Decimal(0), 31, "ok"),
        (61, "investointimenot", Decimal(-19225000), Decimal(-19225000), 46, "ok"),
        # Lainakanta 31.12. 75 800 less the 2024 column's 85 300 (both line 80).
        (69, "lainakannan_muutokset", Decimal(-9500000), Decimal(-9500000), 80, "ok"),
        (76, "rahavarojen_muutos", Decimal(468000), Decimal(468000), 78, "ok"),
        (79, "rahavarat_1_1", Decimal(25620000), Decimal(25620000), 78, "ok"),
    ]


def test_each_tampered_figure_fails_its_check(tampered: duckdb.DuckDBPyConnection) -> None:
    failing = tampered.execute(
        "select check_name, source_line, line_item_id, fiscal_year, scenario, expected_value, computed_value "
        "from analytics.rpt_reconciliation where municipality = 'Teela' and status = 'fail' "
        "order by check_name, source_line"
    ).fetchall()
    assert failing == [
        ("statement_link", 57, "rahavirran_vuosikate", 2025, "actual", Decimal(28787000), Decimal(28777000)),
        ("statement_link", 76, "rahavarojen_muutos", 2025, "actual", Decimal(468000), Decimal(568000)),
        ("statement_link", 79, "rahavarat_1_1", 2025, "actual", Decimal(25520000), Decimal(25620000)),
        ("subtotal", 69, "lainakannan_muutokset", 2025, "actual", Decimal(-9500000), Decimal(-9400000)),
    ]


def test_a_loan_stock_apart_from_its_changes_warns(tampered: duckdb.DuckDBPyConnection) -> None:
    warned = tampered.execute(
        "select check_name, source_line, line_item_id, fiscal_year, scenario, expected_value, computed_value "
        "from analytics.rpt_reconciliation where municipality = 'Teela' and status = 'warn'"
    ).fetchall()
    assert warned == [
        ("statement_link", 69, "lainakannan_muutokset", 2025, "actual", Decimal(-9500000), Decimal(-9400000))
    ]


def test_the_city_page_shows_the_statement(financing_file: Path) -> None:
    """Its section lists every printed line of the statement, linked to its line in the report
    text, and charts the main flows' budget and actual; Heinola's page says it is not printed
    (tests/python/test_site.py)."""
    page = (financing_file.parent / "warehouse.report" / "teela-2025.en.html").read_text(encoding="utf-8")
    section = re.search(r'<section id="financing".*?</section>', page, re.S)
    assert section
    assert "<h2>Financing statement</h2>" in section.group(0)
    table = re.search(r"<table>.*?</table>", section.group(0), re.S)
    assert table
    links = re.findall(rf'href="sources/{re.escape(SOURCE)}\.html#L(\d+)"', table.group(0))
    assert [int(line) for line in links] == [57, 58, 59, 61, 62, 63, 64, 67, 68, *range(69, 77), 78, 79, 80]
    chart = re.search(r'id="chart-\d+-spec">([^<]*Financing statement[^<]*)</script>', section.group(0))
    assert chart
    values = json.loads(chart.group(1))["data"]["values"]
    assert [(value["category"], value["value"]) for value in values if value["series"] == "Actual"] == [
        ("Cash flow from operations and investments", 11253000),
        ("Cash flow from financing", -10785000),
        ("Change in cash and cash equivalents", 468000),
    ]
