"""A short fuzzing run: damage the committed reports at random, for a bounded time, and check
that the extractor raises nothing but its own error and, with --keep-going, accounts for every
figure. ``KUNTATALOUS_FUZZ_SECONDS`` bounds the run (default 10); a failure names the seed
(``KUNTATALOUS_FUZZ_SEED`` replays it) and the mutations."""

from __future__ import annotations

import os
import random
import time

import pytest

from .robustness import Mutation, check_extraction, mutate
from .warehouse_builds import HY, YP, committed_report

pytestmark = pytest.mark.fuzz

CHARS = "O0l19,.%\t<>/b- \u2212\u00a0\u20acäö\n"
KINDS = ("delete", "duplicate", "swap", "flip", "flip", "flip")


def random_mutations(rng: random.Random) -> list[Mutation]:
    return [
        Mutation(
            kind=rng.choice(KINDS),
            index=rng.randrange(10_000),
            other=rng.randrange(10_000),
            position=rng.randrange(10_000),
            char=rng.choice(CHARS),
        )
        for _ in range(rng.randint(1, 12))
    ]


def test_fuzz_the_committed_reports() -> None:
    seconds = float(os.environ.get("KUNTATALOUS_FUZZ_SECONDS", "10"))
    seed = int(os.environ.get("KUNTATALOUS_FUZZ_SEED", str(time.time_ns() % 2**32)))
    rng = random.Random(seed)
    reports = {name: committed_report(name).split("\n") for name in (YP, HY)}
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        name = rng.choice(sorted(reports))
        mutations = random_mutations(rng)
        try:
            check_extraction("\n".join(mutate(reports[name], mutations)))
        except Exception as exc:
            raise AssertionError(
                f"KUNTATALOUS_FUZZ_SEED={seed}, run {runs}, {name}, mutations {mutations}: {exc!r}"
            ) from exc
        runs += 1
    assert runs > 0
