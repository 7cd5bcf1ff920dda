"""Budget-table headers through the extractor: every printed column under its own year or kept
with its header, the unit of the heading where the header cell names none, the statement year of
the title, and a header it cannot read refused at its line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import Extraction, extract_paths

ROWS = {
    "Toimintatuotot": ["18 000", "19 880", "20 400", "20 854"],
    "Toimintakulut": ["-39 000", "-40 332", "-41 735", "-43 418"],
    "<b>Toimintakate</b>": ["<b>-21 000</b>", "<b>-20 452</b>", "<b>-21 335</b>", "<b>-22 564</b>"],
}
"""Figures of four columns; a header of fewer takes the last ones."""


def _extract(
    tmp_path: Path,
    header: str,
    *,
    title: str = "TILINPÄÄTÖS 2025",
    rows: dict[str, list[str]] = ROWS,
    keep_going: bool = False,
) -> Extraction:
    """A report of one budget table under ``## Rakennus- ja ympäristölautakunta``, in thousands;
    its header on line 8."""
    width = header.count(" | ")
    lines = [f"{label}\t" + "\t".join(figures[len(figures) - width :]) for label, figures in rows.items()]
    report = tmp_path / "r.txt"
    report.write_text(
        f"KANGASALAN KAUPUNKI\n{title}\n\n## Rakennus- ja ympäristölautakunta\n\nLuvut tuhansina euroina\n\n"
        + "\n".join([header.replace(" | ", "\t"), *lines])
        + "\n",
        encoding="utf-8",
    )
    return extract_paths([report], keep_going=keep_going)


def test_actuals_of_two_prior_years_load_each_under_its_own_year(tmp_path: Path) -> None:
    """TP 2024 is the prior year's actual; TP 2023, which the warehouse has no column for, is
    kept with its header (it was stored as 2023's actual with TP 2024's figures)."""
    extraction = _extract(tmp_path, "Rakennus- ja ympäristölautakunta | TP 2023 | TP 2024 | TA 2025 | TP 2025")
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintakate")
    assert (row["prior_year"], row["prior_actual_eur"]) == (2024, Decimal("-20452000"))
    assert (row["budget_year"], row["budget_eur"]) == (2025, Decimal("-21335000"))
    assert (row["actual_year"], row["actual_eur"]) == (2025, Decimal("-22564000"))
    assert row["other_columns"] == "TP 2023: -21 000"
    assert extraction.rejects == []


@pytest.mark.parametrize(
    "cell",
    ["Talous (1 000 €)", "Talouden toteutuminen", "Toteutumisvertailu", "Tulosalue", "Sitovuustaso: toimintakate"],
)
def test_a_header_cell_naming_no_unit_gives_way_to_the_heading(tmp_path: Path, cell: str) -> None:
    extraction = _extract(tmp_path, f"{cell} | TP 2024 | TA 2025 | TP 2025")
    assert {row["unit_label"] for row in extraction.budget_rows} == {"Rakennus- ja ympäristölautakunta"}
    assert {row["amount_scale"] for row in extraction.budget_rows} == {1000}


@pytest.mark.parametrize(
    ("title", "header"),
    [
        ("TILINPÄÄTÖS 31.12.2025", "Ed.TP | TA | Toteuma"),
        ("TOIMINTAKERTOMUS JA TILINPÄÄTÖS 2025", "Ed.TP | TA | Toteuma"),
        ("TILINPÄÄTÖS 2025", "TA | TA-muutokset | TA muutosten jälkeen | TP"),
    ],
)
def test_a_header_without_years_takes_the_title_s_year(tmp_path: Path, title: str, header: str) -> None:
    extraction = _extract(tmp_path, f"Rakennus- ja ympäristölautakunta | {header}", title=title)
    assert [document["fiscal_year"] for document in extraction.documents] == [2025]
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintakate")
    assert (row["budget_year"], row["actual_year"], row["actual_eur"]) == (2025, 2025, Decimal("-22564000"))


def test_a_yearless_statement_after_the_budget_is_the_actual(tmp_path: Path) -> None:
    """``Ed.TP | TA | TP | TA - TP``: TP is 2025's actual, TA - TP its variance (read as printed)."""
    extraction = _extract(
        tmp_path,
        "Rakennus- ja ympäristölautakunta | Ed.TP | TA | TP | TA - TP",
        rows={"Toimintakate": ["-20 452", "-21 335", "-22 564", "1 229"]},
    )
    (row,) = extraction.budget_rows
    assert (row["prior_year"], row["prior_actual_eur"]) == (2024, Decimal("-20452000"))
    assert (row["budget_year"], row["budget_eur"]) == (2025, Decimal("-21335000"))
    assert (row["actual_year"], row["actual_eur"]) == (2025, Decimal("-22564000"))
    assert (row["variance_eur"], row["variance_convention"]) == (Decimal("1229000"), "budget_minus_actual")


