"""The accounts of a warehouse database on PostgreSQL, set up once by an administrator.

- the build role logs in, owns the warehouse's schemas (it creates them) and is no superuser;
- the reader role logs in and may only ``SELECT`` the published marts: the publish grants it
  that schema's marts (``postgres_publish.grant_reader``); here it gets ``CONNECT`` and nothing
  else, and no role gets ``CREATE`` or ``TEMPORARY`` on the database or ``CREATE`` on ``public``
  by default. In this database its ``search_path`` is the published marts' schema (by name,
  so it follows each publish's rename): a BI tool sees the marts unqualified.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

Connection = psycopg.Connection[tuple[object, ...]]


def _role_exists(conn: Connection, role: str) -> bool:
    return conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is not None


def create_role(conn: Connection, role: str, password: str | None) -> None:
    """A login role that is not a superuser and cannot create roles or databases."""
    verb = "alter" if _role_exists(conn, role) else "create"
    statement = sql.SQL(verb + " role {} login nosuperuser nocreatedb nocreaterole").format(sql.Identifier(role))
    if password is not None:
        statement += sql.SQL(" password {}").format(sql.Literal(password))
    conn.execute(statement)


def init_accounts(
    conn: Connection,
    database: str,
    roles: tuple[str, str],
    passwords: tuple[str | None, str | None],
    marts_schema: str,
) -> None:
    """Create (or update) the build and reader ``roles``, the database's grants and the
    reader's search path (``marts_schema``); ``conn`` is an administrator's, on ``database``."""
    build_role, reader_role = roles
    with conn.transaction():
        create_role(conn, build_role, passwords[0])
        create_role(conn, reader_role, passwords[1])
        db = sql.Identifier(database)
        conn.execute(sql.SQL("revoke create, temporary on database {} from public").format(db))
        conn.execute(sql.SQL("revoke create on schema public from public"))
        conn.execute(
            sql.SQL("grant connect, create, temporary on database {} to {}").format(db, sql.Identifier(build_role))
        )
        conn.execute(sql.SQL("grant connect on database {} to {}").format(db, sql.Identifier(reader_role)))
        conn.execute(
            sql.SQL("alter role {} in database {} set search_path = {}").format(
                sql.Identifier(reader_role), db, sql.Identifier(marts_schema)
            )
        )
