"""A table's number format and scale, decided once per table, and its cells read by them.

Reports print amounts with spaces (``-8 379 008``), dots (``-6.850.437``) or nothing
(``-8379008``) between thousands, always a comma before decimals, a minus that may be the
Unicode minus or stand apart from its digits (a plus too: ``+11,8``), and bold wrappers. A budget
table's figure may print its minus accounting style, the amount in brackets (``(11 920)``) or the
minus after it (``19 650 000-``): :func:`parse_figure` reads it as the minus before. A dash
alone is no number here (:func:`parse_number` refuses it); a budget table reads it as nil
(:func:`is_nil`), where the table's own checks test it like any figure. Which separator a table uses
is decided from all its cells together (:func:`detect_number_format`), then every cell is
read by that one format (:func:`parse_number`): ``1.234`` is 1 234 in a dot table and an
error anywhere else, never one thing in one row and another in the next.

The scale (whole euros, thousands, millions) comes from the header (``1 000 €``, ``t€``,
``EUR 1000``, ``(1 000 €)`` in the unit cell, ``milj. €``), a line just above the table that
says only that (``Luvut tuhansina euroina``, ``Taulukoiden luvut on esitetty tuhansina
euroina.``, ``Tuhatta €``, ``Talousarvion toteutumisvertailussa luvut esitetään tuhansina
euroina.``), perhaps adding that the figures are rounded (``Luvut ovat tuhansia euroja ja ne on
pyöristetty.``), in any sentence of the line (``Rovaniemen Vesi on kaupungin liikelaitos. Luvut
ovat tuhansia euroja.``: :mod:`kuntatalous.text.sentences`), or ends in it (``Käyttötalous,
1 000 €``; the table's own label, ``Maankäyttö 1 000 €``),
and the table's section: the heading above it (``Konsernipalvelut (1 000 €)``) or a line
naming the unit under that heading, for every table under it (:func:`section_statements`).
They must agree: :func:`detect_scale`. Where none names one but the text speaks of the figures
in thousands in words not read so, :func:`unread_scale_statement` says where. With the
decimals printed, it gives each figure's rounding (:func:`half_unit_eur`).

:func:`kuntatalous.text.numbers.parse_amount` and ``parse_percent`` read a single cell by
:data:`SPACE_FORMAT` through :func:`parse_number`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from itertools import islice

from kuntatalous.text.cells import NumberFormatError, decimal_places, remembered_when_short, strip_markup
from kuntatalous.text.layout import enclosing_headings, heading_text
from kuntatalous.text.sentences import sentences

_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})
_GROUPED = {
    " ": re.compile(r"^[-+]?\d{1,3}(?: \d{3})+(?:,\d+)?$"),
    ".": re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$"),
}
_PLAIN = r"\d+"
_SIGN_APART = re.compile(r"^([-+]) +")
_UNIT_SIGN = re.compile(r"\s*[€%]$")
_BRACKETED = re.compile(r"\((\d[^()]*)\)")
"""A whole amount in brackets, accounting style: the amount negative (``(11 920)``)."""
_MINUS_AFTER = re.compile(r"(\d[^-+]*)-")
"""An amount with its minus printed after it (``19 650 000-``), as some ledgers print it."""


class Thousands(StrEnum):
    """The thousands separator of a table's numbers."""

    SPACE = " "
    DOT = "."
    NONE = ""


@dataclass(frozen=True)
class NumberFormat:
    """How one table prints its numbers: the thousands separator; decimals are a comma."""

    thousands: Thousands

    @cache  # noqa: B019 - three formats in all, each compiled once
    def pattern(self) -> re.Pattern[str]:
        if self.thousands == Thousands.NONE:
            integer = _PLAIN
        else:
            integer = rf"\d{{1,3}}(?:{re.escape(self.thousands)}\d{{3}})+|{_PLAIN}"
        return re.compile(rf"^(?P<sign>[-+])?(?P<int>{integer})(?:,(?P<frac>\d+))?$")


