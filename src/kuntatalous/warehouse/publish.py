"""Publish a built warehouse: swap the audited candidate file in for the published one.

Readers open the published file read-only at any moment, so it is never written in place.
A build writes a candidate file beside it; once every test has passed there, the candidate
is checkpointed (no write-ahead log left beside it) and renamed over the published file in
one ``rename(2)``: a reader opening the path gets the old file or the new one, whole.

The file it replaces becomes ``previous`` (for ``rollback``) only once the new file is in
place: first the published file gets a second name, ``outgoing`` (a hard link, no copy),
then the candidate is renamed over the published name, then ``outgoing`` over ``previous``.
A process killed between two of these steps leaves ``outgoing`` behind; ``recover_files``
finishes the step (every publish, rollback and export runs it first), so ``previous`` is
never lost. A write-ahead log beside the published name is never replayed into a new build:
one left by a crashed read-write connection is moved aside, and a live read-write
connection stops the publish.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kuntatalous.warehouse.compaction import CompactionError, compact
from kuntatalous.warehouse.reading import storage_version, wal

EXIT_LOCKED = 75
"""Exit status when another build holds the lock (EX_TEMPFAIL: try again later)."""


class PublishError(Exception):
    """A candidate that cannot be published, or nothing to roll back to."""


class LockTimeoutError(PublishError):
    """Another build of the same warehouse held its lock for too long."""


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
    def work(self) -> Path:
        """The published build's staging and intermediate tables, where kept (``KEEP_WORK=1``
        of scripts/build.sh): see :func:`work_file`."""
        return work_file(self.published)

    @property
    def previous(self) -> Path:
        """The file that was published before the last publish."""
        return self.beside(".previous.duckdb")

    @property
    def outgoing(self) -> Path:
        """The file being replaced, on its way to becoming ``previous``."""
        return self.beside(".outgoing.duckdb")

    @property
    def last_run(self) -> Path:
        """The record of how the last build ended."""
        return self.beside(".last-run.json")

    @property
    def lock(self) -> Path:
        """The lock every build, publish, export and rollback of this warehouse takes."""
        return self.beside(".lock")

    @property
    def exports(self) -> Path:
        """The default exports: a link to the folder of the published file's marts."""
        return self.beside(".exports")


def work_file(database: Path) -> Path:
    """The file that a dbt build of ``database`` writes its staging and intermediate models to,
    ``<name>.work.duckdb`` beside it (attached as ``work``: profiles.yml, dbt_project.yml), so that
    the file published holds the marts, the reference seeds and the tests' stored failures only.
    The profile's expression of the same name (profiles.yml) is checked against this one by
    tests/python/test_work_file.py."""
    return database.with_name(database.name.removesuffix(".duckdb") + ".work.duckdb")


@contextmanager
def locked(paths: WarehousePaths, wait_seconds: float) -> Iterator[None]:
    """Hold the warehouse's lock, waiting up to ``wait_seconds`` for another holder."""
    paths.lock.parent.mkdir(parents=True, exist_ok=True)
    with paths.lock.open("a") as handle:
        deadline = time.monotonic() + wait_seconds
        announced = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(
                        f"gave up after {wait_seconds:g}s: another build still holds {paths.lock}"
                    ) from None
                if not announced:
                    print(f"another build is running (it holds {paths.lock}); waiting up to {wait_seconds:g}s")
                    announced = True
                time.sleep(0.2)
        yield


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def checkpoint(database: Path) -> str:
    """Write the database's log into the file, close it and return its storage version tag."""
    import duckdb  # imported where a file is opened: the lock and record commands start without it

    con = duckdb.connect(str(database))
    try:
        con.execute("checkpoint")
        version = storage_version(con)
    finally:
        con.close()
    if wal(database).exists():
        raise PublishError(f"{database}: a write-ahead log remains after the checkpoint")
    return version or "unknown"


