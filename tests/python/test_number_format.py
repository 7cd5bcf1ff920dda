"""A table's number format and scale, decided once per table, on the report-family fixtures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kuntatalous.tables.budget_columns import split_figure_footnote
from kuntatalous.text import cells
from kuntatalous.text import number_format as formats
from kuntatalous.text.layout import heading_text
from kuntatalous.text.number_format import (
    EUROS,
    SPACE_FORMAT,
    NumberFormat,
    Scale,
    Thousands,
    detect_number_format,
    detect_scale,
    half_unit_eur,
    is_nil,
    lines_just_above,
    parse_number,
    printed_decimals,
    section_statements,
    strip_unit,
    to_euros,
    unread_scale_statement,
)
from kuntatalous.text.numbers import NumberFormatError, parse_amount

from .family_fixtures import fixture_table, fixture_text
from .unit_statements import MILLIONS_STATEMENTS, NO_UNIT_STATEMENTS, THOUSANDS_STATEMENTS, UNPLACED_STATEMENTS

DOT = NumberFormat(Thousands.DOT)
NONE = NumberFormat(Thousands.NONE)


@pytest.mark.parametrize(
    ("name", "thousands"),
    [
        ("thousands_actual_minus_budget.txt", Thousands.SPACE),
        ("dots_ta_muutokset.txt", Thousands.DOT),
        ("tilinp_ta_plus_teur.txt", Thousands.SPACE),
        ("millions_budjetti_plus.txt", Thousands.NONE),
        ("bokslut_sv.txt", Thousands.SPACE),
        ("other_columns.txt", Thousands.SPACE),
        ("income_statement_treasury_words.txt", Thousands.SPACE),
    ],
)
def test_fixture_number_format(name: str, thousands: Thousands) -> None:
    table = fixture_table(name)
    number_format = detect_number_format(table.cells())
    assert number_format.thousands == thousands
    for cell in table.cells():
        if not is_nil(cell):  # a dash alone is nil, which a budget table reads (CellReader)
            parse_number(cell, number_format)  # every other cell reads by the one format


@pytest.mark.parametrize(
    ("name", "label", "column", "expected"),
    [
        ("thousands_actual_minus_budget.txt", "Toimintatuotot", 4, "337956.3"),
        ("thousands_actual_minus_budget.txt", "Toimintakulut", 3, "-524100.0"),
        ("thousands_actual_minus_budget.txt", "Toimintakate", 5, "10275.1"),
        ("dots_ta_muutokset.txt", "Toimintakulut", 5, "-6850437"),
        ("dots_ta_muutokset.txt", "Toimintakulut", 6, "-1199563"),
        ("dots_ta_muutokset.txt", "Valmistus omaan käyttöön", 5, "1234"),
        ("dots_ta_muutokset.txt", "Toimintakate", 1, "-6850937"),
        ("dots_ta_muutokset.txt", "Toimintatuotot", 7, "105.23"),
        ("millions_budjetti_plus.txt", "Toimintakulut", 2, "-1205.30"),
        ("millions_budjetti_plus.txt", "TOIMINTAKATE", 3, "-7.25"),
        ("bokslut_sv.txt", "Verksamhetens kostnader", 5, "-14612305"),
        ("tilinp_ta_plus_teur.txt", "Toimintakulut", 7, "51"),
    ],
)
def test_fixture_cell_read_by_hand(name: str, label: str, column: int, expected: str) -> None:
    table = fixture_table(name)
    number_format = detect_number_format(table.cells())
    value = parse_number(table.row(label).cells[column], number_format)
    assert value == Decimal(expected)
    assert str(value) == expected  # the printed decimals are kept


def test_empty_cell_is_none_not_zero() -> None:
    table = fixture_table("dots_ta_muutokset.txt")
    assert parse_number(table.row("Valmistus omaan käyttöön").cells[7], DOT) is None


def test_one_format_per_table_never_a_guess_per_cell() -> None:
    """``1.234`` is 1 234 in a dot table and unreadable in a table grouped by spaces or not at all."""
    assert parse_number("1.234", DOT) == Decimal(1234)
    for number_format in (SPACE_FORMAT, NONE):
        with pytest.raises(NumberFormatError, match=r"cannot read '1\.234'"):
            parse_number("1.234", number_format)
    with pytest.raises(NumberFormatError, match="cannot read '1 234'"):
        parse_number("1 234", DOT)
    with pytest.raises(NumberFormatError, match="cannot read '1 234'"):
        parse_number("1 234", NONE)


def test_a_table_mixing_separators_is_an_error_naming_both() -> None:
    text = fixture_text("dots_ta_muutokset.txt").replace("1.262.805", "1 262 805")
    table = fixture_table("dots_ta_muutokset.txt", text)
    with pytest.raises(NumberFormatError, match=r"'1 262 805' \(space\) and '1\.204\.311' \(dot\)"):
        detect_number_format(table.cells())


@pytest.mark.parametrize(
    ("cell", "number_format", "expected"),
    [
        ("\u2212574,12", NONE, "-574.12"),
        ("\u2013 574,12", NONE, "-574.12"),
        ("- 1.199.563", DOT, "-1199563"),
        ("**-6.850.437**", DOT, "-6850437"),
        ("<b>-1 009 492</b>", SPACE_FORMAT, "-1009492"),
        ("-1.234,5", DOT, "-1234.5"),
        ("1234567", DOT, "1234567"),
        ("12,5 %", NONE, "12.5"),
    ],
)
def test_parse_number(cell: str, number_format: NumberFormat, expected: str) -> None:
    assert parse_number(cell, number_format) == Decimal(expected)


@pytest.mark.parametrize(
    ("cell", "number_format", "value"),
    [
        ("+11,8", NONE, "11.8"),
        ("+ 1 234", SPACE_FORMAT, "1234"),
        ("<b>+6.051,3</b>", DOT, "6051.3"),
        ("+0", NONE, "0"),
    ],
)
def test_a_plus_sign_is_read_as_printed(cell: str, number_format: NumberFormat, value: str) -> None:
    assert detect_number_format([cell]) == number_format
    assert parse_number(cell, number_format) == Decimal(value)


@pytest.mark.parametrize("cell", ["+", "+-5", "-+5", "++5", "- -5"])
def test_signs_that_are_no_number_are_errors(cell: str) -> None:
    with pytest.raises(NumberFormatError, match="cannot read"):
        parse_number(cell, SPACE_FORMAT)


@pytest.mark.parametrize("cell", ["1.23", "12.345.67", "1,234.5", "--5", "1 2O3", "12,3,4", "1.234.5678"])
def test_malformed_cell_in_a_dot_table(cell: str) -> None:
    with pytest.raises(NumberFormatError, match="cannot read"):
        parse_number(cell, DOT)


@pytest.mark.parametrize(
    ("cell", "number_format", "value"),
    [
        ("(11 920)", SPACE_FORMAT, "-11920"),
        ("<b>(1.234,5)</b>", DOT, "-1234.5"),
        ("(142)", NONE, "-142"),
        ("**(0,5)**", NONE, "-0.5"),
        ("19 650 000-", SPACE_FORMAT, "-19650000"),
        ("6.790.100\u2212", DOT, "-6790100"),
        ("98,7-", NONE, "-98.7"),
    ],
)
def test_a_minus_printed_accounting_style_is_the_minus_before(
    cell: str, number_format: NumberFormat, value: str
) -> None:
    """A whole amount in brackets, or its minus after it, is that amount negative: the cell
    tells the table's format like any other (``detect_number_format``) and reads by it."""
    assert detect_number_format([cell]) == number_format
    assert formats.parse_figure(cell, number_format) == Decimal(value)