SPACE_FORMAT = NumberFormat(Thousands.SPACE)
"""The format :func:`kuntatalous.text.numbers.parse_amount` reads."""


@remembered_when_short(4096)
def normalise_cell(cell: str) -> str:
    """A cell's number text: markup gone, minus signs as ``-``, a sign joined to its digits,
    a trailing ``€`` or ``%`` dropped (a short cell's is remembered: ``REMEMBERED_CELL``)."""
    text = strip_markup(cell).translate(_MINUSES)
    text = _SIGN_APART.sub(r"\1", text)
    return _UNIT_SIGN.sub("", text)


def _figure_text(cell: str) -> str:
    """A budget table's figure as ``normalise_cell`` reads it, a minus printed accounting style,
    the whole amount in brackets (``(11 920)``) or its minus after it (``19 650 000-``), put
    before the amount (``-11 920``, ``-19 650 000``). What stood in brackets or before the minus
    must still read as an amount by the table's format: ``(1.234)`` in a table grouped by
    spaces, ``(-5)``, ``1 234 (1)`` (a footnote's number) or ``(ks. liite)`` are no figure."""
    text = normalise_cell(cell)
    match = _BRACKETED.fullmatch(text) or _MINUS_AFTER.fullmatch(text)
    return text if match is None else f"-{match[1]}"


class Nil(Decimal):
    """An amount printed as a dash in a budget table: nil, exactly zero (Statistics Finland's
    ``-``, "magnitude nil"; not ``..``, "not available", nor an empty cell, which stay missing).
    It is exact: no rounding of its own, so it leaves a row's precision to its other figures. A
    figure whose digits a converter lost would look the same: read as zero, it fails the checks
    that cover it (subtotals, variance, percentage) like any wrong figure."""


NIL = Nil(0)
"""The one nil (``is_nil``)."""
_NIL_SIGNS = frozenset({"-", "\u2013", "\u2014", "\u2212"})
"""A dash alone in a cell: a hyphen-minus, an en or em dash, or a minus sign."""


def is_nil(cell: str) -> bool:
    """Whether a figure's cell is a dash alone, markup aside (``-``, ``<b>-</b>``; an en or em
    dash, a minus sign): nil (``NIL``). A dash with a footnote marker (``-*)``) is none."""
    return strip_markup(cell) in _NIL_SIGNS


def detect_number_format(cells: Iterable[str]) -> NumberFormat:
    """Decide a table's thousands separator from all its value cells.

    A cell grouped by spaces (``1 234``) or by dots (``-6.850.437``) says which; a table with
    neither reads plain digits only. Cells grouped both ways in one table are an error naming
    one of each.
    """
    seen: dict[str, str] = {}
    for cell in cells:
        text = _figure_text(cell)
        for separator, grouped in _GROUPED.items():
            if grouped.match(text):
                seen.setdefault(separator, cell.strip())
    if len(seen) > 1:
        raise NumberFormatError(f"table mixes thousands separators: '{seen[' ']}' (space) and '{seen['.']}' (dot)")
    return NumberFormat(Thousands(next(iter(seen), "")))


def parse_number(cell: str, number_format: NumberFormat) -> Decimal | None:
    """Read a cell by its table's format, exactly; ``None`` for an empty cell.

    >>> parse_number("-6.850.437", NumberFormat(Thousands.DOT))
    Decimal('-6850437')
    >>> parse_number("<b>- 1 009 492,5</b>", SPACE_FORMAT)
    Decimal('-1009492.5')
    """
    return _read(normalise_cell(cell), cell, number_format)


def parse_figure(cell: str, number_format: NumberFormat) -> Decimal | None:
    """Read a budget table's figure by its table's format (``parse_number``), a minus printed
    accounting style read as the minus before (``(11 920)``, ``19 650 000-``: -11 920,
    -19 650 000).

    >>> parse_figure("<b>(1 009 492,5)</b>", SPACE_FORMAT)
    Decimal('-1009492.5')
    """
    return _read(_figure_text(cell), cell, number_format)


