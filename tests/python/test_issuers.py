"""Whose table a table is (``tables.issuers``): a toimiala's, a municipal enterprise's own
statements and budget parts are that unit's, never the whole city's; the city's only where
nothing narrower names it. The texts are the probes' reports, cut down; expected figures read by
hand from them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kuntatalous.extract import extract_paths
from kuntatalous.output.records import Record

OPERATING_SUMMARY = "Toimintatuotot\t100\t120\nToimintakulut\t-300\t-310\nToimintakate\t-200\t-190\n"


def _write(folder: Path, name: str, title: str, text: str) -> Path:
    report = folder / name
    report.write_text(f"{title}\n\nTILINPÄÄTÖS 2025\n\n{text}", encoding="utf-8")
    return report


def _placed(rows: list[Record]) -> list[tuple[object, ...]]:
    """Each row's line, statement, unit label and whole-city flag."""
    return [(row["source_line"], row["table_kind"], row["unit_label"], row["is_city_statement"]) for row in rows]


def test_a_toimialas_income_statement_whose_unit_cell_names_it_is_the_toimialas(tmp_path: Path) -> None:
    """Under ``### Toimialan tuloslaskelma`` it was loaded as the whole city's (finding A1)."""
    report = _write(
        tmp_path,
        "espoo_tp2025_r01.txt",
        "ESPOON KAUPUNKI",
        f"## Kasvun ja oppimisen toimiala\n\nKasvun ja oppimisen toimiala\tTA 2025\tTP 2025\n{OPERATING_SUMMARY}\n"
        "### Toimialan tuloslaskelma\n\nKasvun ja oppimisen toimiala\tTA 2025\tTP 2025\n"
        "Myyntituotot\t40\t50\nMaksutuotot\t60\t70\nToimintatuotot\t100\t120\nToimintakate\t-200\t-190\n",
    )
    rows = extract_paths([report]).budget_rows
    unit = "Kasvun ja oppimisen toimiala"
    assert _placed(rows)[3:] == [
        (15, "operating", unit, False),
        (16, "operating", unit, False),
        (17, "operating", unit, False),
        (18, "operating", unit, False),
    ]
    assert (rows[3]["budget_eur"], rows[3]["actual_eur"]) == (Decimal(40), Decimal(50))


OULUN_VESI = (
    "## Oulun Vesi -liikelaitos\n\n"
    "Oulun Vesi -liikelaitos, 1 000 €\tTA 2025\tToteutuma 2025\n"
    "Toimintatuotot\t66 000\t67 579\nToimintakulut\t-30 000\t-29 888\n"
    "**Toimintakate**\t**36 000**\t**37 691**\n\n"
    "### Tuloslaskelma\n\n"
    "Tuloslaskelma (1 000 €)\t1.1.-31.12.2025\t1.1.-31.12.2024\n"
    "Toimintatuotot\t67 579\t65 555\nToimintakulut\t-29 888\t-28 641\n"
    "**Toimintakate**\t**37 691**\t**36 914**\n\n"
    "### Rahoituslaskelma\n\n"
    "Rahoituslaskelma (1 000 €)\t2025\t2024\n"
    "Vuosikate\t31 079\t30 371\nInvestointimenot\t-22 345\t-20 111\n"
    "**Toiminnan ja investointien rahavirta**\t**8 734**\t**10 260**\n"
)
"""Oulu's water utility (probe A's repro 02, lines 5 to 25): its section's operating table, then
its own statements of actuals under ``###`` headings of the statement alone."""


def test_an_enterprises_own_statements_are_its_actuals(tmp_path: Path) -> None:
    """They were loaded as the whole city of Oulu's income and financing statements (finding A2)."""
    rows = extract_paths([_write(tmp_path, "oulu_tp2025_r06.txt", "OULUN KAUPUNKI", OULUN_VESI)]).budget_rows
    unit = "Oulun Vesi -liikelaitos"
    assert _placed(rows)[3:] == [
        (15, "operating", unit, False),
        (16, "operating", unit, False),
        (17, "operating", unit, False),
        (22, "financing", unit, False),
        (23, "financing", unit, False),
        (24, "financing", unit, False),
    ]
    figures = [(row["actual_year"], row["actual_eur"], row["prior_year"], row["prior_actual_eur"]) for row in rows]
    assert figures[3] == (2025, Decimal(67_579_000), 2024, Decimal(65_555_000))
    assert figures[7] == (2025, Decimal(-22_345_000), 2024, Decimal(-20_111_000))


