"""``kuntatalous postgres build|publish|rollback|load|init``: the warehouse on a PostgreSQL server.

The server and database are libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE,
PGPASSWORD or ~/.pgpass); the schemas' base name is KUNTATALOUS_PG_SCHEMA (default
``kuntatalous``), the reader role KUNTATALOUS_PG_READER (default ``kuntatalous_reader``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kuntatalous.warehouse.exports import SPREADSHEETS_DEFAULT, ExportError

if TYPE_CHECKING:
    from kuntatalous.warehouse.postgres import Schemas
    from kuntatalous.warehouse.postgres_publish import Connection

EXIT_LOCKED = 75
EXIT_ERROR = 2


def add_postgres_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "postgres", help="the warehouse on a PostgreSQL server (make build TARGET=postgres)", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="load the raw CSVs, dbt build a candidate, publish it, export")
    build.add_argument("--raw", type=Path, required=True, help="folder of the extractor's raw CSVs")
    _add_export_paths(build)
    build.add_argument("--lock-wait", type=float, default=3600.0, help="seconds to wait for another build")
    build.add_argument("--target-path", type=Path, default=Path("target"), help="dbt's target folder")
    build.add_argument("--verbose", action="store_true", help="dbt's own output, every stored failing row")
    load = actions.add_parser("load", help="COPY the raw CSVs into the raw schema (what build does first)")
    load.add_argument("--raw", type=Path, required=True, help="folder of the extractor's raw CSVs")
    actions.add_parser("publish", help="publish the candidate schema (the published becomes the previous)")
    _add_export_paths(actions.add_parser("rollback", help="publish the previous schema again, export its marts"))
    init = actions.add_parser(
        "init",
        help="as an administrator: create the build and reader roles and grants, and the reader's search_path "
        "(the published marts of KUNTATALOUS_PG_SCHEMA)",
    )
    init.add_argument("--build-role", default="kuntatalous_build")
    init.add_argument("--reader-role", default=None, help="default: KUNTATALOUS_PG_READER or kuntatalous_reader")
    init.add_argument("--build-password-env", help="environment variable holding the build role's password")
    init.add_argument("--reader-password-env", help="environment variable holding the reader role's password")


def _add_export_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exports",
        type=Path,
        help="the exports link, a release folder of every mart per build "
        "(default: warehouse/<KUNTATALOUS_PG_SCHEMA>.postgres.exports)",
    )
    parser.add_argument(
        "--snapshot",
        type=Path,
        help="the local DuckDB copy of the published marts, exported from "
        "(default: warehouse/<KUNTATALOUS_PG_SCHEMA>.postgres.duckdb)",
    )
    parser.add_argument(
        "--spreadsheets",
        default=SPREADSHEETS_DEFAULT,
        metavar="MUNICIPALITIES",
        help="whose marts to write as CSV, Finnish CSV and xlsx besides every mart's Parquet, as "
        "`kuntatalous publish --spreadsheets` (default: auto); the report site is not written",
    )


def _export_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The snapshot and the exports link: as given, else the warehouse's defaults."""
    from kuntatalous.warehouse.postgres import Schemas
    from kuntatalous.warehouse.postgres_exports import default_paths

    snapshot, exports = default_paths(Schemas.from_env().base)
    return args.snapshot or snapshot, args.exports or exports


def run_postgres(args: argparse.Namespace) -> int:
    # psycopg and the server's modules load here, when a postgres command runs, not with the CLI.
    from kuntatalous.warehouse.postgres import LockTimeoutError, PostgresError

    try:
        return _run(args)
    except LockTimeoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except (PostgresError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    from kuntatalous.warehouse.postgres import Schemas, connect
    from kuntatalous.warehouse.postgres_build import BuildOptions, run_build

    if args.action == "build":
        snapshot, exports = _export_paths(args)
        options = BuildOptions(
            args.raw, exports, snapshot, args.lock_wait, args.target_path, args.verbose, args.spreadsheets
        )
        return run_build(options)
    schemas = Schemas.from_env()
    actions = {"load": _load, "publish": _publish, "rollback": _rollback, "init": _init}
    with connect() as conn:
        actions[args.action](conn, schemas, args)
    return 0


def _load(conn: Connection, schemas: Schemas, args: argparse.Namespace) -> None:
    from kuntatalous.warehouse.postgres import load_raw

    counts = load_raw(conn, args.raw, schemas.raw)
    print(f"loaded {sum(counts.values())} raw rows into schema {schemas.raw}")


def _publish(conn: Connection, schemas: Schemas, args: argparse.Namespace) -> None:
    from kuntatalous.warehouse.postgres import Schemas, build_lock
    from kuntatalous.warehouse.postgres_build import reader_role
    from kuntatalous.warehouse.postgres_publish import publish

    with build_lock(conn, schemas, 0):
        publish(conn, schemas, reader_role())
    published = Schemas.marts(schemas.published)
    print(f"published schema {published}; the previous build is schemas {schemas.previous}_*")


def _rollback(conn: Connection, schemas: Schemas, args: argparse.Namespace) -> None:
    from kuntatalous.warehouse.postgres import Schemas, build_lock
    from kuntatalous.warehouse.postgres_build import reader_role
    from kuntatalous.warehouse.postgres_exports import export_published
    from kuntatalous.warehouse.postgres_publish import rollback

    snapshot, exports = _export_paths(args)
    with build_lock(conn, schemas, 0):
        rollback(conn, schemas, reader_role())
        marts = Schemas.marts(schemas.published)
        folder = export_published(conn, marts, snapshot, exports, args.spreadsheets)
    print(
        f"rolled back: schema {Schemas.marts(schemas.published)} is the previous build again; "
        f"the exports {exports} hold its marts ({folder.name})"
    )


def _init(conn: Connection, schemas: Schemas, args: argparse.Namespace) -> None:
    from kuntatalous.warehouse.postgres import Schemas
    from kuntatalous.warehouse.postgres_accounts import init_accounts
    from kuntatalous.warehouse.postgres_build import reader_role

    passwords = (_secret(args.build_password_env), _secret(args.reader_password_env))
    database = str(conn.info.dbname)
    roles = (args.build_role, args.reader_role or reader_role())
    init_accounts(conn, database, roles, passwords, Schemas.marts(schemas.published))
    print(
        f"roles {roles[0]} (build) and {roles[1]} (reader) ready in {database}; the reader's "
        f"search_path is {Schemas.marts(schemas.published)}"
    )


def _secret(variable: str | None) -> str | None:
    return os.environ[variable] if variable else None
