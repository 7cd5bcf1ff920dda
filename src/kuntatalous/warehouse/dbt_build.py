"""``dbt build`` started before the plan: ``kuntatalous dbt-build --mode-file F -- <dbt args>``.

dbt takes seconds to start: importing it, registering its adapter and loading the project's
saved parse. A nightly build at national scale spends about a fifth of its time there, with
the machine partly idle while the reports are extracted. So ``scripts/build.sh`` starts this
command beside the extraction, and it works at a lower priority (:data:`WAITING_NICENESS`)
until the plan comes. It imports dbt and parses the project for the build that
:func:`kuntatalous.warehouse.build_plan.expected_mode` expects (the plan's own rule: full or
partial depends on the project, not on the reports), then waits until the build writes the
plan's mode into the mode file, and runs ``dbt build`` in this process with the arguments of
that mode (:data:`MODES`), reusing the parsed project when it was parsed for that mode.

The mode file says ``stop`` when the build ends before its plan (an extraction that fails),
and ``unchanged`` when the plan found nothing to build (``build_plan.UNCHANGED``); this command
then ends without running dbt (status 0), as it does when the build's process is gone. Its exit status
is the one ``dbt build`` would have: 0, 1 (a node failed) or 2 (dbt could not run, or the
mode file says something else).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kuntatalous.warehouse.build_plan import FULL, PARTIAL, UNCHANGED, expected_mode

if TYPE_CHECKING:
    from dbt.cli.main import dbtRunnerResult
    from dbt.contracts.graph.manifest import Manifest

STOP = "stop"
"""What the mode file says when the build ended before its plan."""

EXIT_INTERRUPTED = 130
"""The status of a command stopped by Ctrl-C (128 + SIGINT), as a shell gives it."""

POLL_SECONDS = 0.05
"""How often the mode file is looked for: the delay it adds to a build, at most."""

WAITING_NICENESS = 10
"""How much lower its priority is until the plan's mode comes: loading dbt and parsing take only
what the extraction leaves of the machine. The build runs at the build's priority again where the
system lets a process raise it back (root, or a RLIMIT_NICE); elsewhere it stays lower."""


@dataclass(frozen=True)
class Mode:
    """The dbt arguments of a plan's mode: ``vars`` also decide the parsed project."""

    vars: tuple[str, ...]
    nodes: tuple[str, ...]


BUILD_EXCLUDES = ("--exclude-resource-type", "unit_test")
"""What no build runs: dbt's unit tests. They test the project's logic on the fixed inputs of
their fixtures, never the reports, so every build of the same code would run the same tests to
the same end (on the committed reports they were three fifths of dbt's time). As dbt advises,
they run where the code changes: ``make test`` runs every one of them on DuckDB and on
PostgreSQL (tests/python/test_dbt_unit_tests.py)."""

MODES = {
    # The same project and reference seeds built the published file, so the nodes that read
    # only the seeds hold what this build would write (selectors.yml, partial_build).
    PARTIAL: Mode(vars=("--vars", "{partial_build: true}"), nodes=("--selector", "partial_build", *BUILD_EXCLUDES)),
    # Every table rebuilt, seeds included (a seed that gained a column loads).
    FULL: Mode(vars=(), nodes=("--full-refresh", *BUILD_EXCLUDES)),
}
"""The plan's modes (the first word of ``plan-build``'s line) and how dbt builds each."""


def add_dbt_build_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "dbt-build",
        help="start dbt ahead of the plan, then run `dbt build` in the mode the plan writes (scripts/build.sh)",
        description=(__doc__ or "").split("\n\n")[1],
    )
    command.add_argument(
        "--mode-file", type=Path, required=True, help=f"where the build writes {', '.join(MODES)} or {STOP}"
    )
    command.add_argument("--build-pid", type=int, required=True, help="the build's process: stop when it is gone")
    command.add_argument("--database", type=Path, required=True, help="the published DuckDB file")
    command.add_argument("--project-dir", type=Path, required=True, help="the dbt project (the repository)")
    command.add_argument(
        "--reference", type=Path, action="append", default=[], help="a folder of reference seeds the build reads"
    )
    command.add_argument("--full", action="store_true", help="the build was asked to be full (FULL_REFRESH)")
    command.add_argument("dbt_args", nargs="*", help="after --: the arguments of every dbt command (profiles, logs)")


