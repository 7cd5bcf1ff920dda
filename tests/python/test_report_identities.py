"""An extraction knows an unchanged report by its identity, recorded with its SHA-256 by the
extraction that read it (``output.identities``), and reads it only to extract it again: the raw
CSVs are the same bytes as an extraction that reads every report."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kuntatalous import files
from kuntatalous.errors import ExtractionError
from kuntatalous.output import identities
from kuntatalous.output.cache import ExtractionCache
from kuntatalous.output.identities import RECORD, ReportIdentities
from kuntatalous.output.seeds import StagedSeeds
from kuntatalous.output.stream import Summary, stream_extraction
from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.text.reading import KnownReport, read_report


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("identities") / "corpus"
    write_corpus(generate_corpus(12, seed=11, years=2, municipalities=2, family=True), out)
    return out


@pytest.fixture
def reports(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "reports"
    shutil.copytree(generated, copy)
    return copy


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the reports the record's reader reads (every file counts as settled)."""
    monkeypatch.setattr(files, "SETTLED_NS", 0)
    names: list[str] = []

    def reading(path: Path, source_file: str) -> object:
        names.append(source_file)
        return read_report(path, source_file)

    monkeypatch.setattr(identities, "read_report", reading)
    return names


def extract(reports: Path, out: Path, cache: Path | None) -> tuple[dict[str, bytes], Summary]:
    with StagedSeeds(out) as seeds:
        summary = stream_extraction(
            [reports], seeds, keep_going=True, cache=None if cache is None else ExtractionCache(cache), jobs=1
        )
        seeds.commit()
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}, summary


def test_an_unchanged_report_is_not_read_again_and_the_output_is_the_same(
    reports: Path, tmp_path: Path, read: list[str]
) -> None:
    names = sorted(path.name for path in reports.glob("*.txt"))
    cold, _ = extract(reports, tmp_path / "cold", tmp_path / "cache")
    assert sorted(read) == names
    read.clear()
    warm, summary = extract(reports, tmp_path / "warm", tmp_path / "cache")
    assert read == [], "every report known by its identity"
    assert summary.extracted == 0
    assert warm == cold == extract(reports, tmp_path / "uncached", None)[0]


def test_a_report_changed_in_place_is_read_and_extracted_again(reports: Path, tmp_path: Path, read: list[str]) -> None:
    extract(reports, tmp_path / "cold", tmp_path / "cache")
    changed = sorted(reports.glob("*.txt"))[4]
    status = changed.stat()
    data = changed.read_bytes()
    changed.write_bytes(data.replace(b"\n", b"\r\n", 1)[: len(data)])  # same size
    os.utime(changed, ns=(status.st_atime_ns, status.st_mtime_ns))  # and modification time: its change time moved
    read.clear()
    warm, summary = extract(reports, tmp_path / "warm", tmp_path / "cache")
    assert read == [changed.name]
    assert summary.extracted == 1
    assert warm == extract(reports, tmp_path / "uncached", None)[0]


def test_a_report_that_changed_within_the_last_seconds_is_not_recorded(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "SETTLED_NS", 200_000_000)
    time.sleep(0.3)  # the copies settle
    fresh = sorted(reports.glob("*.txt"))[0]
    fresh.write_bytes(fresh.read_bytes())  # changed just now
    now = fresh.stat().st_ctime_ns + 1
    monkeypatch.setattr(time, "time_ns", lambda: now)
    extract(reports, tmp_path / "cold", tmp_path / "cache")
    recorded = ReportIdentities.of(tmp_path / "cache").recorded
    assert sorted(recorded) == sorted(str(path.absolute()) for path in reports.glob("*.txt") if path != fresh)


@pytest.mark.parametrize("damage", ["garbage", "another format", "a bad line"])
def test_a_damaged_record_only_means_reading(reports: Path, tmp_path: Path, read: list[str], damage: str) -> None:
    cold, _ = extract(reports, tmp_path / "cold", tmp_path / "cache")
    record = tmp_path / "cache" / RECORD
    lines = record.read_text(encoding="utf-8").splitlines()
    if damage == "garbage":
        record.write_bytes(b"\x00\xff{")
    elif damage == "another format":
        record.write_text("\n".join(['{"format": 2}', *lines[1:]]) + "\n", encoding="utf-8")
    else:
        record.write_text("\n".join([lines[0], "{not json", *lines[2:]]) + "\n", encoding="utf-8")
    read.clear()
    warm, _ = extract(reports, tmp_path / "warm", tmp_path / "cache")
    assert len(read) == (1 if damage == "a bad line" else len(lines) - 1)
    assert warm == cold
    assert len(ReportIdentities.of(tmp_path / "cache").recorded) == len(lines) - 1, "written again whole"


def test_a_removed_report_leaves_the_record(reports: Path, tmp_path: Path, read: list[str]) -> None:
    extract(reports, tmp_path / "cold", tmp_path / "cache")
    removed = sorted(reports.glob("*.txt"))[2]
    removed.unlink()
    extract(reports, tmp_path / "warm", tmp_path / "cache")
    recorded = ReportIdentities.of(tmp_path / "cache").recorded
    assert str(removed.absolute()) not in recorded
    assert len(recorded) == len(list(reports.glob("*.txt")))


def test_a_known_report_whose_bytes_changed_is_an_error_naming_it(reports: Path) -> None:
    path = sorted(reports.glob("*.txt"))[0]
    known = KnownReport(path.name, "0" * 64, path)
    with pytest.raises(ExtractionError, match="changed while it was being extracted"):
        known.read()
    assert KnownReport(path.name, read_report(path, path.name).sha256, path).read() == read_report(path, path.name)
    assert not files.same_file(files.file_identity(path, changed=True), reports / "gone.txt", changed=True)


@pytest.mark.parametrize(
    "path",
    ["report.txt", "reports/sub/report.txt", "./reports/../other/report.txt", "/srv/reports/report.txt", "/r.txt"],
)
def test_a_reports_recorded_path_is_its_absolute_path(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    record = ReportIdentities(tmp_path / "cache")
    assert record.absolute(Path(path)) == os.path.abspath(path)
    assert record.absolute(Path(path)) == os.path.abspath(path), "the second time, from its folder's found before"
    # A record made in another working directory makes the folder absolute from there.
    monkeypatch.chdir(tmp_path.parent)
    assert ReportIdentities(tmp_path / "cache").absolute(Path(path)) == os.path.abspath(path)
