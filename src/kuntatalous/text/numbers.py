"""Finnish-formatted numbers as printed in the statements.

Amounts use spaces (or no-break spaces) as thousands separators, a comma as the
decimal mark and a minus that may stand apart from its digits (``- 382 928``) or be
the Unicode minus sign. Cells may be wrapped in inline HTML such as ``<b>``.
"""

from __future__ import annotations

import re
from decimal import Decimal

# An inline HTML tag: a name, then attributes each named by a word (``<ul style="...">``).
# Anything else in angle brackets is text, so that ``-< 028 100`` is not read as ``-``.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][\w:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?)*\s*/?>")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})
_AMOUNT = re.compile(r"^(?P<sign>-)?(?P<int>\d{1,3}(?: \d{3})*|\d+)(?:,(?P<frac>\d+))?$")


class NumberFormatError(ValueError):
    """A cell that should hold a number but does not."""


def strip_markup(cell: str) -> str:
    """Return the cell's text without inline HTML, with whitespace collapsed."""
    text = _TAG.sub(" ", cell).replace("**", "")
    return _SPACES.sub(" ", text).strip()


def _normalise(cell: str) -> str:
    text = strip_markup(cell).translate(_MINUSES)
    # A minus standing apart from its digits belongs to them.
    return re.sub(r"^- +", "-", text)


def parse_amount(cell: str) -> Decimal | None:
    """Parse a printed amount in euros; ``None`` for an empty cell.

    >>> parse_amount("- 382 928")
    Decimal('-382928')
    >>> parse_amount("<b>1 120 517</b>")
    Decimal('1120517')
    """
    return _parse(cell, "€", "an amount")


def parse_percent(cell: str) -> Decimal | None:
    """Parse a printed percentage (``138,71``, ``19,6``, ``-7,87 %``); ``None`` when empty."""
    return _parse(cell, "%", "a percentage")


def _parse(cell: str, suffix: str, what: str) -> Decimal | None:
    text = _normalise(cell).removesuffix(suffix).rstrip()
    if text == "":
        return None
    match = _AMOUNT.match(text)
    if match is None:
        # Quoted as printed (not repr): the message names the cell the way the report shows it.
        raise NumberFormatError(f"cannot read '{cell.strip()}' as {what}")
    return _to_decimal(match)


def _to_decimal(match: re.Match[str]) -> Decimal:
    digits = match["int"].replace(" ", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    return -value if match["sign"] else value


def decimal_places(value: Decimal) -> int:
    """How many decimals the number was printed with (``Decimal('19.6')`` → 1).

    >>> decimal_places(Decimal("-382928"))
    0
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "parsed numbers are finite"
    return max(0, -exponent)


def format_decimal(value: Decimal | None) -> str:
    """Write a decimal as plain text for CSV (no exponent); empty for ``None``."""
    if value is None:
        return ""
    return format(abs(value) if value == 0 else value, "f")
