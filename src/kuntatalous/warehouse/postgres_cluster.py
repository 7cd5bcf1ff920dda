"""A PostgreSQL server for the tests and the benchmark: the one named by the PG environment
variables, else a throwaway cluster of the installed server binaries (initdb and pg_ctl on a
temporary folder and a free port, run as the ``postgres`` user when run as root).

On it, ``warehouse_database`` creates a database of its own with a build role and a reader
role (``kuntatalous postgres init``: neither a superuser) and drops them at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

PG_ENV = ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE")


@dataclass(frozen=True)
class Server:
    """Where the server listens and the administrator it is reached as."""

    host: str
    port: int
    admin: str
    admin_password: str | None = None
    admin_database: str = "postgres"

    def env(self, user: str, database: str, password: str | None = None) -> dict[str, str]:
        """libpq's environment for ``user`` on ``database`` (other PG variables removed)."""
        values = {"PGHOST": self.host, "PGPORT": str(self.port), "PGUSER": user, "PGDATABASE": database}
        if password is not None:
            values["PGPASSWORD"] = password
        return values

    def connect(self, user: str, database: str, password: str | None = None) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=self.host, port=self.port, user=user, dbname=database, password=password or "", autocommit=True
        )

    def admin_connect(self, database: str | None = None) -> psycopg.Connection[tuple[object, ...]]:
        return self.connect(self.admin, database or self.admin_database, self.admin_password)


def clean_env() -> dict[str, str]:
    """The process environment without any PG variable, for subprocesses given their own."""
    return {key: value for key, value in os.environ.items() if key not in PG_ENV}


def server_binaries() -> Path:
    """The installed server's bin folder (the newest PostgreSQL under /usr/lib/postgresql)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("no PostgreSQL server binaries: apt-get install postgresql (or set PGHOST to a server)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """``command`` as the ``postgres`` user when run as root (the server refuses to run as root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def throwaway_cluster() -> Iterator[Server]:
    """initdb a cluster in a temporary folder, start it on a free port, stop and remove it after."""
    binaries = server_binaries()
    folder = Path(tempfile.mkdtemp(prefix="kuntatalous-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = free_port()
    env = {**clean_env(), "LC_ALL": "C.UTF-8"}
    run = {"env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]),
        **run,  # type: ignore[call-overload]
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
    subprocess.run(_as_server_user([*pg_ctl, "-o", options, "-w", "start"]), **run)  # type: ignore[call-overload]
    try:
        yield Server(host="127.0.0.1", port=port, admin="postgres")
    finally:
        subprocess.run(_as_server_user([*pg_ctl, "-m", "immediate", "stop"]), env=env, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def server_from_env() -> Server | None:
    """The server the PG environment variables name, if any (its user must be able to create
    databases and roles)."""
    if not any(os.environ.get(key) for key in ("PGHOST", "PGPORT", "PGSERVICE")):
        return None
    with psycopg.connect("", autocommit=True) as conn:
        info = conn.info
        return Server(info.host, int(info.port), info.user, info.password or None, info.dbname)


@dataclass(frozen=True)
class Warehouse:
    """A database of its own, with a build role and a reader role, on ``server``."""

    server: Server
    database: str
    build_role: str
    reader_role: str
    password: str

    def build_env(self, schema: str = "kuntatalous") -> dict[str, str]:
        """libpq's and the build's environment for the build role."""
        return {
            **self.server.env(self.build_role, self.database, self.password),
            "KUNTATALOUS_PG_SCHEMA": schema,
            "KUNTATALOUS_PG_READER": self.reader_role,
        }

    def build_connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return self.server.connect(self.build_role, self.database, self.password)

    def reader_url(self) -> str:
        """The reader's SQLAlchemy URL, as a BI tool connects."""
        server = self.server
        return f"postgresql+psycopg://{self.reader_role}:{self.password}@{server.host}:{server.port}/{self.database}"

    def reader_connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return self.server.connect(self.reader_role, self.database, self.password)


@contextmanager
def warehouse_database(server: Server) -> Iterator[Warehouse]:
    """Create a database and its two roles with ``kuntatalous postgres init``; drop them after."""
    suffix = secrets.token_hex(4)
    warehouse = Warehouse(
        server, f"kt_test_{suffix}", f"kt_build_{suffix}", f"kt_reader_{suffix}", secrets.token_hex(8)
    )
    with server.admin_connect() as admin:
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(warehouse.database)))
    init_env = {
        **clean_env(),
        **server.env(server.admin, warehouse.database, server.admin_password),
        "KT_TEST_PASSWORD": warehouse.password,
    }
    command = [
        str(Path(sys.executable).parent / "kuntatalous"),
        "postgres",
        "init",
        "--build-role",
        warehouse.build_role,
    ]
    command += ["--reader-role", warehouse.reader_role]
    command += ["--build-password-env", "KT_TEST_PASSWORD", "--reader-password-env", "KT_TEST_PASSWORD"]
    subprocess.run(command, env=init_env, check=True, capture_output=True, text=True)
    try:
        yield warehouse
    finally:
        with server.admin_connect() as admin:
            admin.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(warehouse.database)))
            for role in (warehouse.build_role, warehouse.reader_role):
                admin.execute(sql.SQL("drop role if exists {}").format(sql.Identifier(role)))
