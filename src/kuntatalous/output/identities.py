"""The SHA-256 of every report file an extraction read, kept beside the extraction cache with
the file's identity, so that the next extraction knows an unchanged report without reading it.

A nightly extraction of a national corpus read all 24 000 reports (330 MB) only to find the
cache's keys. The record (``identities.jsonl`` in the cache folder: JSON Lines, a first line
``{"format": 1}``, then one line per report) holds, for each report's
absolute path (``path``), its identity (``kuntatalous.files``: inode, size, modification and inode change
times, the last of which no one can set back) and its bytes' SHA-256. A report with the identity
recorded is a ``KnownReport``: its SHA-256 keys the cache, and its bytes are read (and checked
against that SHA-256) only if it is extracted again. Any other report is read as before. An
identity is recorded only when it was the same before and after the read and the file had not
changed for ``files.SETTLED_NS``. A missing or damaged record only means reading every report;
it is written again, of the reports found, after each extraction that completes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kuntatalous.files import same_file, settled_identity
from kuntatalous.text.reading import KnownReport, ReportFile, read_report

RECORD = "identities.jsonl"
RECORD_FORMAT = 1


@dataclass
class ReportIdentities:
    """The record read from ``folder``, and the entries of the reports met since."""

    folder: Path
    recorded: dict[str, dict[str, Any]] = field(default_factory=dict)
    met: dict[str, dict[str, Any]] = field(default_factory=dict)
    absolute_folders: dict[str, str] = field(default_factory=dict)
    """Each reports folder's absolute path, found once: ``os.path.abspath`` of every one of
    24 000 reports took 0.3 s of a nightly extraction's 4."""

    @classmethod
    def of(cls, folder: Path) -> ReportIdentities:
        """The record in ``folder``: empty if there is none or it is of another format; a line
        that is not an entry is left out."""
        try:
            lines = (folder / RECORD).read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            lines = []
        if not lines or _parsed(lines[0]) != {"format": RECORD_FORMAT}:
            return cls(folder)
        entries = [_parsed(line) for line in lines[1:]]
        return cls(folder, {e["path"]: e for e in entries if isinstance(e.get("path"), str) and _sha(e) is not None})

    def read(self, path: Path, source_file: str) -> ReportFile | KnownReport:
        """The report at ``path``: known if it keeps its recorded identity, else read (``read_report``)."""
        name = self.absolute(path)
        entry = self.recorded.get(name)
        sha = _sha(entry) if entry is not None else None
        if entry is not None and sha is not None and same_file(entry, path, changed=True):
            self.met[name] = entry
            return KnownReport(source_file, sha, path)
        before = settled_identity(path, changed=True)
        report = read_report(path, source_file)
        if before is not None and settled_identity(path, changed=True) == before:
            self.met[name] = {"path": name, **before, "sha256": report.sha256}
        return report

    def absolute(self, path: Path) -> str:
        """``os.path.abspath(path)``, its folder's made absolute only once (a report's name, as
        ``reading.discover`` finds it, has no ``.`` or ``..`` to resolve)."""
        folder, name = os.path.split(path)
        absolute = self.absolute_folders.get(folder)
        if absolute is None:
            absolute = self.absolute_folders[folder] = os.path.abspath(folder)
        return os.path.join(absolute, name)

    def save(self) -> None:
        """Write the record of the reports met (the others are dropped), replacing the old one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps({"format": RECORD_FORMAT}), *(json.dumps(self.met[name]) for name in sorted(self.met))]
        staged = self.folder / f".{RECORD}.{os.getpid()}"
        staged.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(staged, self.folder / RECORD)


def _parsed(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _sha(entry: dict[str, Any]) -> str | None:
    sha = entry.get("sha256")
    return sha if isinstance(sha, str) and len(sha) == 64 else None
