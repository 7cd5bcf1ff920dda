"""A published warehouse opened read-only under the build's memory limit.

The exports and the report site read the published file with DuckDB. Left to its default,
DuckDB takes up to 80 % of the machine's memory; these readers take what the build takes
(``profiles.yml``: ``memory_limit``, overridable by KUNTATALOUS_DUCKDB_MEMORY_LIMIT) and spill
what does not fit into a scratch folder of their own, removed when the connection closes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

MEMORY_LIMIT_VARIABLE = "KUNTATALOUS_DUCKDB_MEMORY_LIMIT"
"""The environment variable that sets DuckDB's memory limit for the build and its readers."""
MEMORY_LIMIT_DEFAULT = "1100MB"
"""DuckDB's memory limit where the variable is not set (profiles.yml gives the build the same,
checked by a test): with dbt's Python and DuckDB's own allocations beside it (480 to 1 010 MB at
24 000 documents), the dbt build peaked at 1 586 to 1 655 MB in three runs, against the 2 GB
every step is held to (under 1300MB at 1 782 to 2 254 MB in six). It holds with the heaviest
models built one at a time (var built_in_turn in dbt_project.yml) and the subtotal check's sums
apart from it (int_budget_amounts__term_sums): the build passed under 1000MB twice in two, and
ran out of memory under 900MB (not everything spills)."""
SPILL_PREFIX = ".duckdb-spill-"
"""The scratch folder a reader spills into, inside the folder it is given."""


def quote_name(name: str) -> str:
    """An identifier (a table's or column's name) quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def sql_literal(text: str) -> str:
    """A text quoted as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def storage_version(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> str | None:
    """The storage version tag (``v1.0.0+``: readable by DuckDB 1.0.0 and later) of the database
    attached as ``catalog`` (default: the connection's own), or None if it has none."""
    row = con.execute(
        "select tags['storage_version'] from duckdb_databases() where database_name = coalesce(?, current_database())",
        [catalog],
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def wal(path: Path) -> Path:
    """DuckDB's write-ahead log of the database file ``path``."""
    return path.with_name(path.name + ".wal")


class SettingError(ValueError):
    """An environment variable whose value cannot be used, named with its value."""


def memory_limit() -> str:
    """DuckDB's memory limit for this process: the variable's value, else the default; a value
    DuckDB cannot read is refused naming the variable (DuckDB's own message names none)."""
    import duckdb

    value = os.environ.get(MEMORY_LIMIT_VARIABLE) or MEMORY_LIMIT_DEFAULT
    try:
        with duckdb.connect() as con:
            con.execute("set memory_limit = ?", [value])
    except duckdb.Error as exc:
        raise SettingError(
            f"{MEMORY_LIMIT_VARIABLE}={value!r} is not a memory size DuckDB reads (for example 1300MB or 2GB): {exc}"
        ) from None
    return value


@contextmanager
def read_only(database: Path, spill_in: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """``database`` opened read-only under :func:`memory_limit`, spilling into a new scratch
    folder in ``spill_in`` that is removed with the connection."""
    import duckdb  # imported where a file is opened: the commands that open none start without it

    spill = Path(tempfile.mkdtemp(dir=spill_in, prefix=SPILL_PREFIX))
    try:
        # Set once connected, not as the connection's config: a process that has the file open
        # already (a test's fixture) shares its database, which a different config would refuse.
        con = duckdb.connect(str(database), read_only=True)
        try:
            con.execute("set memory_limit = ?", [memory_limit()])
            con.execute("set temp_directory = ?", [str(spill)])
            yield con
        finally:
            con.close()
    finally:
        shutil.rmtree(spill)
