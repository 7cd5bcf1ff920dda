"""Plan a build: rebuild the whole warehouse, or only the municipalities whose reports changed.

Every model of a municipality reads only that municipality's reports (its unit tree, its
years, its checks), so a nightly build that adds, changes or removes a report need only
rebuild that municipality's rows. The plan is made before dbt runs:

- **full** when there is no published warehouse, when it carries no fingerprint, or when the
  project that built it differs from this one (models, macros, tests, reference seeds, the
  extractor's code, the versions of dbt and DuckDB): the candidate starts empty and dbt
  builds everything (``--full-refresh``);
- **partial** otherwise: the candidate starts as a copy of the published file, and the
  documents of every municipality with a report added, changed (a new content hash, file
  name, year or title) or removed are written to ``build_plan.rebuild_documents``. The
  staging models then read only those documents, the intermediate models compute only
  theirs (both in the build's work file, which starts empty), and each mart deletes its rows
  of those documents and inserts the new ones (``macros/partial_build.sql``);
- **unchanged** when no report was added, changed or removed either: there is no candidate
  and dbt is not run. The same project built the published file from the same reports and its
  tests passed there: a partial build of no documents would write nothing, and its tests would
  read the same rows with the same code. The published file stays, and so does its previous
  one; ``scripts/build.sh`` writes a new release of its exports and site only.

The fingerprint of the project that built it is written into every candidate
(``build_plan.state``), so the next build can tell. A partial build's state also records the
identity of the published file it was copied from (``based_on``): its export keeps the previous
release's digests of every municipality it did not rebuild (:func:`rebuilt_since`), when that
release was exported from that very file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kuntatalous.files import file_identity
from kuntatalous.warehouse.reading import SettingError, memory_limit, wal

if TYPE_CHECKING:
    import duckdb

SCHEMA = "build_plan"
"""The candidate's schema of the plan; macros/partial_build.sql reads it by this name."""

PROJECT_PARTS = ("dbt_project.yml", "selectors.yml", "models", "macros", "tests/dbt")
"""What decides the warehouse's content besides the reports (the reference seeds and the
extractor's code, ``output.cache.extractor_fingerprint``, are added); selectors.yml says what a
partial build runs, so a file built under other selectors is rebuilt whole."""

PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")
FULL = "full"
PARTIAL = "partial"
UNCHANGED = "unchanged"
"""The plan's modes: the first word of its line, which scripts/build.sh passes to dbt-build."""
DOCUMENT_KEY = ("document_id", "source_file", "municipality", "fiscal_year", "section_title", "municipality_source")
"""A document as the plan compares it, in ``dim_document`` and ``raw_documents.csv`` alike: id,
file, municipality, fiscal year, section title and how its municipality was told (a manifest
entry added or removed for the same municipality changes ``municipality_source``)."""
DocumentKey = tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What the build will do, and why."""

    partial: bool
    reason: str
    municipalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def mode(self) -> str:
        """``full``, ``partial``, or ``unchanged`` (a partial build with nothing to rebuild)."""
        if not self.partial:
            return FULL
        return PARTIAL if self.municipalities else UNCHANGED

    def line(self) -> str:
        """One line for the build's output: its first word is the mode."""
        return f"{self.mode} build: {self.reason}"


def project_fingerprint(root: Path, reference: Iterable[Path]) -> str:
    """SHA-256 over the project's files (paths and bytes), the extractor's code and the versions
    of the engines."""
    import importlib.metadata  # 40 ms: loaded when a build is planned, not with every command

    from kuntatalous.output.cache import extractor_fingerprint

    digest = hashlib.sha256()
    digest.update(f"extractor={extractor_fingerprint()}\n".encode())
    for package in PACKAGES:
        digest.update(f"{package}=={importlib.metadata.version(package)}\n".encode())
    folders = [(part, root / part) for part in PROJECT_PARTS]
    folders += [(f"reference:{index}", path) for index, path in enumerate(reference)]
    for label, path in folders:
        for file in _files(path):
            digest.update(f"{label}/{file.relative_to(path) if path.is_dir() else ''}\n".encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        ignored = {"__pycache__", ".mypy_cache"}
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not ignored & set(p.parts))


