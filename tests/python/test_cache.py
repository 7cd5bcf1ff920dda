"""The extraction cache: same seeds with or without it, and only new or changed reports read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
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
from kuntatalous.text import morphology
from kuntatalous.text.line_names import CHART_SEEDS
from kuntatalous.text.municipality import reference_digest

from .conftest import REPO
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


def test_each_folder_of_reports_has_a_cache_of_its_own_under_the_root(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(reports / YP, other / YP)
    root = tmp_path / "caches"

    def extracted(folder: Path) -> str:
        assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--cache-root", str(root)]) == 0
        return capsys.readouterr().err

    assert "extracted 2 report(s) (0 from the cache)" in extracted(reports)
    assert "extracted 1 report(s) (0 from the cache)" in extracted(other)
    # Building the other folder pruned nothing of the first's: read from its cache again.
    assert "extracted 2 report(s) (2 from the cache)" in extracted(reports)
    assert "no report uses" not in capsys.readouterr().err
    assert len(list(root.iterdir())) == 2


def test_caches_of_folders_that_are_gone_and_a_flat_caches_entries_are_removed(reports: Path, tmp_path: Path) -> None:
    root = tmp_path / "caches"
    gone = tmp_path / "gone"
    gone.mkdir()
    kept = cache_module.cache_for(root, [reports])
    removed = cache_module.cache_for(root, [gone])
    gone.rmdir()
    for flat in ("0a", "ff"):  # an entry folder of the earlier, flat cache
        (root / flat).mkdir()
    (root / "identities.jsonl").write_text("{}\n", encoding="utf-8")
    (root / "notes").mkdir()  # anything else is not the cache's
    assert cache_module.cache_for(root, [reports]) == kept
    assert sorted(path.name for path in root.iterdir()) == sorted([kept.name, "notes"])
    assert not removed.exists()
    assert (kept / cache_module.REPORTS_RECORD).read_text(encoding="utf-8") == f"{reports.resolve()}\n"


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


def test_the_extractor_is_every_module_an_extraction_imports_and_no_other() -> None:
    """EXTRACTOR_SOURCES covers what an extraction loads of the package (a module it loaded
    outside them could change the raw CSVs and leave every entry trusted). The command line
    (cli.py) only hands it the options, and those that shape an entry are in its key."""
    program = (
        "import sys, kuntatalous.extract, kuntatalous.output.stream\n"
        "from kuntatalous.tables.registry import text_table_kinds\n"
        "from kuntatalous.tables.table_groups import LogicalRow\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('kuntatalous.')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    extractor = {Path(path) for path in cache_module.source_files(cache_module.PACKAGE, cache_module.EXTRACTOR_SOURCES)}
    outside = sorted(
        Path(path).relative_to(cache_module.PACKAGE).as_posix()
        for path in loaded.stdout.split()
        if Path(path) not in extractor
    )
    assert outside == []


def test_only_a_change_to_the_extractors_files_changes_its_fingerprint(tmp_path: Path) -> None:
    package = tmp_path / "kuntatalous"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    parts = cache_module.EXTRACTOR_SOURCES
    before = cache_module.sources_fingerprint(package, parts)
    site = package / "site" / "build.py"
    site.write_text(site.read_text(encoding="utf-8") + "\n# a change to the report site\n", encoding="utf-8")
    cache_module.sources_fingerprint.cache_clear()
    assert cache_module.sources_fingerprint(package, parts) == before
    numbers = package / "text" / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# a change to the extractor\n", encoding="utf-8")
    cache_module.sources_fingerprint.cache_clear()
    assert cache_module.sources_fingerprint(package, parts) != before


def test_another_finnish_dictionary_makes_every_entry_stale(reports: Path, tmp_path: Path) -> None:
    """The genitive is read by Voikko's dictionary (text.morphology): a new one, or a new version
    of it, may read a report otherwise, so no entry extracted with the old one is kept. Each run
    is a process of its own, as builds are (the fingerprint is read once a process)."""
    found = [
        Path(folder) for folder in morphology.DICTIONARY_FOLDERS if any(Path(folder).glob(morphology.DICTIONARY_INDEX))
    ]
    assert found, f"no Finnish dictionary in {morphology.DICTIONARY_FOLDERS}: {morphology.INSTALL}"
    installed = found[0]
    dictionary = tmp_path / "voikko"
    shutil.copytree(installed, dictionary)

    def extracted(**env: str) -> str:
        command = [sys.executable, "-m", "kuntatalous", "extract", str(reports), "--out", str(tmp_path / "out")]
        command += ["--cache", str(tmp_path / "cache")]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, check=True)
        return done.stderr

    assert "extracted 2 report(s) (0 from the cache)" in extracted()
    assert "extracted 2 report(s) (2 from the cache)" in extracted()
    assert "extracted 2 report(s) (0 from the cache)" in extracted(VOIKKO_DICTIONARY_PATH=str(dictionary))
    assert "extracted 2 report(s) (2 from the cache)" in extracted(VOIKKO_DICTIONARY_PATH=str(dictionary))
    index = next(dictionary.glob(morphology.DICTIONARY_INDEX))
    index.write_text(index.read_text(encoding="utf-8").replace("SM-Version:", "SM-Version: 9"), encoding="utf-8")
    assert "extracted 2 report(s) (0 from the cache)" in extracted(VOIKKO_DICTIONARY_PATH=str(dictionary))


@pytest.fixture
def fresh_fingerprint() -> Iterator[None]:
    """``morphology.fingerprint`` read afresh in the test, and again after it."""
    morphology.fingerprint.cache_clear()
    yield
    morphology.fingerprint.cache_clear()


@pytest.mark.usefixtures("fresh_fingerprint")
def test_the_dictionary_fingerprint_without_voikko_and_by_the_dictionary_asked_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without the shared library the fingerprint says so (an extraction that needs Voikko stops
    on its own); the dictionary variant asked for counts, and an index that cannot be read
    counts by what stopped it instead of stopping the extraction."""
    import libvoikko

    plain = morphology.fingerprint()
    morphology.fingerprint.cache_clear()
    monkeypatch.setenv("VOIKKO_DICTIONARY", "fi-x-morphoid")
    assert morphology.fingerprint() not in (plain, "unavailable")
    morphology.fingerprint.cache_clear()
    monkeypatch.delenv("VOIKKO_DICTIONARY")
    (tmp_path / "voikko" / "5" / "mor-standard" / "index.txt").mkdir(parents=True)  # an index that cannot be read
    monkeypatch.setenv("VOIKKO_DICTIONARY_PATH", str(tmp_path / "voikko"))
    assert morphology.fingerprint() not in (plain, "unavailable")
    morphology.fingerprint.cache_clear()

    def no_library() -> str:
        raise OSError("libvoikko.so.1: cannot open shared object file")

    monkeypatch.setattr(libvoikko.Voikko, "getVersion", staticmethod(no_library))
    assert morphology.fingerprint() == "unavailable"


def test_the_charts_line_names_are_part_of_the_reference_digest(tmp_path: Path) -> None:
    """The extraction reads the chart's line names (``text.line_names``: a label printing a line's
    Finnish and Swedish names): a change to them makes every entry stale, as one to the
    municipalities does."""
    seeds = REPO / "seeds" / "reference"
    names = ("ref_municipalities.csv", *CHART_SEEDS)
    digests = []
    for folder, change in ((tmp_path / "a", None), (tmp_path / "b", "ref_line_items.csv")):
        folder.mkdir()
        for name in names:
            text = (seeds / name).read_text(encoding="utf-8")
            (folder / name).write_text(
                text.replace("Verksamhetsbidrag", "Verksamhetsbidraget") if name == change else text
            )
        digests.append(reference_digest(folder / "ref_municipalities.csv"))
    assert digests[0] == reference_digest(seeds / "ref_municipalities.csv")
    assert digests[1] != digests[0]
