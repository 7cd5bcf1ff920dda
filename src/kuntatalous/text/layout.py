"""Find the tables, headings and notes in a report's lines.

A table is a run of consecutive tab-separated lines; a blank line (or any line of
text) ends it. A page number or running title that a page break leaves in the text
(``is_page_furniture``, in bold too: ``**41**``) ends it as well, but is no note of the table and,
like a blank line, leaves the next table ``follows_blank_only``: whether that table goes on with
this one over the page break is the tables' to tell (a header repeated, ``budget_tables`` and
``table_groups``; the rows alone, :mod:`kuntatalous.tables.page_breaks`). Headings are markdown
``#`` lines and lines wholly in ``**bold**`` but a page's number or running title; a heading's
level is its number of ``#`` (1-6), and a bold line is a caption below any of them
(``BOLD_CAPTION_LEVEL``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kuntatalous.text.cells import remembered_when_short, strip_markup

_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+)$")
_BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*].*?)\*\*$")
_HEADING_STARTS = ("#", "**")
"""How a line that either pattern above matches begins, once stripped."""
_CHAPTER_NUMBER = re.compile(r"^(?:\d{1,2}\.)+\d{0,2}\s+(?=[A-ZÅÄÖ])(?![^\W\d_]*(?:kuuta|KUUTA)\b)")
"""A heading's chapter number before a capitalised name (``3.2.1 Rakennuslautakunta``, ``4.
Investoinnit``): never a year (``2025 …``), a bare number, an ordinal (``2. asteen koulutus``,
``1. lisätalousarvio``) nor a date (``31.12. mennessä``, ``10. MAALISKUUTA 2026``)."""
BOLD_CAPTION_LEVEL = 7
"""The level of a line wholly in bold: a caption below every markdown heading level."""
_PAGE = r"(?!(?:19|20)\d{2}(?!\d))\d{1,4}"
"""A page's number: never a year (``2025`` alone is a caption, ``12/2025`` a month)."""
_PAGE_NUMBER = rf"(?:(?:sivu|sida|page|sid\.|s\.)\s*)?{_PAGE}(?:\s*(?:/|av|of)\s*{_PAGE}|\s*\({_PAGE}\))?"
PAGE_FURNITURE = re.compile(rf"^(?:{_PAGE_NUMBER}|[-\u2013\u2014]\s*{_PAGE_NUMBER}\s*[-\u2013\u2014])$", re.IGNORECASE)
"""A line that is only a page's number, as converters print a page's footer or header: ``41``,
``Sivu 41``, ``Sivu 41 / 120``, ``41 (120)``, ``s. 41``, ``- 41 -``, ``Sida 41 av 120``,
``Page 41 of 120`` (markup removed, any case: ``<b>41</b>``, ``**41**``)."""
_TITLE_THEN_PAGE = re.compile(rf"^(?P<title>.*?\S)\s+(?P<page>{_PAGE_NUMBER})$", re.IGNORECASE)
_PAGE_THEN_TITLE = re.compile(rf"^(?P<page>{_PAGE_NUMBER})\s+(?P<title>\S.*)$", re.IGNORECASE)
"""A running title printed in one cell: the statement's title and the page's number, either way
round (``Kangasalan kaupunki - Tilinpäätös 2025 58``, ``58 Tilinpäätös 2025``)."""
_FURNITURE_LAST = frozenset(")-\u2013\u2014")
"""How a page's number may end but in a digit: ``41 (120)``, ``- 41 -`` (``PAGE_FURNITURE``)."""
_FURNITURE_CELLS = 5
"""The most cells a running title is printed in: the issuer's name, the statement's title and
the page's number, an empty cell between each (a wider line is a table's)."""
_FURNITURE_LENGTH = 120
"""The longest line read for a page's number or running title: a page's number (``Sida 1234 av
1234``) or an issuer's statement title with it, in markup and space to spare; a paragraph is
never one."""
_CONTINUED = re.compile(r"\s*\((?:jatkuu|jatk\.|forts\.|fortsättning)\)|(?<=\S),?\s+jatkuu\b", re.IGNORECASE)
"""A note that a table or section goes on from the page before, in a unit cell or a heading:
``Sivistyslautakunta (jatkuu)``, ``(jatk.)``, ``Sivistyslautakunta jatkuu``, ``, jatkuu``,
Swedish ``(forts.)``, ``(fortsättning)``."""


