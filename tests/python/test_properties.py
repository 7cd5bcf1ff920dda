"""Property-based tests: the number parser on every Finnish-formatted amount and on malformed
ones; the extractor on arbitrary text and on damaged copies of the committed reports."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuntatalous.errors import ExtractionError
from kuntatalous.text.numbers import NumberFormatError, decimal_places, parse_amount, parse_percent, strip_markup
from kuntatalous.text.reading import name_order, report_from_bytes

from .robustness import Mutation, check_extraction, mutate
from .warehouse_builds import HY, YP, committed_report

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPACES = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"])
MINUSES = st.sampled_from(["-", "\u2212", "\u2013", "- ", "\u2212 "])


WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())


@given(st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "1", "*", "-", "\u00e4", ">"]), max_size=30))
@FAST
def test_a_cells_whitespace_collapses_as_the_regular_expressions_whitespace(cell: str) -> None:
    """strip_markup splits on ``str.split``'s whitespace: the same as ``\\s`` and the printed spaces."""
    expected = re.sub(r"[\s\u00a0\u202f\u2009]+", " ", cell.replace("**", "")).strip()
    assert strip_markup(cell) == expected
    assert strip_markup(f"<b>{cell}</b>") == expected, "a tag is a space"


@st.composite
def finnish_amounts(draw: st.DrawFn) -> tuple[Decimal, int, str]:
    """A value, its printed decimals and the value printed as the statements print it."""
    units = draw(st.integers(min_value=0, max_value=10**15))
    places = draw(st.integers(min_value=0, max_value=3))
    negative = draw(st.booleans())
    digits = str(units).rjust(places + 1, "0")
    whole, fraction = digits[: len(digits) - places], digits[len(digits) - places :]
    if draw(st.booleans()):
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = draw(SPACES).join([whole, *groups])
    text = whole + ("," + fraction if places else "")
    if negative:
        text = draw(MINUSES) + text
    if draw(st.booleans()):
        text += draw(SPACES) + "\u20ac"
    if draw(st.booleans()):
        text = f"<b>{text}</b>"
    value = Decimal(f"{'-' if negative else ''}{digits[: len(digits) - places]}.{fraction or '0'}")
    return value.quantize(Decimal(1).scaleb(-places)), places, draw(st.sampled_from(["", " ", "  "])) + text


@given(finnish_amounts())
@FAST
def test_every_finnish_amount_reads_back_exactly(amount: tuple[Decimal, int, str]) -> None:
    value, places, text = amount
    parsed = parse_amount(text)
    assert parsed == value
    assert parsed is not None
    assert decimal_places(parsed) == places


@given(st.integers(min_value=-(10**30), max_value=10**30), st.integers(min_value=-30, max_value=10))
@FAST
def test_decimal_places_is_the_exponent_whatever_the_decimal_writes(digits: int, exponent: int) -> None:
    """``decimal_places`` reads the digits after the point of a plain decimal's text, and the
    exponent of one written with an exponent (``1E-7``, ``1.5E+3``): both are the exponent."""
    value = Decimal(digits).scaleb(exponent)
    expected = value.as_tuple().exponent
    assert isinstance(expected, int)
    assert decimal_places(value) == max(0, -expected)


def _insert(text: str, position: int, extra: str) -> str:
    position %= len(text) + 1
    return text[:position] + extra + text[position:]


@st.composite
def malformed_amounts(draw: st.DrawFn) -> str:
    """A printed amount damaged the ways converters damage them: a letter among the digits
    (``1 2O3``), a second decimal comma (``12,3,4``), a stray percent sign, a thousands group
    of the wrong length, a doubled or lone minus."""
    _, _, text = draw(finnish_amounts())
    core = text.strip().removeprefix("<b>").removesuffix("</b>").removesuffix("\u20ac").strip()
    damage = draw(st.sampled_from(["letter", "comma", "percent", "group", "minus", "lone minus"]))
    if damage == "letter":
        letter = draw(st.sampled_from("OolISBabcxyzäöÅ"))
        return _insert(core, draw(st.integers(min_value=0)), letter)
    if damage == "comma":
        return core + ("," if "," in core else ",1,") + draw(st.from_regex(r"\d{1,3}", fullmatch=True))
    if damage == "percent":
        return core + draw(st.sampled_from(["%", " %", "\u00a0%"]))
    if damage == "group":
        head = draw(st.from_regex(r"[1-9]\d{0,2}", fullmatch=True))
        bad = draw(st.sampled_from(["1", "12", "1234", "12345"]))
        return f"{head} {bad}"
    if damage == "minus":
        return "--" + core.lstrip("-\u2212\u2013 ")
    return draw(MINUSES).strip()


