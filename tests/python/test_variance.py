"""The variance convention of a table, detected from its own printed numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuntatalous.tables.variance import (
    VarianceConvention,
    VarianceFigures,
    VarianceMisfit,
    VarianceStatus,
    detect_variance_convention,
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

from .family_fixtures import FixtureTable, fixture_table, fixture_text


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
