"""Budget-vs-actual and investment tables as the reports print them.

Columns: prior-year statement, budget, actual, variance (budget minus actual) and execution
percentage (actual / budget * 100, two decimals; one in investment tables). The header is one
line (``<Unit> Selite``) or split over two (the second starting ``Selite`` with the years).
"""

from __future__ import annotations

from dataclasses import dataclass

from kuntatalous.synthetic.figures import (
    DEPRECIATION,
    EXPENSES,
    FINANCIAL,
    LABELS,
    REVENUES,
    TILIKAUDEN_TULOS,
    TOIMINTAKATE,
    TOIMINTAKULUT,
    TOIMINTATUOTOT,
    VALMISTUS,
    VUOSIKATE,
    Figures,
    Investment,
)
from kuntatalous.synthetic.formatting import amount, bold, percent


def page_break_lines(year: int) -> tuple[str, ...]:
    """What a page break leaves between two parts of a table in the converted text: the page's
    number from its footer and the next page's running title from its header, the title in
    bold in some years, and in others the title and the number in cells of their own."""
    furniture = (
        ("Sivu 41", f"Tilinpäätös {year}"),
        ("Sivu 41", f"**TILINPÄÄTÖS {year}**"),
        (f"Tilinpäätös {year}\t\t41", " "),
    )
    return ("", *furniture[year % len(furniture)], "")


_CAPTION = "<b>{}</b>\t\t\t\t\t"
_SUBTOTALS = {TOIMINTATUOTOT, TOIMINTAKULUT, TOIMINTAKATE, VUOSIKATE, TILIKAUDEN_TULOS}


@dataclass(frozen=True)
class TableStyle:
    split_header: bool
    prints_valmistus: bool
    bold_actual_expenses: bool = False
    """Print the actual of each expense line in bold (a quirk of some converted tables)."""
    page_break_after: str | None = None
    """In a detailed table, the line item after which a page break repeats the header."""


def header(label: str, year: int, split: bool) -> list[str]:
    if split:
        return [
            f"{label}\tTilinpäätös\tTalousarvio\tToteuma\tPoikkeama\tToteuma",
            f"Selite\t{year - 1}\t{year}\t{year}\t\t%",
        ]
    return [f"{label} Selite\tTilinpäätös {year - 1}\tTalousarvio {year}\tToteuma {year}\tPoikkeama\tToteuma %"]


def short_table(label: str, year: int, prior: Figures, current: Figures, style: TableStyle) -> list[str]:
    """Toimintatuotot, (Valmistus omaan käyttöön,) Toimintakulut and Toimintakate."""
    lines = header(label, year, style.split_header)
    rows = [TOIMINTATUOTOT, *([VALMISTUS] if style.prints_valmistus else []), TOIMINTAKULUT, TOIMINTAKATE]
    for line in rows:
        lines.append(_row(line, prior, current, is_bold=line == TOIMINTAKATE))
    return lines


def detailed_table(label: str, year: int, prior: Figures, current: Figures, style: TableStyle) -> list[str]:
    """Every line of the income statement down to Tilikauden tulos, with section captions."""
    top = header(label, year, style.split_header)
    lines = list(top)
    order: list[str | None] = [
        None,
        *REVENUES,
        TOIMINTATUOTOT,
        *([VALMISTUS] if style.prints_valmistus else []),
        None,
        *EXPENSES,
        TOIMINTAKULUT,
        TOIMINTAKATE,
        FINANCIAL,
        VUOSIKATE,
        DEPRECIATION,
        TILIKAUDEN_TULOS,
    ]
    captions = iter(("TOIMINTATUOTOT", "TOIMINTAKULUT"))
    for line in order:
        if line is None:
            lines.append(_CAPTION.format(next(captions)))
            continue
        bold_actual = style.bold_actual_expenses and line in EXPENSES
        lines.append(_row(line, prior, current, is_bold=line in _SUBTOTALS, bold_actual=bold_actual))
        if line == style.page_break_after:
            lines.extend(page_break_lines(year))
            lines.extend(top)
    return lines


def investment_table(label: str, year: int, prior: Investment, current: Investment, with_revenue: bool) -> list[str]:
    """Menot, (Tulot,) Netto: minus signs never apart, percentages to one decimal, and an empty
    percentage where nothing was budgeted or spent."""
    lines = [f"{label}\tTP{year - 1}\tTA {year}\tToteuma 1- 12\tPoikkeama\tToteuma %"]
    for line in ("menot", *(("tulot",) if with_revenue else ()), "netto"):
        budget, actual = current.budget[line], current.actual[line]
        pct = "" if budget == 0 and actual == 0 else percent(actual, budget, 1)
        cells = [
            LABELS[line],
            amount(prior.actual[line], apart_minus=False),
            amount(budget, apart_minus=False),
            amount(actual, apart_minus=False),
            amount(budget - actual, apart_minus=False),
            pct,
        ]
        lines.append("\t".join(cells))
    return lines


def _row(line: str, prior: Figures, current: Figures, is_bold: bool, bold_actual: bool = False) -> str:
    return printed_row(
        LABELS[line], prior.actual[line], current.budget[line], current.actual[line], is_bold, bold_actual
    )


def printed_row(
    label: str, prior_actual: int, budget: int, actual: int, is_bold: bool = False, bold_actual: bool = False
) -> str:
    """One row of an operating table (the columns of :func:`header`): the variance is budget
    minus actual, the execution percentage actual / budget to two decimals."""
    cells = [label, amount(prior_actual), amount(budget), amount(actual), amount(budget - actual)]
    cells.append(percent(actual, budget, 2))
    if is_bold:
        cells = [bold(cell) for cell in cells]
    elif bold_actual:
        cells[3] = bold(cells[3])
    return "\t".join(cells)
