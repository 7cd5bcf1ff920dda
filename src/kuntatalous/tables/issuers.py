"""Whose table a table is: the unit a statement or an investment table belongs to.

One rule, for the income and financing statements, the budget's parts (``Tuloslaskelmaosa``,
``Investointiosa``, ``Rahoitusosa``) and the investment tables: the unit the table's label
names, else the unit the caption line right over it names, else the unit a heading over it
names, nearest first, walking up the headings it stands under to the nearest one whose section
prints a unit's operating table. A heading names a unit where it is that unit's name (a unit's
operating table prints it as its label), or where it holds a word of another issuer than the
city (``Oulun Vesi -liikelaitos``, ``Kasvun ja oppimisen toimiala``: a municipal enterprise's,
a toimiala's, a board's) and names no statement: then it is the unit of the first operating
table under it, else the heading's own name. Such a heading outranks a statement's word nearer
the table (``### Tuloslaskelma`` under ``## Oulun Vesi -liikelaitos``). Above a heading naming
a part of the budget (``## Investointiosan toteutuminen``) only a municipal enterprise, whose
budget has parts of its own, is so named: under any other unit's chapter the part is the
city's. The whole city's statement is one over which nothing narrower names a unit.

Where nothing names a unit, a table is of the section it stands in (``section_unit``): the
first unit's whose operating table the nearest heading over it prints, or the whole city's
where that heading is a chapter of the city's, naming no unit and printing its units' sections
side by side, the table's beside them (``chapters_of_units``: ``## 2.4 Tunnusluvut`` after
``## Yleishallinto`` … ``## Tekninen toimi`` under ``# 2 Talousarvion toteutuminen``); one
rule for the investment tables and the goals, key figures, risks and projects.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from kuntatalous.tables.budget_columns import BUDGET_PART, ENTERPRISE, INVESTMENTS, names_a_statement, unit_issuer
from kuntatalous.text.document import names_the_statement
from kuntatalous.text.layout import (
    BOLD_CAPTION_LEVEL,
    enclosing_headings,
    heading_level,
    heading_text,
    headings_within,
    without_chapter_number,
)
from kuntatalous.text.number_format import lines_just_above, strip_unit

Genitive = Callable[[str], "UnitTable | None"]
"""The unit a text names in the genitive before the table's subject (``Teknisen lautakunnan
investoinnit``), if any."""


@dataclass(frozen=True)
class UnitTable:
    """A unit's operating table (or the heading naming it, where it prints none): where it is
    printed, the unit it names and whether that is the whole city's statement."""

    first_line: int
    unit_label: str
    is_city_statement: bool


def section_lines(lines: Sequence[str], heading: int) -> range:
    """The line numbers (1-based) under the heading at index ``heading``, up to the next heading
    of its rank or a higher one."""
    level = heading_level(lines[heading]) or BOLD_CAPTION_LEVEL
    after = headings_within(lines, range(heading + 2, len(lines) + 1))
    end = next((index for index, other in after if other <= level), len(lines))
    return range(heading + 2, end + 1)


def caption_over(lines: Sequence[str], first_line: int) -> str:
    """The caption line right over a table (its 1-based first line), between it and the heading
    or table above (``Kaupunkiympäristön toimialan investoinnit hankkeittain, 1 000 €``), its
    scale left out; empty where the nearest line is a sentence (ending in a full stop) or none."""
    above = lines_just_above(lines, first_line)
    if not above or above[-1].rstrip().endswith((".", ":")):
        return ""
    return strip_unit(above[-1])


