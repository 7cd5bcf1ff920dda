"""The benchmark's command line: every section in turn, written as Markdown and JSON."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

import benchmark
from benchmark.build import bench_build
from benchmark.corpus import generate
from benchmark.document import machine, markdown
from benchmark.extraction import bench_extraction, extraction_profile
from benchmark.incremental import bench_incremental
from benchmark.large_report import bench_large_report
from benchmark.paths import REPO
from benchmark.postgres import bench_postgres
from benchmark.queries import bench_queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(benchmark.__doc__ or "").split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tens of documents, one repetition: checks it works")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for benchmarks.md and .json")
    args = parser.parse_args(argv)
    extract_sizes, build_sizes, repeats = ((10, 20), (2, 20), 1) if args.smoke else ((10, 100, 1000), (2, 100, 1000), 3)
    scratch = REPO / "target" / ("bench-smoke" if args.smoke else "bench")
    scratch.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpora = {size: generate(size, scratch / f"corpus-{size}") for size in sorted({*extract_sizes, *build_sizes})}
    sections = [bench_extraction({n: corpora[n] for n in extract_sizes}, scratch, repeats)]
    largest = max(extract_sizes)
    sections.append(extraction_profile(corpora[largest], scratch / f"extract-{largest}"))
    build, warehouses = bench_build({n: corpora[n] for n in build_sizes}, scratch, repeats)
    sections.append(build)
    pg_sizes = build_sizes[:1] if args.smoke else [n for n in build_sizes if n >= 100]
    by_size = {row["documents"]: row for row in build.rows}
    sections.append(bench_postgres({n: corpora[n] for n in pg_sizes}, scratch, repeats, by_size))
    sections.append(bench_incremental(corpora[max(build_sizes)], scratch, repeats))
    large = [(6, 60), (12, 120)] if args.smoke else [(50, 600), (100, 1200)]
    sections.append(bench_large_report(large, scratch))
    sections.append(bench_queries(warehouses[max(build_sizes)], 5 if args.smoke else 50))
    seconds = time.perf_counter() - started
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    about = machine()
    args.out.mkdir(parents=True, exist_ok=True)
    name = "benchmarks-smoke" if args.smoke else "benchmarks"
    (args.out / f"{name}.md").write_text(markdown(sections, about, when, seconds), encoding="utf-8")
    result = {
        "measured_at": when,
        "seconds": round(seconds, 1),
        "machine": about,
        "sections": [asdict(section) for section in sections],
    }
    (args.out / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"benchmark written: {args.out / name}.md and .json ({seconds:.0f} s)")
    return 0
