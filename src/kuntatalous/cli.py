"""Command line: ``kuntatalous extract REPORTS... --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.seeds import seed_files, write_seeds

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kuntatalous", description="Finnish municipal financial statements into an analytics warehouse."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser(
        "extract", help="read report files and write the raw seed CSVs", description=extract_description()
    )
    extract.add_argument("reports", nargs="+", type=Path, help="report files or folders of reports")
    extract.add_argument("--out", type=Path, required=True, help="folder for the raw seed CSVs")
    extract.add_argument(
        "--manifest",
        type=Path,
        help="CSV of file,municipality (default: manifest.csv inside each reports folder, if present)",
    )
    extract.add_argument("--quiet", action="store_true", help="print errors only")
    return parser


def extract_description() -> str:
    return (
        "Reads every .txt/.md report given (files or folders), finds the budget and investment "
        "tables and writes raw_documents.csv, raw_budget_rows.csv and raw_report_tables.csv. "
        "Nothing is written unless every file was read."
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        extraction = extract_paths(args.reports, args.manifest)
        files = seed_files(extraction)
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    if not extraction.documents:
        print("error: no report files (.txt, .md) found in " + ", ".join(map(str, args.reports)), file=sys.stderr)
        return EXIT_INPUT_ERROR
    write_seeds(files, args.out)
    if not args.quiet:
        for warning in extraction.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(
            f"extracted {len(extraction.documents)} report(s): {len(extraction.budget_rows)} budget rows "
            f"from {sum(t['is_extracted'] == 'true' for t in extraction.tables)} table blocks into {args.out}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
