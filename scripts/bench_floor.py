"""The floor of a dbt build, in a process of its own (for its own peak memory): the SQL that dbt
compiled into TARGET (manifest.json, in the order of run_results.json) run in one DuckDB
connection into DATABASE.

    scripts/bench_floor.py TARGET DATABASE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmark.dbt_runs import node_seconds
from benchmark.floor import floor_build


def main(argv: list[str]) -> int:
    target, database = Path(argv[0]), Path(argv[1])
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    floor = floor_build(manifest, list(node_seconds(target / "run_results.json")), database)
    print(f"floor {floor.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
