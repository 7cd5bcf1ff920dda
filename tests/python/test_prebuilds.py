"""The prebuild queue: its thread goes on with the queue whatever the tests take meanwhile."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Mapping
from pathlib import Path

from _pytest.fixtures import FixtureFunctionDefinition

from . import conftest
from .prebuilds import Prebuilds

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
    queue = Prebuilds(lambda name: tmp_path / name, {}, [first, second])
    queue.start()
    assert FIRST_STARTED.wait(timeout=30)
    assert queue.take(aside) == "aside"
    TAKEN_ASIDE.set()
    assert SECOND_MADE.wait(timeout=10), "the thread stopped before the queue's second build"
    queue.stop()
    assert queue.take(second) == "second"
    made_here = threading.current_thread().name
    assert dict(MADE_BY) == {"first": "prebuilds", "second": "prebuilds", "aside": made_here}


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
