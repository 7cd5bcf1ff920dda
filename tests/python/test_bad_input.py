"""Damaged input, one case per kind of damage: each gives a message naming the file (and the
line where there is one), exits 2 and leaves the previous outputs as they were."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kuntatalous.cli import EXIT_INPUT_ERROR, main
from kuntatalous.errors import ExtractionError
from kuntatalous.extract import extract_paths
from kuntatalous.text.reading import read_report

from .accounting import account, read_seeds

Damage = Callable[[str], bytes]
"""Turns the fixture report's text into the damaged file's bytes."""


def read_all(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def replaced(old: str, new: str) -> Damage:
    def damage(text: str) -> bytes:
        assert text.count(old) == 1, f"expected exactly one {old!r}"
        return text.replace(old, new).encode("utf-8")

    return damage


def ascii_signs(text: str) -> str:
    """The text with its Unicode minus signs as hyphens (Latin-1 has no minus sign)."""
    return text.replace("\u2212", "-")


def cut_after(marker: str) -> Damage:
    """The text up to and including ``marker``: a file cut off there."""

    def damage(text: str) -> bytes:
        assert text.count(marker) == 1, f"expected exactly one {marker!r}"
        return text[: text.index(marker) + len(marker)].encode("utf-8")

    return damage


PROJECTS = "\n## Hankkeet\n\nHankkeen nimi\tKuvaus\tKokonaisrahoitus\tKaupungin rahoitusosuus %\n"
"""A projects table's heading and header, to append to the fixture report (header at line 41)."""
SV_PROJECTS = "\n## Projekt\n\nProjektets namn\tBeskrivning\tTotal finansiering\tKommunens andel %\n"
"""The same in Swedish (a bilingual municipality's report)."""


def appended(extra: str) -> Damage:
    return lambda text: (text + extra).encode("utf-8")


def constant(data: bytes) -> Damage:
    return lambda _text: data


