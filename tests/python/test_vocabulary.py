"""The budget-table column vocabulary: every spelling of the report family, by role and year."""

from __future__ import annotations

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.tables import vocabulary
from kuntatalous.tables.vocabulary import (
    VOCABULARY,
    ColumnRole,
    Declaration,
    Role,
    UnknownColumn,
    classify_cell,
    classify_header,
    find_statement_year,
)
from kuntatalous.text.document import section_title

from .family_fixtures import FAMILY, fixture_table

P, ORIG, C, R, B, A, V, E, X = (
    Role.PRIOR_ACTUAL,
    Role.BUDGET_ORIGINAL,
    Role.BUDGET_CHANGE,
    Role.BUDGET_REVISED,
    Role.BUDGET,
    Role.ACTUAL,
    Role.VARIANCE,
    Role.EXECUTION_PCT,
    Role.OTHER,
)


@pytest.mark.parametrize(
    ("cell", "role", "year"),
    [
        ("Tilinpäätös 2024", P, 2024),
        ("TP 2024", P, 2024),
        ("TP2024", P, 2024),
        ("Ed.TP", P, 2024),
        ("Ed. TP", P, 2024),
        ("Ed.vuosi", P, 2024),
        ("Tilinp.", P, 2024),
        ("Bokslut 2024", P, 2024),
        ("BS 2024", P, 2024),
        ("Toteutunut 2024", P, 2024),
        ("Alkuperäinen TA", ORIG, 2025),
        ("TA-muutokset", C, 2025),
        ("Ta-muut.", C, 2025),
        ("Bu-muutos", C, 2025),
        ("Budgetändringar", C, 2025),
        # A word broken where the cell wraps onto the header's second line, read joined; a
        # spelling that reads as printed stays so (TP - TA, a variance).
        ("Budget- ändringar", C, 2025),
        ("Talous- arvio 2025", B, 2025),
        ("Toteu- tuma 2025", A, 2025),
        ("TP- TA", V, 2025),
        ("Lisätalousarviot", C, 2025),
        ("Lisätalousarvio 2025", C, 2025),
        ("Lisäbudjetit", C, 2025),
        ("Tilläggsbudgetar", C, 2025),
        # Swedish twins of TA-muutokset, Ta-muut. and Muutokset, as a probe's reports printed them.
        ("BU-ändringar", C, 2025),
        ("Budgetförändringar", C, 2025),
        ("Ändringar", C, 2025),
        ("Förändringar", C, 2025),
        ("TA muutosten jälkeen", R, 2025),
        ("Muutettu TA", R, 2025),
        ("Ta +", R, 2025),
        ("Budjetti +", R, 2025),
        ("Talousarvio + muutokset", R, 2025),
        ("Budget efter ändringar", R, 2025),
        ("TA 2025 muutoksineen", R, 2025),
        ("Talousarvio muutoksineen", R, 2025),
        ("Lopullinen TA", R, 2025),
        ("Lopullinen TA 2025", R, 2025),
        ("TA 2025 yhteensä", R, 2025),
        ("Talousarvio yhteensä", R, 2025),
        ("TA 2025 muutettu", R, 2025),
        ("Budget inkl. ändringar", R, 2025),
        # Swedish twins of TA 2025 muutosten jälkeen: the year in the middle, BU, förändring.
        ("BU 2025 efter ändringar", R, 2025),
        ("Budget efter förändring", R, 2025),
        ("BU totalt", R, 2025),
        # The budget in force as probes of new reports printed it: revised, and the budget plus
        # its supplementary budgets (lisätalousarviot, LTA).
        ("Korjattu TA 2025", R, 2025),
        ("TA+LTA 2025", R, 2025),
        ("TA + LTA", R, 2025),
        ("Talousarvio 2025", B, 2025),
        ("TA 2025", B, 2025),
        ("TA", B, 2025),
        ("Budjetti", B, 2025),
        ("Budget 2025", B, 2025),
        ("BU 2025", B, 2025),
        ("Käyttösuunnitelma", B, 2025),
        ("KS 2025", B, 2025),
        ("Ed.TA", B, 2024),
        ("Toteuma", A, 2025),
        ("Toteuma 2025", A, 2025),
        ("Toteuma 1- 12", A, 2025),
        ("Toteutuma", A, 2025),
        ("Toteutunut", A, 2025),
        ("Tot.", A, 2025),
        ("Käyttö", A, 2025),
        ("Utfall 2025", A, 2025),
        ("<b>TOTEUMA</b>", A, 2025),
        ("Poikkeama", V, 2025),
        ("Avvikelse", V, 2025),
        ("Differens", V, 2025),
        ("Erotus", V, 2025),
        ("Ero", V, 2025),
        ("Ylitys/alitus", V, 2025),
        ("Ylitys (+) / alitus (-)", V, 2025),
        ("Ylitys (-) / alitus (+)", V, 2025),
        ("Erotus TP-TA", V, 2025),
        ("TA - TP", V, 2025),
        ("TP \u2013 TA", V, 2025),
        ("Toteuma - TA", V, 2025),
        ("Poikkeama TA-Toteuma", V, 2025),
        # The formula in brackets, a year's month range and its end date, the original budget
        # after its year, Swedish budget in force in all: as a probe of new reports printed them.
        ("Poikkeama (TP-TA)", V, 2025),
        # Swedish twins of Poikkeama TA-TP and Erotus TP-TA: which way, the figures tell.
        ("Avvikelse BU-BS", V, 2025),
        ("Avvikelse BS-BU", V, 2025),
        ("Avvikelse (BS-BU)", V, 2025),
        ("Differens utfall-budget", V, 2025),
        ("Toteuma 1-12/2025", A, 2025),
        ("Toteuma 31.12.2025", A, 2025),
        ("TP 1.1.-31.12.2025", A, 2025),
        ("TA 2025 alkuperäinen", ORIG, 2025),
        ("Budget 2025 totalt", R, 2025),
        ("Toteuma %", E, None),
        ("Tot-%", E, None),
        ("Tot.%", E, None),
        ("Käyttö %", E, None),
        ("Utfall %", E, None),
        ("Toteutumis-%", E, None),
        ("Toteutumisaste %", E, None),
        ("Toteutumisaste-%", E, None),
        ("Toteutumisaste", E, None),
        ("TP/TA %", E, None),
        ("Käyttöaste %", E, None),
        ("Käyttöaste-%", E, None),
        ("Tot./TA %", E, None),
        ("Förverkl. %", E, None),
        ("Förverkligande-%", E, None),
    ],
)
def test_spelling_is_read_as_its_role_and_year(cell: str, role: Role, year: int | None) -> None:
    header = classify_header([cell], statement_year=2025)
    assert header.columns == (ColumnRole(role, year, header.columns[0].header),)
    assert header.unknown == ()


