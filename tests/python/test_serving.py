"""Serving, with real processes: readers during a build, write-audit-publish, the build lock,
old DuckDB clients, the schedule's unit files and the docs site."""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from kuntatalous.cli import main
from kuntatalous.warehouse.partitions import READ_PATTERN

from .warehouse_builds import (
    BUILD_SCRIPT,
    HY,
    REPO,
    YP,
    DocsSite,
    build,
    build_env,
    committed_report,
    outputs_of,
    replace_once,
    shift_years,
)

pytestmark = pytest.mark.e2e

OLD_DUCKDB = "1.0.0"
"""The oldest DuckDB release the published file is for (profiles.yml: storage_compatibility_version)."""


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def publish_copy(warehouse_file: Path, workdir: Path) -> Path:
    """Put a published warehouse (the committed reports' build) into ``workdir``."""
    published = workdir / "warehouse.duckdb"
    shutil.copyfile(warehouse_file, published)
    return published


def write_reports(folder: Path, reports: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Served:
    """A published warehouse that a reader queried through a failing build, then a good one."""

    published: Path
    before: str
    site_before: dict[str, bytes]
    failed: subprocess.CompletedProcess[str]
    after_failed: str
    site_after_failed: dict[str, bytes]
    failed_record: dict[str, Any]
    candidate_failures: int
    good: subprocess.CompletedProcess[str]
    after_good: str
    reader: dict[str, Any]


def site_pages(site: Path) -> dict[str, bytes]:
    """The report site's pages, after checking that its link is the published release's site."""
    assert site.resolve() == (site.parent / "exports" / "report").resolve()
    return {path.name: path.read_bytes() for path in site.glob("*.html")}


@pytest.fixture(scope="module")
def served(warehouse_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Served:
    workdir = tmp_path_factory.mktemp("served")
    published = publish_copy(warehouse_file, workdir)
    # Its exports and report site, as a build publishes them.
    exported = ["export", "--database", str(published), "--exports", str(workdir / "exports")]
    assert main([*exported, "--reports", str(REPO / "reports")]) == 0
    before = checksum(published)
    site_before = site_pages(workdir / "warehouse.report")
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
            f"duckdb:///{published}?access_mode=read_only",
            "analytics",
            str(stop),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        candidate, failed = build(broken, workdir, expect_ok=False)
        after_failed = checksum(published)
        site_after_failed = site_pages(workdir / "warehouse.report")
        failed_record = json.loads((workdir / "warehouse.last-run.json").read_text(encoding="utf-8"))
        with duckdb.connect(str(candidate), read_only=True) as con:
            row = con.execute("select count(*) from audit.reconciles where check_name = 'printed_variance'").fetchone()
        _, good = build(grown, workdir)
        after_good = checksum(published)
    finally:
        stop.touch()
        output, _ = reader.communicate(timeout=120)
    return Served(
        published=published,
        before=before,
        site_before=site_before,
        failed=failed,
        after_failed=after_failed,
        site_after_failed=site_after_failed,
        failed_record=failed_record,
        candidate_failures=int(row[0]) if row else 0,
        good=good,
        after_good=after_good,
        reader=json.loads(output),
    )


def test_a_reader_never_fails_during_builds_and_sees_the_new_data_after_the_publish(served: Served) -> None:
    assert served.reader["failures"] == []
    assert served.reader["queries"] > 50
    documents = [int(count) for count, _ in served.reader["seen"]]
    # The old warehouse throughout the failed build, then the new one, and never a mix.
    assert documents == [2, 3]


def test_a_failing_build_leaves_the_published_file_byte_identical(served: Served) -> None:
    assert served.failed.returncode != 0
    assert served.after_failed == served.before
    output = served.failed.stdout + served.failed.stderr
    candidate = served.published.with_name("warehouse.candidate.duckdb")
    assert f"{served.published} is unchanged; the failed build is {candidate}" in output
    assert "audit" in output
    assert served.candidate_failures == 1
    assert served.failed_record["status"] == "failed"
    assert served.failed_record["stage"] == "dbt"
    assert served.failed_record["exit_code"] == served.failed.returncode
    assert served.failed_record["paths"]["failed candidate"] == str(candidate)
    assert served.failed_record["dbt"]["counts"]["test"]["fail"] >= 1


def test_the_next_good_build_publishes_and_keeps_the_previous_file(served: Served) -> None:
    assert served.after_good != served.before
    previous = served.published.with_name("warehouse.previous.duckdb")
    assert checksum(previous) == served.before
    assert not served.published.with_name("warehouse.candidate.duckdb").exists()
    assert not served.published.with_name("warehouse.duckdb.wal").exists()
    assert "published" in served.good.stdout
    record = json.loads(served.published.with_name("warehouse.last-run.json").read_text(encoding="utf-8"))
    assert (record["status"], record["stage"], record["exit_code"]) == ("published", "done", 0)
    assert record["dbt"]["counts"]["test"].get("fail", 0) == 0
    # Each stage runs until the next begins; the last until the build's end (recorded to the second).
    stages = record["stages"]
    assert [stage["stage"] for stage in stages] == ["extract", "dbt", "publish"]
    begun = [datetime.fromisoformat(stage["started_at"]) for stage in stages]
    for stage, start, then in zip(stages, begun, begun[1:], strict=False):
        assert stage["seconds"] == round((then - start).total_seconds(), 1)
    # The build's own times are taken before its record is written (to the second): none later.
    ended = begun[-1] + timedelta(seconds=stages[-1]["seconds"])
    assert datetime.fromisoformat(record["started_at"]) <= begun[0]
    assert datetime.fromisoformat(record["finished_at"]) <= ended


def test_the_publish_exports_every_mart_as_parquet_and_heinolas_spreadsheets(served: Served) -> None:
    exports = served.published.parent / "exports"
    with duckdb.connect(str(served.published), read_only=True) as con:
        marts = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'analytics' "
                "and regexp_matches(table_name, '^(fact|dim|rpt)_')"
            ).fetchall()
        }
        assert {"fact_budget", "dim_unit", "rpt_reconciliation", "fact_kpi", "dim_municipality"} <= marts
        # Every mart as Parquet; the reports are one municipality's, so its spreadsheets too.
        release = {"data_dictionary.csv", "manifest.json", "heinola", "report"}
        manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
        by_municipality = set(manifest["partitions"])
        assert {"fact_budget", "rpt_reconciliation", "dim_unit", "dim_document"} <= by_municipality
        files = {f"{m}.parquet" for m in marts - by_municipality}
        assert {path.name for path in exports.iterdir()} == files | by_municipality | release
        for mart in by_municipality:
            assert [path.name for path in (exports / mart).iterdir()] == ["municipality=Heinola"]
        sheets = exports / "heinola"
        expected_files = {f"{m}.{s}" for m in marts for s in ("csv", "fi.csv")} | {"kuntatalous.xlsx"}
        assert {path.name for path in sheets.iterdir()} == expected_files
        assert manifest["warehouse"]["sha256"] == checksum(served.published)
        for mart in marts:
            expected = con.execute(f"select count(*) from analytics.{mart}").fetchone()
            exported = exports / (READ_PATTERN.format(mart=mart) if mart in by_municipality else f"{mart}.parquet")
            assert con.execute(f"select count(*) from '{exported}'").fetchone() == expected
            if mart != "dim_municipality":  # the one mart of every municipality, not only those reported on
                assert con.execute(f"select count(*) from read_csv('{sheets / mart}.csv')").fetchone() == expected
        names = con.execute(f"select municipality_name from read_csv('{sheets}/dim_municipality.csv')").fetchall()
        assert names == [("Heinola",)]
        # Cent-exact: the decimals survive both formats.
        total = con.execute("select sum(amount_eur) from analytics.fact_budget").fetchone()
        budget = exports / READ_PATTERN.format(mart="fact_budget")
        assert con.execute(f"select sum(amount_eur) from '{budget}'").fetchone() == total
        csv_total = con.execute(
            f"select sum(amount_eur::decimal(18, 2)) from read_csv('{sheets}/fact_budget.csv', all_varchar = true)"
        ).fetchone()
        assert csv_total == total