@pytest.mark.parametrize(
    ("cell", "number_format"),
    [
        ("(1.234)", SPACE_FORMAT),  # brackets round an amount of another format
        ("(1 234)", DOT),
        ("(-5)", SPACE_FORMAT),  # a sign inside the brackets
        ("-(5)", SPACE_FORMAT),
        ("(5)-", SPACE_FORMAT),
        ("-5-", SPACE_FORMAT),
        ("1 234 (1)", SPACE_FORMAT),  # a figure with a footnote's number
        ("1 234 1)", SPACE_FORMAT),
        ("(ks. liite 3)", SPACE_FORMAT),  # a note in brackets
        ("(12 %)", SPACE_FORMAT),
        ("()", SPACE_FORMAT),
        ("(1 234", SPACE_FORMAT),
        ("1 234 -", SPACE_FORMAT),  # a dash apart from the amount
    ],
)
def test_brackets_or_a_minus_after_round_nothing_but_a_whole_amount(cell: str, number_format: NumberFormat) -> None:
    with pytest.raises(NumberFormatError, match=r"cannot read '\S"):
        formats.parse_figure(cell, number_format)


def test_a_single_cell_outside_a_budget_table_keeps_its_brackets() -> None:
    """``parse_number`` and ``parse_amount`` (projects' and key figures' cells) read no minus
    printed accounting style; only a budget table's figures do (``parse_figure``)."""
    assert formats.parse_figure("(11 920)", SPACE_FORMAT) == Decimal(-11920)
    for read in (lambda cell: parse_number(cell, SPACE_FORMAT), parse_amount):
        for cell in ("(11 920)", "19 650 000-"):
            with pytest.raises(NumberFormatError, match="cannot read"):
                read(cell)


