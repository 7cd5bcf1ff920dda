"""A budget table's header and cells read the report family's way.

The header's value columns are read through the column vocabulary
(:mod:`kuntatalous.tables.vocabulary`): each column's role and year, the years taken from the
cell, a second header line (``Selite | 2024 | 2025``) or the statement year of the title. The
unit cell names the unit (``Rakennuslautakunta t€``: the scale words removed). The table's
number format and scale are decided once from all its cells, its header and the line just
above it (:mod:`kuntatalous.text.number_format`), and every cell is read by them.

Each column gets the key its values are stored under (:data:`PRINTED`): the budget phases, the
budget in force (the revised budget where one is printed, else the only budget of the
statement year) as ``budget``, a budget of the year before (``Ed.TA``) as ``prior_budget``,
and columns that are no budget phase as ``other:<header>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from kuntatalous.errors import ExtractionError
from kuntatalous.tables.variance import VarianceDetection, VarianceFigures, detect_variance_convention
from kuntatalous.tables.vocabulary import YEAR, ColumnRole, HeaderRoles, Role, classify_header, is_summed
from kuntatalous.text.cells import NumberFormatError, remembered_when_short, strip_markup, without_tags
from kuntatalous.text.document import names_the_statement
from kuntatalous.text.layout import Row, TableBlock, enclosing_headings, heading_text, without_continuation
from kuntatalous.text.line_names import finnish_half
from kuntatalous.text.number_format import (
    NIL,
    Nil,
    NumberFormat,
    Scale,
    detect_number_format,
    detect_scale,
    is_nil,
    lines_just_above,
    lines_just_below,
    parse_figure,
    section_statements,
    strip_unit,
    unread_scale_statement,
)
from kuntatalous.text.unit_names import finnish_unit_half

PRIOR_ACTUAL = "prior_actual"
PRIOR_BUDGET = "prior_budget"
BUDGET_ORIGINAL = "budget_original"
BUDGET_CHANGE = "budget_change"
BUDGET = "budget"
ACTUAL = "actual"
VARIANCE = "variance"
EXECUTION_PCT = "execution_pct"
OTHER = "other:"

PRINTED = (PRIOR_ACTUAL, PRIOR_BUDGET, BUDGET_ORIGINAL, BUDGET_CHANGE, BUDGET, ACTUAL, VARIANCE, EXECUTION_PCT)
"""The keys of the phase columns; an other column's key is ``other:`` and its header."""
AMOUNTS = frozenset({PRIOR_ACTUAL, PRIOR_BUDGET, BUDGET_ORIGINAL, BUDGET_CHANGE, BUDGET, ACTUAL, VARIANCE})
"""Keys of the columns printed in the table's scale (the others are percentages or kept raw)."""
SUMMED = frozenset(str(role) for role in Role if is_summed(role))
"""Keys under which several columns may be printed, one per decision (``1. lisätalousarvio |
2. lisätalousarvio``): the row's figure is their sum (``CellReader.add``)."""

_SELITE = re.compile(r"\s*\bSelite$", re.IGNORECASE)
_NO_UNIT = re.compile(
    r"selite|käyttötalous|driftsekonomi|förklaring|talous"
    r"|(?:käyttötalouden|talousarvion|talouden) toteutuminen|budgetens utfall|(?:talousarvion )?toteutumisvertailu"
    r"|tulosalue(?:et)?|resultatområden?|(?:sitovuustaso|bindningsnivå)\b.*",
    re.IGNORECASE,
)
"""A first header cell that names the column, the kind of statement or what the council binds,
not a unit: ``Selite``, ``Talous (1 000 €)``, ``Toteutumisvertailu``, ``Tulosalue`` (the rows
are the result areas), ``Sitovuustaso: toimintakate``."""
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_STARRED = re.compile(r"\s*\*+\)?\s*$")
_NUMBERED = re.compile(r"\s+[1-9]\)\s*$")
_SUPERSCRIPT = re.compile(rf"\s*[{_SUPERSCRIPT_DIGITS}]+\s*$")
"""A footnote marker ending a label or a figure (``_footnote_marker``): asterisks, with a bracket
or without (``Toimintakate*)``, ``-1 585,6*``, ``-1 585,6**``), a digit and a bracket after a
space (``Toimintakate 1)``, ``-1 585,6 1)``), or superscript digits (``Toimintakulut¹``,
``-1 585,6¹``)."""
_FIGURE_END = re.compile(r"[\d)€%-]$")
"""How a figure's text ends before its footnote marker: a digit, the bracket of a negative
printed in brackets (``(1 585,6)*``), a minus after it (``1 585,6-*``), a unit sign."""
_UNIT_POWER = re.compile(r"(?<![^\W\d_])[kcd]?m[²³]$")
"""A square or cubic metre ending a label (``Tilat, m²``): no footnote marker."""
_BINDING_LEVEL = re.compile(
    r"(?:\s*\((?:sitova(?: taso)?|sitovuustaso|bindande(?: nivå)?|bindningsnivå)\)"
    r"|\s*,\s*(?:sitova(?: taso)?|sitovuustaso|bindande(?: nivå)?|bindningsnivå))\s*$",
    re.IGNORECASE,
)
"""A note that the line is what the council binds (the budget's binding level, sitova taso),
ending a label in brackets or after a comma: ``Toimintakate (sitova)``, ``Toimintakate (sitova
taso)``, ``Toimintakate, sitova``, Swedish ``Verksamhetsbidrag (bindande)``."""


