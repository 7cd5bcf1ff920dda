"""Benchmark the extractor and the warehouse build on a synthetic corpus (``make bench``): the
entry point of the ``benchmark`` package beside this script.

    scripts/bench.py                       # make bench: docs/benchmarks.md and .json
    scripts/bench.py --smoke --out DIR     # make bench-smoke: tens of documents, no goals
"""

from __future__ import annotations

import sys

from benchmark.main import main

if __name__ == "__main__":
    sys.exit(main())
