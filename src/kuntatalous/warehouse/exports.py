"""Export every mart of a warehouse as Parquet and CSV files, one folder per build.

For tools that cannot open a DuckDB file: one ``<mart>.parquet`` (typed: decimals stay
decimals) and one ``<mart>.csv`` (UTF-8, header row, ``.`` decimals, empty for NULL) per
mart. Marts are the tables named ``fact_``, ``dim_`` and ``rpt_`` in the ``analytics`` schema.

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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from kuntatalous.warehouse.publish import sha256_file, sync_folder

MART_PREFIXES = ("fact_", "dim_", "rpt_")
FORMATS = {
    "parquet": "(format parquet, compression zstd)",
    "csv": "(format csv, header true)",
}
MANIFEST = "manifest.json"
FORMULA_START = r"^[-+=@\t\r]"
"""A text cell a spreadsheet would read as a formula (OWASP: CSV injection)."""
SIGNED_NUMBER = r"^[-+] ?[0-9][0-9 .,]*%?$"
"""Text that is only a signed number as printed (``- 115 416``, ``-5,2 %``): not a formula."""


class ExportError(Exception):
    """Exports that cannot be written where asked."""


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


def file_identity(path: Path) -> dict[str, int]:
    """What stays the same while a file is renamed or linked: inode, size, modification time."""
    stat = path.stat()
    return {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


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


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def csv_select(con: duckdb.DuckDBPyConnection, mart: str) -> str:
    """The mart's columns, text cells that a spreadsheet would run as a formula neutralised."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'analytics' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()
    items = []
    for name, data_type in columns:
        column = _quote(str(name))
        if data_type == "VARCHAR":
            items.append(
                f"case when regexp_matches({column}, {_literal(FORMULA_START)}) "
                f"and not regexp_matches({column}, {_literal(SIGNED_NUMBER)}) "
                f"then '''' || {column} else {column} end as {column}"
            )
        else:
            items.append(column)
    return f"select {', '.join(items)} from analytics.{_quote(mart)}"


def _write_marts(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for mart in mart_names(con):
        for suffix, options in FORMATS.items():
            path = folder / f"{mart}.{suffix}"
            query = csv_select(con, mart) if suffix == "csv" else f"select * from analytics.{_quote(mart)}"
            con.execute(f"copy ({query}) to {_literal(str(path))} {options}")
            files[path.name] = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
    from kuntatalous.warehouse.spreadsheets import export_spreadsheets  # it reads this module's rules

    for path in export_spreadsheets(con, mart_names(con), folder):
        files[path.name] = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
    return files


def write_release(database: Path, exports: ExportLink, warehouse_sha256: str) -> Path:
    """Export every mart of ``database`` (opened read-only) into a new release folder."""
    if not database.is_file():
        raise ExportError(f"{database}: no published warehouse to export; run make build first")
    check_link(exports)
    exports.store.mkdir(parents=True, exist_ok=True)
    name = f"{warehouse_sha256[:16]}-{time.time_ns()}"
    scratch = exports.store / f".{name}.tmp"
    scratch.mkdir()
    try:
        con = duckdb.connect(str(database), read_only=True)
        try:
            files = _write_marts(con, scratch)
        finally:
            con.close()
        manifest = {
            "warehouse": {"path": str(database), "sha256": warehouse_sha256, **file_identity(database)},
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "files": files,
        }
        (scratch / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in scratch.iterdir():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        folder = exports.store / name
        os.replace(scratch, folder)
        sync_folder(exports.store)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return folder


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
    identity = file_identity(database)
    found = releases(exports)
    for folder, manifest in found:
        if {key: manifest["warehouse"].get(key) for key in identity} == identity:
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
