"""The warehouse on a PostgreSQL server: schemas, raw loading, write-audit-publish, accounts.

A build on PostgreSQL works in schemas of one database, all named from one base name
(``KUNTATALOUS_PG_SCHEMA``, default ``kuntatalous``). Each build is a set of schemas named
from a prefix, one per layer of the dbt project (the ``+schema`` of each layer in
dbt_project.yml, as macros/generate_schema_name.sql names them on PostgreSQL):
``<prefix>_analytics`` (the marts), ``<prefix>_staging``, ``<prefix>_intermediate``,
``<prefix>_reference`` and ``<prefix>_audit`` (the tests' stored failures). The prefixes:

- ``<base>_raw`` (a schema of its own): the extractor's CSVs, loaded with ``COPY`` into tables
  typed from the record declarations (``output.records``), the same declarations that type
  DuckDB's ``read_csv``;
- ``<base>_candidate``: what ``dbt build`` writes and tests;
- ``<base>``: the published warehouse; the reader role may use its ``_analytics`` schema only,
  and there only the marts;
- ``<base>_previous``: the build published before, for rollback.

Publishing renames the schemas in one transaction (published -> previous, candidate ->
published) after taking an exclusive lock on the published marts, so that a reader's query
runs against the old warehouse or the new one, whole. The reader's grants are applied in the
same transaction. Builds of one database exclude each other with an advisory lock.
The connection comes from libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE,
PGPASSWORD or ~/.pgpass, PGSERVICE), as for psql.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import yaml
from psycopg import sql

from kuntatalous.output.records import RAW_TABLES, Field, RawTable

SCHEMA_ENV = "KUNTATALOUS_PG_SCHEMA"
RAW_SCHEMA_ENV = "KUNTATALOUS_PG_RAW_SCHEMA"
READER_ENV = "KUNTATALOUS_PG_READER"
EXTRA_REFERENCE_ENV = "KUNTATALOUS_EXTRA_REFERENCE"
DEFAULT_SCHEMA = "kuntatalous"
DEFAULT_READER = "kuntatalous_reader"
DBT_PROJECT = Path(__file__).resolve().parents[3] / "dbt_project.yml"
MARTS_LAYER = "analytics"
AUDIT_LAYER = "audit"
MART_PREFIXES = ("fact_", "dim_", "rpt_")
LOCK_KEY = "kuntatalous build"
"""Hashed into the advisory lock's key, together with the published schema's name."""
_TYPE = re.compile(r"varchar|integer|boolean|decimal\(\d+, \d+\)")
"""The declared field types; each is PostgreSQL's name for the type too."""


class PostgresError(Exception):
    """A PostgreSQL build step that cannot go on: the message says what and where."""


@dataclass(frozen=True)
class Schemas:
    """The schemas of one warehouse on the server, from its base name."""

    base: str = DEFAULT_SCHEMA

    @classmethod
    def from_env(cls) -> Schemas:
        return cls(os.environ.get(SCHEMA_ENV) or DEFAULT_SCHEMA)

    @property
    def published(self) -> str:
        return self.base

    @property
    def candidate(self) -> str:
        return f"{self.base}_candidate"

    @property
    def previous(self) -> str:
        return f"{self.base}_previous"

    @property
    def raw(self) -> str:
        return os.environ.get(RAW_SCHEMA_ENV) or f"{self.base}_raw"

    @staticmethod
    def marts(prefix: str) -> str:
        """The schema of the marts of the build named ``prefix``."""
        return f"{prefix}_{MARTS_LAYER}"

    @staticmethod
    def audit(prefix: str) -> str:
        """Where dbt stores the failing rows of the tests of the build named ``prefix``."""
        return f"{prefix}_{AUDIT_LAYER}"

    @staticmethod
    def of_build(prefix: str) -> list[str]:
        """Every schema of the build named ``prefix``: the prefix itself (a node with no layer
        schema) and one per layer."""
        return [prefix] + [f"{prefix}_{layer}" for layer in dbt_layers()]


def dbt_layers(project: Path = DBT_PROJECT) -> list[str]:
    """The layer schemas dbt_project.yml configures (``+schema``), each once, in file order."""
    found: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "+schema" and isinstance(value, str) and value not in found:
                    found.append(value)
                visit(value)

    visit(yaml.safe_load(project.read_text(encoding="utf-8")))
    if MARTS_LAYER not in found or AUDIT_LAYER not in found:
        raise PostgresError(f"{project}: no +schema {MARTS_LAYER} for the marts or {AUDIT_LAYER} for the tests")
    return found


def connect(autocommit: bool = True) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the server named by libpq's environment variables."""
    try:
        return psycopg.connect("", autocommit=autocommit)
    except psycopg.OperationalError as exc:
        raise PostgresError(f"cannot connect to PostgreSQL (PGHOST, PGPORT, PGUSER, PGDATABASE): {exc}") from exc


