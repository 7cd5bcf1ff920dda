"""A tiny dbt project's profile, for the tests that run dbt on a project of their own."""

from __future__ import annotations

from pathlib import Path

PROFILE = """\
tiny:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{database}"
      threads: 1
"""
"""The profile ``tiny`` (a project's ``profile: tiny``): one DuckDB file, one thread."""


def write_profile(project: Path, database: Path) -> None:
    """``profiles.yml`` in ``project``, for the DuckDB file ``database``."""
    (project / "profiles.yml").write_text(PROFILE.format(database=database), encoding="utf-8")
