"""Helpers for the end-to-end tests: run scripts/build.sh on a folder of reports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kuntatalous.synthetic import Corpus

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "scripts" / "build.sh"
YP = "heinola_tp2025_yhteiset_palvelut.txt"
HY = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"
DBT_PROJECT = REPO / "dbt_project.yml"


def reconciliation_checks() -> list[dict[str, Any]]:
    """The reconciliation checks as listed in var ``reconciliation_checks`` of dbt_project.yml."""
    project = yaml.safe_load(DBT_PROJECT.read_text(encoding="utf-8"))
    checks: list[dict[str, Any]] = project["vars"]["reconciliation_checks"]
    return checks


def reconciliation_check_names() -> set[str]:
    """Every check of rpt_reconciliation."""
    return {check["name"] for check in reconciliation_checks()}


def build_env(reports: Path, workdir: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of ``make build`` for ``reports``, every output under ``workdir``
    (``env`` added)."""
    return {
        **os.environ,
        **(env or {}),
        "REPORTS": str(reports),
        "DATABASE": str(workdir / "warehouse.duckdb"),
        "EXPORTS": str(workdir / "exports"),
        "BUILD_LOCK": str(workdir / "build.lock"),
        "VENV_BIN": str(Path(sys.executable).parent),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }


@dataclass(frozen=True)
class DocsSite:
    """``make docs`` of a published copy of the committed reports' warehouse."""

    page: Path
    """The page scripts/docs.sh wrote (DOCS_SITE/index.html)."""
    published: Path
    """The published file it documented."""
    published_sha256: str
    """The published file's SHA-256 before scripts/docs.sh ran."""


@dataclass(frozen=True)
class SyntheticBuild:
    """A small synthetic corpus built and published as make build does."""

    corpus: Corpus
    reports: Path
    database: Path
    """The published file; its report site is ``warehouse.report`` beside it."""
    result: subprocess.CompletedProcess[str]


def build(
    reports: Path, workdir: Path, expect_ok: bool = True, env: dict[str, str] | None = None, timeout: int = 600
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Build ``reports`` as ``make build`` does into ``workdir/warehouse.duckdb`` (stopped after
    ``timeout`` seconds).

    Returns the file the build wrote: the published warehouse, or for a failed build the
    candidate it left beside it.
    """
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT)],
        env=build_env(reports, workdir, env),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert (result.returncode == 0) is expect_ok, result.stdout[-4000:] + result.stderr[-4000:]
    written = "warehouse.duckdb" if expect_ok else "warehouse.candidate.duckdb"
    return workdir / written, result


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
