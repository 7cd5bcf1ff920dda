"""A small report whose unit of amounts is stated in common wording loads in euros at that
scale: the statement is where a report prints it (a line above the table, the header's unit
cell), and a sentence about an amount there changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.extract import extract_paths

from .unit_statements import MILLIONS_STATEMENTS, NO_UNIT_STATEMENTS, THOUSANDS_STATEMENTS

TITLE = "VAALAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n## Tekninen lautakunta\n\n"
TABLE = "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n"


@pytest.mark.parametrize(
    ("above", "unit_cell", "factor"),
    [
        *((statement, "Tekninen lautakunta", 1000) for statement in THOUSANDS_STATEMENTS),
        *((statement, "Tekninen lautakunta", 1_000_000) for statement in MILLIONS_STATEMENTS),
        *((statement, "Tekninen lautakunta", 1) for statement in NO_UNIT_STATEMENTS),
        ("Hanke maksoi kymmenen tuhatta euroa.", "Tekninen lautakunta", 1),
        # The table's label and its scale, no comma between: the table's caption.
        ("Tekninen lautakunta 1 000 €", "Tekninen lautakunta", 1000),
        ("TEKNINEN LAUTAKUNTA t€", "Tekninen lautakunta", 1000),
        ("Tekninen lautakunta milj. €", "Tekninen lautakunta", 1_000_000),
        ("", "Tekninen lautakunta, EUR 1000", 1000),
        ("", "Tekninen lautakunta € 1 000", 1000),
        ("", "Tekninen lautakunta, tuhatta €", 1000),
        ("", "Tekninen lautakunta, EUR 1 000 000", 1_000_000),
    ],
)
def test_a_report_stating_its_scale_in_common_words(tmp_path: Path, above: str, unit_cell: str, factor: int) -> None:
    table = TABLE.replace("Tekninen lautakunta", unit_cell, 1)
    (tmp_path / "vaala.txt").write_text(f"{TITLE}{above}\n\n{table}", encoding="utf-8")
    extraction = extract_paths([tmp_path])
    [row] = extraction.budget_rows
    assert row["unit_label"] == "Tekninen lautakunta"
    assert row["row_label"] == "Toimintakate"
    assert row["amount_scale"] == factor
    assert row["budget_eur"] == Decimal(-1000 * factor)
    assert row["actual_eur"] == Decimal(-900 * factor)
