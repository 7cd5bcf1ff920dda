"""6. One large report at two sizes: the nodes whose work grows faster than a report's size."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb

from benchmark.corpus import extract_in_process
from benchmark.dbt_runs import dbt_build, dbt_env, node_name, node_seconds
from benchmark.document import Section
from kuntatalous.synthetic.large_report import large_sections

WATCHED = {
    # The rule tries every run of the section's silent units against every unit printed above
    # it: runs times parents, at most the cube of the units (twice the units, 8 times the work).
    "int_unit_edges__sums": ("silent units", 8.0),
    # Each figure against the subtotals above it in the hierarchy: linear in a table's lines.
    "int_budget_amounts__term_sums": ("table lines", 3.0),
}
"""Node → (the size its work follows, the most its time may grow when that size doubles)."""

_NOTE = (
    "Two report sections of one municipality's year, generated at two sizes "
    "(kuntatalous.synthetic.large_report): a section whose units nothing but the print order places, "
    "each adding up to its top unit, and a unit whose table prints many expense lines. The national "
    "corpus has small sections and short tables, so it cannot show work that grows faster than a "
    "report. `dbt build --full-refresh` of the two, with each watched node's time."
)


def bench_large_report(sizes: list[tuple[int, int]], scratch: Path) -> Section:
    """``sizes``: (silent units, table lines) of each build, the second twice the first."""
    section = Section("One large report", _NOTE)
    for units, lines in sizes:
        section.rows.append(_build_row(units, lines, scratch / f"large-{units}-{lines}"))
    smaller, larger = section.rows[0], section.rows[-1]
    for node, (size, limit) in WATCHED.items():
        grown = larger[f"{node} s"] / max(smaller[f"{node} s"], 0.001)
        section.goal(f"{node}, twice the {size} / once", grown, limit)
    section.after = (
        "The limits follow each rule's own growth: the sums that place silent units try runs times "
        'parents, the term sums are linear (docs/benchmark-decisions.md, "One large report").'
    )
    return section


def _build_row(units: int, lines: int, scratch: Path) -> dict[str, Any]:
    shutil.rmtree(scratch, ignore_errors=True)
    corpus = scratch / "reports"
    corpus.mkdir(parents=True)
    for name, text in large_sections("Akaa", "Akaan kaupunki", 2025, units, lines).items():
        (corpus / name).write_text(text, encoding="utf-8")
    raw_seeds = scratch / "seeds" / "raw"
    extract_in_process(corpus, raw_seeds)
    database, target = scratch / "warehouse.duckdb", scratch / "target"
    run = dbt_build(dbt_env(corpus, raw_seeds, database, target), database)
    nodes = node_seconds(target / "run_results.json")
    slowest = sorted(nodes.items(), key=lambda item: -item[1])[:3]
    return {
        "silent units": units,
        "table lines": lines,
        "units placed by sums": _placed_by_sums(database),
        "dbt build s": round(run.seconds, 2),
        "peak MB": run.peak_rss_mb,
        **{f"{node} s": round(nodes[f"model.kuntatalous.{node}"], 2) for node in WATCHED},
        "slowest nodes": ", ".join(f"{node_name(key)} {seconds:.2f}" for key, seconds in slowest),
    }


def _placed_by_sums(database: Path) -> int:
    """How many units the build placed by their printed sums: the section's silent units, all
    of them, if the report is what it is meant to be."""
    with duckdb.connect(str(database), read_only=True) as con:
        placed = con.execute("select count(*) from analytics.dim_unit where hierarchy_source = 'sums'").fetchone()
    return int(placed[0]) if placed else 0