def test_a_header_without_the_budget_in_force_is_refused_at_its_line(tmp_path: Path) -> None:
    """``Muutokset`` after the actual makes ``TA 2025`` the original budget: the report failed
    with 'title says 2025 but the budget tables are for None', naming no line."""
    header = "Rakennus- ja ympäristölautakunta | TP 2024 | TA 2025 | TP 2025 | Muutokset"
    with pytest.raises(ExtractionError, match=r"^r\.txt:8: budget table header has no budget in force for 2025"):
        _extract(tmp_path, header)
    extraction = _extract(tmp_path, header, keep_going=True)
    assert extraction.budget_rows == []
    assert [(reject["scope"], reject["source_line"], reject["last_line"]) for reject in extraction.rejects] == [
        ("table", 8, 11)
    ]


PROBE_ROWS = {
    "Toimintatuotot": ["1 000", "1 100", "1 200", "1 300", "100", "108,3"],
    "Toimintakulut": ["-5 000", "-5 100", "-5 200", "-5 150", "50", "99,0"],
    "<b>Toimintakate</b>": ["-4 000", "-4 000", "-4 000", "-3 850", "150", "96,3"],
}
"""A probe's rows: prior actual, original budget, budget in force, actual, variance, per cent."""


@pytest.mark.parametrize(
    "header",
    [
        "Tekninen lautakunta | TP 2024 | TA 2025 | Korjattu TA 2025 | TP 2025 | Poikkeama | Tot-%",
        "Tekninen lautakunta | TP 2024 | TA 2025 | TA+LTA 2025 | TP 2025 | Ero | Tot-%",
        "Tekniska nämnden | Bokslut 2024 | Ursprunglig budget 2025 | Budget inkl. ändringar 2025 | Bokslut 2025 "
        "| Differens | Förverkl. %",
    ],
)
def test_a_revised_budget_and_a_variance_as_probes_printed_them_load(tmp_path: Path, header: str) -> None:
    """``Korjattu TA`` and ``TA+LTA`` (the budget plus its supplementary budgets) are the budget in
    force, ``Differens`` the variance, ``Förverkl. %`` the execution percentage: each stopped the
    build as a column not known."""
    extraction = _extract(tmp_path, header, rows=PROBE_ROWS)
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintatuotot")
    assert (row["budget_original_eur"], row["budget_eur"]) == (Decimal("1100000"), Decimal("1200000"))
    assert (row["actual_eur"], row["variance_eur"], row["execution_pct"]) == (
        Decimal("1300000"),
        Decimal("100000"),
        Decimal("108.3"),
    )
    assert extraction.rejects == []


