"""The synthetic generator's report-family corpus: every layout variant of the family mixed in
one corpus, reproducible, and its printed figures consistent within printed rounding.

The tables are read here with the column vocabulary and the number-format reader, not with
the generator's own code: a header the vocabulary cannot read, a cell the table's format
cannot read, or a figure off by more than its rounding fails the test.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.extract import extract_paths
from kuntatalous.output.seeds import seed_files, write_seeds
from kuntatalous.synthetic import Corpus, generate_corpus, write_corpus
from kuntatalous.synthetic.city_financing import LABEL as FINANCING
from kuntatalous.synthetic.city_financing import ROWS
from kuntatalous.synthetic.city_financing import WORDS as FINANCING_WORDS
from kuntatalous.synthetic.city_investments import LABEL as CITY_INVESTMENTS
from kuntatalous.synthetic.dialects import PROFILES
from kuntatalous.synthetic.wording import lines as wording_lines
from kuntatalous.tables.variance import VarianceFigures, VarianceStatus, detect_variance_convention
from kuntatalous.tables.vocabulary import HeaderRoles, Role, classify_header, find_statement_year
from kuntatalous.text.layout import find_layout
from kuntatalous.text.number_format import (
    Thousands,
    detect_number_format,
    detect_scale,
    lines_just_above,
    parse_number,
    printed_decimals,
)
from kuntatalous.text.numbers import strip_markup

from .accounting import account, read_seeds
from .prebuilds import Make, Prebuilds
from .unit_trees import expected_tree, inferred_tree
from .warehouse_builds import build, reconciliation_check_names

DOCUMENTS = 2 * len(PROFILES)


@dataclass(frozen=True)
class ReadTable:
    source: str
    line: int
    header: HeaderRoles
    factor: int
    decimals: int
    thousands: Thousands
    rows: dict[str, dict[Role, Decimal | None]]
    """By line-item id (read through the generator's wording, labels normalised)."""


def _line_ids() -> dict[str, str]:
    ids: dict[str, str] = {}
    for language in ("fi", "sv"):
        for wording in ("decree", "treasury"):
            for line, text in wording_lines(language, wording).items():
                ids.setdefault(text.lower(), line)
    return ids


def _financing_ids() -> dict[str, str]:
    """The financing statement's lines by their labels (Vuosikate is its own line there)."""
    return {text.lower(): line for words in FINANCING_WORDS.values() for line, text in zip(ROWS, words, strict=True)}


def _line_id(ids: dict[str, str], label: str, line: int, by_class: bool) -> str:
    """The line a row prints; in the city's investments by asset class, a class is no line of
    the chart and is kept by its line number. A label no line has anywhere else is an error."""
    if by_class and label not in ids:
        return f"{label}:{line}"
    return ids[label]


def _read(name: str, text: str) -> list[ReadTable]:
    lines = text.splitlines()
    statement = find_statement_year(lines, name)
    found = []
    ids, financing_ids = _line_ids(), _financing_ids()
    for block in find_layout(lines).tables:
        first = block.rows[0]
        second = block.rows[1] if strip_markup(block.rows[1].cells[0]).lower() == "selite" else None
        header = classify_header(
            first.cells[1:],
            statement_year=None if statement is None else statement.year,
            second_line=None if second is None else second.cells[1:],
        )
        if not header.is_budget_table:
            continue
        assert header.problems() == [], (name, block.first_line, header.problems())
        body = block.rows[2 if second else 1 :]
        cells = [cell for row in body for cell in row.cells[1:]]
        number_format = detect_number_format(cells)
        scale = detect_scale(first.cells[:1], lines_just_above(lines, block.first_line))
        rows: dict[str, dict[Role, Decimal | None]] = {}
        by_class = strip_markup(first.cells[0]).startswith(tuple(CITY_INVESTMENTS.values()))
        financing = strip_markup(first.cells[0]).startswith(tuple(FINANCING.values()))
        values: list[Decimal | None] = []
        for row in body:
            label = strip_markup(row.cells[0]).removesuffix("*)").lower()
            read = {}
            for column, cell in zip(header.known, row.cells[1:], strict=True):
                value = parse_number(cell, number_format)
                read[column.role] = value
                if column.role not in (Role.EXECUTION_PCT, Role.OTHER):
                    values.append(value)
            rows[_line_id(financing_ids if financing else ids, label, row.line, by_class)] = read
        decimals = printed_decimals(values)
        found.append(ReadTable(name, block.first_line, header, scale.factor, decimals, number_format.thousands, rows))
    return found


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    generated = generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES), family=True)
    return generated.reports


