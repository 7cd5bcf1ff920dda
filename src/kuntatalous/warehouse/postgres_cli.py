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

from kuntatalous.warehouse.postgres import LockTimeout, PostgresError, Schemas, connect, load_raw
from kuntatalous.warehouse.postgres_accounts import init_accounts
from kuntatalous.warehouse.postgres_build import BuildOptions, reader_role, run_build
from kuntatalous.warehouse.postgres_publish import publish, rollback

EXIT_LOCKED = 75
EXIT_ERROR = 2


def add_postgres_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "postgres", help="the warehouse on a PostgreSQL server (make build TARGET=postgres)", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="load the raw CSVs, dbt build a candidate, publish it, export")
    build.add_argument("--raw", type=Path, required=True, help="folder of the extractor's raw CSVs")
    build.add_argument("--exports", type=Path, required=True, help="folder for the marts' Parquet and CSV files")
    build.add_argument("--lock-wait", type=float, default=3600.0, help="seconds to wait for another build")
    build.add_argument("--target-path", type=Path, default=Path("target"), help="dbt's target folder")
    load = actions.add_parser("load", help="COPY the raw CSVs into the raw schema (what build does first)")
    load.add_argument("--raw", type=Path, required=True, help="folder of the extractor's raw CSVs")
    actions.add_parser("publish", help="publish the candidate schema (the published becomes the previous)")
    actions.add_parser("rollback", help="publish the previous schema again")
    init = actions.add_parser("init", help="as an administrator: create the build and reader roles and grants")
    init.add_argument("--build-role", default="kuntatalous_build")
    init.add_argument("--reader-role", default=None, help="default: KUNTATALOUS_PG_READER or kuntatalous_reader")
    init.add_argument("--build-password-env", help="environment variable holding the build role's password")
    init.add_argument("--reader-password-env", help="environment variable holding the reader role's password")


def run_postgres(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except LockTimeout as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except PostgresError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    if args.action == "build":
        return run_build(BuildOptions(args.raw, args.exports, args.lock_wait, args.target_path))
    schemas = Schemas.from_env()
    with connect() as conn:
        if args.action == "load":
            counts = load_raw(conn, args.raw, schemas.raw)
            print(f"loaded {sum(counts.values())} raw rows into schema {schemas.raw}")
        elif args.action == "publish":
            publish(conn, schemas, reader_role())
            print(
                f"published schema {Schemas.marts(schemas.published)}; the previous build is schemas {schemas.previous}_*"
            )
        elif args.action == "rollback":
            rollback(conn, schemas, reader_role())
            print(f"rolled back: schema {Schemas.marts(schemas.published)} is the previous build again")
        elif args.action == "init":
            passwords = (_secret(args.build_password_env), _secret(args.reader_password_env))
            database = str(conn.info.dbname)
            init_accounts(conn, database, args.build_role, args.reader_role or reader_role(), passwords)
            print(
                f"roles {args.build_role} (build) and {args.reader_role or reader_role()} (reader) ready in {database}"
            )
    return 0


def _secret(variable: str | None) -> str | None:
    return os.environ[variable] if variable else None
