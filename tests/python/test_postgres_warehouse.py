"""The PostgreSQL warehouse's parts on a real server: COPY loading typed from the record
declarations, publish and rollback by schema renames, the reader's grants, the build lock."""

from __future__ import annotations

import csv
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from kuntatalous.output.records import BUDGET_ROWS, RAW_TABLES
from kuntatalous.warehouse.postgres import LockTimeoutError, PostgresError, Schemas, build_lock, load_raw
from kuntatalous.warehouse.postgres_cluster import Warehouse
from kuntatalous.warehouse.postgres_publish import publish, rollback

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "seeds" / "raw"
PG_TYPES = {"varchar": "character varying", "integer": "integer", "boolean": "boolean"}


def _declared(type_name: str) -> str:
    return PG_TYPES.get(type_name) or type_name.replace("decimal", "numeric").replace(" ", "")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def conn(pg_warehouse: Warehouse) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with pg_warehouse.build_connect() as connection:
        yield connection


def test_raw_tables_are_typed_from_the_record_declarations(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    counts = load_raw(conn, RAW, "t_raw_types")
    for table in RAW_TABLES:
        rows = conn.execute(
            "select column_name, data_type, numeric_precision, numeric_scale from information_schema.columns "
            "where table_schema = 't_raw_types' and table_name = %s order by ordinal_position",
            (table.name,),
        ).fetchall()
        found = [(name, f"numeric({p},{s})" if kind == "numeric" else kind) for name, kind, p, s in rows]
        assert found == [(field.name, _declared(field.type)) for field in table.fields]
        assert counts[table.name] == len(_csv_rows(RAW / f"{table.name}.csv"))


def test_an_empty_cell_loads_as_null_and_amounts_to_the_cent(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    load_raw(conn, RAW, "t_raw_values")
    printed = _csv_rows(RAW / "raw_budget_rows.csv")
    loaded = conn.execute(
        "select source_line, prior_actual_eur::text, execution_pct::text, is_bold from t_raw_values.raw_budget_rows "
        "order by source_file, source_line"
    ).fetchall()
    expected = [
        (
            int(row["source_line"]),
            _cents(row["prior_actual_eur"]),
            _cents(row["execution_pct"]),
            row["is_bold"] == "true",
        )
        for row in sorted(printed, key=lambda r: (r["source_file"], int(r["source_line"])))
    ]
    assert loaded == expected
    assert any(row[1] is None for row in loaded), "the committed reports have an empty amount cell"


def _cents(text: str) -> str | None:
    if not text:
        return None
    return f"{float(text):.2f}" if "." in text or text.lstrip("-").isdigit() else text


def test_a_bad_value_names_the_file_and_line(conn: psycopg.Connection[tuple[object, ...]], tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    path = raw / "raw_budget_rows.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    position = BUDGET_ROWS.columns.index("source_line")
    cells = lines[3].split(",")
    cells[position] = "12x"
    lines[3] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    load_raw(conn, RAW, "t_raw_kept")
    with pytest.raises(PostgresError, match=r"raw_budget_rows\.csv: line 4: invalid input syntax for type integer"):
        load_raw(conn, raw, "t_raw_kept")
    kept = conn.execute("select count(*) from t_raw_kept.raw_budget_rows").fetchone()
    assert kept == (len(lines) - 1,), "a failed load leaves the raw schema as it was"


def test_a_header_that_is_not_the_declaration_is_refused(
    conn: psycopg.Connection[tuple[object, ...]], tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    path = raw / "raw_risks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("probability,significance", "significance,probability"))
    with pytest.raises(PostgresError, match=r"raw_risks\.csv:1: header"):
        load_raw(conn, raw, "t_raw_header")


def _fake_build(conn: psycopg.Connection[tuple[object, ...]], schemas: Schemas, marker: int) -> None:
    """A candidate as dbt leaves it: a mart, a staging table, a view, and stored test failures,
    each in its layer's schema."""
    candidate, staging, audit = (
        Schemas.marts(schemas.candidate),
        f"{schemas.candidate}_staging",
        Schemas.audit(schemas.candidate),
    )
    for name in (candidate, staging, audit):
        conn.execute(
            sql.SQL("drop schema if exists {} cascade; create schema {}").format(
                sql.Identifier(name), sql.Identifier(name)
            )
        )
    conn.execute(sql.SQL("create table {} as select {} as build").format(sql.Identifier(candidate, "fact_x"), marker))
    conn.execute(sql.SQL("create table {} as select 1 as staged").format(sql.Identifier(staging, "stg_x")))
    conn.execute(
        sql.SQL("create view {} as select * from {}").format(
            sql.Identifier(candidate, "int_x"), sql.Identifier(staging, "stg_x")
        )
    )
    conn.execute(sql.SQL("create table {} as select 'failed' as message").format(sql.Identifier(audit, "t_x")))


def _published(conn: psycopg.Connection[tuple[object, ...]], schemas: Schemas) -> object:
    row = conn.execute(
        sql.SQL("select build from {}").format(sql.Identifier(Schemas.marts(schemas.published), "fact_x"))
    ).fetchone()
    return row[0] if row else None


def test_publish_and_rollback_swap_whole_schemas(
    conn: psycopg.Connection[tuple[object, ...]], pg_warehouse: Warehouse
) -> None:
    schemas = Schemas("t_swap")
    for marker in (1, 2):
        _fake_build(conn, schemas, marker)
        publish(conn, schemas, pg_warehouse.reader_role)
    assert _published(conn, schemas) == 2
    view = conn.execute(
        sql.SQL("select * from {}").format(sql.Identifier(Schemas.marts(schemas.published), "int_x"))
    ).fetchone()
    assert view == (1,), "a view follows its schema's rename"
    rollback(conn, schemas, pg_warehouse.reader_role)
    assert _published(conn, schemas) == 1
    rollback(conn, schemas, pg_warehouse.reader_role)
    assert _published(conn, schemas) == 2
    with pytest.raises(PostgresError, match="no candidate build"):
        publish(conn, schemas, pg_warehouse.reader_role)
    assert _published(conn, schemas) == 2


def _reader_error(pg_warehouse: Warehouse, statement: str) -> psycopg.Error:
    with pg_warehouse.reader_connect() as reader, pytest.raises(psycopg.Error) as caught:
        reader.execute(statement)
    return caught.value


def test_the_reader_reads_published_marts_only(
    conn: psycopg.Connection[tuple[object, ...]], pg_warehouse: Warehouse
) -> None:
    schemas = Schemas("t_grants")
    load_raw(conn, RAW, "t_grants_raw")
    for marker in (1, 2):
        _fake_build(conn, schemas, marker)
        publish(conn, schemas, pg_warehouse.reader_role)
    with pg_warehouse.reader_connect() as reader:
        assert reader.execute("select build from t_grants_analytics.fact_x").fetchone() == (2,)
    refused = {
        "write": "insert into t_grants_analytics.fact_x values (3)",
        "update": "update t_grants_analytics.fact_x set build = 3",
        "create in the published marts' schema": "create table t_grants_analytics.mine (x int)",
        "create in public": "create table public.mine (x int)",
        "create a temporary table": "create temporary table mine (x int)",
        "create a schema": "create schema mine",
        "read staging": "select * from t_grants_staging.stg_x",
        "read an intermediate view": "select * from t_grants_analytics.int_x",
        "read the audit": "select * from t_grants_audit.t_x",
        "read the previous build": "select * from t_grants_previous_analytics.fact_x",
        "read the raw schema": "select * from t_grants_raw.raw_documents",
    }
    for what, statement in refused.items():
        error = _reader_error(pg_warehouse, statement)
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), (what, error)
        assert "permission denied" in str(error), (what, error)


def test_a_second_build_waits_for_the_lock_then_gives_up(pg_warehouse: Warehouse) -> None:
    schemas = Schemas("t_lock")
    with (
        pg_warehouse.build_connect() as first,
        build_lock(first, schemas, 1),
        pg_warehouse.build_connect() as second,
    ):
        started = time.monotonic()
        held = "another build of t_lock still runs"
        with pytest.raises(LockTimeoutError, match=held), build_lock(second, schemas, 0.5):
            pass
        assert time.monotonic() - started >= 0.5
        with build_lock(second, Schemas("t_lock_other"), 0.5):
            pass  # another warehouse's build does not wait
    with pg_warehouse.build_connect() as third, build_lock(third, schemas, 0.5):
        pass
