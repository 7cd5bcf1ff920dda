"""A board printed after its responsibility areas, end to end.

The section (read by hand, in thousands: `Luvut tuhansina euroina.`) prints three areas'
tables, Varhaiskasvatuksen vastuualue (Toimintakate 2025 -28 140), Perusopetuksen vastuualue
(-40 646) and Sivistyshallinnon vastuualue (-3 316), and then their board's, headed
`Sivistyslautakunta yhteensä`: -72 102, their sum, as are its other figures in every column.
The board is the section's own unit and the areas its children, though its table comes last;
its name leaves the total word out.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "peela_tp2025_sivistystoimi.txt"
HEADER = "\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\tToteuma-%\n"


def _table(unit: str, rows: str) -> str:
    return f"### {unit}\n\n{unit}{HEADER}{rows}\n"


REPORT = (
    "PEELAN KAUPUNKI\nTILINPÄÄTÖS 2025\n\n## Sivistystoimi\n\nLuvut tuhansina euroina.\n\n"
    + _table(
        "Varhaiskasvatuksen vastuualue",
        "Toimintatuotot\t2 410\t2 300\t2 515\t215\t109,3\nToimintakulut\t-30 120\t-31 000\t-30 655\t345\t98,9\n"
        "Toimintakate\t-27 710\t-28 700\t-28 140\t560\t98,0\n",
    )
    + _table(
        "Perusopetuksen vastuualue",
        "Toimintatuotot\t1 105\t1 000\t1 230\t230\t123,0\nToimintakulut\t-41 230\t-42 000\t-41 876\t124\t99,7\n"
        "Toimintakate\t-40 125\t-41 000\t-40 646\t354\t99,1\n",
    )
    + _table(
        "Sivistyshallinnon vastuualue",
        "Toimintatuotot\t120\t100\t96\t-4\t96,0\nToimintakulut\t-3 340\t-3 500\t-3 412\t88\t97,5\n"
        "Toimintakate\t-3 220\t-3 400\t-3 316\t84\t97,5\n",
    )
    + _table(
        "Sivistyslautakunta yhteensä",
        "Toimintatuotot\t3 635\t3 400\t3 841\t441\t113,0\nToimintakulut\t-74 690\t-76 500\t-75 943\t557\t99,3\n"
        "Toimintakate\t-71 055\t-73 100\t-72 102\t998\t98,6\n",
    )
)


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Peela", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"board_after": make_layouts}


@pytest.fixture(scope="module")
def board_after(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_the_board_printed_last_is_its_areas_parent(board_after: duckdb.DuckDBPyConnection) -> None:
    units = board_after.execute(
        "select unit_id, unit_name, unit_level, parent_unit_id from dim_unit where municipality = 'Peela' order by 1"
    ).fetchall()
    assert units == [
        ("peela", "Peela", "city", None),
        (
            "peela.perusopetuksen_vastuualue",
            "Perusopetuksen vastuualue",
            "responsibility_area",
            "peela.sivistyslautakunta",
        ),
        (
            "peela.sivistyshallinnon_vastuualue",
            "Sivistyshallinnon vastuualue",
            "responsibility_area",
            "peela.sivistyslautakunta",
        ),
        ("peela.sivistyslautakunta", "Sivistyslautakunta", "board", "peela"),
        (
            "peela.varhaiskasvatuksen_vastuualue",
            "Varhaiskasvatuksen vastuualue",
            "responsibility_area",
            "peela.sivistyslautakunta",
        ),
    ]


def test_the_areas_add_up_to_the_board_and_count_once(board_after: duckdb.DuckDBPyConnection) -> None:
    rollups = board_after.execute(
        "select line_item_id, fiscal_year, scenario, expected_value, computed_value, status from rpt_reconciliation "
        "where municipality = 'Peela' and check_name = 'unit_rollup' and line_item_id = 'toimintakate' "
        "order by fiscal_year, scenario"
    ).fetchall()
    assert rollups == [
        ("toimintakate", 2024, "actual", Decimal("-71055000"), Decimal("-71055000"), "ok"),
        ("toimintakate", 2025, "actual", Decimal("-72102000"), Decimal("-72102000"), "ok"),
        ("toimintakate", 2025, "budget", Decimal("-73100000"), Decimal("-73100000"), "ok"),
    ]
    others = "select count(*) from rpt_reconciliation where municipality = 'Peela' and status <> 'ok'"
    assert board_after.execute(others).fetchone() == (0,)
    top = board_after.execute(
        "select unit_id, sum(actual_eur) from rpt_budget_vs_actual "
        "where municipality = 'Peela' and is_top_level and line_item_id = 'toimintakate' group by unit_id"
    ).fetchall()
    assert top == [("peela.sivistyslautakunta", Decimal("-72102000.00"))]
