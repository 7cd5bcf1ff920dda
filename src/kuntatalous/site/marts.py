"""Read what the report pages show from the published warehouse's marts.

Every figure on a page is a mart value as stored: this module selects, filters and orders rows,
and never adds, subtracts or divides amounts. A page is a municipality's statement year. The
pages' documents and the dimensions are read first (:func:`open_site`); then the pages are
written batch by batch (:func:`batches`): each query returns the rows of a batch's documents at
once (one query per mart and batch, not per page), and :func:`read_rows` groups them by page.
So the memory the rows take is bounded by the batch, whatever the warehouse's size. Each page
query (:class:`PageQuery`) is declared once and gives both the page's rows and, per document, a
digest of them computed in the warehouse (:func:`read_digests`, every document at once: a few
values each), from which ``site.reuse`` decides which pages to keep without fetching their rows.
Each query's order is total (its table's key last), and the digest covers the keys that order
the rows: equal digests mean the same rows in the same order.

Columns that the marts may gain later are read only where they exist (:func:`has_column`): a page
section whose data is missing says so instead of failing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from kuntatalous.warehouse.reading import quote_name, read_only

Row = dict[str, Any]
Digest = tuple[int, int]
"""A document's rows in one page query: how many, and the sum of their hashes."""

MART_SCHEMA = "analytics"
"""The schema of the marts (dbt_project.yml: models.marts)."""
BUDGET_PHASES = ("budget_original", "budget_change", "budget", "actual")
"""``fact_budget.scenario`` values of the budget's phases, in order: original budget, changes,
budget in force, actual. The original budget and the changes are there where a report prints
them, and render where they are."""

DOCUMENTS = """
select document_id, source_file, municipality, city_unit_id, fiscal_year, section_title, content_sha256
from dim_document
where fiscal_year is not null
order by municipality, fiscal_year, source_file
"""

UNITS = """
with recursive tree as (
    select unit_id, 0 as depth from dim_unit where parent_unit_id is null
    union all
    select dim_unit.unit_id, tree.depth + 1
    from dim_unit inner join tree on dim_unit.parent_unit_id = tree.unit_id
)
select dim_unit.unit_id, unit_name, unit_name_en, {unit_level} as unit_level, parent_unit_id, tree.depth
from dim_unit left join tree on dim_unit.unit_id = tree.unit_id
order by dim_unit.unit_id
"""

LINE_ITEMS = """
select line_item_id, line_item_name, line_item_name_en, statement, parent_line_item_id,
    company_form_parent_line_item_id, direction, is_subtotal, sort_order
from dim_line_item
order by statement, sort_order nulls last, line_item_id
"""

SEPARATOR = "\x1f"
"""The unit separator (``chr(31)``)."""


@dataclass(frozen=True)
class PageQuery:
    """The rows of one page section for a batch's documents (``{batch}`` in ``source``): the
    columns the page reads, the tables and filter, and the order, total (the table's key last)."""

    columns: str
    source: str
    order: tuple[str, ...]

    def rows_sql(self) -> str:
        """The section's rows, in the page's order."""
        return f"select {self.columns}\n{self.source}\norder by {', '.join(self.order)}"

    def keyed_sql(self) -> str:
        """The section's rows with the value of each order key beside them (``site_order_<n>``),
        unordered: two sets of such rows that are equal are the same rows in the same order."""
        keys = ", ".join(f"{item.split()[0]} as site_order_{n}" for n, item in enumerate(self.order))
        return f"select {self.columns}, {keys}\n{self.source}"

    def digest_sql(self, columns: list[str]) -> str:
        """Per document: how many rows the section has, the sum of their hashes, and the report
        texts their ``*source_file`` columns (among ``columns``, the keyed rows') name.

        A row's hash is DuckDB's 64-bit hash of the whole keyed row (every value, NULL apart from
        any text). The sum, an exact ``hugeint``, is the same whatever the rows' order, and a
        change to any value of any row changes it but with a chance of about one in 10^19."""
        files = [quote_name(name) for name in columns if name.endswith("source_file")]
        named = " || ".join(
            f"coalesce(list(distinct keyed.{name}) filter (keyed.{name} is not null), [])" for name in files
        )
        return f"""
select keyed.document_id, count(*) as row_count, sum(hash(keyed)::hugeint) as row_hashes,
    {named or "[]::varchar[]"} as named_files
from ({self.keyed_sql()}) as keyed
group by keyed.document_id
"""


