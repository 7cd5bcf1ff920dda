"""The record declarations: the committed dbt source YAML and the raw CSVs follow them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import yaml

from kuntatalous.output import records
from kuntatalous.output.dbt_source import SOURCE_YAML, render_sources_yaml

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
    years = {role.year_column for _, role in records.BUDGET_ROWS.amount_roles() if role.year_column}
    assert years <= set(records.BUDGET_ROWS.columns)


def test_the_committed_raw_csvs_have_the_declared_headers() -> None:
    for table in records.RAW_TABLES:
        with (REPO / "seeds" / "raw" / f"{table.name}.csv").open(encoding="utf-8") as file:
            assert tuple(file.readline().rstrip("\n").split(",")) == table.columns


def test_counted_cells_are_the_amounts_and_the_counted_fields() -> None:
    assert records.BUDGET_ROWS.counted == tuple(name for name, _ in records.BUDGET_ROWS.amount_roles())
    assert {"prior_actual_eur", "budget_eur", "actual_eur", "variance_eur", "execution_pct"} <= set(
        records.BUDGET_ROWS.counted
    )
    assert records.PROJECTS.counted == ("total_funding_eur", "city_share_pct", "spend_pct")
