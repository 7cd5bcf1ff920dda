"""The spreadsheet exports opened in a real spreadsheet: LibreOffice Calc, headless, Finnish.

The committed reports are Heinola's, so a build writes Heinola's spreadsheets (``heinola/``):
every mart's Finnish CSV (``;``, decimal comma, UTF-8 with BOM) and the xlsx workbook are
converted by LibreOffice with the Finnish locale (1035) into OpenDocument, and the cells read
back: every number column holds numbers, whose sum is the warehouse's to the cent, and names
keep their letters (ä, ö).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pytest

from kuntatalous.warehouse.spreadsheets import DICTIONARY_SHEET, finnish_cell

from .warehouse_builds import REPO, build

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
FINNISH = "1035"
# Separator ';' (59), text delimiter '"' (34), UTF-8 (76), first line 1, default column
# types, language Finnish: what Calc uses when a Finnish user opens the file.
CSV_FILTER = f"CSV:59,34,76,1,,{FINNISH}"
NUMERIC = ("DECIMAL", "INTEGER", "BIGINT", "SMALLINT", "DOUBLE", "FLOAT", "HUGEINT")

HEINOLA = {"dim_municipality": "where municipality_name = 'Heinola'"}
"""Heinola's rows of each mart: all of them (the committed reports are Heinola's), but of the
list of Finland's municipalities, Heinola's."""

Sheet = list[list[tuple[str, str | None]]]
"""Rows of (value type, value) cells: a float's value, a string's text, ("", None) if empty."""


def soffice_convert(files: list[Path], out_dir: Path, profile: Path, infilter: str | None) -> None:
    """One LibreOffice run converting ``files`` to OpenDocument spreadsheets in ``out_dir``."""
    command = [
        shutil.which("soffice") or "soffice",
        "--headless",
        f"-env:UserInstallation={profile.as_uri()}",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        "ods",
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    env = {**os.environ, "HOME": str(profile), "LANG": "fi_FI.UTF-8", "LC_ALL": "fi_FI.UTF-8"}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)


def _cells(row: ElementTree.Element) -> Iterator[tuple[str, str | None]]:
    for cell in row.findall("table:table-cell", NS):
        repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
        kind = cell.get(f"{{{NS['office']}}}value-type", "")
        if kind in ("float", "percentage", "currency"):
            value: str | None = cell.get(f"{{{NS['office']}}}value")
        elif kind == "boolean":
            value = cell.get(f"{{{NS['office']}}}boolean-value")
        elif kind:
            value = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", NS))
        else:
            value = None
        yield from [(kind, value)] * min(repeat, 1000)


def read_ods(path: Path) -> dict[str, Sheet]:
    """Each sheet of an OpenDocument spreadsheet, by name, trailing empty cells dropped."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    sheets: dict[str, Sheet] = {}
    for table in root.iter(f"{{{NS['table']}}}table"):
        rows: Sheet = []
        for row in table.iter(f"{{{NS['table']}}}table-row"):
            cells = list(_cells(row))
            while cells and cells[-1][1] is None:
                cells.pop()
            if cells:
                rows.append(cells)
        sheets[table.get(f"{{{NS['table']}}}name", "")] = rows
    return sheets


def check_sheet(con: duckdb.DuckDBPyConnection, mart: str, rows: Sheet) -> None:
    """The sheet has the mart's header and row count; numbers are numbers summing as the mart's."""
    columns = con.execute(f"describe analytics.{mart}").fetchall()
    assert [value for _, value in rows[0]] == [c[0] for c in columns], mart
    body = rows[1:]
    where = HEINOLA.get(mart, "")
    assert (len(body),) == con.execute(f"select count(*) from analytics.{mart} {where}").fetchone(), mart
    for index, (name, data_type, *_) in enumerate(columns):
        cells = [row[index] if index < len(row) else ("", None) for row in body]
        if str(data_type).startswith(NUMERIC):
            kinds = {kind for kind, value in cells if value is not None}
            assert kinds <= {"float"}, f"{mart}.{name}: {kinds}"
            total = sum((Decimal(value) for _, value in cells if value is not None), Decimal(0))
            (expected,) = con.execute(f'select coalesce(sum("{name}"), 0) from analytics.{mart} {where}').fetchall()[0]
            assert total.quantize(Decimal("0.01")) == Decimal(expected).quantize(Decimal("0.01")), f"{mart}.{name}"


