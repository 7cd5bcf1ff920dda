"""The national benchmark (``make bench-national``): every goal of a warehouse of all of Finland.

One synthetic corpus of national size (240 municipalities, ten years, ten sections a year:
24 000 documents), measured once in one run:

- a cold build (``scripts/build.sh``: extract with an empty cache, dbt build, publish, export);
- its steps one by one (extraction, ``dbt build``, export, the report site) for their own time
  and peak memory, and the floor of the dbt build: the SQL dbt compiled, run directly in one
  DuckDB connection;
- nightly builds on the published warehouse: one with no change, one that adds a report, one
  that changes a report, then the report removed and added again, twice more: the nightly goal
  is the median of the three builds that added it. Each build starts from a disk at rest, as a
  nightly build finds it a day after the last: what the steps before it wrote is flushed first
  (``sync``), and the seconds that took are written beside the build, not counted in it;
- the disk taken by the warehouse, its exports (the marts' files: the report site in the same
  release is measured apart) and the extraction cache;
- the analyst queries of ``make bench`` on the national warehouse.

Each goal is written with the measured figure, its limit, met or not, and the floor measured in
the same run beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmark.corpus import corpus_digest, generate, report_files
from benchmark.document import Section, cores, machine
from benchmark.incremental import build_env, cache_counts
from benchmark.measure import Run, run_process, timed
from benchmark.paths import BIN, REPO
from benchmark.queries import bench_queries
from kuntatalous.extract import planned_reports
from kuntatalous.output.stream import planned_runs
from kuntatalous.warehouse.dbt_build import BUILD_EXCLUDES
from kuntatalous.warehouse.exports import SITE_FOLDER
from kuntatalous.warehouse.publish import WarehousePaths

SCRATCH = REPO / "target" / "bench-national"
"""Where the national corpus, builds and steps are kept between runs (ignored by git)."""
DOCUMENTS = 24_000
MUNICIPALITIES = 240
GOALS = {
    "cold build s": 150.0,
    "nightly build, one report added, s": 30.0,
    "peak memory of any step, MB": 2048.0,
    "exports / warehouse, bytes": 1.0,
    "cache entries no report uses": 0.0,
    "analyst query, ms": 60.0,
}
"""The issue's goals: each figure is met when at most its limit, except the cores' below."""
ADDED = "nightly, one report added"
"""The label of the builds that add the held-back report (the first, then ``(2)``, ``(3)``, ...)."""
ADDED_BUILDS = 3
"""How many nightly builds add the held-back report. The first follows the cold build; each later
one follows a nightly build that removed the report again. The goal is their median: a nightly
build as it runs night after night."""
FALLBACK_MEMORY_LIMIT = "12GB"
"""The limit of a second cold build, where the first fails under the profile's."""
CORES_GOAL = 1.5
"""Extraction uses both cores: its CPU time at least this many times its wall time."""


def folder_bytes(path: Path) -> int:
    """Bytes of the files under ``path`` (following the exports link once)."""
    root = path.resolve()
    if root.is_file():
        return root.stat().st_size
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def step_row(step: str, run: Run, **more: Any) -> dict[str, Any]:
    return {
        "step": step,
        "wall s": round(run.seconds, 1),
        "CPU s": run.cpu_seconds,
        "CPU / wall": round(run.cpu_seconds / max(run.seconds, 1e-9), 2),
        "peak MB": run.peak_rss_mb,
        **more,
    }


def hold_back(corpus: Path, work: Path) -> tuple[Path, Path]:
    """A copy of the corpus's reports less its last one, which is returned parked beside it."""
    reports = work / "reports"
    shutil.copytree(corpus, reports, ignore=shutil.ignore_patterns("expected", ".complete*"))
    last = report_files(reports)[-1]
    parked = work / last.name
    last.rename(parked)
    return reports, parked


