"""The variance convention of a table, detected from its own printed numbers; and tables
printing the overrun by size and the signed variance built end to end."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.extract import extract_paths
from kuntatalous.tables.variance import (
    VarianceConvention,
    VarianceFigures,
    VarianceMisfit,
    VarianceStatus,
    detect_variance_convention,
    misfits,
    row_tolerance,
)
from kuntatalous.tables.vocabulary import Role, classify_header, find_statement_year
from kuntatalous.text.number_format import (
    NIL,
    detect_number_format,
    detect_scale,
    is_nil,
    lines_just_above,
    parse_number,
)

from . import layouts
from .family_fixtures import FixtureTable, fixture_table, fixture_text
from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, replace_once, write_reports


def figures(table: FixtureTable) -> tuple[list[VarianceFigures], int]:
    """Each row's budget in force, actual and variance, as printed, and the table's scale."""
    year = find_statement_year(table.lines, table.name)
    header = classify_header(table.header, statement_year=year.year if year else None, second_line=table.second_line)
    budget, actual, variance = header.budget_in_force(), header.find(Role.ACTUAL), header.find(Role.VARIANCE)
    assert budget is not None
    assert actual is not None
    assert variance is not None
    number_format = detect_number_format(table.cells())
    scale = detect_scale((table.unit_cell, *table.header), lines_just_above(table.lines, table.first_line))
    columns = [header.columns.index(column) + 1 for column in (budget, actual, variance)]
    rows = [
        VarianceFigures(
            row.line, *(NIL if is_nil(row.cells[i]) else parse_number(row.cells[i], number_format) for i in columns)
        )
        for row in table.rows
    ]
    return rows, scale.factor


@pytest.mark.parametrize(
    ("name", "convention", "rows"),
    [
        ("thousands_actual_minus_budget.txt", VarianceConvention.ACTUAL_MINUS_BUDGET, 5),
        ("dots_ta_muutokset.txt", VarianceConvention.BUDGET_MINUS_ACTUAL, 4),
        ("bokslut_sv.txt", VarianceConvention.ACTUAL_MINUS_BUDGET, 3),
        ("income_statement_treasury_words.txt", VarianceConvention.BUDGET_MINUS_ACTUAL, 30),
    ],
)
def test_fixture_convention(name: str, convention: VarianceConvention, rows: int) -> None:
    found = detect_variance_convention(*figures(fixture_table(name)))
    assert found.status == VarianceStatus.DETECTED
    assert found.convention == convention
    assert found.rows_checked == rows
    assert found.misfits == ()


def test_one_tampered_variance_fits_neither_and_is_named() -> None:
    """337 956,3 - 331 905,0 = 6 051,3; printed 6 051,5 is 200 € off, beyond the 150 € rounding."""
    text = fixture_text("thousands_actual_minus_budget.txt").replace("6 051,3", "6 051,5")
    found = detect_variance_convention(*figures(fixture_table("thousands_actual_minus_budget.txt", text)))
    assert found.status == VarianceStatus.NEITHER
    assert found.convention is None
    assert found.closest == VarianceConvention.ACTUAL_MINUS_BUDGET
    assert found.misfits == (
        VarianceMisfit(line=8, printed=Decimal("6051500.0"), computed=Decimal("6051300.0"), tolerance=Decimal("150")),
    )


def test_a_difference_within_rounding_still_fits() -> None:
    """6 051,4 is 100 € from 6 051,3: within the three figures' rounding of 50 € each."""
    text = fixture_text("thousands_actual_minus_budget.txt").replace("6 051,3", "6 051,4")
    found = detect_variance_convention(*figures(fixture_table("thousands_actual_minus_budget.txt", text)))
    assert found.convention == VarianceConvention.ACTUAL_MINUS_BUDGET


def test_heinola_prints_budget_minus_actual() -> None:
    rows = [
        VarianceFigures(14, Decimal(989100), Decimal(1372028), Decimal(-382928)),
        VarianceFigures(16, Decimal(-9483100), Decimal(-8856536), Decimal(-626564)),
    ]
    found = detect_variance_convention(rows)
    assert found.convention == VarianceConvention.BUDGET_MINUS_ACTUAL


