"""A heading's level, which the organisation tree reads: `#` count, or a bold caption below all."""

from __future__ import annotations

import pytest

from kuntatalous.text.layout import (
    BOLD_CAPTION_LEVEL,
    enclosing_headings,
    find_layout,
    heading_level,
    heading_text,
    outranking_heading,
)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("## Yhteiset palvelut", 2),
        ("### Henkilöstöpalvelut", 3),
        ("## **TOTEUTUMINEN 2025**", 2),
        ("**Vaalit**", BOLD_CAPTION_LEVEL),
        ("**Virikkeellinen elämä** palvelualue muodostuu kirjasto-, liikunta-", None),
        ("Vaalit", None),
        ("**", None),
    ],
)
def test_a_heading_lines_level(line: str, level: int | None) -> None:
    assert heading_level(line) == level


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## 3.2.1 Rakennuslautakunta", "Rakennuslautakunta"),
        ("# 4. Investoinnit", "Investoinnit"),
        ("**10.1. Sivistyslautakunta**", "Sivistyslautakunta"),
        # A year or a bare number is no chapter number; nor is a number that is the text.
        ("## 2025 talousarvion toteutuminen", "2025 talousarvion toteutuminen"),
        ("## 3 Rakennuslautakunta", "3 Rakennuslautakunta"),
        ("## 3.2", "3.2"),
        ("## 1.1.2025 alkaen", "1.1.2025 alkaen"),
        ("**10. MAALISKUUTA 2026**", "10. MAALISKUUTA 2026"),
        # Ordinals and dates before a word in lower case are the text's own.
        ("## 2. asteen koulutus", "2. asteen koulutus"),
        ("## 1. lisätalousarvio", "1. lisätalousarvio"),
        ("**1. vaihe**", "1. vaihe"),
        ("## 31.12. mennessä", "31.12. mennessä"),
    ],
)
def test_a_heading_s_text_leaves_out_its_chapter_number(line: str, text: str) -> None:
    assert heading_text(line) == text


def test_each_table_carries_the_level_of_the_heading_above_it() -> None:
    lines = [
        "## Yhteiset palvelut",
        "",
        "Yhteiset palvelut Selite\tTA 2025",
        "Toimintakulut\t-1",
        "",
        "**Vaalit**",
        "",
        "Vaalit Selite\tTA 2025",
        "Toimintakulut\t-1",
        "",
        "Tekstiä ilman otsikkoa.",
        "",
        "Muu Selite\tTA 2025",
        "Toimintakulut\t-1",
    ]
    tables = find_layout(lines).tables
    assert [(table.heading, table.heading_level) for table in tables] == [
        ("Yhteiset palvelut", 2),
        ("Vaalit", BOLD_CAPTION_LEVEL),
        ("Vaalit", BOLD_CAPTION_LEVEL),
    ]
    # Tampered: the bold caption printed as `##`, the level of the top unit's.
    tampered = find_layout([line.replace("**Vaalit**", "## Vaalit") for line in lines]).tables
    assert tampered[1].heading_level == 2


def test_the_headings_a_line_stands_under_nearest_first() -> None:
    lines = [
        "# Tilinpäätös",  # 0
        "## Käyttötalous",  # 1
        "## Investoinnit",  # 2
        "### Tekninen lautakunta",  # 3
        "**Talonrakennus**",  # 4
        "**Maanrakennus**",  # 5
        "Tekninen lautakunta maanrakennus\tTA 2025",  # 6: line 7
    ]
    # Read by hand: the caption right above, then each heading of a higher rank above it.
    assert list(enclosing_headings(lines, 7)) == [5, 3, 2, 0]


def test_each_reports_headings_are_its_own_when_reports_alternate() -> None:
    """The headings of the report last asked about are remembered: another report's lines, or a
    report of as many lines, are read afresh (a stale answer would name the other's headings)."""
    first = ["# Tilinpäätös", "## Käyttötalous", "Toimintatuotot\t1"]
    second = ["Johdanto", "### Investoinnit", "Netto\t1"]
    for _ in range(2):
        # Read by hand: line 3 of the first stands under lines 1 and 0; of the second, under line 1.
        assert list(enclosing_headings(first, 3)) == [1, 0]
        assert list(enclosing_headings(second, 3)) == [1]
        assert list(enclosing_headings(second, 1)) == []


OUTRANKED = ["## Hyvinvointipalvelut", "### Hallinto", "**Vaalit**", "## Tunnusluvut", "### Kirjasto", "# Liitteet"]
"""Headings one after another: a bold caption is outranked by any `#` heading after it, a `###` by
a `##` or `#`, a `##` by a `#` alone; one of its own rank does not outrank it."""


@pytest.mark.parametrize(("index", "outranking"), [(0, 5), (1, 3), (2, 3), (3, 5), (4, 5), (5, None)])
def test_the_first_heading_after_one_that_ranks_above_it(index: int, outranking: int | None) -> None:
    assert outranking_heading(OUTRANKED, index) == outranking
