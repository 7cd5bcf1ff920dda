"""The report site: built from the committed reports' warehouse, opened in headless chromium.

The browser checks (every chart drawn, no console error, no request leaving the machine, the
figures shown equal to the warehouse's) each have a tampered page that they must catch. A
screenshot of every page is written to target/site-screenshots/.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import vl_convert
from playwright.sync_api import Browser

from kuntatalous.cli import main
from kuntatalous.site import build as site_build
from kuntatalous.site.build import build_site, environment
from kuntatalous.site.findings import GOAL_COLOURS
from kuntatalous.site.marts import BATCH_DOCUMENTS, Page, batches, slugify
from kuntatalous.site.sections import VARIANCE_KEYS, variance_legend
from kuntatalous.site.text import format_eur, format_number, format_pct, label, parse_number

from .site_browser import chromium, shown_figures, unrendered_charts, visit
from .sites import site_files
from .warehouse_builds import HY, YP, SyntheticBuild, replace_once

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "target" / "site-screenshots"
PAGES = ("index.html", "index.en.html", "heinola-2025.html", "heinola-2025.en.html")
"""The committed reports' site: an index and Heinola's 2025 page, each in Finnish and English."""

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(warehouse_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "report"
    assert (
        main(["report", "--database", str(warehouse_file), "--reports", str(REPO / "reports"), "--out", str(out)]) == 0
    )
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


def test_numbers_are_written_in_each_language_and_read_back() -> None:
    assert format_eur(Decimal("-7484508.00"), "fi") == "\u22127\u00a0484\u00a0508\u00a0€"
    assert format_eur(Decimal("-7484508.00"), "en") == "\u22127,484,508\u00a0€"
    assert format_number(Decimal("1234.5"), "fi") == "1\u00a0234,50"
    assert format_pct(Decimal("88.12"), "en") == "88.12\u00a0%"
    assert format_eur(None, "fi") == ""
    for value in ("-7484508", "1234.50", "0", "-0.07", "138.71"):
        for language in ("fi", "en"):
            assert parse_number(format_number(Decimal(value), language), language) == Decimal(value)


def test_site_has_a_page_per_municipality_year_in_both_languages(site: Path) -> None:
    assert sorted(p.name for p in site.glob("*.html")) == sorted(PAGES)
    assert (site / "assets" / "vega-embed.js").stat().st_size > 100_000
    assert {p.name for p in (site / "sources").iterdir()} == {f"{YP}.html", f"{HY}.html"}
    page = (site / "heinola-2025.html").read_text(encoding="utf-8")
    assert 'href="heinola-2025.en.html"' in page
    assert "http://" not in page, "a page must not name a network address"
    assert "https://" not in page


def test_every_goal_status_has_a_colour_of_its_own() -> None:
    # The statuses are declared in ref_goal_statuses.csv; the site's goal chart colours each.
    seed = Path(__file__).parents[2] / "seeds" / "reference" / "ref_goal_statuses.csv"
    with seed.open(encoding="utf-8") as statuses:
        assert sorted(GOAL_COLOURS) == sorted(row["goal_status_id"] for row in csv.DictReader(statuses))
    assert len(set(GOAL_COLOURS.values())) == len(GOAL_COLOURS)


def test_every_figure_links_to_its_line_in_the_report_text(site: Path, warehouse: duckdb.DuckDBPyConnection) -> None:
    page = (site / "heinola-2025.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="sources/([^"#]+)\.html#L(\d+)"', page))
    expected = warehouse.execute(
        "select distinct source_file, source_line from analytics.rpt_budget_vs_actual where statement = 'investment'"
    ).fetchall()
    assert expected
    assert {(f, str(line)) for f, line in expected} <= links
    source = (site / "sources" / f"{YP}.html").read_text(encoding="utf-8")
    line_14 = (REPO / "reports" / YP).read_text(encoding="utf-8").splitlines()[13]
    assert re.search(r'id="L14"><a class="ln" href="#L14">14</a>' + re.escape(line_14.split("\t")[0]), source)


def test_sections_without_data_say_not_printed(site: Path) -> None:
    finnish = (site / "heinola-2025.html").read_text(encoding="utf-8")
    english = (site / "heinola-2025.en.html").read_text(encoding="utf-8")
    phases = re.search(r'<section id="phases".*?</section>', finnish, re.S)
    assert phases
    assert "Ei painettu tässä raportissa." in phases.group(0)
    phases_en = re.search(r'<section id="phases".*?</section>', english, re.S)
    assert phases_en
    assert "Not printed in this report." in phases_en.group(0)
    cascade = re.search(r'<section id="cascade".*?</section>', finnish, re.S)
    assert cascade
    assert "not-printed" not in cascade.group(0)
    assert "Yhteiset palvelut" in cascade.group(0)


def test_every_chart_spec_compiles_with_vega_lite(site: Path) -> None:
    import json

    page = (site / "heinola-2025.en.html").read_text(encoding="utf-8")
    specs = re.findall(r'<script type="application/json" id="chart-\d+-spec">(.*?)</script>', page, re.S)
    assert len(specs) >= 10
    for spec in specs:
        assert vl_convert.vegalite_to_vega(json.loads(spec))["marks"]


def test_chart_specs_are_utf8_text_that_cannot_end_their_script(site: Path) -> None:
    page = (site / "heinola-2025.html").read_text(encoding="utf-8")
    specs = re.findall(r'<script type="application/json" id="chart-\d+-spec">(.*?)</script>', page, re.S)
    assert any("ä" in spec and "€" in spec for spec in specs)
    assert not any("\\u00e4" in spec or "\\u20ac" in spec for spec in specs)
    # A name with "</script>" in it is escaped still: no text of a report can end the element.
    shown = environment().from_string("{{ spec | tojson }}").render(spec={"name": "Yö</script>&"})
    assert shown == '{"name": "Yö\\u003c/script\\u003e\\u0026"}'


def test_budget_phases_render_where_the_marts_hold_them(warehouse_file: Path, tmp_path: Path) -> None:
    database = tmp_path / "phases.duckdb"
    shutil.copyfile(warehouse_file, database)
    con = duckdb.connect(str(database))
    for scenario, amount in (("budget_original", "-8300000.00"), ("budget_change", "-194000.00")):
        con.execute(
            f"insert into analytics.fact_budget select * replace ('{scenario}' as scenario, {amount} as amount_eur, "
            f"md5(budget_amount_id || '{scenario}') as budget_amount_id) from analytics.fact_budget "
            "where unit_id = 'heinola.yhteiset_palvelut' and line_item_id = 'toimintakate' and scenario = 'budget' "
            "and fiscal_year = 2025"
        )
    con.close()
    build_site(database, REPO / "reports", tmp_path / "site")
    page = (tmp_path / "site" / "heinola-2025.en.html").read_text(encoding="utf-8")
    phases = re.search(r'<section id="phases".*?</section>', page, re.S)
    assert phases is not None
    assert "Not printed" not in phases.group(0)
    assert 'data-col="budget_original" data-value="-8300000.00">\u22128,300,000\u00a0€' in phases.group(0)
    assert 'data-col="budget_change" data-value="-194000.00">\u2212194,000\u00a0€' in phases.group(0)
    assert 'data-chart="chart-' in phases.group(0)


def test_units_without_levels_are_shown_under_one_heading(warehouse_file: Path, tmp_path: Path) -> None:
    database = tmp_path / "levels.duckdb"
    shutil.copyfile(warehouse_file, database)
    con = duckdb.connect(str(database))
    con.execute("alter table analytics.dim_unit drop column unit_level")
    con.close()
    build_site(database, REPO / "reports", tmp_path / "site")
    page = (tmp_path / "site" / "heinola-2025.en.html").read_text(encoding="utf-8")
    assert "Units (level not known)" in page
    assert "Service areas" not in page


def test_an_edited_report_text_gets_no_line_links(warehouse_file: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(REPO / "reports", reports)
    edited = replace_once((reports / YP).read_text(encoding="utf-8"), "Maksutuotot\t177 858", "Maksutuotot\t177 859")
    (reports / YP).write_text(edited, encoding="utf-8")
    summary = build_site(warehouse_file, reports, tmp_path / "site")
    assert [w for w in summary.warnings if w.startswith(YP)]
    page = (tmp_path / "site" / "heinola-2025.html").read_text(encoding="utf-8")
    assert f"sources/{YP}.html" not in page
    assert f"sources/{HY}.html" in page
    assert f"{YP}: raportin teksti on muuttunut" in page


def test_a_folder_that_is_not_a_site_is_never_replaced(
    warehouse_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "exports"
    other.mkdir()
    (other / "keep.csv").write_text("a\n", encoding="utf-8")
    arguments = ["report", "--database", str(warehouse_file), "--reports", str(REPO / "reports")]
    assert main([*arguments, "--out", str(other)]) == 2
    assert "is not a report site; refusing to replace it" in capsys.readouterr().err
    assert [p.name for p in other.iterdir()] == ["keep.csv"]
    assert main([*arguments, "--out", str(tmp_path / "site")]) == 0
    assert main([*arguments, "--out", str(tmp_path / "site")]) == 0, "a site is replaced by the next one"


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline_without_errors(site: Path, browser: Browser, name: str) -> None:
    with visit(browser, site / name, wait_for_charts=name.startswith("heinola")) as seen:
        assert seen.outside_requests == []
        assert seen.errors == []
        if seen.charts_state is not None:
            assert seen.charts_state == "rendered"
            assert seen.page.locator("[data-chart]").count() >= 10
            assert unrendered_charts(seen.page) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        seen.page.screenshot(path=str(SCREENSHOTS / name.replace(".html", ".png")), full_page=True)


@pytest.mark.parametrize(("name", "language"), [("heinola-2025.html", "fi"), ("heinola-2025.en.html", "en")])
def test_figures_shown_equal_the_warehouse_to_the_euro(
    site: Path, browser: Browser, warehouse: duckdb.DuckDBPyConnection, name: str, language: str
) -> None:
    expected = {
        (unit, item): (budget, actual, variance)
        for unit, item, budget, actual, variance in warehouse.execute(
            "select unit_id, line_item_id, budget_eur, actual_eur, variance_eur from analytics.rpt_budget_vs_actual "
            "where statement = 'operating' and fiscal_year = 2025"
        ).fetchall()
    }
    with visit(browser, site / name) as seen:
        shown = shown_figures(seen.page, "units")
    assert len(shown) >= 30, "every unit at every level, with three figures each"
    assert mismatches(shown, expected, language) == []
    assert {(row["unit"], row["lineItem"]) for row in shown} <= expected.keys()


def mismatches(
    shown: list[dict[str, str]], expected: dict[tuple[str, str], tuple[Decimal, Decimal, Decimal]], language: str
) -> list[str]:
    problems = []
    for row in shown:
        want = expected[(row["unit"], row["lineItem"])]
        for column, value in zip(("budget_eur", "actual_eur", "variance_eur"), want, strict=True):
            if parse_number(row[column], language) != value:  # type: ignore[arg-type]
                problems.append(f"{row['unit']} {row['lineItem']} {column}: shows {row[column]!r}, warehouse {value}")
    return problems


def test_a_changed_figure_is_caught(
    site: Path, browser: Browser, warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tampered = tmp_path / "report"
    shutil.copytree(site, tampered)
    page = tampered / "heinola-2025.html"
    text = page.read_text(encoding="utf-8")
    start = text.index('<section id="units"')
    end = text.index("</section>", start)
    cell = 'data-value="-8856536.00">\u22128\u00a0856\u00a0536\u00a0€'
    units = replace_once(text[start:end], cell, cell.replace("536\u00a0€", "535\u00a0€"))
    page.write_text(text[:start] + units + text[end:], encoding="utf-8")
    expected = {
        (unit, item): (budget, actual, variance)
        for unit, item, budget, actual, variance in warehouse.execute(
            "select unit_id, line_item_id, budget_eur, actual_eur, variance_eur from analytics.rpt_budget_vs_actual "
            "where statement = 'operating'"
        ).fetchall()
    }
    with visit(browser, page) as seen:
        problems = mismatches(shown_figures(seen.page, "units"), expected, "fi")
    shown = "\u22128\u00a0856\u00a0535\u00a0€"
    assert problems == [f"heinola.yhteiset_palvelut toimintakulut actual_eur: shows {shown!r}, warehouse -8856536.00"]


def test_a_broken_chart_an_error_and_a_request_out_are_caught(site: Path, browser: Browser, tmp_path: Path) -> None:
    tampered = tmp_path / "report"
    shutil.copytree(site, tampered)
    page = tampered / "heinola-2025.html"
    text = page.read_text(encoding="utf-8")
    assert '"type": "bar"' in text
    text = text.replace('"type": "bar"', '"type": "no-such-mark"', 1)
    text = text.replace("</main>", '<img src="http://192.0.2.1/pixel.png" alt=""></main>')
    page.write_text(text, encoding="utf-8")
    with visit(browser, page) as seen:
        assert seen.charts_state == "failed"
        assert seen.errors, "the failed chart logs an error"
        assert seen.outside_requests == ["http://192.0.2.1/pixel.png"]
        assert unrendered_charts(seen.page)


def page_figures(
    con: duckdb.DuckDBPyConnection, municipality: str, year: int
) -> dict[tuple[str, str], tuple[Decimal, Decimal, Decimal]]:
    rows = con.execute(
        "select unit_id, line_item_id, budget_eur, actual_eur, variance_eur from analytics.rpt_budget_vs_actual "
        "inner join analytics.dim_document using (document_id) "
        "where statement = 'operating' and dim_document.municipality = ? and dim_document.fiscal_year = ?",
        [municipality, year],
    ).fetchall()
    return {(unit, item): (budget, actual, variance) for unit, item, budget, actual, variance in rows}


def test_the_build_writes_the_site_of_a_synthetic_corpus(synthetic_build: SyntheticBuild, browser: Browser) -> None:
    database = synthetic_build.database
    site = database.with_name("warehouse.report")
    con = duckdb.connect(str(database), read_only=True)
    pages = con.execute("select distinct municipality, fiscal_year from analytics.dim_document order by all").fetchall()
    assert len(pages) == 4
    assert sorted(p.name for p in site.glob("*.html")) == sorted(
        ["index.html", "index.en.html"] + [f"{slugify(m)}-{y}{suffix}.html" for m, y in pages for suffix in ("", ".en")]
    )
    for municipality, year in pages:
        with visit(browser, site / f"{slugify(municipality)}-{year}.html") as seen:
            assert (seen.charts_state, seen.errors, seen.outside_requests) == ("rendered", [], [])
            assert unrendered_charts(seen.page) == []
            shown = shown_figures(seen.page, "units")
        expected = page_figures(con, municipality, year)
        assert shown
        assert mismatches(shown, expected, "fi") == []


def test_an_error_in_a_worker_process_stops_the_site_and_leaves_no_scratch(
    synthetic_build: SyntheticBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that cannot be rendered in a worker process raises its error in the build, which
    leaves no part of the site behind."""

    def broken(ctx: object) -> object:
        raise ValueError("a section that cannot be rendered")

    monkeypatch.setattr(site_build, "SECTIONS", (*site_build.SECTIONS, broken))
    with pytest.raises(ValueError, match="a section that cannot be rendered"):
        build_site(synthetic_build.database, synthetic_build.reports, tmp_path / "site", jobs=2)
    assert list(tmp_path.iterdir()) == []
    assert gc.get_freeze_count() == 0, "the objects frozen for the workers' fork are collectable again"


