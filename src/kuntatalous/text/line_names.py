"""The chart's line names in Finnish and Swedish, to read a row label that prints both.

A bilingual report prints a line's Finnish and Swedish names in one label, split by a spaced
dash or slash, in either order (``Toimintakate - Verksamhetsbidrag``, ``Verksamhetsintäkter /
Toimintatuotot``). Such a label is the line both halves name where one half is one of the line's
Finnish names and the other one of its Swedish names: the chart's
(``seeds/reference/ref_line_items.csv``, ``line_item_name`` and ``line_item_name_sv``), the State
Treasury's labels for it (``ref_ktas_income_statement_labels.csv``, ``label_fi`` and
``label_sv``: ``Toimintatulot``, ``Verksamhetsintäkter``) and its further names
(``ref_line_item_names.csv`` by ``language``), as the warehouse reads them
(``int_line_item_names``), compared as its ``normalise_name`` compares them (``name_key``). It
reads as its Finnish half. A label whose dash or slash is part of its name (``Rahoitustuotot ja
-kulut``, ``Tilikauden ylijäämä (+) / alijäämä (-)``) names no such pair and stays as printed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kuntatalous.text.municipality import default_seed

CHART_SEEDS = ("ref_line_items.csv", "ref_line_item_names.csv", "ref_ktas_income_statement_labels.csv")
"""The reference seeds (beside the municipalities') whose line names are read here: the
extraction depends on them (``municipality.reference_digest``)."""
HALVES = re.compile(r"\s+[-\u2013\u2014]\s+|\s+/\s+")
"""Between a label's Finnish and Swedish halves: a dash (hyphen, en or em dash) or a slash with
a space either side."""
_DASHES = str.maketrans("\u2013\u2014\u2212", "---")


def finnish_half(label: str) -> str:
    """``label`` as the line it names: its Finnish half where it prints a line's Finnish and
    Swedish names split by a spaced dash or slash (either first), else ``label`` as it is."""
    if HALVES.search(label) is None:
        return label
    finnish, swedish = chart_names()
    for first, second in halves(label):
        if finnish.get(name_key(first), set()) & swedish.get(name_key(second), set()):
            return first
        if swedish.get(name_key(first), set()) & finnish.get(name_key(second), set()):
            return second
    return label


def halves(label: str) -> Iterator[tuple[str, str]]:
    """Each way ``label`` splits in two at a spaced dash or slash (``HALVES``): the text before
    it and the text after it."""
    for split in HALVES.finditer(label):
        yield label[: split.start()], label[split.end() :]


@cache
def chart_names(folder: Path | None = None) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The lines of each name key (``name_key``), in Finnish and in Swedish, from the chart's
    seeds in ``folder`` (by default the committed reference seeds)."""
    where = folder or default_seed().parent
    names: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    chart, further, treasury = (where / seed for seed in CHART_SEEDS)
    for row in _rows(chart):
        _add(names, row["line_item_id"], row["line_item_name"], row["line_item_name_sv"])
    for row in _rows(treasury):
        _add(names, row["line_item_id"], row["label_fi"], row["label_sv"])
    for row in _rows(further):
        finnish, swedish = (row["name_printed"] if row["language"] == language else "" for language in ("fi", "sv"))
        _add(names, row["line_item_id"], finnish, swedish)
    return names


def _rows(seed: Path) -> list[dict[str, str]]:
    with seed.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def _add(names: tuple[dict[str, set[str]], dict[str, set[str]]], line_item_id: str, *printed: str) -> None:
    """Add the line's Finnish and Swedish names (an empty one left out)."""
    for language, name in zip(names, printed, strict=True):
        if name:
            language.setdefault(name_key(name), set()).add(line_item_id)


def name_key(name: str) -> str:
    """A name's match key, as ``macros/normalise_name.sql`` makes it (a test holds the two
    equal): any case, spaces collapsed, an en or em dash or a minus sign read as the hyphen."""
    return " ".join(name.split()).translate(_DASHES).lower()
