"""The organisation tree of a municipality the curated seeds do not know, inferred from its
reports' text and sums: the committed Heinola reports, renamed to another municipality, give
the curated tree; with a sibling's table taken out, the sums no longer place its siblings:
those captioned at the top unit's rank are beside it, and the rollup over the edge the text
gives the others warns, naming both units.

One build holds the three cases, each as a municipality of its own (a tree is inferred per
municipality, and each test reads its own municipality's units): Lahti's reports as printed,
Kotka's without Tarkastustoimi's table, and Mikkeli's with curated units from a folder
outside the project.
"""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

import duckdb
import pytest

from kuntatalous.text.genitive import genitives

from .conftest import REPO
from .prebuilds import Make, Prebuilds
from .warehouse_builds import BUILD_SCRIPT, HY, YP, build_env, committed_report

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


def renamed_reports(
    folder: Path, municipality: str = "Lahti", tamper: Callable[[str, str], str] = lambda _, text: text
) -> Path:
    """The committed reports as ``municipality``'s (``tamper`` applied to each file's text)."""
    folder.mkdir(exist_ok=True)
    for name in (YP, HY):
        text = committed_report(name).replace("Heinolan kaupungin", f"{genitives(municipality)[0]} kaupungin")
        (folder / name.replace("heinola", municipality.lower())).write_text(tamper(name, text), encoding="utf-8")
    return folder


def write_curated(folder: Path) -> None:
    """Mikkeli's city, a service area and one responsibility area, under the name the reports
    print for it (Hallinnon tukipalvelut) as an alias."""
    folder.mkdir(parents=True)
    (folder / "ref_units.csv").write_text(
        "unit_id,municipality,unit_name,unit_name_en,unit_level,parent_unit_id\n"
        "mikkeli,Mikkeli,Mikkelin kaupunki,City of Mikkeli,city,\n"
        "mikkeli.yhteiset_palvelut,Mikkeli,Yhteiset palvelut,Common Services,service_area,mikkeli\n"
        "mikkeli.hallintopalvelut,Mikkeli,Hallintopalvelut,Administrative Services,responsibility_area,"
        "mikkeli.yhteiset_palvelut\n",
        encoding="utf-8",
    )
    (folder / "ref_unit_aliases.csv").write_text(
        "unit_id,alias\nmikkeli.hallintopalvelut,Hallinnon tukipalvelut\n", encoding="utf-8"
    )


def make_tree_build(workdir: Path, environ: Mapping[str, str]) -> Path:
    """Lahti's, Kotka's (without Tarkastustoimi) and Mikkeli's (curated from ``own/curated``,
    a path relative to the directory the build is started from, outside the project) reports,
    built in one step: the published file."""
    reports = renamed_reports(workdir / "reports", "Lahti")
    renamed_reports(reports, "Kotka", without_tarkastustoimi)
    renamed_reports(reports, "Mikkeli")
    write_curated(workdir / "own" / "curated")
    env = build_env(reports, workdir / "out", {"KUNTATALOUS_EXTRA_REFERENCE": "own/curated"}, base=environ)
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT)], env=env, cwd=workdir, capture_output=True, text=True, check=False, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return workdir / "out" / "warehouse.duckdb"


PREBUILDS: dict[str, Make] = {"tree_build": make_tree_build}


@pytest.fixture(scope="module")
def tree_build(prebuilds: Prebuilds) -> Path:
    built: Path = prebuilds.take(make_tree_build)
    return built