def test_every_variance_zero_is_ambiguous() -> None:
    rows = [VarianceFigures(1, Decimal(5), Decimal(5), Decimal(0))]
    found = detect_variance_convention(rows)
    assert found.status == VarianceStatus.AMBIGUOUS
    assert found.convention is None


def test_rows_without_all_three_figures_are_not_checked() -> None:
    rows = [
        VarianceFigures(1, None, Decimal(5), Decimal(5)),
        VarianceFigures(2, Decimal(5), Decimal(3), None),
    ]
    found = detect_variance_convention(rows)
    assert found.status == VarianceStatus.NO_ROWS
    assert found.rows_checked == 0


def test_tolerance_is_half_the_last_printed_digit_of_each_figure() -> None:
    row = VarianceFigures(1, Decimal("331905.0"), Decimal("337956.3"), Decimal("6051"))
    assert row_tolerance(row, 1000) == Decimal("600")  # 50 + 50 + 500


TITLE = "VAALAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n"
"""A report's first lines, its municipality and statement year: its text goes on at line 5."""

LAHTI = (
    "## Sivistyksen palvelualue\n\n"
    "Sivistyksen palvelualue\tTP 2024\tTA 2025\tLisätalousarviot\tTA 2025 yhteensä\tTP 2025\t"
    "Ylitys (+) / alitus (-)\tTP/TA %\n"
    "Myyntituotot\t2.839.864\t3.000.000\t135.834\t3.135.834\t3.219.529\t83.695\t102,7\n"
    "Maksutuotot\t1.568.480\t1.500.000\t62.249\t1.562.249\t1.518.241\t-44.008\t97,2\n"
    "Tuet ja avustukset\t870.259\t900.000\t-15.051\t884.949\t841.053\t-43.896\t95,0\n"
    "Muut toimintatuotot\t557.080\t600.000\t-3.534\t596.466\t605.076\t8.610\t101,4\n"
    "<b>Toimintatuotot</b>\t<b>5.835.683</b>\t<b>6.000.000</b>\t<b>179.498</b>\t<b>6.179.498</b>\t<b>6.183.899</b>\t<b>4.401</b>\t<b>100,1</b>\n"
    "Henkilöstökulut\t-15.187.256\t-16.500.000\t-399.873\t-16.899.873\t-16.516.339\t-383.534\t97,7\n"
    "Palvelujen ostot\t-8.642.650\t-9.000.000\t-319.333\t-9.319.333\t-9.294.211\t-25.122\t99,7\n"
    "Aineet, tarvikkeet ja tavarat\t-1.441.579\t-1.500.000\t-12.746\t-1.512.746\t-1.556.091\t43.345\t102,9\n"
    "Avustukset\t-1.112.892\t-1.200.000\t-57.609\t-1.257.609\t-1.173.602\t-84.007\t93,3\n"
    "Muut toimintakulut\t-1.831.452\t-1.800.000\t-67.662\t-1.867.662\t-1.741.649\t-126.013\t93,3\n"
    "<b>Toimintakulut</b>\t<b>-28.215.829</b>\t<b>-30.000.000</b>\t<b>-857.223</b>\t<b>-30.857.223</b>\t<b>-30.281.892</b>\t<b>-575.331</b>\t<b>98,1</b>\n"
    "<b>Toimintakate</b>\t<b>-22.380.146</b>\t<b>-24.000.000</b>\t<b>-677.725</b>\t<b>-24.677.725</b>\t<b>-24.097.993</b>\t<b>-579.732</b>\t<b>97,7</b>\n"
)
"""Lahti's table, after ``TITLE``: header at line 7, rows at lines 8 to 19. Its variance is the
overrun by size, |actual| - |budget|, costs printed negative."""


