"""Read key-figure tables (``Tunnusluvut``): one record per printed value.

A key-figure table's header is ``Tunnusluku`` followed by value columns, each an
actual (``Toteutuma 2024`` / ``Toteuma 2024``), a target (``Tavoite 2025``, ``TA 2025``) or a
year of the financial plan (``TS 2026``, Swedish ``EP 2026``) for one year, and at most one
unit column (``Yksikkö``, Swedish ``Enhet``) whose cell gives the row's unit as if printed at
its label's end (``Lainakanta 31.12. | 1 000 \u20ac`` reads as ``Lainakanta 31.12., 1 000
\u20ac``). Each body row is one of:

* a row naming an indicator, with its unit and any qualifier in the label
  (``HYTE-kerroin \u20ac/ asukas (Sotkanet)``);
* a row whose label is only a unit (``\u20ac/oppilas``), or is empty beside a unit in the unit
  column: another measure of the indicator named on the row above;
* a continuation row, whose first cell is a bullet legend item
  (``\u2022 varhaiskasvatus``) or empty. Its values belong to the indicator above.

A multi-valued indicator (``Ulkopuolinen rahoitus/\u20ac``) prints one value per sub-area
in each cell, as ``code: number [unit]``, running over its continuation rows; the bullet
legend names the codes, in the order the codes first appear.

The unit of a value comes from the label first and from the cell's own unit second; a
cell whose unit disagrees with the label gives a warning. A row naming no unit is a count; one
whose unit cell prints a unit the reader does not know (``h/oppilas``) keeps it in its name, its
unit unknown (``UNKNOWN``), as does a unit after a multiplier (``Laskutettu vesi, milj. m\u00b3``:
millions of cubic metres, not cubic metres; thousands and millions of euros alone are read, as
euros). A count per resident (``Lainaukset / asukas``, ``asukasta kohden``) is a ratio. A
percentage keeps what it is of (``% liikevaihdosta``). Nothing here removes the repeats of a
table printed twice: every printed value gives a record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kuntatalous.errors import ExtractionError, NotReadError
from kuntatalous.output import records
from kuntatalous.output.records import Record
from kuntatalous.output.rejects import CELL, CHANGE_COLUMN, ROW, TABLE, Rejects, row_text, strict
from kuntatalous.tables.kind import Parsed, TextTableKind
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.tables.vocabulary import CHANGE_PCT, FINANCIAL_PLAN, ColumnRole, classify_cell
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.number_format import EUROS, Scale, in_euros, scale_named_in
from kuntatalous.text.numbers import NumberFormatError, parse_amount, strip_markup

KEY_FIGURE_COLUMNS = records.KEY_FIGURES.columns[len(records.PROVENANCE) :]
"""The fields a parser fills: the declared ones after the provenance the extraction adds."""

KIND = "key_figures"

ACTUAL = "actual"
TARGET = "target"
PLAN = "plan"
"""A year of the financial plan (``TS 2026``): what the council planned for a year after the
budget's, revised with each budget; neither an actual nor the budget's target."""

EURO = "\u20ac"
PERCENT = "%"
COUNT = "count"
"""A plain number of people, visits and so on: the unit when nothing names one."""
UNKNOWN = ""
"""The unit where a unit column prints one the reader does not know (``h/oppilas``), or a label or
unit column a unit after a multiplier (``milj. m\u00b3``, ``_MULTIPLIER``): unknown, empty (NULL in
the warehouse), never a count; the printed unit stays in the name."""


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ACTUAL_HEADER = re.compile(r"(?:toteu(?:tu)?ma|toteutunut|tp|tilinpäätös|utfall|bokslut|bs)\b", re.IGNORECASE)
"""An actual (``Toteutuma 2024``, ``TP 2025``; Swedish ``Utfall``, ``Bokslut``, ``BS 2024``)."""
_TARGET_HEADER = re.compile(r"(?:tavoite|ta|talousarvio|mål|budget|bu)\b", re.IGNORECASE)
"""A target, or the budget's value of the figure (``TA 2025``): what the year was to reach."""

_UNIT_HEADER = re.compile(r"yksikkö|enhet", re.IGNORECASE)
"""A unit column's header (``Yksikkö``, Swedish ``Enhet``): each row's unit of measure."""

_BULLETS = ("\u2022", "\u25e6", "\u25aa", "\u2023", "\u2219", "\u00b7")

