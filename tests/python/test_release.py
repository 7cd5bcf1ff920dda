"""A release is one unit, whatever fails: the published warehouse, its exports and the run
record always agree. Each case runs the real commands as processes, with faults injected by
strace, small tmpfs mounts, read-only mounts and kills at chosen steps, and checks what the
published file, the previous file, the exports and the run record hold afterwards."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from kuntatalous.cli import main
from kuntatalous.output.cache import seal
from kuntatalous.warehouse.publish import WarehousePaths
from kuntatalous.warehouse.reading import MEMORY_LIMIT_DEFAULT, MEMORY_LIMIT_VARIABLE, SPILL_PREFIX, read_only
from kuntatalous.warehouse.run_summary import RunRecord, write_record

from .warehouse_builds import BUILD_SCRIPT, REPO, YP, build_env, committed_report

pytestmark = pytest.mark.e2e

KUNTATALOUS = [sys.executable, "-m", "kuntatalous"]
STEPS = "rename,link,symlink,unlink,unlinkat,mkdir,rmdir,fsync,fdatasync"
"""The syscalls between which a publish, rollback or export is killed."""
STEP_COUNTS = {
    "publish": {"fsync": 30, "link": 1, "mkdir": 4, "rename": 4, "symlink": 1},
    "export": {"fsync": 30, "mkdir": 3, "rename": 2, "rmdir": 1, "symlink": 1, "unlinkat": 23},
    "rollback": {"fsync": 3, "link": 1, "mkdir": 1, "rename": 3, "symlink": 1},
    "report": {"fsync": 10, "link": 30, "mkdir": 10, "rename": 3, "symlink": 1},
}
"""How often each operation makes each of them here (strace -f): a kill is injected at the
n-th call of one of them, chosen at random."""
is_root = os.geteuid() == 0
has_strace = shutil.which("strace") is not None

HEINOLA_BUDGET = "fact_budget/municipality=Heinola/data_0.parquet"
"""Heinola's file of fact_budget in a release (a mart exported by municipality)."""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), *KUNTATALOUS, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def variant(source: Path, target: Path, tag: str, shown: bool = False) -> str:
    """A copy of a built warehouse told apart by one table (and, if ``shown``, by its
    documents' section titles, which the report site's index lists); returns its SHA-256."""
    shutil.copyfile(source, target)
    with duckdb.connect(str(target)) as con:
        con.execute("create or replace table fact_variant as select ? as tag", [tag])
        if shown:
            con.execute(
                "update analytics.dim_document set section_title = section_title || ' (build ' || ? || ')'", [tag]
            )
        con.execute("checkpoint")
    return sha(target)