# LAHTI's rows read by hand: TA 2025 yhteensä, TP 2025 and Ylitys (+) / alitus (-).
LAHTI_ROWS = [
    VarianceFigures(8, Decimal(3135834), Decimal(3219529), Decimal(83695)),  # Myyntituotot
    VarianceFigures(9, Decimal(1562249), Decimal(1518241), Decimal(-44008)),  # Maksutuotot
    VarianceFigures(13, Decimal(-16899873), Decimal(-16516339), Decimal(-383534)),  # Henkilöstökulut
    VarianceFigures(15, Decimal(-1512746), Decimal(-1556091), Decimal(43345)),  # Aineet, tarvikkeet ja tavarat
]


def test_the_overrun_by_size_is_detected_where_no_classic_convention_holds() -> None:
    """Income 3 219 529 - 3 135 834 = 83 695 over its budget, positive, as actual - budget;
    costs 16 516 339 - 16 899 873 = -383 534 under theirs, negative, as budget - actual: neither
    classic convention holds on every row, |actual| - |budget| does."""
    found = detect_variance_convention(LAHTI_ROWS)
    assert found.status == VarianceStatus.DETECTED
    assert found.convention == VarianceConvention.ABS_ACTUAL_MINUS_ABS_BUDGET
    assert found.rows_checked == 4
    assert found.misfits == ()


@pytest.mark.parametrize(
    ("rows", "convention"),
    [
        # Every amount positive: |actual| - |budget| is actual - budget (16 516 339 - 16 899 873).
        (
            [
                VarianceFigures(8, Decimal(3135834), Decimal(3219529), Decimal(83695)),
                VarianceFigures(10, Decimal(16899873), Decimal(16516339), Decimal(-383534)),
            ],
            VarianceConvention.ACTUAL_MINUS_BUDGET,
        ),
        # Every amount negative: it is budget - actual (-1 512 746 + 1 556 091 = 43 345).
        (LAHTI_ROWS[2:], VarianceConvention.BUDGET_MINUS_ACTUAL),
    ],
)
def test_where_the_overrun_by_size_coincides_with_a_classic_convention_the_classic_is_kept(
    rows: list[VarianceFigures], convention: VarianceConvention
) -> None:
    found = detect_variance_convention(rows)
    assert (found.status, found.convention) == (VarianceStatus.DETECTED, convention)


def test_a_misprinted_overrun_fits_no_convention_and_is_named_against_the_closest() -> None:
    """Myyntituotot printed 83 697 is 2 € off 83 695, beyond the three half-euros of rounding."""
    rows = [VarianceFigures(8, Decimal(3135834), Decimal(3219529), Decimal(83697)), *LAHTI_ROWS[1:]]
    found = detect_variance_convention(rows)
    assert found.status == VarianceStatus.NEITHER
    assert found.closest == VarianceConvention.ABS_ACTUAL_MINUS_ABS_BUDGET
    assert found.misfits == (
        VarianceMisfit(line=8, printed=Decimal(83697), computed=Decimal(83695), tolerance=Decimal("1.5")),
    )


def test_the_extractor_reads_the_overrun_by_size_with_its_printed_signs(tmp_path: Path) -> None:
    """Every row of the table carries its detected convention; the figures keep their printed
    signs (income 83 695 over its budget, costs 383 534 under and 43 345 over theirs)."""
    report = tmp_path / "r.txt"
    report.write_text(TITLE + LAHTI, encoding="utf-8")
    rows = extract_paths([report]).budget_rows
    assert {(r["variance_convention"], r["variance_convention_status"]) for r in rows} == {
        ("abs_actual_minus_abs_budget", "detected")
    }
    read = [
        (r["source_line"], r["budget_eur"], r["actual_eur"], r["variance_eur"])
        for r in rows
        if r["source_line"] in (8, 9, 13, 15)
    ]
    assert read == [
        (8, Decimal(3135834), Decimal(3219529), Decimal(83695)),
        (9, Decimal(1562249), Decimal(1518241), Decimal(-44008)),
        (13, Decimal(-16899873), Decimal(-16516339), Decimal(-383534)),
        (15, Decimal(-1512746), Decimal(-1556091), Decimal(43345)),
    ]
    assert len(rows) == 12