# Units, as printed in labels and cells. ``\u20ac/ asukas``, ``euroa/ as.``, ``\u20ac / as``
# are all euros per resident; ``ka / asukas`` is an average per resident.
_EURO_WORD = r"(?:\u20ac|\beuroa?\b|\beur\b)"
_DENOMINATOR = r"(?P<den>[^\W\d_]+)\.?"
_AVERAGE_PER = re.compile(r"\bka\s*/\s*" + _DENOMINATOR, re.IGNORECASE)
_EURO_PER = re.compile(_EURO_WORD + r"\s*/\s*" + _DENOMINATOR, re.IGNORECASE)
_IN_EUROS = re.compile(r"/\s*" + _EURO_WORD + r"(?!\s*/)", re.IGNORECASE)
_PER_COUNT = r"(?:(?P<count>\d{1,3}(?:\s?\d{3})*)\s*)?"
"""How many of them a ratio is per, where it says (``/ 1 000 asukasta``)."""
_PER_WHOM = r"(?P<den>asukas(?:ta)?|as|oppilas(?:ta)?|asiakas(?:ta)?|invånare|elev(?:er)?|klient(?:er)?)\.?(?!\w)"
_NOT_IN_EUROS = r"(?![^/]*(?:\u20ac|\beur|%))"
_RATIO_PER = re.compile(r"(?:(?<!\u20ac)\s/\s*|(?<!\w)per\s+)" + _PER_COUNT + _PER_WHOM + _NOT_IN_EUROS, re.IGNORECASE)
"""A count per resident, pupil or client (``Lainaukset / asukas``, ``per asukas``, Swedish ``per
invånare``; ``/ 1 000 asukasta``): a ratio, as ``ka / asukas``; not after a euro sign
(``\u20ac / 1 000 asukasta`` is euros per thousand residents), nor where the label goes on to
name euros or a percentage (``Toimintakate / asukas, \u20ac``)."""
_RATIO_KOHDEN = re.compile(
    r"(?<![\w/])" + _PER_COUNT + _PER_WHOM + r"\s+(?:kohden|kohti)\b" + _NOT_IN_EUROS, re.IGNORECASE
)
"""The same ratio in words (``Kirjaston lainaukset asukasta kohden``, ``1 000 asukasta kohti``)."""
_PERCENT = re.compile(r"%(?:\s+(?P<base>[^\W\d_]+(?:sta|stä)|av\s+[^\W\d_]+)(?!\w))?", re.IGNORECASE)
"""A percentage, and what it is a percentage of where the words after it say (``% liikevaihdosta``,
the elative: of turnover; Swedish ``% av omsättningen``): its base, as ``€/asukas`` is euros per
resident."""
_EUROS = re.compile(_EURO_WORD + r"(?!\s*/)", re.IGNORECASE)
_PIECES = re.compile(
    r"\b(?:kpl|lkm|antal|st|as|asukasta|hlö|henk|henkilöä|invånare|personer)\b\.?(?!\s*/)", re.IGNORECASE
)
"""Pieces (``kpl``; Swedish ``st``), a number (``lkm``, lukumäärä; Swedish ``antal``) or people
(``as.``, asukasta, ``hlö``, henkilöä; Swedish ``invånare``, ``personer``): a count; not where a
slash makes it a denominator (``pv/hlö``)."""
_MEASURES = {
    "m2": "m\u00b2",
    "m²": "m\u00b2",
    "m3": "m\u00b3",
    "m³": "m\u00b3",
    "km2": "km\u00b2",
    "km²": "km\u00b2",
    "km": "km",
    "ha": "ha",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "vrk": "vrk",
    "pv": "pv",
    "htv": "htv",
    "henkilötyövuotta": "htv",
    "årsv": "htv",
    "årsverken": "htv",
}
"""Units of measure other than euros, a percentage or a count, as printed (lower case) and as
stored: square and cubic metres, kilometres, hectares, energy, days (``vrk``, ``pv``),
person-years (``htv``, henkilötyövuotta; Swedish ``årsv.``, årsverken), which no head count is."""
_MEASURE = re.compile(
    r"(?<![\w/])(?P<measure>" + "|".join(sorted(_MEASURES, key=len, reverse=True)) + r")(?![\w²³])"
    r"(?:\s*/\s*" + _DENOMINATOR + r")?",
    re.IGNORECASE,
)
"""A unit of measure (``Vesijohtoverkoston saneeraus km``, ``Tilat, m2``), per something where a
slash follows (``Sairauspoissaolot pv/henkilö``: days per person)."""
_LABEL_UNITS = (_AVERAGE_PER, _EURO_PER, _RATIO_PER, _RATIO_KOHDEN, _IN_EUROS, _PERCENT, _EUROS, _PIECES, _MEASURE)
_RATIOS = (_AVERAGE_PER, _EURO_PER, _RATIO_PER, _RATIO_KOHDEN)
_DENOMINATORS = {"as": "asukas", "asukasta": "asukas", "oppilasta": "oppilas", "asiakasta": "asiakas"}
"""A denominator as stored, in the nominative (``per asukas``): the abbreviation and the
partitive of ``asukasta kohden`` read as the word."""
_PARTITIVES = {"asukas": "asukasta", "oppilas": "oppilasta", "asiakas": "asiakasta"}
"""A Finnish denominator after a number (``per 1 000 asukasta``)."""

