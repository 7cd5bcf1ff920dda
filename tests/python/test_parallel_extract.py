"""Extraction in worker processes, streamed report by report: the same bytes as one process and as
the whole extraction rendered in memory, the same errors, and a cache holding only what is used."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kuntatalous.cli import main
from kuntatalous.errors import ExtractionError
from kuntatalous.extract import ReportJob, extract_paths
from kuntatalous.output.records import RAW_TABLES
from kuntatalous.output.seeds import StagedSeeds, seed_files, table_lines
from kuntatalous.output.stream import Rendered, rendered_reports
from kuntatalous.text.reading import report_from_bytes

from .warehouse_builds import REPO, YP

SCRIPT = REPO / "scripts" / "generate_corpus.py"


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file the extraction left in ``folder``, by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def extract_with(jobs: int, reports: list[Path], out: Path, *options: str) -> dict[str, bytes]:
    arguments = ["extract", *map(str, reports), "--out", str(out), "--quiet", "--jobs", str(jobs), *options]
    assert main(arguments) == 0
    return outputs(out)


def in_memory(reports: list[Path], keep_going: bool = False) -> dict[str, bytes]:
    return seed_files(extract_paths(reports, keep_going=keep_going))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus of the report family's layouts, from the generator script, with a damaged
    report (rejects) and a copy of another (a duplicate) added."""
    out = tmp_path_factory.mktemp("parallel") / "corpus"
    command = [sys.executable, str(SCRIPT), "--documents", "36", "--out", str(out), "--seed", "5", "--family"]
    subprocess.run(command, check=True, capture_output=True)
    first, second, *_ = unlisted(out)
    lines = first.read_text(encoding="utf-8").split("\n")
    amounts = [i for i, line in enumerate(lines) if re.match(r"[^\t]+\t-?\d", line)]
    for i in amounts[1::3]:
        lines[i] = lines[i].replace("\t", "\t9x", 1)
    (out / "zz_damaged.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(second, out / "zz_copy.txt")
    return out


def unlisted(corpus: Path) -> list[Path]:
    """The corpus's reports that its manifest does not name (their text names their municipality)."""
    manifest = (corpus / "manifest.csv").read_text(encoding="utf-8")
    return [path for path in sorted(corpus.glob("*.txt")) if f"{path.name}," not in manifest]


def test_committed_reports_give_the_same_bytes_in_one_process_two_and_memory(tmp_path: Path) -> None:
    reports = [REPO / "reports"]
    serial = extract_with(1, reports, tmp_path / "serial")
    parallel = extract_with(2, reports, tmp_path / "parallel")
    assert list(serial) == [f"{table.name}.csv" for table in sorted(RAW_TABLES, key=lambda table: table.name)]
    assert parallel == serial
    assert serial == in_memory(reports)
    assert serial == outputs(REPO / "seeds" / "raw")


def test_a_generated_corpus_gives_the_same_bytes_in_one_process_two_and_memory(corpus: Path, tmp_path: Path) -> None:
    serial = extract_with(1, [corpus], tmp_path / "serial", "--keep-going")
    parallel = extract_with(2, [corpus], tmp_path / "parallel", "--keep-going")
    assert parallel == serial
    assert serial == in_memory([corpus], keep_going=True)
    assert serial["raw_documents.csv"].count(b"\n") == 1 + 36 + 1, "the damaged report loads; the copy does not"
    assert serial["raw_rejects.csv"].count(b"zz_damaged.txt") > 1
    assert b"zz_copy.txt" not in serial["raw_documents.csv"]


def test_reports_of_one_name_in_two_folders_are_merged_row_by_row(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    a, b, c = [path for path in unlisted(corpus) if not path.name.startswith("zz_")][2:5]
    for folder, reports in ((one, (a, b)), (two, (c,))):
        for report in reports:
            shutil.copy(report, folder / "same.txt" if report in (a, c) else folder / report.name)
    serial = extract_with(1, [one, two], tmp_path / "serial")
    assert extract_with(2, [one, two], tmp_path / "parallel") == serial == in_memory([one, two])
    lines = serial["raw_budget_rows.csv"].decode("utf-8").split("\n")
    ids = [line.split(",")[0] for line in lines if ",same.txt," in line]
    assert len(set(ids)) == 2
    assert ids != sorted(ids, key=ids.index), "the two reports' rows interleave by line"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_workers_error_names_the_first_bad_report_and_writes_nothing(corpus: Path, tmp_path: Path, jobs: int) -> None:
    reports, out = tmp_path / "reports", tmp_path / "out"
    shutil.copytree(corpus, reports)
    (reports / "zz_damaged.txt").unlink()
    before = extract_with(2, [reports], out)
    names = sorted(reports.glob("*.txt"))
    for index in (5, 20):
        text = names[index].read_text(encoding="utf-8")
        names[index].write_text(text.replace("\t", "\t9x", 1).replace("\t", "\t8x", 200), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kuntatalous", "extract", str(reports), "--out", str(out), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {names[5].name}:"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert outputs(out) == before


def test_a_process_that_dies_is_an_error_naming_its_report() -> None:
    report = report_from_bytes(b"anything\n", "dies.txt")
    planned = [("dies.txt", ReportJob(report, None))]
    (rendered,) = list(rendered_reports(planned, die, jobs=2))
    assert isinstance(rendered, Rendered)
    assert isinstance(rendered.error, ExtractionError)
    assert str(rendered.error).startswith("dies.txt: the process extracting it stopped")


def die(job: ReportJob) -> Rendered:
    os._exit(1)


def test_rows_written_out_of_order_are_refused(tmp_path: Path) -> None:
    table = RAW_TABLES[0]
    rows = extract_paths([REPO / "reports"]).documents
    lines = table_lines(table, rows)
    with StagedSeeds(tmp_path / "out") as seeds, pytest.raises(RuntimeError, match="after one at"):
        seeds.write(table, reversed(lines))
    assert not (tmp_path / "out").exists(), "an unfinished extraction leaves nothing"


def test_every_raw_table_sorts_by_its_file_first() -> None:
    assert {table.sort_keys[0] for table in RAW_TABLES} == {"source_file"}


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", str(REPO / "reports"), "--out", "/nonexistent", "--jobs", "0"])
    assert "'0' is not a whole number of at least 1" in capsys.readouterr().err


def test_the_cache_keeps_only_the_entries_of_current_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    shutil.copytree(REPO / "reports", reports)
    first = extract_with(2, [reports], tmp_path / "first", "--cache", str(cache))
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3, "each report's entry and the chunk of their run"
    (reports / YP).unlink()
    second = extract_with(2, [reports], tmp_path / "second", "--cache", str(cache))
    remaining = sorted(cache.rglob("*.json"))
    assert len(remaining) == 1, "the removed report's entry and the run's chunk are gone"
    assert remaining[0] in entries
    capsys.readouterr()
    arguments = ["extract", str(reports), "--out", str(tmp_path / "third"), "--cache", str(cache), "--jobs", "2"]
    assert main(arguments) == 0
    assert "extracted 1 report(s) (1 from the cache)" in capsys.readouterr().err, "read, not extracted again"
    assert outputs(tmp_path / "third") == second
    documents = first["raw_documents.csv"].decode().splitlines()
    assert second["raw_documents.csv"].decode().splitlines() == [line for line in documents if YP not in line]


def test_a_cached_report_is_written_as_the_same_bytes(tmp_path: Path, corpus: Path) -> None:
    """A cache entry holds the report's CSV lines as rendered: a build that reads every report from
    the cache writes what extracting them writes, rejects and all."""
    cache = tmp_path / "cache"
    fresh = extract_with(2, [corpus], tmp_path / "fresh", "--cache", str(cache), "--keep-going")
    assert extract_with(2, [corpus], tmp_path / "cached", "--cache", str(cache), "--keep-going") == fresh
    assert fresh == in_memory([corpus], keep_going=True)


def test_a_failed_extraction_prunes_nothing(tmp_path: Path) -> None:
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    shutil.copytree(REPO / "reports", reports)
    extract_with(2, [reports], tmp_path / "first", "--cache", str(cache))
    (reports / YP).write_text("not a report\n", encoding="utf-8")
    arguments = ["extract", str(reports), "--out", str(tmp_path / "out"), "--cache", str(cache), "--quiet"]
    assert main(arguments) == 2
    assert len(list(cache.rglob("*.json"))) == 3
