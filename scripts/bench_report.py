"""Benchmark the report site on a synthetic corpus (``make bench-report``).

Generates the corpus (1 000 documents over ten statement years by default), builds and publishes
its warehouse with ``scripts/build.sh`` (which writes the site once), then times
``kuntatalous report`` on that warehouse, as its own process, ``--repeats`` times (each into an
empty folder: every page rendered), then once more over the last site (every page unchanged, kept
from it: ``site.reuse``), and measures every page: the site should build in under a minute on
this machine and each page stay under 2 MB. Reports the figures; asserts nothing. Writes
``report-bench.md`` and ``.json`` to ``--out``.

    scripts/bench_report.py --out target/bench-report
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEED = 20261123
PAGE_LIMIT_BYTES = 2 * 1024 * 1024
SITE_LIMIT_SECONDS = 60.0


def generate(documents: int, years: int, out: Path) -> Path:
    from kuntatalous.synthetic import generate_corpus, write_corpus

    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        write_corpus(generate_corpus(documents, SEED, years=years), out)
        (out / ".complete").touch()
    return out


def build_warehouse(corpus: Path, work: Path) -> Path:
    database = work / "warehouse.duckdb"
    env = {
        **os.environ,
        "REPORTS": str(corpus),
        "DATABASE": str(database),
        "EXPORTS": str(work / "exports"),
        "SITE": str(work / "site-of-build"),
        "BUILD_LOCK": str(work / "build.lock"),
        "EXTRACT_CACHE": str(work / "extract-cache"),
        "VENV_BIN": str(BIN),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "build.sh")], env=env, cwd=REPO, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"the corpus did not build:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return database


def time_site(database: Path, corpus: Path, site: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one ``kuntatalous report`` process."""
    command = [
        str(BIN / "kuntatalous"),
        "report",
        "--database",
        str(database),
        "--reports",
        str(corpus),
        "--out",
        str(site),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fresh(site: Path) -> Path:
    """``site`` removed, so that the next site renders every page."""
    shutil.rmtree(site, ignore_errors=True)
    return site


def measure(site: Path) -> dict[str, Any]:
    pages = sorted(site.glob("*.html"))
    sizes = {page.name: page.stat().st_size for page in pages}
    assets = sum(path.stat().st_size for path in (site / "assets").iterdir())
    largest = max(sizes, key=lambda name: sizes[name])
    return {
        "pages": len(pages),
        "source_pages": len(list((site / "sources").iterdir())),
        "largest_page": largest,
        "largest_page_bytes": sizes[largest],
        "median_page_bytes": int(statistics.median(sizes.values())),
        "assets_bytes": assets,
        "largest_page_with_assets_bytes": sizes[largest] + assets,
        "pages_over_limit": [name for name, size in sizes.items() if size + assets >= PAGE_LIMIT_BYTES],
    }


def markdown(result: dict[str, Any]) -> str:
    from kuntatalous.processes import default_jobs

    mib = 1024 * 1024
    return "\n".join(
        [
            "# Report site benchmark",
            "",
            f"{result['documents']} synthetic documents, {result['years']} statement years "
            f"(`scripts/bench_report.py`, {result['when']}, {default_jobs()} cores).",
            "",
            "| measure | value | limit |",
            "| --- | --- | --- |",
            f"| `kuntatalous report`, wall clock, median of {len(result['seconds'])} "
            f"| {result['median_seconds']:.1f} s "
            f"(runs: {', '.join(f'{s:.1f}' for s in result['seconds'])}; load average "
            f"{result['load_average']:.1f} at the end) | < {SITE_LIMIT_SECONDS:.0f} s |",
            f"| the same, CPU time (user + system), median | {result['median_cpu_seconds']:.1f} s | |",
            f"| `kuntatalous report` again over that site, every page kept, wall clock (CPU) "
            f"| {result['kept_seconds']:.1f} s ({result['kept_cpu_seconds']:.1f} s) | |",
            f"| pages (index and municipality-years, Finnish and English) | {result['pages']} | |",
            f"| largest page ({result['largest_page']}) | {result['largest_page_bytes'] / mib:.2f} MB | < 2 MB |",
            f"| median page | {result['median_page_bytes'] / mib:.2f} MB | |",
            f"| scripts and styles beside the pages (shared) | {result['assets_bytes'] / mib:.2f} MB | |",
            f"| largest page with them | {result['largest_page_with_assets_bytes'] / mib:.2f} MB | < 2 MB |",
            f"| report texts copied (one page each) | {result['source_pages']} | |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder for report-bench.md and .json")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, default=REPO / "target" / "bench-report")
    parser.add_argument(
        "--keep-warehouse", action="store_true", help="time the site of the warehouse an earlier run built"
    )
    args = parser.parse_args(argv)
    corpus = generate(args.documents, args.years, args.work / f"corpus-{args.documents}")
    database = args.work / "build" / "warehouse.duckdb"
    if not (args.keep_warehouse and database.is_file()):
        database = build_warehouse(corpus, args.work / "build")
    runs = [time_site(database, corpus, fresh(args.work / "site")) for _ in range(args.repeats)]
    seconds, cpu = [wall for wall, _ in runs], [used for _, used in runs]
    kept_seconds, kept_cpu = time_site(database, corpus, args.work / "site")
    result = {
        "documents": args.documents,
        "years": args.years,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg()[0],
        "seconds": seconds,
        "median_seconds": statistics.median(seconds),
        "cpu_seconds": cpu,
        "median_cpu_seconds": statistics.median(cpu),
        "kept_seconds": kept_seconds,
        "kept_cpu_seconds": kept_cpu,
        **measure(args.work / "site"),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report-bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / "report-bench.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
