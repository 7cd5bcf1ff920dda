"""One build of several test modules' municipalities, each printed in a layout of its own.

Each of the modules in ``MODULES`` reads the warehouse of its fixture reports, and no two of them
print the same municipality: one build of all of their reports (a manifest naming each file's
municipality) holds each module's warehouse beside the others', instead of one build each. A
module's tests read its own municipality's rows (``municipality = ...``); whatever is asserted of
the whole build (that it published, what it printed) holds for every module's reports at once.

A module in ``MODULES`` gives its reports with ``layout()``: its municipality and each report's
file name and text. It queues the build under its own fixture's name (``PREBUILDS``), so that
the build is queued whichever of them is selected, and made once (the same ``make_layouts``).

The modules in ``TAMPERED_MODULES`` do the same with a report each tampered so that one
reconciliation check fails (``tampered_layout()``): one failing build of all of them
(``make_tampered_layouts``), whose candidate holds each module's failing rows beside the
others'. Each tamper fails the same data test (``reconciles``, at the end of the build), so
that no module's tamper keeps another's rows from being built.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from pathlib import Path

import duckdb

from .prebuilds import Make, Prebuilds
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
    "test_rejects_by_design",
)
"""The modules whose reports the build holds, each of a municipality the others do not print."""


TAMPERED_MODULES = (
    "test_scale_slips",
    "test_financing_statement",
    "test_statements_of_actuals",
    "test_variance",
    "test_tulot_menot_netto",
    "test_cost_signs",
)
"""The modules whose tampered reports the failing build holds, each of a municipality the others
do not print."""


def _build_modules(
    workdir: Path, environ: Mapping[str, str], modules: tuple[str, ...], layout: str, expect_ok: bool
) -> tuple[Path, str]:
    """One build of the reports each of ``modules`` gives with its function ``layout``: the file
    the build wrote (as ``build``) and what it printed (its output and its errors' stream: the
    extraction's warnings)."""
    texts: dict[str, str] = {}
    municipalities: dict[str, str] = {}
    printed_by: dict[str, str] = {}
    for name in modules:
        municipality, module_texts = getattr(importlib.import_module(f"{__package__}.{name}"), layout)()
        assert printed_by.setdefault(municipality, name) == name, f"{name}: {municipality} is another module's"
        for file, text in module_texts.items():
            assert file not in texts, f"{name}: {file} is another module's report"
            texts[file], municipalities[file] = text, municipality
    reports = write_reports(workdir / "reports", texts, municipalities)
    database, result = build(reports, workdir, expect_ok=expect_ok, base=environ)
    return database, result.stdout + result.stderr


def make_layouts(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """The published warehouse of every module's reports, and what the build printed."""
    return _build_modules(workdir, environ, MODULES, "layout", expect_ok=True)


def make_tampered_layouts(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    """The failed build's candidate of every tampered module's reports, and what it printed."""
    return _build_modules(workdir, environ, TAMPERED_MODULES, "tampered_layout", expect_ok=False)


def connect(prebuilds: Prebuilds, make: Make = make_layouts) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The build ``make`` (``prebuilds`` made it, or makes it now) opened read-only, its marts'
    schema searched first, and what it printed."""
    database, output = prebuilds.take(make)
    con = duckdb.connect(str(database), read_only=True)
    con.execute("set search_path = 'analytics'")
    return con, str(output)


def names_failing_check(output: str, check: str) -> bool:
    """Whether a failed build's summary (``failing checks: a (1: ...); b (2: ...)``) names
    ``check`` among its failing checks, wherever in the list: in the tampered build, each module's
    check beside the others' (whose first failing row may be another module's)."""
    return re.search(rf"build failed \(dbt exit 1\): failing checks: (.*; )?{re.escape(check)} \(", output) is not None
