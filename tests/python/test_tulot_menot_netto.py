"""A unit's operating table printed as Tulot, Menot and Netto, end to end.

The State Treasury's short form for a unit, as small municipalities print their boards and
tehtäväalueet (1 000 €, costs negative): Netto is the unit's Toimintakate, Tulot and Menot its
Toimintatuotot and Toimintakulut, as they are beside Nettomenot. Read by hand from the report
below: Tarkastuslautakunta (line 9) Tulot 0,0 + Menot -15,1 = Netto -15,1 (Toteuma);
Sivistyslautakunta (line 16) Tulot 85,5 + Menot -1 918,5 = Netto -1 833,0, the sum of
Perusopetus (line 24, Netto -1 209,6) and Varhaiskasvatus (line 30, Netto -623,4). The city's
investment table (line 37) prints Menot, Tulot and Netto too: those stay the investment
statement's lines.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts, make_tampered_layouts, names_failing_check
from .prebuilds import Make, Prebuilds
from .warehouse_builds import replace_once

pytestmark = pytest.mark.e2e

SOURCE = "reela_tp2025.txt"
HEADER = "(1 000 €)\tEd.TP\tTA\tTA-muutokset\tTA yhteensä\tToteuma\tErotus\tTot-%\n"
REPORT = (
    "REELAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n# 3 TALOUSARVION TOTEUTUMINEN\n\n"
    "### Tarkastuslautakunta\n\n"
    "Tarkastuslautakunta (1 000 €)\tEd.TP\tTA\tToteuma\n"
    "Tulot\t0,0\t0,0\t0,0\n"
    "Menot\t-14,2\t-16,0\t-15,1\n"
    "<b>Netto</b>\t<b>-14,2</b>\t<b>-16,0</b>\t<b>-15,1</b>\n\n"
    "### Sivistyslautakunta\n\n"
    f"Sivistyslautakunta {HEADER}"
    "Tulot\t83,4\t83,0\t2,0\t85,0\t85,5\t-0,5\t100,6\n"
    "Menot\t-1 816,9\t-1 890,0\t-40,0\t-1 930,0\t-1 918,5\t-11,5\t99,4\n"
    "<b>Netto</b>\t<b>-1 733,5</b>\t<b>-1 807,0</b>\t<b>-38,0</b>\t<b>-1 845,0</b>\t<b>-1 833,0</b>\t<b>-12,0</b>"
    "\t<b>99,3</b>\n\n"
    "Tehtäväalueittain:\n\n"
    "**Perusopetus**\n"
    f"Perusopetus {HEADER}"
    "Tulot\t52,4\t50,0\t2,0\t52,0\t53,1\t-1,1\t102,1\n"
    "Menot\t-1 204,6\t-1 250,0\t-30,0\t-1 280,0\t-1 262,7\t-17,3\t98,6\n"
    "<b>Netto</b>\t<b>-1 152,2</b>\t<b>-1 200,0</b>\t<b>-28,0</b>\t<b>-1 228,0</b>\t<b>-1 209,6</b>\t<b>-18,4</b>"
    "\t<b>98,5</b>\n\n"
    "**Varhaiskasvatus**\n"
    f"Varhaiskasvatus {HEADER}"
    "Tulot\t31,0\t33,0\t0,0\t33,0\t32,4\t0,6\t98,2\n"
    "Menot\t-612,3\t-640,0\t-10,0\t-650,0\t-655,8\t5,8\t100,9\n"
    "<b>Netto</b>\t<b>-581,3</b>\t<b>-607,0</b>\t<b>-10,0</b>\t<b>-617,0</b>\t<b>-623,4</b>\t<b>6,4</b>\t<b>101,0</b>\n\n"
    "## 3.2 Investointiosa\n\n"
    f"Investoinnit {HEADER}"
    "Menot\t-310,0\t-400,0\t-20,0\t-420,0\t-385,2\t-34,8\t91,7\n"
    "Tulot\t40,0\t50,0\t0,0\t50,0\t45,0\t5,0\t90,0\n"
    "<b>Netto</b>\t<b>-270,0</b>\t<b>-350,0</b>\t<b>-20,0</b>\t<b>-370,0</b>\t<b>-340,2</b>\t<b>-29,8</b>\t<b>91,9</b>\n"
)
WRONG_NETTO = (
    "<b>Netto</b>\t<b>-14,2</b>\t<b>-16,0</b>\t<b>-15,1</b>\n",
    "<b>Netto</b>\t<b>-14,2</b>\t<b>-16,0</b>\t<b>-19,1</b>\n",
)
"""Tarkastuslautakunta's Netto printed 4,0 off Tulot + Menot (0,0 - 15,1): its table prints no
variance nor percentage, and the unit has no parts, so only the subtotal can tell."""


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Reela", {SOURCE: REPORT}


def tampered_layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report with ``WRONG_NETTO``, built with other modules' tampered
    reports (layouts.py)."""
    return "Reela", {SOURCE: replace_once(REPORT, *WRONG_NETTO)}


PREBUILDS: dict[str, Make] = {"short_form": make_layouts, "wrong_netto": make_tampered_layouts}