def run_dbt_build(args: argparse.Namespace) -> int:
    # A command started in the background by a script ignores Ctrl-C: this one stops on it, as
    # dbt did when the build ran it in the foreground.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    priority = os.getpriority(os.PRIO_PROCESS, 0)
    os.nice(WAITING_NICENESS)
    try:
        return _run(args, priority)
    except KeyboardInterrupt:
        print("dbt-build: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace, priority: int) -> int:
    from dbt.cli.main import dbtRunner  # the seconds this command is started early for
    from dbt.utils.utils import ExitCodes

    expected = _expected(args)
    manifest = _parse(expected, args.dbt_args) if expected else None
    mode = wait_for_mode(args.mode_file, args.build_pid)
    if mode is None or mode == UNCHANGED:
        return 0
    if mode not in MODES:
        modes = ", ".join([*MODES, UNCHANGED])
        print(f"error: {args.mode_file}: {mode!r} is not a mode of the plan ({modes})", file=sys.stderr)
        return int(ExitCodes.UnhandledError)
    _restore(priority)
    reused = manifest if mode == expected else None
    result = dbtRunner(manifest=reused).invoke(["build", *args.dbt_args, *MODES[mode].vars, *MODES[mode].nodes])
    if isinstance(result.exception, KeyboardInterrupt):
        raise result.exception
    return exit_status(result)


def _restore(priority: int) -> None:
    """The build's own priority again, for dbt's run (and the threads it starts), if allowed."""
    with contextlib.suppress(PermissionError):  # an unprivileged process cannot raise its priority:
        os.setpriority(os.PRIO_PROCESS, 0, priority)  # dbt runs at the lower one


def _expected(args: argparse.Namespace) -> str | None:
    """The mode the plan will write, or None if it cannot be told here (the plan will say why)."""
    import duckdb

    try:
        return expected_mode(args.database, args.project_dir, args.reference, args.full)
    except (OSError, duckdb.Error):
        return None


def _parse(mode: str, dbt_args: list[str]) -> Manifest | None:
    """The project parsed for ``mode`` (None if dbt cannot parse it: the build then says why).
    Nothing is printed: the build's own parse, if it needs one, reports what went wrong. Nor is
    ``manifest.json`` written (a few tenths of a second): the build writes it at its end, its
    nodes compiled; the saved parse (``partial_parse.msgpack``) is written as ever."""
    from dbt.cli.main import dbtRunner
    from dbt.contracts.graph.manifest import Manifest

    quiet = ["--log-level", "none", "--no-write-json"]
    result = dbtRunner().invoke(["parse", *dbt_args, *quiet, *MODES[mode].vars])
    if isinstance(result.exception, KeyboardInterrupt):
        raise result.exception  # dbt returns a Ctrl-C as its result: it stops this command too
    return result.result if result.success and isinstance(result.result, Manifest) else None


def wait_for_mode(mode_file: Path, build_pid: int) -> str | None:
    """What the build wrote into ``mode_file``; None if it wrote ``stop`` or is gone."""
    while not mode_file.exists():
        if not _alive(build_pid):
            return None
        time.sleep(POLL_SECONDS)
    said = mode_file.read_text(encoding="utf-8").strip()
    return None if said == STOP else said


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: the build's is the caller's own
    return True


def exit_status(result: dbtRunnerResult) -> int:
    """The exit status dbt's command line gives: success, a node that failed, or dbt that could not run."""
    from dbt.utils.utils import ExitCodes

    if result.success:
        return int(ExitCodes.Success)
    if result.exception is not None:
        print(f"error: dbt could not run: {result.exception}", file=sys.stderr)
        return int(ExitCodes.UnhandledError)
    return int(ExitCodes.ModelError)
