"""Rejoining text tables split by page breaks."""

from __future__ import annotations

import pytest

from kuntatalous.tables.table_groups import LogicalRow, join_page_breaks
from kuntatalous.text.layout import find_layout

HEADER = "Nimi\tKuvaus\tTila"


def name_is_empty(row: LogicalRow) -> bool:
    return row.text(0) == ""


def test_a_repeated_header_continues_the_table_and_its_last_row() -> None:
    lines = [
        HEADER,
        "Eka\tAlkaa tässä\tValmis",
        "Toka\tKatkeaa\tKesken",
        "",
        " ",
        HEADER,
        "\tsivun vaihtuessa.\t<b>ja jatkuu</b>",
        "Kolmas\tOma rivinsä\tValmis",
    ]
    tables = join_page_breaks(find_layout(lines).tables, name_is_empty)

    assert len(tables) == 1
    table = tables[0]
    assert table.header == ("Nimi", "Kuvaus", "Tila")
    assert table.header_lines == [1, 6]
    assert [row.lines for row in table.rows] == [(2,), (3, 7), (8,)]
    assert table.rows[1].cells == ("Toka", "Katkeaa sivun vaihtuessa.", "Kesken <b>ja jatkuu</b>")
    assert table.rows[1].text(2) == "Kesken ja jatkuu"
    assert (table.rows[1].first_line, table.rows[1].last_line) == (3, 7)


@pytest.mark.parametrize("furniture", ["Sivu 41", "**41**", "Kuusamon kaupunki \u2013 Tilinpäätös 2025\t41"])
def test_a_header_repeated_after_a_page_number_continues_the_table(furniture: str) -> None:
    """What a page break leaves between the parts (a page's number, a running title) is no text
    that ends the table: it went on as a table of its own, its row cut by the break a row of its own."""
    lines = [HEADER, "Eka\tAlkaa tässä\tKesken", "", furniture, "", HEADER, "\tsivun vaihtuessa.\t", "Toka\tA\tB"]
    [table] = join_page_breaks(find_layout(lines).tables, name_is_empty)
    assert table.header_lines == [1, 6]
    assert [row.lines for row in table.rows] == [(2, 7), (8,)]
    assert table.rows[0].text(1) == "Alkaa tässä sivun vaihtuessa."


def test_a_first_row_that_does_not_continue_stays_its_own_row() -> None:
    lines = [HEADER, "Eka\tA\tB", "", HEADER, "Toka\tC\tD"]
    tables = join_page_breaks(find_layout(lines).tables, name_is_empty)
    assert [row.lines for row in tables[0].rows] == [(2,), (5,)]


def test_text_between_tables_or_another_header_starts_a_new_table() -> None:
    lines = [HEADER, "Eka\tA\tB", "", "Välissä tekstiä.", "", HEADER, "\tC\tD", "", "Muu\tOtsake\tTässä", "X\tY\tZ"]
    tables = join_page_breaks(find_layout(lines).tables, name_is_empty)
    assert [table.header_lines for table in tables] == [[1], [6], [9]]
    assert [row.lines for row in tables[1].rows] == [(7,)]