@dataclass(frozen=True)
class Column:
    """One value column: the key its values are stored under, its year and its header."""

    key: str
    year: int | None
    text: str


@dataclass(frozen=True)
class HeaderReading:
    """A budget table's header read: its unit, columns, scale and how many lines it takes."""

    unit_label: str
    columns: tuple[Column, ...]
    statement_year: int | None
    scale: Scale
    lines: int
    signature: tuple[tuple[str, ...], ...]

    def year(self, key: str) -> int | None:
        return next((column.year for column in self.columns if column.key == key), None)

    @cached_property
    def summed_keys(self) -> frozenset[str]:
        """The keys printed in several columns, one per decision, their figures summed (``SUMMED``)."""
        keys = [column.key for column in self.columns]
        return frozenset(key for key in keys if keys.count(key) > 1)

    def table_year(self) -> int | None:
        """The year of the table's budget columns; where it prints no budget (a statement of its
        actuals alone), of its actual."""
        return self.year(BUDGET) or self.year(ACTUAL)

    def has(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)


INCOME_STATEMENT = re.compile(r"tuloslaskelma|resultaträkning", re.IGNORECASE)
"""A heading or unit cell naming the income statement (``Tuloslaskelmaosan toteutuminen``)."""
FINANCING_STATEMENT = re.compile(
    r"rahoituslaskelm|rahoitusosa\b|rahoitusosan\b|finansieringsanalys|finansieringsdel", re.IGNORECASE
)
"""A heading or unit cell naming the financing statement (``Rahoituslaskelma``, ``Rahoitusosan
toteutuminen``, Swedish ``Finansieringsanalys``): the whole city's cash flows, the ``financing``
statement."""
INVESTMENTS = re.compile(r"investoin|investering", re.IGNORECASE)
"""Words naming investments (``Investoinnit``, ``INVESTERINGAR``, ``Investointiosa``)."""
BUDGET_PART = re.compile(
    r"tuloslaskelmaosa|investointiosa|rahoitusosa|resultaträkningsdel|investeringsdel|finansieringsdel", re.IGNORECASE
)
"""A part of the budget (``Tuloslaskelmaosan toteutuminen``, ``Investointiosa``, Swedish
``Investeringsdelen``): the whole city's, or a municipal enterprise's, whose budget has parts of
its own."""
ENTERPRISE = re.compile(r"liikelaito|laitoksen|affärsverk", re.IGNORECASE)
"""Words naming a municipal enterprise (``Oulun Vesi -liikelaitos``, ``Kangasalan Vesi
-liikelaitoksen tuloslaskelma``, Swedish ``affärsverk``)."""
_UNIT_ISSUER = re.compile(
    rf"lautakun|nämnd|toimial|palvelualu|tulosalu|vastuualu|serviceområd|ansvarsområd|{ENTERPRISE.pattern}",
    re.IGNORECASE,
)
"""Words naming a unit of the city as the issuer of a statement or a budget part: a board, a
toimiala, a service or result area (the level words of ``unit_names.UNIT_WORDS`` as they
inflect: ``lautakunnan``, ``toimialan``, ``palvelualueen``), a municipal enterprise."""
_GROUP_ISSUER = re.compile(r"konserni|koncern", re.IGNORECASE)
"""Words naming the municipal group (``Konsernituloslaskelma``, ``Koncernresultaträkning``)."""


