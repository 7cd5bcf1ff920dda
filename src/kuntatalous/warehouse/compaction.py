"""Write a candidate afresh when much of its file is free blocks.

DuckDB keeps a file's freed blocks for later writes and never gives them back. A partial build
writes the rows it rebuilds into new blocks before it frees the old ones; it also replaced the
staging and intermediate tables (after a full build: every report's rows) by its few
municipalities' rows, until those moved to a work file of their own (profiles.yml). At 24 000
documents the file grew so to 2.2 GB, 0.9 GB of it free; every later build copies the whole
file into its candidate, and two such files (published and previous) stay on disk.

Before a candidate is published, :func:`compact` writes it afresh (``COPY FROM DATABASE``: every
schema, table with its constraints and comments, view and row, in the candidate's storage
version) when more than a third of its blocks are free (``FREE_SHARE``), and renames the new
file over it. Below that the file is kept: a partial build frees only what it rewrites and the
next one reuses it, so a file written afresh stays below it build after build, and the rewrite
(every row read and compressed again: 36 to 55 s at 24 000 documents, against 10 s to copy the
2.2 GB file) is paid once after a full build, not every night.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kuntatalous.warehouse.reading import memory_limit, quote_name, sql_literal, storage_version, wal

if TYPE_CHECKING:
    import duckdb

COMPACTING = ".compacting"
"""The suffix of the candidate's name while :func:`compact` writes it afresh."""
SOURCE_ALIAS = "compaction_source"
"""The candidate's name in the connection that copies it: the new file takes the candidate's own
catalog name, which its views name."""


FREE_SHARE = 1 / 3
"""A candidate with more of its blocks free than this is written afresh. At 24 000 documents the
first partial build after a full one leaves 43 % free (3 529 of 8 293 blocks), and the file
written afresh is 1.2 GB instead of 2.2; at 1 000 documents (17 municipalities) a partial build
leaves 23 to 31 % free, its own churn, which the next build reuses."""


class CompactionError(Exception):
    """A candidate that could not be written afresh (it is left as it was)."""


@dataclass(frozen=True)
class Blocks:
    """A DuckDB file's blocks: all of them, and those free for reuse."""

    total: int
    free: int
    block_size: int

    @property
    def worth_writing_afresh(self) -> bool:
        """More of the file free than ``FREE_SHARE``: what :func:`compact` writes afresh."""
        return self.free > self.total * FREE_SHARE

    @property
    def megabytes(self) -> float:
        """The file's size (all its blocks)."""
        return self.total * self.block_size / 1e6


def blocks(con: duckdb.DuckDBPyConnection, catalog: str) -> Blocks:
    """The blocks of the file attached as ``catalog``."""
    row = con.execute(
        "select total_blocks, free_blocks, block_size from pragma_database_size() where database_name = ?", [catalog]
    ).fetchone()
    if row is None:
        raise CompactionError(f"no database {catalog!r} attached")
    return Blocks(*(int(value) for value in row))


def compact(database: Path) -> str | None:
    """Write ``database`` (checkpointed, no write-ahead log) afresh if more than ``FREE_SHARE`` of
    its blocks are free; return what was done, or None if it was kept."""
    import duckdb  # imported where a file is opened: the commands that open none start without it

    fresh = database.with_name(database.name + COMPACTING)
    _remove(fresh)  # left by a publish stopped while it wrote
    with duckdb.connect(str(database), read_only=True) as con:
        catalog, version = _catalog(con)
        before = blocks(con, catalog)
    if not before.worth_writing_afresh:
        return None
    try:
        after = _copy(database, fresh, catalog, version)
        if wal(fresh).exists():  # its changes would not follow the file renamed
            raise CompactionError(f"a write-ahead log remains beside {fresh.name}")
        with fresh.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(fresh, database)
    except (duckdb.Error, OSError, CompactionError) as exc:
        _remove(fresh)
        raise CompactionError(f"{database}: could not be written afresh into {fresh.name}: {exc}") from None
    return (
        f"wrote {database.name} afresh: {before.free} of its {before.total} blocks were free "
        f"({before.megabytes:.0f} MB -> {after.megabytes:.0f} MB)"
    )


def _remove(fresh: Path) -> None:
    """The new file and its write-ahead log, if they are there."""
    for path in (fresh, wal(fresh)):
        if path.is_file():
            path.unlink()


def _catalog(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The file's catalog name (which its views name) and its storage version."""
    row = con.execute("select current_database()").fetchone()
    version = storage_version(con)
    if row is None or version is None:
        raise CompactionError("the file does not say its storage version")
    return str(row[0]), version


def _copy(database: Path, fresh: Path, catalog: str, version: str) -> Blocks:
    """Copy every object of ``database`` into the new file ``fresh``, attached under the
    candidate's catalog name and written in its storage version; the new file's blocks."""
    import duckdb

    spill = database.with_name(database.name + COMPACTING + ".tmp")
    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")  # the build prints its own lines
        con.execute("set memory_limit = ?", [memory_limit()])
        con.execute("set temp_directory = ?", [str(spill)])
        con.execute(f"attach {sql_literal(str(database))} as {SOURCE_ALIAS} (read_only)")
        # A tag such as 'v1.0.0+' says the file is readable by DuckDB 1.0.0 and later.
        option = sql_literal(version.removesuffix("+"))
        con.execute(f"attach {sql_literal(str(fresh))} as {quote_name(catalog)} (storage_version {option})")
        con.execute(f"copy from database {SOURCE_ALIAS} to {quote_name(catalog)}")
        written = storage_version(con, catalog)
        if written != version:
            raise CompactionError(f"the new file's storage version is {written}, the candidate's {version}")
        con.execute(f"checkpoint {quote_name(catalog)}")
        after = blocks(con, catalog)
        con.execute(f"detach {quote_name(catalog)}")
    return after
