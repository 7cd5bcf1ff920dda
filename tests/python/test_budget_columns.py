"""Budget-table headers and cells read the report family's way, on the family fixtures
(expected values read by hand from tests/python/fixtures/family/)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuntatalous.errors import ExtractionError
from kuntatalous.tables import budget_columns
from kuntatalous.tables.budget_columns import (
    ACTUAL,
    BUDGET,
    BUDGET_CHANGE,
    BUDGET_ORIGINAL,
    EXECUTION_PCT,
    PRIOR_ACTUAL,
    PRIOR_BUDGET,
    VARIANCE,
    HeaderReading,
    cell_reader,
    read_header,
    split_figure_footnote,
    split_footnote,
    variance_detection,
)
from kuntatalous.tables.variance import VarianceConvention
from kuntatalous.tables.vocabulary import find_statement_year
from kuntatalous.text.layout import find_layout
from kuntatalous.text.number_format import Scale, euro_decimals

from .family_fixtures import fixture_text


def _header(name: str, text: str | None = None) -> tuple[HeaderReading | None, list[str]]:
    lines = (fixture_text(name) if text is None else text).splitlines()
    statement = find_statement_year(lines, name)
    block = find_layout(lines).tables[0]
    return read_header(block, name, None if statement is None else statement.year, lines), lines


@pytest.mark.parametrize(
    ("name", "unit", "keys", "factor"),
    [
        (
            "dots_ta_muutokset.txt",
            "Ympäristölautakunta",
            [(PRIOR_ACTUAL, 2024), (BUDGET_ORIGINAL, 2025), (BUDGET_CHANGE, 2025), (BUDGET, 2025), (ACTUAL, 2025)],
            1,
        ),
        (
            "thousands_actual_minus_budget.txt",
            "Tekninen lautakunta",
            [(PRIOR_ACTUAL, 2024), (BUDGET_ORIGINAL, 2025), (BUDGET, 2025), (ACTUAL, 2025), (VARIANCE, 2025)],
            1_000,
        ),
        (
            "tilinp_ta_plus_teur.txt",
            "Rakennuslautakunta",
            [(PRIOR_ACTUAL, 2024), (BUDGET_ORIGINAL, 2025), (BUDGET_CHANGE, 2025), (BUDGET, 2025), (ACTUAL, 2025)],
            1_000,
        ),
        (
            "millions_budjetti_plus.txt",
            "Kaupunki",
            [(PRIOR_ACTUAL, 2024), (BUDGET_ORIGINAL, 2025), (BUDGET_CHANGE, 2025), (BUDGET, 2025), (ACTUAL, 2025)],
            1_000_000,
        ),
        (
            "bokslut_sv.txt",
            "Bildningsnämnden",
            [(PRIOR_ACTUAL, 2024), (BUDGET_ORIGINAL, 2025), (BUDGET_CHANGE, 2025), (BUDGET, 2025), (ACTUAL, 2025)],
            1,
        ),
        (
            "income_statement_treasury_words.txt",
            "Kaupunki",
            [(PRIOR_ACTUAL, 2024), (BUDGET, 2025), (ACTUAL, 2025), (VARIANCE, 2025)],
            1_000,
        ),
        (
            "other_columns.txt",
            "Kaupunginhallitus",
            [(PRIOR_BUDGET, 2024), (BUDGET, 2025), ("other:Raami", 2025), (ACTUAL, 2025)],
            1,
        ),
    ],
)
def test_fixture_header(name: str, unit: str, keys: list[tuple[str, int | None]], factor: int) -> None:
    header, _ = _header(name)
    assert header is not None
    assert header.unit_label == unit
    assert header.scale.factor == factor
    assert header.statement_year == 2025
    for key, year in keys:
        assert header.has(key), key
        assert header.year(key) == year, key


def test_other_columns_keep_their_headers() -> None:
    header, _ = _header("other_columns.txt")
    assert header is not None
    assert [column.key for column in header.columns if column.key.startswith("other:")] == [
        "other:Raami",
        "other:Ero raamiin",
        "other:Tot. 09/2024",
        "other:Muutos %",
    ]


def test_forecast_is_kept_with_its_header() -> None:
    text = "TILINPÄÄTÖS 2025\n\nTekninen lautakunta\tTA 2025\tEnnuste\tToteuma 2025\nToimintakulut\t-100\t-98\t-97\n"
    lines = text.splitlines()
    header = read_header(find_layout(lines).tables[0], "f.txt", 2025, lines)
    assert header is not None
    assert [(column.key, column.year) for column in header.columns] == [
        (BUDGET, 2025),
        ("other:Ennuste", 2025),
        (ACTUAL, 2025),
    ]


def test_a_cost_estimate_is_kept_with_its_header() -> None:
    text = (
        "TILINPÄÄTÖS 2025\n\nInvestoinnit, 1 000 €\tKustannusarvio\tTA 2025\tTP 2025\tPoikkeama\n"
        "Kivistön koulu\t32 000\t15 500\t14 850\t650\n"
    )
    lines = text.splitlines()
    header = read_header(find_layout(lines).tables[0], "f.txt", 2025, lines)
    assert header is not None
    assert [(column.key, column.year) for column in header.columns] == [
        ("other:Kustannusarvio", None),
        (BUDGET, 2025),
        (ACTUAL, 2025),
        (VARIANCE, 2025),
    ]


def test_spending_of_the_years_before_is_kept_with_its_header() -> None:
    text = (
        "TILINPÄÄTÖS 2025\n\nInvestoinnit, 1 000 €\tToteutunut 31.12.2024\tTA 2025\tTP 2025\tPoikkeama\n"
        "Pihkalanmäen koulu\t4 120\t9 000\t9 611\t611\n"
    )
    lines = text.splitlines()
    header = read_header(find_layout(lines).tables[0], "f.txt", 2025, lines)
    assert header is not None
    assert [(column.key, column.year) for column in header.columns] == [
        ("other:Toteutunut 31.12.2024", 2024),
        (BUDGET, 2025),
        (ACTUAL, 2025),
        (VARIANCE, 2025),
    ]
    assert not header.has(PRIOR_ACTUAL)


def test_a_header_it_cannot_read_is_an_error_naming_the_header() -> None:
    text = fixture_text("tilinp_ta_plus_teur.txt").replace("\tTa-muut.\t", "\tTa-siirrot\t")
    with pytest.raises(
        ExtractionError, match=r"unexpected column 'Ta-siirrot'.*header: 'Rakennuslautakunta t€ \| Tilinp"
    ):
        _header("tilinp_ta_plus_teur.txt", text)


def test_operational_plan_beside_the_budget_is_stored_as_the_budget_in_force() -> None:
    text = (
        "TILINPÄÄTÖS 2025\n\n"
        "Sivistyslautakunta\tTP 2024\tTA 2025\tKS 2025\tToteuma 2025\tErotus\n"
        "Toimintakulut\t-900\t-1 000\t-1 050\t-1 020\t30\n"
    )
    lines = text.splitlines()
    header = read_header(find_layout(lines).tables[0], "f.txt", 2025, lines)
    assert header is not None
    assert [(column.key, column.year, column.text) for column in header.columns] == [
        (PRIOR_ACTUAL, 2024, "TP 2024"),
        (BUDGET_ORIGINAL, 2025, "TA 2025"),
        (BUDGET, 2025, "KS 2025"),
        (ACTUAL, 2025, "Toteuma 2025"),
        (VARIANCE, 2025, "Erotus"),
    ]


@pytest.mark.parametrize("title", ["OOVALAN KUNNAN TILINPÄÄTÖS 2025", "Vaalan kunta \u2013 Tilinpäätös 2025"])
def test_a_header_without_years_takes_the_year_of_a_title_naming_the_municipality(title: str) -> None:
    text = f"{title}\n\nSivistyslautakunta\tEd.TP\tTA\tToteuma\nToimintakulut\t-900\t-1 000\t-1 020\n"
    header, _ = _header("f.txt", text)
    assert header is not None
    assert header.statement_year == 2025
    assert [(column.key, column.year) for column in header.columns] == [
        (PRIOR_ACTUAL, 2024),
        (BUDGET, 2025),
        (ACTUAL, 2025),
    ]


def test_a_table_without_a_budget_phase_is_no_budget_table() -> None:
    text = "TILINPÄÄTÖS 2025\n\nTunnusluku\tToteutuma 2024\tTavoite 2025\nAsukkaat\t100\t120\n"
    lines = text.splitlines()
    assert read_header(find_layout(lines).tables[0], "f.txt", 2025, lines) is None


@pytest.mark.parametrize(
    ("name", "label", "key", "euros", "decimals"),
    [
        ("dots_ta_muutokset.txt", "Toimintakulut", ACTUAL, "-6850437", 0),
        ("dots_ta_muutokset.txt", "Toimintakulut", VARIANCE, "-1199563", 0),
        ("thousands_actual_minus_budget.txt", "Toimintatuotot", ACTUAL, "337956300", -2),
        ("tilinp_ta_plus_teur.txt", "Toimintakulut", BUDGET_CHANGE, "-250000", -3),
        ("millions_budjetti_plus.txt", "Toimintakulut", BUDGET, "-1215550000", -4),
        ("bokslut_sv.txt", "Verksamhetens kostnader", BUDGET_ORIGINAL, "-14400000", 0),
        ("other_columns.txt", "Toimintakate", ACTUAL, "-4180512", 0),
    ],
)
def test_fixture_cell_in_euros(name: str, label: str, key: str, euros: str, decimals: int) -> None:
    header, _ = _header(name)
    assert header is not None
    block = find_layout(fixture_text(name).splitlines()).tables[0]
    body = block.rows[header.lines :]
    reader = cell_reader(body, header, name)
    row = next(row for row in body if split_footnote(row.cells[0].strip("*<b>/"))[0] == label)
    index = next(i for i, column in enumerate(header.columns) if column.key == key)
    printed = reader.printed(row.cells[index + 1])
    assert printed is not None
    assert reader.value(header.columns[index], printed) == Decimal(euros)
    places = max(0, -printed.as_tuple().exponent)  # type: ignore[operator]
    assert euro_decimals(places, header.scale) == decimals


def test_percentages_are_not_scaled() -> None:
    header, _ = _header("millions_budjetti_plus.txt")
    assert header is not None
    block = find_layout(fixture_text("millions_budjetti_plus.txt").splitlines()).tables[0]
    reader = cell_reader(block.rows[1:], header, "f")
    index = next(i for i, column in enumerate(header.columns) if column.key == EXECUTION_PCT)
    assert reader.value(header.columns[index], reader.printed("99,58")) == Decimal("99.58")


def test_footnote_marker_is_stripped_from_a_label() -> None:
    assert split_footnote("Toimintakate*)") == ("Toimintakate", "*")
    assert split_footnote("Toimintakate") == ("Toimintakate", "")
    assert split_footnote("Toimintakate 1)") == ("Toimintakate", "1")
    assert split_footnote("Koulukeskus (vaihe 2)") == ("Koulukeskus (vaihe 2)", "")
    assert split_footnote("Koulukeskus (vaihe 2) 1)") == ("Koulukeskus (vaihe 2)", "1")
    assert split_footnote("Poistoeron lisäys (-) tai vähennys (+)") == ("Poistoeron lisäys (-) tai vähennys (+)", "")


def test_a_superscript_digit_ending_a_label_is_a_footnote_marker() -> None:
    assert split_footnote("Toimintakulut¹") == ("Toimintakulut", "1")
    assert split_footnote("Toimintakulut ²") == ("Toimintakulut", "2")
    assert split_footnote("Toimintakate¹⁰") == ("Toimintakate", "10")
    assert split_footnote("Koulukeskus (vaihe 2)³") == ("Koulukeskus (vaihe 2)", "3")
    # A square or cubic metre ends a label with no marker.
    assert split_footnote("Vuokratut tilat, m²") == ("Vuokratut tilat, m²", "")
    assert split_footnote("Vesi, m³ 1)") == ("Vesi, m³", "1")


def test_an_asterisk_alone_ending_a_label_is_a_footnote_marker() -> None:
    assert split_footnote("Avustukset*") == ("Avustukset", "*")
    assert split_footnote("Avustukset **") == ("Avustukset", "**")


@pytest.mark.parametrize(
    ("cell", "split"),
    [
        ("-1 585,6*", ("-1 585,6", "*")),
        ("-1 585,6**", ("-1 585,6", "**")),
        ("-1 585,6 *)", ("-1 585,6", "*")),
        ("-1 585,6 1)", ("-1 585,6", "1")),
        ("-1 585,6¹", ("-1 585,6", "1")),
        ("<b>-1 585,6*</b>", ("-1 585,6", "*")),
        ("**-1 585,6***", ("-1 585,6", "*")),
        ("(1 585,6)*", ("(1 585,6)", "*")),
        ("(1 585,6) 2)", ("(1 585,6)", "2")),
        ("1 585,6-*", ("1 585,6-", "*")),
        ("102,3 %*", ("102,3 %", "*")),
        # No marker: a figure in bold, a negative in brackets, a bracket closing one opened before.
        ("**-1 585,6**", ("**-1 585,6**", "")),
        ("(1 585,6)", ("(1 585,6)", "")),
        ("(1 585 1)", ("(1 585 1)", "")),
        ("1 234 (1)", ("1 234 (1)", "")),
        # A marker after no figure: alone, after a dash, glued to the digits.
        ("1)", ("1)", "")),
        ("*", ("*", "")),
        ("-*)", ("-*)", "")),
        ("- 1)", ("- 1)", "")),
        ("1 585,61)", ("1 585,61)", "")),
    ],
)
def test_a_footnote_marker_ending_a_figure(cell: str, split: tuple[str, str]) -> None:
    assert split_figure_footnote(cell) == split


@pytest.mark.parametrize(
    ("label", "split"),
    [
        ("Toimintakate (sitova)", ("Toimintakate", "")),
        ("Toimintakate (sitova taso)", ("Toimintakate", "")),
        ("Toimintakate, sitova", ("Toimintakate", "")),
        ("TOIMINTAKATE (SITOVA)", ("TOIMINTAKATE", "")),
        ("Verksamhetsbidrag (bindande)", ("Verksamhetsbidrag", "")),
        ("Verksamhetsbidrag, bindande nivå", ("Verksamhetsbidrag", "")),
        ("Toimintakate (sitova)*)", ("Toimintakate", "*")),
        ("Toimintakate*) (sitova)", ("Toimintakate", "*")),
        ("Toimintakate (sitova taso) 1)", ("Toimintakate", "1")),
        ("Toimintakulut¹", ("Toimintakulut", "1")),
        # The binding level is stripped only as a note ending the label.
        ("Sitova toimintakate", ("Sitova toimintakate", "")),
        ("Toimintakate sitova", ("Toimintakate sitova", "")),
        ("Toimintakate (sitova) ja rahoitus", ("Toimintakate (sitova) ja rahoitus", "")),
        ("Koulukeskus (vaihe 2)", ("Koulukeskus (vaihe 2)", "")),
    ],
)
def test_a_note_of_the_binding_level_ending_a_label_is_left_out(label: str, split: tuple[str, str]) -> None:
    assert budget_columns.split_label(label) == split


@pytest.mark.parametrize(
    ("name", "convention"),
    [
        ("thousands_actual_minus_budget.txt", VarianceConvention.ACTUAL_MINUS_BUDGET),
        ("dots_ta_muutokset.txt", VarianceConvention.BUDGET_MINUS_ACTUAL),
        ("bokslut_sv.txt", VarianceConvention.ACTUAL_MINUS_BUDGET),
    ],
)
def test_variance_convention_of_a_fixture(name: str, convention: VarianceConvention) -> None:
    header, _ = _header(name)
    assert header is not None
    block = find_layout(fixture_text(name).splitlines()).tables[0]
    body = block.rows[header.lines :]
    reader = cell_reader(body, header, name)
    rows = [
        (
            row.line,
            {column.key: reader.printed(cell) for column, cell in zip(header.columns, row.cells[1:], strict=True)},
        )
        for row in body
    ]
    assert variance_detection(rows, Scale(header.scale.factor, None)).convention == convention


@pytest.mark.parametrize(
    "cell",
    [
        "Selite",
        "Käyttötalous",
        "Käyttötalous t€",
        "Driftsekonomi",
        # The board's finances, their outturn or the comparison with the budget: what the table
        # is, not whose.
        "Talous (1 000 €)",
        "Talous",
        "Talouden toteutuminen",
        "Toteutumisvertailu",
        "Talousarvion toteutumisvertailu",
        # The rows' kind (result areas), or the level the council binds, is no unit.
        "Tulosalue",
        "Tulosalueet",
        "Resultatområde",
        "Sitovuustaso: toimintakate",
        "Sitovuustaso toimintakate (1 000 €)",
        "Bindningsnivå: verksamhetsbidrag",
    ],
)
def test_a_first_cell_naming_no_unit_takes_the_heading_above(cell: str) -> None:
    lines = ["## Rakennus- ja ympäristölautakunta", "", f"{cell}\tTA 2025\tToteuma 2025", "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert reading.unit_label == "Rakennus- ja ympäristölautakunta"


@pytest.mark.parametrize("cell", ["Talouspalvelut", "Taloushallinto (1 000 €)", "Tulosalue Varhaiskasvatus"])
def test_a_first_cell_naming_a_unit_beside_those_words_is_the_unit(cell: str) -> None:
    lines = ["## Konsernipalvelut", "", f"{cell}\tTA 2025\tToteuma 2025", "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert reading.unit_label == cell.removesuffix(" (1 000 €)")


def test_a_heading_naming_the_finances_takes_the_one_over_it() -> None:
    lines = ["# Sivistyslautakunta", "## Talous", "", "Talous (1 000 €)\tTA 2025\tToteuma 2025", "Toimintakate\t-1\t-2"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert (reading.unit_label, reading.scale.factor) == ("Sivistyslautakunta", 1000)


@pytest.mark.parametrize(
    ("lines", "unit", "factor"),
    [
        (
            ["# Sivistyslautakunta", "", "## Käyttötalous", "", "Käyttötalous\tTA 2025\tToteuma 2025"],
            "Sivistyslautakunta",
            1,
        ),
        (
            ["# Tekninen lautakunta", "## Käyttötalous (1 000 €)", "Selite\tTA 2025\tToteuma 2025"],
            "Tekninen lautakunta",
            1000,
        ),
        # A bold caption ranks below every # heading: the walk goes up to the chapter.
        (["## Bildningsnämnden", "**Driftsekonomi**", "Förklaring\tBU 2025\tUtfall 2025"], "Bildningsnämnden", 1),
        # A chapter number is no part of the unit's name; Euroa (1 000) says thousands.
        (["## 3.2.1 Rakennuslautakunta", "", "Euroa (1 000)\tTA 2025\tToteuma 2025"], "Rakennuslautakunta", 1000),
        (["## 3.2.1 Rakennuslautakunta", "", "Euroa\tTA 2025\tToteuma 2025"], "Rakennuslautakunta", 1),
        # Nor are the statement or a heading of its kind a unit's name.
        (
            ["# Sivistyslautakunta", "## Talousarvion toteutuminen", "Selite\tTA 2025\tToteuma 2025"],
            "Sivistyslautakunta",
            1,
        ),
    ],
)
def test_a_heading_naming_no_unit_takes_the_one_over_it(lines: list[str], unit: str, factor: int) -> None:
    lines = [*lines, "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert (reading.unit_label, reading.scale.factor) == (unit, factor)


WRAPPED = [
    "Tekninen lautakunta\tTilinpäätös\tTalousarvio\tTA-\tTalousarvio\tToteuma\tPoikkeama\tToteuma",
    "euroa\t2024\t2025\tmuutokset\tmuutosten jälkeen\t2025\t\t%",
    "Toimintakate\t-1 000\t-1 100\t-50\t-1 150\t-1 120\t30\t97,4",
]


def test_a_header_wrapped_over_two_lines_is_read_as_one() -> None:
    (block,) = find_layout(WRAPPED).tables
    reading = read_header(block, "mem.txt", None, WRAPPED)
    assert reading is not None
    assert [(column.key, column.year, column.text) for column in reading.columns] == [
        ("prior_actual", 2024, "Tilinpäätös 2024"),
        ("budget_original", 2025, "Talousarvio 2025"),
        ("budget_change", 2025, "TA- muutokset"),
        ("budget", 2025, "Talousarvio muutosten jälkeen"),
        ("actual", 2025, "Toteuma 2025"),
        ("variance", 2025, "Poikkeama"),
        ("execution_pct", None, "Toteuma %"),
    ]
    assert (reading.unit_label, reading.lines, reading.scale.factor) == ("Tekninen lautakunta", 2, 1)


WRAPPED_SV = [
    "Tekniska nämnden\tBokslut\tBudget\tBudget-\tBudget efter\tUtfall\tAvvikelse",
    "euro\t2024\t2025\tändringar\tändringar\t2025\t",
    "Verksamhetsbidrag\t-1 000\t-1 100\t-50\t-1 150\t-1 120\t-30",
]


def test_a_swedish_header_wrapped_at_a_hyphen_is_read_as_one() -> None:
    # `Budget-` over `ändringar`: one word broken at the wrap, the budget changes.
    (block,) = find_layout(WRAPPED_SV).tables
    reading = read_header(block, "mem.txt", None, WRAPPED_SV)
    assert reading is not None
    assert [(column.key, column.year, column.text) for column in reading.columns] == [
        ("prior_actual", 2024, "Bokslut 2024"),
        ("budget_original", 2025, "Budget 2025"),
        ("budget_change", 2025, "Budget- ändringar"),
        ("budget", 2025, "Budget efter ändringar"),
        ("actual", 2025, "Utfall 2025"),
        ("variance", 2025, "Avvikelse"),
    ]
    assert (reading.unit_label, reading.lines) == ("Tekniska nämnden", 2)


def test_a_wrapped_header_s_second_line_may_name_the_scale() -> None:
    lines = [WRAPPED[0], WRAPPED[1].replace("euroa", "t€"), WRAPPED[2]]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", None, lines)
    assert reading is not None
    assert (reading.lines, reading.scale.factor) == (2, 1000)


def test_a_wrapped_header_s_unit_cell_may_print_its_thousand() -> None:
    lines = [WRAPPED[0], WRAPPED[1].replace("euroa", "1 000 €"), WRAPPED[2]]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", None, lines)
    assert reading is not None
    assert (reading.lines, reading.scale.factor) == (2, 1000)


def test_a_unit_noted_under_the_last_table_of_its_section_is_its_unit() -> None:
    table = ["## Tekninen lautakunta", "", "Tekninen lautakunta\tTA 2025\tToteuma 2025", "Toimintakate\t-2 380\t-2 344"]
    lines = [*table, "", "Luvut tuhansina euroina.", "", "## Seuraava"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert reading.scale.factor == 1000
    # Where another table follows, the line is that table's, above it: the first reads as euros.
    lines = [*table, "", "Luvut tuhansina euroina.", "", "Toinen\tTA 2025\tToteuma 2025", "Toimintakate\t-1\t-2"]
    first, second = find_layout(lines).tables
    readings = [read_header(block, "mem.txt", 2025, lines) for block in (first, second)]
    assert [reading.scale.factor for reading in readings if reading is not None] == [1, 1000]


def test_a_line_of_years_under_a_header_is_its_second_line() -> None:
    lines = ["Tekninen lautakunta\tEd.TP\tTA\tToteuma", "euroa\t2024\t2025\t2025", "Toimintakate\t-1\t-2\t-3"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert [(column.key, column.year) for column in reading.columns] == [
        ("prior_actual", 2024),
        ("budget", 2025),
        ("actual", 2025),
    ]
    # Under a header that prints its years already, it is an error, never a row `euroa` of
    # figures 2024, 2025 and 2025.
    lines[0] = "Tekninen lautakunta\tTP 2024\tTA 2025\tToteuma 2025"
    (block,) = find_layout(lines).tables
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: unexpected column 'TP 2024 2024'"):
        read_header(block, "mem.txt", 2025, lines)


@pytest.mark.parametrize(
    "second",
    [
        # A caption row under a header complete on its own line is the table's first row.
        "<b>TOIMINTATUOTOT</b>\t\t\t\t\t\t\t",
        # A row of figures is no header line.
        "Toimintatuotot\t100\t110\t0\t110\t120\t10\t109,1",
    ],
)
def test_a_line_under_a_complete_header_is_no_part_of_it(second: str) -> None:
    lines = [
        "Tekninen lautakunta\tTP 2024\tTA 2025\tTA-muutokset\tTA muutosten jälkeen\tToteuma 2025\tPoikkeama\tTot-%",
        second,
    ]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert reading.lines == 1


def test_a_wrapped_header_whose_second_line_prints_figures_is_an_error() -> None:
    lines = [WRAPPED[0], WRAPPED[2]]
    (block,) = find_layout(lines).tables
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: unexpected column 'TA-'"):
        read_header(block, "mem.txt", 2025, lines)


@pytest.mark.parametrize("title", ["**TILINPÄÄTÖS 2025**", "# VAALAN KUNTA TILINPÄÄTÖS 2025", "# KUUSIVAARAN KUNTA"])
def test_a_table_under_headings_naming_no_unit_is_an_error(title: str) -> None:
    lines = [title, "## Käyttötalous", "Selite\tTA 2025\tToteuma 2025", "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    with pytest.raises(ExtractionError, match=r"^mem\.txt:3: budget table header does not name its unit"):
        read_header(block, "mem.txt", 2025, lines)


def test_a_first_cell_naming_no_unit_under_no_heading_is_an_error() -> None:
    lines = ["Selite\tTA 2025\tToteuma 2025", "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    with pytest.raises(ExtractionError, match=r"^mem\.txt:1: budget table header does not name its unit"):
        read_header(block, "mem.txt", 2025, lines)


def test_a_heading_standing_in_for_the_unit_cell_loses_its_unit() -> None:
    lines = ["## Konsernipalvelut (1 000 €)", "", "Selite\tTA 2025\tToteuma 2025", "Toimintakate\t-1 000\t-900"]
    (block,) = find_layout(lines).tables
    reading = read_header(block, "mem.txt", 2025, lines)
    assert reading is not None
    assert (reading.unit_label, reading.scale.factor) == ("Konsernipalvelut", 1000)


def _read_one(header: str, row: str) -> HeaderReading | None:
    lines = ["TILINPÄÄTÖS 2025", "", f"Tekninen lautakunta\t{header}", f"Toimintakate\t{row}"]
    (block,) = find_layout(lines).tables
    return read_header(block, "mem.txt", 2025, lines)


def test_actuals_of_two_prior_years_are_each_under_their_own_year() -> None:
    """``TP 2023`` is kept with its header; ``TP 2024`` is the prior-year actual (never the 2023 one)."""
    reading = _read_one("TP 2023\tTP 2024\tTA 2025\tTP 2025", "-21 000\t-20 452\t-21 335\t-22 564")
    assert reading is not None
    assert [(column.key, column.year) for column in reading.columns] == [
        ("other:TP 2023", 2023),
        (PRIOR_ACTUAL, 2024),
        (BUDGET, 2025),
        (ACTUAL, 2025),
    ]


@pytest.mark.parametrize(
    ("header", "stored", "headers"),
    [
        ("TP 2024\tTA 2025\tTP 2025\tPoikkeama 2024\tPoikkeama 2025", VARIANCE, "'Poikkeama 2024', 'Poikkeama 2025'"),
        (
            "TP 2024\tTA 2024 muutokset\tTA 2025\tTA-muutokset\tTA 2025 muutosten jälkeen\tTP 2025",
            BUDGET_CHANGE,
            "'TA 2024 muutokset', 'TA-muutokset'",
        ),
    ],
)
def test_two_columns_stored_under_one_key_are_an_error_naming_them(header: str, stored: str, headers: str) -> None:
    """The row holds one figure of each key: the second column's figures would replace the first's."""
    row = "\t".join(["-1"] * (header.count("\t") + 1))
    message = rf"^mem\.txt:3: budget table header has two '{stored}' columns \({headers}\)"
    with pytest.raises(ExtractionError, match=message):
        _read_one(header, row)


@pytest.mark.parametrize(
    ("header", "why"),
    [
        # A change after the actual (TP 2025 - TP 2024) makes TA 2025 read as the original budget.
        (
            "TP 2024\tTA 2025\tTP 2025\tMuutokset",
            "'TA 2025' is the original budget beside the changes 'Muutokset', and no budget after the changes",
        ),
        ("TP 2024\tTA 2025\tTA-muutokset\tTP 2025", "'TA 2025' is the original budget beside the changes"),
        ("TP 2024\tAlkuperäinen TA 2025\tTP 2025", "'Alkuperäinen TA 2025' is the original budget, and no budget"),
    ],
)
def test_a_header_without_the_budget_in_force_is_an_error_at_its_line(header: str, why: str) -> None:
    row = "\t".join(["-1"] * (header.count("\t") + 1))
    with pytest.raises(
        ExtractionError, match=rf"^mem\.txt:3: budget table header has no budget in force for 2025: {why}"
    ):
        _read_one(header, row)


@pytest.mark.parametrize(
    ("label", "split"),
    [
        ("Toimintakate \u2013 Verksamhetsbidrag", ("Toimintakate", "")),
        ("Toimintakate - Verksamhetsbidrag", ("Toimintakate", "")),
        ("Toimintakate \u2014 Verksamhetsbidrag", ("Toimintakate", "")),
        ("Toimintatuotot / Verksamhetens intäkter", ("Toimintatuotot", "")),
        ("TOIMINTAKATE \u2013 VERKSAMHETSBIDRAG", ("TOIMINTAKATE", "")),
        ("Toimintakate \u2013 Verksamhetsbidrag (sitova)*)", ("Toimintakate", "*")),
        # The chart's further names: Nettomenot is a unit's Toimintakate beside Menot.
        ("Nettomenot \u2013 Nettoutgifter", ("Nettomenot", "")),
        (
            "Rahoitustuotot ja \u2013kulut \u2013 Finansiella intäkter och kostnader",
            ("Rahoitustuotot ja \u2013kulut", ""),
        ),
        # Swedish first, as a city whose majority is Swedish-speaking prints it.
        ("Verksamhetsbidrag / Toimintakate", ("Toimintakate", "")),
        ("Verksamhetens intäkter \u2013 Toimintatuotot", ("Toimintatuotot", "")),
        # The Treasury's labels in either half (ref_ktas_income_statement_labels).
        ("Toimintatuotot \u2013 Verksamhetsintäkter", ("Toimintatuotot", "")),
        ("Verksamhetsintäkter / Toimintatuotot", ("Toimintatuotot", "")),
        ("Toimintatulot \u2013 Verksamhetsintäkter", ("Toimintatulot", "")),
        # The further names (ref_line_item_names): Skatteintäkter for Skatteinkomster.
        ("Verotulot \u2013 Skatteintäkter", ("Verotulot", "")),
    ],
)
def test_a_label_in_finnish_and_swedish_reads_as_its_finnish_half(label: str, split: tuple[str, str]) -> None:
    assert budget_columns.split_label(label) == split


@pytest.mark.parametrize(
    ("finnish", "swedish"),
    [
        ("Rahoitustuotot ja -kulut", "Finansiella intäkter och kostnader"),
        ("Tilikauden ylijäämä (+) / alijäämä (-)", "Räkenskapsperiodens överskott (underskott)"),
        ("Poistoeron lisäys (-) tai vähennys (+)", "Ökning (-) eller minskning (+) av avskrivningsdifferens"),
    ],
)
def test_a_dash_or_slash_of_the_name_itself_stays(finnish: str, swedish: str) -> None:
    assert budget_columns.split_label(finnish) == (finnish, "")
    assert budget_columns.split_label(f"{finnish} \u2013 {swedish}") == (finnish, "")


def test_halves_naming_two_lines_or_none_stay_as_printed() -> None:
    assert budget_columns.split_label("Toimintakate \u2013 Verksamhetsbidrag") == ("Toimintakate", "")
    for label in (
        "Toimintatuotot \u2013 Verksamhetens kostnader",
        "Toimintakate \u2013 Årsbidrag",
        "Toimintakate\u2013Verksamhetsbidrag",
        "Verksamhetens kostnader \u2013 Toimintatuotot",
        "Koulut \u2013 Skolor",
        "Toimintakate \u2013 Verksamhetsbidrag \u2013 Operating margin",
    ):
        assert budget_columns.split_label(label) == (label, ""), label


@pytest.mark.parametrize("marker", [" (jatkuu)", " (JATKUU)", " (jatk.)", " jatkuu", ", jatkuu", " (forts.)"])
def test_a_unit_cell_noting_the_table_goes_on_reads_as_the_header_itself(marker: str) -> None:
    """``Sivistyslautakunta (jatkuu)``: the unit is Sivistyslautakunta, and the header is the one
    its first page printed, as a repeated header is."""
    header = "<b>Sivistyslautakunta{}</b>\tTP 2024\tTA 2025\tTP 2025"
    rows = ["Henkilöstökulut\t-58 420\t-59 800\t-59 513"]
    first, continued = (
        read_header(find_layout([header.format(note), *rows]).tables[0], "k.txt", 2025, []) for note in ("", marker)
    )
    assert first is not None
    assert continued is not None
    assert (continued.unit_label, continued.signature) == ("Sivistyslautakunta", first.signature)
