"""Income lines known by their statement or by their place in the table, end to end.

An investment table's contributions line (`Rahoitusosuudet investointimenoihin`, Swedish
`Finansieringsandelar för investeringsutgifter`) and its proceeds line (`Pysyvien vastaavien
luovutustulot`) are lines of the investment part's Tulot, as the Treasury's investment labels
have them, not only the financing statement's: a table that prints its costs positive and the
contributions just above Netto, with no Tulot, reads as costs - revenue (Porvoo, Jakobstad). A
row of income the chart does not know beside them stays a line of its own, a further term of
Tulot (Kerava). And `Avustukset`, the cost line's name and the Treasury's short form of Tuet ja
avustukset, is the income line where it is printed among Toimintatuotot's terms (Salo's three
sections: terms then their total, the total first, a caption over them).

Every figure below is read by hand from the reports in this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build

pytestmark = pytest.mark.e2e

PORVOO = (
    "PORVOON KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Sivistyslautakunta\n\n"
    "Sivistyslautakunta\tTA 2025\tTP 2025\n"
    "Toimintatuotot\t100\t120\n"
    "Toimintakulut\t-1 000\t-990\n"
    "<b>Toimintakate</b>\t<b>-900</b>\t<b>-870</b>\n\n"
    "## Investoinnit\n\nSivistyslautakunnan investoinnit\n"
    "Investoinnit\tTA 2025\tTP 2025\n"
    "Talonrakennus\t1 000\t900\n"
    "Koneet ja kalusto\t100\t80\n"
    "<b>Investointimenot yhteensä</b>\t<b>1 100</b>\t<b>980</b>\n"
    "Rahoitusosuudet investointimenoihin\t200\t150\n"
    "<b>Nettoinvestoinnit</b>\t<b>900</b>\t<b>830</b>\n"
)
"""Costs positive, Netto = Menot - Rahoitusosuudet (1 100 - 200 = 900, 980 - 150 = 830), no
Tulot printed; lines 16-20."""
JAKOBSTAD = (
    "JAKOBSTADS STAD\n\nBOKSLUT 2025\n\n## Bildningsnämnden\n\n"
    "Bildningsnämnden\tBU 2025\tBS 2025\n"
    "Verksamhetens intäkter\t100\t120\n"
    "Verksamhetens kostnader\t-1 000\t-990\n"
    "<b>Verksamhetsbidrag</b>\t<b>-900</b>\t<b>-870</b>\n\n"
    "## Investeringar\n\nBildningsnämndens investeringar\n"
    "Investeringar\tBU 2025\tBS 2025\n"
    "Byggnader\t1 000\t900\n"
    "Maskiner och inventarier\t100\t80\n"
    "<b>Investeringsutgifter</b>\t<b>1 100</b>\t<b>980</b>\n"
    "Finansieringsandelar för investeringsutgifter\t200\t150\n"
    "<b>Nettoinvesteringar</b>\t<b>900</b>\t<b>830</b>\n"
)
"""Porvoo's table in Swedish; lines 16-20."""
KERAVA = (
    "KERAVAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Tekninen lautakunta\n\n"
    "Tekninen lautakunta\tTA 2025\tTP 2025\n"
    "Toimintatuotot\t400\t420\n"
    "Toimintakulut\t-2 000\t-1 950\n"
    "<b>Toimintakate</b>\t<b>-1 600</b>\t<b>-1 530</b>\n\n"
    "## Investoinnit\n\nTeknisen lautakunnan investoinnit\n"
    "Investoinnit\tTA 2025\tTP 2025\n"
    "Talonrakennus\t-1 000\t-900\n"
    "Kunnallistekniikka\t-500\t-450\n"
    "<b>Investointimenot yhteensä</b>\t<b>-1 500</b>\t<b>-1 350</b>\n"
    "Rahoitusosuudet\t100\t90\n"
    "Pysyvien vastaavien luovutustulot\t50\t70\n"
    "Maa-alueiden myyntitulot\t30\t20\n"
    "<b>Investointitulot yhteensä</b>\t<b>180</b>\t<b>180</b>\n"
    "<b>Nettoinvestoinnit</b>\t<b>-1 320</b>\t<b>-1 170</b>\n"
)
"""Costs negative; Tulot = 100 + 50 + 30 = 180 and 90 + 70 + 20 = 180, Netto = Menot + Tulot
(-1 500 + 180 = -1 320, -1 350 + 180 = -1 170); lines 16-23."""
SALO = "SALON KAUPUNKI\n\nTilinpäätös 2025\n\n"
SIVISTYS = SALO + (
    "## Sivistystoimiala\n\n"
    "Sivistystoimiala, €\tTP 2024\tTA 2025\tTP 2025\n"
    "Myyntituotot\t100 000\t110 000\t120 000\n"
    "Maksutuotot\t200 000\t210 000\t220 000\n"
    "Avustukset\t300 000\t310 000\t320 000\n"
    "Muut toimintatuotot\t40 000\t40 000\t40 000\n"
    "<b>Toimintatuotot</b>\t<b>640 000</b>\t<b>670 000</b>\t<b>700 000</b>\n"
    "Henkilöstökulut\t-2 000 000\t-2 100 000\t-2 050 000\n"
    "Palvelujen ostot\t-1 000 000\t-1 050 000\t-1 100 000\n"
    "Avustukset\t-50 000\t-60 000\t-55 000\n"
    "<b>Toimintakulut</b>\t<b>-3 050 000</b>\t<b>-3 210 000</b>\t<b>-3 205 000</b>\n"
    "<b>Toimintakate</b>\t<b>-2 410 000</b>\t<b>-2 540 000</b>\t<b>-2 505 000</b>\n"
)
"""Terms, then their total; lines 8-17 (Toimintatuotot 120 000 + 220 000 + 320 000 + 40 000 =
700 000)."""
TEKNINEN = SALO + (
    "## Tekninen toimiala\n\n"
    "Tekninen toimiala, €\tTA 2025\tTP 2025\n"
    "<b>Toimintatuotot</b>\t<b>500 000</b>\t<b>520 000</b>\n"
    "Myyntituotot\t200 000\t210 000\n"
    "Avustukset\t300 000\t310 000\n"
    "<b>Toimintakulut</b>\t<b>1 500 000</b>\t<b>1 480 000</b>\n"
    "Palvelujen ostot\t1 400 000\t1 390 000\n"
    "Avustukset\t100 000\t90 000\n"
    "<b>Toimintakate</b>\t<b>-1 000 000</b>\t<b>-960 000</b>\n"
)
"""Each total first, costs positive; lines 8-14 (200 000 + 300 000 = 500 000, 210 000 + 310 000
= 520 000)."""
KONSERNI = SALO + (
    "## Konsernipalvelut\n\n"
    "Konsernipalvelut, €\tTA 2025\tTP 2025\n"
    "<b>TOIMINTATUOTOT</b>\t\t\n"
    "Maksutuotot\t50 000\t55 000\n"
    "Avustukset\t20 000\t25 000\n"
    "<b>TOIMINTAKULUT</b>\t\t\n"
    "Henkilöstökulut\t-400 000\t-390 000\n"
    "Avustukset\t-10 000\t-12 000\n"
    "<b>Toimintakate</b>\t<b>-340 000</b>\t<b>-322 000</b>\n"
)
"""Captions over the terms, no Toimintatuotot nor Toimintakulut printed; lines 8-14 (55 000 +
25 000 - 390 000 - 12 000 = -322 000)."""
REPORTS = {
    "porvoo.txt": PORVOO,
    "jakobstad.txt": JAKOBSTAD,
    "kerava.txt": KERAVA,
    "salo_sivistys.txt": SIVISTYS,
    "salo_tekninen.txt": TEKNINEN,
    "salo_konserni.txt": KONSERNI,
}
SIGNS = "by the table's signs: costs printed positive, balances as costs - revenue"


