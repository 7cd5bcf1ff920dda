"""Keep the pages of the previous site whose inputs have not changed, instead of rendering them.

Rendering takes most of a site's time (about 0.4 s a page), while a nightly build changes a
few municipalities' pages. Every page file is recorded in the site's ``pages.json`` with a
digest of everything its bytes depend on (:func:`page_input`): the site's code
(:func:`code_version`: every file of this package, its templates and styles, and the versions of
the libraries that render), the name the pages show the warehouse by, the language, the page's
slug, its documents and the digest of the rows each page query selects for each of them
(``marts.PageQuery.digest_sql``: computed in the warehouse, so that the rows are fetched only for
the pages that are rendered), the columns those queries read, the dimensions every page looks
names up in, and which of the report texts it names are linked. A
report text's page is keyed by its file name and bytes (``content_sha256``). A new site
hard-links (or, across file systems, copies) a file of the previous site whose recorded input is
the same and whose bytes are still those recorded; every other page is rendered. A
missing or damaged ``pages.json`` or page file only means rendering.

A file's bytes are known to be those recorded while it keeps the identity (``kuntatalous.files``)
recorded with them: a hard link of a file written or checked by an earlier site. Any other file
(a copy, an edited file, a record without identities) is read and hashed again. A national site
holds 3.6 GB of pages, which a nightly build would otherwise read whole. In the same way a
report text's page records the identity of the report file it was checked against, so that the
report is not hashed again while it keeps it.

The record of a page's first language's file also keeps the page's documents and digests
(:func:`page_record`; once a page, not once a file: a national site's ``pages.json`` is tens of
MB). The export of a partial build, whose rows of the municipalities it did not rebuild are those of the
previous release's file (``warehouse.build_plan.rebuilt_since``), gives those municipalities'
pages the recorded digests (:meth:`PageStore.carry`) instead of hashing their rows again.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from kuntatalous.files import file_identity, same_file, settled_identity
from kuntatalous.site.marts import MART_QUERIES, Digest, Page, SiteData

MANIFEST = "pages.json"
"""The site's record of each page file's input digest and SHA-256 (beside ``MARKER``)."""
MANIFEST_FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
"""The site package: its code, templates and static files make the pages."""
LIBRARIES = ("jinja2", "markupsafe", "vl-convert-python")
"""The libraries whose output is in the pages (templates, escaping, chart number formats)."""


@cache
def code_version() -> str:
    """A digest of the site's code: every file of the package (``.py``, templates, static) and
    the versions of the Python and the libraries that render the pages."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(PACKAGE).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}\0".encode())
    digest.update(f"python={platform.python_version()}\0".encode())
    return digest.hexdigest()


def _digest(*parts: object) -> str:
    """SHA-256 of the parts' ``repr``: exact for the values rows hold (a Decimal keeps its
    scale; text is quoted), and one that cannot be repeated (an object's address) never matches."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def site_input(site: SiteData, shown_as: str) -> str:
    """What every page depends on: the code, the warehouse's shown name, the dimensions, and the
    columns and types of the page queries."""
    return _digest(
        code_version(),
        shown_as,
        site.units,
        site.line_items,
        site.goal_statuses,
        site.has_unit_levels,
        sorted(site.columns.items()),
    )


def named_sources(page: Page) -> set[str]:
    """Every report text the page's documents and rows name (``source_file``, ``other_source_file``)."""
    return {document["source_file"] for document in page.documents if document["source_file"]} | page.named


def page_input(site_key: str, page: Page, language: str, linked: frozenset[str]) -> str:
    """The digest of one page in one language, its digests read (``marts.read_digests``; the
    site's is ``site_key``, :func:`site_input`)."""
    return _digest(
        site_key,
        language,
        page.slug,
        page.municipality,
        page.fiscal_year,
        page.documents,
        [(name, page.digests[name]) for name in MART_QUERIES],
        sorted(named_sources(page) & linked),
    )