def has_writer(path: Path) -> bool:
    """Whether a process holds ``path`` open read-write (DuckDB locks the file it writes)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return True
        raise
    finally:
        os.close(fd)
    return False


def set_aside_stale_wal(path: Path) -> str | None:
    """Refuse while a read-write connection holds ``path``, with or without a log yet: were the
    file replaced under it, the connection would go on writing its log under the name of the
    file that replaced it. Move a write-ahead log left beside ``path`` aside, so that it is
    never replayed into another file under that name.

    Returns what was done, for the build's output.
    """
    log = wal(path)
    if has_writer(path):
        live = f" (its log {log.name} is live)" if log.exists() else ""
        raise PublishError(
            f"{path} is open read-write in another process{live}: close that connection and try again "
            "(open the published file read-only)"
        )
    if not log.exists():
        return None
    aside = log.with_name(f"{log.name}.stale-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.getpid()}")
    os.replace(log, aside)
    return (
        f"moved a stale write-ahead log aside: {log} -> {aside.name} (left by a read-write connection "
        f"that did not close; it is not replayed into the new build)"
    )


def sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except FileNotFoundError:
        return False


def recover_files(paths: WarehousePaths) -> list[str]:
    """Finish a publish or rollback that was stopped between its renames.

    ``outgoing`` that is still the published file was never replaced (drop the extra name);
    otherwise it is the replaced file and becomes ``previous``.
    """
    notes: list[str] = []
    if paths.outgoing.exists():
        if same_file(paths.outgoing, paths.published):
            paths.outgoing.unlink()
        else:
            os.replace(paths.outgoing, paths.previous)
            notes.append(f"finished an interrupted switch: {paths.previous} is the replaced build")
        sync_folder(paths.published.parent)
    return notes


def _swap_in(paths: WarehousePaths, incoming: Path) -> None:
    """Rename ``incoming`` over the published file; the replaced file becomes ``previous``."""
    if paths.published.exists():
        os.link(paths.published, paths.outgoing)
    os.replace(incoming, paths.published)
    sync_folder(paths.published.parent)
    if paths.outgoing.exists():
        os.replace(paths.outgoing, paths.previous)
        sync_folder(paths.published.parent)


@dataclass(frozen=True)
class Prepared:
    """A candidate ready to publish: its storage version tag, and what was done to it."""

    storage_version: str
    notes: tuple[str, ...] = ()


def prepare_candidate(paths: WarehousePaths) -> Prepared:
    """Checkpoint the audited candidate, write it afresh if much of it is free blocks
    (``compaction``) and flush it to disk."""
    if not paths.candidate.is_file():
        raise PublishError(f"{paths.candidate}: no candidate to publish")
    storage_version = checkpoint(paths.candidate)
    try:
        compacted = compact(paths.candidate)
    except CompactionError as exc:
        raise PublishError(str(exc)) from None
    with paths.candidate.open("rb") as candidate:
        os.fsync(candidate.fileno())
    return Prepared(storage_version, (compacted,) if compacted else ())


def publish(paths: WarehousePaths) -> list[str]:
    """Prepare the candidate and move it into place; the old file becomes ``previous``.

    Returns notes on what was done besides (the candidate written afresh, a stale log set aside).
    """
    return [*prepare_candidate(paths).notes, *publish_prepared(paths)]


def publish_prepared(paths: WarehousePaths) -> list[str]:
    """Move the candidate, prepared by :func:`prepare_candidate`, into place; the old file
    becomes ``previous``. Returns notes on what was done besides (a stale log set aside)."""
    notes = recover_files(paths)
    note = set_aside_stale_wal(paths.published)
    _swap_in(paths, paths.candidate)
    return [*notes, *([note] if note else [])]


def rollback(paths: WarehousePaths) -> list[str]:
    """Publish the previous file again; the file it replaces becomes ``previous``."""
    notes = recover_files(paths)
    if not paths.previous.is_file():
        raise PublishError(f"{paths.previous}: no previous warehouse to roll back to")
    for path in (paths.previous, paths.published):
        note = set_aside_stale_wal(path)
        if note:
            notes.append(note)
    _swap_in(paths, paths.previous)
    # A work file kept beside the published file was the build's that is now the previous.
    for path in (paths.work, wal(paths.work)):
        path.unlink(missing_ok=True)
    return notes
