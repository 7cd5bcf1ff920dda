"""Risk tables: one record per risk, probability and significance read from Riskiarvo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output.records import RISKS
from kuntatalous.tables.risks import JUDGEMENT_WORDS, RISK_COLUMNS, risk_records, risk_value
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.layout import find_layout

from .text_view import as_text

REPORTS = Path(__file__).parents[2] / "reports"
WELLBEING = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta.txt"
SHARED = "heinola_tp2025_yhteiset_palvelut.txt"
HEADER = "Riskiluokka\tTunnistettu riski\tRiskiarvo\tHallintakeino\tHallintakeinon toteutuminen"
VALUE = "<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b> "


def records_of(lines: list[str], source: str) -> list[dict[str, str]]:
    blocks = [block for block in find_layout(lines).tables if other_table_kind(block) == "risks"]
    return as_text(RISKS, risk_records(blocks, source).records)


def report_risks(name: str) -> dict[str, dict[str, str]]:
    records = records_of((REPORTS / name).read_text(encoding="utf-8").split("\n"), name)
    by_line = {record["source_line"]: record for record in records}
    assert len(by_line) == len(records)
    return by_line


def test_risk_counts_per_report() -> None:
    # Counted by hand: wellbeing prints its risk table twice (rows 157-161 and 259-263,
    # five each); shared services has one table with rows 132-137 (six). No page breaks.
    wellbeing = report_risks(WELLBEING)
    shared = report_risks(SHARED)
    assert sorted(map(int, wellbeing)) == [157, 158, 159, 160, 161, 259, 260, 261, 262, 263]
    assert sorted(map(int, shared)) == [132, 133, 134, 135, 136, 137]
    assert {r["table_line"] for r in wellbeing.values()} == {"156", "258"}
    assert {r["table_line"] for r in shared.values()} == {"131"}
    for record in [*wellbeing.values(), *shared.values()]:
        assert tuple(record) == RISK_COLUMNS


def test_hand_read_risk_with_probability_2_and_significance_1() -> None:
    risk = report_risks(WELLBEING)["161"]
    assert risk == {
        "source_line": "161",
        "table_line": "156",
        "table_heading": "Riskienhallinta",
        "risk_class": "Toiminnallinen riski",
        "risk": "Muut ajassa olevat uhkat ja turvattomuus.",
        "probability": "2",
        "significance": "1",
        "risk_value_raw": "Todennäköisyys: 2 Merkittävyys: 1",
        "probability_scale_max": "",
        "significance_scale_max": "",
        "printed_risk_score": "",
        "printed_risk_score_raw": "",
        "mitigation": "Tietoisuus asioista ja valmiudet toimia tarvittaessa",
        "mitigation_outcome": (
            "Koulujen turvallisuuteen liittyviä sisäisiä viestintävälineitä on käytöön otettu yhdessä "
            "kaupungin ICT-palveluiden kanssa."
        ),
    }
    values = [(r["risk_class"], r["probability"], r["significance"]) for r in report_risks(WELLBEING).values()]
    assert values[:5] == [
        ("Toiminnallinen riski", "2", "1"),
        ("Taloudellinen riski", "1", "2"),
        ("Toiminnallinen riski", "2", "2"),
        ("Strateginen riski", "1", "1"),
        ("Toiminnallinen riski", "2", "1"),
    ]


def test_hyphenated_riski_arvo_header_and_empty_risk_class() -> None:
    risk = report_risks(SHARED)["132"]
    assert risk["risk_class"] == ""
    assert risk["risk"] == "Henkilöriskit (osaamispuutteet, avainhenkilöriskit, henkilöstön saatavuus)"
    assert (risk["probability"], risk["significance"]) == ("1", "2")
    assert risk["risk_value_raw"] == "Todennäköisyys: 1 Merkittävyys: 2 \u25a0"
    assert risk["mitigation"].startswith("Perehdyttäminen, osaamisen kehittäminen")
    assert risk["mitigation_outcome"].startswith("Osaamisen kehittämisen hanke käynnissä")
    pairs = [(r["probability"], r["significance"]) for r in report_risks(SHARED).values()]
    assert pairs == [("1", "2"), ("2", "1"), ("2", "1"), ("2", "2"), ("2", "2"), ("2", "2")]


def test_columns_are_found_by_header_text() -> None:
    lines = [
        "RISKILUOKKA\tHallintakeinon toteutuminen\tRiski- arvo\tTunnistettu riski\tHallintakeino",
        f"Strateginen riski\tToteutui\t{VALUE}\tRiski A\tKeino A",
    ]
    assert records_of(lines, "x.txt")[0] == {
        "source_line": "2",
        "table_line": "1",
        "table_heading": "",
        "risk_class": "Strateginen riski",
        "risk": "Riski A",
        "probability": "2",
        "significance": "1",
        "risk_value_raw": "Todennäköisyys: 2 Merkittävyys: 1",
        "probability_scale_max": "",
        "significance_scale_max": "",
        "printed_risk_score": "",
        "printed_risk_score_raw": "",
        "mitigation": "Keino A",
        "mitigation_outcome": "Toteutui",
    }


def test_a_risk_carried_over_a_page_break_is_one_record() -> None:
    lines = [
        HEADER,
        f"Toiminnallinen riski\tRiski, joka jatkuu\t{VALUE}\tKeino\tAlkaa",
        "",
        " ",
        HEADER,
        "\tseuraavalla sivulla\t\t\tja päättyy",
        f"Strateginen riski\tToinen\t{VALUE}\tKeino\tValmis",
    ]
    records = records_of(lines, "x.txt")
    assert [(r["source_line"], r["table_line"], r["risk"], r["mitigation_outcome"]) for r in records] == [
        ("2", "1", "Riski, joka jatkuu seuraavalla sivulla", "Alkaa ja päättyy"),
        ("7", "1", "Toinen", "Valmis"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("<b>Todennäköisyys: 2</b> <b>Merkittävyys: 1</b>", (2, 1)),
        ("todennäköisyys 3, merkittävyys 4 \u25a0", (3, 4)),
        ("<b>Todennäköisyys: 2</b>", None),
        ("Merkittävyys: 1", None),
        ("Korkea", None),
        ("", None),
        ("Todennäköisyys: 1 Todennäköisyys: 2 Merkittävyys: 1", None),
    ],
)
def test_risk_value(cell: str, expected: tuple[int, int] | None) -> None:
    assert risk_value(cell) == expected


def test_unreadable_riskiarvo_names_file_line_and_cell() -> None:
    lines = [
        HEADER,
        f"Toiminnallinen riski\tA\t{VALUE}\tK\tT",
        "Toiminnallinen riski\tB\t<b>Todennäköisyys: 2</b> <b>Merkittävyys: suuri</b>\tK\tT",
    ]
    with pytest.raises(
        ExtractionError, match=r"^x\.txt:3: cannot read Riskiarvo 'Todennäköisyys: 2 Merkittävyys: suuri'"
    ):
        records_of(lines, "x.txt")
    with pytest.raises(ExtractionError, match=r"^x\.txt:2: cannot read Riskiarvo ''"):
        records_of([HEADER, "Toiminnallinen riski\tA\t\tK\tT"], "x.txt")


def test_judgements_printed_in_columns_of_their_own() -> None:
    lines = [
        "Riskiluokka\tRiski\tTodennäköisyys (1\u20133)\tMerkittävyys (1\u20133)\tHallintakeino",
        "Toiminnallinen riski\tOpettajapula\t3\t2\tRekrytointi",
    ]
    (record,) = records_of(lines, "x.txt")
    # Read by hand from the row.
    assert (record["risk"], record["probability"], record["significance"], record["mitigation"]) == (
        "Opettajapula",
        "3",
        "2",
        "Rekrytointi",
    )
    assert record["risk_value_raw"] == "Todennäköisyys: 3 Merkittävyys: 2"


def test_a_judgement_column_that_is_no_number_nor_a_word_of_judgement_is_an_error() -> None:
    lines = [
        "Riskiluokka\tRiski\tTodennäköisyys\tMerkittävyys\tHallintakeino",
        "Toiminnallinen riski\tOpettajapula\tks. liite\t2\tRekrytointi",
    ]
    expected = "column 'Todennäköisyys': cannot read 'ks. liite' as a judgement: expected a whole number or a word"
    with pytest.raises(ExtractionError, match=rf"^x\.txt:2: {re.escape(expected)}"):
        records_of(lines, "x.txt")
    with pytest.raises(ExtractionError, match=r"^x\.txt:1: risk table has no column matching 'riskiarvo'"):
        records_of([lines[0].replace("\tMerkittävyys", "\tHuomiot"), lines[1]], "x.txt")


# The risk table of a user's probe (kuusivaara_tp2025_sivistys.txt), no risk class, the
# judgements on a printed scale and the impact (Vaikutus) as the significance.
PROBE = [
    "## Riskit",
    "",
    "Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tHallintakeinot",
    "Opettajien saatavuus heikkenee.\t3\t4\tYhteistyö opettajankoulutuslaitosten kanssa.",
    "Lapsimäärän lasku heikentää päiväkotien käyttöastetta.\t4\t3\tPalveluverkkoselvitys 2026.",
]


def test_risk_judged_on_a_printed_scale_with_vaikutus_as_significance() -> None:
    records = records_of(PROBE, "kuusivaara.txt")
    # Read by hand from the probe's lines 3-5: both headers print the scale (1-5), no score.
    assert records == [
        {
            "source_line": "4",
            "table_line": "3",
            "table_heading": "Riskit",
            "risk_class": "",
            "risk": "Opettajien saatavuus heikkenee.",
            "probability": "3",
            "significance": "4",
            "risk_value_raw": "Todennäköisyys: 3 Merkittävyys: 4",
            "probability_scale_max": "5",
            "significance_scale_max": "5",
            "printed_risk_score": "",
            "printed_risk_score_raw": "",
            "mitigation": "Yhteistyö opettajankoulutuslaitosten kanssa.",
            "mitigation_outcome": "",
        },
        {
            "source_line": "5",
            "table_line": "3",
            "table_heading": "Riskit",
            "risk_class": "",
            "risk": "Lapsimäärän lasku heikentää päiväkotien käyttöastetta.",
            "probability": "4",
            "significance": "3",
            "risk_value_raw": "Todennäköisyys: 4 Merkittävyys: 3",
            "probability_scale_max": "5",
            "significance_scale_max": "5",
            "printed_risk_score": "",
            "printed_risk_score_raw": "",
            "mitigation": "Palveluverkkoselvitys 2026.",
            "mitigation_outcome": "",
        },
    ]


def test_swedish_risk_table() -> None:
    lines = ["Risk\tSannolikhet (1\u20135)\tKonsekvens (1\u20135)\tÅtgärder", "Lärarbrist.\t2\t5\tRekrytering."]
    (record,) = records_of(lines, "x.txt")
    assert (record["risk"], record["probability"], record["significance"], record["mitigation"]) == (
        "Lärarbrist.",
        "2",
        "5",
        "Rekrytering.",
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A.\t6\t4\tK.", "column 'Todennäköisyys (1-5)': 6 is off the scale 1-5 its header prints"),
        ("A.\t3\t0\tK.", "column 'Vaikutus (1-5)': 0 is off the scale 1-5 its header prints"),
        (
            "A.\tsuuri\t4\tK.",
            "column 'Todennäköisyys (1-5)': cannot read 'suuri' as a judgement: expected a whole number",
        ),
        ("A.\t3\t4,5\tK.", "column 'Vaikutus (1-5)': cannot read '4,5' as a judgement: expected a whole number"),
    ],
)
def test_a_judgement_off_its_printed_scale_names_file_line_and_cell(row: str, message: str) -> None:
    lines = [*PROBE, row]
    with pytest.raises(ExtractionError, match=rf"^kuusivaara\.txt:6: {re.escape(message)}$"):
        records_of(lines, "kuusivaara.txt")


REPORT_HEAD = """KUUSAMON KAUPUNKI

