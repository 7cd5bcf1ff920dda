"""Key-figure tables (Tunnusluvut): the committed Heinola report, read by hand, and small fixtures.

Every expected value below was read from the report's text by eye, not copied from the
extractor's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output.records import KEY_FIGURES
from kuntatalous.output.rejects import Rejects
from kuntatalous.tables.key_figures import KEY_FIGURE_COLUMNS, key_figure_records
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.layout import TableBlock, find_layout
from kuntatalous.text.reading import read_report

from .text_view import as_text

REPORTS = Path(__file__).resolve().parents[2] / "reports"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEINOLA = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"

Record = dict[str, str]

# The two printings of the same table: header lines 132 and 234.
FIRST_HEADER = "132"
SECOND_HEADER = "234"
FUNDING = "Ulkopuolinen rahoitus"

# Counted by hand from the text. Each printing has 15 rows with one number in each of
# its 4 value columns (lines 133-147 and 235-249): 15 x 4 = 60. The funding indicator
# (lines 148-152 and 250-254) prints one "code: number" per cell: 4 cells in Toteutuma
# 2023, 4 in Toteutuma 2024, 3 in Tavoite 2025 (the cell on the varhaiskasvatus row is
# empty) and 4 in Toteutuma 2025 = 15; its last row (virikkeellinen elämä) is empty.
# 60 + 15 = 75 values in each printing.
RECORDS_PER_PRINTING = 75


def key_figure_blocks(path: Path) -> list[TableBlock]:
    return blocks_of_lines(read_report(path, path.name).lines)


def blocks_of_lines(lines: Sequence[str]) -> list[TableBlock]:
    """The key-figure table blocks of a report's lines."""
    return [block for block in find_layout(lines).tables if other_table_kind(block) == "key_figures"]


def records_of_lines(lines: list[str], statement_year: int | None = None) -> list[Record]:
    """The key-figure records of a report's lines (of a statement of ``statement_year``), as text."""
    parsed = key_figure_records(blocks_of_lines(lines), "mem.txt", statement_year=statement_year)
    return as_text(KEY_FIGURES, parsed.records)


@pytest.fixture(scope="module")
def heinola() -> tuple[list[Record], list[str]]:
    parsed = key_figure_records(key_figure_blocks(REPORTS / HEINOLA), HEINOLA)
    return as_text(KEY_FIGURES, parsed.records), parsed.warnings


def printing(records: list[Record], header_line: str) -> list[Record]:
    return [record for record in records if record["table_line"] == header_line]


def find(records: list[Record], *, indicator: str, row_label: str, column: str, sub_area: str = "") -> Record:
    found = [
        r
        for r in records
        if r["indicator"] == indicator
        and r["row_label"] == row_label
        and r["column_header"] == column
        and r["sub_area"] == sub_area
    ]
    assert len(found) == 1, found
    return found[0]


def test_every_record_has_the_columns_in_order(heinola: tuple[list[Record], list[str]]) -> None:
    records, _ = heinola
    assert KEY_FIGURE_COLUMNS[:3] == ("source_line", "table_line", "table_heading")
    assert all(tuple(record) == KEY_FIGURE_COLUMNS for record in records)
    assert {record["table_heading"] for record in records} == {"Tunnusluvut"}
    assert {record["is_parsed"] for record in records} == {"true"}


def test_record_counts_per_printing(heinola: tuple[list[Record], list[str]]) -> None:
    records, _ = heinola
    assert len(printing(records, FIRST_HEADER)) == RECORDS_PER_PRINTING
    assert len(printing(records, SECOND_HEADER)) == RECORDS_PER_PRINTING
    assert len(records) == 2 * RECORDS_PER_PRINTING
    # The first printing's records come first: document order.
    assert [r["table_line"] for r in records] == [FIRST_HEADER] * 75 + [SECOND_HEADER] * 75


@pytest.mark.parametrize("header_line", [FIRST_HEADER, SECOND_HEADER])
def test_hand_read_values_with_unit_and_year(heinola: tuple[list[Record], list[str]], header_line: str) -> None:
    records = printing(heinola[0], header_line)
    offset = int(header_line) - int(FIRST_HEADER)

    music = find(records, indicator="Musiikkiopisto", row_label="\u20ac/opiskelija", column="Toteutuma 2025")
    assert (music["value"], music["unit_of_measure"], music["fiscal_year"], music["measure_type"]) == (
        "1279",
        "\u20ac/opiskelija",
        "2025",
        "actual",
    )
    assert music["source_line"] == str(141 + offset)

    pupil = find(records, indicator="Perusopetus", row_label="\u20ac/oppilas", column="Toteutuma 2024")
    assert (pupil["value"], pupil["unit_of_measure"], pupil["fiscal_year"], pupil["measure_type"]) == (
        "10879",
        "\u20ac/oppilas",
        "2024",
        "actual",
    )
    assert pupil["value_raw"] == "10 879 \u20ac"

    visits = find(
        records,
        indicator="Kirjaston fyysiset käynnit",
        row_label="Kirjaston fyysiset käynnit ka / asukas",
        column="Toteutuma 2025",
    )
    assert (visits["value"], visits["value_decimals"], visits["unit_of_measure"]) == ("6.3", "1", "per asukas")


