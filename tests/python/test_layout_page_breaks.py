"""A budget table split by a page break, its header not repeated: the page number between its
rows (``Sivu 41``, ``41``) does not end it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kuntatalous.extract import extract_paths
from kuntatalous.tables.page_breaks import rejoin_page_breaks
from kuntatalous.text.layout import Layout, find_layout, heading_text, is_page_furniture
from kuntatalous.text.truncation import find_truncation

from .conftest import FIXTURES
from .warehouse_builds import replace_once

DASH = "\u2013"
"""The report's minus sign, an en dash (written ``-`` in the rows below)."""


def printed(row: str) -> str:
    """``row`` with its minus signs as the report prints them."""
    return row.replace("\t-", f"\t{DASH}").replace(">-", f">{DASH}")


HEADER = "Perusturvalautakunta\tTP 2024\tTA 2025\tTA-muutokset\tTA muutosten jälkeen\tTP 2025\tPoikkeama\tTot-%"
BEFORE = printed("Muut henkilösivukulut\t-301 552\t-310 000\t-5 000\t-315 000\t-298 640\t16 360\t94,8")
AFTER = printed("Palvelujen ostot\t-3 912 006\t-4 050 000\t-200 000\t-4 250 000\t-4 188 925\t61 075\t98,6")
TOTAL = printed(
    "<b>Toimintakulut yhteensä</b>\t<b>-14 794 958</b>\t<b>-15 220 000</b>\t<b>-350 000</b>"
    "\t<b>-15 570 000</b>\t<b>-15 347 843</b>\t<b>222 157</b>\t<b>98,6</b>"
)
OTHER_HEADER = "Investoinnit\tTP 2024\tTA 2025\tTA-muutokset\tTA muutosten jälkeen\tTP 2025\tPoikkeama\tTot-%"
BREAKS = {
    "blank lines around": ["", "Sivu 41", ""],
    "directly between": ["Sivu 41"],
    "a bare number": ["", "41", ""],
    "a number in bold": ["", "**41**", ""],
    "a footer's number, then a header's title": ["", "Sivu 41", "Heinolan kaupungin tilinpäätös 2025", ""],
    "a running title alone": ["", "Heinolan kaupunki \u2013 Tilinpäätös 2025", ""],
    "a running title in bold": ["", "**TILINPÄÄTÖS 2025**", ""],
}


def layout(lines: list[str]) -> Layout:
    return rejoin_page_breaks(find_layout(lines), lines)


def table(page_break: list[str], after: list[str] | None = None) -> list[str]:
    return [HEADER, BEFORE, *page_break, AFTER, *(after if after is not None else [TOTAL])]


@pytest.mark.parametrize("page_break", BREAKS.values(), ids=BREAKS.keys())
def test_rows_after_a_page_number_are_the_tables_own(page_break: list[str]) -> None:
    lines = [*table(page_break), "", "Poikkeama on toteuman ja muutetun talousarvion erotus."]
    assert len(find_layout(lines).tables) == 2
    [block] = layout(lines).tables
    after = len(page_break) + 3
    assert [row.line for row in block.rows] == [1, 2, after, after + 1]
    assert block.rows[2].cells[0] == "Palvelujen ostot"
    assert block.notes_after == [(after + 3, "Poikkeama on toteuman ja muutetun talousarvion erotus.")]


@pytest.mark.parametrize(
    "line",
    ["41", "Sivu 41", "Sivu 41 / 120", "41 (120)", "s. 41", "- 41 -", "Sida 41 av 120", "\f41", "<b>41</b>", "**41**"],
)
def test_page_numbers_as_converters_print_them(line: str) -> None:
    assert is_page_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["**41**", "**Sivu 41 / 120**", " **- 41 -** ", "**Tilinpäätös 2025 41**", "**Vaalan kunta - Tilinpäätös 2025**"],
)
def test_a_page_number_in_bold_is_no_caption(line: str) -> None:
    assert heading_text(line) is None
    assert find_layout(["Alku", line, "Loppu"]).headings == []


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("**2025**", "2025"),
        ("**Sivu 41 ja 42**", "Sivu 41 ja 42"),
        ("# 41", "41"),
        ("# Tilinpäätös 2025", "Tilinpäätös 2025"),
        ("## Vaalan kunta - Tilinpäätös 2025 41", "Vaalan kunta - Tilinpäätös 2025 41"),
        ("**Tilinpäätös 2024 ja 2025**", "Tilinpäätös 2024 ja 2025"),
    ],
)
def test_a_year_or_words_in_bold_and_a_markdown_heading_stay_headings(line: str, heading: str) -> None:
    assert heading_text(line) == heading