DAMAGES: list[tuple[str, Damage, str]] = [
    ("empty", constant(b""), "bad.txt: empty file"),
    ("blank lines only", constant(b"\n \n\t\n"), "bad.txt: empty file: only blank lines"),
    (
        "binary",
        lambda text: text.encode("utf-8")[:40] + b"\x00\x01\x02" + text.encode("utf-8")[40:],
        "bad.txt:3: binary file (NUL byte at offset 40), not a text report",
    ),
    ("pdf", constant(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "bad.txt:1: a PDF file, not text"),
    ("utf-16", lambda text: text.encode("utf-16"), "bad.txt:1: UTF-16 text: convert the file to UTF-8"),
    (
        "latin-1",
        lambda text: ascii_signs(text).replace("\u20ac", "EUR").encode("latin-1"),
        "bad.txt:1: not UTF-8 text (byte 0xc4); looks like Latin-1/Windows-1252: convert it to UTF-8",
    ),
    (
        "windows-1252",
        lambda text: ("Budjetti \u20ac\n" + ascii_signs(text)).encode("cp1252"),
        "bad.txt:1: not UTF-8 text (byte 0x80); looks like Latin-1/Windows-1252: convert it to UTF-8",
    ),
    (
        "other encoding",
        lambda text: text.encode("utf-8").replace("Pieni yksikkö".encode(), b"Pieni yksikk\xc3 "),
        "bad.txt:19: not UTF-8 text (byte 0xc3); convert the file to UTF-8",
    ),
    (
        "no tables",
        lambda text: text.replace("\t", "    ").encode("utf-8"),
        "bad.txt: no tables: no line has tab-separated cells",
    ),
    (
        "truncated mid-row",
        cut_after("Jokin \u20ac/asukas\t12 \u20ac"),
        "bad.txt:37: file ends inside the key-figure table at line 36: its last row has 2 of the header's 3 cells; "
        "it looks truncated",
    ),
    (
        "truncated between rows",
        cut_after("\t125,00\n"),
        "bad.txt:9: file ends inside the budget table at line 7: it ends on 'Myyntituotot', not on a total",
    ),
    (
        "truncated after a bold caption row",
        cut_after("<b>TOIMINTATUOTOT</b>\t\t\t\t\t\n"),
        "bad.txt:8: file ends inside the budget table at line 7: it ends on 'TOIMINTATUOTOT', not on a total",
    ),
    (
        "truncated mid-cell",
        cut_after("<b>- 500</b>\t<b>125,0"),
        "bad.txt:10: file ends inside the budget table at line 7: its last line stops inside a <b> tag",
    ),
    (
        "truncated after a page break",
        cut_after("\t87,51\n"),
        "bad.txt:14: file ends inside the budget table at line 7: it ends on 'Henkilöstökulut', not on a total",
    ),
    (
        "truncated in the text after the last table",
        appended("\n\n<b>Kestävä talous</b> <ul> <li>• Velkamäärän vähentäminen</li> <li>• Kasvua tuke"),
        "bad.txt:40: file ends inside a <li> tag on its last line; it looks truncated",
    ),
    (
        "budget row with a cell too many",
        replaced("\t- 500\t125,00\n", "\t- 500\t125,00\t7\n"),
        "bad.txt:9: budget table row has 7 cells, the header has 6",
    ),
    (
        "budget row with a cell too few",
        replaced("\t- 500\t125,00\n", "\t125,00\n"),
        "bad.txt:9: budget table row has 5 cells, the header has 6",
    ),
    (
        "key-figure row with a cell too few",
        replaced("\t12 \u20ac\t13 \u20ac\n", "\t12 \u20ac\n\nLoppu.\n"),
        "bad.txt:37: key-figure table row has 2 cells, the header has 3",
    ),
    (
        "key-figure row with a cell too many",
        replaced("\t12 \u20ac\t13 \u20ac\n", "\t12 \u20ac\t13 \u20ac\t14 \u20ac\n\nLoppu.\n"),
        "bad.txt:37: key-figure table row has 4 cells, the header has 3",
    ),
    (
        "budget header year that does not parse",
        replaced("Selite\t2030\t2031\t2031", "Selite\t2030\t2O31\t2031"),
        "bad.txt:21: column 'Talousarvio 2O31': cannot read '2O31' as a year (expected e.g. 2025)",
    ),
    (
        "key-figure header year that does not parse",
        replaced("Tavoite 2031", "Tavoite 203l"),
        "bad.txt:36: column 'Tavoite 203l': cannot read its year (expected e.g. 'Tavoite 2025')",
    ),
    (
        "amount with a letter O",
        replaced("\t2 500\t", "\t2 5O0\t"),
        "bad.txt:9: column 'Toteuma 2031': cannot read '2 5O0' as an amount",
    ),
    (
        "amount with two decimal commas",
        replaced("\t2 500\t", "\t12,3,4\t"),
        "bad.txt:9: column 'Toteuma 2031': cannot read '12,3,4' as an amount",
    ),
    (
        "amount with a stray percent sign",
        replaced("\t-4 000\t", "\t-4 000 %\t"),
        "bad.txt:14: column 'Talousarvio 2031': cannot read '-4 000 %' as an amount",
    ),
    (
        "project amount with a letter O",
        appended(PROJECTS + "Hanke\tKuvaus\t1 0O0\t10 %\n\tYhteensä\t1 000\t10 %\n"),
        "bad.txt:42: column 'Kokonaisrahoitus': cannot read '1 0O0' as an amount",
    ),
    (
        "projects row with a cell too few",
        appended(PROJECTS + "Hanke\tKuvaus\t1 000\n\tYhteensä\t1 000\t10 %\n"),
        "bad.txt:42: projects table row has 3 cells, the header has 4",
    ),
    (
        "projects table cut before its total",
        appended(PROJECTS + "Hanke\tKuvaus\t1 000\t10 %\n"),
        "bad.txt:42: file ends inside the projects table at line 41: it has no Yhteensä (Totalt) row; "
        "it looks truncated",
    ),
    (
        "swedish projects table without its total funding column",
        appended(
            SV_PROJECTS.replace("Total finansiering", "Kommentar") + "Projekt\tText\tText\t10 %\n\tTotalt\t\t10 %\n"
        ),
        "bad.txt:41: projects table has no 'Total finansiering' column "
        "(header: Projektets namn | Beskrivning | Kommentar | Kommunens andel %)",
    ),
    (
        "swedish projects table cut before its total",
        appended(SV_PROJECTS + "Projekt\tText\t1 000\t10 %\n"),
        "bad.txt:42: file ends inside the projects table at line 41: it has no Yhteensä (Totalt) row; "
        "it looks truncated",
    ),
]


@pytest.mark.parametrize(("damage", "message"), [(d, m) for _, d, m in DAMAGES], ids=[i for i, _, _ in DAMAGES])
def test_damaged_report_is_a_clear_error_and_changes_nothing(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Damage, message: str
) -> None:
    reports, out = tmp_path / "reports", tmp_path / "out"
    reports.mkdir()
    shutil.copy(mini_report, reports / "good.txt")
    assert main(["extract", str(reports), "--out", str(out), "--quiet"]) == 0
    before = read_all(out)
    capsys.readouterr()

    (reports / "bad.txt").write_bytes(damage(mini_report.read_text(encoding="utf-8")))
    code = main(["extract", str(reports), "--out", str(out)])

    stderr = capsys.readouterr().err
    assert code == EXIT_INPUT_ERROR
    assert stderr.startswith(f"error: {message}"), stderr
    assert stderr.count("\n") == 1, "one error, one line"
    assert read_all(out) == before


def rejects_of(out: Path) -> list[dict[str, str]]:
    with (out / "raw_rejects.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize(("damage", "message"), [(d, m) for _, d, m in DAMAGES], ids=[i for i, _, _ in DAMAGES])
def test_keep_going_writes_the_damage_as_a_reject_and_extracts_the_rest(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Damage, message: str
) -> None:
    reports, out = tmp_path / "reports", tmp_path / "out"
    reports.mkdir()
    shutil.copy(mini_report, reports / "good.txt")
    (reports / "bad.txt").write_bytes(damage(mini_report.read_text(encoding="utf-8")))
    # A truncated file may lose the text naming its municipality: a manifest names it.
    (reports / "manifest.csv").write_text("file,municipality\ngood.txt,Testi\nbad.txt,Testi\n", encoding="utf-8")

    assert main(["extract", str(reports), "--out", str(out), "--keep-going"]) == 0

    stderr = capsys.readouterr().err
    located = re.match(r"(?P<file>[^:]+)(?::(?P<line>\d+))?: (?P<reason>.*)", message)
    assert located is not None
    (reject,) = [r for r in rejects_of(out) if r["reason"].startswith(located["reason"])]
    assert reject["source_file"] == located["file"] == "bad.txt"
    if located["line"] is not None and reject["scope"] != "file":
        assert int(reject["source_line"]) <= int(located["line"]) <= int(reject["last_line"])
    assert f"1 reject(s) written to {out / 'raw_rejects.csv'}" in stderr
    documents = (out / "raw_documents.csv").read_text(encoding="utf-8")
    assert ",good.txt," in documents
    assert (",bad.txt," in documents) is (reject["scope"] != "file")
    assert_accounted(reports, out)


def assert_accounted(reports: Path, out: Path) -> None:
    """Every figure of every readable report is in the seeds or in the rejects."""
    seeds = read_seeds(out)
    for path in sorted(reports.glob("*.txt")):
        try:
            lines = read_report(path, path.name).lines
        except ExtractionError:
            continue
        assert account(path.name, lines, seeds) == []


def test_strict_is_the_default_and_keep_going_can_come_from_the_environment(
    mini_report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "bad.txt").write_bytes(b"")
    assert main(["extract", str(reports), "--out", str(tmp_path / "strict")]) == EXIT_INPUT_ERROR
    monkeypatch.setenv("KUNTATALOUS_KEEP_GOING", "1")
    assert main(["extract", str(reports), "--out", str(tmp_path / "kept")]) == 0
    assert [r["reason"] for r in rejects_of(tmp_path / "kept")] == ["empty file"]


def test_rejects_file_is_written_with_its_header_when_nothing_is_rejected(mini_report: Path, tmp_path: Path) -> None:
    assert main(["extract", str(mini_report), "--out", str(tmp_path), "--quiet"]) == 0
    header = (tmp_path / "raw_rejects.csv").read_text(encoding="utf-8")
    assert header == (
        "document_id,source_file,source_line,last_line,scope,table_kind,table_line,column_name,raw_text,reason,by_design\n"
    )


def test_same_content_under_two_names_is_reported_and_loaded_once(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(mini_report, tmp_path / "a.txt")
    shutil.copy(mini_report, tmp_path / "b.txt")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    assert "warning: b.txt: same content as a.txt; loaded once, as a.txt" in capsys.readouterr().err
    documents = (tmp_path / "out" / "raw_documents.csv").read_text(encoding="utf-8")
    assert ",a.txt," in documents
    assert ",b.txt," not in documents


def test_two_files_of_the_same_section_and_year_are_both_loaded_and_reported(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mini_report.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\t2 500\t", "\t2 600\t"), encoding="utf-8")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    stderr = capsys.readouterr().err
    assert (
        "warning: b.txt: the section 'TESTIPALVELUT -PALVELUALUE' for 2031, as in a.txt; both are loaded, "
        "and the build's restatement check compares their figures"
    ) in stderr
    assert stderr.count("warning:") == 1
    documents = (tmp_path / "out" / "raw_documents.csv").read_text(encoding="utf-8")
    assert ",a.txt," in documents
    assert ",b.txt," in documents


def test_sections_whose_title_pages_name_only_the_statement_are_told_by_their_headings(tmp_path: Path) -> None:
    # Both title pages read KUUSIVAARAN KUNTA / TILINPÄÄTÖS 2025: the first heading names each.
    for name, board in (("a.txt", "Sivistyslautakunta"), ("b.txt", "Tekninen lautakunta")):
        (tmp_path / name).write_text(
            f"KUUSIVAARAN KUNTA\n\nTILINPÄÄTÖS 2025\n\n## 3.1 {board}\n\n"
            f"{board}\tTA 2025\tToteuma 2025\nToimintakate\t-1 000\t-900\n",
            encoding="utf-8",
        )
    (tmp_path / "manifest.csv").write_text("file,municipality\na.txt,Kuusivaara\nb.txt,Kuusivaara\n", encoding="utf-8")
    extraction = extract_paths([tmp_path])
    assert [d["section_title"] for d in extraction.documents] == ["Sivistyslautakunta", "Tekninen lautakunta"]
    assert [w for w in extraction.warnings if "the section" in w] == []


def test_two_sections_printing_their_service_areas_tables_are_no_duplicates(
    mini_report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mini_report.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    other_section = text.replace("**TESTIPALVELUT -PALVELUALUE**", "**PIENI LAUTAKUNTA**")
    (tmp_path / "b.txt").write_text(other_section.replace("\t2 500\t", "\t2 600\t"), encoding="utf-8")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    assert "warning" not in capsys.readouterr().err
