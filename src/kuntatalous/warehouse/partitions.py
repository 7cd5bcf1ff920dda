"""Marts exported one Parquet file per municipality, each kept from the previous release while
its rows stay the same.

A mart with a ``municipality`` column (``PARTITION_COLUMN``) is exported in Hive's layout,
``<mart>/municipality=<name>/data_0.parquet``, the name percent-encoded as DuckDB writes it
(``municipality=M%C3%A4ntt%C3%A4-Vilppula``) and the column kept in every file, in its place:
``select * from 'exports/fact_budget/**/*.parquet'`` reads the mart with the warehouse's columns,
in its order (``READ_PATTERN``), and DuckDB, Polars, Spark and pyarrow read the partitions by name. A mart with
no rows is one file without rows, ``<mart>/data_0.parquet``, so that the pattern still finds
its columns. The other marts are one file each, ``<mart>.parquet``.

So that a nightly build that changed one municipality writes that municipality's files only,
the manifest keeps, per partitioned mart, its shape (columns and types, the Parquet options,
DuckDB's version) and per municipality a digest of its rows: their count and the exact sum
(``hugeint``) of DuckDB's 64-bit ``hash`` of every whole row. A new release of a mart of the
same shape links (hard links) the files of every municipality whose digest is unchanged from
the previous release, and writes the others in one ``COPY``. The sum of hashes is the site's
digest (``kuntatalous.site.marts``): a change goes unnoticed only if it leaves the count and
the 128-bit sum of 64-bit hashes equal, by chance about one in 10^19; a row twice, a row gone,
a cent, a letter and a NULL each change it.

Hashing every row of the national marts takes seconds. A partial build (``build_plan``) rewrites
only the rows of the municipalities it rebuilds, and leaves every other row as in the published
file it started from. So when the previous release was exported from that very file (the
identity the plan recorded, ``build_plan.rebuilt_since``), only the rebuilt municipalities' rows
are hashed; every other municipality keeps the previous release's digest, if its row count is
still the one recorded (counted, which is cheap). Any other case hashes every row. The
mart's record names the municipalities whose rows were hashed (``hashed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from kuntatalous.warehouse.exports import ExportError, link_files
from kuntatalous.warehouse.reading import quote_name, sql_literal

if TYPE_CHECKING:
    import duckdb

PARTITION_COLUMN = "municipality"
"""The column a mart that has it is exported by, one folder per value."""
PARTITION_FILE = "data_{i}"
"""DuckDB's name pattern of a partition's files."""
EMPTY_FILE = "data_0.parquet"
"""The one file of a partitioned mart without rows."""
READ_PATTERN = "{mart}/**/*.parquet"
"""Every file of a partitioned mart, relative to its release folder, as DuckDB globs it."""

Digests = dict[str, dict[str, Any]]
"""Per municipality: ``rows`` and ``digest``, and once written ``files``."""


@dataclass(frozen=True)
class Written:
    """One partitioned mart in a release: the files written now, and those linked."""

    written: list[Path]
    linked: list[str]
    """Release-relative names of the files linked from the previous release."""
    record: dict[str, Any]
    """The mart's entry in the manifest's ``partitions``."""


def is_partitioned(columns: list[tuple[str, str]]) -> bool:
    return any(name == PARTITION_COLUMN for name, _ in columns)


def shape(columns: list[tuple[str, str]], options: str) -> str:
    """What a partition's file depends on besides its rows: the columns, the options, DuckDB."""
    import duckdb

    return f"duckdb {duckdb.__version__}; {options}; " + ", ".join(f"{name} {kind}" for name, kind in columns)


def digests(con: duckdb.DuckDBPyConnection, mart: str, names: list[str] | None = None) -> Digests:
    """Per municipality of the mart (of ``names`` only, if given): its row count and the sum of
    its rows' hashes."""
    rows = con.execute(
        f"select {quote_name(PARTITION_COLUMN)}, count(*), sum(hash(t)::hugeint)::varchar "
        f"from analytics.{quote_name(mart)} as t {_among(names)} group by all"
    ).fetchall()
    found: Digests = {}
    for name, count, digest in rows:
        if name is None:
            raise ExportError(f"{mart}: {count} row(s) without a {PARTITION_COLUMN}; cannot export it by municipality")
        found[str(name)] = {"rows": int(count), "digest": str(digest)}
    return found


def _among(names: list[str] | None) -> str:
    """The ``where`` clause that keeps the rows of the municipalities ``names`` (every row: None)."""
    if names is None:
        return ""
    return f"where {quote_name(PARTITION_COLUMN)} in ({', '.join(sql_literal(name) for name in names) or 'null'})"


