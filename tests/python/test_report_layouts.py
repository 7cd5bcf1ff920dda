"""Layouts of municipalities' budget tables read end to end, each on a small report (expected
values read by hand from the text)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.output.records import Record

TITLE = "KOUVOLAN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n"
"""A report's first lines, its municipality and statement year: its text goes on at line 5."""
FIGURES = ("prior_actual_eur", "budget_eur", "actual_eur", "variance_eur")


def write(tmp_path: Path, text: str) -> Path:
    """``r.txt``: ``TITLE``, then ``text`` from line 5."""
    report = tmp_path / "r.txt"
    report.write_text(TITLE + text, encoding="utf-8")
    return report


def extract(tmp_path: Path, text: str) -> list[Record]:
    """The budget rows of ``r.txt``: ``TITLE``, then ``text`` from line 5."""
    return extract_paths([write(tmp_path, text)]).budget_rows


def figures(row: Record, keys: tuple[str, ...] = FIGURES) -> tuple[object, ...]:
    return tuple(row[key] for key in keys)


ACCOUNTING_STYLE = (
    "## Lukiokoulutus\n\n"
    "Lukiokoulutus 1 000 €\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Toimintatuotot\t815\t760\t802\t42\n"
    "Toimintakulut\t(11 920)\t(12 100)\t(12 242)\t(142)\n"
    "<b>Toimintakate</b>\t<b>(11 105)</b>\t<b>(11 340)</b>\t<b>(11 440)</b>\t<b>(100)</b>\n\n"
    "## Tekninen lautakunta\n\n"
    "Tekninen lautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\tToteuma-%\n"
    "Toimintatuotot\t12 410 300\t12 000 000\t12 815 200\t815 200\t106,8\n"
    "Toimintakulut\t19 200 400-\t19 650 000-\t19 402 150-\t247 850\t98,7\n"
    "Toimintakate\t6 790 100-\t7 650 000-\t6 586 950-\t1 063 050\t86,1\n"
)


def test_negatives_in_brackets_or_with_the_minus_after_load_negative(tmp_path: Path) -> None:
    rows = extract(tmp_path, ACCOUNTING_STYLE)
    read = {(row["unit_label"], row["row_label"]): figures(row) for row in rows}
    # Read by hand: a whole amount in brackets, or with its minus after it, is that amount
    # negative; the first table in thousands (its header's 1 000 €), the second in euros.
    assert read == {
        ("Lukiokoulutus", "Toimintatuotot"): (815_000, 760_000, 802_000, 42_000),
        ("Lukiokoulutus", "Toimintakulut"): (-11_920_000, -12_100_000, -12_242_000, -142_000),
        ("Lukiokoulutus", "Toimintakate"): (-11_105_000, -11_340_000, -11_440_000, -100_000),
        ("Tekninen lautakunta", "Toimintatuotot"): (12_410_300, 12_000_000, 12_815_200, 815_200),
        ("Tekninen lautakunta", "Toimintakulut"): (-19_200_400, -19_650_000, -19_402_150, 247_850),
        ("Tekninen lautakunta", "Toimintakate"): (-6_790_100, -7_650_000, -6_586_950, 1_063_050),
    }
    assert [row["execution_pct"] for row in rows[3:]] == [Decimal("106.8"), Decimal("98.7"), Decimal("86.1")]


@pytest.mark.parametrize(
    ("printed", "instead", "message"),
    [
        ("(142)", "(ks. liite)", r"9: column 'Poikkeama': cannot read '\(ks\. liite\)' as an amount"),
        ("(142)", "(-142)", r"9: column 'Poikkeama': cannot read '\(-142\)' as an amount"),
        ("(142)", "(1.420)", r"8: table mixes thousands separators: '\(11 920\)' \(space\) and '\(1\.420\)' \(dot\)"),
        ("19 402 150-", "19 402 150 -", r"16: column 'TP 2025': cannot read '19 402 150 -' as an amount"),
    ],
    ids=["a note", "a sign inside", "another format", "a dash apart"],
)
def test_brackets_or_a_minus_after_round_a_whole_amount_or_are_an_error(
    tmp_path: Path, printed: str, instead: str, message: str
) -> None:
    extract(tmp_path, ACCOUNTING_STYLE)  # as printed, every figure reads
    with pytest.raises(ExtractionError, match=rf"^r\.txt:{message}"):
        extract(tmp_path, ACCOUNTING_STYLE.replace(printed, instead))


