"""A table that prints its costs positive and a refund with a minus sign, end to end.

Kaupunginhallitus's table (header at line 7, read by hand) prints Henkilöstökulut 3 000 000 /
2 950 000 and Palvelujen ostot 1 700 000 / 1 680 000 positive, and Muut toimintakulut, a
refund, -30 000 / -18 238: Toimintakulut 4 670 000 / 4 611 762 is their sum as printed, and
Toimintakate -4 250 000 / -4 180 512 is Toimintatuotot 420 000 / 431 250 less Toimintakulut
(revenue - costs). Poikkeama is Toteuma - TA. The table prints its costs positive (their sum
is), so it is read by its signs and ties out; the one refund does not turn its reading.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "meela_tp2025_kaupunginhallitus.txt"
REPORT = (
    "MEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Kaupunginhallitus\n\n"
    "Kaupunginhallitus\tTA 2025\tToteuma 2025\tPoikkeama\n"
    "Toimintatuotot\t420 000\t431 250\t11 250\n"
    "Henkilöstökulut\t3 000 000\t2 950 000\t-50 000\n"
    "Palvelujen ostot\t1 700 000\t1 680 000\t-20 000\n"
    "Muut toimintakulut\t-30 000\t-18 238\t11 762\n"
    "Toimintakulut\t4 670 000\t4 611 762\t-58 238\n"
    "<b>Toimintakate</b>\t<b>-4 250 000</b>\t<b>-4 180 512</b>\t<b>69 488</b>\n"
)
SIGNS = "by the table's signs: costs printed positive"


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Meela", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"refund": make_layouts}


@pytest.fixture(scope="module")
def refund(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    return connect(prebuilds)


def test_a_refund_among_costs_printed_positive_keeps_the_tables_reading(
    refund: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = refund
    subtotals = con.execute(
        "select source_line, line_item_id, scenario, expected_value, computed_value, status, computed_from "
        "from rpt_reconciliation where municipality = 'Meela' and check_name = 'subtotal' "
        "order by source_line, scenario"
    ).fetchall()
    costs = "henkilostokulut + palvelujen_ostot + muut_toimintakulut"
    margin = "toimintatuotot + toimintakulut"
    assert subtotals == [
        (12, "toimintakulut", "actual", Decimal("4611762"), Decimal("4611762"), "ok", f"{costs}; {SIGNS}"),
        (12, "toimintakulut", "budget", Decimal("4670000"), Decimal("4670000"), "ok", f"{costs}; {SIGNS}"),
        (13, "toimintakate", "actual", Decimal("-4180512"), Decimal("-4180512"), "ok", f"{margin}; {SIGNS}"),
        (13, "toimintakate", "budget", Decimal("-4250000"), Decimal("-4250000"), "ok", f"{margin}; {SIGNS}"),
    ]
    assert con.execute("select count(*) from rpt_reconciliation where status = 'fail'").fetchone() == (0,)


def test_the_refund_keeps_its_printed_sign_and_is_signed_as_the_table_reads(
    refund: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = refund
    rows = con.execute(
        "select source_line, scenario, amount_eur, signed_amount_eur from fact_budget "
        "where municipality = 'Meela' and source_line in (9, 11) order by source_line, scenario"
    ).fetchall()
    assert rows == [
        # Henkilöstökulut, a cost printed positive: negative in the warehouse's signs.
        (9, "actual", Decimal("2950000.00"), Decimal("-2950000.00")),
        (9, "budget", Decimal("3000000.00"), Decimal("-3000000.00")),
        # Muut toimintakulut, the refund printed with a minus sign: it lowers the costs.
        (11, "actual", Decimal("-18238.00"), Decimal("18238.00")),
        (11, "budget", Decimal("-30000.00"), Decimal("30000.00")),
    ]


def test_the_cost_sign_warning_counts_the_refunds(refund: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, output = refund
    # Eight cost figures (four lines, two columns), two of them the refund's: the table is named
    # at its first positive cost, Henkilöstökulut's actual (line 9).
    rows = con.execute(
        "select source_line, line_item_id, scenario, expected_value, computed_value, status "
        "from rpt_reconciliation where municipality = 'Meela' and check_name = 'cost_sign'"
    ).fetchall()
    assert rows == [(9, "henkilostokulut", "actual", Decimal("2950000"), Decimal("-2950000"), "warn")]
    assert f"the table at {SOURCE}:7 prints only 2 of its 8 cost figures with a minus sign" in output
