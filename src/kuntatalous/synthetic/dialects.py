"""The layouts of the report family: how a municipality prints its budget tables.

Each municipality prints every table of its statement one way (a :class:`Dialect`): the
column spellings of its budget phases (one budget, or original / changes / in force), where
the years stand (in the header, on a second header line, or only in the title), which way its
variance runs, the scale and decimals of its figures, its thousands separator, its line-item
wording (the decree's or the State Treasury's, Finnish or Swedish), whether it prints the
whole city's income statement and columns that are no budget phase.

:data:`HEINOLA` is the layout of the default corpus; :data:`PROFILES` are the layouts a
family corpus mixes, each axis value in at least one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

PRIOR = "prior_actual"
PRIOR_BUDGET = "prior_budget"
BUDGET = "budget"
ORIGINAL = "budget_original"
CHANGE = "budget_change"
REVISED = "budget_revised"
ACTUAL = "actual"
VARIANCE = "variance"
PCT = "execution_pct"
OVERRUN = "overrun_allowance"
FRAME = "frame"
FRAME_DIFFERENCE = "frame_difference"
CHANGE_PCT = "change_pct"
PARTIAL = "partial_year_actual"

AMOUNT_ROLES = (PRIOR, PRIOR_BUDGET, BUDGET, ORIGINAL, CHANGE, REVISED, ACTUAL)
"""Columns printed from the ledger, in euros (scaled and rounded as the table prints them)."""
OTHER_ROLES = (OVERRUN, FRAME, FRAME_DIFFERENCE, CHANGE_PCT, PARTIAL)
"""Columns that are no budget phase (kept by the extractor with their header)."""

HEADER = "header"
SECOND_LINE = "second_line"
TITLE = "title"
"""Where the years stand: in each header cell, on a second header line, or only in the title."""

BUDGET_MINUS_ACTUAL = "budget_minus_actual"
ACTUAL_MINUS_BUDGET = "actual_minus_budget"

DECREE = "decree"
TREASURY = "treasury"


@dataclass(frozen=True)
class Column:
    """One value column: its role and its words as printed (the year added by the dialect)."""

    role: str
    words: str
    dated: bool = True
    """Whether the column carries a year where the dialect prints years (``Ed.TP`` never does)."""
    tight: bool = False
    """The year joins the words without a space (``TP2024``)."""


@dataclass(frozen=True)
class Scale:
    factor: int
    """1 (euros), 1 000 or 1 000 000."""
    decimals: int
    unit_cell: str = ""
    """Appended to the unit cell of the header (``(1 000 €)``, ``t€``); empty for none."""
    line_above: str = ""
    """A line just above the table saying the unit (``Luvut tuhansina euroina``)."""


EUROS = Scale(1, 0)


@dataclass(frozen=True)
class NumberStyle:
    thousands: str
    """``" "``, ``"."`` or ``""``."""
    minus: str = "-"
    """``-`` or the Unicode minus (U+2212)."""
    apart_minus: bool = False
    """A minus stands apart from a leading group of three digits (``- 382 928``)."""
    bold: str = "html"
    """``html`` (``<b>…</b>``) or ``markdown`` (``**…**``)."""


@dataclass(frozen=True)
class Dialect:
    name: str
    language: str
    """``fi`` or ``sv``."""
    columns: tuple[Column, ...]
    years: str
    variance: str
    scale: Scale
    numbers: NumberStyle
    wording: str
    pct_decimals: int
    upper_subtotals: bool = False
    """Subtotals in capitals (``TOIMINTAKATE``)."""
    city_statement: Scale | None = None
    """The scale of the whole city's income statement, printed in the first section of a
    statement year; ``None`` when the municipality prints none."""
    footnote: bool = False
    """Toimintakate carries a footnote marker (``*)``) and its note follows the table."""
    heinola: bool = False
    """The default corpus's layout: ``<Unit> Selite`` headers, captions in detailed tables."""

    @property
    def title_word(self) -> str:
        return "BOKSLUT" if self.language == "sv" else "TILINPÄÄTÖS"

    def roles(self) -> tuple[str, ...]:
        return tuple(column.role for column in self.columns)


HEINOLA = Dialect(
    name="heinola",
    language="fi",
    columns=(
        Column(PRIOR, "Tilinpäätös"),
        Column(BUDGET, "Talousarvio"),
        Column(ACTUAL, "Toteuma"),
        Column(VARIANCE, "Poikkeama", dated=False),
        Column(PCT, "Toteuma %", dated=False),
    ),
    years=HEADER,
    variance=BUDGET_MINUS_ACTUAL,
    scale=EUROS,
    numbers=NumberStyle(" ", apart_minus=True),
    wording=DECREE,
    pct_decimals=2,
    heinola=True,
)

