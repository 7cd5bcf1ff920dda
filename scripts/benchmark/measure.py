"""Timing runs: a command in its own process (wall time, peak memory), medians of repeats."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

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


MEASURER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - started
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}, out)
sys.exit(code if code >= 0 else 128 - code)
"""
"""What runs a measured command: a small process of its own that starts it and reports its wall
time, CPU time and peak memory. Linux gives a process the peak resident memory of the one that
started it (the memory it shared until ``exec``): a command started by a process that once held
1 GB (this one, after generating a corpus) reported 1 GB even for ``/bin/true``. Started by this
small one, a command reports its own peak and its children's."""


def run_process(command: list[str], env: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run ``command`` to completion (through ``MEASURER``); its wall time, CPU time and peak
    resident memory, its own and its children's (a failure raises, unless not ``check``)."""
    with tempfile.TemporaryDirectory(prefix="kuntatalous-measure-") as folder:
        usage_file = Path(folder) / "usage.json"
        measurer = [sys.executable, "-c", MEASURER, str(usage_file), *command]
        process = subprocess.Popen(
            measurer, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdout is not None
        output = process.stdout.read()
        returncode = process.wait()
        if not usage_file.is_file():
            raise RuntimeError(f"{' '.join(command)} could not be started:\n{output[-3000:]}")
        usage = json.loads(usage_file.read_text(encoding="utf-8"))
    if check and returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {returncode}:\n{output[-3000:]}")
    return Run(
        seconds=usage["seconds"],
        peak_rss_mb=round(usage["maxrss_kb"] / 1024, 1),
        output=output,
        cpu_seconds=round(usage["cpu"], 2),
        returncode=returncode,
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
