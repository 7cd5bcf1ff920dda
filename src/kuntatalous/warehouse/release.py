"""A release: the published warehouse file and the exports and report site of that same file,
as one unit.

``publish`` exports the audited candidate into a new release folder first, then swaps the
candidate in (``publish.publish``) and switches the exports link to its folder. ``rollback``
swaps the previous file back and switches the link to the previous file's folder
(exporting it first if it has none). Every operation holds the warehouse's lock and starts
with ``recover``, which finishes whatever a killed operation left half done: ``outgoing``
becomes ``previous``, and the exports link is pointed at the folder of the file that is
published, so that the two agree again.

The report site is a folder of the release (``report/``): it is written before the switch,
switched with the exports, kept with them and rolled back with them. A new site keeps the pages
of the current release's site whose inputs are unchanged (``site.reuse``: hard links), so that a
build that changed a few municipalities renders only their pages. The site path
(``<name>.report`` beside the warehouse) is a symbolic link into the exports link
(``<name>.exports/report``), made once: every switch of the exports link switches the site in
the same ``rename(2)``. ``make report`` writes a new site into a copy of the current release
(its exports hard-linked, not written again) and switches to it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kuntatalous.files import file_identity, same_file
from kuntatalous.site import MARKER
from kuntatalous.warehouse.exports import (
    SITE_FOLDER,
    ExportError,
    ExportLink,
    ReleaseContents,
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
    publish_prepared,
    recover_files,
    rollback,
    set_aside_stale_wal,
    sha256_file,
)


@dataclass(frozen=True)
class Release:
    """A warehouse's files, its exports link and its report site's link."""

    paths: WarehousePaths
    exports: ExportLink
    site: Path | None = None

    @classmethod
    def at(cls, database: Path, exports: Path | None = None, site: Path | None = None) -> Release:
        paths = WarehousePaths(database)
        link = ExportLink(exports if exports is not None else paths.exports)
        return cls(paths, link, site if site is not None else paths.beside(".report"))


def check_site_link(site: Path) -> None:
    """Refuse a site path that is not the report site's to replace."""
    if site.is_symlink():
        if Path(os.readlink(site)).name != SITE_FOLDER:
            raise ExportError(
                f"{site} is a link the report site did not make (to {os.readlink(site)}); nothing replaced"
            )
        return
    if site.is_dir():
        if (site / MARKER).is_file() or not any(site.iterdir()):
            return  # a site written in place by an earlier version, or an empty folder: replaced by the link
        raise ExportError(f"{site} is a folder of other files, not a report site: move it away or give another SITE")
    if site.exists():
        raise ExportError(f"{site} is a file the report site did not write; nothing replaced")


def link_site(release: Release) -> None:
    """Point the site path at the report folder behind the exports link (once; it stays)."""
    site = release.site
    if site is None:
        return
    check_site_link(site)
    target = os.path.relpath(release.exports.link / SITE_FOLDER, site.parent)
    if site.is_symlink() and os.readlink(site) == target:
        return
    if site.is_dir() and not site.is_symlink():
        shutil.rmtree(site)
    for stray in site.parent.glob(f".{site.name}.link-*"):
        stray.unlink()  # staged by a link that was stopped half way
    staged = site.with_name(f".{site.name}.link-{os.getpid()}")
    os.symlink(target, staged)
    os.replace(staged, site)


def _switch(release: Release, folder: Path) -> None:
    """Switch the exports (and with them the site) to ``folder``; link the site if it has one."""
    switch(release.exports, folder)
    if (folder / SITE_FOLDER).is_dir():
        link_site(release)


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
    """Whether ``folder`` holds the exports of the file at ``database`` (its manifest records the
    file's SHA-256)."""
    manifest = read_manifest(folder) if folder is not None else None
    recorded = (manifest or {}).get("warehouse", {}).get("sha256")
    return isinstance(recorded, str) and recorded == _published_sha256(database, manifest)


def recover(release: Release) -> list[str]:
    """Finish an interrupted publish or rollback; point the exports at the published file's."""
    paths, exports = release.paths, release.exports
    notes = recover_files(paths)
    if paths.published.is_file():
        # Whatever follows reads or replaces the published file: never with a writer on it, nor
        # with a log that is not its own.
        note = set_aside_stale_wal(paths.published)
        notes += [note] if note else []
        if not matches(exports.target(), paths.published):
            folder = release_of(exports, paths.published) or write_release(paths.published, exports)
            _switch(release, folder)
            notes.append(f"the exports {exports.link} now hold the marts of {paths.published} ({folder.name})")
        site, current = release.site, exports.target()
        unlinked = site is not None and not site.is_symlink() and not site.exists()
        if unlinked and current is not None and (current / SITE_FOLDER).is_dir():
            link_site(release)  # a first publish with a site stopped before it linked it
        prune(exports, [exports.target(), release_of(exports, paths.previous)])
    return notes


