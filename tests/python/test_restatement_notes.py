"""A later year's report that prints its prior-year figures otherwise than the year's own
report, end to end: once under a note saying they were restated, once without a word.

Read by hand. The 2024 report prints each unit's 2024 actuals; the 2025 report prints them again
as its prior-year column (TP 2024):

- Hallintopalvelut: Toimintakulut -716 000 in 2024 (line 8), -756 000 in 2025 (line 8), and so
  Toimintakate -652 000 against -692 000 (line 9), under the note at line 11 of the 2025 report,
  `Vuoden 2024 vertailutiedot on oikaistu vastaamaan uutta organisaatiota.`;
- Talouspalvelut: Toimintakulut -405 000 against -410 000 (line 17), Toimintakate -374 000
  against -379 000 (line 18), and no note.

Both units' Toimintatuotot are printed alike. Every table adds up (Toimintatuotot + Toimintakulut
= Toimintakate in each column).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from .layouts import connect, make_layouts
from .prebuilds import Make, Prebuilds

pytestmark = pytest.mark.e2e

EARLIER = "loimaa_tp2024_keskushallinto.txt"
LATER = "loimaa_tp2025_keskushallinto.txt"
NOTE = "Vuoden 2024 vertailutiedot on oikaistu vastaamaan uutta organisaatiota."


def _table(unit: str, years: tuple[int, int, int], rows: tuple[str, str, str]) -> str:
    prior, budget, actual = years
    revenue, costs, margin = rows
    return (
        f"## {unit}\n\n{unit}, €\tTP {prior}\tTA {budget}\tTP {actual}\n"
        f"Toimintatuotot\t{revenue}\nToimintakulut\t{costs}\n<b>Toimintakate</b>\t{margin}\n"
    )


REPORT_2024 = (
    "LOIMAAN KAUPUNKI\nTilinpäätös 2024\n\n"
    + _table(
        "Hallintopalvelut",
        (2023, 2024, 2024),
        ("50 000\t60 000\t64 000", "-700 000\t-720 000\t-716 000", "<b>-650 000</b>\t<b>-660 000</b>\t<b>-652 000</b>"),
    )
    + "\n"
    + _table(
        "Talouspalvelut",
        (2023, 2024, 2024),
        ("30 000\t30 000\t31 000", "-400 000\t-410 000\t-405 000", "<b>-370 000</b>\t<b>-380 000</b>\t<b>-374 000</b>"),
    )
)

REPORT_2025 = (
    "LOIMAAN KAUPUNKI\nTilinpäätös 2025\n\n"
    + _table(
        "Hallintopalvelut",
        (2024, 2025, 2025),
        ("64 000\t70 000\t72 000", "-756 000\t-780 000\t-770 000", "<b>-692 000</b>\t<b>-710 000</b>\t<b>-698 000</b>"),
    )
    + f"\n{NOTE}\n\n"
    + _table(
        "Talouspalvelut",
        (2024, 2025, 2025),
        ("31 000\t32 000\t33 000", "-410 000\t-420 000\t-415 000", "<b>-379 000</b>\t<b>-388 000</b>\t<b>-382 000</b>"),
    )
)


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its reports, built with other modules' (layouts.py)."""
    return "Loimaa", {EARLIER: REPORT_2024, LATER: REPORT_2025}


PREBUILDS: dict[str, Make] = {"restated_notes": make_layouts}


@pytest.fixture(scope="module")
def restated_notes(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    con, _ = connect(prebuilds)
    return con


def test_the_fixture_is_as_read_by_hand() -> None:
    lines = REPORT_2025.splitlines()
    assert lines[7].startswith("Toimintakulut\t-756 000")
    assert lines[8].startswith("<b>Toimintakate</b>\t<b>-692 000")
    assert lines[10] == NOTE
    assert lines[16].startswith("Toimintakulut\t-410 000")
    assert lines[17].startswith("<b>Toimintakate</b>\t<b>-379 000")
    earlier = REPORT_2024.splitlines()
    assert earlier[7].startswith("Toimintakulut\t-700 000\t-720 000\t-716 000")
    assert earlier[14].startswith("Toimintakulut\t-400 000\t-410 000\t-405 000")


def test_a_restatement_cites_the_later_reports_note_and_an_unexplained_change_says_there_is_none(
    restated_notes: duckdb.DuckDBPyConnection,
) -> None:
    rows = restated_notes.execute(
        """
        select unit_id, line_item_id, source_file, source_line, expected_value, computed_value, status, reason,
            other_source_file, other_source_line
        from rpt_reconciliation
        where municipality = 'Loimaa' and check_name = 'restatement' and status != 'ok'
        order by unit_id, source_line
        """
    ).fetchall()
    restated = "differs from the 2024 report; the 2025 report says its prior-year figures were restated: "
    restated += f'"{NOTE}" ({LATER}:11)'
    unexplained = "differs from the 2024 report; the 2025 report states no restatement"
    hallinto, talous = "loimaa.hallintopalvelut", "loimaa.talouspalvelut"
    assert rows == [
        (hallinto, "toimintakulut", LATER, 8, Decimal(-756000), Decimal(-716000), "warn", restated, EARLIER, 8),
        (hallinto, "toimintakate", LATER, 9, Decimal(-692000), Decimal(-652000), "warn", restated, EARLIER, 9),
        (talous, "toimintakulut", LATER, 17, Decimal(-410000), Decimal(-405000), "warn", unexplained, EARLIER, 15),
        (talous, "toimintakate", LATER, 18, Decimal(-379000), Decimal(-374000), "warn", unexplained, EARLIER, 16),
    ]
    # The Toimintatuotot both reports print alike.
    same = restated_notes.execute(
        "select unit_id, status from rpt_reconciliation"
        " where municipality = 'Loimaa' and check_name = 'restatement' and line_item_id = 'toimintatuotot'"
        " order by unit_id"
    ).fetchall()
    assert same == [(hallinto, "ok"), (talous, "ok")]


def test_the_later_reports_rows_say_which_prior_year_figures_it_restated(
    restated_notes: duckdb.DuckDBPyConnection,
) -> None:
    rows = restated_notes.execute(
        """
        select unit_id, line_item_id, prior_year_actual_eur, is_prior_year_comparable, is_prior_year_restated
        from rpt_budget_vs_actual
        where municipality = 'Loimaa' and fiscal_year = 2025 and line_item_id = 'toimintakulut'
        order by unit_id
        """
    ).fetchall()
    assert rows == [
        ("loimaa.hallintopalvelut", "toimintakulut", Decimal("-756000"), True, True),
        ("loimaa.talouspalvelut", "toimintakulut", Decimal("-410000"), True, False),
    ]