def _read(text: str, cell: str, number_format: NumberFormat) -> Decimal | None:
    """``text``, the number text of ``cell``, read by ``number_format``."""
    if text == "":
        return None
    match = number_format.pattern().match(text)
    if match is None:
        separator = {" ": "spaces", ".": "dots", "": "no separator"}[number_format.thousands]
        raise NumberFormatError(f"cannot read '{cell.strip()}' as a number of a table with {separator} in thousands")
    digits = match["int"].replace(number_format.thousands, "") if number_format.thousands else match["int"]
    value = Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
    return -value if match["sign"] == "-" else value


def reads_as_number(cell: str) -> bool:
    """Whether a non-empty cell reads as a budget table's figure by some table's format
    (``-3 912 006``, ``-6.850.437``, ``98,6``, ``+11,8 %``, ``(11 920)``): a figure, where a
    header prints words."""
    text = _figure_text(cell)
    return any(NumberFormat(thousands).pattern().match(text) for thousands in Thousands)


@dataclass(frozen=True)
class Scale:
    """What one printed unit is worth in euros, and the text that said so."""

    factor: int
    """1 (euros), 1 000 or 1 000 000."""
    evidence: str | None
    """The header cell or line that named the unit; ``None`` when none did (whole euros)."""


EUROS = Scale(1, None)

_EURO_WORDS = r"(?:€|euroina|euroa|euro|eur|e)"
"""The word or sign for euros after a scale (the longest first: ``1 000 euroina``; ``1000 e``)."""
_EURO_COUNTED = r"(?:€|euroa|eur)"
"""The word or sign for euros counted in a number of them (``tuhatta €``, ``EUR 1000``)."""


def _counted_in(figure: str) -> str:
    """Euros named before the figure they are counted in, the figure bare or in brackets:
    ``EUR 1000``, ``€ 1 000``, ``Euroa (1 000)``."""
    return rf"{_EURO_COUNTED} (?:{figure}|\({figure}\))"


