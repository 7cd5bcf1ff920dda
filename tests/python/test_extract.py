"""The extractor on a small fixture report and on damaged copies of it."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import INVESTMENT_LINES, WHOLE_UNIT, Extraction, extract_paths
from kuntatalous.output.records import Record
from kuntatalous.tables.table_kinds import STATEMENTS
from kuntatalous.text import morphology
from kuntatalous.text.line_names import name_key
from kuntatalous.text.reading import discover
from kuntatalous.text.truncation import closing_labels
from kuntatalous.text.unit_names import UNIT_WORDS

from .conftest import REPO


def rows_by_label(extraction: Extraction) -> dict[object, Record]:
    return {row["row_label"]: row for row in extraction.budget_rows}


TITLE = "VAALAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n"
"""A report's first lines, its municipality and statement year: its text goes on at line 5."""


def write_report(tmp_path: Path, text: str) -> Path:
    """``r.txt`` in ``tmp_path``: Vaala's statement of 2025 (``TITLE``), then ``text`` from line 5."""
    report = tmp_path / "r.txt"
    report.write_text(TITLE + text, encoding="utf-8")
    return report


def test_every_printed_row_is_extracted_with_its_line(mini_report: Path) -> None:
    extraction = extract_paths([mini_report])
    labels = [(row["source_line"], row["row_label"]) for row in extraction.budget_rows]
    assert labels == [
        (8, "TOIMINTATUOTOT"),
        (9, "Myyntituotot"),
        (10, "Toimintatuotot"),
        (14, "Henkilöstökulut"),
        (15, "Toimintakate"),
        (23, "Toimintatuotot"),
        (30, "Menot"),
        (31, "Tulot"),
        (32, "Netto"),
    ]


def test_page_break_continuation_joins_the_table_and_takes_its_note(mini_report: Path) -> None:
    rows = {(r["source_line"]): r for r in extract_paths([mini_report]).budget_rows}
    assert rows[14]["table_line"] == rows[9]["table_line"] == 7
    assert rows[9]["is_prior_year_comparable"] is False
    assert rows[14]["comparability_note_line"] == 17
    assert rows[23]["is_prior_year_comparable"] is True


def test_amounts_years_and_signs_as_printed(mini_report: Path) -> None:
    rows = {(r["source_line"]): r for r in extract_paths([mini_report]).budget_rows}
    staff = rows[14]
    assert (staff["prior_year"], staff["prior_actual_eur"]) == (2030, Decimal("-3000"))
    assert (staff["budget_year"], staff["budget_eur"]) == (2031, Decimal("-4000"))
    assert (staff["actual_year"], staff["actual_eur"]) == (2031, Decimal("-3500.50"))
    assert (staff["variance_eur"], staff["execution_pct"]) == (Decimal("-500.50"), Decimal("87.51"))
    caption = rows[8]
    assert caption["is_section_row"] is True
    assert caption["budget_eur"] is caption["actual_eur"] is None


def test_a_dash_is_nil_zero_and_leaves_the_rows_precision_to_its_figures(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta (1 000 €)\tTA 2025\tToteuma 2025\tPoikkeama\tToteuma-%\n"
        "Toimintatuotot\t-\t12,5\t12,5\t\u2013\n"  # an en dash
        "Muut tuotot\t\u2013\t-\t\u2014\t-\n"  # and an em dash
        "Toimintakulut\t-1 000,0\t-912,5\t87,5\t91,3\n"
        "Toimintakate\t-1 000,0\t-900,0\t100,0\t90,0\n",
    )
    rows = rows_by_label(extract_paths([report]))
    read = {
        label: (r["budget_eur"], r["actual_eur"], r["variance_eur"], r["execution_pct"], r["printed_decimals"])
        for label, r in rows.items()
    }
    # Read by hand: a dash is nil, zero; in the % column no percentage. The row's precision is
    # its printed figures' (one decimal of thousands); a row of nils alone is exact to the cent
    # (five decimals of thousands).
    assert read == {
        "Toimintatuotot": (Decimal(0), Decimal("12500.0"), Decimal("12500.0"), None, 1),
        "Muut tuotot": (Decimal(0), Decimal(0), Decimal(0), None, 5),
        "Toimintakulut": (Decimal("-1000000.0"), Decimal("-912500.0"), Decimal("87500.0"), Decimal("91.3"), 1),
        "Toimintakate": (Decimal("-1000000.0"), Decimal("-900000.0"), Decimal("100000.0"), Decimal("90.0"), 1),
    }
    report.write_text(report.read_text(encoding="utf-8").replace("\t\u2014\t", "\t-- \t"), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"^r\.txt:9: column 'Poikkeama': cannot read '--' as an amount"):
        extract_paths([report])


def test_a_later_years_budget_is_kept_as_printed_beside_the_figures(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTP 2024\tTA 2025\tTP 2025\tTA 2026\tTA 2023\n"
        "Toimintakate\t-950\t-1 000\t-900\t-1 100\t-800\n",
    )
    (row,) = extract_paths([report]).budget_rows
    # Read by hand: TP 2024 the prior actual, TA 2025 the budget in force, TP 2025 the actual;
    # the plan for 2026 and the budget of 2023 kept as printed.
    assert (row["prior_actual_eur"], row["budget_eur"], row["actual_eur"], row["prior_budget_eur"]) == (
        Decimal(-950),
        Decimal(-1000),
        Decimal(-900),
        None,
    )
    assert row["other_columns"] == "TA 2026: -1 100 | TA 2023: -800"


def test_supplementary_budgets_and_the_budget_total_are_the_changes_and_the_budget_in_force(
    tmp_path: Path,
) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTA 2025\tLisätalousarviot\tTA 2025 yhteensä\tTP 2025\n"
        "Toimintakate\t-1 000\t-150\t-1 150\t-1 120\n",
    )
    (row,) = extract_paths([report]).budget_rows
    # Read by hand: -1 000 + -150 = -1 150, the budget the actual -1 120 is compared with.
    assert (row["budget_original_eur"], row["budget_change_eur"], row["budget_eur"], row["actual_eur"]) == (
        Decimal(-1000),
        Decimal(-150),
        Decimal(-1150),
        Decimal(-1120),
    )


def test_a_row_of_a_dash_goes_on_after_a_page_break(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTA 2025\tToteuma 2025\nMyyntituotot\t100\t90\n\n12\n\n"
        "Maksutuotot\t-\t10\nToimintakate\t100\t100\n",
    )
    rows = extract_paths([report]).budget_rows
    assert [(r["row_label"], r["table_line"], r["budget_eur"], r["actual_eur"]) for r in rows] == [
        ("Myyntituotot", 7, Decimal(100), Decimal(90)),
        ("Maksutuotot", 7, Decimal(0), Decimal(10)),
        ("Toimintakate", 7, Decimal(100), Decimal(100)),
    ]


def test_two_line_header_reads_years_from_the_second_line(mini_report: Path) -> None:
    small = rows_by_label(extract_paths([mini_report]))
    row = next(r for r in extract_paths([mini_report]).budget_rows if r["source_line"] == 23)
    assert row["unit_label"] == "Pieni yksikkö"
    assert (row["prior_year"], row["budget_year"], row["actual_year"]) == (2030, 2031, 2031)
    assert small["Myyntituotot"]["unit_label"] == "Testipalvelut"


def test_investment_table_splits_unit_and_asset_class(mini_report: Path) -> None:
    rows = rows_by_label(extract_paths([mini_report]))
    assert rows["Menot"]["table_kind"] == "investment"
    assert rows["Menot"]["unit_label"] == "TESTIPALVELUT"
    assert rows["Menot"]["investment_category"] == "KIINTEÄ OMAISUUS"
    # "Toteuma 1- 12" has no year: it is the budget year's actual.
    assert rows["Menot"]["actual_year"] == 2031
    assert rows["Tulot"]["prior_actual_eur"] is None
    assert rows["Tulot"]["actual_eur"] is None


def test_document_metadata_from_the_text(mini_report: Path) -> None:
    (document,) = extract_paths([mini_report]).documents
    assert document["municipality"] == "Ii"
    assert document["municipality_code"] == "139"
    assert document["municipality_source"] == "text"
    assert document["fiscal_year"] == 2031
    assert document["section_title"] == "TESTIPALVELUT -PALVELUALUE"
    assert document["document_id"] == str(document["content_sha256"])[:16]


def test_manifest_names_the_municipality(mini_report: Path, tmp_path: Path) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("file,municipality\na.txt,Lahti\n", encoding="utf-8")
    (document,) = extract_paths([tmp_path]).documents
    assert (document["municipality"], document["municipality_code"], document["municipality_source"]) == (
        "Lahti",
        "398",
        "manifest",
    )


def test_a_manifest_row_for_no_report_is_named(mini_report: Path, tmp_path: Path) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("file,municipality\na.txt,Lahti\nb.txt,Hollola\n", encoding="utf-8")
    extraction = extract_paths([tmp_path])
    assert "manifest.csv: names b.txt (Hollola), which is no report here; misspelt?" in extraction.warnings
    assert not any("a.txt (Lahti)" in warning for warning in extraction.warnings)


def test_every_table_is_inventoried_and_text_tables_extracted(mini_report: Path, tmp_path: Path) -> None:
    extraction = extract_paths([mini_report])
    kinds = {(t["first_line"], t["table_kind"], t["is_extracted"]) for t in extraction.tables}
    assert (36, "key_figures", True) in kinds
    assert (13, "operating", True) in kinds
    assert [(r["indicator"], r["fiscal_year"], r["measure_type"], r["value"]) for r in extraction.key_figures] == [
        ("Jokin", 2030, "actual", Decimal("12")),
        ("Jokin", 2031, "target", Decimal("13")),
    ]
    assert extraction.key_figures[0]["document_id"] == extraction.documents[0]["document_id"]
    # A table of a kind the extractor does not know is inventoried and reported, not dropped;
    # one that holds figures is a reject naming its header (an error, strictly).
    odd = tmp_path / "odd.txt"
    odd.write_text(mini_report.read_text(encoding="utf-8") + "\nOutoa\tSarake\nyksi\tkaksi\n", encoding="utf-8")
    extraction = extract_paths([odd])
    assert any(t["table_kind"] == "unknown" and t["is_extracted"] is False for t in extraction.tables)
    assert any("1 unknown table(s) not extracted" in w for w in extraction.warnings)
    odd.write_text(mini_report.read_text(encoding="utf-8") + "\nOutoa\tSarake\n1\t2\n", encoding="utf-8")
    with pytest.raises(
        ExtractionError,
        match=r"odd\.txt:39: table with figures not understood: header 'Outoa \| Sarake' is no budget table's nor "
        r"a known table's; columns no budget table reads: 'Sarake'$",
    ):
        extract_paths([odd])
    extraction = extract_paths([odd], keep_going=True)
    (reject,) = extraction.rejects
    assert (reject["scope"], reject["table_kind"], reject["source_line"], reject["last_line"]) == (
        "table",
        "unknown",
        39,
        40,
    )


