"""Helpers for the end-to-end tests: run scripts/build.sh on a folder of reports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
YP = "heinola_tp2025_yhteiset_palvelut.txt"
HY = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"


def build(
    reports: Path, workdir: Path, expect_ok: bool = True, env: dict[str, str] | None = None
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Build ``reports`` into ``workdir/warehouse.duckdb`` as ``make build`` does (``env`` added
    to the environment)."""
    database = workdir / "warehouse.duckdb"
    env = {
        **os.environ,
        **(env or {}),
        "REPORTS": str(reports),
        "DATABASE": str(database),
        "VENV_BIN": str(Path(sys.executable).parent),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "build.sh")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert (result.returncode == 0) is expect_ok, result.stdout[-4000:] + result.stderr[-4000:]
    return database, result


def seeds_unchanged() -> bool:
    return subprocess.run(["git", "diff", "--quiet", "--", "seeds"], cwd=REPO, check=False).returncode == 0


def shift_years(text: str, by: int) -> str:
    return re.sub(r"(?<!\d)(20\d\d)(?!\d)", lambda m: str(int(m[1]) + by), text)


def committed_report(name: str) -> str:
    return (REPO / "reports" / name).read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    """Replace a line's text that must occur exactly once (so a tamper cannot miss)."""
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new)
