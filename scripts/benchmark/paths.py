"""Where the benchmark runs: the checkout it measures and the tools beside its Python."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
