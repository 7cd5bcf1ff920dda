"""Rejects end to end: a strict build stops before dbt; a --keep-going build loads the rest and
fails on the reject until it is accepted in ref_accepted_rejects."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from .warehouse_builds import REPO, YP, build, committed_report, replace_once

pytestmark = pytest.mark.e2e

GARBLED = "Maksutuotot\t177 858\t75 000\t19 265\t55 735\t25,6g"
REJECT_MESSAGE = (
    f"rejected cell at {YP}:24, column 'Toteuma %': column 'Toteuma %': cannot read '25,6g' as a percentage"
)


@pytest.fixture
def garbled_reports(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    text = replace_once(committed_report(YP), "Maksutuotot\t177 858\t75 000\t19 265\t55 735\t25,69", GARBLED)
    (reports / YP).write_text(text, encoding="utf-8")
    return reports


@pytest.fixture
def reference_seeds() -> Iterator[Path]:
    """A copy of seeds/reference inside the project (dbt wants seed folders there)."""
    (REPO / "target").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="reference-", dir=REPO / "target"))
    shutil.copytree(REPO / "seeds" / "reference", folder, dirs_exist_ok=True)
    yield folder
    shutil.rmtree(folder)


def test_strict_build_stops_before_dbt_and_writes_no_warehouse(garbled_reports: Path, tmp_path: Path) -> None:
    database, result = build(garbled_reports, tmp_path, expect_ok=False)
    assert f"error: {YP}:24: column 'Toteuma %': cannot read '25,6g' as a percentage" in result.stderr
    assert "Traceback" not in result.stderr
    assert not database.exists()


def test_keep_going_build_fails_on_the_reject_until_it_is_accepted(
    garbled_reports: Path, tmp_path: Path, reference_seeds: Path
) -> None:
    keep_going = {"KUNTATALOUS_KEEP_GOING": "1"}
    database, result = build(garbled_reports, tmp_path / "rejected", expect_ok=False, env=keep_going)
    output = result.stdout + result.stderr
    assert "FAIL test no_unaccepted_rejects (1)" in output
    assert REJECT_MESSAGE in output
    with duckdb.connect(str(database), read_only=True) as con:
        # The rest of the row loaded; the rejected cell is missing, not zero.
        row = con.execute(
            "select actual_eur, printed_execution_pct, is_section_row from staging.stg_reports__budget_rows"
            " where source_line = 24"
        ).fetchone()
        assert row == (19265, None, False)

    accepted = reference_seeds / "ref_accepted_rejects.csv"
    with accepted.open("a", encoding="utf-8", newline="") as out:
        out.write(f'{YP},24,Toteuma %,"25,6g",garbled by the converter; percentage left missing\n')
    env = keep_going | {"KUNTATALOUS_REFERENCE_SEEDS": str(reference_seeds.relative_to(REPO))}
    database, result = build(garbled_reports, tmp_path / "accepted", env=env)
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select count(*) from staging.stg_reports__rejects").fetchone() == (1,)
        assert con.execute("select count(*) from audit.no_unaccepted_rejects").fetchone() == (0,)
