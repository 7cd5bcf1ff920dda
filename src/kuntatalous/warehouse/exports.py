"""Export a warehouse's marts, one release folder per build, with the build's report site.

By default a release holds, for tools that cannot open a DuckDB file, every mart as Parquet
(typed: decimals stay decimals; zstd) and ``data_dictionary.csv``: a mart with a
``municipality`` column as one file per municipality, ``<mart>/municipality=<name>/data_0.parquet``,
each kept (hard-linked) from the previous release while its rows are unchanged (``partitions``);
any other as ``<mart>.parquet``. Marts are the
tables named ``fact_``, ``dim_`` and ``rpt_`` in the ``analytics`` schema. Spreadsheet files
(``<mart>.csv``: UTF-8, header row, ``.`` decimals, empty for NULL; ``<mart>.fi.csv`` and
``kuntatalous.xlsx``, see ``spreadsheets``) are written per municipality on request, into
``<municipality>/`` (``ReleaseContents.spreadsheets``): written for every mart of a national
warehouse they would be several times its size. A build's release also holds its report
site, ``report/`` (``kuntatalous.site``), so that the site is switched, kept and rolled back
with the warehouse and its exports.

The exports of one build are a release folder under ``.<link>.releases/`` beside the
exports link, written whole (under a scratch name, renamed when complete) with a
``manifest.json`` naming the warehouse file (SHA-256) they were exported from and every
file's SHA-256. The exports path itself is a symbolic link to the folder of the published
build, switched by one ``rename(2)``: a reader of ``exports/`` sees one build's marts,
never a mix. The exports only ever write their link and their releases folder; a path that
is something else (a folder of other files) is refused, never emptied.

CSV cells are for spreadsheets: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return gets a leading ``'`` so that it is not run as a formula (OWASP, CSV
injection); numbers, and text that is only a signed number as printed, are unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kuntatalous.files import file_identity, same_file
from kuntatalous.warehouse.publish import sha256_file, sync_folder
from kuntatalous.warehouse.reading import quote_name, read_only, sql_literal

if TYPE_CHECKING:
    import duckdb

    from kuntatalous.warehouse.partitions import Written

MART_PREFIXES = ("fact_", "dim_", "rpt_")
FORMATS = {
    "parquet": "(format parquet, compression zstd)",
    "csv": "(format csv, header true)",
}
MANIFEST = "manifest.json"
SITE_FOLDER = "report"
"""The report site's folder in a release."""
SPREADSHEETS_DEFAULT = "auto"
"""Spreadsheet files of every municipality when the warehouse holds one, else of none."""
FORMULA_START = r"^[-+=@\t\r]"
"""A text cell a spreadsheet would read as a formula (OWASP: CSV injection)."""
SIGNED_NUMBER = r"^[-+] ?[0-9][0-9 .,]*%?$"
"""Text that is only a signed number as printed (``- 115 416``, ``-5,2 %``): not a formula."""


class ExportError(Exception):
    """Exports that cannot be written where asked."""


@dataclass(frozen=True)
class ReleaseContents:
    """What a release folder holds besides every mart's Parquet file and the data dictionary."""

    reports: Path | None = None
    """Write the report site (``report/``) of the warehouse, its figures linked to these texts."""
    spreadsheets: str = SPREADSHEETS_DEFAULT
    """Whose CSV, Finnish CSV and workbook to write: ``auto``, ``all``, ``none`` or names (``Heinola,Lahti``)."""
    shown_as: str | None = None
    """The warehouse's name on the site's pages (the published file's, not the candidate's)."""
    site_from: Path | None = None
    """A release folder of the same warehouse whose site is kept (hard links) when ``reports`` is None."""
    previous: Path | None = None
    """A release folder (any warehouse's) whose unchanged site pages and marts' municipality
    files the new release keeps (hard links)."""
    files_from: Path | None = None
    """A release folder of the same warehouse whose exports are kept (hard links), not written again."""


