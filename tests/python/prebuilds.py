"""Builds that tests later in the session need, run in threads of their own beside the tests.

A build keeps about one core busy, and the tests run one at a time. A test module lists its
builds in ``PREBUILDS`` (a fixture's name: the function that makes it in a fresh folder);
conftest queues those whose fixture some selected test uses, in the order of the tests, and the
fixture takes its build with ``Prebuilds.take``: the finished one, the one running (waited for),
or, when its turn has not come, built there and then. Each build is the same as the test would
make itself: only where it runs and when it starts differ.

As many queued builds run at once as the machine has cores left: one per core, less one for the
test running (none while it waits in ``take``, when it uses no core) and less what else the
session runs beside the tests (``others``: the benchmark's smoke run). A test waiting for the
build it needs thus has the next ones built meanwhile, instead of one core idle.
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
    waiters: int = 0
    """Tests waiting in ``take`` for it to be made."""


class Prebuilds:
    """The queued builds and the threads that run them."""

    def __init__(
        self,
        folder: Callable[[str], Path],
        environ: Mapping[str, str],
        jobs: list[Make],
        cores: int,
        others: Callable[[], int] = lambda: 0,
    ):
        self._folder = folder
        self._environ = dict(environ)
        self._jobs = {make: _Job(make) for make in jobs}
        self._queue = list(self._jobs.values())
        """The queued jobs, in order: ``take`` adds a job not queued to ``_jobs`` while the threads
        run, never to this list."""
        self._cores = cores
        self._others = others
        self._running = 0
        """Queued jobs running in the threads."""
        self._stopping = False
        self._changed = threading.Condition()
        self._threads = [
            threading.Thread(target=self._run, name=f"prebuilds-{n}", daemon=True) for n in range(max(1, cores))
        ]

    def start(self) -> None:
        if self._jobs:
            for thread in self._threads:
                thread.start()

    def stop(self) -> None:
        """Start no more builds; wait for those running, so that no process outlives the session."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()

    def take(self, make: Make) -> Any:
        """The value ``make`` made (raising what it raised, a failed assertion say), made there
        and then if it was not queued or its turn has not come."""
        with self._changed:
            job = self._jobs.setdefault(make, _Job(make))
            here = not job.started
            job.started = True
        if here:
            self._do(job)
        else:
            self._wait(job)
        if job.error is not None:
            raise job.error
        return job.value

    def slots(self) -> int:
        """How many queued jobs may run in the threads now (at least one)."""
        test = 0 if any(job.waiters for job in self._jobs.values()) else 1
        return max(1, self._cores - test - self._others())

    def _wait(self, job: _Job) -> None:
        """Wait for a job a thread runs or will run, the test's core given to the next job meanwhile
        (until the job is done: ``_do`` takes the test's core back as it says so)."""
        with self._changed:
            if job.done.is_set():
                return
            job.waiters += 1
            self._changed.notify_all()
        job.done.wait()

    def _run(self) -> None:
        while (job := self._next()) is not None:
            try:
                self._do(job)
            finally:
                with self._changed:
                    self._running -= 1
                    self._changed.notify_all()

    def _next(self) -> _Job | None:
        """The next queued job not started, once a slot is free; None when there is none or the
        session stops. ``others`` changes unannounced: it is looked at again every second."""
        with self._changed:
            while not self._stopping:
                job = next((job for job in self._queue if not job.started), None)
                if job is None:
                    return None
                if self._running < self.slots():
                    job.started = True
                    self._running += 1
                    return job
                self._changed.wait(timeout=1.0)
            return None

    def _do(self, job: _Job) -> None:
        try:
            job.value = job.make(self._folder(job.make.__name__), self._environ)
        except BaseException as exc:  # handed to the test that takes it
            job.error = exc
        finally:
            with self._changed:
                job.waiters = 0
                job.done.set()
