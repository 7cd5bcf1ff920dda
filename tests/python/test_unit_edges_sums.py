"""int_unit_edges__sums against the rule it states, brute force: random sections of silent
units (placed by print order alone) and units the text places, whose parents sometimes print
the sum of a run of them, are placed by the model's compiled SQL exactly as by trying every
run and every parent printed above it (the model's description in
models/intermediate/_intermediate__models.yml)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from .warehouse_builds import dbt

LINES = ("toimintatuotot", "toimintakulut", "toimintakate")
YEARS = (2024, 2025)
QUALIFIED = re.compile(r'"[^"]+"\."(intermediate|staging)"\.')


@dataclass(frozen=True)
class Unit:
    unit_id: str
    line: int
    silent: bool
    parent_id: str | None
    figures: dict[tuple[str, int], tuple[Decimal, int, bool]]


@pytest.fixture(scope="module")
def compiled_sql(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The model's SQL as dbt compiles it, its relations left to the connection's schemas."""
    workdir = tmp_path_factory.mktemp("edges")
    compiled = dbt(["compile", "--select", "int_unit_edges__sums"], workdir / "warehouse.duckdb", workdir)
    assert compiled.returncode == 0, compiled.stdout[-4000:]
    (sql,) = (workdir / "target" / "compiled").rglob("int_unit_edges__sums.sql")
    return QUALIFIED.sub(r'"\1".', sql.read_text())


def figure(draw: st.DrawFn, decimals: int) -> tuple[Decimal, int, bool]:
    cents = draw(st.integers(-5000, 5000))
    amount = Decimal(cents) if decimals == 0 else Decimal(cents).scaleb(-2)
    return amount, decimals, draw(st.sampled_from([True, True, True, False]))


@st.composite
def sections(draw: st.DrawFn) -> list[Unit]:
    """A section: its top unit, then units each silent or placed under an earlier one, each
    printing some lines; a few parents then print a run's sum (exact, or a euro or two off)."""
    count = draw(st.integers(2, 9))
    decimals = draw(st.sampled_from([0, 2]))
    units: list[Unit] = []
    for index in range(count):
        silent = index > 0 and draw(st.integers(0, 3)) > 0
        parent = None if index == 0 or silent else units[draw(st.integers(0, index - 1))].unit_id
        keys = draw(st.sets(st.sampled_from([(line, year) for line in LINES for year in YEARS]), min_size=4))
        figures = {key: figure(draw, decimals) for key in sorted(keys)}
        units.append(Unit(f"u{index}", 10 * (index + 1), silent, parent, figures))
    for _ in range(draw(st.integers(0, 3))):
        units = with_a_sum(draw, units)
    return units


def with_a_sum(draw: st.DrawFn, units: list[Unit]) -> list[Unit]:
    """The units, one of them printing the sum of a run of later silent units and the units
    placed under it, on the lines all of them print, give or take an offset."""
    silent = [unit for unit in units if unit.silent]
    if not silent:
        return units
    first = draw(st.integers(0, len(silent) - 1))
    run = silent[first : draw(st.integers(first, len(silent) - 1)) + 1]
    parent = units[draw(st.integers(0, units.index(run[0]) - 1))]
    members = run + [unit for unit in units if not unit.silent and unit.parent_id == parent.unit_id]
    offset = Decimal(draw(st.sampled_from([0, 0, 1, 2, -3])))
    figures = dict(parent.figures)
    for key in set.intersection(*(set(member.figures) for member in members)):
        decimals = members[0].figures[key][1]
        figures[key] = (sum(member.figures[key][0] for member in members) + offset, decimals, True)
    summed = Unit(parent.unit_id, parent.line, parent.silent, parent.parent_id, figures)
    return [summed if unit is parent else unit for unit in units]


def half_unit(decimals: int) -> Decimal:
    return Decimal("0.5").scaleb(-decimals)


def adds_up(parent: Unit, members: list[Unit]) -> bool:
    """Every line the parent and each member print, all comparable, within the rounding; at
    least one such line."""
    compared = 0
    for key, (amount, decimals, comparable) in parent.figures.items():
        printed = [member.figures[key] for member in members if key in member.figures]
        if len(printed) < len(members) or not comparable or not all(term[2] for term in printed):
            continue
        compared += 1
        tolerance = sum(half_unit(term[1]) for term in printed) + half_unit(decimals)
        if abs(amount - sum(term[0] for term in printed)) > tolerance:
            return False
    return compared > 0


