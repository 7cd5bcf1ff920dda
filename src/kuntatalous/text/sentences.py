"""A line of prose split into its sentences.

A sentence ends at a full stop, ``!`` or ``?`` before a space and a capital letter (an
opening bracket or quote may come between), and at a semicolon before a space: its clauses
are read as sentences too. What only looks like an end does not break one: a date or a
number (``1.1.-31.12.2025``, ``6.850.437``: no space follows), a unit or an amount after the
stop (``milj. €``, ``n. 5 %``: no capital follows), a one-letter abbreviation or an initial
(``n.``, ``s.``, ``A. Virtanen``) and the abbreviations of ``ABBREVIATIONS`` (``esim.``,
``mm.``, Swedish ``bl.a.``) however the word after them begins.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?;][)\]\"'\u201d\u00bb]*\s+")
"""A mark that may end a sentence, closing brackets or quotes after it, and the space after."""
_OPENING = "([\"'\u201c\u201d\u00ab"
"""What may stand before the first letter of a sentence."""
ABBREVIATIONS = frozenset(
    {"esim", "mm", "ns", "nk", "ks", "vrt", "ml", "ts", "so", "yht", "milj", "mrd", "tuh", "kpl", "klo", "puh"}
    | {"ko", "os", "ed", "sis", "alk"}
    | {"bl.a", "t.ex", "s.k", "dvs", "ca", "inkl", "exkl", "resp", "jfr", "t.o.m", "fr.o.m"}
)
"""Abbreviations before which a sentence goes on whatever follows them (``esim. Kuopio``,
``mm. Tekninen lautakunta``), without their full stop, case aside. Not ``ym.``, ``yms.``,
``jne.``: a list ending in one often ends its sentence too."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in their order, each with its closing mark and without the
    spaces around it; none of an empty text.

    >>> sentences("Rovaniemen Vesi on liikelaitos. Luvut ovat tuhansia euroja.")
    ['Rovaniemen Vesi on liikelaitos.', 'Luvut ovat tuhansia euroja.']
    >>> sentences("Kausi 1.1.-31.12.2025, n. 5 % ja 1,2 milj. € esim. Kuopiossa.")
    ['Kausi 1.1.-31.12.2025, n. 5 % ja 1,2 milj. € esim. Kuopiossa.']
    """
    found: list[str] = []
    start = 0
    for end in _END.finditer(text):
        if _ends_sentence(text, end.start(), end.end()):
            found.append(text[start : end.end()].strip())
            start = end.end()
    last = text[start:].strip()
    return [*found, last] if last else found


def _ends_sentence(text: str, mark: int, following: int) -> bool:
    """Whether the mark at ``mark`` ends a sentence, the next one beginning at ``following``."""
    if text[mark] == ";":
        return True
    first = text[following:].lstrip(_OPENING)[:1]
    if not first.isupper():
        return False
    if text[mark] != ".":
        return True
    words = text[:mark].split()
    word = words[-1].lstrip(_OPENING).casefold() if words else ""
    return not (len(word) == 1 and word.isalpha()) and word not in ABBREVIATIONS