def test_a_projects_cost_estimate_is_kept_beside_the_budget(tmp_path: Path) -> None:
    rows = extract(
        tmp_path,
        "## Investointiosan toteutuminen\n\n"
        "Investoinnit, 1 000 €\tKustannusarvio\tTA 2025\tTP 2025\tPoikkeama\n"
        "Talonrakennus\t52 700\t25 700\t25 080\t620\n"
        "Kunnallistekniikka\t9 900\t9 200\t9 520\t-320\n"
        "Investointimenot yhteensä\t62 600\t34 900\t34 600\t300\n"
        "Investointitulot yhteensä\t\t5 000\t5 595\t-595\n"
        "Nettoinvestoinnit\t\t29 900\t29 005\t895\n",
    )
    # Read by hand: the cost estimate is no budget phase, kept as printed with its header; the
    # budget and actual are in thousands (1 000 € in the header).
    read = [(row["row_label"], row["budget_eur"], row["actual_eur"], row["other_columns"]) for row in rows]
    assert read == [
        ("Talonrakennus", 25_700_000, 25_080_000, "Kustannusarvio: 52 700"),
        ("Kunnallistekniikka", 9_200_000, 9_520_000, "Kustannusarvio: 9 900"),
        ("Investointimenot yhteensä", 34_900_000, 34_600_000, "Kustannusarvio: 62 600"),
        ("Investointitulot yhteensä", 5_000_000, 5_595_000, ""),
        ("Nettoinvestoinnit", 29_900_000, 29_005_000, ""),
    ]
    assert {row["table_kind"] for row in rows} == {"investment"}


def test_a_superscript_footnote_marker_is_no_part_of_the_label(tmp_path: Path) -> None:
    rows = extract(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
        "Toimintatuotot\t5 988 000\t5 770 000\t6 250 060\t480 060\n"
        "Toimintakulut¹\t-94 991 800\t-97 150 000\t-97 078 180\t71 820\n"
        "<b>Toimintakate</b>¹\t-89 003 800\t-91 380 000\t-90 828 120\t551 880\n\n"
        "¹ Sisältää sisäiset erät.\n",
    )
    # Read by hand: the marker left out of the label, the note under the table its footnote.
    assert [(row["row_label"], row["footnote"]) for row in rows] == [
        ("Toimintatuotot", ""),
        ("Toimintakulut", "Sisältää sisäiset erät."),
        ("Toimintakate", "Sisältää sisäiset erät."),
    ]
    assert figures(rows[1]) == (-94_991_800, -97_150_000, -97_078_180, 71_820)


FIGURE_FOOTNOTE = (
    "## Sivistys- ja kulttuurilautakunta\n\n"
    "Luvut tuhansina euroina.\n\n"
    "Sivistys- ja kulttuurilautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\tTot-%\n"
    "Toimintatuotot\t500,0\t500,0\t500,0\t0,0\t100,0\n"
    "Henkilöstökulut\t-1 000,0\t-1 000,0\t-1 000,0\t0,0\t100,0\n"
    "Avustukset\t-1 500,0\t-1 550,0\tMARKED\t-35,6\t102,3\n"
    "<b>Toimintakulut</b>\t<b>-2 500,0</b>\t<b>-2 550,0</b>\t<b>-2 585,6</b>\t<b>-35,6</b>\t<b>101,4</b>\n\n"
    "NOTE Sisältää kertaluonteisen 1,2 milj. euron avustuksen.\n"
)
"""A table in thousands whose Avustukset prints its actual ``MARKED`` (``r.txt`` line 12), its
note under the table (line 15) marked ``NOTE``."""


