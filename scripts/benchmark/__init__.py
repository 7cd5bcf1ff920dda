"""Benchmark the extractor and the warehouse build on a synthetic corpus (``make bench``).

Every figure is measured in this one run, beside a floor measured in the same run on the
same machine, and reported as a ratio: machines are noisy, ratios within one run are not.

1. Extraction throughput (MB/s, tables/s) at several corpus sizes, against reading the same
   files and splitting them into lines and tab-separated cells in plain Python.
2. Warehouse build (``dbt build``: reference seeds, models, tests) at several sizes, against
   the compiled SQL of the same seeds, models and data tests executed in one DuckDB
   connection; dbt's fixed start-up cost (a build that selects nothing) is reported on its own.
3. Incremental: one report added to the largest corpus, extracted with the content-hash
   cache, and the build that follows, against a build with no change.
4. Analyst queries on the largest warehouse: median latency of each.
5. Peak memory (maximum resident set size) of each step's process.
6. One large report at two sizes (a section of many units that only the print order places,
   a table of many lines): how the nodes whose work grows faster than a report's size grow.

    scripts/bench.py                       # make bench: docs/benchmarks.md and .json
    scripts/bench.py --smoke --out DIR     # make bench-smoke: tens of documents, no goals

Decisions the figures led to, and earlier runs' figures, are in docs/benchmark-decisions.md.

Reads no input but the generator's; writes only under ``--out`` and ``target/bench``.
"""
