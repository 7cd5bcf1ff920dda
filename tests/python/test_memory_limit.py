"""A build under a small DuckDB memory_limit completes by spilling to its temp_directory.

profiles.yml gives DuckDB an explicit ``memory_limit`` and ``temp_directory``, both overridable
by environment (KUNTATALOUS_DUCKDB_MEMORY_LIMIT, KUNTATALOUS_DUCKDB_TEMP_DIRECTORY). The test
builds one small synthetic corpus twice under the same limit, far below what its build holds
in memory: without a folder to spill to (an empty temp_directory) the build runs out of memory,
so the one that passes, with the folder, can only have done so by spilling. Neither run is
timed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.synthetic.corpus import EXPECTED_FOLDER

from .warehouse_builds import build

pytestmark = pytest.mark.e2e

BUILD_SECONDS = 1800
"""Time allowed for each build: a build that spills, one node at a time, is slow (not timed)."""
SMALL_LIMIT = "96MB"
"""Below the memory the corpus's build holds, above what DuckDB needs for what cannot spill (its
CSV reader's buffers). Measured on this corpus with the checks' terms as bit masks (README, "Not
everything spills"): at 64MB even the spilling build runs out of memory in the unit roll-up
check, at 128MB the build fits without spilling; a change to the models may move that window."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spill-corpus")
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


def test_without_a_folder_to_spill_to_the_build_runs_out_of_memory(corpus: Path, tmp_path: Path) -> None:
    env = limited(corpus, KUNTATALOUS_DUCKDB_TEMP_DIRECTORY="", VERBOSE="1")
    _, result = build(corpus, tmp_path, expect_ok=False, env=env, timeout=BUILD_SECONDS)
    assert "Out of Memory Error" in result.stdout + result.stderr
    assert not (tmp_path / "warehouse.duckdb").exists(), "a failed build published nothing"


def test_under_the_same_limit_the_build_completes_by_spilling(corpus: Path, tmp_path: Path) -> None:
    published, result = build(corpus, tmp_path, env=limited(corpus), timeout=BUILD_SECONDS)
    assert "Out of Memory" not in result.stdout + result.stderr
    with duckdb.connect(str(published), read_only=True) as con:
        failing = con.sql("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone()
        figures = con.sql("select count(*) from analytics.fact_budget").fetchone()
    assert failing == (0,)
    assert figures is not None
    assert figures[0] > 0
    # The spill folder is the candidate's own, and goes when the build ends.
    assert not list(tmp_path.glob("*.tmp")), "the spill folder was left behind"
