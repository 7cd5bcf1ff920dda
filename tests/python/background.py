"""A long check that needs nothing of the other tests, run as a process of its own beside them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Background:
    """A process started by the session, its output in ``out/output.txt``."""

    process: subprocess.Popen[bytes]
    out: Path
    started: float

    def finish(self, timeout: float) -> tuple[int, str]:
        """Wait until the process ends, at most ``timeout`` seconds after its start; its exit
        code and what it printed. A process still running then is stopped."""
        try:
            self.process.wait(timeout=max(1.0, self.started + timeout - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        return self.process.returncode, (self.out / "output.txt").read_text(encoding="utf-8", errors="replace")

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """End the process and its children (its own process group), if still running."""
        if self.running():
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)


def start_bench_smoke(out: Path) -> Background:
    """``scripts/bench.py --smoke --out out`` (make bench-smoke), started now."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "output.txt").open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "scripts" / "bench.py"), "--smoke", "--out", str(out)],
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Background(process, out, time.monotonic())