@pytest.fixture(scope="module")
def tables(corpus: dict[str, str]) -> list[ReadTable]:
    return [table for name, text in sorted(corpus.items()) for table in _read(name, text)]


def test_the_family_corpus_is_reproducible_and_the_default_corpus_unchanged(tmp_path: Path) -> None:
    one = generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES), family=True)
    two = generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES), family=True)
    assert one.files() == two.files()
    assert {m.dialect.name for m in one.municipalities} == {p.name for p in PROFILES}
    default = generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES))
    assert {m.dialect.name for m in default.municipalities} == {"heinola"}
    write_corpus(one, tmp_path)
    assert len(list(tmp_path.glob("*.txt"))) == DOCUMENTS


def test_every_phase_spelling_and_other_column_is_printed(corpus: dict[str, str]) -> None:
    headers = {
        cell.strip()
        for text in corpus.values()
        for line in text.splitlines()
        if "\t" in line
        for cell in line.split("\t")[1:]
    }
    expected = {
        "Tilinpäätös 2024", "Talousarvio 2025", "Toteuma 2025", "Toteuma %",
        "TP2024", "TA 2025", "TA-muutokset", "TA muutosten jälkeen", "Toteutunut 2025",
        "Ed.TP", "Alkuperäinen TA", "Muutettu TA", "Toteutuma", "Tot.%",
        "Tilinp.", "TA", "Ta-muut.", "Ta +", "Tot.", "Tot-%",
        "Ed.TA", "Ed.vuosi", "Budjetti", "Bu-muutos", "Budjetti +", "Käyttö", "Käyttö %",
        "Toteutunut 2024", "Talousarvio + muutokset",
        "Bokslut 2024", "Budget 2025", "Budgetändringar", "Budget efter ändringar", "Utfall 2025",
        "Avvikelse", "Utfall %", "Bokslut", "Budget", "Utfall",
        "Ylitysoikeus", "Raami", "Ero raamiin", "Tot. 09/2025", "Muutos %",
    }  # fmt: skip
    assert expected <= headers, expected - headers


def test_years_in_the_header_on_a_second_line_and_only_in_the_title(corpus: dict[str, str]) -> None:
    joined = "\n".join(corpus.values())
    assert re.search(r"^Selite\t2024\t2025\t2025\t2025\t2025\t", joined, re.MULTILINE)
    assert re.search(r"^\S[^\t\d]*\tEd\.TP\tAlkuperäinen TA\tMuutettu TA\tToteutuma\t", joined, re.MULTILINE)
    assert re.search(r"^\S[^\t]*\tTP2024\tTA 2025\t", joined, re.MULTILINE)
    assert re.search(r"^(\*\*)?BOKSLUT 2025", joined, re.MULTILINE)


def test_scales_decimals_separators_and_minus_signs_vary(tables: list[ReadTable], corpus: dict[str, str]) -> None:
    assert {table.factor for table in tables} == {1, 1_000, 1_000_000}
    assert {table.decimals for table in tables} == {0, 1, 2}
    assert {table.thousands for table in tables} == set(Thousands)
    assert {(t.factor, t.decimals) for t in tables} >= {(1, 0), (1, 2), (1_000, 0), (1_000, 1), (1_000_000, 2)}
    joined = "\n".join(corpus.values())
    assert "\u2212" in joined
    assert re.search(r"\t- \d{3}(?:[ .]\d{3})*(?:,\d)?\t", joined), "a minus standing apart"
    assert "Luvut tuhansina euroina" in joined
    assert "Belopp i tusen euro" in joined


