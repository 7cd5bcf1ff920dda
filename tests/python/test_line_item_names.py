"""Row labels of every report-family variant map to the curated line items in the warehouse.

The decree's tuotot/kulut wording, the Treasury taxonomy's tulot/menot wording, Swedish lines
and any case all reach the same line item through ``int_line_item_names``, the names that
``int_budget_rows__resolved`` matches row labels against.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from kuntatalous.tables.budget_columns import split_label
from kuntatalous.text.line_names import name_key
from kuntatalous.text.numbers import strip_markup

from .family_fixtures import FAMILY, fixture_table
from .warehouse_builds import REPO, replace_once

pytestmark = pytest.mark.e2e

# Read by hand from the fixtures: each row label and the line item it is (None: a line the
# curated chart does not know).
EXPECTED: dict[str, str | None] = {
    "Toimintatulot": "toimintatuotot",
    "Myyntitulot": "myyntituotot",
    "Maksutulot": "maksutuotot",
    "Tuet ja avustukset": "tuet_ja_avustukset",
    "Muut toimintatulot": "muut_toimintatuotot",
    "Valmistus omaan käyttöön": "valmistus_omaan_kayttoon",
    "Toimintamenot": "toimintakulut",
    "Henkilöstömenot": "henkilostokulut",
    "Palkat ja palkkiot": "palkat_ja_palkkiot",
    "Henkilösivumenot": "henkilosivukulut",
    "Palvelujen ostot": "palvelujen_ostot",
    "Aineet, tarvikkeet ja tavarat": "aineet_tarvikkeet_ja_tavarat",
    "Avustukset": "avustukset",
    "Muut toimintamenot": "muut_toimintakulut",
    "TOIMINTAKATE": "toimintakate",
    "Verotulot": "verotulot",
    "Valtionosuudet": "valtionosuudet",
    "Rahoitustulot (+) ja -menot (-)": "rahoitustuotot_ja_kulut",
    "Korkotulot": "korkotuotot",
    "Muut rahoitustulot": "muut_rahoitustuotot",
    "Korkomenot": "korkokulut",
    "Muut rahoitusmenot": "muut_rahoituskulut",
    "VUOSIKATE": "vuosikate",
    "Poistot ja arvonalentumiset": "poistot_ja_arvonalentumiset",
    "Satunnaiset erät": "satunnaiset_erat",
    "TILIKAUDEN TULOS": "tilikauden_tulos",
    "Poistoeron lisäys (-) tai vähennys (+)": "poistoeron_muutos",
    "Varausten lisäys (-) tai vähennys (+)": "varausten_muutos",
    "Rahastojen lisäys (-) tai vähennys (+)": "rahastojen_muutos",
    "TILIKAUDEN YLIJÄÄMÄ (ALIJÄÄMÄ)": "tilikauden_ylijaama_alijaama",
    "Toimintatuotot": "toimintatuotot",
    "Toimintakulut": "toimintakulut",
    "Toimintakate": "toimintakate",
    "Verksamhetens intäkter": "toimintatuotot",
    "Verksamhetens kostnader": "toimintakulut",
    "Verksamhetsbidrag": "toimintakate",
    "Myyntituotot": "myyntituotot",
    "Henkilöstökulut": "henkilostokulut",
    "Pääsymaksut": None,
    "Kuljetukset": None,
    "Ulkoiset": None,
    "Sisäiset": None,
    "josta sisäiset": None,
}


def line_item_of(
    steps: duckdb.DuckDBPyConnection, label: str, statement: str = "operating", beside: str | None = None
) -> str | None:
    """The line item ``label`` names in a table of ``statement`` that prints ``beside`` too (the
    match key of macros/normalise_name.sql, applied to the labels as printed)."""
    row = steps.execute(
        """
        select line_item_id from work.intermediate.int_line_item_names
        where statement = ? and name_key = ? and (beside_key is null or beside_key = ?)
        """,
        [statement, name_key(label), name_key(beside or "")],
    ).fetchone()
    return None if row is None else str(row[0])


def fixture_labels() -> set[str]:
    labels = set()
    for path in FAMILY.iterdir():
        for row in fixture_table(path.name).rows:
            labels.add(split_label(strip_markup(row.cells[0]))[0])
    return labels


def test_every_fixture_label_is_read_by_hand() -> None:
    assert fixture_labels() == set(EXPECTED)


@pytest.mark.parametrize(("label", "line_item_id"), sorted(EXPECTED.items()))
def test_fixture_label_maps_to_its_line_item(
    steps: duckdb.DuckDBPyConnection, label: str, line_item_id: str | None
) -> None:
    assert line_item_of(steps, label) == line_item_id


@pytest.mark.parametrize("label", ["toimintakate", "  Toimintakate ", "TOIMINTA  KATE"])
def test_case_and_spacing(steps: duckdb.DuckDBPyConnection, label: str) -> None:
    expected = None if label == "TOIMINTA  KATE" else "toimintakate"
    assert line_item_of(steps, label) == expected


def test_every_taxonomy_label_names_its_line_item(steps: duckdb.DuckDBPyConnection) -> None:
    with (REPO / "seeds" / "reference" / "ref_ktas_income_statement_labels.csv").open(encoding="utf-8") as file:
        labels = list(csv.DictReader(file))
    assert len(labels) == 28
    statements = {"tuloslaskelma": "operating", "investoinnit": "investment", "rahoituslaskelma": "financing"}
    for row in labels:
        for column in ("label_fi", "label_sv", "label_en"):
            assert line_item_of(steps, row[column], statements[row["statement"]]) == row["line_item_id"], row[column]


def test_investment_names_stay_in_their_statement(steps: duckdb.DuckDBPyConnection) -> None:
    """`Menot` in a table read as operating is no unit's Toimintakulut unless the table prints
    `Nettomenot` or `Netto` too (the Treasury's short form of a unit's operations, which a table
    of investments prints only under a heading naming investments, where it is read as one):
    alone, it may be a line of any table."""
    assert line_item_of(steps, "Menot", "investment") == "menot"
    assert line_item_of(steps, "Menot") is None
    assert line_item_of(steps, "Menot", beside="Netto") == "toimintakulut"
    assert line_item_of(steps, "Tulot", beside="Netto") == "toimintatuotot"
    assert line_item_of(steps, "Netto", beside="Menot") == "toimintakate"
    assert line_item_of(steps, "Netto", beside="Toimintamenot") == "toimintakate"
    assert line_item_of(steps, "Netto") is None
    assert line_item_of(steps, "Netto", "investment") == "netto"
    assert line_item_of(steps, "Utgifter", beside="Netto") == "toimintakulut"
    assert line_item_of(steps, "Inkomster", beside="Netto") == "toimintatuotot"
    assert line_item_of(steps, "Netto", beside="Utgifter") == "toimintakate"
    assert line_item_of(steps, "Menot", beside="Nettomenot") == "toimintakulut"
    assert line_item_of(steps, "Tulot", beside="Nettomenot") == "toimintatuotot"
    assert line_item_of(steps, "Utgifter", beside="Nettoutgifter") == "toimintakulut"
    # Nettomenot alone, costs read as printed, would be a positive Toimintakate: a surplus.
    assert line_item_of(steps, "Nettomenot") is None
    assert line_item_of(steps, "Nettomenot", beside="Menot") == "toimintakate"
    assert line_item_of(steps, "Nettomenot", "investment") == "netto"
    assert line_item_of(steps, "Nettoutgifter", "investment") == "netto"


def test_financing_names_stay_in_their_statement(steps: duckdb.DuckDBPyConnection) -> None:
    """The financing statement's lines by the names the statements and the budget's financing
    part print, in Finnish and Swedish; Vuosikate and Investointimenot are its own lines there,
    the income statement's and the investments' elsewhere."""
    assert line_item_of(steps, "Vuosikate", "financing") == "rahavirran_vuosikate"
    assert line_item_of(steps, "Vuosikate") == "vuosikate"
    assert line_item_of(steps, "Årsbidrag", "financing") == "rahavirran_vuosikate"
    assert line_item_of(steps, "Investointimenot", "financing") == "investointimenot"
    assert line_item_of(steps, "Investointimenot", "investment") == "menot"
    assert line_item_of(steps, "Rahoituksen rahavirta", "financing") == "rahoituksen_rahavirta"
    assert line_item_of(steps, "Finansieringens kassaflöde", "financing") == "rahoituksen_rahavirta"
    assert line_item_of(steps, "Vaikutus maksuvalmiuteen", "financing") == "rahavarojen_muutos"
    assert line_item_of(steps, "Förändring av likvida medel", "financing") == "rahavarojen_muutos"
    assert line_item_of(steps, "Pysyvien vastaavien luovutustulot", "financing") == "pysyvien_vastaavien_luovutustulot"
    assert line_item_of(steps, "Rahavarat 31.12.", "financing") == "rahavarat_31_12"
    assert line_item_of(steps, "Rahavarat 31.12", "financing") == "rahavarat_31_12"
    assert line_item_of(steps, "Rahoituksen rahavirta") is None


def test_the_investment_parts_income_lines_are_its_own(steps: duckdb.DuckDBPyConnection) -> None:
    """The contributions to investment expenditure and the proceeds from fixed assets are lines of
    the investment part's Tulot, in the decree's, the Treasury's and the short wording, Finnish
    and Swedish, and the financing statement's own lines there."""
    assert line_item_of(steps, "Rahoitusosuudet investointimenoihin", "investment") == "rahoitusosuudet"
    assert line_item_of(steps, "Finansieringsandelar för investeringsutgifter", "investment") == "rahoitusosuudet"
    assert line_item_of(steps, "Rahoitusosuudet", "investment") == "rahoitusosuudet"
    assert line_item_of(steps, "Finansieringsandelar", "investment") == "rahoitusosuudet"
    assert line_item_of(steps, "Pysyvien vastaavien hyödykkeiden luovutustulot", "investment") == "luovutustulot"
    assert line_item_of(steps, "Pysyvien vastaavien luovutustulot", "investment") == "luovutustulot"
    assert line_item_of(steps, "Pysyvien vastaavien myyntitulot", "investment") == "luovutustulot"
    assert line_item_of(steps, "Investointihyödykkeiden luovutustulot (brutto)", "investment") == "luovutustulot"
    swedish = "Överlåtelseinkomster av tillgångar bland bestående aktiva"
    assert line_item_of(steps, swedish, "investment") == "luovutustulot"
    assert line_item_of(steps, swedish, "financing") == "pysyvien_vastaavien_luovutustulot"
    contributions = "Rahoitusosuudet investointimenoihin"
    assert line_item_of(steps, contributions, "financing") == "rahoitusosuudet_investointimenoihin"
    assert line_item_of(steps, "Rahoitusosuudet", "financing") is None


