"""A unit that exists in one year's organisation only, end to end: two years of Jeela's
reports, its units curated (their rollups checked strictly).

Read by hand from the reports below (euros):

- Konsernipalvelut (a section of both years) has Hallintopalvelut and Talouspalvelut in both
  years; Tietohallinto (2024) is renamed Digipalvelut (2025), whose prior-year column is
  Tietohallinto's 2024; Elinvoimapalvelut is new in 2025 (its prior-year column 0). In both
  reports Konsernipalvelut's 2024 Toimintakulut is printed -3 050 000 and its Toimintakate
  -2 720 000, while its children of that year add up to -3 040 000 (-1 040 000 - 1 500 000 -
  500 000) and -2 710 000 (-920 000 - 1 300 000 - 490 000): a contradiction in both report years.
  Every other figure of it is its children's sum.
- Sivistyspalvelut (a section of both years) prints Perusopetus in its own section and
  Lukiokoulutus in a section of its own, loaded for 2025 only: in the 2024 report Lukiokoulutus
  prints nothing because its section is not loaded, and Sivistyspalvelut (Perusopetus plus
  Lukiokoulutus: 77 000, -6 320 000, -6 243 000 for 2024) is left incomplete. In the 2025 report
  it is their sum in every column.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, write_reports

pytestmark = pytest.mark.e2e


def _report(year: int, tables: str) -> str:
    """A report of ``year`` printing ``tables``: per unit its heading (``##`` or ``###``) and
    its Toimintatuotot, Toimintakulut and Toimintakate, each prior year, budget and actual."""
    blocks = []
    for block in tables.strip().split("\n\n"):
        heading, *rows = block.splitlines()
        unit = heading.lstrip("# ")
        lines = [f"{unit}, €\tTP {year - 1}\tTA {year}\tTP {year}"]
        lines += [f"{label}\t{row.strip()}" for label, row in zip(LABELS, rows, strict=True)]
        blocks.append(f"{heading}\n\n" + "\n".join(lines) + "\n")
    return f"JEELAN KAUPUNKI\nTilinpäätös {year}\n\n" + "\n".join(blocks)


LABELS = ("Toimintatuotot", "Toimintakulut", "Toimintakate")

REPORTS = {
    "jeela_tp2024_konsernipalvelut.txt": _report(
        2024,
        """
## Konsernipalvelut
    310 000\t320 000\t330 000
    -2 890 000\t-3 100 000\t-3 050 000
    -2 580 000\t-2 780 000\t-2 720 000

### Hallintopalvelut
    100 000\t110 000\t120 000
    -1 000 000\t-1 100 000\t-1 040 000
    -900 000\t-990 000\t-920 000

### Talouspalvelut
    200 000\t200 000\t200 000
    -1 400 000\t-1 500 000\t-1 500 000
    -1 200 000\t-1 300 000\t-1 300 000

### Tietohallinto
    10 000\t10 000\t10 000
    -490 000\t-500 000\t-500 000
    -480 000\t-490 000\t-490 000
""",
    ),
    "jeela_tp2025_konsernipalvelut.txt": _report(
        2025,
        """
## Konsernipalvelut
    330 000\t350 000\t348 000
    -3 050 000\t-3 430 000\t-3 395 000
    -2 720 000\t-3 080 000\t-3 047 000

### Hallintopalvelut
    120 000\t120 000\t125 000
    -1 040 000\t-1 060 000\t-1 050 000
    -920 000\t-940 000\t-925 000

### Talouspalvelut
    200 000\t210 000\t205 000
    -1 500 000\t-1 550 000\t-1 540 000
    -1 300 000\t-1 340 000\t-1 335 000

### Digipalvelut
    10 000\t15 000\t12 000
    -500 000\t-520 000\t-515 000
    -490 000\t-505 000\t-503 000

### Elinvoimapalvelut
    0\t5 000\t6 000
    0\t-300 000\t-290 000
    0\t-295 000\t-284 000
""",
    ),
    "jeela_tp2024_sivistyspalvelut.txt": _report(
        2024,
        """
## Sivistyspalvelut
    70 000\t70 000\t77 000
    -6 200 000\t-6 350 000\t-6 320 000
    -6 130 000\t-6 280 000\t-6 243 000

### Perusopetus
    50 000\t50 000\t55 000
    -5 000 000\t-5 100 000\t-5 080 000
    -4 950 000\t-5 050 000\t-5 025 000
""",
    ),
    "jeela_tp2025_sivistyspalvelut.txt": _report(
        2025,
        """
## Sivistyspalvelut
    77 000\t85 000\t82 000
    -6 320 000\t-6 500 000\t-6 430 000
    -6 243 000\t-6 415 000\t-6 348 000

### Perusopetus
    55 000\t60 000\t58 000
    -5 080 000\t-5 200 000\t-5 150 000
    -5 025 000\t-5 140 000\t-5 092 000
""",
    ),
    "jeela_tp2025_lukiokoulutus.txt": _report(
        2025,
        """
## Lukiokoulutus
    22 000\t25 000\t24 000
    -1 240 000\t-1 300 000\t-1 280 000
    -1 218 000\t-1 275 000\t-1 256 000
""",
    ),
}

UNITS = [
    ("jeela", "Jeelan kaupunki", "city", ""),
    ("jeela.konsernipalvelut", "Konsernipalvelut", "service_area", "jeela"),
    ("jeela.hallintopalvelut", "Hallintopalvelut", "responsibility_area", "jeela.konsernipalvelut"),
    ("jeela.talouspalvelut", "Talouspalvelut", "responsibility_area", "jeela.konsernipalvelut"),
    ("jeela.tietohallinto", "Tietohallinto", "responsibility_area", "jeela.konsernipalvelut"),
    ("jeela.digipalvelut", "Digipalvelut", "responsibility_area", "jeela.konsernipalvelut"),
    ("jeela.elinvoimapalvelut", "Elinvoimapalvelut", "responsibility_area", "jeela.konsernipalvelut"),
    ("jeela.sivistyspalvelut", "Sivistyspalvelut", "service_area", "jeela"),
    ("jeela.perusopetus", "Perusopetus", "responsibility_area", "jeela.sivistyspalvelut"),
    ("jeela.lukiokoulutus", "Lukiokoulutus", "responsibility_area", "jeela.sivistyspalvelut"),
]


def write_curated(folder: Path) -> Path:
    """Jeela's units as a curated reference folder (every unit of both years)."""
    folder.mkdir(parents=True)
    rows = "".join(f"{unit},Jeela,{name},,{level},{parent}\n" for unit, name, level, parent in UNITS)
    header = "unit_id,municipality,unit_name,unit_name_en,unit_level,parent_unit_id\n"
    (folder / "ref_units.csv").write_text(header + rows, encoding="utf-8")
    (folder / "ref_unit_aliases.csv").write_text("unit_id,alias\n", encoding="utf-8")
    return folder


def make_two_years(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """Both years built with the curated units: the failed build's candidate and its output."""
    reports = write_reports(workdir / "reports", REPORTS, "Jeela")
    curated = write_curated(workdir / "curated")
    database, result = build(
        reports, workdir, expect_ok=False, env={"KUNTATALOUS_EXTRA_REFERENCE": str(curated)}, base=environ
    )
    return database, result.stdout + result.stderr


PREBUILDS: dict[str, Make] = {"two_years": make_two_years}


@pytest.fixture(scope="module")
def two_years(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    built: tuple[Path, str] = prebuilds.take(make_two_years)
    database, output = built
    return duckdb.connect(str(database), read_only=True), output


def rollups(con: duckdb.DuckDBPyConnection, unit: str, report_year: int) -> list[tuple[str, int, str, str, str | None]]:
    return con.execute(
        """
        select line_item_id, fiscal_year, scenario, status, reason from analytics.rpt_reconciliation
        where check_name = 'unit_rollup' and unit_id = ? and report_year = ?
        order by fiscal_year, scenario, line_item_id
        """,
        [unit, report_year],
    ).fetchall()


FAILS = "the difference exceeds what rounding the printed figures can explain"


def test_only_the_contradiction_fails_and_only_the_unloaded_section_leaves_a_check_incomplete(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, output = two_years
    judged = con.execute(
        "select check_name, status, count(*) from analytics.rpt_reconciliation where status != 'ok' group by all"
    ).fetchall()
    # Konsernipalvelut's 2024 Toimintakulut and Toimintakate, in either report; Sivistyspalvelut's
    # nine figures in the 2024 report.
    assert sorted(judged) == [("unit_rollup", "fail", 4), ("unit_rollup", "incomplete", 9)]
    assert "failing checks: unit_rollup (4: " in output


def test_a_year_before_a_unit_was_added_or_renamed_is_checked_against_that_years_units(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = two_years
    # The 2024 report's Konsernipalvelut is loaded and prints Hallintopalvelut, Talouspalvelut
    # and Tietohallinto: Digipalvelut and Elinvoimapalvelut were no units in 2024.
    assert rollups(con, "jeela.konsernipalvelut", 2024) == [
        ("toimintakate", 2023, "actual", "ok", None),
        ("toimintakulut", 2023, "actual", "ok", None),
        ("toimintatuotot", 2023, "actual", "ok", None),
        ("toimintakate", 2024, "actual", "fail", FAILS),
        ("toimintakulut", 2024, "actual", "fail", FAILS),
        ("toimintatuotot", 2024, "actual", "ok", None),
        ("toimintakate", 2024, "budget", "ok", None),
        ("toimintakulut", 2024, "budget", "ok", None),
        ("toimintatuotot", 2024, "budget", "ok", None),
    ]
    failing = con.execute(
        """
        select report_year, line_item_id, expected_value, computed_value, computed_from
        from analytics.rpt_reconciliation where check_name = 'unit_rollup' and status = 'fail'
        order by report_year, line_item_id
        """
    ).fetchall()
    terms_2024 = "jeela.hallintopalvelut + jeela.talouspalvelut + jeela.tietohallinto"
    # The 2025 report reprints the 2024 figures: the same contradiction, over Hallintopalvelut,
    # Talouspalvelut, Digipalvelut (Tietohallinto's 2024) and Elinvoimapalvelut (0).
    terms_2025 = "jeela.digipalvelut + jeela.elinvoimapalvelut + jeela.hallintopalvelut + jeela.talouspalvelut"
    assert failing == [
        (2024, "toimintakate", -2720000, -2710000, terms_2024),
        (2024, "toimintakulut", -3050000, -3040000, terms_2024),
        (2025, "toimintakate", -2720000, -2710000, terms_2025),
        (2025, "toimintakulut", -3050000, -3040000, terms_2025),
    ]


def test_a_year_after_a_rename_is_checked_against_the_new_name(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = two_years
    # The 2025 report's Konsernipalvelut is loaded and prints no Tietohallinto: renamed.
    assert rollups(con, "jeela.konsernipalvelut", 2025) == [
        ("toimintakate", 2024, "actual", "fail", FAILS),
        ("toimintakulut", 2024, "actual", "fail", FAILS),
        ("toimintatuotot", 2024, "actual", "ok", None),
        ("toimintakate", 2025, "actual", "ok", None),
        ("toimintakulut", 2025, "actual", "ok", None),
        ("toimintatuotot", 2025, "actual", "ok", None),
        ("toimintakate", 2025, "budget", "ok", None),
        ("toimintakulut", 2025, "budget", "ok", None),
        ("toimintatuotot", 2025, "budget", "ok", None),
    ]


def test_a_unit_whose_section_of_the_year_is_not_loaded_leaves_its_parent_incomplete(
    two_years: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = two_years
    reason = "no section of the 2024 report loaded for: Lukiokoulutus"
    assert rollups(con, "jeela.sivistyspalvelut", 2024) == [
        (item, year, scenario, "incomplete", reason)
        for year, scenario in ((2023, "actual"), (2024, "actual"), (2024, "budget"))
        for item in ("toimintakate", "toimintakulut", "toimintatuotot")
    ]
    assert rollups(con, "jeela.sivistyspalvelut", 2025) == [
        (item, year, scenario, "ok", None)
        for year, scenario in ((2024, "actual"), (2025, "actual"), (2025, "budget"))
        for item in ("toimintakate", "toimintakulut", "toimintatuotot")
    ]
