"""How many processes a step runs at once, declared once for every step that runs several."""

from __future__ import annotations

import os


def default_jobs() -> int:
    """The machine's CPU count (1 if it cannot be told): the extraction's and the report site's
    worker processes unless told otherwise."""
    return os.cpu_count() or 1