@pytest.mark.parametrize(
    "line", ["**2025**", "# 41", "Sivu", "41,5", "1 234", "-41", "2025 talousarvio", "41\t", "2025", "12/2025", "1999"]
)
def test_other_lines_are_no_page_number(line: str) -> None:
    assert not is_page_furniture(line)


@pytest.mark.parametrize("page_break", BREAKS.values(), ids=BREAKS.keys())
def test_a_page_number_between_two_tables_keeps_them_apart(page_break: list[str]) -> None:
    lines = [HEADER, BEFORE, TOTAL, *page_break, OTHER_HEADER, AFTER]
    assert [block.first_line for block in layout(lines).tables] == [1, len(page_break) + 4]


def test_a_repeated_header_after_a_page_number_is_its_own_block() -> None:
    lines = table(["", "Sivu 41", "", HEADER])
    assert [block.first_line for block in layout(lines).tables] == [1, 6]


@pytest.mark.parametrize(
    "between",
    [
        ["", "Sivu 41", "", "Palvelujen ostot kasvoivat.", ""],
        ["", "Sivu 41", "", "## Sosiaalipalvelut", ""],
        ["", ""],
    ],
    ids=["prose", "heading", "blank lines only"],
)
def test_anything_but_a_page_number_between_rows_still_ends_the_table(between: list[str]) -> None:
    lines = table(between)
    assert [block.first_line for block in layout(lines).tables] == [1, len(between) + 3]


@pytest.mark.parametrize(
    "after",
    [
        f"{AFTER}\tx",
        AFTER.replace(f"{DASH}4 188 925", "n/a"),
        AFTER.replace("Palvelujen ostot", ""),
        AFTER.replace("Palvelujen ostot", "Tunnusluku"),
    ],
    ids=["wider", "a word for a figure", "no label", "another table's header"],
)
def test_rows_not_of_the_table_do_not_join_it(after: str) -> None:
    lines = [HEADER, BEFORE, "", "Sivu 41", "", after]
    assert len(layout(lines).tables) == 2


def accounting_style(row: str, minus: str) -> str:
    """``row`` with each negative figure printed accounting style: ``minus`` is ``()`` for the
    figure in brackets, ``-`` for its minus after it."""
    before, after = ("(", ")") if minus == "()" else ("", "-")
    return re.sub(f"\t{DASH}([^\t]+)", lambda figure: f"\t{before}{figure[1]}{after}", row)


@pytest.mark.parametrize("minus", ["()", "-"])
def test_rows_printing_their_minus_accounting_style_are_the_tables_own(minus: str) -> None:
    """Figures in brackets (``(301 552)``) or with the minus after them (``301 552-``) are a
    budget table's figures: a row of them after a page number goes on with the table."""
    lines = [HEADER, *(accounting_style(row, minus) for row in (BEFORE, "", "Sivu 41", "", AFTER))]
    assert lines[5].startswith("Palvelujen ostot\t(3 912 006)\t" if minus == "()" else "Palvelujen ostot\t3 912 006-\t")
    [block] = layout(lines).tables
    assert [row.line for row in block.rows] == [1, 2, 6]


def test_a_row_with_a_footnote_marker_on_a_figure_is_the_tables_own() -> None:
    """A figure with a footnote marker (``-4 188 925*``) is a figure: its row after a page
    number goes on with the table (it was taken for a row of no budget table)."""
    marked = AFTER.replace("\t98,6", "*\t98,6").replace("4 188 925\t", "4 188 925 1)\t")
    assert marked == printed(
        "Palvelujen ostot\t-3 912 006\t-4 050 000\t-200 000\t-4 250 000\t-4 188 925 1)\t61 075*\t98,6"
    )
    lines = [HEADER, BEFORE, "", "Sivu 41", "", marked, TOTAL]
    [block] = layout(lines).tables
    assert [row.line for row in block.rows] == [1, 2, 6, 7]


def test_a_table_of_another_kind_is_not_joined() -> None:
    lines = ["Tunnusluku\tTP 2024\tTA 2025", "Asukkaat\t10 100\t10 000", "Sivu 41", "Lapset\t1 200\t1 150"]
    assert len(layout(lines).tables) == 2