PAGE_RECORD_KEYS = ("documents", "rows", "named")
"""The keys of a page's record (:func:`page_record`), kept with its first language's file only."""


def page_record(page: Page) -> dict[str, Any]:
    """What a page file's record keeps of its page: its documents, each page query's digests of
    their rows, and the report texts the rows name (``marts.read_digests``)."""
    documents = [document["document_id"] for document in page.documents]
    rows = {name: [None if found is None else list(found) for found in page.digests[name]] for name in MART_QUERIES}
    return dict(zip(PAGE_RECORD_KEYS, (documents, rows, sorted(page.named)), strict=True))


def _digests_of(entry: dict[str, Any], documents: list[str]) -> dict[str, list[Digest | None]] | None:
    """The digests a page record (:func:`page_record`) keeps of ``documents``; None if it keeps none."""
    rows = entry.get("rows")
    if entry.get("documents") != documents or not isinstance(rows, dict):
        return None
    found: dict[str, list[Digest | None]] = {}
    for name in MART_QUERIES:
        recorded = rows.get(name)
        if not isinstance(recorded, list) or len(recorded) != len(documents):
            return None
        if not all(
            d is None or (isinstance(d, list) and len(d) == 2 and all(type(v) is int for v in d)) for d in recorded
        ):
            return None
        found[name] = [None if d is None else (d[0], d[1]) for d in recorded]
    return found


def source_input(source_file: str, content_sha256: str) -> str:
    """The digest of a report text's page: its name and bytes, and the code."""
    return _digest(code_version(), "source", source_file, content_sha256)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(site: Path | None) -> dict[str, dict[str, Any]]:
    """The recorded files of the site at ``site``; empty when there is none or it is damaged."""
    if site is None:
        return {}
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
    if not isinstance(files, dict):
        return {}
    return {
        name: entry
        for name, entry in files.items()
        if isinstance(entry, dict) and isinstance(entry.get("input"), str) and isinstance(entry.get("sha256"), str)
    }


class KnownReport(NamedTuple):
    """A report file that keeps the identity a previous site recorded with it (``record``:
    its path under the reports folder and that identity)."""

    path: str
    record: dict[str, Any]

    def read_text(self, encoding: str) -> str:
        """The report's text, as ``Path.read_text`` reads it."""
        return Path(self.path).read_text(encoding=encoding)