@pytest.mark.parametrize(
    ("figure", "note"),
    [
        ("-1 585,6*", "*"),
        ("-1 585,6**", "**)"),
        ("-1 585,6*)", "*)"),
        ("<b>-1 585,6</b>*", "*)"),
        ("-1 585,6 1)", "1)"),
        ("-1 585,6¹", "¹"),
        ("(1 585,6) 1)", "1)"),
    ],
)
def test_a_footnote_marker_on_a_figure_is_the_rows_footnote(tmp_path: Path, figure: str, note: str) -> None:
    """A figure with a footnote marker (``-1 585,6*``, ``-1 585,6 1)``, ``-1 585,6¹``) is the
    figure, the row's footnote the note under the table, as for a marker on a label: it was a
    cell that could not be read, left empty, and Toimintakulut's terms missed it."""
    text = FIGURE_FOOTNOTE.replace("MARKED", figure).replace("NOTE", note)
    extraction = extract_paths([write(tmp_path, text)])
    assert extraction.rejects == []
    read = [(row["row_label"], row["actual_eur"], row["footnote"]) for row in extraction.budget_rows]
    # Read by hand: Avustukset's actual is -1 585,6 thousand (the terms' sum with Henkilöstökulut
    # is Toimintakulut's -2 585,6); the note is its footnote, and no other row's.
    assert read == [
        ("Toimintatuotot", Decimal("500000"), ""),
        ("Henkilöstökulut", Decimal("-1000000"), ""),
        ("Avustukset", Decimal("-1585600"), "Sisältää kertaluonteisen 1,2 milj. euron avustuksen."),
        ("Toimintakulut", Decimal("-2585600"), ""),
    ]


def test_each_footnote_marker_points_to_its_own_note(tmp_path: Path) -> None:
    """Of several notes under a table (``1) …``, ``2) …``, ``* …``), a row's footnote is the note
    its own markers point to, on its label and on its figures: every marked row had the first
    note."""
    text = (
        FIGURE_FOOTNOTE.replace("Henkilöstökulut", "Henkilöstökulut 2)")
        .replace("<b>Toimintakulut</b>", "<b>Toimintakulut</b> 1)")
        .replace("MARKED", "-1 585,6*")
        .replace("NOTE", "1) Sisältää sisäiset erät.\n2) Sisältää sijaiset.\n*")
    )
    rows = extract_paths([write(tmp_path, text)]).budget_rows
    # Read by hand: Henkilöstökulut 2), Avustukset's actual *, Toimintakulut 1).
    assert [(row["row_label"], row["footnote"]) for row in rows] == [
        ("Toimintatuotot", ""),
        ("Henkilöstökulut", "Sisältää sijaiset."),
        ("Avustukset", "Sisältää kertaluonteisen 1,2 milj. euron avustuksen."),
        ("Toimintakulut", "Sisältää sisäiset erät."),
    ]


def test_a_marker_and_a_note_marked_otherwise_are_the_tables_only_note(tmp_path: Path) -> None:
    """A marker whose note is marked otherwise (``*`` on the figure, ``1)`` on the note) points
    to the table's only note."""
    text = FIGURE_FOOTNOTE.replace("MARKED", "-1 585,6*").replace("NOTE", "1)")
    rows = extract_paths([write(tmp_path, text)]).budget_rows
    assert [row["footnote"] for row in rows] == ["", "", "Sisältää kertaluonteisen 1,2 milj. euron avustuksen.", ""]


@pytest.mark.parametrize("figure", ["1)", "*", "\u2013*", "-1 585 (1)", "(1 585 1)", "-1 585,61)", "-1 585,6 10)"])
def test_a_marker_that_follows_no_figure_is_no_footnote(tmp_path: Path, figure: str) -> None:
    """A marker alone (``1)``, ``*``), a dash with one, a number in brackets after a figure, a
    bracket that closes one opened before it, or digits glued to the figure are no figure with a
    footnote: the cell is a reject, as printed, never an empty cell or a figure guessed."""
    text = FIGURE_FOOTNOTE.replace("MARKED", figure).replace("NOTE", "1)")
    extraction = extract_paths([write(tmp_path, text)], keep_going=True)
    [reject] = extraction.rejects
    assert (reject["source_line"], reject["column_name"], reject["raw_text"]) == (12, "TP 2025", figure)
    avustukset = next(row for row in extraction.budget_rows if row["row_label"] == "Avustukset")
    assert (avustukset["actual_eur"], avustukset["footnote"]) == (None, "")