@pytest.mark.parametrize(
    ("cell", "kind", "year"),
    [
        ("Ylitysoikeus", "overrun_allowance", None),
        ("Raami", "frame", 2025),
        ("Ero raamiin", "frame_difference", 2025),
        ("Poikkeama %", "variance_pct", None),
        ("Avvikelse %", "variance_pct", None),
        ("Muutos %", "change_pct", None),
        ("Förändring %", "change_pct", None),
        ("Ändring-%", "change_pct", None),
        # The actual as a percentage of the original budget, not of the budget in force.
        ("Tot-% (alkup. TA)", "original_execution_pct", None),
        ("Toteuma % alkuperäinen TA", "original_execution_pct", None),
        ("Tot. 09/2024", "partial_year_actual", 2024),
        ("Toteuma 1-9", "partial_year_actual", 2025),
        ("Ennuste", "forecast", 2025),
        ("Ennuste 2025", "forecast", 2025),
        ("Prognos 2025", "forecast", 2025),
        ("Kustannusarvio", "cost_estimate", None),
        ("Kokonaiskustannusarvio", "cost_estimate", None),
        ("Kust.arvio", "cost_estimate", None),
        ("Kust. arvio", "cost_estimate", None),
        ("Kostnadsberäkning", "cost_estimate", None),
        ("Kostnadskalkyl", "cost_estimate", None),
        # An investment project's spending of the years before, cumulative: no year's actual.
        ("Käytetty aiemmin", "spent_before", None),
        ("Kertymä 31.12.2024", "spent_before", 2024),
        ("Toteutunut aiempina vuosina", "spent_before", None),
        ("Ed. vuosien toteuma", "spent_before", None),
        ("Toteutunut ennen 2025", "spent_before", 2025),
        ("TP 2024 asti", "spent_before", 2024),
        ("Käytetty 31.12.2024 mennessä", "spent_before", 2024),
        ("Toteutunut yhteensä 31.12.2024", "spent_before", 2024),
        ("Använt tidigare", "spent_before", None),
        ("Förbrukat tidigare år", "spent_before", None),
        # An actual dated at the end of a year before the statement year: spent by that date.
        ("Toteutunut 31.12.2024", "spent_before", 2024),
        ("Toteuma 31.12.2024", "spent_before", 2024),
        ("TP 31.12.2024", "spent_before", 2024),
        ("Tilinpäätös 31.12.2023", "spent_before", 2023),
    ],
)
def test_other_columns_are_recognised_and_kept_with_their_header(cell: str, kind: str, year: int | None) -> None:
    column = classify_cell(cell, 2025)
    assert column == ColumnRole(Role.OTHER, year, cell, kind)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Kommentti", "not a known column name"),
        ("Poikkeama-arvio", "not a known column name"),
        ("TA 25", "cannot read '25' as a year"),
        ("TP 2023-2024", "more than one year"),
        ("Toteuma 2026", "after the statement year 2025"),
        ("Ylitys", "not a known column name"),
        ("Alitus/ylitys", "not a known column name"),
        ("TP/TA", "not a known column name"),
        # A change alone, singular, after the actual: as often the change from the year before.
        ("Muutos", "not a known column name"),
        ("Förändring", "not a known column name"),
        ("Toteutumis", "not a known column name"),
        ("Lopullinen", "not a known column name"),
        # A utilisation rate with no percent sign may be a key figure's (beds, premises).
        ("Käyttöaste", "not a known column name"),
        # Two statements' difference is no variance against the budget.
        ("TP - Ed.TP", "not a known column name"),
        # A percentage alone: the execution's or the variance's, the words do not say.
        ("%", "the execution percentage (actual / budget * 100) or the variance's"),
    ],
)
def test_unknown_header_is_an_error_naming_it(cell: str, reason: str) -> None:
    header = classify_header(["TA 2025", "Toteuma", cell], statement_year=2025)
    (unknown,) = header.unknown
    assert unknown.header == cell
    assert reason in unknown.reason
    assert header.problems() == [unknown.message]
    assert f"column '{cell}'" in unknown.message


