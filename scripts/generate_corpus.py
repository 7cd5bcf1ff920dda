#!/usr/bin/env python3
"""Write a synthetic corpus of report sections, for benchmarks and tests.

    .venv/bin/python scripts/generate_corpus.py --documents 1000 --out /tmp/corpus --seed 1

writes 1000 report files of municipalities with invented figures (consecutive statement years, every
section of each year), a manifest.csv naming some of their municipalities,
and expected/ with the organisation it invented (the build infers the same tree from the reports):

    make build REPORTS=/tmp/corpus DATABASE=/tmp/corpus.duckdb

With ``--family`` the municipalities take turns through the layouts of the report family
(budget phases, years in the header / on a second line / in the title only, both variance
signs, euros / thousands / millions, dot / space / no thousands separators, the Treasury's
words, Swedish statements, the whole city's income statement, columns that are no budget
phase); without it, every municipality prints Heinola's layout.

The same arguments always write the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kuntatalous.synthetic import generate_corpus, write_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, required=True, help="how many report sections to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--years", type=int, default=3, help="consecutive statement years (default: 3)")
    parser.add_argument("--last-year", type=int, default=2025, help="the last statement year (default: 2025)")
    parser.add_argument(
        "--family",
        action="store_true",
        help="mix the report family's layouts (phases, scales, separators, Swedish, ...) across municipalities",
    )
    parser.add_argument(
        "--municipalities",
        type=int,
        help="how many municipalities (default: as many as sections of 3 to 10 a year need)",
    )
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; give a new or empty folder")
    started = time.perf_counter()
    try:
        corpus = generate_corpus(
            args.documents,
            args.seed,
            years=args.years,
            last_year=args.last_year,
            municipalities=args.municipalities,
            family=args.family,
        )
    except ValueError as exc:
        parser.error(str(exc))
    write_corpus(corpus, args.out)
    elapsed = time.perf_counter() - started
    years = sorted({year for municipality in corpus.municipalities for year in municipality.years})
    print(
        f"wrote {len(corpus.reports)} report sections of {len(corpus.municipalities)} municipalities "
        f"({years[0]}-{years[-1]}) to {args.out} in {elapsed:.1f} s",
        file=sys.stderr,
    )
    print(f"build: make build REPORTS={args.out.resolve()} DATABASE=<file>.duckdb", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