def make_plan(published: Path, candidate: Path, raw: Path, fingerprint: str, full: bool = False) -> Plan:
    """Decide the build, and start the candidate accordingly (an empty file, or a copy: the one
    :func:`start_candidate` made, if it is still a copy of the published file as it is; none
    for an unchanged build)."""
    plan = _decide(published, raw, fingerprint, full)
    based_on = None
    if plan.mode == UNCHANGED:
        _remove(candidate)  # the copy started beside the extraction, not needed
        return plan
    if plan.partial:
        based_on = file_identity(published)
        if not _started_from(candidate, fingerprint, based_on):
            _remove(candidate)
            shutil.copyfile(published, candidate)
    else:
        _remove(candidate)
    write_plan(candidate, plan, fingerprint, based_on)
    return plan


def start_candidate(published: Path, candidate: Path, fingerprint: str, full: bool = False) -> bool:
    """Copy the published file into the candidate before the plan is made, if the build will be
    partial (the same project built it: the reports do not decide that), so that the copy is
    made while the reports are extracted. The copy is written under another name, its state
    records the fingerprint and the identity of the file it copies (``based_on``), and it is
    renamed to the candidate when complete; :func:`make_plan` takes it only while the published
    file keeps that identity and no plan has been written into it. Whether it copied."""
    _remove(candidate)
    copying = candidate.with_name(candidate.name + COPYING)
    _remove(copying)
    if _full_because(published, fingerprint, full) is not None:
        return False
    based_on = file_identity(published)
    try:
        shutil.copyfile(published, copying)
        if file_identity(published) != based_on:
            _remove(copying)
            return False
        _mark_started(copying, fingerprint, based_on)
    except BaseException:
        _remove(copying)
        raise
    copying.replace(candidate)
    return True


def _mark_started(copy: Path, fingerprint: str, based_on: dict[str, int]) -> None:
    """Record in ``copy`` the project and the file it copies, and drop the published file's
    plan: the copy has none until :func:`make_plan` writes it."""
    import duckdb

    with duckdb.connect(str(copy)) as conn:
        _write_state(conn, fingerprint, based_on)
        for table in PLAN_TABLES:
            conn.execute(f"drop table if exists {SCHEMA}.{table}")


PLAN_TABLES = ("rebuild_documents", "rebuild_municipalities")
"""The tables of a plan (:func:`write_plan`): a candidate that holds them was planned."""
COPYING = ".copying"
"""The suffix of the candidate's name while :func:`start_candidate` copies it."""


def _remove(database: Path) -> None:
    for path in (database, wal(database)):
        path.unlink(missing_ok=True)


def _started_from(candidate: Path, fingerprint: str, based_on: dict[str, int]) -> bool:
    """Whether ``candidate`` is :func:`start_candidate`'s copy of the file of identity
    ``based_on``, by the project ``fingerprint``, that no plan (and so no build) has used."""
    import duckdb

    if not candidate.is_file() or wal(candidate).exists():
        return False
    try:
        with duckdb.connect(str(candidate), read_only=True) as conn:
            planned = conn.execute(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                [SCHEMA, PLAN_TABLES[0]],
            ).fetchone()
            state = conn.execute(f"select fingerprint, based_on from {SCHEMA}.state").fetchall()
    except duckdb.Error:
        return False
    return planned == (0,) and state == [(fingerprint, json.dumps(based_on, sort_keys=True))]


def _decide(published: Path, raw: Path, fingerprint: str, full: bool) -> Plan:
    reason = _full_because(published, fingerprint, full)
    if reason is not None:
        return Plan(False, reason)
    import duckdb  # imported where a file is opened: the CLI's other commands start without it

    with duckdb.connect(str(published), read_only=True) as conn:
        old = _published_documents(conn)
    return _partial(old, _raw_documents(raw))


def expected_mode(published: Path, project_dir: Path, reference: Iterable[Path], full: bool) -> str:
    """The mode the plan will decide, told before the reports are extracted (by the same rule)."""
    fingerprint = project_fingerprint(project_dir, reference)
    return FULL if _full_because(published, fingerprint, full) else PARTIAL


def _full_because(published: Path, fingerprint: str, full: bool) -> str | None:
    """Why the build is a full one, or None if it is partial: what the plan and
    :func:`start_candidate` both decide by (the reports play no part)."""
    if full:
        return "asked for (FULL_REFRESH)"
    if not published.is_file():
        return f"no published warehouse at {published}"
    import duckdb

    with duckdb.connect(str(published), read_only=True) as conn:
        built_by = _fingerprint_of(conn)
    if built_by == fingerprint:
        return None
    said = "was built before fingerprints" if built_by is None else "was built by another project"
    return f"{published} {said} (models, tests, seeds, extractor or engines changed)"


