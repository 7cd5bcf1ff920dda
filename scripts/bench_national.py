"""The national benchmark (``make bench-national``): every goal of a warehouse of all of Finland,
24 000 synthetic documents, measured in one run (up to 40 minutes).

    scripts/bench_national.py --out docs     # docs/benchmarks-national.md and .json
"""

from __future__ import annotations

import sys

from benchmark.national import main

if __name__ == "__main__":
    sys.exit(main())
