"""A release: the published warehouse file and the exports of that same file, as one unit.

``publish`` exports the audited candidate into a new release folder first, then swaps the
candidate in (``publish.publish``) and switches the exports link to its folder. ``rollback``
swaps the previous file back and switches the link to the previous file's folder
(exporting it first if it has none). Every operation holds the warehouse's lock and starts
with ``recover``, which finishes whatever a killed operation left half done: ``outgoing``
becomes ``previous``, and the exports link is pointed at the folder of the file that is
published, so that the two agree again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kuntatalous.warehouse.exports import (
    ExportLink,
    file_identity,
    prune,
    read_manifest,
    release_of,
    switch,
    write_release,
)
from kuntatalous.warehouse.publish import (
    PublishError,
    WarehousePaths,
    prepare_candidate,
    publish,
    recover_files,
    rollback,
    set_aside_stale_wal,
    sha256_file,
)


@dataclass(frozen=True)
class Release:
    """A warehouse's files and its exports link."""

    paths: WarehousePaths
    exports: ExportLink

    @classmethod
    def at(cls, database: Path, exports: Path | None = None) -> Release:
        paths = WarehousePaths(database)
        return cls(paths, ExportLink(exports if exports is not None else paths.exports))


@dataclass(frozen=True)
class State:
    """What a reader sees: the published file (by identity) and the exports' release folder."""

    warehouse: dict[str, int] | None
    exports: str | None

    @classmethod
    def of(cls, release: Release) -> State:
        published = release.paths.published
        target = release.exports.target()
        return cls(
            warehouse=file_identity(published) if published.is_file() else None,
            exports=target.name if target is not None else None,
        )


def describe_change(release: Release, before: State, after: State) -> str:
    """What a failed or interrupted operation left published, truthfully."""
    published, link = release.paths.published, release.exports.link
    if after.warehouse is None:
        warehouse = f"no warehouse is published ({published} does not exist)"
    elif before.warehouse == after.warehouse:
        warehouse = f"{published} is unchanged"
    else:
        warehouse = f"{published} now holds the new build"
    if after.exports is None:
        exports = f"no exports at {link}"
    elif before.exports == after.exports:
        exports = f"the exports {link} are unchanged"
    else:
        exports = f"the exports {link} now hold {after.exports}"
    return f"{warehouse}; {exports}"


def matches(folder: Path | None, database: Path) -> bool:
    """Whether ``folder`` holds the exports of the file at ``database``."""
    manifest = read_manifest(folder) if folder is not None else None
    if manifest is None or not database.is_file():
        return False
    identity = file_identity(database)
    recorded = manifest.get("warehouse", {})
    if {key: recorded.get(key) for key in identity} == identity:
        return True
    return bool(recorded.get("sha256") == sha256_file(database))


def recover(release: Release) -> list[str]:
    """Finish an interrupted publish or rollback; point the exports at the published file's."""
    paths, exports = release.paths, release.exports
    notes = recover_files(paths)
    if paths.published.is_file():
        if not matches(exports.target(), paths.published):
            set_aside_stale_wal(paths.published)
            folder = release_of(exports, paths.published) or write_release(
                paths.published, exports, sha256_file(paths.published)
            )
            switch(exports, folder)
            notes.append(f"the exports {exports.link} now hold the marts of {paths.published} ({folder.name})")
        prune(exports, [exports.target(), release_of(exports, paths.previous)])
    return notes


def publish_release(release: Release) -> tuple[str, list[str]]:
    """Export the candidate, swap it in and switch the exports; return its storage version."""
    paths, exports = release.paths, release.exports
    if not paths.candidate.is_file():
        raise PublishError(f"{paths.candidate}: no candidate to publish")
    notes = recover(release)
    storage_version = prepare_candidate(paths)
    folder = write_release(paths.candidate, exports, sha256_file(paths.candidate))
    notes += publish(paths)
    switch(exports, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return storage_version, notes


def rollback_release(release: Release) -> list[str]:
    """Publish the previous file again, with its exports."""
    paths, exports = release.paths, release.exports
    notes = recover(release)
    if not paths.previous.is_file():
        raise PublishError(f"{paths.previous}: no previous warehouse to roll back to")
    set_aside_stale_wal(paths.previous)
    folder = release_of(exports, paths.previous) or write_release(paths.previous, exports, sha256_file(paths.previous))
    notes += rollback(paths)
    switch(exports, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return notes


def export_release(release: Release) -> tuple[Path, list[str]]:
    """Export the published file afresh and switch the exports to it."""
    paths, exports = release.paths, release.exports
    if not paths.published.is_file():
        raise PublishError(f"{paths.published}: no published warehouse to export; run make build first")
    notes = recover(release)
    folder = write_release(paths.published, exports, sha256_file(paths.published))
    switch(exports, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return folder, notes


def release_facts(release: Release) -> dict[str, Any]:
    """For the run record: the published file's SHA-256 and the exports it goes with."""
    paths, exports = release.paths, release.exports
    target = exports.target()
    manifest = read_manifest(target) if target is not None else None
    return {
        "warehouse_sha256": sha256_file(paths.published) if paths.published.is_file() else None,
        "exports": str(exports.link),
        "exports_folder": target.name if target is not None else None,
        "exports_warehouse_sha256": manifest.get("warehouse", {}).get("sha256") if manifest else None,
        "warehouse_identity": State.of(release).warehouse,
    }
