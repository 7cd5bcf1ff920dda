"""The list of reconciliation checks (var ``reconciliation_checks`` in dbt_project.yml) is the
one declaration of the checks: the check models and the list must agree, and the list's
severity rules decide which statuses fail the build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from kuntatalous.warehouse.publish import work_file

from .warehouse_builds import REPO, data_test_statuses, dbt, reconciliation_checks

CHECK_MODELS = REPO / "models" / "intermediate" / "reconciliation"
MACROS = REPO / "macros" / "reconciliation_checks.sql"
PROJECTED = re.compile(r"reconciliation_check\(\s*'\w+',\s*'(\w+)'")
SHARED_COLUMN = re.compile(r"\('(\w+)', '[^']+'\)")
STATUSES = {"warn", "incomplete"}


def copy_warehouse(published: Path, to: Path) -> None:
    """A copy of a published file and of the staging and intermediate tables its build kept."""
    shutil.copy(published, to)
    shutil.copy(work_file(published), work_file(to))


def disagreements(checks: list[dict[str, Any]], models: Path) -> list[str]:
    """What the list of checks and the check models in ``models`` disagree on."""
    listed = {(check["model"], check["name"]) for check in checks}
    built = {(sql.stem, name) for sql in models.glob("*.sql") for name in PROJECTED.findall(sql.read_text())}
    unlisted = [f"{model} projects check {name}, which is not listed" for model, name in sorted(built - listed)]
    unbuilt = [
        f"check {name} is listed for {model}, which does not project it" for model, name in sorted(listed - built)
    ]
    return unlisted + unbuilt


def rule_errors(checks: list[dict[str, Any]], shared_columns: set[str]) -> list[str]:
    """List lines whose grain names a column checks do not have, or whose warns_on a status
    other than warn and incomplete."""
    errors = []
    for check in checks:
        errors += [f"{check['name']}: no column {column}" for column in check["grain"] if column not in shared_columns]
        errors += [f"{check['name']}: no status {status}" for status in check["warns_on"] if status not in STATUSES]
    return errors


def shared_columns() -> set[str]:
    return set(SHARED_COLUMN.findall(MACROS.read_text(encoding="utf-8")))


def test_every_check_model_projects_exactly_its_listed_checks() -> None:
    checks = reconciliation_checks()
    assert disagreements(checks, CHECK_MODELS) == []
    assert rule_errors(checks, shared_columns()) == []
    assert len({check["name"] for check in checks}) == len(checks)


def documented_columns() -> list[str]:
    """The columns _reconciliation__models.yml documents for the check models, in order."""
    properties = yaml.safe_load((CHECK_MODELS / "_reconciliation__models.yml").read_text(encoding="utf-8"))
    model = next(entry for entry in properties["models"] if entry["name"] == "int_reconciliation__checks")
    return [column["name"] for column in model["columns"]]


def test_the_documented_columns_are_the_projected_ones() -> None:
    assert documented_columns() == SHARED_COLUMN.findall(MACROS.read_text(encoding="utf-8"))


def test_a_check_model_without_its_line_disagrees() -> None:
    checks = [check for check in reconciliation_checks() if check["name"] != "project_total"]
    assert disagreements(checks, CHECK_MODELS) == [
        "int_reconciliation__project_totals projects check project_total, which is not listed"
    ]


def test_a_line_without_its_check_model_disagrees(tmp_path: Path) -> None:
    for sql in CHECK_MODELS.glob("*.sql"):
        if sql.stem != "int_reconciliation__restatements":
            shutil.copy(sql, tmp_path)
    assert disagreements(reconciliation_checks(), tmp_path) == [
        "check restatement is listed for int_reconciliation__restatements, which does not project it"
    ]


def test_a_grain_or_status_the_checks_do_not_have_is_an_error() -> None:
    checks = [{**reconciliation_checks()[0], "grain": ["document_id", "page"], "warns_on": ["fail"]}]
    assert rule_errors(checks, shared_columns()) == ["subtotal: no column page", "subtotal: no status fail"]


def with_rule(name: str, warns_on: list[str]) -> str:
    """The list of checks as --vars, ``name`` warning on ``warns_on`` only."""
    checks = [{**check, "warns_on": warns_on} if check["name"] == name else check for check in reconciliation_checks()]
    return json.dumps({"reconciliation_checks": checks})


def committed_results(warehouse_file: Path) -> dict[str, str]:
    """The status of each data test in the committed reports' build, by name (its target folder
    is beside the published file: warehouse_builds.build_env)."""
    return data_test_statuses(warehouse_file.parent / "target")


@pytest.mark.e2e
def test_a_status_its_check_does_not_warn_on_fails_the_build(warehouse_file: Path, tmp_path: Path) -> None:
    # The committed reports leave unit rollups incomplete (a child's section is not loaded):
    # a warning while the list says so (their build), a failure once it does not.
    ran = committed_results(warehouse_file)
    assert (ran["reconciles"], ran["reconciliation_warnings"]) == ("pass", "warn")
    database = tmp_path / "warehouse.duckdb"
    copy_warehouse(warehouse_file, database)
    tests = ["--select", "reconciles", "reconciliation_warnings"]
    unwarned = dbt(["test", *tests, "--vars", with_rule("unit_rollup", ["warn"])], database, tmp_path)
    assert unwarned.returncode == 1
    assert re.search(r"Failure in test reconciles \(", unwarned.stdout), unwarned.stdout[-4000:]


@pytest.mark.e2e
def test_a_check_model_projecting_an_unlisted_check_does_not_compile(tmp_path: Path) -> None:
    checks = [check for check in reconciliation_checks() if check["name"] != "project_total"]
    unlisted = json.dumps({"reconciliation_checks": checks})
    compiled = dbt(
        ["compile", "--select", "int_reconciliation__project_totals", "--vars", unlisted],
        tmp_path / "warehouse.duckdb",
        tmp_path,
    )
    assert compiled.returncode != 0
    assert "check project_total is not in var reconciliation_checks" in compiled.stdout


@pytest.mark.e2e
def test_a_sum_whose_names_leave_out_a_term_fails(warehouse_file: Path, tmp_path: Path) -> None:
    """The subtotal and unit roll-up checks name their terms from bit masks, apart from their
    sums (macros/bit_masks.sql): names_each_term holds the two together."""
    names_each_term = {
        name: status
        for name, status in committed_results(warehouse_file).items()
        if name.startswith("names_each_term_")
    }
    assert sorted(names_each_term.values()) == ["pass", "pass"], "as the committed reports' build ran them"
    database = tmp_path / "warehouse.duckdb"
    copy_warehouse(warehouse_file, database)
    tests = ["--select", "test_name:names_each_term"]
    with duckdb.connect(str(work_file(database))) as con:
        for model in ("int_reconciliation__subtotals", "int_reconciliation__unit_rollups"):
            # One sum of several terms keeps only its first term's name.
            con.execute(
                f"""update intermediate.{model} set computed_from = split_part(computed_from, ' + ', 1)
                where (document_id, source_line, fiscal_year, scenario) in (
                    select (document_id, source_line, fiscal_year, scenario) from intermediate.{model}
                    where term_count > 1 order by all limit 1
                )"""
            )
    tampered = dbt(["test", *tests], database, tmp_path)
    assert tampered.returncode == 1
    for model in ("int_reconciliation__subtotals", "int_reconciliation__unit_rollups"):
        assert re.search(rf"FAIL 1 names_each_term_{model}_", tampered.stdout), tampered.stdout[-4000:]
