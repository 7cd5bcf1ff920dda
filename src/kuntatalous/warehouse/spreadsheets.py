"""Spreadsheet-ready exports of the marts, per municipality, beside the Parquet files.

On request (``ReleaseContents.spreadsheets``) each municipality's rows of every mart are
written into ``<municipality>/`` of the release folder: a mart with a ``document_id`` keeps
the rows of that municipality's documents, one with ``municipality`` (``dim_unit``) or
``municipality_name`` (``dim_municipality``) its own rows; the reference marts
(``dim_line_item``, ``dim_goal_status``) are written whole. Each mart is written as
``<mart>.csv`` (plain, see ``exports``) and as below.

A Finnish spreadsheet (Excel or LibreOffice with Finnish settings) opens a CSV file with ``;``
between fields and ``,`` as the decimal mark, and reads it as UTF-8 only after a byte-order
mark. So each mart is also written as:

- ``<mart>.fi.csv``: ``;``-separated, decimal comma, UTF-8 with BOM, a header row, empty for a
  missing value, dates as ``d.m.yyyy``, booleans as ``1`` / ``0`` (a Finnish spreadsheet reads
  ``true`` and ``false`` as text);
- one sheet of ``kuntatalous.xlsx``: numbers as numbers (with their printed decimals), dates as
  dates, booleans as booleans, missing values as empty cells. Its first sheet, ``tables``, is
  the data dictionary: every mart and column with its type and description.

The same dictionary is written as ``data_dictionary.csv`` (plain UTF-8 CSV). Text that a
spreadsheet would run as a formula is neutralised in the Finnish CSV as in the plain one; the
workbook's text cells are never formulas. Descriptions come
from the warehouse itself: dbt persists the models' and columns' documentation as comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import xlsxwriter

from kuntatalous.site.marts import slugify
from kuntatalous.warehouse.exports import (
    FORMULA_START,
    SIGNED_NUMBER,
    ExportError,
    write_csv,
)
from kuntatalous.warehouse.reading import sql_literal

WORKBOOK = "kuntatalous.xlsx"
DICTIONARY = "data_dictionary.csv"
DICTIONARY_SHEET = "tables"
SCHEMA = "analytics"
DECIMALS_COLUMN = "value_decimals"
"""A mart column giving, per row, the decimals its decimal columns are printed with (the
printed precision, models/_docs.md): the exports show at least these, more only where the
exact number has them."""


@dataclass(frozen=True)
class Column:
    """One column of a mart, as the warehouse's catalogue describes it."""

    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class Mart:
    name: str
    description: str
    columns: list[Column]
    where: str = ""
    """The rows written: all, or one municipality's (``where …``)."""

    @property
    def query(self) -> str:
        return f'select * from {SCHEMA}."{self.name}" {self.where}'.rstrip()