KOUVOLA = (
    "## Sivistyspalvelut\n\n"
    "Menot on esitetty positiivisina lukuina. Positiivinen poikkeama on talousarvioon nähden edullinen.\n\n"
    "Sivistyspalvelut\tTP 2024\tTA 2025\tMuutettu TA 2025\tTP 2025\tPoikkeama\tKäyttö-%\n"
    "Toimintatuotot\t13 246 735\t12 750 000\t13 250 000\t13 615 743\t365 743\t102,8\n"
    "Toimintakulut\t158 325 408\t160 950 000\t162 050 000\t161 550 895\t499 105\t99,7\n"
    "<b>Toimintakate</b>\t<b>\u2212145 078 673</b>\t<b>\u2212148 200 000</b>\t<b>\u2212148 800 000</b>\t"
    "<b>\u2212147 935 152</b>\t<b>864 848</b>\t<b>99,4</b>\n\n"
    "### Investoinnit\n\n"
    "Sivistyspalvelujen investoinnit\tTP 2024\tTA 2025\tMuutettu TA 2025\tTP 2025\tPoikkeama\tKäyttö-%\n"
    "Menot\t3 120 400\t4 200 000\t3 800 000\t3 410 225\t389 775\t89,7\n"
    "Tulot\t0\t0\t150 000\t182 000\t32 000\t121,3\n"
    "<b>Netto</b>\t<b>3 120 400</b>\t<b>4 200 000</b>\t<b>3 650 000</b>\t<b>3 228 225</b>\t<b>421 775</b>\t"
    "<b>88,4</b>\n"
)
"""Kouvola's tables, after ``TITLE``: costs printed positive, Toimintakate negative (revenue -
costs) and Netto positive (costs - revenue), with a Poikkeama positive where the outcome is
better than budget. The operating table's header is at line 9, its rows at lines 10 to 12;
the investment table's header at line 16, its rows at lines 17 to 19."""

# KOUVOLA's rows read by hand: Muutettu TA 2025, TP 2025 and Poikkeama.
KOUVOLA_ROWS = [
    VarianceFigures(10, Decimal(13250000), Decimal(13615743), Decimal(365743)),  # Toimintatuotot
    VarianceFigures(11, Decimal(162050000), Decimal(161550895), Decimal(499105)),  # Toimintakulut
    VarianceFigures(12, Decimal(-148800000), Decimal(-147935152), Decimal(864848)),  # Toimintakate
]
KOUVOLA_INVESTMENTS = [
    VarianceFigures(17, Decimal(3800000), Decimal(3410225), Decimal(389775)),  # Menot
    VarianceFigures(18, Decimal(150000), Decimal(182000), Decimal(32000)),  # Tulot
    VarianceFigures(19, Decimal(3650000), Decimal(3228225), Decimal(421775)),  # Netto
]


@pytest.mark.parametrize("rows", [KOUVOLA_ROWS, KOUVOLA_INVESTMENTS])
def test_the_signed_variance_is_detected_where_no_other_convention_holds(rows: list[VarianceFigures]) -> None:
    """Income 13 615 743 - 13 250 000 = 365 743 as actual - budget, costs printed positive
    162 050 000 - 161 550 895 = 499 105 as budget - actual, Toimintakate -147 935 152 + 148 800 000
    = 864 848 as actual - budget (investments: Menot and Netto, costs - revenue, as budget -
    actual, Tulot as actual - budget): better than budget positive, from the figures alone."""
    found = detect_variance_convention(rows)
    assert found.status == VarianceStatus.DETECTED
    assert found.convention == VarianceConvention.SIGNED_ACTUAL_MINUS_SIGNED_BUDGET
    assert found.rows_checked == 3
    assert found.misfits == ()


