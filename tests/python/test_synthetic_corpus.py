"""The synthetic corpus generator: deterministic, read cleanly by the extractor, every layout
variant present, and a small corpus that builds with every reconciliation check ``ok``."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from kuntatalous.extract import Extraction, extract_paths
from kuntatalous.output.records import Value
from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.text.cells import slugify

from .unit_trees import expected_tree, inferred_tree
from .warehouse_builds import REPO, SyntheticBuild, reconciliation_check_names

SCRIPT = REPO / "scripts" / "generate_corpus.py"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(generate_corpus(60, seed=7), out)
    return out


@pytest.fixture(scope="module")
def extraction(corpus_dir: Path) -> Extraction:
    return extract_paths([corpus_dir])


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    for run in ("a", "b"):
        subprocess.run(
            [sys.executable, str(SCRIPT), "--documents", "25", "--out", str(tmp_path / run), "--seed", "3"],
            check=True,
            capture_output=True,
        )
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert len([p for p in files_a if p.suffix == ".txt"]) == 25
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_another_seed_writes_another_corpus() -> None:
    one = generate_corpus(25, seed=3).files()
    other = generate_corpus(25, seed=4).files()
    assert one != other
    assert set(one.values()).isdisjoint(v for k, v in other.items() if k.endswith(".txt"))


@pytest.mark.parametrize(
    ("documents", "years", "municipalities"), [(1, 3, None), (23, 3, None), (97, 4, None), (8, 2, 2)]
)
def test_exactly_the_documents_asked_for(documents: int, years: int, municipalities: int | None) -> None:
    corpus = generate_corpus(documents, seed=1, years=years, municipalities=municipalities)
    assert len(corpus.reports) == documents
    if municipalities is not None:
        assert len(corpus.municipalities) == municipalities


def test_every_municipality_year_prints_every_section(extraction: Extraction) -> None:
    """Complete years: a statement year of a municipality has as many sections as any other."""
    sections: dict[str, Counter[str]] = defaultdict(Counter)
    for document in extraction.documents:
        sections[str(document["municipality"])][str(document["fiscal_year"])] += 1
    assert len(sections) > 2
    for municipality, per_year in sections.items():
        assert len(set(per_year.values())) == 1, (municipality, per_year)


def test_the_extractor_reads_the_corpus_without_a_warning(extraction: Extraction, corpus_dir: Path) -> None:
    assert extraction.warnings == []
    assert len(extraction.documents) == 60
    assert all(table["is_extracted"] is True for table in extraction.tables)


def test_municipalities_come_from_the_text_or_from_the_manifest(extraction: Extraction, corpus_dir: Path) -> None:
    with (corpus_dir / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row["municipality"] for row in csv.DictReader(handle)}
    sources = Counter(document["municipality_source"] for document in extraction.documents)
    assert sources["text"] > 0
    assert sources["manifest"] == len(manifest) > 0
    for document in extraction.documents:
        name = str(document["municipality"])
        assert re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]+", name), name
        assert str(document["source_file"]).startswith(slugify(name) + "_tp")
        # Real municipalities, with their codes, whichever way they were named.
        assert re.fullmatch(r"\d{3}", str(document["municipality_code"])), document


def test_every_layout_variant_is_printed(extraction: Extraction, corpus_dir: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir.glob("*.txt"))]
    joined = "\n".join(texts)
    # Budget tables: one-line and split headers, short and detailed, investments.
    assert re.search(r"^\S.* Selite\tTilinpäätös \d{4}\t", joined, re.MULTILINE)
    assert re.search(r"^Selite\t\d{4}\t\d{4}\t\d{4}\t\t%$", joined, re.MULTILINE)
    assert "<b>TOIMINTAKULUT</b>\t\t\t\t\t" in joined
    assert "<b>Tilikauden tulos</b>" in joined
    assert re.search(r"^[A-ZÅÄÖ -]+ (IRTAIN|KIINTEÄ) OMAISUUS\tTP\d{4}\tTA \d{4}\tToteuma 1- 12", joined, re.MULTILINE)
    assert re.search(r"^Tulot\t", joined, re.MULTILINE)
    assert re.search(r"\t- \d{3} \d{3}\t", joined), "a minus apart from a six-digit amount"
    kinds = Counter(row["table_kind"] for row in extraction.budget_rows)
    assert kinds["operating"] > 0
    assert kinds["investment"] > 0
    # A budget table continued after a page break: a block that starts no table of its own.
    budget_starts = {(row["source_file"], row["table_line"]) for row in extraction.budget_rows}
    budget_blocks = [t for t in extraction.tables if t["table_kind"] in ("operating", "investment")]
    assert any((t["source_file"], t["first_line"]) not in budget_starts for t in budget_blocks)
    # Text tables, each kind, and page breaks rejoined in goals and projects.
    assert {t["table_kind"] for t in extraction.tables} >= {"goals", "projects", "key_figures", "risks"}
    assert {goal["goal_level"] for goal in extraction.goals} == {"council", "operational"}
    assert any(goal["last_line"] != goal["source_line"] for goal in extraction.goals)
    assert any(str(goal["status_raw"]).startswith("Toteutu u") for goal in extraction.goals)
    assert {goal["status"] for goal in extraction.goals} == {"achieved", "partially_achieved", "not_achieved"}
    assert any(goal["is_strategic_goal_inherited"] is True for goal in extraction.goals)
    assert any(goal["sub_area"] for goal in extraction.goals)
    projects = [p for p in extraction.projects if p["row_kind"] == "project"]
    assert any(p["last_line"] != p["source_line"] for p in projects)
    assert all(p["funders"] and p["period_start_year"] for p in projects)
    assert any(p["row_kind"] == "total" for p in extraction.projects)
    assert {figure["unit_of_measure"] for figure in extraction.key_figures} >= {"€/asukas", "%", "count", "per asukas"}
    assert any(figure["sub_area_name"] for figure in extraction.key_figures)
    assert all(figure["is_parsed"] is True for figure in extraction.key_figures)
    assert {risk["probability"] for risk in extraction.risks} <= {1, 2, 3}


def test_printed_variances_and_percentages_agree_with_the_printed_amounts(extraction: Extraction) -> None:
    """Recomputed here from the extracted cells, independently of the generator."""
    checked = 0
    for row in extraction.budget_rows:
        if row["is_section_row"]:
            continue
        budget, actual = row["budget_eur"], row["actual_eur"]
        assert isinstance(budget, Decimal), row
        assert isinstance(actual, Decimal), row
        assert row["variance_eur"] == budget - actual, row
        if row["execution_pct"] is not None:
            decimals = row["execution_pct_decimals"]
            assert isinstance(decimals, int), row
            places = Decimal(1).scaleb(-decimals)
            expected = Decimal(0) if budget == 0 else (actual * 100 / budget).quantize(places, ROUND_HALF_UP)
            assert row["execution_pct"] == expected, row
        checked += 1
    assert checked > 1000


def test_a_prior_year_column_prints_the_previous_report_years_actual(extraction: Extraction) -> None:
    municipality = {d["document_id"]: d["municipality"] for d in extraction.documents}
    actual: dict[tuple[Value, ...], Value] = {}
    prior: dict[tuple[Value, ...], Value] = {}
    for row in extraction.budget_rows:
        if row["is_section_row"]:
            continue
        key = (
            municipality[row["document_id"]],
            str(row["unit_label"]).lower(),
            row["investment_category"],
            row["row_label"],
        )
        actual[(*key, row["actual_year"])] = row["actual_eur"]
        prior[(*key, row["prior_year"])] = row["prior_actual_eur"]
    shared = actual.keys() & prior.keys()
    assert len(shared) > 100
    assert all(actual[key] == prior[key] for key in shared)


@pytest.mark.e2e
def test_a_small_corpus_builds_and_every_check_is_ok(synthetic_build: SyntheticBuild) -> None:
    """Without any curated organisation: the tree is inferred from the reports."""
    corpus, database, result = synthetic_build.corpus, synthetic_build.database, synthetic_build.result
    reports = synthetic_build.reports
    summary = [line for line in result.stdout.splitlines() if line.startswith("dbt: ")]
    assert len(summary) == 1, result.stdout
    for status in (" error", " fail"):
        assert status not in summary[0], summary
    # The corpus's funders are made-up names that ref_funders does not curate: the one warning.
    warned = [line for line in result.stdout.splitlines() if line.startswith("WARN ")]
    assert all(line.startswith("WARN test warn_uncurated_funders (") for line in warned), warned

    con = duckdb.connect(str(database), read_only=True)
    statuses = con.sql("select check_name, status, count(*) from analytics.rpt_reconciliation group by all").fetchall()
    counts = {(check, status): count for check, status, count in statuses}
    assert {status for _, status in counts} == {"ok"}, counts
    # Heinola's layout prints one budget and none of the whole city's statements: neither
    # budget_revision, investment_classes nor statement_link has an instance (the family corpus
    # has each); its risk tables print no score of their own (risk_score: the family fixtures).
    unchecked = {"budget_revision", "investment_classes", "statement_link", "risk_score"}
    assert {check for check, _ in counts} == reconciliation_check_names() - unchecked
    across_years = con.sql(
        "select count(*) from analytics.rpt_reconciliation "
        "where check_name = 'restatement' and computed_from = 'the same figure in the 2024 report'"
    ).fetchone()
    assert across_years is not None
    assert across_years[0] > 0, "the 2025 reports' prior-year columns compared with the 2024 reports"

    slugs = [municipality.slug for municipality in corpus.municipalities]
    units = con.execute(
        "select unit_level, is_curated, count(*) from analytics.dim_unit"
        " where split_part(unit_id, '.', 1) in ? group by all",
        [slugs],
    ).fetchall()
    assert {curated for _, curated, _ in units} == {False}
    assert {level for level, _, _ in units} >= {"city", "service_area", "board", "responsibility_area"}
    assert inferred_tree(con, slugs) == expected_tree(reports / "expected", inferred_tree(con, slugs))
    years = con.execute(
        "select distinct fiscal_year from analytics.dim_document where municipality in ? order by 1",
        [[municipality.name.name for municipality in corpus.municipalities]],
    ).fetchall()
    assert years == [(2024,), (2025,)]