PROFILES: tuple[Dialect, ...] = (
    HEINOLA,
    Dialect(
        name="ta_muutokset",
        language="fi",
        columns=(
            Column(PRIOR, "TP", tight=True),
            Column(ORIGINAL, "TA"),
            Column(CHANGE, "TA-muutokset", dated=False),
            Column(REVISED, "TA muutosten jälkeen", dated=False),
            Column(ACTUAL, "Toteutunut"),
            Column(VARIANCE, "Poikkeama", dated=False),
            Column(PCT, "Toteuma %", dated=False),
        ),
        years=HEADER,
        variance=BUDGET_MINUS_ACTUAL,
        scale=Scale(1_000, 1, unit_cell="(1 000 €)"),
        numbers=NumberStyle(".", apart_minus=True),
        wording=DECREE,
        pct_decimals=2,
        city_statement=Scale(1_000_000, 2, unit_cell="(milj. €)"),
    ),
    Dialect(
        name="muutettu_ta",
        language="fi",
        columns=(
            Column(PRIOR, "Ed.TP", dated=False),
            Column(ORIGINAL, "Alkuperäinen TA", dated=False),
            Column(REVISED, "Muutettu TA", dated=False),
            Column(ACTUAL, "Toteutuma", dated=False),
            Column(VARIANCE, "Poikkeama", dated=False),
            Column(PCT, "Tot.%", dated=False),
        ),
        years=TITLE,
        variance=ACTUAL_MINUS_BUDGET,
        scale=Scale(1_000, 1, line_above="Luvut tuhansina euroina"),
        numbers=NumberStyle(" ", minus="\u2212"),
        wording=TREASURY,
        pct_decimals=1,
        upper_subtotals=True,
        city_statement=Scale(1_000, 0, line_above="Luvut tuhansina euroina"),
    ),
    Dialect(
        name="ta_plus",
        language="fi",
        columns=(
            Column(PRIOR, "Tilinp."),
            Column(ORIGINAL, "TA"),
            Column(CHANGE, "Ta-muut."),
            Column(REVISED, "Ta +"),
            Column(ACTUAL, "Tot."),
            Column(PCT, "Tot-%", dated=False),
            Column(OVERRUN, "Ylitysoikeus", dated=False),
        ),
        years=SECOND_LINE,
        variance=BUDGET_MINUS_ACTUAL,
        scale=Scale(1_000, 0, unit_cell="t€"),
        numbers=NumberStyle(""),
        wording=DECREE,
        pct_decimals=1,
        upper_subtotals=True,
    ),
    Dialect(
        name="budjetti_plus",
        language="fi",
        columns=(
            Column(PRIOR_BUDGET, "Ed.TA", dated=False),
            Column(PRIOR, "Ed.vuosi", dated=False),
            Column(ORIGINAL, "Budjetti", dated=False),
            Column(CHANGE, "Bu-muutos", dated=False),
            Column(REVISED, "Budjetti +", dated=False),
            Column(ACTUAL, "Käyttö", dated=False),
            Column(PCT, "Käyttö %", dated=False),
        ),
        years=TITLE,
        variance=BUDGET_MINUS_ACTUAL,
        scale=Scale(1, 2),
        numbers=NumberStyle("", bold="markdown"),
        wording=TREASURY,
        pct_decimals=0,
        city_statement=Scale(1_000_000, 2, unit_cell="milj. €"),
    ),
    Dialect(
        name="bokslut",
        language="sv",
        columns=(
            Column(PRIOR, "Bokslut"),
            Column(ORIGINAL, "Budget"),
            Column(CHANGE, "Budgetändringar", dated=False),
            Column(REVISED, "Budget efter ändringar", dated=False),
            Column(ACTUAL, "Utfall"),
            Column(VARIANCE, "Avvikelse", dated=False),
            Column(PCT, "Utfall %", dated=False),
        ),
        years=HEADER,
        variance=ACTUAL_MINUS_BUDGET,
        scale=EUROS,
        numbers=NumberStyle(" "),
        wording=DECREE,
        pct_decimals=2,
        city_statement=Scale(1_000, 0, line_above="Belopp i tusen euro"),
    ),
    Dialect(
        name="ta_plus_muutokset",
        language="fi",
        columns=(
            Column(PRIOR, "Toteutunut"),
            Column(REVISED, "Talousarvio + muutokset", dated=False),
            Column(FRAME, "Raami", dated=False),
            Column(FRAME_DIFFERENCE, "Ero raamiin", dated=False),
            Column(ACTUAL, "Toteuma"),
            Column(PARTIAL, "Tot. 09/", dated=False),
            Column(VARIANCE, "Poikkeama", dated=False),
            Column(CHANGE_PCT, "Muutos %", dated=False),
        ),
        years=HEADER,
        variance=ACTUAL_MINUS_BUDGET,
        scale=Scale(1_000, 0, unit_cell="1000 euroa"),
        numbers=NumberStyle(".", minus="\u2212"),
        wording=TREASURY,
        pct_decimals=1,
        footnote=True,
    ),
    Dialect(
        name="bokslut_ta",
        language="sv",
        columns=(
            Column(PRIOR, "Bokslut", dated=False),
            Column(BUDGET, "Budget", dated=False),
            Column(ACTUAL, "Utfall", dated=False),
            Column(VARIANCE, "Avvikelse", dated=False),
            Column(PCT, "Utfall %", dated=False),
        ),
        years=TITLE,
        variance=BUDGET_MINUS_ACTUAL,
        scale=Scale(1_000, 0, line_above="Belopp i tusen euro"),
        numbers=NumberStyle(" ", bold="markdown"),
        wording=TREASURY,
        pct_decimals=1,
    ),
)
"""The layouts a family corpus mixes. Together they print every variant of the report family:
each phase spelling set, the three places of the years, both variance signs, euros / thousands
/ millions with 0-2 decimals, spaces / dots / nothing between thousands, the decree's and the
Treasury's words in Finnish and Swedish, the whole city's income statement and the columns
that are no budget phase."""


def header_text(column: Column, year: int, years: str) -> str:
    """A column's header cell on the first header line."""
    if column.role == PARTIAL:
        return f"{column.words}{year}"
    if years != HEADER or not column.dated:
        return column.words
    separator = "" if column.tight else " "
    return f"{column.words}{separator}{year_of(column, year)}"


def second_line_text(column: Column, year: int) -> str:
    """A column's cell on the second header line (the year, or empty)."""
    return str(year_of(column, year)) if column.dated else ""


def year_of(column: Column, year: int) -> int:
    return year - 1 if column.role in (PRIOR, PRIOR_BUDGET) else year
