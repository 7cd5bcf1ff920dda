"""The report site keeps the previous site's pages whose inputs are unchanged (``site.reuse``).

Every test writes sites of the session's synthetic warehouse (four municipality-years, eight
report texts) and compares them, file by file, with a site rendered afresh: a kept page must be
the bytes rendering would write. Each way a page's input can change (a row it shows, a name every
page looks up, the site's code) is tampered with and must be rendered again; a damaged record
or a missing old file is rendered, never a failure.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from kuntatalous import files
from kuntatalous.cli import main
from kuntatalous.site import build as site_build
from kuntatalous.site import reuse, sources
from kuntatalous.site.build import SiteSummary, build_site
from kuntatalous.site.marts import BATCH_DOCUMENTS, Page, slugify

from .sites import site_files
from .warehouse_builds import SyntheticBuild

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def fresh(synthetic_build: SyntheticBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic warehouse's site rendered whole (no previous site)."""
    out = tmp_path_factory.mktemp("fresh") / "report"
    summary = build_site(synthetic_build.database, synthetic_build.reports, out)
    assert summary.reused == []
    return out


def kept_files(site: Path) -> list[str]:
    """The pages and report texts the site records (every file but the index, assets and marker)."""
    return sorted(json.loads((site / reuse.MANIFEST).read_text(encoding="utf-8"))["files"])


def reused(summary: SiteSummary) -> list[str]:
    return sorted(summary.reused)


def same_file(one: Path, other: Path) -> bool:
    return one.stat().st_ino == other.stat().st_ino


def write(build: SyntheticBuild, out: Path, previous: Path | None, database: Path | None = None) -> SiteSummary:
    """The site of ``database`` (default: the synthetic warehouse; a copy is shown by its name)."""
    shown = build.database.name
    return build_site(database or build.database, build.reports, out, shown_as=shown, previous=previous)