BUDGET_VS_ACTUAL = PageQuery(
    """document_id, unit_id, line_item_id, statement, investment_category, fiscal_year, budget_eur, actual_eur,
    prior_year_actual_eur, is_prior_year_comparable, variance_eur, execution_pct, is_favourable_variance,
    line_item_sort_order, source_file, source_line""",
    "from rpt_budget_vs_actual where document_id in ({batch})",
    (
        "document_id",
        "statement",
        "investment_category nulls first",
        "unit_id",
        "line_item_sort_order nulls last",
        "line_item_id",
    ),
)

PHASES = PageQuery(
    """fact_budget.document_id, unit_id, line_item_id, statement, investment_category, scenario, amount_eur,
    fact_budget.source_file, source_line""",
    """from fact_budget
    inner join dim_document on fact_budget.document_id = dim_document.document_id
    where fact_budget.document_id in ({batch}) and fact_budget.fiscal_year = dim_document.fiscal_year
        and scenario in ("""
    + ", ".join(f"'{phase}'" for phase in BUDGET_PHASES)
    + ")",
    ("fact_budget.document_id", "unit_id", "line_item_id", "source_line", "budget_amount_id"),
)

PROJECTS = PageQuery(
    """document_id, unit_id, project_name, funders, period_start_year, period_end_year, total_funding_eur,
    city_share_pct, spend_pct, city_share_raw, source_file, source_line""",
    "from fact_project where document_id in ({batch})",
    ("document_id", "total_funding_eur desc nulls last", "source_line", "project_id"),
)

KEY_FIGURES = PageQuery(
    """document_id, unit_id, indicator, indicator_qualifier, unit_of_measure, sub_area, sub_area_name,
    fiscal_year, measure_type, value, value_raw, source_file, source_line""",
    "from fact_kpi where document_id in ({batch})",
    ("document_id", "source_line", "sub_area nulls first", "fiscal_year", "measure_type", "kpi_value_id"),
)

GOALS = PageQuery(
    """fact_goal.document_id, unit_id, goal_level, goal, measure, outcome, fact_goal.goal_status_id,
    dim_goal_status.status_name, dim_goal_status.status_name_en, dim_goal_status.sort_order as status_order,
    status_raw, source_file, source_line""",
    """from fact_goal
    left join dim_goal_status on fact_goal.goal_status_id = dim_goal_status.goal_status_id
    where fact_goal.document_id in ({batch})""",
    ("document_id", "source_line", "goal_id"),
)

RISKS = PageQuery(
    """document_id, unit_id, risk_class, risk, probability, significance, risk_score, risk_value_raw, mitigation,
    source_file, source_line""",
    "from fact_risk where document_id in ({batch})",
    ("document_id", "risk_score desc nulls last", "source_line", "risk_id"),
)

RECONCILIATION_COUNTS = PageQuery(
    "document_id, status, count(*) as checks",
    "from rpt_reconciliation where document_id in ({batch}) group by document_id, status",
    ("document_id", "status"),
)

RECONCILIATION_FINDINGS = PageQuery(
    """document_id, check_name, status, unit_id, line_item_id, fiscal_year, message, reason, source_file,
    source_line, other_source_file, other_source_line""",
    "from rpt_reconciliation where document_id in ({batch}) and status in ('fail', 'warn')",
    (
        "document_id",
        "status",
        "check_name",
        "unit_id",
        "line_item_id",
        "fiscal_year",
        "source_line",
        "reconciliation_id",
    ),
)

