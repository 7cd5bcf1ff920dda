"""The municipality reference list, the genitives of its names, and how a report's
municipality is resolved: manifest, else title page, else the genitives in its text."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.text.genitive import genitives
from kuntatalous.text.municipality import from_text, load_municipalities, swedish_forms

from .conftest import FIXTURES, REPO
from .prebuilds import Make, Prebuilds
from .warehouse_builds import YP, build, committed_report, tampered_raw_build

SEED = REPO / "seeds" / "reference" / "ref_municipalities.csv"
TEXT_LINE = "Tekstiä Iin kunnan toiminnasta ja Iin kunta muutenkin."
"""Line 25 of mini_report.txt, the only line that names its municipality."""


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_report(
    mini_report: Path, folder: Path, *, text_line: str | None = None, title: str | None = None, name: str = "r.txt"
) -> Path:
    """mini_report.txt in ``folder``, its line 25 replaced by ``text_line``, ``title`` as its first line."""
    text = mini_report.read_text(encoding="utf-8")
    assert text.count(TEXT_LINE) == 1
    if text_line is not None:
        text = text.replace(TEXT_LINE, text_line)
    if title is not None:
        text = f"{title}\n{text}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def resolved(folder: Path) -> tuple[str, str, str]:
    (document,) = extract_paths([folder]).documents
    return str(document["municipality"]), str(document["municipality_code"]), str(document["municipality_source"])


def test_the_seed_lists_308_municipalities_with_unique_codes_and_names() -> None:
    rows = seed_rows()
    assert len(rows) == 308
    assert len({row["municipality_code"] for row in rows}) == 308
    assert len({row["name_fi"] for row in rows}) == 308
    assert {"111": "Heinola", "398": "Lahti", "478": "Maarianhamina"}.items() <= {
        row["municipality_code"]: row["name_fi"] for row in rows
    }.items()


def test_every_municipality_has_its_hand_read_genitive() -> None:
    with (FIXTURES / "municipality_genitives.csv").open(encoding="utf-8", newline="") as handle:
        expected = {row["municipality_code"]: (row["name_fi"], row["genitive"]) for row in csv.DictReader(handle)}
    assert set(expected) == {row["municipality_code"] for row in seed_rows()}
    wrong = {
        name: (genitives(name)[0], genitive) for name, genitive in expected.values() if genitives(name)[0] != genitive
    }
    assert wrong == {}


def test_no_two_municipalities_share_a_genitive_or_a_swedish_form() -> None:
    rows = seed_rows()
    finnish = Counter(form.casefold() for row in rows for form in genitives(row["name_fi"]))
    swedish = Counter(form.casefold() for row in rows for form in swedish_forms(row["name_sv"]))
    assert [form for form, count in (finnish + swedish).items() if count > 1] == []


@pytest.mark.parametrize(
    ("phrase", "name", "code"),
    [
        ("Lahden kaupungin", "Lahti", "398"),
        ("Helsingin kaupungin", "Helsinki", "091"),
        ("Turun kaupungin", "Turku", "853"),
        ("Hangon kaupungin", "Hanko", "078"),
        ("Kauniaisten kaupungin", "Kauniainen", "235"),
        ("Seinäjoen kaupungin", "Seinäjoki", "743"),
        ("Iin kunnan", "Ii", "139"),
        ("Espoon kaupungin", "Espoo", "049"),
        ("Tampereen kaupungin", "Tampere", "837"),
        ("Heinolan kaupungin", "Heinola", "111"),
        ("Virtain kaupungin", "Virrat", "936"),
        ("Mänttä-Vilppulan kaupungin", "Mänttä-Vilppula", "508"),
        ("Kosken Tl kunnan", "Koski Tl", "284"),
        ("Pedersören kunnan", "Pedersören kunta", "599"),
        ("Uudenkaupungin kaupungin", "Uusikaupunki", "895"),
    ],
)
def test_the_text_genitive_names_the_municipality(
    mini_report: Path, tmp_path: Path, phrase: str, name: str, code: str
) -> None:
    write_report(mini_report, tmp_path, text_line=f"Tekstiä {phrase} toiminnasta.")
    assert resolved(tmp_path) == (name, code, "text")


@pytest.mark.parametrize(
    ("title", "name", "code"),
    [
        ("**HEINOLAN KAUPUNKI**", "Heinola", "111"),
        ("Heinolan kaupunki", "Heinola", "111"),
        ("VAALAN KUNTA", "Vaala", "785"),
        ("**LAHDEN KAUPUNGIN TILINPÄÄTÖS 2031**", "Lahti", "398"),
        ("**BORGÅ STAD**", "Porvoo", "638"),
        ("JAKOBSTADS STAD", "Pietarsaari", "598"),
        ("Kyrkslätts kommun", "Kirkkonummi", "257"),
    ],
)
def test_the_title_page_names_the_municipality_before_the_text(
    mini_report: Path, tmp_path: Path, title: str, name: str, code: str
) -> None:
    # The text still says "Iin kunnan": the title page wins.
    write_report(mini_report, tmp_path, title=title)
    assert resolved(tmp_path) == (name, code, "title")


def test_a_title_naming_no_municipality_of_the_list_fails_with_its_line(mini_report: Path, tmp_path: Path) -> None:
    write_report(mini_report, tmp_path, title="VAARAN KUNTA")
    with pytest.raises(ExtractionError, match=r"^r\.txt:1: title 'VAARAN KUNTA' names no municipality .*manifest\.csv"):
        extract_paths([tmp_path])


@pytest.mark.parametrize(
    "phrase",
    [
        "Nastolan kunnan",  # merged into Lahti in 2016
        "Lahtin kaupungin",  # not the genitive of Lahti (Lahden)
        "Helsinkin kaupungin",
    ],
)
def test_an_unknown_name_in_the_text_fails_with_file_line_and_what_was_found(
    mini_report: Path, tmp_path: Path, phrase: str
) -> None:
    write_report(mini_report, tmp_path, text_line=f"Tekstiä Iin kunnan ja {phrase} yhteistyöstä.")
    with pytest.raises(ExtractionError, match=rf"^r\.txt:25: '{phrase}' names no municipality of ref_municipalities"):
        extract_paths([tmp_path])


def test_a_capitalised_word_beginning_a_sentence_is_no_name(mini_report: Path, tmp_path: Path) -> None:
    write_report(mini_report, tmp_path, text_line="Kuvataan kaupungin tavoitteet. Yleinen kaupungin asia. Iin kunnan.")
    assert resolved(tmp_path) == ("Ii", "139", "text")


def test_text_naming_several_municipalities_needs_a_majority(mini_report: Path, tmp_path: Path) -> None:
    write_report(mini_report, tmp_path / "a", text_line=f"{TEXT_LINE} Yhteistyö Lahden kaupungin kanssa.")
    extraction = extract_paths([tmp_path / "a"])
    assert extraction.documents[0]["municipality"] == "Ii"
    assert extraction.warnings == [
        "r.txt: the text names more than one municipality "
        "(Ii 2 times from line 25, Lahti 1 times from line 25); read as Ii"
    ]
    write_report(mini_report, tmp_path / "b", text_line="Iin kunnan ja Lahden kaupungin yhteistyö.")
    with pytest.raises(
        ExtractionError,
        match=r"^r\.txt: the text names several municipalities \(Ii 1 times from line 25, Lahti 1 times",
    ):
        extract_paths([tmp_path / "b"])


@pytest.mark.parametrize(
    ("given", "name", "code"),
    [("Lahti", "Lahti", "398"), ("lahti", "Lahti", "398"), ("Borgå", "Porvoo", "638"), ("HEINOLA", "Heinola", "111")],
)
def test_a_manifest_name_is_spelled_as_the_list_spells_it(
    mini_report: Path, tmp_path: Path, given: str, name: str, code: str
) -> None:
    write_report(mini_report, tmp_path, title="**HEINOLAN KAUPUNKI**")
    (tmp_path / "manifest.csv").write_text(f"file,municipality\nr.txt,{given}\n", encoding="utf-8")
    assert resolved(tmp_path) == (name, code, "manifest")


def test_a_manifest_may_name_an_organisation_outside_the_list(mini_report: Path, tmp_path: Path) -> None:
    write_report(mini_report, tmp_path, name="a.txt")
    write_report(mini_report, tmp_path, name="b.txt", text_line="Toinen Iin kunnan teksti.")
    organisation = "Päijät-Hämeen hyvinvointialue"
    (tmp_path / "manifest.csv").write_text(
        f"file,municipality\na.txt,{organisation}\nb.txt,{organisation}\n", encoding="utf-8"
    )
    extraction = extract_paths([tmp_path])
    assert {(d["municipality"], d["municipality_code"], d["municipality_source"]) for d in extraction.documents} == {
        (organisation, "", "manifest")
    }
    # Once per organisation, not once per file.
    assert [warning for warning in extraction.warnings if "municipality code" in warning] == [
        f"manifest.csv: '{organisation}' is not a municipality of ref_municipalities.csv; "
        "its reports load without a municipality code"
    ]


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("Iivala", "IIVALA", "'Iivala' and 'IIVALA' are two spellings of one organisation (its ids: 'iivala')"),
        ("Iivala", "Iiväla", "'Iiväla' and 'Iivala' are two spellings of one organisation (its ids: 'iivala')"),
        ("Heinola", "Pyhajarvi", "'Pyhajarvi' and 'Pyhäjärvi' are two spellings of one organisation: spell it as"),
        # The Swedish name of a listed municipality, misspelt.
        ("Heinola", "Pedersore", "'Pedersore' and 'Pedersöre' are two spellings of one organisation: spell it as"),
    ],
)
def test_two_spellings_of_one_organisation_in_a_manifest_are_an_error(
    mini_report: Path, tmp_path: Path, first: str, second: str, message: str
) -> None:
    write_report(mini_report, tmp_path, name="a.txt")
    write_report(mini_report, tmp_path, name="b.txt", text_line="Toinen Iin kunnan teksti.")
    (tmp_path / "manifest.csv").write_text(f"file,municipality\na.txt,{first}\nb.txt,{second}\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match=rf"^manifest\.csv: {re.escape(message)}"):
        extract_paths([tmp_path])


def test_the_committed_reports_name_heinola_however_it_is_found(tmp_path: Path) -> None:
    reports = REPO / "reports"
    documents = extract_paths([reports]).documents
    assert {(d["municipality"], d["municipality_code"], d["municipality_source"]) for d in documents} == {
        ("Heinola", "111", "text")
    }
    by_title = tmp_path / "title"
    by_title.mkdir()
    for report in sorted(reports.glob("*.txt")):
        (by_title / report.name).write_text("**HEINOLAN KAUPUNKI**\n" + report.read_text(encoding="utf-8"))
    by_manifest = tmp_path / "manifest"
    shutil.copytree(reports, by_manifest)
    names = "".join(f"{report.name},heinola\n" for report in sorted(reports.glob("*.txt")))
    (by_manifest / "manifest.csv").write_text(f"file,municipality\n{names}", encoding="utf-8")
    for folder, source in ((by_title, "title"), (by_manifest, "manifest")):
        found = {
            (d["municipality"], d["municipality_code"], d["municipality_source"])
            for d in extract_paths([folder]).documents
        }
        assert found == {("Heinola", "111", source)}


def test_the_reference_list_is_read_from_the_committed_seed() -> None:
    municipalities = load_municipalities()
    assert municipalities.source == SEED.name
    assert len(municipalities.municipalities) == 308
    assert (municipalities.by_genitive("LAHDEN") or municipalities.by_name("x")) is not None


@pytest.mark.e2e
def test_the_warehouse_hangs_documents_and_units_on_their_municipality(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert warehouse.execute(
        "select count(*), count(distinct municipality_code) from analytics.dim_municipality"
    ).fetchone() == (
        308,
        308,
    )
    assert warehouse.execute("select distinct municipality_code from analytics.dim_document").fetchall() == [("111",)]
    assert warehouse.execute("select distinct municipality_code from analytics.dim_unit").fetchall() == [("111",)]
    assert warehouse.execute(
        "select municipality_name, municipality_name_sv, region_name, city_unit_id from analytics.dim_municipality"
        " where municipality_code = '111'"
    ).fetchone() == ("Heinola", "Heinola", "Päijät-Häme", "heinola")


def make_new_municipality(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    reports = workdir / "reports"
    reports.mkdir()
    lahti = committed_report(YP).replace("Heinolan kaupungin", "Lahden kaupungin")
    (reports / "lahti_tp2025_yhteiset_palvelut.txt").write_text(lahti, encoding="utf-8")
    # A section without boards: an uncurated organisation's units all load under its first unit,
    # which is the service area's tree only where it has no boards.
    (reports / "hva.txt").write_text(committed_report(YP), encoding="utf-8")
    organisation = "Päijät-Hämeen hyvinvointialue"
    (reports / "manifest.csv").write_text(f"file,municipality\nhva.txt,{organisation}\n", encoding="utf-8")
    return build(reports, workdir / "out", base=environ)


PREBUILDS: dict[str, Make] = {"new_municipality": make_new_municipality}


@pytest.fixture
def new_municipality(prebuilds: Prebuilds) -> tuple[Path, subprocess.CompletedProcess[str]]:
    built: tuple[Path, subprocess.CompletedProcess[str]] = prebuilds.take(make_new_municipality)
    return built


@pytest.mark.e2e
def test_a_new_municipality_and_an_organisation_outside_the_list_build_in_one_step(
    new_municipality: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    database, result = new_municipality
    organisation = "Päijät-Hämeen hyvinvointialue"
    assert f"'{organisation}' is not a municipality of ref_municipalities.csv" in result.stdout + result.stderr
    with duckdb.connect(str(database), read_only=True) as con:
        documents = con.execute(
            "select source_file, municipality, municipality_code, municipality_source, city_unit_id"
            " from analytics.dim_document order by source_file"
        ).fetchall()
        cities = con.execute(
            "select unit_id, municipality_code from analytics.dim_unit where unit_level = 'city' order by unit_id"
        ).fetchall()
        lahti_units = con.execute("select count(*) from analytics.dim_unit where unit_id like 'lahti.%'").fetchone()
    assert documents == [
        ("hva.txt", organisation, None, "manifest", "paijat_hameen_hyvinvointialue"),
        ("lahti_tp2025_yhteiset_palvelut.txt", "Lahti", "398", "text", "lahti"),
    ]
    assert ("lahti", "398") in cities
    assert ("paijat_hameen_hyvinvointialue", None) in cities
    assert lahti_units is not None
    assert lahti_units[0] > 0


def tampered_build(tmp_path: Path, code: str, *selection: str) -> set[str]:
    """dbt build of the committed reports' raw CSVs with every document's municipality code
    replaced by ``code``: the names of the tests that fail."""
    return tampered_raw_build(tmp_path, "raw_documents.csv", ",Heinola,111,", f",Heinola,{code},", 2, *selection)


@pytest.mark.e2e
def test_a_document_code_that_is_not_its_municipalitys_fails_the_build(tmp_path: Path) -> None:
    # Lahti's code on Heinola's documents: a code of the list, but not Heinola's. The check and
    # everything it reads (dim_document, dim_unit and their ancestors, with their tests) are built.
    failed = tampered_build(tmp_path, "398", "--select", "+document_municipality_codes_agree")
    assert failed == {"document_municipality_codes_agree"}


@pytest.mark.e2e
def test_a_document_code_not_on_the_list_fails_the_build(tmp_path: Path) -> None:
    failed = tampered_build(tmp_path, "999", "--select", "+stg_reports__documents +stg_reference__municipalities")
    assert len(failed) == 1
    assert next(iter(failed)).startswith("relationships_stg_reports__documents_municipality_code")


def test_a_genitive_in_the_text_begins_a_word_and_is_counted_on_its_line() -> None:
    """A capital after a letter, a digit or a hyphen is inside a word (``xLahden``,
    ``etelä-Lahden``), no name's start; at the text's start, after a space, a bracket or a line's
    end it is. Each mention is counted on its own line, the lines before it counted once."""
    text = (
        "Lahden kaupungin tilinpäätös\n"  # line 1, at the text's start
        "xLahden kaupungin, etelä-Lahden kaupungin, 2Lahden kaupungin\n"  # 2: inside words
        "Lahden kaupungin talous\n"  # 3
        "(Iin kunnan) ja\n"  # 4: after a bracket, the third mention
        "\n"
        "Lahden\nkaupungin ja Lahden kaupunki\n"  # 6: the name, then the word on line 7
    )
    found = from_text("r.txt", text, load_municipalities())
    assert found is not None
    assert (found.name, found.code) == ("Lahti", "398")
    assert found.warnings == (
        "r.txt: the text names more than one municipality "
        "(Lahti 4 times from line 1, Ii 1 times from line 4); read as Lahti",
    )
