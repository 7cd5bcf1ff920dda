"""A small report whose unit of amounts is stated in common wording loads in euros at that
scale: the statement is where a report prints it (a line above the table, the header's unit
cell), and a sentence about an amount there changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.extract import extract_paths
from kuntatalous.text.sentences import sentences

from .unit_statements import MILLIONS_STATEMENTS, NO_UNIT_STATEMENTS, THOUSANDS_STATEMENTS, UNPLACED_STATEMENTS

TITLE = "VAALAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n## Tekninen lautakunta\n\n"
TABLE = "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n"


@pytest.mark.parametrize(
    ("above", "unit_cell", "factor"),
    [
        *((statement, "Tekninen lautakunta", 1000) for statement in THOUSANDS_STATEMENTS),
        *((statement, "Tekninen lautakunta", 1_000_000) for statement in MILLIONS_STATEMENTS),
        *((statement, "Tekninen lautakunta", 1) for statement in NO_UNIT_STATEMENTS),
        ("Hanke maksoi kymmenen tuhatta euroa.", "Tekninen lautakunta", 1),
        # The table's label and its scale, no comma between: the table's caption; another
        # caption so too, its unit at the right edge of the converted page.
        ("Tekninen lautakunta 1 000 €", "Tekninen lautakunta", 1000),
        ("Käyttötalous                 1 000 €", "Tekninen lautakunta", 1000),
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


@pytest.mark.parametrize("above", UNPLACED_STATEMENTS)
def test_figures_said_to_be_in_thousands_in_words_not_read_are_a_reject(tmp_path: Path, above: str) -> None:
    (tmp_path / "vaala.txt").write_text(f"{TITLE}{above}\n\n{TABLE}", encoding="utf-8")
    extraction = extract_paths([tmp_path], keep_going=True)
    assert extraction.budget_rows == []
    [reject] = extraction.rejects
    # The table (line 9) is held back; its reason names the sentence's line, 7, and quotes it.
    held_back = ("source_file", "source_line", "last_line", "table_kind")
    assert tuple(reject[key] for key in held_back) == ("vaala.txt", 9, 10, "budget")
    sentence = next(part for part in sentences(above) if "luvut" in part.casefold())
    unread = f"vaala.txt:7 speaks of its figures in a scale not read as their unit: '{sentence}'"
    assert f"the table reads as whole euros, but {unread}" in str(reject["reason"])


def test_a_sentence_in_words_not_read_leaves_a_table_naming_its_unit_alone(tmp_path: Path) -> None:
    table = TABLE.replace("lautakunta", "lautakunta (1 000 €)", 1)
    text = f"{TITLE}Luvut on esitetty tuhansina euroina ja kasvoivat.\n\n{table}"
    (tmp_path / "vaala.txt").write_text(text, encoding="utf-8")
    [row] = extract_paths([tmp_path]).budget_rows
    assert (row["amount_scale"], row["actual_eur"]) == (1000, Decimal(-900_000))


def test_a_chapters_statement_holds_for_its_numbered_sections_printed_at_its_level(tmp_path: Path) -> None:
    # A probe's Utsjoki: the chapter (3) and its section (3.1) both `##`, as converted pages
    # print them; the chapter states the unit, the section's table prints none.
    text = (
        "UTSJOEN KUNTA\n\nTILINPÄÄTÖS 2025\n\n## 3 TALOUSARVION TOTEUTUMINEN\n\nLuvut tuhansina euroina.\n\n"
        "## 3.1 Vapaa-aikalautakunta\n\nVapaa-aikalautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
        "Toimintakate\t-361\t-372\t-352\t20\n\n## 4 TULOSLASKELMAOSA\n\n## 4.1 Tuloslaskelma\n\n"
        "Kunnanhallitus\tTA 2025\tTP 2025\nToimintakate\t-1 000\t-900\n"
    )
    (tmp_path / "utsjoki.txt").write_text(text, encoding="utf-8")
    section, other = extract_paths([tmp_path]).budget_rows
    # Read by hand: 3.1's figures in thousands (-352 -> -352 000 €); 4.1's chapter states none.
    assert (section["amount_scale"], section["actual_eur"], section["budget_eur"]) == (
        1000,
        Decimal(-352_000),
        Decimal(-372_000),
    )
    assert (other["amount_scale"], other["actual_eur"]) == (1, Decimal(-900))