def test_a_table_cut_off_after_the_page_break_is_truncated_as_one() -> None:
    lines = table(["", "Sivu 41", ""], after=[])
    truncation = find_truncation(layout(lines).tables, lines, "k.txt")
    assert truncation is not None
    assert (truncation.kind, truncation.first_line, truncation.last_line) == ("budget", 1, 6)
    assert "it ends on 'Palvelujen ostot'" in truncation.reason
    assert find_truncation(layout(table(["", "Sivu 41", ""])).tables, table(["", "Sivu 41", ""]), "k.txt") is None


def page_break_report(tmp_path: Path, page_break: str) -> Path:
    report = tmp_path / "budget_page_break.txt"
    text = (FIXTURES / "budget_page_break.txt").read_text(encoding="utf-8")
    report.write_text(text.replace("\n\nSivu 41\n\n", page_break, 1), encoding="utf-8")
    return report


@pytest.mark.parametrize("page_break", ["\n\nSivu 41\n\n", "\nSivu 41\n", "\n\n41\n\n", "\n\n**41**\n\n"])
def test_every_row_after_the_page_break_loads_once_in_the_table(tmp_path: Path, page_break: str) -> None:
    extraction = extract_paths([page_break_report(tmp_path, page_break)], keep_going=True)
    assert extraction.rejects == []
    rows = extraction.budget_rows
    after = 23 + page_break.count("\n")
    assert [row["source_line"] for row in rows] == [*range(12, 24), *range(after, after + 10)]
    assert {row["table_line"] for row in rows} == {11}
    assert {row["unit_label"] for row in rows} == {"Perusturvalautakunta"}
    assert [(t["first_line"], t["last_line"], t["row_count"]) for t in extraction.tables] == [(11, after + 9, 23)]
    assert rows[12]["row_label"] == "Palvelujen ostot"
    assert rows[12]["actual_eur"] == -4188925


@pytest.mark.parametrize(
    "furniture",
    [
        "Sivu 41",
        "**41**",
        "Kuusamon kaupunki \u2013 Tilinpäätös 2025\t41",
        "Kuusamon kaupunki \u2013 Tilinpäätös 2025 41",
        "Kuusamon kaupunki \u2013 Tilinpäätös 2025",
        "**KUUSAMON KAUPUNGIN TILINPÄÄTÖS 2025**",
        "Kuusamon kaupunki\t\tTilinpäätös 2025\t41",
    ],
    ids=["number", "bold", "title", "title in one cell", "title alone", "title alone in bold", "issuer apart"],
)
def test_a_header_repeated_after_a_page_break_goes_on_with_the_table(tmp_path: Path, furniture: str) -> None:
    """The table's parts are one table: the note under the second is that of a marker before the
    break, and its rows are the first part's table's (the page's number, a text line, ended the
    table there, and the part after it was a table of its own)."""
    report = page_break_report(tmp_path, f"\n\n{furniture}\n\n{HEADER}\n")
    text = report.read_text(encoding="utf-8")
    text = replace_once(text, "Muut henkilösivukulut\t", "Muut henkilösivukulut*)\t")
    text = replace_once(
        text, "muutetun talousarvion erotus.\n", "muutetun talousarvion erotus.\n\n*) Sisältää kertaerän.\n"
    )
    report.write_text(text, encoding="utf-8")
    extraction = extract_paths([report], keep_going=True)
    assert extraction.rejects == []
    rows = extraction.budget_rows
    # Read by hand: the header at line 11, rows 12-23, the page break (blank, furniture, blank)
    # at 24-26, the header again at 27, rows 28-37.
    assert [row["source_line"] for row in rows] == [*range(12, 24), *range(28, 38)]
    assert {row["table_line"] for row in rows} == {11}
    assert [(row["row_label"], row["footnote"]) for row in rows if row["footnote"]] == [
        ("Muut henkilösivukulut", "Sisältää kertaerän.")
    ]


