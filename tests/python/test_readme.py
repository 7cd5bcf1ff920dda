"""Every SQL query in the README runs as printed against the committed reports' warehouse."""

from __future__ import annotations

import re

import duckdb
import pytest

from .warehouse_builds import REPO

SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.DOTALL)


def readme_queries() -> list[str]:
    blocks = SQL_BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))
    return [query.strip() for block in blocks for query in re.split(r";\s*\n", block) if query.strip()]


def test_the_readme_has_its_queries() -> None:
    assert len(readme_queries()) >= 10


@pytest.mark.parametrize("query", readme_queries(), ids=lambda query: " ".join(query.split())[:60])
def test_each_readme_query_runs_and_answers(warehouse: duckdb.DuckDBPyConnection, query: str) -> None:
    rows = warehouse.execute(query).fetchall()
    assert rows, "the query returns nothing on the committed reports"
