"""A page query's digest (``marts.PageQuery.digest_sql``) changes exactly when the rows it selects do.

The site keeps a previous page when its input digest is the same (``site.reuse``); the rows of
each page query enter that digest as the query's digest per document, computed in the
warehouse. These tests run a page query over a small table made here, so that each kind of
change can be made by hand: a value in any column, NULL against the text ``null``, text that
moves across a column boundary, an order key alone, a row more, and a different row order (the
only change that must not count).
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from kuntatalous.site.marts import BATCH, MART_QUERIES, PageQuery, open_site

from .warehouse_builds import SyntheticBuild

QUERY = PageQuery(
    "document_id, label, amount, note",
    "from lines where document_id in ({batch})",
    ("document_id", "amount desc nulls last", "line_id"),
)
Line = tuple[str, int, str, str | None, str | None]
ROWS: list[Line] = [
    ("d1", 1, "Toimintatuotot", "120.50", None),
    ("d1", 2, "Toimintakulut", "-80.25", "see note"),
    ("d2", 3, "Toimintakate", "40.25", None),
]
"""document_id, line_id, label, amount, note."""
DOCUMENTS = "'d1', 'd2'"


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect() as connection:
        yield connection


def digests(con: duckdb.DuckDBPyConnection, rows: list[Line]) -> dict[str, tuple[object, ...]]:
    """Each document's digest of ``rows`` loaded into ``lines`` in the order given."""
    con.execute(
        "create or replace table lines (document_id varchar, line_id integer, label varchar, "
        "amount decimal(18, 2), note varchar)"
    )
    con.executemany("insert into lines values (?, ?, ?, ?, ?)", rows)
    keyed = QUERY.keyed_sql().format(batch=DOCUMENTS)
    columns = [str(column[0]) for column in con.execute(f"{keyed} limit 0").description]
    sql = QUERY.digest_sql(columns).format(batch=DOCUMENTS)
    return {row[0]: row[1:] for row in con.execute(sql).fetchall()}


def changed(con: duckdb.DuckDBPyConnection, rows: list[Line]) -> list[str]:
    """The documents whose digest differs from that of ``ROWS``."""
    before, after = digests(con, ROWS), digests(con, rows)
    return sorted(document for document in before.keys() | after.keys() if before.get(document) != after.get(document))


def test_the_order_rows_are_stored_in_does_not_count(con: duckdb.DuckDBPyConnection) -> None:
    assert changed(con, list(reversed(ROWS))) == []


def test_the_digest_counts_rows_and_names_the_report_texts() -> None:
    with duckdb.connect() as con:
        con.execute("create table lines (document_id varchar, source_file varchar, other_source_file varchar)")
        con.execute("insert into lines values ('d1', 'a.txt', null), ('d1', 'a.txt', 'b.txt'), ('d2', null, null)")
        query = PageQuery("document_id, source_file, other_source_file", "from lines", ("document_id",))
        columns = ["document_id", "source_file", "other_source_file", "site_order_0"]
        found = {row[0]: row for row in con.execute(query.digest_sql(columns)).fetchall()}
    assert found["d1"][1] == 2
    assert sorted(found["d1"][3]) == ["a.txt", "b.txt"]
    assert found["d2"][1] == 1
    assert found["d2"][3] == []


@pytest.mark.parametrize(
    ("rows", "documents"),
    [
        pytest.param([ROWS[0], (*ROWS[1][:3], "-80.26", ROWS[1][4]), ROWS[2]], ["d1"], id="a cent"),
        pytest.param([ROWS[0], (*ROWS[1][:2], "Toimintakulu", *ROWS[1][3:]), ROWS[2]], ["d1"], id="a letter"),
        pytest.param([ROWS[0], ROWS[1], (*ROWS[2][:4], "null")], ["d2"], id="NULL against the text null"),
        pytest.param([ROWS[0], ROWS[1], (*ROWS[2][:4], "")], ["d2"], id="NULL against empty text"),
        pytest.param([ROWS[0], ROWS[1], (*ROWS[2][:3], None, None)], ["d2"], id="an amount gone"),
        pytest.param(
            [ROWS[0], (*ROWS[1][:2], "Toimintakulut\x1f-80.25", None, "see note"), ROWS[2]],
            ["d1"],
            id="text moved across the separator",
        ),
        pytest.param([ROWS[0], (ROWS[1][0], 9, *ROWS[1][2:]), ROWS[2]], ["d1"], id="an order key alone"),
        pytest.param([*ROWS, ROWS[0]], ["d1"], id="a row twice"),
        pytest.param([ROWS[0], ROWS[1]], ["d2"], id="a document's only row gone"),
        pytest.param([ROWS[1], ("d1", 1, "Toimintatuotot", "120.50", None), ROWS[2]], [], id="the same rows"),
    ],
)
def test_any_change_of_a_document_s_rows_changes_its_digest_only(
    con: duckdb.DuckDBPyConnection, rows: list[Line], documents: list[str]
) -> None:
    assert changed(con, rows) == documents


@pytest.mark.e2e
def test_every_page_query_s_digest_reads_every_column_its_rows_show(synthetic_build: SyntheticBuild) -> None:
    """On a built warehouse: the digest reads each column the page's rows have, and each order key."""
    with open_site(synthetic_build.database, synthetic_build.database.parent) as (con, site):
        for name, query in MART_QUERIES.items():
            shown = [
                str(column[0]) for column in con.execute(f"{query.rows_sql().format(batch=BATCH)} limit 0").description
            ]
            keys = [f"site_order_{n}" for n in range(len(query.order))]
            assert [column for column, _ in site.columns[name]] == shown + keys, name
