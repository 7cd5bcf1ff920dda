"""A board's Nettomenot printed beside its Toimintakulut, end to end.

Tekninen lautakunta's table (header at line 7, read by hand) prints its costs positive and its
balance as costs - revenue, named `Nettomenot`: Toimintakulut 26 775 900 / 27 150 000 / 550 000
/ 27 700 000 / 27 988 640 less Toimintatuotot 16 827 900 / 16 700 000 / 120 000 / 16 820 000 /
17 185 400 is Nettomenot 9 948 000 / 10 450 000 / 430 000 / 10 880 000 / 10 803 240 (TP 2024,
TA 2025, TA-muutokset, TA muutosten jälkeen, TP 2025). Nettomenot is the board's Toimintakate,
as it is beside `Menot`: a net cost, negative in the warehouse's signs.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "jeela_tp2025_tekninen_lautakunta.txt"
REPORT = (
    "JEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Tekninen lautakunta\n\n"
    "Tekninen lautakunta, euroa\tTP 2024\tTA 2025\tTA-muutokset\tTA muutosten jälkeen\tTP 2025\tPoikkeama\tTot-%\n"
    "Toimintatuotot\t16 827 900\t16 700 000\t120 000\t16 820 000\t17 185 400\t-365 400\t102,2\n"
    "Toimintakulut\t26 775 900\t27 150 000\t550 000\t27 700 000\t27 988 640\t-288 640\t101,0\n"
    "**Nettomenot**\t**9 948 000**\t**10 450 000**\t**430 000**\t**10 880 000**\t**10 803 240**\t**76 760**"
    "\t**99,3**\n"
)


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Jeela", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"net_costs": make_layouts}


@pytest.fixture(scope="module")
def net_costs(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_nettomenot_beside_toimintakulut_is_the_boards_toimintakate(net_costs: duckdb.DuckDBPyConnection) -> None:
    rows = net_costs.execute(
        "select line_item_id, fiscal_year, scenario, amount_eur, signed_amount_eur from fact_budget "
        "where municipality = 'Jeela' and source_line = 10 order by fiscal_year, scenario"
    ).fetchall()
    assert rows == [
        ("toimintakate", 2024, "actual", Decimal("9948000.00"), Decimal("-9948000.00")),
        ("toimintakate", 2025, "actual", Decimal("10803240.00"), Decimal("-10803240.00")),
        ("toimintakate", 2025, "budget", Decimal("10880000.00"), Decimal("-10880000.00")),
        ("toimintakate", 2025, "budget_change", Decimal("430000.00"), Decimal("-430000.00")),
        ("toimintakate", 2025, "budget_original", Decimal("10450000.00"), Decimal("-10450000.00")),
    ]
    # Every line is the chart's: none is named after its label.
    uncurated = net_costs.execute(
        "select count(*) from fact_budget where municipality = 'Jeela' and line_item_id like 'operating.%'"
    )
    assert uncurated.fetchone() == (0,)


def test_nettomenot_ties_out_as_costs_less_revenue(net_costs: duckdb.DuckDBPyConnection) -> None:
    subtotals = net_costs.execute(
        "select scenario, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where municipality = 'Jeela' and check_name = 'subtotal' and source_line = 10 and fiscal_year = 2025 "
        "order by scenario"
    ).fetchall()
    signs = "toimintatuotot + toimintakulut; by the table's signs: costs printed positive, balances as costs - revenue"
    assert subtotals == [
        ("actual", Decimal("10803240"), Decimal("10803240"), "ok", signs),
        ("budget", Decimal("10880000"), Decimal("10880000"), "ok", signs),
        ("budget_change", Decimal("430000"), Decimal("430000"), "ok", signs),
        ("budget_original", Decimal("10450000"), Decimal("10450000"), "ok", signs),
    ]