@dataclass(frozen=True)
class Row:
    """One printed table row: its 1-based line number and raw cells."""

    line: int
    cells: tuple[str, ...]


@dataclass
class TableBlock:
    """A run of tab-separated lines, with the text around it."""

    rows: list[Row]
    heading: str | None
    """The nearest heading above the table (markup removed)."""
    follows_blank_only: bool
    """True when only blank lines and a page break's furniture (``is_page_furniture``: a page
    number, a running title) separate this table from the previous one."""
    notes_after: list[tuple[int, str]] = field(default_factory=list)
    """Paragraphs between this table and the next table or heading."""
    heading_level: int | None = None
    """The level of that heading (``heading_level``); ``None`` without one."""

    @property
    def first_line(self) -> int:
        return self.rows[0].line

    @property
    def last_line(self) -> int:
        return self.rows[-1].line


@dataclass
class Layout:
    """The tables of a report and its headings."""

    tables: list[TableBlock]
    headings: list[tuple[int, str]]


@remembered_when_short(4096)
def heading_text(line: str) -> str | None:
    """The text of a heading line, markup and chapter number left out, or ``None`` if the line is
    not a heading (a page's number or running title in bold, ``**41**``, ``**Tilinpäätös 2025**``,
    is none: ``is_page_furniture``). The layout, the section's title and the headings over each
    table ask it of a line several times: a short line's answer is remembered."""
    stripped = line.strip()
    if not stripped.startswith(_HEADING_STARTS):  # most lines: no pattern tried
        return None
    markdown = _MD_HEADING.match(stripped)
    match = markdown or _BOLD_LINE.match(stripped)
    if match is None:
        return None
    text = strip_markup(match["text"])
    if markdown is None and _is_furniture(stripped):
        return None  # a page's number or running title in bold (``**41**``): page furniture, no caption
    name = _CHAPTER_NUMBER.sub("", text)
    return without_continuation(name) or name or None


def without_continuation(text: str) -> str:
    """``text`` (a unit cell, a heading's text) without a note that it goes on from the page
    before (``Sivistyslautakunta (jatkuu)``: ``Sivistyslautakunta``; ``_CONTINUED``)."""
    return _CONTINUED.sub("", text)


def is_page_furniture(line: str) -> bool:
    """Whether ``line`` is only a page number (``PAGE_FURNITURE``), or a page's running title: the
    statement's title and the page's number, each in a cell of its own (``Kangasalan kaupunki -
    Tilinpäätös 2025 | 58``, ``Heinolan kaupunki | Tilinpäätös 2025 | 41``) or in one, or the
    title alone (a page's header, its number in the footer: ``Sivu 41`` then ``Tilinpäätös
    2025``). Never a markdown heading nor a table's line."""
    return heading_text(line) is None and _is_furniture(line)


def _is_furniture(line: str) -> bool:
    """``is_page_furniture`` of a line that is no heading."""
    cells = line.split("\t")
    if len(cells) > _FURNITURE_CELLS or len(line) > _FURNITURE_LENGTH:
        # A table's line, or a paragraph: a page's number or running title is short, markup and all.
        return False
    if len(cells) == 1:
        return _is_furniture_cell(strip_markup(line))
    return _is_running_title(cells)


def _is_furniture_cell(text: str) -> bool:
    """A line of one cell that is a page's number, or a running title printed in it: the
    statement's title with the page's number or alone (``Heinolan kaupunki - Tilinpäätös 2025``,
    a page's header where the number is in its footer)."""
    if _number_or_title(text) is not None:
        return True
    if not _may_end_furniture(text):
        return False
    split = _TITLE_THEN_PAGE.match(text) or _PAGE_THEN_TITLE.match(text)
    return split is not None and _is_running_title((split["page"], split["title"]))