def describe_marts(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[Mart]:
    """Each mart's description and columns, from the catalogue's comments."""
    tables = dict(
        con.execute(
            "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = ?", [SCHEMA]
        ).fetchall()
    )
    rows = con.execute(
        "select table_name, column_name, data_type, coalesce(comment, '') from duckdb_columns() "
        "where schema_name = ? order by table_name, column_index",
        [SCHEMA],
    ).fetchall()
    columns: dict[str, list[Column]] = {}
    for table, name, data_type, comment in rows:
        columns.setdefault(str(table), []).append(Column(str(name), str(data_type), _one_line(str(comment))))
    return [Mart(name, _one_line(str(tables.get(name, ""))), columns.get(name, [])) for name in names]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def finnish_cell(value: Any) -> str:
    """A value as a Finnish spreadsheet reads it from a CSV field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return f"{value.day}.{value.month}.{value.year} {value:%H:%M:%S}"
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    text = str(value)
    # Text a spreadsheet would run as a formula gets a leading ' (as in the plain CSV).
    if re.match(FORMULA_START, text) and not re.match(SIGNED_NUMBER, text):
        return "'" + text
    return text


def shown(value: Decimal, decimals: int) -> Decimal:
    """The exact number with at least ``decimals`` decimals and no insignificant trailing zero
    beyond them (``693894.000000`` with 0 → ``693894``; ``124.179400`` with 2 → ``124.1794``).

    >>> shown(Decimal("792.0000"), 0), shown(Decimal("32.7600"), 2), shown(Decimal("20.3000"), 2)
    (Decimal('792'), Decimal('32.76'), Decimal('20.30'))
    """
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int), "the warehouse's decimals are finite"
    places = max(decimals, -exponent, 0)
    return value.quantize(Decimal(1).scaleb(-places))


def _decimals_at(mart: Mart) -> int | None:
    """The index of the mart's printed-decimals column, if it has one."""
    names = [column.name for column in mart.columns]
    return names.index(DECIMALS_COLUMN) if DECIMALS_COLUMN in names else None


def _as_printed(row: tuple[Any, ...], at: int | None) -> tuple[Any, ...]:
    """The row with its decimals shown to the row's printed precision (``at``: its column)."""
    if at is None or row[at] is None:
        return row
    return tuple(shown(value, row[at]) if isinstance(value, Decimal) else value for value in row)


def write_finnish_csv(con: duckdb.DuckDBPyConnection, mart: Mart, path: Path) -> None:
    cursor = con.execute(mart.query)
    at = _decimals_at(mart)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow([column.name for column in mart.columns])
        while batch := cursor.fetchmany(10_000):
            writer.writerows([finnish_cell(value) for value in _as_printed(row, at)] for row in batch)


def write_dictionary_csv(marts: list[Mart], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows(dictionary_rows(marts))


def dictionary_rows(marts: list[Mart]) -> list[list[str]]:
    """The data dictionary: a row per mart (column empty), then a row per column."""
    rows = [["table", "column", "type", "description"]]
    for mart in marts:
        rows.append([mart.name, "", "", mart.description])
        rows.extend([mart.name, c.name, c.data_type, c.description] for c in mart.columns)
    return rows


def number_format(data_type: str, decimals: int | None = None) -> str | None:
    """The cell format that shows a column's numbers as the warehouse holds them; with
    ``decimals`` (the row's printed precision), at least those and the rest only where the
    number has them."""
    if data_type.startswith("DECIMAL("):
        scale = int(data_type.rstrip(")").split(",")[1])
        shown = scale if decimals is None else min(decimals, scale)
        return "#,##0" + ("." + "0" * shown + "#" * (scale - shown) if scale else "")
    if data_type in ("DATE",):
        return "d.m.yyyy"
    if data_type.startswith("TIMESTAMP"):
        return "d.m.yyyy hh:mm:ss"
    return None


def write_workbook(con: duckdb.DuckDBPyConnection, marts: list[Mart], path: Path) -> None:
    """The data dictionary, then one sheet per mart."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "default_date_format": "d.m.yyyy"})
    try:
        bold = workbook.add_format({"bold": True})
        dictionary = workbook.add_worksheet(DICTIONARY_SHEET)
        for index, row in enumerate(dictionary_rows(marts)):
            dictionary.write_row(index, 0, row, bold if index == 0 or not row[1] else None)
        for mart in marts:
            _write_sheet(con, workbook, mart, bold)
    finally:
        workbook.close()


def _write_sheet(con: duckdb.DuckDBPyConnection, workbook: Any, mart: Mart, bold: Any) -> None:
    sheet = workbook.add_worksheet(mart.name[:31])
    sheet.write_row(0, 0, [column.name for column in mart.columns], bold)
    at = _decimals_at(mart)
    cell_formats = _CellFormats(workbook, mart)
    cursor = con.execute(mart.query)
    index = 1
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            decimals = None if at is None else row[at]
            for column, value in enumerate(row):
                _write_cell(sheet, index, column, value, cell_formats.get(column, decimals))
            index += 1
    sheet.freeze_panes(1, 0)


class _CellFormats:
    """The workbook's cell formats for a mart's columns, made once per column and precision."""

    def __init__(self, workbook: Any, mart: Mart) -> None:
        self._workbook = workbook
        self._types = [column.data_type for column in mart.columns]
        self._made: dict[tuple[int, int | None], Any] = {}

    def get(self, column: int, decimals: int | None) -> Any:
        if not self._types[column].startswith("DECIMAL("):
            decimals = None
        key = (column, decimals)
        if key not in self._made:
            num_format = number_format(self._types[column], decimals)
            self._made[key] = self._workbook.add_format({"num_format": num_format}) if num_format else None
        return self._made[key]


def _write_cell(sheet: Any, row: int, column: int, value: Any, cell_format: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, (Decimal, int, float)):
        sheet.write_number(row, column, float(value), cell_format)
    elif isinstance(value, (dt.date, dt.datetime)):
        sheet.write_datetime(row, column, value, cell_format)
    else:
        sheet.write_string(row, column, str(value))


def export_spreadsheets(con: duckdb.DuckDBPyConnection, names: list[str], folder: Path) -> list[Path]:
    """Write the Finnish CSVs, the workbook and the data dictionary of the marts ``names``
    into ``folder``; return the files written."""
    marts = describe_marts(con, names)
    written = [folder / f"{mart.name}.fi.csv" for mart in marts]
    for mart, path in zip(marts, written, strict=True):
        write_finnish_csv(con, mart, path)
    write_workbook(con, marts, folder / WORKBOOK)
    write_dictionary_csv(marts, folder / DICTIONARY)
    return [*written, folder / WORKBOOK, folder / DICTIONARY]


def write_dictionary(con: duckdb.DuckDBPyConnection, names: list[str], folder: Path) -> Path:
    """``data_dictionary.csv`` of the marts ``names`` in ``folder``."""
    path = folder / DICTIONARY
    write_dictionary_csv(describe_marts(con, names), path)
    return path


MUNICIPALITY_FILTERS = (
    ("document_id", "document_id in (select document_id from {schema}.dim_document where municipality = {name})"),
    ("municipality", "municipality = {name}"),
    ("municipality_name", "municipality_name = {name}"),
)
"""How a mart's rows are told to belong to a municipality: by the first of these columns it has
(a mart with none of them is reference data, written whole)."""


def municipality_filter(mart: Mart, municipality: str) -> str:
    """The ``where`` clause of ``mart``'s rows of ``municipality``."""
    names = {column.name for column in mart.columns}
    for column, condition in MUNICIPALITY_FILTERS:
        if column in names:
            return "where " + condition.format(schema=SCHEMA, name=sql_literal(municipality))
    return ""


def municipalities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The municipalities whose documents the warehouse holds, by name."""
    found = con.execute(
        "select 1 from duckdb_tables() where schema_name = ? and table_name = 'dim_document'", [SCHEMA]
    ).fetchall()
    if not found:
        return []
    rows = con.execute(
        f"select distinct municipality from {SCHEMA}.dim_document where municipality is not null order by 1"
    ).fetchall()
    return [str(name) for (name,) in rows]


def requested(con: duckdb.DuckDBPyConnection, request: str) -> list[str]:
    """The municipalities of the warehouse that ``request`` names (``chosen``)."""
    return chosen(municipalities(con), request)


def chosen(known: list[str], request: str) -> list[str]:
    """The municipalities of ``known`` that ``request`` names: ``auto`` (every one if there is
    only one, else none), ``all``, ``none`` (or empty), or names and slugs, comma-separated."""
    wanted = request.strip().lower()
    if wanted in ("", "none"):
        return []
    if wanted in ("auto", "all"):
        return known if wanted == "all" or len(known) == 1 else []
    by_name = {**{slugify(name): name for name in known}, **{name.lower(): name for name in known}}
    chosen = []
    for item in (part.strip() for part in request.split(",") if part.strip()):
        if item.lower() not in by_name and slugify(item) not in by_name:
            raise ExportError(
                f"spreadsheets: {item!r} is no municipality of this warehouse "
                f"(it holds {', '.join(known) or 'none'}; or say all, auto or none)"
            )
        chosen.append(by_name.get(item.lower()) or by_name[slugify(item)])
    return list(dict.fromkeys(chosen))


def export_municipalities(con: duckdb.DuckDBPyConnection, names: list[str], folder: Path, request: str) -> list[Path]:
    """Each requested municipality's rows of the marts ``names`` as plain CSV, Finnish CSV and
    a workbook, in ``folder/<municipality>/``; return the files written."""
    written: list[Path] = []
    for municipality in requested(con, request):
        target = folder / slugify(municipality)
        target.mkdir()
        marts = [replace(mart, where=municipality_filter(mart, municipality)) for mart in describe_marts(con, names)]
        for mart in marts:
            written.append(write_csv(con, mart.name, target / f"{mart.name}.csv", mart.where))
            written.append(target / f"{mart.name}.fi.csv")
            write_finnish_csv(con, mart, written[-1])
        write_workbook(con, marts, target / WORKBOOK)
        written.append(target / WORKBOOK)
    return written
