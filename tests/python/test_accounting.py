"""Every printed figure is accounted for: in a raw seed or in the rejects."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from kuntatalous.extract import extract_file
from kuntatalous.output import records
from kuntatalous.text.reading import read_report

from .accounting import Discrepancy, account, printed_cells, read_seeds
from .robustness import report_of, seeds_of
from .warehouse_builds import HY, YP


def committed(repo: Path) -> dict[str, tuple[str, ...]]:
    return {p.name: read_report(p, p.name).lines for p in sorted((repo / "reports").glob("*.txt"))}


def test_committed_reports_account_for_every_figure(repo: Path) -> None:
    seeds = read_seeds(repo / "seeds" / "raw")
    reports = committed(repo)
    assert set(reports) == {YP, HY}
    for name, lines in reports.items():
        assert account(name, lines, seeds) == []
    tables = seeds["raw_report_tables"]
    printed = sum(len(cells) for name, lines in reports.items() for cells in printed_cells(lines, tables).values())
    # Not vacuous: the budget tables alone print 5 figures a row on about a hundred rows.
    assert printed > 600


@pytest.mark.parametrize(
    ("seed", "line", "change"),
    [
        ("raw_budget_rows", 24, lambda r: r | {"execution_pct": ""}),
        ("raw_projects", 268, lambda r: r | {"city_share_pct": ""}),
        ("raw_risks", 132, lambda r: r | {"probability": ""}),
    ],
)
def test_a_figure_dropped_from_a_seed_is_found(
    repo: Path, seed: str, line: int, change: Callable[[dict[str, str]], dict[str, str]]
) -> None:
    seeds = read_seeds(repo / "seeds" / "raw")
    seeds[seed] = [change(r) if (r["source_file"], r["source_line"]) == (YP, str(line)) else r for r in seeds[seed]]
    (found,) = account(YP, committed(repo)[YP], seeds)
    assert (found.line, found.printed - found.landed, found.rejected) == (line, 1, 0)


def test_a_key_figure_dropped_or_a_figure_both_landed_and_rejected_is_found(repo: Path) -> None:
    seeds = read_seeds(repo / "seeds" / "raw")
    lines = committed(repo)[HY]
    dropped = dict(seeds)
    dropped["raw_key_figures"] = [
        r for r in seeds["raw_key_figures"] if not (r["source_line"] == "148" and r["column_header"] == "Tavoite 2025")
    ]
    assert account(HY, lines, dropped) == [Discrepancy(HY, 148, 4, 3, 0)]
    twice = dict(seeds)
    twice["raw_rejects"] = [
        {"source_file": HY, "source_line": "20", "last_line": "20", "scope": "cell", "raw_text": "873 490"}
    ]
    assert account(HY, lines, twice) == [Discrepancy(HY, 20, 5, 5, 1)]


def test_the_counted_cells_come_from_the_record_declarations(
    repo: Path, mini_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without its declared counted field a risk lands nothing; without its printed cell a
    key-figure cell printing two sub-areas lands twice."""
    seeds = read_seeds(repo / "seeds" / "raw")
    text = mini_report.read_text(encoding="utf-8").replace("\t12 \u20ac\t", "\thyte: 12 \u20ac; vaka: 14 \u20ac\t")
    report = report_of(text)
    figures = seeds_of(extract_file(report, None))
    assert len(figures["raw_key_figures"]) == 3
    assert account(report.source_file, report.lines, figures) == []

    def declared(table: records.RawTable) -> None:
        tables = tuple(table if old.name == table.name else old for old in records.RAW_TABLES)
        monkeypatch.setattr(records, "RAW_TABLES", tables)

    declared(dataclasses.replace(records.KEY_FIGURES, printed_cell=None))
    (found,) = account(report.source_file, report.lines, figures)
    assert (found.printed, found.landed) == (2, 3)
    monkeypatch.undo()
    uncounted = tuple(dataclasses.replace(field, counted=None) for field in records.RISKS.fields)
    declared(dataclasses.replace(records.RISKS, fields=uncounted))
    found_risks = account(YP, committed(repo)[YP], seeds)
    assert found_risks
    assert all(d.landed < d.printed for d in found_risks)