def _partial(old: dict[DocumentKey, str], new: dict[DocumentKey, str]) -> Plan:
    changed = {old[key] for key in old.keys() - new.keys()} | {new[key] for key in new.keys() - old.keys()}
    documents = sorted({key[0] for key, place in (old | new).items() if place in changed})
    count = len(set(old.values()) | set(new.values()))
    if not changed:
        of = f"(of {count} {_municipalities(count)})"
        kept = "dbt not run: this project built and tested the published warehouse from these reports"
        return Plan(True, f"no report added, changed or removed {of}; {kept}")
    names = ", ".join(sorted(changed)[:5]) + (", ..." if len(changed) > 5 else "")
    reason = f"{len(changed)} of {count} municipalities rebuilt ({names}): {len(documents)} documents"
    return Plan(True, reason, tuple(sorted(changed)), tuple(documents))


def _municipalities(count: int) -> str:
    return "municipality" if count == 1 else "municipalities"


def _fingerprint_of(conn: duckdb.DuckDBPyConnection) -> str | None:
    found = conn.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = 'state'", [SCHEMA]
    ).fetchone()
    if not found or not found[0]:
        return None
    row = conn.execute(f"select fingerprint from {SCHEMA}.state").fetchone()
    return str(row[0]) if row else None


def _published_documents(conn: duckdb.DuckDBPyConnection) -> dict[DocumentKey, str]:
    rows = conn.execute(f"select {', '.join(DOCUMENT_KEY)} from analytics.dim_document").fetchall()
    return {_key(row): _municipality(row) for row in rows}


def _raw_documents(raw: Path) -> dict[DocumentKey, str]:
    with (raw / "raw_documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = [tuple(r[column] for column in DOCUMENT_KEY) for r in csv.DictReader(handle)]
    return {_key(row): _municipality(row) for row in rows}


def _key(row: tuple[object, ...]) -> DocumentKey:
    """The row's key as text: a year read from the warehouse as the CSV writes it, NULL as ''."""
    return tuple("" if cell is None else str(cell) for cell in row)


def _municipality(row: tuple[object, ...]) -> str:
    return str(row[DOCUMENT_KEY.index("municipality")])


def write_plan(candidate: Path, plan: Plan, fingerprint: str, based_on: dict[str, int] | None = None) -> None:
    """Write the plan into the candidate (schema ``SCHEMA``): the fingerprint of the project, the
    identity of the published file a partial build's candidate is a copy of (``based_on``,
    ``files.file_identity``), and the documents and municipalities to rebuild."""
    import duckdb

    with duckdb.connect(str(candidate)) as conn:
        _write_state(conn, fingerprint, based_on)
        conn.execute(f"create or replace table {SCHEMA}.rebuild_documents (document_id varchar not null)")
        conn.execute(f"insert into {SCHEMA}.rebuild_documents select unnest(?)", [list(plan.documents)])
        conn.execute(f"create or replace table {SCHEMA}.rebuild_municipalities (municipality varchar not null)")
        conn.execute(f"insert into {SCHEMA}.rebuild_municipalities select unnest(?)", [list(plan.municipalities)])
        # Filled by the build: the municipalities whose kept rows took a dimension's new names
        # (macros/partial_build.sql, refresh_from_dimension).
        conn.execute(f"create or replace table {SCHEMA}.refreshed_municipalities (municipality varchar not null)")


def _write_state(conn: duckdb.DuckDBPyConnection, fingerprint: str, based_on: dict[str, int] | None) -> None:
    conn.execute(f"create schema if not exists {SCHEMA}")
    conn.execute(f"create or replace table {SCHEMA}.state (fingerprint varchar not null, based_on varchar)")
    conn.execute(
        f"insert into {SCHEMA}.state values (?, ?)",
        [fingerprint, None if based_on is None else json.dumps(based_on, sort_keys=True)],
    )


def rebuilt_since(conn: duckdb.DuckDBPyConnection, exported_from: dict[str, Any]) -> frozenset[str] | None:
    """The municipalities the partial build of the warehouse open in ``conn`` rebuilt (or whose
    kept rows it renamed: ``refreshed_municipalities``), if it
    started as a copy of the file whose identity ``exported_from`` records (a release manifest's
    ``warehouse``): every other municipality's rows are that file's, as a partial build leaves
    them (``macros/partial_build.sql``). None when that is not known: a full build, a warehouse
    from before ``based_on``, or another file."""
    found = conn.execute(
        "select count(*) from information_schema.columns "
        "where table_schema = ? and table_name = 'state' and column_name = 'based_on'",
        [SCHEMA],
    ).fetchone()
    if not found or not found[0]:
        return None
    rows = conn.execute(f"select based_on from {SCHEMA}.state").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        return None
    try:
        based_on = json.loads(rows[0][0])
    except ValueError:
        return None
    if not isinstance(based_on, dict) or not based_on:
        return None
    if any(value != exported_from.get(key) for key, value in based_on.items()):
        return None
    return frozenset(str(name) for (name,) in conn.execute(_changed_municipalities(conn)).fetchall())


def _changed_municipalities(conn: duckdb.DuckDBPyConnection) -> str:
    """The query of the municipalities whose rows the partial build wrote: those it rebuilt, and
    those whose kept rows took a dimension's new values (a plan from before that table has none)."""
    rebuilt = f"select municipality from {SCHEMA}.rebuild_municipalities"
    found = conn.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [SCHEMA, "refreshed_municipalities"],
    ).fetchone()
    if not found or not found[0]:
        return rebuilt
    return f"{rebuilt} union select municipality from {SCHEMA}.refreshed_municipalities"


