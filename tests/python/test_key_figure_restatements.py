"""A key figure printed by two years' reports, end to end: the 2025 report's earlier-year
columns print the 2024 report's values again, and key_figure_restatement compares them.

Read by hand from the two reports below: both print Perusopetuksen oppilaat, Lukion
opiskelijat and Nettokustannukset for 2023 and 2024 (actuals), six figures printed twice. The
2025 report prints Nettokustannukset 2024 to the euro (`1 571`) where the 2024 report printed a
decimal (`1 571,3`): 0.3 apart, within half a euro and half a tenth, as the two are rounded.
The tamper prints Perusopetuksen oppilaat 2024 as 1 193 in the 2025 report, against 1 187 in
the 2024 report: the one warning. Every other figure agrees. Both print the financial plan's
years (TS 2025 and 2026; TS 2026 and 2027): the 2026 plan of every indicator differs between
the two (1 180 and 1 170 pupils), planned anew with the 2025 budget, and is not compared.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds
from .warehouse_builds import replace_once

pytestmark = pytest.mark.e2e

EARLIER = "loppi_tp2024_sivistystoimi.txt"
LATER = "loppi_tp2025_sivistystoimi.txt"
UNIT = "loppi.sivistystoimi"

REPORT_2024 = """LOPEN KUNTA

TILINPÄÄTÖS 2024

## Sivistystoimi

Sivistystoimi\tTP 2023\tTA 2024\tTP 2024\tPoikkeama\tToteuma-%
Toimintatuotot\t1 200 000\t1 250 000\t1 300 000\t50 000\t104,0
Toimintakulut\t-9 800 000\t-10 000 000\t-9 900 000\t100 000\t99,0
Toimintakate\t-8 600 000\t-8 750 000\t-8 600 000\t150 000\t98,3

## Tunnusluvut

Tunnusluku\tTP 2022\tTP 2023\tTA 2024\tTP 2024\tTS 2025\tTS 2026
Perusopetuksen oppilaat, lkm\t1 210\t1 198\t1 190\t1 187\t1 185\t1 180
Lukion opiskelijat, lkm\t402\t415\t410\t421\t412\t410
Nettokustannukset, €/asukas\t1 511,2\t1 544,8\t1 560,0\t1 571,3\t1 580,0\t1 595,0
"""

OPPILAAT_2025 = "Perusopetuksen oppilaat, lkm\t1 198\t1 187\t1 180\t1 176\t1 170\t1 165"

REPORT_2025 = f"""LOPEN KUNTA

TILINPÄÄTÖS 2025

## Sivistystoimi

Sivistystoimi\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\tToteuma-%
Toimintatuotot\t1 300 000\t1 350 000\t1 377 000\t27 000\t102,0
Toimintakulut\t-9 900 000\t-10 200 000\t-10 098 000\t102 000\t99,0
Toimintakate\t-8 600 000\t-8 850 000\t-8 721 000\t129 000\t98,5

## Tunnusluvut

Tunnusluku\tTP 2023\tTP 2024\tTA 2025\tTP 2025\tTS 2026\tTS 2027
{OPPILAAT_2025}
Lukion opiskelijat, lkm\t415\t421\t420\t430\t425\t422
Nettokustannukset, €/asukas\t1 544,8\t1 571\t1 590,0\t1 602,5\t1 610,0\t1 620,0
"""

TAMPERED_2025 = replace_once(
    REPORT_2025, OPPILAAT_2025, "Perusopetuksen oppilaat, lkm\t1 198\t1 193\t1 180\t1 176\t1 170\t1 165"
)


def line_of(text: str, start: str) -> int:
    """The line number of the one line of ``text`` that starts with ``start``."""
    (number,) = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return number


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its reports, built with other modules' (layouts.py)."""
    return "Loppi", {EARLIER: REPORT_2024, LATER: TAMPERED_2025}


PREBUILDS: dict[str, Make] = {"two_years": make_layouts}


