"""Publishing, rollback, exports and the run record, on small hand-made DuckDB files."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.cli import main
from kuntatalous.warehouse.exports import ExportError, ReleaseContents
from kuntatalous.warehouse.publish import PublishError, WarehousePaths, publish, rollback, sha256_file
from kuntatalous.warehouse.release import (
    Release,
    export_release,
    matches,
    publish_release,
    release_facts,
    rollback_release,
)
from kuntatalous.warehouse.run_summary import (
    RunRecord,
    describe_record,
    describe_stages,
    read_record,
    summarise_run_results,
    timed_stages,
    write_record,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_database(path: Path, answer: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create table fact_answer as select ?::integer as answer", [answer])


def answer(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("select answer from fact_answer").fetchone()
    assert row is not None
    return int(row[0])


def test_paths_sit_beside_the_published_file(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "kuntatalous.duckdb")
    assert paths.candidate == tmp_path / "kuntatalous.candidate.duckdb"
    assert paths.previous == tmp_path / "kuntatalous.previous.duckdb"
    assert paths.last_run == tmp_path / "kuntatalous.last-run.json"


def test_publish_swaps_the_candidate_in_and_keeps_the_previous_file(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    make_database(paths.candidate, 1)
    assert publish(paths) == []
    assert answer(paths.published) == 1
    assert not paths.candidate.exists()
    assert not paths.previous.exists()

    reader = duckdb.connect(str(paths.published), read_only=True)
    make_database(paths.candidate, 2)
    publish(paths)
    # A reader connected before the publish keeps reading the file it opened, whole.
    assert reader.execute("select answer from fact_answer").fetchone() == (1,)
    reader.close()
    assert answer(paths.published) == 2
    assert answer(paths.previous) == 1


def test_publish_writes_the_candidates_log_into_the_file(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    # A process that dies before closing leaves its last changes in the write-ahead log.
    script = (
        "import duckdb, os, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('create table fact_answer as select 42 as answer')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(paths.candidate)], check=True, timeout=60)
    assert paths.candidate.with_name(paths.candidate.name + ".wal").exists()
    publish(paths)
    assert not paths.published.with_name(paths.published.name + ".wal").exists()
    assert not paths.candidate.with_name(paths.candidate.name + ".wal").exists()
    assert answer(paths.published) == 42


def test_publish_without_a_candidate_fails_and_leaves_the_published_file(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    make_database(paths.published, 1)
    before = paths.published.read_bytes()
    with pytest.raises(PublishError, match=r"w\.candidate\.duckdb: no candidate to publish"):
        publish(paths)
    assert paths.published.read_bytes() == before


def test_rollback_swaps_the_previous_file_back_and_forth(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    with pytest.raises(PublishError, match="no previous warehouse"):
        rollback(paths)
    for value in (1, 2):
        make_database(paths.candidate, value)
        publish(paths)
    rollback(paths)
    assert (answer(paths.published), answer(paths.previous)) == (1, 2)
    rollback(paths)
    assert (answer(paths.published), answer(paths.previous)) == (2, 1)


def test_a_rollback_removes_the_work_file_kept_of_the_file_it_replaces(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    for value in (1, 2):
        make_database(paths.candidate, value)
        publish(paths)
    assert paths.work == tmp_path / "w.work.duckdb"
    make_database(paths.work, 2)
    (tmp_path / "w.work.duckdb.wal").write_bytes(b"")
    rollback(paths)
    assert not paths.work.exists()
    assert not (tmp_path / "w.work.duckdb.wal").exists()
    assert answer(paths.published) == 1


def marts_database(tmp_path: Path) -> Path:
    """A small warehouse file: three marts (two of them with a municipality's rows), and tables
    and a view outside ``analytics`` that no export writes."""
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema analytics")
        con.execute(
            "create table analytics.fact_budget as select * from (values "
            "('d1', 'a', 1234.50::decimal(18, 2)), ('d1', 'b', null), ('d2', 'c', -0.01::decimal(18, 2))) "
            "as t(document_id, unit_id, amount_eur)"
        )
        con.execute(
            "create table analytics.dim_document as select * from (values ('d1', 'Hämeenlinna'), ('d2', 'Ii')) "
            "as t(document_id, municipality)"
        )
        con.execute("create table analytics.dim_unit as select 'a' as unit_id")
        con.execute("create table fact_outside_analytics as select 1 as x")
        con.execute("create table raw_budget_rows as select 1 as x")
        con.execute("create view stg_units as select 1 as x")
    return database


PARQUET = ["dim_document", "dim_unit.parquet", "fact_budget.parquet"]
"""What an export writes of ``marts_database`` as Parquet: dim_document has a municipality, so a
folder of one file per municipality."""


def test_export_leaves_a_folder_of_other_files_as_it_was(tmp_path: Path) -> None:
    database = marts_database(tmp_path)
    out = tmp_path / "exports"
    out.mkdir()
    (out / "fact_gone.parquet").write_bytes(b"old")
    (out / "README.txt").write_text("kept", encoding="utf-8")

    # A folder of other files is not the exports' to replace: it is left as it was.
    with pytest.raises(Exception, match="a folder of other files"):
        export_release(Release.at(database, out))
    assert sorted(path.name for path in out.iterdir()) == ["README.txt", "fact_gone.parquet"]


def test_export_writes_every_mart_exactly(tmp_path: Path) -> None:
    database = marts_database(tmp_path)
    out = tmp_path / "exports-link"
    # By default (two municipalities): every mart as Parquet, no spreadsheets.
    folder, _ = export_release(Release.at(database, out))
    assert sorted(path.name for path in out.iterdir()) == ["data_dictionary.csv", *PARQUET, "manifest.json"]
    assert out.resolve() == folder.resolve()
    with duckdb.connect() as con:
        rows = con.execute(f"select unit_id, amount_eur from '{out}/fact_budget.parquet' order by unit_id").fetchall()
        kind = con.execute(f"select typeof(amount_eur) from '{out}/fact_budget.parquet' limit 1").fetchone()
    assert rows == [("a", Decimal("1234.50")), ("b", None), ("c", -Decimal("0.01"))]
    assert kind == ("DECIMAL(18,2)",)


def test_export_writes_one_municipality_as_csv_finnish_csv_and_a_workbook(tmp_path: Path) -> None:
    database = marts_database(tmp_path)
    out = tmp_path / "exports-link"
    export_release(Release.at(database, out))
    # On request, one municipality's rows as plain CSV, Finnish CSV and a workbook.
    export_release(Release.at(database, out), ReleaseContents(spreadsheets="hämeenlinna"))
    assert sorted(path.name for path in out.iterdir()) == [
        "data_dictionary.csv",
        *PARQUET,
        "hameenlinna",
        "manifest.json",
    ]
    assert sorted(path.name for path in (out / "hameenlinna").iterdir()) == [
        "dim_document.csv",
        "dim_document.fi.csv",
        "dim_unit.csv",
        "dim_unit.fi.csv",
        "fact_budget.csv",
        "fact_budget.fi.csv",
        "kuntatalous.xlsx",
    ]
    plain = (out / "hameenlinna" / "fact_budget.csv").read_text(encoding="utf-8")
    assert plain == "document_id,unit_id,amount_eur\nd1,a,1234.50\nd1,b,\n"
    finnish = (out / "hameenlinna" / "fact_budget.fi.csv").read_bytes()
    assert finnish == "\ufeffdocument_id;unit_id;amount_eur\r\nd1;a;1234,50\r\nd1;b;\r\n".encode()
    # dim_unit has no municipality column: reference data, written whole.
    assert (out / "hameenlinna" / "dim_unit.csv").read_text(encoding="utf-8") == "unit_id\na\n"


def test_export_of_every_municipality_over_one_and_of_one_it_does_not_hold(tmp_path: Path) -> None:
    database = marts_database(tmp_path)
    out = tmp_path / "exports-link"
    export_release(Release.at(database, out), ReleaseContents(spreadsheets="hämeenlinna"))
    assert main(["export", "--database", str(database), "--exports", str(out), "--spreadsheets", "all"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["dim_document", "hameenlinna", "ii"]
    assert (out / "ii" / "fact_budget.csv").read_text(
        encoding="utf-8"
    ) == "document_id,unit_id,amount_eur\nd2,c,-0.01\n"
    with pytest.raises(ExportError, match="'Lahti' is no municipality of this warehouse \\(it holds Hämeenlinna, Ii"):
        export_release(Release.at(database, out), ReleaseContents(spreadsheets="Ii,Lahti"))


def test_export_without_a_published_warehouse_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--database", str(tmp_path / "w.duckdb"), "--out", str(tmp_path / "exports")]) == 2
    assert "w.duckdb: no published warehouse to export; run make build first" in capsys.readouterr().err
    assert not (tmp_path / "exports").exists()


def test_run_results_are_summarised_by_resource_and_status() -> None:
    run = summarise_run_results(FIXTURES / "run_results_failed.json")
    assert run.counts == {
        "model": {"skipped": 1, "success": 2},
        "seed": {"success": 2},
        "test": {"fail": 1, "pass": 2, "warn": 1},
        "unit_test": {"pass": 1},
    }
    assert (run.elapsed_seconds, run.generated_at, run.failed) == (41.3, "2026-11-23T03:15:42.123456Z", 1)


def test_the_run_record_round_trips_and_reads_plainly(tmp_path: Path) -> None:
    record = RunRecord(
        started_at="2026-11-23T03:15:00Z",
        finished_at="2026-11-23T03:15:45Z",
        status="failed",
        stage="dbt",
        exit_code=1,
        database="warehouse/kuntatalous.duckdb",
        message="build failed (dbt exit 1): warehouse/kuntatalous.duckdb is unchanged",
        dbt=summarise_run_results(FIXTURES / "run_results_failed.json"),
        paths={"log": "logs/scheduled-build.log"},
    )
    write_record(record, tmp_path / "w.last-run.json")
    assert read_record(tmp_path / "w.last-run.json") == record
    text = describe_record(record)
    assert text.startswith("FAILED: build failed (dbt exit 1)")
    assert "  tests: 1 fail, 2 pass, 1 warn" in text
    assert "stage dbt, exit code 1" in text
    assert "  log: logs/scheduled-build.log" in text


def test_last_run_says_when_no_build_was_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["last-run", "--database", str(tmp_path / "w.duckdb")]) == 2
    assert f"{tmp_path / 'w.last-run.json'}: no build has been recorded" in capsys.readouterr().err


def test_record_run_and_last_run_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = str(tmp_path / "w.duckdb")
    assert (
        main(
            [
                "record-run",
                "--database",
                database,
                "--status",
                "published",
                "--stage",
                "done",
                "--exit-code",
                "0",
                "--started-at",
                "2026-11-23T03:15:00Z",
                "--finished-at",
                "2026-11-23T03:15:45Z",
                "--message",
                f"published {database}",
                "--run-results",
                str(FIXTURES / "run_results_failed.json"),
                "--path",
                "exports=exports",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == f"published {database}\n"
    assert main(["last-run", "--database", database, "--json"]) == 0
    recorded = json.loads(capsys.readouterr().out)
    assert recorded["paths"] == {"exports": "exports"}
    assert recorded["release"]["warehouse_sha256"] is None
    assert recorded["dbt"]["counts"]["test"] == {"fail": 1, "pass": 2, "warn": 1}


def _record_published(database: Path) -> None:
    arguments = ["record-run", "--database", str(database), "--exports", str(database.with_name("exports"))]
    arguments += ["--status", "published", "--stage", "done", "--exit-code", "0", "--message", f"published {database}"]
    assert main([*arguments, "--started-at", "2026-12-05T03:00:00Z", "--finished-at", "2026-12-05T03:01:00Z"]) == 0


def test_last_run_says_when_the_published_file_is_no_longer_the_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = Release.at(tmp_path / "w.duckdb", tmp_path / "exports")
    for build in (1, 2):
        make_database(release.paths.candidate, build)
        publish_release(release)
    _record_published(release.paths.published)
    shown = ["last-run", "--database", str(release.paths.published), "--exports", str(release.exports.link)]
    assert main(shown) == 0
    assert "since then" not in capsys.readouterr().out
    rollback_release(release)
    assert main(shown) == 0
    out = capsys.readouterr().out
    digest = sha256_file(release.paths.published)
    assert out.startswith(f"PUBLISHED: published {release.paths.published}; since then {release.paths.published} was")
    assert f"replaced (make rollback?): it is now the file of SHA-256 {digest}, exports " in out
    assert main([*shown, "--json"]) == 0
    assert "since then" in json.loads(capsys.readouterr().out)["message"]


def test_the_run_record_takes_the_warehouses_checksum_from_its_exports_while_the_file_is_the_same(
    tmp_path: Path,
) -> None:
    release = Release.at(tmp_path / "w.duckdb", tmp_path / "exports")
    make_database(release.paths.candidate, 1)
    publish_release(release)
    facts = release_facts(release)
    assert facts["warehouse_sha256"] == sha256_file(release.paths.published) == facts["exports_warehouse_sha256"]
    # While the file is the one exported (inode, size, modification time), the manifest's
    # checksum is taken as it is: a manifest that says otherwise shows (no file read).
    target = release.exports.target()
    assert target is not None
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["warehouse"]["sha256"] = "recorded"
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert release_facts(release)["warehouse_sha256"] == "recorded"
    # A file changed in place is read afresh.
    with duckdb.connect(str(release.paths.published)) as con:
        con.execute("create table fact_more as select 2 as answer")
    assert release_facts(release)["warehouse_sha256"] == sha256_file(release.paths.published) != "recorded"


def test_a_release_matches_the_file_its_manifest_names_by_identity_or_else_by_its_bytes(tmp_path: Path) -> None:
    release = Release.at(tmp_path / "w.duckdb", tmp_path / "exports")
    make_database(release.paths.candidate, 1)
    publish_release(release)
    published, target = release.paths.published, release.exports.target()
    assert target is not None
    assert matches(target, published)
    record = target / "manifest.json"
    manifest = json.loads(record.read_text(encoding="utf-8"))
    # While the file keeps the identity recorded, the recorded checksum is trusted (not read).
    manifest["warehouse"]["sha256"] = "0" * 64
    record.write_text(json.dumps(manifest), encoding="utf-8")
    assert matches(target, published)
    # Without the identity the file is read, and the checksum must be its bytes'.
    del manifest["warehouse"]["inode"]
    record.write_text(json.dumps(manifest), encoding="utf-8")
    assert not matches(target, published)
    manifest["warehouse"]["sha256"] = sha256_file(published)
    record.write_text(json.dumps(manifest), encoding="utf-8")
    assert matches(target, published)
    # A manifest without a checksum, no release folder, or no file match nothing.
    del manifest["warehouse"]["sha256"]
    record.write_text(json.dumps(manifest), encoding="utf-8")
    assert not matches(target, published)
    assert not matches(None, published)
    assert not matches(target, tmp_path / "none.duckdb")


def test_a_builds_record_times_each_stage_it_reached() -> None:
    """Read by hand: extract began at 03:00:00.000, dbt at 03:00:10.000, publish at 03:00:25.500,
    and the build ended at 03:00:40.000: 10.0, 15.5 and 14.5 s."""
    at = [datetime(2026, 12, 5, 3, 0, 0, tzinfo=UTC) + timedelta(seconds=s) for s in (0, 10, 25.5, 40)]
    stages = timed_stages([], "extract", at[0], running=True)
    assert timed_stages(stages, "extract", at[1], running=True) == stages, "the same stage again begins nothing"
    stages = timed_stages(stages, "dbt", at[1], running=True)
    assert [(s["stage"], s["seconds"]) for s in stages] == [("extract", 10.0), ("dbt", None)]
    assert describe_stages(stages) == "extract 10.0 s, dbt (running)"
    assert describe_stages(stages, "interrupted") == "extract 10.0 s, dbt (interrupted)"
    stages = timed_stages(stages, "publish", at[2], running=True)
    assert stages[2]["started_at"] == "2026-12-05T03:00:25.500+00:00"
    done = timed_stages(stages, "done", at[3], running=False)
    assert [(s["stage"], s["seconds"]) for s in done] == [("extract", 10.0), ("dbt", 15.5), ("publish", 14.5)]
    # A build that failed in dbt ends that stage where it stopped.
    failed = timed_stages(timed_stages([], "extract", at[0], running=True), "dbt", at[1], running=True)
    assert [s["seconds"] for s in timed_stages(failed, "dbt", at[2], running=False)] == [10.0, 15.5]
    record = RunRecord("2026-12-05T03:00:00Z", "2026-12-05T03:00:40Z", "published", "done", 0, "w.duckdb", "ok")
    assert "  stages: extract 10.0 s, dbt 15.5 s, publish 14.5 s\n" in describe_record(replace(record, stages=done))