@pytest.mark.parametrize(
    "cell",
    ["1 120 517", "- 382 928", "-8 379 008", "\u2212 3 000", "<b>-1 009 492</b>", "0", "1\u00a0234", "-3 500,50", ""],
)
def test_space_format_agrees_with_parse_amount(cell: str) -> None:
    assert parse_number(cell, SPACE_FORMAT) == parse_amount(cell)


@pytest.mark.parametrize(
    ("name", "factor", "evidence"),
    [
        ("thousands_actual_minus_budget.txt", 1000, "Luvut tuhansina euroina"),
        ("dots_ta_muutokset.txt", 1, None),
        ("tilinp_ta_plus_teur.txt", 1000, "Rakennuslautakunta t€"),
        ("millions_budjetti_plus.txt", 1_000_000, "Kaupunki (milj. €)"),
        ("bokslut_sv.txt", 1, None),
        ("other_columns.txt", 1, None),
        ("income_statement_treasury_words.txt", 1000, "Kaupunki (1 000 €)"),
    ],
)
def test_fixture_scale(name: str, factor: int, evidence: str | None) -> None:
    table = fixture_table(name)
    above = lines_just_above(table.lines, table.first_line)
    assert detect_scale((table.unit_cell, *table.header), above) == Scale(factor, evidence)


