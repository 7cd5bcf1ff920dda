"""What a report says about itself: section title, statement year (its municipality: municipality.py)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kuntatalous.errors import ExtractionError
from kuntatalous.text.municipality import numbered_title_lines

_STATEMENT_YEAR = re.compile(r"\bTILINPÄÄTÖS\W{0,3}((?:19|20)\d{2})\b", re.IGNORECASE)


def document_id(sha256: str) -> str:
    """A stable document id: the first 16 hex digits of the file's SHA-256."""
    return sha256[:16]


def title_lines(lines: list[str]) -> list[str]:
    """The text lines of the title page: everything before the first markdown heading."""
    return [text for _, text in numbered_title_lines(lines)]


def section_title(lines: list[str]) -> str | None:
    """The section's title: the last line of the title page."""
    found = title_lines(lines)
    return found[-1] if found else None


def statement_year(lines: list[str]) -> int | None:
    """The year in a title such as ``TILINPÄÄTÖS 2025``, if the title page prints one."""
    match = _STATEMENT_YEAR.search("\n".join(title_lines(lines)))
    return int(match[1]) if match else None


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
