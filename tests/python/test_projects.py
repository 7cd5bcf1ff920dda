"""Projects tables ("Hankkeet"): the committed reports, read by hand, and small fixtures.

Every expected value below was read from the report text, not from the extractor's output.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output.records import PROJECTS
from kuntatalous.output.rejects import Rejects
from kuntatalous.tables.budget_tables import is_budget_header
from kuntatalous.tables.projects import (
    PROJECT_COLUMNS,
    funder_cell_names,
    funder_names,
    funding_sentences,
    project_records,
)
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.layout import TableBlock, find_layout
from kuntatalous.text.truncation import find_truncation

from .text_view import as_text

REPORTS = Path(__file__).resolve().parents[2] / "reports"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
YP = "heinola_tp2025_yhteiset_palvelut.txt"
HY = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"
DASH = "\u2013"
HY_GOAL = (
    "Hyvinvoinnin kasvu \u2022 Hyvinvointi lisääntyy \u2022 Toimiva arki \u2022 "
    "Hiilineutraali ja resurssiviisas Heinola"
)


def project_blocks(lines: list[str]) -> list[TableBlock]:
    return [block for block in find_layout(lines).tables if other_table_kind(block) == "projects"]


def records_of(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return as_text(PROJECTS, project_records(project_blocks(lines), path.name).records)


def by_line(records: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {record["source_line"]: record for record in records}


@pytest.fixture(scope="module")
def yp() -> list[dict[str, str]]:
    return records_of(REPORTS / YP)


@pytest.fixture(scope="module")
def hy() -> list[dict[str, str]]:
    return records_of(REPORTS / HY)


def test_every_record_has_the_columns_in_order(yp: list[dict[str, str]], hy: list[dict[str, str]]) -> None:
    assert PROJECT_COLUMNS[:5] == ("source_line", "last_line", "table_line", "table_heading", "row_kind")
    for record in yp + hy:
        assert tuple(record) == PROJECT_COLUMNS
        assert all(isinstance(value, str) for value in record.values())


def test_project_and_total_counts(yp: list[dict[str, str]], hy: list[dict[str, str]]) -> None:
    assert [r["row_kind"] for r in yp] == ["project"] * 5 + ["total"]
    assert [r["row_kind"] for r in hy] == ["project"] * 19 + ["total"]


def test_yhteiset_palvelut_projects_in_order(yp: list[dict[str, str]]) -> None:
    assert [(r["source_line"], r["last_line"], r["project_name"]) for r in yp[:5]] == [
        ("261", "261", "RELE - Ratkaisuja alueelliseen kestävyteen ja energiatehokkuuteen"),
        ("262", "262", "Uudistuva työkykyjohtaminen muuttuvassa työympäristössä"),
        ("263", "266", "Heinolan elinkeinoelämän kasvun ja kehittymisen työpaketti"),
        ("267", "267", "NATUREFIN"),
        ("268", "271", "Päijät-Häme digitiedolla tulevaisuuteen"),
    ]
    assert {r["table_line"] for r in yp} == {"260"}
    assert {r["table_heading"] for r in yp} == {"Hankkeet"}


def test_yhteiset_palvelut_sample(yp: list[dict[str, str]]) -> None:
    rows = by_line(yp)
    rele = rows["261"]
    assert rele["strategic_goal"] == "Uudistuva työ ja asuminen"
    assert rele["strategic_goal_text"] == (
        "Uudistuva työ ja asuminen \u2022 Muuttovoiton vahvistaminen \u2022 "
        "Dynaaminen ja uudistuva elinkeinoelämä \u2022 Monipaikkainen Heinola"
    )
    assert (rele["total_funding_eur"], rele["city_share_pct"], rele["spend_pct"]) == ("176987", "25", "50")
    assert (rele["total_funding_raw"], rele["city_share_raw"], rele["spend_raw"]) == ("176 987", "25 %", "50 %")
    assert rele["funders"] == "ELY-keskus; EAKR"
    assert (
        rele["funding_text"]
        == f"Hankkeen toteutusaika on 2025{DASH}2026, ja sitä rahoittaa ELY-keskus EAKR-rahoituksella."
    )
    assert (rele["period_start_year"], rele["period_end_year"]) == ("2025", "2026")
    assert rele["description"].startswith("Hankkeessa kehitetään energiatehokkuuden")
    assert "<p>" not in rele["description"]
    assert rele["status_text"].startswith("Yrityshaastatteluja on jatkettu")

    keva = rows["262"]
    assert keva["strategic_goal"] == "Vahva kaupunkiyhteisö"
    assert keva["funders"] == "Keva"
    assert (keva["period_start_year"], keva["period_end_year"]) == ("2024", "2026")
    assert (keva["total_funding_eur"], keva["city_share_pct"], keva["spend_pct"]) == ("48000", "50", "13")

    naturefin = rows["267"]
    assert naturefin["funders"] == "Interreg Europe; Lapin liitto"
    assert naturefin["funding_text"] == (
        "Rahoitus tulee Interreg Europe -ohjelmasta, ja kansallinen rahoittaja on Lapin liitto."
    )
    assert (naturefin["period_start_year"], naturefin["period_end_year"]) == ("2025", "2029")
    assert (naturefin["total_funding_eur"], naturefin["city_share_pct"], naturefin["spend_pct"]) == (
        "249800",
        "6",
        "13",
    )


def test_project_split_by_a_page_break_is_rejoined(yp: list[dict[str, str]]) -> None:
    names = [r["project_name"] for r in yp]
    assert names.count("Heinolan elinkeinoelämän kasvun ja kehittymisen työpaketti") == 1
    work = by_line(yp)["263"]
    assert int(work["last_line"]) > int(work["source_line"])
    assert work["last_line"] == "266"
    assert "uusien työpaikkojen syntymistä. Pääteemoina ovat matkailun edistäminen" in work["description"]
    assert "kehitetty yhteistyötä Päijät-Hämeen työllisyyspalveluiden kanssa" in work["status_text"]
    assert work["status_text"].endswith("ylläpidetty alueellisia verkostoja.")
    assert work["funders"] == "Päijät-Hämeen liitto; AKKE"
    assert (work["period_start_year"], work["period_end_year"]) == ("2024", "2026")
    assert (work["total_funding_eur"], work["city_share_pct"], work["spend_pct"]) == ("125000", "20", "65")


def test_city_share_with_text_after_the_number(yp: list[dict[str, str]]) -> None:
    digi = by_line(yp)["268"]
    assert digi["last_line"] == "271"
    assert digi["city_share_pct"] == "30"
    assert digi["city_share_raw"] == (
        "30 % on kaikkien kymmenen mukana olevan kunnan yhteinen kuntarahoitusosuus. Heinolan osuus 3 %."
    )
    assert digi["strategic_goal"] == "Kestävä talous"
    assert digi["strategic_goal_text"] == (
        "Kestävä talous \u2022 Velkamäärän vähentäminen \u2022 Käyttötalouden tasapaino \u2022 "
        "Kasvua tukevat tulevaisuusinvestoinnit"
    )
    assert "digitaalista dataa hyödyntävät kunnat" in digi["description"]
    assert digi["funders"] == "Päijät-Hämeen liitto; EAKR"
    assert (digi["period_start_year"], digi["period_end_year"]) == ("2025", "2027")


def test_yhteiset_palvelut_total_row(yp: list[dict[str, str]]) -> None:
    total = yp[-1]
    assert (total["source_line"], total["row_kind"]) == ("272", "total")
    assert (total["total_funding_eur"], total["city_share_pct"], total["spend_pct"]) == ("818629", "14", "28")
    assert total["total_funding_raw"] == "818 629"
    assert total["project_name"] == total["funders"] == total["period_start_year"] == ""
    # The printed total equals the five printed project totals, read by hand.
    assert 176_987 + 48_000 + 125_000 + 249_800 + 218_842 == 818_629
    assert sum(Decimal(r["total_funding_eur"]) for r in yp[:-1]) == Decimal("818629")


def test_hyvinvointi_projects_in_order(hy: list[dict[str, str]]) -> None:
    assert [(r["source_line"], r["project_name"], r["total_funding_eur"]) for r in hy[:-1]] == [
        ("268", "Heinolan harrastekerhot lapsille ja nuorille", "7778"),
        ("269", f"Heinolan harrastemallin toteuttaminen 2024{DASH}2025", "71429"),
        ("270", f"Heinolan harrastemallin toteuttaminen 2025{DASH}2026", "80000"),
        ("271", "Kirjokerho", "7778"),
        ("275", "Nuorten vuorokokemustarinyöskentely 2024", "29011"),
        ("276", "Nuorten vuorokokemustarinyöskentely 2025", "50000"),
        ("277", "Nuorten vuorokokemustarinyöskentely 2026", "40000"),
        ("278", "Lukutaitoa tulevaisuuteen", "25000"),
        ("279", "Liikkeellä lukemaan -hanke", "43750"),
        ("285", "Heinolaisten aktivointi kaupungilla ja kylillä", "34000"),
        ("286", f"Etsivä nuorisotyö 2024{DASH}2025", "71000"),
        ("287", f"Etsivä nuorisotyö 2025{DASH}2026", "58448"),
        ("291", "Kuvataiteilijoiden näyttelypalkkiot 2025", "11875"),
        ("292", "Kuvataiteilijoiden näyttelypalkkiot 2026", "9500"),
        ("293", "Tasavertaisesti seuroissa", "7360"),
        ("294", "Yhdessä voimme vaikuttaa (ERASMUS)", "33991"),
        ("298", "KouluPT", "27000"),
        ("299", "Tilapäisen suojelun lisätuki", "30000"),
        ("300", "Pakolaisten kuntiin ohjaamisen erityisavustus", "15000"),
    ]
    assert {r["table_line"] for r in hy} == {"267"}


def test_hyvinvointi_page_breaks_rejoined(hy: list[dict[str, str]]) -> None:
    rows = by_line(hy)
    assert [(line, rows[line]["last_line"]) for line in ("271", "279", "287", "294")] == [
        ("271", "274"),
        ("279", "284"),
        ("287", "290"),
        ("294", "297"),
    ]
    assert rows["271"]["strategic_goal_text"].endswith("Hiilineutraali ja resurssiviisas Heinola")
    assert rows["279"]["strategic_goal_text"] == HY_GOAL
    assert "lukuharrastusta ja tuodaan kirjastoauton palvelut" in rows["279"]["description"]
    assert "vinkkauskalpeja ja kirjastoautotapahtumia" in rows["279"]["status_text"]
    assert rows["287"]["description"].endswith(f"Hanke toteutettiin vuosina 2025{DASH}2026 AVI:n rahoituksella.")
    assert (rows["287"]["period_start_year"], rows["287"]["period_end_year"]) == ("2025", "2026")


def test_hyvinvointi_sample(hy: list[dict[str, str]]) -> None:
    rows = by_line(hy)
    clubs = rows["268"]
    assert clubs["strategic_goal"] == "Hyvinvoinnin kasvu"
    assert clubs["strategic_goal_text"] == HY_GOAL
    assert (clubs["funding_text"], clubs["funders"]) == ("Hanketta rahoitti AVI/EVK.", "AVI; EVK")
    assert (clubs["period_start_year"], clubs["period_end_year"]) == ("2024", "2025")
    assert (clubs["city_share_pct"], clubs["spend_pct"]) == ("10", "231")

    assert rows["279"]["funders"] == "AVI"  # "rahoituksen on myöntänyt AVI"
    assert rows["285"]["funders"] == "AVI"  # "AVI:n rahoituksella"
    assert rows["298"]["funders"] == "AVI; EVK"  # "AVI:n / EVK:n rahoituksella"
    assert rows["299"]["funders"] == "TEM"
    assert rows["293"]["funders"] == "OKM"
    assert (rows["293"]["period_start_year"], rows["293"]["period_end_year"]) == ("2025", "2027")

    erasmus = rows["294"]
    assert erasmus["funding_text"] == "Hanketta rahoitetaan ERASMUS+ - ohjelmasta, rahoituspäätöksen on tehnyt OPH."
    assert erasmus["funders"] == "ERASMUS+; OPH"
    assert (erasmus["city_share_pct"], erasmus["spend_pct"]) == ("0", "66")

    museum = rows["291"]
    assert (museum["funding_text"], museum["funders"]) == ("Avustuksen myönsi Museovirasto.", "Museovirasto")
    assert (museum["period_start_year"], museum["period_end_year"]) == ("2025", "2025")
    assert rows["292"]["funders"] == "Museovirasto"

    assert rows["299"]["strategic_goal"] == "Uudistuva työ ja asuminen"


def test_hyvinvointi_total_row_and_sum(hy: list[dict[str, str]]) -> None:
    total = hy[-1]
    assert (total["source_line"], total["last_line"], total["row_kind"]) == ("305", "305", "total")
    assert (total["total_funding_eur"], total["total_funding_raw"]) == ("652920", "652 920 \u20ac")
    assert (total["city_share_pct"], total["spend_pct"]) == ("22", "77")
    printed = [7778, 71429, 80000, 7778, 29011, 50000, 40000, 25000, 43750, 34000]
    printed += [71000, 58448, 11875, 9500, 7360, 33991, 27000, 30000, 15000]
    assert sum(printed) == 652_920
    assert sum(Decimal(r["total_funding_eur"]) for r in hy[:-1]) == Decimal("652920")


# Synthetic fixtures.


def test_fixture_columns_by_header_and_continuation_row() -> None:
    records = records_of(FIXTURES / "projects_continuation.txt")
    assert [(r["source_line"], r["last_line"], r["row_kind"]) for r in records] == [
        ("4", "4", "project"),
        ("5", "8", "project"),
        ("9", "9", "total"),
    ]
    first, split, total = records
    assert first["table_line"] == split["table_line"] == total["table_line"] == "3"
    assert first["table_heading"] == "Hankkeet"
    assert (first["project_name"], first["total_funding_eur"], first["total_funding_raw"]) == (
        "Testihanke",
        "12500",
        "12 500 \u20ac",
    )
    assert (first["city_share_pct"], first["spend_pct"], first["status_text"]) == ("40", "10", "Käynnistyi.")
    assert first["strategic_goal_text"] == "Elinvoima \u2022 Yritykset \u2022 Työ"
    assert first["funders"] == "Testirahasto"
    assert (first["period_start_year"], first["period_end_year"]) == ("2030", "2031")

    assert split["project_name"] == "Katkeava hanke"
    assert split["description"] == (
        "Hanke alkaa sivulla yksi ja jatkuu sivulla kaksi. Rahoittajana on Esimerkkisäätiö ESR-rahoituksella."
    )
    assert split["status_text"] == "Tila alkaa ja jatkuu."
    assert split["strategic_goal"] == "Elinvoima"
    assert split["strategic_goal_text"] == "Elinvoima \u2022 Yritykset \u2022 Työ"
    assert split["funding_text"] == "Rahoittajana on Esimerkkisäätiö ESR-rahoituksella."
    assert split["funders"] == "Esimerkkisäätiö; ESR"
    assert (split["city_share_pct"], split["spend_pct"]) == ("5.5", "100")
    assert (split["period_start_year"], split["period_end_year"]) == ("", "")

    assert (total["total_funding_eur"], total["city_share_pct"], total["spend_pct"]) == ("15500", "22", "55")


def test_fixture_unreadable_funding_cell() -> None:
    with pytest.raises(ExtractionError) as caught:
        records_of(FIXTURES / "projects_bad_funding.txt")
    assert (caught.value.source, caught.value.line) == ("projects_bad_funding.txt", 5)
    assert str(caught.value) == (
        "projects_bad_funding.txt:5: column 'Hankkeen kokonaisrahoitus': cannot read 'noin tuhat euroa' as an amount"
    )


def test_unreadable_percentage_cell() -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus\tKaupungin rahoitusosuus %", "Hanke\t1 000\tpuolet"]
    with pytest.raises(
        ExtractionError, match=r"^mem\.txt:2: column 'Kaupungin rahoitusosuus %': cannot read 'puolet' as a percentage$"
    ):
        project_records(project_blocks(lines), "mem.txt")


def test_fixture_missing_name_column() -> None:
    path = FIXTURES / "projects_no_name.txt"
    blocks = find_layout(path.read_text(encoding="utf-8").splitlines()).tables
    with pytest.raises(
        ExtractionError, match=r"^projects_no_name\.txt:3: projects table has no 'Hankkeen nimi' column"
    ):
        project_records(blocks, path.name)


def test_missing_funding_column() -> None:
    lines = ["Hankkeen nimi\tKuvaus\tMenojen toteuma %", "Hanke\tTeksti\t10 %"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: projects table has no 'Kokonaisrahoitus' column"):
        project_records(project_blocks(lines), "mem.txt")


# Read by hand: the printed figure, the unit its header names, and the decimal place of the
# figure's last printed digit in euros.
@pytest.mark.parametrize(
    ("funding", "cell", "euros", "scale", "decimals"),
    [
        ("Kokonaisrahoitus (1 000 €)", "12,5", "12500", 1000, -2),
        ("Kokonaisrahoitus t€", "480", "480000", 1000, -3),
        ("Kokonaisrahoitus milj. €", "1,25", "1250000", 1000000, -4),
    ],
)
def test_funding_in_thousands_or_millions_is_read_at_its_scale(
    funding: str, cell: str, euros: str, scale: int, decimals: int
) -> None:
    lines = [f"Hankkeen nimi\t{funding}\tKuvaus", f"Hanke\t{cell}\tTeksti"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert (record["total_funding_eur"], record["total_funding_raw"]) == (Decimal(euros), cell)
    assert (record["funding_scale"], record["funding_decimals"]) == (scale, decimals)


def test_a_funding_header_naming_two_units_is_an_error() -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus (1 000 €) milj. €\tKuvaus", "Hanke\t12,5\tTeksti"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: projects table: the table names more than one unit"):
        project_records(project_blocks(lines), "mem.txt")


@pytest.mark.parametrize("funding", ["Kokonaisrahoitus", "Kokonaisrahoitus €", "Hankkeen kokonaisrahoitus (euroa)"])
def test_funding_in_euros_is_read(funding: str) -> None:
    lines = [f"Hankkeen nimi\t{funding}\tKuvaus", "Hanke\t12 500\tTeksti"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert record["total_funding_eur"] == Decimal("12500")
    assert (record["funding_scale"], record["funding_decimals"]) == (1, 0)


def test_a_nameless_row_that_continues_nothing_is_an_error() -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus\tKuvaus", "\t\tirrallinen jatko", "Hanke\t1 000\tTeksti"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:2: projects row has no project name"):
        project_records(project_blocks(lines), "mem.txt")


@pytest.mark.parametrize("share", ["Kunnan rahoitusosuus €", "Kaupungin rahoitusosuus (euroa)", "Kunnan osuus keur"])
def test_a_city_share_in_euros_is_an_error_not_read_as_a_percentage(share: str) -> None:
    lines = [f"Hankkeen nimi\tKokonaisrahoitus\t{share}\tKuvaus", "Hanke\t4 000\t800\tTeksti"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: projects table gives the city's share in euros"):
        project_records(project_blocks(lines), "mem.txt")


@pytest.mark.parametrize(("cell", "shown"), [("120 %", "120"), ("-5 %", "-5")])
def test_a_city_share_outside_0_to_100_percent_is_an_error(cell: str, shown: str) -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus\tKaupungin rahoitusosuus %\tKuvaus", f"Hanke\t4 000\t{cell}\tTeksti"]
    message = rf"^mem\.txt:2: column 'Kaupungin rahoitusosuus %': a share of {shown} % is not 0-100 %$"
    with pytest.raises(ExtractionError, match=message):
        project_records(project_blocks(lines), "mem.txt")


def test_kokonaisbudjetti_and_kunnan_osuus_are_the_funding_and_the_city_share() -> None:
    lines = [
        "Hankkeen nimi\tKuvaus ja rahoittaja\tKokonaisbudjetti €\tKunnan osuus %\tMenojen toteuma %",
        "Lukuinto\tHanketta rahoittaa Opetushallitus.\t100 000\t20 %\t45 %",
    ]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    # Read by hand from the row.
    assert (record["total_funding_eur"], record["city_share_pct"], record["spend_pct"]) == (
        Decimal("100000"),
        Decimal("20"),
        Decimal("45"),
    )


# Swedish projects tables (bilingual municipalities): the same columns under Swedish headers.

SV_HEADER = (
    "Projektets namn\tTotal finansiering\tKommunens andel %\t"
    "Projektets mål, beskrivning och finansiär\tUtfall\tUtfall av utgifterna %"
)


@pytest.fixture(scope="module")
def swedish() -> list[dict[str, str]]:
    return records_of(FIXTURES / "projects_swedish.txt")


def test_swedish_fixture_reads_as_the_finnish_one(swedish: list[dict[str, str]]) -> None:
    assert [(r["source_line"], r["last_line"], r["row_kind"]) for r in swedish] == [
        ("4", "4", "project"),
        ("5", "8", "project"),
        ("9", "9", "total"),
    ]
    first, split, total = swedish
    assert first["table_line"] == split["table_line"] == total["table_line"] == "3"
    assert first["table_heading"] == "Projekt"
    assert (first["project_name"], first["total_funding_eur"], first["total_funding_raw"]) == (
        f"Läsfrämjande 2025{DASH}2026",
        "24000.50",
        "24 000,50 \u20ac",
    )
    assert (first["funding_scale"], first["funding_decimals"]) == ("1", "2")
    assert (first["city_share_pct"], first["spend_pct"], first["status_text"]) == ("20", "35", "Pågående.")
    assert first["description"] == (
        "Projektet stärker barns läsande. "
        "Projektet finansieras av Europeiska regionala utvecklingsfonden och NTM-centralen."
    )
    assert (first["period_start_year"], first["period_end_year"]) == ("2025", "2026")
    assert first["funding_text"] == (
        "Projektet finansieras av Europeiska regionala utvecklingsfonden och NTM-centralen."
    )
    assert first["funders"] == "Europeiska regionala utvecklingsfonden; NTM-centralen"


def test_swedish_project_carried_on_after_a_page_break(swedish: list[dict[str, str]]) -> None:
    _, split, _ = swedish
    # Carried on after the page break; no city share printed: it stays empty, not 0.
    assert split["project_name"] == "Byavägen"
    assert split["description"] == f"Vägen rustas under åren 2024{DASH}2025 med stöd från Landskapsförbundet."
    assert split["status_text"] == "Arbetet är avslutat."
    assert (split["total_funding_eur"], split["city_share_pct"], split["city_share_raw"]) == ("8000", "", "")
    assert split["spend_pct"] == "100"
    assert (split["period_start_year"], split["period_end_year"]) == ("2024", "2025")
    assert split["funding_text"] == split["description"]
    assert split["funders"] == "Landskapsförbundet"


def test_swedish_totalt_row_is_the_sum_row(swedish: list[dict[str, str]]) -> None:
    *_, total = swedish
    # Totalt is the sum row: 24 000,50 + 8 000.
    assert (total["project_name"], total["total_funding_eur"], total["total_funding_raw"]) == (
        "",
        "32000.50",
        "32 000,50",
    )
    assert (total["city_share_pct"], total["spend_pct"]) == ("15", "52")
    assert Decimal("24000.50") + Decimal("8000") == Decimal("32000.50")


@pytest.mark.parametrize(
    ("header", "euros", "scale"),
    [
        ("Projektets namn\tBeskrivning\tTotalbudget €\tStadens andel %\tUtfall av utgifterna %\tUtfall", "4000", 1),
        (
            "Projektets namn\tBeskrivning\tProjektets totala budget (1 000 €)\tFinansieringsandel %\t"
            "Utfall av utgifterna %\tUtfall",
            "4000000",
            1000,
        ),
    ],
)
def test_swedish_spellings_of_the_funding_and_the_city_share(header: str, euros: str, scale: int) -> None:
    lines = [header, "Hanke\tText\t4 000\t25 %\t10 %\tAvslutat."]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    # Read by hand from the row.
    assert (record["project_name"], record["description"], record["status_text"]) == ("Hanke", "Text", "Avslutat.")
    assert (record["total_funding_eur"], record["funding_scale"]) == (Decimal(euros), scale)
    assert (record["city_share_pct"], record["spend_pct"]) == (Decimal("25"), Decimal("10"))


def test_a_swedish_projects_header_is_a_projects_table_and_no_budget_or_key_figure_header_is() -> None:
    def first_block(header: str) -> TableBlock:
        return find_layout([header, "Rad\t1\t2\t3\t4\t5"]).tables[0]

    assert other_table_kind(first_block(SV_HEADER)) == "projects"
    assert not is_budget_header(first_block(SV_HEADER))
    budget = first_block("Bildningsnämnden\tBokslut 2024\tBudget 2025\tBudgetändringar\tUtfall 2025\tAvvikelse")
    assert (other_table_kind(budget), is_budget_header(budget)) == ("unknown", True)
    key_figures = first_block("Nyckeltal\tBokslut 2024\tBudget 2025\tUtfall 2025\tTotalbudget\tUtfall")
    assert other_table_kind(key_figures) == "key_figures"


def test_swedish_table_without_its_funding_column_names_it_in_swedish() -> None:
    lines = [SV_HEADER.replace("Total finansiering", "Kommentar"), "Hanke\tText\t10 %\tText\tPågående.\t5 %"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: projects table has no 'Total finansiering' column \(head"):
        project_records(project_blocks(lines), "mem.txt")


def test_a_swedish_table_ending_on_its_totalt_row_is_whole() -> None:
    lines = (FIXTURES / "projects_swedish.txt").read_text(encoding="utf-8").splitlines()
    assert find_truncation(find_layout(lines).tables, lines, "projects_swedish.txt") is None
    cut = lines[:-1]
    truncation = find_truncation(find_layout(cut).tables, cut, "projects_swedish.txt")
    assert truncation is not None
    assert truncation.reason == "it has no Yhteensä (Totalt) row"


# Read by hand: the sentence that names the funders, and the funders it names.
@pytest.mark.parametrize(
    ("description", "funders"),
    [
        ("Projektet finansieras av NTM-centralen med 70 %.", ["NTM-centralen"]),
        ("I år beviljade Österbottens förbund stöd.", ["Österbottens förbund"]),
        ("Stöd beviljat av Svenska kulturfonden och EU.", ["Svenska kulturfonden", "EU"]),
        ("I år finansierar NTM-centralen projektet.", ["NTM-centralen"]),
        # A place after `i` carries the name on (a regional office); `i år` names no place.
        ("Projektet finansieras av NTM-centralen i Lappland.", ["NTM-centralen i Lappland"]),
        ("Projektet finansieras av NTM-centralen i år.", ["NTM-centralen"]),
        ("NTM-centralen i Södra Österbotten finansierar projektet.", ["NTM-centralen i Södra Österbotten"]),
        # An active verb's subject printed before it is the funder; the object after it is none.
        ("NTM-centralen finansierar projektet.", ["NTM-centralen"]),
        ("NTM-centralen finansierar Läslyftet.", ["NTM-centralen"]),
        ("Business Finland och EU finansierar Läslyftet.", ["Business Finland", "EU"]),
        ("Vägen rustas eftersom Utbildningsstyrelsen finansierar Byavägen.", ["Utbildningsstyrelsen"]),
        (
            "Vägen rustas då Europeiska regionala utvecklingsfonden finansierar den.",
            ["Europeiska regionala utvecklingsfonden"],
        ),
        # At a sentence's start a capital shows no name: the subject (Utbildningsstyrelsen) or a
        # word put first (Därför, Hela kostnaden)? Neither it nor the words after the verb are read.
        ("Utbildningsstyrelsen finansierar projektet.", []),
        ("Utbildningsstyrelsen finansierar Läslyftet.", []),
        ("Österbottens förbund beviljade Läslyftet stöd.", []),
        ("Därför finansierar Utbildningsstyrelsen projektet.", []),
        ("Hela kostnaden finansierar EU.", []),
    ],
)
def test_swedish_funding_sentences_and_funders(description: str, funders: list[str]) -> None:
    text = funding_sentences(f"Projektet rustar vägen. {description}")
    assert text == description
    assert funder_names(text) == funders


SV_REPORT = "PEDERSÖRE KOMMUN\n\n" + (FIXTURES / "family" / "bokslut_sv.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sentence", "funders"),
    [
        ("Projektet finansieras av Utbildningsstyrelsen.", "Utbildningsstyrelsen"),
        ("Utbildningsstyrelsen finansierar Läsfrämjande skola.", ""),
        ("NTM-centralen finansierar Läsfrämjande skola.", "NTM-centralen"),
    ],
)
def test_the_object_of_an_active_verb_is_no_funder_in_the_extraction(
    tmp_path: Path, sentence: str, funders: str
) -> None:
    report = tmp_path / "bokslut_sv.txt"
    report.write_text(SV_REPORT.replace("Projektet finansieras av Utbildningsstyrelsen.", sentence), encoding="utf-8")
    extraction = extract_paths([report], keep_going=True)
    assert extraction.rejects == []
    first, *_ = extraction.projects
    # Read by hand: line 15 (the title's two lines above the fixture's 13).
    assert (first["source_line"], first["project_name"]) == (15, "Läsfrämjande skola")
    assert (first["funding_text"], first["funders"]) == (sentence, funders)


@pytest.mark.parametrize(
    ("text", "funders"),
    [
        # Finnish writes ministries in lower case; read by hand.
        ("Hanketta rahoittaa opetus- ja kulttuuriministeriö.", ["opetus- ja kulttuuriministeriö"]),
        ("Hanke toteutetaan ympäristöministeriön rahoituksella.", ["ympäristöministeriö"]),
        (
            "Hanketta rahoittavat EAKR ja työ- ja elinkeinoministeriö. Hanke alkoi Lahdessa.",
            ["EAKR", "työ- ja elinkeinoministeriö"],
        ),
        ("Hankkeen rahoittaja on sosiaali- ja terveysministeriö (STM).", ["sosiaali- ja terveysministeriö"]),
        ("Rahoittaja: OKM.", ["OKM"]),
        # A ministry in another case is no funder named: the grant came from it.
        ("Hanketta rahoittaa valtiovarainministeriöstä saatu avustus.", []),
        # Lower-case words that name no ministry stay no name.
        ("Hanketta rahoittaa kaupungin oma budjetti.", []),
    ],
)
def test_a_ministry_in_lower_case_is_a_funder(text: str, funders: list[str]) -> None:
    assert funder_names(text) == funders


def test_every_curated_ministry_in_lower_case_is_read_as_a_funder() -> None:
    with (REPORTS.parent / "seeds" / "reference" / "ref_funders.csv").open(encoding="utf-8", newline="") as file:
        lower = [row["printed_name"] for row in csv.DictReader(file) if row["printed_name"].islower()]
    assert len(lower) == 8
    for name in lower:
        assert funder_names(f"Hanketta rahoittaa {name}.") == [name]


def test_swedish_funders_are_curated_under_their_finnish_keys() -> None:
    with (REPORTS.parent / "seeds" / "reference" / "ref_funders.csv").open(encoding="utf-8", newline="") as file:
        seed = {row["printed_name"]: row for row in csv.DictReader(file)}
    (first, *_) = records_of(FIXTURES / "projects_swedish.txt")
    for swedish, finnish in zip(first["funders"].split("; "), ("EAKR", "ELY-keskus"), strict=True):
        assert {**seed[swedish], "printed_name": finnish} == seed[finnish]
    # Landskapsförbundet is every region's council: it names none, so it is not curated.
    assert "Landskapsförbundet" not in seed


def test_the_european_social_fund_is_one_curated_eu_fund_in_every_language() -> None:
    """`Europeiska socialfonden` (probe C, Närpes) was an uncurated funder: the ESF had no entry."""
    with (REPORTS.parent / "seeds" / "reference" / "ref_funders.csv").open(encoding="utf-8", newline="") as file:
        seed = {row["printed_name"]: row for row in csv.DictReader(file)}
    # Finnish, Swedish, English.
    names = ["ESR", "ESR+", "Euroopan sosiaalirahasto", "Europeiska socialfonden", "ESF", "ESF+"]
    names.append("European Social Fund")
    assert {(seed[name]["funder_id"], seed[name]["funder_kind"]) for name in names} == {("esr", "eu_fund")}
    assert {seed[name]["funder_name_en"] for name in names} == {"European Social Fund (ESF)"}
    # Read as the reports name it, in Finnish and Swedish.
    assert funder_names("Hanketta rahoittaa Euroopan sosiaalirahasto.") == ["Euroopan sosiaalirahasto"]
    assert funder_names("Projektet utvecklar läromedel med stöd från Europeiska socialfonden.") == [
        "Europeiska socialfonden"
    ]
    assert funder_names("Hanke toteutetaan ESR+-rahoituksella.") == ["ESR+"]


# A projects table of a probe (rovaniemi_tp2025_kulttuuri_ja_liikuntalautakunta.txt) naming the
# funders and the period in columns of their own.
OWN_COLUMNS = [
    "Hankkeen nimi\tRahoittaja\tToteutusaika\tKokonaisbudjetti €\tKaupungin rahoitusosuus %\tMenojen toteuma %",
    f"Arktinen liikuntapolku\tLapin liitto (EAKR)\t2024{DASH}2026\t240 000\t20 %\t61 %",
    "Kirjasto kaikille\tOpetus- ja kulttuuriministeriö\t2025\t48 500\t0 %\t100 %",
    "Lukuinto\tAVI/EVK, Keva\t1.1.2024-31.12.2026\t10 000\t10 %\t5 %",
    "Kesätyö 2025\t-\t\t12 000\t100 %\t97 %",
]


def test_funders_and_period_in_columns_of_their_own() -> None:
    records = as_text(PROJECTS, project_records(project_blocks(OWN_COLUMNS), "mem.txt").records)
    # Read by hand: the funders each cell names as printed (the bracketed fund no funder of its
    # own, the ministry with the capital the cell starts with), the years the period cell
    # prints, and where it prints none the year in the project's name.
    assert [(r["funders"], r["funding_text"], r["period_start_year"], r["period_end_year"]) for r in records] == [
        ("Lapin liitto", "Rahoittaja: Lapin liitto (EAKR)", "2024", "2026"),
        ("Opetus- ja kulttuuriministeriö", "Rahoittaja: Opetus- ja kulttuuriministeriö", "2025", "2025"),
        ("AVI; EVK; Keva", "Rahoittaja: AVI/EVK, Keva", "2024", "2026"),
        ("", "", "2025", "2025"),
    ]
    assert [r["total_funding_eur"] for r in records] == ["240000", "48500", "10000", "12000"]


@pytest.mark.parametrize("header", ["Rahoittajat", "Ulkoinen rahoittaja"])
def test_other_spellings_of_the_funder_column(header: str) -> None:
    lines = [f"Hankkeen nimi\t{header}\tKokonaisrahoitus", "Hanke\tELY-keskus ja Lapin liitto\t1 000"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert record["funders"] == "ELY-keskus; Lapin liitto"


@pytest.mark.parametrize(("header", "cell"), [("Hankeaika", f"2024 {DASH} 2026"), ("Aikataulu", "2024-2026")])
def test_other_spellings_of_the_period_column(header: str, cell: str) -> None:
    lines = [f"Hankkeen nimi\tKokonaisrahoitus\t{header}", f"Hanke\t1 000\t{cell}"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert (record["period_start_year"], record["period_end_year"]) == (2024, 2026)


def test_a_regional_office_in_a_funder_column_is_read_whole() -> None:
    """`NTM-centralen i Lappland` was a reject (`cannot read ... as funders`); the Finnish
    `Lapin ELY-keskus` (probe C, Sodankylä: repro 05.txt, line 15) was read already."""
    swedish = ["Projektets namn\tFinansiär\tTotal finansiering", "Läslyftet\tNTM-centralen i Lappland, EAKR\t30 000"]
    finnish = ["Hankkeen nimi\tRahoittaja\tKokonaisrahoitus", "Kiertotalous Itä-Lapissa\tLapin ELY-keskus\t180 000"]
    read = [project_records(project_blocks(lines), "mem.txt").records[0]["funders"] for lines in (swedish, finnish)]
    assert read == ["NTM-centralen i Lappland; EAKR", "Lapin ELY-keskus"]


def test_swedish_funder_and_period_columns() -> None:
    lines = [
        "Projektets namn\tFinansiär\tGenomförandetid\tTotal finansiering",
        "Läslyftet\tÖsterbottens förbund\t2025-2027\t30 000",
    ]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert (record["funders"], record["period_start_year"], record["period_end_year"]) == (
        "Österbottens förbund",
        2025,
        2027,
    )


def test_the_funders_of_the_column_come_before_those_of_the_description() -> None:
    lines = [
        "Hankkeen nimi\tKuvaus ja rahoittaja\tRahoittaja\tKokonaisrahoitus",
        "Hanke\tHanketta rahoittaa Opetushallitus ja Keva.\tKeva\t1 000",
    ]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert record["funders"] == "Keva; Opetushallitus"
    assert record["funding_text"] == "Rahoittaja: Keva Hanketta rahoittaa Opetushallitus ja Keva."


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        (
            "Rahoittaja",
            "useita rahoittajia",
            "column 'Rahoittaja': cannot read 'useita rahoittajia' as funders: expected names such as 'Lapin liitto'",
        ),
        (
            "Toteutusaika",
            "syksy 2025",
            "column 'Toteutusaika': cannot read 'syksy 2025' as a period: expected years such as '2024-2026' or '2025'",
        ),
        (
            "Toteutusaika",
            "2026-2024",
            "column 'Toteutusaika': cannot read '2026-2024' as a period: expected years such as '2024-2026' or '2025'",
        ),
    ],
)
def test_an_unreadable_funder_or_period_cell_is_a_reject_and_stays_empty(column: str, cell: str, reason: str) -> None:
    lines = ["Hankkeen nimi\tRahoittaja\tToteutusaika\tKokonaisrahoitus", "Hanke 2023\tKeva\t2025\t1 000"]
    lines[1] = lines[1].replace("Keva" if column == "Rahoittaja" else "2025", cell)
    with pytest.raises(ExtractionError, match=rf"^mem\.txt:2: {re.escape(reason)}$"):
        project_records(project_blocks(lines), "mem.txt")
    rejects = Rejects(keep_going=True)
    (record,) = project_records(project_blocks(lines), "mem.txt", rejects).records
    [reject] = [found.record("") for found in rejects.found]
    assert (reject["source_line"], reject["scope"], reject["column_name"], reject["raw_text"]) == (
        2,
        "cell",
        column,
        cell,
    )
    assert reject["reason"] == reason
    # What the cell would give stays empty, not read from elsewhere (the name's 2023); the
    # funder cell is kept as printed in the funding text.
    if column == "Rahoittaja":
        assert (record["funders"], record["funding_text"]) == ("", f"Rahoittaja: {cell}")
    else:
        assert (record["period_start_year"], record["period_end_year"]) == (None, None)
    assert record["total_funding_eur"] == Decimal("1000")


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Lapin liitto (EAKR)", ["Lapin liitto"]),
        # A ministry a cell starts with, read as one, named as printed (its capital kept).
        ("Opetus- ja kulttuuriministeriö", ["Opetus- ja kulttuuriministeriö"]),
        ("Ympäristöministeriö; Keva", ["Ympäristöministeriö", "Keva"]),
        ("AVI/EVK", ["AVI", "EVK"]),
        ("Business Finland, Business Finland", ["Business Finland"]),
        ("kaupungin oma budjetti", None),
        ("Lapin liitto ja muut", None),
    ],
)
def test_funder_cell_names(cell: str, names: list[str] | None) -> None:
    assert funder_cell_names(cell) == names


def test_a_funder_column_that_describes_the_project_too_is_its_description() -> None:
    lines = ["Hankkeen nimi\tRahoittaja ja kuvaus\tKokonaisrahoitus", "Hanke\tHanketta rahoittaa Keva.\t1 000"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert (record["description"], record["funders"]) == ("Hanketta rahoittaa Keva.", "Keva")


# A probe's projects table (a Swedish-speaking city's, in Finnish): the name column headed by one
# word, and the project's state in a column `Tila`.
ONE_WORD_NAME = [
    "Hanke\tRahoittaja\tToteutusaika\tKokonaisrahoitus €\tKaupungin osuus %\tMenojen toteuma %\tTila",
    "Sataman latausasemat\tLapin liitto\t2024-2026\t240 000\t25 %\t60 %\tKäynnissä",
    "Koulun piha\t-\t2025\t60 000\t100 %\t100 %\tPäättynyt",
]


@pytest.mark.parametrize("name", ["Hanke", "Projekt"])
def test_a_name_column_headed_by_one_word_beside_the_total_funding_is_a_projects_table(name: str) -> None:
    lines = [ONE_WORD_NAME[0].replace("Hanke", name, 1), *ONE_WORD_NAME[1:]]
    records = as_text(PROJECTS, project_records(project_blocks(lines), "mem.txt").records)
    # Read by hand from the rows: names, funding, the state as printed.
    assert [(r["project_name"], r["total_funding_eur"], r["status_text"]) for r in records] == [
        ("Sataman latausasemat", "240000", "Käynnissä"),
        ("Koulun piha", "60000", "Päättynyt"),
    ]


@pytest.mark.parametrize("header", ["Tila", "Status", "Tilanne 31.12.2025", "Toteuma 31.12."])
def test_the_state_column_in_its_spellings(header: str) -> None:
    lines = [f"Hankkeen nimi\tKokonaisrahoitus\t{header}", "Hanke\t1 000\tKäynnissä"]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert record["status_text"] == "Käynnissä"


def test_an_investment_table_headed_hanke_is_no_projects_table() -> None:
    lines = ["Hanke\tTA 2025\tTP 2025", "Koulun piha\t-60 000\t-58 000"]
    assert project_blocks(lines) == []


# A probe's projects table (pietarsaari_tp2025_kasvatus_ja_opetus.txt), in a report whose budget
# tables group thousands by dots (``1.234.567``): its own figures group them so too.
DOT_GROUPED = [
    "Hankkeen nimi\tRahoittaja\tToteutusaika\tKokonaisrahoitus €\tKaupungin osuus %\tMenojen toteuma %\tTila",
    f"Lukuintoa Pietarsaareen\tOpetushallitus\t2024{DASH}2026\t60.000\t20 %\t55 %\tKäynnissä",
    "Liikkuva varhaiskasvatus\tOpetus- ja kulttuuriministeriö\t2025\t25.000\t0 %\t100 %\tPäättynyt",
    "<b>Yhteensä</b>\t\t\t<b>85.000</b>\t\t\t",
]


def test_figures_grouped_by_dots_are_read_by_the_tables_number_format() -> None:
    records = as_text(PROJECTS, project_records(project_blocks(DOT_GROUPED), "mem.txt").records)
    # Read by hand: 60.000 and 25.000 are sixty and twenty-five thousand euros (a decimal is a
    # comma), and the total 85.000 is their sum; the percentages as printed.
    assert [(r["row_kind"], r["total_funding_eur"], r["total_funding_raw"]) for r in records] == [
        ("project", "60000", "60.000"),
        ("project", "25000", "25.000"),
        ("total", "85000", "85.000"),
    ]
    assert [(r["city_share_pct"], r["spend_pct"]) for r in records[:2]] == [("20", "55"), ("0", "100")]


def test_a_number_grouped_by_dots_before_words_is_read_by_the_tables_format() -> None:
    lines = [
        "Hankkeen nimi\tKokonaisrahoitus\tKaupungin rahoitusosuus %",
        "Hanke\t1.250.000 € kolmelle vuodelle\t30 % on kaikkien kuntien osuus",
        "Toinen\t48.500\t10 %",
    ]
    records = project_records(project_blocks(lines), "mem.txt").records
    assert [(r["total_funding_eur"], r["city_share_pct"]) for r in records] == [
        (Decimal("1250000"), Decimal("30")),
        (Decimal("48500"), Decimal("10")),
    ]


def test_a_figure_grouped_by_dots_in_a_table_grouped_by_spaces_is_an_error() -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus", "Hanke\t60 000", "Toinen\t25.000"]
    message = r"^mem\.txt:1: projects table: table mixes thousands separators: '60 000' \(space\) and '25\.000' \(dot\)"
    with pytest.raises(ExtractionError, match=message):
        project_records(project_blocks(lines), "mem.txt")
    rejects = Rejects(keep_going=True)
    assert project_records(project_blocks(lines), "mem.txt", rejects).records == []
    [reject] = [found.record("") for found in rejects.found]
    assert (reject["scope"], reject["source_line"], reject["last_line"]) == ("table", 1, 3)


def test_a_decimal_printed_with_a_dot_is_no_figure() -> None:
    lines = ["Hankkeen nimi\tKokonaisrahoitus\tMenojen toteuma %", "Hanke\t60 000\t12.5 %"]
    with pytest.raises(ExtractionError, match=r"^mem\.txt:2: column 'Menojen toteuma %': cannot read '12\.5 %'"):
        project_records(project_blocks(lines), "mem.txt")


SPENT_IN_EUROS = [
    "Hanke\tRahoittaja\tHankeaika\tKokonaisbudjetti €\tKaupungin osuus %\tToteutunut 31.12.2025 €\tUlkoinen rahoitus €",
    "Joensuun keskustan elinvoimahanke\tPohjois-Karjalan liitto (EAKR)\t2024-2026\t1 250 000\t30 %\t525 000\t875 000",
    "Älykäs liikenne Joensuu\tBusiness Finland\t2023-2025\t320 000\t40 %\t320 000\t192 000",
    "<b>Yhteensä</b>\t\t\t<b>1 570 000</b>\t32 %\t845 000\t1 067 000",
]
"""A projects table printing the spending in euros and a column no role reads (probe B, finding 5)."""


def test_spending_in_euros_is_read_and_an_unread_column_kept_as_printed() -> None:
    """``Toteutunut 31.12.2025 €`` is the spending in euros (525 000, 320 000 and the total's
    845 000); ``Ulkoinen rahoitus €``, which no role reads, is kept as printed, not dropped."""
    read = project_records(project_blocks(SPENT_IN_EUROS), "mem.txt").records
    assert [record["spend_eur"] for record in read] == [Decimal(525000), Decimal(320000), Decimal(845000)]
    assert [record["spend_eur_raw"] for record in read] == ["525 000", "320 000", "845 000"]
    assert [record["spend_decimals"] for record in read] == [0, 0, 0]
    assert [record["spend_pct"] for record in read] == [None, None, None]
    assert [record["other_columns"] for record in read] == [
        "Ulkoinen rahoitus €: 875 000",
        "Ulkoinen rahoitus €: 192 000",
        "Ulkoinen rahoitus €: 1 067 000",
    ]


def test_spending_in_thousands_is_read_in_euros_and_a_status_column_stays_text() -> None:
    """``Käytetty (1 000 €)`` prints thousands: 60,5 is 60 500 €, to the hundred; ``Toteuma
    31.12.`` names no unit: the status text, as before."""
    lines = [
        "Hankkeen nimi\tKokonaisrahoitus (1 000 €)\tKäytetty (1 000 €)\tToteuma 31.12.",
        "Liikkuva koulu\t120\t60,5\tKäynnissä 2025.",
    ]
    (record,) = project_records(project_blocks(lines), "mem.txt").records
    assert (record["spend_eur"], record["spend_decimals"]) == (Decimal("60500.0"), -2)
    assert record["status_text"] == "Käynnissä 2025."
    assert record["other_columns"] == ""


def test_the_report_s_own_municipality_is_its_share_not_a_funder() -> None:
    """The city named as a funder (``Heinolan kaupunki``, ``Oma rahoitus``, in a sentence too) is
    its own share (Kaupungin rahoitusosuus %), no external funder: ``EU`` is the only one, and
    gets the 60 % the city does not fund. Another city (``Lahden kaupunki``) is a funder."""
    lines = [
        "Hankkeen nimi\tRahoittaja\tKokonaisrahoitus €\tKaupungin rahoitusosuus %\tHankkeen kuvaus",
        "Kirjasto\tEU; Heinolan kaupunki\t100 000\t40 %\t",
        "Liikunta\tOma rahoitus\t20 000\t100 %\t",
        "Satama\t-\t50 000\t50 %\tHanketta rahoittavat Heinolan kaupunki ja Lahden kaupunki.",
    ]
    read = project_records(project_blocks(lines), "mem.txt", municipality="Heinola").records
    assert [record["funders"] for record in read] == ["EU", "", "Lahden kaupunki"]
    assert read[0]["funding_text"] == "Rahoittaja: EU; Heinolan kaupunki"
    swedish = ["Projektets namn\tFinansiär\tTotal finansiering", "Läslyftet\tGrankulla stad, ESF+\t30 000"]
    (record,) = project_records(project_blocks(swedish), "mem.txt", municipality="Kauniainen").records
    assert record["funders"] == "ESF+"


def test_a_bilingual_header_is_read_by_both_halves() -> None:
    """``Hanke / Projekt`` names the project by both halves (it was no column: the table was a
    reject naming no 'Hankkeen nimi'); the other cells too, as a goals table's header reads."""
    lines = [
        "Hanke / Projekt\tRahoittaja / Finansiär\tKokonaisrahoitus € / Total finansiering €"
        "\tKaupungin osuus % / Stadens andel %",
        "Läslyftet\tOpetushallitus\t30 000\t20 %",
        "Yhteensä / Totalt\t\t30 000\t",
    ]
    read = project_records(project_blocks(lines), "mem.txt").records
    assert [(r["row_kind"], r["project_name"], r["funders"]) for r in read] == [
        ("project", "Läslyftet", "Opetushallitus"),
        ("total", "", ""),
    ]
    assert (read[0]["total_funding_eur"], read[0]["city_share_pct"]) == (Decimal(30000), Decimal(20))