def test_a_misprinted_signed_variance_fits_no_convention_and_is_named_against_it() -> None:
    """Toimintakulut printed 499 107 is 2 € off 162 050 000 - 161 550 895 = 499 105: the one row
    that breaks the signed variance, as it breaks actual - budget, but by 2 € instead of
    998 212 €: the signed variance is the closest."""
    rows = [
        KOUVOLA_ROWS[0],
        VarianceFigures(11, Decimal(162050000), Decimal(161550895), Decimal(499107)),
        KOUVOLA_ROWS[2],
    ]
    found = detect_variance_convention(rows)
    assert found.status == VarianceStatus.NEITHER
    assert found.closest == VarianceConvention.SIGNED_ACTUAL_MINUS_SIGNED_BUDGET
    assert found.misfits == (
        VarianceMisfit(line=11, printed=Decimal(499107), computed=Decimal(499105), tolerance=Decimal("1.5")),
    )


def test_budget_minus_actual_on_a_cost_printed_negative_is_no_signed_variance() -> None:
    """A cost printed negative is signed already: its signed variance is actual - budget. Here
    it prints budget - actual (-9 483 100 + 8 856 536 = -626 564) beside a cost printed positive
    that does too (1 000 - 900 = 100) and income printing actual - budget (1 372 028 - 989 100 =
    382 928): no convention holds, the signed one neither."""
    rows = [
        VarianceFigures(14, Decimal(989100), Decimal(1372028), Decimal(382928)),
        VarianceFigures(16, Decimal(-9483100), Decimal(-8856536), Decimal(-626564)),
        VarianceFigures(18, Decimal(1000), Decimal(900), Decimal(100)),
    ]
    found = detect_variance_convention(rows)
    assert (found.status, found.convention) == (VarianceStatus.NEITHER, None)
    assert misfits(rows, VarianceConvention.SIGNED_ACTUAL_MINUS_SIGNED_BUDGET) == [
        VarianceMisfit(line=16, printed=Decimal(-626564), computed=Decimal(626564), tolerance=Decimal("1.5")),
    ]


def test_costs_printed_positive_with_actual_minus_budget_throughout_keep_the_classic_name() -> None:
    """A table printing its costs positive and every variance actual - budget (costs
    161 550 895 - 162 050 000 = -499 105) is actual_minus_budget, as before."""
    rows = [
        KOUVOLA_ROWS[0],
        VarianceFigures(11, Decimal(162050000), Decimal(161550895), Decimal(-499105)),
        KOUVOLA_ROWS[2],
    ]
    found = detect_variance_convention(rows)
    assert (found.status, found.convention) == (VarianceStatus.DETECTED, VarianceConvention.ACTUAL_MINUS_BUDGET)


def test_the_extractor_detects_the_signed_variance_from_the_figures_not_the_words(tmp_path: Path) -> None:
    """Without its sentence on the variance's sign, every row of both tables carries the signed
    variance, the figures as printed (costs positive)."""
    report = tmp_path / "r.txt"
    sentence = "Menot on esitetty positiivisina lukuina. Positiivinen poikkeama on talousarvioon nähden edullinen."
    report.write_text(TITLE + KOUVOLA.replace(sentence, "Sivistyspalvelujen toiminta."), encoding="utf-8")
    rows = extract_paths([report]).budget_rows
    assert {(r["variance_convention"], r["variance_convention_status"]) for r in rows} == {
        ("signed_actual_minus_signed_budget", "detected")
    }
    read = [(r["source_line"], r["budget_eur"], r["actual_eur"], r["variance_eur"]) for r in rows]
    assert read == [
        (10, Decimal(13250000), Decimal(13615743), Decimal(365743)),
        (11, Decimal(162050000), Decimal(161550895), Decimal(499105)),
        (12, Decimal(-148800000), Decimal(-147935152), Decimal(864848)),
        (17, Decimal(3800000), Decimal(3410225), Decimal(389775)),
        (18, Decimal(150000), Decimal(182000), Decimal(32000)),
        (19, Decimal(3650000), Decimal(3228225), Decimal(421775)),
    ]


