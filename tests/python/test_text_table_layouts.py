"""Layouts of municipalities' projects, goals and risk tables read end to end, each on a small
report (expected values read by hand from the text)."""

from __future__ import annotations

from pathlib import Path

from kuntatalous.extract import Extraction, extract_paths

TITLE = "ROVANIEMEN KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n"
"""A report's first lines, its municipality and statement year: its text goes on at line 5."""
BUDGET = (
    "## Kulttuuri- ja liikuntalautakunta\n\n"
    "Kulttuuri- ja liikuntalautakunta\tTP 2024\tTA 2025\tTP 2025\n"
    "Toimintatuotot\t2 355 010\t2 300 000\t2 418 300\n"
    "Toimintakulut\t-19 210 777\t-20 100 000\t-19 877 450\n"
    "Toimintakate\t-16 855 767\t-17 800 000\t-17 459 150\n\n"
)
"""Lines 5-11: the unit whose tables follow, from line 12."""


def extract(tmp_path: Path, text: str) -> Extraction:
    """The extraction of ``r.txt``, rejects kept: ``TITLE`` and ``BUDGET``, then ``text`` from line 12."""
    report = tmp_path / "r.txt"
    report.write_text(TITLE + BUDGET + text, encoding="utf-8")
    return extract_paths([report], keep_going=True)


def test_a_goals_table_whose_status_column_says_how_the_goal_came_true(tmp_path: Path) -> None:
    extraction = extract(
        tmp_path,
        "### Käyttösuunnitelman tavoitteet\n\n"
        "Tavoite\tMittari\tTavoitearvo 2025\tToteutuma 2025\tTavoitteen toteutuminen\n"
        "Kirjastoauton reitit uudistetaan\tPysäkit, kpl\t120\t126\tToteutui\n"
        "Liikuntaneuvonnan asiakasmäärä\tAsiakkaat, lkm\t900\t1 012\tEi toteutunut\n",
    )
    assert extraction.rejects == []
    # Read by hand: lines 15 and 16 under the header at line 14.
    assert [
        (r["source_line"], r["table_line"], r["goal"], r["target_level"], r["outcome"], r["status"])
        for r in extraction.goals
    ] == [
        (15, 14, "Kirjastoauton reitit uudistetaan", "120", "126", "achieved"),
        (16, 14, "Liikuntaneuvonnan asiakasmäärä", "900", "1 012", "not_achieved"),
    ]


def test_a_risk_table_judging_in_words_loads_the_words_and_no_number(tmp_path: Path) -> None:
    extraction = extract(
        tmp_path,
        "### Riskienhallinta\n\n"
        "Riski\tTodennäköisyys\tVaikutus\tToimenpiteet\n"
        "Energian hinnan nousu\tSuuri\tKohtalainen\tEnergiansäästöohjelma\n"
        "Tietojärjestelmän käyttökatko\tPieni\tSuuri\tVarajärjestelmä\n",
    )
    assert extraction.rejects == []
    # Read by hand: lines 15 and 16 under the header at line 14; no number is printed.
    assert [
        (r["source_line"], r["table_line"], r["risk"], r["probability"], r["significance"], r["risk_value_raw"])
        for r in extraction.risks
    ] == [
        (15, 14, "Energian hinnan nousu", None, None, "Todennäköisyys: Suuri Merkittävyys: Kohtalainen"),
        (16, 14, "Tietojärjestelmän käyttökatko", None, None, "Todennäköisyys: Pieni Merkittävyys: Suuri"),
    ]
    assert [r["mitigation"] for r in extraction.risks] == ["Energiansäästöohjelma", "Varajärjestelmä"]


def test_a_projects_table_with_funder_and_period_columns(tmp_path: Path) -> None:
    extraction = extract(
        tmp_path,
        "### Hankkeet\n\n"
        "Hankkeen nimi\tRahoittaja\tToteutusaika\tKokonaisbudjetti €\tKaupungin rahoitusosuus %\tMenojen toteuma %\n"
        "Arktinen liikuntapolku\tLapin liitto (EAKR)\t2024\u20132026\t240 000\t20 %\t61 %\n"
        "Kirjasto kaikille\tOpetus- ja kulttuuriministeriö\t2025\t48 500\t0 %\t100 %\n"
        "Lähiliikunta\tLapin liitto\tsyksyllä\t10 000\t50 %\t10 %\n"
        "<b>Yhteensä</b>\t\t\t<b>298 500</b>\t\t\n",
    )
    # Read by hand: lines 15-17 under the header at line 14; the ministry as printed.
    assert [
        (r["source_line"], r["project_name"], r["funders"], r["period_start_year"], r["period_end_year"])
        for r in extraction.projects
        if r["row_kind"] == "project"
    ] == [
        (15, "Arktinen liikuntapolku", "Lapin liitto", 2024, 2026),
        (16, "Kirjasto kaikille", "Opetus- ja kulttuuriministeriö", 2025, 2025),
        (17, "Lähiliikunta", "Lapin liitto", None, None),
    ]
    assert [r["funding_text"] for r in extraction.projects[:3]] == [
        "Rahoittaja: Lapin liitto (EAKR)",
        "Rahoittaja: Opetus- ja kulttuuriministeriö",
        "Rahoittaja: Lapin liitto",
    ]
    [reject] = extraction.rejects
    assert (reject["source_file"], reject["source_line"], reject["scope"], reject["column_name"]) == (
        "r.txt",
        17,
        "cell",
        "Toteutusaika",
    )
    assert reject["reason"] == (
        "column 'Toteutusaika': cannot read 'syksyllä' as a period: expected years such as '2024-2026' or '2025'"
    )