def test_an_enterprises_statement_labelled_with_its_name_is_read_as_its_actuals(tmp_path: Path) -> None:
    """``Kuopion Tilakeskus -liikelaitoksen tuloslaskelma (1 000 €) | 1.1.-31.12.2025 | …`` was a
    table not understood, which failed the build (finding B8)."""
    text = (
        "## Kuopion Tilakeskus -liikelaitos\n\nKuopion Tilakeskus\tTA 2025\tTP 2025\n"
        "Toimintatuotot\t97 800 000\t98 450 000\nToimintakulut\t-60 800 000\t-61 410 000\n"
        "<b>Toimintakate</b>\t<b>37 000 000</b>\t<b>37 040 000</b>\n\n### Tuloslaskelma\n\n"
        "Kuopion Tilakeskus -liikelaitoksen tuloslaskelma (1 000 €)\t1.1.-31.12.2025\t1.1.-31.12.2024\n"
        "Liikevaihto\t98 450\t95 210\nLiiketoiminnan muut kulut\t-82 660\t-79 520\n"
        "Liikeylijäämä (-alijäämä)\t15 790\t15 690\n"
    )
    extracted = extract_paths([_write(tmp_path, "kuopio_tp2025_r08.txt", "KUOPION KAUPUNKI", text)])
    assert extracted.rejects == []
    rows = extracted.budget_rows
    assert _placed(rows)[3:] == [(line, "operating", "Kuopion Tilakeskus", False) for line in (15, 16, 17)]
    assert (rows[3]["actual_eur"], rows[3]["prior_actual_eur"]) == (Decimal(98_450_000), Decimal(95_210_000))


def test_an_investment_programme_captioned_with_its_owner_is_its(tmp_path: Path) -> None:
    """The caption line between ``## Investoinnit`` and the table names the toimiala in the
    genitive; two toimialas' sections stand above: it was a reject naming no unit (finding A4)."""
    text = (
        f"## Kaupunkiympäristön toimiala\n\nKaupunkiympäristön toimiala\tTA 2025\tTP 2025\n{OPERATING_SUMMARY}\n"
        f"## Kasvatuksen ja oppimisen toimiala\n\nKasvatuksen ja oppimisen toimiala\tTA 2025\tTP 2025\n"
        f"{OPERATING_SUMMARY}\n## Investoinnit\n\n"
        "Kaupunkiympäristön toimialan investoinnit hankkeittain, 1 000 €\n\n"
        "Hanke\tTA 2025\tTP 2025\n**Kunnallistekniikka**\t\t\nKivistön keskustan kadut\t6 500\t5 876\n"
        "Raitiotien katutyöt\t28 000\t24 321\nKunnallistekniikka yhteensä\t34 500\t30 197\n"
        "**Investointimenot yhteensä**\t**34 500**\t**30 197**\n"
    )
    extracted = extract_paths([_write(tmp_path, "vantaa_tp2025_r02.txt", "VANTAAN KAUPUNKI", text)])
    assert extracted.rejects == []
    rows = [row for row in extracted.budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["is_city_statement"]) for row in rows} == {("Kaupunkiympäristön toimiala", False)}
    assert [(row["source_line"], row["budget_eur"], row["actual_eur"]) for row in rows][1:3] == [
        (25, Decimal(6_500_000), Decimal(5_876_000)),
        (26, Decimal(28_000_000), Decimal(24_321_000)),
    ]


JOENSUUN_VESI = (
    "## Joensuun Vesi -liikelaitos\n\n"
    "Tuloslaskelmaosa\tTA 2025\tTP 2025\nLiikevaihto\t22 400 000\t22 611 540\n"
    "Henkilöstökulut\t-2 950 000\t-2 908 116\n"
    "<b>Tilikauden ylijäämä (alijäämä)</b>\t<b>3 300 000</b>\t<b>3 560 789</b>\n\n"
    "### Joensuun Veden investoinnit\n\n"
    "Investointiosa\tTA 2025\tTP 2025\nVesijohtoverkosto\t-3 400 000\t-3 288 115\n"
    "<b>Investointimenot yhteensä</b>\t<b>-3 400 000</b>\t<b>-3 288 115</b>\n"
)
"""Joensuu's water utility (probe B's repro 03/02, cut down): its budget's parts labelled by the
part alone, under the enterprise's heading."""


