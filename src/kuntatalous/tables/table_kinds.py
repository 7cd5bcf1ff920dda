"""Name the kind of a table that is not a budget table, from its header."""

from __future__ import annotations

from functools import lru_cache

from kuntatalous.text.layout import TableBlock
from kuntatalous.text.numbers import strip_markup

STATEMENTS = ("operating", "investment", "financing")
"""The statements a budget table's figures belong to, its kind in the raw CSVs: a unit's income
statement, its investments, the whole city's financing statement (dbt_project.yml's var
``statements``; a test holds the two equal)."""
BUDGET_TABLE_NAMES = {
    "budget": "budget table",
    "operating": "budget table",
    "investment": "investment table",
    "financing": "financing statement",
    "unknown": "unrecognised table",
}
"""The budget table kinds (each of ``STATEMENTS``, ``budget`` before it is told which, and
``unknown``) as messages name them."""


def table_name(kind: str) -> str:
    """A table kind as messages name it."""
    from kuntatalous.tables.registry import text_table_kinds  # the parsers import this module

    names = BUDGET_TABLE_NAMES | {text.kind: text.label for text in text_table_kinds()}
    return names[kind]


def other_table_kind(block: TableBlock) -> str:
    """The kind of the first registered text table whose header ``block`` has, or ``unknown``."""
    return header_kind(block.rows[0].cells)


@lru_cache(maxsize=4096)
def header_kind(row: tuple[str, ...]) -> str:
    """The kind of the first registered text table whose header ``row``'s cells are, or ``unknown``.
    Remembered by the cells: a table's first row is asked about by each reader of its report
    (five times a table), and reports of one layout print the same headers."""
    from kuntatalous.tables.registry import text_table_kinds  # the parsers import this module

    cells = [strip_markup(cell).lower() for cell in row]
    for text in text_table_kinds():
        if text.recognise(cells):
            return text.kind
    return "unknown"