@given(malformed_amounts())
@FAST
def test_every_malformed_amount_is_rejected(text: str) -> None:
    with pytest.raises(NumberFormatError, match="cannot read"):
        parse_amount(text)
    if not text.rstrip().endswith("%"):  # a percent sign is what a percentage ends with
        with pytest.raises(NumberFormatError, match="cannot read"):
            parse_percent(text)


REPORT_WORDS = [
    "Selite",
    "Tilinpäätös 2024",
    "Talousarvio 2025",
    "Toteuma 2025",
    "Toteuma 1- 12",
    "TA 2025",
    "TP2024",
    "Poikkeama",
    "Toteuma %",
    "<b>Toimintakate</b>",
    "Netto",
    "Tunnusluku",
    "Toteutuma 2024",
    "Tavoite 2025",
    "Hankkeen nimi",
    "Kokonais-rahoitus",
    "Kaupungin rahoitus-osuus %",
    "Menojen toteuma %",
    "Yhteensä",
    "Strateginen päämäärä",
    "Palvelualueen tavoite 2025",
    "Mittari ja tavoitetaso",
    "Tila",
    "Toteutuu osittain",
    "Riskiluokka",
    "Tunnistettu riski",
    "Riski-arvo",
    "<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b>",
    "## INVESTOINNIT",
    "Heinolan kaupungin",
    "TILINPÄÄTÖS 2025",
    "• vaka",
    "hyte: 19 432",
    "1 120 517",
    "- 382 928",
    "138,71",
    "12 %",
    "",
]
CELLS = st.one_of(st.sampled_from(REPORT_WORDS), st.text(max_size=12))
LINES = st.one_of(
    st.lists(CELLS, min_size=2, max_size=8).map("\t".join),
    st.sampled_from(REPORT_WORDS),
    st.text(max_size=40),
)


@given(st.lists(LINES, max_size=40).map("\n".join))
@FAST
def test_extractor_raises_only_its_own_error_on_arbitrary_text(text: str) -> None:
    check_extraction(text)


@given(st.binary(max_size=400))
@FAST
def test_reading_raises_only_its_own_error_on_arbitrary_bytes(data: bytes) -> None:
    try:
        report = report_from_bytes(data, "bytes.txt")
    except ExtractionError:
        return
    check_extraction(report.text)


MUTATIONS = st.lists(
    st.builds(
        Mutation,
        kind=st.sampled_from(["delete", "duplicate", "swap", "flip"]),
        index=st.integers(min_value=0, max_value=10_000),
        other=st.integers(min_value=0, max_value=10_000),
        position=st.integers(min_value=0, max_value=10_000),
        char=st.sampled_from(["O", "l", "0", "9", ",", "%", "\t", "<", "-", " ", "", "ä", "\n"]),
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("name", [YP, HY])
@given(mutations=MUTATIONS)
@FAST
def test_extractor_raises_only_its_own_error_on_damaged_reports(name: str, mutations: list[Mutation]) -> None:
    lines = committed_report(name).split("\n")
    check_extraction("\n".join(mutate(lines, mutations)))


PATH_PARTS = st.lists(st.sampled_from(["a", "a-b", "a.b", "A", "b", "ä", "a b", "0"]), min_size=1, max_size=3)


@given(st.lists(PATH_PARTS, max_size=12))
def test_name_order_is_the_order_of_the_paths_themselves(parts: list[list[str]]) -> None:
    # Folders and names that sort differently as text ("a-b" < "a/b" as text, not as paths).
    names = ["/".join(part) for part in parts]
    assert [Path("/reports", name) for name in sorted(names, key=name_order)] == sorted(
        Path("/reports", name) for name in names
    )