def reads_as_budget_table(roles: HeaderRoles, label: str, heading: str | None) -> bool:
    """Whether a header is read as a budget table's: some column is a budget phase, or its
    columns are actuals alone (``TP 2025 | TP 2024``) and its label or heading names an income
    or financing statement, as the statements print them after the budget's execution: the
    whole city's, or a unit's own (a municipal enterprise's), not the group's (whose it is,
    ``tables.issuers`` tells)."""
    return roles.is_budget_table or (roles.is_actuals_only and names_a_read_statement(label, heading))


def names_a_statement(title: str) -> bool:
    """Whether ``title`` names the income or the financing statement."""
    return bool(INCOME_STATEMENT.search(title) or FINANCING_STATEMENT.search(title))


def names_a_read_statement(label: str, heading: str | None) -> bool:
    """Whether a table's label or the heading over it names an income or financing statement
    that is read: any issuer's but the municipal group's."""
    title = f"{heading or ''} {strip_markup(label)}"
    return names_a_statement(title) and _GROUP_ISSUER.search(title) is None


_BARE_YEAR = re.compile(r"\s*(?:19|20)\d{2}\s*")


def header_cells(block: TableBlock) -> list[str]:
    """The value cells of a table's header, as the vocabulary reads them: a whole city's income
    or financing statement (or a unit's own) headed by its years alone (``Rahoituslaskelma |
    2025 | 2024``) has the financial statement's actuals, read as ``TP 2025 | TP 2024``."""
    first = block.rows[0]
    cells = list(first.cells[1:])
    bare = cells and all(_BARE_YEAR.fullmatch(strip_markup(cell)) for cell in cells)
    if bare and names_a_read_statement(first.cells[0], block.heading):
        return [f"TP {strip_markup(cell).strip()}" for cell in cells]
    return cells


def other_issuer(title: str) -> str | None:
    """The words of ``title`` naming another issuer of a statement than the city (a unit's, the
    group's), if any."""
    found = _UNIT_ISSUER.search(title) or _GROUP_ISSUER.search(title)
    return None if found is None else found.group(0)


def unit_issuer(title: str) -> str | None:
    """The words of ``title`` naming a unit of the city as a statement's issuer (``_UNIT_ISSUER``),
    if any."""
    found = _UNIT_ISSUER.search(title)
    return None if found is None else found.group(0)


def read_header(
    block: TableBlock, source: str, statement_year: int | None, lines: Sequence[str]
) -> HeaderReading | None:
    """The budget header of ``block``, or ``None`` when no column is a budget phase.

    A budget header the vocabulary cannot read in full is an error naming the header, as is one
    printing no budget in force or two columns whose figures would be stored under one key.
    """
    first = block.rows[0]
    second = _second_line(block)
    values = header_cells(block)
    roles = classify_header(
        values, statement_year=statement_year, second_line=None if second is None else second.cells[1:]
    )
    # A second line that spoils a budget column's reading (``2O31``) does not make it another table.
    alone = classify_header(values, statement_year=None)
    if not any(reads_as_budget_table(reading, first.cells[0], block.heading) for reading in (roles, alone)):
        return None
    header = " | ".join(strip_markup(cell) for cell in first.cells)
    problems = roles.problems()
    if problems:
        raise ExtractionError(source, first.line, f"{problems[0]} (header: '{header}')")
    scale = _table_scale(block, second, lines, source, header)
    unit_label = _unit_label(first.cells[0], block, lines)
    if not unit_label:
        raise ExtractionError(source, first.line, f"budget table header does not name its unit (header: '{header}')")
    signature = (header_line(first.cells),) if second is None else (header_line(first.cells), second.cells)
    try:
        columns = _columns(roles)
    except ValueError as exc:
        raise ExtractionError(source, first.line, f"{exc} (header: '{header}')") from None
    return HeaderReading(unit_label, columns, roles.statement_year, scale, len(signature), signature)