def test_same_content_under_two_names_is_loaded_once(mini_report: Path, tmp_path: Path) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    shutil.copy(mini_report, tmp_path / "b.txt")
    extraction = extract_paths([tmp_path])
    assert [d["source_file"] for d in extraction.documents] == ["a.txt"]
    assert any("b.txt: same content as a.txt" in w for w in extraction.warnings)


def damaged(mini_report: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = mini_report.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "damaged.txt"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("\t2 500\t", "\t2 5O0\t", r"damaged\.txt:9: column 'Toteuma 2031': cannot read '2 5O0' as an amount"),
        ("\t87,51", "\t87,5,1", r"damaged\.txt:14: column 'Toteuma %': cannot read '87,5,1' as a percentage"),
        (
            "\t-4 000\t",
            "\t-4 000 %\t",
            r"damaged\.txt:14: column 'Talousarvio 2031': cannot read '-4 000 %' as an amount",
        ),
        ("\t2 500\t", "\t12,3,4\t", r"damaged\.txt:9: column 'Toteuma 2031': cannot read '12,3,4' as an amount"),
        (
            "\t2 500\t",
            "\t2\u00a0500'\t",
            r"damaged\.txt:9: column 'Toteuma 2031': cannot read '2\u00a0500'' as an amount",
        ),
        ("Myyntituotot\t1 000\t", "Myyntituotot\t1 000\t7\t", r"damaged\.txt:9: budget table row has 7 cells"),
        (
            "\tTalousarvio 2031\tToteuma 2031\tPoikkeama\tToteuma %\n<b>TOIM",
            "\tTalousarvio 2030\tToteuma 2031\tPoikkeama\tToteuma %\n<b>TOIM",
            r"damaged\.txt:7: budget table header has no budget of the statement year 2031",
        ),
        (
            "\t-3 500,50\t",
            "\t-3 500,505\t",
            r"damaged\.txt:14: column 'Toteuma 2031': '-3 500,505' has more decimals than cents",
        ),
        (
            "Pieni yksikkö\tTilinpäätös",
            "Pieni yksikkö\tMuutettu",
            r"damaged\.txt:21: unexpected column 'Muutettu 2030'",
        ),
        ("TESTIPALVELUT KIINTEÄ", "MUU YKSIKKÖ KIINTEÄ", r"damaged\.txt:29: investment table 'MUU YKSIKKÖ"),
    ],
)
def test_bad_input_names_file_and_line(mini_report: Path, tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract_paths([damaged(mini_report, tmp_path, old, new)])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "\tPoikkeama\tToteuma %\nHenkil",
            "\tPoikkeama\tPoikkeama-arvio\nHenkil",
            r"damaged\.txt:13: unexpected column 'Poikkeama-arvio'",
        ),
        (
            "\tToteuma 2031\tPoikkeama\tToteuma %\nHenkil",
            "\tToteumaennuste 2031\tPoikkeama\tToteuma %\nHenkil",
            r"damaged\.txt:13: unexpected column 'Toteumaennuste 2031'",
        ),
        (
            "Testipalvelut Selite\tTilinpäätös 2030\tTalousarvio 2031\tToteuma 2031\tPoikkeama\tToteuma %\nHenkil",
            "Testipalvelut Selite (1 000 €)\tTilinpäätös 2030\tTalousarvio 2031 (milj. €)\tToteuma 2031"
            "\tPoikkeama\tToteuma %\nHenkil",
            r"damaged\.txt:13: the table names more than one unit",
        ),
        (
            "Testipalvelut Selite\tTilinpäätös 2030\tTalousarvio 2031\tToteuma 2031\tPoikkeama\tToteuma %\nHenkil",
            "Henkil",
            r"damaged\.txt:13: table rows follow a budget table without its header",
        ),
    ],
)
def test_columns_and_layouts_it_cannot_read_are_errors(
    mini_report: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract_paths([damaged(mini_report, tmp_path, old, new)])


def test_continuation_starting_with_a_caption_named_like_a_total_still_joins(mini_report: Path, tmp_path: Path) -> None:
    report = damaged(mini_report, tmp_path, "Henkilöstökulut\t", "<b>TOIMINTATUOTOT</b>\t\t\t\t\t\nHenkilöstökulut\t")
    rows = {r["source_line"]: r for r in extract_paths([report]).budget_rows}
    assert rows[14]["row_label"] == "TOIMINTATUOTOT"
    assert rows[14]["table_line"] == rows[15]["table_line"] == rows[9]["table_line"] == 7
    assert rows[9]["is_prior_year_comparable"] is False


@pytest.mark.parametrize(
    ("note", "comparable", "restated"),
    [
        ("Muuta tekstiä ensin.\n\nVuoden 2030 vertailutiedot eivät ole vertailukelpoisia.", False, False),
        ("Vuoden 2030 vertailutiedot ovat täysin vertailukelpoisia.", True, False),
        ("Vuoden 2030 vertailutiedot on organisaatiouudistuksen takia yhdistelty", False, False),
        ("Vuoden 2030 luvut on muutettu vertailukelpoisiksi uuden organisaation kanssa.", True, True),
        ("Vuoden 2030 vertailutiedot on oikaistu vastaamaan uutta organisaatiota.", True, True),
        (
            "Vuoden 2030 vertailutiedot on oikaistu vastaamaan uutta organisaatiota eivätkä ole vertailukelpoisia.",
            False,
            False,
        ),
        ("Jämförelsetalen för 2030 har justerats enligt den nya organisationen.", True, True),
        ("Jämförelsetalen för 2030 är inte jämförbara.", False, False),
        ("Talous toteutui hyvin.", True, False),
    ],
)
def test_comparability_note(mini_report: Path, tmp_path: Path, note: str, comparable: bool, restated: bool) -> None:
    old = (
        "Vuoden 2030 vertailutiedot on organisaatiouudistuksen takia yhdistelty"
        " eivätkä siten ole suoraan vertailukelpoisia."
    )
    rows = {r["source_line"]: r for r in extract_paths([damaged(mini_report, tmp_path, old, note)]).budget_rows}
    assert rows[9]["is_prior_year_comparable"] is comparable
    assert rows[9]["is_prior_year_restated"] is restated


def test_a_restatement_note_is_kept_with_its_line(mini_report: Path, tmp_path: Path) -> None:
    old = (
        "Vuoden 2030 vertailutiedot on organisaatiouudistuksen takia yhdistelty"
        " eivätkä siten ole suoraan vertailukelpoisia."
    )
    note = "Vuoden 2030 vertailutiedot on oikaistu vastaamaan uutta organisaatiota."
    rows = {r["source_line"]: r for r in extract_paths([damaged(mini_report, tmp_path, old, note)]).budget_rows}
    # Read by hand: the note stands at line 17 of the mini report, in place of its not-comparable
    # note, under the table of lines 7-15 (its header repeated at line 13); the investment table
    # (line 30) has none.
    for line in (9, 14):
        assert (rows[line]["comparability_note"], rows[line]["comparability_note_line"]) == (note, 17)
        assert (rows[line]["is_prior_year_comparable"], rows[line]["is_prior_year_restated"]) == (True, True)
    assert (rows[30]["comparability_note"], rows[30]["is_prior_year_restated"]) == ("", False)


def test_manifest_with_a_byte_order_mark(mini_report: Path, tmp_path: Path) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("\ufefffile,municipality\na.txt,Lahti\n", encoding="utf-8")
    assert extract_paths([tmp_path]).documents[0]["municipality"] == "Lahti"


def test_manifest_that_is_not_utf8_is_an_error(mini_report: Path, tmp_path: Path) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_bytes("file,municipality\na.txt,Hämeenlinna\n".encode("latin-1"))
    with pytest.raises(ExtractionError, match="manifest is not UTF-8"):
        extract_paths([tmp_path])


def test_non_utf8_file_is_rejected_with_its_line(tmp_path: Path) -> None:
    target = tmp_path / "latin1.txt"
    target.write_bytes("ok\nToimintakulut\tKäyttö\n".encode("latin-1"))
    with pytest.raises(ExtractionError, match=r"latin1\.txt:2: not UTF-8"):
        extract_paths([target])


def test_unknown_municipality_asks_for_a_manifest(mini_report: Path, tmp_path: Path) -> None:
    target = damaged(mini_report, tmp_path, "Tekstiä Iin kunnan toiminnasta ja Iin kunta muutenkin.", "-")
    with pytest.raises(ExtractionError, match=r"cannot tell the municipality.*manifest\.csv"):
        extract_paths([target])


def test_a_folder_gives_its_report_files_and_those_of_its_subfolders(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "e.txt").mkdir()  # a folder, whatever its name
    for name in ["a.txt", "B.TXT", ".txt", "notes.md", "x.csv", "sub/c.txt", "sub/deeper/d.md", "e.txt/f.txt"]:
        (folder / name).write_text("x\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(folder / "a.txt")
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "linked").symlink_to(folder / "sub", target_is_directory=True)
    found = discover([folder])
    assert [name for _, name in found] == [
        "B.TXT",
        "a.txt",
        "e.txt/f.txt",
        "link.txt",
        "notes.md",
        "sub/c.txt",
        "sub/deeper/d.md",
    ]
    assert all(path == folder / name for path, name in found)
    # What pathlib's walk finds, file by file.
    walked = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md")]
    assert sorted(walked) == sorted(path for path, _ in found)


def test_the_first_report_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """Names checked as text: only report names count, and the first offender in path order
    (``a/…`` before ``a-…``) is the one named."""
    import os

    from kuntatalous.cli import check_file_names

    reports = tmp_path / "reports"
    (reports / "a").mkdir(parents=True)
    for name in (b"a/\xe4.txt", b"a-\xe4.txt", b"z\xe4.md", b"\xe4.csv"):
        (reports / os.fsdecode(name)).write_text("x", encoding="utf-8")
    with pytest.raises(ExtractionError) as found:
        check_file_names([reports])
    assert str(found.value).startswith(f"{reports}/a/\\xe4.txt: the file name is not UTF-8")
    (reports / os.fsdecode(b"a/\xe4.txt")).unlink()
    with pytest.raises(ExtractionError, match=r"/a-\\xe4\.txt: the file name"):
        check_file_names([reports])
    for name in (b"a-\xe4.txt", b"z\xe4.md"):
        (reports / os.fsdecode(name)).unlink()
    check_file_names([reports])  # a name that is not a report's is not read, so not checked
    single = tmp_path / os.fsdecode(b"r\xe4port.txt")
    with pytest.raises(ExtractionError, match=r"r\\xe4port\.txt: the file name"):
        check_file_names([single])


INVESTMENT_ROWS = ("Menot\t-3 000\t-2 400", "Tulot\t200\t150", "Netto\t-2 800\t-2 250")
OPERATING_ROWS = ("Toimintatuotot\t200\t150", "Toimintakulut\t-3 000\t-2 400", "Toimintakate\t-2 800\t-2 250")


@pytest.mark.parametrize(
    ("headings", "rows", "kind", "category"),
    [
        # A caption naming the asset class under the investments heading.
        (["## Investoinnit", "**Talonrakennus**"], OPERATING_ROWS, "investment", "talonrakennus"),
        (["## Investoinnit", "### Käyttötalous"], INVESTMENT_ROWS, "operating", ""),
        # A heading naming both kinds decides nothing, nor does a # heading above a section's
        # own: converted text may print a sibling chapter so. The rows decide: the investment
        # statement's lines alone (Menot, Tulot, Netto), or others.
        (
            ["# Investoinnit", "## Tekninen lautakunta: käyttötalouden ja investointien toteutuminen"],
            OPERATING_ROWS,
            "operating",
            "",
        ),
        (["# Investoinnit", "## Tekninen lautakunta"], OPERATING_ROWS, "operating", ""),
        # Where no nearer heading says either, a table of the investment lines alone, or ending on
        # them, is one under a heading that names investments and none that names operations.
        (["# Investoinnit", "## Tekninen lautakunta"], INVESTMENT_ROWS, "investment", "talonrakennus"),
        (["## Investoinnit", "### Tekninen lautakunta"], INVESTMENT_ROWS, "investment", "talonrakennus"),
        (
            ["## Investoinnit", "### Tekninen lautakunta"],
            ("Pikkolan koulu\t-3 000\t-2 400", "Menot\t-3 000\t-2 400", "Netto\t-3 000\t-2 400"),
            "investment",
            "talonrakennus",
        ),
        (["# Käyttötalous", "## Tekninen lautakunta"], INVESTMENT_ROWS, "operating", ""),
        (["## Tekninen lautakunta: käyttötalouden ja investointien toteutuminen"], INVESTMENT_ROWS, "operating", ""),
        (["Investoinnit"], INVESTMENT_ROWS, "operating", ""),
        # Investment lines not all at the end, or one alone at the end, are a unit's lines.
        (
            ["## Investoinnit", "### Tekninen lautakunta"],
            (
                "Tulot yhteensä\t200\t150",
                "Henkilöstökulut\t-3 000\t-2 400",
                "Menot yhteensä\t-3 000\t-2 400",
                "Netto\t-2 800\t-2 250",
            ),
            "operating",
            "",
        ),
        (
            ["## Investoinnit", "### Tekninen lautakunta"],
            ("Toimintakulut\t-3 000\t-2 400", "Netto\t-3 000\t-2 400"),
            "operating",
            "",
        ),
    ],
)
def test_an_investment_table_is_told_by_the_headings_over_it_else_by_its_rows(
    tmp_path: Path, headings: list[str], rows: tuple[str, ...], kind: str, category: str
) -> None:
    table = [
        "Tekninen lautakunta\tTA 2025\tToteuma 2025",
        "Toimintakate\t-1 000\t-900",
        "",
        *headings,
        "",
        "Tekninen lautakunta talonrakennus\tTA 2025\tToteuma 2025",
        *rows,
    ]
    report = write_report(tmp_path, "## Tekninen lautakunta\n\n" + "\n".join(table) + "\n")
    last = extract_paths([report]).budget_rows[-1]
    assert (last["table_kind"], last["investment_category"]) == (kind, category)


def test_the_investment_lines_are_the_charts() -> None:
    """The names a table of investment lines alone prints are the investment statement's lines'
    names in the chart, its further names and the Treasury's labels."""
    names: set[str] = set()
    with (REPO / "seeds" / "reference" / "ref_line_items.csv").open(encoding="utf-8") as chart:
        lines = [row for row in csv.DictReader(chart) if row["statement"] == "investment"]
    for row in lines:
        names |= {row["line_item_name"], row["line_item_name_sv"], row["line_item_name_en"]}
    ids = {row["line_item_id"] for row in lines}
    with (REPO / "seeds" / "reference" / "ref_line_item_names.csv").open(encoding="utf-8") as further:
        names |= {row["name_printed"] for row in csv.DictReader(further) if row["line_item_id"] in ids}
    with (REPO / "seeds" / "reference" / "ref_ktas_income_statement_labels.csv").open(encoding="utf-8") as treasury:
        for row in csv.DictReader(treasury):
            if row["line_item_id"] in ids:
                names |= {row["label_fi"], row["label_sv"], row["label_en"]}
    assert {name.lower() for name in names} == INVESTMENT_LINES


def _investment_report(tmp_path: Path, label: str) -> Path:
    """Vaala's Tekninen lautakunta: its operating table, then an investment table labelled ``label``."""
    report = write_report(
        tmp_path,
        "## Tekninen lautakunta\n\n"
        "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n## Investoinnit\n\n"
        f"{label}\tTA 2025\tToteuma 2025\nMenot\t-3 000\t-2 400\nTulot\t200\t150\nNetto\t-2 800\t-2 250\n",
    )
    return report


def test_an_investment_table_naming_its_unit_alone_is_all_its_investments(tmp_path: Path) -> None:
    rows = extract_paths([_investment_report(tmp_path, "TEKNINEN LAUTAKUNTA")]).budget_rows
    netto = next(row for row in rows if row["row_label"] == "Netto")
    assert (netto["table_kind"], netto["unit_label"], netto["investment_category"]) == (
        "investment",
        "TEKNINEN LAUTAKUNTA",
        "yhteensä",
    )
    assert (netto["actual_eur"], netto["budget_eur"]) == (Decimal("-2250"), Decimal("-2800"))


def test_an_investment_table_of_no_unit_the_report_names_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        ExtractionError, match=r"^r\.txt:12: investment table 'Rakennuslautakunta' does not start with a unit"
    ):
        extract_paths([_investment_report(tmp_path, "Rakennuslautakunta")])


