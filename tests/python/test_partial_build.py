"""A partial build (only the municipalities whose reports changed) gives the marts of a full build.

The end-to-end test builds a corpus of four municipalities (three synthetic ones and Heinola's
committed reports), then adds a report to one, removes one from another and changes one of a
third, and builds again on the published warehouse: that build must rebuild those three
municipalities only, and its marts must be identical, row for row, to a full build of the same
reports from nothing. A build with no change then rebuilds nothing and changes nothing.

The planner's own tests run on small hand-made files: what it rebuilds, and when it falls back
to a full build.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from kuntatalous.cli import main
from kuntatalous.files import file_identity
from kuntatalous.output import cache as cache_module
from kuntatalous.site.build import build_site
from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.warehouse import build_plan
from kuntatalous.warehouse.build_plan import make_plan, project_fingerprint, start_candidate
from kuntatalous.warehouse.partitions import digests
from kuntatalous.warehouse.publish import WarehousePaths

from .family_fixtures import fixture_text
from .prebuilds import Make, Prebuilds
from .sites import site_files
from .warehouse_builds import (
    HY,
    REPO,
    YP,
    build,
    build_steps,
    committed_report,
    finish_build,
    replace_once,
    start_build,
)

SCRIPT = REPO / "scripts" / "compare_marts.py"
DOCUMENT_COLUMNS = ["document_id", "source_file", "municipality", "fiscal_year", "section_title", "municipality_source"]


def _compare(before: Path, after: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(before), str(after)], capture_output=True, text=True)


def _plan_line(result: subprocess.CompletedProcess[str]) -> str:
    said = tuple(f"{mode} build:" for mode in (build_plan.FULL, build_plan.PARTIAL, build_plan.UNCHANGED))
    lines = [line for line in result.stdout.splitlines() if line.startswith(said)]
    assert len(lines) == 1, result.stdout[-3000:]
    return lines[0]


def _staged_documents(database: Path) -> set[str]:
    with build_steps(database) as conn:
        rows = conn.execute("select source_file from work.staging.stg_reports__documents").fetchall()
    return {str(row[0]) for row in rows}


def make_corpora(work: Path) -> tuple[Path, Path, dict[str, str]]:
    """The reports before and after: (before, after, the file names added, removed and changed)."""
    after = work / "after"
    corpus = generate_corpus(9, seed=23, years=2, municipalities=3)
    write_corpus(corpus, after)
    for name in (YP, HY):
        shutil.copy(REPO / "reports" / name, after / name)
    by_town: dict[str, list[str]] = {}
    for path in sorted(after.glob("*.txt")):
        by_town.setdefault(path.name.split("_tp")[0], []).append(path.name)
    towns = sorted(town for town in by_town if town != "heinola")
    assert len(towns) == 3, by_town
    assert all(len(by_town[town]) >= 2 for town in towns), by_town
    names = {"added": by_town[towns[0]][-1], "removed": by_town[towns[1]][-1], "changed": by_town[towns[2]][0]}
    before = work / "before"
    shutil.copytree(after, before)
    (before / names["added"]).unlink()
    (after / names["removed"]).unlink()
    # A changed report: a line inserted below its title moves every figure's printed line.
    lines = (after / names["changed"]).read_text(encoding="utf-8").split("\n")
    (after / names["changed"]).write_text("\n".join([lines[0], "", *lines[1:]]), encoding="utf-8")
    return before, after, names


@dataclass(frozen=True)
class FirstBuilds:
    """The corpora, the first nightly build (of the reports before) and a full build of the
    reports after, each in a work folder of its own."""

    before: Path
    after: Path
    names: dict[str, str]
    nightly: Path
    first: subprocess.CompletedProcess[str]
    reference: Path
    full: subprocess.CompletedProcess[str]


def make_first_builds(work: Path, environ: Mapping[str, str]) -> FirstBuilds:
    before, after, names = make_corpora(work)
    nightly = work / "nightly"
    # The first nightly build and the full build of the reports after share nothing: side by side.
    started = start_build(before, nightly, base=environ), start_build(after, work / "full", base=environ)
    _, first = finish_build(started[0], nightly)
    reference, full = finish_build(started[1], work / "full")
    return FirstBuilds(before, after, names, nightly, first, reference, full)


PREBUILDS: dict[str, Make] = {"first_builds": make_first_builds}


@pytest.fixture
def first_builds(prebuilds: Prebuilds) -> FirstBuilds:
    built: FirstBuilds = prebuilds.take(make_first_builds)
    return built


@pytest.mark.e2e
def test_a_partial_build_gives_the_marts_of_a_full_build(first_builds: FirstBuilds, tmp_path: Path) -> None:
    after, names, nightly, reference = (
        first_builds.after,
        first_builds.names,
        first_builds.nightly,
        first_builds.reference,
    )
    assert _plan_line(first_builds.first).startswith("full build: no published warehouse")
    assert _plan_line(first_builds.full).startswith("full build:")
    database, second = build(after, nightly)
    assert _plan_line(second).startswith("partial build: 3 of 4 municipalities rebuilt"), second.stdout[-3000:]
    compared = _compare(reference, database)
    assert compared.returncode == 0, compared.stdout[-4000:]
    _exports_hold_the_digests_of_the_marts(database, nightly / "exports")
    # Its site (the digests of the pages it did not rebuild carried) is the site rendered afresh.
    fresh = build_site(database, after, tmp_path / "fresh", shown_as=database.name)
    assert site_files(database.with_name("warehouse.report")) == site_files(fresh.out)
    # It ran every node that reads the reports, every model of the work file (written afresh by
    # each build) and their tests, and only those: the reference seeds and the marts over them
    # alone are the published file's (the same project and seeds built it).
    full_ran, ran = _ran(reference.parent / "target"), _ran(nightly / "target")
    rebuilt = _reads_reports(nightly / "target") | _of_the_work_file(nightly / "target")
    assert ran == full_ran & rebuilt
    # Neither ran dbt's unit tests (dbt_build.BUILD_EXCLUDES; make test runs them).
    assert not [node for node in full_ran | ran if node.startswith("unit_test.")]
    assert any(node.startswith("seed.") for node in full_ran - rebuilt)
    assert "model.kuntatalous.dim_municipality" in full_ran - rebuilt
    assert "model.kuntatalous.int_unit_names" in ran - _reads_reports(nightly / "target")
    # Only the three municipalities' documents were read again: Heinola's were not.
    staged = _staged_documents(database)
    assert names["added"] in staged
    assert names["changed"] in staged
    assert not staged & {YP, HY, names["removed"]}
    # Nothing changed since: dbt is not run (it would rebuild nothing and test the same rows),
    # and the marts stay the same.
    kept = tmp_path / "kept.duckdb"
    shutil.copy(database, kept)
    previous = WarehousePaths(database).previous
    identities = file_identity(database), file_identity(previous)
    release = os.readlink(nightly / "exports")
    _, unchanged = build(after, nightly)
    assert _plan_line(unchanged).startswith("unchanged build: no report added, changed or removed")
    assert not (nightly / "target" / "run_results.json").exists(), "dbt ran"
    assert "(nothing to rebuild: the published file is kept, with its previous one)" in unchanged.stdout
    # The published file and its previous one are kept, the same files; the release is new.
    assert file_identity(database) == identities[0]
    assert file_identity(previous) == identities[1]
    assert not database.with_name("warehouse.candidate.duckdb").exists()
    assert os.readlink(nightly / "exports") != release
    assert _compare(kept, database).returncode == 0
    _exports_hold_the_digests_of_the_marts(database, nightly / "exports")
    assert site_files(database.with_name("warehouse.report")) == site_files(fresh.out)


def _exports_hold_the_digests_of_the_marts(database: Path, exports: Path) -> None:
    """The partial build's plan was based on the file it replaced, and its export's digests
    (carried for the municipalities it did not rebuild) are those of every row of the marts."""
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    with duckdb.connect(str(database), read_only=True) as con:
        (based_on,) = con.execute("select based_on from build_plan.state").fetchone() or (None,)
        assert json.loads(str(based_on)) == file_identity(WarehousePaths(database).previous)
        assert manifest["site"]["carried"] > 0, "Heinola's pages' digests are carried"
        with_heinola = [
            mart for mart, record in manifest["partitions"].items() if "Heinola" in record["municipalities"]
        ]
        assert len(with_heinola) > 3
        for mart, record in manifest["partitions"].items():
            assert "Heinola" not in record["hashed"], f"{mart}: Heinola was not rebuilt"
            found = {
                name: {k: entry[k] for k in ("rows", "digest")} for name, entry in record["municipalities"].items()
            }
            assert found == digests(con, mart), mart


def _ran(target: Path) -> set[str]:
    """The nodes the dbt run of ``target`` ran."""
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {str(result["unique_id"]) for result in results}


def _of_the_work_file(target: Path) -> set[str]:
    """The models of the manifest of ``target`` in the work file (database ``work``), and the
    tests of any of them."""
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    models = {
        key
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["database"] == "work"
    }
    tests = {
        key
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "test" and models & set(node["depends_on"].get("nodes", []))
    }
    return models | tests


def _reads_reports(target: Path) -> set[str]:
    """The nodes of the manifest of ``target`` that read the source ``reports``, directly or
    through other nodes."""
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    reading = {key for key in manifest["sources"] if key.startswith("source.kuntatalous.reports.")}
    grew = True
    while grew:
        more = {key for key, node in nodes.items() if reading & set(node["depends_on"].get("nodes", []))}
        grew = not more <= reading
        reading |= more
    return reading


# The planner on hand-made files: a published warehouse with its documents and fingerprint.


Document = tuple[str, str, str, str, str, str]


def _published(path: Path, documents: list[Document], fingerprint: str | None) -> Path:
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema analytics")
        conn.execute(
            "create table analytics.dim_document (document_id varchar, source_file varchar, municipality varchar, "
            "fiscal_year integer, section_title varchar, municipality_source varchar)"
        )
        conn.executemany("insert into analytics.dim_document values (?, ?, ?, ?, ?, ?)", documents)
        if fingerprint is not None:
            conn.execute("create schema build_plan")
            conn.execute("create table build_plan.state (fingerprint varchar)")
            conn.execute("insert into build_plan.state values (?)", [fingerprint])
            # A published file was a candidate: the plan of the build that wrote it is in it.
            conn.execute("create table build_plan.rebuild_documents as select 'a1' as document_id")
            conn.execute("create table build_plan.rebuild_municipalities as select 'Aa' as municipality")
    return path


def _raw(folder: Path, documents: list[Document]) -> Path:
    folder.mkdir()
    with (folder / "raw_documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(DOCUMENT_COLUMNS)
        writer.writerows(documents)
    return folder


OLD = [
    ("a1", "a_tp2024_x.txt", "Aa", "2024", "X", "text"),
    ("a2", "a_tp2025_x.txt", "Aa", "2025", "X", "text"),
    ("b1", "b_tp2025_x.txt", "Bb", "2025", "X", "text"),
    ("c1", "c_tp2025_x.txt", "Cc", "2025", "X", "text"),
]


def _rebuilt(candidate: Path) -> tuple[set[str], set[str]]:
    with duckdb.connect(str(candidate), read_only=True) as conn:
        documents = conn.execute("select document_id from build_plan.rebuild_documents").fetchall()
        towns = conn.execute("select municipality from build_plan.rebuild_municipalities").fetchall()
    return {str(r[0]) for r in documents}, {str(r[0]) for r in towns}


@pytest.mark.parametrize(
    ("new", "documents", "towns"),
    [
        (OLD, set(), set()),
        ([*OLD, ("b2", "b_tp2024_x.txt", "Bb", "2024", "X", "text")], {"b1", "b2"}, {"Bb"}),
        (OLD[1:], {"a1", "a2"}, {"Aa"}),
        ([*OLD[:3], ("c9", "c_tp2025_x.txt", "Cc", "2025", "X", "text")], {"c1", "c9"}, {"Cc"}),
        ([*OLD[:3], ("c1", "c_tp2025_y.txt", "Cc", "2025", "X", "text")], {"c1"}, {"Cc"}),
        ([*OLD[:2], OLD[3]], {"b1"}, {"Bb"}),
        # The manifest now names the municipality the text named: the same town, told otherwise.
        ([*OLD[:3], ("c1", "c_tp2025_x.txt", "Cc", "2025", "X", "manifest")], {"c1"}, {"Cc"}),
    ],
    ids=["unchanged", "added", "removed", "changed", "renamed", "municipality gone", "told otherwise"],
)
def test_the_plan_rebuilds_the_municipalities_whose_reports_changed(
    tmp_path: Path, new: list[Document], documents: set[str], towns: set[str]
) -> None:
    published = _published(tmp_path / "w.duckdb", OLD, "f1")
    candidate = tmp_path / "w.candidate.duckdb"
    start_candidate(published, candidate, "f1")
    plan = make_plan(published, candidate, _raw(tmp_path / "raw", new), "f1")
    assert plan.partial
    assert plan.line().startswith(f"{plan.mode} build: ")
    if not documents:
        # Nothing to rebuild: no candidate (the copy started ahead removed), and no dbt run (the
        # line's first word tells dbt-build so).
        assert plan.mode == build_plan.UNCHANGED
        assert not candidate.exists()
        return
    assert plan.mode == build_plan.PARTIAL
    assert _rebuilt(tmp_path / "w.candidate.duckdb") == (documents, towns)
    with duckdb.connect(str(tmp_path / "w.candidate.duckdb"), read_only=True) as conn:
        assert conn.execute("select count(*) from analytics.dim_document").fetchone() == (len(OLD),), "a copy"


@pytest.mark.parametrize(("fingerprint", "said"), [("f0", "another project"), (None, "before fingerprints")])
def test_a_warehouse_of_another_project_is_built_in_full(tmp_path: Path, fingerprint: str | None, said: str) -> None:
    published = _published(tmp_path / "w.duckdb", OLD, fingerprint)
    plan = make_plan(published, tmp_path / "w.candidate.duckdb", _raw(tmp_path / "raw", OLD), "f1")
    assert not plan.partial
    assert said in plan.reason
    with duckdb.connect(str(tmp_path / "w.candidate.duckdb"), read_only=True) as conn:
        tables = conn.execute("select table_schema from information_schema.tables").fetchall()
        assert ("analytics",) not in tables, "a full build starts from an empty candidate"
        assert conn.execute("select fingerprint from build_plan.state").fetchone() == ("f1",)


ADDED = [*OLD, ("b2", "b_tp2024_x.txt", "Bb", "2024", "X", "text")]


def _mark(database: Path) -> None:
    """A table that only this copy of the file holds."""
    with duckdb.connect(str(database)) as conn:
        conn.execute("create table main.copy_mark as select 1 as mark")


def _marked(database: Path) -> bool:
    with duckdb.connect(str(database), read_only=True) as conn:
        found = conn.execute("select count(*) from information_schema.tables where table_name = 'copy_mark'")
        return found.fetchone() == (1,)


def test_the_candidate_started_beside_the_extraction_is_the_plans_copy(tmp_path: Path) -> None:
    """plan-build --start copies the published file while the reports are extracted; the plan
    takes that copy (no second copy) and writes the same plan into it as into its own copy."""
    published = _published(tmp_path / "w.duckdb", OLD, "f1")
    candidate = tmp_path / "w.candidate.duckdb"
    assert start_candidate(published, candidate, "f1")
    _mark(candidate)
    plan = make_plan(published, candidate, _raw(tmp_path / "raw", ADDED), "f1")
    assert plan.partial
    assert _marked(candidate), "the started copy was taken"
    assert _rebuilt(candidate) == ({"b1", "b2"}, {"Bb"})
    with duckdb.connect(str(candidate), read_only=True) as conn:
        based_on = conn.execute("select based_on from build_plan.state").fetchone()
    assert based_on == (json.dumps(file_identity(published), sort_keys=True),)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["raw", "w.candidate.duckdb", "w.duckdb"]


def _publish_again(published: Path, candidate: Path) -> None:
    with duckdb.connect(str(published)) as conn:
        conn.execute("insert into analytics.dim_document values ('c2', 'c_tp2024_x.txt', 'Cc', 2024, 'X', 'text')")


def _plan_twice(published: Path, candidate: Path) -> None:
    make_plan(published, candidate, _raw(candidate.parent / "raw-first", ADDED), "f1")


@pytest.mark.parametrize("after_start", [_publish_again, _plan_twice], ids=["published changed", "planned already"])
def test_a_started_candidate_that_is_no_longer_the_published_file_is_copied_again(
    tmp_path: Path, after_start: Callable[[Path, Path], None]
) -> None:
    """A started copy is not taken once the published file has changed since (its identity is
    not the one recorded), nor once a plan was written into it (a build may have used it)."""
    published = _published(tmp_path / "w.duckdb", OLD, "f1")
    candidate = tmp_path / "w.candidate.duckdb"
    assert start_candidate(published, candidate, "f1")
    after_start(published, candidate)
    _mark(candidate)
    plan = make_plan(published, candidate, _raw(tmp_path / "raw", ADDED), "f1")
    assert plan.partial
    assert not _marked(candidate), "copied again"
    with duckdb.connect(str(published), read_only=True) as conn:
        expected = conn.execute("select count(*) from analytics.dim_document").fetchone()
    with duckdb.connect(str(candidate), read_only=True) as conn:
        assert conn.execute("select count(*) from analytics.dim_document").fetchone() == expected


@pytest.mark.parametrize(("fingerprint", "full"), [("f0", False), ("f1", True)], ids=["another project", "full"])
def test_no_candidate_is_started_for_a_full_build(tmp_path: Path, fingerprint: str, full: bool) -> None:
    published = _published(tmp_path / "w.duckdb", OLD, fingerprint)
    candidate = tmp_path / "w.candidate.duckdb"
    candidate.write_bytes(b"a candidate left by an earlier build")
    assert not start_candidate(published, candidate, "f1", full)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["w.duckdb"]
    assert not make_plan(published, candidate, _raw(tmp_path / "raw", OLD), "f1", full).partial


def test_a_copy_that_fails_leaves_no_part_and_the_plan_copies_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy that stops half way (here: a full disk) leaves no part of it; plan-build --start
    says so and exits 1, which the build ignores: the plan then copies the file itself."""
    published = _published(tmp_path / "w.duckdb", OLD, "f1")
    candidate = tmp_path / "w.candidate.duckdb"
    project = tmp_path / "project"
    project.mkdir()

    def full_disk(source: Path, target: Path) -> None:
        Path(target).write_bytes(b"half a copy")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_plan, "project_fingerprint", lambda *_: "f1")
    with monkeypatch.context() as patched:
        patched.setattr(shutil, "copyfile", full_disk)
        args = ["plan-build", "--start", "--database", str(published), "--candidate", str(candidate)]
        assert main([*args, "--project-dir", str(project)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "w.duckdb"]
    assert make_plan(published, candidate, _raw(tmp_path / "raw", ADDED), "f1").partial
    assert _rebuilt(candidate) == ({"b1", "b2"}, {"Bb"})


def test_the_fingerprint_follows_the_project_and_its_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    for part in ("models", "macros", "tests/dbt"):
        (project / part).mkdir(parents=True)
    (project / "dbt_project.yml").write_text("name: x\n", encoding="utf-8")
    (project / "models" / "m.sql").write_text("select 1\n", encoding="utf-8")
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "ref_units.csv").write_text("unit_id\n", encoding="utf-8")
    first = project_fingerprint(project, [reference])
    assert project_fingerprint(project, [reference]) == first
    (project / "models" / "m.sql").write_text("select 2\n", encoding="utf-8")
    second = project_fingerprint(project, [reference])
    assert second != first
    (reference / "ref_units.csv").write_text("unit_id\n", encoding="utf-8")
    assert project_fingerprint(project, [reference]) == second
    (reference / "ref_units.csv").write_text("unit_id\nx\n", encoding="utf-8")
    third = project_fingerprint(project, [reference])
    assert third != second
    # What a partial build runs (selectors.yml) is part of the project.
    (project / "selectors.yml").write_text("selectors: []\n", encoding="utf-8")
    assert project_fingerprint(project, [reference]) != third
    (project / "selectors.yml").unlink()
    assert project_fingerprint(project, [reference]) == third
    # The extractor's code: a copy of the package gives the same fingerprint, and a copy with a
    # module of the extractor added or changed another one each.
    package = tmp_path / "package" / "kuntatalous"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    assert project_fingerprint(project, [reference]) == third
    added = tmp_path / "added" / "kuntatalous"
    shutil.copytree(package, added)
    (added / "text" / "a.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(cache_module, "PACKAGE", added)
    fourth = project_fingerprint(project, [reference])
    changed = tmp_path / "changed" / "kuntatalous"
    shutil.copytree(package, changed)
    extract = changed / "extract.py"
    extract.write_text(extract.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "PACKAGE", changed)
    assert len({first, second, third, fourth, project_fingerprint(project, [reference])}) == 5


# The tests of a partial build: the rows it wrote (macros/partial_build.sql, get_where_subquery).

REBUILT_ONLY = re.compile(
    r"\(select \* from (\S+) where (?:\((.+?)\) and )?"
    r"document_id in \(select document_id from build_plan\.rebuild_documents\)\) dbt_subquery"
)
SUBTOTAL_FAIL = "subtotal FAIL: heinola.yhteiset_palvelut · toimintatuotot · 2025 actual"


def _compiled_tests(target: Path, model: str) -> dict[str, str]:
    """The compiled SQL of each generic test of ``model`` that the run of ``target`` ran, by name."""
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {
        result["unique_id"].split(".")[2]: result["compiled_code"]
        for result in results
        if result["unique_id"].startswith(f"test.kuntatalous.unique_{model}_")
        or result["unique_id"].startswith(f"test.kuntatalous.not_null_{model}_")
    }


@pytest.mark.e2e
def test_a_partial_build_tests_the_rows_it_wrote_and_fails_on_them(first_builds: FirstBuilds, tmp_path: Path) -> None:
    # Heinola's subtotal tampered (Myyntituotot's actual +1 000 €, its total left as printed) on
    # a copy of the published full build of the same reports: a partial build of Heinola only.
    work, before, failed = _tampered_nightly(first_builds, tmp_path, "780 723\t- 180 723\t130,12")
    published = work / "warehouse.duckdb"
    output = failed.stdout + failed.stderr
    assert _plan_line(failed).startswith("partial build: 1 of 4 municipalities rebuilt"), output[-3000:]
    assert SUBTOTAL_FAIL in output, output[-3000:]
    assert "failing checks: " in output, output[-3000:]
    assert "subtotal (1: heinola.yhteiset_palvelut" in output, output[-3000:]
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    # The generic tests of an incremental mart read its rows of the rebuilt documents only; a
    # full build's read the whole mart, as dbt writes them.
    partial = _compiled_tests(work / "target", "fact_budget")
    full = _compiled_tests(first_builds.reference.parent / "target", "fact_budget")
    assert partial.keys() == full.keys(), (partial.keys(), full.keys())
    assert len(full) >= 2, full
    for name, code in partial.items():
        assert REBUILT_ONLY.search(code), (name, code)
        assert "build_plan" not in full[name], (name, full[name])
        assert _unfiltered(code) == full[name], name


def _unfiltered(code: str) -> str:
    """A partial build's compiled test as a full build's: the mart whole, with the test's own `where`."""
    return REBUILT_ONLY.sub(lambda m: f"(select * from {m[1]} where {m[2]}) dbt_subquery" if m[2] else m[1], code)


@pytest.mark.e2e
def test_a_build_stopped_at_extraction_leaves_no_started_candidate(first_builds: FirstBuilds, tmp_path: Path) -> None:
    """The candidate a partial build starts beside the extraction (plan-build --start) is removed,
    copied or half-copied, when the extraction stops on a report it cannot read; the dbt started
    beside it stops without building."""
    work, before, failed = _tampered_nightly(first_builds, tmp_path, "779 7X3\t- 179 723\t129,95")
    published = work / "warehouse.duckdb"
    assert failed.returncode == 2, failed.stdout[-3000:] + failed.stderr[-3000:]
    assert f"{YP}:" in failed.stderr, failed.stderr[-3000:]
    assert "779 7X3" in failed.stderr, failed.stderr[-3000:]
    assert "stopped at extract" in failed.stdout, failed.stdout[-3000:]
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert not [path.name for path in work.iterdir() if "candidate" in path.name]
    # dbt, started beside the extraction too (dbt-build), was told to stop: it built nothing.
    assert not (work / "target" / "run_results.json").exists()


def _tampered_nightly(
    first_builds: FirstBuilds, tmp_path: Path, printed: str
) -> tuple[Path, str, subprocess.CompletedProcess[str]]:
    """A failing build of the reports after, Heinola's Myyntituotot printed as ``printed`` (its
    actual, variance and percentage), over a copy of the full build of the reports after: its
    work folder, the published file's SHA-256 before it, and the build."""
    reports = tmp_path / "reports"
    shutil.copytree(first_builds.after, reports)
    line = "Myyntituotot\t626 584\t600 000\t"
    yp = replace_once(committed_report(YP), line + "779 723\t- 179 723\t129,95", line + printed)
    (reports / YP).write_text(yp, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    published = work / "warehouse.duckdb"
    shutil.copy(first_builds.reference, published)
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    _, failed = build(reports, work, expect_ok=False)
    return work, before, failed


def make_renamed_by_a_new_report(
    workdir: Path, environ: Mapping[str, str]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Iivala's report built, then beside it a report of Jeela printing one of its uncurated
    lines in capitals, with a smaller document id (the salt): the published file and what the
    second build printed."""
    kept = fixture_text("uncurated_terms_after.txt")
    reports = workdir / "reports"
    reports.mkdir()
    (reports / "uncurated_terms_after.txt").write_text(kept, encoding="utf-8")
    manifest = "file,municipality\nuncurated_terms_after.txt,Iivala\n"
    (reports / "manifest.csv").write_text(manifest, encoding="utf-8")
    build(reports, workdir / "w", base=environ)
    first = hashlib.sha256(kept.encode()).hexdigest()
    capitals = kept.replace("Vuokratuotot", "VUOKRATUOTOT")
    salted = next(
        text
        for salt in range(100_000)
        if hashlib.sha256((text := f"{capitals}\nLisätieto {salt}.\n").encode()).hexdigest() < first
    )
    (reports / "jeela.txt").write_text(salted, encoding="utf-8")
    (reports / "manifest.csv").write_text(manifest + "jeela.txt,Jeela\n", encoding="utf-8")
    return build(reports, workdir / "w", base=environ)


PREBUILDS["renamed_by_a_new_report"] = make_renamed_by_a_new_report


@pytest.fixture
def renamed_by_a_new_report(prebuilds: Prebuilds) -> tuple[Path, subprocess.CompletedProcess[str]]:
    built: tuple[Path, subprocess.CompletedProcess[str]] = prebuilds.take(make_renamed_by_a_new_report)
    return built


@pytest.mark.e2e
def test_a_kept_municipalitys_line_renamed_by_a_new_report_is_exported_renamed(
    renamed_by_a_new_report: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """An uncurated line is named as first printed in any report (by document id). A report of
    another municipality that prints it otherwise, with a smaller id, renames the kept
    municipality's rows in the warehouse (refresh_from_dimension), and so in its exports: they
    are written again, not carried as unchanged."""
    database, nightly = renamed_by_a_new_report
    assert _plan_line(nightly).startswith("partial build: 1 of 2 municipalities rebuilt (Jeela)")
    exported = database.parent / "exports" / "rpt_budget_vs_actual" / "municipality=Iivala" / "data_0.parquet"
    query = "select distinct line_item_name from {} where line_item_id = 'operating.vuokratuotot'"
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute(query.format("analytics.rpt_budget_vs_actual")).fetchall() == [("VUOKRATUOTOT",)]
        assert con.execute(query.format(f"read_parquet('{exported}')")).fetchall() == [("VUOKRATUOTOT",)]