def test_the_execution_percentage_of_the_original_budget_is_kept_with_its_header(tmp_path: Path) -> None:
    """``Tot-% (alkup. TA)`` is the actual against the original budget (4 008 / 4 000 = 100,2 %),
    not the warehouse's execution percentage (against the budget in force, 4 026): kept with its
    header. It stopped the build as a column not known."""
    rows = {
        "Toimintatuotot": ["3 988", "4 000", "26", "4 026", "4 008", "18", "100,2"],
        "Toimintakulut": ["-19 978", "-20 000", "-65", "-20 065", "-19 673", "-392", "98,4"],
        "<b>Toimintakate</b>": ["-15 990", "-16 000", "-39", "-16 039", "-15 665", "-374", "97,9"],
    }
    header = "Kaupunginhallitus | TP 2024 | TA 2025 | TA-muutokset | TA muutoksineen | TP 2025 | Poikkeama "
    extraction = _extract(tmp_path, header + "| Tot-% (alkup. TA)", rows=rows)
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintatuotot")
    assert (row["budget_eur"], row["actual_eur"]) == (Decimal("4026000"), Decimal("4008000"))
    assert row["execution_pct"] is None
    assert row["other_columns"] == "Tot-% (alkup. TA): 100,2"
    assert extraction.rejects == []


CHANGES_ROWS = {
    "Toimintatuotot": ["10 087", "10 000", "277", "175", "10 452", "10 691", "-239", "102,3"],
    "Toimintakulut": ["-47 905", "-50 000", "540", "-358", "-49 818", "-50 926", "1 108", "102,2"],
    "<b>Toimintakate</b>": ["-37 818", "-40 000", "817", "-183", "-39 366", "-40 235", "869", "102,2"],
}
"""A probe's rows with two change columns: original budget + both changes = the budget in force."""


@pytest.mark.parametrize(
    "changes",
    [
        "1. lisätalousarvio | 2. lisätalousarvio",
        "Lisätalousarviot | Muut TA-muutokset",
        "TA-muutokset 1/2025 | TA-muutokset 2/2025",
    ],
)
def test_several_change_columns_load_as_their_sum(tmp_path: Path, changes: str) -> None:
    """Each change column is a budget change (numbered, ``1.`` or ``1/2025``, or not), and the
    row's budget change is their sum: read by hand, 277 + 175 = 452 thousand, which with the
    original 10 000 is the budget in force, 10 452. They stopped the build ("cannot read '1.' as
    a year", a column not known)."""
    header = f"Kaupunginhallitus | TP 2024 | TA 2025 | {changes} | TA muutoksineen | TP 2025 | Poikkeama | Tot-%"
    extraction = _extract(tmp_path, header, rows=CHANGES_ROWS)
    read = {
        row["row_label"]: (row["budget_original_eur"], row["budget_change_eur"], row["budget_eur"])
        for row in extraction.budget_rows
    }
    assert read == {
        "Toimintatuotot": (Decimal("10000000"), Decimal("452000"), Decimal("10452000")),
        "Toimintakulut": (Decimal("-50000000"), Decimal("182000"), Decimal("-49818000")),
        "Toimintakate": (Decimal("-40000000"), Decimal("634000"), Decimal("-39366000")),
    }
    assert extraction.rejects == []
    # Each sum is of two printed (rounded) figures: the budget revision check's tolerance.
    assert [row["budget_change_terms"] for row in extraction.budget_rows] == [2, 2, 2]
    # Each change as printed is kept beside the sum: no printed figure is lost.
    first, second = (name.strip() for name in changes.split("|"))
    assert extraction.budget_rows[0]["other_columns"] == f"{first}: 277 | {second}: 175"