def test_investments_under_their_own_heading_after_the_one_unit_s_section_are_its(tmp_path: Path) -> None:
    """``## Investoinnit`` beside ``## Tekninen lautakunta``, the report's one unit: its
    investments, as its goals and key figures there are (it was a reject: whose, not told)."""
    rows = extract_paths([_investment_report(tmp_path, "Investoinnit")]).budget_rows
    investments = [row for row in rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"]) for row in investments} == {
        ("Tekninen lautakunta", WHOLE_UNIT)
    }
    assert [(row["source_line"], row["budget_eur"], row["actual_eur"]) for row in investments] == [
        (13, Decimal("-3000"), Decimal("-2400")),
        (14, Decimal("200"), Decimal("150")),
        (15, Decimal("-2800"), Decimal("-2250")),
    ]


BOARD_WITH_AREAS = (
    "## Bildningsnämnden\n\nBildningsnämnden\tBudget 2025\tBokslut 2025\nVerksamhetsbidrag\t-4 000\t-3 800\n\n"
    "### Småbarnspedagogik\n\nSmåbarnspedagogik\tBudget 2025\tBokslut 2025\nVerksamhetsbidrag\t-1 500\t-1 400\n\n"
)
"""Närpes' section file, lines 5 to 14: one board, one of its areas under ``###``."""


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("## Investeringar", "Investeringar"),
        ("## Investoinnit \u2013 Investeringar", "Investoinnit / Investeringar"),
        ("## 4 Investeringar", "Investeringar"),
    ],
)
def test_a_board_s_investments_after_its_areas_are_the_board_s(tmp_path: Path, heading: str, label: str) -> None:
    """Närpes and Kauniainen: the board's section (its areas under ``###``), then the
    investments under a ``##`` heading of their own."""
    report = write_report(
        tmp_path,
        f"{BOARD_WITH_AREAS}{heading}\n\n{label}\tBudget 2025\tBokslut 2025\n"
        "Investeringsutgifter\t-750 000\t-688 420\nInvesteringsinkomster\t0\t0\n"
        "Nettoinvesteringar\t-750 000\t-688 420\n",
    )
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"]) for row in rows} == {("Bildningsnämnden", WHOLE_UNIT)}
    assert [(row["source_line"], row["budget_eur"], row["actual_eur"]) for row in rows] == [
        (18, Decimal("-750000"), Decimal("-688420")),
        (19, Decimal("0"), Decimal("0")),
        (20, Decimal("-750000"), Decimal("-688420")),
    ]


@pytest.mark.parametrize(
    "second",
    [
        # Two units side by side: either's investments, or both's.
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-2 000\t-1 900\n\n",
        # The unit's and the city's income statement: the unit's investments, or the city's.
        "## Tuloslaskelmaosa\n\nTuloslaskelma\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n",
    ],
)
def test_investments_of_no_unit_beside_two_units_sections_are_an_error(tmp_path: Path, second: str) -> None:
    report = write_report(
        tmp_path,
        "## Tekninen lautakunta\n\nTekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        f"{second}## Investoinnit\n\n"
        "Investoinnit\tTA 2025\tToteuma 2025\nMenot\t-3 000\t-2 400\nTulot\t200\t150\nNetto\t-2 800\t-2 250\n",
    )
    with pytest.raises(
        ExtractionError,
        match=r"^r\.txt:17: investment table 'Investoinnit' names no unit, nor does the budget's investment "
        r"part \(Investointiosa\) or a section with a unit's operating table stand over it, and the report prints "
        r"more than one top unit's operating tables \(or the city's\)",
    ):
        extract_paths([report])


