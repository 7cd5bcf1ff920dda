"""Finnish-formatted numbers as printed in the statements, read one cell at a time.

Amounts use spaces (or no-break spaces) as thousands separators, a comma as the
decimal mark and a minus that may stand apart from its digits (``- 382 928``) or be
the Unicode minus sign. Cells may be wrapped in inline HTML such as ``<b>``.

:func:`parse_amount` and :func:`parse_percent` read a cell by the space-separated format of
:mod:`kuntatalous.text.number_format`, or by the format a table's cells decided (dots, spaces or
nothing between thousands: :func:`kuntatalous.text.number_format.detect_number_format`).
"""

from __future__ import annotations

from decimal import Decimal

from kuntatalous.text.cells import NumberFormatError, decimal_places, strip_markup
from kuntatalous.text.number_format import SPACE_FORMAT, NumberFormat, parse_number

__all__ = [
    "NumberFormatError",
    "decimal_places",
    "format_decimal",
    "parse_amount",
    "parse_percent",
    "strip_markup",
]


def parse_amount(cell: str, number_format: NumberFormat = SPACE_FORMAT) -> Decimal | None:
    """Parse a printed amount in euros (by ``number_format``, by default spaces between
    thousands); ``None`` for an empty cell.

    >>> parse_amount("- 382 928")
    Decimal('-382928')
    >>> parse_amount("<b>1 120 517</b>")
    Decimal('1120517')
    """
    return _parse(cell, "%", "an amount", number_format)


def parse_percent(cell: str, number_format: NumberFormat = SPACE_FORMAT) -> Decimal | None:
    """Parse a printed percentage (``138,71``, ``19,6``, ``-7,87 %``; by ``number_format``);
    ``None`` when empty."""
    return _parse(cell, "€", "a percentage", number_format)


def _parse(cell: str, foreign_suffix: str, what: str, number_format: NumberFormat) -> Decimal | None:
    """``cell`` read by ``number_format``, unless it ends with the other kind's sign."""
    # Quoted as printed (not repr): the message names the cell the way the report shows it.
    problem = NumberFormatError(f"cannot read '{cell.strip()}' as {what}")
    if strip_markup(cell).endswith(foreign_suffix):
        raise problem
    try:
        value = parse_number(cell, number_format)
    except NumberFormatError:
        raise problem from None
    return value


def format_decimal(value: Decimal | None) -> str:
    """Write a decimal as plain text for CSV (no exponent); empty for ``None``."""
    if value is None:
        return ""
    return format(abs(value) if value == 0 else value, "f")