_MULTIPLIER = (
    r"(?<![\w.,])(?:1\s?000(?:\s?000)*|milj(?:oonaa|oonina|oner)?\.?|mrd\.?|miljardia|miljarder"
    r"|tuhatta|tuhansina|tuhansia|tuh\.|tusen)"
)
"""A multiplier printed before a unit or in its place (``milj. m\u00b3``, ``1 000 kpl``,
``tuhansina``, Swedish ``tusen``): the figures are thousands or millions of the unit. Only a
scale of euros is read (``scale_named_in``: ``1 000 \u20ac``, ``milj. \u20ac``); of anything
else the unit is unknown (``UNKNOWN``), and stays in the name with its multiplier, as printed."""
_MULTIPLIER_BEFORE = re.compile(_MULTIPLIER + r"\s*$", re.IGNORECASE)
_MULTIPLIED = re.compile(_MULTIPLIER + r"(?:\s*[^\s,;:()]+)?\s*$", re.IGNORECASE)
"""A label's end, or a bracket's whole text, that is a multiplier alone or before one word
(``Yöpymiset, 1 000``, ``(tuhansina)``, ``1000m3``)."""

_PARENS = re.compile(r"\(([^()]*)\)")

# A sub-area code opening a cell: ``hyte: 19 432``, ``hyte 272 972``, ``op/kou 256 945``,
# ``vaka : 509 928``, ``opkou:209 500 \u20ac``.
_CODE = r"[^\W\d_]+(?:\s*/\s*[^\W\d_]+)?"
_CODED = re.compile(r"(?P<code>" + _CODE + r")\s*:?\s*(?=[-\u2212\u2013]?\s*\d)")
_NEXT_PART = re.compile(r"(?:\s*[;,]\s*|(?<![/\s])\s+)(?=" + _CODE + r"\s*:)")
_NUMBER_UNIT = re.compile(r"(?P<num>[-\u2212\u2013]?\s*\d(?:[\d .,]*\d)?)(?P<unit>.*)")
_DOTTED_THOUSANDS = re.compile(r"[-\u2212\u2013]?\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?")


@dataclass(frozen=True)
class _Column:
    index: int
    header: str
    year: int
    measure_type: str


@dataclass(frozen=True)
class _Label:
    name: str
    """The indicator's name; empty when the label is only a unit."""
    unit: str | None
    """The unit the label names; ``None`` where it names none, ``UNKNOWN`` where it names one the
    reader does not read (after a multiplier)."""
    qualifier: str
    scale: Scale = EUROS
    """What a printed unit is worth: thousands or millions of euros where the label says so."""


@dataclass
class _Group:
    """A row naming an indicator (or one of its units) and the rows that carry it on."""

    row: Row
    row_label: str
    indicator: str
    qualifier: str
    label_unit: str | None
    rows: list[Row] = field(default_factory=list)
    label_scale: Scale = EUROS
    legend: list[str] = field(default_factory=list)
    unit_cell: str = ""
    """The row's cell in the unit column, as printed; empty where the table has none."""


@dataclass
class _Part:
    """One value as printed: a cell, or one sub-area's part of a multi-valued cell."""

    line: int
    column: _Column
    raw: str
    code: str
    number: str | None
    """The number's text; ``None`` when the part holds no readable number and unit."""
    printed_unit: str | None
    continues: bool
    """Printed on a continuation row."""
    unit: str = ""
    value: Decimal | None = None
    decimals: int | None = None
    """The decimal place of the value's last printed digit, in its unit (-3 for thousands)."""