@pytest.mark.parametrize("heading", ["Toteutuneet investoinnit", "Vuoden 2025 investoinnit"])
def test_investments_of_one_top_unit_under_a_heading_naming_more_are_an_error_saying_so(
    tmp_path: Path, heading: str
) -> None:
    """One board and its area, then investments under a heading with a word before Investoinnit:
    the error said the report printed more than one top unit's tables."""
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tTP 2025\nToimintakate\t-4 000\t-3 800\n\n"
        "### Varhaiskasvatus\n\nVarhaiskasvatus\tTA 2025\tTP 2025\nToimintakate\t-1 500\t-1 400\n\n"
        f"## {heading}\n\nInvestoinnit\tTA 2025\tTP 2025\nMenot\t-750 000\t-688 420\nNetto\t-750 000\t-688 420\n",
    )
    with pytest.raises(ExtractionError) as raised:
        extract_paths([report])
    # Read by hand: the investment table's header at line 17.
    assert str(raised.value).startswith("r.txt:17: investment table 'Investoinnit' names no unit")
    assert (
        f"and the report's one top unit is Sivistyslautakunta, but the table's label and the heading over it "
        f"('{heading}') do not both name investments alone (Investoinnit, not a word before it)"
    ) in str(raised.value)
    assert "more than one top unit" not in str(raised.value)


UNITS = ("Tekninen lautakunta", "Tukipalvelut", "Sivistyslautakunta", "Tekniset palvelut", "Vapaa-ajan lautakunta")


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Teknisen lautakunnan investoinnit", "Tekninen lautakunta"),
        ("TEKNISEN LAUTAKUNNAN INVESTOINTIEN TOTEUTUMINEN", "Tekninen lautakunta"),
        ("Tukipalvelujen investoinnit", "Tukipalvelut"),
        ("Sivistyslautakunnan investoinnit", "Sivistyslautakunta"),
        ("Teknisten palvelujen investoinnit", "Tekniset palvelut"),
        ("Vapaa-ajan lautakunnan investoinnit", "Vapaa-ajan lautakunta"),
    ],
)
def test_an_investment_table_naming_its_unit_in_the_genitive_is_all_its_investments(
    tmp_path: Path, label: str, unit: str
) -> None:
    # The unit's operating table is printed in another section, ## Investoinnit its sibling:
    # only the genitive in the label says whose the investments are (Voikko reads it).
    operating = "".join(f"## {name}\n\n{name}\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n" for name in UNITS)
    report = write_report(
        tmp_path,
        f"{operating}## Investoinnit\n\n"
        f"{label}\tTA 2025\tToteuma 2025\nMenot\t-3 000\t-2 400\nTulot\t200\t150\nNetto\t-2 800\t-2 250\n",
    )
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"]) for row in rows} == {(unit, WHOLE_UNIT)}
    assert [row["source_line"] for row in rows] == [33, 34, 35]


@pytest.mark.parametrize(
    "label",
    [
        "Rakennuslautakunnan investoinnit",  # a genitive, of no unit of the report
        "Kaupungin investoinnit",  # the city's, which prints no operating table
        "Uudet investoinnit",  # no genitive
    ],
)
def test_an_investment_table_whose_genitive_names_no_unit_is_placed_as_before(tmp_path: Path, label: str) -> None:
    with pytest.raises(ExtractionError, match=rf"^r\.txt:12: investment table '{label}' names no unit, nor does"):
        extract_paths([_investment_report(tmp_path, label)])


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Tekniska nämndens investeringar", "Tekniska nämnden"),
        ("BILDNINGSNÄMNDENS INVESTERINGAR", "Bildningsnämnden"),
        ("Kultur och fritids investeringar", "Kultur och fritid"),
    ],
)
def test_an_investment_table_naming_its_unit_in_the_swedish_genitive_is_all_its_investments(
    tmp_path: Path, label: str, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Swedish adds -s to the name's last word alone: read without Voikko (here unavailable).
    def unavailable() -> object:
        raise morphology.MorphologyUnavailableError("Voikko is not needed for Swedish")

    monkeypatch.setattr(morphology, "_analyser", unavailable)
    morphology._forms.cache_clear()
    operating = "".join(
        f"## {name}\n\n{name}\tBudget 2025\tUtfall 2025\nVerksamhetsbidrag\t-1 000\t-900\n\n"
        for name in ("Tekniska nämnden", "Bildningsnämnden", "Kultur och fritid")
    )
    report = write_report(
        tmp_path,
        f"{operating}## Investeringar\n\n"
        f"{label}\tBudget 2025\tUtfall 2025\nUtgifter\t-3 000\t-2 400\nInkomster\t200\t150\nNetto\t-2 800\t-2 250\n",
    )
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"]) for row in rows} == {(unit, WHOLE_UNIT)}
    assert [row["source_line"] for row in rows] == [23, 24, 25]
    morphology._forms.cache_clear()


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        # The city's income statement named in the genitive: the whole city's investments.
        (
            "## Tuloslaskelma\n\nKaupunki (1 000 €)\tTA 2025\tToteuma 2025\nVerotulot\t9 000\t9 100\n"
            "Toimintakate\t-1 000\t-900\n\n# Investoinnit\n\nKaupungin investoinnit",
            ("Kaupungin investoinnit", True),
        ),
        # A heading names an asset class, no unit: placed by the section, as before.
        (
            "# Tekninen lautakunta\n\nTekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
            "## Investoinnit\n\n### Talonrakennus\n\nTalonrakennuksen investoinnit",
            ("Tekninen lautakunta", False),
        ),
    ],
)
def test_a_genitive_is_read_against_the_units_operating_tables(
    tmp_path: Path, text: str, placed: tuple[str, bool]
) -> None:
    report = write_report(
        tmp_path,
        f"{text}\tTA 2025\tToteuma 2025\nMenot\t-3 000\t-2 400\nTulot\t200\t150\nNetto\t-2 800\t-2 250\n",
    )
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"], row["is_city_statement"]) for row in rows} == {
        (*placed[:1], WHOLE_UNIT, placed[1])
    }


def test_a_genitive_without_voikko_is_an_error_naming_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable() -> object:
        raise morphology.MorphologyUnavailableError(
            f"Voikko cannot be loaded (no libvoikko.so.1): {morphology.INSTALL}"
        )

    monkeypatch.setattr(morphology, "_analyser", unavailable)
    morphology._forms.cache_clear()
    # Not a reject of the report, even when rejects are kept: the machine lacks a library.
    for keep_going in (False, True):
        with pytest.raises(
            morphology.MorphologyUnavailableError,
            match=r"^r\.txt:12: investment table 'Teknisen lautakunnan investoinnit': "
            r"Voikko cannot be loaded .*apt-get install libvoikko1 voikko-fi",
        ):
            extract_paths([_investment_report(tmp_path, "Teknisen lautakunnan investoinnit")], keep_going=keep_going)
    morphology._forms.cache_clear()


ASSET_CLASS_ROWS = (
    "Talonrakennus\t-3 000\t-2 400\nIrtain omaisuus\t-500\t-450\nInvestointimenot yhteensä\t-3 500\t-2 850\n"
    "Rahoitusosuudet\t200\t150\nNettoinvestoinnit\t-3 300\t-2 700\n"
)


def _placed(tmp_path: Path, text: str) -> set[tuple[object, ...]]:
    """The unit label, asset class and whole-city flag of the report's investment rows."""
    report = write_report(tmp_path, text)
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert [row["row_label"] for row in rows] == [
        "Talonrakennus",
        "Irtain omaisuus",
        "Investointimenot yhteensä",
        "Rahoitusosuudet",
        "Nettoinvestoinnit",
    ]
    return {(row["unit_label"], row["investment_category"], row["is_city_statement"]) for row in rows}


BOARD = "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
CITY = "Kaupunki\tTA 2025\tToteuma 2025\nVerotulot\t9 000\t9 100\nToimintakate\t-1 000\t-900\n\n"
INVESTMENTS = f"Investoinnit\tTA 2025\tToteuma 2025\n{ASSET_CLASS_ROWS}"


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        # The section of a unit's operating table, its first: the board's, not its area's.
        (
            f"## Tekninen toimi\n\n{BOARD}Tiepalvelut\tTA 2025\tToteuma 2025\nToimintakate\t-10\t-9\n\n"
            f"### Investoinnit\n\n{INVESTMENTS}",
            ("Tekninen lautakunta", "yhteensä", False),
        ),
        # A section that prints the city's income statement is the city's.
        (
            f"# Talousarvion toteutuminen\n\n{CITY}{BOARD}## Investoinnit\n\n{INVESTMENTS}",
            ("Investoinnit", "yhteensä", True),
        ),
        # The budget's investment part is the city's, even under a board's chapter.
        (
            f"# Tekninen lautakunta\n\n{BOARD}## Investointiosan toteutuminen\n\n{INVESTMENTS}",
            ("Investoinnit", "yhteensä", True),
        ),
        # A report of the city's income statement alone.
        (f"{CITY}## Investoinnit\n\n{INVESTMENTS}", ("Investoinnit", "yhteensä", True)),
    ],
)
def test_asset_classes_as_rows_are_the_investments_of_the_section_they_stand_in(
    tmp_path: Path, text: str, placed: tuple[object, ...]
) -> None:
    # Every row as printed, the asset class of all the unit's investments: the warehouse reads
    # the rows the chart does not name as classes.
    assert _placed(tmp_path, text) == {placed}


def test_asset_classes_as_rows_of_no_section_with_a_unit_are_an_error(tmp_path: Path) -> None:
    # A chapter of the investment part names a board, but no operating table is printed.
    with pytest.raises(ExtractionError, match=r"^r\.txt:9: investment table 'Investoinnit' names no unit"):
        _placed(tmp_path, f"# Investoinnit\n\n## Tekninen lautakunta\n\n{INVESTMENTS}")