GOAL_STATUSES = (
    "select goal_status_id, status_name, status_name_en, sort_order from dim_goal_status "
    "order by sort_order, goal_status_id"
)

BATCH = "select document_id from temp.site_batch"
"""The documents of one batch, ``{batch}`` in the page queries: a temporary table (:func:`read_rows`).
Given as a list parameter instead, every query converted each of its values again, which took
longer than the queries themselves."""

MART_QUERIES = {
    "budget": BUDGET_VS_ACTUAL,
    "phases": PHASES,
    "projects": PROJECTS,
    "key_figures": KEY_FIGURES,
    "goals": GOALS,
    "risks": RISKS,
    "reconciliation_counts": RECONCILIATION_COUNTS,
    "findings": RECONCILIATION_FINDINGS,
}
"""Per-document rows of each page section, by name: the rows of the documents ``{batch}``."""
INDEX_ROWS = ("reconciliation_counts",)
"""The rows of a page that the index shows, kept when the page's other rows are dropped."""
BATCH_DOCUMENTS = 500
"""How many documents' rows the site holds at once: pages are written batch by batch, a batch
being pages of at most this many documents together (a page of more is a batch of its own).
All the rows of a national warehouse (24 000 documents) took gigabytes of memory at once; a
batch's take about 60 MB (the synthetic corpus's, ten documents a page), while each batch costs
one query per mart, each scanning the mart: 500 keeps those queries to a few hundred at
national scale, and the time they take a small part of the site's."""


@dataclass
class Page:
    """One municipality's statement year: its documents and, while its batch is written, every
    mart row that belongs to them (afterwards only the index's, ``INDEX_ROWS``)."""

    municipality: str
    fiscal_year: int
    slug: str
    documents: list[Row]
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    digests: dict[str, list[Digest | None]] = field(default_factory=dict)
    """Per query, the digest of each document's rows (in ``documents``' order; None: no rows)."""
    named: set[str] = field(default_factory=set)
    """The report texts the page's rows name (their ``*source_file`` columns)."""

    def drop_rows(self) -> None:
        """Keep only the rows the index shows (and no digest)."""
        self.rows = defaultdict(list, {name: self.rows[name] for name in INDEX_ROWS})
        self.digests, self.named = {}, set()


@dataclass
class SiteData:
    """The pages, and the dimensions every page looks names up in."""

    pages: list[Page]
    units: dict[str, Row]
    line_items: dict[str, Row]
    goal_statuses: list[Row]
    has_unit_levels: bool
    columns: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Per page query, the name and type of each column its digest reads (``PageQuery.keyed_sql``)."""


def fetch(con: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, Any] | None = None) -> list[Row]:
    """Rows of ``sql`` as dicts keyed by column name (amounts stay Decimal)."""
    cursor = con.execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.columns where table_schema = ? and table_name = ? and column_name = ?",
        [MART_SCHEMA, table, column],
    ).fetchone()
    return bool(found and found[0])


def slugify(text: str) -> str:
    """A file-name-safe ASCII form of a municipality's name: ``Hämeenlinna`` -> ``hameenlinna``."""
    folded = text.lower().translate(str.maketrans("äöåéü", "aoaeu"))
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in folded).split()) or "unnamed"


def require(database: Path) -> None:
    if not database.is_file():
        raise FileNotFoundError(f"{database}: no published warehouse; run make build first")