def carried_digests(
    con: duckdb.DuckDBPyConnection, mart: str, previous: dict[str, Any] | None, rebuilt: frozenset[str] | None
) -> tuple[Digests, list[str]]:
    """The mart's digests, and the municipalities whose rows were hashed: those of the
    municipalities a partial build did not rebuild are carried from ``previous`` (the previous
    release's record of the mart, exported from the file the build started from) while their
    row counts are those recorded. Without ``rebuilt`` (``build_plan.rebuilt_since``), or when a
    count differs, every row is hashed."""
    before = previous.get("municipalities") if previous is not None else None
    if not isinstance(before, dict) or rebuilt is None:
        return _all_hashed(digests(con, mart))
    counts = con.execute(
        f"select {quote_name(PARTITION_COLUMN)}, count(*) from analytics.{quote_name(mart)} group by all"
    ).fetchall()
    carried: Digests = {}
    for name, count in counts:
        if name is None:
            return _all_hashed(digests(con, mart))  # which says why it cannot be exported
        if str(name) in rebuilt:
            continue
        entry = before.get(str(name))
        if not isinstance(entry, dict) or entry.get("rows") != count or not isinstance(entry.get("digest"), str):
            return _all_hashed(digests(con, mart))
        carried[str(name)] = {"rows": int(count), "digest": entry["digest"]}
    hashed = sorted(str(name) for name, _ in counts if str(name) in rebuilt)
    return carried | (digests(con, mart, hashed) if hashed else {}), hashed


def _all_hashed(found: Digests) -> tuple[Digests, list[str]]:
    return found, sorted(found)


def kept(previous: dict[str, Any] | None, mart_shape: str, current: Digests) -> Digests:
    """The municipalities whose files the previous release's record of the mart can give."""
    if not previous or previous.get("shape") != mart_shape:
        return {}
    before = previous.get("municipalities", {})
    return {
        name: before[name]
        for name, now in current.items()
        if name in before and {k: before[name].get(k) for k in ("rows", "digest")} == now
    }


def copy_partitions(
    con: duckdb.DuckDBPyConnection, mart: str, folder: Path, names: list[str] | None, options: str
) -> None:
    """Write the rows of the municipalities ``names`` (every one: None) in one ``COPY``
    partitioned by municipality."""
    target = sql_literal(str(folder / mart))
    partition = f"partition_by ({quote_name(PARTITION_COLUMN)}), write_partition_columns true, overwrite_or_ignore true"
    copy_options = f"{options.rstrip(')')}, {partition}, filename_pattern {sql_literal(PARTITION_FILE)})"
    con.execute(f"copy (select * from analytics.{quote_name(mart)} {_among(names)}) to {target} {copy_options}")


def written_by_municipality(folder: Path, mart: str, names: list[str]) -> dict[str, list[str]]:
    """The files ``copy_partitions`` wrote, by municipality (release-relative): those of ``names``, no other."""
    found: dict[str, list[str]] = {}
    prefix = f"{PARTITION_COLUMN}="
    for path in sorted((folder / mart).glob(f"{prefix}*/*.parquet")):
        name = unquote(path.parent.name.removeprefix(prefix))
        found.setdefault(name, []).append(path.relative_to(folder).as_posix())
    if set(found) != set(names):
        unexpected = sorted(set(found).symmetric_difference(names))
        raise ExportError(f"{mart}: the files written do not match its municipalities ({', '.join(unexpected)})")
    return found


def write_mart(
    con: duckdb.DuckDBPyConnection,
    mart: str,
    columns: list[tuple[str, str]],
    folder: Path,
    options: str,
    previous: tuple[Path, dict[str, Any]] | None,
    rebuilt: frozenset[str] | None = None,
) -> Written:
    """Export the partitioned ``mart`` (its ``columns``, as ``mart_columns`` reads them) into the
    release ``folder``: the municipalities whose rows are as in ``previous`` (a release folder
    and its manifest's record of the mart) linked from it, the others written. ``rebuilt``: the
    municipalities a partial build rebuilt since the previous release's file
    (:func:`carried_digests`)."""
    mart_shape = shape(columns, options)
    current, hashed = carried_digests(con, mart, previous[1] if previous is not None else None, rebuilt)
    if not current:
        empty = folder / mart / EMPTY_FILE
        empty.parent.mkdir(parents=True)
        con.execute(f"copy (select * from analytics.{quote_name(mart)}) to {sql_literal(str(empty))} {options}")
        return Written([empty], [], {"shape": mart_shape, "written": [], "hashed": [], "municipalities": {}})
    reused = kept(previous[1], mart_shape, current) if previous is not None else {}
    fresh = sorted(set(current) - set(reused))
    files: dict[str, list[str]] = {}
    if fresh:
        copy_partitions(con, mart, folder, fresh if reused else None, options)
        files = written_by_municipality(folder, mart, fresh)
    linked = [name for entry in reused.values() for name in entry["files"]]
    if previous is not None:
        link_files(previous[0], folder, linked)
    files |= {name: list(entry["files"]) for name, entry in reused.items()}
    municipalities = {name: {**digest, "files": files[name]} for name, digest in sorted(current.items())}
    written = [folder / name for municipality in fresh for name in files[municipality]]
    record = {"shape": mart_shape, "written": fresh, "hashed": hashed, "municipalities": municipalities}
    return Written(written, linked, record)
