"""The benchmark's measure of a command (``scripts/benchmark/measure.py``): its own peak memory,
not that of the process that started it, and its children's; its exit status and output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import pytest

ALLOCATE_MB = "x = bytearray({mb} * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"


@pytest.fixture
def measure(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("measure")


def test_a_command_reports_its_own_peak_not_its_starters(measure: ModuleType) -> None:
    # This process holds 400 MB more than it needs, then frees them: a command it starts after
    # that holds a few MB, whatever this process's peak was.
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"1" * len(held[::4096])
    del held
    run = measure.run_process([sys.executable, "-c", "pass"])
    assert run.peak_rss_mb < 100, run


def test_a_command_reports_the_peak_of_its_children(measure: ModuleType) -> None:
    child = [sys.executable, "-c", ALLOCATE_MB.format(mb=300)]
    run = measure.run_process(["sh", "-c", '"$@"; echo done', "sh", *child])
    assert run.peak_rss_mb >= 300, run
    assert run.output == "done\n"
    assert run.cpu_seconds > 0
    assert 0 < run.seconds < 60


def test_a_failing_command_is_named_with_its_status(measure: ModuleType) -> None:
    failing = [sys.executable, "-c", "import sys; print('no'); sys.exit(3)"]
    assert measure.run_process(failing, check=False).returncode == 3
    with pytest.raises(RuntimeError, match=r"exited 3:\nno"):
        measure.run_process(failing)
    with pytest.raises(RuntimeError, match="could not be started"):
        measure.run_process(["/nonexistent/command"])