def key_figure_records(
    blocks: list[TableBlock],
    source: str,
    rejects: Rejects | None = None,
    *,
    statement_year: int | None = None,
    municipality: str | None = None,
) -> Parsed:
    """Records (keys ``KEY_FIGURE_COLUMNS``) and warnings for a report's key-figure tables.

    ``blocks`` are the report's key-figure table blocks in document order; ``source``
    names the report in warnings and errors; ``statement_year`` (the report's) reads a column
    headed by a year alone. A table whose header cannot be read and a row that belongs to no
    indicator go to ``rejects`` (strict when not given); a value that cannot be read as a
    number is kept, raw, with a warning.
    """
    del municipality  # a key figure is read without it
    rejects = strict(rejects)
    records: list[Record] = []
    warnings: list[str] = []
    for block in blocks:
        _block_records(block, source, records, warnings, rejects, statement_year)
    return Parsed(records, warnings)


def _block_records(
    block: TableBlock,
    source: str,
    records: list[Record],
    warnings: list[str],
    rejects: Rejects,
    statement_year: int | None,
) -> None:
    try:
        if other_table_kind(block) != "key_figures":
            raise ExtractionError(
                source, block.first_line, "not a key-figure table (its header must start 'Tunnusluku')"
            )
        unit_index = _unit_column(block.rows[0], source)
        columns = _read_header(block, source, statement_year, unit_index)
    except ExtractionError as exc:
        lines = (block.first_line, block.last_line)
        raw = row_text(block.rows[0])
        rejects.add(exc, TABLE, lines=lines, table_kind=KIND, table_line=block.first_line, raw_text=raw)
        return
    _leave_out_changes(block, source, rejects, statement_year)
    for group in _groups(block, source, rejects, unit_index):
        parts = _group_parts(group, columns)
        _decide_units(group, parts, source, warnings)
        names = _sub_area_names(group, parts, source, warnings)
        for part in parts:
            records.append(_record(block, group, part, names))
            if part.value is None:
                warnings.append(
                    f"{source}:{part.line}: column '{part.column.header}': cannot read '{part.raw}' as a number"
                )


def _unit_column(header: Row, source: str) -> int | None:
    """The index of the header's unit column (``Yksikkö``, ``Enhet``), if it has one."""
    found = [
        index for index, cell in enumerate(header.cells[1:], start=1) if _UNIT_HEADER.fullmatch(strip_markup(cell))
    ]
    if len(found) > 1:
        first, second = (strip_markup(header.cells[index]) for index in found[:2])
        raise ExtractionError(source, header.line, f"columns '{first}' and '{second}' both give the rows' units")
    return found[0] if found else None


def _read_header(block: TableBlock, source: str, statement_year: int | None, unit_index: int | None) -> list[_Column]:
    header = block.rows[0]
    columns: list[_Column] = []
    seen: dict[tuple[str, int], str] = {}
    for index, cell in enumerate(header.cells[1:], start=1):
        text = strip_markup(cell)
        if index == unit_index or _is_kind(text, statement_year, CHANGE_PCT):
            continue
        if not text:
            filled = [row.line for row in block.rows[1:] if index < len(row.cells) and strip_markup(row.cells[index])]
            if filled:
                raise ExtractionError(source, filled[0], f"value in column {index + 1}, which has no header")
            continue
        measure_type = _measure_type(text, source, header.line, statement_year)
        years = _YEAR.findall(text)
        if not years:
            raise ExtractionError(
                source, header.line, f"column '{text}': cannot read its year (expected e.g. '{text.split()[0]} 2025')"
            )
        if len(years) > 1:
            raise ExtractionError(source, header.line, f"column '{text}' names more than one year")
        key = (measure_type, int(years[0]))
        if key in seen:
            raise ExtractionError(source, header.line, f"columns '{seen[key]}' and '{text}' give the same figure")
        seen[key] = text
        columns.append(_Column(index=index, header=text, year=key[1], measure_type=measure_type))
    return columns


def _is_kind(text: str, statement_year: int | None, kind: str) -> bool:
    """Whether a header cell is a column of ``kind`` as the budget tables' column vocabulary
    declares it: the change between the years printed (``vocabulary.CHANGE_PCT``, ``Muutos %``),
    or a year of the financial plan (``vocabulary.FINANCIAL_PLAN``, ``TS 2026``,
    ``Taloussuunnitelma 2027``, Swedish ``EP 2026``; a span of its years, ``TS 2026-2028``, names
    more than one year, and is refused as such)."""
    column = classify_cell(text, statement_year) if text else None
    return isinstance(column, ColumnRole) and column.kind == kind