@pytest.fixture(scope="module")
def short_form(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_tulot_menot_netto_are_the_units_operating_lines(short_form: duckdb.DuckDBPyConnection) -> None:
    rows = short_form.execute(
        "select source_line, unit_id, line_item_id, amount_eur, signed_amount_eur from fact_budget "
        "where municipality = 'Reela' and fiscal_year = 2025 and scenario = 'actual' and statement = 'operating' "
        "order by source_line"
    ).fetchall()
    assert rows == [
        (10, "reela.tarkastuslautakunta", "toimintatuotot", Decimal("0.00"), Decimal("0.00")),
        (11, "reela.tarkastuslautakunta", "toimintakulut", Decimal("-15100.00"), Decimal("-15100.00")),
        (12, "reela.tarkastuslautakunta", "toimintakate", Decimal("-15100.00"), Decimal("-15100.00")),
        (17, "reela.sivistyslautakunta", "toimintatuotot", Decimal("85500.00"), Decimal("85500.00")),
        (18, "reela.sivistyslautakunta", "toimintakulut", Decimal("-1918500.00"), Decimal("-1918500.00")),
        (19, "reela.sivistyslautakunta", "toimintakate", Decimal("-1833000.00"), Decimal("-1833000.00")),
        (25, "reela.perusopetus", "toimintatuotot", Decimal("53100.00"), Decimal("53100.00")),
        (26, "reela.perusopetus", "toimintakulut", Decimal("-1262700.00"), Decimal("-1262700.00")),
        (27, "reela.perusopetus", "toimintakate", Decimal("-1209600.00"), Decimal("-1209600.00")),
        (31, "reela.varhaiskasvatus", "toimintatuotot", Decimal("32400.00"), Decimal("32400.00")),
        (32, "reela.varhaiskasvatus", "toimintakulut", Decimal("-655800.00"), Decimal("-655800.00")),
        (33, "reela.varhaiskasvatus", "toimintakate", Decimal("-623400.00"), Decimal("-623400.00")),
    ]
    assert short_form.execute("select count(*) from audit.warn_uncurated_line_items").fetchone() == (0,)


def test_the_investment_tables_lines_stay_the_investment_statements(short_form: duckdb.DuckDBPyConnection) -> None:
    rows = short_form.execute(
        "select source_line, statement, line_item_id, amount_eur from fact_budget "
        "where municipality = 'Reela' and fiscal_year = 2025 and scenario = 'actual' and source_line > 37 "
        "order by source_line"
    ).fetchall()
    assert rows == [
        (38, "investment", "menot", Decimal("-385200.00")),
        (39, "investment", "tulot", Decimal("45000.00")),
        (40, "investment", "netto", Decimal("-340200.00")),
    ]


def test_netto_is_checked_as_tulot_plus_menot(short_form: duckdb.DuckDBPyConnection) -> None:
    rows = short_form.execute(
        "select unit_id, fiscal_year, scenario, expected_value, computed_value, status, computed_from "
        "from rpt_reconciliation where check_name = 'subtotal' and line_item_id = 'toimintakate' "
        "and unit_id in ('reela.tarkastuslautakunta', 'reela.sivistyslautakunta') order by all"
    ).fetchall()
    terms = "toimintatuotot + toimintakulut"
    assert rows == [
        ("reela.sivistyslautakunta", 2024, "actual", Decimal("-1733500"), Decimal("-1733500"), "ok", terms),
        ("reela.sivistyslautakunta", 2025, "actual", Decimal("-1833000"), Decimal("-1833000"), "ok", terms),
        ("reela.sivistyslautakunta", 2025, "budget", Decimal("-1845000"), Decimal("-1845000"), "ok", terms),
        ("reela.sivistyslautakunta", 2025, "budget_change", Decimal("-38000"), Decimal("-38000"), "ok", terms),
        ("reela.sivistyslautakunta", 2025, "budget_original", Decimal("-1807000"), Decimal("-1807000"), "ok", terms),
        ("reela.tarkastuslautakunta", 2024, "actual", Decimal("-14200"), Decimal("-14200"), "ok", terms),
        ("reela.tarkastuslautakunta", 2025, "actual", Decimal("-15100"), Decimal("-15100"), "ok", terms),
        ("reela.tarkastuslautakunta", 2025, "budget", Decimal("-16000"), Decimal("-16000"), "ok", terms),
    ]


def test_the_boards_toimintakate_rolls_up_from_its_tehtavaalueet(short_form: duckdb.DuckDBPyConnection) -> None:
    rows = short_form.execute(
        "select line_item_id, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where municipality = 'Reela' and check_name = 'unit_rollup' and fiscal_year = 2025 and scenario = 'actual' "
        "order by all"
    ).fetchall()
    areas = "reela.perusopetus + reela.varhaiskasvatus"
    assert rows == [
        ("toimintakate", Decimal("-1833000"), Decimal("-1833000"), "ok", areas),
        ("toimintakulut", Decimal("-1918500"), Decimal("-1918500"), "ok", areas),
        ("toimintatuotot", Decimal("85500"), Decimal("85500"), "ok", areas),
    ]


@pytest.fixture(scope="module")
def wrong_netto(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    return connect(prebuilds, make_tampered_layouts)


def test_a_netto_that_is_not_tulot_plus_menot_fails_the_build(
    wrong_netto: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, output = wrong_netto
    failing = con.execute(
        "select check_name, unit_id, line_item_id, fiscal_year, scenario, expected_value, computed_value "
        "from rpt_reconciliation where municipality = 'Reela' and status = 'fail'"
    ).fetchall()
    # Printed -19,1 (thousands); Tulot 0,0 + Menot -15,1 is -15,1.
    assert failing == [
        ("subtotal", "reela.tarkastuslautakunta", "toimintakate", 2025, "actual", Decimal("-19100"), Decimal("-15100"))
    ]
    assert names_failing_check(output, "subtotal")
