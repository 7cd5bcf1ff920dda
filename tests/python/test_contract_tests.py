"""A mart's contract enforces its not_null constraints when the table is built (DuckDB and
PostgreSQL refuse a NULL there), so a `not_null` data test on such a column cannot fail: the
constraint is the one declaration, and no such test is declared beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]


def _columns(properties: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for model in properties.get("models") or []:
        contract = ((model.get("config") or {}).get("contract") or {}).get("enforced", False)
        if contract:
            for column in model.get("columns") or []:
                yield f"{model['name']}.{column['name']}", column


def _test_names(column: dict[str, Any]) -> set[str]:
    return {test if isinstance(test, str) else next(iter(test)) for test in column.get("data_tests") or []}


def void_not_null_tests(properties: dict[str, Any]) -> list[str]:
    """The contracted columns of ``properties`` (one properties YAML) whose `not_null` data test
    repeats a not_null constraint."""
    return [
        name
        for name, column in _columns(properties)
        if "not_null" in _test_names(column)
        and any(constraint.get("type") == "not_null" for constraint in column.get("constraints") or [])
    ]


def test_no_not_null_test_repeats_a_contract_s_not_null_constraint() -> None:
    found = []
    for path in sorted((REPO / "models").rglob("*.yml")):
        found += [
            f"{path.relative_to(REPO)}: {name}"
            for name in void_not_null_tests(yaml.safe_load(path.read_text(encoding="utf-8")))
        ]
    assert found == []


def test_a_not_null_test_beside_the_constraint_is_found() -> None:
    properties = yaml.safe_load(
        """
models:
  - name: dim_x
    config: {contract: {enforced: true}}
    columns:
      - name: x_id
        constraints: [{type: not_null}]
        data_tests: [unique, not_null]
      - name: y
        data_tests: [not_null]
      - name: z
        constraints: [{type: not_null}]
        data_tests: [{not_null: {config: {where: "z > 0"}}}]
  - name: int_x
    columns:
      - name: x_id
        constraints: [{type: not_null}]
        data_tests: [not_null]
"""
    )
    assert void_not_null_tests(properties) == ["dim_x.x_id", "dim_x.z"]
