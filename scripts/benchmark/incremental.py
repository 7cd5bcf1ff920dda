"""3. Incremental: one report added to the largest corpus, against a full rebuild of it and a build
with no change."""

from __future__ import annotations

import os
import re
import shutil
import statistics
from pathlib import Path
from typing import Any

from benchmark.corpus import report_files
from benchmark.document import Section
from benchmark.measure import Run, run_process
from benchmark.paths import BIN, REPO
from kuntatalous.warehouse.build_plan import FULL, PARTIAL, UNCHANGED

ADDED = 3
"""Reports held back from the incremental corpus, then added one build at a time."""
FOLLOWS_THE_CHANGE = 0.5
"""A build that adds one report takes at most this share of a full rebuild of the same reports:
its cost follows the change, not the warehouse (docs/benchmark-decisions.md)."""
PLAN_LINE = re.compile(rf"^({FULL}|{PARTIAL}|{UNCHANGED}) build: ", re.MULTILINE)
"""The plan's line in a build's output (``build_plan.Plan.line``: its mode, then `` build: ``)."""


def cache_counts(output: str) -> tuple[int, int]:
    """(reports extracted, of them read from the cache), from the extractor's summary line."""
    found = re.search(r"extracted (\d+) report\(s\) \((\d+) from the cache\)", output)
    if found is None:
        raise RuntimeError(f"no extraction summary with cache counts in:\n{output[-2000:]}")
    return int(found[1]), int(found[2])


def plan_mode(output: str) -> str:
    """The build's plan (full, partial or unchanged), from the plan's line in its output."""
    found = PLAN_LINE.search(output)
    if found is None:
        raise RuntimeError(f"no plan line in the build's output:\n{output[-2000:]}")
    return found[1]


def bench_incremental(corpus: Path, scratch: Path, repeats: int) -> Section:
    section = Section(
        "Incremental",
        f"`scripts/build.sh` (extract with the content-hash cache, dbt build, publish, export) on the largest "
        f"corpus less {ADDED} reports: a build with no change, then a build adding one of the {ADDED} "
        "held-back reports (a section arriving late), then a full rebuild of the same reports "
        "(`FULL_REFRESH=1`: every municipality rebuilt and tested, the reports from the cache), and so on. "
        "Each added report is the only one extracted; the rest come from the cache.",
        after="**Decisions.** Why a build with no change is no longer the measure of one that adds a report, "
        "and the full rebuild is: docs/benchmark-decisions.md.",
    )
    work = scratch / "incremental"
    reports, parked, held_back = _hold_back(corpus, work)
    env = build_env(work, reports)
    command = ["bash", str(REPO / "scripts" / "build.sh")]
    run_process(command, env)  # fills the cache
    # Each build that adds a report follows a build with no change and precedes a full rebuild,
    # so that a machine that slows down or speeds up during the run weighs on all three alike.
    unchanged, added, full = [], [], []
    for path in held_back[:repeats]:
        unchanged.append(run_process(command, env))
        (parked / path.name).rename(path)
        added.append(run_process(command, env))
        full.append(run_process(command, {**env, "FULL_REFRESH": "1"}))
    for label, runs in (("no change", unchanged), ("one report added", added), ("full rebuild", full)):
        section.rows.append(_row(label, runs))
    no_change, one_added, rebuilt = (row["median s"] for row in section.rows)
    for row in section.rows:
        row["/ no change"] = round(row["median s"] / no_change, 2)
        row["/ full rebuild"] = round(row["median s"] / rebuilt, 2)
    section.goal("one report added / no change", one_added / no_change, 1.2)
    section.goal("one report added / full rebuild", one_added / rebuilt, FOLLOWS_THE_CHANGE)
    section.goal("reports extracted when one is added", section.rows[1]["extracted (not cached)"], 1)
    return section


def _hold_back(corpus: Path, work: Path) -> tuple[Path, Path, list[Path]]:
    """A copy of the corpus's reports less the last ``ADDED``, parked beside it."""
    shutil.rmtree(work, ignore_errors=True)
    reports = work / "reports"
    shutil.copytree(corpus, reports, ignore=shutil.ignore_patterns("expected", ".complete*"))
    held_back = report_files(reports)[-ADDED:]
    parked = work / "held-back"
    parked.mkdir()
    for path in held_back:
        path.rename(parked / path.name)
    return reports, parked, held_back


def build_env(work: Path, reports: Path) -> dict[str, str]:
    """The environment of ``make build`` of ``reports`` into ``work`` (the organisation inferred from the reports)."""
    return {
        **os.environ,
        "REPORTS": str(reports),
        "DATABASE": str(work / "warehouse.duckdb"),
        "EXPORTS": str(work / "exports"),
        "BUILD_LOCK": str(work / "build.lock"),
        "EXTRACT_CACHE": str(work / "extract-cache"),
        "VENV_BIN": str(BIN),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }


def _row(label: str, runs: list[Run]) -> dict[str, Any]:
    counts = [cache_counts(run.output) for run in runs]
    modes = sorted({plan_mode(run.output) for run in runs})
    return {
        "build": label,
        "plan": ", ".join(modes),
        "reports": counts[-1][0],
        "extracted (not cached)": max(total - cached for total, cached in counts),
        "median s": round(statistics.median(run.seconds for run in runs), 2),
        "peak MB": max(run.peak_rss_mb for run in runs),
        "runs s": [round(run.seconds, 2) for run in runs],
    }
