"""Numbers printed as the statements print them.

Amounts group thousands with spaces. In operating tables a minus stands apart from the digits
when the leading group has three digits (``- 382 928``, ``- 527``, but ``-1 009 492`` and
``-91 598``), as the converted spreadsheets show; investment tables never part them.
Percentages have a decimal comma and no grouping (``138,71``, ``-7,87``, ``19,6``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def group_thousands(value: int) -> str:
    """``1234567`` → ``1 234 567`` (the absolute value)."""
    digits = str(abs(value))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return " ".join(reversed(groups))


def amount(value: int, *, apart_minus: bool = True) -> str:
    """A whole-euro amount: ``- 382 928``, ``-1 009 492``, ``0``."""
    text = group_thousands(value)
    if value >= 0:
        return text
    apart = apart_minus and len(str(abs(value))) % 3 == 0
    return ("- " if apart else "-") + text


def percent(numerator: int, denominator: int, decimals: int) -> str:
    """``numerator / denominator * 100`` rounded half up to ``decimals`` places, with a decimal
    comma; ``0,00`` (as many zeros as decimals) where the denominator is 0."""
    ratio = Decimal(0) if denominator == 0 else Decimal(numerator) * 100 / Decimal(denominator)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = ratio.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return format(rounded, "f").replace(".", ",")


def whole_percent(value: int) -> str:
    """A share in whole percent as the projects tables print it: ``25 %``."""
    return f"{value} %"


def decimal_text(value: Decimal) -> str:
    """A key figure with a decimal comma, thousands grouped: ``8,88``, ``12 242``."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    text = group_thousands(int(whole))
    return sign + (f"{text},{fraction}" if fraction else text)


def bold(text: str) -> str:
    return f"<b>{text}</b>"


def scaled(value_eur: int | Decimal, factor: int, decimals: int) -> Decimal:
    """A euro figure as a table in ``factor`` euros with ``decimals`` decimals prints it,
    rounded half up: ``scaled(1234567, 1000, 1)`` → ``1234.6``."""
    quantum = Decimal(1).scaleb(-decimals)
    value = (Decimal(value_eur) / factor).quantize(quantum, rounding=ROUND_HALF_UP)
    return abs(value) if value == 0 else value


def number(value: Decimal, thousands: str, minus: str = "-", apart_minus: bool = False) -> str:
    """A printed figure: thousands grouped by ``thousands`` (space, dot or nothing), a decimal
    comma, the minus ``minus`` (apart from a leading group of three digits if ``apart_minus``).

    >>> number(Decimal("-6850437"), ".")
    '-6.850.437'
    >>> number(Decimal("-1198.71"), "", "\u2212")
    '\u22121198,71'
    """
    whole, _, fraction = format(abs(value), "f").partition(".")
    grouped = group_thousands(int(whole))
    text = grouped.replace(" ", thousands)
    if fraction:
        text = f"{text},{fraction}"
    if value >= 0:
        return text
    apart = apart_minus and len(whole) % 3 == 0
    return minus + (" " if apart else "") + text
