"""The site's own escaping writes what ``markupsafe.escape`` writes, for every kind of value."""

from __future__ import annotations

from decimal import Decimal

import markupsafe
import pytest

from kuntatalous.site.markup import escape


@pytest.mark.parametrize(
    "value",
    [
        "Toimintakate",
        "Tulot & menot <2025> \"painettu\" 'arvio'",
        "&amp; already escaped",
        "",
        "\u221213 963 200 \u20ac",
        Decimal("-13963200.00"),
        99.2,
        2025,
        None,
        markupsafe.Markup("<b>kept</b>"),
    ],
)
def test_escape_writes_what_markupsafe_writes(value: object) -> None:
    assert escape(value) == str(markupsafe.escape(value))