def named_unit(
    label: str,
    first_line: int,
    units: Sequence[UnitTable],
    lines: Sequence[str],
    genitive: Genitive | None = None,
    *,
    unprinted: bool = False,
) -> UnitTable | None:
    """The unit that a table's label, the caption line over it or a heading over it names
    (module docstring), nearest first; ``units``: the report's units' operating tables. The
    label names a unit by its name, in the genitive (``genitive``) or by an issuer's word; the
    caption by the name or in the genitive; ``None`` where none does. A heading naming a unit
    by an issuer's word with no operating table under it is that unit only for a statement
    (``unprinted``: a municipal enterprise whose budget's parts alone the report prints)."""
    found = _by_name(label, units, genitive) or _by_issuer(label, first_line, None, units, lines, unprinted=True)
    caption = caption_over(lines, first_line)
    found = found or (_by_name(caption, units, genitive) if caption else None)
    part = False
    for index in () if found else enclosing_headings(lines, first_line):
        text = heading_text(lines[index]) or ""
        found = _by_name(text, units, genitive) or _by_issuer(text, index + 1, index, units, lines, unprinted=unprinted)
        if found is not None and part and not ENTERPRISE.search(f"{text} {found.unit_label}"):
            return None  # the budget's part under a unit's chapter: the city's
        section = section_lines(lines, index)
        if found or any(unit.first_line in section for unit in units):
            break
        part = part or BUDGET_PART.search(text) is not None
    return found


def _by_name(text: str, units: Sequence[UnitTable], genitive: Genitive | None) -> UnitTable | None:
    """The unit ``text`` is the name of (its scale left out), or names in the genitive."""
    name = strip_unit(text).casefold()
    same = next((unit for unit in units if unit.unit_label.casefold() == name), None) if name else None
    return same or (genitive(text) if genitive is not None and text else None)


def _by_issuer(
    text: str, line: int, heading: int | None, units: Sequence[UnitTable], lines: Sequence[str], *, unprinted: bool
) -> UnitTable | None:
    """The unit a label or heading names by a word of another issuer than the city and no
    statement nor investments (``Kasvun ja oppimisen toimiala``, ``Joensuun Vesi -liikelaitos``;
    not ``Toimialan tuloslaskelma``): a label, that
    unit; a heading (at index ``heading``), the first unit's operating table under it, else the
    heading's own name (where ``unprinted``)."""
    name = strip_unit(text)
    subject = names_a_statement(name) or INVESTMENTS.search(name) is not None
    if not name or unit_issuer(name) is None or subject or names_the_statement(name):
        return None
    if heading is not None:
        section = section_lines(lines, heading)
        under = next((unit for unit in units if unit.first_line in section), None)
        if under is not None or not unprinted:
            return under
    return UnitTable(line, name if heading is None else without_chapter_number(name), is_city_statement=False)


CITY = UnitTable(0, "", is_city_statement=True)
"""The whole city, as ``section_unit`` names it for a table that stands in a chapter of the
city's rather than in a unit's section."""


def section_unit(
    lines: Sequence[str], first_line: int, units: Sequence[UnitTable], chapters: Sequence[int]
) -> UnitTable | None:
    """The unit of the section a table (its 1-based first line) stands in. Under the nearest
    heading over it whose section prints units' operating tables (``units``): the whole city
    (``CITY``) where that heading is one of ``chapters`` (``chapters_of_units``: the table
    stands beside the units' sections, under a heading that names none, ``## 2.4 Tunnusluvut``
    after ``## Yleishallinto`` … ``## Tekninen toimi`` under ``# 2 Talousarvion
    toteutuminen``), else the first of them (the city's statement where one of them is it).
    Where no heading over it prints one: the whole city where a heading over it closes one of
    ``chapters`` (``# 7 Tunnusluvut`` after ``# 5`` and its ``##`` boards), else ``None``.
    Beside the units' sections, a heading over the table that names a unit whose table is not
    printed (``## Sivistyslautakunta`` over its goals alone) leaves it ``None``: no city's."""
    path = list(enclosing_headings(lines, first_line))
    for position, index in enumerate(path):
        section = section_lines(lines, index)
        inside = [unit for unit in units if unit.first_line in section]
        if inside and index in chapters:
            return _city_unless_named(lines, path[:position], units)
        if inside:
            return next((unit for unit in inside if unit.is_city_statement), inside[0])
    if not path:
        return None
    rank = heading_level(lines[path[-1]]) or BOLD_CAPTION_LEVEL
    closed = [index for index in chapters if index < path[-1]]
    if any((heading_level(lines[index]) or BOLD_CAPTION_LEVEL) >= rank for index in closed):
        return _city_unless_named(lines, path, units)
    return None