def test_prose_between_the_rows_still_leaves_them_without_a_table(tmp_path: Path) -> None:
    report = page_break_report(tmp_path, "\n\nSivu 41\n\nPalvelujen ostot kasvoivat.\n\n")
    extraction = extract_paths([report], keep_going=True)
    assert [row["source_line"] for row in extraction.budget_rows] == list(range(12, 24))
    [reject] = extraction.rejects
    assert "table with figures not understood: header 'Palvelujen ostot" in str(reject["reason"])


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Kangasalan kaupunki \u2013 Tilinpäätös 2025\t58", True),
        ("58\tTilinpäätös 2025", True),
        ("Tilinpäätös 2025\tSivu 58", True),
        # A row of two cells that is no running title stays a table's line.
        ("Toimintakate\t58", False),
        # An organisation's name alone is a key figure's row (Koko kunta | 347), no running title.
        ("Koko kunta\t347", False),
        ("Henkilöstö, Vaalan kunta\t347", False),
        ("Kangasalan kaupunki \u2013 Tilinpäätös 2025\t58\t59", False),
        # The issuer's name in a cell of its own, empty cells between: with the number only.
        ("Heinolan kaupunki\tTilinpäätös 2025\t41", True),
        ("41\t\t<b>HEINOLAN KAUPUNKI</b>\t\tTILINPÄÄTÖS 2025", True),
        ("Heinolan kaupunki\tTilinpäätös 2025", False),
        ("Heinolan kaupunki\t41", False),
        ("Koko kunta\t347\t350", False),
        ("Tilinpäätös 2025\tTilinpäätös 2025\t41", False),
        ("Heinolan kaupunki\tTilinpäätös 2025\t41\t42", False),
        ("Toimintakate\tTilinpäätös 2025\t41", False),
        ("Heinolan kaupunki\tTilinpäätös 2025\t\t\t\t41", False),
        # The title and the number in one cell, either way round.
        ("Kangasalan kaupunki \u2013 Tilinpäätös 2025 58", True),
        ("58 Tilinpäätös 2025", True),
        ("Tilinpäätös 2025 Sivu 58", True),
        ("<b>Vaalan kunta - Tilinpäätös 2025</b> 58", True),
        # The title alone: a page's header, its number in the footer.
        ("Tilinpäätös 2025", True),
        ("Vaalan kunta - Tilinpäätös 2025", True),
        ("<b>TILINPÄÄTÖS 31.12.2025</b>", True),
        # A year where the number would be, another text with a number or a year, a heading: none.
        ("Tilinpäätös 2024 2025", False),
        ("Tilinpäätöksen 2025 toimintakate parani.", False),
        ("Talousarvio 2025", False),
        ("# Tilinpäätös 2025", False),
        ("Talousarvio 2025 58", False),
        ("Toimintakate 58", False),
        ("Tilinpäätös 2025 ja talousarvio 2026 ovat valtuuston hyväksymiä 58", False),
    ],
)
def test_a_pages_running_title_beside_its_number_is_page_furniture(line: str, furniture: bool) -> None:
    assert is_page_furniture(line) is furniture


def test_a_budget_table_goes_on_after_a_running_title_between_its_rows() -> None:
    """The running title, with the page's number in a cell of its own, made a table of its own
    of the rows after it: a header `Henkilöstökulut | -8 120 | ...` not understood."""
    lines = [
        "Tekninen lautakunta\tTP 2024\tTA 2025\tToteuma 2025",
        "Toimintatuotot\t19 880\t20 400\t20 854",
        "",
        "Kangasalan kaupunki \u2013 Tilinpäätös 2025\t58",
        "",
        "Toimintakulut\t-40 332\t-41 735\t-43 418",
        "Toimintakate\t-20 452\t-21 335\t-22 564",
    ]
    (table,) = rejoin_page_breaks(find_layout(lines), lines).tables
    assert [row.line for row in table.rows] == [1, 2, 6, 7]


def test_a_table_cut_off_after_a_header_repeated_as_continued_is_truncated_as_one() -> None:
    continued = HEADER.replace("Perusturvalautakunta", "Perusturvalautakunta (jatkuu)")
    lines = table(["", continued], after=[])
    truncation = find_truncation(layout(lines).tables, lines, "k.txt")
    assert truncation is not None
    assert (truncation.first_line, truncation.last_line, len(truncation.blocks)) == (1, 5, 2)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("### Sivistyslautakunta (jatkuu)", "Sivistyslautakunta"),
        ("## 3.2 Sivistyslautakunta, jatkuu", "Sivistyslautakunta"),
        ("**Bildningsnämnden (fortsättning)**", "Bildningsnämnden"),
        ("## Bildningsnämnden (forts.)", "Bildningsnämnden"),
        ("## Toiminta jatkuu", "Toiminta"),
    ],
)
def test_a_heading_noting_its_section_goes_on_is_the_sections_name(line: str, text: str) -> None:
    assert heading_text(line) == text