def test_an_enterprises_budget_parts_are_its_own(tmp_path: Path) -> None:
    """``Investointiosa`` was the whole city's investments (finding B2); ``Tuloslaskelmaosa`` a unit
    named so, one for two enterprises (finding B3)."""
    vesi = _write(tmp_path, "joensuu_tp2025_joensuun_vesi.txt", "JOENSUUN KAUPUNKI", JOENSUUN_VESI)
    tilakeskus = JOENSUUN_VESI.split("\n\n###")[0].replace("Joensuun Vesi", "Joensuun Tilakeskus") + "\n"
    _write(tmp_path, "joensuu_tp2025_joensuun_tilakeskus.txt", "JOENSUUN KAUPUNKI", tilakeskus)
    placed = {(row["source_file"], *_placed([row])[0][1:]) for row in extract_paths([tmp_path]).budget_rows}
    assert placed == {
        (vesi.name, "operating", "Joensuun Vesi -liikelaitos", False),
        (vesi.name, "investment", "Joensuun Vesi -liikelaitos", False),
        ("joensuu_tp2025_joensuun_tilakeskus.txt", "operating", "Joensuun Tilakeskus -liikelaitos", False),
    }


def test_an_enterprises_parts_and_statements_in_sections_of_their_own_are_its(tmp_path: Path) -> None:
    """Kuopio's premises enterprise: its budget's parts and its statements under sibling ``##``
    headings that name it only in part (``Tilakeskuksen investoinnit``), in a report of no other
    unit: the enterprise's, not the city's (findings B2, B8 in probe B's full report)."""
    text = (
        "## 5 Kuopion Tilakeskus -liikelaitos\n\n"
        "Tuloslaskelmaosa (1 000 €)\tTA 2025\tToteutuma 2025\nLiikevaihto\t97 800\t98 450\n"
        "<b>Tilikauden ylijäämä (alijäämä)</b>\t<b>9 300</b>\t<b>9 900</b>\n\n"
        "## Tilakeskuksen investoinnit\n\n"
        "Investointiosa (1 000 €)\tTA 2025\tToteutuma 2025\nUudisrakentaminen\t-34 500\t-30 140\n"
        "<b>Investointimenot yhteensä</b>\t<b>-34 500</b>\t<b>-30 140</b>\n\n"
        "## Tilakeskuksen tilinpäätöslaskelmat\n\n### Rahoituslaskelma\n\n"
        "Kuopion Tilakeskus -liikelaitoksen rahoituslaskelma (1 000 €)\t2025\t2024\n"
        "Vuosikate\t31 960\t31 140\n<b>Rahavarojen muutos</b>\t<b>-5 956</b>\t<b>-5 960</b>\n"
    )
    extracted = extract_paths([_write(tmp_path, "kuopio_tp2025_r.txt", "KUOPION KAUPUNKI", text)])
    assert extracted.rejects == []
    assert {(kind, unit, city) for _, kind, unit, city in _placed(extracted.budget_rows)} == {
        ("operating", "Kuopion Tilakeskus -liikelaitos", False),
        ("investment", "Kuopion Tilakeskus -liikelaitos", False),
        ("financing", "Kuopion Tilakeskus -liikelaitos", False),
    }