@contextmanager
def open_site(database: Path, spill_in: Path) -> Iterator[tuple[duckdb.DuckDBPyConnection, SiteData]]:
    """``database`` opened read-only (spilling into a scratch folder in ``spill_in``), and its
    pages with no rows yet (:func:`read_rows` reads them) and the dimensions."""
    require(database)
    with read_only(database, spill_in) as con:
        con.execute(f"set search_path = '{MART_SCHEMA}'")  # the queries name the marts unqualified
        levels = has_column(con, "dim_unit", "unit_level")
        units = fetch(con, UNITS.format(unit_level="dim_unit.unit_level" if levels else "null"))
        yield (
            con,
            SiteData(
                pages=_pages(fetch(con, DOCUMENTS)),
                units={unit["unit_id"]: unit for unit in units},
                line_items={item["line_item_id"]: item for item in fetch(con, LINE_ITEMS)},
                goal_statuses=fetch(con, GOAL_STATUSES),
                has_unit_levels=levels,
                columns=query_columns(con),
            ),
        )


def batches(pages: list[Page], documents: int = BATCH_DOCUMENTS) -> Iterator[list[Page]]:
    """``pages`` in order, in runs of at most ``documents`` documents together."""
    batch: list[Page] = []
    held = 0
    for page in pages:
        if batch and held + len(page.documents) > documents:
            yield batch
            batch, held = [], 0
        batch.append(page)
        held += len(page.documents)
    if batch:
        yield batch


def select_batch(con: duckdb.DuckDBPyConnection, pages: list[Page]) -> dict[str, Page]:
    """Make the documents of ``pages`` the batch the page queries read; each one's page."""
    by_document = {document["document_id"]: page for page in pages for document in page.documents}
    # One text parameter, split in SQL: a list of thousands of values was converted value by
    # value, which took longer than the queries.
    if any(SEPARATOR in document for document in by_document):
        raise ValueError(f"a document id holds the separator {SEPARATOR!r}")
    con.execute(
        "create or replace temp table site_batch as select unnest(string_split($documents, chr(31))) as document_id "
        "where $documents <> ''",
        {"documents": SEPARATOR.join(by_document)},
    )
    return by_document


def query_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The columns (name, type) of each page query's keyed rows (``PageQuery.keyed_sql``)."""
    select_batch(con, [])
    columns = {}
    for name, query in MART_QUERIES.items():
        cursor = con.execute(f"select * from ({query.keyed_sql().format(batch=BATCH)}) limit 0")
        columns[name] = [(str(column[0]), str(column[1])) for column in cursor.description]
    return columns


def read_rows(con: duckdb.DuckDBPyConnection, pages: list[Page], names: tuple[str, ...] = tuple(MART_QUERIES)) -> None:
    """The rows of the queries ``names`` of the documents of ``pages``, added to their page in
    each query's order."""
    by_document = select_batch(con, pages)
    for name in names:
        for row in fetch(con, MART_QUERIES[name].rows_sql().format(batch=BATCH)):
            by_document[row["document_id"]].rows[name].append(row)


def read_digests(con: duckdb.DuckDBPyConnection, pages: list[Page], columns: dict[str, list[tuple[str, str]]]) -> None:
    """Each page query's digest of each document of ``pages`` (``Page.digests``), and the report
    texts their rows name (``Page.named``), computed in the warehouse: no row is fetched."""
    select_batch(con, pages)
    for name, query in MART_QUERIES.items():
        sql = query.digest_sql([column for column, _ in columns[name]]).format(batch=BATCH)
        found = {row[0]: row for row in con.execute(sql).fetchall()}
        for page in pages:
            page.digests[name] = []
            for document in page.documents:
                row = found.get(document["document_id"])
                page.digests[name].append(None if row is None else (int(row[1]), int(row[2])))
                page.named.update(row[3] if row is not None else [])


def _pages(documents: list[Row]) -> list[Page]:
    grouped: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for document in documents:
        grouped[(document["municipality"], document["fiscal_year"])].append(document)
    return [
        Page(municipality=municipality, fiscal_year=year, slug=f"{slugify(municipality)}-{year}", documents=docs)
        for (municipality, year), docs in grouped.items()
    ]
