"""One build of several test modules' municipalities, each printed in a layout of its own.

Each of the modules in ``MODULES`` reads the warehouse of its fixture reports, and no two of them
print the same municipality: one build of all of their reports (a manifest naming each file's
municipality) holds each module's warehouse beside the others', instead of one build each. A
module's tests read its own municipality's rows (``municipality = ...``); whatever is asserted of
the whole build (that it published, what it printed) holds for every module's reports at once.

A module in ``MODULES`` gives its reports with ``layout()``: its municipality and each report's
file name and text. It queues the build under its own fixture's name (``PREBUILDS``), so that
the build is queued whichever of them is selected, and made once (the same ``make_layouts``).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path

import duckdb

from .prebuilds import Prebuilds
from .warehouse_builds import build, write_reports

MODULES = (
    "test_units_beside_the_top_unit",
    "test_city_chapters",
    "test_goals",
    "test_restatement_notes",
    "test_key_figure_restatements",
    "test_net_costs",
    "test_refunds",
    "test_board_sections",
    "test_board_after_areas",
    "test_tulot_menot_netto",
    "test_scale_slips",
    "test_financing_statement",
)
"""The modules whose reports the build holds, each of a municipality the others do not print."""


def make_layouts(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """The published warehouse of every module's reports, and what the build printed (its
    output and its errors' stream: the extraction's warnings)."""
    texts: dict[str, str] = {}
    municipalities: dict[str, str] = {}
    for name in MODULES:
        municipality, module_texts = importlib.import_module(f"{__package__}.{name}").layout()
        for file, text in module_texts.items():
            assert file not in texts, f"{name}: {file} is another module's report"
            texts[file], municipalities[file] = text, municipality
    reports = write_reports(workdir / "reports", texts, municipalities)
    database, result = build(reports, workdir, base=environ)
    return database, result.stdout + result.stderr


def connect(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The build (``prebuilds`` made it, or makes it now) opened read-only, its marts' schema
    searched first, and what it printed."""
    database, output = prebuilds.take(make_layouts)
    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    return con, str(output)
