"""The tests' stored failures in the `audit` schema have readable names, never dbt's
cut-and-hashed ones (macros/generate_alias_name.sql), and no two tests share a table; and every
unit test's name fits a PostgreSQL identifier (dbt names a relation after it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .warehouse_builds import declared_unit_tests

CUT = re.compile(r"_[0-9a-f]{32}$")
POSTGRES_IDENTIFIER = 63


def audit_name_problems(aliases: dict[str, str]) -> list[str]:
    """What is wrong with the tests' table names (test name → alias)."""
    problems = [f"{name}: {alias} is hashed" for name, alias in sorted(aliases.items()) if CUT.search(alias)]
    problems += [
        f"{name}: {alias} is too long" for name, alias in sorted(aliases.items()) if len(alias) > POSTGRES_IDENTIFIER
    ]
    seen: dict[str, str] = {}
    for name, alias in sorted(aliases.items()):
        if alias in seen:
            problems.append(f"{name} and {seen[alias]} share {alias}")
        seen[alias] = name
    return problems


def test_names_that_are_hashed_long_or_shared_are_problems() -> None:
    aliases = {
        "accepted_values_fact_budget_source_column": "accepted_values_fact_budget_9d098e999c0de8fd3a013c29f40e879d",
        "unique_a": "unique_a",
        "unique_b": "unique_a",
        "x": "x" * 64,
    }
    assert audit_name_problems(aliases) == [
        "accepted_values_fact_budget_source_column: accepted_values_fact_budget_9d098e999c0de8fd3a013c29f40e879d "
        "is hashed",
        f"x: {'x' * 64} is too long",
        "unique_b and unique_a share unique_a",
    ]


@pytest.mark.e2e
def test_every_stored_failure_has_a_readable_name_of_its_own(warehouse_file: Path) -> None:
    # Every data test as dbt compiled it for the committed reports' build (its manifest, in the
    # build's target folder beside the published file: warehouse_builds.build_env).
    manifest = json.loads((warehouse_file.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    tests = [node for node in manifest["nodes"].values() if node["resource_type"] == "test"]
    assert len(tests) > 100
    aliases = {test["name"]: test["alias"] for test in tests}
    assert audit_name_problems(aliases) == []
    # Read by hand from the YAML: dbt cut these to 30 characters and a hash.
    assert aliases["accepted_values_fact_budget_source_column___budget_source_columns_"] == (
        "accepted_values_fact_budget_source_column"
    )
    assert aliases["relationships_fact_kpi_unit_id__unit_id__ref_dim_unit_"] == (
        "relationships_fact_kpi_unit_id__unit_id__ref_dim_unit_"
    )
    assert "unique_combination_of_columns_fact_budget" in aliases.values()


def unit_test_name_problems(names: list[str]) -> list[str]:
    """The unit tests whose names are too long to name the relation dbt builds for them on
    PostgreSQL (it refuses the test rather than cutting the name)."""
    return [f"{name} is too long" for name in names if len(name) > POSTGRES_IDENTIFIER]


def test_a_unit_test_name_longer_than_an_identifier_is_a_problem() -> None:
    assert unit_test_name_problems(["short", "x" * 63, "y" * 64]) == [f"{'y' * 64} is too long"]


def test_every_unit_test_name_fits_a_postgres_identifier() -> None:
    names = list(declared_unit_tests())
    assert len(names) > 10
    assert unit_test_name_problems(names) == []