def test_wordings_languages_footnotes_and_the_city_statement(tables: list[ReadTable], corpus: dict[str, str]) -> None:
    joined = "\n".join(corpus.values())
    for words in ("Toimintamenot", "Henkilöstömenot", "Rahoitustulot (+) ja -menot (-)", "TOIMINTAKATE"):
        assert f"\n{words}\t" in joined or f"<b>{words}</b>\t" in joined or f"**{words}**\t" in joined, words
    for words in ("Verksamhetsbidrag", "Personalkostnader", "Omkostnader", "Räkenskapsperiodens resultat"):
        assert words in joined, words
    assert "Toimintakate*)" in joined
    assert "\n*) Sisältää sisäiset erät." in joined
    statements = [table for table in tables if "tilikauden_ylijaama_alijaama" in table.rows]
    assert statements
    full = set(statements[0].rows)
    assert {"palkat_ja_palkkiot", "henkilosivukulut", "korkotuotot", "korkokulut", "verotulot"} <= full
    assert {"poistoeron_muutos", "varausten_muutos", "rahastojen_muutos", "satunnaiset_erat"} <= full
    assert next(iter(statements[0].rows)) == "toimintatuotot", "a group total above its terms"
    # The whole city's investments by asset class, in both languages.
    for words in (
        "Investointimenot yhteensä",
        "Nettoinvestoinnit",
        "Investeringsutgifter totalt",
        "Nettoinvesteringar",
    ):
        assert f"<b>{words}</b>\t" in joined or f"**{words}**\t" in joined, words
    # And its financing statement, in both languages, down to the cash at the year's start.
    financing = [table for table in tables if "toiminnan_ja_investointien_rahavirta" in table.rows]
    assert {next(iter(table.rows)) for table in financing} == {"toiminnan_rahavirta"}
    assert {list(table.rows)[-1] for table in financing} == {"rahavarat_1_1"}
    for words in ("Rahoituslaskelma", "Finansieringsanalys", "Förändring av likvida medel"):
        assert words in joined, words


def _half(table: ReadTable) -> Decimal:
    return Decimal(table.factor) * Decimal(1).scaleb(-table.decimals) / 2 / table.factor


def test_original_plus_changes_is_the_budget_in_force_within_rounding(tables: list[ReadTable]) -> None:
    checked = 0
    for table in tables:
        for line, row in table.rows.items():
            original, change = row.get(Role.BUDGET_ORIGINAL), row.get(Role.BUDGET_CHANGE)
            revised = row.get(Role.BUDGET_REVISED)
            if original is None or change is None or revised is None:
                continue
            assert abs(original + change - revised) <= 3 * _half(table), (table.source, table.line, line)
            checked += 1
    assert checked > 100


def test_subtotals_add_up_within_rounding(tables: list[ReadTable]) -> None:
    terms = {
        "toimintakate": ("toimintatuotot", "valmistus_omaan_kayttoon", "toimintakulut"),
        "vuosikate": ("toimintakate", "verotulot", "valtionosuudet", "rahoitustuotot_ja_kulut"),
        "tilikauden_tulos": ("vuosikate", "poistot_ja_arvonalentumiset", "satunnaiset_erat"),
        "toiminnan_rahavirta": ("rahavirran_vuosikate", "rahavirran_satunnaiset_erat", "tulorahoituksen_korjauserat"),
        "lainakannan_muutokset": (
            "pitkaaikaisten_lainojen_lisays",
            "pitkaaikaisten_lainojen_vahennys",
            "lyhytaikaisten_lainojen_muutos",
        ),
        "rahavarojen_muutos": ("toiminnan_ja_investointien_rahavirta", "rahoituksen_rahavirta"),
    }
    checked = 0
    for table in tables:
        for total, parts in terms.items():
            if total not in table.rows:
                continue
            printed = [part for part in parts if part in table.rows]
            for role, value in table.rows[total].items():
                if role in (Role.EXECUTION_PCT, Role.OTHER, Role.VARIANCE) or value is None:
                    continue
                computed = sum(table.rows[part][role] or Decimal(0) for part in printed)
                assert abs(value - computed) <= (len(printed) + 1) * _half(table), (table.source, total, role)
                checked += 1
    assert checked > 100


