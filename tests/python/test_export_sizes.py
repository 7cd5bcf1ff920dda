"""Disk: a build's default exports are no larger than its warehouse file.

A synthetic corpus of several municipalities is built as ``make build`` does; the exports
(every file the release's manifest lists: Parquet of every mart and the data dictionary, no
spreadsheets by default) are measured against the published file. The same release with
every municipality's spreadsheets, the export set the default replaced, is measured too: it
must exceed the bound, or the check could not fail.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from kuntatalous.cli import main
from kuntatalous.synthetic import generate_corpus, write_corpus

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


def make_exports_build(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, Path]:
    """The corpus built as make build does: (the published file, its exports link)."""
    reports = workdir / "reports"
    write_corpus(generate_corpus(DOCUMENTS, seed=2, years=YEARS, municipalities=MUNICIPALITIES), reports)
    # The organisation is inferred from the reports (no curated seeds).
    database, _ = build(reports, workdir / "build", base=without_extra_reference(environ))
    return database, workdir / "build" / "exports"


PREBUILDS: dict[str, Make] = {"exports_build": make_exports_build}


@pytest.fixture
def exports_build(prebuilds: Prebuilds) -> tuple[Path, Path]:
    built: tuple[Path, Path] = prebuilds.take(make_exports_build)
    return built


def test_the_default_exports_are_no_larger_than_the_warehouse(
    exports_build: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    database, exports = exports_build
    monkeypatch.delenv("KUNTATALOUS_EXTRA_REFERENCE", raising=False)
    # Every mart as Parquet, the dictionary; no municipality's spreadsheets unless asked for.
    assert {path.suffix for path in exports.iterdir() if path.is_file()} == {".parquet", ".csv", ".json"}
    assert [path.name for path in exports.iterdir() if path.is_dir()] == ["report"]
    warehouse = database.stat().st_size
    assert exported_bytes(exports) <= warehouse

    # Every municipality's spreadsheets besides: more than the warehouse, what the default avoids.
    assert main(["export", "--database", str(database), "--exports", str(exports), "--spreadsheets", "all"]) == 0
    assert len([path for path in exports.iterdir() if path.is_dir() and path.name != "report"]) == MUNICIPALITIES
    assert exported_bytes(exports) > warehouse