def _leave_out_changes(block: TableBlock, source: str, rejects: Rejects, statement_year: int | None) -> None:
    """Each cell of a change column (``_is_kind``, ``CHANGE_PCT``) as a reject left out by design: the key
    figures hold each year's figure, whose change is theirs to compute."""
    for index, cell in enumerate(block.rows[0].cells):
        header = strip_markup(cell)
        if index == 0 or not _is_kind(header, statement_year, CHANGE_PCT):
            continue
        for row in block.rows[1:]:
            raw = row.cells[index].strip() if index < len(row.cells) else ""
            if strip_markup(raw):
                why = f"column '{header}' is the change between the years printed: each year's figure is read"
                error = NotReadError(source, row.line, why, CHANGE_COLUMN)
                rejects.add(error, CELL, table_kind=KIND, table_line=block.first_line, column_name=header, raw_text=raw)


def _measure_type(text: str, source: str, line: int, statement_year: int | None) -> str:
    """Whether a column holds actuals, targets or the financial plan: as its header says
    (``Toteutuma 2024``, ``TA 2025``, ``TS 2026``), or, headed by a year alone
    (``2024``), actuals of the statement's year or an earlier one. A later year alone may be a
    plan or a forecast, and is not read."""
    if _ACTUAL_HEADER.match(text):
        return ACTUAL
    if _TARGET_HEADER.match(text):
        return TARGET
    if _is_kind(text, statement_year, FINANCIAL_PLAN):
        return PLAN
    if not _YEAR.fullmatch(text):  # a year alone (``Tunnusluku | 2023 | 2024 | 2025``)
        raise ExtractionError(
            source,
            line,
            f"unexpected column '{text}' in a key-figure table header (expected Toteutuma, Toteuma, "
            "Toteutunut, TP, Tavoite or TA, Swedish Utfall, Bokslut, BS, Mål, Budget or BU, or a year alone; "
            "or a unit column, Yksikkö or Enhet)",
        )
    if statement_year is None:
        raise ExtractionError(
            source, line, f"column '{text}' names a year alone, and the report names no statement year to read it by"
        )
    if int(text) > statement_year:
        raise ExtractionError(
            source,
            line,
            f"column '{text}' names a year alone, after the statement's ({statement_year}): a target or a "
            f"forecast? (expected e.g. 'Tavoite {text}')",
        )
    return ACTUAL


def _groups(block: TableBlock, source: str, rejects: Rejects, unit_index: int | None) -> list[_Group]:
    width = len(block.rows[0].cells)
    groups: list[_Group] = []
    for row in block.rows[1:]:
        label = strip_markup(row.cells[0])
        unit = strip_markup(row.cells[unit_index]) if unit_index is not None and unit_index < len(row.cells) else ""
        bullet = label.startswith(_BULLETS)
        above = groups[-1] if groups else None
        read = None if bullet or not (label or unit) else _read_row(label, unit, above)
        problem = _row_problem(row, width, label, unit, read, above)
        if problem is not None:
            error = ExtractionError(source, row.line, problem)
            rejects.add(error, ROW, table_kind=KIND, table_line=block.first_line, raw_text=row_text(row))
            continue
        if not any(strip_markup(cell) for cell in row.cells):
            continue
        if read is None:
            assert above is not None, "a continuation row follows a named indicator"
            above.rows.append(row)
            if bullet:
                above.legend.append(label.lstrip("".join(_BULLETS)).strip())
            continue
        indicator = read.name or (above.indicator if above is not None else "")
        assert indicator, "a row with only a unit follows a named indicator"
        groups.append(
            _Group(
                row=row,
                row_label=label or unit,
                indicator=indicator,
                qualifier=read.qualifier,
                label_unit=read.unit,
                rows=[row],
                label_scale=read.scale,
                unit_cell=unit,
            )
        )
    return groups


