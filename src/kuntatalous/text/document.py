"""What a report says about itself: section title, statement year (its municipality: municipality.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

from kuntatalous.errors import ExtractionError
from kuntatalous.text.layout import heading_text
from kuntatalous.text.line_names import HALVES
from kuntatalous.text.municipality import (
    ORGANISATION_GENITIVES,
    ORGANISATION_WORDS,
    names_only_an_organisation,
    numbered_title_lines,
)

_ISSUER = (
    rf"(?:(?:[^\W\d_][\w.'-]*\s+){{1,4}}(?:{'|'.join(ORGANISATION_GENITIVES)})\s+"
    rf"|[^\W\d_][^\d\t]{{0,60}}?\b(?:{'|'.join(ORGANISATION_WORDS)})"
    r"(?:\s*[\u2013\u2014]\s*|\s+-\s+|:\s*|\s+))"
)
"""Who a title names before the statement: a municipality in the genitive (``Oovalan kunnan``,
``Korsholms kommuns``) or an organisation (``… kunta``, ``… kaupunki``, ``… stad``), set off by a
colon, a dash, en or em dash (``Vaalan kunta -``) or a space alone (``Vaalan kunta Tilinpäätös``);
not any text (``Vertailutiedot: …``), nor a word that only ends so (``Sivistyslautakunta``)."""
_ANNUAL_REPORT_AND = r"(?:toimintakertomus\s+ja|verksamhetsberättelse\s+och)\s+"
"""The annual report the statement is bound with, named first (``TOIMINTAKERTOMUS JA TILINPÄÄTÖS``)."""
_YEAR_END = r"(?:31\.\s?12\.\s?)?"
"""The statement's date, the close of the year (``TILINPÄÄTÖS 31.12.2025``); no other date."""
STATEMENT_TITLE = re.compile(
    rf"^(?:#+\s*)?{_ISSUER}?(?:{_ANNUAL_REPORT_AND})?(?:tilinpäätös|bokslut|årsbokslut)\b"
    rf"[^\d\t]{{0,60}}?\s{_YEAR_END}((?:19|20)\d{{2}})\s*$",
    re.IGNORECASE,
)
"""A title naming the statement and its year (``TILINPÄÄTÖS 2025``, ``Vaalan kunta - Tilinpäätös
2025``, ``TOIMINTAKERTOMUS JA TILINPÄÄTÖS 2025``, ``TILINPÄÄTÖS 31.12.2025``), perhaps after who
issues it; the year is its group 1."""


def document_id(sha256: str) -> str:
    """A stable document id: the first 16 hex digits of the file's SHA-256."""
    return sha256[:16]


def title_lines(lines: Sequence[str]) -> list[str]:
    """The text lines of the title page: everything before the first markdown heading."""
    return [text for _, text in numbered_title_lines(lines)]


_SHARED_CHAPTER = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:talousarvion\s+toteutuminen|talousarvion\s+toteutumisvertailu"
    r"|käyttötalou(?:den|sosan)\s+toteutuminen|käyttötalous(?:osa)?|budgetens\s+utfall|driftsekonomins\s+utfall"
    r"|driftsekonomi(?:del(?:en)?)?|driftsekonomidelens\s+utfall)$",
    re.IGNORECASE,
)
"""The statement's chapter of budget execution (``3 TALOUSARVION TOTEUTUMINEN``, ``Käyttötalous``,
Swedish ``Budgetens utfall``, ``Driftsekonomi``), which every section cut from one statement
opens with alike."""


def section_title(lines: Sequence[str]) -> str | None:
    """The section's title: the last line of the title page, else the first heading after it
    (``## Sivistyslautakunta``), that names neither the statement (``TILINPÄÄTÖS 2025``) nor only
    its municipality (``KUUSIVAARAN KUNTA``) nor its chapter of budget execution (``#
    3 TALOUSARVION TOTEUTUMINEN``), which every section of a statement prints alike."""
    headings = (heading_text(line) for line in lines)
    texts = chain(reversed(title_lines(lines)), (heading for heading in headings if heading is not None))
    return next((text for text in texts if _may_title_a_section(text)), None)


def _may_title_a_section(text: str) -> bool:
    """Not the statement, its municipality or its shared chapter (``section_title``), nor a line
    dating the statement's approval (``Kunnanhallitus 24.3.2026``)."""
    return not names_the_statement(text) and not _SHARED_CHAPTER.match(text) and not _DATED.search(text)


_DATED = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}$")
"""A line ending in a date (``Kunnanhallitus 24.3.2026``): when and by whom the statement was
approved, on its title page."""


def names_the_statement(text: str) -> bool:
    """Whether a title or heading names only the statement (``TILINPÄÄTÖS 2025``, ``Vaalan kunta -
    Tilinpäätös 2025``) or only the municipality (``KUUSIVAARAN KUNTA``): no section nor unit;
    in either language or both, split by a spaced dash or slash (``TILINPÄÄTÖS 2025 - BOKSLUT
    2025``, ``VAASAN KAUPUNKI - VASA STAD``)."""
    if _names_only_the_statement(text):
        return True
    halves = HALVES.split(text)
    return len(halves) > 1 and all(_names_only_the_statement(half) for half in halves)


def _names_only_the_statement(text: str) -> bool:
    return STATEMENT_TITLE.match(text) is not None or names_only_an_organisation(text)


def read_manifest(path: Path) -> dict[str, str]:
    """Read ``file,municipality`` rows from a reports folder's manifest."""
    mapping: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ExtractionError(path.name, None, "manifest is not UTF-8 text") from None
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or not {"file", "municipality"} <= set(reader.fieldnames):
        raise ExtractionError(path.name, 1, "manifest needs the columns 'file' and 'municipality'")
    for number, row in enumerate(reader, start=2):
        file, municipality = (row["file"] or "").strip(), (row["municipality"] or "").strip()
        if not file or not municipality:
            raise ExtractionError(path.name, number, "manifest row needs both a file and a municipality")
        if file in mapping and mapping[file] != municipality:
            raise ExtractionError(path.name, number, f"manifest names two municipalities for '{file}'")
        mapping[file] = municipality
    return mapping
