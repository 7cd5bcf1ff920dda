"""Units printed one after another under `##` headings of one rank, end to end.

A small municipality prints its whole budget execution in one document (read by hand):
`## Yleishallinto` (Toimintakate TA 2025 -850 000, TP 2025 -828 000), `## Sivistystoimi`
(-2 280 000, -2 232 000) and `## Tekninen toimi` (-700 000, -680 000), each a table of its own,
then the municipality's income statement, whose TOIMINTAKATE is their sum (-3 830 000,
-3 740 000). No name has a level word and no unit adds up to another (Sivistystoimi's
Toimintakulut, -2 400 000, are more than Yleishallinto's -900 000): the three are captioned at
one rank, the document's first is its top unit, and the other two are beside it, service
areas of the municipality, not its responsibility areas.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "luhanka_tp2025_talousarvion_toteutuminen.txt"
HEADER = "\tTA 2025\tTP 2025\tPoikkeama\n"


def _table(unit: str, rows: str) -> str:
    return f"## {unit}\n\n{unit}{HEADER}{rows}\n{unit} toteutui talousarvion mukaisesti.\n\n"


REPORT = (
    "LUHANGAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n# Käyttötalousosan toteutuminen\n\n"
    "Poikkeama on talousarvion ja toteuman erotus.\n\n"
    + _table(
        "Yleishallinto",
        "Toimintatuotot\t50 000\t52 000\t-2 000\nToimintakulut\t-900 000\t-880 000\t-20 000\n"
        "<b>Toimintakate</b>\t<b>-850 000</b>\t<b>-828 000</b>\t<b>-22 000</b>\n",
    )
    + _table(
        "Sivistystoimi",
        "Toimintatuotot\t120 000\t118 000\t2 000\nToimintakulut\t-2 400 000\t-2 350 000\t-50 000\n"
        "<b>Toimintakate</b>\t<b>-2 280 000</b>\t<b>-2 232 000</b>\t<b>-48 000</b>\n",
    )
    + _table(
        "Tekninen toimi",
        "Toimintatuotot\t400 000\t410 000\t-10 000\nToimintakulut\t-1 100 000\t-1 090 000\t-10 000\n"
        "<b>Toimintakate</b>\t<b>-700 000</b>\t<b>-680 000</b>\t<b>-20 000</b>\n",
    )
    + "## Tuloslaskelmaosan toteutuminen\n\n"
    "Tuloslaskelma\tTA 2025\tTP 2025\tPoikkeama\n"
    "Toimintatuotot\t570 000\t580 000\t-10 000\n"
    "Toimintakulut\t-4 400 000\t-4 320 000\t-80 000\n"
    "<b>TOIMINTAKATE</b>\t<b>-3 830 000</b>\t<b>-3 740 000</b>\t<b>-90 000</b>\n"
    "Verotulot\t3 000 000\t3 050 000\t-50 000\n"
    "Valtionosuudet\t1 100 000\t1 120 000\t-20 000\n"
    "Rahoitustuotot ja -kulut\t-10 000\t-8 000\t-2 000\n"
    "<b>VUOSIKATE</b>\t<b>260 000</b>\t<b>422 000</b>\t<b>-162 000</b>\n"
)


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Luhanka", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"beside_top": make_layouts}


@pytest.fixture(scope="module")
def beside_top(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_units_captioned_at_the_top_units_rank_are_its_siblings(beside_top: duckdb.DuckDBPyConnection) -> None:
    units = beside_top.execute(
        "select unit_id, unit_level, parent_unit_id, hierarchy_source from dim_unit"
        " where municipality = 'Luhanka' order by 1"
    ).fetchall()
    assert units == [
        ("luhanka", "city", None, "text"),
        ("luhanka.sivistystoimi", "service_area", "luhanka", "text"),
        ("luhanka.tekninen_toimi", "service_area", "luhanka", "text"),
        ("luhanka.yleishallinto", "service_area", "luhanka", "text"),
    ]


def test_the_service_areas_add_up_to_the_municipality_with_no_warning(
    beside_top: duckdb.DuckDBPyConnection,
) -> None:
    # No unit is another's child: no rollup to check, and nothing warns or fails.
    assert beside_top.execute(
        "select count(*) from rpt_reconciliation where municipality = 'Luhanka' and check_name = 'unit_rollup'"
    ).fetchone() == (0,)
    not_ok = "select count(*) from rpt_reconciliation where municipality = 'Luhanka' and status <> 'ok'"
    assert beside_top.execute(not_ok).fetchone() == (0,)
    # The service areas' Toimintakate is the income statement's TOIMINTAKATE.
    service_areas = beside_top.execute(
        "select scenario, sum(amount_eur) from fact_budget"
        " where municipality = 'Luhanka' and unit_level = 'service_area' and line_item_id = 'toimintakate'"
        " group by scenario order by 1"
    ).fetchall()
    assert service_areas == [("actual", Decimal("-3740000.00")), ("budget", Decimal("-3830000.00"))]
