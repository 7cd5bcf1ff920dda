"""The site's own escaping writes what ``markupsafe.escape`` writes, for every kind of value, and its
cells and tables what they wrote when each attribute was added and escaped in turn."""

from __future__ import annotations

import itertools
from decimal import Decimal

import markupsafe
import pytest

from kuntatalous.site.markup import cell_html, escape, table_html
from kuntatalous.site.model import Cell, Table, TableRow


@pytest.mark.parametrize(
    "value",
    [
        "Toimintakate",
        "Tulot & menot <2025> \"painettu\" 'arvio'",
        "&amp; already escaped",
        "",
        "\u221213 963 200 \u20ac",
        Decimal("-13963200.00"),
        99.2,
        2025,
        None,
        markupsafe.Markup("<b>kept</b>"),
    ],
)
def test_escape_writes_what_markupsafe_writes(value: object) -> None:
    assert escape(value) == str(markupsafe.escape(value))


def plain_cell(cell: Cell, tag: str = "td") -> str:
    """A cell as first written: each attribute added in turn, each value escaped by markupsafe."""
    attributes = ' class="num"' if cell.numeric else ""
    if cell.column:
        attributes += f' data-col="{markupsafe.escape(cell.column)}"'
    if cell.value is not None:
        attributes += f' data-value="{markupsafe.escape(cell.value)}"'
    if cell.title:
        attributes += f' title="{markupsafe.escape(cell.title)}"'
    content = str(markupsafe.escape(cell.text))
    if cell.href:
        content = f'<a href="{markupsafe.escape(cell.href)}">{content}</a>'
    return f"<{tag}{attributes}>{content}</{tag}>"


CELLS = [
    Cell(text, value, column, href, numeric, title)
    for text, value, column, href, numeric, title in itertools.product(
        ("", "Toimintakate", "\u22121\u00a0234\u00a0€", "A & <B>"),
        (None, "", "-1234.50", '"x"'),
        (None, "", "budget_eur", "a'b"),
        (None, "", "sources/a&b.txt.html#L3"),
        (False, True),
        (None, "", "painettu <3>"),
    )
]


def test_cells_and_tables_write_what_the_plain_rule_writes() -> None:
    for cell, tag in itertools.product(CELLS, ("td", "span")):
        assert str(cell_html(cell, tag)) == plain_cell(cell, tag), cell
    rows = [
        TableRow(CELLS[i : i + 5], {"unit": f"u{i}", "line-item": "<i>", "statement": "operating"})
        for i in range(0, len(CELLS), 5)
    ]
    table = Table(["Yksikkö", "A & B"], rows, caption="<caption>")
    html = str(table_html(table, "Luvut & <muut>"))
    head = '<th scope="col">Yksikkö</th><th scope="col">A &amp; B</th>'
    body = "\n".join(
        "<tr"
        + "".join(f' data-{name}="{markupsafe.escape(value)}"' for name, value in row.attributes.items())
        + ">"
        + "".join(plain_cell(cell) for cell in row.cells)
        + "</tr>"
        for row in rows
    )
    assert html == (
        '<details class="figures" open>\n<summary>Luvut &amp; &lt;muut&gt;</summary>\n<div class="scroll"><table>'
        f"<caption>&lt;caption&gt;</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
        "</table></div>\n</details>"
    )