@pytest.mark.parametrize(
    "label", ["Toimintakate (sitova)", "Toimintakate (sitova taso)", "Toimintakate, sitova", "Toimintakate (SITOVA)*)"]
)
def test_a_note_of_the_binding_level_is_no_part_of_the_label(tmp_path: Path, label: str) -> None:
    rows = extract(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta 1 000 €\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
        "Toimintatuotot\t9 145\t8 810\t9 424\t614\n"
        "Toimintakulut\t-161 600\t-164 100\t-165 237\t-1 137\n"
        f"{label}\t-152 455\t-155 290\t-155 813\t-523\n",
    )
    # Read by hand: the binding level said of the line is no part of its name; the table ends on
    # its Toimintakate, no truncated table.
    assert [row["row_label"] for row in rows] == ["Toimintatuotot", "Toimintakulut", "Toimintakate"]
    assert figures(rows[2]) == (-152_455_000, -155_290_000, -155_813_000, -523_000)


def test_a_header_in_finnish_and_swedish_reads_as_either(tmp_path: Path) -> None:
    rows = extract(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTP/BS 2024\tTA/BU 2025\tTP/BS 2025\tPoikkeama/Avvikelse"
        "\tTot-%/Utfall-%\n"
        "Toimintatuotot\t5 988 000\t5 770 000\t6 250 060\t480 060\t108,3\n"
        "Toimintakulut\t-94 991 800\t-97 150 000\t-97 078 180\t71 820\t99,9\n"
        "Toimintakate\t-89 003 800\t-91 380 000\t-90 828 120\t551 880\t99,4\n",
    )
    # Read by hand: TP/BS 2024 the prior year's actual, TA/BU 2025 the budget, TP/BS 2025 the
    # actual, Poikkeama/Avvikelse the variance, Tot-%/Utfall-% the execution percentage.
    keys = (*FIGURES, "prior_year", "budget_year", "actual_year", "execution_pct")
    assert [figures(row, keys) for row in rows] == [
        (5_988_000, 5_770_000, 6_250_060, 480_060, 2024, 2025, 2025, Decimal("108.3")),
        (-94_991_800, -97_150_000, -97_078_180, 71_820, 2024, 2025, 2025, Decimal("99.9")),
        (-89_003_800, -91_380_000, -90_828_120, 551_880, 2024, 2025, 2025, Decimal("99.4")),
    ]
    assert {row["unit_label"] for row in rows} == {"Sivistyslautakunta"}


CONTINUED = (
    "## Sivistyslautakunta\n\n"
    "Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Henkilöstökulut\t-58 420 300\t-59 800 000\t-59 512 740\t287 260\n"
    "Palvelujen ostot\t-21 330 500\t-21 900 000\t-22 105 320\t-205 320\n\n"
    "Sivu 48\n\n"
    "Sivistyslautakunta{marker}\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Muut toimintakulut\t-9 870 600\t-10 100 000\t-9 990 210\t109 790\n"
    "<b>Toimintakulut</b>\t<b>-89 621 400</b>\t<b>-91 800 000</b>\t<b>-91 608 270</b>\t<b>191 730</b>\n"
)
"""Sivistyslautakunta's costs over a page break, its header repeated after the page's number
with ``{marker}`` in its unit cell: lines 7-9, 11 the page, 13-15."""


