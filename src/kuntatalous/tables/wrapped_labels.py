"""A budget table's row label wrapped onto a second line.

A report converted from PDF may print a long row label over two lines: its first words alone on
a line, no cells (``Aineet, tarvikkeet ja``), then the rest of it with the row's figures
(``tavarat | -3 120 400 | …``). The two lines are one row where the first cannot end a label (it
ends on a conjunction, ``ja``, ``sekä``, ``tai``, ``och``, ``samt``, ``eller``, a comma or a
hyphen) and the label below goes on with it (it starts in lower case: ``tavarat``, ``-kulut``);
whether that row is one of the table's the table tells (:mod:`kuntatalous.tables.page_breaks`).

A caption (``TOIMINTATUOTOT``, ``Toiminnan rahavirta`` over ``Vuosikate``) ends on a name and
the rows under it start with one, so it stays a caption. A label wrapped after any other word
(``Pysyvien vastaavien hyödykkeiden`` over ``luovutustulot``) cannot be told from a line's name
over a row of its own (``Toimintatuotot`` over ``ulkoiset``): it still ends the table.
"""

from __future__ import annotations

import re

from kuntatalous.text.cells import strip_markup
from kuntatalous.text.layout import heading_text

_CONJUNCTIONS = ("ja", "sekä", "tai", "och", "samt", "eller")
_CANNOT_END = re.compile(rf"(?:[,-]|\s(?:{'|'.join(_CONJUNCTIONS)}))$", re.IGNORECASE)
"""The end of a label's first line that no label ends on: a conjunction, a comma or a hyphen."""
_GOES_ON = re.compile(r"^-?[^\W\d_]")
"""The start of a label that may go on from the line above (its letter in lower case, a hyphen
perhaps before it: ``tavarat``, ``-kulut`` under ``Rahoitustuotot ja``)."""


def wraps_onto(line: str, label: str) -> bool:
    """Whether the text ``line`` (no cells) is the first line of the row label ``label`` printed
    below it: it cannot end a label, no heading, and ``label`` goes on with it."""
    text, below = strip_markup(line), strip_markup(label)
    goes_on = _GOES_ON.match(below) is not None and below.lstrip("-")[:1].islower()
    return goes_on and _CANNOT_END.search(text) is not None and heading_text(line) is None


def joined_label(line: str, label: str) -> str:
    """A label's two lines as one: a space between, or none where the first ends on a hyphen
    breaking a word (``terveys-`` over ``palvelut``), the hyphen left out; one before a conjunction
    stays (``Sosiaali-`` over ``ja terveyspalvelut``)."""
    first, rest = line.strip(), label.strip()
    if first.endswith("-") and strip_markup(rest).split(" ", 1)[0].lower() not in _CONJUNCTIONS:
        return first.removesuffix("-") + rest
    return f"{first} {rest}"
