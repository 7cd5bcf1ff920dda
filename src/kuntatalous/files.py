"""A file's identity: what stays the same while a file is renamed or hard-linked, and changes when
its bytes are written in place.

A release trusts a checksum it recorded for a file while the file keeps the identity recorded
with it, instead of reading the file again: the published warehouse (2 GB at national size) and
the report site's pages (3.6 GB) are read only when they were written since. A file replaced by
another of the same size and modification time under the same inode is the one change this
does not see; a new or copied file has another inode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def file_identity(path: Path, changed: bool = False) -> dict[str, int]:
    """What stays the same while a file is renamed or linked: inode, size, modification time.
    ``changed`` adds the inode's change time, which no one can set back but which a new hard
    link also moves: for a file the project reads and never links (a report text)."""
    stat = path.stat()
    identity = {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if changed:
        identity["ctime_ns"] = stat.st_ctime_ns
    return identity


def same_file(recorded: dict[str, Any], path: Path, changed: bool = False) -> bool:
    """Whether ``recorded`` (a manifest's entry) holds the identity of the file at ``path``."""
    identity = file_identity(path, changed)
    return {key: recorded.get(key) for key in identity} == identity