def test_a_failed_build_leaves_the_published_site_with_the_published_warehouse(served: Served) -> None:
    # The failed build ran on the published warehouse, its exports and its site (one page a
    # year and language): the site is as it was, in the published release.
    assert "heinola-2025.html" in served.site_before
    assert served.site_after_failed == served.site_before
    assert "is unchanged" in served.failed.stderr
    # The good build's site: next year's report made a second page.
    site = served.published.parent / "warehouse.report"
    assert sorted(p.name for p in site.glob("heinola-*.html")) == [
        "heinola-2025.en.html",
        "heinola-2025.html",
        "heinola-2026.en.html",
        "heinola-2026.html",
    ]
    assert site_pages(site) != served.site_before


def test_an_unreadable_report_stops_the_build_before_dbt(warehouse_file: Path, tmp_path: Path) -> None:
    published = publish_copy(warehouse_file, tmp_path)
    before = checksum(published)
    broken = write_reports(
        tmp_path / "reports",
        {YP: replace_once(committed_report(YP), "\t- 115 416\t88,77", "\t- 115 4l6\t88,77")},
    )
    _, result = build(broken, tmp_path, expect_ok=False)
    assert result.returncode == 2
    assert re.search(rf"{YP}:\d+: column 'Poikkeama[^']*': cannot read '- 115 4l6'", result.stderr)
    assert checksum(published) == before
    record = json.loads((tmp_path / "warehouse.last-run.json").read_text(encoding="utf-8"))
    assert (record["status"], record["stage"], record["dbt"]) == ("failed", "extract", None)
    assert [(stage["stage"], stage["seconds"] is not None) for stage in record["stages"]] == [("extract", True)]