@pytest.mark.parametrize(
    "cells",
    [
        ["BS 2024", "BU 2025", "Förändring", "Budget efter förändring", "BS 2025", "Avvikelse BU-BS"],
        ["BS 2024", "BU 2025", "Ändring 2025", "BU 2025 efter ändringar", "BS 2025", "Avvikelse"],
        ["TP 2024", "TA 2025", "Muutos", "TA muutosten jälkeen", "TP 2025", "Poikkeama"],
    ],
)
def test_a_change_alone_between_the_budget_and_its_budget_in_force_is_the_budget_change(cells: list[str]) -> None:
    """``Förändring`` (``Muutos``) names nothing it changes; printed between the budget of the
    year and that budget after changes it is the budget's change (it stopped the build)."""
    header = classify_header(cells, statement_year=2025)
    assert header.problems() == []
    assert [(c.role, c.year) for c in header.known] == [
        (P, 2024),
        (ORIG, 2025),
        (C, 2025),
        (R, 2025),
        (A, 2025),
        (V, 2025),
    ]


@pytest.mark.parametrize(
    "cells",
    [
        ["BS 2024", "BU 2025", "BS 2025", "Förändring"],
        ["BS 2024", "Förändring", "BU 2025", "Budget efter ändringar", "BS 2025"],
        ["BS 2024", "BU 2025", "Förändring 2024", "Budget efter ändringar", "BS 2025"],
    ],
)
def test_a_change_alone_elsewhere_is_not_understood(cells: list[str]) -> None:
    """After the actual, before the budget, or of another year, ``Förändring`` may be the change
    from the year before: not read as the budget's."""
    header = classify_header(cells, statement_year=2025)
    assert [column.header for column in header.unknown] == [next(c for c in cells if c.startswith("Förändring"))]


def test_each_declaration_is_one_role_or_one_other_kind() -> None:
    keys = [(declaration.role, declaration.kind) for declaration in VOCABULARY]
    assert len(keys) == len(set(keys))
    assert {role for role, _ in keys} == set(Role)


def test_a_header_matching_two_declarations_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    doubled = (*VOCABULARY, Declaration(Role.VARIANCE, (r"toteuma",)))
    monkeypatch.setattr("kuntatalous.tables.vocabulary.VOCABULARY", doubled)
    classify_cell.cache_clear()  # its cache holds what the real vocabulary said
    try:
        column = classify_cell("Toteuma", 2025)
    finally:
        classify_cell.cache_clear()
    assert isinstance(column, UnknownColumn)
    assert "more than one role" in column.reason


def test_a_header_cell_read_again_is_the_same_role() -> None:
    first = classify_cell("TA 2025", 2025)
    assert classify_cell("TA 2025", 2025) is first, "cached: a report prints the same headers in every table"
    assert classify_cell("TA 2025", 2026) == classify_cell.__wrapped__("TA 2025", 2026), "the year is part of the key"


def test_two_columns_of_one_role_and_year_are_a_problem() -> None:
    header = classify_header(["TA 2025", "Talousarvio 2025", "Toteuma"], statement_year=2025)
    assert header.problems() == ["budget table header has two 'budget' columns for 2025"]


