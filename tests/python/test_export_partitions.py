"""Marts exported by municipality: the layout, and each municipality's files kept from the
previous release exactly while its rows are unchanged (on small hand-made DuckDB files)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from kuntatalous.files import file_identity
from kuntatalous.warehouse.build_plan import Plan, rebuilt_since, write_plan
from kuntatalous.warehouse.exports import ExportError
from kuntatalous.warehouse.partitions import digests
from kuntatalous.warehouse.release import Release, publish_release

from .warehouse_builds import REPO

ROWS = [
    ("d1", "Hämeenlinna", "a", Decimal("1234.50")),
    ("d1", "Hämeenlinna", "b", None),
    ("d2", "Mänttä-Vilppula", "c", Decimal("-0.01")),
    ("d3", "Ii", "d", Decimal("7.00")),
]
"""The rows of fact_budget: three municipalities, one with letters a path must encode."""
MÄNTTÄ = "fact_budget/municipality=M%C3%A4ntt%C3%A4-Vilppula/data_0.parquet"


def _warehouse(path: Path, rows: list[tuple[Any, ...]], extra_column: bool = False) -> Path:
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema analytics")
        extra = ", note varchar" if extra_column else ""
        # municipality in the middle: its place in the files must be the mart's.
        con.execute(
            "create table analytics.fact_budget "
            f"(document_id varchar, municipality varchar, unit_id varchar, amount_eur decimal(18, 2){extra})"
        )
        con.executemany(f"insert into analytics.fact_budget values (?, ?, ?, ?{', null' * extra_column})", rows)
        con.execute("create table analytics.dim_line_item as select 'tulot' as line_item_id")
        con.execute("create table analytics.fact_risk (risk_id varchar, municipality varchar)")
    return path


def _publish(tmp_path: Path, rows: list[tuple[Any, ...]], extra_column: bool = False) -> tuple[Path, dict[str, Any]]:
    """A build's publish: the candidate with ``rows`` replaces the warehouse, its release the exports."""
    release = Release.at(tmp_path / "w.duckdb", tmp_path / "exports")
    _warehouse(release.paths.candidate, rows, extra_column)
    publish_release(release)
    folder = release.exports.target()
    assert folder is not None
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _inodes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_ino
        for path in folder.rglob("*.parquet")
        if path.parts[-2].startswith("municipality=")
    }


def test_a_mart_with_a_municipality_is_one_file_per_municipality(tmp_path: Path) -> None:
    folder, manifest = _publish(tmp_path, ROWS)
    assert sorted(_inodes(folder)) == [
        "fact_budget/municipality=H%C3%A4meenlinna/data_0.parquet",
        "fact_budget/municipality=Ii/data_0.parquet",
        MÄNTTÄ,
    ]
    # Without a municipality, one file; a mart without rows, one file with its columns.
    assert (folder / "dim_line_item.parquet").is_file()
    assert sorted(path.name for path in (folder / "fact_risk").iterdir()) == ["data_0.parquet"]
    with duckdb.connect() as con:
        mart = con.execute(f"select * from '{folder}/fact_budget/**/*.parquet' order by unit_id").fetchall()
        columns = con.execute(f"describe select * from '{folder}/fact_budget/**/*.parquet'").fetchall()
        empty = con.execute(f"describe select * from '{folder}/fact_risk/**/*.parquet'").fetchall()
        one = con.execute(f"select unit_id, amount_eur from '{folder / MÄNTTÄ}'").fetchall()
    assert mart == ROWS
    assert [(name, kind) for name, kind, *_ in columns] == [
        ("document_id", "VARCHAR"),
        ("municipality", "VARCHAR"),
        ("unit_id", "VARCHAR"),
        ("amount_eur", "DECIMAL(18,2)"),
    ]
    assert [name for name, *_ in empty] == ["risk_id", "municipality"]
    assert one == [("c", Decimal("-0.01"))]
    assert manifest["partitions"]["fact_budget"]["municipalities"]["Ii"]["rows"] == 1
    assert set(manifest["files"]) >= set(_inodes(folder)) | {"fact_risk/data_0.parquet", "dim_line_item.parquet"}