def test_each_table_prints_its_variance_one_way_and_both_ways_occur(tables: list[ReadTable]) -> None:
    conventions: Counter[str] = Counter()
    for table in tables:
        in_force = table.header.budget_in_force()
        assert in_force is not None
        rows = [
            VarianceFigures(number, row.get(in_force.role), row.get(Role.ACTUAL), row.get(Role.VARIANCE))
            for number, row in enumerate(table.rows.values())
        ]
        detection = detect_variance_convention(rows, table.factor)
        assert detection.status != VarianceStatus.NEITHER, (table.source, table.line)
        if detection.convention is not None:
            conventions[detection.convention] += 1
    assert len(conventions) == 2, conventions


FamilyBuild = tuple[Corpus, Path, Path, subprocess.CompletedProcess[str]]
"""The corpus, its reports folder, the published file and what the build printed."""


def make_family_build(workdir: Path, environ: Mapping[str, str]) -> FamilyBuild:
    reports = workdir / "reports"
    corpus = generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES), family=True)
    write_corpus(corpus, reports)
    database, result = build(reports, workdir / "build", base=environ)
    return corpus, reports, database, result


PREBUILDS: dict[str, Make] = {"family_build": make_family_build}


@pytest.fixture
def family_build(prebuilds: Prebuilds) -> FamilyBuild:
    built: FamilyBuild = prebuilds.take(make_family_build)
    return built


@pytest.mark.e2e
def test_a_family_corpus_builds_and_every_check_is_ok(family_build: FamilyBuild) -> None:
    corpus, reports, database, result = family_build
    summary = [line for line in result.stdout.splitlines() if line.startswith("dbt: ")]
    assert len(summary) == 1, result.stdout
    for status in (" error", " fail"):
        assert status not in summary[0], summary
    # The corpus's funders are made-up names that ref_funders does not curate: the one warning.
    warned = [line for line in result.stdout.splitlines() if line.startswith("WARN ")]
    assert all(line.startswith("WARN test warn_uncurated_funders (") for line in warned), warned

    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    statuses = con.sql("select check_name, status, count(*) from analytics.rpt_reconciliation group by all").fetchall()
    counts = {(check, status): count for check, status, count in statuses}
    assert {status for _, status in counts} == {"ok"}, counts
    # Its risk tables print both judgements in the Riskiarvo cell and no score: risk_score has
    # nothing to check (test_family_build checks it).
    assert {check for check, _ in counts} == reconciliation_check_names() - {"risk_score"}
    scenarios = {row[0] for row in con.sql("select distinct scenario from analytics.fact_budget").fetchall()}
    assert scenarios == {"budget_original", "budget_change", "budget", "actual"}
    conventions = con.sql("select distinct variance_convention from analytics.rpt_budget_vs_actual").fetchall()
    assert {row[0] for row in conventions} == {"budget_minus_actual", "actual_minus_budget"}
    cities = con.execute(
        "select count(distinct unit_id) from analytics.fact_budget where unit_id in ? and line_item_id = 'verotulot'",
        [[municipality.slug for municipality in corpus.municipalities]],
    ).fetchone()
    assert cities is not None
    assert cities[0] == sum(m.dialect.city_statement is not None for m in corpus.municipalities)
    # No curated organisation: the tree inferred from the reports is the one the generator invented.
    tree = inferred_tree(con, [municipality.slug for municipality in corpus.municipalities])
    assert tree == expected_tree(reports / "expected", tree)


def test_the_family_corpus_accounts_for_every_figure(corpus: dict[str, str], tmp_path: Path) -> None:
    """Every numeric cell of every table lands in a raw seed (other columns included) and the
    extractor reads the corpus without a warning or a reject."""
    reports, raw = tmp_path / "reports", tmp_path / "raw"
    write_corpus(generate_corpus(DOCUMENTS, seed=5, years=2, municipalities=len(PROFILES), family=True), reports)
    extraction = extract_paths([reports])
    assert extraction.warnings == []
    assert extraction.rejects == []
    write_seeds(seed_files(extraction), raw)
    seeds = read_seeds(raw)
    for name, text in sorted(corpus.items()):
        assert account(name, text.splitlines(), seeds) == [], name
    assert any(row["other_columns"] for row in extraction.budget_rows)
    assert {row["amount_scale"] for row in extraction.budget_rows} == {1, 1_000, 1_000_000}