_THOUSANDS_IN_WORDS = rf"tuhatta {_EURO_COUNTED}|tuhansina(?: euroina)?|tuhansia euroja|tusen euro"
_THOUSANDS = rf"1 ?000 ?{_EURO_WORDS}|{_counted_in('1 ?000')}|[tk] ?€|[tk]eur|{_THOUSANDS_IN_WORDS}"
_MILLIONS_IN_WORDS = rf"miljoonaa {_EURO_COUNTED}|miljoonina(?: euroina)?|miljoonia euroja|miljoner euro"
_MILLIONS = rf"milj\.? ?{_EURO_WORDS}|{_counted_in('1 ?000 ?000')}|m ?€|meur|{_MILLIONS_IN_WORDS}"
_EUROS = r"€|euroina|euroja|euroa|euro|eur"
_EURO_SIGN = re.compile(r"€|eur", re.IGNORECASE)
"""A scale that names euros (``1 000 €``, ``teur``); ``tuhansina`` alone may count anything."""
_SCALES: tuple[tuple[int, str], ...] = ((1_000_000, _MILLIONS), (1_000, _THOUSANDS), (1, _EUROS))
"""Each scale once, with all its spellings; the longest spelling wins within a cell."""
_UNIT_IN_CELL = re.compile(rf"(?<!\w)\(?({_MILLIONS}|{_THOUSANDS}|{_EUROS})\)?(?!\w)", re.IGNORECASE)
_FIGURES = (
    r"(?:kaikki |taulukon |taulukoiden |tabellens |alla )?"
    r"(?:luvut|summat|euromäärät|rahamäärät|belopp|beloppen|siffrorna|siffror|talen|uppgifterna)"
)
"""What a statement of the unit speaks of: the figures (``Taulukoiden luvut``, ``Rahamäärät``,
Swedish ``Beloppen``, ``Siffrorna``, ``Talen``, ``Uppgifterna``)."""
_ARE_IN = r"(?: ovat| on esitetty| esitetään| on ilmoitettu| är| anges| redovisas)?(?: i)?"
"""How it says they are in the unit: ``ovat``, ``on esitetty``, ``är i``, or nothing at all."""
_ROUNDED = r",? (?:ja (?:ne )?(?:on|ovat) pyöristetty(?:jä)?|och (?:de )?är avrundade)"
"""A clause of the statement's sentence saying that the figures are rounded, which changes
nothing of their unit (``Luvut ovat tuhansia euroja ja ne on pyöristetty.``)."""
_UNLESS = r"ellei (?:toisin|muuta) (?:mainita|ilmoiteta|ole mainittu)|om inte annat (?:anges|nämns)"
"""Unless stated otherwise: the statement gives way to a unit the table names itself."""
_UNIT_SENTENCE = re.compile(
    rf"^\(?(?:(?:[^\t;]{{1,80}}? )?{_FIGURES}{_ARE_IN} )?(?P<unit>{_MILLIONS}|{_THOUSANDS}|{_EUROS})\)?"
    rf"(?:{_ROUNDED})?(?:,? (?P<unless>{_UNLESS}))?[.;]?$",
    re.IGNORECASE,
)
"""A sentence (``sentences``) that says only what unit the figures are in, after what figures
perhaps (``Talousarvion toteutumisvertailussa luvut esitetään tuhansina euroina.``), perhaps
unless stated otherwise (``Luvut tuhansina euroina, ellei toisin mainita.``: group ``unless``).
Any sentence of a line may be it (``Rovaniemen Vesi on kaupungin liikelaitos. Luvut ovat
tuhansia euroja.``), or a clause before or after a semicolon (``Luvut tuhansina euroina; luvut on
pyöristetty.``); a unit the sentences after it name is read too (``_line_scales``). A sentence
that merely names an amount (``Investoinnit olivat 1 200 tuhatta euroa.``) is none."""
_FIGURES_NAMED = re.compile(rf"(?<!\w){_FIGURES}(?!\w)", re.IGNORECASE)
_SCALE_IN_WORDS = re.compile(rf"(?<!\w)(?:{_MILLIONS_IN_WORDS}|{_THOUSANDS_IN_WORDS})(?!\w)", re.IGNORECASE)
_CAPTION = re.compile(
    rf"^[^\t]{{1,80}}?(?:\s*[,:\u2013\u2014]\s*|\s+-\s+|\s*(?=\())\(?({_MILLIONS}|{_THOUSANDS}|{_EUROS})\)?[.:]?$",
    re.IGNORECASE,
)
"""A caption or heading that ends by naming the unit after a comma, colon, dash or in brackets
(``Käyttötalous, 1 000 €``, ``Konsernipalvelut (1 000 €)``, ``Toteutuminen (1 000 euroa):``); a
sentence that merely ends in an amount of euros (``Hanke maksoi kymmenen tuhatta euroa.``) is
none."""


_SCALE_MARKS = rf"1 ?000(?: ?000)? ?{_EURO_WORDS}|[tk] ?€|[tk]eur|milj\.? ?{_EURO_WORDS}|m ?€|meur"
"""The scales written in figures or signs (``1 000 €``, ``t€``, ``milj. €``), not in words."""
_MARKED_CAPTION = re.compile(rf"^(?P<label>[^\t]{{1,80}}?)(?<![\d.,])\s+\(?(?P<unit>{_SCALE_MARKS})\)?$", re.IGNORECASE)
"""A caption that ends in a scale written in figures or signs with only spaces before it
(``Tuloslaskelma 1 000 €``, ``KÄYTTÖTALOUS`` and many spaces and ``t€``, ``Maankäyttö 1 000
€`` over ``Maankäyttö | TP 2024 | …``): a converted page prints the unit at the caption's right
edge. Unless the word before the figure says it is an amount (``_AMOUNT_WORDS``)."""
_AMOUNT_WORDS = frozenset(
    {"oli", "on", "ovat", "olivat", "yli", "alle", "noin", "vähintään", "enintään", "maksoi", "maksaa", "ja"}
    | {"var", "är", "över", "under", "cirka", "minst", "högst", "kostade", "och"}
)
"""A word before a figure of euros that makes it an amount in a sentence (``Avustus oli 1 000 €``,
``Hankkeet yli 1 000 000 euroa``, Swedish ``Bidraget var 1 000 €``), not a caption's unit."""


