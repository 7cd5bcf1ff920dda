"""Command line: ``kuntatalous extract``, and the build's steps (``build-report``, ``publish``,
``rollback``, ``export``, ``record-run``, ``last-run``) that ``scripts/build.sh`` runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output.cache import ExtractionCache
from kuntatalous.output.seeds import seed_files, write_seeds
from kuntatalous.warehouse.build_report import build_report
from kuntatalous.warehouse.exports import export_marts
from kuntatalous.warehouse.progress import follow
from kuntatalous.warehouse.publish import PublishError, WarehousePaths, publish, rollback
from kuntatalous.warehouse.run_summary import (
    RunRecord,
    describe_record,
    read_record,
    summarise_run_results,
    write_record,
)

EXIT_INPUT_ERROR = 2
KEEP_GOING_ENV = "KUNTATALOUS_KEEP_GOING"
REJECTS_FILE = "raw_rejects.csv"


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
    extract.add_argument(
        "--keep-going",
        action="store_true",
        default=os.environ.get(KEEP_GOING_ENV, "").lower() in ("1", "true", "yes"),
        help="write what cannot be read to raw_rejects.csv and extract everything else, instead of stopping "
        f"at the first error (default: on when {KEEP_GOING_ENV}=1)",
    )
    extract.add_argument(
        "--cache",
        type=Path,
        help="folder of earlier extractions by content hash: read only new or changed reports "
        "(scripts/build.sh uses target/extract-cache)",
    )
    extract.add_argument("--quiet", action="store_true", help="print errors and the rejects' count only")
    add_report_commands(commands)
    add_serving_commands(commands)
    return parser


def add_report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "build-report",
        help="after dbt build: list what failed or warned, with the stored failing rows",
        description="Reads dbt's run_results.json and prints every test that failed or warned with its "
        "stored failing rows (the reconciliation tests' one-line messages), so a failed build names "
        "the unit, line item, year and difference.",
    )
    report.add_argument("--run-results", type=Path, required=True, help="dbt's target/run_results.json")
    report.add_argument("--database", type=Path, required=True, help="the DuckDB file the build wrote")
    report.add_argument("--limit", type=int, default=10, help="rows to print per test (default: 10)")
    report.add_argument(
        "--summary",
        action="store_true",
        help="count a reconciliation test's warnings by reason, not one by one",
    )
    report.add_argument("--failing", action="store_true", help="print one line naming each failing check")
    progress = commands.add_parser(
        "progress",
        help="read dbt's JSON log on stdin: one updating progress line, then a summary",
        description="scripts/build.sh pipes `dbt build --log-format json` into this for a quiet build.",
    )
    progress.set_defaults(command="progress")


def add_serving_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--database", type=Path, required=True, help="the published DuckDB file")
    commands.add_parser(
        "publish",
        parents=[database],
        help="swap the audited candidate (<name>.candidate.duckdb) in for the published file",
        description="Checkpoints <name>.candidate.duckdb and renames it over the published file in one "
        "step; the file it replaces is kept as <name>.previous.duckdb.",
    )
    commands.add_parser(
        "rollback",
        parents=[database],
        help="publish <name>.previous.duckdb again (the current file becomes the previous one)",
    )
    export = commands.add_parser(
        "export", parents=[database], help="write every mart (fact_, dim_, rpt_) as Parquet, CSV, Finnish CSV and xlsx"
    )
    export.add_argument("--out", type=Path, required=True, help="folder for the files, e.g. exports")
    record = commands.add_parser(
        "record-run", parents=[database], help="record how a build ended in <name>.last-run.json"
    )
    record.add_argument("--status", choices=("published", "failed"), required=True)
    record.add_argument("--stage", required=True, help="the last stage reached")
    record.add_argument("--exit-code", type=int, required=True)
    record.add_argument("--started-at", required=True)
    record.add_argument("--finished-at", required=True)
    record.add_argument("--message", required=True)
    record.add_argument("--run-results", type=Path, help="dbt's run_results.json, if dbt ran")
    record.add_argument("--path", action="append", default=[], metavar="NAME=PATH", help="a file worth looking at")
    last = commands.add_parser(
        "last-run",
        parents=[database],
        help="how the last build ended: stage, exit code, dbt's models and tests passed, warned and failed",
    )
    last.add_argument("--json", action="store_true", help="print the record as JSON")


def extract_description() -> str:
    return (
        "Reads every .txt/.md report given (files or folders), finds the budget, investment, projects, "
        "key-figure, goals and risks tables and writes raw_documents.csv, raw_budget_rows.csv, "
        "raw_projects.csv, raw_key_figures.csv, raw_goals.csv, raw_risks.csv, raw_report_tables.csv and "
        "raw_rejects.csv. Strict by default: the first cell, row, table or file that cannot be read stops "
        "extraction (exit 2) and nothing is written. With --keep-going each of them is written to "
        "raw_rejects.csv instead, everything else is extracted and the exit status is 0; the warehouse "
        "build then fails its no-rejects test until each reject is fixed or accepted."
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "build-report":
        report = build_report(args.run_results, args.database, args.limit, args.summary, args.failing)
        print(report, end="\n" if args.failing and report else "")
        return 0
    if args.command == "progress":
        follow(sys.stdin, sys.stdout)
        return 0
    if args.command == "extract":
        return extract(args)
    try:
        return serve(args)
    except (PublishError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR


def serve(args: argparse.Namespace) -> int:
    paths = WarehousePaths(args.database)
    record_file = paths.last_run
    if args.command == "publish":
        storage_version = publish(paths)
        print(f"published {paths.published} (storage {storage_version}); the previous file is {paths.previous}")
    elif args.command == "rollback":
        rollback(paths)
        print(f"rolled back: {paths.published} is the previous build again; the replaced one is {paths.previous}")
    elif args.command == "export":
        files = export_marts(paths.published, args.out)
        marts = sum(path.suffix == ".parquet" for path in files)
        print(f"exported {marts} marts as Parquet, CSV, Finnish CSV and one xlsx workbook into {args.out}")
    elif args.command == "record-run":
        write_record(run_record(args), record_file)
    elif args.command == "last-run":
        if not record_file.is_file():
            print(f"error: {record_file}: no build has been recorded", file=sys.stderr)
            return EXIT_INPUT_ERROR
        text = record_file.read_text(encoding="utf-8")
        print(text if args.json else describe_record(read_record(record_file)), end="")
    return 0


def run_record(args: argparse.Namespace) -> RunRecord:
    run_results: Path | None = args.run_results
    named = dict(item.split("=", 1) for item in args.path)
    return RunRecord(
        started_at=args.started_at,
        finished_at=args.finished_at,
        status=args.status,
        stage=args.stage,
        exit_code=args.exit_code,
        database=str(args.database),
        message=args.message,
        dbt=summarise_run_results(run_results) if run_results and run_results.is_file() else None,
        paths=named,
    )


def extract(args: argparse.Namespace) -> int:
    try:
        cache = ExtractionCache(args.cache) if args.cache else None
        extraction = extract_paths(args.reports, args.manifest, keep_going=args.keep_going, cache=cache)
        files = seed_files(extraction)
    except ExtractionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    if not extraction.documents and not extraction.rejects:
        print("error: no report files (.txt, .md) found in " + ", ".join(map(str, args.reports)), file=sys.stderr)
        return EXIT_INPUT_ERROR
    write_seeds(files, args.out)
    if not args.quiet:
        for warning in extraction.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for reject in extraction.rejects:
            print(f"reject: {_located(reject)}: {reject['reason']}", file=sys.stderr)
        print(
            f"extracted {len(extraction.documents)} report(s)"
            + (f" ({cache.hits} from the cache)" if cache else "")
            + ", "
            f"{sum(t['is_extracted'] == 'true' for t in extraction.tables)} of {len(extraction.tables)} table blocks: "
            f"{len(extraction.budget_rows)} budget rows, {len(extraction.projects)} project rows, "
            f"{len(extraction.key_figures)} key-figure values, {len(extraction.goals)} goals, "
            f"{len(extraction.risks)} risks into {args.out}",
            file=sys.stderr,
        )
    if args.keep_going:
        print(f"{len(extraction.rejects)} reject(s) written to {args.out / REJECTS_FILE}", file=sys.stderr)
    return 0


def _located(reject: dict[str, str]) -> str:
    line = reject["source_line"]
    return f"{reject['source_file']}:{line}" if line else reject["source_file"]


if __name__ == "__main__":
    sys.exit(main())
