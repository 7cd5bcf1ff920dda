"""Publish and roll back the warehouse on PostgreSQL by renaming schemas in one transaction.

Before renaming, the transaction takes an ``ACCESS EXCLUSIVE`` lock on every published mart:
it waits for the readers' queries in flight (they finish on the old warehouse), and a query
that starts meanwhile waits for the commit and then resolves its tables again, in the new
schema. So every query sees the old warehouse or the new one, whole, and none fails. The
reader role's grants (``USAGE`` on the published schema, ``SELECT`` on its marts and nothing
else) are applied in the same transaction; the previous schemas keep none.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from kuntatalous.warehouse.postgres import MART_PREFIXES, PostgresError, Schemas

Connection = psycopg.Connection[tuple[object, ...]]
LOCK_TIMEOUT = "60s"
"""How long a publish waits for the readers' queries in flight before it gives up (unchanged)."""


def schema_exists(conn: Connection, schema: str) -> bool:
    row = conn.execute("select count(*) from pg_namespace where nspname = %s", (schema,)).fetchone()
    return bool(row and row[0])


def mart_names(conn: Connection, schema: str) -> list[str]:
    """The marts (tables named fact_, dim_, rpt_) of ``schema``, by name."""
    rows = conn.execute(
        "select table_name from information_schema.tables "
        "where table_schema = %s and table_type = 'BASE TABLE' order by table_name",
        (schema,),
    ).fetchall()
    return [str(name) for (name,) in rows if str(name).startswith(MART_PREFIXES)]


def _rename(conn: Connection, old: str, new: str) -> None:
    """Rename every schema of the build named ``old`` to the same layer's of ``new``."""
    for name in Schemas.of_build(old):
        if schema_exists(conn, name):
            renamed = new + name.removeprefix(old)
            conn.execute(sql.SQL("alter schema {} rename to {}").format(sql.Identifier(name), sql.Identifier(renamed)))


def _drop(conn: Connection, prefix: str) -> None:
    for name in Schemas.of_build(prefix):
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(name)))


def _lock_marts(conn: Connection, prefix: str) -> None:
    schema = Schemas.marts(prefix)
    names = mart_names(conn, schema)
    if names:
        tables = sql.SQL(", ").join(sql.Identifier(schema, name) for name in names)
        conn.execute(sql.SQL("lock table {} in access exclusive mode").format(tables))


def grant_reader(conn: Connection, prefix: str, reader: str) -> None:
    """Let ``reader`` use the marts' schema of the build named ``prefix`` and select its
    marts, nothing else there."""
    schema = Schemas.marts(prefix)
    if not schema_exists(conn, schema):
        raise PostgresError(f"schema {schema} does not exist: the build wrote no marts")
    conn.execute(
        sql.SQL("revoke all on all tables in schema {} from {}").format(sql.Identifier(schema), sql.Identifier(reader))
    )
    conn.execute(sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(schema), sql.Identifier(reader)))
    for name in mart_names(conn, schema):
        conn.execute(sql.SQL("grant select on {} to {}").format(sql.Identifier(schema, name), sql.Identifier(reader)))


def revoke_reader(conn: Connection, prefix: str, reader: str) -> None:
    for schema in Schemas.of_build(prefix):
        if schema_exists(conn, schema):
            conn.execute(
                sql.SQL("revoke all on all tables in schema {} from {}").format(
                    sql.Identifier(schema), sql.Identifier(reader)
                )
            )
            conn.execute(
                sql.SQL("revoke all on schema {} from {}").format(sql.Identifier(schema), sql.Identifier(reader))
            )


def _check_reader(conn: Connection, reader: str) -> None:
    if not conn.execute("select 1 from pg_roles where rolname = %s", (reader,)).fetchone():
        raise PostgresError(
            f"the reader role {reader} does not exist: create it (kuntatalous postgres init, as an administrator)"
        )


def publish(conn: Connection, schemas: Schemas, reader: str) -> None:
    """Swap the audited candidate in for the published schema; the published becomes the previous."""
    with conn.transaction():
        if not schema_exists(conn, Schemas.marts(schemas.candidate)):
            raise PostgresError(
                f"schema {Schemas.marts(schemas.candidate)} does not exist: no candidate build to publish"
            )
        _check_reader(conn, reader)
        conn.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(LOCK_TIMEOUT)))
        _lock_marts(conn, schemas.published)
        _drop(conn, schemas.previous)
        _rename(conn, schemas.published, schemas.previous)
        _rename(conn, schemas.candidate, schemas.published)
        revoke_reader(conn, schemas.previous, reader)
        grant_reader(conn, schemas.published, reader)


def rollback(conn: Connection, schemas: Schemas, reader: str) -> None:
    """Publish the previous build again; the current one becomes the previous."""
    with conn.transaction():
        if not schema_exists(conn, Schemas.marts(schemas.previous)):
            raise PostgresError(f"schema {Schemas.marts(schemas.previous)} does not exist: nothing to roll back to")
        _check_reader(conn, reader)
        conn.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(LOCK_TIMEOUT)))
        _lock_marts(conn, schemas.published)
        swap = f"{schemas.base}_rollback"
        _drop(conn, swap)
        _rename(conn, schemas.published, swap)
        _rename(conn, schemas.previous, schemas.published)
        _rename(conn, swap, schemas.previous)
        revoke_reader(conn, schemas.previous, reader)
        grant_reader(conn, schemas.published, reader)