def test_two_builds_started_together_run_one_after_the_other(warehouse_file: Path, tmp_path: Path) -> None:
    published = publish_copy(warehouse_file, tmp_path)
    env = build_env(REPO / "reports", tmp_path)
    builds = [
        subprocess.Popen(
            ["bash", str(BUILD_SCRIPT)], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(2)
    ]
    outputs = outputs_of(builds, 600)
    assert [process.returncode for process in builds] == [0, 0], outputs
    waited = [output for output in outputs if "another build is running" in output]
    assert len(waited) == 1, outputs
    # The waiting build started its work only when the first had finished.
    first = next(output for output in outputs if output not in waited)
    finished = re.search(r"build finished (\S+):", first)
    started = re.search(r"extracted .* into ", waited[0])
    assert finished
    assert started
    assert waited[0].index("another build is running") < started.start()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from analytics.dim_document").fetchone() == (2,)
    assert not published.with_name("warehouse.candidate.duckdb").exists()


def test_a_build_that_cannot_get_the_lock_gives_up_and_changes_nothing(warehouse_file: Path, tmp_path: Path) -> None:
    published = publish_copy(warehouse_file, tmp_path)
    before = checksum(published)
    env = {**build_env(REPO / "reports", tmp_path), "BUILD_LOCK_WAIT": "1"}
    with (tmp_path / "build.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = subprocess.run(
            ["bash", str(BUILD_SCRIPT)], env=env, cwd=REPO, capture_output=True, text=True, timeout=60, check=False
        )
    assert result.returncode == 75
    assert f"gave up after 1s: another build still holds {tmp_path / 'build.lock'}" in result.stderr
    assert checksum(published) == before
    assert not (tmp_path / "warehouse.last-run.json").exists()


@pytest.fixture(scope="session")
def old_duckdb_python() -> Path:
    """A Python with the oldest supported DuckDB release, in its own venv (cached under target/)."""
    venv = REPO / "target" / f"duckdb-{OLD_DUCKDB}-client"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True, timeout=120)
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"duckdb=={OLD_DUCKDB}"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if installed.returncode != 0:
            pytest.skip(
                f"cannot install duckdb=={OLD_DUCKDB} into a venv (PyPI unreachable?): {installed.stderr[-300:]}"
            )
        (venv / ".installed").touch()
    return python