def _factor(unit: str) -> int:
    for factor, spellings in _SCALES:
        if re.fullmatch(spellings, unit, re.IGNORECASE):
            return factor
    raise AssertionError(f"unit {unit!r} matched no scale")  # the patterns are the same


def detect_scale(header_cells: Sequence[str], lines_above: Sequence[str] = (), section: Sequence[str] = ()) -> Scale:
    """The table's scale from its header cells (unit cell included), the lines just above it
    (a line of the unit alone, or a caption ending in it) and what its section says
    (``section_statements``).

    Any two that disagree (``t€`` in the header, ``milj. €`` above) are an error, except
    that a statement made unless stated otherwise (``Luvut tuhansina euroina, ellei toisin
    mainita.``) gives way to any other; none at all means whole euros.
    """
    found = [scale for cell in header_cells for scale in _named_in(strip_markup(cell))]
    yielding: list[Scale] = []
    for line in [*lines_above, *section]:
        scales, unless = _line_scales(strip_markup(line))
        (yielding if unless else found).extend(scales)
    found = found or yielding
    factors = {scale.factor for scale in found}
    if len(factors) > 1:
        texts = " / ".join(dict.fromkeys(scale.evidence or "" for scale in found))
        raise NumberFormatError(f"the table names more than one unit: {texts}")
    return found[0] if found else EUROS


def _named_in(text: str) -> list[Scale]:
    """Every unit ``text`` names, as scales with ``text`` for their evidence."""
    return [Scale(_factor(match[1]), text) for match in _UNIT_IN_CELL.finditer(text)]


def _line_scales(text: str) -> tuple[list[Scale], bool]:
    """The units a line above a table or in its section states (none, if it states none; any
    unit a sentence after the statement names too), and whether the statement gives way to
    one the table makes itself (``ellei toisin mainita``: unless stated otherwise)."""
    statement = _statement(text)
    if statement is None:
        return [], False
    return [Scale(_factor(statement.unit), text), *_named_in(statement.rest)], statement.unless


_LEADING_TO_UNIT = re.compile(r"\s*(?:[,:;\u2013\u2014]|\s-)\s*$")
"""What is left at the end of a unit cell once its unit is taken away: ``Elinvoimapalvelut,``."""


def strip_unit(text: str) -> str:
    """A header's unit cell without the words that name the scale, nor the comma, colon or dash
    that led to them: ``Rakennuslautakunta t€`` → ``Rakennuslautakunta``, ``Kaupunki (milj. €)``
    → ``Kaupunki``, ``Elinvoimapalvelut, 1 000 euroa`` → ``Elinvoimapalvelut``."""
    stripped, units = _UNIT_IN_CELL.subn(" ", text)
    if units:
        stripped = _LEADING_TO_UNIT.sub(" ", stripped)
    return re.sub(r"\s+", " ", stripped).strip()


def printed_decimals(values: Iterable[Decimal | None]) -> int:
    """The most decimals any of the figures is printed with (0 for none)."""
    return max((decimal_places(value) for value in values if value is not None), default=0)


CENTS = 2
"""The decimals the warehouse stores an amount in euros with (its amounts are decimal(18, 2)):
no printed figure may be finer."""


def euro_decimals(printed: int, scale: Scale) -> int:
    """The decimal place of a printed figure's last digit in euros: 0 for whole euros, 2 for
    cents, -3 for whole thousands, -2 for thousands with one decimal."""
    return printed - _zeros(scale)


