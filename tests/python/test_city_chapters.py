"""A chapter of the city's, end to end: tables beside its units' sections are the municipality's.

The report (cut down from probe C's kustavi_tp2025.txt and kittila_tp2025.txt) prints, under
`# 2 TALOUSARVION TOTEUTUMINEN`, two tehtäväalueet side by side, `## Yleishallinto` and
`## Tekninen toimi`, the second with its goals under `###`; then, under `##` headings of their
rank that name no unit, the municipality's investments (Menot 458 075 of 490 000), key
figures (Asukasluku 1 019) and projects; then `# 3 TUNNUSLUVUT`, a chapter of its own after
them (Lomaasuntojen määrä 1 655). All of these went to a unit: the investments to the first,
Yleishallinto, the key figures and projects to the last printed (findings 2 and 4).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

SOURCE = "kustavi_tp2025.txt"

REPORT = (
    "KUSTAVIN KUNTA\nTILINPÄÄTÖS JA TOIMINTAKERTOMUS 2025\n\n# 2 TALOUSARVION TOTEUTUMINEN\n\n"
    "## Yleishallinto\n\nYleishallinto\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintatulot\t45 019\t46 200\t44 523\nToimintamenot\t-836 372\t-853 000\t-943 010\n"
    "<b>Toimintakate</b>\t<b>-791 353</b>\t<b>-806 800</b>\t<b>-898 487</b>\n\n"
    "## Tekninen toimi\n\nTekninen toimi\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintatulot\t560 401\t589 200\t619 810\nToimintamenot\t-1 320 991\t-1 430 100\t-1 512 269\n"
    "<b>Toimintakate</b>\t<b>-760 590</b>\t<b>-840 900</b>\t<b>-892 459</b>\n\n"
    "### Toiminnalliset tavoitteet\n\nTavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio\n"
    "Tiestö kunnostetaan.\tKunnostetut tiet\t3 km\t3,4 km\tToteutui.\n\n"
    "## 2.3 Investointien toteutuminen\n\n"
    "Investoinnit\tTA 2025\tTP 2025\nMenot\t490 000\t458 075\nTulot\t90 000\t74 300\nNetto\t400 000\t383 775\n\n"
    "## 2.4 Tunnusluvut\n\n"
    "Tunnusluku\tYksikkö\tTP 2024\tTA 2025\tTP 2025\nAsukasluku 31.12.\tas.\t1 031\t1 025\t1 019\n\n"
    "## Hankkeet\n\n"
    "Hanke\tRahoittaja\tToteutusaika\tKokonaisrahoitus €\tKunnan rahoitusosuus %\tToteutunut 31.12.2025 €\n"
    "Satamien saavutettavuus\tVarsinais-Suomen liitto\t2024\u20132026\t480 000\t30 %\t212 400\n"
    "Nuorten työpajatoiminta\tOpetus- ja kulttuuriministeriö\t2025\t96 000\t20 %\t88 640\n"
    "<b>Yhteensä</b>\t\t\t<b>576 000</b>\t\t<b>301 040</b>\n\n"
    "# 3 TUNNUSLUVUT\n\n"
    "Tunnusluku\tYksikkö\tTP 2024\tTA 2025\tTP 2025\nLomaasuntojen määrä\tkpl\t1 642\t1 650\t1 655\n"
)


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its report, built with other modules' (layouts.py)."""
    return "Kustavi", {SOURCE: REPORT}


PREBUILDS: dict[str, Make] = {"city_chapters": make_layouts}


@pytest.fixture(scope="module")
def city_chapters(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_the_investments_beside_the_units_sections_are_the_municipalitys(
    city_chapters: duckdb.DuckDBPyConnection,
) -> None:
    rows = city_chapters.execute(
        "select unit_id, line_item_id, scenario, amount_eur from fact_budget "
        "where municipality = 'Kustavi' and statement = 'investment' and fiscal_year = 2025 "
        "order by source_line, scenario"
    ).fetchall()
    assert rows == [
        ("kustavi", "menot", "actual", Decimal("458075.00")),
        ("kustavi", "menot", "budget", Decimal("490000.00")),
        ("kustavi", "tulot", "actual", Decimal("74300.00")),
        ("kustavi", "tulot", "budget", Decimal("90000.00")),
        ("kustavi", "netto", "actual", Decimal("383775.00")),
        ("kustavi", "netto", "budget", Decimal("400000.00")),
    ]


def test_key_figures_and_projects_in_the_chapter_and_after_it_are_the_municipalitys(
    city_chapters: duckdb.DuckDBPyConnection,
) -> None:
    # Three values each (TP 2024, TA 2025, TP 2025) of Asukasluku and Lomaasuntojen määrä.
    kpis = city_chapters.execute(
        "select unit_id, count(*) from fact_kpi where municipality = 'Kustavi' group by unit_id"
    ).fetchall()
    assert kpis == [("kustavi", 6)]
    projects = city_chapters.execute(
        "select unit_id, project_name from fact_project where municipality = 'Kustavi' order by project_name"
    ).fetchall()
    assert projects == [("kustavi", "Nuorten työpajatoiminta"), ("kustavi", "Satamien saavutettavuus")]


def test_the_goals_in_a_units_own_section_stay_its(city_chapters: duckdb.DuckDBPyConnection) -> None:
    goals = city_chapters.execute("select unit_id, goal from fact_goal where municipality = 'Kustavi'").fetchall()
    assert goals == [("kustavi.tekninen_toimi", "Tiestö kunnostetaan.")]
