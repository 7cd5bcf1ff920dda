"""Tables left out by design end to end: a municipality whose report prints the group's income
statement, a summary of Toimintakate by board and its balance sheet builds without anyone
accepting a reject (a strict build, as ``make build`` runs it), and says what it left out; a
summary's row whose board prints no table of its own fails the build, naming the row.

The reports (read by hand): Veela's city section prints the summary at lines 7-10 (the boards
at 8 and 9, numbered `2.1` and not, and their total at 10), the group's statement at 14 and
the balance sheet at 22; the boards' own sections print each board's Toimintakate as the
summary does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from kuntatalous.output.rejects import BY_DESIGN

from .layouts import make_layouts
from .prebuilds import Make, Prebuilds
from .warehouse_builds import REPO, build, write_reports

pytestmark = pytest.mark.e2e

TITLE = "VEELAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n"
CITY = "veela_tp2025_kaupunki.txt"
REPORTS = {
    CITY: TITLE + "## Käyttötalouden toteutuminen lautakunnittain\n\n"
    "Toimintakate lautakunnittain\tTA 2025\tToteuma 2025\n"
    "2.1 Sivistyslautakunta\t-93 550\t-93 702\nTekninen lautakunta\t-21 335\t-22 564\n"
    "<b>Yhteensä</b>\t<b>-114 885</b>\t<b>-116 266</b>\n\n"
    "## Konsernituloslaskelma\n\nKonserni\tTA 2025\tTP 2025\nToimintakate\t-120 000\t-121 000\n"
    "Verotulot\t90 000\t91 000\nValtionosuudet\t40 000\t41 000\n<b>Vuosikate</b>\t<b>10 000</b>\t<b>11 000</b>\n\n"
    "## Tase\n\nVastaavaa (1 000 €)\t31.12.2025\t31.12.2024\nPysyvät vastaavat\t120 000\t118 000\n"
    "<b>Vastaavaa yhteensä</b>\t<b>150 000</b>\t<b>146 000</b>\n",
    "veela_tp2025_sivistyslautakunta.txt": TITLE + "## Sivistyslautakunta\n\n"
    "Sivistyslautakunta\tTA 2025\tToteuma 2025\nToimintatuotot\t6 450\t6 298\nToimintakulut\t-100 000\t-100 000\n"
    "<b>Toimintakate</b>\t<b>-93 550</b>\t<b>-93 702</b>\n",
    "veela_tp2025_tekninen_lautakunta.txt": TITLE + "## Tekninen lautakunta\n\n"
    "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintatuotot\t8 665\t7 436\nToimintakulut\t-30 000\t-30 000\n"
    "<b>Toimintakate</b>\t<b>-21 335</b>\t<b>-22 564</b>\n",
}
Built = tuple[Path, str]


def layout() -> tuple[str, dict[str, str]]:
    """The municipality and its three reports, built with other modules' (layouts.py)."""
    return "Veela", dict(REPORTS)


def make_without_a_board(workdir: Path, environ: Mapping[str, str]) -> Built:
    """The reports but Tekninen lautakunta's, which the summary names: the failed build."""
    texts = {name: text for name, text in REPORTS.items() if "tekninen" not in name}
    database, result = build(write_reports(workdir / "reports", texts, "Veela"), workdir, expect_ok=False, base=environ)
    return database, result.stdout + result.stderr


PREBUILDS: dict[str, Make] = {"whole": make_layouts, "without_a_board": make_without_a_board}


@pytest.fixture(scope="module")
def whole(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_layouts)
    return built


@pytest.fixture(scope="module")
def without_a_board(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_without_a_board)
    return built


def test_a_report_printing_tables_left_out_by_design_builds_and_says_so(whole: Built) -> None:
    _, output = whole
    assert f"not read by design (summary_by_unit): {CITY}:8: a summary by unit ('Toimintakate lautakunnittain')" in (
        output
    )
    assert f"not read by design (group_statement): {CITY}:14: the municipal group's statement" in output
    assert f"not read by design (balance_sheet): {CITY}:22: the balance sheet ('Vastaavaa (1 000 €)')" in output
    assert "WARN test warn_rejects_by_design (3)" in output
    assert f"left out by design at {CITY}:22 (balance_sheet, 1 reject(s))" in output
    assert f"left out by design at {CITY}:7 (summary_by_unit, 3 reject(s))" in output
    assert f"left out by design at {CITY}:14 (group_statement, 1 reject(s))" in output
    assert "FAIL" not in output


def test_a_summary_row_whose_board_prints_no_table_fails_naming_it(without_a_board: Built) -> None:
    _, output = without_a_board
    assert "FAIL test summary_rows_name_read_units (1)" in output
    assert (
        f"summary by unit row at {CITY}:9 names 'Tekninen lautakunta', which prints no table of its own in the "
        "2025 reports: its figures are read nowhere"
    ) in output
    assert "no_unaccepted_rejects" not in output


def test_the_reasons_left_out_by_design_are_the_warehouses() -> None:
    models = yaml.safe_load((REPO / "models" / "staging" / "reports" / "_reports__models.yml").read_text("utf-8"))
    rejects = next(model for model in models["models"] if model["name"] == "stg_reports__rejects")
    column = next(column for column in rejects["columns"] if column["name"] == "by_design")
    (test,) = column["data_tests"]
    assert tuple(test["accepted_values"]["arguments"]["values"]) == BY_DESIGN
