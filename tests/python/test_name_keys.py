"""A printed name's match key is one rule: the extractor's (``text.line_names.name_key``, which
reads a bilingual label against the chart) makes the key the warehouse's ``normalise_name``
macro makes, so that a label the extractor reads as a line's name is the name the warehouse
matches. The macro's expression is run in DuckDB on names printed in the ways reports print them."""

from __future__ import annotations

import csv
import re

import duckdb

from kuntatalous.text.line_names import name_key

from .warehouse_builds import REPO

MACROS = REPO / "macros" / "normalise_name.sql"
_MACRO = re.compile(r"\{% macro normalise_name\(expression\) -%\}(.*?)\{%- endmacro %\}", re.S)

PRINTED = [
    "Toimintakate",
    "  TOIMINTATUOTOT   yhteensä ",
    "Rahoitustuotot ja \u2013kulut",
    "Rahoitustuotot ja \u2014kulut",
    "Tilikauden ylijäämä (+) / alijäämä (\u2212)",
    "Verksamhetens\tintäkter",
    "ÅTERBETALNINGAR - Palautukset",
]
"""Names as the extraction writes them: case, runs of spaces and a tab, dashes, Swedish
letters. A no-break or thin space is not among them: the extraction reads every Unicode space as
a space (``text.cells.strip_markup``) before either rule sees a label, and the chart's names
print none (test below)."""


def sql_keys(macro_text: str, names: list[str]) -> list[str]:
    """The keys of ``names`` by the normalise_name macro in ``macro_text``, run in DuckDB."""
    found = _MACRO.search(macro_text)
    assert found is not None, "macros/normalise_name.sql no longer defines normalise_name(expression)"
    expression = found[1].replace("{{ expression }}", "name").strip()
    con = duckdb.connect()
    rows = con.execute(f"select {expression} from unnest(?) as names(name)", [names]).fetchall()
    return [str(row[0]) for row in rows]


def chart_names() -> list[str]:
    """Every name of a line that the reference seeds print (Finnish, Swedish, further names)."""
    names: list[str] = []
    for seed, columns in (
        ("ref_line_items.csv", ("line_item_name", "line_item_name_sv")),
        ("ref_line_item_names.csv", ("name_printed",)),
    ):
        with (REPO / "seeds" / "reference" / seed).open(encoding="utf-8", newline="") as rows:
            names += [row[column] for row in csv.DictReader(rows) for column in columns if row[column]]
    return names


def test_the_extractor_keys_names_as_the_warehouse_does() -> None:
    names = PRINTED + chart_names()
    assert sql_keys(MACROS.read_text(encoding="utf-8"), names) == [name_key(name) for name in names]


def test_the_charts_names_print_no_space_but_the_space() -> None:
    assert [name for name in chart_names() if re.search(r"[^\S ]", name)] == []


def test_a_rule_the_warehouse_changed_alone_is_told() -> None:
    # The macro without its reading of dashes: an en dash's key differs from the extractor's.
    macros = MACROS.read_text(encoding="utf-8")
    tampered = macros.replace("'\u2013\u2014\u2212', '---'", "'', ''")
    assert tampered != macros
    assert sql_keys(tampered, PRINTED) != [name_key(name) for name in PRINTED]
