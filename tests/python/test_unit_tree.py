"""The organisation tree of a municipality the curated seeds do not know, read from its
reports' text: the committed Heinola reports, renamed to another municipality, give the
curated tree."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from .conftest import REPO
from .warehouse_builds import HY, YP, build, committed_report

pytestmark = pytest.mark.e2e


def curated_heinola() -> dict[str, tuple[str, str | None]]:
    """Heinola's curated units: id (without the municipality) → (level, parent without it)."""
    with (REPO / "seeds" / "reference" / "ref_units.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["unit_id"].removeprefix("heinola"): (
                row["unit_level"],
                row["parent_unit_id"].removeprefix("heinola") or None,
            )
            for row in csv.DictReader(handle)
            if row["municipality"] == "Heinola"
        }


def test_the_tree_read_from_the_text_equals_the_curated_one(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (YP, HY):
        text = committed_report(name).replace("Heinolan kaupungin", "Lahden kaupungin")
        (reports / name.replace("heinola", "lahti")).write_text(text, encoding="utf-8")
    database, _ = build(reports, tmp_path / "out")
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            "select unit_id, unit_level, parent_unit_id, hierarchy_source from analytics.dim_unit"
            " where municipality = 'Lahti'"
        ).fetchall()
        warnings = con.execute(
            "select unit_id, message from analytics.rpt_reconciliation"
            " where check_name = 'unit_rollup' and status = 'warn'"
        ).fetchall()
        failed = con.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
    inferred = {
        unit.removeprefix("lahti"): (level, (parent or "").removeprefix("lahti") or None)
        for unit, level, parent, _ in rows
    }
    curated = curated_heinola()
    # Every unit the curated seed knows is where the curated seed puts it.
    known = set(inferred) & set(curated)
    assert {unit: inferred[unit] for unit in known} == {unit: curated[unit] for unit in known}
    assert len(known) == 12
    # Hallintopalvelut is printed as "Hallinnon tukipalvelut", an alias only the curated
    # seed knows: under its own name, in the same place.
    assert set(inferred) - known == {".hallinnon_tukipalvelut"}
    assert inferred[".hallinnon_tukipalvelut"] == curated[".hallintopalvelut"]
    assert {source for *_, source in rows} == {"text"}
    assert failed == (0,)
    # The service area prints the total of both its boards; the text knows one of them. The
    # numbers contradict the edge: a warning naming both units, never a silent rollup. (The
    # other warnings are the report's own: its prior-year figures are not comparable.)
    from_text = [(unit, message) for unit, message in warnings if "the text places" in message]
    assert {unit for unit, _ in from_text} == {"lahti.hyvinvointipalvelut"}
    assert all(
        "the text places lahti.hyvinvoinnin_edistamisen_lautakunta under lahti.hyvinvointipalvelut" in message
        for _, message in from_text
    )