@dataclass(frozen=True)
class ExportLink:
    """The exports path (a symbolic link) and the folder of its release folders."""

    link: Path

    @property
    def store(self) -> Path:
        return self.link.with_name(f".{self.link.name}.releases")

    def target(self) -> Path | None:
        """The release folder the link points to, if it is one of ours."""
        if not self.link.is_symlink():
            return None
        folder = self.link.parent / os.readlink(self.link)
        return folder if folder.parent.resolve() == self.store.resolve() else None


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts in the database, by name."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'analytics' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [name for (name,) in rows if str(name).startswith(MART_PREFIXES)]


def mart_columns(con: duckdb.DuckDBPyConnection, mart: str) -> list[tuple[str, str]]:
    """The mart's columns and their types, in order."""
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'analytics' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


def link_files(source: Path, folder: Path, names: list[str]) -> None:
    """Hard-link each of ``names`` (release-relative) from ``source`` into ``folder``."""
    for name in names:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source / name, target)


def csv_select(con: duckdb.DuckDBPyConnection, mart: str, where: str = "") -> str:
    """The mart's columns (its rows ``where``), text cells a spreadsheet would run as a formula neutralised."""
    items = []
    for name, data_type in mart_columns(con, mart):
        column = quote_name(name)
        if data_type == "VARCHAR":
            items.append(
                f"case when regexp_matches({column}, {sql_literal(FORMULA_START)}) "
                f"and not regexp_matches({column}, {sql_literal(SIGNED_NUMBER)}) "
                f"then '''' || {column} else {column} end as {column}"
            )
        else:
            items.append(column)
    return f"select {', '.join(items)} from analytics.{quote_name(mart)} {where}".rstrip()


def write_csv(con: duckdb.DuckDBPyConnection, mart: str, path: Path, where: str = "") -> Path:
    """The mart (its rows ``where``) as plain CSV, formulas neutralised."""
    con.execute(f"copy ({csv_select(con, mart, where)}) to {sql_literal(str(path))} {FORMATS['csv']}")
    return path