@pytest.mark.parametrize("header_line", [FIRST_HEADER, SECOND_HEADER])
def test_hand_read_values_with_the_qualifier_their_label_prints(
    heinola: tuple[list[Record], list[str]], header_line: str
) -> None:
    records = printing(heinola[0], header_line)
    school = find(
        records,
        indicator="Peruskoulun suorittaneiden osuus",
        row_label="Peruskoulun suorittaneiden osuus % 9. luokkalaisista",
        column="Toteutuma 2023",
    )
    assert (school["value"], school["unit_of_measure"], school["fiscal_year"]) == ("98", "%", "2023")
    assert school["indicator_qualifier"] == "9. luokkalaisista"

    children = find(
        records,
        indicator="Varhaiskasvatus",
        row_label="\u20ac/lapsi (Heinolan kaikki alle kouluikäiset)",
        column="Tavoite 2025",
    )
    assert (children["value"], children["unit_of_measure"], children["measure_type"]) == (
        "13383",
        "\u20ac/lapsi",
        "target",
    )
    assert children["indicator_qualifier"] == "Heinolan kaikki alle kouluikäiset"

    people = find(
        records,
        indicator="Virikkeellisen elämän omatoimiseen ja ryhmätoimintaan osallistuneet",
        row_label=(
            "Virikkeellisen elämän (kirjasto, liikunta, lintuhoitola, nuoriso ja museo) "
            "omatoimiseen ja ryhmätoimintaan osallistuneet"
        ),
        column="Toteutuma 2023",
    )
    assert (people["value"], people["unit_of_measure"]) == ("360749", "count")
    assert people["indicator_qualifier"] == "kirjasto, liikunta, lintuhoitola, nuoriso ja museo"


def test_hyte_target_keeps_its_printed_decimals(heinola: tuple[list[Record], list[str]]) -> None:
    label = "HYTE-kerroin \u20ac/ asukas (Sotkanet)"
    first = find(printing(heinola[0], FIRST_HEADER), indicator="HYTE-kerroin", row_label=label, column="Tavoite 2025")
    assert (first["value"], first["value_decimals"], first["unit_of_measure"]) == ("20.30", "2", "\u20ac/asukas")
    assert (first["fiscal_year"], first["measure_type"], first["indicator_qualifier"]) == ("2025", "target", "Sotkanet")
    assert first["value_raw"] == "20,30 euroa/ as."
    # The second printing (line 235) prints the same target as "20,3 euroa/ as.".
    second = find(printing(heinola[0], SECOND_HEADER), indicator="HYTE-kerroin", row_label=label, column="Tavoite 2025")
    assert (second["value"], second["value_decimals"]) == ("20.3", "1")


def test_multi_valued_funding_cells_split_into_sub_areas(heinola: tuple[list[Record], list[str]]) -> None:
    records = [r for r in printing(heinola[0], FIRST_HEADER) if r["indicator"] == FUNDING]
    assert {r["row_label"] for r in records} == {"Ulkopuolinen rahoitus/\u20ac"}
    assert {r["unit_of_measure"] for r in records} == {"\u20ac"}
    by_cell = {(r["column_header"], r["sub_area"]): r for r in records}

    actual_2025 = {code: by_cell[("Toteutuma 2025", code)]["value"] for code in ("hyte", "opkou", "vaka", "vire")}
    assert actual_2025 == {"hyte": "384100", "opkou": "190499", "vaka": "115505", "vire": "317755"}
    assert by_cell[("Toteutuma 2025", "hyte")]["value_raw"] == "hyte: 384.100 euroa"
    assert by_cell[("Toteutuma 2025", "hyte")]["source_line"] == "148"
    assert by_cell[("Toteutuma 2025", "vire")]["source_line"] == "151"

    target_2025 = {code for column, code in by_cell if column == "Tavoite 2025"}
    assert target_2025 == {"opkou", "vaka", "vire"}
    assert by_cell[("Tavoite 2025", "vire")]["value"] == "185000"  # printed "vire: 185.000 \u20ac"

    op_kou = by_cell[("Toteutuma 2024", "opkou")]
    assert (op_kou["value"], op_kou["value_raw"]) == ("256945", "op/kou 256 945")
    assert by_cell[("Toteutuma 2023", "vaka")]["value"] == "509928"  # printed "vaka : 509 928"

    names = {r["sub_area"]: r["sub_area_name"] for r in records}
    assert names == {
        "hyte": "hyvinvoinnin ja terveyden edistäminen",
        "opkou": "opetus- ja koulutuspalvelut",
        "vaka": "varhaiskasvatus",
        "vire": "virikkeellinen elämä",
    }
    assert all(r["sub_area"] for r in records)


def test_the_two_printings_differ_only_where_the_text_does(heinola: tuple[list[Record], list[str]]) -> None:
    first = printing(heinola[0], FIRST_HEADER)
    second = printing(heinola[0], SECOND_HEADER)
    ignored = {"source_line", "table_line", "value_raw", "sub_area_name"}
    differences = [
        (a["indicator"], a["column_header"], column, a[column], b[column])
        for a, b in zip(first, second, strict=True)
        for column in KEY_FIGURE_COLUMNS
        if column not in ignored and a[column] != b[column]
    ]
    # Read by hand: line 235 prints the HYTE target as 20,3 (line 133: 20,30), line 245
    # the school-leavers' target as 100 € (line 143: 100 %), and line 250 the 2023 funding
    # code as "hyty" (line 148: "hyte").
    assert differences == [
        ("HYTE-kerroin", "Tavoite 2025", "value", "20.30", "20.3"),
        ("HYTE-kerroin", "Tavoite 2025", "value_decimals", "2", "1"),
        ("Peruskoulun suorittaneiden osuus", "Tavoite 2025", "printed_unit", "%", "\u20ac"),
        (FUNDING, "Toteutuma 2023", "sub_area", "hyte", "hyty"),
    ]
    # Each record sits 102 lines after its first printing.
    assert all(int(b["source_line"]) - int(a["source_line"]) == 102 for a, b in zip(first, second, strict=True))
    # "hyty" makes five codes for four legend items, so the second printing's sub-areas
    # stay unnamed rather than named by a guess.
    assert {r["sub_area_name"] for r in second if r["indicator"] == FUNDING} == {""}
    assert [r["sub_area_name"] for r in first if r["indicator"] != FUNDING] == [""] * 60


