"""The command line: outputs, determinism, errors and what an error leaves behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kuntatalous.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kuntatalous", *args], capture_output=True, text=True, check=False, timeout=60
    )


def read_all(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


def test_committed_seeds_are_the_output_for_the_committed_reports(repo: Path, tmp_path: Path) -> None:
    assert main(["extract", str(repo / "reports"), "--out", str(tmp_path), "--quiet"]) == 0
    assert read_all(tmp_path) == read_all(repo / "seeds" / "raw")


def test_output_is_byte_identical_across_runs_and_argument_order(repo: Path, tmp_path: Path) -> None:
    reports = sorted((repo / "reports").glob("*.txt"))
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["extract", *map(str, reports), "--out", str(first), "--quiet"]) == 0
    assert main(["extract", *map(str, reversed(reports)), "--out", str(second), "--quiet"]) == 0
    assert read_all(first) == read_all(second)
    assert set(read_all(first)) == {
        "raw_documents.csv",
        "raw_budget_rows.csv",
        "raw_report_tables.csv",
        "raw_projects.csv",
        "raw_key_figures.csv",
        "raw_goals.csv",
        "raw_risks.csv",
        "raw_rejects.csv",
    }


def test_bad_cell_exits_non_zero_names_file_line_and_keeps_previous_output(mini_report: Path, tmp_path: Path) -> None:
    reports, out = tmp_path / "reports", tmp_path / "out"
    reports.mkdir()
    shutil.copy(mini_report, reports / "r.txt")
    assert run_cli("extract", str(reports), "--out", str(out)).returncode == 0
    before = read_all(out)

    text = (reports / "r.txt").read_text(encoding="utf-8").replace("\t2 500\t", "\t2 5O0\t")
    (reports / "r.txt").write_text(text, encoding="utf-8")
    result = run_cli("extract", str(reports), "--out", str(out))

    assert result.returncode == 2
    assert "r.txt:9: column 'Toteuma 2031': cannot read '2 5O0' as an amount" in result.stderr
    assert "Traceback" not in result.stderr
    assert read_all(out) == before


def test_missing_path_and_empty_folder_are_clear_errors(tmp_path: Path) -> None:
    missing = run_cli("extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    empty = run_cli("extract", str(tmp_path), "--out", str(tmp_path / "out"))
    assert empty.returncode == 2
    assert "no report files" in empty.stderr


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"]])
def test_help(argv: list[str]) -> None:
    result = run_cli(*argv)
    assert result.returncode == 0
    assert "extract" in result.stdout


HEAVY_MODULES = ("duckdb", "psycopg", "jinja2", "xlsxwriter", "vl_convert", "kuntatalous.extract")
"""What the commands scripts/build.sh runs around dbt need not load (they are imported where used)."""

LOADED_BY = f"""
import sys
from kuntatalous.cli import main
code = main(sys.argv[1:])
print(*sorted(name for name in {HEAVY_MODULES!r} if name in sys.modules))
"""


def heavy_modules_loaded(*argv: str) -> list[str]:
    """The heavy modules loaded by running the CLI with ``argv`` in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_BY, *argv], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_the_build_scripts_bookkeeping_commands_load_no_heavy_module(tmp_path: Path) -> None:
    database = ("--database", str(tmp_path / "warehouse.duckdb"))
    assert heavy_modules_loaded("lock-file", *database) == []
    started = ("--started-at", "2026-01-01T00:00:00Z")
    assert heavy_modules_loaded("record-run", *database, "--status", "running", "--stage", "extract", *started) == []
    assert heavy_modules_loaded("last-run", *database) == []
    assert (tmp_path / "warehouse.last-run.json").is_file()


def test_a_command_loads_what_it_uses(mini_report: Path, tmp_path: Path) -> None:
    # The check above sees an import: extract loads the extractor, and still no database driver.
    loaded = heavy_modules_loaded("extract", str(mini_report), "--out", str(tmp_path), "--quiet", "--jobs", "1")
    assert loaded == ["kuntatalous.extract"]


def test_build_script_prints_its_help_and_refuses_other_arguments(repo: Path, tmp_path: Path) -> None:
    script = repo / "scripts" / "build.sh"
    environment = {"PATH": "/usr/bin:/bin", "DATABASE": str(tmp_path / "w.duckdb"), "BUILD_LOCK": str(tmp_path / "l")}
    shown = subprocess.run([script, "--help"], capture_output=True, text=True, check=False, env=environment)
    assert shown.returncode == 0
    assert shown.stdout.startswith("Build the warehouse and publish it only if every test passes")
    assert "  KEEP_WORK " in shown.stdout
    assert "set -euo" not in shown.stdout
    refused = subprocess.run([script, "--full"], capture_output=True, text=True, check=False, env=environment)
    assert refused.returncode == 2
    assert "error: unknown argument '--full'" in refused.stderr
    assert list(tmp_path.iterdir()) == [], "nothing was built"
