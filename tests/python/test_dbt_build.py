"""``kuntatalous dbt-build``: dbt started ahead of the plan runs the build the plan writes.

The end-to-end builds (test_warehouse, test_partial_build) run every ``dbt build`` through it.
Here: the project it parsed ahead is used only for the mode it was parsed for (a real dbt on a
project of one model whose name follows the plan's var), it waits for the mode and stops when
told or when the build is gone, and its modes are the project's (selectors.yml, the macros' var).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from dbt.cli.main import dbtRunnerResult

from kuntatalous.warehouse.build_plan import FULL, PARTIAL, UNCHANGED
from kuntatalous.warehouse.dbt_build import (
    BUILD_EXCLUDES,
    EXIT_INTERRUPTED,
    MODES,
    STOP,
    WAITING_NICENESS,
    Mode,
    exit_status,
    wait_for_mode,
)

from .tiny_dbt import write_profile
from .warehouse_builds import REPO

PROJECT = """\
name: tiny
version: "1.0"
config-version: 2
profile: tiny
"""
SELECTORS = """\
selectors:
  - name: partial_build
    definition: {method: fqn, value: "*"}
"""
# The plan's var decides the model's table when dbt parses it: a build that reused a project
# parsed for the other mode would write the other table.
MODEL = "{{ config(alias='built_partial' if var('partial_build', false) else 'built_full') }}\nselect 1 as x\n"


def _tiny_project(root: Path) -> Path:
    project = root / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(PROJECT, encoding="utf-8")
    write_profile(project, root / "tiny.duckdb")
    (project / "selectors.yml").write_text(SELECTORS, encoding="utf-8")
    (project / "models" / "built.sql").write_text(MODEL, encoding="utf-8")
    return project


def _start(root: Path, project: Path, mode_file: Path, ignore_interrupts: bool = False) -> subprocess.Popen[str]:
    """dbt-build on the tiny project; no published file, so it expects (and parses for) a full
    build. ``ignore_interrupts``: started as a script starts a command in the background."""
    command = [sys.executable, "-m", "kuntatalous", "dbt-build", "--mode-file", str(mode_file)]
    command += ["--build-pid", str(os.getpid()), "--database", str(root / "none.duckdb")]
    command += ["--project-dir", str(project), "--", "--profiles-dir", str(project), "--project-dir", str(project)]
    environ = {**os.environ, "DBT_TARGET_PATH": str(root / "target"), "DBT_LOG_PATH": str(root / "logs")}
    ignored = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_interrupts else None
    return subprocess.Popen(
        command, env=environ, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=ignored
    )


def _tables(database: Path) -> set[str]:
    import duckdb

    with duckdb.connect(str(database), read_only=True) as conn:
        return {name for (name,) in conn.execute("select table_name from information_schema.tables").fetchall()}


def _wait_until(path: Path, process: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()[0][-3000:]
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.e2e
@pytest.mark.parametrize(("mode", "table", "reparsed"), [(FULL, "built_full", False), (PARTIAL, "built_partial", True)])
def test_the_project_parsed_ahead_is_used_for_its_own_mode_only(
    tmp_path: Path, mode: str, table: str, reparsed: bool
) -> None:
    project = _tiny_project(tmp_path)
    mode_file = tmp_path / "mode"
    process = _start(tmp_path, project, mode_file)
    saved_parse = tmp_path / "target" / "partial_parse.msgpack"
    _wait_until(saved_parse, process)  # parsed ahead, for a full build
    time.sleep(0.5)
    assert process.poll() is None  # waiting for the mode, at a lower priority than the build's
    assert os.getpriority(os.PRIO_PROCESS, process.pid) == os.getpriority(os.PRIO_PROCESS, 0) + WAITING_NICENESS
    manifest = tmp_path / "target" / "manifest.json"
    assert not manifest.exists(), "the parse ahead writes no manifest.json: the build does, at its end"
    saved_parse.unlink()  # written by a parse only: it is there again only if the build parsed
    _tell(mode_file, mode)
    output = process.communicate(timeout=300)[0]
    assert process.returncode == 0, output[-3000:]
    assert _tables(tmp_path / "tiny.duckdb") == {table}
    assert saved_parse.exists() is reparsed
    assert manifest.exists()


def _waiting(mode_file: Path, build_pid: int) -> tuple[threading.Thread, list[str | None]]:
    """wait_for_mode in a thread of its own, and the list its answer goes into."""
    said: list[str | None] = []
    thread = threading.Thread(target=lambda: said.append(wait_for_mode(mode_file, build_pid)), daemon=True)
    thread.start()
    return thread, said


def _tell(mode_file: Path, mode: str) -> None:
    """``mode`` written as build.sh's tell_dbt writes it to a waiting build: whole, then renamed
    into place. Written in place, the file exists before its line does, and is read empty."""
    written = mode_file.with_name(mode_file.name + ".tmp")
    written.write_text(f"{mode}\n", encoding="utf-8")
    written.replace(mode_file)


def test_it_waits_for_the_mode_the_build_writes(tmp_path: Path) -> None:
    mode_file = tmp_path / "mode"
    waiting, said = _waiting(mode_file, os.getpid())
    time.sleep(0.2)
    assert waiting.is_alive()
    assert not said
    _tell(mode_file, PARTIAL)
    waiting.join(timeout=10)
    assert said == [PARTIAL]


def test_it_stops_when_told_or_when_the_build_is_gone(tmp_path: Path) -> None:
    told = tmp_path / "told"
    told.write_text(f"{STOP}\n", encoding="utf-8")
    assert wait_for_mode(told, os.getpid()) is None
    gone = subprocess.Popen(["true"])
    gone.wait()
    waiting, said = _waiting(tmp_path / "never", gone.pid)
    waiting.join(timeout=10)
    assert not waiting.is_alive()
    assert said == [None]


@pytest.mark.parametrize("said", [STOP, UNCHANGED])
def test_a_stopped_or_unchanged_build_runs_no_dbt(tmp_path: Path, said: str) -> None:
    """Told to stop (the build ended before its plan) or that the plan found nothing to build,
    it ends without running dbt."""
    project = _tiny_project(tmp_path)
    mode_file = tmp_path / "mode"
    mode_file.write_text(f"{said}\n", encoding="utf-8")
    process = _start(tmp_path, project, mode_file)
    output = process.communicate(timeout=300)[0]
    assert process.returncode == 0, output[-3000:]
    assert not (tmp_path / "tiny.duckdb").exists()
    assert not (tmp_path / "target" / "run_results.json").exists()


def test_ctrl_c_stops_it_though_started_in_the_background(tmp_path: Path) -> None:
    """A script's background command ignores SIGINT (build.sh starts dbt-build so): it stops on
    it all the same (here while it waits for the mode), as dbt did in the foreground."""
    project = _tiny_project(tmp_path)
    process = _start(tmp_path, project, tmp_path / "mode", ignore_interrupts=True)
    _wait_until(tmp_path / "target" / "partial_parse.msgpack", process)
    process.send_signal(signal.SIGINT)
    try:
        output = process.communicate(timeout=60)[0]
    finally:
        process.kill()
    assert process.returncode == EXIT_INTERRUPTED, output[-3000:]
    assert "dbt-build: interrupted" in output
    assert "Traceback" not in output


def test_a_mode_the_plan_has_not_is_an_error(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path)
    mode_file = tmp_path / "mode"
    mode_file.write_text("partly\n", encoding="utf-8")
    process = _start(tmp_path, project, mode_file)
    output = process.communicate(timeout=300)[0]
    assert process.returncode == 2
    assert f"{mode_file}: 'partly' is not a mode of the plan (partial, full, unchanged)" in output


def test_its_exit_status_is_dbts() -> None:
    """As dbt's command line: 0, 1 when a node failed, 2 when dbt could not run."""
    assert exit_status(dbtRunnerResult(success=True)) == 0
    assert exit_status(dbtRunnerResult(success=False)) == 1
    assert exit_status(dbtRunnerResult(success=False, exception=RuntimeError("no profile"))) == 2


def test_the_modes_are_the_projects() -> None:
    """Each of the plan's modes has its arguments; a partial build's selector and var are the
    project's (selectors.yml, macros/partial_build.sql)."""
    assert set(MODES) == {FULL, PARTIAL}
    selectors = yaml.safe_load((REPO / "selectors.yml").read_text(encoding="utf-8"))["selectors"]
    option, selector, *excluded = MODES[PARTIAL].nodes
    assert option == "--selector"
    assert excluded == list(BUILD_EXCLUDES)
    assert selector in {entry["name"] for entry in selectors}
    option, values = MODES[PARTIAL].vars
    assert option == "--vars"
    [(name, value)] = yaml.safe_load(values).items()
    assert value is True
    assert f"var('{name}', false)" in (REPO / "macros" / "partial_build.sql").read_text(encoding="utf-8")
    assert MODES[FULL] == Mode(vars=(), nodes=("--full-refresh", *BUILD_EXCLUDES))
