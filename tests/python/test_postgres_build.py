"""make build TARGET=postgres on a real server: the same marts as the DuckDB build, a reader
that never fails or sees a mix through a failing and a good build, and builds that exclude
each other."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kuntatalous.warehouse.exports import MART_PREFIXES, SITE_FOLDER
from kuntatalous.warehouse.postgres import LOCK_KEY, try_lock
from kuntatalous.warehouse.postgres_build import TARGET_SCHEMA_ENV
from kuntatalous.warehouse.postgres_cluster import Warehouse, clean_env

from .warehouse_builds import (
    BUILD_SCRIPT,
    HY,
    REPO,
    YP,
    committed_report,
    declared_unit_tests,
    replace_once,
    shift_years,
)

pytestmark = pytest.mark.e2e


PARSED: dict[str, Path] = {}
"""The dbt target folder of the last build started into each schema."""


def pg_build(
    warehouse: Warehouse, reports: Path, workdir: Path, schema: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``make build TARGET=postgres`` of ``reports`` into ``schema`` (its exports and dbt's
    files under ``workdir``).

    dbt's parse of the last build into the same schema that has finished is copied into this
    build's target folder, as a build in the repository finds the previous one's: dbt reuses it
    only if the project's files, the profile (the candidate schema among its settings), the
    variables and the environment variables the project reads are all the same, else it parses
    again."""
    workdir.mkdir(parents=True, exist_ok=True)
    parsed = PARSED.get(schema, workdir) / "target" / "partial_parse.msgpack"
    if parsed.is_file() and parsed.parent != workdir / "target":
        (workdir / "target").mkdir(exist_ok=True)
        shutil.copyfile(parsed, workdir / "target" / parsed.name)
    PARSED[schema] = workdir
    environment = {
        **clean_env(),
        **warehouse.build_env(schema),
        **(env or {}),
        "TARGET": "postgres",
        "REPORTS": str(reports),
        "EXPORTS": str(workdir / "exports"),
        "SNAPSHOT": str(workdir / "marts.duckdb"),
        "VENV_BIN": str(Path(sys.executable).parent),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }
    return subprocess.Popen(
        ["bash", str(BUILD_SCRIPT)],
        env=environment,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


def write_reports(folder: Path, reports: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


STATUSES = "select check_name, status, count(*) from {}rpt_reconciliation group by check_name, status order by 1, 2"


@dataclass(frozen=True)
class Committed:
    """The committed reports built and published on PostgreSQL, under the default warehouse
    name (the one ``kuntatalous postgres init`` set the reader's search path for)."""

    workdir: Path
    output: str
    statuses: list[tuple[object, ...]]
    """The reconciliation statuses (STATUSES) as the reader sees them unqualified, read before
    pg_served builds into the schema."""

    @property
    def exports(self) -> Path:
        return self.workdir / "exports"

    @property
    def snapshot(self) -> Path:
        return self.workdir / "marts.duckdb"


@pytest.fixture(scope="module")
def pg_committed(pg_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Committed:
    workdir = tmp_path_factory.mktemp("pg-committed")
    status, output = finished(pg_build(pg_warehouse, REPO / "reports", workdir, "kuntatalous"))
    assert status == 0, output[-6000:]
    with pg_warehouse.reader_connect() as reader:
        statuses = reader.execute(STATUSES.format("")).fetchall()
    return Committed(workdir, output, statuses)


def compare_marts(first: Path, second: Path) -> None:
    compared = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "compare_marts.py"), str(first), str(second)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compared.returncode == 0, compared.stdout[-6000:] + compared.stderr[-2000:]


def test_the_marts_are_identical_to_the_duckdb_build(pg_committed: Committed, warehouse_file: Path) -> None:
    compare_marts(warehouse_file, pg_committed.snapshot)
    compare_marts(warehouse_file.parent / "exports", pg_committed.exports)
    marts = _marts(warehouse_file.parent / "exports")
    assert marts == _marts(pg_committed.exports)
    assert {"fact_budget", "rpt_reconciliation", "dim_unit"} <= set(marts)


def _marts(release: Path) -> list[str]:
    """The marts of a release: their Parquet files, or folders of files by municipality."""
    return sorted(
        path.name.removesuffix(".parquet") for path in release.iterdir() if path.name.startswith(MART_PREFIXES)
    )


def _lines(path: Path) -> tuple[str, list[str]]:
    """A CSV file's header and its other lines in order (the rows' order is the engine's)."""
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    return header, sorted(rows)


def _files(release: Path) -> list[str]:
    """The release's files by relative path, the report site's left out (a PostgreSQL release has none)."""
    found = (path.relative_to(release).as_posix() for path in release.rglob("*") if path.is_file())
    return sorted(name for name in found if not name.startswith(f"{SITE_FOLDER}/"))


def test_the_exports_are_the_duckdb_builds_release(pg_committed: Committed, warehouse_file: Path) -> None:
    duckdb_release = (warehouse_file.parent / "exports").resolve()
    release = pg_committed.exports.resolve()
    assert pg_committed.exports.is_symlink()
    assert release.parent.name == ".exports.releases"
    names = _files(duckdb_release)
    assert names == _files(release)
    assert not (release / SITE_FOLDER).exists()
    # One municipality: its spreadsheets by default (auto), as the DuckDB build's.
    expected = {"fact_budget/municipality=Heinola/data_0.parquet", "data_dictionary.csv", "manifest.json"}
    expected |= {"heinola/kuntatalous.xlsx", "heinola/fact_budget.csv", "heinola/fact_budget.fi.csv"}
    assert expected <= set(names)
    dictionary = (release / "data_dictionary.csv").read_text(encoding="utf-8")
    assert dictionary == (duckdb_release / "data_dictionary.csv").read_text(encoding="utf-8")
    assert 'fact_budget,amount_eur,"DECIMAL(18,2)",' in dictionary
    for name in names:
        if name.endswith(".csv"):
            assert _lines(release / name) == _lines(duckdb_release / name), name
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["warehouse"]["path"] == str(pg_committed.snapshot)
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    assert manifest["site"] is None
    assert "now hold the marts of" in pg_committed.output


def test_the_quiet_build_prints_at_most_40_lines(pg_committed: Committed) -> None:
    lines = pg_committed.output.splitlines()
    assert len(lines) <= 40, pg_committed.output
    assert any(line.startswith("dbt: models ") for line in lines)
    assert "Finished running " not in pg_committed.output, "dbt's own output is the verbose build's"
    assert any(line.startswith("WARN test reconciliation_warnings (") for line in lines)
    assert any(line.startswith("  unit_rollup incomplete (") for line in lines)
    assert lines[-1].startswith("build finished ")


def test_the_reconciliation_statuses_are_the_same(pg_committed: Committed, warehouse: Any) -> None:
    expected = [tuple(row) for row in warehouse.execute(STATUSES.format("analytics.")).fetchall()]
    assert pg_committed.statuses == expected
    assert {status for _, status, _ in expected} >= {"ok", "warn"}


def test_every_unit_test_passes_on_postgresql(pg_warehouse: Warehouse, pg_committed: Committed) -> None:
    """dbt's unit tests, which no build runs (dbt_build.BUILD_EXCLUDES), on PostgreSQL: against
    the published build's relations, whose columns their fixtures read. The build ran none."""
    built = json.loads((pg_committed.workdir / "target" / "run_results.json").read_text(encoding="utf-8"))
    assert not [item for item in built["results"] if item["unique_id"].startswith("unit_test.")]
    env = {**clean_env(), **pg_warehouse.build_env("kuntatalous"), TARGET_SCHEMA_ENV: "kuntatalous"}
    target = pg_committed.workdir / "unit-tests"
    command = [str(Path(sys.executable).parent / "dbt"), "test", "--select", "test_type:unit", "--target", "postgres"]
    command += ["--profiles-dir", str(REPO), "--project-dir", str(REPO), "--target-path", str(target)]
    command += ["--log-path", str(target / "logs")]
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-4000:]
    ran = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    statuses = {item["unique_id"].split(".")[-1]: item["status"] for item in ran}
    assert statuses == dict.fromkeys(declared_unit_tests(REPO), "pass")


def test_a_bi_tool_sees_the_published_marts_unqualified(pg_warehouse: Warehouse, pg_committed: Committed) -> None:
    """The reader's search path, set by ``kuntatalous postgres init``, is the published marts'
    schema: a BI tool's connection string names no schema."""
    engine = sa.create_engine(pg_warehouse.reader_url(), poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.execute(sa.text("show search_path")).scalar_one() == "kuntatalous_analytics"
        rows = connection.execute(
            sa.text(
                "select table_schema || '.' || table_name from information_schema.tables "
                "where table_schema not in ('pg_catalog', 'information_schema') order by 1"
            )
        )
        tables = [str(row[0]) for row in rows]
        total = connection.execute(sa.text("select count(*), sum(amount_eur) from fact_budget")).one()
        # The README's query for a BI tool, as printed.
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        (query,) = re.findall(r'psql postgresql://kuntatalous_reader@\S+ -c "(.*?)"', readme, re.DOTALL)
        answers = connection.execute(sa.text(query)).all()
    assert answers
    # What the reader may see at all: the published marts, nothing else.
    marts = ("kuntatalous_analytics.fact_", "kuntatalous_analytics.dim_", "kuntatalous_analytics.rpt_")
    assert [name for name in tables if not name.startswith(marts)] == []
    assert "kuntatalous_analytics.fact_budget" in tables
    with duckdb.connect(str(pg_committed.snapshot), read_only=True) as local:
        assert tuple(total) == local.execute("select count(*), sum(amount_eur) from analytics.fact_budget").fetchone()


WAITING_FOR_LOCK = "select 1 from pg_locks where locktype = 'advisory' and not granted and objid = hashtext(%s)::oid"
"""A session waits for the advisory lock of a key (hashtext's int4 as pg_locks shows it, an oid)."""


def holding(line: str) -> str | None:
    """What a build's line says it did holding its lock: the raw rows loaded, dbt's run finished
    (dbt's own output, verbose: after a time of day)."""
    if line.startswith("loaded ") and " raw rows into schema " in line:
        return "loaded"
    return "dbt finished" if re.match(r"\d\d:\d\d:\d\d  Finished running ", line) else None


@dataclass(frozen=True)
class Turn:
    """A build started while another (here the test, as a build holds it) held its schema's lock."""

    said_it_waits: bool
    """It printed that another build runs and that it waits."""
    held: list[str]
    """What it had done (``holding``) each time the test, trying the lock, found it the build's."""
    released: bool
    """The test could take the lock once the build had ended."""


def in_turn(warehouse: Warehouse, reports: Path, workdir: Path, schema: str) -> tuple[tuple[int, str], Turn]:
    """Build ``reports`` (verbose: dbt's own output) while holding the schema's lock, as a build
    holds it; release it once the build waits for it (it says so; ``pg_locks`` shows it queued),
    then try to take it at each step the build prints having done holding it."""
    key = f"{LOCK_KEY} {schema}"
    with warehouse.build_connect() as holder:
        assert try_lock(holder, key)
        process = pg_build(warehouse, reports, workdir, schema, {"VERBOSE": "1"})
        assert process.stdout is not None
        before, waiting = [], False
        for line in process.stdout:
            before.append(line)
            if waiting := line.startswith(f"another build of schema {schema} is running; waiting up to "):
                break
        while waiting and not holder.execute(WAITING_FOR_LOCK, (key,)).fetchone():
            assert process.poll() is None, "".join(before)[-3000:]
            time.sleep(0.05)
        holder.execute("select pg_advisory_unlock(hashtext(%s))", (key,))
        # PostgreSQL hands a released lock to the session waiting for it: the build's, now.
        held, later = [], []
        for line in process.stdout:
            later.append(line)
            if (said := holding(line)) and not try_lock(holder, key):
                held.append(said)
        output = "".join(before + later) + process.communicate(timeout=900)[0]
    with warehouse.build_connect() as conn:
        released = try_lock(conn, key)
    return (process.returncode, output), Turn(waiting, held, released)


@dataclass(frozen=True)
class Served:
    """A published warehouse that a reader queried through a failing build, then a good one."""

    failed: tuple[int, str]
    failed_messages: list[str]
    """The failed build's stored failing rows of the reconciliation test."""
    good: tuple[int, str]
    reader: dict[str, Any]
    turn: Turn
    """How the good build took its turn: the test held the schema's lock when it started."""


@pytest.fixture(scope="module")
def pg_served(pg_warehouse: Warehouse, pg_committed: Committed, tmp_path_factory: pytest.TempPathFactory) -> Served:
    workdir = tmp_path_factory.mktemp("pg-served")
    # The published warehouse: the committed reports' build (pg_committed), built once.
    schema = "kuntatalous"
    # Poikkeama of Talouspalvelut's costs printed 1 000 € off: printed_variance fails.
    broken = write_reports(
        workdir / "broken",
        {
            YP: replace_once(
                committed_report(YP),
                "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 115 416\t88,77",
                "Toimintakulut\t-1 034 019\t-1 028 100\t- 912 684\t- 116 416\t88,77",
            ),
            HY: committed_report(HY),
        },
    )
    # A third report: next year's, so a reader can tell the new warehouse from the old.
    grown = write_reports(
        workdir / "grown",
        {YP: committed_report(YP), HY: committed_report(HY), "next_year.txt": shift_years(committed_report(YP), 1)},
    )
    stop = workdir / "stop-reader"
    reader = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("reader_loop.py")),
            pg_warehouse.reader_url(),
            f"{schema}_analytics",
            str(stop),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        failed = finished(pg_build(pg_warehouse, broken, workdir / "build-broken", schema))
        with pg_warehouse.build_connect() as conn:
            rows = conn.execute(f"select message from {schema}_candidate_audit.reconciles").fetchall()
        # The good build waits its turn: the test holds the lock (test_a_build_waits_...).
        good, turn = in_turn(pg_warehouse, grown, workdir / "build-grown", schema)
    finally:
        stop.touch()
        output, _ = reader.communicate(timeout=120)
    messages = [str(m) for (m,) in rows]
    return Served(failed=failed, failed_messages=messages, good=good, reader=json.loads(output), turn=turn)


def test_a_reader_never_fails_during_builds_and_sees_the_new_data_after_the_publish(pg_served: Served) -> None:
    assert pg_served.failed[0] != 0
    assert "build failed (dbt exit 1): failing checks: printed_variance (1: " in pg_served.failed[1]
    assert "schema kuntatalous_analytics is unchanged" in pg_served.failed[1]
    assert pg_served.good[0] == 0, pg_served.good[1][-6000:]
    assert pg_served.reader["failures"] == []
    assert pg_served.reader["queries"] > 50
    documents = [int(count) for count, _ in pg_served.reader["seen"]]
    # The old warehouse throughout the failed build, then the new one, and never a mix.
    assert documents == [2, 3]
    assert pg_served.reader["seen"][0][1] != pg_served.reader["seen"][1][1]


def test_a_rollback_publishes_the_build_before_and_exports_its_marts(
    pg_warehouse: Warehouse, pg_served: Served, tmp_path: Path
) -> None:
    env = {**clean_env(), **pg_warehouse.build_env("kuntatalous")}
    command = [str(Path(sys.executable).parent / "kuntatalous"), "postgres", "rollback"]
    command += ["--exports", str(tmp_path / "exports"), "--snapshot", str(tmp_path / "marts.duckdb")]
    # No spreadsheets asked for (the default, auto, is tested on the committed build above).
    command += ["--spreadsheets", "none"]
    rolled = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert rolled.returncode == 0, rolled.stderr
    assert "rolled back: schema kuntatalous_analytics is the previous build again" in rolled.stdout
    with pg_warehouse.reader_connect() as reader:
        assert reader.execute("select count(*) from kuntatalous_analytics.dim_document").fetchone() == (2,)
    with duckdb.connect(str(tmp_path / "marts.duckdb"), read_only=True) as local:
        assert local.execute("select count(*) from analytics.dim_document").fetchone() == (2,)
    manifest = json.loads((tmp_path / "exports" / "manifest.json").read_text(encoding="utf-8"))
    assert "dim_document/municipality=Heinola/data_0.parquet" in manifest["files"]
    assert [
        name for name in manifest["files"] if name.split("/")[0] not in manifest["partitions"] and "/" in name
    ] == []


def test_the_failed_build_keeps_its_failing_rows_for_the_build_role(pg_served: Served) -> None:
    assert len(pg_served.failed_messages) == 1
    assert pg_served.failed_messages[0].startswith("printed_variance FAIL")
    assert "printed_variance FAIL" in pg_served.failed[1]
    # The quiet build's closing lines name the failing check, its count and first culprit.
    closing = "\n".join(pg_served.failed[1].strip().splitlines()[-3:])
    assert "failing checks: printed_variance (1: " in closing, closing
    assert len(pg_served.failed[1].splitlines()) <= 40, pg_served.failed[1]


def test_a_build_waits_for_the_lock_then_holds_it_until_it_ends(pg_served: Served) -> None:
    """Two builds of a schema take turns: a build that finds the schema's lock held (here by the
    test, as a build holds it: pg_served's good build) says so and waits; once it is released the
    build holds it, so that the next build waits in turn, and releases it when it ends. The build
    is verbose: dbt's own output instead of the summary (the failed build prints the summary)."""
    assert pg_served.good[0] == 0, pg_served.good[1][-3000:]
    assert pg_served.turn.said_it_waits, pg_served.good[1][-3000:]
    # It still holds the lock once it has loaded the raw rows, and once dbt has run (publish and
    # export follow, seconds).
    assert pg_served.turn.held == ["loaded", "dbt finished"], pg_served.good[1][-3000:]
    assert pg_served.turn.released, "the build released the lock when it ended"


def test_a_build_that_would_wait_too_long_exits_cleanly(pg_warehouse: Warehouse, tmp_path: Path) -> None:
    reports = write_reports(tmp_path / "reports", {YP: committed_report(YP)})
    # Another build of kt_waits holds the lock (a build waiting its turn: the test above).
    with pg_warehouse.build_connect() as conn:
        assert try_lock(conn, f"{LOCK_KEY} kt_waits")
        second = finished(pg_build(pg_warehouse, reports, tmp_path / "build-2", "kt_waits", {"BUILD_LOCK_WAIT": "0.2"}))
    assert second[0] == 75, second[1][-3000:]
    assert "gave up after 0.2s: another build of kt_waits still runs" in second[1]
    assert "Traceback" not in second[1]


def test_spreadsheets_of_a_municipality_the_reports_lack_are_refused_before_anything_is_built(
    pg_warehouse: Warehouse, tmp_path: Path
) -> None:
    reports = write_reports(tmp_path / "reports", {YP: committed_report(YP)})
    env = {"SPREADSHEETS": "Heinola,Nowhere"}
    status, output = finished(pg_build(pg_warehouse, reports, tmp_path / "build", "kt_sheets", env))
    assert status == 2, output[-3000:]
    assert "'Nowhere' is no municipality of this warehouse (it holds Heinola" in output
    assert "dbt: models" not in output, "refused before dbt ran"
    assert "Traceback" not in output
    with pg_warehouse.build_connect() as conn:
        built = conn.execute("select schema_name from information_schema.schemata where schema_name like 'kt_sheets%'")
        assert [name for (name,) in built.fetchall() if not str(name).endswith("_raw")] == []
