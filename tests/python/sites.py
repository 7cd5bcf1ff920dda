"""The files of a report site, as the tests compare them."""

from __future__ import annotations

import json
from pathlib import Path

from kuntatalous.files import file_identity
from kuntatalous.site import reuse


def site_files(site: Path) -> dict[str, bytes]:
    """Every file's bytes; of ``pages.json``, without the files' identities (inodes differ)."""
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    record = json.loads(files[reuse.MANIFEST])
    identity = set(file_identity(site / reuse.MANIFEST, changed=True))
    for entry in record["files"].values():
        for key in identity:
            entry.pop(key, None)
            entry.get("report", {}).pop(key, None)
    files[reuse.MANIFEST] = json.dumps(record).encode()
    return files