@pytest.mark.parametrize("marker", [" (jatkuu)", " (jatk.)", " jatkuu", ", jatkuu", " (forts.)", " (fortsättning)"])
def test_a_header_repeated_as_continued_joins_its_table(tmp_path: Path, marker: str) -> None:
    rows = extract(tmp_path, CONTINUED.format(marker=marker))
    # Read by hand: every row Sivistyslautakunta's, as where the header is repeated as it is.
    assert [(row["source_line"], row["unit_label"], row["row_label"]) for row in rows] == [
        (8, "Sivistyslautakunta", "Henkilöstökulut"),
        (9, "Sivistyslautakunta", "Palvelujen ostot"),
        (14, "Sivistyslautakunta", "Muut toimintakulut"),
        (15, "Sivistyslautakunta", "Toimintakulut"),
    ]
    assert figures(rows[3]) == (-89_621_400, -91_800_000, -91_608_270, 191_730)
    repeated = extract(tmp_path, CONTINUED.format(marker=""))
    assert [{**row, "document_id": ""} for row in rows] == [{**row, "document_id": ""} for row in repeated]


def test_a_heading_noting_its_section_goes_on_names_no_unit_of_its_own(tmp_path: Path) -> None:
    text = CONTINUED.format(marker="").replace("Sivistyslautakunta\tTP", "Selite\tTP")
    rows = extract(tmp_path, text.replace("Sivu 48", "### Sivistyslautakunta (jatkuu)"))
    # Read by hand: the tables' unit cells name no unit (Selite): the headings over them do, the
    # second noting only that the section goes on.
    assert [(row["source_line"], row["unit_label"], row["heading"]) for row in rows] == [
        (8, "Sivistyslautakunta", "Sivistyslautakunta"),
        (9, "Sivistyslautakunta", "Sivistyslautakunta"),
        (14, "Sivistyslautakunta", "Sivistyslautakunta"),
        (15, "Sivistyslautakunta", "Sivistyslautakunta"),
    ]


WRAPPED = (
    "## Sivistyslautakunta\n\n"
    "Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "<b>TOIMINTAKULUT</b>\t\t\t\t\n"
    "Palvelujen ostot\t-21 330 500\t-21 900 000\t-22 105 320\t-205 320\n"
    "Aineet, tarvikkeet ja\n"
    "tavarat\t-3 120 400\t-3 050 000\t-3 188 410\t-138 410\n"
    "Avustukset\t-2 250 000\t-2 300 000\t-2 281 500\t18 500\n"
    "<b>Toimintakulut</b>\t<b>-26 700 900</b>\t<b>-27 250 000</b>\t<b>-27 575 230</b>\t<b>-325 230</b>\n"
)
"""A row label wrapped over lines 10 (its first words) and 11 (the rest, and its figures)."""


def test_a_row_label_wrapped_onto_a_second_line_is_one_row(tmp_path: Path) -> None:
    extraction = extract_paths([write(tmp_path, WRAPPED)])
    rows = extraction.budget_rows
    # Read by hand: the label's two lines are one row, on line 11 with its figures; the table goes
    # on to its total, its caption a caption.
    assert [(row["source_line"], row["row_label"], row["is_section_row"]) for row in rows] == [
        (8, "TOIMINTAKULUT", True),
        (9, "Palvelujen ostot", False),
        (11, "Aineet, tarvikkeet ja tavarat", False),
        (12, "Avustukset", False),
        (13, "Toimintakulut", False),
    ]
    assert figures(rows[2]) == (-3_120_400, -3_050_000, -3_188_410, -138_410)
    assert [(table["first_line"], table["last_line"]) for table in extraction.tables] == [(7, 13)]
    assert extraction.rejects == []


@pytest.mark.parametrize(
    ("caption", "row"),
    [
        ("TOIMINTAKULUT", "Palvelujen ostot"),
        ("<b>Toiminnan rahavirta</b>", "Vuosikate"),
        ("Toiminnan rahavirta", "Vuosikate"),
        ("Toimintatuotot", "ulkoiset"),
    ],
)
def test_a_caption_between_rows_is_no_wrapped_label(tmp_path: Path, caption: str, row: str) -> None:
    """A caption ends on a name: printed alone between the rows, it ends the table as before,
    the label wrapped above it read as one row."""
    text = WRAPPED.replace("Avustukset", f"{caption}\n{row}")
    extraction = extract_paths([write(tmp_path, text)], keep_going=True)
    assert [row["source_line"] for row in extraction.budget_rows] == [8, 9, 11]
    [reject] = extraction.rejects
    assert (reject["source_line"], reject["table_kind"]) == (13, "unknown")