CHANGES = {
    "a cent": ([*ROWS[:2], ("d2", "Mänttä-Vilppula", "c", Decimal("-0.02")), *ROWS[3:]], ["Mänttä-Vilppula"]),
    "a value for NULL": ([ROWS[0], ("d1", "Hämeenlinna", "b", Decimal("0")), *ROWS[2:]], ["Hämeenlinna"]),
    "a letter": ([ROWS[0], ("d1", "Hämeenlinna", "B", None), *ROWS[2:]], ["Hämeenlinna"]),
    "a row twice": ([*ROWS, ROWS[3]], ["Ii"]),
    "a row gone": (ROWS[1:], ["Hämeenlinna"]),
    "a municipality added": ([*ROWS, ("d4", "Pello", "e", Decimal("1.00"))], ["Pello"]),
    "rows moved between municipalities": ([*ROWS[:3], ("d3", "Hämeenlinna", "d", Decimal("7.00"))], ["Hämeenlinna"]),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_only_the_changed_municipalities_files_are_written_again(tmp_path: Path, change: str) -> None:
    first, _ = _publish(tmp_path, ROWS)
    before = _inodes(first)
    rows, changed = CHANGES[change]
    second, manifest = _publish(tmp_path, rows)
    after = _inodes(second)
    written = sorted({path.split("/")[1] for path in after if after[path] != before.get(path)})
    assert written == sorted(f"municipality={name}".replace("ä", "%C3%A4") for name in changed)
    assert manifest["partitions"]["fact_budget"]["written"] == sorted(changed)
    # Whatever was kept or written, the exports are the warehouse's rows, and a kept file's
    # manifest entry is its own.
    with duckdb.connect() as con:
        exported = con.execute(f"select * from '{second}/fact_budget/**/*.parquet'").fetchall()
    assert sorted(exported, key=str) == sorted(rows, key=str)
    for name in after:
        assert manifest["files"][name]["bytes"] == (second / name).stat().st_size


def test_a_municipality_gone_leaves_no_files(tmp_path: Path) -> None:
    _publish(tmp_path, ROWS)
    second, manifest = _publish(tmp_path, ROWS[:3])
    assert not (second / "fact_budget" / "municipality=Ii").exists()
    assert "Ii" not in manifest["partitions"]["fact_budget"]["municipalities"]
    assert manifest["partitions"]["fact_budget"]["written"] == []


def test_a_changed_shape_or_a_record_that_does_not_match_writes_every_file(tmp_path: Path) -> None:
    _publish(tmp_path, ROWS)
    # A column more: every municipality's files written again, with it.
    second, manifest = _publish(tmp_path, ROWS, extra_column=True)
    assert manifest["partitions"]["fact_budget"]["written"] == ["Hämeenlinna", "Ii", "Mänttä-Vilppula"]
    with duckdb.connect() as con:
        assert "note" in [row[0] for row in con.execute(f"describe from '{second / MÄNTTÄ}'").fetchall()]
    # The previous release's record of a municipality no longer its rows' digest: written again.
    recorded = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    recorded["partitions"]["fact_budget"]["municipalities"]["Ii"]["digest"] = "0"
    (second / "manifest.json").write_text(json.dumps(recorded), encoding="utf-8")
    _, manifest = _publish(tmp_path, ROWS, extra_column=True)
    assert manifest["partitions"]["fact_budget"]["written"] == ["Ii"]


def test_the_digest_sees_every_column_and_each_row(tmp_path: Path) -> None:
    database = _warehouse(tmp_path / "w.duckdb", ROWS)
    with duckdb.connect(str(database)) as con:
        before = digests(con, "fact_budget")
        # Storage order does not count; a text moved from one column to the next does.
        con.execute("create table analytics.copy as select * from analytics.fact_budget order by unit_id desc")
        con.execute("delete from analytics.fact_budget")
        con.execute("insert into analytics.fact_budget select * from analytics.copy")
        assert digests(con, "fact_budget") == before
        con.execute("update analytics.fact_budget set document_id = 'a', unit_id = 'd1' where unit_id = 'a'")
        assert digests(con, "fact_budget")["Hämeenlinna"] != before["Hämeenlinna"]
        assert digests(con, "fact_budget")["Ii"] == before["Ii"]


def test_a_row_without_a_municipality_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="fact_budget: 1 row\\(s\\) without a municipality"):
        _publish(tmp_path, [*ROWS, ("d5", None, "x", None)])
    assert not (tmp_path / "exports").exists()
    assert not (tmp_path / "w.duckdb").exists()


def test_compare_marts_reads_the_files_by_municipality(tmp_path: Path) -> None:
    first, _ = _publish(tmp_path, ROWS)
    script = [sys.executable, str(REPO / "scripts" / "compare_marts.py")]
    database = tmp_path / "w.duckdb"
    same = subprocess.run([*script, str(database), str(first)], capture_output=True, text=True, check=False)
    assert same.returncode == 0, same.stdout
    second, _ = _publish(tmp_path, ROWS[1:])
    differ = subprocess.run([*script, str(first), str(second)], capture_output=True, text=True, check=False)
    assert differ.returncode == 1
    assert "fact_budget" in differ.stdout


# A partial build's export: the previous release's digests of the municipalities it did not rebuild.