def _table_scale(block: TableBlock, second: Row | None, lines: Sequence[str], source: str, header: str) -> Scale:
    """The scale of the table's figures (``detect_scale``). Whole euros for want of any statement
    of the unit, where the text around the table speaks of its figures in thousands or millions
    in words not read as one (``unread_scale_statement``), are an error naming that line: the
    figures would load 1 000 times too small with every check passing."""
    first = block.rows[0]
    try:
        cells = first.cells if second is None else [*first.cells, *second.cells]
        around = [*lines_just_above(lines, first.line), *lines_just_below(lines, block.last_line)]
        scale = detect_scale(cells, around, section_statements(lines, first.line))
    except NumberFormatError as exc:
        raise ExtractionError(source, first.line, f"{exc} (header: '{header}')") from None
    unread = None if scale.evidence is not None else unread_scale_statement(lines, first.line, block.last_line)
    if unread is not None:
        line, sentence = unread
        unread_at = f"{source}:{line} speaks of its figures in a scale not read as their unit"
        raise ExtractionError(
            source, first.line, f"the table reads as whole euros, but {unread_at}: '{sentence}' (header: '{header}')"
        )
    return scale


def header_line(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A header's first line as the table's next page repeats it: its unit cell without a note
    that the table goes on (``Sivistyslautakunta (jatkuu)``: ``without_continuation``), so that
    the continuation joins its table as an identical header does."""
    return (without_continuation(cells[0]), *cells[1:])


def _unit_label(cell: str, block: TableBlock, lines: Sequence[str]) -> str:
    """The unit a table's first header cell names (``Hyvinvointipalvelut Selite``: the unit, its
    unit of amounts, ``Selite`` and a note that the table goes on, ``(jatkuu)``, left out); where
    the cell names no unit, only the column (``Selite``) or the kind of statement
    (``Käyttötalous``), the heading over the table. A name printed in Finnish and Swedish is its
    Finnish half (``Kaupunginhallitus / Stadsstyrelsen``: ``unit_names.finnish_unit_half``)."""
    label = strip_unit(_SELITE.sub("", without_continuation(strip_markup(cell))))
    if not label or _NO_UNIT.fullmatch(label):
        return finnish_unit_half(_heading_unit(block, lines))
    return finnish_unit_half(label)


def _heading_unit(block: TableBlock, lines: Sequence[str]) -> str:
    """The unit the heading above the table names, its unit of amounts left out; where that
    heading too names only the kind of statement (``## Käyttötalous`` under ``#
    Sivistyslautakunta``), the nearest heading over it that names something else; empty if
    none does."""
    heading = strip_unit(block.heading or "")
    if _names_a_unit(heading):
        return heading
    for index in enclosing_headings(lines, block.first_line):
        text = strip_unit(heading_text(lines[index]) or "")
        if _names_a_unit(text):
            return text
    return ""


def _names_a_unit(heading: str) -> bool:
    """Whether a heading may name a unit: not the kind of statement (``Käyttötalous``), nor the
    statement or the municipality alone (``VAALAN KUNTA TILINPÄÄTÖS 2025``)."""
    return bool(heading) and not _NO_UNIT.fullmatch(heading) and not names_the_statement(heading)


def _second_line(block: TableBlock) -> Row | None:
    """The header's second line, as wide as its first: ``Selite`` and the columns' years
    (``Selite | 2024 | 2025``), or any line of words and years only under it (``euroa | 2024 |
    2025``; ``TA-`` over ``muutokset``, ``Toteuma`` over ``%``). Read with the first, a line that
    spoils it (a year under ``TP 2024``) makes the header an error, never a row of figures."""
    if len(block.rows) < 2 or len(block.rows[1].cells) != len(block.rows[0].cells):
        return None
    second = block.rows[1]
    if strip_markup(second.cells[0]).lower() == "selite" or _words_and_years(second):
        return second
    return None


def _words_and_years(row: Row) -> bool:
    """Whether a row's cells after its label print words and years only, at least one (a row of
    figures prints digits; a caption row, ``TOIMINTATUOTOT``, nothing after its label)."""
    values = [strip_markup(cell) for cell in row.cells[1:]]
    if any(_DIGIT.search(YEAR.sub("", value)) for value in values):
        return False
    return any(_LETTER.search(value) or YEAR.search(value) for value in values)


def _columns(roles: HeaderRoles) -> tuple[Column, ...]:
    """The header's columns by the key their figures are stored under. Raises ``ValueError``
    where it prints no budget in force, or two columns of one key (the second's figures would
    replace the first's) but one year's changes (``SUMMED``)."""
    _require_budget_in_force(roles)
    columns = tuple(_column(column, roles) for column in roles.known)
    for key in PRINTED:
        same = [column.text for column in columns if column.key == key]
        if key in SUMMED and len({column.year for column in columns if column.key == key}) == 1:
            continue  # one year's changes, one column per decision: summed
        if len(same) > 1:
            raise ValueError(f"budget table header has two '{key}' columns ({', '.join(map(repr, same))})")
    return columns


def _require_budget_in_force(roles: HeaderRoles) -> None:
    """The budget in force, the revised budget or the only budget of the statement year, is what
    the actual is compared with: a header printing none is an error, but for a statement printed
    with its actuals alone (``is_actuals_only``). An original budget beside changes (``TA 2025 |
    TP 2025 | Muutokset``: a change of the actuals, perhaps) is none."""
    if roles.budget_in_force() is not None or roles.is_actuals_only:
        return
    year = roles.statement_year
    original = roles.find(Role.BUDGET_ORIGINAL, year)
    if original is None:
        raise ValueError(f"budget table header has no budget of the statement year {year}")
    changes = roles.find(Role.BUDGET_CHANGE, year)
    beside = "" if changes is None else f" beside the changes '{changes.header}'"
    raise ValueError(
        f"budget table header has no budget in force for {year}: '{original.header}' is the original budget"
        f"{beside}, and no budget after the changes (e.g. 'TA muutosten jälkeen') is printed"
    )


def _budget_not_in_force(column: ColumnRole, statement_year: int | None) -> str:
    """The key of a budget column other than the one in force: the year before's budget
    (``Ed.TA``, ``TA 2024``); a budget of another year, a later year's plan (``TA 2026``) or an
    older one, kept as printed in the other columns; none for one of the statement year, or of
    no year (an error)."""
    if column.year is None or statement_year is None or column.year == statement_year:
        return ""
    return PRIOR_BUDGET if column.year == statement_year - 1 else OTHER + column.header


def _column(column: ColumnRole, roles: HeaderRoles) -> Column:
    in_force = roles.budget_in_force()
    if column is in_force:
        key = BUDGET
    elif column.role in (Role.BUDGET, Role.BUDGET_REVISED):
        key = _budget_not_in_force(column, roles.statement_year)
    elif column.role == Role.OTHER:
        key = OTHER + column.header
    else:
        key = str(column.role)
    if not key:
        raise ValueError(f"budget column '{column.header}' for {column.year} is neither in force nor the year before")
    return Column(key, column.year, column.header)


@dataclass(frozen=True)
class CellReader:
    """How a table's cells are read: its number format and scale."""

    number_format: NumberFormat
    scale: Scale

    def printed(self, cell: str) -> Decimal | None:
        """The cell's figure as printed, a footnote marker stripped (``split_figure_footnote``), a
        minus printed accounting
        style read (``(11 920)``, ``19 650 000-``: ``parse_figure``); ``None`` when empty,
        ``NIL`` for a dash alone. Raises :class:`NumberFormatError`."""
        if is_nil(cell):
            return NIL
        return parse_figure(split_figure_footnote(cell)[0], self.number_format)

    @staticmethod
    def add(total: Decimal | None, printed: Decimal | None) -> Decimal | None:
        """A row's figure under a key of several columns (``SUMMED``) with one more column's
        figure as printed: the sum of those printed, an empty cell adding nothing (``None`` where
        none is printed), nils summing to a nil (exact)."""
        if printed is None or total is None:
            return total if printed is None else printed
        if isinstance(total, Nil) and isinstance(printed, Nil):
            return total
        return Decimal(total) + Decimal(printed)

    def value(self, column: Column, printed: Decimal | None) -> Decimal | None:
        """What the warehouse stores: amounts in euros (printed times the scale), the rest as printed
        (a nil as it is: zero, exact, at any scale)."""
        if printed is None or column.key not in AMOUNTS or isinstance(printed, Nil):
            return printed
        return printed * self.scale.factor


def cell_reader(rows: Sequence[Row], header: HeaderReading, source: str) -> CellReader:
    """Decide the table's number format from all its value cells."""
    cells = [split_figure_footnote(cell)[0] for row in rows for cell in row.cells[1:]]
    try:
        return CellReader(detect_number_format(cells), header.scale)
    except NumberFormatError as exc:
        line = rows[0].line if rows else 0
        raise ExtractionError(source, line, str(exc)) from None


def _footnote_marker(text: str) -> int | None:
    """Where the footnote marker ending ``text`` starts (``_STARRED``, ``_SUPERSCRIPT``,
    ``_NUMBERED``); ``None`` where none does. A superscript digit of a square or cubic metre
    (``Tilat, m²``) is none, nor a digit and bracket that close a bracket opened before them
    (``Koulukeskus (vaihe 2)``, ``(1 585 1)``)."""
    found = _STARRED.search(text)
    if found is None and _UNIT_POWER.search(text) is None:
        found = _SUPERSCRIPT.search(text)
    if found is None and text.count(")") > text.count("("):
        found = _NUMBERED.search(text)
    return None if found is None else found.start()


_MARKER_KEY = str.maketrans(_SUPERSCRIPT_DIGITS, "1234567890", " )")


def footnote_key(marker: str) -> str:
    """A footnote marker as the note it points to is known by (``budget_tables``): ``*)`` and
    ``*`` are ``*``, ``1)`` and ``¹`` are ``1``, ``**)`` is ``**``."""
    return marker.strip().translate(_MARKER_KEY)


def split_footnote(label: str) -> tuple[str, str]:
    """A label without its footnote marker (``Toimintakate*)``, ``Avustukset*``,
    ``Toimintakate 1)``, ``Toimintakulut¹``), and the marker's key (``footnote_key``; empty
    where it has none)."""
    start = _footnote_marker(label)
    return (label, "") if start is None else (label[:start], footnote_key(label[start:]))


@remembered_when_short(8192)
def split_figure_footnote(cell: str) -> tuple[str, str]:
    """A figure's cell without the footnote marker ending it (``-1 585,6*``, ``-1 585,6**``,
    ``-1 585,6*)``, ``-1 585,6 1)``, ``-1 585,6¹``; markup removed), and the marker's key
    (``footnote_key``; empty where it has none). The marker follows a figure (``_FIGURE_END``):
    a cell of a marker alone (``*``, ``1)``), a dash with one (``-*)``), a number in brackets
    after a figure (``1 234 (1)``) or a negative in brackets with a number of its own
    (``(1 585 1)``) is left as printed, no figure. A short cell's is remembered
    (``REMEMBERED_CELL``): a table's reading asks it of each cell four times."""
    text = without_tags(cell)
    if text.startswith("**") and text.endswith("**"):
        text = text[2:-2]  # a figure in bold (``**1 585,6**``), its asterisks no marker
    start = _footnote_marker(text)
    if start is None or not _FIGURE_END.search(text[:start]) or is_nil(text[:start]):
        return cell, ""
    return text[:start], footnote_key(text[start:])


def split_label(label: str) -> tuple[str, str]:
    """A row's label as the line it prints, without its footnote marker (``split_footnote``) nor
    a note of the binding level (``Toimintakate (sitova)``: ``_BINDING_LEVEL``), in either order,
    and its Finnish half where it prints the line's Finnish and Swedish names
    (``Toimintakate - Verksamhetsbidrag``: ``line_names.finnish_half``); and its footnote
    marker's key (empty where it has none). The binding level is the council's budget's, said of
    the line: no part of its name, nor kept (no column holds it)."""
    unbound = _BINDING_LEVEL.sub("", label)
    stripped, footnoted = split_footnote(unbound)
    return finnish_half(_BINDING_LEVEL.sub("", stripped)), footnoted


def variance_detection(rows: Sequence[tuple[int, dict[str, Decimal | None]]], scale: Scale) -> VarianceDetection:
    """The table's variance convention from its rows' printed budget in force, actual and
    variance (as printed, not scaled)."""
    figures = [
        VarianceFigures(line, values.get(BUDGET), values.get(ACTUAL), values.get(VARIANCE)) for line, values in rows
    ]
    return detect_variance_convention(figures, scale.factor)