def exports_of(link: Path) -> dict[str, object]:
    """The manifest of the exports' release folder, every file checked against it (the report
    site, ``report/``, is the release's too, but no export)."""
    manifest: dict[str, object] = json.loads((link / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert isinstance(files, dict)
    for name, entry in files.items():
        assert sha(link / name) == entry["sha256"], name
    found = {
        p.relative_to(link).as_posix() for p in link.rglob("*") if p.is_file() and p.parts[len(link.parts)] != "report"
    }
    assert found == {*files, "manifest.json"}
    assert (link / "report").is_dir() == (manifest.get("site") is not None)
    return manifest


def exported_from(link: Path) -> str:
    warehouse = exports_of(link)["warehouse"]
    assert isinstance(warehouse, dict)
    return str(warehouse["sha256"])


def publish(database: Path, source: Path, tag: str, site: bool = False) -> str:
    """Publish a variant of ``source`` (with its report site if ``site``); its SHA-256."""
    digest = variant(source, WarehousePaths(database).candidate, tag, shown=site)
    result = run("publish", "--database", str(database), *(["--reports", str(REPO / "reports")] if site else []))
    assert result.returncode == 0, result.stderr
    return digest


@pytest.fixture
def two_builds(warehouse_file: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """A warehouse with build A as previous and build B published."""
    database = tmp_path / "w" / "warehouse.duckdb"
    database.parent.mkdir()
    a = publish(database, warehouse_file, "A")
    b = publish(database, warehouse_file, "B")
    return database, a, b


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    if not is_root:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)], check=False)
    if mounted.returncode != 0:
        pytest.skip("this machine cannot mount a tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave_bytes: int) -> None:
    """Fill the file system of ``folder`` until about ``leave_bytes`` are free (none: full)."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as handle:
        chunk = bytes(1 << 16)
        for _ in range(max(0, free - leave_bytes) // len(chunk)):
            handle.write(chunk)
    if leave_bytes == 0:
        with (folder / "filler-rest").open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(bytes(512))
            except OSError:
                pass


def test_the_first_publish_names_no_previous_file(warehouse_file: Path, tmp_path: Path) -> None:
    database = tmp_path / "w" / "warehouse.duckdb"
    database.parent.mkdir()
    nothing = run("recover", "--database", str(database))
    assert nothing.returncode == 0, nothing.stderr
    assert nothing.stdout.strip() == f"nothing to recover: no warehouse is published at {database}"
    variant(warehouse_file, WarehousePaths(database).candidate, "A")
    first = run("publish", "--database", str(database))
    assert first.returncode == 0, first.stderr
    assert "; the first published file; exports" in first.stdout
    assert "previous" not in first.stdout
    variant(warehouse_file, WarehousePaths(database).candidate, "B")
    second = run("publish", "--database", str(database))
    assert f"; the previous file is {WarehousePaths(database).previous}; exports" in second.stdout


# 1. A stale write-ahead log beside the published file is never replayed into a new build.
def test_a_stale_wal_is_set_aside_and_a_live_writer_stops_the_publish(
    two_builds: tuple[Path, str, str], warehouse_file: Path
) -> None:
    database, _, b = two_builds
    crash = (
        "import duckdb, os, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('create table fact_injected as select 1 as x')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(database)], check=True, timeout=60)
    assert database.with_name("warehouse.duckdb.wal").exists()
    c = variant(warehouse_file, WarehousePaths(database).candidate, "C")
    result = run("publish", "--database", str(database))
    assert result.returncode == 0, result.stderr
    assert "moved a stale write-ahead log aside" in result.stdout
    assert sha(database) == c
    assert not database.with_name("warehouse.duckdb.wal").exists()
    assert list(database.parent.glob("warehouse.duckdb.wal.stale-*"))
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute(
            "select count(*) from information_schema.tables where table_name = 'fact_injected'"
        ).fetchone() == (0,)
    link = database.with_name("warehouse.exports")
    assert exported_from(link) == c
    assert not (link / "fact_injected.parquet").exists()
    assert not (link / "fact_injected").exists()
    assert sha(WarehousePaths(database).previous) == b

    # A read-write connection that is still open: nothing is published over it.
    hold = (
        "import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('create table t as select 1')\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", hold, str(database)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "open"
        variant(warehouse_file, WarehousePaths(database).candidate, "D")
        refused = run("publish", "--database", str(database))
    finally:
        writer.kill()
        writer.wait()
    assert refused.returncode == 2
    no_traceback(refused)
    assert "is open read-write in another process" in refused.stderr
    assert f"{database} is unchanged; the exports {link} are unchanged" in refused.stderr
    assert sha(WarehousePaths(database).previous) == b
    assert exported_from(link) == c

    # One that has written nothing yet (no log): were the file replaced under it, its first
    # write would put a log beside the new file. Nothing is published, exported or rolled back.
    database.with_name("warehouse.duckdb.wal").unlink()  # the killed writer's, never checkpointed
    assert sha(database) == c
    writer = subprocess.Popen(
        [sys.executable, "-c", hold.replace("con.execute('create table t as select 1')\n", ""), str(database)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "open"
        assert not database.with_name("warehouse.duckdb.wal").exists()
        refusals = [
            run(*command, "--database", str(database)) for command in (("publish",), ("export",), ("rollback",))
        ]
    finally:
        writer.kill()
        writer.wait()
    for refusal in refusals:
        assert refusal.returncode == 2, refusal.stdout
        no_traceback(refusal)
        assert f"{database} is open read-write in another process: close that connection" in refusal.stderr
    assert sha(database) == c
    assert sha(WarehousePaths(database).previous) == b
    assert exported_from(link) == c


# 2. The exports never delete or replace files they did not write.
def test_exports_refuse_a_folder_of_other_files(two_builds: tuple[Path, str, str], tmp_path: Path) -> None:
    database, _, _ = two_builds
    curated = tmp_path / "reference"
    shutil.copytree(REPO / "seeds" / "reference", curated)
    before = {path.name: sha(path) for path in curated.iterdir()}
    result = run("export", "--database", str(database), "--exports", str(curated))
    assert result.returncode == 2
    no_traceback(result)
    assert f"{curated} is a folder of other files" in result.stderr
    assert {path.name: sha(path) for path in curated.iterdir()} == before


# 3. Exports default to a link beside the DATABASE: the repository's exports/ is not touched.
def test_exports_default_beside_the_database(two_builds: tuple[Path, str, str], tmp_path: Path) -> None:
    database, _, b = two_builds
    other = tmp_path / "other" / "other.duckdb"
    other.parent.mkdir()
    shutil.copyfile(database, other)
    repo_exports = REPO / "exports"
    before = sorted((p.name, p.stat().st_mtime_ns) for p in repo_exports.iterdir()) if repo_exports.exists() else None
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "export", f"DATABASE={other}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert exported_from(other.with_name("other.exports")) == b
    after = sorted((p.name, p.stat().st_mtime_ns) for p in repo_exports.iterdir()) if repo_exports.exists() else None
    assert after == before
    assert sorted(p.name for p in other.parent.iterdir()) == [
        ".other.exports.releases",
        "other.duckdb",
        "other.exports",
        "other.lock",
    ]


# 4. The lock is the database's: a build with another checkout lock waits for it too.
def test_the_lock_is_taken_on_the_database_path(two_builds: tuple[Path, str, str], tmp_path: Path) -> None:
    database, a, b = two_builds
    env = {
        **build_env(REPO / "reports", tmp_path),
        "DATABASE": str(database),
        "BUILD_LOCK": str(tmp_path / "other.lock"),
        "BUILD_LOCK_WAIT": "1",
    }
    record = WarehousePaths(database).last_run
    with WarehousePaths(database).lock.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = subprocess.run(
            ["bash", str(BUILD_SCRIPT)], env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False
        )
        rolled = run("rollback", "--database", str(database), env={"BUILD_LOCK_WAIT": "1"})
    assert built.returncode == 75
    assert f"another build still holds {WarehousePaths(database).lock}; nothing changed" in built.stderr
    assert "extracted" not in built.stdout + built.stderr
    assert rolled.returncode == 75
    assert "another build still holds" in rolled.stderr
    assert (sha(database), sha(WarehousePaths(database).previous)) == (b, a)
    assert not WarehousePaths(database).candidate.exists()
    assert not record.exists()


@pytest.mark.skipif(not has_strace, reason="strace is not installed")
# 5. A failed publish keeps the rollback target; a rollback killed between renames is finished.
def test_a_failed_rename_keeps_previous_and_a_killed_rollback_is_finished(
    two_builds: tuple[Path, str, str], warehouse_file: Path
) -> None:
    database, a, b = two_builds
    paths = WarehousePaths(database)
    link = paths.exports
    c = variant(warehouse_file, paths.candidate, "C")
    inject = [
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        "trace=rename",
        "-e",
        "inject=rename:error=EIO",
        "-P",
        str(paths.candidate),
    ]
    failed = run("publish", "--database", str(database), prefix=inject)
    assert failed.returncode == 2
    no_traceback(failed)
    assert failed.stderr.count("\n") == 1
    assert "Input/output error" in failed.stderr
    assert f"{database} is unchanged; the exports {link} are unchanged" in failed.stderr
    assert (sha(database), sha(paths.previous), sha(paths.candidate)) == (b, a, c)
    assert exported_from(link) == b

    kill = [
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        "trace=rename",
        "-e",
        "inject=rename:signal=KILL",
        "-P",
        str(paths.outgoing),
    ]
    killed = run("rollback", "--database", str(database), prefix=kill)
    assert killed.returncode != 0
    assert sha(database) == a
    assert not paths.previous.exists()
    assert sha(paths.outgoing) == b
    recovered = run("recover", "--database", str(database))
    assert recovered.returncode == 0, recovered.stderr
    assert (sha(database), sha(paths.previous), exported_from(link)) == (a, b, a)
    assert not paths.outgoing.exists()
    again = run("rollback", "--database", str(database))
    assert again.returncode == 0, again.stderr
    assert (sha(database), sha(paths.previous), exported_from(link)) == (b, a, b)


# 6. A full disk during the export of a publish: nothing is published, no scratch left.
def test_a_full_disk_during_export_publishes_nothing(tmpfs: Path, warehouse_file: Path) -> None:
    database = tmpfs / "warehouse.duckdb"
    paths = WarehousePaths(database)
    b = publish(database, warehouse_file, "B")
    variant(warehouse_file, paths.candidate, "C")
    fill(tmpfs, 100_000)
    failed = run("publish", "--database", str(database))
    assert failed.returncode == 2
    no_traceback(failed)
    assert "No space left on device" in failed.stderr
    assert f"{database} is unchanged; the exports {paths.exports} are unchanged" in failed.stderr
    assert sha(database) == b
    assert exported_from(paths.exports) == b
    store = tmpfs / ".warehouse.exports.releases"
    assert [p.name for p in store.iterdir() if p.name.startswith(".")] == []
    assert paths.candidate.exists()
    (tmpfs / "filler").unlink()
    # The full disk at the run record: a running build's record keeps room for its last word.
    started = "2026-12-01T00:00:00Z"
    record = ["record-run", "--database", str(database), "--started-at", started]
    assert run(*record, "--status", "running", "--stage", "publish", "--pid", "1").returncode == 0
    fill(tmpfs, 0)
    ended = run(*record, "--status", "failed", "--stage", "publish", "--exit-code", "2")
    assert ended.returncode == 0, ended.stderr
    written = json.loads(paths.last_run.read_text(encoding="utf-8"))
    assert (written["status"], written["release"]["warehouse_sha256"]) == ("failed", b)
    assert f"stopped at publish (exit 2): {database} is unchanged" in written["message"]
    fill(tmpfs, 0)
    again = run(*record, "--status", "failed", "--stage", "publish", "--exit-code", "3")
    assert again.returncode == 2
    no_traceback(again)
    assert "could not record the run" in again.stderr
    assert json.loads(paths.last_run.read_text(encoding="utf-8"))["exit_code"] == 2


# 7. Cache entries are checksummed: a changed digit, a wrong shape or a folder is re-extracted.
def test_a_tampered_cache_entry_is_extracted_again(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / YP).write_text(committed_report(YP), encoding="utf-8")
    cache = tmp_path / "cache"
    clean = run("extract", str(reports), "--out", str(tmp_path / "clean"))
    assert run("extract", str(reports), "--out", str(tmp_path / "first"), "--cache", str(cache)).returncode == 0
    (entry,) = cache.rglob("*.json")
    stored = entry.read_bytes()
    assert b'"1034019.00"' in stored or b"1034019" in stored
    entry.write_bytes(stored.replace(b"1034019", b"9034019", 1))
    tampered = run("extract", str(reports), "--out", str(tmp_path / "out"), "--cache", str(cache))
    assert tampered.returncode == 0
    assert "its checksum does not match its contents" in tampered.stderr
    assert "(0 from the cache)" in tampered.stderr
    assert clean.returncode == 0
    for name in os.listdir(tmp_path / "clean"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
    for damage in (seal(b'{"documents": 5}'), seal(b"[1, 2]"), b'{"documents": []}'):
        entry.write_bytes(damage)
        result = run("extract", str(reports), "--out", str(tmp_path / "out"), "--cache", str(cache))
        assert result.returncode == 0
        no_traceback(result)
        assert f"warning: cache entry {entry}" in result.stderr
    entry.unlink()
    entry.mkdir()
    result = run("extract", str(reports), "--out", str(tmp_path / "out"), "--cache", str(cache))
    assert result.returncode == 0
    no_traceback(result)
    assert "Is a directory" in result.stderr
    assert entry.is_file()


# 8. CSV exports neutralise formulas in text cells; numbers are unchanged.
def test_csv_exports_neutralise_formulas_and_keep_numbers(tmp_path: Path) -> None:
    database = tmp_path / "w.duckdb"
    cells = [
        '=HYPERLINK("http://x","y")',
        "+1+1",
        "-2+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "- 115 416",
        "-5,2",
        "plain",
    ]
    with duckdb.connect(str(database)) as con:
        con.execute("create schema analytics")
        con.execute(
            "create table analytics.fact_cells as "
            "select 'd' as document_id, unnest(?) as text, -0.01::decimal(18, 2) as amount_eur",
            [cells],
        )
        con.execute("create table analytics.dim_document as select 'd' as document_id, 'Ii' as municipality")
    result = run("export", "--database", str(database), "--spreadsheets", "Ii")
    assert result.returncode == 0, result.stderr
    link = tmp_path / "w.exports"
    with duckdb.connect() as con:
        rows = con.execute(
            f"select text, amount_eur from read_csv('{link}/ii/fact_cells.csv', all_varchar = true)"
        ).fetchall()
        parquet = con.execute(f"select text from '{link}/fact_cells.parquet'").fetchall()
    assert [text for text, _ in rows] == [
        '\'=HYPERLINK("http://x","y")',
        "'+1+1",
        "'-2+cmd|' /C calc'!A0",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "- 115 416",
        "-5,2",
        "plain",
    ]
    assert {amount for _, amount in rows} == {"-0.01"}
    assert [text for (text,) in parquet] == cells


# 8b. The export reads under the build's memory limit and spills into a folder of its own.
def test_the_export_reads_under_the_builds_memory_limit(tmp_path: Path) -> None:
    profile = (REPO / "profiles.yml").read_text(encoding="utf-8")
    assert f"env_var('{MEMORY_LIMIT_VARIABLE}', '{MEMORY_LIMIT_DEFAULT}')" in profile, "the build's default"
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema analytics")
        con.execute("create table analytics.dim_document as select 'd' as document_id, 'Ii' as municipality")
    with read_only(database, tmp_path) as con:
        settings = con.execute("select current_setting('memory_limit'), current_setting('temp_directory')").fetchone()
        assert settings is not None
        limit, spill = settings
        assert Path(spill).parent == tmp_path
        assert Path(spill).is_dir()
    with duckdb.connect(config={"memory_limit": MEMORY_LIMIT_DEFAULT}) as con:
        assert con.execute("select current_setting('memory_limit')").fetchone() == (limit,)
    with duckdb.connect() as con:
        assert con.execute("select current_setting('memory_limit')").fetchone() != (limit,), "DuckDB's own default"
    assert not Path(spill).exists()
    failed = run("export", "--database", str(database), env={MEMORY_LIMIT_VARIABLE: "no-such-size"})
    assert failed.returncode != 0
    assert "Memory must have a number" in failed.stderr, "the export's connection takes the variable's limit"
    done = run("export", "--database", str(database), env={MEMORY_LIMIT_VARIABLE: "64MB"})
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.rglob(f"{SPILL_PREFIX}*")) == [], "the spill folder is removed"


# 9. Every failure: one line, non-zero exit, no traceback, and a true record.
def test_rollback_on_a_read_only_folder_says_what_is_unchanged(tmpfs: Path, warehouse_file: Path) -> None:
    database = tmpfs / "warehouse.duckdb"
    a = publish(database, warehouse_file, "A")
    b = publish(database, warehouse_file, "B")
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = run("rollback", "--database", str(database))
    assert result.returncode == 2
    no_traceback(result)
    assert result.stderr.count("\n") == 1
    assert "Read-only file system" in result.stderr
    assert f"{database} is unchanged" in result.stderr
    assert (sha(database), sha(WarehousePaths(database).previous)) == (b, a)


def test_bad_file_names_and_huge_cells_are_named_not_tracebacks(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / os.fsdecode(b"r\xe4port.txt")).write_text(committed_report(YP), encoding="utf-8")
    named = run("extract", str(reports), "--out", str(tmp_path / "out"))
    assert named.returncode == 2
    no_traceback(named)
    assert "r\\xe4port.txt: the file name is not UTF-8: rename the file" in named.stderr
    lines = committed_report(YP).split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("tulevaisuusinvestoinnit\t"))
    cells = lines[row].split("\t")
    cells[2] += " " + "x" * 10_000_000
    lines[row] = "\t".join(cells)
    shutil.rmtree(reports)
    reports.mkdir()
    (reports / YP).write_text("\n".join(lines), encoding="utf-8")
    huge = run("extract", str(reports), "--out", str(tmp_path / "out"))
    assert huge.returncode == 2
    no_traceback(huge)
    # Line 108 continues, after a page break, the goal that starts at line 104: its row's raw CSV
    # line, the 10 000 000 x's and 1 014 bytes more (the goal's other cells, quoted, over six
    # lines: with 1 000 x's instead the row is 2 014 bytes of raw_goals.csv).
    assert row + 1 == 108
    assert f"{YP}:104: a row of 10,001,014 bytes" in huge.stderr
    assert "max_line_size" in huge.stderr


def test_the_record_says_what_a_stopped_publish_left(
    two_builds: tuple[Path, str, str], warehouse_file: Path, tmp_path: Path
) -> None:
    database, _, _ = two_builds
    started = "2026-12-01T00:00:00Z"
    record = ["record-run", "--database", str(database), "--started-at", started]
    assert run(*record, "--status", "running", "--stage", "publish", "--pid", "1").returncode == 0
    c = publish(database, warehouse_file, "C")
    ended = run(*record, "--status", "failed", "--stage", "publish", "--exit-code", "137")
    assert ended.returncode == 0
    assert "is unchanged" not in ended.stdout
    assert f"{database} now holds the new build" in ended.stdout
    written = json.loads(WarehousePaths(database).last_run.read_text(encoding="utf-8"))
    assert (written["status"], written["release"]["warehouse_sha256"]) == ("published", c)
    never = tmp_path / "never" / "n.duckdb"
    never.parent.mkdir()
    result = run(
        "record-run",
        "--database",
        str(never),
        "--started-at",
        started,
        "--status",
        "failed",
        "--stage",
        "dbt",
        "--exit-code",
        "1",
    )
    assert f"no warehouse is published ({never} does not exist)" in result.stdout
    # The first publish of a warehouse, stopped after its rename: published, not unchanged.
    assert run(*record[:2], str(never), *record[3:], "--status", "running", "--stage", "publish").returncode == 0
    first = publish(never, warehouse_file, "first")
    stopped = run(
        *record[:2], str(never), *record[3:], "--status", "failed", "--stage", "publish", "--exit-code", "137"
    )
    assert f"{never} now holds the new build" in stopped.stdout
    written = json.loads(WarehousePaths(never).last_run.read_text(encoding="utf-8"))
    assert (written["status"], written["release"]["warehouse_sha256"]) == ("published", first)


def test_a_venv_without_pip_is_repaired(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    assert (
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "--version"], capture_output=True, check=False
        ).returncode
        != 0
    )
    made = subprocess.run(
        ["make", "-s", "-C", str(REPO), "venv", f"VENV={venv}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert (
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "--version"], capture_output=True, check=False
        ).returncode
        == 0
    )


def consistent(database: Path, known: set[str]) -> None:
    """The published file is one whole build, and after recovery its exports are that build's."""
    paths = WarehousePaths(database)
    assert sha(database) in known
    assert not database.with_name(database.name + ".wal").exists()
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select count(*) from analytics.fact_budget").fetchone() != (0,)
    if paths.exports.exists():
        exports_of(paths.exports)
    site = database.with_name("warehouse.report")
    if site.is_symlink() and (paths.exports / "report").is_dir():
        assert site.resolve() == (paths.exports / "report").resolve()
        assert (site / "index.html").is_file()
    # What the next build, export or rollback does first (in this process, to keep it quick).
    assert main(["recover", "--database", str(database)]) == 0
    assert sha(database) in known
    assert exported_from(paths.exports) == sha(database)
    if paths.previous.exists():
        assert sha(paths.previous) in known
    assert not paths.outgoing.exists()
    store = paths.exports.with_name(".warehouse.exports.releases")
    assert not [p for p in store.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(not has_strace, reason="strace is not installed")
def test_random_kills_never_leave_the_release_inconsistent(
    warehouse_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(13)
    database = tmp_path / "warehouse.duckdb"
    paths = WarehousePaths(database)
    known = {publish(database, warehouse_file, "A")}
    variants = {tag: variant(warehouse_file, tmp_path / f"{tag}.duckdb", tag) for tag in "BCD"}
    known |= set(variants.values())
    kills = 0
    started = "2026-12-01T00:00:00Z"
    for round_ in range(38):
        operation = rng.choice(["publish", "publish", "rollback", "export", "report"])
        arguments = ["--reports", str(REPO / "reports")] if operation == "report" or rng.random() < 0.5 else []
        if operation == "publish":
            shutil.copyfile(tmp_path / f"{rng.choice('BCD')}.duckdb", paths.candidate)
        elif operation == "rollback" and not paths.previous.exists():
            operation = "export"
        if operation in ("rollback", "export"):
            arguments = []
        # As scripts/build.sh does before it publishes: the record says a build runs.
        write_record(RunRecord(started, "", "running", operation, 0, str(database), "running", pid=1), paths.last_run)
        step = rng.choice(sorted(STEP_COUNTS[operation]))
        inject = [
            "strace",
            "-f",
            "-qq",
            "-o",
            "/dev/null",
            "-e",
            f"trace={STEPS}",
            "-e",
            f"inject={step}:signal=KILL:when={rng.randint(1, STEP_COUNTS[operation][step])}",
        ]
        result = run(operation, "--database", str(database), *arguments, prefix=inject)
        kills += result.returncode == -signal.SIGKILL or result.returncode == 128 + signal.SIGKILL
        no_traceback(result)
        capsys.readouterr()
        assert main(["last-run", "--database", str(database)]) == 0
        assert capsys.readouterr().out.startswith("INTERRUPTED: "), round_
        consistent(database, known)
    assert kills >= 30
    # And whole builds killed outright at a random moment: the record says interrupted.
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / YP).write_text(committed_report(YP), encoding="utf-8")
    env = {**build_env(reports, tmp_path), "DATABASE": str(database)}
    env.pop("EXPORTS")
    for delay in (rng.uniform(1, 4), rng.uniform(6, 15)):
        before = sha(database)
        process = subprocess.Popen(
            ["bash", str(BUILD_SCRIPT)],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        time.sleep(0.5)
        assert sha(database) == before
        last = run("last-run", "--database", str(database))
        record = json.loads(paths.last_run.read_text(encoding="utf-8"))
        if record["status"] == "running":
            assert last.stdout.startswith("INTERRUPTED: "), last.stdout
            # The stage the build was killed in ended unrecorded: said so, never "running".
            current = record["stages"][-1]["stage"]
            assert f"{current} (interrupted)" in last.stdout, last.stdout
            assert "(running)" not in last.stdout
        else:
            assert record["release"]["warehouse_sha256"] == before
        consistent(database, known)


def site_shows(site: Path) -> str:
    """Which build the report site at ``site`` shows (its index lists the tagged section titles)."""
    builds: set[str] = set(re.findall(r"\(build (\w)\)", (site / "index.html").read_text(encoding="utf-8")))
    assert len(builds) == 1, builds
    return builds.pop()


# 12. The report site is part of the release: written before the switch, switched with the
# warehouse and its exports, kept when a publish fails, rolled back with them, and rewritten
# into the current release by `kuntatalous report` (make report), its exports kept.
def test_the_report_site_is_published_kept_and_rolled_back_with_the_release(
    warehouse_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "w" / "warehouse.duckdb"
    database.parent.mkdir()
    paths, site = WarehousePaths(database), database.with_name("warehouse.report")
    a = publish(database, warehouse_file, "A", site=True)
    assert (site.is_symlink(), site_shows(site)) == (True, "A")
    texts = {path.name: path.stat().st_ino for path in (site / "sources").iterdir()}
    b = publish(database, warehouse_file, "B", site=True)
    # B's pages show other section titles (rendered); the report texts are A's files (hard links).
    assert {path.name: path.stat().st_ino for path in (site / "sources").iterdir()} == texts
    assert exports_of(paths.exports)["site"]["reused"] == len(texts)  # type: ignore[index]
    assert (site_shows(site), exported_from(paths.exports)) == ("B", b)
    assert site.resolve() == (paths.exports / "report").resolve()
    shown_b = (site / "index.html").read_bytes()

    # A site that cannot be written (a mart it reads lacks a column): nothing is published.
    variant(warehouse_file, paths.candidate, "C", shown=True)
    with duckdb.connect(str(paths.candidate)) as con:
        con.execute("alter table analytics.rpt_reconciliation drop column message")
    failed = run("publish", "--database", str(database), "--reports", str(REPO / "reports"))
    assert failed.returncode == 2
    no_traceback(failed)
    assert f"{database} is unchanged; the exports {paths.exports} are unchanged" in failed.stderr
    assert (sha(database), sha(paths.previous), exported_from(paths.exports)) == (b, a, b)
    assert (site / "index.html").read_bytes() == shown_b
    assert not [p for p in paths.exports.with_name(".warehouse.exports.releases").iterdir() if p.name.startswith(".")]

    rolled = run("rollback", "--database", str(database))
    assert rolled.returncode == 0, rolled.stderr
    assert (sha(database), exported_from(paths.exports), site_shows(site)) == (a, a, "A")

    # make report: a new release of the same file, its exports hard-linked, the site written anew.
    before = paths.exports.resolve()
    parquet = (paths.exports / HEINOLA_BUDGET).stat().st_ino
    page = (site / "heinola-2025.html").stat().st_ino
    reported = run("report", "--database", str(database), "--reports", str(REPO / "reports"))
    assert reported.returncode == 0, reported.stderr
    assert (site / "heinola-2025.html").stat().st_ino == page, "an unchanged page is kept (a hard link)"
    assert "pages and report texts unchanged, kept from the previous site" in reported.stdout
    assert paths.exports.resolve() != before
    assert (paths.exports / HEINOLA_BUDGET).stat().st_ino == parquet
    assert (exported_from(paths.exports), site_shows(site)) == (a, "A")
    again = run("rollback", "--database", str(database))
    assert again.returncode == 0, again.stderr
    assert (sha(database), site_shows(site)) == (b, "B")


def test_the_scheduled_build_exits_with_the_scripts_own_status(tmp_path: Path) -> None:
    database = tmp_path / "warehouse.duckdb"
    env = {**os.environ, "DATABASE": str(database), "BUILD_LOCK_WAIT": "1", "BUILD_LOG": str(tmp_path / "build.log")}
    with WarehousePaths(database).lock.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        scheduled = subprocess.run(
            [str(REPO / "scripts" / "scheduled-build.sh")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        made = subprocess.run(
            ["make", "-C", str(REPO), "build", f"DATABASE={database}", f"BUILD_LOG={tmp_path / 'make.log'}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert scheduled.returncode == 75
    assert "another build still holds" in (tmp_path / "build.log").read_text(encoding="utf-8")
    # make reports every failed recipe as 2, naming the script's status.
    assert made.returncode == 2
    assert "Error 75" in made.stderr
    assert not database.exists()
