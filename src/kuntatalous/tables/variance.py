"""Which way a table prints its variance (Poikkeama), read from its own numbers.

Some reports print budget - actual (Heinola: 989 100 - 1 372 028 = -382 928), others
actual - budget (337 956 - 331 905 = 6 051). A convention holds for a table when every row
that prints a budget, an actual and a variance agrees with it within rounding: each of the
three printed figures may be off by half its last printed digit times the table's scale.
A table where both hold (every variance zero) is ``ambiguous``, one where neither holds is
``neither``: its printed-variance check fails, naming the rows that break the closer
convention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kuntatalous.text.number_format import Nil
from kuntatalous.text.numbers import decimal_places


class VarianceConvention(StrEnum):
    BUDGET_MINUS_ACTUAL = "budget_minus_actual"
    ACTUAL_MINUS_BUDGET = "actual_minus_budget"

    def compute(self, budget: Decimal, actual: Decimal) -> Decimal:
        return budget - actual if self == VarianceConvention.BUDGET_MINUS_ACTUAL else actual - budget


class VarianceStatus(StrEnum):
    DETECTED = "detected"
    AMBIGUOUS = "ambiguous"
    """Both conventions hold (e.g. every variance is zero): any printed variance checks out."""
    NEITHER = "neither"
    NO_ROWS = "no_rows"
    """No row prints all of budget, actual and variance."""


@dataclass(frozen=True)
class VarianceFigures:
    """One row's printed budget (in force), actual and variance, as printed (not scaled)."""

    line: int
    budget: Decimal | None
    actual: Decimal | None
    variance: Decimal | None


@dataclass(frozen=True)
class VarianceMisfit:
    """A row that breaks a convention: what it prints and what the convention gives."""

    line: int
    printed: Decimal
    computed: Decimal
    tolerance: Decimal


@dataclass(frozen=True)
class VarianceDetection:
    status: VarianceStatus
    convention: VarianceConvention | None
    """The convention that holds; ``None`` when both or neither do."""
    rows_checked: int
    misfits: tuple[VarianceMisfit, ...]
    """For ``neither``: the rows that break the closer convention (fewer misfits; budget -
    actual on a tie). Empty otherwise."""
    closest: VarianceConvention | None = None


def row_tolerance(row: VarianceFigures, scale: int) -> Decimal:
    """Half the last printed digit of each of the row's three figures, in printed units times the
    scale; none for a nil (exact)."""
    figures = [v for v in (row.budget, row.actual, row.variance) if v is not None and not isinstance(v, Nil)]
    return sum((Decimal(1).scaleb(-decimal_places(v)) / 2 for v in figures), Decimal(0)) * scale


def misfits(rows: Sequence[VarianceFigures], convention: VarianceConvention, scale: int = 1) -> list[VarianceMisfit]:
    """The rows whose printed variance differs from ``convention`` by more than rounding.

    Figures are compared in printed units; the misfits report them times ``scale``, in euros.
    """
    found = []
    for row in rows:
        if row.budget is None or row.actual is None or row.variance is None:
            continue
        computed = convention.compute(row.budget, row.actual)
        tolerance = row_tolerance(row, 1)
        if abs(row.variance - computed) > tolerance:
            found.append(VarianceMisfit(row.line, row.variance * scale, computed * scale, tolerance * scale))
    return found


def detect_variance_convention(rows: Sequence[VarianceFigures], scale: int = 1) -> VarianceDetection:
    """Detect the table's variance convention from its rows (see the module docstring)."""
    checked = sum(row.budget is not None and row.actual is not None and row.variance is not None for row in rows)
    if checked == 0:
        return VarianceDetection(VarianceStatus.NO_ROWS, None, 0, ())
    broken = {convention: misfits(rows, convention, scale) for convention in VarianceConvention}
    holding = [convention for convention, found in broken.items() if not found]
    if len(holding) == len(broken):
        return VarianceDetection(VarianceStatus.AMBIGUOUS, None, checked, ())
    if holding:
        return VarianceDetection(VarianceStatus.DETECTED, holding[0], checked, (), closest=holding[0])
    closest = min(VarianceConvention, key=lambda convention: len(broken[convention]))
    return VarianceDetection(VarianceStatus.NEITHER, None, checked, tuple(broken[closest]), closest=closest)