OVERRUN_FILE = "keela_tp2025_sivistys.txt"
SIGNED_FILE = "leela_tp2025_sivistys.txt"


def make_tables(workdir: Path, environ: Mapping[str, str]) -> Path:
    """One build of ``LAHTI`` as Keela's report (OVERRUN_FILE) and ``KOUVOLA`` as Leela's
    (SIGNED_FILE): two municipalities, whose rows the tests tell apart by their file."""
    texts = {
        OVERRUN_FILE: "KEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n" + LAHTI,
        SIGNED_FILE: "LEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n" + KOUVOLA,
    }
    reports = write_reports(workdir / "reports", texts, {OVERRUN_FILE: "Keela", SIGNED_FILE: "Leela"})
    database, _ = build(reports, workdir, base=environ)
    return database


def tampered_layout() -> tuple[str, dict[str, str]]:
    """``KOUVOLA`` alone, as Keela's report, its investments' Menot's Poikkeama printed with a
    minus sign, -389 775 (actual - budget, which its figures alone allow: Netto still prints
    budget - actual, so the table is still the signed variance's), built with other modules'
    tampered reports (layouts.py)."""
    text = replace_once(KOUVOLA, "\t389 775\t", "\t\u2212389 775\t")
    return "Keela", {"keela_tp2025_sivistys.txt": "KEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n" + text}


PREBUILDS: dict[str, Make] = {"tables": make_tables, "signed_tampered": layouts.make_tampered_layouts}