def _row_problem(row: Row, width: int, label: str, unit: str, read: _Label | None, above: _Group | None) -> str | None:
    """Why a body row belongs to no indicator, if it does not; ``read`` is its label read, or
    ``None`` where it carries on the indicator above."""
    if any(strip_markup(cell) for cell in row.cells[width:]):
        return f"row has {len(row.cells)} cells, the header has {width}"
    if read is None and above is None and any(strip_markup(cell) for cell in row.cells):
        return "row carries on an indicator but none is named above it"
    if read is not None and not read.name and above is None:
        return f"'{label or unit}' gives a unit but no indicator is named above it"
    if read is None and above is not None and unit and unit != above.unit_cell:
        its = f"its unit '{above.unit_cell}'" if above.unit_cell else "no unit"
        return f"row carries on '{above.row_label}', which prints {its}, but prints the unit '{unit}'"
    return None


def _read_row(label: str, unit: str, above: _Group | None) -> _Label:
    """A row's label read with its cell of the unit column as if printed at the label's end
    (``Lainakanta 31.12., 1 000 \u20ac``): a unit the reader does not know stays in the name,
    as in a label. A label printing that unit itself reads alone; an empty one beside a unit
    gives the indicator above in that unit. A label printing a unit its cell's fits
    (``Kirjaston lainaukset asukasta kohden | kpl``: a count per resident; ``_compatible``)
    reads alone too."""
    if not unit:
        return _read_label(label)
    if not label:
        return (
            _read_label(f"{above.indicator}, {unit}") if above is not None else _Label(name="", unit=None, qualifier="")
        )
    read, alone = _read_label(label), _read_label(unit)
    if (
        read.unit is not None
        and alone.unit is not None
        and not alone.name
        and alone.scale.factor == read.scale.factor
        and _compatible(alone.unit, read.unit)
    ):
        return read
    return _read_label(f"{label}, {unit}")


def _read_label(label: str) -> _Label:
    """Split a row label into the indicator's name, its unit and its qualifiers. A label that
    names thousands or millions of euros (``Nettokustannukset, 1 000 €``) is in euros at that
    scale."""
    scaled = scale_named_in(label)
    if scaled is None:
        return _read_unscaled_label(label)
    scale, start, end = scaled
    if label[end:].lstrip().startswith("/"):
        # Per something (``1 000 €/asukas``): the scale goes, the euro sign stays for the unit.
        end = start + max(label[start:end].rfind("€"), label[start:end].lower().rfind("eur"))
        unscaled = label[:start] + " " * (end - start) + label[end:]
    else:
        # The scale goes, a euro sign stands in its place: ``Lainat / asukas, 1 000 €`` reads as
        # ``Lainat / asukas, €``.
        unscaled = label[:start] + " " * (end - start - 1) + EURO + label[end:]
    read = _read_unscaled_label(unscaled)
    return _Label(name=read.name, unit=read.unit or EURO, qualifier=read.qualifier, scale=scale)


def _read_unscaled_label(label: str) -> _Label:
    """The label's name, unit and qualifiers: the first unit its text outside brackets ends on
    (``_LABEL_UNITS``), else a unit in brackets. A unit after a multiplier (``Laskutettu vesi,
    milj. m\u00b3``), or a multiplier alone (``Yöpymiset, 1 000``, ``Asukasluku (tuhansina)``),
    is unknown (``UNKNOWN``) and stays in the name with it (``_MULTIPLIER``)."""
    qualifiers: list[tuple[int, str]] = [(m.start(), m[1].strip()) for m in _PARENS.finditer(label)]
    # Blank out the parentheses so that positions in ``outside`` are positions in ``label``.
    outside = _PARENS.sub(lambda m: " " * len(m[0]), label)
    match = next((found for found in (pattern.search(outside) for pattern in _LABEL_UNITS) if found), None)
    if match is not None:
        unit: str | None = _unit_of(match)
        name = outside[: match.start()]
        if _MULTIPLIER_BEFORE.search(outside, 0, match.start()):
            unit, name = UNKNOWN, outside[: match.end()]
        trailing = _collapse(outside[match.end() :])
        if trailing:
            qualifiers.append((match.end(), trailing))
    else:
        name, unit = _bracketed_unit(label, outside, qualifiers)
    name = _collapse(name).strip(" ,:;/")
    qualifier = "; ".join(text for _, text in sorted(qualifiers) if text)
    return _Label(name=name, unit=unit, qualifier=qualifier)


