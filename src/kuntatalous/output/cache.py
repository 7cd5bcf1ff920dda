"""A content-hash cache of each report's extraction, so that a build re-reads only new or
changed reports.

An entry is keyed by the report's bytes (SHA-256), its file name, the options that shape its
extraction (the municipality a manifest gives it, the extraction mode) and the extractor's own
source code: any change to the extractor makes every entry stale. An entry holds everything
the report contributed (its document, rows, inventory, warnings), as JSON, a record's typed
values kept as they are (a decimal as ``{"decimal": "19.60"}``, its printed decimals kept).
``kuntatalous extract`` (``output.stream``) keeps each report as rendered, its CSV lines as
they are written; ``extract_paths`` keeps the typed records.

``kuntatalous extract`` keeps a second level besides: a chunk per run of consecutive reports,
keyed by the keys of its reports' entries (``combined_key``), so that a build where nothing in
the run changed writes the run's text as one block, with no report's entry to read. A chunk's
payload is one line of JSON (what the summary counts, and each raw table's rows, sort keys and
size), then the raw tables' text as the CSVs' bytes: a hit parses no text.

Each entry is stored in an envelope: a first line ``kuntatalous-cache sha256=<digest>`` with
the SHA-256 of the stored bytes that follow it, whatever their format. A read verifies the
digest and the payload's shape (a list for every field, and what the entry's own class checks
when it is made); an entry that fails either, or cannot be read at all (a folder, a file cut
short), is extracted again with a warning (a chunk: its reports are read one by one). A
missing or stale entry is simply extracted again.

After a successful extraction, ``prune`` removes every entry that no report of it used (a report
removed or changed, an earlier extractor), so that the cache holds one entry per current report
(and one chunk per current run). A chunk written marks its reports' entries used: they stay for
the day one report of the run changes, when the others are read from them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar


class Part(Protocol):
    """What one report contributes: a dataclass of lists (records or messages)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


PartT = TypeVar("PartT", bound=Part)
T = TypeVar("T")


PACKAGE = Path(__file__).resolve().parent.parent
"""The kuntatalous package."""
EXTRACTOR_SOURCES = ("__init__.py", "errors.py", "extract.py", "files.py", "output", "tables", "text")
"""The files and folders of ``PACKAGE`` whose ``.py`` files are the extractor's code: what an
extraction imports of the package (a test checks it), not the warehouse's operations or the
report site, whose changes leave every entry as it was."""


def extractor_fingerprint() -> str:
    """A digest of the extractor's source files (``EXTRACTOR_SOURCES``) and of the Finnish
    dictionary it reads the genitive with (``morphology.fingerprint``): the version of what an
    entry holds, and part of the fingerprint of the project that built a warehouse."""
    from kuntatalous.text import morphology

    code = sources_fingerprint(PACKAGE, EXTRACTOR_SOURCES)
    return hashlib.sha256(f"{code}\nmorphology={morphology.fingerprint()}".encode()).hexdigest()


@cache
def sources_fingerprint(package: Path, parts: tuple[str, ...]) -> str:
    """A digest of the ``.py`` files of ``parts`` of ``package``, by their paths and bytes."""
    digest = hashlib.sha256()
    for source in sorted(source_files(package, parts)):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def source_files(package: Path, parts: tuple[str, ...]) -> list[Path]:
    """The ``.py`` files of ``parts`` of ``package``."""
    found: list[Path] = []
    for part in parts:
        path = package / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


ENVELOPE = b"kuntatalous-cache sha256="


class BadEntryError(ValueError):
    """A cache entry that cannot be trusted."""


def seal(payload: bytes) -> bytes:
    """The stored bytes of an entry: the envelope line, then ``payload``."""
    return ENVELOPE + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def unseal(stored: bytes) -> bytes:
    """The payload of an entry whose checksum matches its bytes."""
    header, newline, payload = stored.partition(b"\n")
    if not newline or not header.startswith(ENVELOPE):
        raise BadEntryError("no checksum line (not an entry this cache wrote)")
    if hashlib.sha256(payload).hexdigest().encode() != header.removeprefix(ENVELOPE):
        raise BadEntryError("its checksum does not match its contents (changed after it was written)")
    return payload


def _part(kind: type[PartT], data: object) -> PartT:
    if not isinstance(data, dict):
        raise BadEntryError(f"holds a {type(data).__name__}, not an extraction")
    for f in fields(kind):
        value = data.get(f.name)
        if not isinstance(value, list) or not all(isinstance(item, dict | str) for item in value):
            raise BadEntryError(f"its {f.name!r} is not a list of records")
    return kind(**{f.name: data[f.name] for f in fields(kind)})


REPORTS_RECORD = "reports-folders"
"""In a cache of ``cache_for``: the report folders (real paths, one a line) it is the cache of."""
_DIGEST_CHARS = 16
_FOLDER_CACHE = re.compile(rf"[0-9a-f]{{{_DIGEST_CHARS}}}")
_FLAT_LAYOUT = re.compile(r"[0-9a-f]{2}|identities\.jsonl")
"""What an earlier cache kept directly in the root: its entries' folders and its record."""


