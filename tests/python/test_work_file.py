"""The work file (the staging and intermediate models' own database) is named once in Python,
``kuntatalous.warehouse.publish.work_file``; dbt's profile names it with its own expression,
which must give the same file for every database a build or a developer gives dbt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from kuntatalous.warehouse.publish import work_file

REPO = Path(__file__).resolve().parents[2]


def profile_work_path(database: str) -> str:
    """The path profiles.yml attaches as ``work`` when KUNTATALOUS_DATABASE is ``database``."""
    profile = yaml.safe_load((REPO / "profiles.yml").read_text(encoding="utf-8"))
    (attachment,) = profile["kuntatalous"]["outputs"]["dev"]["attach"]
    assert attachment["alias"] == "work"

    def env_var(name: str, default: str | None = None) -> str:
        assert name == "KUNTATALOUS_DATABASE"
        return database

    return jinja2.Environment().from_string(attachment["path"]).render(env_var=env_var)


@pytest.mark.parametrize(
    "database",
    [
        "warehouse/kuntatalous.duckdb",
        "/dev/fd/7/kuntatalous.candidate.duckdb",
        "/tmp/bench/warehouse-1000.duckdb",
        "/tmp/a.duckdb.d/warehouse",
    ],
)
def test_the_profile_attaches_the_work_file_of_its_database(database: str) -> None:
    assert profile_work_path(database) == str(work_file(Path(database)))


def test_the_work_file_is_the_candidates_own_and_never_the_database() -> None:
    assert work_file(Path("w/kuntatalous.candidate.duckdb")) == Path("w/kuntatalous.candidate.work.duckdb")
    assert work_file(Path("w/kuntatalous.duckdb")) == Path("w/kuntatalous.work.duckdb")
    assert work_file(Path("w/kuntatalous")) == Path("w/kuntatalous.work.duckdb")


def test_a_database_in_memory_works_in_memory() -> None:
    """sqlfluff's dbt templater runs with KUNTATALOUS_DATABASE=:memory:; no file is written."""
    assert profile_work_path(":memory:") == ":memory:"


def test_a_changed_profile_expression_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The check can fail: a profile that names the work file otherwise disagrees."""
    profile = yaml.safe_load((REPO / "profiles.yml").read_text(encoding="utf-8"))
    profile["kuntatalous"]["outputs"]["dev"]["attach"][0]["path"] = "{{ env_var('KUNTATALOUS_DATABASE') ~ '.work' }}"
    (tmp_path / "profiles.yml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    assert profile_work_path("warehouse/kuntatalous.duckdb") != str(work_file(Path("warehouse/kuntatalous.duckdb")))


@pytest.mark.e2e
def test_an_incremental_model_in_the_work_file_is_an_error(tmp_path: Path) -> None:
    """A model kept across builds must be in the published file: in the work file, which each
    build writes afresh, a partial build would find it empty. dbt stops before it runs."""
    project = tmp_path / "project"
    for part in ("models", "macros", "seeds", "tests/dbt"):
        shutil.copytree(REPO / part, project / part)
    for name in ("dbt_project.yml", "profiles.yml", "selectors.yml"):
        shutil.copy(REPO / name, project / name)
    model = project / "models" / "intermediate" / "int_line_items__discovered.sql"
    text = model.read_text(encoding="utf-8")
    assert text.count("database=target.database, ") == 1
    model.write_text(text.replace("database=target.database, ", ""), encoding="utf-8")
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "KUNTATALOUS_DATABASE": str(tmp_path / "warehouse.duckdb")}
    command = [str(dbt), "run", "--select", "int_line_items__discovered", "--profiles-dir", str(project)]
    command += ["--project-dir", str(project), "--target-path", str(tmp_path / "target")]
    command += ["--log-path", str(tmp_path / "logs")]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode != 0
    assert "int_line_items__discovered is incremental, kept across builds: it belongs in the published file" in (
        result.stdout
    ), result.stdout[-3000:]