BILINGUAL = (
    "## Sivistyslautakunta\n\n"
    "Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Toimintatuotot \u2013 Verksamhetens intäkter\t5 988 000\t5 770 000\t6 250 060\t480 060\n"
    "Toimintakulut / Verksamhetens kostnader\t-94 991 800\t-97 150 000\t-97 078 180\t71 820\n"
    "Toimintakate - Verksamhetsbidrag\t-89 003 800\t-91 380 000\t-90 828 120\t551 880\n\n"
    "## Investoinnit\n\n"
    "Sivistyslautakunta\tTA 2025\tTP 2025\n"
    "Menot \u2014 Utgifter\t-4 200 000\t-3 950 000\n"
    "Tulot \u2013 Inkomster\t300 000\t320 000\n"
    "Netto \u2013 Netto\t-3 900 000\t-3 630 000\n"
)
"""A bilingual report's labels: each line's Finnish and Swedish names split by a spaced dash or
slash, the file ending on the investment table's Netto."""


def test_a_label_in_finnish_and_swedish_is_the_line_both_name(tmp_path: Path) -> None:
    rows = extract(tmp_path, BILINGUAL)
    # Read by hand: each label its Finnish half; the investments the unit's, all its classes.
    read = [(row["table_kind"], row["investment_category"], row["row_label"], row["actual_eur"]) for row in rows]
    assert read == [
        ("operating", "", "Toimintatuotot", 6_250_060),
        ("operating", "", "Toimintakulut", -97_078_180),
        ("operating", "", "Toimintakate", -90_828_120),
        ("investment", "yhteensä", "Menot", -3_950_000),
        ("investment", "yhteensä", "Tulot", 320_000),
        ("investment", "yhteensä", "Netto", -3_630_000),
    ]
    assert figures(rows[2]) == (-89_003_800, -91_380_000, -90_828_120, 551_880)


@pytest.mark.parametrize(
    "label",
    [
        "Rahoitustuotot ja -kulut",
        "Tilikauden ylijäämä (+) / alijäämä (-)",
        "Toimintatuotot \u2013 Verksamhetens kostnader",
        "Poistoeron lisäys (-) tai vähennys (+)",
    ],
)
def test_a_label_with_a_dash_of_its_own_stays_as_printed(tmp_path: Path, label: str) -> None:
    rows = extract(tmp_path, BILINGUAL.replace("Toimintatuotot \u2013 Verksamhetens intäkter", label))
    assert rows[0]["row_label"] == label


def test_a_header_repeated_as_continued_between_rows_is_no_row(tmp_path: Path) -> None:
    text = CONTINUED.format(marker=" (jatkuu)").replace("\n\nSivu 48\n\n", "\n")
    rows = extract(tmp_path, text)
    # Read by hand: lines 7-9, the header again on line 10 (no row), then 11-12.
    assert [(row["source_line"], row["row_label"]) for row in rows] == [
        (8, "Henkilöstökulut"),
        (9, "Palvelujen ostot"),
        (11, "Muut toimintakulut"),
        (12, "Toimintakulut"),
    ]
    assert {row["table_line"] for row in rows} == {7}


PROJECTS = (
    "## Investointiosan toteutuminen\n\n"
    "Luvut tuhansina euroina.\n\n"
    "Investoinnit\t{spent}\tTA 2025\tTA-muutokset\tTA 2025 muutosten jälkeen\tTP 2025\tPoikkeama\n"
    "Pihkalanmäen koulu\t4 120,5\t9 000,0\t500,0\t9 500,0\t9 611,2\t111,2\n"
    "Väinölänniemen stadion\t12 850,1\t2 000,0\t0,0\t2 000,0\t1 944,1\t-55,9\n"
    "<b>Investointimenot yhteensä</b>\t<b>16 970,6</b>\t<b>11 000,0</b>\t<b>500,0</b>\t<b>11 500,0</b>"
    "\t<b>11 555,3</b>\t<b>55,3</b>\n"
)


