"""The extraction cache: same seeds with or without it, and only new or changed reports read."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.cli import main
from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output import cache as cache_module
from kuntatalous.output import records
from kuntatalous.output.cache import ExtractionCache
from kuntatalous.output.seeds import seed_files

from .warehouse_builds import YP


@pytest.fixture
def reports(repo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(repo / "reports", folder)
    return folder


def test_cached_extraction_writes_the_same_seeds(reports: Path, tmp_path: Path) -> None:
    uncached = seed_files(extract_paths([reports]))
    cache = ExtractionCache(tmp_path / "cache")
    first = seed_files(extract_paths([reports], cache=cache))
    assert (cache.hits, cache.misses) == (0, 2)
    second = seed_files(extract_paths([reports], cache=cache))
    assert (cache.hits, cache.misses) == (2, 2)
    assert first == uncached
    assert second == uncached


def test_only_a_changed_report_is_extracted_again(reports: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extract_paths([reports], cache=cache)
    report = reports / YP
    report.write_text(report.read_text(encoding="utf-8") + "\nLisätieto.\n", encoding="utf-8")
    cache.hits = cache.misses = 0
    changed = extract_paths([reports], cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert seed_files(changed) == seed_files(extract_paths([reports]))


def test_a_new_extractor_makes_every_entry_stale(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extract_paths([reports], cache=cache)
    monkeypatch.setattr(cache_module, "extractor_fingerprint", lambda: "another extractor")
    cache.hits = cache.misses = 0
    extract_paths([reports], cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)


def test_a_damaged_entry_is_extracted_again(reports: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    expected = seed_files(extract_paths([reports], cache=cache))
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text('{"documents": [', encoding="utf-8")
    cache.hits = cache.misses = 0
    assert seed_files(extract_paths([reports], cache=cache)) == expected
    assert (cache.hits, cache.misses) == (0, 2)
    cache.hits = cache.misses = 0
    extract_paths([reports], cache=cache)
    assert (cache.hits, cache.misses) == (2, 0)


def test_a_report_that_fails_is_not_cached_and_modes_do_not_share_entries(reports: Path, tmp_path: Path) -> None:
    report = reports / YP
    report.write_text(report.read_text(encoding="utf-8").replace("\t- 115 416\t", "\t- 115 4l6\t"), encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    with pytest.raises(ExtractionError, match="cannot read '- 115 4l6' as an amount"):
        extract_paths([reports], cache=cache)
    entries = len(list((tmp_path / "cache").rglob("*.json")))
    assert entries <= 1, "only the report that was read may be cached"
    kept = extract_paths([reports], keep_going=True, cache=cache)
    assert [reject["raw_text"] for reject in kept.rejects] == ["- 115 4l6"]
    with pytest.raises(ExtractionError):
        extract_paths([reports], cache=cache)


def test_the_command_line_counts_what_came_from_the_cache(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["extract", str(reports), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    assert main(arguments) == 0
    assert "extracted 2 report(s) (0 from the cache)" in capsys.readouterr().err
    assert main(arguments) == 0
    assert "extracted 2 report(s) (2 from the cache)" in capsys.readouterr().err


def test_an_entry_gives_back_the_typed_records_as_extracted(reports: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extracted = extract_paths([reports], cache=cache)
    cached = extract_paths([reports], cache=cache)
    assert cache.hits == 2
    # repr tells Decimal("87.50") from Decimal("87.5"), 1 from True, None from "".
    assert repr(cached) == repr(extracted)
    printed = [str(row[name]) for row in cached.budget_rows for name in records.BUDGET_ROWS.counted]
    assert any("." in text and text.endswith("0") for text in printed), "a decimal printed with a trailing zero"
    types = {name: {type(row[name]) for row in cached.budget_rows} for name in ("source_line", "is_bold", "budget_eur")}
    assert types == {"source_line": {int}, "is_bold": {bool}, "budget_eur": {Decimal, type(None)}}