@pytest.mark.parametrize(
    ("header", "above", "factor"),
    [
        (["Yhteensä 1 000 €"], [], 1000),
        (["Yhteensä 1000 euroa"], [], 1000),
        (["Yhteensä (1 000 €)"], [], 1000),
        (["Yhteensä", "TA 2025 TEUR"], [], 1000),
        (["Yhteensä"], ["(tuhatta euroa)"], 1000),
        (["Yhteensä"], ["Luvut tuhansina euroina."], 1000),
        (["Totalt"], ["Belopp i tusen euro"], 1000),
        (["Yhteensä milj. €"], [], 1_000_000),
        (["Yhteensä"], ["miljoonaa euroa"], 1_000_000),
        (["Yhteensä €"], [], 1),
        (["Yhteensä"], ["Hanke maksoi kymmenen tuhatta euroa."], 1),
        (["Yhteensä"], ["Luvut ovat tuhansia euroja."], 1000),
        (["Yhteensä"], ["Käyttötalous, 1 000 €"], 1000),
        (["Yhteensä"], ["Investoinnit (milj. €)"], 1_000_000),
        (["Yhteensä"], ["Avustuksia maksettiin 1 000 €."], 1),
        (["Tekninen lautakunta"], [], 1),
        # Read by hand as thousands: a line or header naming them in other common words.
        (["Yhteensä"], ["Luvut 1 000 euroina"], 1000),
        (["Yhteensä"], ["Luvut tuhansina."], 1000),
        (["Liikuntalautakunta k€"], [], 1000),
        (["Yhteensä", "TA 2025 keur"], [], 1000),
        (["Yhteensä"], ["Luvut miljoonina."], 1_000_000),
        (["Yhteensä MEUR"], [], 1_000_000),
        (["Yhteensä"], ["Luvut euroina"], 1),
        # Read by hand as thousands: a statement of the unit with more after it, a caption
        # ending in a colon, the unit before its thousand.
        (["Yhteensä"], ["Luvut tuhansina euroina, ellei toisin mainita."], 1000),
        (["Yhteensä"], ["Luvut tuhansina euroina. Valtuustoon nähden sitova erä on toimintakate."], 1000),
        (["Yhteensä"], ["Talousarvion toteutuminen (1 000 euroa):"], 1000),
        (["Yhteensä"], ["Euroa (1 000)"], 1000),
        (["Euroa (1 000)", "TA 2025"], [], 1000),
        (["Yhteensä"], ["Taulukon luvut ovat tuhansia euroja."], 1000),
        (["Totalt"], ["Beloppen är i tusen euro om inte annat anges."], 1000),
        # Unless stated otherwise: the table's own unit wins over the statement.
        (["Investoinnit €", "TA 2025"], ["Luvut tuhansina euroina, ellei toisin mainita."], 1),
        (["Investoinnit"], ["Investoinnit, €", "Luvut tuhansina euroina, ellei toisin mainita."], 1),
        (["Yhteensä"], ["Luvut ovat euroja."], 1),
        # A sentence that begins so but says more of the figures is none.
        (["Yhteensä"], ["Luvut tuhansina euroina kasvoivat."], 1),
        (["Yhteensä"], ["Hanke maksoi tuhansia euroja. Se valmistui."], 1),
    ],
)
def test_scale(header: list[str], above: list[str], factor: int) -> None:
    assert detect_scale(header, above).factor == factor


def test_a_unit_statement_that_names_another_unit_after_it_is_an_error() -> None:
    statement = "Luvut tuhansina euroina. Tämän taulukon luvut ovat kuitenkin euroja."
    with pytest.raises(NumberFormatError, match=r"more than one unit: Luvut tuhansina euroina\. Tämän"):
        detect_scale(["Yhteensä"], [statement])


def test_two_scales_for_one_table_are_an_error() -> None:
    with pytest.raises(NumberFormatError, match=r"more than one unit: Yhteensä t€ / milj\. €"):
        detect_scale(["Yhteensä t€"], ["milj. €"])


@pytest.mark.parametrize(
    ("statement", "factor"),
    [
        *((statement, 1000) for statement in THOUSANDS_STATEMENTS),
        *((statement, 1_000_000) for statement in MILLIONS_STATEMENTS),
        *((statement, 1) for statement in NO_UNIT_STATEMENTS),
        *((statement, 1) for statement in UNPLACED_STATEMENTS),
    ],
)
def test_unit_statements_in_other_common_words(statement: str, factor: int) -> None:
    """Read as a line just above the table and as a line under its section's heading; a
    sentence about an amount, or one saying more of the figures, states no unit."""
    header = ["Tekninen lautakunta", "TA 2025", "Toteuma 2025"]
    expected = EUROS if factor == 1 else Scale(factor, " ".join(statement.split()))
    assert detect_scale(header, [statement]) == expected
    lines = ["## Tekninen lautakunta", "", statement, "", "\t".join(header)]
    section = section_statements(lines, 5)
    assert section == ([] if factor == 1 else [" ".join(statement.split())])
    assert detect_scale(header, [], section) == expected


@pytest.mark.parametrize(
    ("cell", "factor"),
    [
        ("Tekninen lautakunta, tuhatta €", 1000),
        ("Tekninen lautakunta, EUR 1000", 1000),
        ("Tekninen lautakunta (€ 1 000)", 1000),
        ("Tekninen lautakunta, EUR 1 000 000", 1_000_000),
        ("Tekninen lautakunta miljoonaa €", 1_000_000),
    ],
)
def test_unit_cell_naming_its_scale_in_other_common_words(cell: str, factor: int) -> None:
    assert detect_scale([cell, "TA 2025"]) == Scale(factor, cell)
    assert strip_unit(cell) == "Tekninen lautakunta"


