"""Reconciliation end to end: the committed reports tie out, and tampered copies fail on the
check that should catch them, naming the culprit, and on no other check.

Each tamper changes one figure by 1 000 € and adjusts every other printed figure that depends
on it (its variance and percentage, a subtotal it must still match) so that exactly one kind of
tie-out breaks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import HY, YP, build, committed_report, reconciliation_check_names, replace_once, shift_years

pytestmark = pytest.mark.e2e


Culprit = tuple[str, str | None, int, str | None]


def failures(con: duckdb.DuckDBPyConnection, check_name: str) -> set[Culprit]:
    """The (unit, line item, year, scenario) of each failing instance, from the stored failures."""
    rows = con.execute(
        "select unit_id, line_item_id, fiscal_year, scenario from audit.reconciles where check_name = ?",
        [check_name],
    ).fetchall()
    return {(unit, item, year, scenario) for unit, item, year, scenario in rows}


def test_committed_reports_reconcile_with_the_known_gaps_as_warnings(warehouse: duckdb.DuckDBPyConnection) -> None:
    statuses = "select status, count(*) from analytics.rpt_reconciliation group by status"
    counts = dict(warehouse.execute(statuses).fetchall())
    assert counts.get("fail", 0) == 0
    assert set(counts) == {"ok", "warn", "incomplete"}
    # Every check ran on something, except restatement and key_figure_restatement (the two
    # reports are of one year and print no figure or key figure twice), budget_revision (they
    # print one budget, no original budget and changes), investment_classes (each unit's
    # investments are one asset class, no total of them), statement_link (they print no
    # financing statement) and risk_score (their risk tables print both judgements in the
    # Riskiarvo cell, no score).
    names = "select distinct check_name from analytics.rpt_reconciliation"
    checked = {row[0] for row in warehouse.execute(names).fetchall()}
    unchecked = {
        "restatement",
        "key_figure_restatement",
        "budget_revision",
        "investment_classes",
        "statement_link",
        "risk_score",
    }
    assert checked == reconciliation_check_names() - unchecked

    # Yhteiset palvelut's 2024 comparatives: the units' costs are about 349 000 € off the
    # service area's, and the report's note says why.
    gap = warehouse.execute(
        """
        select difference, reason from analytics.rpt_reconciliation
        where check_name = 'unit_rollup' and unit_id = 'heinola.yhteiset_palvelut'
            and line_item_id = 'toimintakulut' and fiscal_year = 2024 and scenario = 'actual'
        """
    ).fetchall()
    assert len(gap) == 1
    difference, reason = gap[0]
    assert difference == Decimal("348799")
    assert "ole suoraan vertailukelpoisia" in reason
    assert f"{YP}:19" in reason
    # Besides, two reprinted key figures name another sub-area or unit (see below).
    assert warehouse.execute(
        "select count(*) from analytics.rpt_reconciliation where status = 'warn' and fiscal_year != 2024"
        " and check_name != 'key_figure_reprint'"
    ).fetchone() == (0,)


def test_rounding_differences_within_tolerance_pass(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Yhteiset palvelut's seven units print 2025 costs that sum to 1 € off the service area:
    # eight rounded figures may be 4 € apart.
    row = warehouse.execute(
        """
        select difference, tolerance, term_count, status from analytics.rpt_reconciliation
        where check_name = 'unit_rollup' and unit_id = 'heinola.yhteiset_palvelut'
            and line_item_id = 'toimintakulut' and fiscal_year = 2025 and scenario = 'actual'
        """
    ).fetchone()
    assert row == (Decimal("-1"), Decimal("4"), 7, "ok")
    # Muut toimintatuotot 114 811 / 12 000 is 956.758…%, printed 956,75: within the rounding of
    # both amounts and the percentage.
    pct = warehouse.execute(
        """
        select expected_value, status from analytics.rpt_reconciliation
        where check_name = 'printed_execution_pct' and unit_id = 'heinola.yhteiset_palvelut'
            and line_item_id = 'muut_toimintatuotot'
        """
    ).fetchone()
    assert pct == (Decimal("956.75"), "ok")


def test_incomplete_where_a_child_unit_is_not_loaded(warehouse: duckdb.DuckDBPyConnection) -> None:
    statuses = warehouse.execute(
        """
        select distinct status, reason from analytics.rpt_reconciliation
        where check_name = 'unit_rollup' and unit_id = 'heinola.hyvinvointipalvelut'
        """
    ).fetchall()
    assert statuses == [("incomplete", "no section of the 2025 report loaded for: Kasvatus- ja opetuslautakunta")]


def test_the_failed_build_ends_naming_each_failing_check(tampered: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, output = tampered
    # The quiet build's closing lines (the last one on stdout, then the same on stderr).
    closing = "\n".join(output.strip().splitlines()[-3:])
    for check, count in [
        ("key_figure_reprint", 1),
        ("printed_execution_pct", 1),
        ("printed_variance", 1),
        ("project_total", 1),
        ("repeated_printing", 1),
        ("subtotal", 1),
        ("unit_rollup", 2),
    ]:
        assert f"{check} ({count}: " in closing, (check, closing)
    assert "subtotal (1: heinola.yhteiset_palvelut · toimintatuotot · 2025 actual)" in closing
    # make last-run names them too: the run's record carries the same message.
    ((path,),) = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()
    record = json.loads(Path(path).with_name("warehouse.last-run.json").read_text(encoding="utf-8"))
    assert "failing checks: " in record["message"]
    assert "subtotal (1: heinola.yhteiset_palvelut" in record["message"]


def make_tampered(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """Both reports with one tamper per check 1-4, 6 and 7, each in a different unit or table:
    the failed build and what it printed."""
    reports = workdir / "reports"
    reports.mkdir()
    yp = committed_report(YP)
    # 1. Subtotal: Myyntituotot's actual +1 000 €, its variance and % adjusted; Toimintatuotot
    #    left as printed (its terms already sum to 1 € over it: rounding).
    yp = replace_once(
        yp,
        "Myyntituotot\t626 584\t600 000\t779 723\t- 179 723\t129,95",
        "Myyntituotot\t626 584\t600 000\t780 723\t- 180 723\t130,12",
    )
    # 2. Unit to parent: Vaalit's costs -1 000 € and its operating margin with them, so Vaalit
    #    adds up in itself but Yhteiset palvelut's units no longer sum to it.
    yp = replace_once(
        yp,
        "Toimintakulut\t- 147 748\t-88 400\t-79 084\t-9 316\t89,46",
        "Toimintakulut\t- 147 748\t-88 400\t-80 084\t-8 316\t90,59",
    )
    yp = replace_once(
        yp,
        "<b>-38 905</b>\t<b>-88 400</b>\t<b>-57 385</b>\t<b>-31 015</b>\t<b>64,92</b>",
        "<b>-38 905</b>\t<b>-88 400</b>\t<b>-58 385</b>\t<b>-30 015</b>\t<b>66,05</b>",
    )
    # 3a. Printed variance: Talouspalvelut's cost variance off by 1 000 €.
    yp = replace_once(
        yp,
        "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 115 416\t88,77",
        "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 116 416\t88,77",
    )
    # 3b. Printed percentage: Henkilöstöpalvelut's operating margin 104,14 % printed as 105,14 %.
    yp = replace_once(
        yp,
        "<b>52 470</b>\t<b>104,14</b>",
        "<b>52 470</b>\t<b>105,14</b>",
    )
    # 6. Project total: one project's funding +1 000 €, the Yhteensä row left as printed.
    yp = replace_once(yp, "\t48 000\t50 %\t13 %\t", "\t49 000\t50 %\t13 %\t")
    (reports / YP).write_text(yp, encoding="utf-8")
    # 4. Repeated printing: Hyvinvointipalvelut's detailed table prints its costs 1 000 € above
    #    the short table (variance adjusted; the percentage rounds the same).
    hy = replace_once(
        committed_report(HY),
        "<b>Toimintakulut</b>\t<b>-36 537 179</b>\t<b>-40 347 700</b>\t<b>-39 424 611</b>\t<b>- 923 089</b>",
        "<b>Toimintakulut</b>\t<b>-36 537 179</b>\t<b>-40 347 700</b>\t<b>-39 425 611</b>\t<b>- 922 089</b>",
    )
    # 7. Key-figure reprint: the board's reprint of the key figures (line 238) prints
    #    Perusopetus €/asukas 2023 as 793 €, the first printing (line 136) 792 €.
    hy = replace_once(
        hy,
        "Perusopetus \u20ac/asukas\t792 \u20ac\t811 \u20ac\t845 \u20ac\t815 euroa",
        "Perusopetus \u20ac/asukas\t793 \u20ac\t811 \u20ac\t845 \u20ac\t815 euroa",
    )
    (reports / HY).write_text(hy, encoding="utf-8")

    database, result = build(reports, workdir, expect_ok=False, base=environ)
    return database, result.stdout + result.stderr


@pytest.fixture(scope="module")
def tampered(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    built: tuple[Path, str] = prebuilds.take(make_tampered)
    database, output = built
    return duckdb.connect(str(database), read_only=True), output


@pytest.mark.parametrize(
    ("check_name", "culprits", "message"),
    [
        (
            "subtotal",
            {("heinola.yhteiset_palvelut", "toimintatuotot", 2025, "actual")},
            "subtotal FAIL: heinola.yhteiset_palvelut · toimintatuotot · 2025 actual: printed 1372028.00 €, "
            "computed 1373029.00 € (myyntituotot + maksutuotot + tuet_ja_avustukset + muut_toimintatuotot), "
            "difference 1001.00 €, tolerance 2.50 €",
        ),
        (
            "unit_rollup",
            {
                ("heinola.yhteiset_palvelut", "toimintakulut", 2025, "actual"),
                ("heinola.yhteiset_palvelut", "toimintakate", 2025, "actual"),
            },
            "unit_rollup FAIL: heinola.yhteiset_palvelut · toimintakulut · 2025 actual: printed -8856536.00 €, "
            "computed -8857537.00 €",
        ),
        (
            "printed_variance",
            {("heinola.talouspalvelut", "toimintakulut", 2025, None)},
            "printed_variance FAIL: heinola.talouspalvelut · toimintakulut · 2025: printed -116416.00 €, "
            "computed -115416.00 € (budget - actual (the table fits no convention; the closest one)), "
            "difference 1000.00 €, tolerance 1.50 €",
        ),
        (
            "printed_execution_pct",
            {("heinola.henkilostopalvelut", "toimintakate", 2025, None)},
            "printed_execution_pct FAIL: heinola.henkilostopalvelut · toimintakate · 2025: printed 105.1400 %",
        ),
        (
            "project_total",
            {("heinola.yhteiset_palvelut", None, 2025, "budget")},
            "project_total FAIL: heinola.yhteiset_palvelut · project_total · 2025 budget: printed 818629.00 €, "
            "computed 819629.00 € (5 projects), difference 1000.00 €, tolerance 3.00 €",
        ),
        (
            "repeated_printing",
            {("heinola.hyvinvointipalvelut", "toimintakulut", 2025, "actual")},
            "repeated_printing FAIL: heinola.hyvinvointipalvelut · toimintakulut · 2025 actual: "
            "printed -39424611.00 €, computed -39425611.00 € (the same figure printed at line 12)",
        ),
        (
            "key_figure_reprint",
            {("heinola.hyvinvoinnin_edistamisen_lautakunta", None, 2023, "actual")},
            "key_figure_reprint FAIL: heinola.hyvinvoinnin_edistamisen_lautakunta · key_figure_reprint · "
            "2023 actual: printed 792, computed 793 (Perusopetus: the value printed at line 136 (792 €)), "
            "difference 1, tolerance 0 at heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt:238",
        ),
    ],
)
def test_a_tampered_figure_fails_its_check_and_names_the_culprit(
    tampered: tuple[duckdb.DuckDBPyConnection, str], check_name: str, culprits: set[Culprit], message: str
) -> None:
    con, stdout = tampered
    assert failures(con, check_name) == culprits
    assert "ERROR test reconciles (" in stdout or "FAIL test reconciles (" in stdout
    assert message in stdout


def test_the_tampered_build_fails_nothing_else(
    tampered: tuple[duckdb.DuckDBPyConnection, str], warehouse: duckdb.DuckDBPyConnection
) -> None:
    con, output = tampered
    failing = con.execute(
        "select check_name, count(*) from analytics.rpt_reconciliation where status = 'fail' group by all order by all"
    ).fetchall()
    assert failing == [
        ("key_figure_reprint", 1),
        ("printed_execution_pct", 1),
        ("printed_variance", 1),
        ("project_total", 1),
        ("repeated_printing", 1),
        ("subtotal", 1),
        ("unit_rollup", 2),
    ]
    assert "build failed (dbt exit 1)" in output
    # The warnings and incomplete checks are the committed reports' own, unchanged.
    baseline = "select check_name, status, count(*) from analytics.rpt_reconciliation"
    baseline += " where status in ('warn', 'incomplete')"
    baseline += " group by all order by all"
    assert con.execute(baseline).fetchall() == warehouse.execute(baseline).fetchall()


def make_restated(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """Yhteiset palvelut's 2025 report, a second 2025 file disagreeing on one investment, a
    2026 report whose prior-year column restates 2025, and a 2024 report printing it all first."""
    reports = workdir / "reports"
    reports.mkdir()
    yp = committed_report(YP)
    (reports / YP).write_text(yp, encoding="utf-8")
    # The same section saved again with its 2024 investment changed by 1 000 € (Menot and Netto
    # alike, so the table still adds up; the variance and % concern 2025 only).
    corrected = yp
    for label in ("Menot", "Netto"):
        corrected = replace_once(
            corrected,
            f"{label}\t-369 498\t-195 000\t-38 279\t-156 721\t19,6",
            f"{label}\t-370 498\t-195 000\t-38 279\t-156 721\t19,6",
        )
    (reports / "heinola_tp2025_yhteiset_palvelut_korjattu.txt").write_text(corrected, encoding="utf-8")
    # Next year's report, its prior-year column printing (by this construction) other figures.
    (reports / "heinola_tp2026_yhteiset_palvelut.txt").write_text(shift_years(yp, 1), encoding="utf-8")
    # An earlier report printing the same figures first must not turn the 2025 disagreement
    # into a mere restatement.
    (reports / "heinola_tp2024_yhteiset_palvelut.txt").write_text(shift_years(yp, -1), encoding="utf-8")

    database, result = build(reports, workdir, expect_ok=False, base=environ)
    return database, result.stdout + result.stderr


@pytest.fixture(scope="module")
def restated(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    built: tuple[Path, str] = prebuilds.take(make_restated)
    database, output = built
    return duckdb.connect(str(database), read_only=True), output


PREBUILDS: dict[str, Make] = {"tampered": make_tampered, "restated": make_restated}


def test_two_reports_of_one_year_that_disagree_fail(restated: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, stdout = restated
    assert failures(con, "restatement") == {
        ("heinola.yhteiset_palvelut", "menot", 2024, "actual"),
        ("heinola.yhteiset_palvelut", "netto", 2024, "actual"),
    }
    for check_name in reconciliation_check_names() - {"restatement"}:
        assert failures(con, check_name) == set(), check_name
    assert "restatement FAIL: heinola.yhteiset_palvelut · menot · 2024 actual · Irtain omaisuus" in stdout
    assert "difference -1000.00 €" in stdout or "difference 1000.00 €" in stdout
    # Every other figure the two 2025 files print alike.
    agreeing = con.execute(
        """
        select count(*) from analytics.rpt_reconciliation
        where check_name = 'restatement' and status = 'ok' and other_source_file != source_file
            and report_year = 2025
        """
    ).fetchone()
    assert agreeing is not None
    assert agreeing[0] > 0


def test_a_later_report_restating_a_figure_warns_with_both_sources(
    restated: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, stdout = restated
    rows = con.execute(
        """
        select source_file, other_source_file, reason, difference
        from audit.reconciliation_warnings
        where check_name = 'restatement' and unit_id = 'heinola.yhteiset_palvelut' and line_item_id = 'toimintakulut'
            and fiscal_year = 2025 and scenario = 'actual'
        """
    ).fetchall()
    assert len(rows) == 1
    source_file, other_source_file, reason, difference = rows[0]
    assert source_file == "heinola_tp2026_yhteiset_palvelut.txt"
    assert other_source_file in {YP, "heinola_tp2025_yhteiset_palvelut_korjattu.txt"}
    # The 2026 copy keeps the note under its table saying its prior-year figures are not comparable.
    assert reason.startswith(
        "differs from the 2025 report; the report says the prior-year figures are not comparable: "
        '"Vuoden 2025 vertailutiedot'
    )
    # The 2026 copy prints 2024's costs in its 2025 column: -8 379 008 (expected, printed at its
    # source line) against the 2025 report's -8 856 536 (computed): -477 528.
    assert difference == Decimal("-477528")
    assert "WARN test reconciliation_warnings (" in stdout


def test_a_reprinted_key_figure_that_names_another_sub_area_or_unit_warns(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    # The board's section reprints the service area's key figures (lines 132 and 234): the
    # values tie, but line 250 names the 2023 external funding's sub-area hyty where line 148
    # says hyte, and line 245 prints the 2025 target 100 € where line 143 prints 100 %.
    rows = warehouse.execute(
        """
        select source_line, other_source_line, fiscal_year, scenario, difference, reason
        from analytics.rpt_reconciliation
        where check_name = 'key_figure_reprint' and status != 'ok'
        order by source_line
        """
    ).fetchall()
    assert rows == [
        (
            245,
            143,
            2025,
            "target",
            Decimal("0"),
            "Peruskoulun suorittaneiden osuus: '100 €' here, '100 %' at line 143 (another unit)",
        ),
        (
            250,
            148,
            2023,
            "actual",
            Decimal("0"),
            "Ulkopuolinen rahoitus: 'hyty: 19 432' here, 'hyte: 19 432' at line 148 (another sub-area)",
        ),
    ]
    # Every other reprinted value ties: 19 lines, 75 values, 20,30 against 20,3 included.
    counts = warehouse.execute(
        "select status, count(*) from analytics.rpt_reconciliation where check_name = 'key_figure_reprint' "
        "group by all order by all"
    ).fetchall()
    assert counts == [("ok", 73), ("warn", 2)]
