"""A bilingual municipality prints a section in Finnish and again in Swedish: one board under
two names. Nothing in the reports says they are one, so each loads as a unit of its own; the
build names the pair (audit.warn_units_printing_the_same_figures) so that one can be made the
other's alias before the two are summed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build

pytestmark = pytest.mark.e2e

FINNISH = """PEDERSÖREN KUNTA

TILINPÄÄTÖS 2025

## {board}

{board} (1 000 €)\tTP 2024\tTA 2025\tToteuma 2025
Toimintatuotot\t{revenue}
Toimintakulut\t{costs}
Toimintakate\t{margin}
"""
SWEDISH = """PEDERSÖRE KOMMUN

BOKSLUT 2025

## {board}

{board} (1 000 €)\tBokslut 2024\tBudget 2025\tUtfall 2025
Verksamhetens intäkter\t{revenue}
Verksamhetens kostnader\t{costs}
Verksamhetsbidrag\t{margin}
"""


def make_two_languages(workdir: Path, environ: Mapping[str, str]) -> Path:
    """Two boards, each printed in Finnish and in Swedish, built."""
    reports = workdir / "reports"
    reports.mkdir()
    # Read by hand: 2024's actual, 2025's budget and actual of each line (thousands).
    education = {
        "revenue": "2 100,7\t2 038,0\t2 100,7",
        "costs": "-40 784,0\t-40 760,0\t-40 784,0",
        "margin": "-38 683,3\t-38 722,0\t-38 683,3",
    }
    technical = {
        "revenue": "5 210,0\t5 100,0\t5 320,4",
        "costs": "-12 404,2\t-12 600,0\t-12 512,8",
        "margin": "-7 194,2\t-7 500,0\t-7 192,4",
    }
    # The Swedish technical board's 2025 actual costs are 100 000 € more (its margin with
    # them): two boards, whatever their names.
    technical_sv = {
        **technical,
        "costs": "-12 404,2\t-12 600,0\t-12 612,8",
        "margin": "-7 194,2\t-7 500,0\t-7 292,4",
    }
    files = {
        "fi_sivistys.txt": FINNISH.format(board="Sivistyslautakunta", **education),
        "sv_bildning.txt": SWEDISH.format(board="Bildningsnämnden", **education),
        "fi_tekninen.txt": FINNISH.format(board="Tekninen lautakunta", **technical),
        "sv_teknisk.txt": SWEDISH.format(board="Tekniska nämnden", **technical_sv),
    }
    for name, text in files.items():
        (reports / name).write_text(text, encoding="utf-8")
    database, _ = build(reports, workdir / "out", base=environ)
    return database


PREBUILDS: dict[str, Make] = {"two_languages": make_two_languages}


@pytest.fixture(scope="module")
def two_languages(prebuilds: Prebuilds) -> Path:
    database: Path = prebuilds.take(make_two_languages)
    return database


def test_a_board_printed_in_finnish_and_in_swedish_is_named_as_one_unit_under_two_names(two_languages: Path) -> None:
    with duckdb.connect(str(two_languages), read_only=True) as con:
        rows = con.execute(
            "select fiscal_year, unit_id, same_figures_as, figure_count "
            "from audit.warn_units_printing_the_same_figures order by all"
        ).fetchall()
    # The education board's two names print the same figures in both years (three lines: 2024's
    # actual; 2025's budget and actual); the technical board's only in 2024.
    assert rows == [
        (2024, "pedersoren_kunta.bildningsnamnden", "pedersoren_kunta.sivistyslautakunta", 3),
        (2024, "pedersoren_kunta.tekninen_lautakunta", "pedersoren_kunta.tekniska_namnden", 3),
        (2025, "pedersoren_kunta.bildningsnamnden", "pedersoren_kunta.sivistyslautakunta", 6),
    ]
