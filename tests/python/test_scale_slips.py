"""A table read a thousand times too small or too large, end to end: a board states its scale in
its own header alone (`Kaupunginhallitus (1 000 €)`), its responsibility areas under it state
none, so they read as whole euros. The areas sum to the board's figures a thousand times over:
unit_rollup fails, naming the figures, whatever the text says of the tree (it warned and the
build published). With the areas' scale stated, every check passes.

The report (read by hand): the board's table at lines 7-10, Konsernipalvelut's at 14-17,
Elinvoimapalvelut's at 21-24; the areas' figures add up to the board's in every column.
"""

from __future__ import annotations

import duckdb
import pytest

from .layouts import connect, make_layouts, make_tampered_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "seela_tp2025_kaupunginhallitus.txt"
REPORT = (
    "SEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Kaupunginhallitus\n\n"
    "Kaupunginhallitus (1 000 €)\tTA 2025\tToteuma 2025\n"
    "Toimintatuotot\t8 500\t8 469\nToimintakulut\t-26 000\t-26 292\n"
    "<b>Toimintakate</b>\t<b>-17 500</b>\t<b>-17 823</b>\n\n"
    "### Konsernipalvelut\n\n"
    "Konsernipalvelut{scale}\tTA 2025\tToteuma 2025\n"
    "Toimintatuotot\t3 500\t3 869\nToimintakulut\t-12 000\t-12 092\n"
    "<b>Toimintakate</b>\t<b>-8 500</b>\t<b>-8 223</b>\n\n"
    "### Elinvoimapalvelut\n\n"
    "Elinvoimapalvelut{scale}\tTA 2025\tToteuma 2025\n"
    "Toimintatuotot\t5 000\t4 600\nToimintakulut\t-14 000\t-14 200\n"
    "<b>Toimintakate</b>\t<b>-9 000</b>\t<b>-9 600</b>\n"
)


def tampered_layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, the areas' scale unstated, built with other modules'
    tampered reports (layouts.py)."""
    return "Seela", {SOURCE: REPORT.format(scale="")}


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, the areas' scale stated, built with other modules'
    (layouts.py)."""
    return "Seela", {SOURCE: REPORT.format(scale=" (1 000 €)")}


PREBUILDS: dict[str, Make] = {"unstated": make_tampered_layouts, "stated": make_layouts}


@pytest.fixture(scope="module")
def unstated(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds, make_tampered_layouts)
    return con


@pytest.fixture(scope="module")
def stated(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


QUERY = (
    "select status, source_line, line_item_id, scenario, expected_value, computed_value, computed_from "
    "from analytics.rpt_reconciliation where municipality = 'Seela' and check_name = 'unit_rollup' "
    "order by source_line, scenario"
)
CHILDREN = "seela.elinvoimapalvelut + seela.konsernipalvelut"


def test_areas_read_a_thousand_times_too_small_fail_the_rollup(unstated: duckdb.DuckDBPyConnection) -> None:
    slip = f"{CHILDREN} (a thousand times it, or a thousandth, would tie: a table read in the wrong scale?)"
    rows = [(*row[:6], row[6] == slip) for row in unstated.execute(QUERY).fetchall()]
    assert rows == [
        ("fail", 8, "toimintatuotot", "actual", 8469000, 8469, True),
        ("fail", 8, "toimintatuotot", "budget", 8500000, 8500, True),
        ("fail", 9, "toimintakulut", "actual", -26292000, -26292, True),
        ("fail", 9, "toimintakulut", "budget", -26000000, -26000, True),
        ("fail", 10, "toimintakate", "actual", -17823000, -17823, True),
        ("fail", 10, "toimintakate", "budget", -17500000, -17500, True),
    ]


def test_with_their_scale_stated_they_tie(stated: duckdb.DuckDBPyConnection) -> None:
    assert {row[0] for row in stated.execute(QUERY).fetchall()} == {"ok"}
    assert [row[6] for row in stated.execute(QUERY).fetchall()] == [CHILDREN] * 6
