"""The incremental benchmark reads each build's plan from its output (``make bench``'s
Incremental section: no change, one report added, a full rebuild)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

import pytest

OUTPUT = """build started 2026-12-04T09:06:01Z: reports into warehouse.duckdb
extracted 998 report(s) (997 from the cache), 12 of 12 table blocks: 97 budget rows into raw
{plan}
report site: 4 pages
"""


@pytest.fixture
def incremental(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("incremental")


@pytest.mark.parametrize(
    ("line", "mode"),
    [
        ("partial build: 1 of 240 municipalities rebuilt (Ylöjärvi): 100 documents", "partial"),
        ("full build: asked for (FULL_REFRESH)", "full"),
        ("unchanged build: no report added, changed or removed (of 240 municipalities)", "unchanged"),
    ],
)
def test_the_plan_is_read_from_its_line(incremental: ModuleType, line: str, mode: str) -> None:
    assert incremental.plan_mode(OUTPUT.format(plan=line)) == mode


def test_each_mode_is_read_from_the_line_the_plan_writes(incremental: ModuleType) -> None:
    plan = importlib.import_module("kuntatalous.warehouse.build_plan").Plan
    lines = {
        "full": plan(False, "asked for (FULL_REFRESH)").line(),
        "partial": plan(True, "1 of 2 municipalities rebuilt", ("Heinola",), ("d1",)).line(),
        "unchanged": plan(True, "no report added, changed or removed").line(),
    }
    for mode, line in lines.items():
        assert incremental.plan_mode(OUTPUT.format(plan=line)) == mode, line


def test_a_build_without_a_plan_line_is_an_error(incremental: ModuleType) -> None:
    tampered = OUTPUT.format(plan="the partial build: 1 of 240 municipalities rebuilt")
    with pytest.raises(RuntimeError, match="no plan line"):
        incremental.plan_mode(tampered)
