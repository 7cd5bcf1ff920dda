"""The chart's line names in Finnish and Swedish, to read a row label that prints both.

A bilingual report prints a line's Finnish and Swedish names in one label, split by a spaced
dash or slash (``Toimintakate - Verksamhetsbidrag``, ``Toimintatuotot / Verksamhetens
intäkter``). Such a label is the line both halves name where the first half is one of the
line's Finnish names and the second one of its Swedish names: the chart's
(``seeds/reference/ref_line_items.csv``, ``line_item_name`` and ``line_item_name_sv``) and its
further names (``ref_line_item_names.csv`` by ``language``), compared as the warehouse's
``normalise_name`` compares them (any case, spaces collapsed, an en or em dash or a minus sign
read as the hyphen). It reads as its Finnish half. A label whose dash or slash is part of its
name (``Rahoitustuotot ja -kulut``, ``Tilikauden ylijäämä (+) / alijäämä (-)``) names no such
pair and stays as printed.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from kuntatalous.text.municipality import default_seed

CHART_SEEDS = ("ref_line_items.csv", "ref_line_item_names.csv")
"""The reference seeds (beside the municipalities') whose line names are read here: the
extraction depends on them (``municipality.reference_digest``)."""
_SEPARATOR = re.compile(r"\s+[-\u2013\u2014]\s+|\s+/\s+")
"""Between a label's Finnish and Swedish halves: a dash (hyphen, en or em dash) or a slash with
a space either side."""
_DASHES = str.maketrans("\u2013\u2014\u2212", "---")


def finnish_half(label: str) -> str:
    """``label`` as the line it names: its Finnish half where it prints a line's Finnish and
    Swedish names split by a spaced dash or slash, else ``label`` as it is."""
    if _SEPARATOR.search(label) is None:
        return label
    finnish, swedish = chart_names()
    for split in _SEPARATOR.finditer(label):
        first, second = label[: split.start()], label[split.end() :]
        if finnish.get(name_key(first), set()) & swedish.get(name_key(second), set()):
            return first
    return label


@cache
def chart_names(folder: Path | None = None) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The lines of each name key (``name_key``), in Finnish and in Swedish, from the chart's seeds in
    ``folder`` (by default the committed reference seeds)."""
    where = folder or default_seed().parent
    names: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    with (where / CHART_SEEDS[0]).open(encoding="utf-8", newline="") as chart:
        for row in csv.DictReader(chart):
            names[0].setdefault(name_key(row["line_item_name"]), set()).add(row["line_item_id"])
            names[1].setdefault(name_key(row["line_item_name_sv"]), set()).add(row["line_item_id"])
    with (where / CHART_SEEDS[1]).open(encoding="utf-8", newline="") as further:
        for row in csv.DictReader(further):
            language = {"fi": names[0], "sv": names[1]}.get(row["language"])
            if language is not None:
                language.setdefault(name_key(row["name_printed"]), set()).add(row["line_item_id"])
    return names


def name_key(name: str) -> str:
    """A name's match key, as ``macros/normalise_name.sql`` makes it (a test holds the two
    equal): any case, spaces collapsed, an en or em dash or a minus sign read as the hyphen."""
    return " ".join(name.split()).translate(_DASHES).lower()
