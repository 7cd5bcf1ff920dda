"""Read report files: strict UTF-8 text, split into numbered lines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kuntatalous.errors import ExtractionError

REPORT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class ReportFile:
    """One report file as read from disk."""

    source_file: str
    """The file's name relative to the folder it was found in (never absolute)."""
    text: str
    sha256: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Expand files and folders into ``(path, source_file)`` pairs, sorted by name."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in REPORT_SUFFIXES:
                    found.append((child, child.relative_to(path).as_posix()))
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise ExtractionError(str(path), None, "no such file or folder")
    return sorted(found, key=lambda pair: pair[1])


def read_report(path: Path, source_file: str) -> ReportFile:
    """Read a report as UTF-8 text with ``\\n`` line ends."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExtractionError(
            source_file, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); convert the file to UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return ReportFile(source_file=source_file, text=text, sha256=hashlib.sha256(data).hexdigest())