def test_a_dash_alone_in_an_amount_column_is_a_printed_figure(repo: Path) -> None:
    """Valmistus omaan käyttöön's prior-year 0 printed as a minus sign alone (nil, zero: it lands
    in the seeds) and its Toteuma % as a dash (no percentage: nothing lands) account; the nil
    dropped from the seed is found. A fuzzed report once printed the first, which the count of
    digit cells alone missed."""
    lines = committed(repo)[YP]
    row = "Valmistus omaan käyttöön\t0\t0\t0\t0\t0,00"  # its first printing
    text = "\n".join(lines).replace(row, "Valmistus omaan käyttöön\t\u2212\t0\t0\t0\t-", 1)
    report = report_of(text)
    figures = seeds_of(extract_file(report, None))
    assert account(report.source_file, report.lines, figures) == []
    line = lines.index(row) + 1
    dropped = dict(figures)
    dropped["raw_budget_rows"] = [
        r | {"prior_actual_eur": ""} if r["source_line"] == str(line) else r for r in figures["raw_budget_rows"]
    ]
    assert account(report.source_file, report.lines, dropped) == [Discrepancy(report.source_file, line, 4, 3, 0)]


def test_a_risks_printed_score_and_a_column_no_role_reads_are_accounted() -> None:
    """The score beside the judgements lands in the seed (dropped from it, it is found); a digit
    in a column no role reads is a reject, so nothing is lost."""
    text = (
        "KUUSAMON KAUPUNKI\n\nTILINPÄÄTÖS 2025\n\n## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTA 2025\tTP 2025\nToimintatuotot\t1 250\t1 190\nToimintakate\t-8 200\t-8 150\n\n"
        "## Riskit\n\n"
        "Riski\tTodennäköisyys (1-4)\tVaikutus (1-4)\tRiskitaso\tTrendi\tToimenpiteet\n"
        "Lasku.\t4\t3\t12\t+2\tSelvitys.\n"
    )
    report = report_of(text)
    figures = seeds_of(extract_file(report, None, keep_going=True))
    assert [(r["column_name"], r["raw_text"]) for r in figures["raw_rejects"]] == [("Trendi", "+2")]
    assert account(report.source_file, report.lines, figures) == []
    dropped = dict(figures)
    dropped["raw_risks"] = [r | {"printed_risk_score_raw": ""} for r in figures["raw_risks"]]
    # Read by hand: line 14 prints the judgement (4), the score (12) and the trend (+2).
    assert account(report.source_file, report.lines, dropped) == [Discrepancy(report.source_file, 14, 3, 1, 1)]


def test_a_projects_table_column_no_role_reads_is_accounted_for() -> None:
    """Probe B's finding 5: ``Toteutunut 31.12.2025 €`` (525 000, 320 000, 845 000) was in no
    seed and no reject; now it lands as the spending in euros, and ``Ulkoinen rahoitus €`` in
    ``other_columns``."""
    text = "\n".join(
        [
            "JOENSUUN KAUPUNKI",
            "",
            "Tilinpäätös 2025",
            "",
            "## Kaupunkirakennepalvelut",
            "",
            "Kaupunkirakennepalvelut\tTA 2025\tTP 2025",
            "Toimintatuotot\t14 900 000\t15 280 855",
            "Toimintakulut\t-28 085 000\t-28 454 041",
            "<b>Toimintakate</b>\t<b>-13 185 000</b>\t<b>-13 173 186</b>",
            "",
            "## Hankkeet",
            "",
            "Hanke\tRahoittaja\tHankeaika\tKokonaisbudjetti €\tKaupungin osuus %\tToteutunut 31.12.2025 €"
            "\tUlkoinen rahoitus €",
            "Joensuun keskustan elinvoimahanke\tPohjois-Karjalan liitto\t2024-2026\t1 250 000\t30 %\t525 000\t875 000",
            "Älykäs liikenne Joensuu\tBusiness Finland\t2023-2025\t320 000\t40 %\t320 000\t192 000",
            "<b>Yhteensä</b>\t\t\t<b>1 570 000</b>\t32 %\t845 000\t1 067 000",
            "",
        ]
    )
    report = report_of(text)
    figures = seeds_of(extract_file(report, None, keep_going=True))
    assert len(figures["raw_projects"]) == 3
    assert account(report.source_file, report.lines, figures) == []