def cache_for(root: Path, reports: list[Path]) -> Path:
    """The cache, under ``root``, of the reports in ``reports`` (folders or files): one of its own
    per set of report folders, named by their real paths' digest, so that building other reports
    prunes nothing of theirs. The caches under ``root`` of report folders that no longer exist,
    and what an earlier flat cache left in ``root``, are removed; nothing else is touched."""
    named = sorted({str(path.resolve()) for path in reports})
    folder = root / hashlib.sha256("\0".join(named).encode()).hexdigest()[:_DIGEST_CHARS]
    root.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        _make_cache(folder, named)
    for other in root.iterdir():
        if other != folder and _left_behind(other):
            if other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)
    return folder


def _make_cache(folder: Path, named: list[str]) -> None:
    """Made whole, its record in it, under a name no other build removes, then renamed into
    place: a build of other reports never finds it without its record."""
    staged = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".staged-"))
    (staged / REPORTS_RECORD).write_text("".join(f"{name}\n" for name in named), encoding="utf-8")
    try:
        staged.rename(folder)
    except OSError:  # another build of these reports made it meanwhile
        shutil.rmtree(staged, ignore_errors=True)


def _left_behind(path: Path) -> bool:
    if _FLAT_LAYOUT.fullmatch(path.name):
        return True
    if not _FOLDER_CACHE.fullmatch(path.name):
        return False
    try:
        named = (path / REPORTS_RECORD).read_text(encoding="utf-8").splitlines()
    except OSError:
        return True
    return not any(Path(name).exists() for name in named if name)


class ExtractionCache:
    """Per-report extraction results in ``folder``, one checksummed JSON file per entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.warnings: list[str] = []
        self.used: set[str] = set()
        """The keys of the entries read or written, which ``prune`` keeps."""

    def absorb(self, other: ExtractionCache) -> None:
        """Count in what ``other``, the same folder's cache in another process, did."""
        self.hits += other.hits
        self.misses += other.misses
        self.warnings.extend(other.warnings)
        self.used |= other.used

    def prune(self) -> int:
        """Remove every entry whose key is not in ``used``; return how many went. (Another
        process's staged files and the entries' folders stay: it may be storing an entry.)"""
        removed = 0
        for path in list(self.folder.glob("*/*.json")):  # any order: each is removed or not alone
            if path.stem in self.used:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed += 1
        return removed

    def key(self, content_sha256: str, source_file: str, *options: str | None) -> str:
        parts = [extractor_fingerprint(), content_sha256, source_file, *(option or "" for option in options)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def combined_key(self, kind: str, keys: list[str]) -> str:
        """The key of an entry made of the entries of ``keys``, in their order: any of them added,
        changed or removed changes it."""
        return hashlib.sha256("\0".join([kind, *keys]).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, kind: type[PartT]) -> PartT | None:
        """The entry for ``key`` as a ``kind``, or ``None`` when there is none to trust."""
        return self.load_payload(key, kind, lambda payload: _part(kind, decode_json(payload)))

    def load_payload(self, key: str, kind: type[Part], parse: Callable[[bytes], T]) -> T | None:
        """The entry for ``key`` as ``parse`` makes it of its payload, or ``None`` when there is
        none to trust (``kind`` says what is done instead)."""
        path = self._path(key)
        try:
            stored = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            self._distrust(path, exc.strerror or type(exc).__name__, kind)
            return None
        try:
            part = parse(unseal(stored))
        except (BadEntryError, ValueError, TypeError, InvalidOperation) as exc:
            self._distrust(path, str(exc) if isinstance(exc, BadEntryError) else f"unreadable ({exc})", kind)
            return None
        self.hits += 1
        self.used.add(key)
        return part

    def _distrust(self, path: Path, reason: str, kind: type[Part]) -> None:
        self.misses += 1
        instead = getattr(kind, "INSTEAD", "extracted the report again")
        self.warnings.append(f"cache entry {path}: {reason}; {instead}")
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)

    def store(self, key: str, part: Part) -> None:
        self.store_payload(key, encode_json({f.name: getattr(part, f.name) for f in fields(part)}))

    def store_payload(self, key: str, payload: bytes) -> None:
        """Store ``payload`` as the entry for ``key`` (sealed, put in place in one step)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        staged.write_bytes(seal(payload))
        os.replace(staged, path)
        self.used.add(key)


def encode_json(data: object) -> bytes:
    """``data`` as one line of JSON (a decimal as ``{"decimal": "19.60"}``, exactly as it holds it)."""
    return json.dumps(data, ensure_ascii=False, default=_encode).encode("utf-8")


def decode_json(payload: bytes) -> Any:
    """What ``encode_json`` wrote."""
    return json.loads(payload, object_hook=_decode)


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