def test_yearless_column_without_statement_year_is_a_problem() -> None:
    header = classify_header(["Alkuperäinen TA", "Muutettu TA", "Toteuma"], statement_year=None)
    assert [column.year for column in header.known] == [None, None, None]
    assert len(header.problems()) == 3
    assert "no statement year" in header.problems()[0]


def test_without_a_title_year_the_printed_budget_year_stands_in() -> None:
    header = classify_header(["Ed.TP", "TA 2025", "Toteuma"], statement_year=None)
    assert [(c.role, c.year) for c in header.known] == [(P, 2024), (B, 2025), (A, 2025)]


def test_heinola_header_reads_as_before() -> None:
    header = classify_header(
        ["Tilinpäätös 2024", "Talousarvio 2025", "Toteuma 2025", "Poikkeama", "Toteuma %"], statement_year=None
    )
    assert [(c.role, c.year) for c in header.known] == [(P, 2024), (B, 2025), (A, 2025), (V, 2025), (E, None)]
    assert header.budget_in_force() == header.known[1]


@pytest.mark.parametrize(
    ("cells", "expected", "in_force"),
    [
        (
            ["TP 2024", "TA 2025", "TA 2025 muutoksineen", "Toteuma 2025", "Ylitys (+) / alitus (-)", "TP/TA %"],
            [(P, 2024), (ORIG, 2025), (R, 2025), (A, 2025), (V, 2025), (E, None)],
            "TA 2025 muutoksineen",
        ),
        (
            ["Tilinpäätös 2024", "Lopullinen TA 2025", "Toteuma 2025", "Erotus", "Toteutumis-%"],
            [(P, 2024), (R, 2025), (A, 2025), (V, 2025), (E, None)],
            "Lopullinen TA 2025",
        ),
        (
            ["BS 2024", "BU 2025", "Budget inkl. ändringar", "Utfall 2025", "Avvikelse", "Utfall %"],
            [(P, 2024), (ORIG, 2025), (R, 2025), (A, 2025), (V, 2025), (E, None)],
            "Budget inkl. ändringar",
        ),
        (
            ["Bokslut 2024", "BU 2025", "Utfall 2025", "Avvikelse"],
            [(P, 2024), (B, 2025), (A, 2025), (V, 2025)],
            "BU 2025",
        ),
    ],
)
def test_reviewed_header_reads_by_role(
    cells: list[str], expected: list[tuple[Role, int | None]], in_force: str
) -> None:
    header = classify_header(cells, statement_year=None)
    assert header.problems() == []
    assert [(c.role, c.year) for c in header.known] == expected
    column = header.budget_in_force()
    assert column is not None
    assert column.header == in_force


@pytest.mark.parametrize(
    ("cells", "expected", "in_force"),
    [
        (["TP 2024", "KS 2025", "Toteuma 2025"], [(P, 2024), (B, 2025), (A, 2025)], "KS 2025"),
        (["TA 2025", "KS 2025", "Toteuma 2025"], [(ORIG, 2025), (R, 2025), (A, 2025)], "KS 2025"),
        (
            ["Alkuperäinen TA", "Käyttösuunnitelma", "Toteuma"],
            [(ORIG, 2025), (R, 2025), (A, 2025)],
            "Käyttösuunnitelma",
        ),
        (["TA", "TA-muutokset", "KS", "Toteuma"], [(ORIG, 2025), (C, 2025), (R, 2025), (A, 2025)], "KS"),
        (["KS 2025", "KS-muutokset", "KS +", "Toteuma"], [(ORIG, 2025), (C, 2025), (R, 2025), (A, 2025)], "KS +"),
        (["Ed.TA", "KS", "Toteuma"], [(B, 2024), (B, 2025), (A, 2025)], "KS"),
    ],
)
def test_operational_plan_is_the_budget_in_force(
    cells: list[str], expected: list[tuple[Role, int | None]], in_force: str
) -> None:
    """KS alone is the budget; beside the council's budget of its year it is the one in force."""
    header = classify_header(cells, statement_year=2025)
    assert header.problems() == []
    assert [(c.role, c.year) for c in header.known] == expected
    column = header.budget_in_force()
    assert column is not None
    assert column.header == in_force


def test_forecast_is_kept_beside_the_budget_phases() -> None:
    header = classify_header(["TP 2024", "TA 2025", "Ennuste 2025", "Toteuma 2025"], statement_year=None)
    assert header.problems() == []
    assert [(c.role, c.year, c.kind) for c in header.known] == [
        (P, 2024, None),
        (B, 2025, None),
        (X, 2025, "forecast"),
        (A, 2025, None),
    ]
    assert header.budget_in_force() == header.known[1]


