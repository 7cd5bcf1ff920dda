"""The organisation tree of a municipality the curated seeds do not know, inferred from its
reports' text and sums: the committed Heinola reports, renamed to another municipality, give
the curated tree; with a sibling's table taken out, the sums no longer place its siblings,
and the rollup over the edge the print order gives them warns, naming both units."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from .conftest import REPO
from .warehouse_builds import BUILD_SCRIPT, HY, YP, build, build_env, committed_report

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


def renamed_reports(folder: Path, tamper: Callable[[str, str], str] = lambda _, text: text) -> Path:
    """The committed reports as Lahti's (``tamper`` applied to each file's text)."""
    folder.mkdir()
    for name in (YP, HY):
        text = committed_report(name).replace("Heinolan kaupungin", "Lahden kaupungin")
        (folder / name.replace("heinola", "lahti")).write_text(tamper(name, text), encoding="utf-8")
    return folder


def lahti_units(database: Path) -> list[tuple[str, str, str | None, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select unit_id, unit_level, parent_unit_id, hierarchy_source from analytics.dim_unit"
            " where municipality = 'Lahti'"
        ).fetchall()


def rollup_warnings(database: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select unit_id, message from analytics.rpt_reconciliation"
            " where check_name = 'unit_rollup' and status = 'warn'"
        ).fetchall()


def test_the_inferred_tree_equals_the_curated_one(tmp_path: Path) -> None:
    database, _ = build(renamed_reports(tmp_path / "reports"), tmp_path / "out")
    rows = lahti_units(database)
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
    # From the text: the city, the sections' top units (table order), the board (lautakunta)
    # and the areas captioned deeper than their top unit's `## Yhteiset palvelut` (`**Vaalit**`,
    # `### Henkilöstöpalvelut`, `### Kehittämispalvelut`); the areas captioned `##` like it, and
    # the board's two captioned `##` like the board, from the sums.
    sources = {unit.removeprefix("lahti"): source for unit, _, _, source in rows}
    assert {unit for unit, source in sources.items() if source == "text"} == {
        "",
        ".yhteiset_palvelut",
        ".hyvinvointipalvelut",
        ".hyvinvoinnin_edistamisen_lautakunta",
        ".vaalit",
        ".henkilostopalvelut",
        ".kehittamispalvelut",
    }
    assert set(sources.values()) == {"text", "sums"}
    with duckdb.connect(str(database), read_only=True) as con:
        failed = con.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
    assert failed == (0,)
    # The service area prints the total of both its boards; the text knows one of them. The
    # numbers contradict the edge: a warning naming both units, never a silent rollup. (The
    # other warnings are the report's own: its prior-year figures are not comparable.)
    warnings = rollup_warnings(database)
    from_text = [(unit, message) for unit, message in warnings if "the text places" in message]
    assert {unit for unit, _ in from_text} == {"lahti.hyvinvointipalvelut"}
    assert all(
        "the text places lahti.hyvinvoinnin_edistamisen_lautakunta under lahti.hyvinvointipalvelut" in message
        for _, message in from_text
    )


def without_tarkastustoimi(name: str, text: str) -> str:
    """Yhteiset palvelut without its Tarkastustoimi table (the heading and prose stay)."""
    if name != YP:
        return text
    kept = [line for line in text.splitlines(keepends=True) if not _is_tarkastustoimi_row(line)]
    assert len(kept) == len(text.splitlines()) - 4
    return "".join(kept)


def _is_tarkastustoimi_row(line: str) -> bool:
    rows = ("Tarkastustoimi Selite\t", "Toimintatuotot\t0\t0\t1 500\t", "Toimintakulut\t-54 394\t")
    return line.startswith(rows) or line.startswith("<b>Toimintakate</b>\t<b>-54 394</b>")


def test_units_the_sums_no_longer_place_fall_back_to_the_print_order_with_a_warning(tmp_path: Path) -> None:
    reports = renamed_reports(tmp_path / "reports", without_tarkastustoimi)
    database, _ = build(reports, tmp_path / "out")
    rows = {unit: (parent, source) for unit, _, parent, source in lahti_units(database)}
    assert "lahti.tarkastustoimi" not in rows
    # The other six no longer add up to the service area: placed by their captions or the
    # print order alone, under the section's top unit; the board's two still add up to it.
    areas = {unit: row for unit, row in rows.items() if row[0] == "lahti.yhteiset_palvelut"}
    assert len(areas) == 6
    assert {source for _, source in areas.values()} == {"text"}
    assert rows["lahti.virikkeellinen_elama"] == ("lahti.hyvinvoinnin_edistamisen_lautakunta", "sums")
    messages = [message for unit, message in rollup_warnings(database) if unit == "lahti.yhteiset_palvelut"]
    assert any("the text places lahti.digi_ja_tietohallintopalvelut, " in m for m in messages), messages
    assert any(" under lahti.yhteiset_palvelut, and the numbers contradict it" in m for m in messages), messages


def test_curated_units_from_a_folder_outside_the_project_win_and_add_english_names(tmp_path: Path) -> None:
    reports = renamed_reports(tmp_path / "reports")
    curated = tmp_path / "own" / "curated"
    curated.mkdir(parents=True)
    (curated / "ref_units.csv").write_text(
        "unit_id,municipality,unit_name,unit_name_en,unit_level,parent_unit_id\n"
        "lahti,Lahti,Lahden kaupunki,City of Lahti,city,\n"
        "lahti.yhteiset_palvelut,Lahti,Yhteiset palvelut,Common Services,service_area,lahti\n"
        "lahti.hallintopalvelut,Lahti,Hallintopalvelut,Administrative Services,responsibility_area,"
        "lahti.yhteiset_palvelut\n",
        encoding="utf-8",
    )
    (curated / "ref_unit_aliases.csv").write_text(
        "unit_id,alias\nlahti.hallintopalvelut,Hallinnon tukipalvelut\n", encoding="utf-8"
    )
    # A path relative to the directory the build is started from, outside the project.
    env = build_env(reports, tmp_path / "out", {"KUNTATALOUS_EXTRA_REFERENCE": "own/curated"})
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT)], env=env, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with duckdb.connect(str(tmp_path / "out" / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select unit_id, unit_name_en, unit_level, parent_unit_id, hierarchy_source from analytics.dim_unit"
            " where municipality = 'Lahti'"
        ).fetchall()
    units = {unit: rest for unit, *rest in rows}
    assert units["lahti"] == ["City of Lahti", "city", None, "curated"]
    assert units["lahti.hallintopalvelut"] == [
        "Administrative Services",
        "responsibility_area",
        "lahti.yhteiset_palvelut",
        "curated",
    ]
    assert "lahti.hallinnon_tukipalvelut" not in units
    # The units it does not name are still inferred, beside the curated ones.
    assert units["lahti.talouspalvelut"] == [None, "responsibility_area", "lahti.yhteiset_palvelut", "sums"]
    assert units["lahti.hyvinvointipalvelut"][3] == "text"


def test_a_curated_folder_without_its_seeds_stops_the_build_naming_it(tmp_path: Path) -> None:
    reports = renamed_reports(tmp_path / "reports")
    (tmp_path / "empty").mkdir()
    env = build_env(reports, tmp_path / "out", {"KUNTATALOUS_EXTRA_REFERENCE": str(tmp_path / "empty")})
    result = subprocess.run(["bash", str(BUILD_SCRIPT)], env=env, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert f"KUNTATALOUS_EXTRA_REFERENCE={tmp_path / 'empty'} has no ref_units.csv" in result.stderr
    assert not (tmp_path / "out").exists()
