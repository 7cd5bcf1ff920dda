"""End to end: scripts/build.sh (extractor + dbt build) into temporary warehouses."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.warehouse.publish import WarehousePaths, work_file

from .prebuilds import Make, Prebuilds
from .warehouse_builds import HY, REPO, YP, build, seeds_unchanged, shift_years

pytestmark = pytest.mark.e2e


def test_default_build_leaves_the_committed_seeds_as_they_are(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert seeds_unchanged()


def test_no_view_reads_a_file(steps: duckdb.DuckDBPyConnection) -> None:
    # The raw CSVs are read once, into the staging tables: the published file and the build's
    # kept work file are read long after a build's CSV folder is gone.
    views = steps.execute("select view_name, sql from duckdb_views() where not internal").fetchall()
    assert views
    assert [name for name, sql in views if re.search(r"read_|\.csv|\.parquet|\.json", sql, re.IGNORECASE)] == []
    tables = {name for (name,) in steps.execute("select table_name from duckdb_tables()").fetchall()}
    assert {"stg_reports__budget_rows", "stg_reports__rejects"} <= tables
    assert not any(name.startswith("raw_") for name in tables)


def every_relation_reads(con: duckdb.DuckDBPyConnection) -> None:
    relations = con.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = current_database()"
    ).fetchall()
    assert len(relations) > 30
    for schema, name in relations:
        con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()


def amount(
    con: duckdb.DuckDBPyConnection, unit_id: str, line_item_id: str, year: int, scenario: str, statement: str
) -> tuple[Decimal, bool, str, int]:
    rows = con.execute(
        """
        select amount_eur, is_comparable, source_file, source_line
        from analytics.fact_budget
        where unit_id = ? and line_item_id = ? and fiscal_year = ? and scenario = ? and statement = ?
        """,
        [unit_id, line_item_id, year, scenario, statement],
    ).fetchall()
    assert len(rows) == 1, rows
    value, comparable, source_file, source_line = rows[0]
    return value, comparable, source_file, source_line


def test_every_printed_amount_once(warehouse: duckdb.DuckDBPyConnection) -> None:
    total, distinct = warehouse.execute(
        """
        select count(*), count(distinct (unit_id, statement, line_item_id, fiscal_year, scenario))
        from analytics.fact_budget
        """
    ).fetchone() or (None, None)
    assert total == distinct == 243


@pytest.mark.parametrize(
    ("unit_id", "line_item_id", "year", "scenario", "statement", "expected", "comparable", "source"),
    [
        # Read by hand from the reports.
        ("heinola.yhteiset_palvelut", "toimintatuotot", 2025, "actual", "operating", "1372028", True, (YP, 14)),
        ("heinola.yhteiset_palvelut", "rahoitustuotot_ja_kulut", 2025, "actual", "operating", "157", True, (YP, 37)),
        ("heinola.yhteiset_palvelut", "rahoitustuotot_ja_kulut", 2025, "budget", "operating", "-2000", True, (YP, 37)),
        ("heinola.hallintopalvelut", "toimintakulut", 2024, "actual", "operating", "-712686", False, (YP, 209)),
        ("heinola.vaalit", "toimintakulut", 2024, "actual", "operating", "-147748", False, (YP, 145)),
        ("heinola.yhteiset_palvelut", "menot", 2025, "budget", "investment", "-195000", True, (YP, 51)),
        ("heinola.hyvinvointipalvelut", "menot", 2024, "actual", "investment", "-36225", True, (HY, 42)),
        (
            "heinola.hyvinvoinnin_edistamisen_lautakunta",
            "avustukset",
            2025,
            "actual",
            "operating",
            "-3109253",
            True,
            (HY, 185),
        ),
        ("heinola.virikkeellinen_elama", "toimintakate", 2025, "budget", "operating", "-4597100", True, (HY, 313)),
        ("heinola.hyvinvointipalvelut", "tilikauden_tulos", 2024, "actual", "operating", "-33792417", False, (HY, 35)),
    ],
)
def test_sample_of_hand_read_amounts(
    warehouse: duckdb.DuckDBPyConnection,
    unit_id: str,
    line_item_id: str,
    year: int,
    scenario: str,
    statement: str,
    expected: str,
    comparable: bool,
    source: tuple[str, int],
) -> None:
    value, is_comparable, source_file, source_line = amount(warehouse, unit_id, line_item_id, year, scenario, statement)
    assert value == Decimal(expected)
    assert is_comparable is comparable
    assert (source_file, source_line) == source


def test_summing_the_top_level_gives_the_service_areas_totals(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Toimintakulut 2025 as printed for the two service areas: Hyvinvointipalvelut -39 424 611,
    # Yhteiset palvelut -8 856 536; their boards and responsibility areas sit beside them.
    by_level = dict(
        warehouse.execute(
            "select is_top_level, sum(actual_eur) from analytics.rpt_budget_vs_actual"
            " where line_item_id = 'toimintakulut' and fiscal_year = 2025 group by all"
        ).fetchall()
    )
    assert by_level[True] == Decimal("-39424611") + Decimal("-8856536")
    top = warehouse.execute(
        "select distinct municipality, unit_level, parent_unit_id from analytics.rpt_budget_vs_actual"
        " where is_top_level"
    ).fetchall()
    assert top == [("Heinola", "service_area", "heinola")]


def test_projects_funders_as_data(warehouse: duckdb.DuckDBPyConnection) -> None:
    # "rahoittajana toimii Päijät-Hämeen liitto EAKR-rahoituksella", 218 842 €, city 30 %.
    rows = warehouse.execute(
        "select funder.funder_id, funder.funder_kind, project.external_funding_eur"
        " from analytics.fact_project_funder as funder"
        " inner join analytics.fact_project as project on funder.project_id = project.project_id"
        " where project.total_funding_eur = 218842 order by 1"
    ).fetchall()
    assert rows == [
        ("eakr", "eu_fund", Decimal("153189.40")),
        ("paijat_hameen_liitto", "regional_council", Decimal("153189.40")),
    ]
    uncurated = "select count(*) from analytics.fact_project_funder where not is_curated"
    assert warehouse.execute(uncurated).fetchone() == (0,)


def test_figures_printed_in_short_and_detailed_tables_count_once(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        """
        select print_count, count(*) from analytics.fact_budget
        where unit_id = 'heinola.yhteiset_palvelut' and statement = 'operating'
        group by all order by all
        """
    ).fetchall()
    # Toimintatuotot, Valmistus omaan käyttöön, Toimintakulut and Toimintakate, in 3 columns each.
    assert rows == [(1, 39), (2, 12)]


def test_units_hang_in_one_tree(warehouse: duckdb.DuckDBPyConnection) -> None:
    tree = dict(warehouse.execute("select unit_id, parent_unit_id from analytics.dim_unit").fetchall())
    assert tree["heinola.hallintopalvelut"] == "heinola.yhteiset_palvelut"
    assert tree["heinola.virikkeellinen_elama"] == "heinola.hyvinvoinnin_edistamisen_lautakunta"
    assert tree["heinola.hyvinvoinnin_edistamisen_lautakunta"] == "heinola.hyvinvointipalvelut"
    assert tree["heinola.kasvatus_ja_opetuslautakunta"] == "heinola.hyvinvointipalvelut"
    assert tree["heinola.hyvinvointipalvelut"] == "heinola"
    assert tree["heinola"] is None
    assert warehouse.execute("select count(*) from analytics.dim_unit where not is_curated").fetchone() == (0,)


def test_documents(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        "select source_file, municipality, fiscal_year, section_title from analytics.dim_document order by source_file"
    ).fetchall()
    assert rows == [
        (HY, "Heinola", 2025, "HYVINVOINNIN EDISTÄMISEN LAUTAKUNTA"),
        (YP, "Heinola", 2025, "YHTEISET PALVELUT -PALVELUALUE"),
    ]


def test_budget_vs_actual_report(warehouse: duckdb.DuckDBPyConnection) -> None:
    row = warehouse.execute(
        """
        select budget_eur, actual_eur, prior_year_actual_eur, variance_eur, printed_variance_eur,
               execution_pct, printed_execution_pct, is_favourable_variance, line_item_name_en
        from analytics.rpt_budget_vs_actual
        where unit_id = 'heinola.yhteiset_palvelut' and line_item_id = 'toimintakulut' and fiscal_year = 2025
        """
    ).fetchall()
    assert row == [
        (
            Decimal("-9483100"),
            Decimal("-8856536"),
            Decimal("-8379008"),
            Decimal("-626564"),
            Decimal("-626564"),
            Decimal("93.39"),
            Decimal("93.39"),
            True,
            "Operating expenses",
        )
    ]


def make_next_year(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    reports = workdir / "reports"
    reports.mkdir()
    text = shift_years((REPO / "reports" / YP).read_text(encoding="utf-8"), 1)
    # A unit the curated organisation does not know must load too, and be warned about.
    text = text.replace("## Tarkastustoimi", "## Sisäinen tarkastus")
    text = text.replace("Tarkastustoimi Selite", "Sisäinen tarkastus Selite")
    (reports / "seuraava_vuosi.txt").write_text(text, encoding="utf-8")
    # As make build runs it: the build's staging and intermediate tables are not kept.
    return build(reports, workdir, env={"KEEP_WORK": ""}, base=environ)


PREBUILDS: dict[str, Make] = {"next_year": make_next_year}


@pytest.fixture
def next_year(prebuilds: Prebuilds) -> tuple[Path, subprocess.CompletedProcess[str]]:
    built: tuple[Path, subprocess.CompletedProcess[str]] = prebuilds.take(make_next_year)
    return built


def test_next_years_report_under_another_name_loads_without_code_changes(
    next_year: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    database, result = next_year
    con = duckdb.connect(str(database), read_only=True)

    years = con.execute("select distinct fiscal_year from analytics.fact_budget order by 1").fetchall()
    assert years == [(2025,), (2026,)]
    documents = con.execute("select source_file, fiscal_year from analytics.dim_document").fetchall()
    assert documents == [("seuraava_vuosi.txt", 2026)]
    value, comparable, _, _ = amount(con, "heinola.yhteiset_palvelut", "toimintatuotot", 2026, "actual", "operating")
    assert (value, comparable) == (Decimal("1372028"), True)
    assert amount(con, "heinola.yhteiset_palvelut", "toimintatuotot", 2025, "actual", "operating")[:2] == (
        Decimal("1120517"),
        False,
    )
    unit = con.execute(
        "select unit_name, unit_level, parent_unit_id, is_curated from analytics.dim_unit where unit_id = ?",
        ["heinola.sisainen_tarkastus"],
    ).fetchall()
    assert unit == [("Sisäinen tarkastus", "responsibility_area", "heinola.yhteiset_palvelut", False)]
    count = "select count(*) from analytics.fact_budget where unit_id = 'heinola.sisainen_tarkastus'"
    assert con.execute(count).fetchone() == (9,)
    assert re.search(r"WARN test warn_uncurated_units \(1\)", result.stdout)
    # The build's own CSV folder is gone; every table and view of the warehouse still reads.
    every_relation_reads(con)
    # Building another folder leaves the committed seeds alone.
    assert seeds_unchanged()


def test_the_published_file_holds_no_staging_or_intermediate_tables(
    next_year: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """dbt wrote the staging and intermediate models to the candidate's work file, which the
    publish removed (KEEP_WORK unset): the published file holds the marts, the reference seeds,
    the tests' stored failures, the build's plan, and of the intermediate models only the one
    kept across builds (incremental: the line items each document names)."""
    database, _ = next_year
    with duckdb.connect(str(database), read_only=True) as con:
        schemas = con.execute(
            "select schema_name from duckdb_tables() "
            "union select schema_name from duckdb_views() where not internal order by 1"
        ).fetchall()
        intermediate = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'intermediate'"
        ).fetchall()
    assert schemas == [("analytics",), ("audit",), ("build_plan",), ("intermediate",), ("reference",)]
    assert intermediate == [("int_line_items__discovered",)]
    assert database.with_name("warehouse.candidate.work.duckdb") == work_file(WarehousePaths(database).candidate)
    assert not work_file(WarehousePaths(database).candidate).exists()
    assert not work_file(database).exists()


def test_a_kept_work_file_holds_the_builds_staging_and_intermediate_tables(
    warehouse_file: Path, steps: duckdb.DuckDBPyConnection
) -> None:
    assert work_file(warehouse_file).is_file()
    assert not work_file(WarehousePaths(warehouse_file).candidate).exists()
    schemas = steps.execute(
        "select distinct schema_name from duckdb_tables() where database_name = 'work' order by 1"
    ).fetchall()
    assert schemas == [("intermediate",), ("staging",)]


def test_text_tables_land_in_staging(steps: duckdb.DuckDBPyConnection) -> None:
    # Counted by hand in the reports: projects 5 + total and 19 + total; key figures 75 values in
    # each of the two printings; goals 8 and 23; risks 6 and 10 (HY prints its risk table twice).
    counts = {
        table: steps.execute(f"select count(*) from work.staging.stg_reports__{table}").fetchone()
        for table in ("projects", "key_figures", "goals", "risks")
    }
    assert counts == {"projects": (26,), "key_figures": (150,), "goals": (31,), "risks": (16,)}
    units = steps.execute(
        "select table_kind, unit_id, count(*) from work.intermediate.int_report_tables__units group by all order by all"
    ).fetchall()
    assert ("projects", "heinola.yhteiset_palvelut", 3) in units  # after Kehittämispalvelut: its service area's
    assert ("key_figures", "heinola.hyvinvointipalvelut", 1) in units


def test_every_project_key_figure_goal_and_risk_once(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Counted by hand: 5 + 19 projects (Yhteensä rows aside); 75 key-figure values, the table
    # printed twice (the reprint with "hyty" for "hyte" and a word changed) counted once;
    # 8 + 23 goals; 6 + 5 risks (HY's risk table printed twice, one risk reworded).
    counts = {
        table: warehouse.execute(f"select count(*) from analytics.{table}").fetchone()
        for table in ("fact_project", "fact_kpi", "fact_goal", "fact_risk")
    }
    assert counts == {"fact_project": (24,), "fact_kpi": (75,), "fact_goal": (31,), "fact_risk": (11,)}


def test_hand_read_project_goal_risk_and_key_figure(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Split by a page break (lines 263 and 266), funded by the regional council's AKKE money.
    project = warehouse.execute(
        """
        select unit_id, total_funding_eur, city_share_pct, spend_pct, funders, period_start_year,
            period_end_year, source_line, last_line
        from analytics.fact_project where project_name = 'Heinolan elinkeinoelämän kasvun ja kehittymisen työpaketti'
        """
    ).fetchall()
    assert project == [
        ("heinola.yhteiset_palvelut", Decimal("125000"), Decimal("20"), Decimal("65"), "Päijät-Hämeen liitto; AKKE",
         2024, 2026, 263, 266)
    ]  # fmt: skip
    # A multi-valued cell: "opkou: 190 499 euroa" in the 2025 actual column, printed twice.
    kpi = warehouse.execute(
        """
        select value, unit_of_measure, print_count from analytics.fact_kpi
        where indicator = 'Ulkopuolinen rahoitus' and sub_area = 'opkou' and fiscal_year = 2025
            and measure_type = 'actual'
        """
    ).fetchall()
    assert kpi == [(Decimal("190499"), "€", 2)]
    # Status printed "Toteutuu" on one page and "osittain" on the next (lines 116 and 126).
    goal = warehouse.execute(
        "select goal_status_id, status_raw from analytics.fact_goal where source_line = 116 and source_file = ?", [HY]
    ).fetchall()
    assert goal == [("partially_achieved", "Toteutuu osittain")]
    risk = warehouse.execute(
        "select probability, significance, risk_score, unit_id from analytics.fact_risk"
        " where risk like 'Kiinteistöjen%'"
    ).fetchall()
    assert risk == [(2, 2, 4, "heinola.hyvinvointipalvelut")]
