"""A heading's level, which the organisation tree reads: `#` count, or a bold caption below all."""

from __future__ import annotations

import pytest

from kuntatalous.text.layout import BOLD_CAPTION_LEVEL, find_layout, heading_level


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
