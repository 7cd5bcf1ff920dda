"""An investment table that prints each asset class's projects above the class's own total, end
to end: Yhteiset palvelut's investment table (header at line 50 of
``heinola_tp2025_yhteiset_palvelut.txt``) printed as many municipalities print it, projects by
class. Each class total is the class, its projects are lines of it, every figure ties out, and a
project's figure misprinted fails the check that names the class total's line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, committed_report, replace_once

pytestmark = pytest.mark.e2e

YP = "heinola_tp2025_yhteiset_palvelut.txt"
PRINTED = (
    "YHTEISET PALVELUT IRTAIN OMAISUUS\tTP2024\tTA 2025\tToteuma 1- 12\tPoikkeama\tToteuma %\n"
    "Menot\t-369 498\t-195 000\t-38 279\t-156 721\t19,6\n"
    "Netto\t-369 498\t-195 000\t-38 279\t-156 721\t19,6\n"
)
"""The committed table (lines 50 to 52)."""
BY_PROJECT = (
    "YHTEISET PALVELUT\tTA 2025\tToteuma 2025\n"
    "Sähköinen asiointi\t-120 000\t-20 000\n"
    "Verkkomaksaminen\t-75 000\t-18 279\n"
    "<b>Irtain omaisuus yhteensä</b>\t<b>-195 000</b>\t<b>-38 279</b>\n"
    "Kaupungintalon katto\t-50 000\t-45 000\n"
    "<b>Talonrakennus yhteensä</b>\t<b>-50 000</b>\t<b>-45 000</b>\n"
    "<b>Investointimenot yhteensä</b>\t<b>-245 000</b>\t<b>-83 279</b>\n"
    "<b>Netto</b>\t<b>-245 000</b>\t<b>-83 279</b>\n"
)
"""Lines 50 to 57: Irtain omaisuus = -120 000 + -75 000 and -20 000 + -18 279; Talonrakennus is
its one project; Investointimenot yhteensä = -195 000 + -50 000 and -38 279 + -45 000."""
MISPRINTED = "Verkkomaksaminen\t-75 000\t-18 729\n"
"""Verkkomaksaminen's actual with two digits swapped: its class total (-38 279) no longer adds up."""


def make_projects(workdir: Path, environ: Mapping[str, str], project: str | None = None) -> tuple[Path, str]:
    reports = workdir / "reports"
    reports.mkdir()
    text = replace_once(committed_report(YP), PRINTED, BY_PROJECT)
    if project is not None:
        text = replace_once(text, "Verkkomaksaminen\t-75 000\t-18 279\n", project)
    (reports / YP).write_text(text, encoding="utf-8")
    database, result = build(reports, workdir, expect_ok=project is None, base=environ)
    return database, result.stdout + result.stderr


def make_misprinted(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    return make_projects(workdir, environ, MISPRINTED)


PREBUILDS: dict[str, Make] = {"projects": make_projects, "misprinted": make_misprinted}


@pytest.fixture(scope="module")
def projects(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database, _ = prebuilds.take(make_projects)
    return duckdb.connect(str(database), read_only=True)


@pytest.fixture(scope="module")
def misprinted(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    database, output = prebuilds.take(make_misprinted)
    return duckdb.connect(str(database), read_only=True), output


def test_each_class_total_is_its_class_and_its_projects_are_lines_of_it(
    projects: duckdb.DuckDBPyConnection,
) -> None:
    rows = projects.execute(
        "select source_line, investment_category, line_item_id, amount_eur from analytics.fact_budget "
        "where source_file = ? and statement = 'investment' and scenario = 'actual' order by source_line",
        [YP],
    ).fetchall()
    assert rows == [
        (51, "Irtain omaisuus", "investment.menot_sahkoinen_asiointi", Decimal("-20000.00")),
        (52, "Irtain omaisuus", "investment.menot_verkkomaksaminen", Decimal("-18279.00")),
        (53, "Irtain omaisuus", "menot", Decimal("-38279.00")),
        (54, "Talonrakennus", "investment.menot_kaupungintalon_katto", Decimal("-45000.00")),
        (55, "Talonrakennus", "menot", Decimal("-45000.00")),
        (56, "Yhteensä", "menot", Decimal("-83279.00")),
        (57, "Yhteensä", "netto", Decimal("-83279.00")),
    ]
    names = projects.execute(
        "select line_item_name, is_curated from analytics.dim_line_item "
        "where line_item_id = 'investment.menot_verkkomaksaminen'"
    ).fetchall()
    assert names == [("Verkkomaksaminen", False)]
    # Projects are lines no chart names: the warning of lines to curate does not list them.
    listed = projects.execute("select count(*) from audit.warn_uncurated_line_items where statement = 'investment'")
    assert listed.fetchone() == (0,)


def test_projects_add_up_to_their_class_and_classes_to_the_units_investments(
    projects: duckdb.DuckDBPyConnection,
) -> None:
    rows = projects.execute(
        "select source_line, investment_category, scenario, expected_value, computed_value, computed_from, status "
        "from analytics.rpt_reconciliation where check_name = 'investment_classes' and source_file = ? "
        "order by source_line, scenario",
        [YP],
    ).fetchall()
    both = "investment.menot_sahkoinen_asiointi + investment.menot_verkkomaksaminen"
    katto = "investment.menot_kaupungintalon_katto"
    classes = "Irtain omaisuus + Talonrakennus"
    assert rows == [
        (53, "Irtain omaisuus", "actual", Decimal("-38279"), Decimal("-38279"), both, "ok"),
        (53, "Irtain omaisuus", "budget", Decimal("-195000"), Decimal("-195000"), both, "ok"),
        (55, "Talonrakennus", "actual", Decimal("-45000"), Decimal("-45000"), katto, "ok"),
        (55, "Talonrakennus", "budget", Decimal("-50000"), Decimal("-50000"), katto, "ok"),
        (56, "Yhteensä", "actual", Decimal("-83279"), Decimal("-83279"), classes, "ok"),
        (56, "Yhteensä", "budget", Decimal("-245000"), Decimal("-245000"), classes, "ok"),
    ]
    failing = projects.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
    assert failing == (0,)


def test_a_misprinted_project_fails_its_class_total_naming_its_line(
    misprinted: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, output = misprinted
    failing = con.execute(
        "select check_name, investment_category, scenario, expected_value, computed_value, source_line "
        "from analytics.rpt_reconciliation where status = 'fail'"
    ).fetchall()
    assert failing == [("investment_classes", "Irtain omaisuus", "actual", Decimal("-38279"), Decimal("-38729"), 53)]
    assert f"at {YP}:53" in output
