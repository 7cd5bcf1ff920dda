"""A candidate much of whose file is free blocks is written afresh before it is published, whole:
every schema, table, constraint, comment, view and row, in its storage version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from kuntatalous.warehouse import compaction
from kuntatalous.warehouse.compaction import COMPACTING, Blocks
from kuntatalous.warehouse.publish import PublishError, WarehousePaths, publish

ROWS = 200_000
"""Rows of the table the fixture drops: enough blocks (about 30) to leave most of its file free."""


def make_candidate(path: Path, dropped_rows: int) -> None:
    """A candidate as a build leaves it, in the build's storage version: a mart with a NOT NULL
    column and comments, a view that names the file's catalog, and a working table of
    ``dropped_rows`` rows, dropped (its blocks left free in the file)."""
    with duckdb.connect(str(path), config={"storage_compatibility_version": "v1.0.0"}) as con:
        con.execute("create schema analytics")
        con.execute("create schema staging")
        con.execute(
            "create table analytics.fact_amount (amount_id varchar not null, amount decimal(18, 2), note varchar)"
        )
        con.execute(
            "insert into analytics.fact_amount select 'a' || i, i / 100, case when i % 7 = 0 then null else 'x' end "
            "from range(5000) t(i)"
        )
        con.execute("comment on table analytics.fact_amount is 'one row per amount'")
        con.execute("comment on column analytics.fact_amount.amount is 'euros, as printed'")
        catalog = path.name.split(".")[0]
        con.execute(f"create view staging.stg_amounts as select amount_id, amount from {catalog}.analytics.fact_amount")
        con.execute(
            "create table staging.stg_rows as select i, md5(i::varchar) as a, md5((i + 1)::varchar) as b "
            f"from range({dropped_rows}) t(i)"
        )
        con.execute("checkpoint")
        con.execute("drop table staging.stg_rows")
        con.execute("checkpoint")


def describe(path: Path) -> dict[str, Any]:
    """Everything a reader of the file sees: its objects with their definitions and comments,
    each table's rows (counted and hashed), and its storage version."""
    with duckdb.connect(str(path), read_only=True) as con:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()

        tables = rows("select schema_name, table_name from duckdb_tables() order by all")
        return {
            "schemas": rows("select schema_name, comment from duckdb_schemas() where not internal order by all"),
            "tables": rows("select schema_name, table_name, comment, sql from duckdb_tables() order by all"),
            "columns": rows(
                "select schema_name, table_name, column_index, column_name, data_type, comment, is_nullable "
                "from duckdb_columns() order by all"
            ),
            "views": rows(
                "select schema_name, view_name, sql, comment from duckdb_views() where not internal order by all"
            ),
            "constraints": rows(
                "select schema_name, table_name, constraint_text from duckdb_constraints() order by all"
            ),
            "storage": rows("select tags from duckdb_databases() where database_name = current_database()"),
            "data": {
                table: rows(f'select count(*), bit_xor(hash(t)) from "{table[0]}"."{table[1]}" t') for table in tables
            },
            "view rows": rows("select count(*), sum(amount) from staging.stg_amounts"),
        }


def test_a_candidate_much_of_it_free_is_published_afresh_with_everything_it_held(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    make_candidate(paths.candidate, ROWS)
    before, size = describe(paths.candidate), paths.candidate.stat().st_size
    notes = publish(paths)
    assert [note for note in notes if "afresh" in note], notes
    assert paths.published.stat().st_size < size / 2
    assert describe(paths.published) == before
    assert before["storage"] == [({"storage_version": "v1.0.0+"},)]
    assert before["view rows"] == [(5000, pytest.approx(124975))]
    assert not list(tmp_path.glob(f"*{COMPACTING}*"))


def test_a_candidate_with_few_free_blocks_is_published_as_it_is(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    make_candidate(paths.candidate, 0)
    inode = paths.candidate.stat().st_ino
    left = paths.candidate.with_name(paths.candidate.name + COMPACTING)
    left.write_bytes(b"left by a publish that was stopped while it wrote")
    assert publish(paths) == []
    assert paths.published.stat().st_ino == inode
    assert not left.exists()


def test_a_candidate_that_cannot_be_written_afresh_is_not_published(tmp_path: Path) -> None:
    paths = WarehousePaths(tmp_path / "w.duckdb")
    paths.published.write_bytes(b"the published file")
    make_candidate(paths.candidate, ROWS)
    before = describe(paths.candidate)
    paths.candidate.with_name(paths.candidate.name + COMPACTING).mkdir()  # where the new file goes
    with pytest.raises(PublishError, match="could not be written afresh"):
        publish(paths)
    assert paths.published.read_bytes() == b"the published file"
    assert describe(paths.candidate) == before


def test_a_file_is_written_afresh_when_more_than_a_third_of_it_is_free() -> None:
    assert not Blocks(total=9, free=3, block_size=262144).worth_writing_afresh
    assert Blocks(total=9, free=4, block_size=262144).worth_writing_afresh


def test_a_new_file_that_leaves_a_write_ahead_log_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Renamed over the candidate, the new file would leave the changes in its log behind.
    paths = WarehousePaths(tmp_path / "w.duckdb")
    paths.published.write_bytes(b"the published file")
    make_candidate(paths.candidate, ROWS)
    before = describe(paths.candidate)
    copy = compaction._copy

    def copy_leaving_a_log(database: Path, fresh: Path, catalog: str, version: str) -> Blocks:
        after = copy(database, fresh, catalog, version)
        fresh.with_name(fresh.name + ".wal").write_bytes(b"changes not in the file")
        return after

    monkeypatch.setattr(compaction, "_copy", copy_leaving_a_log)
    with pytest.raises(PublishError, match="write-ahead log remains"):
        publish(paths)
    assert paths.published.read_bytes() == b"the published file"
    assert describe(paths.candidate) == before
    assert not list(tmp_path.glob(f"*{COMPACTING}*"))