def test_of_several_change_columns_an_empty_cell_adds_nothing_and_one_unread_leaves_no_sum(tmp_path: Path) -> None:
    """A change printed in one column only is the row's change (the other empty); a cell that
    cannot be read is a reject, and the row's change stays empty rather than a sum short of it."""
    rows = {
        "Toimintatuotot": ["10 087", "10 000", "", "175", "10 175", "10 691", "-516", "105,1"],
        "Toimintakulut": ["-47 905", "-50 000", "5x0", "-358", "-49 818", "-50 926", "1 108", "102,2"],
        "<b>Toimintakate</b>": ["-37 818", "-40 000", "", "", "-40 000", "-40 235", "235", "100,6"],
    }
    header = "Kaupunginhallitus | TP 2024 | TA 2025 | 1. lisätalousarvio | 2. lisätalousarvio | TA muutoksineen "
    extraction = _extract(tmp_path, header + "| TP 2025 | Poikkeama | Tot-%", rows=rows, keep_going=True)
    changes = {row["row_label"]: row["budget_change_eur"] for row in extraction.budget_rows}
    assert changes == {"Toimintatuotot": Decimal("175000"), "Toimintakulut": None, "Toimintakate": None}
    terms = {row["row_label"]: row["budget_change_terms"] for row in extraction.budget_rows}
    assert terms == {"Toimintatuotot": 1, "Toimintakulut": None, "Toimintakate": None}
    assert [(reject["source_line"], reject["column_name"]) for reject in extraction.rejects] == [
        (10, "1. lisätalousarvio")
    ]


SWEDISH_ROWS = {
    "Toimintatuotot": ["1 000", "1 100", "100", "1 200", "1 300"],
    "Toimintakulut": ["-5 000", "-5 100", "-100", "-5 200", "-5 150"],
    "<b>Toimintakate</b>": ["-4 000", "-4 000", "0", "-4 000", "-3 850"],
}
"""Prior actual, original budget, change, budget in force, actual; the variance is added by sign."""


@pytest.mark.parametrize(
    ("columns", "variance", "convention"),
    [
        (
            "BS 2024 | BU 2025 | BU-ändringar | BU 2025 efter ändringar | BS 2025 | Avvikelse BS-BU",
            1,
            "actual_minus_budget",
        ),
        (
            "BS 2024 | BU 2025 | Ändringar | Budget efter ändringar | BS 2025 | Avvikelse BU-BS",
            -1,
            "budget_minus_actual",
        ),
        ("BS 2024 | BU 2025 | Förändring | Budget efter förändring | BS 2025 | Avvikelse", -1, "budget_minus_actual"),
    ],
)
def test_swedish_changes_budget_in_force_and_variance_load(
    tmp_path: Path, columns: str, variance: int, convention: str
) -> None:
    """The Swedish twins of ``TA-muutokset``, ``Muutokset``, ``TA 2025 muutosten jälkeen`` and
    ``Poikkeama TA-TP`` / ``Erotus TP-TA``: each stopped the extraction as a column not known."""
    printed = {"Toimintatuotot": "100", "Toimintakulut": "50", "<b>Toimintakate</b>": "150"}
    rows = {
        label: [*figures, f"{'-' if variance < 0 else ''}{printed[label]}"] for label, figures in SWEDISH_ROWS.items()
    }
    extraction = _extract(tmp_path, f"Tekniska nämnden | {columns}", rows=rows)
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintakulut")
    assert (row["prior_actual_eur"], row["budget_original_eur"]) == (Decimal("-5000000"), Decimal("-5100000"))
    assert (row["budget_change_eur"], row["budget_eur"]) == (Decimal("-100000"), Decimal("-5200000"))
    assert (row["actual_eur"], row["variance_eur"]) == (Decimal("-5150000"), Decimal(variance * 50000))
    assert {row["variance_convention"] for row in extraction.budget_rows} == {convention}
    assert extraction.rejects == []