@pytest.mark.parametrize(
    "chapter",
    [
        # The city's budget parts under the budget's execution, after a board's section.
        "# Talousarvion toteutuminen\n\n## Tekninen lautakunta\n\n",
        # Under a board's chapter too: only an enterprise's budget has parts of its own.
        "# Tekninen lautakunta\n\n",
    ],
)
def test_the_citys_budget_parts_stay_the_citys(tmp_path: Path, chapter: str) -> None:
    text = (
        f"{chapter}Tekninen lautakunta\tTA 2025\tTP 2025\n{OPERATING_SUMMARY}\n"
        "## Tuloslaskelmaosan toteutuminen\n\nTuloslaskelmaosa\tTA 2025\tTP 2025\n"
        "Toimintakate\t-9 000\t-8 900\nVerotulot\t7 000\t7 100\nVuosikate\t-2 000\t-1 800\n\n"
        "## Rahoitusosan toteutuminen\n\nRahoitusosa\tTA 2025\tTP 2025\n"
        "Vuosikate\t-2 000\t-1 800\n<b>Rahavarojen muutos</b>\t<b>-9 000</b>\t<b>-8 700</b>\n"
    )
    rows = extract_paths([_write(tmp_path, "vaala_tp2025_r.txt", "VAALAN KUNTA", text)]).budget_rows
    assert {(kind, unit, city) for _, kind, unit, city in _placed(rows)} == {
        ("operating", "Tekninen lautakunta", False),
        ("operating", "Tuloslaskelmaosa", True),
        ("financing", "Rahoitusosa", True),
    }


KUSTAVI = (
    "# 2 TALOUSARVION TOTEUTUMINEN\n\n"
    "## Yleishallinto\n\nYleishallinto\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintatulot\t45 019\t46 200\t44 523\nToimintamenot\t-836 372\t-853 000\t-943 010\n"
    "<b>Toimintakate</b>\t<b>-791 353</b>\t<b>-806 800</b>\t<b>-898 487</b>\n\n"
    "## Tekninen toimi\n\nTekninen toimi\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintatulot\t560 401\t589 200\t619 810\nToimintamenot\t-1 320 991\t-1 430 100\t-1 512 269\n"
    "<b>Toimintakate</b>\t<b>-760 590</b>\t<b>-840 900</b>\t<b>-892 459</b>\n\n"
    "### Toiminnalliset tavoitteet\n\nTavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio\n"
    "Tiestö kunnostetaan.\tKunnostetut tiet\t3 km\t3,4 km\tToteutui.\n\n"
    "## 2.3 Investointien toteutuminen\n\n"
    "Investoinnit\tTA 2025\tTP 2025\nMenot\t490 000\t458 075\nTulot\t90 000\t74 300\nNetto\t400 000\t383 775\n\n"
    "## 2.4 Tunnusluvut\n\n"
    "Tunnusluku\tYksikkö\tTP 2024\tTA 2025\tTP 2025\nAsukasluku 31.12.\tas.\t1 031\t1 025\t1 019\n"
)
"""Kustavi's budget execution (probe C's kustavi_tp2025.txt, lines 5 to 127, cut down): two
tehtäväalueet side by side under ``# 2``, the second with its goals under ``###``, then the
municipality's investments and key figures under ``##`` headings of the units' rank naming none.
Lines (after ``_write``'s title): the units' tables 9 and 16, the goals 23, the investment table
28, the key figures 35."""


def test_investments_beside_the_units_sections_of_a_chapter_are_the_citys(tmp_path: Path) -> None:
    """``## 2.3 Investointien toteutuminen`` closes the tehtäväalueet's sections: its table was
    loaded as the first one's, Yleishallinto's, with no warning (finding 2)."""
    report = _write(tmp_path, "kustavi_tp2025.txt", "KUSTAVIN KUNTA", KUSTAVI)
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert _placed(rows) == [
        (29, "investment", "Investoinnit", True),
        (30, "investment", "Investoinnit", True),
        (31, "investment", "Investoinnit", True),
    ]
    assert [(row["budget_eur"], row["actual_eur"]) for row in rows] == [
        (Decimal(490_000), Decimal(458_075)),
        (Decimal(90_000), Decimal(74_300)),
        (Decimal(400_000), Decimal(383_775)),
    ]


def _city_chapters(report: Path) -> dict[int, tuple[object, object]]:
    """Each table's first line: its kind and whether it stands in a chapter of the city's."""
    tables = extract_paths([report]).tables
    return {int(str(table["first_line"])): (table["table_kind"], table["is_city_chapter"]) for table in tables}


def test_key_figures_beside_the_units_sections_of_a_chapter_are_the_citys(tmp_path: Path) -> None:
    """``## 2.4 Tunnusluvut``: the municipality's population went to Tekninen toimi, the unit
    printed last (finding 4); the goals in Tekninen toimi's own section stay its."""
    report = _write(tmp_path, "kustavi_tp2025.txt", "KUSTAVIN KUNTA", KUSTAVI)
    assert _city_chapters(report) == {
        9: ("operating", False),
        16: ("operating", False),
        23: ("goals", False),
        28: ("investment", True),
        35: ("key_figures", True),
    }