def _city_unless_named(lines: Sequence[str], headings: Sequence[int], units: Sequence[UnitTable]) -> UnitTable | None:
    """The whole city (``CITY``) for a table beside the units' sections of a chapter, under
    ``headings`` (indices into ``lines``), none of which names a unit; ``None`` where one
    does."""
    return None if any(_names_a_unit(lines, index, units) for index in headings) else CITY


def chapters_of_units(lines: Sequence[str], units: Sequence[UnitTable]) -> tuple[int, ...]:
    """The report's chapters of units side by side, as indices into ``lines``, in order: each
    heading that names no unit and prints units' operating tables (``units``) in the sections
    of two or more of the highest-ranked headings under it, none right under it (``# 2
    Talousarvion toteutuminen`` over ``## Yleishallinto`` … ``## Tekninen toimi``; not ``##
    Sivistyslautakunta`` over its table and its areas' ``###`` sections, nor a chapter of one
    board's section). Its tables outside the units' sections are the whole city's."""
    held = sorted({index for unit in units for index in enclosing_headings(lines, unit.first_line)})
    top = _top_caption_rank(lines, units)
    return tuple(
        index
        for index in held
        if (heading_level(lines[index]) or BOLD_CAPTION_LEVEL) < top and _is_chapter_of_units(lines, index, units)
    )


def _top_caption_rank(lines: Sequence[str], units: Sequence[UnitTable]) -> int:
    """The highest rank of the headings right over units' operating tables, the whole city's
    statement's left out: a chapter of units ranks above it. A heading at the rank of the
    section's own unit (``## Tunnusluvut`` after ``## Vesihuoltopalvelut``, its areas' ``###``
    sections after it, as a converted report prints them) is no chapter of units."""
    ranks = [
        heading_level(lines[nearest]) or BOLD_CAPTION_LEVEL
        for unit in units
        if not unit.is_city_statement
        for nearest in islice(enclosing_headings(lines, unit.first_line), 1)
    ]
    return min(ranks, default=BOLD_CAPTION_LEVEL + 1)


def _is_chapter_of_units(lines: Sequence[str], heading: int, units: Sequence[UnitTable]) -> bool:
    """Whether the heading at index ``heading`` is a chapter of units (``chapters_of_units``)."""
    section = section_lines(lines, heading)
    under = headings_within(lines, section)
    if not under or _names_a_unit(lines, heading, units):
        return False
    rank = min(level for _, level in under)
    sides = [index for index, level in under if level == rank]
    holding = set()
    for unit in units:
        if unit.first_line in section:
            side = bisect_left(sides, unit.first_line - 1)
            if side == 0:
                return False  # an operating table right under the chapter: its unit's section
            holding.add(sides[side - 1])
    return len(holding) > 1


def _names_a_unit(lines: Sequence[str], heading: int, units: Sequence[UnitTable]) -> bool:
    """Whether the heading at index ``heading`` names a unit: by its name or by an issuer's word
    (``_by_issuer``)."""
    text = heading_text(lines[heading]) or ""
    named = _by_name(text, units, None) or _by_issuer(text, heading + 1, heading, units, lines, unprinted=True)
    return named is not None


def sole_enterprise(units: Sequence[UnitTable]) -> UnitTable | None:
    """The municipal enterprise whose every operating table the report prints, where all of them
    are one enterprise's (``Kuopion Tilakeskus -liikelaitos``, its budget's parts and its
    statements in sections of their own): its statements and budget parts are that
    enterprise's; ``None`` elsewhere."""
    names = {unit.unit_label.casefold() for unit in units}
    if len(names) != 1 or any(unit.is_city_statement for unit in units):
        return None
    return units[0] if ENTERPRISE.search(units[0].unit_label) else None
