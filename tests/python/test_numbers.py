"""Finnish number parsing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuntatalous.text.numbers import (
    NumberFormatError,
    decimal_places,
    format_decimal,
    parse_amount,
    parse_percent,
    strip_markup,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 120 517", Decimal("1120517")),
        ("- 382 928", Decimal("-382928")),
        ("-8 379 008", Decimal("-8379008")),
        ("\u2212 3 000", Decimal("-3000")),
        ("<b>-1 009 492</b>", Decimal("-1009492")),
        ("0", Decimal("0")),
        ("52", Decimal("52")),
        ("1\u00a0234", Decimal("1234")),
        ("-3 500,50", Decimal("-3500.50")),
        ("652 920 €", Decimal("652920")),
        ("1234567", Decimal("1234567")),
    ],
)
def test_parse_amount(cell: str, expected: Decimal) -> None:
    assert parse_amount(cell) == expected


@pytest.mark.parametrize("cell", ["", "  ", "<b></b>"])
def test_empty_cell_is_none_not_zero(cell: str) -> None:
    assert parse_amount(cell) is None
    assert parse_percent(cell) is None


@pytest.mark.parametrize("cell", ["1 2O3", "12,3,4", "12 %", "abc", "1 23 456", "--5", "1.234"])
def test_malformed_amount_is_rejected(cell: str) -> None:
    with pytest.raises(NumberFormatError, match="cannot read"):
        parse_amount(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("138,71", Decimal("138.71")), ("19,6", Decimal("19.6")), ("-7,87", Decimal("-7.87")), ("22 %", Decimal("22"))],
)
def test_parse_percent(cell: str, expected: Decimal) -> None:
    assert parse_percent(cell) == expected


def test_format_decimal_is_plain_and_signless_for_zero() -> None:
    assert format_decimal(Decimal("-382928")) == "-382928"
    assert format_decimal(Decimal("-0")) == "0"
    assert format_decimal(Decimal("1E+3")) == "1000"
    assert format_decimal(None) == ""


def test_strip_markup() -> None:
    assert strip_markup("<b>Toimintakate</b>") == "Toimintakate"
    assert strip_markup("**Vaalit**  ") == "Vaalit"


@pytest.mark.parametrize(("cell", "places"), [("1 372 028", 0), ("19,6", 1), ("0,00", 2), ("- 1,50", 2)])
def test_decimal_places_is_the_printed_precision(cell: str, places: int) -> None:
    value = parse_percent(cell)
    assert value is not None
    assert decimal_places(value) == places
