"""Helpers for the end-to-end tests: run scripts/build.sh on a folder of reports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from kuntatalous.synthetic import Corpus
from kuntatalous.warehouse.publish import work_file

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "scripts" / "build.sh"
YP = "heinola_tp2025_yhteiset_palvelut.txt"
HY = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"
DBT_PROJECT = REPO / "dbt_project.yml"


def reconciliation_checks() -> list[dict[str, Any]]:
    """The reconciliation checks as listed in var ``reconciliation_checks`` of dbt_project.yml."""
    project = yaml.safe_load(DBT_PROJECT.read_text(encoding="utf-8"))
    checks: list[dict[str, Any]] = project["vars"]["reconciliation_checks"]
    return checks


def reconciliation_check_names() -> set[str]:
    """Every check of rpt_reconciliation."""
    return {check["name"] for check in reconciliation_checks()}


def declared_unit_tests(project: Path = REPO) -> dict[str, str]:
    """Every dbt unit test the YAML of ``project``'s models declares, by name: its model."""
    return {
        test["name"]: test["model"]
        for path in sorted((project / "models").rglob("*.yml"))
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests") or []
    }


class SavedParses:
    """dbt's saved parse (partial_parse.msgpack) of the session's last full and last partial build,
    read by each new build (DBT_PARTIAL_PARSE_FILE_PATH) as a build in the repository reads the
    previous one's in target/: dbt reuses it only if the project's files, the profile (the same
    for every build of a ``warehouse.duckdb``: scripts/build.sh gives dbt the candidate through its
    folder), the variables (a partial build's differ) and the environment variables
    dbt_project.yml reads are all the same, and parses again what changed (a model reading a
    changed environment variable). dbt writes its own parse into the build's target folder."""

    folder: Path | None = None
    """Where they are kept (conftest sets it for the session); None: every build parses afresh."""

    @classmethod
    def saved(cls, mode: str) -> Path | None:
        return None if cls.folder is None else cls.folder / f"{mode}.msgpack"

    @classmethod
    def env(cls, workdir: Path, env: Mapping[str, str]) -> dict[str, str]:
        """DBT_PARTIAL_PARSE_FILE_PATH of the last saved parse of the kind of build ``workdir``
        probably gets (partial if it has a published warehouse); a wrong guess only costs a full
        parse."""
        guess = "partial" if (workdir / "warehouse.duckdb").exists() and not env.get("FULL_REFRESH") else "full"
        saved = cls.saved(guess)
        return {"DBT_PARTIAL_PARSE_FILE_PATH": str(saved)} if saved is not None and saved.is_file() else {}

    @classmethod
    def keep(cls, workdir: Path, output: str) -> None:
        """The parse of the build of ``workdir`` that printed ``output``, as its kind's last (put
        in place in one step: a build starting meanwhile reads the old file or the new one)."""
        mode = re.search(r"^(full|partial) build:", output, re.MULTILINE)
        parsed = workdir / "target" / "partial_parse.msgpack"
        saved = cls.saved(mode[1]) if mode else None
        if saved is not None and parsed.is_file():
            staged = saved.with_name(f".{saved.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            shutil.copyfile(parsed, staged)
            os.replace(staged, saved)


def dbt(
    args: list[str], database: Path, workdir: Path, project: Path = REPO, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run dbt on ``database`` with its target and logs under ``workdir``: the repository's
    project, or a copy of it in ``project``; ``env`` adds to the few variables dbt is given."""
    folders = ["--profiles-dir", str(project), "--project-dir", str(project)]
    return subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, *folders],
        env={
            "PATH": str(Path(sys.executable).parent),
            "HOME": str(workdir),
            **(env or {}),
            "KUNTATALOUS_DATABASE": str(database),
            "DBT_TARGET_PATH": str(workdir / "target"),
            "DBT_LOG_PATH": str(workdir / "logs"),
        },
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def outputs_of(processes: Sequence[subprocess.Popen[str]], timeout: int) -> list[str]:
    """Each process's output once it has finished, read from all of them at once. Read one after
    another, a process that fills its pipe while the one before is awaited waits for its reader
    forever: two builds taking turns at a lock, the one holding it blocked writing, never finish."""

    def output(process: subprocess.Popen[str]) -> str:
        return process.communicate(timeout=timeout)[0]

    with ThreadPoolExecutor(max_workers=len(processes)) as pool:
        return list(pool.map(output, processes))


def build_env(
    reports: Path, workdir: Path, env: dict[str, str] | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment of ``make build`` for ``reports``, every output under ``workdir``
    (``env`` added to ``base``, by default os.environ), with the session's last saved parse of
    dbt to read (SavedParses). The build keeps its staging and intermediate tables beside the
    published file (KEEP_WORK=1, read with ``build_steps``) unless ``env`` says KEEP_WORK=""."""
    environ = os.environ if base is None else base
    return {
        **environ,
        "KEEP_WORK": "1",
        **SavedParses.env(workdir, {**environ, **(env or {})}),
        **(env or {}),
        "REPORTS": str(reports),
        "DATABASE": str(workdir / "warehouse.duckdb"),
        "EXPORTS": str(workdir / "exports"),
        "BUILD_LOCK": str(workdir / "build.lock"),
        "VENV_BIN": str(Path(sys.executable).parent),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }


def build_steps(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``database`` (a published file, or a failed build's candidate)
    with the staging and intermediate tables its build kept (KEEP_WORK, ``work_file``) attached
    as ``work``, as dbt's profile attaches them: ``work.staging.stg_reports__documents``."""
    con = duckdb.connect(str(database), read_only=True)
    con.execute(f"attach '{work_file(database)}' as work (read_only)")
    return con


def without_extra_reference(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` without KUNTATALOUS_EXTRA_REFERENCE: the organisation is inferred from the
    reports (no curated seeds of one's own)."""
    return {name: value for name, value in environ.items() if name != "KUNTATALOUS_EXTRA_REFERENCE"}


@dataclass(frozen=True)
class DocsSite:
    """``make docs`` of a published copy of the committed reports' warehouse."""

    page: Path
    """The page scripts/docs.sh wrote (DOCS_SITE/index.html)."""
    published: Path
    """The published file it documented."""
    published_sha256: str
    """The published file's SHA-256 before scripts/docs.sh ran."""


@dataclass(frozen=True)
class SyntheticBuild:
    """A small synthetic corpus built and published as make build does."""

    corpus: Corpus
    reports: Path
    database: Path
    """The published file; its report site is ``warehouse.report`` beside it."""
    result: subprocess.CompletedProcess[str]


def start_build(
    reports: Path, workdir: Path, env: dict[str, str] | None = None, base: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start building ``reports`` as ``make build`` does into ``workdir/warehouse.duckdb`` (see
    ``finish_build``; ``env`` and ``base`` as for ``build_env``): builds of separate work folders
    may run side by side."""
    return subprocess.Popen(
        ["bash", str(BUILD_SCRIPT)],
        env=build_env(reports, workdir, env, base),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_build(
    process: subprocess.Popen[str], workdir: Path, expect_ok: bool = True, timeout: int = 600
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Wait for a build ``start_build`` started (stopped after ``timeout`` seconds).

    Returns the file the build wrote: the published warehouse, or for a failed build the
    candidate it left beside it.
    """
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    SavedParses.keep(workdir, result.stdout)
    assert (result.returncode == 0) is expect_ok, result.stdout[-4000:] + result.stderr[-4000:]
    written = "warehouse.duckdb" if expect_ok else "warehouse.candidate.duckdb"
    return workdir / written, result


def build(
    reports: Path,
    workdir: Path,
    expect_ok: bool = True,
    env: dict[str, str] | None = None,
    timeout: int = 600,
    base: Mapping[str, str] | None = None,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Build ``reports`` as ``make build`` does into ``workdir/warehouse.duckdb`` (stopped after
    ``timeout`` seconds; ``env`` and ``base`` as for ``build_env``).

    Returns the file the build wrote: the published warehouse, or for a failed build the
    candidate it left beside it.
    """
    return finish_build(start_build(reports, workdir, env, base), workdir, expect_ok, timeout)


def write_reports(folder: Path, texts: Mapping[str, str], municipality: str | Mapping[str, str]) -> Path:
    """``folder`` (made here) holding each of ``texts`` (file name: report text) and a manifest
    naming ``municipality`` for each (or, a mapping, each file's own): a build's reports."""
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    of = {name: municipality for name in texts} if isinstance(municipality, str) else municipality
    manifest = "file,municipality\n" + "".join(f"{name},{of[name]}\n" for name in texts)
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


def seeds_unchanged() -> bool:
    return subprocess.run(["git", "diff", "--quiet", "--", "seeds"], cwd=REPO, check=False).returncode == 0


def shift_years(text: str, by: int) -> str:
    return re.sub(r"(?<!\d)(20\d\d)(?!\d)", lambda m: str(int(m[1]) + by), text)


def committed_report(name: str) -> str:
    return (REPO / "reports" / name).read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    """Replace a line's text that must occur exactly once (so a tamper cannot miss)."""
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new)


def tampered_raw_build(tmp_path: Path, raw_file: str, old: str, new: str, count: int, *selection: str) -> set[str]:
    """dbt build (``selection``) of the committed reports' raw CSVs with ``old`` replaced by
    ``new`` in ``raw_file``, where it occurs ``count`` times (so a tamper cannot miss): the
    names of the tests that fail (the build must fail)."""
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "seeds" / "raw", raw)
    text = (raw / raw_file).read_text(encoding="utf-8")
    assert text.count(old) == count, f"expected {count} of {old!r} in {raw_file}"
    (raw / raw_file).write_text(text.replace(old, new), encoding="utf-8")
    target = tmp_path / "target"
    env = {**os.environ, "KUNTATALOUS_RAW_SEEDS": str(raw), "KUNTATALOUS_DATABASE": str(tmp_path / "tampered.duckdb")}
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "build", "--target-path", str(target), "--log-path", str(tmp_path / "logs"), *selection]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode != 0
    return {name for name, status in data_test_statuses(target).items() if status == "fail"}


def data_test_statuses(target: Path) -> dict[str, str]:
    """The status of each data test of the dbt run whose target folder is ``target``, by name."""
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {
        str(result["unique_id"]).split(".")[2]: str(result["status"])
        for result in results
        if str(result["unique_id"]).startswith("test.")
    }
