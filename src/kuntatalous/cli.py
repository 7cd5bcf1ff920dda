"""Command line: ``kuntatalous extract``, and the build's steps (``build-report``, ``publish``,
``rollback``, ``export``, ``record-run``, ``last-run``) that ``scripts/build.sh`` runs.

``scripts/build.sh`` starts this CLI about nine times per build, so importing it is cheap: the
modules imported here build a command's parser and hold its run function, and import what is
heavy (duckdb, psycopg, the extractor, the site's libraries) inside the functions that use it.
tests/python/test_cli.py checks that starting the CLI loads none of them.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kuntatalous.errors import ExtractionError
from kuntatalous.output.records import BUDGET_ROWS, GOALS, KEY_FIGURES, PROJECTS, REJECTS, REPORT_TABLES, RISKS
from kuntatalous.processes import default_jobs
from kuntatalous.text.reading import folder_entries, is_report_name, name_order
from kuntatalous.warehouse import serving
from kuntatalous.warehouse.build_plan import add_plan_command, run_plan
from kuntatalous.warehouse.build_report import build_report
from kuntatalous.warehouse.dbt_build import add_dbt_build_command, run_dbt_build
from kuntatalous.warehouse.exports import SPREADSHEETS_DEFAULT
from kuntatalous.warehouse.postgres_cli import add_postgres_commands, run_postgres
from kuntatalous.warehouse.progress import follow

if TYPE_CHECKING:
    from kuntatalous.output.cache import ExtractionCache
    from kuntatalous.output.stream import Summary

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
    cached = extract.add_mutually_exclusive_group()
    cached.add_argument(
        "--cache",
        type=Path,
        help="folder of earlier extractions by content hash: read only new or changed reports",
    )
    cached.add_argument(
        "--cache-root",
        type=Path,
        help="a folder of such caches, one per set of report folders, so that extracting other reports "
        "prunes none of these reports' entries (those of report folders that are gone are removed; "
        "scripts/build.sh uses target/extract-cache)",
    )
    extract.add_argument(
        "--jobs",
        type=positive_int,
        default=default_jobs(),
        help="reports extracted at once, one process each (default: the machine's CPU count, "
        f"{default_jobs()}); 1 extracts in this process. The output is the same bytes whatever the number",
    )
    extract.add_argument("--quiet", action="store_true", help="print errors and the rejects' count only")
    add_report_commands(commands)
    add_serving_commands(commands)
    add_postgres_commands(commands)
    add_plan_command(commands)
    add_dbt_build_command(commands)
    return parser


def positive_int(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


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
    database.add_argument(
        "--exports",
        "--out",
        type=Path,
        help="the exports link (default: <name>.exports beside the published file)",
    )
    database.add_argument(
        "--lock-held", action="store_true", help="the caller holds the warehouse's lock (scripts/build.sh)"
    )
    database.add_argument(
        "--site", type=Path, help="the report site's link (default: <name>.report beside the published file)"
    )
    contents = argparse.ArgumentParser(add_help=False)
    contents.add_argument(
        "--reports", type=Path, help="write the report site into the release, its figures linked to these texts"
    )
    contents.add_argument(
        "--spreadsheets",
        default=SPREADSHEETS_DEFAULT,
        metavar="MUNICIPALITIES",
        help="whose marts to write as CSV, Finnish CSV and xlsx (into <municipality>/ of the release): "
        "names or slugs, comma-separated (Heinola,Lahti), all, none, or auto (default: every municipality "
        "if the warehouse holds one, else none); every mart is written as Parquet whatever this says",
    )
    commands.add_parser(
        "publish",
        parents=[database, contents],
        help="export the audited candidate (<name>.candidate.duckdb), swap it in and switch the exports",
        description="Checkpoints <name>.candidate.duckdb, exports its marts (and with --reports writes its "
        "report site) into a new release folder, renames it over the published file in one step and points "
        "the exports link, and with it the site, at its folder; the file it replaces is kept as "
        "<name>.previous.duckdb.",
    )
    commands.add_parser(
        "rollback",
        parents=[database],
        help="publish <name>.previous.duckdb again, with its exports (the current file becomes the previous)",
    )
    commands.add_parser(
        "export",
        parents=[database, contents],
        help="export every mart (fact_, dim_, rpt_) afresh as Parquet, and the spreadsheets asked for",
    )
    commands.add_parser(
        "recover",
        parents=[database],
        help="finish a publish, rollback or export that was stopped: previous file and exports put right",
    )
    commands.add_parser("lock-file", parents=[database], help="print the path of the warehouse's lock")
    record = commands.add_parser(
        "record-run", parents=[database], help="record how a build ended in <name>.last-run.json"
    )
    record.add_argument("--status", choices=("running", "published", "failed"), required=True)
    record.add_argument("--stage", required=True, help="the last stage reached")
    record.add_argument("--exit-code", type=int, default=0)
    record.add_argument("--started-at", required=True)
    record.add_argument("--finished-at", default="")
    record.add_argument("--message", default="", help="what happened (default: said from the files)")
    record.add_argument("--pid", type=int, help="the build's process id (with --status running)")
    record.add_argument("--run-results", type=Path, help="dbt's run_results.json, if dbt ran")
    record.add_argument("--path", action="append", default=[], metavar="NAME=PATH", help="a file worth looking at")
    last = commands.add_parser(
        "last-run",
        parents=[database],
        help="how the last build ended: stage, exit code, dbt's models and tests passed, warned and failed",
    )
    last.add_argument("--json", action="store_true", help="print the record as JSON")
    site = commands.add_parser(
        "report",
        help="write the static report site (a page per municipality and year) into the published release",
        description="Writes the report site of the published warehouse into a new release folder (the "
        "current release's exports kept, hard-linked) and switches the exports link, and with it the site "
        "link (<name>.report), to it in one step. With --out, writes a site into that folder instead, "
        "outside any release.",
    )
    site.add_argument("--database", type=Path, required=True, help="the published DuckDB file")
    site.add_argument("--reports", type=Path, required=True, help="the report texts the warehouse was built from")
    site.add_argument("--out", type=Path, help="write the site into this folder (replaced whole), not the release")
    site.add_argument("--exports", type=Path, help="the exports link (default: <name>.exports beside the database)")
    site.add_argument("--site", type=Path, help="the site's link (default: <name>.report beside the database)")
    site.add_argument("--lock-held", action="store_true", help="the caller holds the warehouse's lock")


def extract_description() -> str:
    return (
        "Reads every .txt/.md report given (files or folders), finds the budget, investment, financing, projects, "
        "key-figure, goals and risks tables and writes raw_documents.csv, raw_budget_rows.csv, "
        "raw_projects.csv, raw_key_figures.csv, raw_goals.csv, raw_risks.csv, raw_report_tables.csv and "
        "raw_rejects.csv. Strict by default: the first cell, row, table or file that cannot be read stops "
        "extraction (exit 2) and nothing is written. With --keep-going each of them is written to "
        "raw_rejects.csv instead, everything else is extracted and the exit status is 0; the warehouse "
        "build then fails its no-rejects test until each reject is fixed or accepted. Tables left out by "
        "design (the municipal group's statements, a summary by unit) are written there either way, and "
        "neither stop the extraction nor fail that test."
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
    if args.command == "postgres":
        return run_postgres(args)
    if args.command == "plan-build":
        return run_plan(args)
    if args.command == "dbt-build":
        return run_dbt_build(args)
    if args.command == "report" and args.out is not None:
        return write_site(args)
    return serving.serve(args)


def write_site(args: argparse.Namespace) -> int:
    from kuntatalous.site.build import build_site

    try:
        summary = build_site(args.database, args.reports, args.out, previous=args.out)
    except (FileNotFoundError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"wrote {len(summary.pages)} pages into {args.out} (open {args.out / 'index.html'}); "
        f"{len(summary.reused)} pages and report texts unchanged, kept from the previous site"
    )
    return 0


def extract(args: argparse.Namespace) -> int:
    from kuntatalous.output.cache import ExtractionCache, cache_for
    from kuntatalous.output.seeds import StagedSeeds
    from kuntatalous.output.stream import stream_extraction
    from kuntatalous.text.morphology import MorphologyUnavailableError

    folder = cache_for(args.cache_root, args.reports) if args.cache_root else args.cache
    cache = ExtractionCache(folder) if folder else None
    try:
        check_file_names(args.reports)
        with StagedSeeds(args.out) as seeds:
            summary = stream_extraction(
                args.reports, seeds, manifest=args.manifest, keep_going=args.keep_going, cache=cache, jobs=args.jobs
            )
            if not summary.reports and not summary.rows[REJECTS.name]:
                found_in = ", ".join(map(str, args.reports))
                print(f"error: no report files (.txt, .md) found in {found_in}", file=sys.stderr)
                return EXIT_INPUT_ERROR
            seeds.commit()
    except (ExtractionError, MorphologyUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    finally:
        for warning in cache.warnings if cache else []:
            print(f"warning: {warning}", file=sys.stderr)
    pruned = cache.prune() if cache else 0
    if not args.quiet:
        print_summary(summary, args.out, cache, pruned)
    if args.keep_going:
        print(f"{summary.rows[REJECTS.name]} reject(s) written to {args.out / REJECTS_FILE}", file=sys.stderr)
    return 0


def print_summary(summary: Summary, out: Path, cache: ExtractionCache | None, pruned: int) -> None:
    """The warnings, each reject (as written; one left out by design says so) and what was
    extracted, on stderr."""
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    with (out / REJECTS_FILE).open(encoding="utf-8", newline="") as rejects:
        for reject in csv.DictReader(rejects):
            where = reject["source_file"] + (f":{reject['source_line']}" if reject["source_line"] else "")
            kind = f"not read by design ({reject['by_design']})" if reject["by_design"] else "reject"
            print(f"{kind}: {where}: {reject['reason']}", file=sys.stderr)
    rows = summary.rows
    print(
        f"extracted {summary.reports} report(s)" + (f" ({summary.cached} from the cache)" if cache else "") + ", "
        f"{summary.extracted_tables} of {rows[REPORT_TABLES.name]} table blocks: "
        f"{rows[BUDGET_ROWS.name]} budget rows, {rows[PROJECTS.name]} project rows, "
        f"{rows[KEY_FIGURES.name]} key-figure values, {rows[GOALS.name]} goals, "
        f"{rows[RISKS.name]} risks into {out}",
        file=sys.stderr,
    )
    if pruned:
        print(f"removed {pruned} cache entr{'y' if pruned == 1 else 'ies'} no report uses", file=sys.stderr)


def check_file_names(reports: list[Path]) -> None:
    """Stop on a report whose file name is not UTF-8: it could not be named in the raw CSVs. A
    folder's names are checked as text; only the first offender (in path order) becomes a path."""
    for path in reports:
        if not path.is_dir():
            if not _is_utf8(path.name):
                _bad_file_name(path)
            continue
        names = (name for name, _ in folder_entries(path))
        bad = [name for name in names if is_report_name(name) and not _is_utf8(name.rpartition("/")[2])]
        if bad:
            _bad_file_name(path / min(bad, key=name_order))


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_file_name(path: Path) -> NoReturn:
    shown = str(os.fsencode(path))[2:-1]
    raise ExtractionError(shown, None, "the file name is not UTF-8: rename the file")


if __name__ == "__main__":
    sys.exit(main())