def _write_marts(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    spreadsheets: str,
    previous: Path | None,
    rebuilt: frozenset[str] | None,
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Every mart as Parquet (by municipality where it has one, see ``partitions``), the data
    dictionary, and the spreadsheet files asked for; the manifest's ``files`` and ``partitions``."""
    from kuntatalous.warehouse.partitions import is_partitioned  # it reads this module
    from kuntatalous.warehouse.spreadsheets import export_municipalities, write_dictionary  # they read this module

    before = (read_manifest(previous) if previous is not None else None) or {}
    written: list[Path] = []
    linked: dict[str, Any] = {}
    partitions: dict[str, Any] = {}
    for mart in mart_names(con):
        columns = mart_columns(con, mart)
        if not is_partitioned(columns):
            path = folder / f"{mart}.parquet"
            con.execute(
                f"copy (select * from analytics.{quote_name(mart)}) to {sql_literal(str(path))} {FORMATS['parquet']}"
            )
            written.append(path)
            continue
        mart_files = _write_partitioned(con, mart, columns, folder, previous, before, rebuilt)
        written += mart_files.written
        linked |= {name: before.get("files", {}).get(name) for name in mart_files.linked}
        partitions[mart] = mart_files.record
    written.append(write_dictionary(con, mart_names(con), folder))
    written += export_municipalities(con, mart_names(con), folder, spreadsheets)
    return _file_entries(folder, written, linked), partitions


def _write_partitioned(
    con: duckdb.DuckDBPyConnection,
    mart: str,
    columns: list[tuple[str, str]],
    folder: Path,
    previous: Path | None,
    before: dict[str, Any],
    rebuilt: frozenset[str] | None,
) -> Written:
    """One mart by municipality, kept from the ``previous`` release (its manifest ``before``) where it can be."""
    from kuntatalous.warehouse.partitions import write_mart  # it reads this module

    record = before.get("partitions", {}).get(mart)
    return write_mart(
        con, mart, columns, folder, FORMATS["parquet"], (previous, record) if previous and record else None, rebuilt
    )


def _file_entries(folder: Path, written: list[Path], linked: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The manifest's ``files``: each written file's size and SHA-256; a linked file's as the
    release it comes from recorded them (hashed again where it did not)."""
    files = {path.relative_to(folder).as_posix(): None for path in written} | linked
    return {
        name: entry
        if isinstance(entry, dict)
        else {"bytes": (folder / name).stat().st_size, "sha256": sha256_file(folder / name)}
        for name, entry in sorted(files.items())
    }


def _carry_files(source: Path, folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Hard-link the exports of the release folder ``source`` into ``folder``; its manifest's
    files and partitions."""
    manifest = read_manifest(source)
    if manifest is None:
        raise ExportError(f"{source}: not a release folder (no {MANIFEST})")
    files: dict[str, Any] = manifest["files"]
    link_files(source, folder, list(files))
    return files, manifest.get("partitions", {})


def _rebuilt(con: duckdb.DuckDBPyConnection, previous: Path | None, identity: dict[str, int]) -> frozenset[str] | None:
    """The municipalities a partial build rebuilt since the file the release ``previous`` was
    exported from (``build_plan.rebuilt_since``), none if it was exported from this file (of
    ``identity``: an unchanged build's release); None if the database is not such a build."""
    from kuntatalous.warehouse.build_plan import rebuilt_since  # it reads the plan's tables

    exported_from = (read_manifest(previous) or {}).get("warehouse") if previous is not None else None
    if not isinstance(exported_from, dict):
        return None
    if exported_from.get("sha256") and {k: exported_from.get(k) for k in identity} == identity:
        return frozenset()  # exported from this very file, unchanged since: nothing was rebuilt
    return rebuilt_since(con, exported_from)


def _write_site(
    database: Path, folder: Path, contents: ReleaseContents, rebuilt: frozenset[str] | None = None
) -> dict[str, Any] | None:
    """The report site into ``folder/report``: written afresh, or kept from ``site_from``."""
    if contents.reports is not None:
        from kuntatalous.site.build import build_site  # the site's libraries load only when it is written

        previous = contents.previous / SITE_FOLDER if contents.previous is not None else None
        summary = build_site(
            database, contents.reports, folder / SITE_FOLDER, contents.shown_as, previous=previous, rebuilt=rebuilt
        )
        return {
            "folder": SITE_FOLDER,
            "reports": str(contents.reports),
            "pages": len(summary.pages),
            "reused": len(summary.reused),
            "carried": summary.carried,
            "warnings": summary.warnings,
        }
    source = contents.site_from
    recorded = (read_manifest(source) or {}).get("site") if source is not None else None
    if source is None or not isinstance(recorded, dict) or not (source / SITE_FOLDER).is_dir():
        return None
    shutil.copytree(source / SITE_FOLDER, folder / SITE_FOLDER, copy_function=os.link)
    return recorded


def _fill(database: Path, folder: Path, contents: ReleaseContents) -> dict[str, Any]:
    """Write the release's files into ``folder``; return its manifest (its ``warehouse`` to come)."""
    rebuilt = None
    if contents.files_from is not None:
        files, partitions = _carry_files(contents.files_from, folder)
    else:
        # Under the build's memory limit, spilling beside the release's scratch folder.
        with read_only(database, folder.parent) as con:
            rebuilt = _rebuilt(con, contents.previous, file_identity(database))
            files, partitions = _write_marts(con, folder, contents.spreadsheets, contents.previous, rebuilt)
    return {
        "warehouse": {},
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "files": files,
        "partitions": partitions,
        "site": _write_site(database, folder, contents, rebuilt),
    }


def write_release(database: Path, exports: ExportLink, contents: ReleaseContents | None = None) -> Path:
    """Export every mart of ``database`` (opened read-only) into a new release folder, with
    what ``contents`` asks for besides (default: no site, spreadsheets ``auto``). The file's
    SHA-256 is read in a thread while the release is written (hashlib lets go of the
    interpreter's lock, so the two share the machine's cores)."""
    if not database.is_file():
        raise ExportError(f"{database}: no published warehouse to export; run make build first")
    check_link(exports)
    exports.store.mkdir(parents=True, exist_ok=True)
    stamp = time.time_ns()
    scratch = exports.store / f".{stamp}.tmp"
    scratch.mkdir()
    with ThreadPoolExecutor(max_workers=1) as pool:
        checksum = pool.submit(sha256_file, database)
        try:
            manifest = _fill(database, scratch, contents or ReleaseContents())
            digest = checksum.result()
            manifest["warehouse"] = {"path": str(database), "sha256": digest, **file_identity(database)}
            folder = exports.store / f"{digest[:16]}-{stamp}"
            _seal(scratch, manifest, folder)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    sync_folder(exports.store)
    return folder


def _seal(scratch: Path, manifest: dict[str, Any], folder: Path) -> None:
    """Write the manifest, make every file written durable, and give the folder its name. (A
    file kept from the previous release, a hard link, was made durable when that was written:
    a nightly release of a national warehouse keeps tens of thousands.)"""
    (scratch / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for parent, _, names in os.walk(scratch):
        for name in names:
            path = os.path.join(parent, name)
            status = os.lstat(path)
            if stat.S_ISREG(status.st_mode) and status.st_nlink == 1:
                descriptor = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
    os.replace(scratch, folder)


def check_link(exports: ExportLink) -> None:
    """Refuse an exports path that is not ours to replace: files the exports did not write."""
    link = exports.link
    if link.is_symlink():
        if exports.target() is None:
            raise ExportError(f"{link} is a link the exports did not make (to {os.readlink(link)}); nothing replaced")
        return
    if link.is_dir():
        if any(link.iterdir()):
            raise ExportError(
                f"{link} is a folder of other files: the exports only replace their own link there; "
                "move it away or give another EXPORTS path"
            )
        link.rmdir()
    elif link.exists():
        raise ExportError(f"{link} is a file the exports did not write; nothing replaced")


def switch(exports: ExportLink, folder: Path) -> None:
    """Point the exports link at ``folder`` in one rename."""
    check_link(exports)
    staged = exports.link.with_name(f".{exports.link.name}.link-{os.getpid()}")
    staged.unlink(missing_ok=True)
    os.symlink(os.path.relpath(folder, exports.link.parent), staged)
    os.replace(staged, exports.link)
    sync_folder(exports.link.parent)


def releases(exports: ExportLink) -> list[tuple[Path, dict[str, Any]]]:
    """The complete release folders, newest first, with their manifests."""
    if not exports.store.is_dir():
        return []
    found = []
    for folder in exports.store.iterdir():
        manifest = read_manifest(folder) if not folder.name.startswith(".") else None
        if manifest is not None:
            found.append((folder, manifest))
    return sorted(found, key=lambda item: item[0].name.rsplit("-", 1)[-1].zfill(24), reverse=True)


def release_of(exports: ExportLink, database: Path) -> Path | None:
    """The newest release folder exported from the file at ``database`` (same contents)."""
    if not database.is_file():
        return None
    found = releases(exports)
    for folder, manifest in found:
        if same_file(manifest["warehouse"], database):
            return folder
    digest = sha256_file(database)
    return next((folder for folder, manifest in found if manifest["warehouse"].get("sha256") == digest), None)


def prune(exports: ExportLink, keep: list[Path | None]) -> None:
    """Remove every release folder and scratch folder but those in ``keep``."""
    if not exports.store.is_dir():
        return
    kept = {folder.resolve() for folder in keep if folder is not None}
    for entry in exports.store.iterdir():
        if entry.resolve() not in kept:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for stray in exports.link.parent.glob(f".{exports.link.name}.link-*"):
        stray.unlink()