def _may_end_furniture(text: str) -> bool:
    """Whether ``text`` ends as a page's number or the statement's title does: in a digit (the
    number, the year), a bracket (``41 (120)``) or a dash (``- 41 -``). Most cells do not, and
    are read no further."""
    return text[-1:].isdigit() or text[-1:] in _FURNITURE_LAST


def _is_statement_title(text: str) -> bool:
    """Whether ``text`` names the statement and its year alone (``STATEMENT_TITLE``, no markdown
    heading's ``#``: such a heading is the reader's, never a page's). Asked only of a text that
    ends as a title may (``_number_or_title``)."""
    from kuntatalous.text.document import STATEMENT_TITLE  # the document module reads this one

    return not text.startswith("#") and STATEMENT_TITLE.match(text) is not None


def _is_running_title(cells: Sequence[str]) -> bool:
    """A line's cells, the empty ones aside: a page's number and the statement's title with its
    year (``Tilinpäätös 2025``, perhaps after the issuer), in any order, perhaps with the
    issuer's name alone in a cell of its own (``Heinolan kaupunki | Tilinpäätös 2025 | 41``);
    each once. An organisation's name beside a number alone (``Koko kunta | 347``, a key figure's
    row) is none. A table's row has a second cell of other text at once: the issuer's name is
    only read where the rest is a title and a number."""
    pages = titles = 0
    other: str | None = None
    for cell in cells:
        text = strip_markup(cell)
        if not text:
            continue
        kind = _number_or_title(text)
        if kind == "page":
            pages += 1
        elif kind == "title":
            titles += 1
        elif other is None:
            other = text
        else:
            return False
    return pages == titles == 1 and (other is None or _names_an_issuer(other))


def _number_or_title(text: str) -> str | None:
    """``page`` for a page's number, ``title`` for the statement's title, else ``None``."""
    if not _may_end_furniture(text):
        return None
    if PAGE_FURNITURE.match(text) is not None:
        return "page"
    return "title" if _is_statement_title(text) else None


def _names_an_issuer(text: str) -> bool:
    from kuntatalous.text.municipality import names_only_an_organisation  # which reads headings here

    return names_only_an_organisation(text)


def heading_level(line: str) -> int | None:
    """A heading line's level: its number of ``#``, or ``BOLD_CAPTION_LEVEL`` for a line wholly
    in bold; ``None`` if the line is not a heading."""
    stripped = line.strip()
    if heading_text(stripped) is None:
        return None
    if _MD_HEADING.match(stripped):
        return len(stripped) - len(stripped.lstrip("#"))
    return BOLD_CAPTION_LEVEL


def enclosing_headings(lines: Sequence[str], first_line: int, *, by_number: bool = False) -> Iterator[int]:
    """The headings that the line ``first_line`` (1-based) stands under, nearest first, as
    indices into ``lines``: the nearest heading above it, then each heading above that one of a
    higher rank (fewer ``#``; a bold caption ranks below them all). With ``by_number``, a chapter
    printed at the same level as its numbered sections too: ``## 3 Talousarvion toteutuminen``
    over ``## 3.1 Vapaa-aikalautakunta``, as a converted report often prints them, encloses 3.1
    by its number (``3`` begins ``3.1``)."""
    headings = _heading_lines(lines)
    enclosing: int | None = None
    number: tuple[str, ...] = ()
    for index, level in reversed(headings[: bisect_left(headings, (first_line - 1,))]):
        own = _chapter_number(lines[index]) if by_number else ()
        encloses = 0 < len(own) < len(number) and number[: len(own)] == own
        if enclosing is not None and level >= enclosing and not encloses:
            continue
        yield index
        enclosing = level if enclosing is None else min(enclosing, level)
        number = own or number