@pytest.mark.parametrize(
    ("label", "rows"),
    [
        ("Investoinnit (1 000 €)", ASSET_CLASS_ROWS),
        (
            "Investeringar",
            "Husbyggnad\t-3 000\t-2 400\nInvesteringsutgifter totalt\t-3 000\t-2 400\n"
            "Nettoinvesteringar\t-3 000\t-2 400\n",
        ),
    ],
)
def test_asset_classes_as_rows_in_a_report_of_no_units_table_are_the_citys(
    tmp_path: Path, label: str, rows: str
) -> None:
    report = write_report(
        tmp_path,
        f"## Investointiosan toteutuminen\n\n{label}\tTA 2025\tToteuma 2025\n{rows}",
    )
    extracted = extract_paths([report])
    assert {
        (row["unit_label"], row["investment_category"], row["is_city_statement"]) for row in extracted.budget_rows
    } == {(label.removesuffix(" (1 000 €)"), "yhteensä", True)}
    assert extracted.rejects == []


def test_the_whole_unit_asset_class_is_the_warehouses() -> None:
    """The extractor's asset class of all a unit's investments is the one dbt reads (var
    whole_unit_category)."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["whole_unit_category"] == WHOLE_UNIT


def test_an_asset_class_two_boards_print_alike_is_no_unit(tmp_path: Path) -> None:
    tables = "".join(
        f"**{board}**\n\nTalonrakennus\tTA 2025\tToteuma 2025\nMenot\t-3 000\t-2 400\nNetto\t-3 000\t-2 400\n\n"
        for board in ("Tekninen lautakunta", "Sivistyslautakunta")
    )
    report = write_report(
        tmp_path,
        "## Tekninen lautakunta\n\n"
        f"Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n## Investoinnit\n\n{tables}",
    )
    with pytest.raises(
        ExtractionError, match=r"^r\.txt:14: investment table 'Talonrakennus' does not start with a unit"
    ):
        extract_paths([report])


def test_a_table_whose_header_wraps_over_two_lines_loads_its_rows(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Tekninen lautakunta\n\n"
        "Tekninen lautakunta\tTilinpäätös\tTalousarvio\tTA-\tTalousarvio\tToteuma\tPoikkeama\tToteuma\n"
        "euroa\t2024\t2025\tmuutokset\tmuutosten jälkeen\t2025\t\t%\n"
        "Toimintakate\t-1 000\t-1 100\t-50\t-1 150\t-1 120\t30\t97,4\n",
    )
    (row,) = extract_paths([report]).budget_rows
    assert (row["source_line"], row["row_label"], row["budget_change_eur"], row["budget_eur"], row["actual_eur"]) == (
        9,
        "Toimintakate",
        Decimal("-50"),
        Decimal("-1150"),
        Decimal("-1120"),
    )


def test_a_key_figure_table_in_budget_words_is_no_budget_table(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        "Tunnusluku\tTP 2024\tTA 2025\tTP 2025\nLapset varhaiskasvatuksessa, kpl\t820\t800\t812\n",
    )
    extraction = extract_paths([report])
    assert [row["row_label"] for row in extraction.budget_rows] == ["Toimintakate"]
    assert [(r["indicator"], r["value"]) for r in extraction.key_figures] == [
        ("Lapset varhaiskasvatuksessa", Decimal("820")),
        ("Lapset varhaiskasvatuksessa", Decimal("800")),
        ("Lapset varhaiskasvatuksessa", Decimal("812")),
    ]


def test_key_figures_headed_by_years_alone_are_actuals_up_to_the_statements_year(tmp_path: Path) -> None:
    # The statement's year comes from the budget table (TA 2025 | Toteuma 2025) and the title.
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\n"
        "Sivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        "Tunnusluku\t2024\t2025\nLapset varhaiskasvatuksessa, kpl\t820\t812\n",
    )
    extraction = extract_paths([report])
    assert [(r["fiscal_year"], r["measure_type"], r["value"], r["source_line"]) for r in extraction.key_figures] == [
        (2024, "actual", Decimal("820"), 11),
        (2025, "actual", Decimal("812"), 11),
    ]
    report.write_text(report.read_text(encoding="utf-8").replace("\t2024\t2025\n", "\t2025\t2026\n"), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"^r\.txt:10: column '2026' names a year alone, after the statement's"):
        extract_paths([report])


def test_every_name_of_net_investment_closes_a_table() -> None:
    """A budget table that ends its file on Netto, under any name the warehouse reads it by
    (ref_line_items, ref_line_item_names), is complete: the truncation check's closing labels
    hold every such name."""
    with (REPO / "seeds" / "reference" / "ref_line_items.csv").open(encoding="utf-8") as chart:
        names = {
            row[key]
            for row in csv.DictReader(chart)
            if row["line_item_id"] == "netto"
            for key in ("line_item_name", "line_item_name_sv")
        }
    with (REPO / "seeds" / "reference" / "ref_line_item_names.csv").open(encoding="utf-8") as further:
        names |= {row["name_printed"] for row in csv.DictReader(further) if row["line_item_id"] == "netto"}
    assert names >= {"Netto", "Nettoinvestoinnit", "Nettoinvesteringar"}
    assert {name_key(name) for name in names} <= closing_labels()


@pytest.mark.parametrize(
    ("heading", "label", "is_city"),
    [
        ("## Tuloslaskelmaosan toteutuminen", "Tuloslaskelma", True),
        ("## Resultaträkningsdelens utfall", "Kommunen", True),
        # Another issuer's income statement: a board's, a municipal enterprise's.
        ("### Tekninen lautakunta, tuloslaskelma (1 000 €)", "Tuloslaskelma", False),
        ("## Kangasalan Vesi -liikelaitos", "Kangasalan Vesi -liikelaitoksen tuloslaskelma", False),
        ("## Bildningsnämnden", "Bildningsnämndens resultaträkning", False),
    ],
)
def test_an_income_statement_is_the_citys_unless_it_names_another_issuer(
    tmp_path: Path, heading: str, label: str, is_city: bool
) -> None:
    report = write_report(
        tmp_path,
        f"{heading}\n\n{label}\tTA 2025\tToteuma 2025\n"
        "Toimintatuotot\t1 000\t1 100\nToimintakulut\t-3 000\t-2 900\nToimintakate\t-2 000\t-1 800\n",
    )
    assert {row["is_city_statement"] for row in extract_paths([report]).budget_rows} == {is_city}


@pytest.mark.parametrize(
    ("heading", "label", "unit"),
    [
        ("## Rahoitusosan toteutuminen", "Kaupunki (1 000 €)", "Kaupunki"),
        ("## Talousarvion toteutuminen", "Rahoituslaskelma", "Rahoituslaskelma"),
        ("## Finansieringsdelens utfall", "Kommunen", "Kommunen"),
    ],
)
def test_the_financing_statement_is_the_whole_citys_financing(
    tmp_path: Path, heading: str, label: str, unit: str
) -> None:
    """It loaded as an operating unit `Rahoituslaskelma`, Vuosikate as its line; then it was a
    reject, which a new municipality's build could not pass without an accepted reject."""
    report = write_report(
        tmp_path,
        f"{heading}\n\n{label}\tTA 2025\tToteuma 2025\n"
        "Vuosikate\t23 000\t23 400\nToiminnan rahavirta\t21 000\t21 000\n"
        "<b>Rahavarojen muutos</b>\t<b>-9 000</b>\t<b>-8 700</b>\n",
    )
    extracted = extract_paths([report])
    assert extracted.rejects == []
    assert [(row["source_line"], row["table_kind"], row["unit_label"], row["is_city_statement"], row["row_label"])
            for row in extracted.budget_rows] == [
        (8, "financing", unit, True, "Vuosikate"),
        (9, "financing", unit, True, "Toiminnan rahavirta"),
        (10, "financing", unit, True, "<b>Rahavarojen muutos</b>".removeprefix("<b>").removesuffix("</b>")),
    ]  # fmt: skip
    # Ending the file on its last line, not in bold, it is read, not taken as cut off.
    report.write_text(report.read_text(encoding="utf-8").replace("<b>", "").replace("</b>", ""), encoding="utf-8")
    assert len(extract_paths([report]).budget_rows) == 3


@pytest.mark.parametrize("last", ["Rahavarat 1.1.", "Lainakanta 31.12.", "Likvida medel 1.1."])
def test_the_financing_statement_may_end_on_a_stock(tmp_path: Path, last: str) -> None:
    """The stocks printed under Rahavarojen muutos close the statement; a file cut off inside it
    is still refused as cut off."""
    table = (
        "## Rahoitusosan toteutuminen\n\nRahoituslaskelma\tTA 2025\tToteuma 2025\n"
        "<b>Rahavarojen muutos</b>\t<b>-9 000</b>\t<b>-8 700</b>\n"
        f"Rahavarat 31.12.\t1 000\t1 300\n{last}\t10 000\t10 000\n"
    )
    assert len(extract_paths([write_report(tmp_path, table)]).budget_rows) == 3
    cut = table.removesuffix(f"{last}\t10 000\t10 000\n")
    with pytest.raises(
        ExtractionError,
        match=r"^r\.txt:9: file ends inside the budget table at line 7: it ends on "
        r"'Rahavarat 31\.12\.', not on a total .*Rahavarojen muutos\); it looks truncated",
    ):
        extract_paths([write_report(tmp_path, cut)])


@pytest.mark.parametrize(
    "last",
    [
        "Tilikauden ylijäämä",
        "Tilikauden alijäämä",
        "TILIKAUDEN YLIJÄÄMÄ",
        "Räkenskapsperiodens överskott",
        "Liikeylijäämä",
    ],
)
def test_an_enterprise_statement_may_end_on_its_surplus(tmp_path: Path, last: str) -> None:
    """A municipal enterprise's statement in company form ends the file on a plain `Tilikauden
    ylijäämä` (or `alijäämä`, or its `Liikeylijäämä`): a name of the chart's closing line, it
    closes the table, which was refused as cut off; a file cut off before it still is."""
    table = (
        "## Oulun Vesi -liikelaitos\n\nOulun Vesi -liikelaitos, 1 000 €\tTA 2025\tToteutuma 2025\n"
        "Liikevaihto\t65 000\t66 123\nMateriaalit ja palvelut\t-19 500\t-19 876\n"
        f"Henkilöstökulut\t-10 200\t-10 012\n{last}\t35 300\t36 235\n"
    )
    rows = extract_paths([write_report(tmp_path, table)]).budget_rows
    assert [(row["source_line"], row["row_label"]) for row in rows][-2:] == [(10, "Henkilöstökulut"), (11, last)]
    cut = table.removesuffix(f"{last}\t35 300\t36 235\n")
    with pytest.raises(ExtractionError, match=r"^r\.txt:10: .*it ends on 'Henkilöstökulut', not on a total"):
        extract_paths([write_report(tmp_path, cut)])