def units_of(database: Path, municipality: str) -> list[tuple[str, str, str | None, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select unit_id, unit_level, parent_unit_id, hierarchy_source from analytics.dim_unit"
            " where municipality = ?",
            [municipality],
        ).fetchall()


def rollup_warnings(database: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select unit_id, message from analytics.rpt_reconciliation"
            " where check_name = 'unit_rollup' and status = 'warn'"
        ).fetchall()


def test_the_inferred_tree_equals_the_curated_one(tree_build: Path) -> None:
    database = tree_build
    rows = units_of(database, "Lahti")
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
    # Not a check fails, of any of the three municipalities.
    with duckdb.connect(str(database), read_only=True) as con:
        failed = con.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
    assert failed == (0,)
    # The service area prints the total of both its boards; the text knows one of them. The
    # numbers contradict the edge: a warning naming both units, never a silent rollup. (The
    # other warnings are the report's own: its prior-year figures are not comparable.)
    warnings = [(unit, message) for unit, message in rollup_warnings(database) if unit.startswith("lahti.")]
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


def test_units_the_sums_no_longer_place_fall_back_to_the_text_with_a_warning(tree_build: Path) -> None:
    # Kotka's reports are Lahti's without Tarkastustoimi's table.
    rows = {unit: (parent, source) for unit, _, parent, source in units_of(tree_build, "Kotka")}
    assert "kotka.tarkastustoimi" not in rows
    # The other six no longer add up to the service area. Those captioned deeper than its
    # `## Yhteiset palvelut` (`**Vaalit**`, `### Henkilöstöpalvelut`, `### Kehittämispalvelut`)
    # or by no caption (`## Hallintopalvelut` over `Hallinnon tukipalvelut`) are placed under
    # it by the text; those captioned `##` like it, beside it: service areas of the city. The
    # board's two still add up to it.
    areas = {unit: row for unit, row in rows.items() if row[0] == "kotka.yhteiset_palvelut"}
    assert set(areas) == {
        "kotka.vaalit",
        "kotka.henkilostopalvelut",
        "kotka.kehittamispalvelut",
        "kotka.hallinnon_tukipalvelut",
    }
    assert {source for _, source in areas.values()} == {"text"}
    beside = {unit: row for unit, row in rows.items() if row[0] == "kotka" and unit != "kotka.hyvinvointipalvelut"}
    assert beside == {
        "kotka.yhteiset_palvelut": ("kotka", "text"),
        "kotka.talouspalvelut": ("kotka", "text"),
        "kotka.digi_ja_tietohallintopalvelut": ("kotka", "text"),
    }
    assert rows["kotka.virikkeellinen_elama"] == ("kotka.hyvinvoinnin_edistamisen_lautakunta", "sums")
    messages = [message for unit, message in rollup_warnings(tree_build) if unit == "kotka.yhteiset_palvelut"]
    assert any("the text places kotka.hallinnon_tukipalvelut, " in m for m in messages), messages
    assert any(" under kotka.yhteiset_palvelut, and the numbers contradict it" in m for m in messages), messages
    # Lahti's reports, which print the table, have the unit.
    assert "lahti.tarkastustoimi" in {unit for unit, _, _, _ in units_of(tree_build, "Lahti")}


def test_curated_units_from_a_folder_outside_the_project_win_and_add_english_names(tree_build: Path) -> None:
    # Mikkeli's units as curated in own/curated (write_curated), the others inferred.
    with duckdb.connect(str(tree_build), read_only=True) as con:
        rows = con.execute(
            "select unit_id, unit_name_en, unit_level, parent_unit_id, hierarchy_source from analytics.dim_unit"
            " where municipality = 'Mikkeli'"
        ).fetchall()
    units = {unit: rest for unit, *rest in rows}
    assert units["mikkeli"] == ["City of Mikkeli", "city", None, "curated"]
    assert units["mikkeli.hallintopalvelut"] == [
        "Administrative Services",
        "responsibility_area",
        "mikkeli.yhteiset_palvelut",
        "curated",
    ]
    assert "mikkeli.hallinnon_tukipalvelut" not in units
    # The units it does not name are still inferred, beside the curated ones.
    assert units["mikkeli.talouspalvelut"] == [None, "responsibility_area", "mikkeli.yhteiset_palvelut", "sums"]
    assert units["mikkeli.hyvinvointipalvelut"][3] == "text"


def test_a_curated_folder_without_its_seeds_stops_the_build_naming_it(tmp_path: Path) -> None:
    reports = renamed_reports(tmp_path / "reports")
    (tmp_path / "empty").mkdir()
    env = build_env(reports, tmp_path / "out", {"KUNTATALOUS_EXTRA_REFERENCE": str(tmp_path / "empty")})
    result = subprocess.run(["bash", str(BUILD_SCRIPT)], env=env, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert f"KUNTATALOUS_EXTRA_REFERENCE={tmp_path / 'empty'} has no ref_units.csv" in result.stderr
    assert not (tmp_path / "out").exists()