TILINPÄÄTÖS 2025

## Sivistyslautakunta

Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025
Toimintatuotot\t1 200\t1 250\t1 190
Toimintakate\t-8 100\t-8 200\t-8 150

## Riskit

"""


@pytest.mark.parametrize(
    ("table", "rejected"),
    [
        (
            "Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tHallintakeinot\nOpettajat.\t3\t0\tYhteistyö.\n",
            ("Vaikutus (1-5)", "0", "column 'Vaikutus (1-5)': 0 is off the scale 1-5 its header prints"),
        ),
        (
            "Risk\tSannolikhet (1\u20135)\tKonsekvens (1\u20135)\tÅtgärder\nLärarbrist.\tstor\t6\tRekrytering.\n",
            ("Sannolikhet (1\u20135)", "stor", "column 'Sannolikhet (1\u20135)': cannot read 'stor' as a judgement"),
        ),
    ],
    ids=["finnish", "swedish"],
)
def test_a_rejected_judgement_quotes_its_cell_and_header_as_printed(
    tmp_path: Path, table: str, rejected: tuple[str, str, str]
) -> None:
    report = tmp_path / "kuusivaara.txt"
    report.write_text(REPORT_HEAD + table, encoding="utf-8")
    extraction = extract_paths([report], keep_going=True)
    assert extraction.risks == []
    [reject] = extraction.rejects
    column, cell, reason = rejected
    # Read by hand: the risk's row is the file's line 14, under the header on line 13.
    assert (reject["source_file"], reject["source_line"], reject["table_line"]) == ("kuusivaara.txt", 14, 13)
    assert (reject["column_name"], reject["raw_text"]) == (column, cell)
    assert str(reject["reason"]).startswith(reason)
    assert "Merkittävyys" not in str(reject["reason"])


# The second risk table of a probe (rovaniemi_tp2025_kulttuuri_ja_liikuntalautakunta.txt): the
# judgements in words, under headers that print no scale.
IN_WORDS = [
    "Riski\tTodennäköisyys\tVaikutus\tToimenpiteet",
    "Energian hinnan nousu\tSuuri\tKohtalainen\tEnergiansäästöohjelma",
    "Tietojärjestelmän käyttökatko\tPieni\tErittäin suuri\tVarajärjestelmä",
    "Avustusten väheneminen\t2\tMerkittävä\tSeuranta",
]


def test_judgements_in_words_are_kept_as_printed_without_a_number() -> None:
    records = records_of(IN_WORDS, "x.txt")
    # Read by hand: no number is printed for a word, so none is read; the words as printed.
    assert [(r["risk"], r["probability"], r["significance"], r["risk_value_raw"]) for r in records] == [
        ("Energian hinnan nousu", "", "", "Todennäköisyys: Suuri Merkittävyys: Kohtalainen"),
        ("Tietojärjestelmän käyttökatko", "", "", "Todennäköisyys: Pieni Merkittävyys: Erittäin suuri"),
        ("Avustusten väheneminen", "2", "", "Todennäköisyys: 2 Merkittävyys: Merkittävä"),
    ]
    assert [r["mitigation"] for r in records] == ["Energiansäästöohjelma", "Varajärjestelmä", "Seuranta"]


@pytest.mark.parametrize("word", sorted(JUDGEMENT_WORDS))
def test_each_word_of_judgement_reads_in_either_column(word: str) -> None:
    printed = word.capitalize()
    (record,) = records_of(["Risk\tSannolikhet\tKonsekvens\tÅtgärder", f"Brist.\t{printed}\t{printed}\tK."], "x.txt")
    assert (record["probability"], record["significance"]) == ("", "")
    assert record["risk_value_raw"] == f"Todennäköisyys: {printed} Merkittävyys: {printed}"


def test_a_word_under_a_header_that_prints_a_numeric_scale_is_an_error() -> None:
    lines = ["Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tHallintakeinot", "A.\t3\tSuuri\tK."]
    expected = "column 'Vaikutus (1-5)': cannot read 'Suuri' as a judgement: expected a whole number"
    with pytest.raises(ExtractionError, match=rf"^x\.txt:2: {re.escape(expected)}$"):
        records_of(lines, "x.txt")


# The risk table of a probe (pelkosenniemi_tilinpaatos_2025.txt, lines 144-147): one Riski-arvo
# column judging each risk as a whole, in words.
OVERALL_IN_WORDS = [
    "Riskiluokka\tTunnistettu riski\tRiski-arvo\tHallintakeino\tHallintakeinon toteutuminen",
    "Strategiset riskit\tVäestön väheneminen\tSuuri\tElinvoimaohjelma, monipaikkaisuuden edistäminen\tOhjelma "
    "käynnistetty",
    "Taloudelliset riskit\tMatkailutulojen vaihtelu\t<b>Kohtalainen</b>\tKiinteistöverotulojen seuranta\tSeuranta "
    "toteutettu",
    "Toiminnalliset riskit\tTietojärjestelmien käyttökatko\tPieni\tVarmuuskopiointi, palvelusopimukset\tToteutunut",
]


def test_an_overall_judgement_in_words_in_riskiarvo_is_kept_as_printed_without_a_number() -> None:
    records = records_of(OVERALL_IN_WORDS, "x.txt")
    # Read by hand: a word ties to no number, so neither judgement is read; the word as printed.
    assert [
        (r["risk_class"], r["risk"], r["probability"], r["significance"], r["risk_value_raw"]) for r in records
    ] == [
        ("Strategiset riskit", "Väestön väheneminen", "", "", "Suuri"),
        ("Taloudelliset riskit", "Matkailutulojen vaihtelu", "", "", "Kohtalainen"),
        ("Toiminnalliset riskit", "Tietojärjestelmien käyttökatko", "", "", "Pieni"),
    ]
    assert [r["mitigation_outcome"] for r in records] == ["Ohjelma käynnistetty", "Seuranta toteutettu", "Toteutunut"]


@pytest.mark.parametrize(
    ("header", "cell"),
    [("Riski-arvo", "Korkea"), ("Riski-arvo", "Suuri 4"), ("Riskiarvo (1-25)", "Suuri")],
    ids=["no_word_of_judgement", "word_and_number", "under_a_numeric_scale"],
)
def test_a_riskiarvo_that_is_neither_both_numbers_nor_a_word_of_judgement_is_an_error(header: str, cell: str) -> None:
    lines = [OVERALL_IN_WORDS[0].replace("Riski-arvo", header), f"Strategiset riskit\tA\t{cell}\tK\tT"]
    expected = f"cannot read Riskiarvo '{cell}': expected one Todennäköisyys and one Merkittävyys number, or a word"
    with pytest.raises(ExtractionError, match=rf"^x\.txt:2: {re.escape(expected)}"):
        records_of(lines, "x.txt")


# A probe's risk table (kouvola_tp2025_sivistyspalvelut.txt): the judgements on a printed 1-4
# scale and the risk's score printed beside them, here 7 where 4 times 3 is 12.
SCORED = [
    "### Riskit",
    "",
    "Riski\tTodennäköisyys (1\u20134)\tVaikutus (1\u20134)\tRiskitaso\tToimenpiteet",
    "Oppilasmäärän lasku\t4\t3\t7\tKouluverkkoselvitys",
]


def test_a_printed_score_and_the_judgements_scales_are_kept() -> None:
    (record,) = records_of(SCORED, "kouvola.txt")
    # Read by hand from line 4 under the header on line 3: the score as printed, not 4 times 3.
    assert (record["source_line"], record["probability"], record["significance"]) == ("4", "4", "3")
    assert (record["printed_risk_score"], record["printed_risk_score_raw"]) == ("7", "7")
    assert (record["probability_scale_max"], record["significance_scale_max"]) == ("4", "4")
    assert record["mitigation"] == "Kouluverkkoselvitys"


@pytest.mark.parametrize(
    ("header", "cell", "score", "raw"),
    [
        ("Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tRiskiluku\tHallintakeinot", "16", "16", "16"),
        ("Riski\tTodennäköisyys\tVaikutus\tRiskin suuruus\tToimenpiteet", "6", "6", "6"),
        ("Riski\tTodennäköisyys (1-4)\tMerkittävyys (1-4)\tPisteet\tToimenpiteet", "<b>9</b>", "9", "9"),
        ("Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tRiskiarvo\tHallintakeinot", "12", "12", "12"),
        ("Risk\tSannolikhet (1\u20135)\tKonsekvens (1\u20135)\tRisknivå\tÅtgärder", "10", "10", "10"),
        ("Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tRiskitaso\tHallintakeinot", "Korkea", "", "Korkea"),
    ],
    ids=["riskiluku", "riskin_suuruus", "pisteet", "riskiarvo_beside_judgements", "risknivå", "in_words"],
)
def test_each_spelling_of_a_printed_score_is_kept(header: str, cell: str, score: str, raw: str) -> None:
    (record,) = records_of([header, f"A.\t4\t3\t{cell}\tK."], "x.txt")
    assert (record["probability"], record["significance"], record["mitigation"]) == ("4", "3", "K.")
    # A score in words is kept as printed, with no number.
    assert (record["printed_risk_score"], record["printed_risk_score_raw"]) == (score, raw)


def test_a_risk_table_without_a_scale_or_a_score_keeps_them_empty() -> None:
    (record,) = records_of(["Riski\tTodennäköisyys\tVaikutus\tToimenpiteet", "A.\t2\tSuuri\tK."], "x.txt")
    assert [record[f] for f in ("probability_scale_max", "significance_scale_max", "printed_risk_score")] == [""] * 3
    assert record["printed_risk_score_raw"] == ""


@pytest.mark.parametrize(
    ("table", "rejected"),
    [
        (
            "Riski\tTodennäköisyys (1-4)\tVaikutus (1-4)\tRiskitaso\tTrendi\tToimenpiteet\n"
            "Lasku.\t4\t3\t12\t+2\tSelvitys.\n",
            ("Trendi", "+2", "column 'Trendi': no role of a risk table reads it, so '+2' is not loaded"),
        ),
        (
            "Riski\tTodennäköisyys (1-4)\tVaikutus (1-4)\tRiskitaso\tToimenpiteet\nLasku.\t4\t3\t12,5\tSelvitys.\n",
            ("Riskitaso", "12,5", "column 'Riskitaso': cannot read '12,5' as the risk's score"),
        ),
    ],
    ids=["column_no_role_reads", "score_no_whole_number"],
)
def test_a_figure_no_risk_field_holds_is_a_cell_reject_and_the_risk_loads(
    tmp_path: Path, table: str, rejected: tuple[str, str, str]
) -> None:
    report = tmp_path / "kuusivaara.txt"
    report.write_text(REPORT_HEAD + table, encoding="utf-8")
    extraction = extract_paths([report], keep_going=True)
    # Read by hand: the risk's row is the file's line 14, under the header on line 13.
    [risk] = extraction.risks
    assert (risk["source_line"], risk["risk"], risk["probability"], risk["significance"]) == (14, "Lasku.", 4, 3)
    assert risk["mitigation"] == "Selvitys."
    [reject] = extraction.rejects
    column, cell, reason = rejected
    assert (reject["scope"], reject["source_line"], reject["table_line"]) == ("cell", 14, 13)
    assert (reject["column_name"], reject["raw_text"]) == (column, cell)
    assert str(reject["reason"]).startswith(reason)
    with pytest.raises(ExtractionError, match=rf"^kuusivaara\.txt:14: {re.escape(reason)}"):
        extract_paths([report])


def test_a_column_no_role_reads_that_prints_no_digit_is_no_reject(tmp_path: Path) -> None:
    report = tmp_path / "kuusivaara.txt"
    table = "Riski\tTodennäköisyys (1-4)\tVaikutus (1-4)\tVastuu\tToimenpiteet\nLasku.\t4\t3\tRehtori\tSelvitys.\n"
    report.write_text(REPORT_HEAD + table, encoding="utf-8")
    extraction = extract_paths([report])
    assert [(r["risk"], r["printed_risk_score_raw"]) for r in extraction.risks] == [("Lasku.", "")]
    assert extraction.rejects == []