def test_the_financing_statements_label_names_no_unit(tmp_path: Path) -> None:
    """An investment table after the financing statement in its section is the whole city's, as
    the statement is, not a unit's named `Rahoituslaskelma`."""
    report = write_report(
        tmp_path,
        "## Talousarvion toteutuminen\n\n"
        "Rahoituslaskelma\tTA 2025\tToteuma 2025\nVuosikate\t1 000\t1 200\n"
        "<b>Rahavarojen muutos</b>\t<b>-9 000</b>\t<b>-8 700</b>\n\n"
        "Investoinnit\tTA 2025\tToteuma 2025\nMenot\t-5 000\t-4 800\n<b>Netto</b>\t<b>-5 000</b>\t<b>-4 800</b>\n",
    )
    rows = extract_paths([report]).budget_rows
    assert sorted({(row["table_kind"], row["unit_label"], row["is_city_statement"]) for row in rows}) == [
        ("financing", "Rahoituslaskelma", True),
        ("investment", "Investoinnit", True),
    ]


def test_the_statements_are_the_warehouses() -> None:
    """The extractor's statements are the ones dbt accepts (var statements)."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))
    assert tuple(project["vars"]["statements"]) == STATEMENTS


INCOME_STATEMENT_ROWS = (
    "Toimintatuotot\t9 000\t9 400\nToimintakulut\t-30 000\t-31 000\nVerotulot\t20 000\t21 000\n"
    "<b>Vuosikate</b>\t<b>-1 000</b>\t<b>-600</b>\n"
)
"""An income statement's rows under a header of TA 2025 and TP 2025, Verotulot among them, as
only the whole city's (or the group's) prints them: four rows."""


@pytest.mark.parametrize(
    ("heading", "label", "named"),
    [
        ("## Konsernituloslaskelma", "Tuloslaskelma", "Konsernituloslaskelma"),
        ("## Tuloslaskelmat", "Konsernin tuloslaskelma (1 000 €)", "Tuloslaskelmat"),
        ("## Kuntakonsernin tuloslaskelma", "Konserni", "Kuntakonsernin tuloslaskelma"),
        ("## Koncernresultaträkning", "Koncernen", "Koncernresultaträkning"),
    ],
)
def test_the_groups_income_statement_is_a_reject_not_the_citys(
    tmp_path: Path, heading: str, label: str, named: str
) -> None:
    """Printed with a budget, it prints Verotulot, so it loaded as the city's income statement.
    (Printed with actuals alone, it is no budget table: a reject naming the group's statement too.)"""
    report = write_report(
        tmp_path,
        f"{heading}\n\n{label}\tTA 2025\tTP 2025\n" + INCOME_STATEMENT_ROWS,
    )
    # Left out by design: a reject, which a strict extraction records too and goes on.
    strict = extract_paths([report])
    assert strict.budget_rows == []
    assert [(row["source_line"], row["last_line"], row["table_kind"], row["by_design"]) for row in strict.rejects] == [
        (7, 11, "budget", "group_statement")
    ]
    assert str(strict.rejects[0]["reason"]).startswith(f"the municipal group's statement ('{named}') is not read")
    assert extract_paths([report], keep_going=True).rejects == strict.rejects


@pytest.mark.parametrize(
    "chapter",
    ["Konsernitilinpäätös", "5 KONSERNITILINPÄÄTÖS", "Kuntakonsernin tilinpäätöslaskelmat", "Koncernbokslut"],
)
def test_a_table_in_the_groups_chapter_is_a_reject_not_the_citys(tmp_path: Path, chapter: str) -> None:
    """``## Tuloslaskelma`` under the group's chapter is the group's income statement: it printed
    Verotulot and loaded as the city's. The city's own unit, before the chapter, loads."""
    report = write_report(
        tmp_path,
        "# Tekninen lautakunta\n\nTekninen lautakunta\tTA 2025\tTP 2025\n"
        "Toimintatuotot\t1 000\t1 100\nToimintakulut\t-3 000\t-2 900\n"
        "<b>Toimintakate</b>\t<b>-2 000</b>\t<b>-1 800</b>\n"
        f"\n# {chapter}\n\n## Tuloslaskelma\n\nTuloslaskelma\tTA 2025\tTP 2025\n" + INCOME_STATEMENT_ROWS,
    )
    # Read by hand: the unit's table is lines 7-10; the group's, under its chapter, lines 16-20.
    strict = extract_paths([report])
    assert {row["unit_label"] for row in strict.budget_rows} == {"Tekninen lautakunta"}
    assert [(row["source_line"], row["last_line"], row["table_kind"], row["by_design"]) for row in strict.rejects] == [
        (16, 20, "budget", "group_statement")
    ]
    assert str(strict.rejects[0]["reason"]).startswith(f"the municipal group's statement ('{chapter}') is not read")


@pytest.mark.parametrize(
    ("heading", "named"),
    [
        ("## Konsernituloslaskelma", "Konsernituloslaskelma"),
        ("# Konsernitilinpäätös\n\n## Tase", "Konsernitilinpäätös"),
    ],
)
def test_the_groups_statement_with_actuals_alone_is_a_reject_naming_it(
    tmp_path: Path, heading: str, named: str
) -> None:
    """No budget column: no budget table, so it was refused as a table not understood, which
    did not say that the warehouse never reads the group's figures."""
    report = write_report(tmp_path, f"{heading}\n\nKonserni\tTP 2024\tTP 2025\nVerotulot\t20 000\t21 000\n")
    kept = extract_paths([report], keep_going=True)
    assert kept.budget_rows == []
    (reject,) = [reject for reject in kept.rejects if reject["scope"] == "table"]  # and the report's: no figures
    reason = str(reject["reason"])
    assert reason.startswith(f"the municipal group's statement ('{named}') is not read"), reason
    assert (reject["table_kind"], reject["source_line"], reject["by_design"]) == (
        "unknown",
        reject["table_line"],
        "group_statement",
    )


def test_a_title_naming_the_group_further_on_is_no_group_chapter(tmp_path: Path) -> None:
    """The statement's title over every table names the group too: the city's tables load."""
    report = write_report(
        tmp_path,
        "# Kaupungin ja konsernin tilinpäätös 2025\n\n## Tuloslaskelma\n\nTuloslaskelma\tTA 2025\tTP 2025\n"
        + INCOME_STATEMENT_ROWS,
    )
    extraction = extract_paths([report])
    assert [row["source_line"] for row in extraction.budget_rows] == [10, 11, 12, 13]


def test_the_citys_group_services_are_a_unit_of_the_city(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Konsernipalvelut\n\nKonsernipalvelut\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n",
    )
    assert [(row["unit_label"], row["row_label"]) for row in extract_paths([report]).budget_rows] == [
        ("Konsernipalvelut", "Toimintakate")
    ]


@pytest.mark.parametrize(
    "label", ["Toimintakate lautakunnittain", "Toimintakate toimialoittain", "Verksamhetsbidrag nämndvis"]
)
def test_a_summary_by_unit_is_a_reject_not_a_unit(tmp_path: Path, label: str) -> None:
    """It loaded as a unit `Toimintakate lautakunnittain` whose lines were the boards."""
    report = write_report(
        tmp_path,
        f"## Käyttötalousosan toteutuminen\n\n{label}\tTA 2025\tToteuma 2025\n"
        "Sivistyslautakunta\t-93 550\t-93 702\nTekninen lautakunta\t-21 335\t-22 564\nYhteensä\t-114 885\t-116 266\n",
    )
    # Left out by design, row by row, each row's unit as printed: a strict extraction goes on.
    strict = extract_paths([report])
    assert strict.budget_rows == []
    assert [(r["source_line"], r["last_line"], r["scope"], r["raw_text"], r["table_line"]) for r in strict.rejects] == [
        (8, 8, "row", "Sivistyslautakunta", 7),
        (9, 9, "row", "Tekninen lautakunta", 7),
        (10, 10, "row", "Yhteensä", 7),
    ]
    assert {(r["table_kind"], r["by_design"]) for r in strict.rejects} == {("budget", "summary_by_unit")}
    assert {str(r["reason"]) for r in strict.rejects} == {
        f"a summary by unit ('{label}') is not read: its rows are units, not lines; each unit's own table is read"
    }
    assert extract_paths([report], keep_going=True).rejects == strict.rejects


@pytest.mark.parametrize("label", ["Toimintakate, 1 000 €", "Toimintakate (1 000 €)", "Toimintakate"])
def test_a_summary_whose_every_row_names_a_unit_is_a_reject_whatever_its_label(tmp_path: Path, label: str) -> None:
    """Labelled with its line, it loaded as a unit `Toimintakate` whose lines were the boards
    (`operating.kaupunginhallitus`), the total a line of it too."""
    report = write_report(
        tmp_path,
        f"## Käyttötalousosan toteutuminen\n\n{label}\tTA 2025\tToteuma 2025\n"
        "Kaupunginhallitus\t-24 310,0\t-24 587,9\n2.1 Sivistyslautakunta\t-110 970,0\t-110 578,5\n"
        "3.1 Tekninen lautakunta\t-12 950,0\t-13 161,2\n"
        "<b>Käyttötalous yhteensä</b>\t<b>-148 230,0</b>\t<b>-148 327,6</b>\n",
    )
    rejects = extract_paths([report]).rejects
    assert [(r["source_line"], r["raw_text"], r["by_design"]) for r in rejects] == [
        (8, "Kaupunginhallitus", "summary_by_unit"),
        (9, "2.1 Sivistyslautakunta", "summary_by_unit"),
        (10, "3.1 Tekninen lautakunta", "summary_by_unit"),
        (11, "Käyttötalous yhteensä", "summary_by_unit"),
    ]
    assert str(rejects[0]["reason"]).startswith("a summary by unit ('Toimintakate') is not read")


@pytest.mark.parametrize(
    "rows",
    [
        # One unit among lines: a line named after a board is still a line.
        "Kaupunginhallitus\t-1 000\t-900\nToimintakate\t-1 000\t-900\n",
        # One unit and a total: no summary of units.
        "Kaupunginhallitus\t-1 000\t-900\n<b>Yhteensä</b>\t<b>-1 000</b>\t<b>-900</b>\n",
    ],
)
def test_a_table_whose_rows_are_not_all_units_is_read(tmp_path: Path, rows: str) -> None:
    report = write_report(tmp_path, f"## Kaupunginhallitus\n\nKaupunginhallitus\tTA 2025\tToteuma 2025\n{rows}")
    assert extract_paths([report]).budget_rows


def test_unit_words_are_the_level_words_of_the_reference(repo: Path) -> None:
    with (repo / "seeds" / "reference" / "ref_unit_level_words.csv").open(encoding="utf-8") as words:
        assert {row["word"].lower(): row["language"] for row in csv.DictReader(words)} == UNIT_WORDS


CAPTIONED_CLASSES = (
    "## Tekninen lautakunta\n\nTekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
    "## Teknisen lautakunnan investoinnit\n\nInvestoinnit (1 000 €)\tTA 2025\tToteuma 2025\n"
    "<b>Kunnallistekniikka</b>\t\t\nKatujen peruskorjaukset\t3 200,0\t3 411,7\n"
    "Kevyen liikenteen väylät\t1 500,0\t1 642,5\n"
    "<b>Kunnallistekniikka yhteensä</b>\t<b>4 700,0</b>\t<b>5 054,2</b>\n"
    "<b>Talonrakennus</b>\t\t\nKaupungintalon julkisivukorjaus\t1 100,0\t987,4\n"
    "<b>Talonrakennus yhteensä</b>\t<b>1 100,0</b>\t<b>987,4</b>\n"
    "<b>Investointimenot yhteensä</b>\t<b>5 800,0</b>\t<b>6 041,6</b>\n"
)
"""Asset classes printed as captions over their projects, each closed by its own total."""


def test_asset_class_captions_over_projects_are_extracted_as_printed(tmp_path: Path) -> None:
    """Every printed row lands, the captions as section rows, all of them the unit's investments
    (the warehouse reads each caption and its total as one class: int_budget_rows__resolved)."""
    rows = extract_paths([write_report(tmp_path, CAPTIONED_CLASSES)]).budget_rows
    investments = [row for row in rows if row["table_kind"] == "investment"]
    assert [(row["source_line"], row["row_label"], row["is_section_row"]) for row in investments] == [
        (13, "Kunnallistekniikka", True),
        (14, "Katujen peruskorjaukset", False),
        (15, "Kevyen liikenteen väylät", False),
        (16, "Kunnallistekniikka yhteensä", False),
        (17, "Talonrakennus", True),
        (18, "Kaupungintalon julkisivukorjaus", False),
        (19, "Talonrakennus yhteensä", False),
        (20, "Investointimenot yhteensä", False),
    ]
    assert {(row["unit_label"], row["investment_category"]) for row in investments} == {
        ("Tekninen lautakunta", WHOLE_UNIT)
    }
    assert investments[1]["actual_eur"] == Decimal("3411700")


@pytest.mark.parametrize("label", ["Hanke", "Kohde", "Investoinnit"])
def test_a_heading_names_whose_investments_a_table_of_projects_lists(tmp_path: Path, label: str) -> None:
    """`Hanke` names the table's column of projects; the heading over it names the unit in the
    genitive. No `#` chapter stands over the unit's section and the investments' beside it."""
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        "## Sivistyslautakunnan investointien toteutuminen, 1 000 €\n\n"
        f"{label}\tTA 2025\tToteuma 2025\nKoulun peruskorjaus\t2 000,0\t1 850,0\n"
        "<b>Talonrakennus yhteensä</b>\t<b>2 000,0</b>\t<b>1 850,0</b>\n"
        "<b>Investointimenot yhteensä</b>\t<b>2 000,0</b>\t<b>1 850,0</b>\n",
    )
    investments = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert [row["row_label"] for row in investments] == [
        "Koulun peruskorjaus",
        "Talonrakennus yhteensä",
        "Investointimenot yhteensä",
    ]
    assert {(row["unit_label"], row["investment_category"]) for row in investments} == {
        ("Sivistyslautakunta", WHOLE_UNIT)
    }


