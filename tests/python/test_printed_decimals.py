"""Numbers shown with their printed precision: fact_kpi and rpt_reconciliation hold their values
exactly in one wide decimal type, and carry ``value_decimals``; the spreadsheet exports show
each decimal column with at least those decimals and the rest only where the number has them."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.warehouse.spreadsheets import number_format, shown


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("693894.000000"), 2, "693894.00"),
        (Decimal("693894.000000"), 0, "693894"),
        (Decimal("792.0000"), 0, "792"),
        (Decimal("1110.3700"), 2, "1110.37"),
        (Decimal("20.3000"), 1, "20.3"),
        (Decimal("20.3000"), 2, "20.30"),
        # A computed ratio keeps every digit it has: nothing is rounded away.
        (Decimal("124.179412"), 2, "124.179412"),
        (Decimal("-0.500000"), 0, "-0.5"),
        (Decimal("0E-6"), 2, "0.00"),
    ],
)
def test_a_number_is_shown_exactly_with_at_least_its_printed_decimals(value: Decimal, decimals: int, text: str) -> None:
    assert str(shown(value, decimals)) == text
    assert shown(value, decimals) == value


def test_a_workbook_cell_shows_the_printed_decimals_and_any_further_digits() -> None:
    assert number_format("DECIMAL(20,6)", 2) == "#,##0.00####"
    assert number_format("DECIMAL(18,4)", 0) == "#,##0.####"
    assert number_format("DECIMAL(18,2)") == "#,##0.00"
    assert number_format("DECIMAL(18,4)", 6) == "#,##0.0000"
    assert number_format("INTEGER", 2) is None


@pytest.mark.e2e
def test_the_finnish_csvs_show_key_figures_and_reconciliation_as_printed(
    warehouse: duckdb.DuckDBPyConnection, warehouse_file: Path
) -> None:
    # The spreadsheets of a one-municipality build: per municipality, under its folder.
    exports = warehouse_file.parent / "exports" / "heinola"
    # Read by hand: Perusopetus €/asukas 792 € (2023), Musiikkiopisto €/asukas 32,76 € (2023).
    kpis = read_fi_csv(exports / "fact_kpi.fi.csv")
    values = {
        (row["indicator"], row["unit_of_measure"], row["fiscal_year"], row["measure_type"]): row["value"]
        for row in kpis
    }
    assert values[("Perusopetus", "€/asukas", "2023", "actual")] == "792"
    assert values[("Musiikkiopisto", "€/asukas", "2023", "actual")] == "32,76"
    assert values[("HYTE-kerroin", "€/asukas", "2025", "target")] == "20,30"
    # The board's Toimintatuotot 2024, 693 894, in the rollup of its service area's units:
    # euros to the cent, printed 693894,00 rather than 693894,000000.
    checks = read_fi_csv(exports / "rpt_reconciliation.fi.csv")
    expected = {row["expected_value"] for row in checks if row["check_name"] == "subtotal"}
    assert "693894,00" in expected
    euros = [row for row in checks if row["measure_unit"] == "eur"]
    assert euros
    assert {len(row["expected_value"].partition(",")[2]) for row in euros} == {2}
    # The percentages keep the digits of the ratio computed from the printed amounts.
    (ratio,) = warehouse.execute(
        "select computed_value from analytics.rpt_reconciliation where check_name = 'printed_execution_pct' "
        "and unit_id = 'heinola.yhteiset_palvelut' and line_item_id = 'muut_toimintatuotot'"
    ).fetchone() or (None,)
    printed = next(
        row["computed_value"]
        for row in checks
        if row["check_name"] == "printed_execution_pct"
        and row["unit_id"] == "heinola.yhteiset_palvelut"
        and row["line_item_id"] == "muut_toimintatuotot"
    )
    assert Decimal(printed.replace(",", ".")) == ratio


def read_fi_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))
