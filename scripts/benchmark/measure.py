"""Timing runs: a command in its own process (wall time, peak memory), medians of repeats."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from benchmark.paths import REPO


@dataclass(frozen=True)
class Run:
    """One timed run of a command in its own process."""

    seconds: float
    peak_rss_mb: float
    output: str
    cpu_seconds: float = 0.0
    """User and system time of the command and the children it waited for."""
    returncode: int = 0


def run_process(command: list[str], env: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run ``command`` to completion; its wall time and its own peak resident memory (a
    failure raises, unless not ``check``)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        seconds=seconds,
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        output=output,
        cpu_seconds=round(cpu, 2),
        returncode=process.returncode,
    )


def median_seconds(action: Callable[[], float], repeats: int) -> tuple[float, list[float]]:
    """Median of ``repeats`` runs of an action that returns the seconds it measured."""
    runs = [action() for _ in range(repeats)]
    return statistics.median(runs), runs


def median_time(action: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    """Median wall time of ``repeats`` calls of ``action``."""
    return median_seconds(partial(timed, action), repeats)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