def test_worker_processes_that_cannot_start_stop_the_site_and_leave_nothing_frozen(
    synthetic_build: SyntheticBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork that fails (out of processes or memory) fails the site with its error, leaves no
    part of it behind, and the objects frozen for the fork collectable again."""

    class Unforkable:
        def Pool(self, *args: object, **kwargs: object) -> None:  # noqa: N802 (multiprocessing's name)
            raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", lambda method: Unforkable())
    with pytest.raises(OSError, match="Resource temporarily unavailable"):
        build_site(synthetic_build.database, synthetic_build.reports, tmp_path / "site", jobs=2)
    assert list(tmp_path.iterdir()) == []
    assert gc.get_freeze_count() == 0


def test_pages_are_batched_by_their_documents() -> None:
    pages = [
        Page("M", year, f"m-{year}", [{"document_id": f"{year}-{n}"} for n in range(size)])
        for year, size in ((2021, 2), (2022, 1), (2023, 3), (2024, 1))
    ]

    def sizes(documents: int) -> list[list[int]]:
        return [[len(page.documents) for page in batch] for batch in batches(pages, documents)]

    assert sizes(3) == [[2, 1], [3], [1]]
    assert sizes(1) == [[2], [1], [3], [1]], "a page of more documents than a batch is a batch of its own"
    assert sizes(100) == [[2, 1, 3, 1]]


def test_the_pages_are_the_same_bytes_whatever_the_batch_and_the_processes(
    synthetic_build: SyntheticBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site written one document's rows at a time, and rendered in worker processes (one
    batch's pages, or a page's two languages a batch), equals the site written in the default
    batch in this process, file by file (test_the_build_writes_the_site_of_a_synthetic_corpus
    checks the latter's figures against the warehouse)."""
    database, reports = synthetic_build.database, synthetic_build.reports
    con = duckdb.connect(str(database), read_only=True)
    documents = con.execute("select count(*) from analytics.dim_document").fetchone()
    con.close()
    assert documents is not None
    assert 1 < documents[0] <= BATCH_DOCUMENTS, "one batch by default, one per page with a batch of 1"
    pools: list[int] = []
    fork = multiprocessing.get_context

    def counted(method: str) -> object:
        pools.append(1)
        return fork(method)

    monkeypatch.setattr(multiprocessing, "get_context", counted)
    sites = {}
    for batch, jobs in ((BATCH_DOCUMENTS, 1), (1, 1), (BATCH_DOCUMENTS, 3), (1, 2)):
        before = len(pools)
        build_site(database, reports, tmp_path / f"batch-{batch}-jobs-{jobs}", batch_documents=batch, jobs=jobs)
        # With more than one job: a pool for the report texts, then one per batch of pages.
        assert len(pools) - before == (0 if jobs == 1 else 2 if batch == BATCH_DOCUMENTS else 5), "pools forked"
        sites[batch, jobs] = site_files(tmp_path / f"batch-{batch}-jobs-{jobs}")
        assert gc.get_freeze_count() == 0, "the objects frozen for the workers' fork are collectable again"
    default = sites[BATCH_DOCUMENTS, 1]
    assert len([name for name in default if name.endswith(".html") and "/" not in name]) == 10, (
        "4 pages, index, 2 languages"
    )
    for written in sites.values():
        assert written.keys() == default.keys()
        assert [name for name in written if written[name] != default[name]] == []
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"batch-{batch}-jobs-{jobs}" for batch, jobs in sites
    ), "no scratch left"


