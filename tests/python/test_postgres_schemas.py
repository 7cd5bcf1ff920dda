"""The PostgreSQL build's schemas are the dbt project's layers, named from the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kuntatalous.warehouse.postgres import DBT_PROJECT, PostgresError, Schemas, dbt_layers
from kuntatalous.warehouse.postgres_cluster import clean_env
from kuntatalous.warehouse.postgres_exports import duckdb_type


def test_the_layers_are_the_schemas_dbt_project_yml_configures() -> None:
    assert dbt_layers() == ["staging", "intermediate", "analytics", "reference", "audit"]


def test_a_build_has_one_schema_per_layer_named_after_it() -> None:
    schemas = Schemas("kt")
    assert Schemas.marts(schemas.candidate) == "kt_candidate_analytics"
    assert Schemas.audit(schemas.published) == "kt_audit"
    assert Schemas.of_build(schemas.previous) == [
        "kt_previous",
        "kt_previous_staging",
        "kt_previous_intermediate",
        "kt_previous_analytics",
        "kt_previous_reference",
        "kt_previous_audit",
    ]


def test_a_project_without_an_audit_schema_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project.yml"
    project.write_text(DBT_PROJECT.read_text(encoding="utf-8").replace("+schema: audit", "+schema: checks"))
    with pytest.raises(PostgresError, match=r"dbt_project\.yml: no \+schema analytics for the marts or audit"):
        dbt_layers(project)


def test_the_exports_type_each_mart_column_as_duckdb_does() -> None:
    assert duckdb_type("fact_budget", "amount_eur", "numeric(18,2)") == "decimal(18, 2)"
    assert duckdb_type("dim_unit", "unit_id", "character varying") == "varchar"
    assert duckdb_type("fact_kpi", "value_count", "bigint") == "bigint"


def test_a_mart_column_of_an_undeclared_type_is_refused() -> None:
    with pytest.raises(PostgresError, match=r"fact_x\.payload: type jsonb has no DuckDB counterpart"):
        duckdb_type("fact_x", "payload", "jsonb")
    with pytest.raises(PostgresError, match=r"fact_x\.amount: type numeric has no DuckDB counterpart"):
        duckdb_type("fact_x", "amount", "numeric")


def test_a_build_into_exports_that_are_not_its_own_stops_before_it_starts(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "notes.txt").write_text("someone's file\n", encoding="utf-8")
    command = [str(Path(sys.executable).parent / "kuntatalous"), "postgres", "build", "--raw", str(tmp_path)]
    command += ["--exports", str(exports), "--snapshot", str(tmp_path / "marts.duckdb")]
    # No server is named: the build must stop at the exports path, before it connects.
    env = {**clean_env(), "PGHOST": str(tmp_path / "no-server"), "PGCONNECT_TIMEOUT": "1"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert f"error: {exports} is a folder of other files" in result.stderr
    assert "Traceback" not in result.stderr
    assert (exports / "notes.txt").read_text(encoding="utf-8") == "someone's file\n"
    assert not (tmp_path / "marts.duckdb").exists()
