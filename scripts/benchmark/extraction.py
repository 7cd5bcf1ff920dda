"""1. Extraction throughput against splitting the same files, and where the time goes."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from benchmark.corpus import extract_in_process, report_files
from benchmark.document import Section
from benchmark.measure import median_time, run_process
from benchmark.paths import BIN


def split_floor(files: list[Path]) -> int:
    """The least any extractor must do: read every file, split it into lines and cells."""
    cells = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").split("\n"):
            cells += len(line.split("\t"))
    return cells


def bench_extraction(corpora: dict[int, Path], scratch: Path, repeats: int) -> Section:
    section = Section(
        "Extraction",
        "`kuntatalous extract` in process (read, find tables, parse rows, write the seed CSVs) against "
        "the floor: reading the same files and splitting them into lines and tab-separated cells.",
    )
    for size, corpus in corpora.items():
        files = report_files(corpus)
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        out = scratch / f"extract-{size}"
        tables = extract_in_process(corpus, out)  # warm the imports and the page cache
        floor, _ = median_time(partial(split_floor, files), repeats)
        seconds, runs = median_time(partial(extract_in_process, corpus, out), repeats)
        memory = run_process([str(BIN / "kuntatalous"), "extract", str(corpus), "--out", str(out), "--quiet"])
        section.rows.append(
            {
                "documents": len(files),
                "MB": round(megabytes, 2),
                "tables": tables,
                "extract s": round(seconds, 3),
                "floor s": round(floor, 3),
                "ratio": round(seconds / floor, 2),
                "MB/s": round(megabytes / seconds, 2),
                "tables/s": round(tables / seconds),
                "peak MB": memory.peak_rss_mb,
                "runs s": [round(run, 3) for run in runs],
            }
        )
    largest, smallest = section.rows[-1], section.rows[0]
    section.goal("extract / floor at the largest size", largest["ratio"], 3.0)
    section.goal("seconds per MB, largest / smallest size (linear)", smallest["MB/s"] / largest["MB/s"], 1.5)
    section.after = (
        f"**Against the floor.** The extractor takes {largest['ratio']} times the floor at the largest size, "
        f"at {largest['MB/s']} MB/s and {largest['tables/s']} tables/s; the profile below shows where the time "
        "goes. Why this ratio is accepted: docs/benchmark-decisions.md."
    )
    return section


def extraction_profile(corpus: Path, out: Path, top: int = 10) -> Section:
    """Where extraction spends its time: the functions with the most time of their own."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(extract_in_process, corpus, out)
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = []
    entries = stats.stats.items()  # type: ignore[attr-defined]
    for (file, line, function), (_, calls, own, cumulative, _) in sorted(entries, key=lambda e: -e[1][2])[:top]:
        where = f"{Path(file).name}:{line}" if line else file
        rows.append(
            {
                "function": f"{function} ({where})",
                "calls": calls,
                "own s": round(own, 3),
                "own %": round(100 * own / total, 1),
                "with callees s": round(cumulative, 3),
            }
        )
    return Section(
        "Where extraction spends its time",
        f"cProfile of one extraction of the largest corpus ({total:.2f} s under the profiler): the {top} "
        "functions with the most time of their own.",
        rows,
    )
