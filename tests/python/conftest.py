"""Shared paths and the committed reports' warehouse for the test suite."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .warehouse_builds import build, seeds_unchanged

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def mini_report() -> Path:
    return FIXTURES / "mini_report.txt"


@pytest.fixture(scope="session")
def warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed reports, built and published as make build does (extracted into seeds/raw)."""
    assert seeds_unchanged(), "commit or restore seeds/ before running the end-to-end tests"
    workdir = tmp_path_factory.mktemp("committed")
    database, _ = build(REPO / "reports", workdir)
    return database


@pytest.fixture(scope="session")
def warehouse(warehouse_file: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(warehouse_file), read_only=True)