def headings_within(lines: Sequence[str], section: range) -> list[tuple[int, int]]:
    """The headings on the (1-based) line numbers of ``section``, each as (index into
    ``lines``, ``heading_level``), in order."""
    headings = _heading_lines(lines)
    return headings[bisect_left(headings, (section.start - 1,)) : bisect_left(headings, (section.stop - 1,))]


def outranking_heading(lines: Sequence[str], index: int) -> int | None:
    """The index into ``lines`` of the first heading after the heading at ``index`` that ranks
    above it (fewer ``#``; any ``#`` heading ranks above a bold caption), if any: where the part
    of the report it stands in at its rank ends."""
    headings = _heading_lines(lines)
    level = heading_level(lines[index]) or BOLD_CAPTION_LEVEL
    later = range(bisect_left(headings, (index + 1,)), len(headings))
    return next((headings[at][0] for at in later if headings[at][1] < level), None)


_NUMBERED = re.compile(r"^(?:#{1,6}\s+|\*\*)(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=[A-ZÅÄÖ])")
"""A heading's chapter number, a bare one too (``## 3 Talousarvion toteutuminen``)."""


_BARE_NUMBER = re.compile(r"^\d{1,2}\s+(?=[A-ZÅÄÖ])")
"""A chapter's number without a dot that a heading's text keeps (``5 Kuopion Tilakeskus``)."""


def without_chapter_number(text: str) -> str:
    """A heading's text (``heading_text``) as a name: without the chapter's number it keeps
    where it prints one without a dot (``5 Kuopion Tilakeskus -liikelaitos``)."""
    return _BARE_NUMBER.sub("", text)


def _chapter_number(heading: str) -> tuple[str, ...]:
    """A heading line's chapter number as its parts (``## 3.1 Sivistys``: ``("3", "1")``); none
    where it prints none."""
    match = _NUMBERED.match(heading.strip())
    return () if match is None else tuple(match["number"].split("."))


_last_headings: list[tuple[Sequence[str], int, list[tuple[int, int]]]] = []
"""The heading lines of the report last asked about by :func:`enclosing_headings`, with its lines
and their count: each of a report's tables asks, and scanning the lines above each table again
was a tenth of an extraction. A report's lines (``ReportFile.lines``) are one tuple, never changed;
a list given instead must not be changed while it is asked about."""


def _heading_lines(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Each heading of ``lines`` as (index into ``lines``, ``heading_level``), in order."""
    if _last_headings:
        known, count, headings = _last_headings[0]
        if known is lines and count == len(lines):
            return headings
    headings = [(index, level) for index, line in enumerate(lines) if (level := heading_level(line)) is not None]
    _last_headings[:] = [(lines, len(lines), headings)]
    return headings


def find_layout(lines: Sequence[str]) -> Layout:
    """Split a report's lines into tables (with the paragraphs after each) and headings."""
    tables: list[TableBlock] = []
    headings: list[tuple[int, str]] = []
    heading: str | None = None
    level: int | None = None
    current: TableBlock | None = None
    only_blank_since_table = False
    for number, line in enumerate(lines, start=1):
        if "\t" in line and not is_page_furniture(line):
            if current is None:
                current = TableBlock(
                    rows=[], heading=heading, follows_blank_only=only_blank_since_table, heading_level=level
                )
                tables.append(current)
            current.rows.append(Row(line=number, cells=tuple(line.split("\t"))))
            continue
        if current is not None:
            current = None
            only_blank_since_table = True
        if not line.strip():
            continue
        title = heading_text(line)
        if title is None and _is_furniture(line):
            continue  # what a page break leaves between two parts of a table is no text
        only_blank_since_table = False
        if title is not None:
            heading, level = title, heading_level(line)
            headings.append((number, title))
            continue
        text = strip_markup(line)
        if tables and not _heading_between(headings, tables[-1].last_line, number):
            tables[-1].notes_after.append((number, text))
    return Layout(tables=tables, headings=headings)


def _heading_between(headings: list[tuple[int, str]], after: int, before: int) -> bool:
    return any(after < line < before for line, _ in headings)