def publish_release(release: Release, contents: ReleaseContents | None = None) -> tuple[str, list[str]]:
    """Export the candidate (and write its site, if ``contents`` names the reports), swap it in
    and switch the exports and site; return its storage version."""
    paths, exports = release.paths, release.exports
    if not paths.candidate.is_file():
        raise PublishError(f"{paths.candidate}: no candidate to publish")
    notes = recover(release)
    contents = replace(contents or ReleaseContents(), shown_as=paths.published.name, previous=exports.target())
    if contents.reports is not None and release.site is not None:
        check_site_link(release.site)
    prepared = prepare_candidate(paths)
    notes += prepared.notes
    folder = write_release(paths.candidate, exports, contents)
    notes += publish_prepared(paths)
    _switch(release, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return prepared.storage_version, notes


def rollback_release(release: Release) -> list[str]:
    """Publish the previous file again, with its exports and site."""
    paths, exports = release.paths, release.exports
    notes = recover(release)
    if not paths.previous.is_file():
        raise PublishError(f"{paths.previous}: no previous warehouse to roll back to")
    set_aside_stale_wal(paths.previous)
    folder = release_of(exports, paths.previous) or write_release(paths.previous, exports)
    notes += rollback(paths)
    _switch(release, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return notes


def _published(release: Release) -> Path | None:
    """The current release folder, if it is the published file's."""
    current = release.exports.target()
    return current if matches(current, release.paths.published) else None


def export_release(release: Release, contents: ReleaseContents | None = None) -> tuple[Path, list[str]]:
    """Export the published file afresh (its site kept) and switch the exports to it."""
    paths, exports = release.paths, release.exports
    if not paths.published.is_file():
        raise PublishError(f"{paths.published}: no published warehouse to export; run make build first")
    notes = recover(release)
    contents = replace(
        contents or ReleaseContents(), shown_as=paths.published.name, files_from=None, previous=exports.target()
    )
    if contents.reports is None:
        contents = replace(contents, site_from=_published(release))
    elif release.site is not None:
        check_site_link(release.site)
    folder = write_release(paths.published, exports, contents)
    _switch(release, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return folder, notes


def report_release(release: Release, reports: Path) -> tuple[Path, list[str]]:
    """Write the published file's site afresh into a new release, its exports kept (hard links)."""
    paths, exports = release.paths, release.exports
    if not paths.published.is_file():
        raise PublishError(f"{paths.published}: no published warehouse to report on; run make build first")
    notes = recover(release)
    if release.site is not None:
        check_site_link(release.site)
    contents = ReleaseContents(
        reports=reports, shown_as=paths.published.name, files_from=_published(release), previous=exports.target()
    )
    folder = write_release(paths.published, exports, contents)
    _switch(release, folder)
    prune(exports, [folder, release_of(exports, paths.previous)])
    return folder, notes


def release_facts(release: Release) -> dict[str, Any]:
    """For the run record: the published file's SHA-256 and the exports it goes with."""
    paths, exports = release.paths, release.exports
    target = exports.target()
    manifest = read_manifest(target) if target is not None else None
    return {
        "warehouse_sha256": _published_sha256(paths.published, manifest),
        "exports": str(exports.link),
        "exports_folder": target.name if target is not None else None,
        "exports_warehouse_sha256": manifest.get("warehouse", {}).get("sha256") if manifest else None,
        "warehouse_identity": State.of(release).warehouse,
    }


def _published_sha256(published: Path, manifest: dict[str, Any] | None) -> str | None:
    """The published file's SHA-256: as the exports' manifest records it while the file is the
    one it was exported from (same inode, size and modification time), else read afresh. (A
    build records its run four times: a national warehouse's 2 GB took 6 s to read each time.)"""
    if not published.is_file():
        return None
    recorded = (manifest or {}).get("warehouse", {})
    if same_file(recorded, published) and isinstance(recorded.get("sha256"), str):
        return str(recorded["sha256"])
    return sha256_file(published)