def test_a_projects_cost_estimate_is_kept_beside_the_budget_phases() -> None:
    """An investment table's cost estimate, the project's whole (``Kustannusarvio``), carries no
    year of the statement and is no budget phase."""
    cells = ["Kustannusarvio", "TA 2025", "TA-muutokset", "TA 2025 muutosten jälkeen", "TP 2025", "Poikkeama"]
    header = classify_header(cells, statement_year=2025)
    assert header.problems() == []
    assert [(c.role, c.year, c.kind) for c in header.known] == [
        (X, None, "cost_estimate"),
        (ORIG, 2025, None),
        (C, 2025, None),
        (R, 2025, None),
        (A, 2025, None),
        (V, 2025, None),
    ]


@pytest.mark.parametrize(
    "spent",
    ["Toteutunut 31.12.2024", "TP 31.12.2024", "Käytetty aiemmin", "Kertymä 31.12.2024", "TP 2024 asti"],
)
def test_an_investment_projects_spending_of_the_years_before_is_no_prior_year_actual(spent: str) -> None:
    """Beside the statement year's budgets and actual, the spending to the end of the year before
    is several years' cumulative spend: kept as an other column, never the prior year's actual."""
    cells = [spent, "TA 2025", "TA-muutokset", "TA 2025 muutosten jälkeen", "TP 2025", "Poikkeama"]
    for header in (classify_header(cells, statement_year=2025), classify_header(cells, statement_year=None)):
        assert header.problems() == []
        assert header.find(P) is None
        assert [(c.role, c.kind) for c in header.known] == [
            (X, "spent_before"),
            (ORIG, None),
            (C, None),
            (R, None),
            (A, None),
            (V, None),
        ]
    # Undated, or dated at the end of the statement year, an actual stays the year's.
    undated = classify_header(["TP 2024", *cells[1:4], "Toteuma 31.12.2025", "Poikkeama"], statement_year=2025)
    assert [(c.role, c.year) for c in undated.known][::4] == [(P, 2024), (A, 2025)]


@pytest.mark.parametrize(
    ("cell", "role", "year"),
    [
        ("TP/BS 2024", P, 2024),
        ("TA/BU 2025", B, 2025),
        ("TP/BS 2025", A, 2025),
        ("Toteuma / Utfall 2025", A, 2025),
        ("Poikkeama/Avvikelse", V, 2025),
        ("Tot-%/Utfall-%", E, None),
        ("Muutettu TA / Ändrad budget 2025", R, 2025),
        ("Ennuste/Prognos 2025", X, 2025),
    ],
)
def test_a_cell_in_finnish_and_swedish_reads_as_the_role_both_name(cell: str, role: Role, year: int | None) -> None:
    (column,) = classify_header([cell], statement_year=2025).columns
    assert isinstance(column, ColumnRole)
    assert (column.role, column.year, column.header) == (role, year, cell)


def test_a_cell_whose_halves_name_two_roles_stays_unknown() -> None:
    """Both halves of a bilingual cell must name one role; a spelling that prints a slash of its
    own reads whole, as before (``Ylitys/alitus``, ``TP/TA %``)."""
    cells = ["TP/BS 2024", "TA/BU 2025", "TP/BS 2025", "Poikkeama/Avvikelse", "Tot-%/Utfall-%"]
    assert classify_header(cells, statement_year=2025).problems() == []
    for cell in ("TP/TA", "Poikkeama/Avvikelse %", "TA/Kommentti", "TP/BS/BU", "Alitus/ylitys"):
        column = classify_cell(cell, 2025)
        assert isinstance(column, UnknownColumn), cell
        assert column.reason == "not a known column name"
    whole = [classify_cell(cell, 2025) for cell in ("Ylitys/alitus", "TP/TA %", "Tot/TA %")]
    assert [column.role if isinstance(column, ColumnRole) else None for column in whole] == [V, E, E]


def test_operational_plan_beside_a_revised_budget_is_a_problem() -> None:
    """``TA | Muutettu TA | KS``: two budgets in force, which one the actual ran against is not said."""
    header = classify_header(["TA", "Muutettu TA", "KS", "Toteuma"], statement_year=2025)
    assert header.problems() == ["budget table header has two 'budget_revised' columns for 2025"]


