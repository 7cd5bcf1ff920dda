"""The tables and figure cells of a page as HTML, written in Python: a page holds thousands of
cells, and a template macro per cell is most of a site's build time."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from kuntatalous.site.model import Cell, Table

_SPECIAL = re.compile("[&<>'\"]")
"""The characters :func:`escape` replaces: most of a page's values (figures, ids) have none."""
_special = _SPECIAL.search


def escape(value: object) -> str:
    """``markupsafe.escape``'s text of ``value`` (``&``, ``<``, ``>``, ``'`` and ``"`` replaced;
    a value with ``__html__`` taken as it is), as a plain string: making a ``Markup`` of each of a
    page's tens of thousands of values took a sixth of its rendering. A text without any of them
    is returned as it is, found by one search instead of five replacements."""
    if type(value) is str:
        if _special(value) is None:
            return value
        text = value
    elif hasattr(value, "__html__"):
        return str(value.__html__())
    else:
        text = str(value)
        if _special(text) is None:
            return text
    return (
        text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


def cell_html(cell: Cell, tag: str = "td") -> Markup:
    """A cell with its figure's exact value (``data-value``) and column (``data-col``)."""
    return Markup(_cell(cell, tag))


def _cell(cell: Cell, tag: str = "td") -> str:
    """:func:`cell_html`'s text: a table's cells are joined as text, not each made a ``Markup``."""
    opening = _opening(tag, cell.numeric, cell.column)
    if cell.value is not None:
        opening = f'{opening} data-value="{escape(cell.value)}"'
    if cell.title:
        opening = f'{opening} title="{escape(cell.title)}"'
    if cell.href:
        return f'{opening}><a href="{escape(cell.href)}">{escape(cell.text)}</a></{tag}>'
    return f"{opening}>{escape(cell.text)}</{tag}>"


@lru_cache(maxsize=1024)
def _opening(tag: str, numeric: bool, column: str | None) -> str:
    """A cell's opening tag up to its value: its class and ``data-col`` are of a few kinds, written
    on every cell."""
    number = ' class="num"' if numeric else ""
    return f'<{tag}{number} data-col="{escape(column)}"' if column else f"<{tag}{number}"


@lru_cache(maxsize=1024)
def _data_attribute(name: str) -> str:
    """The start of a row's ``data-<name>`` attribute: a few names, written on every row."""
    return f" data-{escape(name)}="


def table_html(table: Table, summary: str) -> Markup:
    """The table in an open ``<details>``, its rows carrying their unit and line item as data attributes."""
    head = "".join([f'<th scope="col">{escape(column)}</th>' for column in table.columns])
    rows = []
    for row in table.rows:
        attributes = "".join([f'{_data_attribute(name)}"{escape(value)}"' for name, value in row.attributes.items()])
        rows.append(f"<tr{attributes}>{''.join([_cell(cell) for cell in row.cells])}</tr>")
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    return Markup(
        f'<details class="figures" open>\n<summary>{escape(summary)}</summary>\n<div class="scroll"><table>{caption}\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>\n</details>"
    )