def test_avustukset_is_tuet_ja_avustukset_only_beside_toimintatuotot(steps: duckdb.DuckDBPyConnection) -> None:
    """The Treasury's short form of Tuet ja avustukset is the cost line's name: the income line's
    only beside Toimintatuotot (Swedish Understöd and Bidrag beside Verksamhetens intäkter),
    where the row's place decides between the two (int_budget_rows__resolved)."""
    rows = steps.execute(
        """
        select name_key, beside_key, line_item_id from work.intermediate.int_line_item_names
        where statement = 'operating' and name_key in ('avustukset', 'understöd', 'bidrag') order by all
        """
    ).fetchall()
    assert rows == [
        ("avustukset", "toimintatulot", "tuet_ja_avustukset"),
        ("avustukset", "toimintatuotot", "tuet_ja_avustukset"),
        ("avustukset", None, "avustukset"),
        ("bidrag", "verksamhetens intäkter", "tuet_ja_avustukset"),
        ("bidrag", "verksamhetsintäkter", "tuet_ja_avustukset"),
        ("bidrag", None, "avustukset"),
        ("understöd", "verksamhetens intäkter", "tuet_ja_avustukset"),
        ("understöd", "verksamhetsintäkter", "tuet_ja_avustukset"),
        ("understöd", None, "avustukset"),
    ]