def test_warnings_name_the_file_and_line(heinola: tuple[list[Record], list[str]]) -> None:
    _, warnings = heinola
    # The first printing reads cleanly; the second prints "100 \u20ac" under a % label
    # (line 245) and the "hyty" code (line 250).
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{HEINOLA}:245: column 'Tavoite 2025': unit '\u20ac'")
    assert "kept '%'" in warnings[0]
    assert warnings[1].startswith(f"{HEINOLA}:250: ")
    assert "hyty" in warnings[1]
    school = find(
        printing(heinola[0], SECOND_HEADER),
        indicator="Peruskoulun suorittaneiden osuus",
        row_label="Peruskoulun suorittaneiden osuus % 9. luokkalaisista",
        column="Tavoite 2025",
    )
    assert (school["value"], school["unit_of_measure"], school["value_raw"]) == ("100", "%", "100 \u20ac")
    # The cell's own unit is kept beside the label's: key_figure_reprint compares it.
    assert school["printed_unit"] == "\u20ac"


def test_unreadable_cells_are_kept_unparsed_with_a_warning() -> None:
    source = "key_figures_unreadable.txt"
    parsed = key_figure_records(key_figure_blocks(FIXTURES / source), source)
    records, warnings = as_text(KEY_FIGURES, parsed.records), parsed.warnings
    cells = [(r["source_line"], r["column_header"], r["value"], r["is_parsed"], r["value_raw"]) for r in records]
    # Line 4's Toteuma 2031 cell is empty: no record. "1.279" on line 4 is a count, so its
    # dot cannot be a thousands separator; on line 5 it is in euros and reads as 1279.
    assert cells == [
        ("4", "Toteuma 2030", "", "false", "ei tietoa"),
        ("4", "Tavoite 2031", "", "false", "1.279"),
        ("5", "Toteuma 2030", "1279", "true", "1.279 \u20ac"),
        ("5", "Tavoite 2031", "12", "true", "12"),
        ("5", "Toteuma 2031", "", "false", "12 (arvio)"),
    ]
    assert records[0]["value_decimals"] == ""
    assert records[0]["unit_of_measure"] == "count"
    assert records[2]["unit_of_measure"] == "\u20ac/asukas"
    assert warnings == [
        f"{source}:4: column 'Toteuma 2030': cannot read 'ei tietoa' as a number",
        f"{source}:4: column 'Tavoite 2031': cannot read '1.279' as a number",
        f"{source}:5: column 'Toteuma 2031': cannot read '12 (arvio)' as a number",
    ]


def test_unknown_column_header_is_an_error_naming_the_header_line() -> None:
    source = "key_figures_bad_header.txt"
    blocks = key_figure_blocks(FIXTURES / source)
    with pytest.raises(ExtractionError, match="Ennuste 2031") as caught:
        key_figure_records(blocks, source)
    assert (caught.value.source, caught.value.line) == (source, 3)
    assert str(caught.value).startswith(f"{source}:3: ")


BARE_YEARS = [
    "Tunnusluku\t2023\t2024\t2025",
    "Asukasmäärä 31.12.\t20 411\t20 307\t20 198",
    "Lainat, € / asukas\t3 120\t3 305\t3 412",
]
"""A key-figure table headed by years alone, read by hand: 6 figures, each an actual of its year."""


def test_years_alone_up_to_the_statements_are_actuals() -> None:
    records = records_of_lines(BARE_YEARS, 2025)
    read = [(r["indicator"], r["column_header"], r["fiscal_year"], r["measure_type"], r["value"]) for r in records]
    assert read == [
        ("Asukasmäärä 31.12.", "2023", "2023", "actual", "20411"),
        ("Asukasmäärä 31.12.", "2024", "2024", "actual", "20307"),
        ("Asukasmäärä 31.12.", "2025", "2025", "actual", "20198"),
        ("Lainat", "2023", "2023", "actual", "3120"),
        ("Lainat", "2024", "2024", "actual", "3305"),
        ("Lainat", "2025", "2025", "actual", "3412"),
    ]


@pytest.mark.parametrize(
    "plan", ["TS 2026\tTS 2027", "Taloussuunnitelma 2026\tTaloussuunnitelma 2027", "EP 2026\tEP 2027"]
)
def test_the_financial_plans_years_are_read_as_plans(plan: str) -> None:
    """A table printing the financial plan's years beside the budget year (Tampere's, Vaasa's):
    each is that year's plan. It was refused whole, its actuals with it."""
    lines = [
        f"Tunnusluku\tTP 2024\tTA 2025\tTP 2025\t{plan}",
        "Asiakkaat\t1 200\t1 250\t1 310\t1 300\t1 320",
    ]
    records = records_of_lines(lines, 2025)
    read = [(r["column_header"], r["fiscal_year"], r["measure_type"], r["value"]) for r in records]
    first, second = plan.split("\t")
    # Read by hand from the two lines above.
    assert read == [
        ("TP 2024", "2024", "actual", "1200"),
        ("TA 2025", "2025", "target", "1250"),
        ("TP 2025", "2025", "actual", "1310"),
        (first, "2026", "plan", "1300"),
        (second, "2027", "plan", "1320"),
    ]


