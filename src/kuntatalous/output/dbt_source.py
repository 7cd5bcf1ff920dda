"""The dbt source over the raw CSVs, written from the record declarations (``records``).

``scripts/generate_sources.py`` writes it to ``SOURCE_YAML``; a test checks that the committed
file is what this renders, so a field is added in ``records`` only.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Mapping

from kuntatalous.output.records import RAW_TABLES, Field, RawTable

SOURCE_YAML = "models/staging/reports/_reports__sources.yml"

_WIDTH = 120
_FOLD = 96

_HEADER = """\
version: 2

# Generated from src/kuntatalous/output/records.py by scripts/generate_sources.py: edit the
# declarations there, not this file (a test checks that it is current).
#
# The extractor's CSVs. On PostgreSQL (target postgres) they are tables of the raw schema,
# loaded with COPY and typed from the same declarations (kuntatalous.warehouse.postgres). On
# DuckDB they are read by DuckDB's own CSV reader where a staging model selects from them:
# dbt-duckdb renders each table as the read_csv(...) of external_location, formatted with
# the table's meta (str.format_map: {name} is the table's name, {column_types} the
# mapping below it, written as a DuckDB struct). Every column is named and typed here, in
# the order the extractor writes them; nothing is sniffed, so a header-only file gives an
# empty, typed relation. Options as Python's csv module writes: ',' between cells, '"'
# around a cell that holds one (doubled inside), '\\n' after each row. A budget row's amount
# columns carry their role in their meta (`amount`), which macros/budget_amounts.sql reads.
sources:
  - name: reports
    description: >
      The extractor's output (`kuntatalous extract`): one CSV per kind of record, in the folder
      named by KUNTATALOUS_RAW_SEEDS (default `seeds/raw`, the committed reports' extraction;
      relative to the repository root, where dbt runs, or absolute). Do not edit: regenerated
      from the reports by `make build`. Read at build time only: the staging models over them
      are tables.
    schema: >-
      {{ env_var('KUNTATALOUS_PG_RAW_SCHEMA', 'kuntatalous_raw') if target.type == 'postgres' else target.schema }}
    config:
      meta:
        raw_seeds: "{{ env_var('KUNTATALOUS_RAW_SEEDS', 'seeds/raw') | replace(\\"'\\", \\"''\\") }}"
        external_location: >-
          read_csv('{raw_seeds}/{name}.csv', header = true, auto_detect = false, delim = ',',
          quote = '"', escape = '"', new_line = '\\n', columns = {column_types})
    tables:
"""


def render_sources_yaml(tables: tuple[RawTable, ...] = RAW_TABLES) -> str:
    """The source YAML for ``tables``."""
    blocks = ["\n".join(_table(table)) for table in tables]
    return _HEADER + "\n\n".join(blocks) + "\n"


def _table(table: RawTable) -> Iterator[str]:
    yield f"      - name: {table.name}"
    yield from _description(table.description, 8)
    yield "        config:"
    yield "          meta:"
    yield "            column_types:"
    yield from (f"              {field.name}: {field.type}" for field in table.fields)
    yield "        columns:"
    for field in table.fields:
        yield from _column(field)


def _column(field: Field) -> Iterator[str]:
    yield f"          - name: {field.name}"
    yield from _description(field.description, 12)
    if field.role is not None:
        yield "            config:"
        yield "              meta:"
        yield "                amount:"
        yield from _mapping(field.role.meta(), 18)


def _mapping(values: Mapping[str, object], indent: int) -> Iterator[str]:
    for key, value in values.items():
        if isinstance(value, Mapping):
            yield f"{' ' * indent}{key}:"
            yield from _mapping(value, indent + 2)
        else:
            yield f"{' ' * indent}{key}: {_scalar(str(value))}"


def _description(text: str, indent: int) -> Iterator[str]:
    pad = " " * indent
    if len(pad) + len("description: ") + len(text) <= _WIDTH:
        yield f"{pad}description: {_scalar(text)}"
        return
    yield f"{pad}description: >"
    yield from textwrap.wrap(text, _FOLD, initial_indent=pad + "  ", subsequent_indent=pad + "  ")


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    plain = text[:1].isalpha() and ": " not in text and " #" not in text and not text.endswith(":")
    return text if plain and text.lower() not in ("true", "false", "yes", "no", "null") else json.dumps(text)