def cents_printed(scale: Scale) -> int:
    """The printed decimals of a cent in the scale (2 in euros, 5 in thousands): the inverse of
    ``euro_decimals`` at ``CENTS``."""
    return CENTS + _zeros(scale)


def _zeros(scale: Scale) -> int:
    """The scale's zeros: 3 for thousands."""
    return len(str(scale.factor)) - 1


def half_unit_eur(scale: Scale, decimals: int) -> Decimal:
    """How far a printed figure may be from its unrounded value, in euros: half its last
    printed digit (a thousand-euro figure with one decimal: 50 €)."""
    return Decimal(scale.factor) * Decimal(1).scaleb(-decimals) / 2


def to_euros(value: Decimal | None, scale: Scale) -> Decimal | None:
    """``amount_eur``: the printed figure times the scale; ``None`` stays ``None``."""
    return None if value is None else value * scale.factor


def in_euros(printed: Decimal, scale: Scale) -> tuple[Decimal, int]:
    """A figure printed at ``scale`` in euros, and the decimal place of its last printed digit
    in euros (``euro_decimals``: a check's tolerance)."""
    return printed * scale.factor, euro_decimals(decimal_places(printed), scale)


def section_statements(lines: Sequence[str], first_line: int) -> list[str]:
    """What the section of a table (its 1-based first line) says of its unit, for every table
    in it: the nearest heading above the table that names a unit (``Konsernipalvelut (1 000 €)``)
    or has a line naming one under it before its first table (``Luvut ovat tuhansia euroja.``,
    ``Käyttötalous, 1 000 €``), looking from the table's own heading up through the headings
    above it (a chapter printed at its numbered sections' level too: ``by_number``), and
    last the lines before the first heading; those texts, or none."""
    for index in enclosing_headings(lines, first_line, by_number=True):
        title = heading_text(lines[index]) or ""
        statements = [title] if _states_unit(title) else []
        statements += _unit_lines(islice(lines, index + 1, None))
        if statements:
            return statements
    return _unit_lines(lines)


def unread_scale_statement(lines: Sequence[str], first_line: int, last_line: int) -> tuple[int, str] | None:
    """Where the text that may state a table's unit (its 1-based first and last lines: the lines
    just above and below it, under the headings it stands under, before the first heading) speaks
    of the figures in thousands or millions of euros in words (``_SCALE_IN_WORDS``) in a sentence
    that states no unit the extractor reads (``Rovaniemen Vesi on liikelaitos, jonka luvut ovat
    tuhansia euroja.``): the first such line (1-based) and sentence, or ``None``. A sentence naming
    an amount (``Säästöä kertyi satoja tuhansia euroja.``) speaks of no figures."""
    for index, text in _unit_text_lines(lines, first_line, last_line):
        if _states_unit(text):
            continue
        for sentence in sentences(text):
            if _FIGURES_NAMED.search(sentence) and _SCALE_IN_WORDS.search(sentence):
                return index + 1, sentence
    return None


def _unit_text_lines(lines: Sequence[str], first_line: int, last_line: int) -> Iterator[tuple[int, str]]:
    """The lines (indices, markup stripped) that ``detect_scale`` reads for a table's unit: just
    above it, just below it where no table follows, each heading it stands under and the lines
    under that heading before its first table, and the lines before the first heading."""
    runs = [_text_run(lines, range(first_line - 2, -1, -1))]
    below = _text_run(lines, range(last_line, len(lines)))
    stop = below[-1] + 1 if below else last_line
    if stop >= len(lines) or "\t" not in lines[stop]:
        runs.append(below)
    for heading in enclosing_headings(lines, first_line, by_number=True):
        yield heading, heading_text(lines[heading]) or ""
        runs.append(_text_run(lines, range(heading + 1, len(lines))))
    runs.append(_text_run(lines, range(len(lines))))
    for run in runs:
        yield from ((index, strip_markup(lines[index])) for index in run)


