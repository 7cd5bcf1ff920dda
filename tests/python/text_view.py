"""Records as the raw CSVs print them, for tests that compare a parser's output with the text."""

from __future__ import annotations

from kuntatalous.output.records import RawTable, Record
from kuntatalous.output.seeds import format_value


def as_text(table: RawTable, records: list[Record]) -> list[dict[str, str]]:
    """Each record's fields (the provenance may be absent) formatted as the CSV writer does."""
    fields = {field.name: field for field in table.fields}
    return [{name: format_value(table, fields[name], value) for name, value in record.items()} for record in records]