@pytest.mark.parametrize(
    "spent",
    [
        "Toteutunut 31.12.2024",
        "Toteuma 31.12.2024",
        "TP 31.12.2024",
        "Käytetty aiemmin",
        "Kertymä 31.12.2024",
        "Toteutunut aiempina vuosina",
        "Ed. vuosien toteuma",
        "Toteutunut ennen 2025",
        "TP 2024 asti",
    ],
)
def test_a_projects_spending_of_the_years_before_is_kept_and_no_prior_year_actual(tmp_path: Path, spent: str) -> None:
    rows = extract(tmp_path, PROJECTS.format(spent=spent))
    # Read by hand: the first column is what each project had cost by the end of 2024, several
    # years' spending, kept as printed with its header; no figure is the prior year's actual.
    # The budget in force is the budget after its changes, in thousands (Luvut tuhansina euroina).
    read = [(row["row_label"], *figures(row), row["other_columns"]) for row in rows]
    assert read == [
        ("Pihkalanmäen koulu", None, 9_500_000, 9_611_200, 111_200, f"{spent}: 4 120,5"),
        ("Väinölänniemen stadion", None, 2_000_000, 1_944_100, -55_900, f"{spent}: 12 850,1"),
        ("Investointimenot yhteensä", None, 11_500_000, 11_555_300, 55_300, f"{spent}: 16 970,6"),
    ]


SALO = (
    "## Tekninen lautakunta\n\n"
    "Tekninen lautakunta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Toimintatuotot\t18 420 000\t18 000 000\t18 910 000\t910 000\n"
    "Toimintakulut\t-24 305 000\t-24 700 000\t-24 512 000\t188 000\n"
    "Toimintakate\t-5 885 000\t-6 700 000\t-5 602 000\t1 098 000\n\n"
    "{note}\n\n"
    "## Rakennusvalvonta\n\n"
    "Rakennusvalvonta\tTP 2024\tTA 2025\tTP 2025\tPoikkeama\n"
    "Toimintatuotot\t820 000\t800 000\t790 000\t-10 000\n"
    "Toimintakulut\t-1 400 000\t-1 450 000\t-1 420 000\t30 000\n"
    "Toimintakate\t-580 000\t-650 000\t-630 000\t20 000\n"
)


@pytest.mark.parametrize(
    ("note", "comparable"),
    [
        ("Vuoden 2024 luvut on muutettu vertailukelpoisiksi uuden organisaation kanssa.", True),
        ("Vuoden 2024 vertailutiedot on oikaistu vastaamaan uutta organisaatiota.", True),
        ("Vertailuvuoden luvut on korjattu vertailukelpoisiksi.", True),
        ("Jämförelsetalen för 2024 har gjorts jämförbara med den nya organisationen.", True),
        ("Jämförelsetalen för 2024 har justerats enligt den nya organisationen.", True),
        (
            "Vuoden 2024 vertailutiedot on organisaatiouudistuksen takia yhdistelty teknisesti eivätkä siten ole"
            " suoraan vertailukelpoisia.",
            False,
        ),
        (
            "Vertailutiedot on oikaistu vastaamaan uutta organisaatiota, mutta ne eivät ole täysin vertailukelpoisia.",
            False,
        ),
        ("Jämförelsetalen för 2024 är inte jämförbara.", False),
    ],
)
def test_a_note_that_the_comparatives_were_made_comparable_leaves_them_comparable(
    tmp_path: Path, note: str, comparable: bool
) -> None:
    rows = extract(tmp_path, SALO.format(note=note))
    # Read by hand: the note under the first table speaks of its prior-year figures alone (line
    # 12); restated to be comparable they are, and restated, else not comparable; either way the
    # note is kept with its line. The table after it has no note.
    columns = ("unit_label", "is_prior_year_comparable", "is_prior_year_restated", "comparability_note_line")
    read = [tuple(row[column] for column in columns) for row in rows]
    assert read == [
        *[("Tekninen lautakunta", comparable, comparable, 12)] * 3,
        *[("Rakennusvalvonta", True, False, None)] * 3,
    ]
    assert rows[0]["comparability_note"] == note


