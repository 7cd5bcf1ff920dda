"""Rejects end to end: a strict build stops before dbt; a --keep-going build loads the rest and
fails on the reject until it is accepted in ref_accepted_rejects."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.warehouse.publish import work_file

from .prebuilds import Make, Prebuilds
from .warehouse_builds import REPO, YP, build, build_steps, committed_report, replace_once

pytestmark = pytest.mark.e2e

GARBLED = "Maksutuotot\t177 858\t75 000\t19 2G5\t55 735\t25,69"
"""Maksutuotot's 2025 actual (19 265, one of Toimintatuotot's terms at line 14) unreadable."""
REJECT_MESSAGE = (
    f"rejected cell at {YP}:24: column 'Toteuma 2025': cannot read '19 2G5' as an amount (fix the report, or accept"
)
UNREAD_TERM = "subtotal incomplete (1): a term's figure could not be read (a rejected cell): Maksutuotot at line 24"
PRINTED_CHILD = "<b>Toimintakate</b>\t<b>-54 394</b>\t<b>-67 100</b>\t<b>-56 329</b>\t<b>-10 771</b>\t<b>83,95</b>"
GARBLED_CHILD = PRINTED_CHILD.replace("-56 329", "-56 3Z9")
"""Tarkastustoimi's 2025 actual Toimintakate (-56 329 at line 161; its parent Yhteiset palvelut
sums its children's) unreadable."""
UNREAD_CHILD = (
    "unit_rollup incomplete (1): a child's figure could not be read (a rejected cell): Tarkastustoimi"
    f" (Toimintakate at {YP}:161)"
)


def write_garbled(reports: Path) -> Path:
    reports.mkdir()
    text = replace_once(committed_report(YP), "Maksutuotot\t177 858\t75 000\t19 265\t55 735\t25,69", GARBLED)
    text = replace_once(text, PRINTED_CHILD, GARBLED_CHILD)
    (reports / YP).write_text(text, encoding="utf-8")
    return reports


@pytest.fixture
def garbled_reports(tmp_path: Path) -> Path:
    return write_garbled(tmp_path / "reports")


@contextmanager
def reference_seeds() -> Iterator[Path]:
    """A copy of seeds/reference inside the project (dbt wants seed folders there)."""
    (REPO / "target").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="reference-", dir=REPO / "target"))
    shutil.copytree(REPO / "seeds" / "reference", folder, dirs_exist_ok=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def test_strict_build_stops_before_dbt_and_writes_no_warehouse(garbled_reports: Path, tmp_path: Path) -> None:
    database, result = build(garbled_reports, tmp_path, expect_ok=False)
    assert f"error: {YP}:24: column 'Toteuma 2025': cannot read '19 2G5' as an amount" in result.stderr
    assert "Traceback" not in result.stderr
    assert not database.exists()


KEEP_GOING = {"KUNTATALOUS_KEEP_GOING": "1"}
Built = tuple[Path, subprocess.CompletedProcess[str]]


def make_rejected(workdir: Path, environ: Mapping[str, str]) -> Built:
    """The garbled reports built with --keep-going: the failed candidate."""
    reports = write_garbled(workdir / "reports")
    return build(reports, workdir / "rejected", expect_ok=False, env=KEEP_GOING, base=environ)


def make_accepted(workdir: Path, environ: Mapping[str, str]) -> Built:
    """The same build with the reject accepted in ref_accepted_rejects: the published file."""
    reports = write_garbled(workdir / "reports")
    with reference_seeds() as reference:
        accepted = reference / "ref_accepted_rejects.csv"
        with accepted.open("a", encoding="utf-8", newline="") as out:
            out.write(f"{YP},24,Toteuma 2025,19 2G5,garbled by the converter; actual left missing\n")
            out.write(f"{YP},161,Toteuma 2025,<b>-56 3Z9</b>,garbled by the converter; actual left missing\n")
        env = KEEP_GOING | {"KUNTATALOUS_REFERENCE_SEEDS": str(reference.relative_to(REPO))}
        return build(reports, workdir / "accepted", env=env, base=environ)


PREBUILDS: dict[str, Make] = {"rejected": make_rejected, "accepted": make_accepted}


@pytest.fixture
def rejected(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_rejected)
    return built


@pytest.fixture
def accepted(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_accepted)
    return built


def test_keep_going_build_fails_on_the_reject_until_it_is_accepted(rejected: Built, accepted: Built) -> None:
    database, result = rejected
    output = result.stdout + result.stderr
    assert "FAIL test no_unaccepted_rejects (2)" in output
    assert REJECT_MESSAGE in output
    # Toimintatuotot's sum lacks the unread term: it cannot be checked, and says why (it failed,
    # blaming rounding, beside the reject; and failed the build once the reject was accepted).
    assert UNREAD_TERM in output
    # Yhteiset palvelut's Toimintakate lacks a child's, which cannot be checked, naming the cell
    # (it said "not broken out by: Tarkastustoimi", which printed it).
    assert UNREAD_CHILD in output
    # The two rows' printed variances and percentages cannot be checked either, and say why.
    for ratio in ("variance", "percentage"):
        check = "printed_variance" if ratio == "variance" else "printed_execution_pct"
        assert (
            f"{check} incomplete (2): the row prints a {ratio} but no budget or no actual: its actual could not"
            " be read (a rejected cell)"
        ) in output
    assert "subtotal FAIL" not in output
    assert "failing checks: test no_unaccepted_rejects (2);" in output
    # The failed build's staging and intermediate tables stay beside its candidate, named.
    assert database.name == "warehouse.candidate.duckdb"
    assert f"its staging and intermediate tables in {work_file(database)}" in output
    with build_steps(database) as con:
        # The rest of the row loaded; the rejected cell is missing, not zero.
        row = con.execute(
            "select actual_eur, printed_execution_pct, unread_columns, is_section_row"
            " from work.staging.stg_reports__budget_rows where source_line = 24"
        ).fetchone()
        assert row == (None, Decimal("25.69"), "actual", False)

    database, result = accepted
    with build_steps(database) as con:
        assert con.execute("select count(*) from work.staging.stg_reports__rejects").fetchone() == (2,)
        assert con.execute("select count(*) from audit.no_unaccepted_rejects").fetchone() == (0,)
        subtotal = con.execute(
            "select line_item_id, expected_value, computed_value, status, source_line from "
            "analytics.rpt_reconciliation where check_name = 'subtotal' and status <> 'ok'"
        ).fetchall()
    # Read by hand: Toimintatuotot's 2025 actual 1 372 028, first printed at line 14 (again at
    # 27); its terms read at lines 23, 25 and 26 (Myyntituotot, Tuet ja avustukset, Muut
    # toimintatuotot), 779 723 + 458 230 + 114 811 = 1 352 764, lack Maksutuotot's 19 265.
    assert subtotal == [("toimintatuotot", Decimal("1372028"), Decimal("1352764"), "incomplete", 14)]
    assert UNREAD_TERM in accepted[1].stdout
    assert UNREAD_CHILD in accepted[1].stdout
