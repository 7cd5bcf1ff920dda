"""The unit tree a build inferred, and the one a synthetic corpus's generator invented."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from kuntatalous.text.cells import slugify

Tree = dict[str, tuple[str, str | None]]


def inferred_tree(con: duckdb.DuckDBPyConnection, slugs: list[str]) -> Tree:
    """The municipalities' units as the build placed them: id → (level, parent)."""
    rows = con.execute(
        "select unit_id, unit_level, parent_unit_id from analytics.dim_unit where split_part(unit_id, '.', 1) in ?",
        [slugs],
    ).fetchall()
    return {unit: (level, parent) for unit, level, parent in rows}


def expected_tree(folder: Path, inferred: Tree) -> Tree:
    """The tree the generator invented (``expected/``), each unit under the id of the name it
    is printed under: a unit printed under its alias in some years and its name in others is
    two units to a build that no curated alias joins, each in the unit's place."""
    with (folder / "ref_units.csv").open(encoding="utf-8", newline="") as handle:
        units = list(csv.DictReader(handle))
    with (folder / "ref_unit_aliases.csv").open(encoding="utf-8", newline="") as handle:
        aliases = {row["unit_id"]: row["alias"] for row in csv.DictReader(handle)}
    assert units
    tree: Tree = {}
    for row in units:
        municipality = row["unit_id"].split(".")[0]
        printed = [row["unit_id"]]
        if row["unit_id"] in aliases:
            names = (row["unit_id"], f"{municipality}.{slugify(aliases[row['unit_id']])}")
            printed = [name for name in names if name in inferred]
            assert printed, row
        for unit_id in printed:
            tree[unit_id] = (row["unit_level"], row["parent_unit_id"] or None)
    return tree
