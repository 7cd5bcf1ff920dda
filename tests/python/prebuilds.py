"""Builds that tests later in the session need, run one after another in a thread of their own
beside the session's first tests.

The tests run one at a time, and a build keeps about one core busy: on a machine of two, a build
that a later test needs can run meanwhile. A test module lists its builds in ``PREBUILDS`` (a
fixture's name: the function that makes it in a fresh folder); conftest queues those whose
fixture some selected test uses, in the order of the tests, and the fixture takes its build with
``Prebuilds.take``: the finished one, the one running (waited for), or, when its turn has not
come, built there and then. Each build is the same as the test would make itself: only where
it runs and when it starts differ.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Make = Callable[[Path, Mapping[str, str]], Any]
"""Makes a fixture's value in a fresh folder, with the environment the session started with
(later tests may change os.environ for themselves while the thread builds)."""


@dataclass
class _Job:
    make: Make
    started: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None


class Prebuilds:
    """The queued builds and the thread that runs them."""

    def __init__(self, folder: Callable[[str], Path], environ: Mapping[str, str], jobs: list[Make]):
        self._folder = folder
        self._environ = dict(environ)
        self._jobs = {make: _Job(make) for make in jobs}
        self._queue = list(self._jobs.values())
        """The queued jobs, in order: ``take`` adds a job not queued to ``_jobs`` while the thread
        runs, never to this list."""
        self._lock = threading.Lock()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="prebuilds", daemon=True)

    def start(self) -> None:
        if self._jobs:
            self._thread.start()

    def stop(self) -> None:
        """Start no more builds; wait for the one running, so that no process outlives the session."""
        with self._lock:
            self._stopping = True
        if self._thread.is_alive():
            self._thread.join()

    def take(self, make: Make) -> Any:
        """The value ``make`` made (raising what it raised, a failed assertion say), made there
        and then if it was not queued or its turn has not come."""
        with self._lock:
            job = self._jobs.setdefault(make, _Job(make))
            here = not job.started
            job.started = True
        if here:
            self._do(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.value

    def _run(self) -> None:
        for job in self._queue:
            with self._lock:
                if job.started or self._stopping:
                    continue
                job.started = True
            self._do(job)

    def _do(self, job: _Job) -> None:
        try:
            job.value = job.make(self._folder(job.make.__name__), self._environ)
        except BaseException as exc:  # handed to the test that takes it
            job.error = exc
        finally:
            job.done.set()
