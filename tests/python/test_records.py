"""The record declarations: the committed dbt source YAML and the raw CSVs follow them."""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
from decimal import Decimal

import pytest
import yaml

from kuntatalous.errors import ExtractionError
from kuntatalous.output import records
from kuntatalous.output.dbt_source import SOURCE_YAML, render_sources_yaml
from kuntatalous.output.seeds import MAX_RAW_LINE_BYTES, check_line_sizes, csv_lines, format_value, sorted_lines

from .warehouse_builds import REPO


def test_the_committed_source_yaml_is_current() -> None:
    committed = (REPO / SOURCE_YAML).read_text(encoding="utf-8")
    assert committed == render_sources_yaml(), "run scripts/generate_sources.py"
    check = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_sources.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_a_changed_declaration_makes_the_yaml_stale() -> None:
    changed = dataclasses.replace(
        records.RISKS, fields=(*records.RISKS.fields, records.Field("extra", "varchar", "X."))
    )
    tables = tuple(changed if table is records.RISKS else table for table in records.RAW_TABLES)
    assert render_sources_yaml(tables) != (REPO / SOURCE_YAML).read_text(encoding="utf-8")


def test_the_yaml_names_and_types_every_declared_field_in_order() -> None:
    source = yaml.safe_load(render_sources_yaml())["sources"][0]
    for table, entry in zip(records.RAW_TABLES, source["tables"], strict=True):
        assert entry["name"] == table.name
        assert [column["name"] for column in entry["columns"]] == list(table.columns)
        assert entry["config"]["meta"]["column_types"] == {field.name: field.type for field in table.fields}


def test_amount_roles_are_column_meta() -> None:
    source = yaml.safe_load(render_sources_yaml())["sources"][0]
    budget = next(entry for entry in source["tables"] if entry["name"] == "raw_budget_rows")
    meta = {column["name"]: column.get("config", {}).get("meta", {}).get("amount") for column in budget["columns"]}
    assert meta["budget_eur"] == {
        "printed": "budget",
        "scenario": "budget",
        "year_column": "budget_year",
        "source_column": "budget",
        "decimals_column": "amount_decimals",
    }
    assert meta["variance_eur"]["staged_as"] == "printed_variance_eur"
    assert "scenario" not in meta["variance_eur"]
    assert meta["row_label"] is None
    # Every year column an amount names is a declared field.
    years = {role.year_column for _, role in records.BUDGET_ROWS.amount_roles if role.year_column}
    assert years <= set(records.BUDGET_ROWS.columns)


def test_the_committed_raw_csvs_have_the_declared_headers() -> None:
    for table in records.RAW_TABLES:
        with (REPO / "seeds" / "raw" / f"{table.name}.csv").open(encoding="utf-8") as file:
            assert tuple(file.readline().rstrip("\n").split(",")) == table.columns


def test_counted_cells_are_the_amounts_and_the_counted_fields() -> None:
    amounts = tuple(name for name, _ in records.BUDGET_ROWS.amount_roles)
    assert records.BUDGET_ROWS.counted == (*amounts, "other_columns")
    assert {"prior_actual_eur", "budget_eur", "actual_eur", "variance_eur", "execution_pct"} <= set(
        records.BUDGET_ROWS.counted
    )
    counted = ("total_funding_eur", "city_share_pct", "spend_pct", "spend_eur", "other_columns")
    assert records.PROJECTS.counted == counted


def test_each_declared_type_has_its_python_type() -> None:
    types = {field.type: field.python_type for table in records.RAW_TABLES for field in table.fields}
    assert types == {
        "varchar": str,
        "integer": int,
        "boolean": bool,
        "decimal(18, 2)": Decimal,
        "decimal(9, 2)": Decimal,
        "decimal(18, 4)": Decimal,
    }


def test_the_csv_edge_formats_each_value_as_its_field_is_declared() -> None:
    fields = {field.name: field for field in records.BUDGET_ROWS.fields}

    def text(name: str, value: records.Value) -> str:
        return format_value(records.BUDGET_ROWS, fields[name], value)

    assert text("budget_eur", Decimal("-3500.50")) == "-3500.50"
    assert text("budget_eur", Decimal("-0")) == "0"
    assert text("budget_eur", Decimal("1E+3")) == "1000"
    assert text("budget_eur", None) == ""
    assert text("source_line", 14) == "14"
    assert text("is_bold", True) == "true"
    assert text("is_bold", False) == "false"
    assert text("row_label", "Menot, 1 000") == "Menot, 1 000"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("source_line", True),  # a flag is an int to Python, not to the declaration
        ("source_line", "14"),  # text formatted before the CSV edge
        ("is_bold", 1),
        ("budget_eur", 3500),
        ("budget_eur", "-3500.50"),
        ("row_label", None),
    ],
)
def test_a_value_not_of_its_declared_type_is_refused(name: str, value: records.Value) -> None:
    field = next(field for field in records.BUDGET_ROWS.fields if field.name == name)
    with pytest.raises(TypeError, match=f"raw_budget_rows.{name} is "):
        format_value(records.BUDGET_ROWS, field, value)


def test_each_row_is_one_csv_line_whatever_its_cells_hold() -> None:
    """``csv_lines`` gives one line per row, a cell with a newline, quote or comma quoted in it,
    read back by the CSV reader as the same cells."""
    rows = [["a", "b"], ["two\nlines", 'a "quote"'], ["", "x,y"], ["\r\n", "ä"]]
    lines = csv_lines(rows)
    assert len(lines) == len(rows)
    assert lines[0] == "a,b\n"
    assert [next(csv.reader(io.StringIO(line))) for line in lines] == rows


@pytest.mark.parametrize(
    ("table", "where"), [(records.RISKS, "r 1.txt:12:"), (records.DOCUMENTS, "r 1.txt:"), (records.REJECTS, "r 1.txt:")]
)
def test_a_line_too_long_for_duckdb_names_its_report_line(table: records.RawTable, where: str) -> None:
    """A raw CSV line longer than DuckDB reads is an error naming the report file and, where the
    table has one, the line its row came from; its size is the line's in UTF-8 (two bytes an ä).
    A line of exactly the limit passes."""

    def line_of(text: str) -> list[tuple[tuple[records.SortValue, ...], str]]:
        row = ["" for _ in table.columns]
        row[table.columns.index("source_file")] = "r 1.txt"
        if "source_line" in table.columns:
            row[table.columns.index("source_line")] = "12" if table is records.RISKS else ""
        row[next(i for i, column in enumerate(table.columns) if column not in table.sort_keys)] = text
        return sorted_lines(table.columns, [row], table.sort_keys)

    # The line: its other cells' commas and the filled cells' text, then the newline.
    fixed = len(table.columns) - 1 + len("r 1.txt") + (2 if table is records.RISKS else 0) + 1
    at_limit = line_of("a" * (MAX_RAW_LINE_BYTES - fixed))
    assert len(at_limit[0][1].encode("utf-8")) == MAX_RAW_LINE_BYTES
    check_line_sizes(table, at_limit)
    with pytest.raises(ExtractionError) as raised:
        check_line_sizes(table, line_of("ä" * ((MAX_RAW_LINE_BYTES - fixed) // 2 + 1)))
    size = fixed + 2 * ((MAX_RAW_LINE_BYTES - fixed) // 2 + 1)
    assert str(raised.value).startswith(f"{where} a row of {size:,} bytes, more than the 2,097,152")
