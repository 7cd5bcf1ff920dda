"""Tell a report cut off mid-table (a truncated file) from one that is merely short.

A truncated file ends inside a table. Whether the table is complete can be told only where
the table says how it ends:

* a row with fewer cells than the header was cut mid-row;
* a last line with an inline tag left open (``<b>88,1``) was cut mid-cell;
* a budget or investment table ends on a total that prints a figure: a bold row, or a line
  that closes a statement under any of the chart's names (Toimintakate, Vuosikate, Tilikauden
  tulos, Tilikauden ylijäämä, Liikeylijäämä, Netto, Nettoinvestoinnit: ``CLOSING_LINES``) or
  Yhteensä (a bold caption with no figure, ``TOIMINTATUOTOT``, opens a group);
* a projects table ends on its Yhteensä (Totalt) row.

A table that ends the file complete by these rules (as a key-figure, goals or risks table
whose last row is whole) is taken as complete: nothing more can be told from the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kuntatalous.tables.budget_columns import header_line, split_label
from kuntatalous.tables.budget_tables import is_budget_header
from kuntatalous.tables.projects import is_total_label
from kuntatalous.tables.table_kinds import other_table_kind, table_name
from kuntatalous.text.cells import TOTAL_WORDS, strip_markup
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.line_names import chart_names, name_key

CLOSING_LINES = frozenset(
    {
        "toimintakate",
        "vuosikate",
        "tilikauden_tulos",
        "tilikauden_ylijaama_alijaama",
        "liikeylijaama",
        "netto",
        "rahavarojen_muutos",
        "rahavarat_1_1",
        "lainakanta_31_12",
    }
)
"""The chart's lines (``seeds/reference/ref_line_items.csv``) a budget or projects table ends
on: the income statement's margins and its last line (a municipal enterprise's company form
ends on the same ``Tilikauden ylijäämä (alijäämä)``, or on its ``Liikeylijäämä``), the
investment table's Netto, the financing statement's ``Rahavarojen muutos`` or the stocks printed
under it (``Rahavarat 1.1.``, ``Lainakanta 31.12.``). Each closes under every Finnish and
Swedish name the chart gives it (``closing_labels``)."""
_TAG = re.compile(r"<(/?)(\w+)\b[^>]*>")
_INLINE_TAGS = ("b", "i", "strong", "em")
_TEXT_TAGS = (*_INLINE_TAGS, "p", "ul", "ol", "li")
"""Tags the converted text opens and closes on one line: one left open at the end of the
file means the file was cut off there."""
_TAG_CUT = re.compile(r"<[^>]*$")


@dataclass(frozen=True)
class Truncation:
    """The table a truncated file ends inside, and why it is taken as cut off."""

    blocks: tuple[TableBlock, ...]
    """The table's blocks: the last one and those it continues after page breaks."""
    kind: str
    reason: str

    @property
    def first_line(self) -> int:
        return self.blocks[0].first_line

    @property
    def last_line(self) -> int:
        return self.blocks[-1].last_line

    def message(self) -> str:
        table = table_name(self.kind)
        return f"file ends inside the {table} at line {self.first_line}: {self.reason}; it looks truncated"


def find_truncation(tables: list[TableBlock], lines: Sequence[str], source: str) -> Truncation | None:
    """The table that ``lines`` end inside, if it is evidently incomplete; ``None`` otherwise."""
    if not tables or tables[-1].last_line != _last_text_line(lines):
        return None
    blocks = _table_of(tables)
    header, last = blocks[-1].rows[0], blocks[-1].rows[-1]
    kind = _kind(blocks[0], source)
    if len(last.cells) < len(header.cells):
        return Truncation(blocks, kind, f"its last row has {len(last.cells)} of the header's {len(header.cells)} cells")
    unclosed = _unclosed_tag(lines[last.line - 1])
    if unclosed is not None:
        return Truncation(blocks, kind, f"its last line stops inside {unclosed}")
    if kind == "budget" and not _is_closing(last):
        label = strip_markup(last.cells[0])
        return Truncation(
            blocks,
            kind,
            f"it ends on '{label}', not on a total (a bold row, Toimintakate, Vuosikate, Tilikauden tulos, "
            "Tilikauden ylijäämä, Liikeylijäämä, Netto, Nettoinvestoinnit or Rahavarojen muutos)",
        )
    if kind == "projects" and not any(_is_total(row) for row in blocks[-1].rows[1:]):
        return Truncation(blocks, kind, "it has no Yhteensä (Totalt) row")
    return None


def find_cut_text(lines: Sequence[str]) -> tuple[int, str] | None:
    """The file's last text line and the tag it leaves open, when the file stops inside one
    (cut off in its narrative, after its last table); ``None`` otherwise."""
    number = _last_text_line(lines)
    if number == 0:
        return None
    unclosed = _unclosed_tag(lines[number - 1], _TEXT_TAGS)
    return (number, unclosed) if unclosed is not None else None


def _last_text_line(lines: Sequence[str]) -> int:
    for number in range(len(lines), 0, -1):
        if lines[number - 1].strip():
            return number
    return 0


def _table_of(tables: list[TableBlock]) -> tuple[TableBlock, ...]:
    """The last block and the blocks before it that it continues (same header, perhaps noted as
    going on: ``header_line``; blank lines between)."""
    first = len(tables) - 1
    while (
        first > 0
        and tables[first].follows_blank_only
        and header_line(tables[first].rows[0].cells) == header_line(tables[first - 1].rows[0].cells)
    ):
        first -= 1
    return tuple(tables[first:])


def _kind(block: TableBlock, source: str) -> str:
    return "budget" if is_budget_header(block) else other_table_kind(block)


def _is_closing(row: Row) -> bool:
    """A total (bold, or a closing label) that prints a figure: a bold caption with no figure
    (``TOIMINTATUOTOT``) opens a group of lines, it closes none."""
    if not any(strip_markup(cell) for cell in row.cells[1:]):
        return False
    label = row.cells[0]
    text = split_label(strip_markup(label))[0].lower().rstrip(":").removesuffix("*)").strip()
    return "<b>" in label.lower() or label.strip().startswith("**") or name_key(text) in closing_labels()


@cache
def closing_labels() -> frozenset[str]:
    """The name keys (``line_names.name_key``) of the last rows a budget or projects table ends
    on, in Finnish and Swedish (any case, a footnote marker, ``*)``, ``1)`` or ``¹``, or a note
    of the binding level, ``(sitova)``, left out as a budget row's label leaves them:
    ``split_label``): every name of the chart's ``CLOSING_LINES`` (``line_names.chart_names``:
    ``Tilikauden ylijäämä``, ``Nettoinvesteringar``), and a total word alone."""
    keys = {key for names in chart_names() for key, lines in names.items() if lines & CLOSING_LINES}
    return frozenset(keys | {name_key(word) for word in TOTAL_WORDS})


def _is_total(row: Row) -> bool:
    return any(is_total_label(strip_markup(cell)) for cell in row.cells)


def _unclosed_tag(line: str, tags: tuple[str, ...] = _INLINE_TAGS) -> str | None:
    """``a <b> tag`` when the line ends with a tag cut short or one of ``tags`` opened and never
    closed."""
    if _TAG_CUT.search(line):
        return "a tag"
    opened: list[str] = []
    for match in _TAG.finditer(line):
        closing, name = match[1] == "/", match[2].lower()
        if not closing:
            opened.append(name)
        elif name in opened:
            opened.remove(name)
    unclosed = [name for name in opened if name in tags]
    return f"a <{unclosed[-1]}> tag" if unclosed else None
