"""A file's identity: what stays the same while a file is renamed or hard-linked, and changes when
its bytes are written in place.

A release trusts a checksum it recorded for a file while the file keeps the identity recorded
with it, instead of reading the file again: the published warehouse (2 GB at national size) and
the report site's pages (3.6 GB) are read only when they were written since, and the extraction
reads a report (330 MB in all) only when it changed (``output.identities``). A file replaced by
another of the same size and modification time under the same inode is the one change this
does not see; a new or copied file has another inode. For a file the project only reads (a
report), the inode's change time is part of the identity too: it closes that gap.
"""

from __future__ import annotations

import os
import time
from typing import Any

FilePath = str | os.PathLike[str]
"""A file's path, as a ``Path`` or, where thousands are asked in a row, a plain string."""

SETTLED_NS = 2_000_000_000
"""How long ago a file must have last changed for its identity to be recorded with what was read
of it: a file changed again within the clock tick its times were stamped in would keep them,
unseen (as git treats a racily clean file, such a file is read again next time)."""


def file_identity(path: FilePath, changed: bool = False) -> dict[str, int]:
    """What stays the same while a file is renamed or linked: inode, size, modification time.
    ``changed`` adds the inode's change time, which no one can set back but which a new hard
    link also moves: for a file the project reads and never links (a report text)."""
    stat = os.stat(path)
    identity = {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if changed:
        identity["ctime_ns"] = stat.st_ctime_ns
    return identity


def settled_identity(path: FilePath, changed: bool = False) -> dict[str, int] | None:
    """The file's identity (:func:`file_identity`), or None while it changed within ``SETTLED_NS``."""
    identity = file_identity(path, changed)
    newest = max(identity["mtime_ns"], identity.get("ctime_ns", 0))
    return identity if time.time_ns() - newest >= SETTLED_NS else None


def same_file(recorded: dict[str, Any], path: FilePath, changed: bool = False) -> bool:
    """Whether ``recorded`` (a manifest's entry) holds the identity of the file at ``path`` (not
    when there is no file there to ask)."""
    try:
        identity = file_identity(path, changed)
    except OSError:
        return False
    return {key: recorded.get(key) for key in identity} == identity
