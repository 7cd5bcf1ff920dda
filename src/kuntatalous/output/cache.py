"""A content-hash cache of each report's extraction, so that a build re-reads only new or
changed reports.

An entry is keyed by the report's bytes (SHA-256), its file name, the options that shape its
extraction (the municipality a manifest gives it, the extraction mode) and the extractor's own
source code: any change to the extractor makes every entry stale. An entry holds everything
the report contributed (its document, rows, inventory, warnings), as JSON, a record's typed
values kept as they are (a decimal as ``{"decimal": "19.60"}``, its printed decimals kept). A
missing, stale or unreadable entry is simply extracted again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar


class Part(Protocol):
    """What one report contributes: a dataclass of lists (records or messages)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


PartT = TypeVar("PartT", bound=Part)


@cache
def extractor_fingerprint() -> str:
    """A digest of the extractor's source files: the version of what an entry holds."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class ExtractionCache:
    """Per-report extraction results in ``folder``, one JSON file per entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def key(self, content_sha256: str, source_file: str, *options: str | None) -> str:
        parts = [extractor_fingerprint(), content_sha256, source_file, *(option or "" for option in options)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, kind: type[PartT]) -> PartT | None:
        """The entry for ``key`` as a ``kind``, or ``None`` when there is none to trust."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"), object_hook=_decode)
            part = kind(**{f.name: data[f.name] for f in fields(kind)})
        except (OSError, ValueError, KeyError, TypeError, InvalidOperation):
            self.misses += 1
            return None
        self.hits += 1
        return part

    def store(self, key: str, part: Part) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        data = {f.name: getattr(part, f.name) for f in fields(part)}
        staged.write_text(json.dumps(data, ensure_ascii=False, default=_encode), encoding="utf-8")
        os.replace(staged, path)


_DECIMAL = "decimal"


def _encode(value: object) -> object:
    """JSON for what ``json`` cannot write itself: a decimal, exactly as it holds it."""
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(data: dict[str, Any]) -> object:
    if data.keys() == {_DECIMAL}:
        return Decimal(data[_DECIMAL])
    return data