def column_type(table: RawTable, name: str, declared: str) -> sql.SQL:
    """The PostgreSQL type of a declared field (the declared name, checked to be one we know)."""
    if not _TYPE.fullmatch(declared):
        raise PostgresError(f"{table.name}.{name}: type {declared!r} has no PostgreSQL counterpart declared")
    return sql.SQL(declared)


def create_raw_table(conn: psycopg.Connection[tuple[object, ...]], schema: str, table: RawTable) -> None:
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(field.name), column_type(table, field.name, field.type))
        for field in table.fields
    )
    conn.execute(sql.SQL("create table {}.{} ({})").format(sql.Identifier(schema), sql.Identifier(table.name), columns))


def copy_csv(conn: psycopg.Connection[tuple[object, ...]], schema: str, table: RawTable, path: Path) -> int:
    """COPY one raw CSV into its table; the header must name the declared columns in order."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
        if tuple(header) != table.columns:
            raise PostgresError(f"{path}:1: header {header} is not the declared columns {list(table.columns)}")
        statement = sql.SQL("copy {}.{} ({}) from stdin with (format csv)").format(
            sql.Identifier(schema),
            sql.Identifier(table.name),
            sql.SQL(", ").join(map(sql.Identifier, table.columns)),
        )
        try:
            with conn.cursor().copy(statement) as copy:
                while chunk := handle.read(1 << 16):
                    copy.write(chunk)
        except psycopg.errors.DataError as exc:
            raise PostgresError(f"{path}: {_copy_context(exc)}") from exc
    row = conn.execute(sql.SQL("select count(*) from {}").format(sql.Identifier(schema, table.name))).fetchone()
    return int(str(row[0])) if row else 0


def _copy_context(exc: psycopg.Error) -> str:
    """PostgreSQL's message, with the line of the file COPY stopped at (its CONTEXT)."""
    context = exc.diag.context or ""
    found = re.search(r"line (\d+)", context)
    where = f"line {int(found[1]) + 1}: " if found else ""
    return where + (exc.diag.message_primary or str(exc))


def load_raw(conn: psycopg.Connection[tuple[object, ...]], raw_dir: Path, schema: str) -> dict[str, int]:
    """Replace ``schema`` with one table per raw CSV in ``raw_dir``, in one transaction."""
    counts: dict[str, int] = {}
    with conn.transaction():
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("create schema {}").format(sql.Identifier(schema)))
        for table in RAW_TABLES:
            path = raw_dir / f"{table.name}.csv"
            if not path.is_file():
                raise PostgresError(f"{path}: no such raw CSV (run kuntatalous extract first)")
            create_raw_table(conn, schema, table)
            counts[table.name] = copy_csv(conn, schema, table, path)
        extra = os.environ.get(EXTRA_REFERENCE_ENV)
        if extra:
            counts.update(load_extra_reference(conn, Path(extra), schema))
    return counts


def load_extra_reference(conn: psycopg.Connection[tuple[object, ...]], folder: Path, schema: str) -> dict[str, int]:
    """The extra reference rows of ``folder`` (macros/extra_reference.sql): each CSV as a table
    ``extra_<name>`` of text columns named by its header."""
    counts: dict[str, int] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        table = RawTable(f"extra_{path.stem}", tuple(Field(name, "varchar", "") for name in header), (), "")
        create_raw_table(conn, schema, table)
        counts[table.name] = copy_csv(conn, schema, table, path)
    return counts


@contextmanager
def build_lock(conn: psycopg.Connection[tuple[object, ...]], schemas: Schemas, wait_seconds: float) -> Iterator[None]:
    """Hold the build's advisory lock (one per published schema) on ``conn``; wait for another
    build to release it for up to ``wait_seconds``, else raise ``LockTimeoutError``."""
    key = f"{LOCK_KEY} {schemas.published}"
    if not try_lock(conn, key):
        # Said at once (flushed): a log read while the build waits shows why it does.
        print(
            f"another build of schema {schemas.published} is running; waiting up to {wait_seconds:g}s for it",
            flush=True,
        )
        # lock_timeout 0 would wait for ever: wait at least a millisecond.
        conn.execute(sql.SQL("set lock_timeout = {}").format(sql.Literal(f"{max(1, int(wait_seconds * 1000))}ms")))
        try:
            conn.execute("select pg_advisory_lock(hashtext(%s))", (key,))
        except psycopg.errors.LockNotAvailable as exc:
            raise LockTimeoutError(
                f"gave up after {wait_seconds:g}s: another build of {schemas.published} still runs"
            ) from exc
        finally:
            conn.execute("reset lock_timeout")
    try:
        yield
    finally:
        if not conn.closed:
            conn.execute("select pg_advisory_unlock(hashtext(%s))", (key,))


class LockTimeoutError(PostgresError):
    """Another build held the lock for longer than this one would wait."""


def try_lock(conn: psycopg.Connection[tuple[object, ...]], key: str) -> bool:
    """Whether ``conn`` took the advisory lock ``key`` (held until released or ``conn`` closes)."""
    row = conn.execute("select pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()
    return bool(row and row[0])
