"""The site's figures are written as the rule in ``site.text`` says, however fast it is written:
the formatting functions against the plain rule they replace, over many kinds of values."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from kuntatalous.site.text import (
    LANGUAGES,
    MINUS,
    NBSP,
    Language,
    format_eur,
    format_number,
    format_pct,
    format_value,
)


def plain_format_number(value: Decimal | int | float | None, language: Language, decimals: int | None = None) -> str:
    """The rule as first written: every step spelt out, nothing skipped or reused."""
    if value is None:
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    text = f"{abs(number):,.{decimals}f}"
    if language == "fi":
        text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS if number < 0 else "") + text


def plain_format_value(value: Decimal | None, language: Language) -> str:
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    return plain_format_number(value, language, decimals=max(0, -exponent) if isinstance(exponent, int) else 0)


DIGITS = ("0", "1", "7", "12", "999", "1000", "1234", "99999", "100000", "7484508", "123456789", "9999999999999999")
FRACTIONS = ("", ".0", ".00", ".5", ".50", ".05", ".01", ".99", ".995", ".005", ".001", ".3000", ".0001", ".1234")
VALUES: list[Decimal | int | float | None] = [
    *(Decimal(f"{sign}{whole}{fraction}") for sign, whole, fraction in itertools.product(("", "-"), DIGITS, FRACTIONS)),
    *(Decimal(text) for text in ("1E+2", "-1E+2", "1.5E+3", "2.5E-7", "-3E-9", "0E+2", "-0E-3", "1E+20")),
    *(Decimal(text) for text in ("99999999999999999999999.99", "-0.0049", "0.0050", "-0.005", "0.015", "0.025")),
    0,
    -1,
    1234567,
    -1234567,
    10**20,
    0.1,
    -2.675,
    1234.5,
    -0.0,
    1e16,
    None,
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_format_number_writes_what_the_plain_rule_writes(language: Language) -> None:
    for value, decimals in itertools.product(VALUES, (None, 0, 1, 2, 4)):
        assert format_number(value, language, decimals) == plain_format_number(value, language, decimals), (
            value,
            decimals,
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_euros_per_cent_and_stored_values_write_what_the_plain_rule_writes(language: Language) -> None:
    for value in VALUES:
        if not isinstance(value, Decimal):
            continue
        assert format_eur(value, language) == plain_format_number(value, language) + NBSP + "€"
        assert format_pct(value, language) == plain_format_number(value, language, 2) + NBSP + "%"
        assert format_value(value, language) == plain_format_value(value, language), value
    assert format_eur(None, language) == format_pct(None, language) == format_value(None, language) == ""