# Each fixture's header, read by hand: (role, year, kind) per value column.
FIXTURE_HEADERS = {
    "thousands_actual_minus_budget.txt": [(P, 2024, None), (ORIG, 2025, None), (R, 2025, None), (A, 2025, None),
                                          (V, 2025, None), (E, None, None)],
    "dots_ta_muutokset.txt": [(P, 2024, None), (ORIG, 2025, None), (C, 2025, None), (R, 2025, None), (A, 2025, None),
                              (V, 2025, None), (E, None, None)],
    "tilinp_ta_plus_teur.txt": [(P, 2024, None), (ORIG, 2025, None), (C, 2025, None), (R, 2025, None),
                                (A, 2025, None), (E, None, None), (X, None, "overrun_allowance")],
    "millions_budjetti_plus.txt": [(P, 2024, None), (ORIG, 2025, None), (C, 2025, None), (R, 2025, None),
                                   (A, 2025, None), (E, None, None)],
    "bokslut_sv.txt": [(P, 2024, None), (ORIG, 2025, None), (C, 2025, None), (R, 2025, None), (A, 2025, None),
                       (V, 2025, None), (E, None, None)],
    "other_columns.txt": [(B, 2024, None), (B, 2025, None), (X, 2025, "frame"), (X, 2025, "frame_difference"),
                          (A, 2025, None), (X, 2024, "partial_year_actual"), (X, None, "change_pct")],
    "income_statement_treasury_words.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None)],
    "heading_thousands_sections.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None),
                                       (E, None, None)],
    "uncurated_terms_after.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None), (E, None, None)],
    "uncurated_terms_before.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None), (E, None, None)],
    "uncurated_sub_rows.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None), (E, None, None)],
    "uncurated_sub_rows_after.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None),
                                     (E, None, None)],
    "investment_menot_total_first.txt": [(P, 2024, None), (B, 2025, None), (A, 2025, None), (V, 2025, None)],
}  # fmt: skip


def test_every_fixture_has_its_header_read_by_hand() -> None:
    assert set(FIXTURE_HEADERS) == {path.name for path in FAMILY.iterdir()}


@pytest.mark.parametrize("name", sorted(FIXTURE_HEADERS))
def test_fixture_header(name: str) -> None:
    table = fixture_table(name)
    year = find_statement_year(table.lines, name)
    assert year is not None
    assert year.year == 2025
    header = classify_header(table.header, statement_year=year.year, second_line=table.second_line)
    assert header.problems() == []
    assert header.is_budget_table
    assert [(c.role, c.year, c.kind) for c in header.known] == FIXTURE_HEADERS[name]


@pytest.mark.parametrize(
    ("name", "in_force"),
    [
        ("thousands_actual_minus_budget.txt", "Muutettu TA"),
        ("dots_ta_muutokset.txt", "TA muutosten jälkeen"),
        ("bokslut_sv.txt", "Budget efter ändringar"),
        ("other_columns.txt", "TA 2025"),
        ("income_statement_treasury_words.txt", "Talousarvio 2025"),
    ],
)
def test_budget_in_force_is_the_revised_budget_else_the_only_one(name: str, in_force: str) -> None:
    table = fixture_table(name)
    header = classify_header(table.header, statement_year=2025, second_line=table.second_line)
    column = header.budget_in_force()
    assert column is not None
    assert column.header == in_force


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("TILINPÄÄTÖS 2025  ", 2025),
        ("**TILINPÄÄTÖS 2025**", 2025),
        ("# Tilinpäätös 2024", 2024),
        ("BOKSLUT 2025", 2025),
        ("TILINPÄÄTÖS JA TOIMINTAKERTOMUS 2025", 2025),
        ("OOVALAN KUNNAN TILINPÄÄTÖS 2025", 2025),
        ("Vaalan kunta \u2013 Tilinpäätös 2025", 2025),
        ("Vaalan kunta\u2014TILINPÄÄTÖS 2025", 2025),
        ("# Vaalan kunta - TILINPÄÄTÖS 2025", 2025),
        ("**Oovalan kunnan tilinpäätös ja toimintakertomus 2025**", 2025),
        ("Korsholms kommuns bokslut 2025", 2025),
        ("TILINPÄÄTÖS 31.12.2025", 2025),
        ("Tilinpäätös 31.12. 2025", 2025),
        ("TOIMINTAKERTOMUS JA TILINPÄÄTÖS 2025", 2025),
        ("Kangasalan kaupungin toimintakertomus ja tilinpäätös 2025", 2025),
        ("Verksamhetsberättelse och bokslut 2025", 2025),
        ("Bokslut 31.12.2025", 2025),
        # Only the close of the calendar year is a municipality's statement date.
        ("Tilinpäätös 30.6.2025", None),
        ("Toimintakertomus 2025", None),
        ("Oovalan kunnan tilinpäätös 2024 osoitti alijäämää.", None),
        ("Edellisen vuoden tilinpäätös 2024", None),
        ("Konserni-tilinpäätös 2024", None),
        ("**TILINPÄÄTÖS,  ", None),
        ("Tilinpäätös 2024 osoitti alijäämää.", None),
        # Set off by a colon or dash, only an organisation's name names the statement.
        ("Vertailutiedot: tilinpäätös 2030", None),
        ("Lähde: tilinpäätös 2024", None),
        ("Heinolan kaupunki: tilinpäätös 2025", 2025),
        # Or by a space alone.
        ("Vaalan kunta Tilinpäätös 2025", 2025),
        ("**HEINOLAN KAUPUNKI TILINPÄÄTÖS 2025**", 2025),
        ("Närpes stad bokslut 2025", 2025),
        ("Sivistyslautakunta tilinpäätös 2025", None),
        ("Kunnan talous ja tilinpäätös 2025", None),
    ],
)
def test_statement_year_from_the_title(title: str, year: int | None) -> None:
    found = find_statement_year(["", title, "", "a\tb"], "f.txt")
    assert (found.year if found else None) == year
    if found is not None:
        assert found.line == 2