def test_a_span_of_the_plans_years_is_refused() -> None:
    lines = ["Tunnusluku\tTP 2025\tTS 2026-2028", "Asiakkaat\t1 310\t3 900"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: column 'TS 2026-2028' names more than one year"):
        records_of_lines(lines, 2025)


@pytest.mark.parametrize(
    ("header", "statement_year", "message"),
    [
        # A year after the statement's: a plan or a forecast, not an actual.
        (
            "Tunnusluku\t2024\t2025\t2026",
            2025,
            r"^mem\.txt:1: column '2026' names a year alone, after the statement's \(2025\)",
        ),
        # No statement year to read the years by.
        ("Tunnusluku\t2023\t2024\t2025", None, r"^mem\.txt:1: column '2023' names a year alone, and the report names"),
        # A year alone beside the same year's actual.
        ("Tunnusluku\tTP 2024\t2024\t2025", 2025, r"^mem\.txt:1: columns 'TP 2024' and '2024' give the same figure"),
        ("Tunnusluku\t2024 arvio\t2025", 2025, r"^mem\.txt:1: unexpected column '2024 arvio'"),
    ],
)
def test_years_alone_that_cannot_be_read_are_refused(header: str, statement_year: int | None, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        records_of_lines([header, *BARE_YEARS[1:]], statement_year)


def test_a_table_of_another_kind_is_refused() -> None:
    report = read_report(FIXTURES / "mini_report.txt", "mini_report.txt")
    budget = find_layout(report.lines).tables[0]
    with pytest.raises(ExtractionError, match="not a key-figure table"):
        key_figure_records([budget], "mini_report.txt")


def test_a_label_naming_thousands_or_millions_of_euros_gives_euros() -> None:
    lines = [
        "Tunnusluku\tToteutuma 2024\tToteutuma 2025\tTavoite 2025",
        "Nettokustannukset, 1 000 €\t-4 500\t-4 620,5\t-4 600",
        "Lainakanta (milj. €)\t45,2\t47,0\t46",
    ]
    records = records_of_lines(lines)
    read = [
        (r["indicator"], r["indicator_qualifier"], r["unit_of_measure"], r["value"], r["value_decimals"])
        for r in records
    ]
    # Read by hand: each printed figure times the label's scale (its decimals kept, as in the
    # budget rows), its precision in euros.
    assert read == [
        ("Nettokustannukset", "", "€", "-4500000", "-3"),
        ("Nettokustannukset", "", "€", "-4620500.0", "-2"),
        ("Nettokustannukset", "", "€", "-4600000", "-3"),
        ("Lainakanta", "", "€", "45200000.0", "-5"),
        ("Lainakanta", "", "€", "47000000.0", "-5"),
        ("Lainakanta", "", "€", "46000000", "-6"),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Tunnusluku\tTP 2024\tTA 2025\tTP 2025",
        "Tunnusluvut\tToteuma 2024\tTavoite 2025\tToteuma 2025",
        "Nyckeltal\tUtfall 2024\tMål 2025\tUtfall 2025",
        "Tunnusluku\tToteutunut 2024\tTavoite 2025\tToteutunut 2025",
    ],
)
def test_key_figure_headers_in_budget_words_plural_or_swedish(header: str) -> None:
    lines = [header, "Lapset varhaiskasvatuksessa, kpl\t820\t800\t812"]
    records = records_of_lines(lines)
    # Read by hand: the actual of 2024, the target (or the budget's value) of 2025, the actual of 2025.
    assert [(r["fiscal_year"], r["measure_type"], r["value"], r["unit_of_measure"]) for r in records] == [
        ("2024", "actual", "820", "count"),
        ("2025", "target", "800", "count"),
        ("2025", "actual", "812", "count"),
    ]


def test_thousands_of_something_else_or_per_resident_keep_their_unit() -> None:
    lines = [
        "Tunnusluku\tToteutuma 2024\tToteutuma 2025\tTavoite 2025",
        "Asukasluku (tuhansina)\t21,5\t21,4\t21,6",
        "Lainakanta, 1 000 €/asukas\t4,5\t4,6\t4,4",
    ]
    records = records_of_lines(lines)
    # Read by hand: residents in thousands are no euros and no count of 21,5 residents: the
    # value as printed, the unit unknown, the multiplier kept in the name; euros per resident
    # in thousands are euros per resident.
    assert [(r["indicator"], r["unit_of_measure"], r["value"]) for r in records] == [
        ("Asukasluku (tuhansina)", "", "21.5"),
        ("Asukasluku (tuhansina)", "", "21.4"),
        ("Asukasluku (tuhansina)", "", "21.6"),
        ("Lainakanta", "€/asukas", "4500.0"),
        ("Lainakanta", "€/asukas", "4600.0"),
        ("Lainakanta", "€/asukas", "4400.0"),
    ]


def test_a_count_per_resident_is_a_ratio() -> None:
    lines = [
        "Tunnusluku\tToteutuma 2024\tToteutuma 2025\tTavoite 2025",
        "Kirjaston lainaukset / asukas\t9,4\t9,1\t10,0",
        "Opettajat / ohjaajat\t12\t13\t12",
        "Toimintakate / asukas, €\t-4 100\t-4 250\t-4 200",
        "Lainat / asukas, 1 000 €\t4,5\t4,6\t4,4",
    ]
    records = records_of_lines(lines)
    # Read by hand: loans per resident; two groups of staff over a slash are no ratio; a label
    # that goes on to name euros is in euros (per resident in its name), at the scale it names.
    assert [(r["indicator"], r["unit_of_measure"], r["value"]) for r in records] == [
        ("Kirjaston lainaukset", "per asukas", "9.4"),
        ("Kirjaston lainaukset", "per asukas", "9.1"),
        ("Kirjaston lainaukset", "per asukas", "10.0"),
        ("Opettajat / ohjaajat", "count", "12"),
        ("Opettajat / ohjaajat", "count", "13"),
        ("Opettajat / ohjaajat", "count", "12"),
        ("Toimintakate / asukas", "€", "-4100"),
        ("Toimintakate / asukas", "€", "-4250"),
        ("Toimintakate / asukas", "€", "-4200"),
        ("Lainat / asukas", "€", "4500.0"),
        ("Lainat / asukas", "€", "4600.0"),
        ("Lainat / asukas", "€", "4400.0"),
    ]


MULTIPLIED = [
    "Tunnusluku\tTP 2024\tTA 2025\tTP 2025",
    "Laskutettu vesi, milj. m³\t21,4\t21,6\t21,8",
    "Yöpymiset, 1 000 kpl\t812\t820\t835",
    "Kävijät (tuhatta)\t52\t50\t55",
    "Vesijohtoverkosto, km\t410\t412\t415",
]
"""Key figures in millions and thousands of something other than euros (lines 2-4, Tampereen
Vesi's billed water among them), and one in plain kilometres (line 5), read by hand."""


def test_a_unit_after_a_multiplier_is_unknown_and_stays_in_the_name() -> None:
    records = records_of_lines(MULTIPLIED, 2025)
    read = [
        (r["source_line"], r["indicator"], r["indicator_qualifier"], r["unit_of_measure"], r["value"]) for r in records
    ]
    # Read by hand: 21,4 million cubic metres are no 21,4 cubic metres, 812 thousand nights no
    # count of 812: each value as printed, its unit unknown (NULL), the multiplier and the unit
    # in the name as printed. Plain kilometres are kilometres.
    assert read == [
        ("2", "Laskutettu vesi, milj. m³", "", "", "21.4"),
        ("2", "Laskutettu vesi, milj. m³", "", "", "21.6"),
        ("2", "Laskutettu vesi, milj. m³", "", "", "21.8"),
        ("3", "Yöpymiset, 1 000 kpl", "", "", "812"),
        ("3", "Yöpymiset, 1 000 kpl", "", "", "820"),
        ("3", "Yöpymiset, 1 000 kpl", "", "", "835"),
        ("4", "Kävijät (tuhatta)", "", "", "52"),
        ("4", "Kävijät (tuhatta)", "", "", "50"),
        ("4", "Kävijät (tuhatta)", "", "", "55"),
        ("5", "Vesijohtoverkosto", "", "km", "410"),
        ("5", "Vesijohtoverkosto", "", "km", "412"),
        ("5", "Vesijohtoverkosto", "", "km", "415"),
    ]


def test_a_multiplier_in_the_unit_column_is_no_unit_either() -> None:
    lines = [
        "Tunnusluku\tYksikkö\tTP 2024\tTP 2025",
        "Laskutettu vesi\tmilj. m³\t21,4\t21,8",
        "Laskutettu vesi\tm³\t21 400 000\t21 800 000",
    ]
    read = [(r["indicator"], r["unit_of_measure"], r["value"]) for r in records_of_lines(lines, 2025)]
    # Read by hand: the unit column's millions of cubic metres as the label's (unknown, in the
    # name); its cubic metres are cubic metres.
    assert read == [
        ("Laskutettu vesi, milj. m³", "", "21.4"),
        ("Laskutettu vesi, milj. m³", "", "21.8"),
        ("Laskutettu vesi", "m³", "21400000"),
        ("Laskutettu vesi", "m³", "21800000"),
    ]


PER_RESIDENT = [
    "Tunnusluku\tYksikkö\tTP 2024\tTA 2025\tTP 2025",
    "Kirjaston lainaukset asukasta kohden\tkpl\t14,2\t14,0\t13,6",
    "Kirjastokäynnit per asukas\t\t5,1\t5,0\t5,3",
    "Boklån per invånare\t\t9,8\t9,5\t9,9",
    "Rikokset 1 000 asukasta kohden\t\t41\t40\t39",
    "Syntyneet / 1000 asukasta\t\t8,1\t8,0\t7,9",
    "Lomaasuntojen määrä\tkpl\t1 642\t1 650\t1 655",
]
"""Counts per resident in words, Finnish and Swedish, and per thousand residents (lines 2-6;
line 2 as Kustavi prints it, with its unit column's `kpl`), and a plain count (line 7)."""


def test_a_count_per_resident_in_words_is_a_ratio_named_without_the_resident() -> None:
    records = records_of_lines(PER_RESIDENT, 2025)
    read = {(r["source_line"], r["indicator"], r["indicator_qualifier"], r["unit_of_measure"]) for r in records}
    # Read by hand: loans per resident (`asukasta kohden`, counted in `kpl`), visits per resident,
    # Swedish loans per resident, crimes and births per thousand residents: ratios, none a count;
    # holiday homes are a count.
    assert read == {
        ("2", "Kirjaston lainaukset", "", "per asukas"),
        ("3", "Kirjastokäynnit", "", "per asukas"),
        ("4", "Boklån", "", "per invånare"),
        ("5", "Rikokset", "", "per 1 000 asukasta"),
        ("6", "Syntyneet", "", "per 1 000 asukasta"),
        ("7", "Lomaasuntojen määrä", "", "count"),
    }
    assert [r["value"] for r in records if r["source_line"] == "2"] == ["14.2", "14.0", "13.6"]


@pytest.mark.parametrize(
    ("first_cell", "kind"),
    [
        ("Tunnusluvut", "key_figures"),
        ("Tuloslaskelman tunnusluvut", "key_figures"),
        ("Keskeiset nyckeltal", "key_figures"),
        # The word must start a word of the cell.
        ("Tunnuslukuraportti", "key_figures"),
        ("Kuntatunnusluvut", "unknown"),
        ("Kaupungin tuloslaskelma", "unknown"),
        # A goals table's first cell naming the key figure too is no key-figure table's (its
        # other columns tell it a goals table's).
        ("Tavoite ja tunnusluku", "unknown"),
        ("Mål och nyckeltal", "unknown"),
    ],
)
def test_a_key_figure_table_is_told_by_the_word_in_its_first_cell(first_cell: str, kind: str) -> None:
    """Tuloslaskelman tunnusluvut | TP 2024 | TA 2025 | TP 2025 was read as a budget table of the
    unit above it: its ratios and resident counts as euros."""
    (block,) = find_layout([f"{first_cell}\tTP 2024\tTA 2025\tTP 2025", "Asukasmäärä\t33 878\t34 300\t34 290"]).tables
    assert other_table_kind(block) == kind


MEASURES = [
    "Tunnusluku\tTP 2024\tTP 2025",
    "Vesijohtoverkoston saneeraus km\t9,9\t10,1",
    "Laskutettu vesi m3\t1 234 567\t1 198 000",
    "Tilat, m²/asukas\t4,2\t4,1",
    "Sairauspoissaolot pv/henkilö\t12,5\t11,0",
    "Rakennuslupien käsittelyaika (vrk)\t31\t28",
    "Asiakkaat, lkm\t412\t430",
    "Barn i småbarnspedagogik, antal\t310\t298",
    "Kalkkunat kg\t5\t6",
]
"""A key-figure table whose labels end on units of measure, read by hand; `kg` is no unit the
extractor knows: it stays in the name, a count."""


def test_units_of_measure_leave_the_name() -> None:
    records = records_of_lines(MEASURES, 2025)
    read = {(r["indicator"], r["unit_of_measure"]) for r in records}
    assert read == {
        ("Vesijohtoverkoston saneeraus", "km"),
        ("Laskutettu vesi", "m\u00b3"),
        ("Tilat", "m\u00b2/asukas"),
        ("Sairauspoissaolot", "pv/henkilö"),
        ("Rakennuslupien käsittelyaika", "vrk"),
        ("Asiakkaat", "count"),
        ("Barn i småbarnspedagogik", "count"),
        ("Kalkkunat kg", "count"),
    }
    water = [r["value"] for r in records if r["indicator"] == "Laskutettu vesi"]
    assert water == ["1234567", "1198000"]


SWEDISH_SHORT = [
    "Nyckeltal\tBS 2024\tBU 2025\tBS 2025",
    "Besök på biblioteket\t152 000\t150 000\t158 300",
]
"""A Swedish key-figure table headed by the short forms of Bokslut and Budget, read by hand."""


def test_swedish_short_headers_are_actuals_and_targets() -> None:
    records = records_of_lines(SWEDISH_SHORT, 2025)
    read = [(r["column_header"], r["fiscal_year"], r["measure_type"], r["value"]) for r in records]
    assert read == [
        ("BS 2024", "2024", "actual", "152000"),
        ("BU 2025", "2025", "target", "150000"),
        ("BS 2025", "2025", "actual", "158300"),
    ]


UNIT_COLUMN = [
    "Tunnusluku\tYksikkö\t2023\t2024\t2025",
    "Asukasluku 31.12.\tas.\t65 320\t65 780\t66 240",
    "Vuosikate\t€/as.\t329\t275\t391",
    "Tuloveroprosentti\t%\t8,40\t8,40\t8,75",
    "Lainakanta 31.12.\t1 000 €\t281 400\t290 150\t300 150,5",
    "Asiakkaat\tlkm\t412\t430\t431",
    "Katuverkko\tkm\t412\t415\t416",
    "Tilat\tm2\t88 000\t87 500\t87 450",
    "Henkilöstö\thtv\t1 210,5\t1 200\t1 190",
    "Henkilöstö\thenkilötyövuotta\t1 210,5\t1 200\t1 190",
    "Lainat, € / asukas\t\t3 120\t3 305\t3 412",
    "Lapset varhaiskasvatuksessa\t\t820\t812\t805",
]
"""A key-figure table printing its units in a column of their own (lines 1-12), read by hand:
33 figures, each an actual of its year."""


def unit_column_read(records: list[Record], row_label: str) -> list[tuple[str, ...]]:
    return [
        (r["indicator"], r["indicator_qualifier"], r["unit_of_measure"], r["fiscal_year"], r["value"])
        for r in records
        if r["row_label"] == row_label
    ]


def test_a_unit_column_gives_each_row_its_unit_as_its_label_would() -> None:
    records = records_of_lines(UNIT_COLUMN, 2025)
    assert len(records) == 33
    assert {(r["measure_type"], r["printed_unit"]) for r in records} == {("actual", "")}
    # Read by hand: each unit as the label form reads it (Vuosikate, €/as.; Lainakanta 31.12.,
    # 1 000 € in euros, its precision in euros).
    assert unit_column_read(records, "Vuosikate") == [
        ("Vuosikate", "", "€/asukas", "2023", "329"),
        ("Vuosikate", "", "€/asukas", "2024", "275"),
        ("Vuosikate", "", "€/asukas", "2025", "391"),
    ]
    assert unit_column_read(records, "Tuloveroprosentti")[2] == ("Tuloveroprosentti", "", "%", "2025", "8.75")
    assert unit_column_read(records, "Lainakanta 31.12.") == [
        ("Lainakanta 31.12.", "", "€", "2023", "281400000"),
        ("Lainakanta 31.12.", "", "€", "2024", "290150000"),
        ("Lainakanta 31.12.", "", "€", "2025", "300150500.0"),
    ]
    assert [r["value_decimals"] for r in records if r["row_label"] == "Lainakanta 31.12."] == ["-3", "-3", "-2"]
    assert unit_column_read(records, "Asiakkaat")[0] == ("Asiakkaat", "", "count", "2023", "412")
    assert unit_column_read(records, "Katuverkko")[1] == ("Katuverkko", "", "km", "2024", "415")
    assert unit_column_read(records, "Tilat")[2] == ("Tilat", "", "m²", "2025", "87450")
    assert {r["source_line"] for r in records if r["row_label"] == "Tilat"} == {"8"}


def test_a_unit_the_reader_does_not_know_stays_in_the_name_and_an_empty_one_leaves_the_label() -> None:
    records = records_of_lines(UNIT_COLUMN, 2025)
    # Read by hand: as. (residents) is a count of people; h/oppilas (hours per pupil) is no unit
    # the reader knows: as in a label (`Kalkkunat kg`), it stays in the name; the unit column
    # says it is a unit, so the unit is unknown (empty), no count. htv and henkilötyövuotta are
    # person-years.
    assert unit_column_read(records, "Asukasluku 31.12.")[0] == ("Asukasluku 31.12.", "", "count", "2023", "65320")
    assert unit_column_read(records, "Henkilöstö") == [
        ("Henkilöstö", "", "htv", "2023", "1210.5"),
        ("Henkilöstö", "", "htv", "2024", "1200"),
        ("Henkilöstö", "", "htv", "2025", "1190"),
        ("Henkilöstö", "", "htv", "2023", "1210.5"),
        ("Henkilöstö", "", "htv", "2024", "1200"),
        ("Henkilöstö", "", "htv", "2025", "1190"),
    ]
    # An empty unit cell: the label alone, its own unit or none.
    assert unit_column_read(records, "Lainat, € / asukas")[1] == ("Lainat", "", "€/asukas", "2024", "3305")
    assert unit_column_read(records, "Lapset varhaiskasvatuksessa")[2] == (
        "Lapset varhaiskasvatuksessa",
        "",
        "count",
        "2025",
        "805",
    )


PROBE_UNITS = [
    "Tunnusluku\tYksikkö\tTP 2024\tTA 2025\tTP 2025",
    "Opetustunnit\th/oppilas\t1,44\t1,45\t1,46",
    "Liikeylijäämä\t% liikevaihdosta\t16,7\t15,7\t16,0",
    "Liikeylijäämä, % liikevaihdosta\t\t16,9\t16,7\t15,7 %",
    "Rörelseöverskott\t% av omsättningen\t5,1\t5,0\t5,2",
    "Käyttöaste\t%\t96,1\t95,8\t96,0",
]
"""A probe's key-figure table (Kuopio's, lines 1-3) with a unit the reader does not know and a
percentage of turnover, in its unit column and in its label, and in Swedish."""


def test_an_unknown_unit_is_no_count_and_a_percentage_keeps_what_it_is_of() -> None:
    parsed = key_figure_records(blocks_of_lines(PROBE_UNITS), "mem.txt", statement_year=2025)
    read = [(r["indicator"], r["unit_of_measure"], r["value"]) for r in as_text(KEY_FIGURES, parsed.records)]
    # Read by hand: hours per pupil is a unit the reader does not know: it stays in the name (as
    # README's `as.` does) and the unit is unknown, no count. "% liikevaihdosta" (of turnover)
    # and "% av omsättningen" are percentages of turnover: the base stays in the unit, as
    # €/asukas keeps its denominator; a cell's bare % fits it. A bare % is a percentage.
    assert read == [
        ("Opetustunnit, h/oppilas", "", "1.44"),
        ("Opetustunnit, h/oppilas", "", "1.45"),
        ("Opetustunnit, h/oppilas", "", "1.46"),
        ("Liikeylijäämä", "% liikevaihdosta", "16.7"),
        ("Liikeylijäämä", "% liikevaihdosta", "15.7"),
        ("Liikeylijäämä", "% liikevaihdosta", "16.0"),
        ("Liikeylijäämä", "% liikevaihdosta", "16.9"),
        ("Liikeylijäämä", "% liikevaihdosta", "16.7"),
        ("Liikeylijäämä", "% liikevaihdosta", "15.7"),
        ("Rörelseöverskott", "% av omsättningen", "5.1"),
        ("Rörelseöverskott", "% av omsättningen", "5.0"),
        ("Rörelseöverskott", "% av omsättningen", "5.2"),
        ("Käyttöaste", "%", "96.1"),
        ("Käyttöaste", "%", "95.8"),
        ("Käyttöaste", "%", "96.0"),
    ]
    assert {r["indicator_qualifier"] for r in parsed.records} == {""}
    assert parsed.warnings == []


def test_a_swedish_unit_column_anywhere_and_a_row_naming_only_a_unit() -> None:
    lines = [
        "Nyckeltal\tBS 2024\tBU 2025\tEnhet\tBS 2025",
        "Nettokostnader\t-4 500\t-4 600\t1 000 €\t-4 620",
        "\t-214\t-219\t€/invånare\t-220",
        "Årsbidrag, €/invånare\t310\t250\t€/invånare\t290",
    ]
    records = records_of_lines(lines, 2025)
    read = [
        (r["row_label"], r["indicator"], r["indicator_qualifier"], r["unit_of_measure"], r["value"]) for r in records
    ]
    # Read by hand: line 3 names no indicator, only a unit: Nettokostnader again, per resident;
    # line 4 prints the unit of its column in its label too: read once.
    assert read == [
        ("Nettokostnader", "Nettokostnader", "", "€", "-4500000"),
        ("Nettokostnader", "Nettokostnader", "", "€", "-4600000"),
        ("Nettokostnader", "Nettokostnader", "", "€", "-4620000"),
        ("€/invånare", "Nettokostnader", "", "€/invånare", "-214"),
        ("€/invånare", "Nettokostnader", "", "€/invånare", "-219"),
        ("€/invånare", "Nettokostnader", "", "€/invånare", "-220"),
        ("Årsbidrag, €/invånare", "Årsbidrag", "", "€/invånare", "310"),
        ("Årsbidrag, €/invånare", "Årsbidrag", "", "€/invånare", "250"),
        ("Årsbidrag, €/invånare", "Årsbidrag", "", "€/invånare", "290"),
    ]
    assert [(r["column_header"], r["fiscal_year"], r["measure_type"]) for r in records[:3]] == [
        ("BS 2024", "2024", "actual"),
        ("BU 2025", "2025", "target"),
        ("BS 2025", "2025", "actual"),
    ]


def test_a_cell_unit_against_the_unit_column_warns_naming_both() -> None:
    lines = ["Tunnusluku\tYksikkö\tTP 2024\tTP 2025", "Lainakanta\t1 000 €\t12 %\t13"]
    parsed = key_figure_records(blocks_of_lines(lines), "mem.txt")
    # Read by hand: the unit column's euros win over the cell's %, as a label's would.
    assert [(r["unit_of_measure"], r["printed_unit"], r["value"]) for r in parsed.records] == [
        ("€", "%", Decimal("12000")),
        ("€", "", Decimal("13000")),
    ]
    assert parsed.warnings == [
        "mem.txt:2: column 'TP 2024': unit '%' printed in '12 %' conflicts with '€' from the label "
        "'Lainakanta' and its unit '1 000 €'; kept '€'"
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["Tunnusluku\tYksikkö\tTP 2024\tEnhet", "Asiakkaat\tlkm\t412\tantal"],
            r"^mem\.txt:1: columns 'Yksikkö' and 'Enhet' both give the rows' units",
        ),
        (
            ["Tunnusluku\tYksikkö\tTP 2024", "\t€/as.\t-214"],
            r"^mem\.txt:2: '€/as\.' gives a unit but no indicator is named above it",
        ),
        (
            ["Tunnusluku\tYksikkö\tTP 2024", "Ulkopuolinen rahoitus\t€\thyte: 100", "• hyvinvointi\t%\t"],
            r"^mem\.txt:3: row carries on 'Ulkopuolinen rahoitus', which prints its unit '€', but prints the unit '%'",
        ),
    ],
)
def test_a_unit_column_that_cannot_be_read_is_refused_at_its_line(lines: list[str], message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        records_of_lines(lines, 2025)


def test_a_unit_column_through_the_extractor(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "SEINÄJOEN KAUPUNKI\nTILINPÄÄTÖS 2025\n\n## Tuloslaskelma\n\n"
        "Tuloslaskelma, 1 000 €\tTP 2024\tTP 2025\nToimintakate\t-1 000\t-900\n\n"
        "Tunnusluku\tYksikkö\t2024\t2025\n"
        "Asukasluku 31.12.\tas.\t65 780\t66 240\n"
        "Lainakanta 31.12.\t1 000 €\t290 150\t300 150\n",
        encoding="utf-8",
    )
    extraction = extract_paths([report])
    # Read by hand: lines 10 and 11 of the text, each figure an actual of its column's year.
    assert [
        (r["source_line"], r["indicator"], r["unit_of_measure"], r["fiscal_year"], r["measure_type"], r["value"])
        for r in extraction.key_figures
    ] == [
        (10, "Asukasluku 31.12.", "count", 2024, "actual", Decimal("65780")),
        (10, "Asukasluku 31.12.", "count", 2025, "actual", Decimal("66240")),
        (11, "Lainakanta 31.12.", "€", 2024, "actual", Decimal("290150000")),
        (11, "Lainakanta 31.12.", "€", 2025, "actual", Decimal("300150000")),
    ]
    assert extraction.rejects == []


CHANGE_COLUMN_TABLE = [
    "Tunnusluku\tTP 2024\tTA 2025\tTP 2025\tMuutos %",
    "Asukasluku 31.12.\t19 500\t19 400\t19 380\t-0,6",
    "Lainakanta €/asukas\t3 120\t3 300\t3 412\t9,4",
]
"""A probe's key-figure table printing the change between its years (lines 1-3)."""


def test_a_change_column_is_left_out_by_design_and_each_years_figure_read() -> None:
    rejects = Rejects()
    parsed = key_figure_records(blocks_of_lines(CHANGE_COLUMN_TABLE), "mem.txt", rejects, statement_year=2025)
    records = as_text(KEY_FIGURES, parsed.records)
    # Read by hand: three years' figures per row; each change cell held back by design, naming
    # its line, column and text; a strict extraction (Rejects()) writes them and goes on.
    assert [(r["row_label"], r["fiscal_year"], r["measure_type"], r["value"]) for r in records] == [
        ("Asukasluku 31.12.", "2024", "actual", "19500"),
        ("Asukasluku 31.12.", "2025", "target", "19400"),
        ("Asukasluku 31.12.", "2025", "actual", "19380"),
        ("Lainakanta €/asukas", "2024", "actual", "3120"),
        ("Lainakanta €/asukas", "2025", "target", "3300"),
        ("Lainakanta €/asukas", "2025", "actual", "3412"),
    ]
    found = [(r.source_line, r.scope, r.column_name, r.raw_text, r.by_design) for r in rejects.found]
    assert found == [
        (2, "cell", "Muutos %", "-0,6", "change_column"),
        (3, "cell", "Muutos %", "9,4", "change_column"),
    ]