def test_a_unit_named_again_after_a_semicolon_is_read_too() -> None:
    statement = "Luvut tuhansina euroina; tämän taulukon luvut ovat kuitenkin euroja."
    with pytest.raises(NumberFormatError, match="more than one unit: Luvut tuhansina euroina; tämän"):
        detect_scale(["Yhteensä"], [statement])


SECTIONS = """**TILINPÄÄTÖS 2025**

# Käyttötalous (1 000 €)

## Sivistyslautakunta

Sivistys\tTA 2025\tToteuma 2025
Toimintakulut\t-1,0\t-1,0

Sivistys\tTA 2025\tToteuma 2025
Toimintakulut\t-1,0\t-1,0

# Investoinnit

## Tekninen lautakunta

Luvut ovat miljoonia euroja.

Tekninen\tTA 2025\tToteuma 2025
Investoinnit\t-1,0\t-1,0

# Liitteet

Liite\tTA 2025\tToteuma 2025
""".splitlines()


@pytest.mark.parametrize(
    ("first_line", "statements"),
    [
        (7, ["Käyttötalous (1 000 €)"]),  # the heading two levels up, through its own heading
        (10, ["Käyttötalous (1 000 €)"]),  # the second table of the section too
        (19, ["Luvut ovat miljoonia euroja."]),  # a line under its own heading, nearer than any above
        (24, []),  # a section that names no unit: whole euros
    ],
)
def test_section_statements(first_line: int, statements: list[str]) -> None:
    assert SECTIONS[first_line - 1].startswith(("Sivistys\t", "Tekninen\t", "Liite\t"))
    assert section_statements(SECTIONS, first_line) == statements


def test_a_statement_before_the_first_heading_is_for_every_table() -> None:
    lines = ["Luvut tuhansina euroina", "", "## Tekninen", "", "Tekninen\tTA 2025", "Menot\t1"]
    assert section_statements(lines, 5) == ["Luvut tuhansina euroina"]


def test_a_section_and_its_table_that_disagree_are_an_error() -> None:
    with pytest.raises(NumberFormatError, match=r"more than one unit: Yhteensä milj\. € / Käyttötalous \(1 000 €\)"):
        detect_scale(["Yhteensä milj. €"], [], section_statements(SECTIONS, 10))


UNPLACED = """ROVANIEMEN KAUPUNKI

# Liikelaitokset

Liikelaitosten luvut ovat tuhansia euroja pyöristettyinä.

## Rovaniemen Vesi -liikelaitos

Rovaniemen Vesi\tTA 2025\tTP 2025
Toimintakate\t3 600\t3 936

Luvut sisältävät sisäiset erät. Kaikki luvut tuhansina euroina kasvoivat.

## Muut

Muiden luvut esitetään tuhansina euroina taulukon alla.

Muut\tTA 2025\tTP 2025
Toimintakate\t1\t2
""".splitlines()


@pytest.mark.parametrize(
    ("first_line", "last_line", "unread"),
    [
        # Read by hand: the sentence under the table (line 12, no table below it before the next
        # heading) comes before the chapter's (line 5, two headings up).
        (9, 10, (12, "Kaikki luvut tuhansina euroina kasvoivat.")),
        # Line 12 is no line of this table; the one just above it is (line 16).
        (18, 19, (16, "Muiden luvut esitetään tuhansina euroina taulukon alla.")),
    ],
)
def test_unread_scale_statement_names_the_line(first_line: int, last_line: int, unread: tuple[int, str]) -> None:
    assert UNPLACED[first_line - 1].endswith("\tTA 2025\tTP 2025")
    assert unread_scale_statement(UNPLACED, first_line, last_line) == unread


