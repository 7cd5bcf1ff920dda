"""The words that name a unit's level, and a unit's name printed in Finnish and Swedish.

A unit's printed name ends in a word of its level (``Tarkastuslautakunta``, ``Kaupunginhallitus``,
Swedish ``Tekniska nämnden``, ``Stadsstyrelsen``): ``UNIT_WORDS``, in each language, as
``seeds/reference/ref_unit_level_words.csv`` lists them (a test holds the two equal). A bilingual
municipality prints a unit's name in both languages, split by a spaced dash or slash
(``Kaupunginhallitus / Stadsstyrelsen``, ``Tekninen lautakunta - Tekniska nämnden``): that unit
is the one its Finnish half names, whichever half comes first, so that a report printing the
Finnish name alone names the same unit.
"""

from __future__ import annotations

from kuntatalous.text.line_names import halves

UNIT_WORDS: dict[str, str] = {
    "palvelualue": "fi",
    "toimiala": "fi",
    "lautakunta": "fi",
    "vastuualue": "fi",
    "tulosalue": "fi",
    "tulosyksikkö": "fi",
    "vastuuyksikkö": "fi",
    "hallitus": "fi",
    "nämnd": "sv",
    "serviceområde": "sv",
    "ansvarsområde": "sv",
    "resultatområde": "sv",
    "resultatenhet": "sv",
    "ansvarsenhet": "sv",
    "sektor": "sv",
    "styrelse": "sv",
}
"""Each word that names a unit's level, with its language (``ref_unit_level_words.csv``):
a Swedish word is found in its definite form too (``nämnden``, ``styrelsen``)."""


def finnish_unit_half(label: str) -> str:
    """``label`` as the unit it names: its Finnish half where one half names a unit by a
    Finnish level word and the other by a Swedish one, else ``label`` as it is."""
    for first, second in halves(label):
        languages = (level_language(first), level_language(second))
        if languages == ("fi", "sv"):
            return first
        if languages == ("sv", "fi"):
            return second
    return label


def level_language(name: str) -> str | None:
    """The language of the level word a unit's name ends in (its last word holds it), if any."""
    words = name.lower().split()
    last = words[-1] if words else ""
    return next((language for word, language in UNIT_WORDS.items() if word in last), None)