KITTILA = (
    "# 5 TALOUSARVION TOTEUTUMINEN\n\n"
    "## 5.1 Käyttötalousosan toteutuminen\n\nValtuusto on hyväksynyt sitovuustasoksi toimielimen toimintakatteen.\n\n"
    "## Sivistyslautakunta\n\nSivistyslautakunta\tTilinpäätös 2024\tTalousarvio 2025\tToteutuma 2025\n"
    "Toimintatuotot\t1 021 400\t980 000\t1 104 226\nToimintakulut\t-15 402 330\t-15 980 000\t-16 251 904\n"
    "<b>Toimintakate (sitova)</b>\t<b>-14 380 930</b>\t<b>-15 000 000</b>\t<b>-15 147 678</b>\n\n"
    "## Rakennus- ja ympäristölautakunta\n\n"
    "Rakennus- ja ympäristölautakunta\tTilinpäätös 2024\tTalousarvio 2025\tToteutuma 2025\n"
    "Toimintatuotot\t402 100\t450 000\t512 944\nToimintakulut\t-1 012 380\t-1 060 000\t-1 019 522\n"
    "<b>Toimintakate (sitova)</b>\t<b>-610 280</b>\t<b>-610 000</b>\t<b>-506 578</b>\n\n"
    "## Hankkeet\n\n"
    "Hanke\tRahoittaja\tToteutusaika\tKokonaisrahoitus €\tKunnan rahoitusosuus %\tToteutunut 31.12.2025 €\n"
    "Levin matkailukeskuksen saavutettavuus\tLapin liitto (EAKR)\t2024\u20132026\t480 000\t30 %\t212 400\n"
    "Nuorten työpajatoiminta\tOpetus- ja kulttuuriministeriö\t2025\t96 000\t20 %\t88 640\n"
    "<b>Yhteensä</b>\t\t\t<b>576 000</b>\t\t<b>301 040</b>\n\n"
    "# 6 KITTILÄN VESI -LIIKELAITOS\n\n## Kittilän Vesi -liikelaitos\n\n"
    "Kittilän Vesi -liikelaitos\tTilinpäätös 2024\tTalousarvio 2025\tToteutuma 2025\n"
    "Liikevaihto\t3 412 880\t3 550 000\t3 688 412\nHenkilöstökulut\t-512 004\t-540 000\t-528 733\n\n"
    "### Toiminnalliset tavoitteet\n\nTavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio\n"
    "Vesi on puhdasta.\tLaatupoikkeamat\t0\t0\tToteutui.\n\n"
    "# 7 TUNNUSLUVUT\n\n"
    "Tunnusluku\tTP 2024\tTA 2025\tTP 2025\nAsukasluku 31.12.\t6 655\t6 700\t6 688\n"
)
"""Kittilä's report (probe C's kittila_tp2025.txt, lines 5 to 128, cut down): two boards side
by side under ``# 5`` (their tables at lines 13 and 20 after ``_write``'s title), the
municipality's projects under ``## Hankkeet`` (27), the water utility's chapter, its table (36)
and goals (42), then the key figures under ``# 7`` (47)."""


def test_projects_and_key_figures_after_a_chapter_of_units_are_the_citys(tmp_path: Path) -> None:
    """The projects (``## Hankkeet`` under ``# 5``) and the key figures (``# 7 TUNNUSLUVUT``)
    went to the building board, printed last in ``# 5`` (finding 4); the water utility's goals
    in its own chapter stay its."""
    report = _write(tmp_path, "kittila_tp2025.txt", "KITTILÄN KUNTA", KITTILA)
    assert _city_chapters(report) == {
        13: ("operating", False),
        20: ("operating", False),
        27: ("projects", True),
        36: ("operating", False),
        42: ("goals", False),
        47: ("key_figures", True),
    }