def test_a_dash_printed_long_and_the_surplus_printed_with_its_signs(steps: duckdb.DuckDBPyConnection) -> None:
    """As converted text prints them (an en dash for the hyphen; `(+) / (-)` after the
    surplus and the deficit): they loaded as lines the chart did not know, unchecked."""
    assert line_item_of(steps, "Rahoitustuotot ja \u2013kulut") == "rahoitustuotot_ja_kulut"
    assert line_item_of(steps, "Rahoitustuotot ja \u2014kulut") == "rahoitustuotot_ja_kulut"
    assert line_item_of(steps, "Tilikauden ylijäämä (+) / alijäämä (-)") == "tilikauden_ylijaama_alijaama"
    assert line_item_of(steps, "Tilikauden ylijäämä/alijäämä") == "tilikauden_ylijaama_alijaama"


def test_swedish_operating_costs_in_either_wording(steps: duckdb.DuckDBPyConnection) -> None:
    """The pair of the Treasury's Verksamhetsintäkter: Verksamhetskostnader, Verksamhetsutgifter."""
    assert line_item_of(steps, "Verksamhetsintäkter") == "toimintatuotot"
    assert line_item_of(steps, "Verksamhetskostnader") == "toimintakulut"
    assert line_item_of(steps, "Verksamhetsutgifter") == "toimintakulut"