def change_one(reports: Path) -> Path:
    """Change one report (a corrected edition arriving): a line of prose appended, so that its
    bytes, and so its document, change while its figures stay reconciled."""
    path = report_files(reports)[len(report_files(reports)) // 2]
    path.write_text(path.read_text(encoding="utf-8") + "\nKorjattu painos.\n", encoding="utf-8")
    return path


def flush_disk() -> float:
    """Write out what earlier steps left in the page cache (``sync``); the seconds it took. A
    build measured after it starts from a disk at rest, not one still writing the gigabytes of the
    build before (a cold build's warehouse, site and exports; a nightly build's copy)."""
    return timed(os.sync)


def run_settled(command: list[str], env: dict[str, str] | None = None) -> Run:
    """``command`` run (a failure raises) once the disk is flushed (:func:`flush_disk`)."""
    flush_disk()
    return run_process(command, env)


def build_row(label: str, run: Run, flushed: float, stages: str = "-") -> dict[str, Any]:
    before = {"disk flushed before, s": round(flushed, 1), "stages (the build's record)": stages}
    if run.returncode != 0:
        reason = "out of memory" if "Out of Memory" in run.output else run.output.strip().splitlines()[-1][:200]
        failed = f"failed (exit {run.returncode}): {reason}"
        return step_row(label, run, reports="-", extracted="-", outcome=failed, **before)
    total, cached = cache_counts(run.output)
    return step_row(label, run, reports=total, extracted=total - cached, outcome="published", **before)


def recorded_stages(record: Path, before: int | None) -> str:
    """The seconds of each stage of the build just run, as its record (``<name>.last-run.json``,
    ``make last-run``) says them; ``-`` where the build wrote none (the record is as ``before``,
    its modification time then) or it cannot be read."""
    from kuntatalous.warehouse.run_summary import describe_stages, read_record

    try:
        if _modified(record) in (None, before):
            return "-"
        return describe_stages(read_record(record).stages) or "-"
    except (OSError, ValueError, TypeError):
        return "-"


def _modified(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.is_file() else None


def cold_and_nightly(
    corpus: Path, work: Path, record: Callable[[list[dict[str, Any]]], None]
) -> tuple[list[dict[str, Any]], dict[str, Run]]:
    """The cold build of the corpus less one report, then the nightly builds (``record`` gets
    the rows after each). A cold build that fails under the profile's memory limit is recorded,
    and built again under FALLBACK_MEMORY_LIMIT so that the nightly builds can be measured."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    reports, parked = hold_back(corpus, work)
    env = build_env(work, reports)
    command = ["bash", str(REPO / "scripts" / "build.sh")]
    runs: dict[str, Run] = {}
    rows: list[dict[str, Any]] = []

    def measure(label: str, run_env: dict[str, str]) -> Run:
        flushed = flush_disk()
        last_run = WarehousePaths(Path(run_env["DATABASE"])).last_run
        before = _modified(last_run)
        runs[label] = run_process(command, run_env, check=False)
        rows.append(build_row(label, runs[label], flushed, recorded_stages(last_run, before)))
        record(rows)
        return runs[label]

    if measure("cold build", env).returncode != 0:
        env = {**env, "KUNTATALOUS_DUCKDB_MEMORY_LIMIT": FALLBACK_MEMORY_LIMIT}
        measure(f"cold build again, memory_limit {FALLBACK_MEMORY_LIMIT}", env)
    measure("nightly, no change", env)
    parked.rename(reports / parked.name)
    measure(ADDED, env)
    change_one(reports)
    measure("nightly, one report changed", env)
    for again in range(2, ADDED_BUILDS + 1):
        (reports / parked.name).rename(parked)
        measure(f"nightly, one report removed ({again})", env)
        parked.rename(reports / parked.name)
        measure(f"{ADDED} ({again})", env)
    return rows, runs


def added_builds(builds: dict[str, Run]) -> list[Run]:
    """The nightly builds that added the held-back report, in the order they ran."""
    return [run for label, run in builds.items() if label == ADDED or label.startswith(f"{ADDED} (")]


def nightly_goal(builds: dict[str, Run], floor: str) -> dict[str, Any]:
    """The nightly goal: the median of the builds that added a report (each listed beside it)."""
    added = added_builds(builds)
    each = ", ".join(f"{run.seconds:.1f}" for run in added)
    return goal_row(
        f"nightly build, one report added, s (median of {len(added)})",
        statistics.median(run.seconds for run in added),
        GOALS["nightly build, one report added, s"],
        f"{floor} (a full build); each, in order: {each} s; no change {builds['nightly, no change'].seconds:.1f} s",
        failed=any(run.returncode != 0 for run in added),
    )


def separate_steps(corpus: Path, work: Path, limit: str | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Extraction, dbt build, export and the report site one by one, and the dbt build's floor
    (under the memory ``limit`` the cold build passed with, where not the profile's)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    raw, database, target = work / "raw", work / "warehouse.duckdb", work / "target"
    extract = run_settled(
        [str(BIN / "kuntatalous"), "extract", str(corpus), "--out", str(raw), "--cache", str(work / "cache"), "--quiet"]
    )
    env = {
        **os.environ,
        "KUNTATALOUS_RAW_SEEDS": str(raw),
        "KUNTATALOUS_DATABASE": str(database),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(target / "logs"),
        **({"KUNTATALOUS_DUCKDB_MEMORY_LIMIT": limit} if limit else {}),
    }
    project = ["--profiles-dir", str(REPO), "--project-dir", str(REPO)]
    dbt = run_settled([str(BIN / "dbt"), "build", "--full-refresh", *BUILD_EXCLUDES, *project], env)
    floor_script = REPO / "scripts" / "bench_floor.py"
    # The compiled SQL names the warehouse's catalog by its file name: the floor's file has the same.
    (work / "floor").mkdir()
    floor = run_settled([sys.executable, str(floor_script), str(target), str(work / "floor" / database.name)])
    exports = ["--database", str(database), "--exports", str(work / "exports")]
    export = run_settled([str(BIN / "kuntatalous"), "export", *exports])
    site_out = ["--database", str(database), "--reports", str(corpus), "--out", str(work / "site")]
    site = run_settled([str(BIN / "kuntatalous"), "report", *site_out])
    rows = [
        step_row("extract (empty cache)", extract),
        step_row("dbt build", dbt),
        step_row("floor of the dbt build (its SQL in one DuckDB connection)", floor),
        step_row("export", export),
        step_row("report site (a page per municipality and year, and the report texts)", site),
    ]
    return rows, {"extract": extract, "dbt": dbt, "floor": floor, "export": export, "site": site}


def cache_entries(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.json"))


def chunked_runs(reports: Path) -> int:
    """The chunks an extraction of ``reports`` keeps in the cache: its runs of two reports or more."""
    return sum(len(run.jobs) >= 2 for run in planned_runs(planned_reports([reports], None, keep_going=True)))


def cache_goal(work: Path, reports: int) -> dict[str, Any]:
    """Cache entries beyond one per report and one per run of them (a chunk)."""
    runs = chunked_runs(work / "reports")
    return goal_row(
        "cache entries no report uses",
        cache_entries(work / "extract-cache") - reports - runs,
        GOALS["cache entries no report uses"],
        f"{reports} reports and {runs} runs of them, cache {folder_bytes(work / 'extract-cache') / 1e6:.0f} MB",
    )


def goal_row(
    goal: str, measured: float, limit: float, floor: str, at_least: bool = False, failed: bool = False
) -> dict[str, Any]:
    met = not failed and (measured >= limit if at_least else measured <= limit)
    return {
        "goal": goal,
        "measured": round(measured, 2),
        "limit": f"≥ {limit}" if at_least else f"≤ {limit}",
        "met": "met" if met else ("**not met (the build failed)**" if failed else "**not met**"),
        "floor (same run)": floor,
    }


def cold_goal(cold: Run, floor: str, cores: int) -> dict[str, Any]:
    """The cold build's goal, beside the ``floor`` and the least wall time the build's CPU time
    allows on ``cores`` cores (all of them busy throughout): a build whose CPU time is above
    ``cores`` times the limit cannot meet it by sharing its steps among the cores better."""
    bound = cold.cpu_seconds / cores
    return goal_row(
        "cold build s",
        cold.seconds,
        GOALS["cold build s"],
        f"{floor}; the build's {cold.cpu_seconds:.0f} CPU s on {cores} cores: {bound:.1f} s with every core busy "
        "throughout",
        failed=cold.returncode != 0,
    )


def goals(builds: dict[str, Run], steps: dict[str, Run], work: Path, queries: Section) -> Section:
    """Each goal of the issue: measured, its limit, met or not, and the floor beside it."""
    floor, cold = steps["floor"], builds["cold build"]
    floor_s = f"dbt's SQL alone {floor.seconds:.1f} s"
    measured = [*builds.values(), *(run for key, run in steps.items() if key != "floor")]  # the floor is no step
    peak = max(run.peak_rss_mb for run in measured)
    warehouse = folder_bytes(work / "warehouse.duckdb")
    site = folder_bytes(work / "exports" / SITE_FOLDER) if (work / "exports" / SITE_FOLDER).is_dir() else 0
    exports = folder_bytes(work / "exports") - site
    reports = len(report_files(work / "reports"))
    slowest = max(row["median ms"] for row in queries.rows)
    extract = steps["extract"]
    count = cores()
    rows = [
        cold_goal(cold, floor_s, count),
        nightly_goal(builds, floor_s),
        goal_row("peak memory of any step, MB", peak, GOALS["peak memory of any step, MB"], f"{floor.peak_rss_mb} MB"),
        goal_row(
            "exports / warehouse, bytes",
            exports / warehouse,
            GOALS["exports / warehouse, bytes"],
            f"warehouse {warehouse / 1e6:.0f} MB, exports {exports / 1e6:.0f} MB; "
            f"the report site beside them in the release, not counted: {site / 1e6:.0f} MB",
        ),
        cache_goal(work, reports),
        goal_row(
            "extraction CPU / wall", extract.cpu_seconds / extract.seconds, CORES_GOAL, f"{count} cores", at_least=True
        ),
        goal_row("analyst query, ms (slowest median)", slowest, GOALS["analyst query, ms"], "-"),
    ]
    return Section(
        "Goals",
        f"The goals of a national warehouse ({DOCUMENTS} documents), each measured in this run. The floor is "
        "the SQL that dbt compiled for the same build (seeds, models, data tests), run directly in one DuckDB "
        "connection with DuckDB's defaults.",
        rows,
    )


def run(out: Path, documents: int = DOCUMENTS, municipalities: int = MUNICIPALITIES) -> list[Section]:
    """Every measurement; the document is written after each stage, so that a run stopped
    part way leaves what it measured."""
    started = time.perf_counter()
    corpus = generate(documents, corpus_folder(documents), municipalities)
    builds_section = Section(
        "Builds",
        "`scripts/build.sh` on the corpus less one report (cold: empty extraction cache, no warehouse), "
        "then nightly builds of the published warehouse: with no change, with the held-back report "
        f"added, with one report changed, then the held-back report removed and added again until "
        f"{ADDED_BUILDS} builds have added it. CPU is user and system time of the build and its children. "
        "Before each build the disk is flushed (`sync`: a nightly build finds it at rest, a day after "
        "the last), in the seconds written beside it, which the build's own do not count.",
    )
    sections = [builds_section]

    def record(rows: list[dict[str, Any]]) -> None:
        builds_section.rows = rows
        write(out, sections, time.perf_counter() - started, corpus, partial=True)

    _, builds = cold_and_nightly(corpus, SCRATCH / f"builds-{documents}", record)
    queries = bench_queries(SCRATCH / f"builds-{documents}" / "warehouse.duckdb", 20)
    queries.goals = []
    sections.append(queries)
    write(out, sections, time.perf_counter() - started, corpus, partial=True)
    limit = FALLBACK_MEMORY_LIMIT if builds["cold build"].returncode != 0 else None
    step_rows, steps = separate_steps(corpus, SCRATCH / f"steps-{documents}", limit)
    sections.insert(
        1,
        Section(
            "Steps",
            "The cold build's steps one by one, on the whole corpus, and the floor; each after the disk "
            "is flushed (`sync`).",
            step_rows,
        ),
    )
    sections.insert(0, goals(builds, steps, SCRATCH / f"builds-{documents}", queries))
    return sections


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for benchmarks-national.md and .json")
    parser.add_argument("--documents", type=int, default=DOCUMENTS, help=argparse.SUPPRESS)
    parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sections = run(args.out, args.documents, args.municipalities)
    seconds = time.perf_counter() - started
    write(args.out, sections, seconds, corpus_folder(args.documents))
    print(f"national benchmark written: {args.out / 'benchmarks-national'}.md and .json ({seconds:.0f} s)")
    return 0


def corpus_folder(documents: int) -> Path:
    """Where the national corpus of ``documents`` is kept between runs."""
    return SCRATCH / f"corpus-{documents}"


def write(out: Path, sections: list[Section], seconds: float, corpus: Path, partial: bool = False) -> None:
    """docs/benchmarks-national.md and .json; ``partial`` while the run goes on. The machine and
    the corpus (``corpus``: the digest of what wrote it, so that two runs on different corpora
    are not compared) are named first."""
    from benchmark.document import sections_markdown

    about = machine() | {"corpus written by the generator of digest": (corpus_digest(corpus) or "?")[:16]}
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    state = "so far (the run goes on; the goals come last)" if partial else "one run"
    header = [
        "# National benchmark",
        "",
        f"Measured by `make bench-national` on {when} in {seconds:.0f} s, {state}: every figure beside the "
        "floor of the same run.",
        "",
        "Machine: " + "; ".join(f"{key} {value}" for key, value in about.items()) + ".",
        "",
    ]
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmarks-national.md").write_text("\n".join(header + sections_markdown(sections)), encoding="utf-8")
    result = {"measured_at": when, "seconds": round(seconds, 1), "machine": about}
    result["sections"] = [asdict(section) for section in sections]
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    (out / "benchmarks-national.json").write_text(text, encoding="utf-8")