def _bracketed_unit(label: str, outside: str, qualifiers: list[tuple[int, str]]) -> tuple[str, str | None]:
    """The name and unit of a label whose text outside brackets names no unit: a unit printed
    alone in brackets (``Kustannukset (\u20ac/asukas)``), which leaves the qualifiers; a
    multiplier in brackets (``(tuhansina)``, ``(milj. m\u00b3)``) or at the end (``Yöpymiset,
    1 000``), an unknown unit kept in the name; else no unit (``None``)."""
    for position, text in qualifiers:
        unit = _unit_in_cell(text)
        multiplied = unit is None and _MULTIPLIED.fullmatch(text) is not None
        if unit is None and not multiplied:
            continue
        qualifiers.remove((position, text))
        if unit is not None:
            return outside, unit
        bracket = _PARENS.match(label, position)
        assert bracket is not None, "a qualifier is a bracket's text"
        return outside[:position] + bracket[0] + outside[bracket.end() :], UNKNOWN
    return outside, UNKNOWN if _MULTIPLIED.search(outside) else None


def _unit_of(match: re.Match[str]) -> str:
    pattern = match.re
    if pattern in _RATIOS:
        den = match["den"].lower()
        den = _DENOMINATORS.get(den, den)
        if pattern is _EURO_PER:
            return f"{EURO}/{den}"
        count = match.groupdict().get("count")
        if count:  # digits grouped by threes: ``1000`` and ``1 000`` are ``1 000``
            grouped = f"{int(''.join(count.split())):,}".replace(",", " ")
            return f"per {grouped} {_PARTITIVES.get(den, den)}"
        return f"per {den}"
    if pattern is _PERCENT:
        return PERCENT if match["base"] is None else f"{PERCENT} {_collapse(match['base']).lower()}"
    if pattern is _PIECES:
        return COUNT
    if pattern is _MEASURE:
        measure = _MEASURES[match["measure"].lower()]
        return f"{measure}/{match['den'].lower()}" if match["den"] else measure
    return EURO


def _unit_in_cell(text: str) -> str | None:
    """The unit that ``text`` (a cell's text after its number) is wholly made of."""
    text = text.strip().removesuffix(".").strip()
    for pattern in _LABEL_UNITS:
        match = pattern.fullmatch(text)
        if match is not None:
            return _unit_of(match)
    return None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _group_parts(group: _Group, columns: list[_Column]) -> list[_Part]:
    parts: list[_Part] = []
    for row in group.rows:
        continues = row is not group.row
        for column in columns:
            text = strip_markup(row.cells[column.index]) if column.index < len(row.cells) else ""
            for piece in _split_cell(text):
                parts.append(_read_part(piece, row.line, column, continues))
    return parts


def _split_cell(text: str) -> list[str]:
    """A cell's values: one, or one per sub-area when the cell is ``code: number`` parts."""
    if not text:
        return []
    if _CODED.match(text) is None:
        return [text]
    return [piece.strip(" ,;") for piece in _NEXT_PART.split(text) if piece.strip(" ,;")]


def _read_part(raw: str, line: int, column: _Column, continues: bool) -> _Part:
    coded = _CODED.match(raw)
    code = re.sub(r"[\s/]+", "", coded["code"]).lower() if coded else ""
    rest = raw[coded.end() :] if coded else raw
    number: str | None = None
    printed_unit: str | None = None
    match = _NUMBER_UNIT.fullmatch(rest.strip())
    if match is not None:
        unit_text = match["unit"].strip().removesuffix(".").strip()
        printed_unit = _unit_in_cell(unit_text) if unit_text else None
        if not unit_text or printed_unit is not None:
            number = match["num"]
    return _Part(
        line=line, column=column, raw=raw, code=code, number=number, printed_unit=printed_unit, continues=continues
    )


def _decide_units(group: _Group, parts: list[_Part], source: str, warnings: list[str]) -> None:
    """Give every part its unit (label first, cell second; where neither names one, a count,
    unless the row's unit cell prints a unit the reader does not know: ``UNKNOWN``) and read its
    number."""
    if group.label_unit is not None:
        unit, origin = group.label_unit, f"the label '{group.row_label}'"
        if group.unit_cell:
            origin += f" and its unit '{group.unit_cell}'"
    else:
        printed = [part.printed_unit for part in parts if part.printed_unit is not None]
        unknown = UNKNOWN if group.unit_cell else COUNT
        unit, origin = (printed[0], f"the first value of '{group.row_label}'") if printed else (unknown, "")
    for part in parts:
        part.unit = unit
        if part.printed_unit is not None and not _compatible(part.printed_unit, unit):
            if group.label_unit is None:
                part.unit = part.printed_unit
            warnings.append(
                f"{source}:{part.line}: column '{part.column.header}': unit '{part.printed_unit}' printed in "
                f"'{part.raw}' conflicts with '{unit}' from {origin}; kept '{part.unit}'"
            )
        if part.number is not None:
            _read_value(part, group.label_scale)