def make_income_lines(workdir: Path, environ: Mapping[str, str]) -> Path:
    reports = workdir / "reports"
    reports.mkdir()
    for name, text in REPORTS.items():
        (reports / name).write_text(text, encoding="utf-8")
    database, _ = build(reports, workdir, base=environ)
    return database


PREBUILDS: dict[str, Make] = {"income_lines": make_income_lines}


@pytest.fixture(scope="module")
def income_lines(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database: Path = prebuilds.take(make_income_lines)
    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    return con


def actuals(con: duckdb.DuckDBPyConnection, source_file: str) -> list[tuple[object, ...]]:
    """The file's 2025 actuals: line, line item, asset class, amount as printed."""
    return con.execute(
        "select source_line, line_item_id, investment_category, amount_eur from fact_budget "
        "where source_file = ? and fiscal_year = 2025 and scenario = 'actual' order by source_line",
        [source_file],
    ).fetchall()


@pytest.mark.parametrize(
    ("source_file", "classes"),
    [
        ("porvoo.txt", ("Talonrakennus", "Koneet ja kalusto")),
        ("jakobstad.txt", ("Byggnader", "Maskiner och inventarier")),
    ],
)
def test_contributions_just_above_netto_are_income_of_the_investment_part(
    income_lines: duckdb.DuckDBPyConnection, source_file: str, classes: tuple[str, str]
) -> None:
    assert actuals(income_lines, source_file)[3:] == [
        (16, "menot", classes[0], Decimal("900.00")),
        (17, "menot", classes[1], Decimal("80.00")),
        (18, "menot", "Yhteensä", Decimal("980.00")),
        (19, "rahoitusosuudet", "Yhteensä", Decimal("150.00")),
        (20, "netto", "Yhteensä", Decimal("830.00")),
    ]
    checks = income_lines.execute(
        "select scenario, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where check_name = 'subtotal' and source_file = ? and line_item_id = 'netto' order by scenario",
        [source_file],
    ).fetchall()
    terms = f"menot + rahoitusosuudet; {SIGNS}"
    assert checks == [
        ("actual", Decimal("830"), Decimal("830"), "ok", terms),
        ("budget", Decimal("900"), Decimal("900"), "ok", terms),
    ]


@pytest.mark.parametrize("source_file", ["porvoo.txt", "jakobstad.txt"])
def test_netto_printed_as_costs_less_revenue_is_signed_negative_and_its_underspend_favourable(
    income_lines: duckdb.DuckDBPyConnection, source_file: str
) -> None:
    rows = income_lines.execute(
        "select line_item_id, budget_eur, signed_budget_eur, actual_eur, signed_actual_eur, is_favourable_variance "
        "from rpt_budget_vs_actual where source_file = ? and line_item_id in ('rahoitusosuudet', 'netto') "
        "order by source_line",
        [source_file],
    ).fetchall()
    assert rows == [
        # 150 received against 200 budgeted: less income than planned.
        ("rahoitusosuudet", Decimal("200.00"), Decimal("200.00"), Decimal("150.00"), Decimal("150.00"), False),
        # 830 spent net against 900: under budget.
        ("netto", Decimal("900.00"), Decimal("-900.00"), Decimal("830.00"), Decimal("-830.00"), True),
    ]


def test_an_unknown_income_row_beside_the_charts_is_a_further_term_of_tulot(
    income_lines: duckdb.DuckDBPyConnection,
) -> None:
    assert actuals(income_lines, "kerava.txt")[3:] == [
        (16, "menot", "Talonrakennus", Decimal("-900.00")),
        (17, "menot", "Kunnallistekniikka", Decimal("-450.00")),
        (18, "menot", "Yhteensä", Decimal("-1350.00")),
        (19, "rahoitusosuudet", "Yhteensä", Decimal("90.00")),
        (20, "luovutustulot", "Yhteensä", Decimal("70.00")),
        (21, "investment.maa_alueiden_myyntitulot", "Yhteensä", Decimal("20.00")),
        (22, "tulot", "Yhteensä", Decimal("180.00")),
        (23, "netto", "Yhteensä", Decimal("-1170.00")),
    ]
    checks = income_lines.execute(
        "select check_name, line_item_id, scenario, computed_value, status, computed_from from rpt_reconciliation "
        "where source_file = 'kerava.txt' and statement = 'investment' and check_name != 'cost_sign' order by all"
    ).fetchall()
    classes = "Talonrakennus + Kunnallistekniikka"
    tulot = "rahoitusosuudet + luovutustulot + investment.maa_alueiden_myyntitulot"
    assert checks == [
        ("investment_classes", "menot", "actual", Decimal("-1350"), "ok", classes),
        ("investment_classes", "menot", "budget", Decimal("-1500"), "ok", classes),
        ("subtotal", "netto", "actual", Decimal("-1170"), "ok", "menot + tulot"),
        ("subtotal", "netto", "budget", Decimal("-1320"), "ok", "menot + tulot"),
        ("subtotal", "tulot", "actual", Decimal("180"), "ok", tulot),
        ("subtotal", "tulot", "budget", Decimal("180"), "ok", tulot),
    ]


def test_avustukset_among_the_income_lines_is_tuet_ja_avustukset(income_lines: duckdb.DuckDBPyConnection) -> None:
    assert [row[:2] + row[3:] for row in actuals(income_lines, "salo_sivistys.txt")] == [
        (8, "myyntituotot", Decimal("120000.00")),
        (9, "maksutuotot", Decimal("220000.00")),
        (10, "tuet_ja_avustukset", Decimal("320000.00")),
        (11, "muut_toimintatuotot", Decimal("40000.00")),
        (12, "toimintatuotot", Decimal("700000.00")),
        (13, "henkilostokulut", Decimal("-2050000.00")),
        (14, "palvelujen_ostot", Decimal("-1100000.00")),
        (15, "avustukset", Decimal("-55000.00")),
        (16, "toimintakulut", Decimal("-3205000.00")),
        (17, "toimintakate", Decimal("-2505000.00")),
    ]
    assert [row[:2] + row[3:] for row in actuals(income_lines, "salo_tekninen.txt")] == [
        (8, "toimintatuotot", Decimal("520000.00")),
        (9, "myyntituotot", Decimal("210000.00")),
        (10, "tuet_ja_avustukset", Decimal("310000.00")),
        (11, "toimintakulut", Decimal("1480000.00")),
        (12, "palvelujen_ostot", Decimal("1390000.00")),
        (13, "avustukset", Decimal("90000.00")),
        (14, "toimintakate", Decimal("-960000.00")),
    ]
    assert [row[:2] + row[3:] for row in actuals(income_lines, "salo_konserni.txt")] == [
        (9, "maksutuotot", Decimal("55000.00")),
        (10, "tuet_ja_avustukset", Decimal("25000.00")),
        (12, "henkilostokulut", Decimal("-390000.00")),
        (13, "avustukset", Decimal("-12000.00")),
        (14, "toimintakate", Decimal("-322000.00")),
    ]


def test_each_salo_total_adds_up_and_no_line_is_printed_twice(income_lines: duckdb.DuckDBPyConnection) -> None:
    rows = income_lines.execute(
        "select source_file, source_line, check_name, count(*), min(status), max(status) from rpt_reconciliation "
        "where source_file like 'salo%' and check_name not in ('cost_sign', 'unit_rollup') group by all order by all"
    ).fetchall()
    assert rows == [
        ("salo_konserni.txt", 14, "subtotal", 2, "ok", "ok"),
        ("salo_sivistys.txt", 12, "subtotal", 3, "ok", "ok"),
        ("salo_sivistys.txt", 16, "subtotal", 3, "ok", "ok"),
        ("salo_sivistys.txt", 17, "subtotal", 3, "ok", "ok"),
        ("salo_tekninen.txt", 8, "subtotal", 2, "ok", "ok"),
        ("salo_tekninen.txt", 11, "subtotal", 2, "ok", "ok"),
        ("salo_tekninen.txt", 14, "subtotal", 2, "ok", "ok"),
    ]
