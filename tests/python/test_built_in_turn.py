"""The heaviest models are built one at a time (var built_in_turn in dbt_project.yml, macro
built_in_turn): each depends on the one listed before it, so that dbt, building two nodes at
once (KUNTATALOUS_DBT_THREADS=2; the default is one), never builds two of them together, and they
never share DuckDB's memory limit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from .tiny_dbt import write_profile

REPO = Path(__file__).resolve().parents[2]
PROJECT = "kuntatalous"

Interval = tuple[datetime, datetime]


def in_turn() -> list[str]:
    """The models the project builds in turn, in their order."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))
    order: list[str] = project["vars"]["built_in_turn"]
    return order


def turn_problems(order: list[str], depends_on: dict[str, list[str]], built: dict[str, Interval]) -> list[str]:
    """What breaks the rule: a model that does not depend on the one before it, or two of them
    whose builds overlap (``built``: each model's execution, as run_results records it)."""
    problems = [
        f"{model} does not depend on {before}"
        for before, model in pairwise(order)
        if before not in depends_on.get(model, [])
    ]
    for place, first in enumerate(order):
        for second in order[place + 1 :]:
            if first in built and second in built and _overlap(built[first], built[second]):
                problems.append(f"{first} and {second} were built at once")
    return problems


def _overlap(one: Interval, other: Interval) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 1, 1, hour, minute)


def test_a_missing_dependency_or_two_built_at_once_is_a_problem() -> None:
    order = ["a", "b", "c"]
    in_order = {"a": (_at(1, 0), _at(1, 10)), "b": (_at(1, 10), _at(1, 20)), "c": (_at(1, 30), _at(1, 40))}
    assert turn_problems(order, {"b": ["x", "a"], "c": ["b"]}, in_order) == []
    assert turn_problems(order, {"b": ["x"], "c": ["b"]}, in_order) == ["b does not depend on a"]
    together = {**in_order, "c": (_at(1, 5), _at(1, 15))}
    assert turn_problems(order, {"b": ["a"], "c": ["b"]}, together) == [
        "a and c were built at once",
        "b and c were built at once",
    ]


TINY_PROJECT = """
name: tiny
version: "1.0"
profile: tiny
vars:
  built_in_turn: [first, second]
"""


def _parse_tiny(root: Path, models: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """dbt parse of a project with the macro and ``models`` (name to SQL)."""
    project = root / "project"
    (project / "models").mkdir(parents=True)
    (project / "macros").mkdir()
    shutil.copyfile(REPO / "macros" / "built_in_turn.sql", project / "macros" / "built_in_turn.sql")
    (project / "dbt_project.yml").write_text(TINY_PROJECT, encoding="utf-8")
    write_profile(project, root / "tiny.duckdb")
    for name, sql in models.items():
        (project / "models" / f"{name}.sql").write_text(sql, encoding="utf-8")
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "parse", "--profiles-dir", str(project), "--project-dir", str(project)]
    command += ["--target-path", str(root / "target"), "--log-path", str(root / "logs")]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_the_macro_makes_each_model_depend_on_the_one_before_and_refuses_any_other(tmp_path: Path) -> None:
    models = {"first": "{{ built_in_turn() }}\nselect 1 as x\n", "second": "{{ built_in_turn() }}\nselect 2 as x\n"}
    parsed = _parse_tiny(tmp_path / "listed", models)
    assert parsed.returncode == 0, parsed.stdout[-2000:]
    manifest = json.loads((tmp_path / "listed" / "target" / "manifest.json").read_text(encoding="utf-8"))
    assert _depends_on(manifest) == {"first": [], "second": ["first"]}
    refused = _parse_tiny(tmp_path / "unlisted", {**models, "third": "{{ built_in_turn() }}\nselect 3 as x\n"})
    assert refused.returncode != 0
    assert "third calls built_in_turn() but is not in var built_in_turn" in refused.stdout


def _depends_on(manifest: dict[str, Any]) -> dict[str, list[str]]:
    return {
        node["name"]: [parent.rsplit(".", 1)[-1] for parent in node["depends_on"]["nodes"]]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
    }


def _built(run_results: dict[str, Any]) -> dict[str, Interval]:
    built = {}
    for result in run_results["results"]:
        kind, project, name = result["unique_id"].split(".", 2)
        for timing in result["timing"]:
            if kind == "model" and project == PROJECT and timing["name"] == "execute":
                built[name] = (_time(timing["started_at"]), _time(timing["completed_at"]))
    return built


def _time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


@pytest.mark.e2e
def test_the_heaviest_models_were_built_one_at_a_time(warehouse_file: Path) -> None:
    # The committed reports' build, as dbt recorded it in its target folder beside the published
    # file (warehouse_builds.build_env).
    target = warehouse_file.parent / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    run_results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    order, built = in_turn(), _built(run_results)
    assert len(order) > 1
    assert set(order) <= set(built), "each was built, its execution recorded"
    assert turn_problems(order, _depends_on(manifest), built) == []
