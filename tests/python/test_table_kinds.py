"""Which kind a table's header names: the goal and risk header words never make a budget, key-figure
or projects table a goals or risk table, nor the other way round."""

from __future__ import annotations

import pytest

from kuntatalous.tables.budget_tables import is_budget_header
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.text.layout import TableBlock, find_layout


def block(header: str, row: str) -> TableBlock:
    (table,) = find_layout([header, row]).tables
    return table


@pytest.mark.parametrize(
    ("header", "row", "kind"),
    [
        # The goals and risk tables of a user's probe, and their Swedish counterparts.
        ("Tavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio", "G.\tM\t10,0\t9,1\tEi toteutunut", "goals"),
        ("Mål\tMätare\tMålnivå 2025\tUtfall 2025\tBedömning", "G.\tM\t10,0\t9,1\tToteutui", "goals"),
        ("Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tHallintakeinot", "R.\t3\t4\tK.", "risks"),
        ("Risk\tSannolikhet (1-5)\tKonsekvens (1-5)\tÅtgärder", "R.\t3\t4\tK.", "risks"),
        # The layouts read before.
        ("Strateginen päämäärä\tPalvelualueen tavoite 2025\tToteuma 31.12.\tTila", "<b>A</b>\tG\tT\tToteutuu", "goals"),
        (
            "Riskiluokka\tTunnistettu riski\tRiskiarvo\tHallintakeino",
            "X\tR\tTodennäköisyys: 1 Merkittävyys: 2\tK",
            "risks",
        ),
        # Key-figure and projects tables that print the same words stay what they are.
        ("Tunnusluku\tTP 2024\tTavoite 2025\tToteutuma 2025", "Lainaukset / asukas\t9,5\t10,0\t9,1", "key_figures"),
        (
            "Tunnusluku\tTavoitetaso 2025\tToteutuma 2025\tArvio",
            "Käyttöaste, %\t90,0\t85,7\tEi toteutunut",
            "key_figures",
        ),
        ("Hankkeen nimi\tTavoite\tKokonaisrahoitus\tToteuma", "H\tT\t100 000\tValmis", "projects"),
        ("Projektets namn\tProjektets mål\tTotal finansiering\tUtfall", "P\tM\t100 000\tKlar", "projects"),
        # A goal, a risk or an impact alone names no goals or risk table.
        ("Tavoite\tTA 2025\tToteutuma 2025", "G\t100\t90", "unknown"),
        ("Tavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025", "G\tM\t10,0\t9,1", "unknown"),
        ("Riski\tTodennäköisyys (1-5)\tHallintakeinot", "R\t3\tK", "unknown"),
        ("Vaikutus\tTA 2025\tToteuma 2025", "V\t100\t90", "unknown"),
        ("Riskienhallinta\tTA 2025\tToteuma 2025", "V\t100\t90", "unknown"),
    ],
)
def test_the_header_names_the_kind(header: str, row: str, kind: str) -> None:
    assert other_table_kind(block(header, row)) == kind


@pytest.mark.parametrize(
    ("header", "budget"),
    [
        ("Tavoite\tMittari\tTavoitetaso 2025\tToteutuma 2025\tArvio", False),
        ("Riski\tTodennäköisyys (1-5)\tVaikutus (1-5)\tHallintakeinot", False),
        ("Sivistyslautakunta\tTP 2024\tTA 2025\tToteutuma 2025\tPoikkeama", True),
        ("Tavoitteet\tTP 2024\tTA 2025\tToteutuma 2025\tPoikkeama", True),
        ("Riskit\tTP 2024\tTA 2025\tToteutuma 2025\tPoikkeama", True),
    ],
)
def test_goal_and_risk_headers_are_no_budget_tables_and_budget_headers_stay_budget(header: str, budget: bool) -> None:
    cells = header.count("\t")
    assert is_budget_header(block(header, "\t".join(["Toimintakulut", *["-1"] * cells]))) is budget