def test_the_variance_legend_shows_neither_only_where_a_line_is_of_no_known_direction() -> None:
    assert variance_legend([True, False, True]) == [True, False]
    assert variance_legend([False]) == [True, False]
    assert variance_legend([True, None]) == [True, False, None]
    assert [label(VARIANCE_KEYS[flag], "en") for flag in variance_legend([None])] == [
        "Better than budget",
        "Worse than budget",
        "Revenue or cost not known",
    ]


def test_risks_judged_in_words_show_their_words(warehouse_file: Path, tmp_path: Path) -> None:
    # Heinola's first risk, as a report that judges it in words prints it (fact_risk's columns
    # as the extraction fills them for `Suuri` / `Kohtalainen`): no number to show, the words kept.
    database = tmp_path / "words.duckdb"
    shutil.copyfile(warehouse_file, database)
    words = "Todennäköisyys: Suuri Merkittävyys: Kohtalainen"
    with duckdb.connect(str(database)) as con:
        changed = con.execute(
            "update analytics.fact_risk set probability = null, significance = null, risk_score = null, "
            "risk_value_raw = ? where risk_id = (select min(risk_id) from analytics.fact_risk)",
            [words],
        ).fetchall()
        assert changed == [(1,)]
    build_site(database, REPO / "reports", tmp_path / "site")
    risks = section_of((tmp_path / "site" / "heinola-2025.en.html").read_text(encoding="utf-8"), "risks")
    assert '<th scope="col">As printed</th>' in risks
    assert f'data-col="as_printed">{words}</td>' in risks


def test_risks_judged_in_numbers_show_no_column_of_words(site: Path) -> None:
    risks = section_of((site / "heinola-2025.en.html").read_text(encoding="utf-8"), "risks")
    assert 'data-col="risk_score"' in risks
    assert "As printed" not in risks


def section_of(page: str, name: str) -> str:
    """The page's section ``name`` (its HTML)."""
    found = re.search(rf'<section id="{name}".*?</section>', page, re.S)
    assert found is not None, f"no section {name}"
    return found.group(0)