def test_the_probes_funders_are_curated() -> None:
    """Probe B's finding 11 and probe A's notes: Business Finland, the Interreg programmes, every
    regional council (and the EU, and the elinvoimakeskus spelled out) had no kind."""
    with (REPORTS.parent / "seeds" / "reference" / "ref_funders.csv").open(encoding="utf-8", newline="") as file:
        seed = {row["printed_name"]: row for row in csv.DictReader(file)}
    kinds = {
        "Business Finland": "state_agency",
        "Elinvoimakeskus": "state_agency",
        "Interreg Aurora": "eu_programme",
        "Interreg Central Baltic": "eu_programme",
        "Pohjois-Karjalan liitto": "regional_council",
        "Uudenmaan liitto": "regional_council",
        "Euroopan unioni": "eu",
        "EU": "eu",
    }
    assert {name: seed[name]["funder_kind"] for name in kinds} == kinds
    councils = {row["funder_id"] for row in seed.values() if row["funder_kind"] == "regional_council"}
    assert len(councils) == 18  # every region of mainland Finland
    cell = "Pohjois-Karjalan liitto (EAKR), Business Finland, Interreg Aurora, Euroopan unioni"
    assert funder_cell_names(cell) == [
        "Pohjois-Karjalan liitto",
        "Business Finland",
        "Interreg Aurora",
        "Euroopan unioni",
    ]