def _publish_partial(
    tmp_path: Path, rows: list[tuple[Any, ...]], rebuilt: list[str], based_on: str
) -> tuple[Path, dict[str, Any]]:
    """A partial build's publish: the candidate is a copy of the published file with ``rows``, and
    its plan rebuilds ``rebuilt``, based on the published file (``published``), on a file of
    another identity (``other``), or on none (``none``: a full build's plan)."""
    release = Release.at(tmp_path / "w.duckdb", tmp_path / "exports")
    identity = file_identity(release.paths.published)
    shutil.copyfile(release.paths.published, release.paths.candidate)
    with duckdb.connect(str(release.paths.candidate)) as con:
        con.execute("delete from analytics.fact_budget")
        con.executemany("insert into analytics.fact_budget values (?, ?, ?, ?)", rows)
    known = {"published": identity, "other": {**identity, "mtime_ns": identity["mtime_ns"] + 1}, "none": None}
    write_plan(release.paths.candidate, Plan(True, "test", tuple(rebuilt)), "f", known[based_on])
    publish_release(release)
    folder = release.exports.target()
    assert folder is not None
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


MÄNTTÄ_CENT = ("d2", "Mänttä-Vilppula", "c", Decimal("-0.02"))
II_LETTER = ("d3", "Ii", "D", Decimal("7.00"))
"""Mänttä-Vilppula's rows as its rebuild changed them; Ii's, changed behind the plan's back."""


def _recorded(manifest: dict[str, Any]) -> dict[str, Any]:
    found = manifest["partitions"]["fact_budget"]["municipalities"]
    return {name: {"rows": entry["rows"], "digest": entry["digest"]} for name, entry in found.items()}


def test_a_partial_build_hashes_the_rows_of_the_municipalities_it_rebuilt(tmp_path: Path) -> None:
    _publish(tmp_path, ROWS)
    rows = [*ROWS[:2], MÄNTTÄ_CENT, ROWS[3]]
    _, manifest = _publish_partial(tmp_path, rows, ["Mänttä-Vilppula", "Pello"], "published")
    assert manifest["partitions"]["fact_budget"]["written"] == ["Mänttä-Vilppula"]
    assert manifest["partitions"]["fact_budget"]["hashed"] == ["Mänttä-Vilppula"], "Pello has no rows"
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert _recorded(manifest) == digests(con, "fact_budget"), "the digests of every row, carried or hashed"
    # Ii's rows changed behind the plan: its digest is carried, unseen. That is the trust a
    # partial build's export puts in the plan, and the cases below are those that withdraw it.
    first = _recorded(manifest)
    _, trusted = _publish_partial(tmp_path, [*rows[:3], II_LETTER], ["Mänttä-Vilppula"], "published")
    assert trusted["partitions"]["fact_budget"]["written"] == []
    assert _recorded(trusted) == first


@pytest.mark.parametrize(
    ("based_on", "ii_rows", "written"),
    [
        pytest.param("other", [II_LETTER], ["Ii", "Mänttä-Vilppula"], id="the previous release is of another file"),
        pytest.param("none", [II_LETTER], ["Ii", "Mänttä-Vilppula"], id="a full build's plan"),
        pytest.param(
            "published", [II_LETTER, II_LETTER], ["Ii", "Mänttä-Vilppula"], id="a row count not rebuilt changed"
        ),
        pytest.param("published", [], ["Mänttä-Vilppula"], id="a municipality not rebuilt gone has no files"),
    ],
)
def test_every_row_is_hashed_unless_the_plan_is_based_on_the_previous_release(
    tmp_path: Path, based_on: str, ii_rows: list[tuple[Any, ...]], written: list[str]
) -> None:
    _publish(tmp_path, ROWS)
    _, manifest = _publish_partial(tmp_path, [*ROWS[:2], MÄNTTÄ_CENT, *ii_rows], ["Mänttä-Vilppula"], based_on)
    assert manifest["partitions"]["fact_budget"]["written"] == written
    expected = ["Hämeenlinna", *written] if based_on != "published" or len(ii_rows) > 1 else written
    assert manifest["partitions"]["fact_budget"]["hashed"] == expected
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert _recorded(manifest) == digests(con, "fact_budget")


@pytest.mark.parametrize("state", ["'not json'", "'{}'", "'[1]'", "null"])
def test_a_plan_without_a_readable_base_rebuilds_nothing_it_can_name(tmp_path: Path, state: str) -> None:
    database = _warehouse(tmp_path / "w.duckdb", ROWS)
    identity = file_identity(database)
    write_plan(database, Plan(True, "test", ("Ii",)), "f", identity)
    with duckdb.connect(str(database)) as con:
        assert rebuilt_since(con, identity) == frozenset({"Ii"})
        assert rebuilt_since(con, {**identity, "inode": identity["inode"] + 1}) is None
        con.execute(f"update build_plan.state set based_on = {state}")
        assert rebuilt_since(con, identity) is None
        con.execute("drop table build_plan.state")
        con.execute("create table build_plan.state (fingerprint varchar)")
        assert rebuilt_since(con, identity) is None