@pytest.fixture(scope="module")
def converted(warehouse_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is not installed: make test installs it (make spreadsheet-client)")
    exports = warehouse_file.parent / "exports" / "heinola"
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    # The plain CSV too, renamed: what the Finnish flavour is there to fix.
    plain = out / "plain.fact_budget.csv"
    shutil.copy(exports / "fact_budget.csv", plain)
    soffice_convert([*sorted(exports.glob("*.fi.csv")), plain], out / "csv", profile, CSV_FILTER)
    soffice_convert([exports / "kuntatalous.xlsx"], out / "xlsx", profile, None)
    return out


def marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'analytics' order by 1"
    ).fetchall()
    return [str(name) for (name,) in rows]


def test_every_finnish_csv_reads_back_as_numbers_to_the_cent(
    warehouse: duckdb.DuckDBPyConnection, converted: Path
) -> None:
    names = marts(warehouse)
    assert {"fact_budget", "rpt_budget_vs_actual", "dim_unit"} <= set(names)
    for mart in names:
        (rows,) = read_ods(converted / "csv" / f"{mart}.fi.ods").values()
        check_sheet(warehouse, mart, rows)


def test_the_plain_csv_does_not_read_back_as_numbers(warehouse: duckdb.DuckDBPyConnection, converted: Path) -> None:
    (rows,) = read_ods(converted / "csv" / "plain.fact_budget.ods").values()
    with pytest.raises(AssertionError):
        check_sheet(warehouse, "fact_budget", rows)


def test_the_workbook_reads_back_as_numbers_to_the_cent(warehouse: duckdb.DuckDBPyConnection, converted: Path) -> None:
    sheets = read_ods(converted / "xlsx" / "kuntatalous.ods")
    names = marts(warehouse)
    assert list(sheets) == [DICTIONARY_SHEET, *names]
    for mart in names:
        check_sheet(warehouse, mart, sheets[mart])
    # The dictionary describes every column of every mart.
    described = {(row[0][1], row[1][1]) for row in sheets[DICTIONARY_SHEET][1:] if len(row) > 3 and row[3][1]}
    for mart in names:
        for column, *_ in warehouse.execute(f"describe analytics.{mart}").fetchall():
            assert (mart, column) in described, f"{mart}.{column} has no description"


def test_names_keep_their_letters(warehouse: duckdb.DuckDBPyConnection, converted: Path) -> None:
    (rows,) = read_ods(converted / "csv" / "dim_unit.fi.ods").values()
    names = {value for row in rows for kind, value in row if kind == "string"}
    expected = {str(n) for (n,) in warehouse.execute("select unit_name from analytics.dim_unit").fetchall()}
    assert expected <= names
    assert any("ö" in name or "ä" in name for name in expected)


def test_finnish_cells() -> None:
    values = (None, True, False, Decimal("-600000.00"), 2025, "a;b", "=1+1", "- 115 416", "-5,2 %")
    assert [finnish_cell(v) for v in values] == [
        "",
        "1",
        "0",
        "-600000,00",
        "2025",
        "a;b",
        "'=1+1",
        "- 115 416",
        "-5,2 %",
    ]


@pytest.mark.e2e
def test_the_build_refuses_a_municipality_the_reports_do_not_hold_before_dbt(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(REPO / "reports", reports)
    work = tmp_path / "work"
    work.mkdir()
    _, result = build(reports, work, expect_ok=False, env={"SPREADSHEETS": "Heinola,Lahti"})
    assert result.returncode != 0
    assert "error: spreadsheets: 'Lahti' is no municipality of this warehouse (it holds Heinola" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "dbt:" not in result.stdout, "stopped before dbt"
    assert not (work / "warehouse.duckdb").exists()
