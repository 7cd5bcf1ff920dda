"""A table cell's text: inline markup removed, and the precision of a figure read from it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import update_wrapper
from typing import Any, Protocol, TypeVar, cast

# An inline HTML tag: a name, then attributes each named by a word (``<ul style="...">``).
# Anything else in angle brackets is text, so that ``-< 028 100`` is not read as ``-``.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][\w:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?)*\s*/?>")


class NumberFormatError(ValueError):
    """A cell that should hold a number but does not."""


REMEMBERED_CELL = 100
"""The longest cell, in characters, whose reading is remembered: figures and short labels,
which reading a table meets more than once (a value cell is stripped when its table's number
format is decided and again when it is read). A longer cell is read afresh each time, so that
what is remembered stays within a few megabytes whatever the reports hold."""
T = TypeVar("T")
TOTAL_WORDS = frozenset({"yhteensä", "totalt", "sammanlagt"})
"""A total row's label alone, in Finnish and Swedish (``Yhteensä``, ``Totalt``): a projects
table's sum row, a budget table's closing row. The warehouse's name matching
(``macros/normalise_name.sql``, ``without_total_word``) strips the same words; a test holds the
two together."""
SUM_WORDS = ("summa", "yhteensä")
"""A total row's word before what it totals (``Summa utgifter``, ``Yhteensä menot``), which the
warehouse's ``without_total_word`` strips too (tests/python/test_total_words.py)."""


class CellReading(Protocol[T]):
    """A reading of a cell that remembers its answers for short cells (``remembered_when_short``):
    ``__wrapped__`` reads afresh; ``remembered`` holds what is remembered, by cell."""

    __wrapped__: Callable[[str], T]
    remembered: dict[str, T]

    def __call__(self, cell: str) -> T: ...


_MISSING: Any = object()


def remembered_when_short(maxsize: int) -> Callable[[Callable[[str], T]], CellReading[T]]:
    """A reading of a cell, remembered for cells of up to ``REMEMBERED_CELL`` characters, at most
    ``maxsize`` of them (once full, everything remembered is forgotten and remembering starts
    again); a longer cell is read afresh. A plain dictionary, not ``functools.lru_cache``: the
    readings are asked millions of times, mostly of a cell met before, and a dictionary's look-up
    took less than half the time of the bounded cache's behind a test of the cell's length."""

    def decorate(read: Callable[[str], T]) -> CellReading[T]:
        remembered: dict[str, T] = {}
        look_up = remembered.get

        def reading(cell: str) -> T:
            found: T = look_up(cell, _MISSING)
            if found is not _MISSING:
                return found
            value = read(cell)
            if len(cell) <= REMEMBERED_CELL:
                if len(remembered) >= maxsize:
                    remembered.clear()
                remembered[cell] = value
            return value

        wrapped = cast(CellReading[T], update_wrapper(reading, read))
        wrapped.remembered = remembered
        return wrapped

    return decorate


@remembered_when_short(8192)
def strip_markup(cell: str) -> str:
    """Return the cell's text without inline HTML, with whitespace collapsed (``str.split``'s
    whitespace is the regular expressions' ``\\s``: Unicode's, no-break and thin spaces included)."""
    text = _TAG.sub(" ", cell) if "<" in cell else cell
    return " ".join(text.replace("**", "").split())


def without_tags(cell: str) -> str:
    """The cell's text without inline HTML, its asterisks kept (``strip_markup`` takes a
    markdown bold's ``**`` away too): ``<b>-1 585,6**</b>``, a figure with a footnote
    marker, is ``-1 585,6**``."""
    text = _TAG.sub(" ", cell) if "<" in cell else cell
    return " ".join(text.split())


def decimal_places(value: Decimal) -> int:
    """How many decimals the number was printed with (``Decimal('19.6')`` → 1).

    >>> decimal_places(Decimal("-382928"))
    0
    >>> decimal_places(Decimal("0.0000001")), decimal_places(Decimal("1E+3")), decimal_places(Decimal("-0.00"))
    (7, 0, 2)
    """
    text = str(value)
    if "E" in text:
        # Written with an exponent (``1E-7``): read it from the exponent itself.
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int), "parsed numbers are finite"
        return max(0, -exponent)
    # Plain digits (most figures, and quicker than ``as_tuple``): the digits after the point.
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def slugify(text: str) -> str:
    """The warehouse's slug of a name (its ``slugify`` macro, macros/slugify.sql): accents
    stripped, lower case, each run of other characters one ``_``: ``Digi- ja
    tietohallintopalvelut`` → ``digi_ja_tietohallintopalvelut``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def bilingual_halves(cell: str) -> tuple[str, str] | None:
    """A cell printing the same thing in Finnish and in Swedish split by one ``/`` (``TP/BS
    2024``, ``Arvio / Bedömning``, ``Toteutui / Uppnåddes``): its two halves, spaces stripped;
    ``None`` where it prints no slash or more than one. The cell reads as what both halves,
    each read alone, say, where they say the same: the budget headers' rule
    (``vocabulary._bilingual``), the goals tables' headers' and status cells'.

    >>> bilingual_halves("Toteutui osittain / Uppnåddes delvis")
    ('Toteutui osittain', 'Uppnåddes delvis')
    >>> bilingual_halves("+/-/+") is None
    True
    """
    halves = cell.split("/")
    if len(halves) != 2:
        return None
    return halves[0].strip(), halves[1].strip()
