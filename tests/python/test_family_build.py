"""The report family end to end: each family fixture (tests/python/fixtures/family/) extracted
and built, its figures in the marts as read by hand from the fixture, every reconciliation
check ``ok``; then one tampered build in which each new check fails on exactly its figure.

Each fixture is its own municipality (manifest.csv), so that two whole-city statements of one
year do not meet; but for Iivala's two sections, one board each, as a city prints them.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .family_fixtures import FAMILY, fixture_text
from .prebuilds import Make, Prebuilds
from .warehouse_builds import build, build_steps, replace_once

pytestmark = pytest.mark.e2e

MUNICIPALITIES = {
    "dots_ta_muutokset.txt": "Aavala",
    "thousands_actual_minus_budget.txt": "Beetala",
    "tilinp_ta_plus_teur.txt": "Ceela",
    "millions_budjetti_plus.txt": "Deela",
    "bokslut_sv.txt": "Eela",
    "income_statement_treasury_words.txt": "Feela",
    "other_columns.txt": "Geela",
    "heading_thousands_sections.txt": "Heela",
    "uncurated_terms_after.txt": "Iivala",
    "uncurated_terms_before.txt": "Iivala",
    "uncurated_sub_rows.txt": "Iivala",
    "uncurated_sub_rows_after.txt": "Iivala",
    "investment_menot_total_first.txt": "Jeela",
}


def _reports(folder: Path, texts: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True)
    for name in MUNICIPALITIES:
        (folder / name).write_text((texts or {}).get(name, fixture_text(name)), encoding="utf-8")
    manifest = "file,municipality\n" + "".join(f"{name},{town}\n" for name, town in MUNICIPALITIES.items())
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


def make_family(workdir: Path, environ: Mapping[str, str]) -> Path:
    database, _ = build(_reports(workdir / "reports"), workdir, base=environ)
    return database


@pytest.fixture(scope="module")
def family(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database: Path = prebuilds.take(make_family)
    con = build_steps(database)
    con.execute("set search_path = 'analytics'")
    return con


def test_every_fixture_is_in_the_warehouse() -> None:
    assert {path.name for path in FAMILY.iterdir()} == set(MUNICIPALITIES)


# (unit, line item, year, scenario) -> euros, read by hand from the fixtures.
FIGURES = [
    # TA 2025 | TA-muutokset | TA muutosten jälkeen, dots between thousands.
    ("aavala.ymparistolautakunta", "toimintakulut", 2025, "budget_original", "-7900000"),
    ("aavala.ymparistolautakunta", "toimintakulut", 2025, "budget_change", "-150000"),
    ("aavala.ymparistolautakunta", "toimintakulut", 2025, "budget", "-8050000"),
    ("aavala.ymparistolautakunta", "toimintakulut", 2025, "actual", "-6850437"),
    ("aavala.ymparistolautakunta", "toimintakulut", 2024, "actual", "-8055248"),
    # A dash (hyphen or en dash) is nil: zero, where an empty cell stays missing.
    ("aavala.ymparistolautakunta", "valmistus_omaan_kayttoon", 2024, "actual", "0"),
    ("aavala.ymparistolautakunta", "valmistus_omaan_kayttoon", 2025, "budget_original", "0"),
    ("aavala.ymparistolautakunta", "valmistus_omaan_kayttoon", 2025, "budget_change", "0"),
    ("aavala.ymparistolautakunta", "valmistus_omaan_kayttoon", 2025, "budget", "0"),
    ("aavala.ymparistolautakunta", "valmistus_omaan_kayttoon", 2025, "actual", "1234"),
    # Luvut tuhansina euroina, one decimal; Alkuperäinen TA | Muutettu TA, no years.
    ("beetala.tekninen_lautakunta", "toimintatuotot", 2025, "budget_original", "330100000"),
    ("beetala.tekninen_lautakunta", "toimintatuotot", 2025, "budget", "331905000"),
    ("beetala.tekninen_lautakunta", "toimintatuotot", 2025, "actual", "337956300"),
    ("beetala.tekninen_lautakunta", "toimintatuotot", 2024, "actual", "331512400"),
    # `josta sisäiset` details the line above it: named after it, never a term.
    ("beetala.tekninen_lautakunta", "operating.toimintatuotot_josta_sisaiset", 2025, "actual", "12480000"),
    ("beetala.tekninen_lautakunta", "operating.toimintakulut_josta_sisaiset", 2025, "budget", "-8100000"),
    # t€ in the unit cell: Tilinp. | TA | Ta-muut. | Ta + | Tot.
    ("ceela.rakennuslautakunta", "toimintakulut", 2025, "budget_original", "-5000000"),
    ("ceela.rakennuslautakunta", "toimintakulut", 2025, "budget_change", "-250000"),
    ("ceela.rakennuslautakunta", "toimintakulut", 2025, "budget", "-5250000"),
    ("ceela.rakennuslautakunta", "toimintakulut", 2025, "actual", "-5301000"),
    # milj. €, two decimals, the Unicode minus: the whole city.
    ("deela", "toimintakulut", 2025, "budget", "-1215550000"),
    ("deela", "toimintakulut", 2025, "actual", "-1210440000"),
    ("deela", "verotulot", 2025, "budget_change", "5500000"),
    ("deela", "toimintakate", 2024, "actual", "-574120000"),
    # Swedish: Budget 2025 | Budgetändringar | Budget efter ändringar | Utfall 2025.
    ("eela.bildningsnamnden", "toimintakulut", 2025, "budget_original", "-14400000"),
    ("eela.bildningsnamnden", "toimintakulut", 2025, "budget_change", "-300000"),
    ("eela.bildningsnamnden", "toimintakate", 2025, "actual", "-12808393"),
    # The whole city's income statement in thousands, the Treasury's words, years on line 2.
    ("feela", "verotulot", 2025, "actual", "147212000"),
    ("feela", "vuosikate", 2025, "budget", "25100000"),
    ("feela", "palkat_ja_palkkiot", 2024, "actual", "-61230000"),
    ("feela", "tilikauden_ylijaama_alijaama", 2025, "actual", "14089000"),
    # Ed.TA: the budget of the year before; Raami and the partial year kept, not figures.
    ("geela.kaupunginhallitus", "toimintakate", 2024, "budget", "-4100000"),
    ("geela.kaupunginhallitus", "toimintakate", 2025, "budget", "-4250000"),
    ("geela.kaupunginhallitus", "toimintakate", 2025, "actual", "-4180512"),
    # The heading two levels up says (1 000 €): both tables of the section under it, the second
    # below a caption of its own that names no unit.
    ("heela.sivistyslautakunta", "toimintakate", 2025, "actual", "-57727200"),
    ("heela.sivistyslautakunta", "toimintakulut", 2024, "actual", "-61530800"),
    ("heela.sivistyslautakunta", "myyntituotot", 2025, "budget", "1000000"),
    ("heela.sivistyslautakunta", "tuet_ja_avustukset", 2025, "actual", "3300000"),
    # Lines the curated chart does not know among a subtotal's terms: the total printed after its
    # terms (and in a summary table before them), and the total printed before its terms.
    ("iivala.tekninen_lautakunta", "toimintatuotot", 2025, "actual", "2498750"),
    ("iivala.tekninen_lautakunta", "operating.vuokratuotot", 2025, "actual", "640200"),
    ("iivala.tekninen_lautakunta", "operating.vuokrat", 2024, "actual", "-1170000"),
    ("iivala.vapaa_aikalautakunta", "operating.paasymaksut", 2025, "budget", "300000"),
    ("iivala.vapaa_aikalautakunta", "toimintakulut", 2025, "actual", "-3050800"),
    # Ulkoiset and Sisäiset printed under Toimintatuotot and again under Toimintakulut: four lines.
    ("iivala.ymparistolautakunta", "operating.toimintatuotot_ulkoiset", 2025, "actual", "2150000"),
    ("iivala.ymparistolautakunta", "operating.toimintakulut_ulkoiset", 2025, "actual", "-6100000"),
    ("iivala.ymparistolautakunta", "operating.toimintakulut_sisaiset", 2024, "actual", "-1000000"),
    ("iivala.ymparistolautakunta", "operating.toimintatuotot_sisaiset", 2025, "budget", "520000"),
    # The same printed before their totals: the first two add up to Toimintatuotot, printed after
    # them, the next two to Toimintakulut; no line is printed before the first.
    ("iivala.rakennuslautakunta", "operating.toimintatuotot_ulkoiset", 2025, "actual", "1352000"),
    ("iivala.rakennuslautakunta", "operating.toimintatuotot_sisaiset", 2024, "actual", "310000"),
    ("iivala.rakennuslautakunta", "operating.toimintakulut_ulkoiset", 2025, "actual", "-4912500"),
    ("iivala.rakennuslautakunta", "operating.toimintakulut_sisaiset", 2025, "budget", "-640000"),
    # Toimintakate with a numbered footnote marker, "Toimintakate 1)".
    ("iivala.vapaa_aikalautakunta", "toimintakate", 2025, "actual", "-2205500"),
]


@pytest.mark.parametrize(("unit", "line_item", "year", "scenario", "euros"), FIGURES)
def test_fixture_figure_in_euros(
    family: duckdb.DuckDBPyConnection, unit: str, line_item: str, year: int, scenario: str, euros: str
) -> None:
    rows = family.execute(
        "select amount_eur from fact_budget where unit_id = ? and line_item_id = ? and fiscal_year = ? "
        "and scenario = ?",
        [unit, line_item, year, scenario],
    ).fetchall()
    assert rows == [(Decimal(euros),)]


def test_a_phase_not_printed_is_not_invented(family: duckdb.DuckDBPyConnection) -> None:
    scenarios = dict(
        family.execute(
            "select split_part(unit_id, '.', 1), string_agg(distinct scenario, ',' order by scenario) "
            "from fact_budget where fiscal_year = 2025 group by 1"
        ).fetchall()
    )
    assert scenarios == {
        "aavala": "actual,budget,budget_change,budget_original",
        "beetala": "actual,budget,budget_original",
        "ceela": "actual,budget,budget_change,budget_original",
        "deela": "actual,budget,budget_change,budget_original",
        "eela": "actual,budget,budget_change,budget_original",
        "feela": "actual,budget",
        "geela": "actual,budget",
        "heela": "actual,budget",
        "iivala": "actual,budget",
        "jeela": "actual,budget",
    }


def test_a_total_printed_with_its_total_word_is_its_line(family: duckdb.DuckDBPyConnection) -> None:
    # Heela prints Toimintatuotot in its summary and "Toimintatuotot yhteensä" under its terms.
    printed = family.execute(
        "select print_count from fact_budget where unit_id = 'heela.sivistyslautakunta' "
        "and line_item_id = 'toimintatuotot' and fiscal_year = 2025 and scenario = 'actual'"
    ).fetchall()
    assert printed == [(2,)]
    assert family.execute("select count(*) from dim_line_item where line_item_id like '%yhteensa%'").fetchall() == [
        (0,)
    ]


def test_uncurated_lines_are_terms_where_they_make_up_a_subtotal(family: duckdb.DuckDBPyConnection) -> None:
    # Read by hand: Vuokratuotot among Toimintatuotot's lines, Vuokrat among Toimintakulut's
    # (totals after their terms); Pääsymaksut and Kuljetukset under totals printed first; and
    # Rakennuslautakunta's Ulkoiset and Sisäiset, none of whose totals' terms is curated, above
    # Toimintatuotot and again above Toimintakulut.
    rows = family.execute(
        "select unit_id, line_item_id, computed_value, computed_from from rpt_reconciliation "
        "where check_name = 'subtotal' and unit_id like 'iivala.%' and fiscal_year = 2025 "
        "and scenario = 'actual' and line_item_id <> 'toimintakate' order by all"
    ).fetchall()
    assert rows == [
        (
            "iivala.rakennuslautakunta",
            "toimintakulut",
            Decimal("-5565300"),
            "operating.toimintakulut_ulkoiset + operating.toimintakulut_sisaiset",
        ),
        (
            "iivala.rakennuslautakunta",
            "toimintatuotot",
            Decimal("1657600"),
            "operating.toimintatuotot_ulkoiset + operating.toimintatuotot_sisaiset",
        ),
        (
            "iivala.tekninen_lautakunta",
            "toimintakulut",
            Decimal("-9256100"),
            "henkilostokulut + palvelujen_ostot + muut_toimintakulut + operating.vuokrat",
        ),
        (
            "iivala.tekninen_lautakunta",
            "toimintatuotot",
            Decimal("2498750"),
            "myyntituotot + maksutuotot + operating.vuokratuotot",
        ),
        (
            "iivala.vapaa_aikalautakunta",
            "toimintakulut",
            Decimal("-3050800"),
            "henkilostokulut + palvelujen_ostot + operating.kuljetukset",
        ),
        ("iivala.vapaa_aikalautakunta", "toimintatuotot", Decimal("845300"), "myyntituotot + operating.paasymaksut"),
    ]


def test_the_uncurated_lines_warning_says_where_each_is_printed(family: duckdb.DuckDBPyConnection) -> None:
    rows = family.execute(
        "select line_item_name, first_printed_at, printings from audit.warn_uncurated_line_items order by all"
    ).fetchall()
    assert rows == [
        ("Kuljetukset", "uncurated_terms_before.txt:12", 1),
        ("Pääsymaksut", "uncurated_terms_before.txt:8", 1),
        # Each of these four lines printed by Ympäristölautakunta and again by Rakennuslautakunta.
        ("Sisäiset", "uncurated_sub_rows.txt:11", 2),
        ("Sisäiset", "uncurated_sub_rows.txt:8", 2),
        ("Ulkoiset", "uncurated_sub_rows.txt:10", 2),
        ("Ulkoiset", "uncurated_sub_rows.txt:7", 2),
        ("Vuokrat", "uncurated_terms_after.txt:19", 1),
        ("Vuokratuotot", "uncurated_terms_after.txt:14", 1),
        # Beetala's lines that detail Toimintatuotot and Toimintakulut.
        ("josta sisäiset", "thousands_actual_minus_budget.txt:11", 1),
        ("josta sisäiset", "thousands_actual_minus_budget.txt:9", 1),
    ]


# Each printed line of the two layouts of Ulkoiset and Sisäiset, read by hand: each is named after
# the line its block adds up to, the total printed before them (Ympäristölautakunta) or after
# them (Rakennuslautakunta).
REPEATED_LABEL_LINES = {
    "uncurated_sub_rows.txt": [
        ("Toimintatuotot", "toimintatuotot"),
        ("Ulkoiset", "operating.toimintatuotot_ulkoiset"),
        ("Sisäiset", "operating.toimintatuotot_sisaiset"),
        ("Toimintakulut", "toimintakulut"),
        ("Ulkoiset", "operating.toimintakulut_ulkoiset"),
        ("Sisäiset", "operating.toimintakulut_sisaiset"),
        ("Toimintakate", "toimintakate"),
    ],
    "uncurated_sub_rows_after.txt": [
        ("Ulkoiset", "operating.toimintatuotot_ulkoiset"),
        ("Sisäiset", "operating.toimintatuotot_sisaiset"),
        ("Toimintatuotot", "toimintatuotot"),
        ("Ulkoiset", "operating.toimintakulut_ulkoiset"),
        ("Sisäiset", "operating.toimintakulut_sisaiset"),
        ("Toimintakulut", "toimintakulut"),
        ("Toimintakate", "toimintakate"),
    ],
}


@pytest.mark.parametrize("name", sorted(REPEATED_LABEL_LINES))
def test_a_repeated_uncurated_label_is_named_after_the_line_it_adds_up_to(
    family: duckdb.DuckDBPyConnection, name: str
) -> None:
    rows = family.execute(
        "select row_label, line_item_id from work.intermediate.int_budget_rows__resolved where source_file = ? "
        "order by source_line",
        [name],
    ).fetchall()
    assert rows == REPEATED_LABEL_LINES[name]


def test_project_funding_is_read_at_the_scale_its_column_names(family: duckdb.DuckDBPyConnection) -> None:
    # Heela's projects table: Kokonaisrahoitus (1 000 €), 120,5 and 80,0, Yhteensä 200,5.
    rows = family.execute(
        "select project_name, total_funding_eur, external_funding_eur from fact_project "
        "where source_file = 'heading_thousands_sections.txt' order by source_line"
    ).fetchall()
    assert rows == [
        ("Lukutaitohanke", Decimal("120500"), Decimal("96400")),
        ("Liikkuva koulu", Decimal("80000"), Decimal("72000")),
    ]
    # Their funders, each curated: Opetushallitus, and a ministry as Finnish writes it, in lower case.
    funders = family.execute(
        "select project_name, printed_name, funder_id, is_curated, funding_eur from fact_project_funder "
        "inner join fact_project using (project_id) where fact_project.source_file = 'heading_thousands_sections.txt' "
        "order by fact_project.source_line"
    ).fetchall()
    assert funders == [
        ("Lukutaitohanke", "Opetushallitus", "oph", True, Decimal("96400")),
        ("Liikkuva koulu", "opetus- ja kulttuuriministeriö", "okm", True, Decimal("72000")),
    ]
    # Three figures printed to a tenth of a thousand: each within 50 €.
    check = family.execute(
        "select expected_value, computed_value, tolerance, status from rpt_reconciliation "
        "where check_name = 'project_total' and source_file = 'heading_thousands_sections.txt'"
    ).fetchall()
    assert check == [(Decimal("200500"), Decimal("200500"), Decimal("150"), "ok")]


def test_a_swedish_board_is_a_board(family: duckdb.DuckDBPyConnection) -> None:
    # Eela's Bildningsnämnden: "nämnd" is the level word of a board.
    level = family.execute("select unit_level from dim_unit where unit_id = 'eela.bildningsnamnden'").fetchall()
    assert level == [("board",)]


def test_every_check_is_ok(family: duckdb.DuckDBPyConnection) -> None:
    statuses = dict(family.execute("select status, count(*) from rpt_reconciliation group by all").fetchall())
    assert set(statuses) == {"ok"}, statuses
    checks = {row[0] for row in family.execute("select distinct check_name from rpt_reconciliation").fetchall()}
    assert {"subtotal", "printed_variance", "printed_execution_pct", "budget_revision"} <= checks


def test_tolerances_follow_the_printed_scale_and_decimals(family: duckdb.DuckDBPyConnection) -> None:
    # Beetala prints thousands with one decimal: each figure is within 50 €, a variance's three
    # figures within 150 €.
    row = family.execute(
        "select tolerance from rpt_reconciliation where check_name = 'printed_variance' "
        "and unit_id = 'beetala.tekninen_lautakunta' and line_item_id = 'toimintatuotot'"
    ).fetchone()
    assert row == (Decimal(150),)
    # Ceela's whole thousands: original + change against the budget in force, 1 500 €.
    row = family.execute(
        "select tolerance from rpt_reconciliation where check_name = 'budget_revision' "
        "and unit_id = 'ceela.rakennuslautakunta' and line_item_id = 'toimintakulut'"
    ).fetchone()
    assert row == (Decimal(1500),)


def test_budget_vs_actual_compares_original_budget_in_force_and_actual(family: duckdb.DuckDBPyConnection) -> None:
    row = family.execute(
        """
        select budget_original_eur, budget_change_eur, budget_eur, actual_eur, prior_year_actual_eur,
            variance_eur, execution_pct, printed_variance_eur, variance_convention, printed_execution_pct
        from rpt_budget_vs_actual
        where unit_id = 'beetala.tekninen_lautakunta' and line_item_id = 'toimintakate'
        """
    ).fetchone()
    assert row == (
        Decimal("-190200000"),
        None,
        Decimal("-192195000"),
        Decimal("-181919900"),
        Decimal("-180492300"),
        Decimal("-10275100"),
        Decimal("94.65"),
        Decimal("10275100"),
        "actual_minus_budget",
        Decimal("94.7"),
    )


def test_an_investment_table_naming_its_unit_alone_loads_as_its_total(family: duckdb.DuckDBPyConnection) -> None:
    # Heela's Investoinnit (1 000 €): Sivistyslautakunta, no asset class; Menot -1 180,5 and
    # Tulot 120,0 make Netto -1 060,5 (thousands) in 2025.
    rows = family.execute(
        "select investment_category, line_item_id, amount_eur from fact_budget where unit_id = "
        "'heela.sivistyslautakunta' and statement = 'investment' and fiscal_year = 2025 and scenario = 'actual' "
        "order by line_item_id"
    ).fetchall()
    assert rows == [
        ("Yhteensä", "menot", Decimal("-1180500")),
        ("Yhteensä", "netto", Decimal("-1060500")),
        ("Yhteensä", "tulot", Decimal("120000")),
    ]
    netto = family.execute(
        "select count(*), min(status), max(status) from rpt_reconciliation where check_name = 'subtotal' "
        "and unit_id = 'heela.sivistyslautakunta' and statement = 'investment'"
    ).fetchone()
    assert netto == (3, "ok", "ok")


def test_the_citys_investment_statement_loads_each_asset_class(family: duckdb.DuckDBPyConnection) -> None:
    # Feela's Investointiosan toteutuminen (1 000 €), labelled Investoinnit: the whole city's,
    # as the report prints the city's income statement and no unit's table. Read by hand, the
    # 2025 actual column: four classes of Menot, their total, the investment part's two lines of
    # Tulot (Rahoitusosuudet investointimenoihin, Pysyvien vastaavien myyntitulot), their total,
    # Nettoinvestoinnit.
    rows = family.execute(
        "select investment_category, line_item_id, amount_eur from fact_budget where unit_id = 'feela' "
        "and statement = 'investment' and fiscal_year = 2025 and scenario = 'actual' order by source_line"
    ).fetchall()
    assert rows == [
        ("Aineettomat hyödykkeet", "menot", Decimal("-352000")),
        ("Talonrakennus", "menot", Decimal("-10674000")),
        ("Kunnallistekniikka", "menot", Decimal("-6811000")),
        ("Irtain omaisuus", "menot", Decimal("-1388000")),
        ("Yhteensä", "menot", Decimal("-19225000")),
        ("Yhteensä", "rahoitusosuudet", Decimal("1530000")),
        ("Yhteensä", "luovutustulot", Decimal("1904000")),
        ("Yhteensä", "tulot", Decimal("3434000")),
        ("Yhteensä", "netto", Decimal("-15791000")),
    ]
    # The classes add up to Menot (three columns), within the rounding of five figures printed in
    # whole thousands; Tulot to its two lines and Netto to Menot + Tulot, within that of three.
    checks = family.execute(
        "select check_name, line_item_id, count(*), max(tolerance), min(status), max(status) from rpt_reconciliation "
        "where unit_id = 'feela' and statement = 'investment' and check_name in ('investment_classes', 'subtotal') "
        "group by all order by all"
    ).fetchall()
    assert checks == [
        ("investment_classes", "menot", 3, Decimal("2500"), "ok", "ok"),
        ("subtotal", "netto", 3, Decimal("1500"), "ok", "ok"),
        ("subtotal", "tulot", 3, Decimal("1500"), "ok", "ok"),
    ]


def test_a_swedish_projects_table_loads_with_its_funders(family: duckdb.DuckDBPyConnection) -> None:
    # Eela's Projekt table, read by hand: 45 000 € at 20 % and 30 000 € at 40 % from the city,
    # Totalt 75 000 €; Utbildningsstyrelsen is OPH, Europeiska regionala utvecklingsfonden EAKR.
    projects = family.execute(
        "select project_name, total_funding_eur, city_share_pct, external_funding_eur, spend_pct, status_text, "
        "funding_text from fact_project where source_file = 'bokslut_sv.txt' order by source_line"
    ).fetchall()
    assert projects == [
        (
            "Läsfrämjande skola",
            Decimal("45000"),
            Decimal("20"),
            Decimal("36000"),
            Decimal("55"),
            "Pågående.",
            "Projektet finansieras av Utbildningsstyrelsen.",
        ),
        (
            "Byaskolans gård",
            Decimal("30000"),
            Decimal("40"),
            Decimal("18000"),
            Decimal("100"),
            "Avslutat.",
            "Gården förnyas med stöd från Europeiska regionala utvecklingsfonden.",
        ),
    ]
    funders = family.execute(
        "select printed_name, funder_id, is_curated, funding_eur from fact_project_funder "
        "inner join fact_project using (project_id) where fact_project.source_file = 'bokslut_sv.txt' order by all"
    ).fetchall()
    assert funders == [
        ("Europeiska regionala utvecklingsfonden", "eakr", True, Decimal("18000")),
        ("Utbildningsstyrelsen", "oph", True, Decimal("36000")),
    ]
    total = family.execute(
        "select expected_value, computed_value, status from rpt_reconciliation "
        "where check_name = 'project_total' and source_file = 'bokslut_sv.txt'"
    ).fetchall()
    assert total == [(Decimal("75000"), Decimal("75000"), "ok")]


def test_other_columns_are_kept_with_their_headers(family: duckdb.DuckDBPyConnection) -> None:
    row = family.execute(
        "select other_columns from work.staging.stg_reports__budget_rows where source_file = 'other_columns.txt' "
        "and row_label = 'Toimintatuotot'"
    ).fetchone()
    assert row == ("Raami: 400 000 | Ero raamiin: 20 000 | Tot. 09/2024: 301 118 | Muutos %: 2,68",)


def make_tampered(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """One tamper per new check, each in another fixture: the failed build and what it printed."""
    texts = {
        # budget_revision: Deela's change to its tax revenue printed 0,10 milj. € too high (no
        # total of that column is printed in the table, so no subtotal sees it).
        "millions_budjetti_plus.txt": replace_once(
            fixture_text("millions_budjetti_plus.txt"),
            "Verotulot\t412,35\t420,00\t5,50\t",
            "Verotulot\t412,35\t420,00\t5,60\t",
        ),
        # printed_variance by the detected convention (actual - budget): one variance 1 000 € off.
        # And Beetala's thousands no longer stated (the line above the table says something
        # else): the table reads as euros printed with one decimal, which a warning names.
        "thousands_actual_minus_budget.txt": replace_once(
            replace_once(fixture_text("thousands_actual_minus_budget.txt"), "\t4 223,8\t", "\t4 224,8\t"),
            "Luvut tuhansina euroina",
            "Luvut ovat tilinpäätöksen mukaisia.",
        ),
        # cost_sign: Geela's costs printed without their minus signs, a layout read by its
        # signs: Toimintakate still adds up (as revenue - costs), and the check warns.
        "other_columns.txt": replace_once(
            fixture_text("other_columns.txt"),
            "Toimintakulut\t-4 510 000\t-4 670 000\t-4 700 000\t30 000\t-4 611 762\t-3 321 232\t",
            "Toimintakulut\t4 510 000\t4 670 000\t4 700 000\t30 000\t4 611 762\t3 321 232\t",
        ),
        # repeated_printing of a total printed with its total word: Heela's "Toimintatuotot
        # yhteensä" 10 000 € more than its first printing, the summary line (its variance and
        # execution % printed to agree). Read as a line of its own, it was checked by nothing.
        # And project_total in thousands: Liikkuva koulu 200 € more than Yhteensä leaves room
        # for (three figures printed to a tenth of a thousand: 150 €).
        "heading_thousands_sections.txt": replace_once(
            replace_once(
                fixture_text("heading_thousands_sections.txt"),
                "<b>4 388,2</b>\t<b>288,2</b>\t<b>107,0</b>",
                "<b>4 398,2</b>\t<b>298,2</b>\t<b>107,3</b>",
            ),
            "\t80,0\t",
            "\t80,2\t",
        ),
        # subtotal with a line the curated chart does not know among its terms: Iivala's
        # Vuokratuotot 10 000 € more than Toimintatuotot leaves room for (its variance and
        # execution % printed to agree). Counted as no term, the untampered fixture failed too.
        "uncurated_terms_after.txt": replace_once(
            fixture_text("uncurated_terms_after.txt"),
            "Vuokratuotot\t683 000\t600 000\t640 200\t40 200\t106,70",
            "Vuokratuotot\t683 000\t600 000\t650 200\t50 200\t108,37",
        ),
        # risk_score: Iivala's Vapaa-aikalautakunta prints 5 as the score of a risk it judges
        # 2 times 3, exactly 6: the printed score disagrees with its judgements.
        "uncurated_terms_before.txt": replace_once(
            fixture_text("uncurated_terms_before.txt"),
            "Ohjaajien saatavuus heikkenee.\t2\t3\t6\t",
            "Ohjaajien saatavuus heikkenee.\t2\t3\t5\t",
        ),
        # investment_classes: Feela's Talonrakennus 10 000 € more than Investointimenot
        # yhteensä leaves room for (its variance printed to agree).
        "income_statement_treasury_words.txt": replace_once(
            fixture_text("income_statement_treasury_words.txt"),
            "Talonrakennus\t-9 850\t-11 200\t-10 674\t-526",
            "Talonrakennus\t-9 850\t-11 200\t-10 684\t-516",
        ),
        # A run of repeated uncurated lines that adds up to neither curated line beside it:
        # Rakennuslautakunta's second Ulkoiset (costs) 10 000 € more than Toimintakulut, printed after it,
        # leaves room for (its variance and execution % printed to agree).
        "uncurated_sub_rows_after.txt": replace_once(
            fixture_text("uncurated_sub_rows_after.txt"),
            "Ulkoiset\t-4 870 000\t-5 000 000\t-4 912 500\t87 500\t98,25",
            "Ulkoiset\t-4 870 000\t-5 000 000\t-4 922 500\t77 500\t98,45",
        ),
        # A subtotal whose figures were all lost, leaving dashes: Ceela's Toimintakate read as
        # nil, exact (no printed precision, so no rounding), fails against its terms.
        "tilinp_ta_plus_teur.txt": replace_once(
            fixture_text("tilinp_ta_plus_teur.txt"),
            "Toimintakate\t-2 710\t-2 700\t-150\t-2 850\t-2 786\t97,8\t",
            "Toimintakate\t-\t-\t-\t-\t-\t-\t",
        ),
        # A figure whose digits were lost, leaving a dash: Aavala's Toimintatuotot 2025 actual
        # (1.262.805) read as nil, zero, fails every check that covers it.
        "dots_ta_muutokset.txt": replace_once(
            fixture_text("dots_ta_muutokset.txt"), "\t1.200.000\t1.262.805\t", "\t1.200.000\t-\t"
        ),
    }
    database, result = build(_reports(workdir / "reports", texts), workdir, expect_ok=False, base=environ)
    return database, result.stdout + result.stderr


PREBUILDS: dict[str, Make] = {"family": make_family, "tampered": make_tampered}


@pytest.fixture(scope="module")
def tampered(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    built: tuple[Path, str] = prebuilds.take(make_tampered)
    database, output = built
    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    return con, output


def test_each_tamper_fails_exactly_its_check(tampered: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, output = tampered
    failing = con.execute(
        "select check_name, unit_id, line_item_id from rpt_reconciliation where status = 'fail' order by all"
    ).fetchall()
    assert failing == [
        ("budget_revision", "deela", "verotulot"),
        ("investment_classes", "feela", "menot"),
        # Aavala's Toimintatuotot actual lost to a dash, read as zero: 0 / 1 200 000 is not the
        # printed 105,23 %, 1 200 000 - 0 not the printed -62 805, and Toimintakate's actual no
        # longer adds up.
        ("printed_execution_pct", "aavala.ymparistolautakunta", "toimintatuotot"),
        ("printed_variance", "aavala.ymparistolautakunta", "toimintatuotot"),
        ("printed_variance", "beetala.tekninen_lautakunta", "toimintakulut"),
        ("project_total", "heela.sivistyslautakunta", None),
        ("repeated_printing", "heela.sivistyslautakunta", "toimintatuotot"),
        # Rakennuslautakunta's two cost lines named after Toimintatuotot: three figures of each.
        *[("repeated_printing", "iivala.rakennuslautakunta", "operating.toimintatuotot_sisaiset")] * 3,
        *[("repeated_printing", "iivala.rakennuslautakunta", "operating.toimintatuotot_ulkoiset")] * 3,
        # Iivala's Vapaa-aikalautakunta's risk printed with the score 5, judged 2 times 3.
        ("risk_score", "iivala.vapaa_aikalautakunta", None),
        ("subtotal", "aavala.ymparistolautakunta", "toimintakate"),
        # Ceela's Toimintakate printed as dashes: nil in each of its five figures, exact, against
        # terms that add up to -2 710, -2 700, -150, -2 850 and -2 786 thousand.
        *[("subtotal", "ceela.rakennuslautakunta", "toimintakate")] * 5,
        ("subtotal", "iivala.tekninen_lautakunta", "toimintatuotot"),
    ]
    assert "budget_revision FAIL: deela · verotulot · 2025" in output
    assert "investment_classes FAIL: feela · menot · 2025 actual · Yhteensä" in output
    assert "printed_variance FAIL: beetala.tekninen_lautakunta · toimintakulut · 2025" in output
    assert "printed_variance FAIL: aavala.ymparistolautakunta · toimintatuotot · 2025" in output
    assert "at dots_ta_muutokset.txt:6 - the difference exceeds" in output  # the dash's line
    (risk_message,) = con.execute(
        "select message from rpt_reconciliation where check_name = 'risk_score' and status = 'fail'"
    ).fetchone() or ("",)
    assert risk_message.startswith(
        "risk_score FAIL: iivala.vapaa_aikalautakunta · risk_score · 2025: printed 5, computed 6"
    )
    assert "… 11 more failing" in output  # the first 10 of the 21 are listed


def test_a_run_adding_up_to_neither_line_beside_it_is_named_after_the_line_before(
    tampered: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = tampered
    rows = con.execute(
        "select check_name, line_item_id, fiscal_year, scenario, source_line, status from rpt_reconciliation "
        "where unit_id = 'iivala.rakennuslautakunta' and status <> 'ok' order by all"
    ).fetchall()
    # Lines 9 and 10 are named after Toimintatuotot, printed before them, as its terms would be:
    # the same lines as 6 and 7, printed again with other figures (each column differs), so the
    # repeated-printing check fails on each; Toimintakulut's terms, all uncurated, warn.
    assert rows == [
        ("repeated_printing", "operating.toimintatuotot_sisaiset", 2024, "actual", 10, "fail"),
        ("repeated_printing", "operating.toimintatuotot_sisaiset", 2025, "actual", 10, "fail"),
        ("repeated_printing", "operating.toimintatuotot_sisaiset", 2025, "budget", 10, "fail"),
        ("repeated_printing", "operating.toimintatuotot_ulkoiset", 2024, "actual", 9, "fail"),
        ("repeated_printing", "operating.toimintatuotot_ulkoiset", 2025, "actual", 9, "fail"),
        ("repeated_printing", "operating.toimintatuotot_ulkoiset", 2025, "budget", 9, "fail"),
        ("subtotal", "toimintakulut", 2025, "actual", 11, "warn"),
    ]


def test_a_euro_table_printed_with_one_decimal_is_named(
    tampered: tuple[duckdb.DuckDBPyConnection, str], family: duckdb.DuckDBPyConnection
) -> None:
    con, _ = tampered
    # Beetala's table (header at line 7, five rows), its thousands unstated in the tamper.
    rows = con.execute("select printed_at, unit_id, row_count from audit.warn_euro_tables_with_one_decimal").fetchall()
    assert rows == [("thousands_actual_minus_budget.txt:7", "beetala.tekninen_lautakunta", 5)]
    assert family.execute("select count(*) from audit.warn_euro_tables_with_one_decimal").fetchone() == (0,)
    # Nor do two of its units print the same figures (a unit with one child prints its child's).
    assert family.execute("select count(*) from audit.warn_units_printing_the_same_figures").fetchone() == (0,)


def test_costs_printed_without_a_minus_sign_are_named(tampered: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    con, output = tampered
    # Geela's Toimintakulut at line 7, printed positive in the tamper: Ed.TA 4 510 000 (2024
    # budget) comes first; TA 2025 and Toteuma 2025 are its other two cost figures.
    rows = con.execute(
        "select source_file, source_line, line_item_id, fiscal_year, scenario, expected_value, computed_value, "
        "status from rpt_reconciliation where check_name = 'cost_sign' and status != 'ok'"
    ).fetchall()
    assert rows == [
        ("other_columns.txt", 7, "toimintakulut", 2024, "budget", Decimal("4510000"), Decimal("-4510000"), "warn")
    ]
    assert "the table at other_columns.txt:5 prints none of its 3 cost figures with a minus sign" in output
    # Its Toimintakate (line 8) adds up by its signs in each of the three years: Toimintatuotot
    # less the costs it prints positive.
    subtotals = con.execute(
        "select status, computed_from from rpt_reconciliation where check_name = 'subtotal' "
        "and source_file = 'other_columns.txt' and source_line = 8"
    ).fetchall()
    assert subtotals == [("ok", "toimintatuotot + toimintakulut; by the table's signs: costs printed positive")] * 3


def test_every_family_layout_prints_its_costs_negative(family: duckdb.DuckDBPyConnection) -> None:
    # Each table with costs is checked once, at its first negative cost (a refund aside).
    rows = family.execute(
        "select status, count(*), count(distinct source_file), max(expected_value) from rpt_reconciliation "
        "where check_name = 'cost_sign' group by status"
    ).fetchall()
    assert [(status, files) for status, _, files, _ in rows] == [("ok", len(MUNICIPALITIES))]
    assert rows[0][3] < 0


def test_classes_under_menot_above_and_the_lines_of_tulot_below_are_each_of_their_line(
    family: duckdb.DuckDBPyConnection,
) -> None:
    # Jeela's Investointiosan toteutuminen (1 000 €) prints Investointimenot yhteensä above its
    # classes and Investointitulot yhteensä below its own lines: the four classes lie between
    # Menot and Rahoitusosuudet investointimenoihin, the first of Tulot's lines. Read by hand:
    # they add up to Menot in every column (in 2024 -8 401 against -8 400, within the rounding
    # of five figures printed in whole thousands); Tulot's lines are the chart's.
    rows = family.execute(
        "select investment_category, line_item_id, amount_eur from fact_budget where unit_id = 'jeela' "
        "and statement = 'investment' and fiscal_year = 2025 and scenario = 'actual' order by source_line"
    ).fetchall()
    assert rows == [
        ("Yhteensä", "menot", Decimal("-8650000")),
        ("Aineettomat hyödykkeet", "menot", Decimal("-180000")),
        ("Talonrakennus", "menot", Decimal("-5320000")),
        ("Kunnallistekniikka", "menot", Decimal("-2450000")),
        ("Irtain omaisuus", "menot", Decimal("-700000")),
        ("Yhteensä", "rahoitusosuudet", Decimal("950000")),
        ("Yhteensä", "luovutustulot", Decimal("250000")),
        ("Yhteensä", "tulot", Decimal("1200000")),
        ("Yhteensä", "netto", Decimal("-7450000")),
    ]
    checks = family.execute(
        "select line_item_id, fiscal_year, scenario, expected_value, computed_value, tolerance, status, "
        "computed_from from rpt_reconciliation where unit_id = 'jeela' and check_name = 'investment_classes' "
        "order by all"
    ).fetchall()
    menot = "Aineettomat hyödykkeet + Talonrakennus + Kunnallistekniikka + Irtain omaisuus"
    assert checks == [
        ("menot", 2024, "actual", Decimal("-8400000"), Decimal("-8401000"), Decimal("2500"), "ok", menot),
        ("menot", 2025, "actual", Decimal("-8650000"), Decimal("-8650000"), Decimal("2500"), "ok", menot),
        ("menot", 2025, "budget", Decimal("-9000000"), Decimal("-9000000"), Decimal("2500"), "ok", menot),
    ]
    # Tulot against its two lines: 600 + 300, 950 + 250, 800 + 400 (1 000 €).
    tulot = family.execute(
        "select fiscal_year, scenario, expected_value, computed_value, status, computed_from from rpt_reconciliation "
        "where unit_id = 'jeela' and check_name = 'subtotal' and line_item_id = 'tulot' order by all"
    ).fetchall()
    terms = "rahoitusosuudet + luovutustulot"
    assert tulot == [
        (2024, "actual", Decimal("900000"), Decimal("900000"), "ok", terms),
        (2025, "actual", Decimal("1200000"), Decimal("1200000"), "ok", terms),
        (2025, "budget", Decimal("1200000"), Decimal("1200000"), "ok", terms),
    ]


def test_an_unreadable_budget_header_stops_the_build(tmp_path: Path) -> None:
    texts = {
        "tilinp_ta_plus_teur.txt": fixture_text("tilinp_ta_plus_teur.txt").replace("\tTa-muut.\t", "\tTa-siirto\t")
    }
    shutil.rmtree(tmp_path / "reports", ignore_errors=True)
    _, result = build(_reports(tmp_path / "reports", texts), tmp_path, expect_ok=False)
    assert "tilinp_ta_plus_teur.txt:5: unexpected column 'Ta-siirto'" in result.stdout + result.stderr


def test_a_goal_first_goals_table_and_a_scaled_risk_table_load(family: duckdb.DuckDBPyConnection) -> None:
    # Iivala's Vapaa-aikalautakunta (uncurated_terms_before.txt, lines 21-32), read by hand:
    # the goals under Tavoite | Mittari | Tavoitetaso 2025 | Toteutuma 2025 | Arvio, the risks
    # under Riski | Todennäköisyys (1-5) | Vaikutus (1-5) | Riskiluku | Hallintakeinot, no risk
    # class printed.
    goals = family.execute(
        "select unit_id, goal_level, goal, measure, target_level, outcome, status_raw, goal_status_id, status_name "
        "from fact_goal left join dim_goal_status using (goal_status_id) "
        "where source_file = 'uncurated_terms_before.txt' order by source_line"
    ).fetchall()
    unit = "iivala.vapaa_aikalautakunta"
    assert goals == [
        (
            unit,
            "operational",
            "Liikuntapaikkojen käyttö lisääntyy.",
            "Käyntejä / asukas",
            "Vähintään 12",
            "Käyntejä oli 12,4.",
            "Toteutui",
            "achieved",
            "Toteutuu",
        ),
        (
            unit,
            "operational",
            "Kulttuuritarjonta monipuolistuu.",
            "Tapahtumien määrä",
            "40",
            "31",
            "Toteutui osittain",
            "partially_achieved",
            "Toteutuu osittain",
        ),
        (
            unit,
            "operational",
            "Nuorisotilojen aukioloajat laajenevat.",
            "Aukiolotunnit / viikko",
            "30",
            "24",
            "Ei toteutunut",
            "not_achieved",
            "Ei toteudu",
        ),
        (
            unit,
            "operational",
            "Asiointi verkossa helpottuu.",
            "Sähköiset palvelut",
            "5",
            "3",
            "Kesken",
            "in_progress",
            "Kesken",
        ),
        (
            unit,
            "operational",
            "Asukastyytyväisyys paranee.",
            "Kyselyn arvosana",
            "4,0",
            "Kyselyä ei tehty.",
            "Ei arvioitavissa",
            "not_assessed",
            "Ei arvioitavissa",
        ),
    ]
    risks = family.execute(
        "select unit_id, risk_class, risk, probability, significance, risk_score, mitigation, source_line "
        "from fact_risk where source_file = 'uncurated_terms_before.txt' order by source_line"
    ).fetchall()
    assert risks == [
        (unit, None, "Uimahallin korjausvelka kasvaa.", 4, 5, 20, "Korjausohjelma 2026.", 31),
        (unit, None, "Ohjaajien saatavuus heikkenee.", 2, 3, 6, "Yhteistyö järjestöjen kanssa.", 32),
    ]
    # The printed score and both judgements' scales (1-5) kept beside the computed score, and
    # each printed score checked against it: 4 times 5 is 20, 2 times 3 is 6.
    scored = family.execute(
        "select probability_scale_max, significance_scale_max, printed_risk_score, printed_risk_score_raw "
        "from fact_risk where source_file = 'uncurated_terms_before.txt' order by source_line"
    ).fetchall()
    assert scored == [(5, 5, 20, "20"), (5, 5, 6, "6")]
    checked = family.execute(
        "select unit_id, source_line, expected_value, computed_value, status from rpt_reconciliation "
        "where check_name = 'risk_score' and source_file = 'uncurated_terms_before.txt' order by source_line"
    ).fetchall()
    assert checked == [(unit, 31, 20, 20, "ok"), (unit, 32, 6, 6, "ok")]