def expected_edges(units: list[Unit]) -> set[tuple[str, str]]:
    """Each silent unit in a run that adds up to a unit printed above the run, under the
    nearest such unit."""
    silent = [unit for unit in units if unit.silent]
    nearest: dict[str, Unit] = {}
    for first, last in ((a, b) for a in range(len(silent)) for b in range(a, len(silent))):
        run = silent[first : last + 1]
        for parent in (unit for unit in units if unit.line < run[0].line):
            placed = [unit for unit in units if not unit.silent and unit.parent_id == parent.unit_id]
            if adds_up(parent, run + placed):
                for unit in run:
                    if unit.unit_id not in nearest or nearest[unit.unit_id].line < parent.line:
                        nearest[unit.unit_id] = parent
    return {(unit_id, parent.unit_id) for unit_id, parent in nearest.items()}


def table_rows(units: list[Unit]) -> Iterator[tuple[object, ...]]:
    for index, unit in enumerate(units):
        placement = "table_order" if index == 0 else "print_order" if unit.silent else "level_word"
        yield ("d1", unit.line, "operating", False, unit.unit_id, unit.parent_id or "x", placement)


def figure_rows(units: list[Unit]) -> Iterator[tuple[object, ...]]:
    for unit in units:
        for (line, year), (amount, decimals, comparable) in unit.figures.items():
            yield ("d1", unit.unit_id, "operating", line, year, "actual", amount, decimals, comparable)


TABLES = {
    "intermediate.int_budget_tables": (
        "document_id varchar, table_line integer, statement varchar, is_city_statement boolean, unit_id varchar,"
        " uncurated_parent_unit_id varchar, uncurated_placement varchar"
    ),
    "intermediate.int_budget_amounts__first_printings": (
        "document_id varchar, unit_id varchar, statement varchar, line_item_id varchar, fiscal_year integer,"
        " scenario varchar, amount_eur decimal(18, 2), amount_decimals integer, is_comparable boolean"
    ),
    "staging.stg_reference__units": "unit_id varchar, parent_unit_id varchar",
}
"""The tables the model reads: their columns."""


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[tuple[object, ...]]) -> None:
    """``rows`` into ``table`` in one statement, as one JSON parameter cast to its columns (a
    Decimal as text, cast exactly). A parameter per value (executemany) costs DuckDB's Python
    client a failed import of pandas each: most of the test's time, it took."""
    names = [column[0] for column in con.execute(f"select * from {table} limit 0").description]
    document = json.dumps([dict(zip(names, map(as_json, row), strict=True)) for row in rows])
    con.execute(f"insert into {table} select unnest(?::json::struct({TABLES[table]})[], recursive := true)", [document])


def as_json(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def model_edges(sql: str, units: list[Unit]) -> set[tuple[str, str]]:
    with duckdb.connect() as con:
        con.execute("create schema intermediate; create schema staging")
        for table, columns in TABLES.items():
            con.execute(f"create table {table} ({columns})")
        insert(con, "intermediate.int_budget_tables", table_rows(units))
        insert(con, "intermediate.int_budget_amounts__first_printings", figure_rows(units))
        rows = con.execute(f"select unit_id, parent_unit_id from ({sql})").fetchall()
    return {(str(unit_id), str(parent_id)) for unit_id, parent_id in rows}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=sections())
def test_the_model_places_silent_units_as_the_rule_does(compiled_sql: str, units: list[Unit]) -> None:
    assert model_edges(compiled_sql, units) == expected_edges(units)


def test_the_sections_tried_include_placed_and_unplaced_runs() -> None:
    """The generator makes sections whose sums place a run of several units, and sections with
    silent units that no sum places, so that the comparison above is not of empty sets."""
    first_found = settings(phases=[Phase.generate], database=None)
    placed = find(sections(), lambda units: len(expected_edges(units)) > 1, settings=first_found)
    assert len(expected_edges(placed)) > 1
    unplaced = find(
        sections(), lambda units: any(unit.silent for unit in units) and not expected_edges(units), settings=first_found
    )
    assert not expected_edges(unplaced)