@pytest.fixture(scope="module")
def two_years(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    return connect(prebuilds)


def test_each_figure_printed_by_both_reports_is_compared_and_the_changed_one_warns(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = two_years
    rows = con.execute(
        "select computed_from, fiscal_year, scenario, expected_value, computed_value, tolerance, status, "
        "source_file, source_line, other_source_file, other_source_line from rpt_reconciliation "
        "where municipality = 'Loppi' and check_name = 'key_figure_restatement' order by source_line, fiscal_year"
    ).fetchall()
    oppilaat, lukio, netto = (
        line_of(TAMPERED_2025, name) for name in ("Perusopetuksen", "Lukion", "Nettokustannukset")
    )
    oppilaat_24, lukio_24, netto_24 = (
        line_of(REPORT_2024, name) for name in ("Perusopetuksen", "Lukion", "Nettokustannukset")
    )
    assert rows == [
        (
            "Perusopetuksen oppilaat, count: the value in the 2024 report (1 198)",
            2023, "actual", Decimal("1198"), Decimal("1198"), Decimal("0"), "ok",
            LATER, oppilaat, EARLIER, oppilaat_24,
        ),
        (
            "Perusopetuksen oppilaat, count: the value in the 2024 report (1 187)",
            2024, "actual", Decimal("1193"), Decimal("1187"), Decimal("0"), "warn",
            LATER, oppilaat, EARLIER, oppilaat_24,
        ),
        (
            "Lukion opiskelijat, count: the value in the 2024 report (415)",
            2023, "actual", Decimal("415"), Decimal("415"), Decimal("0"), "ok",
            LATER, lukio, EARLIER, lukio_24,
        ),
        (
            "Lukion opiskelijat, count: the value in the 2024 report (421)",
            2024, "actual", Decimal("421"), Decimal("421"), Decimal("0"), "ok",
            LATER, lukio, EARLIER, lukio_24,
        ),
        (
            "Nettokustannukset, €/asukas: the value in the 2024 report (1 544,8)",
            2023, "actual", Decimal("1544.8"), Decimal("1544.8"), Decimal("0"), "ok",
            LATER, netto, EARLIER, netto_24,
        ),
        (
            "Nettokustannukset, €/asukas: the value in the 2024 report (1 571,3)",
            2024, "actual", Decimal("1571"), Decimal("1571.3"), Decimal("0.55"), "ok",
            LATER, netto, EARLIER, netto_24,
        ),
    ]  # fmt: skip


def test_the_warning_names_both_printings_and_their_values(two_years: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, stdout = two_years
    (message,) = con.execute(
        "select message from rpt_reconciliation"
        " where municipality = 'Loppi' and check_name = 'key_figure_restatement' and status = 'warn'"
    ).fetchone() or ("",)
    assert message == (
        f"key_figure_restatement WARN: {UNIT} · key_figure_restatement · 2024 actual: printed 1193, computed 1187 "
        "(Perusopetuksen oppilaat, count: the value in the 2024 report (1 187)), difference -6, tolerance 0 "
        f"at {LATER}:{line_of(TAMPERED_2025, 'Perusopetuksen')} vs {EARLIER}:{line_of(REPORT_2024, 'Perusopetuksen')}"
        " - the 2025 report prints another value than the 2024 report"
    )
    assert "key_figure_restatement warn (1): the 2025 report prints another value than the 2024 report" in stdout
    # The build warns and publishes: nothing else of Loppi's disagrees.
    statuses = con.execute(
        "select check_name, status from rpt_reconciliation where municipality = 'Loppi' and status != 'ok'"
    ).fetchall()
    assert statuses == [("key_figure_restatement", "warn")]


def test_the_latest_printing_is_the_2025_reports(two_years: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, _ = two_years
    printings = con.execute(
        "select source_file, value, is_latest_printing from fact_kpi "
        "where municipality = 'Loppi' and indicator = 'Perusopetuksen oppilaat' and fiscal_year = 2024 "
        "and measure_type = 'actual' "
        "order by source_file"
    ).fetchall()
    assert printings == [(EARLIER, Decimal("1187"), False), (LATER, Decimal("1193"), True)]
    # 36 printed values, 18 in each report; each figure once: 3 indicators, each with the 2022
    # to 2025 actuals, the 2024 and 2025 targets and the 2025 to 2027 plans (the 2023 and 2024
    # actuals and the 2026 plan printed twice).
    counts = con.execute(
        "select count(*), count(*) filter (where is_latest_printing) from fact_kpi where municipality = 'Loppi'"
    ).fetchone()
    assert counts == (36, 27)


def test_the_financial_plans_years_are_plans_the_latest_report_gives(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = two_years
    plans = con.execute(
        "select source_file, fiscal_year, value, is_latest_printing from fact_kpi "
        "where municipality = 'Loppi' and indicator = 'Perusopetuksen oppilaat' and measure_type = 'plan' "
        "order by fiscal_year, source_file"
    ).fetchall()
    assert plans == [
        (EARLIER, 2025, Decimal("1185"), True),
        (EARLIER, 2026, Decimal("1180"), False),
        (LATER, 2026, Decimal("1170"), True),
        (LATER, 2027, Decimal("1165"), True),
    ]


def test_the_report_site_shows_the_plans_years(two_years: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    """The 2025 page's key figures: the actuals, the year's target, then each year of the plan."""
    con, _ = two_years
    (database,) = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone() or ("",)
    page = (Path(database).with_name("warehouse.report") / "loppi-2025.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", page)
    assert headers[headers.index("Tunnusluku") : headers.index("Tunnusluku") + 10] == [
        "Tunnusluku", "Yksikkö", "Osa-alue", "Toteuma 2023", "Toteuma 2024", "Toteuma 2025", "Tavoite 2025",
        "Taloussuunnitelma 2026", "Taloussuunnitelma 2027", "Lähde",
    ]  # fmt: skip
    row = page[page.index(">Perusopetuksen oppilaat<") :].split("</tr>")[0]
    # Read by hand from TAMPERED_2025's Perusopetuksen oppilaat: 1 198, 1 193, 1 176, 1 180, 1 170, 1 165.
    figures = [figure.replace("\u00a0", " ") for figure in re.findall(r">([0-9\u00a0]+)</td>", row)]
    assert figures == ["1 198", "1 193", "1 176", "1 180", "1 170", "1 165"]