def _text_run(lines: Sequence[str], indices: range) -> list[int]:
    """``indices`` in their order up to the first that is a table's line or a heading's."""
    length = sum(1 for _ in _up_to_table_or_heading(lines[index] for index in indices))
    return list(indices[:length])


def scale_named_in(text: str) -> tuple[Scale, int, int] | None:
    """The first thousands or millions of euros that ``text`` names, with where it stands
    (``Nettokustannukset, 1 000 €``, ``Lainakanta (milj. €)``, brackets included); ``None`` if
    it names none (euros alone are no scale, nor thousands of anything: ``Asukasluku
    (tuhansina)``)."""
    for match in _UNIT_IN_CELL.finditer(text):
        factor = _factor(match[1])
        if factor != 1 and _EURO_SIGN.search(match[1]) is not None:
            return Scale(factor, text), match.start(), match.end()
    return None


@dataclass(frozen=True)
class _Statement:
    """What a line or heading says of the unit of the figures."""

    unit: str
    """The unit as printed (``tuhansia euroja``, ``1 000 €``)."""
    unless: bool
    """Whether it gives way to a unit a table names itself (``ellei toisin mainita``)."""
    rest: str
    """The sentences of the line after the one that states it."""


@lru_cache(maxsize=4096)
def _statement(text: str) -> _Statement | None:
    """The unit a line or heading names: in a sentence of its own, any sentence of it (``Luvut
    tuhansina euroina``, ``Rovaniemen Vesi on liikelaitos. Luvut ovat tuhansia euroja.``), or at
    the end of a caption (``Käyttötalous, 1 000 €``, ``Tuloslaskelma 1 000 €``). Remembered: each
    table of a section reads the same headings and lines for its unit."""
    parts = sentences(text)
    for index, sentence in enumerate(parts):
        match = _UNIT_SENTENCE.match(sentence)
        if match is not None:
            return _Statement(match["unit"], match["unless"] is not None, " ".join(parts[index + 1 :]))
    caption = _CAPTION.match(text) or _marked_caption(text)
    return None if caption is None else _Statement(caption.groupdict().get("unit") or caption[1], False, "")


def _states_unit(text: str) -> bool:
    """Whether a line or heading names the unit of the figures (``_statement``)."""
    return _statement(text) is not None


def _marked_caption(text: str) -> re.Match[str] | None:
    """``text`` as a caption ending in its scale (``_MARKED_CAPTION``), unless an amount's."""
    match = _MARKED_CAPTION.match(text)
    words = match["label"].casefold().split() if match is not None else []
    return match if words and words[-1] not in _AMOUNT_WORDS else None


def _unit_lines(lines: Iterable[str]) -> list[str]:
    """The lines among ``lines`` before the first table or heading in them that name a unit."""
    return [text for line in _up_to_table_or_heading(lines) if _states_unit(text := strip_markup(line))]


def _up_to_table_or_heading(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` in their order up to the first that is a table's (a tab in it) or a heading."""
    for line in lines:
        if "\t" in line or heading_text(line) is not None:
            return
        yield line


def lines_just_below(lines: Sequence[str], last_line: int) -> list[str]:
    """The text lines between a table (its 1-based last line) and the heading after it, where no
    other table comes first: where a report notes under its table what unit the figures are in
    (``Luvut tuhansina euroina.``). Where a table follows, they are its lines just above."""
    below: list[str] = []
    for line in islice(lines, last_line, None):
        if "\t" in line:
            return []
        if heading_text(line) is not None:
            break
        if line.strip():
            below.append(line.strip())
    return below


def lines_just_above(lines: Sequence[str], first_line: int) -> list[str]:
    """The text lines between a table (its 1-based first line) and the heading or table
    above it, nearest last: where a report says what unit the table's figures are in."""
    above = _up_to_table_or_heading(lines[index] for index in range(first_line - 2, -1, -1))
    return [line.strip() for line in above if line.strip()][::-1]
