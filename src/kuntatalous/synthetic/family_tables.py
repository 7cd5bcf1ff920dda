"""Budget tables in the layouts of the report family (:mod:`kuntatalous.synthetic.dialects`).

A table's figures come from the ledger in whole euros: each printed figure is that value in
the table's scale, rounded half up to its decimals; the variance and the percentages are
computed from the euros and rounded the same way, as a spreadsheet prints them. So a printed
total may miss the sum of its printed terms by the rounding of each, never more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kuntatalous.synthetic import dialects as d
from kuntatalous.synthetic.formatting import number, percent, scaled
from kuntatalous.synthetic.wording import label

FOOTNOTE_MARK = "*)"
FOOTNOTE = {"fi": "*) Sisältää sisäiset erät.", "sv": "*) Innehåller interna poster."}
_FOOTNOTED = "toimintakate"


@dataclass(frozen=True)
class Line:
    """One printed row: its line item and its figures in euros, by role."""

    line: str
    prior: int
    budget: int
    """The budget in force."""
    actual: int
    change: int = 0
    prior_budget: int = 0
    is_bold: bool = False
    text: str = ""
    """The label as printed where it is not the line's (an asset class, `Nettoinvestoinnit`)."""

    def amount(self, role: str) -> int:
        return {
            d.PRIOR: self.prior,
            d.PRIOR_BUDGET: self.prior_budget,
            d.BUDGET: self.budget,
            d.REVISED: self.budget,
            d.ORIGINAL: self.budget - self.change,
            d.CHANGE: self.change,
            d.ACTUAL: self.actual,
        }[role]


@dataclass(frozen=True)
class Table:
    """A table to print: the unit cell's label, the statement year, its lines and scale."""

    unit_label: str
    year: int
    lines: Sequence[Line]
    scale: d.Scale
    with_empty_pct: bool = False
    """An empty percentage where nothing was budgeted or spent (investment tables)."""
    footnote: bool = False
    captions: dict[str, str] = field(default_factory=dict)


def render(dialect: d.Dialect, table: Table) -> list[str]:
    """The table's lines (a line above saying the scale, when the dialect puts it there)."""
    above = [table.scale.line_above, ""] if table.scale.line_above else []
    unit_cell = f"{table.unit_label} {table.scale.unit_cell}".strip()
    header = [unit_cell, *(d.header_text(column, table.year, dialect.years) for column in dialect.columns)]
    lines = [*above, "\t".join(header)]
    if dialect.years == d.SECOND_LINE:
        lines.append("\t".join(["Selite", *(d.second_line_text(c, table.year) for c in dialect.columns)]))
    for line in table.lines:
        lines.append(_row(dialect, table, line))
    if table.footnote:
        lines.extend(["", FOOTNOTE[dialect.language]])
    return lines


def _row(dialect: d.Dialect, table: Table, line: Line) -> str:
    text = line.text or label(line.line, dialect.language, dialect.wording, dialect.upper_subtotals)
    if table.footnote and line.line == _FOOTNOTED:
        text += FOOTNOTE_MARK
    cells = [_cell(dialect, table, line, column.role) for column in dialect.columns]
    row = [text, *cells]
    if line.is_bold:
        row = [_bold(cell, dialect.numbers.bold) if cell else cell for cell in row]
    return "\t".join(row)


def _cell(dialect: d.Dialect, table: Table, line: Line, role: str) -> str:
    scale = table.scale
    if role in d.AMOUNT_ROLES:
        return _amount(dialect, scale, line.amount(role))
    if role == d.VARIANCE:
        variance = line.budget - line.actual if dialect.variance == d.BUDGET_MINUS_ACTUAL else line.actual - line.budget
        return _amount(dialect, scale, variance)
    if role == d.PCT:
        if table.with_empty_pct and line.budget == 0 and line.actual == 0:
            return ""
        # As the reports print 0,00 where the budget is 0: where it prints as 0 at this scale.
        budget = line.budget if scaled(line.budget, scale.factor, scale.decimals) != 0 else 0
        return _signed(dialect, percent(line.actual, budget, dialect.pct_decimals))
    return _other(dialect, scale, line, role)


def _other(dialect: d.Dialect, scale: d.Scale, line: Line, role: str) -> str:
    """Columns that are no budget phase."""
    frame = round(line.budget, -4)
    if role == d.FRAME:
        return _amount(dialect, scale, frame)
    if role == d.FRAME_DIFFERENCE:
        return _amount(dialect, scale, line.budget - frame)
    if role == d.PARTIAL:
        return _amount(dialect, scale, round(line.actual * 0.74))
    if role == d.OVERRUN:
        overrun = line.actual < line.budget < 0 and line.line == "toimintakulut"
        return _amount(dialect, scale, line.budget - line.actual) if overrun else ""
    if role == d.CHANGE_PCT:
        if line.prior == 0:
            return ""
        return _signed(dialect, percent(line.actual - line.prior, abs(line.prior), dialect.pct_decimals))
    raise ValueError(f"unknown column role {role!r}")


def _amount(dialect: d.Dialect, scale: d.Scale, value: int) -> str:
    style = dialect.numbers
    return number(scaled(value, scale.factor, scale.decimals), style.thousands, style.minus, style.apart_minus)


def _signed(dialect: d.Dialect, text: str) -> str:
    """A percentage with the dialect's minus sign."""
    return dialect.numbers.minus + text[1:] if text.startswith("-") else text


def _bold(text: str, style: str) -> str:
    return f"**{text}**" if style == "markdown" else f"<b>{text}</b>"