@pytest.fixture
def reference_seeds() -> Iterator[Path]:
    """A copy of seeds/reference inside the project (dbt wants seed folders there)."""
    (REPO / "target").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="reference-", dir=REPO / "target"))
    shutil.copytree(REPO / "seeds" / "reference", folder, dirs_exist_ok=True)
    yield folder
    shutil.rmtree(folder)


def test_a_name_given_to_two_line_items_fails_the_build(reference_seeds: Path, tmp_path: Path) -> None:
    """Avustukset's English label tampered into Tuet ja avustukset's: one key, two line items.

    dbt builds ``int_line_item_names`` and what it reads (the reference seeds and their staging
    models), every test of them included (those of nothing else): the one failing is the names'
    key."""
    labels = reference_seeds / "ref_ktas_income_statement_labels.csv"
    text = replace_once(
        labels.read_text(encoding="utf-8"),
        "Avustukset,Bidrag,Subsidies,",
        "Avustukset,Bidrag,Subsidies and grants received,",
    )
    labels.write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "KUNTATALOUS_REFERENCE_SEEDS": str(reference_seeds.relative_to(REPO)),
        "KUNTATALOUS_DATABASE": str(tmp_path / "tampered.duckdb"),
    }
    target = tmp_path / "target"
    dbt = Path(sys.executable).parent / "dbt"
    command = [str(dbt), "build", "--target-path", str(target), "--log-path", str(tmp_path / "logs")]
    command += ["--profiles-dir", str(REPO), "--project-dir", str(REPO), "--select", "+int_line_item_names"]
    # Only the tests of what it builds: not a relationship from a seed outside it to one inside.
    command += ["--indirect-selection", "cautious"]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode != 0, result.stdout[-4000:]
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    assert any(r["unique_id"] == "model.kuntatalous.int_line_item_names" for r in results)
    failures = [
        (r["unique_id"].split(".")[2], r["failures"]) for r in results if r["status"] not in ("success", "pass")
    ]
    assert failures == [("unique_combination_of_columns_int_line_item_names_statement__name_key__beside_key", 1)]