BOARD = "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
"""A board's operating table (lines 5 to 9), for investment tables to name."""


@pytest.mark.parametrize(
    ("investments", "message"),
    [
        # A caption over a project with no total of its class: read, Kalusteet was a class and
        # Investointimenot yhteensä Irtain omaisuus's Menot.
        (
            "## Sivistyslautakunnan investoinnit\n\nInvestoinnit\tTA 2025\tToteuma 2025\n"
            "<b>Talonrakennus</b>\t\t\nKoulun peruskorjaus\t-2 000\t-1 900\n"
            "<b>Talonrakennus yhteensä</b>\t<b>-2 000</b>\t<b>-1 900</b>\n"
            "<b>Irtain omaisuus</b>\t\t\nKalusteet\t-100\t-90\n"
            "<b>Investointimenot yhteensä</b>\t<b>-2 100</b>\t<b>-1 990</b>\n",
            r"^r\.txt:17: investment table 'Investoinnit' prints the asset class 'Irtain omaisuus' as a caption over "
            r"'Kalusteet' without the class's total \('Irtain omaisuus yhteensä'\) under them",
        ),
        # A table of projects under its asset class's heading: read, it was all the board's
        # investments and each project a class.
        (
            "## Sivistyslautakunnan investoinnit\n\n### Talonrakennus\n\nHanke\tTA 2025\tToteuma 2025\n"
            "Koulun peruskorjaus\t-2 000\t-1 900\n<b>Menot yhteensä</b>\t<b>-2 000</b>\t<b>-1 900</b>\n"
            "<b>Netto</b>\t<b>-2 000</b>\t<b>-1 900</b>\n",
            r"^r\.txt:14: a table of projects \('Hanke'\) under a heading that names no investments "
            r"\('Talonrakennus'\)",
        ),
        # The same ending on Menot alone: a table of projects all the same, not a unit's operations.
        (
            "## Sivistyslautakunnan investoinnit\n\n### Talonrakennus\n\nHanke\tTA 2025\tToteuma 2025\n"
            "Koulun peruskorjaus\t-2 000\t-1 900\n<b>Menot yhteensä</b>\t<b>-2 000</b>\t<b>-1 900</b>\n",
            r"^r\.txt:14: a table of projects \('Hanke'\) under a heading that names no investments "
            r"\('Talonrakennus'\)",
        ),
        # Projects no class total groups: read, each was an asset class.
        (
            "## Sivistyslautakunnan investointien toteutuminen\n\nHanke\tTA 2025\tToteuma 2025\n"
            "Koulun peruskorjaus\t-2 000\t-1 900\nKalusteet\t-100\t-90\n"
            "<b>Investointimenot yhteensä</b>\t<b>-2 100</b>\t<b>-1 990</b>\n",
            r"^r\.txt:12: a table of projects \('Hanke'\) groups them by no asset class's total",
        ),
    ],
)
def test_projects_the_class_totals_do_not_group_are_refused(tmp_path: Path, investments: str, message: str) -> None:
    report = write_report(tmp_path, BOARD + investments)
    with pytest.raises(ExtractionError, match=message):
        extract_paths([report])


def test_a_table_of_projects_under_bold_classes_is_read(tmp_path: Path) -> None:
    """Each class in bold over its projects: which bold row heads which projects the warehouse's
    figures tell (int_budget_rows__resolved); the extractor reads the table as printed."""
    report = write_report(
        tmp_path,
        BOARD + "## Sivistyslautakunnan investoinnit\n\nHanke\tTA 2025\tToteuma 2025\n"
        "<b>Talonrakennus</b>\t<b>-2 500</b>\t<b>-2 300</b>\nKoulu\t-2 000\t-1 900\nPäiväkoti\t-500\t-400\n"
        "<b>Investointimenot yhteensä</b>\t<b>-2 500</b>\t<b>-2 300</b>\n",
    )
    investments = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert [(row["row_label"], row["is_bold"]) for row in investments] == [
        ("Talonrakennus", True),
        ("Koulu", False),
        ("Päiväkoti", False),
        ("Investointimenot yhteensä", True),
    ]
    assert {row["unit_label"] for row in investments} == {"Sivistyslautakunta"}


def test_a_table_its_section_places_needs_no_genitive_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`Investoinnit` under `## Teknisen lautakunnan investoinnit`, in the chapter of the board's
    section: placed by the section, without Voikko (here unavailable)."""

    def unavailable() -> object:
        raise morphology.MorphologyUnavailableError("no Voikko here")

    monkeypatch.setattr(morphology, "_analyser", unavailable)
    morphology._forms.cache_clear()
    report = write_report(
        tmp_path,
        "# Tekninen lautakunta\n\nTekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        "## Teknisen lautakunnan investoinnit\n\nInvestoinnit\tTA 2025\tToteuma 2025\n"
        "Menot\t-3 000\t-2 400\nNetto\t-3 000\t-2 400\n",
    )
    investments = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {row["unit_label"] for row in investments} == {"Tekninen lautakunta"}
    morphology._forms.cache_clear()


def test_a_table_ending_on_nettomenot_under_investments_is_an_investment_table(tmp_path: Path) -> None:
    """Menot, Tulot and Nettomenot under `# Investoinnit`, no heading naming operations: an
    investment table's lines (Nettomenot its Netto), not a unit's Toimintakulut."""
    report = write_report(
        tmp_path,
        "# Investoinnit\n\n## Uimahallin peruskorjaus\n\nUimahallin peruskorjaus\tTA 2025\tToteuma 2025\n"
        "Menot\t-3 000\t-2 800\nTulot\t500\t400\n<b>Nettomenot</b>\t<b>-2 500</b>\t<b>-2 400</b>\n",
    )
    assert {row["table_kind"] for row in extract_paths([report]).budget_rows} == {"investment"}


def test_a_first_cell_naming_neither_unit_nor_projects_is_refused(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n"
        "## Sivistyslautakunnan investointien toteutuminen\n\n"
        "Hankkeistus\tTA 2025\tToteuma 2025\nKoulun peruskorjaus\t2 000\t1 850\n"
        "<b>Investointimenot yhteensä</b>\t<b>2 000</b>\t<b>1 850</b>\n",
    )
    with pytest.raises(ExtractionError, match=r"^r\.txt:12: investment table 'Hankkeistus' does not start with a unit"):
        extract_paths([report])


def test_investments_by_project_are_no_summary_by_unit(tmp_path: Path) -> None:
    """`Investoinnit hankkeittain` lists projects, not units: all the unit's investments."""
    report = write_report(
        tmp_path,
        "## Tekninen lautakunta\n\n"
        "Tekninen lautakunta\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n\n### Investoinnit hankkeittain\n\n"
        "Investoinnit hankkeittain\tTA 2025\tToteuma 2025\nPikkolan koulu\t-3 000\t-2 400\nNetto\t-3 000\t-2 400\n",
    )
    rows = [row for row in extract_paths([report]).budget_rows if row["table_kind"] == "investment"]
    assert {(row["unit_label"], row["investment_category"]) for row in rows} == {("Tekninen lautakunta", "yhteensä")}