def test_statement_year_is_read_before_the_first_table_only() -> None:
    assert find_statement_year(["x\ty", "TILINPÄÄTÖS 2025"], "f.txt") is None


def test_two_title_years_are_an_error_naming_the_line() -> None:
    with pytest.raises(ExtractionError, match=r"f\.txt:3: title names the year 2024, line 1 named 2025"):
        find_statement_year(["TILINPÄÄTÖS 2025", "", "BOKSLUT 2024"], "f.txt")


def test_budget_in_force_is_of_the_statement_year_not_the_year_before() -> None:
    header = classify_header(["Ed.TA", "TA"], statement_year=2025)
    assert header.budget_in_force() == ColumnRole(B, 2025, "TA")
    header = classify_header(["TA", "Ta-muut.", "Ta +"], statement_year=2025)
    assert header.budget_in_force() == ColumnRole(R, 2025, "Ta +")


def test_a_budget_table_without_an_actual_of_the_statement_year_is_a_problem() -> None:
    """Talousarvio 2024 | Toteuma 2024 under the title TILINPÄÄTÖS 2025: no actual for 2025."""
    header = classify_header(["Talousarvio 2024", "Toteuma 2024"], statement_year=2025)
    assert [(c.role, c.year) for c in header.known] == [(B, 2024), (P, 2024)]
    assert header.problems() == ["budget table header has no actual column for 2025"]


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["KUUSIVAARAN KUNTA", "TILINPÄÄTÖS 2025", "## 3.1 Sivistyslautakunta"], "Sivistyslautakunta"),
        (["PÄIJÄT-HÄMEEN KUNTAYHTYMÄ", "TILINPÄÄTÖS 2025", "## Hallinto"], "Hallinto"),
        (["Borgå stad", "BOKSLUT 2025", "## Bildningsnämnden"], "Bildningsnämnden"),
        (["**TILINPÄÄTÖS 2025**", "**YHTEISET PALVELUT**", "## Yhteiset palvelut"], "YHTEISET PALVELUT"),
        (["Sivistyslautakunta", "TILINPÄÄTÖS 2025", "## Varhaiskasvatus"], "Sivistyslautakunta"),
        (["TILINPÄÄTÖS 2025"], None),
        # The chapter of budget execution every section cut from the statement opens with.
        (
            [
                "PORVOON KAUPUNKI",
                "Tilinpäätös 2025",
                "# 3 TALOUSARVION TOTEUTUMINEN",
                "## 3.7 Kaupunkikehityslautakunta",
            ],
            "Kaupunkikehityslautakunta",
        ),
        (["Borgå stad", "BOKSLUT 2025", "# Budgetens utfall", "## Bildningsnämnden"], "Bildningsnämnden"),
        (["Närpes stad", "BOKSLUT 2025", "# Driftsekonomi", "## Tekniska nämnden"], "Tekniska nämnden"),
        (["Närpes stad", "BOKSLUT 2025", "DRIFTSEKONOMIDELENS UTFALL", "## Bildningsnämnden"], "Bildningsnämnden"),
        (["VAALAN KUNTA", "TILINPÄÄTÖS 2025", "# KÄYTTÖTALOUS", "## Sivistyslautakunta"], "Sivistyslautakunta"),
        # Probes' bilingual titles (Vaasa, Raasepori) and a line dating the approval (Utsjoki).
        (["VAASAN KAUPUNKI \u2013 VASA STAD", "TILINPÄÄTÖS 2025 \u2013 BOKSLUT 2025", "## Sivistys"], "Sivistys"),
        (["RASEBORGS STAD / RAASEPORIN KAUPUNKI", "BOKSLUT 2025 / TILINPÄÄTÖS 2025", "## Bildning"], "Bildning"),
        (["UTSJOEN KUNTA", "TILINPÄÄTÖS 2025", "Kunnanhallitus 24.3.2026", "## 3.1 Vapaa-aika"], "Vapaa-aika"),
        (["Sivistys \u2013 Bildning", "TILINPÄÄTÖS 2025", "## Perusopetus"], "Sivistys \u2013 Bildning"),
    ],
)
def test_section_title_is_a_title_line_or_heading_naming_more(lines: list[str], title: str | None) -> None:
    assert section_title(lines) == title