def with_projects(*table: str) -> str:
    """A unit's section of a city's report: its operating table, then a projects table of the
    lines ``table``."""
    lines = [
        "HEINOLAN KAUPUNKI",
        "",
        "Tilinpäätös 2025",
        "",
        "## Nuorisopalvelut",
        "",
        "Nuorisopalvelut\tTA 2025\tTP 2025",
        "Toimintatuotot\t100 000\t120 000",
        "Toimintakulut\t-900 000\t-880 000",
        "<b>Toimintakate</b>\t<b>-800 000</b>\t<b>-760 000</b>",
        "",
        "### Hankkeet",
        "",
    ]
    return "\n".join([*lines, *table, ""])


@pytest.mark.parametrize(
    "description", ["Hankkeen tavoite, kuvaus %a rahoittaja", "Han€keen tavoite, kuvaus ja rahoittaja"]
)
def test_a_description_column_whose_header_prints_a_percent_or_euro_sign_holds_text(description: str) -> None:
    """Two fuzzing runs' finds: ``Hankkeen tavoite, kuvaus %a rahoittaja`` (``ja`` misprinted)
    is the description column, as the extractor reads it; the years its sentences print
    (``vuosina 2024-2025``) are no figures. Counted as figures, the accounting found a figure
    missing on every project row."""
    report = report_of(
        with_projects(
            f"Hankkeen nimi\t{description}\tHankkeen kokonaisrahoitus\tKaupungin rahoitusosuus %\tMenojen toteuma %",
            "Etsivä nuorisotyö\tHanke toteutettiin vuosina 2024-2025 AVI:n rahoituksella.\t71 000\t30 %\t107 %",
            "Lukutaitoa tulevaisuuteen\tHanke toteutettiin vuosina 2023-2025.\t25 000\t20 %\t104 %",
            "<b>Yhteensä</b>\t\t<b>96 000</b>\t\t",
        )
    )
    figures = seeds_of(extract_file(report, None, keep_going=True))
    assert [row["description"] for row in figures["raw_projects"]][:2] == [
        "Hanke toteutettiin vuosina 2024-2025 AVI:n rahoituksella.",
        "Hanke toteutettiin vuosina 2023-2025.",
    ]
    assert figures["raw_rejects"] == []
    assert account(report.source_file, report.lines, figures) == []


@pytest.mark.parametrize(
    ("status", "cells", "field"),
    [
        ("Toteuma€31.12.", ("Ryhmiin osallistuu yli 400 lasta.", "Kerho 4\u20136 luokille."), "status_text"),
        ("Toteuma € 31.12.", ("5 000", "3 500"), "spend_eur"),
    ],
)
def test_a_euro_sign_names_euros_only_standing_as_a_unit(status: str, cells: tuple[str, str], field: str) -> None:
    """A fuzzing run's find: glued to the words around it (``Toteuma€31.12.``) a ``€`` names no
    unit, and the column is the status text, as the extractor reads it; the numbers its
    sentences print (``yli 400 lasta``) are no figures. Counted as figures, the accounting found
    a figure missing on both rows. Standing apart (``Toteuma € 31.12.``), it names euros."""
    report = report_of(
        with_projects(
            f"Hankkeen nimi\tHankkeen kokonaisrahoitus\tKaupungin rahoitusosuus %\t{status}",
            f"Harrastemalli\t80 000\t30 %\t{cells[0]}",
            f"Kirjokerho\t7 778\t10 %\t{cells[1]}",
            "<b>Yhteensä</b>\t<b>87 778</b>\t\t",
        )
    )
    figures = seeds_of(extract_file(report, None, keep_going=True))
    # Read by hand: the status sentences as printed, or the spending in euros; the total row none.
    landed = [*cells, ""] if field == "status_text" else ["5000", "3500", ""]
    assert [row[field] for row in figures["raw_projects"]] == landed
    assert figures["raw_rejects"] == []
    assert account(report.source_file, report.lines, figures) == []