def test_unread_scale_statement_none_where_the_text_speaks_of_no_figures_in_words() -> None:
    saved = "Säästöä kertyi satoja tuhansia euroja. Luvut on tarkastettu."
    lines = ["## Vesi", "", saved, "", "Vesi\tTA 2025", "Kate\t1"]
    assert unread_scale_statement(lines, 5, 6) is None
    assert unread_scale_statement(["Luvut ovat tuhansia euroja.", *lines], 6, 7) is None  # read: none unread


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("Rakennuslautakunta t€", "Rakennuslautakunta"),
        ("Kaupunki (milj. €)", "Kaupunki"),
        ("Elinvoimapalvelut, 1 000 euroa", "Elinvoimapalvelut"),
        ("Tekninen lautakunta: t€", "Tekninen lautakunta"),
        ("Sosiaali- ja terveys", "Sosiaali- ja terveys"),
        ("Yhteensä, muut", "Yhteensä, muut"),
    ],
)
def test_strip_unit_leaves_the_unit_name(cell: str, unit: str) -> None:
    assert strip_unit(cell) == unit


def test_lines_just_above_stop_at_the_heading() -> None:
    table = fixture_table("thousands_actual_minus_budget.txt")
    assert lines_just_above(table.lines, table.first_line) == ["Luvut tuhansina euroina"]
    table = fixture_table("dots_ta_muutokset.txt")
    assert lines_just_above(table.lines, table.first_line) == []


@pytest.mark.parametrize(
    ("scale", "decimals", "half_unit"),
    [
        (EUROS, 0, "0.5"),
        (EUROS, 2, "0.005"),
        (Scale(1000, "t€"), 0, "500"),
        (Scale(1000, "t€"), 1, "50"),
        (Scale(1_000_000, "milj. €"), 2, "5000"),
    ],
)
def test_half_unit_follows_scale_and_decimals(scale: Scale, decimals: int, half_unit: str) -> None:
    assert half_unit_eur(scale, decimals) == Decimal(half_unit)


def test_fixture_amounts_in_euros_with_printed_decimals() -> None:
    table = fixture_table("thousands_actual_minus_budget.txt")
    number_format = detect_number_format(table.cells())
    scale = detect_scale((table.unit_cell, *table.header), lines_just_above(table.lines, table.first_line))
    actual = [parse_number(row.cells[4], number_format) for row in table.rows]
    assert printed_decimals(actual) == 1
    assert [to_euros(value, scale) for value in actual] == [
        Decimal("337956300"),
        Decimal("12480000"),
        Decimal("-519876200"),
        Decimal("-8050000"),
        Decimal("-181919900"),
    ]
    assert to_euros(None, scale) is None


@pytest.mark.parametrize("read", [cells.strip_markup, formats.normalise_cell, split_figure_footnote, heading_text])
def test_only_short_cells_are_remembered(read: Any) -> None:
    """A cell (a line, for ``heading_text``) reads the same remembered or not; one longer than
    ``REMEMBERED_CELL`` is not remembered, so that long text cells cannot pile up in memory."""
    afresh = read.__wrapped__
    short = "**<b>\u2212 1 009 492,5 €</b>**"
    long = "**<b>" + "x " * cells.REMEMBERED_CELL + "</b>**"
    read.remembered.clear()
    assert read(short) == read(short) == afresh(short)
    assert list(read.remembered) == [short]
    assert read(long) == afresh(long)
    assert list(read.remembered) == [short]


def test_what_is_remembered_stays_within_its_bound() -> None:
    """A reading remembers at most ``maxsize`` cells: the cell after them starts it afresh, and
    every answer stays that of a fresh reading (a cell read again once forgotten is read again)."""
    asked: list[str] = []

    @cells.remembered_when_short(3)
    def read(cell: str) -> str:
        asked.append(cell)
        return cell.upper()

    answers = [read(cell) for cell in ("a", "b", "a", "c", "d", "a", "d")]
    assert answers == ["A", "B", "A", "C", "D", "A", "D"]
    assert asked == ["a", "b", "c", "d", "a"], "a, b, c filled it; d started it afresh, so a was read again"
    assert list(read.remembered) == ["d", "a"]