@pytest.fixture(scope="module")
def tables(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database: Path = prebuilds.take(make_tables)
    return connect(database)


@pytest.mark.e2e
def test_a_table_printing_the_overrun_by_size_publishes_with_every_variance_ok(
    tables: duckdb.DuckDBPyConnection,
) -> None:
    """The build failed printed_variance (the table fits neither convention); now each of its
    twelve rows is checked as |actual| - |budget| (LAHTI_ROWS' three figures, by hand)."""
    rows = tables.execute(
        "select source_line, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where source_file = ? and check_name = 'printed_variance' and source_line in (8, 13, 15) order by source_line",
        [OVERRUN_FILE],
    ).fetchall()
    assert rows == [
        (8, Decimal(83695), Decimal(83695), "ok", "|actual| - |budget|"),
        (13, Decimal(-383534), Decimal(-383534), "ok", "|actual| - |budget|"),
        (15, Decimal(43345), Decimal(43345), "ok", "|actual| - |budget|"),
    ]
    counts = (
        "select count(*), count(*) filter (where status = 'ok') from rpt_reconciliation"
        " where source_file = ? and check_name = ?"
    )
    assert tables.execute(counts, [OVERRUN_FILE, "printed_variance"]).fetchone() == (12, 12)
    not_ok = "select count(*) from rpt_reconciliation where source_file = ? and status != 'ok'"
    assert tables.execute(not_ok, [OVERRUN_FILE]).fetchone() == (0,)


@pytest.mark.e2e
def test_the_favourability_of_an_overrun_reads_the_budget_and_the_actual(tables: duckdb.DuckDBPyConnection) -> None:
    rows = tables.execute(
        "select source_line, variance_eur, printed_variance_eur, variance_convention, is_favourable_variance "
        "from rpt_budget_vs_actual where source_file = ? and source_line in (8, 13, 15) order by source_line",
        [OVERRUN_FILE],
    ).fetchall()
    convention = "abs_actual_minus_abs_budget"
    assert rows == [
        # Income over its budget: favourable; variance_eur is budget - actual, as for any table.
        (8, Decimal("-83695.00"), Decimal("83695.00"), convention, True),
        # A cost under its budget (printed -383 534): favourable.
        (13, Decimal("-383534.00"), Decimal("-383534.00"), convention, True),
        # A cost over its budget (printed 43 345): not.
        (15, Decimal("43345.00"), Decimal("43345.00"), convention, False),
    ]


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    return con


@pytest.fixture(scope="module")
def signed_tampered(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    return layouts.connect(prebuilds, layouts.make_tampered_layouts)


SIGNED = "signed actual - signed budget (by the table's signs: costs printed positive"


@pytest.mark.e2e
def test_a_table_printing_the_signed_variance_publishes_with_every_variance_ok(
    tables: duckdb.DuckDBPyConnection,
) -> None:
    """The build failed printed_variance on every row (the tables fit no convention); now each
    is checked by its line's direction and its table's signs (KOUVOLA_ROWS and
    KOUVOLA_INVESTMENTS, by hand)."""
    rows = tables.execute(
        "select source_line, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where source_file = ? and check_name = 'printed_variance' order by source_line",
        [SIGNED_FILE],
    ).fetchall()
    balances_costs_minus_revenue = SIGNED + ", balances as costs - revenue)"
    assert rows == [
        (10, Decimal(365743), Decimal(365743), "ok", SIGNED + ")"),
        (11, Decimal(499105), Decimal(499105), "ok", SIGNED + ")"),
        (12, Decimal(864848), Decimal(864848), "ok", SIGNED + ")"),
        (17, Decimal(389775), Decimal(389775), "ok", balances_costs_minus_revenue),
        (18, Decimal(32000), Decimal(32000), "ok", balances_costs_minus_revenue),
        (19, Decimal(421775), Decimal(421775), "ok", balances_costs_minus_revenue),
    ]
    # Only cost_sign warns, of each table's costs printed without a minus sign.
    not_ok = (
        "select check_name, status, count(*) from rpt_reconciliation"
        " where source_file = ? and status != 'ok' group by all"
    )
    assert tables.execute(not_ok, [SIGNED_FILE]).fetchall() == [("cost_sign", "warn", 2)]
    # Nothing else in the build (Keela's overrun table: nothing).
    everywhere = "select check_name, status, count(*) from rpt_reconciliation where status != 'ok' group by all"
    assert tables.execute(everywhere).fetchall() == [("cost_sign", "warn", 2)]


@pytest.mark.e2e
def test_the_favourability_of_a_signed_variance_reads_the_budget_and_the_actual(
    tables: duckdb.DuckDBPyConnection,
) -> None:
    """Every row of Kouvola's tables is better than budget, as its positive Poikkeama says:
    income over, costs and investment spending under, Toimintakate above its budget, Netto
    below; variance_eur is budget - actual as printed, as for any table."""
    rows = tables.execute(
        "select source_line, variance_eur, printed_variance_eur, variance_convention, is_favourable_variance "
        "from rpt_budget_vs_actual where source_file = ? order by source_line",
        [SIGNED_FILE],
    ).fetchall()
    convention = "signed_actual_minus_signed_budget"
    assert rows == [
        (10, Decimal("-365743.00"), Decimal("365743.00"), convention, True),
        (11, Decimal("499105.00"), Decimal("499105.00"), convention, True),
        (12, Decimal("-864848.00"), Decimal("864848.00"), convention, True),
        (17, Decimal("389775.00"), Decimal("389775.00"), convention, True),
        (18, Decimal("-32000.00"), Decimal("32000.00"), convention, True),
        (19, Decimal("421775.00"), Decimal("421775.00"), convention, True),
    ]


@pytest.mark.e2e
def test_a_signed_variance_printed_with_the_wrong_sign_fails_by_the_line_direction(
    signed_tampered: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    """Menot's Poikkeama printed -389 775: its figures alone fit (actual - budget), but spending
    printed positive 389 775 under its budget is that much better than it: the check fails
    there, and only there."""
    con, output = signed_tampered
    rows = con.execute(
        "select source_line, expected_value, computed_value, status from rpt_reconciliation "
        "where municipality = 'Keela' and check_name = 'printed_variance' and status != 'ok'"
    ).fetchall()
    assert rows == [(17, Decimal(-389775), Decimal(389775), "fail")]
    assert "printed_variance FAIL: keela.sivistyspalvelut · menot" in output