def test_actuals_of_years_before_the_prior_year_are_other_columns_with_their_year() -> None:
    """The warehouse holds one prior year, the year before (that of ``Ed.TA`` too): an earlier
    statement is kept with its header, never stored as the prior year's."""
    header = classify_header(["TP 2022", "Toteutunut 2023", "TP 2024", "TA 2025", "TP 2025"], statement_year=2025)
    assert header.problems() == []
    assert [(c.role, c.year, c.kind) for c in header.known] == [
        (X, 2022, "earlier_actual"),
        (X, 2023, "earlier_actual"),
        (P, 2024, None),
        (B, 2025, None),
        (A, 2025, None),
    ]
    alone = classify_header(["TP 2023", "TA 2025", "Toteuma 2025"], statement_year=2025)
    assert [(c.role, c.year, c.kind) for c in alone.known] == [
        (X, 2023, "earlier_actual"),
        (B, 2025, None),
        (A, 2025, None),
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["TA", "TA-muutokset", "TA muutosten jälkeen", "TP", "Poikkeama"], [ORIG, C, R, A, V]),
        (["Ed.TP", "TA", "TP", "Poikkeama"], [P, B, A, V]),
        (["Talousarvio", "Tilinpäätös", "Erotus"], [B, A, V]),
        (["Budget", "Bokslut", "Avvikelse"], [B, A, V]),
    ],
)
def test_a_yearless_statement_after_the_budgets_of_a_header_with_no_actual_is_the_actual(
    cells: list[str], expected: list[Role]
) -> None:
    header = classify_header(cells, statement_year=2025)
    assert header.problems() == []
    assert [c.role for c in header.known] == expected
    actual = header.find(A)
    assert actual is not None
    assert actual.year == 2025


@pytest.mark.parametrize(
    "cells",
    [
        ["TP", "TA", "Poikkeama"],  # printed before the budget: the prior year's, as in TP | TA | Toteuma
        ["TA", "Ed.TP", "Poikkeama"],  # spelled as the year before
        ["TA", "Edellinen vuosi", "Poikkeama"],
        ["TA", "TP 2024", "Poikkeama"],  # printed with its year
    ],
)
def test_a_statement_column_that_may_be_the_prior_year_s_stays_so(cells: list[str]) -> None:
    header = classify_header(cells, statement_year=2025)
    assert header.find(A) is None
    assert header.problems() == ["budget table header has no actual column for 2025"]


@pytest.mark.parametrize(
    "cells",
    [
        ["1. lisätalousarvio", "2. lisätalousarvio"],
        ["Lisätalousarviot", "Muut TA-muutokset"],
        ["TA-muutokset 1/2025", "TA-muutokset 2/2025"],
    ],
)
def test_several_change_columns_of_a_year_are_each_a_change(cells: list[str]) -> None:
    header = classify_header(["TA 2025", *cells, "TA muutoksineen", "TP 2025"], statement_year=2025)
    assert [(column.role, column.year) for column in header.known] == [
        (ORIG, 2025),
        (C, 2025),
        (C, 2025),
        (R, 2025),
        (A, 2025),
    ]
    assert header.problems() == []


def test_a_number_before_another_column_s_name_is_no_decision_s() -> None:
    """Only a declaration of several columns reads a number as its decision's: ``1. toteuma``
    stays a cell that cannot be read, ``Tot. 09/2024`` the actual through September."""
    assert isinstance(classify_cell("1. toteuma", 2025), UnknownColumn)
    assert classify_cell("Tot. 09/2024", 2025) == ColumnRole(X, 2024, "Tot. 09/2024", "partial_year_actual")


def test_a_header_read_again_is_remembered_and_the_same() -> None:
    """A report's tables print the same header, read with the statement year and without: the
    reading is remembered per cell text and year, and is that of a header read afresh."""
    cells = ["TP 2024", "TA 2025", "TA-muutokset", "TA muutosten jälkeen", "TP 2025", "Poikkeama"]
    remembered = vocabulary._classified_texts
    remembered.cache_clear()
    first = classify_header(cells, statement_year=2025)
    again = classify_header(list(cells), statement_year=2025)
    assert again is first
    assert remembered.cache_info().hits == 1
    assert classify_header(cells, statement_year=None) == first  # the printed year stands in
    assert remembered.cache_info().misses == 2
    assert first == remembered.__wrapped__(tuple(cells), 2025)
    with pytest.raises(ValueError, match="second header line has 1 cells"):
        classify_header(cells, statement_year=2025, second_line=["2025"])