@pytest.mark.parametrize(
    "plans",
    [
        "TS 2026 | TS 2027",
        "Taloussuunnitelma 2026 | Taloussuunnitelma 2027",
        "Suunnitelma 2026 | Suunnitelma 2027",
        "TS 2026 | TS 2027\u20132028",
        "EP 2026 | Ekonomiplan 2027",
    ],
)
def test_the_financial_plans_years_are_kept_with_their_headers(tmp_path: Path, plans: str) -> None:
    """The financial plan's years after the budget (``TS 2026``, ``Taloussuunnitelma 2027``,
    ``Suunnitelma 2027``, a span ``TS 2027\u20132028``, Swedish ``EP 2026``, ``Ekonomiplan 2027``) are
    kept with their headers, as a later year's budget (``TA 2026``) is: each stopped the
    extraction (with keep-going, the whole table was a reject) as a column not known."""
    extraction = _extract(tmp_path, f"Rakennus- ja ympäristölautakunta | TA 2025 | TP 2025 | {plans}")
    row = next(row for row in extraction.budget_rows if row["row_label"] == "Toimintakulut")
    # Read by hand: TA 2025 -39 000, TP 2025 -40 332 (thousands); the plan's figures as printed.
    assert (row["budget_year"], row["budget_eur"]) == (2025, Decimal("-39000000"))
    assert (row["actual_year"], row["actual_eur"]) == (2025, Decimal("-40332000"))
    first, second = plans.split(" | ")
    assert row["other_columns"] == f"{first}: -41 735 | {second}: -43 418"
    assert len(extraction.budget_rows) == 3
    assert extraction.rejects == []


def test_an_investment_table_with_the_plans_years_loads_its_budget_and_actuals(tmp_path: Path) -> None:
    """An enterprise's investments by project printing the plan's years beside the budget's
    execution (``TS 2026 | TS 2027 | TS 2028``) load; the table was a reject as a whole."""
    report = tmp_path / "r.txt"
    report.write_text(
        "TAMPEREEN KAUPUNKI\nTILINPÄÄTÖS 2025\n\n## Tampereen Vesi liikelaitos\n\n"
        "Tampereen Vesi liikelaitos, 1 000 €\tTA 2025\tTP 2025\n"
        "Liikevaihto\t25 100,0\t25 634,1\n\n### Investoinnit\n\n"
        "Tampereen Veden investoinnit hankkeittain, 1 000 €\n\n"
        "Hanke\tTA 2025\tTA-muutokset\tTA 2025 muutosten jälkeen\tTP 2025\tPoikkeama\tTS 2026\tTS 2027\tTS 2028\n"
        "Hervannan vesijohtosaneeraus\t6 200,0\t\u2013\t6 200,0\t5 812,3\t387,7\t4 000,0\t3 000,0\t\u2013\n"
        "Ranta-Tampellan viemäriverkosto\t3 150,0\t450,0\t3 600,0\t3 781,1\t\u2212181,1\t1 200,0\t\u2013\t\u2013\n"
        "<b>Verkostot yhteensä</b>\t<b>9 350,0</b>\t<b>450,0</b>\t<b>9 800,0</b>\t<b>9 593,4</b>\t<b>206,6</b>"
        "\t<b>5 200,0</b>\t<b>3 000,0</b>\t<b>\u2013</b>\n",
        encoding="utf-8",
    )
    extraction = extract_paths([report])
    read = [
        (row["source_line"], row["budget_original_eur"], row["budget_eur"], row["actual_eur"], row["other_columns"])
        for row in extraction.budget_rows
        if row["table_kind"] == "investment"
    ]
    # Read by hand, in thousands: the original budget, the budget in force, the actual; the
    # plan's years as printed.
    assert read == [
        (
            14,
            Decimal("6200000"),
            Decimal("6200000"),
            Decimal("5812300"),
            "TS 2026: 4 000,0 | TS 2027: 3 000,0 | TS 2028: \u2013",
        ),
        (
            15,
            Decimal("3150000"),
            Decimal("3600000"),
            Decimal("3781100"),
            "TS 2026: 1 200,0 | TS 2027: \u2013 | TS 2028: \u2013",
        ),
        (
            16,
            Decimal("9350000"),
            Decimal("9800000"),
            Decimal("9593400"),
            "TS 2026: 5 200,0 | TS 2027: 3 000,0 | TS 2028: \u2013",
        ),
    ]
    assert extraction.rejects == []
