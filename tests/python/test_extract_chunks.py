"""The extraction cache's chunks: a run of reports of one municipality written from one entry when
none of them changed, the same bytes as extracting them, and only changed reports extracted again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kuntatalous.extract import planned_reports
from kuntatalous.output import stream
from kuntatalous.output.cache import ExtractionCache, seal, unseal
from kuntatalous.output.records import RAW_TABLES
from kuntatalous.output.seeds import StagedSeeds
from kuntatalous.output.stream import Summary, planned_runs, stream_extraction
from kuntatalous.synthetic import generate_corpus, write_corpus


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 report sections of 4 municipalities, some named by the manifest."""
    out = tmp_path_factory.mktemp("chunks") / "corpus"
    write_corpus(generate_corpus(40, seed=5, years=2, municipalities=4, family=True), out)
    return out


@pytest.fixture
def corpus(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the generated corpus, in runs of about 4 reports (many chunks of a few)."""
    monkeypatch.setattr(stream, "RUN_SPREAD", 4)
    copy = tmp_path / "reports"
    shutil.copytree(generated, copy)
    return copy


def extract(
    reports: list[Path], out: Path, cache: ExtractionCache | None, jobs: int = 1
) -> tuple[dict[str, bytes], Summary]:
    """The raw CSVs ``kuntatalous extract`` writes (the cache pruned after), with its summary."""
    with StagedSeeds(out) as seeds:
        summary = stream_extraction(reports, seeds, keep_going=True, cache=cache, jobs=jobs)
        seeds.commit()
    if cache is not None:
        cache.prune()
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}, summary


def run_names(*reports: Path) -> list[tuple[str, ...]]:
    """The names of the reports of each run that may be a chunk (two reports or more)."""
    runs = planned_runs(planned_reports(list(reports), None, keep_going=True))
    return [tuple(job.report.source_file for job in run.jobs) for run in runs if len(run.jobs) >= 2]


def chunk_entries(cache: Path) -> list[Path]:
    """The chunks in ``cache`` (a report's entry counts no reports)."""
    return [
        path
        for path in sorted(cache.rglob("*.json"))
        if "reports" in json.loads(unseal(path.read_bytes()).partition(b"\n")[0])["counts"][0]
    ]


def report_entries(cache: Path) -> set[Path]:
    return set(cache.rglob("*.json")) - set(chunk_entries(cache))


def test_chunks_write_the_same_bytes_as_no_cache_in_one_process_and_two(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    first, second = sorted(corpus.glob("*.txt"))[5:7]
    # A name in two folders (other content): their rows merged, never chunked.
    (other / first.name).write_text(second.read_text(encoding="utf-8") + "\nUusi.\n", encoding="utf-8")
    paths = [corpus, other]
    uncached, _ = extract(paths, tmp_path / "uncached", None)
    cache = ExtractionCache(tmp_path / "cache")
    cold, summary = extract(paths, tmp_path / "cold", cache, jobs=2)
    assert (summary.extracted, summary.cached, summary.chunked) == (41, 0, 0)
    runs = run_names(*paths)
    chunked = sum(map(len, runs))
    assert len(runs) >= 4, "the corpus makes several chunks"
    assert not any(first.name in run for run in runs)
    for jobs in (1, 2):
        cache = ExtractionCache(tmp_path / "cache")
        warm, summary = extract(paths, tmp_path / f"warm{jobs}", cache, jobs=jobs)
        assert warm == cold == uncached
        assert (summary.extracted, summary.cached, summary.chunked) == (0, 41, chunked)
        assert cache.hits == len(runs) + 41 - chunked, "a chunk each, and the reports not in one"
    assert {table.name + ".csv" for table in RAW_TABLES} == set(cold)


def test_only_the_changed_reports_are_extracted_and_the_other_runs_come_from_chunks(
    corpus: Path, tmp_path: Path
) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extract([corpus], tmp_path / "cold", cache, jobs=2)
    before = run_names(corpus)
    reports = sorted(corpus.glob("*.txt"))
    changed, removed, added_from = reports[3], reports[20], reports[35]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nLisätieto.\n", encoding="utf-8")
    removed.unlink()
    added = corpus / ("zz_" + added_from.name)
    added.write_text(added_from.read_text(encoding="utf-8") + "\nUusi.\n", encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    warm, summary = extract([corpus], tmp_path / "warm", cache, jobs=2)
    kept = [run for run in run_names(corpus) if run in before and changed.name not in run]
    assert len(kept) >= 3
    assert summary.extracted == 2, "the changed report and the added one"
    assert summary.chunked == sum(map(len, kept))
    assert summary.cached == 40 - 2
    assert warm == extract([corpus], tmp_path / "uncached", None)[0]


def cached_chunk(corpus: Path, tmp_path: Path) -> tuple[dict[str, bytes], Path]:
    """The raw CSVs of ``corpus`` extracted without a cache, and the largest chunk of the cache
    (``tmp_path / "cache"``) that a cold extraction and a warm one leave."""
    expected, _ = extract([corpus], tmp_path / "uncached", None)
    cache = ExtractionCache(tmp_path / "cache")
    extract([corpus], tmp_path / "cold", cache)
    entries = report_entries(tmp_path / "cache")
    assert len(entries) == 40
    assert extract([corpus], tmp_path / "warm", ExtractionCache(tmp_path / "cache"))[1].chunked > 0
    assert report_entries(tmp_path / "cache") == entries, "a run written from its chunk keeps its reports' entries"
    return expected, max(chunk_entries(tmp_path / "cache"), key=lambda path: path.stat().st_size)


def test_a_tampered_chunk_is_distrusted_and_stored_again(corpus: Path, tmp_path: Path) -> None:
    expected, chunk = cached_chunk(corpus, tmp_path)
    stored = chunk.read_bytes()
    assert b",2025," in stored
    chunk.write_bytes(stored.replace(b",2025,", b",2026,", 1))
    cache = ExtractionCache(tmp_path / "cache")
    tampered, summary = extract([corpus], tmp_path / "tampered", cache)
    assert tampered == expected
    assert cache.warnings == [
        f"cache entry {chunk}: its checksum does not match its contents (changed after it was written); "
        "read its reports one by one"
    ]
    assert summary.extracted == 0
    assert chunk.read_bytes() == stored, "stored again, as it was"


def test_a_chunk_not_shaped_as_a_run_of_reports_is_distrusted(corpus: Path, tmp_path: Path) -> None:
    expected, chunk = cached_chunk(corpus, tmp_path)
    table: dict[str, object] = {
        "name": "raw_documents",
        "rows": 1,
        "first": [[1, 0, "a.txt"]],
        "last": [[1, 0, "a.txt"]],
        "bytes": 2,
    }
    shapes: list[tuple[dict[str, object], bytes]] = [
        ({**table, "name": "raw_nothing"}, b"\nx\n"),
        ({**table, "first": [["1", 0, "a.txt"]]}, b"\nx\n"),
        ({"keys": []}, b"\nx\n"),
        (table, b"\nx\ny\n"),  # more text than its tables' sizes
        (table, b"\nx"),  # less
        (table, b""),  # no text at all, not even its line's end
    ]
    for shape, text in shapes:
        entry = {"tables": [shape], "documents": [], "warnings": [], "counts": [{"reports": 2, "extracted_tables": 0}]}
        chunk.write_bytes(seal(json.dumps(entry).encode() + text))
        cache = ExtractionCache(tmp_path / "cache")
        assert extract([corpus], tmp_path / "shape", cache)[0] == expected
        assert cache.warnings[0].startswith(f"cache entry {chunk}: not a run of reports"), cache.warnings


def test_a_changed_report_is_extracted_alone_and_the_rest_of_its_run_stays_cached(corpus: Path, tmp_path: Path) -> None:
    cached_chunk(corpus, tmp_path)
    one = next(path for path in sorted(corpus.glob("*.txt")) if any(path.name in run for run in run_names(corpus)))
    one.write_text(one.read_text(encoding="utf-8") + "\nLisätieto.\n", encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    _, summary = extract([corpus], tmp_path / "changed", cache)
    assert (summary.extracted, summary.cached) == (1, 39), "the rest of its run from its reports' entries"


def test_a_block_sorting_before_what_was_written_is_refused(tmp_path: Path) -> None:
    table = RAW_TABLES[0]
    early, late = ((1, 0, "a.txt"),), ((1, 0, "b.txt"),)
    with StagedSeeds(tmp_path / "out") as seeds:
        seeds.write_block(table, b"b\n", late, late)
        with pytest.raises(RuntimeError, match="a block sorting from"):
            seeds.write_block(table, b"a\n", early, late)
        with pytest.raises(RuntimeError, match="a block sorting from"):
            seeds.write_block(table, b"c\n", ((1, 0, "c.txt"),), late)


def test_a_run_holds_one_municipality_and_a_report_removed_moves_only_its_own_run(corpus: Path) -> None:
    planned = list(planned_reports([corpus], None, keep_going=True))
    runs = [run for run in planned_runs(planned) if run.items]
    assert [item for run in runs for item in run.items] == planned, "every item once, in order"
    named = {run.jobs[0].municipality for run in runs if run.jobs}
    assert None in named, "a report the manifest does not name"
    assert "Petäjävesi" in named, "the manifest names some reports' municipality"
    assert all(len({job.municipality for job in run.jobs}) == 1 for run in runs if run.jobs)
    before = run_names(corpus)
    removed = sorted(corpus.glob("*.txt"))[12]
    removed.unlink()
    after = run_names(corpus)
    (was,) = [run for run in before if removed.name in run]
    following = before[before.index(was) + 1 : before.index(was) + 2]
    gone = [run for run in before if run not in after]
    assert gone == [was] or gone == [was, *following], "its run; the next too when it ended its run"
    assert all(set(run) <= set().union(*gone) - {removed.name} for run in after if run not in before)
