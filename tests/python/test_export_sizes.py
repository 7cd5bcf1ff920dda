"""Disk: a build's default exports are no larger than its warehouse file.

A synthetic corpus of several municipalities is built as ``make build`` does; the exports
(every file the release's manifest lists: Parquet of every mart and the data dictionary, no
spreadsheets by default) are measured against the published file. The same release with
every municipality's spreadsheets, the export set the default replaced, is measured too: it
must exceed the bound, or the check could not fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.warehouse.exports import MART_PREFIXES

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, without_extra_reference

pytestmark = pytest.mark.e2e

DOCUMENTS = 400
MUNICIPALITIES = 8
YEARS = 5


def exported_bytes(link: Path) -> int:
    """The size of the exports behind ``link``: every file of its manifest, and the manifest."""
    manifest = json.loads((link / "manifest.json").read_text(encoding="utf-8"))
    return int(sum(entry["bytes"] for entry in manifest["files"].values())) + (link / "manifest.json").stat().st_size


@dataclass(frozen=True)
class Measured:
    """The build's release measured with its default exports, then with every municipality's
    spreadsheets exported besides (kuntatalous export --spreadsheets all)."""

    warehouse: int
    """The published file's size."""
    default_suffixes: set[str]
    default_folders: list[str]
    default_bytes: int
    exported: subprocess.CompletedProcess[str]
    all_folders: list[str]
    all_bytes: int


def make_exports_measured(workdir: Path, environ: Mapping[str, str]) -> Measured:
    reports = workdir / "reports"
    write_corpus(generate_corpus(DOCUMENTS, seed=2, years=YEARS, municipalities=MUNICIPALITIES), reports)
    # The organisation is inferred from the reports (no curated seeds).
    database, _ = build(reports, workdir / "build", base=without_extra_reference(environ))
    exports = workdir / "build" / "exports"
    # Every mart as Parquet, the dictionary; no municipality's spreadsheets unless asked for.
    suffixes = {path.suffix for path in exports.iterdir() if path.is_file()}
    folders = [path.name for path in exports.iterdir() if path.is_dir()]
    default_bytes = exported_bytes(exports)
    # Every municipality's spreadsheets besides: more than the warehouse, what the default avoids.
    # (the command in a process of its own: nothing it prints reaches the tests running meanwhile)
    command = [str(Path(sys.executable).parent / "kuntatalous"), "export", "--database", str(database)]
    command += ["--exports", str(exports), "--spreadsheets", "all"]
    exported = subprocess.run(
        command, env=without_extra_reference(environ), capture_output=True, text=True, check=False
    )
    every = [
        path.name
        for path in exports.iterdir()
        if path.is_dir() and not path.name.startswith(("report", *MART_PREFIXES))
    ]
    return Measured(database.stat().st_size, suffixes, folders, default_bytes, exported, every, exported_bytes(exports))


PREBUILDS: dict[str, Make] = {"exports_measured": make_exports_measured}


@pytest.fixture
def exports_measured(prebuilds: Prebuilds) -> Measured:
    measured: Measured = prebuilds.take(make_exports_measured)
    return measured


def test_the_default_exports_are_no_larger_than_the_warehouse(exports_measured: Measured) -> None:
    measured = exports_measured
    assert measured.default_suffixes == {".parquet", ".csv", ".json"}
    assert [name for name in measured.default_folders if not name.startswith(MART_PREFIXES)] == ["report"]
    assert measured.default_bytes <= measured.warehouse
    assert measured.exported.returncode == 0, measured.exported.stderr[-3000:]
    assert len(measured.all_folders) == MUNICIPALITIES
    assert measured.all_bytes > measured.warehouse
