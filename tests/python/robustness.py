"""Helpers for the robustness tests: damage report text and check what the extractor makes of it."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import Extraction, extract_file
from kuntatalous.output.seeds import tables_of, text_row
from kuntatalous.text.reading import ReportFile

from .accounting import account

SOURCE = "damaged.txt"


@dataclass(frozen=True)
class Mutation:
    """One change to a report's lines: ``delete``, ``duplicate``, ``swap`` (with ``other``) or
    ``flip`` (the character at ``position`` becomes ``char``). Indexes wrap around."""

    kind: str
    index: int
    other: int = 0
    position: int = 0
    char: str = ""


def mutate(lines: list[str], mutations: list[Mutation]) -> list[str]:
    lines = list(lines)
    for mutation in mutations:
        if not lines:
            break
        i = mutation.index % len(lines)
        if mutation.kind == "delete":
            del lines[i]
        elif mutation.kind == "duplicate":
            lines.insert(i, lines[i])
        elif mutation.kind == "swap":
            j = mutation.other % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif lines[i]:
            position = mutation.position % len(lines[i])
            lines[i] = lines[i][:position] + mutation.char + lines[i][position + 1 :]
    return lines


def report_of(text: str) -> ReportFile:
    return ReportFile(source_file=SOURCE, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def check_extraction(text: str) -> None:
    """Strict: the extractor succeeds or raises its own error, nothing else. Keep-going: it
    never raises, and every printed figure is in the records or in the rejects."""
    report = report_of(text)
    with contextlib.suppress(ExtractionError):
        extract_file(report, None)
    kept = extract_file(report, None, keep_going=True)
    unaccounted = account(SOURCE, report.lines, seeds_of(kept))
    assert not unaccounted, f"{', '.join(map(str, unaccounted))}; rejects {kept.rejects}"


def seeds_of(extraction: Extraction) -> dict[str, list[dict[str, str]]]:
    """The records as the accounting reads them from the seed CSVs."""
    return {table.name: [text_row(table, record) for record in rows] for table, rows in tables_of(extraction)}
