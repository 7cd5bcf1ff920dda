"""A build under a small DuckDB memory_limit completes by spilling to its temp_directory.

profiles.yml gives DuckDB an explicit ``memory_limit`` and ``temp_directory``, both overridable
by environment (KUNTATALOUS_DUCKDB_MEMORY_LIMIT, KUNTATALOUS_DUCKDB_TEMP_DIRECTORY). The test
builds one small synthetic corpus twice under the same limit, far below what its build holds
in memory: without a folder to spill to (an empty temp_directory) the build runs out of memory,
so the one that passes, with the folder, can only have done so by spilling. Neither run is
timed."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pytest

from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.synthetic.corpus import EXPECTED_FOLDER

from .prebuilds import Make, Prebuilds
from .warehouse_builds import build

pytestmark = pytest.mark.e2e

BUILD_SECONDS = 1800
"""Time allowed for each build: a build that spills, one node at a time, is slow (not timed)."""
SMALL_LIMIT = "144MB"
"""Below the memory the corpus's build holds, above what DuckDB needs for what cannot spill (its
CSV reader's buffers), with room on both sides: the two windows move as the models change. At
104MB, the limit before, the spilling build ran out of memory in the unit roll-up check
in one make test of several: the check's SQL alone, on that build's tables with DuckDB's two
threads, ran out at 104MB in 1 of 46 runs and at 96MB in 3 of 20, and whole spilling builds ran
out at 88MB and 96MB and passed at 104MB, 128MB (three times) and 144MB. Without a folder to spill
to, builds ran out at every limit from 112MB to 200MB (112, 120, 128, 144, 160, 200MB) and passed
at 256MB. 144MB is about as far from either edge (38 % above the spilling build's, 39 % below
the other's)."""


def make_corpus(folder: Path) -> Path:
    """The corpus (the same for both builds: generated from one seed)."""
    out = folder / "spill-corpus"
    write_corpus(generate_corpus(200, seed=7, years=5, family=True), out)
    return out


def limited(corpus: Path, **more: str) -> dict[str, str]:
    return {
        "KUNTATALOUS_EXTRA_REFERENCE": str(corpus / EXPECTED_FOLDER),
        "KUNTATALOUS_DUCKDB_MEMORY_LIMIT": SMALL_LIMIT,
        # One node at a time: the limit is the node's, not shared by two.
        "KUNTATALOUS_DBT_THREADS": "1",
        **more,
    }


Built = tuple[Path, subprocess.CompletedProcess[str]]
"""A build's work folder and what it printed."""


def make_unspilled_build(folder: Path, environ: Mapping[str, str]) -> Built:
    corpus, workdir = make_corpus(folder), folder / "build"
    env = limited(corpus, KUNTATALOUS_DUCKDB_TEMP_DIRECTORY="", VERBOSE="1")
    _, result = build(corpus, workdir, expect_ok=False, env=env, timeout=BUILD_SECONDS, base=environ)
    return workdir, result


def make_spilled_build(folder: Path, environ: Mapping[str, str]) -> Built:
    corpus, workdir = make_corpus(folder), folder / "build"
    _, result = build(corpus, workdir, env=limited(corpus), timeout=BUILD_SECONDS, base=environ)
    return workdir, result


PREBUILDS: dict[str, Make] = {"unspilled_build": make_unspilled_build, "spilled_build": make_spilled_build}


@pytest.fixture
def unspilled_build(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_unspilled_build)
    return built


@pytest.fixture
def spilled_build(prebuilds: Prebuilds) -> Built:
    built: Built = prebuilds.take(make_spilled_build)
    return built


def test_without_a_folder_to_spill_to_the_build_runs_out_of_memory(unspilled_build: Built) -> None:
    workdir, result = unspilled_build
    assert "Out of Memory Error" in result.stdout + result.stderr
    assert not (workdir / "warehouse.duckdb").exists(), "a failed build published nothing"


def test_under_the_same_limit_the_build_completes_by_spilling(spilled_build: Built) -> None:
    workdir, result = spilled_build
    published = workdir / "warehouse.duckdb"
    assert "Out of Memory" not in result.stdout + result.stderr
    with duckdb.connect(str(published), read_only=True) as con:
        failing = con.sql("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
        figures = con.sql("select count(*) from analytics.fact_budget").fetchone()
    assert failing == (0,)
    assert figures is not None
    assert figures[0] > 0
    # The spill folder is the candidate's own, and goes when the build ends.
    assert not list(workdir.glob("*.tmp")), "the spill folder was left behind"
