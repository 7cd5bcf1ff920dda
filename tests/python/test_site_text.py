"""The site's figures are written as the rule in ``site.text`` says, however fast it is written:
the formatting functions against the plain rule they replace, over many kinds of values, and
a page's written figures (``PageContext``, once per value) against writing each afresh."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from kuntatalous.site.marts import Page, SiteData
from kuntatalous.site.model import PageContext
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


def written_afresh(kind: str, value: Decimal | int, language: Language) -> str:
    if kind == "eur":
        return plain_format_number(value, language) + NBSP + "€"
    if kind == "pct":
        return plain_format_number(value, language, 2) + NBSP + "%"
    return plain_format_value(Decimal(value), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_writes_each_figure_as_if_it_were_its_first(language: Language) -> None:
    """The figures a page has written are reused by exact value: the same number written
    otherwise (``1.5``, ``1.50``), or as another kind (euros, per cent, as stored), is its own."""
    page = Page("Testi", 2025, "testi-2025", [])
    ctx = PageContext(page, SiteData([page], {}, {}, [], False), language, frozenset())
    decimals = [value for value in VALUES if isinstance(value, Decimal)]
    figures: list[tuple[str, Decimal | int]] = [
        *((kind, value) for value in decimals for kind in ("eur", "pct", "plain")),
        *(("plain", value) for value in (0, -1, 1234567, 2025)),
    ]
    for _ in range(2):  # the second time round, every figure has been written before
        for kind, value in [*figures, *reversed(figures)]:
            written = (
                ctx.plain(value, "col") if kind == "plain" or type(value) is int else getattr(ctx, kind)(value, "col")
            )
            expected = written_afresh(kind, value, language)
            assert (written.text, written.value, written.column) == (expected, str(value), "col"), (kind, value)
    for empty in (ctx.eur(None, "col"), ctx.pct(None, "col"), ctx.plain(None, "col")):
        assert (empty.text, empty.value, empty.numeric) == ("", None, True)