def test_a_site_written_again_keeps_every_page_as_rendered(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    assert write(synthetic_build, first, None).reused == []
    second = write(synthetic_build, tmp_path / "second", first)
    names = kept_files(first)
    assert len([n for n in names if n.endswith(".html") and "/" not in n]) == 8, "4 pages in 2 languages"
    assert len([n for n in names if n.startswith("sources/")]) == 8, "8 report texts"
    assert reused(second) == names
    assert all(same_file(first / name, tmp_path / "second" / name) for name in names), "hard links"
    assert site_files(tmp_path / "second") == site_files(fresh)
    assert site_files(first) == site_files(fresh)


def test_a_batch_lets_go_of_its_rows_whether_its_pages_are_rendered_or_kept(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a batch is written, each of its pages keeps only the rows the index shows: a page kept
    from the previous site as well as a rendered one (each read its digests)."""
    dropped: list[str] = []
    drop_rows = Page.drop_rows

    def counted(page: Page) -> None:
        dropped.append(page.slug)
        drop_rows(page)

    monkeypatch.setattr(Page, "drop_rows", counted)
    for batch in (BATCH_DOCUMENTS, 1):
        dropped.clear()
        summary = build_site(
            synthetic_build.database,
            synthetic_build.reports,
            tmp_path / f"kept-{batch}",
            previous=fresh,
            batch_documents=batch,
        )
        assert len(summary.reused) == 16, "every page and report text kept"
        assert sorted(dropped) == sorted({name.split(".")[0] for name in kept_files(fresh) if "/" not in name})


def test_a_page_record_goes_with_its_first_language_file_only(fresh: Path) -> None:
    record = json.loads((fresh / reuse.MANIFEST).read_text(encoding="utf-8"))["files"]
    pages = [name for name in record if "/" not in name]
    first = [name for name in pages if not name.endswith(".en.html")]
    assert len(first) == 4, "4 municipality-years, each with a Finnish and an English file"
    assert all(set(reuse.PAGE_RECORD_KEYS) <= set(record[name]) for name in first)
    assert all(not set(reuse.PAGE_RECORD_KEYS) & set(record[name]) for name in set(pages) - set(first))


def test_report_keeps_the_pages_of_the_site_it_replaces(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    arguments = ["report", "--database", str(synthetic_build.database), "--reports", str(synthetic_build.reports)]
    assert main([*arguments, "--out", str(out)]) == 0
    assert "; 0 pages and report texts unchanged" in capsys.readouterr().out
    inodes = {name: (out / name).stat().st_ino for name in kept_files(out)}
    assert main([*arguments, "--out", str(out)]) == 0
    assert f"; {len(inodes)} pages and report texts unchanged, kept from the previous site" in capsys.readouterr().out
    assert {name: (out / name).stat().st_ino for name in kept_files(out)} == inodes
    assert site_files(out) == site_files(fresh)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no scratch or retired site left"


def first_margin(database: Path) -> tuple[str, str, int]:
    """A document's operating margin row that its page shows: document, municipality, year."""
    with duckdb.connect(str(database), read_only=True) as con:
        found = con.execute(
            "select document_id, dim_document.municipality, fiscal_year from analytics.rpt_budget_vs_actual "
            "inner join analytics.dim_document using (document_id, fiscal_year) "
            "where line_item_id = 'toimintakate' and actual_eur is not null order by all limit 1"
        ).fetchone()
    assert found is not None
    return found


def tampered_margin(source: Path, database: Path) -> tuple[str, int]:
    """A copy of ``source`` with one operating margin a page shows changed: its municipality and year."""
    shutil.copyfile(source, database)
    document, municipality, year = first_margin(database)
    with duckdb.connect(str(database)) as con:
        con.execute(
            "update analytics.rpt_budget_vs_actual set actual_eur = actual_eur + 1 where document_id = ? "
            "and line_item_id = 'toimintakate' and actual_eur is not null and unit_id = (select min(unit_id) "
            "from analytics.rpt_budget_vs_actual where document_id = ? and line_item_id = 'toimintakate' "
            "and actual_eur is not null)",
            [document, document],
        )
    return municipality, year


def test_a_changed_row_renders_only_its_pages(synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path) -> None:
    database = tmp_path / "tampered.duckdb"
    municipality, year = tampered_margin(synthetic_build.database, database)
    out = tmp_path / "site"
    summary = write(synthetic_build, out, fresh, database)
    changed = [f"{slugify(municipality)}-{year}.html", f"{slugify(municipality)}-{year}.en.html"]
    assert reused(summary) == sorted(set(kept_files(fresh)) - set(changed))
    assert all(not same_file(out / name, fresh / name) for name in changed)
    assert all((out / name).read_bytes() != (fresh / name).read_bytes() for name in changed)
    assert site_files(out) == site_files(write(synthetic_build, tmp_path / "again", None, database).out)


TAMPERS = {
    "budget": ("rpt_budget_vs_actual", "variance_eur = variance_eur + 1", ""),
    "phases": ("fact_budget", "source_line = source_line + 1000", "and fiscal_year = {year}"),
    "projects": ("fact_project", "project_name = project_name || ' II'", ""),
    "key_figures": ("fact_kpi", "value_raw = value_raw || ' '", ""),
    "goals": ("fact_goal", "outcome = coalesce(outcome, '') || ' (2)'", ""),
    "risks": ("fact_risk", "mitigation = coalesce(mitigation, '') || '.'", ""),
    "findings": ("rpt_reconciliation", "status = 'warn'", ""),
}
"""Per page query, a change to one row it selects (of the last document that has rows in the
table): the table, the change, and which of the document's rows the query selects
(``reconciliation_counts``, which counts the statuses, changes with ``findings``)."""


@pytest.mark.parametrize("query", sorted(TAMPERS))
def test_a_changed_row_of_any_page_query_renders_its_page(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, query: str
) -> None:
    database = tmp_path / "tampered.duckdb"
    shutil.copyfile(synthetic_build.database, database)
    table, change, selected = TAMPERS[query]
    with duckdb.connect(str(database)) as con:
        found = con.execute(
            f"select document_id, municipality, fiscal_year from analytics.dim_document "
            f"where document_id = (select max(document_id) from analytics.{table})"
        ).fetchone()
        assert found is not None
        document, municipality, year = found
        updated = con.execute(
            f"update analytics.{table} set {change} where rowid = (select min(rowid) from analytics.{table} "
            f"where document_id = ? {selected.format(year=int(year))})",
            [document],
        ).fetchall()
        assert updated == [(1,)], "one row changed"
    summary = write(synthetic_build, tmp_path / "site", fresh, database)
    changed = [f"{slugify(municipality)}-{year}.html", f"{slugify(municipality)}-{year}.en.html"]
    assert reused(summary) == sorted(set(kept_files(fresh)) - set(changed))
    assert site_files(tmp_path / "site") == site_files(write(synthetic_build, tmp_path / "again", None, database).out)


def test_a_changed_name_every_page_looks_up_renders_every_page(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    database = tmp_path / "renamed.duckdb"
    shutil.copyfile(synthetic_build.database, database)
    with duckdb.connect(str(database)) as con:
        con.execute(
            "update analytics.dim_unit set unit_name_en = 'Renamed unit' "
            "where unit_id = (select min(unit_id) from analytics.rpt_budget_vs_actual)"
        )
    summary = write(synthetic_build, tmp_path / "site", fresh, database)
    assert reused(summary) == [name for name in kept_files(fresh) if name.startswith("sources/")]
    assert any("Renamed unit" in page.read_text(encoding="utf-8") for page in (tmp_path / "site").glob("*.en.html"))


def test_another_code_version_keeps_nothing(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reuse, "code_version", lambda: "another version")
    summary = write(synthetic_build, tmp_path / "site", fresh)
    assert summary.reused == []
    assert site_files(tmp_path / "site").keys() == site_files(fresh).keys()
    assert not any(same_file(tmp_path / "site" / name, fresh / name) for name in kept_files(fresh))


@pytest.mark.parametrize("damage", ["garbage", "missing", "a folder", "wrong shape"])
def test_a_damaged_record_renders_every_page(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, damage: str
) -> None:
    previous = tmp_path / "previous"
    shutil.copytree(fresh, previous)
    record = previous / reuse.MANIFEST
    record.unlink()
    if damage == "garbage":
        record.write_bytes(b"\x00{not json")
    elif damage == "a folder":
        record.mkdir()
    elif damage == "wrong shape":
        record.write_text(json.dumps({"format": 1, "files": ["heinola-2025.html"]}), encoding="utf-8")
    summary = write(synthetic_build, tmp_path / "site", previous)
    assert summary.reused == []
    assert site_files(tmp_path / "site") == site_files(fresh)


def test_a_missing_or_altered_old_file_is_rendered(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    previous = tmp_path / "previous"
    shutil.copytree(fresh, previous)
    pages = [name for name in kept_files(fresh) if "/" not in name]
    missing, altered, folder = pages[0], pages[1], kept_files(fresh)[-1]
    (previous / missing).unlink()
    (previous / altered).write_text("<p>edited by hand</p>", encoding="utf-8")
    (previous / folder).unlink()
    (previous / folder).mkdir()
    summary = write(synthetic_build, tmp_path / "site", previous)
    assert reused(summary) == sorted(set(kept_files(fresh)) - {missing, altered, folder})
    assert site_files(tmp_path / "site") == site_files(fresh)


def test_a_report_text_edited_since_the_build_renders_the_pages_that_link_it(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(synthetic_build.reports, reports)
    edited = sorted(reports.glob("kaustinen_tp2025_*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    database = synthetic_build.database
    summary = build_site(database, reports, tmp_path / "site", previous=fresh)
    pages = ["kaustinen-2025.html", "kaustinen-2025.en.html"]
    assert not set(pages) & set(reused(summary))
    assert f"sources/{edited.name}.html" not in reused(summary)
    assert all((tmp_path / "site" / page).read_bytes() != (fresh / page).read_bytes() for page in pages)
    assert site_files(tmp_path / "site") == site_files(build_site(database, reports, tmp_path / "again").out)


def test_a_kept_file_with_its_recorded_identity_is_not_read_again(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    write(synthetic_build, first, None)
    record = json.loads((first / reuse.MANIFEST).read_text(encoding="utf-8"))
    trusted, checked = sorted(name for name in record["files"] if "/" not in name)[:2]
    for name in (trusted, checked):
        record["files"][name]["sha256"] = "0" * 64  # a checksum only reading the file disproves
    del record["files"][checked]["inode"]  # a record without the file's identity: the file is read
    (first / reuse.MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    summary = write(synthetic_build, tmp_path / "second", first)
    assert trusted in reused(summary)
    assert checked not in reused(summary)
    pages = {name: data for name, data in site_files(tmp_path / "second").items() if name != reuse.MANIFEST}
    assert pages == {name: data for name, data in site_files(fresh).items() if name != reuse.MANIFEST}


def test_a_page_edited_in_place_since_it_was_kept_is_rendered(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(synthetic_build, first, None)
    write(synthetic_build, second, first)
    edited = sorted(name for name in kept_files(second) if "/" not in name)[0]
    data = (second / edited).read_bytes()
    (second / edited).write_bytes(data.replace(b"<", b">", 1))  # same size, a later modification time
    summary = write(synthetic_build, tmp_path / "third", second)
    assert reused(summary) == sorted(set(kept_files(fresh)) - {edited})
    assert site_files(tmp_path / "third") == site_files(fresh)


def test_a_report_text_that_keeps_its_identity_is_not_hashed_again(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(synthetic_build.reports, reports)
    shown = synthetic_build.database.name
    early = build_site(synthetic_build.database, reports, tmp_path / "early", shown)
    record = json.loads((early.out / reuse.MANIFEST).read_text(encoding="utf-8"))["files"]
    assert not any("report" in entry for entry in record.values()), "texts copied just now: not recorded"
    monkeypatch.setattr(files, "SETTLED_NS", 0)
    first = build_site(synthetic_build.database, reports, tmp_path / "first", shown, previous=early.out)
    edited = sorted(reports.glob("kaustinen_tp2025_*.txt"))[0]
    stat = edited.stat()
    edited.write_bytes(edited.read_bytes().replace(b"Kaustinen", b"KAUSTINEN", 1))  # same size
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and modification time: the inode's change time moved
    hashed: list[str] = []

    def find_report(reports: Path, source_file: str, sha256: str) -> Path | None:
        hashed.append(source_file)
        return sources.find_report(reports, source_file, sha256)

    monkeypatch.setattr(site_build, "find_report", find_report)
    second = build_site(
        synthetic_build.database, reports, tmp_path / "second", synthetic_build.database.name, previous=first.out
    )
    assert hashed == [edited.name], "only the changed report is read"
    assert second.warnings == [
        f"{edited.name}: not found in {reports} with the bytes the warehouse was built from; "
        "its figures are shown without links to the text"
    ]
    assert reused(second) == sorted(
        set(kept_files(fresh)) - {f"sources/{edited.name}.html", "kaustinen-2025.html", "kaustinen-2025.en.html"}
    )
    hashed.clear()
    build_site(synthetic_build.database, reports, tmp_path / "third", shown, previous=second.out)
    assert hashed == [edited.name], "a report known by its identity keeps it recorded for the next site"


@pytest.mark.parametrize(
    ("rebuilt", "rendered"),
    [
        pytest.param("the others", False, id="carried: a change behind the plan is not seen"),
        pytest.param("its own", True, id="its municipality rebuilt"),
        pytest.param(None, True, id="not a partial build"),
        pytest.param("the others, its record of other documents", True, id="a record of other documents"),
    ],
)
def test_a_partial_build_carries_the_digests_of_the_pages_it_did_not_rebuild(
    synthetic_build: SyntheticBuild, fresh: Path, tmp_path: Path, rebuilt: str | None, rendered: bool
) -> None:
    database = tmp_path / "tampered.duckdb"
    municipality, year = tampered_margin(synthetic_build.database, database)
    with duckdb.connect(str(database), read_only=True) as con:
        everyone = {name for (name,) in con.execute("select municipality from analytics.dim_document").fetchall()}
    assert len(everyone) > 1
    previous = tmp_path / "previous"
    shutil.copytree(fresh, previous)
    page = f"{slugify(municipality)}-{year}.html"
    if rebuilt is not None and "other documents" in rebuilt:
        record = json.loads((previous / reuse.MANIFEST).read_text(encoding="utf-8"))
        record["files"][page]["documents"].append("another")
        (previous / reuse.MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    names = None if rebuilt is None else frozenset(everyone - {municipality} if "others" in rebuilt else {municipality})
    out = tmp_path / "site"
    summary = build_site(
        database, synthetic_build.reports, out, shown_as=synthetic_build.database.name, previous=previous, rebuilt=names
    )
    changed = {page, page.replace(".html", ".en.html")}
    assert set(reused(summary)) == set(kept_files(fresh)) - (changed if rendered else set())
    if rendered:
        assert site_files(out) == site_files(write(synthetic_build, tmp_path / "again", None, database).out)
    else:
        assert site_files(out) == site_files(fresh), "the previous site's pages and records, as they were"