def test_a_note_alone_or_a_word_of_the_name_stays_in_the_heading() -> None:
    assert heading_text("## Jatkuva toiminta (jatkuu)") == "Jatkuva toiminta"
    assert [heading_text(line) for line in ("**(jatkuu)**", "## Jatkuva toiminta")] == ["(jatkuu)", "Jatkuva toiminta"]


WRAPPED = [HEADER, BEFORE, "Aineet, tarvikkeet ja", AFTER.replace("Palvelujen ostot", "tavarat"), TOTAL]


def test_a_label_wrapped_onto_the_line_of_its_figures_is_one_row() -> None:
    lines = [*WRAPPED, "", "Poikkeama on toteuman ja muutetun talousarvion erotus."]
    [block] = layout(lines).tables
    assert [row.line for row in block.rows] == [1, 2, 4, 5]
    assert block.rows[2].cells[:2] == ("Aineet, tarvikkeet ja tavarat", f"{DASH}3 912 006")
    assert block.notes_after == [(7, "Poikkeama on toteuman ja muutetun talousarvion erotus.")]


@pytest.mark.parametrize(
    ("first", "second", "label"),
    [
        ("Aineet, tarvikkeet ja", "tavarat", "Aineet, tarvikkeet ja tavarat"),
        ("<b>Aineet,</b>", "<b>tarvikkeet ja tavarat</b>", "<b>Aineet,</b> <b>tarvikkeet ja tavarat</b>"),
        ("Varausten lisäys (-) tai", "vähennys (+)", "Varausten lisäys (-) tai vähennys (+)"),
        ("Rahoitustuotot ja", "-kulut", "Rahoitustuotot ja -kulut"),
        ("Material, förnödenheter och", "varor", "Material, förnödenheter och varor"),
        ("Digi- ja tietohallinto-", "palvelut", "Digi- ja tietohallintopalvelut"),
        ("Sosiaali-", "ja terveyspalvelut", "Sosiaali- ja terveyspalvelut"),
    ],
)
def test_a_label_wraps_where_its_first_line_cannot_end_and_the_next_goes_on(
    first: str, second: str, label: str
) -> None:
    lines = [HEADER, BEFORE, first, AFTER.replace("Palvelujen ostot", second), TOTAL]
    [block] = layout(lines).tables
    assert (block.rows[2].line, block.rows[2].cells[0]) == (4, label)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Captions end on a name, over rows that start with one.
        ("TOIMINTATUOTOT", "Myyntituotot"),
        ("<b>Toiminnan rahavirta</b>", "Vuosikate"),
        ("Toiminnan rahavirta", "Vuosikate"),
        ("Toimintatuotot", "ulkoiset"),
        # A first line that could end a label, or a row that starts a name of its own.
        ("Pysyvien vastaavien hyödykkeiden", "luovutustulot"),
        ("Aineet, tarvikkeet ja", "Tavarat"),
        # A heading, a paragraph's sentence.
        ("## Tuotot ja", "kulut"),
        ("Kulut kasvoivat.", "tavarat"),
    ],
)
def test_a_line_that_is_no_labels_start_still_ends_the_table(first: str, second: str) -> None:
    """Beside a wrapped label (lines 3-4) that the table reads as one row."""
    lines = [*WRAPPED[:4], first, AFTER.replace("Palvelujen ostot", second), TOTAL]
    assert [block.first_line for block in layout(lines).tables] == [1, 6]


def test_a_wrapped_label_under_a_table_of_another_kind_or_a_header_is_left_alone() -> None:
    other = ["", "Tunnusluku\tTP 2024\tTA 2025", "Asukkaat ja", "lapset\t10 100\t10 000"]
    header = ["", HEADER, "Aineet, tarvikkeet ja", HEADER.replace("Perusturvalautakunta", "tavarat")]
    assert [block.first_line for block in layout([*WRAPPED, *other, *header]).tables] == [1, 7, 9, 11, 13]


def test_a_wrapped_label_and_a_page_break_in_one_table() -> None:
    lines = [*WRAPPED[:4], "", "Sivu 41", "", BEFORE, "Aineet, tarvikkeet ja", AFTER.replace("Palvelujen", "tavarat")]
    [block] = layout(lines).tables
    assert [row.line for row in block.rows] == [1, 2, 4, 8, 10]