def _read_value(part: _Part, scale: Scale) -> None:
    """The part's number in its unit, times the label's scale, and its printed precision."""
    assert part.number is not None, "only a part with a number has a value"
    printed = _number(part.number, in_euros=part.unit.startswith(EURO))
    if printed is not None:
        part.value, part.decimals = in_euros(printed, scale)


def _compatible(printed: str, unit: str) -> bool:
    """A bare euro sign in a cell fits any euro unit (``\u20ac/oppilas``), a bare percent sign any
    percentage (``% liikevaihdosta``), a count (``kpl``) any count per something (``per
    asukas``: loans per resident are counted in loans)."""
    return (
        printed == unit
        or (printed == EURO and unit.startswith(EURO + "/"))
        or (printed == PERCENT and unit.startswith(PERCENT + " "))
        or (printed == COUNT and unit.startswith("per "))
    )


def _number(text: str, *, in_euros: bool) -> Decimal | None:
    """Read a Finnish-formatted number. A dot is read only as a thousands separator, and only
    in euros with every group after it three digits long (``384.100 euroa``)."""
    if "." in text:
        if not (in_euros and _DOTTED_THOUSANDS.fullmatch(text)):
            return None
        text = text.replace(".", " ")
    try:
        return parse_amount(text)
    except NumberFormatError:
        return None


def _sub_area_names(group: _Group, parts: list[_Part], source: str, warnings: list[str]) -> dict[str, str]:
    """Match the legend to the sub-area codes, by the order in which the codes first appear."""
    codes: list[str] = []
    seen: set[tuple[str, int]] = set()
    for part in parts:
        if part.continues and not part.code and part.value is not None:
            warnings.append(
                f"{source}:{part.line}: column '{part.column.header}': '{part.raw}' carries on "
                f"'{group.row_label}' but names no sub-area"
            )
        if not part.code:
            continue
        if part.code not in codes:
            codes.append(part.code)
        if (part.code, part.column.index) in seen:
            warnings.append(
                f"{source}:{part.line}: column '{part.column.header}': sub-area '{part.code}' "
                f"printed twice for '{group.row_label}'"
            )
        seen.add((part.code, part.column.index))
    if not codes or not group.legend:
        return {}
    if len(codes) != len(group.legend):
        warnings.append(
            f"{source}:{group.row.line}: '{group.row_label}' prints {len(codes)} sub-area codes "
            f"({', '.join(codes)}) but its legend has {len(group.legend)} items; sub-areas left unnamed"
        )
        return {}
    return dict(zip(codes, group.legend, strict=True))


def _record(block: TableBlock, group: _Group, part: _Part, names: dict[str, str]) -> Record:
    value = part.value
    return {
        "source_line": part.line,
        "table_line": block.first_line,
        "table_heading": block.heading or "",
        "row_label": group.row_label,
        "indicator": group.indicator,
        "indicator_qualifier": group.qualifier,
        "unit_of_measure": part.unit,
        "column_header": part.column.header,
        "fiscal_year": part.column.year,
        "measure_type": part.column.measure_type,
        "sub_area": part.code,
        "sub_area_name": names.get(part.code, ""),
        "value": value,
        "value_raw": part.raw,
        "value_decimals": part.decimals,
        "printed_unit": part.printed_unit or "",
        "is_parsed": value is not None,
    }


_KEY_FIGURES = re.compile(r"(?:^|\s)(?:tunnusluku|tunnusluvut|nyckeltal)")
"""A key-figure table's first cell: ``Tunnusluvut``, or a phrase ending in the word
(``Tuloslaskelman tunnusluvut``, ``Keskeiset nyckeltal``)."""


_GOALS_FIRST = re.compile(r"^(?:tavoite|tavoitteet|mål)\b")
"""A goals table's first cell that names key figures too (``Tavoite ja tunnusluku``,
``Mål och nyckeltal``): a goals table's, not a key-figure table's."""


def _recognise(cells: list[str]) -> bool:
    return bool(cells) and _KEY_FIGURES.search(cells[0]) is not None and _GOALS_FIRST.match(cells[0]) is None


TABLE_KIND = TextTableKind(KIND, "key-figure table", _recognise, key_figure_records, records.KEY_FIGURES)
