"""Publish a built warehouse: swap the audited candidate file in for the published one.

Readers open the published file read-only at any moment, so it is never written in place.
A build writes a candidate file beside it; once every test has passed there, the candidate
is checkpointed (no write-ahead log left beside it) and renamed over the published file in
one ``rename(2)``: a reader opening the path gets the old file or the new one, whole. The
previous file is kept as a hard link, for ``rollback``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb


class PublishError(Exception):
    """A candidate that cannot be published, or nothing to roll back to."""


@dataclass(frozen=True)
class WarehousePaths:
    """The files that belong to one published warehouse, all in its folder."""

    published: Path

    def beside(self, suffix: str) -> Path:
        """The file ``<name><suffix>`` in the published file's folder (``<name>`` without ``.duckdb``)."""
        return self.published.with_name(self.published.name.removesuffix(".duckdb") + suffix)

    @property
    def candidate(self) -> Path:
        """Where a build writes before its tests have passed."""
        return self.beside(".candidate.duckdb")

    @property
    def previous(self) -> Path:
        """The file that was published before the last publish."""
        return self.beside(".previous.duckdb")

    @property
    def last_run(self) -> Path:
        """The record of how the last build ended."""
        return self.beside(".last-run.json")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def checkpoint(database: Path) -> str:
    """Write the database's log into the file, close it and return its storage version tag."""
    con = duckdb.connect(str(database))
    try:
        con.execute("checkpoint")
        row = con.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = current_database()"
        ).fetchone()
    finally:
        con.close()
    if _wal(database).exists():
        raise PublishError(f"{database}: a write-ahead log remains after the checkpoint")
    return str(row[0]) if row and row[0] is not None else "unknown"


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_previous(paths: WarehousePaths) -> None:
    """Point ``previous`` at the published file's contents, without copying them."""
    staged = paths.previous.with_name(paths.previous.name + ".tmp")
    staged.unlink(missing_ok=True)
    os.link(paths.published, staged)
    os.replace(staged, paths.previous)


def publish(paths: WarehousePaths) -> str:
    """Move the audited candidate into place; the old file becomes ``previous``.

    Returns the published file's storage version tag.
    """
    if not paths.candidate.is_file():
        raise PublishError(f"{paths.candidate}: no candidate to publish")
    storage_version = checkpoint(paths.candidate)
    with paths.candidate.open("rb") as candidate:
        os.fsync(candidate.fileno())
    if paths.published.exists():
        _keep_previous(paths)
    os.replace(paths.candidate, paths.published)
    _sync_folder(paths.published.parent)
    return storage_version


def rollback(paths: WarehousePaths) -> None:
    """Publish the previous file again; the file it replaces becomes ``previous``."""
    if not paths.previous.is_file():
        raise PublishError(f"{paths.previous}: no previous warehouse to roll back to")
    if not paths.published.exists():
        os.replace(paths.previous, paths.published)
    else:
        swap = paths.beside(".rollback.duckdb")
        swap.unlink(missing_ok=True)
        os.link(paths.published, swap)
        os.replace(paths.previous, paths.published)
        os.replace(swap, paths.previous)
    _sync_folder(paths.published.parent)
