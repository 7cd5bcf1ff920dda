"""The prebuild queue: its threads go on with the queue whatever the tests take meanwhile, and
run its builds on the cores the tests leave: a second one while a test waits for the first,
never more than the cores, and none beside a running test unless a core is left for it."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from _pytest.fixtures import FixtureFunctionDefinition

from . import conftest
from .prebuilds import Make, Prebuilds

MADE_BY: dict[str, str] = {}
FIRST_STARTED = threading.Event()
TAKEN_ASIDE = threading.Event()
SECOND_MADE = threading.Event()


def first(folder: Path, environ: Mapping[str, str]) -> str:
    FIRST_STARTED.set()
    TAKEN_ASIDE.wait(timeout=30)
    MADE_BY["first"] = threading.current_thread().name
    return "first"


def second(folder: Path, environ: Mapping[str, str]) -> str:
    MADE_BY["second"] = threading.current_thread().name
    SECOND_MADE.set()
    return "second"


def aside(folder: Path, environ: Mapping[str, str]) -> str:
    MADE_BY["aside"] = threading.current_thread().name
    return "aside"


def test_a_build_taken_that_was_not_queued_leaves_the_queue_running(tmp_path: Path) -> None:
    """A test took a build no module queued while the thread ran the queue: the thread died
    (the jobs' dictionary changed size while it went through it), and every later build was made
    by the test that took it, one core idle. The queue's builds are the thread's still."""
    queue = Prebuilds(lambda name: tmp_path / name, {}, [first, second], cores=1)
    queue.start()
    assert FIRST_STARTED.wait(timeout=30)
    assert queue.take(aside) == "aside"
    TAKEN_ASIDE.set()
    assert SECOND_MADE.wait(timeout=10), "the thread stopped before the queue's second build"
    queue.stop()
    assert queue.take(second) == "second"
    made_here = threading.current_thread().name
    assert dict(MADE_BY) == {"first": "prebuilds-0", "second": "prebuilds-0", "aside": made_here}


def test_every_queued_build_is_a_fixture_the_tests_can_use() -> None:
    """conftest queues a build when a test uses the fixture its PREBUILDS key names: a key that
    names no fixture of its module (``key_figures_two_years`` beside the fixture ``two_years``; a
    build a test took itself) was never queued, and taking it made the thread die."""
    folder = Path(__file__).parent
    misnamed = {}
    for path in sorted(folder.glob("test_*.py")):
        module = importlib.import_module(f"{__package__}.{path.stem}")
        offered = getattr(module, "PREBUILDS", {})
        fixtures = {name for name, value in vars(module).items() if isinstance(value, FixtureFunctionDefinition)}
        if set(offered) - fixtures:
            misnamed[path.name] = sorted(set(offered) - fixtures)
    assert misnamed == {}
    assert set(vars(conftest)["PREBUILDS"]) <= {
        name for name, value in vars(conftest).items() if isinstance(value, FixtureFunctionDefinition)
    }


PATIENCE = 10.0
"""Seconds a job is given to start where it must (the threads look for work at once)."""
GRACE = 0.5
"""Seconds a job is watched not starting where it must not (a thread that would start it
starts it within milliseconds)."""


class Job:
    """A build stand-in: it says when it started and in which thread, then runs until released."""

    def __init__(self, name: str, error: BaseException | None = None) -> None:
        self.name = name
        self.started = threading.Event()
        self.released = threading.Event()
        self.thread: str | None = None
        self.error = error
        self.make = self._maker()

    def _maker(self) -> Make:
        """The job's make function (one per job: the queue knows a build by its function)."""

        def make(folder: Path, environ: Mapping[str, str]) -> Any:
            self.thread = threading.current_thread().name
            self.started.set()
            assert self.released.wait(PATIENCE), f"{self.name} was never released"
            if self.error is not None:
                raise self.error
            return (self.name, folder.name, environ["SESSION"])

        make.__name__ = self.name
        return make


@contextmanager
def running(tmp_path: Path, jobs: list[Job], cores: int, others: Callable[[], int] = lambda: 0) -> Iterator[Prebuilds]:
    """The queue of ``jobs``, started; at the end every job is released and the queue stopped."""

    def folder(name: str) -> Path:
        made = tmp_path / name
        made.mkdir()
        return made

    prebuilds = Prebuilds(folder, {"SESSION": "session"}, [job.make for job in jobs], cores, others)
    prebuilds.start()
    try:
        yield prebuilds
    finally:
        for job in jobs:
            job.released.set()
        prebuilds.stop()


def taken_in_background(prebuilds: Prebuilds, job: Job) -> tuple[threading.Thread, list[Any]]:
    """A test taking ``job``'s build, in a thread of its own: what it took, once joined."""
    took: list[Any] = []
    thread = threading.Thread(target=lambda: took.append(prebuilds.take(job.make)), name="test")
    thread.start()
    return thread, took


def test_a_second_build_runs_while_the_test_waits_and_not_while_it_runs(tmp_path: Path) -> None:
    first, second, third = Job("first"), Job("second"), Job("third")
    with running(tmp_path, [first, second, third], cores=2) as prebuilds:
        assert first.started.wait(PATIENCE)
        # The test runs (it takes nothing yet): one core is its, the other the first build's.
        assert not second.started.wait(GRACE)
        # The test waits for the first build: its core builds the second meanwhile.
        test, took = taken_in_background(prebuilds, first)
        assert second.started.wait(PATIENCE)
        assert not third.started.wait(GRACE), "two cores: two builds at once, not three"
        first.released.set()
        test.join(PATIENCE)
        assert took == [("first", "first", "session")]
        assert first.thread is not None
        assert first.thread.startswith("prebuilds-")
        # The test runs again beside the second build: the third waits for it to end.
        assert not third.started.wait(GRACE)
        second.released.set()
        assert third.started.wait(PATIENCE)


def test_the_benchmarks_run_beside_the_tests_takes_a_core(tmp_path: Path) -> None:
    first, second = Job("first"), Job("second")
    benchmark_running = threading.Event()
    benchmark_running.set()
    with running(tmp_path, [first, second], cores=2, others=lambda: int(benchmark_running.is_set())) as prebuilds:
        assert first.started.wait(PATIENCE)
        test, _ = taken_in_background(prebuilds, first)
        assert not second.started.wait(GRACE), "the benchmark and the first build have the two cores"
        # The benchmark ends: its core builds the second (the threads look again every second).
        benchmark_running.clear()
        assert second.started.wait(PATIENCE)
        first.released.set()
        test.join(PATIENCE)


def test_a_build_whose_turn_has_not_come_is_made_by_the_test_and_its_error_raised_there(tmp_path: Path) -> None:
    first, second = Job("first"), Job("second", error=AssertionError("the build failed"))
    with running(tmp_path, [first, second], cores=1) as prebuilds:
        assert first.started.wait(PATIENCE)
        # One core: the queue's thread builds the first; the test takes the second itself.
        second.released.set()
        with pytest.raises(AssertionError, match="the build failed"):
            prebuilds.take(second.make)
        assert second.thread == threading.current_thread().name


def test_stop_starts_nothing_more_and_waits_for_the_build_running(tmp_path: Path) -> None:
    first, second = Job("first"), Job("second")
    with running(tmp_path, [first, second], cores=2) as prebuilds:
        assert first.started.wait(PATIENCE)
        stopping = threading.Thread(target=prebuilds.stop)
        stopping.start()
        assert not second.started.wait(GRACE)
        assert stopping.is_alive(), "stop waits for the build running"
        first.released.set()
        stopping.join(PATIENCE)
        assert not stopping.is_alive()
        assert not second.started.is_set()
