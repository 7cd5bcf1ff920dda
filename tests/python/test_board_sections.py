"""A board's section ends at a heading ranking above its caption, and a municipal enterprise is
the city's, end to end.

One document (read by hand, line numbers in the comments of ``LINES``): `## Kunnanhallitus`, the
top unit, a board; `## Tekninen lautakunta`, a board, with its areas `### Kiinteistöpalvelut`
(Toimintakate TA 2025 -600 000, TP 2025 -550 000) and, after a `## Toiminnan kuvaus` of the
board's caption's rank, `### Liikuntapalvelut` (-550 000, -520 000): they add up to the board's
(-1 150 000, -1 070 000) on every line. Then a chapter `# 4 MUUT PALVELUT` ends the board's
section: `## Ruokapalvelut` (-300 000, -285 000, adding up to nothing) in it is no area of the
board's; captioned at the top unit's rank, it is beside it, under the city. Last, a chapter of
its own, `# 5 NEELAN VESI -LIIKELAITOS`, with `## Neelan Vesi -liikelaitos` and its income
statement in company form under `### Tuloslaskelma`: a municipal enterprise, a board of the
city, not the technical board's area.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.extract import extract_paths

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds
from .warehouse_builds import write_reports

SOURCE = "neela_tp2025_talousarvion_toteutuminen.txt"
HEADER = "\tTA 2025\tTP 2025\tPoikkeama"

LINES = [
    "NEELAN KUNTA",  # 1
    "",
    "TILINPÄÄTÖS 2025",
    "",
    "# 3 TALOUSARVION TOTEUTUMINEN",  # 5
    "",
    "## Kunnanhallitus",  # 7
    "",
    "Kunnanhallitus" + HEADER,  # 9
    "Toimintatuotot\t200 000\t210 000\t-10 000",
    "Toimintakulut\t-1 500 000\t-1 480 000\t-20 000",
    "<b>Toimintakate</b>\t<b>-1 300 000</b>\t<b>-1 270 000</b>\t<b>-30 000</b>",
    "",
    "## Tekninen lautakunta",  # 14
    "",
    "Tekninen lautakunta" + HEADER,  # 16
    "Toimintatuotot\t900 000\t930 000\t-30 000",
    "Toimintakulut\t-2 050 000\t-2 000 000\t-50 000",
    "<b>Toimintakate</b>\t<b>-1 150 000</b>\t<b>-1 070 000</b>\t<b>-80 000</b>",
    "",
    "### Kiinteistöpalvelut",  # 21
    "",
    "Kiinteistöpalvelut" + HEADER,  # 23
    "Toimintatuotot\t700 000\t720 000\t-20 000",
    "Toimintakulut\t-1 300 000\t-1 270 000\t-30 000",
    "<b>Toimintakate</b>\t<b>-600 000</b>\t<b>-550 000</b>\t<b>-50 000</b>",
    "",
    "## Toiminnan kuvaus",  # 28
    "",
    "Tekninen lautakunta vastaa kunnan kiinteistöistä ja liikuntapaikoista.",
    "",
    "### Liikuntapalvelut",  # 32
    "",
    "Liikuntapalvelut" + HEADER,  # 34
    "Toimintatuotot\t200 000\t210 000\t-10 000",
    "Toimintakulut\t-750 000\t-730 000\t-20 000",
    "<b>Toimintakate</b>\t<b>-550 000</b>\t<b>-520 000</b>\t<b>-30 000</b>",
    "",
    "# 4 MUUT PALVELUT",  # 39
    "",
    "## Ruokapalvelut",  # 41
    "",
    "Ruokapalvelut" + HEADER,  # 43
    "Toimintatuotot\t150 000\t160 000\t-10 000",
    "Toimintakulut\t-450 000\t-445 000\t-5 000",
    "<b>Toimintakate</b>\t<b>-300 000</b>\t<b>-285 000</b>\t<b>-15 000</b>",
    "",
    "# 5 NEELAN VESI -LIIKELAITOS",  # 48
    "",
    "## Neelan Vesi -liikelaitos",  # 50
    "",
    "Neelan Vesi -liikelaitos vastaa kunnan vesihuollosta.",
    "",
    "### Tuloslaskelma",  # 54
    "",
    "Tuloslaskelma" + HEADER,  # 56
    "Liikevaihto\t1 200 000\t1 250 000\t-50 000",
    "Henkilöstökulut\t-300 000\t-290 000\t-10 000",
    "Poistot ja arvonalentumiset\t-400 000\t-410 000\t10 000",
    "Liiketoiminnan muut kulut\t-200 000\t-195 000\t-5 000",
    "<b>Liikeylijäämä (-alijäämä)</b>\t<b>300 000</b>\t<b>355 000</b>\t<b>-55 000</b>",
]
REPORT = "\n".join(LINES) + "\n"


def test_each_table_carries_the_heading_that_outranks_its_own_and_whether_it_is_an_enterprises(
    tmp_path: Path,
) -> None:
    reports = write_reports(tmp_path / "reports", {SOURCE: REPORT}, "Neela")
    tables = {
        (row["table_line"], row["unit_label"], row["outranking_heading_line"], row["is_enterprise"])
        for row in extract_paths([reports]).budget_rows
    }
    # A `##` heading is outranked by the next `#`, a `###` by the next `##` or `#`; the last
    # heading by none.
    assert tables == {
        (9, "Kunnanhallitus", 39, False),
        (16, "Tekninen lautakunta", 39, False),
        (23, "Kiinteistöpalvelut", 28, False),
        (34, "Liikuntapalvelut", 39, False),
        (43, "Ruokapalvelut", 48, False),
        (56, "Neelan Vesi -liikelaitos", None, True),
    }


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Neela", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"board_sections": make_layouts}


@pytest.fixture(scope="module")
def board_sections(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


@pytest.mark.e2e
def test_a_unit_after_the_boards_section_and_the_enterprise_are_the_citys(
    board_sections: duckdb.DuckDBPyConnection,
) -> None:
    units = board_sections.execute(
        "select unit_id, unit_level, parent_unit_id, hierarchy_source from dim_unit"
        " where municipality = 'Neela' order by 1"
    ).fetchall()
    assert units == [
        ("neela", "city", None, "text"),
        ("neela.kiinteistopalvelut", "responsibility_area", "neela.tekninen_lautakunta", "text"),
        ("neela.kunnanhallitus", "board", "neela", "text"),
        ("neela.liikuntapalvelut", "responsibility_area", "neela.tekninen_lautakunta", "text"),
        ("neela.neelan_vesi_liikelaitos", "board", "neela", "text"),
        ("neela.ruokapalvelut", "board", "neela", "text"),
        ("neela.tekninen_lautakunta", "board", "neela", "text"),
    ]


@pytest.mark.e2e
def test_the_boards_areas_add_up_to_it_with_no_warning(board_sections: duckdb.DuckDBPyConnection) -> None:
    rollups = board_sections.execute(
        "select unit_id, fiscal_year, scenario, expected_value, computed_value, status from rpt_reconciliation"
        " where municipality = 'Neela' and check_name = 'unit_rollup' and line_item_id = 'toimintakate'"
        " order by scenario"
    ).fetchall()
    assert rollups == [
        ("neela.tekninen_lautakunta", 2025, "actual", Decimal("-1070000"), Decimal("-1070000"), "ok"),
        ("neela.tekninen_lautakunta", 2025, "budget", Decimal("-1150000"), Decimal("-1150000"), "ok"),
    ]
    others = "select count(*) from rpt_reconciliation where municipality = 'Neela' and status <> 'ok'"
    assert board_sections.execute(others).fetchone() == (0,)
