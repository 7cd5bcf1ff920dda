"""The interface every text-table parser offers: how to recognise its tables, and how to parse
them into records and rejects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kuntatalous.output.records import RawTable, Record
from kuntatalous.output.rejects import Rejects
from kuntatalous.text.layout import TableBlock


@dataclass(frozen=True)
class Parsed:
    """What a parser read from a report's tables of its kind: records (the declared fields of its
    raw table after the provenance, typed as declared) and warnings. What it could not read went to the rejects."""

    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Parse(Protocol):
    def __call__(
        self,
        blocks: list[TableBlock],
        source: str,
        rejects: Rejects | None = None,
        *,
        statement_year: int | None = None,
        municipality: str | None = None,
    ) -> Parsed:
        """Parse a report's tables of one kind, in document order; what cannot be read goes to
        ``rejects`` (strict when not given). ``statement_year`` is the report's, where it has one:
        a key-figure column headed by a year alone is read by it. ``municipality`` is the
        report's (its Finnish name), where known: a project's funder naming it is the city's
        own share."""


@dataclass(frozen=True)
class TextTableKind:
    """A kind of text table the extractor reads: its name (``raw_report_tables.table_kind``, and
    the ``Extraction`` list its records go to), how messages name it, how its header is
    recognised (from the header's cells, markup removed, lower case), its parser and its raw
    table."""

    kind: str
    label: str
    recognise: Callable[[list[str]], bool]
    parse: Parse
    table: RawTable
