"""Shared paths and the committed reports' warehouse for the test suite."""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from kuntatalous.processes import default_jobs
from kuntatalous.synthetic import generate_corpus, write_corpus
from kuntatalous.warehouse.postgres_cluster import (
    Server,
    Warehouse,
    server_from_env,
    throwaway_cluster,
    warehouse_database,
)

from .background import Background, start_bench_smoke
from .prebuilds import Make, Prebuilds
from .warehouse_builds import (
    DocsSite,
    SavedParses,
    SyntheticBuild,
    build,
    build_env,
    build_steps,
    seeds_unchanged,
    without_extra_reference,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


BENCH_TESTS = "test_bench.py"
"""The benchmark's smoke run: one process of its own that needs nothing of the other tests."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The benchmark's tests last: its smoke run (bench_smoke) runs beside the others till then."""
    items.sort(key=lambda item: item.path.name == BENCH_TESTS)


@pytest.fixture(scope="session", autouse=True)
def bench_smoke(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Background | None]:
    """``make bench-smoke``, started with the session's first test when test_bench.py runs, so that
    it runs beside the other tests instead of after them (test_bench.py reads its results)."""
    if not any(item.path.name == BENCH_TESTS for item in request.session.items):
        yield None
        return
    background = start_bench_smoke(tmp_path_factory.mktemp("bench"))
    try:
        yield background
    finally:
        background.stop()


@pytest.fixture(scope="session", autouse=True)
def saved_parses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """dbt's saved parse passed on from each build to the next (SavedParses)."""
    SavedParses.folder = tmp_path_factory.mktemp("dbt-parse")
    try:
        yield
    finally:
        SavedParses.folder = None


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def benchmark_module(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], ModuleType]:
    """Import a module of the benchmark's package (``scripts/benchmark/<name>.py``), as the
    scripts import it: with ``scripts/`` on the path for the test only."""
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    return lambda name: importlib.import_module(f"benchmark.{name}")


@pytest.fixture
def mini_report() -> Path:
    return FIXTURES / "mini_report.txt"


@pytest.fixture(scope="session")
def committed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The committed reports, built and published as make build does (extracted into seeds/raw):
    the published file and what the build printed."""
    assert seeds_unchanged(), "commit or restore seeds/ before running the end-to-end tests"
    workdir = tmp_path_factory.mktemp("committed")
    return build(REPO / "reports", workdir)


@pytest.fixture(scope="session")
def warehouse_file(committed_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return committed_build[0]


@pytest.fixture(scope="session")
def warehouse(warehouse_file: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(warehouse_file), read_only=True)


@pytest.fixture(scope="session")
def steps(warehouse_file: Path) -> duckdb.DuckDBPyConnection:
    """The committed build's published file with its staging and intermediate tables (kept
    beside it) attached as ``work``."""
    return build_steps(warehouse_file)


@pytest.fixture(scope="session")
def docs_site(warehouse_file: Path, tmp_path_factory: pytest.TempPathFactory) -> DocsSite:
    """``make docs`` (scripts/docs.sh) once for the session, of a copy of the committed reports'
    warehouse published in a folder of its own: the page it wrote, for every test of the page
    and of what making it leaves alone."""
    workdir = tmp_path_factory.mktemp("docs")
    published = workdir / "warehouse.duckdb"
    shutil.copyfile(warehouse_file, published)
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    env = {**build_env(REPO / "reports", workdir), "DOCS_SITE": str(workdir / "site")}
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "docs.sh")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return DocsSite(workdir / "site" / "index.html", published, before)


def make_synthetic_build(workdir: Path, environ: Mapping[str, str]) -> SyntheticBuild:
    reports = workdir / "reports"
    corpus = generate_corpus(8, seed=11, years=2, municipalities=2)
    write_corpus(corpus, reports)
    # No curated organisation: the tree is inferred from the reports.
    database, result = build(reports, workdir / "build", base=without_extra_reference(environ))
    return SyntheticBuild(corpus, reports, database, result)


PREBUILDS: dict[str, Make] = {"synthetic_build": make_synthetic_build}
"""The session's builds that Prebuilds may make beside the first tests."""


@pytest.fixture(scope="session")
def synthetic_build(prebuilds: Prebuilds) -> SyntheticBuild:
    """Eight synthetic documents (two municipalities, two years) built once for the session: one
    build for every read-only test of a synthetic warehouse (the corpus's checks, the site)."""
    value: SyntheticBuild = prebuilds.take(make_synthetic_build)
    return value


def queued_builds(items: list[pytest.Item]) -> list[Make]:
    """The builds of PREBUILDS (conftest's and the test modules') whose fixture the tests use, in
    the order of the first test using each."""
    queued: dict[Make, None] = {}
    for item in items:
        offered = {**PREBUILDS, **getattr(getattr(item, "module", None), "PREBUILDS", {})}
        for name in getattr(item, "fixturenames", []):
            if name in offered:
                queued.setdefault(offered[name], None)
    return list(queued)


@pytest.fixture(scope="session", autouse=True)
def prebuilds(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    saved_parses: None,
    bench_smoke: Background | None,
) -> Iterator[Prebuilds]:
    """The builds later tests need, started with the session's first test, on the cores the
    tests and the benchmark's smoke run leave (Prebuilds)."""

    def others() -> int:
        return 1 if bench_smoke is not None and bench_smoke.running() else 0

    jobs = queued_builds(request.session.items)
    queue = Prebuilds(tmp_path_factory.mktemp, os.environ, jobs, default_jobs(), others)
    queue.start()
    try:
        yield queue
    finally:
        queue.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """The PostgreSQL server named by the PG environment variables, else a throwaway cluster
    of the installed binaries, shared by the session's PostgreSQL tests."""
    named = server_from_env()
    if named is not None:
        yield named
        return
    with throwaway_cluster() as server:
        yield server


@pytest.fixture(scope="session")
def pg_warehouse(pg_server: Server) -> Iterator[Warehouse]:
    """A database of the session's own on that server, with a build role and a reader role."""
    with warehouse_database(pg_server) as warehouse:
        yield warehouse