@dataclass
class PageStore:
    """The page files of a site being written into ``folder``, and those of ``previous`` to reuse."""

    folder: Path
    previous: Path | None = None
    recorded: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: dict[str, dict[str, Any]] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)

    @classmethod
    def over(cls, folder: Path, previous: Path | None) -> PageStore:
        return cls(folder, previous, read_manifest(previous))

    def reuse(self, name: str, key: str, record: dict[str, Any] | None = None) -> bool:
        """Link the previous site's file ``name`` into the folder if its input was ``key`` and its
        bytes are still those recorded; whether it did. ``record``: what to record with it besides
        (:func:`page_record`)."""
        entry = self.recorded.get(name)
        if self.previous is None or entry is None or entry["input"] != key:
            return False
        # Plain strings: a national site links about 29 000 files here, and a Path per file costs
        # more than the link.
        target = f"{self.folder}/{name}"
        if not _link(f"{self.previous}/{name}", target):
            return False
        kept = _checked(entry, target)
        if kept is None:
            Path(target).unlink(missing_ok=True)
            return False
        kept = {key: value for key, value in kept.items() if key not in PAGE_RECORD_KEYS}
        self.written[name] = {**kept, **(record or {})}
        self.reused.append(name)
        return True

    def adopt(self, name: str, entry: dict[str, Any]) -> None:
        """Record the file ``name`` that :func:`write_file` wrote into the folder (here or in a worker process)."""
        self.written[name] = entry

    def carry(self, page: Page, name: str) -> bool:
        """Give ``page`` the digests and named texts the previous site recorded with its file
        ``name`` (:func:`page_record`), if it recorded them of the same documents; whether it did."""
        entry = self.recorded.get(name)
        named = entry.get("named") if entry is not None else None
        documents = [document["document_id"] for document in page.documents]
        found = _digests_of(entry, documents) if entry is not None and isinstance(named, list) else None
        if found is None or named is None:
            return False
        page.digests, page.named = found, {str(text) for text in named}
        return True

    def carried_record(self, name: str) -> dict[str, Any]:
        """The record of the previous site's file ``name`` whose digests a page carried
        (:meth:`carry`): what :func:`page_record` would make of that page again."""
        entry = self.recorded[name]
        return {key: entry[key] for key in PAGE_RECORD_KEYS}

    def known_report(self, name: str, key: str, reports: Path) -> KnownReport | None:
        """The report file the previous site's page ``name`` (of input ``key``) was made from, if
        it keeps the identity recorded with it: its bytes were checked then."""
        entry = self.recorded.get(name)
        report = entry.get("report") if entry is not None and entry["input"] == key else None
        if not isinstance(report, dict) or not isinstance(report.get("path"), str):
            return None
        path = f"{reports}/{report['path']}"
        return KnownReport(path, report) if same_file(report, path, changed=True) else None

    def record_report(self, name: str, report: Path | KnownReport, reports: Path) -> None:
        """Record with the page ``name`` the identity of the report file it shows (:func:`report_entry`)."""
        self.written[name] = report_entry(self.written[name], report, reports)

    def save(self) -> None:
        """Write ``pages.json``: one line per file (the record of a national site holds about
        29 000; each line is encoded by the json module's C encoder, which an indent turns off)."""
        lines = ",\n".join(f"{json.dumps(name)}: {json.dumps(entry)}" for name, entry in sorted(self.written.items()))
        text = f'{{"format": {MANIFEST_FORMAT}, "files": {{\n{lines}\n}}}}\n'
        (self.folder / MANIFEST).write_text(text, encoding="utf-8")


def write_file(folder: Path, name: str, key: str, text: str, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the rendered file ``name`` of input ``key`` into ``folder``; its record (with ``record``,
    :func:`page_record`), which :meth:`PageStore.adopt` keeps."""
    data = text.encode("utf-8")
    path = folder / name
    path.write_bytes(data)
    return {"input": key, "sha256": sha256_bytes(data), **file_identity(path), **(record or {})}


def report_entry(entry: dict[str, Any], report: Path | KnownReport, reports: Path) -> dict[str, Any]:
    """``entry``, the record of a report text's page, with the identity of the report file it
    shows (none for a file changed within the last seconds, ``files.SETTLED_NS``: it is hashed
    again). A ``KnownReport`` keeps the record it was found by: it was settled then and has not
    changed."""
    kept = {key: value for key, value in entry.items() if key != "report"}
    if isinstance(report, KnownReport):
        kept["report"] = report.record
    else:
        identity = settled_identity(report, changed=True)
        if identity is not None:
            kept["report"] = {"path": report.relative_to(reports).as_posix(), **identity}
    return kept


def _checked(entry: dict[str, Any], path: str) -> dict[str, Any] | None:
    """``entry`` (of the previous site's manifest) for the file at ``path`` if its bytes are those
    recorded, with the file's identity; None if not. A file with the identity recorded is not read."""
    try:
        if same_file(entry, path):
            return entry
        with open(path, "rb") as file:
            data = file.read()
        if sha256_bytes(data) == entry["sha256"]:
            return {**entry, **file_identity(path)}
    except OSError:
        pass
    return None


def _link(source: str, target: str) -> bool:
    """Hard-link ``source`` as ``target`` (a copy across file systems); whether it is there."""
    try:
        os.link(source, target)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        shutil.copyfile(source, target)
        return True
    except OSError:
        Path(target).unlink(missing_ok=True)
        return False
