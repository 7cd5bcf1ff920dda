"""Shared paths for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def mini_report() -> Path:
    return FIXTURES / "mini_report.txt"