def test_the_income_statement_under_a_heading_naming_the_financing_statement_too_is_read(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Tuloslaskelma- ja rahoitusosan toteutuminen\n\n"
        "Tuloslaskelma\tTA 2025\tToteuma 2025\nToimintakate\t-9 000\t-8 900\nVerotulot\t7 000\t7 100\n"
        "Valtionosuudet\t3 000\t3 000\nVuosikate\t1 000\t1 200\n",
    )
    rows = extract_paths([report]).budget_rows
    assert len(rows) == 4
    assert {row["is_city_statement"] for row in rows} == {True}


@pytest.mark.parametrize(
    ("heading", "label", "columns", "kind"),
    [
        ("## Tuloslaskelma", "Tuloslaskelma", "TP 2025\tTP 2024", "operating"),
        ("## Rahoituslaskelma", "Rahoituslaskelma (1 000 €)", "1.1.-31.12.2025\t1.1.-31.12.2024", "financing"),
        ("## Resultaträkning", "Kommunen", "Bokslut 2025\tBokslut 2024", "operating"),
        ("## Tuloslaskelma", "Tuloslaskelma", "1.1.\u201331.12.2025\t1.1.\u201331.12.2024", "operating"),
    ],
)
def test_the_citys_statement_printed_with_its_actuals_alone_is_read(
    tmp_path: Path, heading: str, label: str, columns: str, kind: str
) -> None:
    """As the financial statements print it after the budget's execution: it was a table with
    figures not understood, a reject that failed the build."""
    report = write_report(
        tmp_path,
        f"{heading}\n\n{label}\t{columns}\nVuosikate\t23 000\t21 000\n"
        "<b>Rahavarojen muutos</b>\t<b>8 000</b>\t<b>7 000</b>\n",
    )
    extracted = extract_paths([report])
    assert extracted.rejects == []
    assert {
        (row["table_kind"], row["is_city_statement"], row["budget_year"], row["budget_eur"], row["actual_year"],
         row["prior_year"])
        for row in extracted.budget_rows
    } == {(kind, True, 2025, None, 2025, 2024)}  # fmt: skip
    first = extracted.budget_rows[0]
    assert (first["actual_eur"], first["prior_actual_eur"]) == (
        (Decimal(23_000_000), Decimal(21_000_000)) if "1 000" in label else (Decimal(23_000), Decimal(21_000))
    )


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("Tekninen lautakunta", "table with figures not understood"),
        # A board's statement, but the report prints no operating table of the board's.
        ("Tekninen lautakunta, tuloslaskelma", "statement 'Tekninen lautakunta, tuloslaskelma' with its actuals alone"),
        ("Taulukko", "table with figures not understood"),
    ],
)
def test_a_table_of_actuals_alone_that_is_no_citys_statement_is_not_read(
    tmp_path: Path, label: str, reason: str
) -> None:
    """A board's, or anyone's but the city's, actuals alone are no budget table: a table with
    figures not understood, as before; a statement of a unit whose operating table the report
    prints nowhere is not read either (whose is not told)."""
    report = write_report(
        tmp_path,
        f"## {label}\n\n{label}\tTP 2025\tTP 2024\nToimintakate\t-1 000\t-900\n\n"
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tTP 2025\nToimintakate\t-2 000\t-1 900\n",
    )
    extracted = extract_paths([report], keep_going=True)
    assert [(row["source_line"], row["scope"], row["by_design"]) for row in extracted.rejects] == [(7, "table", "")]
    assert str(extracted.rejects[0]["reason"]).startswith(reason)


@pytest.mark.parametrize(
    ("label", "rows"),
    [
        # A plain total row, the column of units as the label.
        ("Toimielin", "Sivistyslautakunta\t-93 550\t-93 702\nTekninen lautakunta\t-21 335\t-22 564\n"
         "<b>Yhteensä</b>\t<b>-114 885</b>\t<b>-116 266</b>\n"),
        # A body of no level word, and a total naming the units.
        ("Toimintakate, 1 000 €", "Kaupunginvaltuusto\t-410\t-398\nKaupunginhallitus\t-27 850\t-26 120\n"
         "Sivistyslautakunta\t-93 550\t-93 702\n<b>Toimielimet yhteensä</b>\t<b>-121 810</b>\t<b>-120 220</b>\n"),
        # The internal items between the units.
        ("Sitova taso", "Kaupunginhallitus\t-27 850\t-26 120\nSivistyslautakunta\t-93 550\t-93 702\n"
         "Tekninen lautakunta\t-21 335\t-22 564\nSisäiset erät\t0\t12\n"),
        # By service, in the label's words.
        ("Toimintakate palveluittain, euroa", "Perusopetus\t-50 000\t-49 000\nLukio\t-9 000\t-9 100\n"),
    ],
)  # fmt: skip
def test_a_summary_by_unit_is_told_by_most_of_its_rows_or_its_label(tmp_path: Path, label: str, rows: str) -> None:
    """Each loaded as a unit named after its label (`Toimielin`, `Toimintakate`) whose lines
    were the boards (`operating.sivistyslautakunta`), every check passing."""
    text = f"## Käyttötalouden toteutuminen\n\n{label}\tTA 2025\tToteuma 2025\n{rows}\nToimintakate alittui.\n"
    extracted = extract_paths([write_report(tmp_path, text)])
    assert extracted.budget_rows == []
    assert {row["by_design"] for row in extracted.rejects} == {"summary_by_unit"}
    assert len(extracted.rejects) == rows.count("\n")


@pytest.mark.parametrize(
    ("heading", "label", "columns"),
    [
        ("## Tase", "Vastaavaa (1 000 €)", "31.12.2025\t31.12.2024"),
        ("## Tase", "Tase", "TP 2025\tTP 2024"),
        ("## Balansräkning", "Aktiva", "Bokslut 2025\tBokslut 2024"),
        ("## Kaupungin tase", "Vastattavaa", "TA 2025\tTP 2025"),
    ],
)
def test_the_balance_sheet_is_left_out_by_design(tmp_path: Path, heading: str, label: str, columns: str) -> None:
    """Its stocks are no statement's flows: it was a table not understood (a reject that failed
    the build), or with a budget column a unit `Vastattavaa` whose lines were its items."""
    report = write_report(
        tmp_path,
        f"{heading}\n\n{label}\t{columns}\nPysyvät vastaavat\t120 000\t118 000\n"
        "<b>Vastaavaa yhteensä</b>\t<b>150 000</b>\t<b>146 000</b>\n\n"
        "## Sivistyslautakunta\n\nSivistyslautakunta\tTA 2025\tTP 2025\nToimintakate\t-2 000\t-1 900\n",
    )
    extracted = extract_paths([report])
    assert {row["unit_label"] for row in extracted.budget_rows} == {"Sivistyslautakunta"}
    assert [(r["source_line"], r["last_line"], r["scope"], r["by_design"]) for r in extracted.rejects] == [
        (7, 9, "table", "balance_sheet")
    ]
    assert str(extracted.rejects[0]["reason"]).startswith("the balance sheet (")


def test_a_statement_under_a_heading_naming_the_balance_sheet_too_is_read(tmp_path: Path) -> None:
    report = write_report(
        tmp_path,
        "## Rahoituslaskelma ja tase\n\nRahoituslaskelma\tTA 2025\tToteuma 2025\n"
        "Vuosikate\t23 000\t23 400\n<b>Rahavarojen muutos</b>\t<b>-9 000</b>\t<b>-8 700</b>\n",
    )
    extracted = extract_paths([report])
    assert {row["table_kind"] for row in extracted.budget_rows} == {"financing"}
    assert extracted.rejects == []


@pytest.mark.parametrize(
    ("label", "kind"), [("Rahoituslaskelma (1 000 €)", "financing"), ("Tuloslaskelma", "operating")]
)
def test_the_citys_statement_headed_by_its_years_alone_is_read(tmp_path: Path, label: str, kind: str) -> None:
    """`Rahoituslaskelma | 2025 | 2024`: the financial statement's actuals. It was a table with
    figures not understood; another table headed by years alone still is."""
    report = write_report(
        tmp_path,
        f"## Tilinpäätöslaskelmat\n\n{label}\t2025\t2024\nVuosikate\t23 000\t21 000\n"
        "<b>Rahavarojen muutos</b>\t<b>8 000</b>\t<b>7 000</b>\n\n"
        "## Tunnusluvut\n\nTaulukko\t2025\t2024\nAsukasluku\t19 000\t19 100\n\nTeksti.\n",
    )
    extracted = extract_paths([report], keep_going=True)
    assert {
        (row["table_kind"], row["budget_year"], row["actual_year"], row["prior_year"]) for row in extracted.budget_rows
    } == {(kind, 2025, 2025, 2024)}
    assert [(row["source_line"], str(row["reason"])[:33]) for row in extracted.rejects] == [
        (13, "table with figures not understood")
    ]