def add_plan_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = commands.add_parser(
        "plan-build",
        help="start the candidate: empty for a full build, else a copy of the published file and the "
        "documents to rebuild (scripts/build.sh)",
        description=(__doc__ or "").split("\n\n")[0],
    )
    plan.add_argument("--database", type=Path, required=True, help="the published DuckDB file")
    plan.add_argument("--candidate", type=Path, required=True, help="the file the build writes")
    plan.add_argument("--raw", type=Path, help="the extractor's CSVs for this build (required unless --start)")
    plan.add_argument("--project-dir", type=Path, required=True, help="the dbt project (the repository)")
    plan.add_argument(
        "--reference", type=Path, action="append", default=[], help="a folder of reference seeds the build reads"
    )
    plan.add_argument("--full", action="store_true", help="a full build whatever changed")
    plan.add_argument(
        "--spreadsheets",
        help="whose spreadsheets the publish is to write (SPREADSHEETS): refused now, before dbt runs, "
        "if it names a municipality the extracted reports do not hold",
    )
    plan.add_argument(
        "--start",
        action="store_true",
        help="only start the candidate: copy the published file if the same project built it, before "
        "the reports are extracted (scripts/build.sh runs this beside the extraction); the plan itself "
        "takes the copy while the published file is unchanged",
    )


def _start(args: argparse.Namespace, fingerprint: str) -> int:
    """plan-build --start: a copy that fails is no error of the build, whose plan then copies the
    file itself (and fails, naming the file, if it cannot)."""
    import duckdb

    try:
        start_candidate(args.database, args.candidate, fingerprint, args.full)
    except (OSError, duckdb.Error) as exc:
        print(f"note: the candidate was not copied ahead of the plan ({exc}); the plan copies it", file=sys.stderr)
        return 1
    return 0


def check_spreadsheets(raw: Path, request: str) -> None:
    """Refuse a SPREADSHEETS request naming a municipality that no extracted report is of (the
    publish would refuse it once dbt had built and tested everything)."""
    from kuntatalous.warehouse.exports import ExportError
    from kuntatalous.warehouse.spreadsheets import chosen

    with (raw / "raw_documents.csv").open(encoding="utf-8", newline="") as documents:
        known = sorted({row["municipality"] for row in csv.DictReader(documents) if row["municipality"]})
    try:
        chosen(known, request)
    except ExportError as exc:
        raise SettingError(str(exc)) from None


def run_plan(args: argparse.Namespace) -> int:
    import duckdb

    try:
        memory_limit()  # the build's DuckDB reads it (profiles.yml): refused here, naming the variable
        fingerprint = project_fingerprint(args.project_dir, args.reference)
        if args.start:
            return _start(args, fingerprint)
        if args.raw is None:
            raise SettingError("plan-build needs --raw (the extractor's CSVs) unless --start")
        if args.spreadsheets is not None:
            check_spreadsheets(args.raw, args.spreadsheets)
        plan = make_plan(args.database, args.candidate, args.raw, fingerprint, args.full)
    except SettingError as exc:
        print(f"error: {exc}; nothing changed", file=sys.stderr)
        return 2
    except (OSError, duckdb.Error) as exc:
        print(f"error: cannot plan the build of {args.database}: {exc}", file=sys.stderr)
        return 2
    print(plan.line())
    return 0