def test_a_duckdb_1_0_client_reads_the_published_file(old_duckdb_python: Path, warehouse_file: Path) -> None:
    script = (
        "import duckdb, json, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "row = con.execute('select count(*), sum(amount_eur)::varchar from analytics.fact_budget').fetchone()\n"
        "statuses = con.execute('select status, count(*) from analytics.rpt_reconciliation'\n"
        "    ' group by 1 order by 1').fetchall()\n"
        "print(json.dumps({'version': duckdb.__version__, 'budget': list(row), 'statuses': statuses}))\n"
    )
    result = subprocess.run(
        [str(old_duckdb_python), "-c", script, str(warehouse_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["version"] == OLD_DUCKDB
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        row = con.execute("select count(*), sum(amount_eur) from analytics.fact_budget").fetchone()
        statuses = con.execute(
            "select status, count(*) from analytics.rpt_reconciliation group by 1 order by 1"
        ).fetchall()
    assert row is not None
    count, total = row
    assert answer["budget"] == [count, str(total)]
    assert Decimal(answer["budget"][1]) == total
    assert [tuple(pair) for pair in answer["statuses"]] == statuses


def render_units(folder: Path) -> dict[str, str]:
    subprocess.run([str(REPO / "scripts" / "schedule.sh"), "render", str(folder)], check=True, timeout=30)
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_systemd_units_verify(tmp_path: Path) -> None:
    units = render_units(tmp_path / "units")
    assert set(units) == {"kuntatalous-build.service", "kuntatalous-build.timer"}
    paths = [str(tmp_path / "units" / name) for name in sorted(units)]
    verified = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True, text=True, check=False)
    assert verified.returncode == 0, verified.stderr
    # The check can fail: a timer with a calendar it cannot parse does not verify.
    timer = tmp_path / "units" / "kuntatalous-build.timer"
    timer.write_text(re.sub(r"OnCalendar=.*", "OnCalendar=nightly-ish", units[timer.name]), encoding="utf-8")
    broken = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True, text=True, check=False)
    assert broken.returncode != 0
    assert "OnCalendar" in broken.stderr or "calendar" in broken.stderr


def test_the_cron_line_runs_the_same_command_as_the_service(tmp_path: Path) -> None:
    units = render_units(tmp_path / "units")
    service = re.search(r"^ExecStart=(.+)$", units["kuntatalous-build.service"], re.MULTILINE)
    working_directory = re.search(r"^WorkingDirectory=(.+)$", units["kuntatalous-build.service"], re.MULTILINE)
    cron = subprocess.run(
        [str(REPO / "scripts" / "schedule.sh"), "cron"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()
    fields = cron.split(maxsplit=5)
    assert service
    assert working_directory
    assert len(fields) == 6
    assert fields[5] == service[1]
    assert service[1] == f"{REPO}/scripts/scheduled-build.sh"
    assert working_directory[1] == str(REPO)
    assert "@REPO@" not in cron + "".join(units.values())


def test_the_docs_site_is_generated_without_touching_the_published_file(docs_site: DocsSite) -> None:
    page = docs_site.page.read_text(encoding="utf-8")
    assert "fact_budget" in page
    assert "rpt_reconciliation" in page
    assert "Five common questions" in page  # the overview page, not dbt's generic welcome
    assert '"database": "kuntatalous"' in page
    assert checksum(docs_site.published) == docs_site.published_sha256