BOARDS_IN_THE_INVESTMENT_PART = (
    "## Käyttötalous\n\n"
    "### Kunnanhallitus\n\n"
    "Kunnanhallitus\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintakate\t-2 620 110\t-2 740 000\t-2 695 737\n\n"
    "### Tekninen lautakunta\n\n"
    "Tekninen lautakunta\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintakate\t-688 110\t-725 000\t-721 161\n\n"
    "## Investointiosa\n\n"
    "Kunnanhallituksen investoinnit\tTP 2024\tTA 2025\tTP 2025\n"
    "Taloushallinnon järjestelmä\t0\t30 000\t27 500\n"
    "<b>Menot yhteensä</b>\t<b>0</b>\t<b>30 000</b>\t<b>27 500</b>\n\n"
    "Teknisen lautakunnan investoinnit\tTP 2024\tTA 2025\tTP 2025\n"
    "Luhangan koulun piha\t85 000\t120 000\t112 455\n"
    "<b>Menot yhteensä</b>\t<b>85 000</b>\t<b>120 000</b>\t<b>112 455</b>\n\n"
    "Investoinnit\tTP 2024\tTA 2025\tTP 2025\n"
    "<b>Menot yhteensä</b>\t<b>85 000</b>\t<b>150 000</b>\t<b>139 955</b>\n"
)
"""A probe's Luhanka: each board's investments under the budget's investment part, then the
municipality's own total."""


def test_a_boards_investments_under_the_investment_part_are_the_boards(tmp_path: Path) -> None:
    rows = [row for row in extract(tmp_path, BOARDS_IN_THE_INVESTMENT_PART) if row["table_kind"] == "investment"]
    # Read by hand: the two boards' tables are named in the genitive; the last names none.
    totals = [(row["unit_label"], row["actual_eur"]) for row in rows if row["row_label"] == "Menot yhteensä"]
    assert totals == [
        ("Kunnanhallitus", Decimal(27_500)),
        ("Tekninen lautakunta", Decimal(112_455)),
        ("Investoinnit", Decimal(139_955)),
    ]
    assert [row["is_city_statement"] for row in rows if row["row_label"] == "Menot yhteensä"] == [False, False, True]


@pytest.mark.parametrize(
    ("heading", "cell", "unit"),
    [
        ("Kaupunginhallitus", "Kaupunginhallitus / Stadsstyrelsen, 1 000 €", "Kaupunginhallitus"),
        ("Kaupunginhallitus", "Stadsstyrelsen / Kaupunginhallitus (1 000 €)", "Kaupunginhallitus"),
        ("3.4 Tekninen lautakunta \u2013 Tekniska nämnden", "1 000 €", "Tekninen lautakunta"),
        ("Hyvinvointi", "Hyvinvointi / Välfärd, 1 000 €", "Hyvinvointi / Välfärd"),
        ("Sivistystoimiala", "Sivistystoimiala / Bildningssektorn, 1 000 €", "Sivistystoimiala"),
        (
            "Ruokapalvelut",
            "Kosthållets resultatenhet / Ruokapalvelujen tulosyksikkö, 1 000 €",
            "Ruokapalvelujen tulosyksikkö",
        ),
    ],
)
def test_a_unit_named_in_finnish_and_swedish_is_its_finnish_half(
    tmp_path: Path, heading: str, cell: str, unit: str
) -> None:
    # Probes' Kaskinen and Vaasa: the unit named in both languages, in the header's first cell
    # or (the cell naming the scale alone) the heading over it; a name with no level word in
    # either half stays as printed.
    rows = extract(tmp_path, f"## {heading}\n\n{cell}\tTA 2025\tTP 2025\nToimintakate\t-1 000\t-900\n")
    assert [(row["unit_label"], row["actual_eur"]) for row in rows] == [(unit, Decimal(-900_000))]