def test_investments_after_one_boards_section_in_its_chapter_stay_the_boards(tmp_path: Path) -> None:
    """A chapter holding one board's section, its area's under ``###``: no units side by side,
    so ``## Investoinnit`` there is the board's, and its key figures beside it are no city's."""
    text = (
        "# 3 SIVISTYSTOIMI\n\n## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tTP 2025\n"
        f"{OPERATING_SUMMARY}\n### Perusopetus\n\nPerusopetus\tTA 2025\tTP 2025\n{OPERATING_SUMMARY}\n"
        "## Investoinnit\n\nInvestoinnit\tTA 2025\tTP 2025\nMenot\t-3 000\t-2 400\nNetto\t-3 000\t-2 400\n\n"
        "## Tunnusluvut\n\nTunnusluku\tTP 2024\tTA 2025\tTP 2025\nOppilaat\t58\t60\t61\n"
    )
    report = _write(tmp_path, "luhanka_tp2025.txt", "LUHANGAN KUNTA", text)
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert _placed(rows) == [
        (24, "investment", "Sivistyslautakunta", False),
        (25, "investment", "Sivistyslautakunta", False),
    ]
    assert _city_chapters(report)[29] == ("key_figures", False)


def test_goals_under_a_units_heading_beside_the_units_sections_are_no_citys(tmp_path: Path) -> None:
    """``## Sivistyslautakunta``, which prints no table of its own, over its goals after the
    chapter's units' sections: a heading naming a unit, so not beside them as the city's."""
    text = KUSTAVI.split("## 2.3")[0] + (
        "## Sivistyslautakunta\n\n### Toiminnalliset tavoitteet\n\n"
        "Tavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio\n"
        "Koulu on turvallinen.\tKouluterveyskysely\t80 %\t86 %\tToteutui.\n"
    )
    report = _write(tmp_path, "kustavi_tp2025.txt", "KUSTAVIN KUNTA", text)
    assert _city_chapters(report)[30] == ("goals", False)


SECTION_WITH_AREAS_AFTER = (
    "## Vesihuoltopalvelut\n\n"
    "Vesihuoltopalvelut 1000 euroa\tToteutunut 2024\tTalousarvio 2025\tToteuma 2025\n"
    "Toimintatulot\t193\t202\t218\nToimintamenot\t-759\t-795\t-837\nToimintakate\t-566\t-593\t-619\n\n"
    "## Tunnusluvut\n\n"
    "Tunnusluku\tToteutuma 2024\tToteuma 2025\nVesijohtoverkoston saneeraus km\t11,00\t10,70\n\n"
    "### Jätevedenpuhdistus\n\n"
    "Jätevedenpuhdistus 1000 euroa\tToteutunut 2024\tTalousarvio 2025\tToteuma 2025\n"
    "Toimintatulot\t78\t72\t81\nToimintamenot\t-181\t-194\t-185\nToimintakate\t-103\t-122\t-104\n\n"
    "### Verkostopalvelut\n\n"
    "Verkostopalvelut 1000 euroa\tToteutunut 2024\tTalousarvio 2025\tToteuma 2025\n"
    "Toimintatulot\t115\t130\t137\nToimintamenot\t-578\t-601\t-652\nToimintakate\t-463\t-471\t-515\n\n"
    "## Hankkeet\n\n"
    "Hanke\tRahoittaja\tKokonaisrahoitus €\tKunnan rahoitusosuus %\n"
    "Vesihuollon digitalisointi\tEU\t100 000\t30 %\n"
    "Yhteensä\t\t100 000\t\n"
)
"""A service area's section as the report family prints it (a synthetic Sipoo report, cut
down): its table (line 7 after ``_write``'s title), the key figures under ``## Tunnusluvut``
(14), then its areas' ``###`` sections (19, 26), which by their rank stand under ``##
Tunnusluvut``, then the projects under ``## Hankkeet`` (33)."""


def test_a_heading_at_the_sections_units_rank_is_no_chapter_of_units(tmp_path: Path) -> None:
    """``## Tunnusluvut``, at the rank of the section's own unit's caption, holds the areas'
    ``###`` sections only as the converted text prints them: no chapter of the city's, so its
    key figures and the projects after it stay the section's."""
    report = _write(tmp_path, "sipoo_tp2025_vesihuoltopalvelut.txt", "SIPOON KUNTA", SECTION_WITH_AREAS_AFTER)
    assert _city_chapters(report) == {
        7: ("operating", False),
        14: ("key_figures", False),
        19: ("operating", False),
        26: ("operating", False),
        33: ("projects", False),
    }
