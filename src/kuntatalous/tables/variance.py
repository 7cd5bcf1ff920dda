"""Which way a table prints its variance (Poikkeama), read from its own numbers.

Some reports print budget - actual (Heinola: 989 100 - 1 372 028 = -382 928), others
actual - budget (337 956 - 331 905 = 6 051), and some the overrun by size, |actual| - |budget|,
positive where income or costs exceed the budget (Lahti's ``Ylitys (+) / alitus (-)``:
income 3 219 529 - 3 135 834 = 83 695, costs 16 516 339 - 16 899 873 = -383 534 of figures
printed negative). A convention holds for a table when every row that prints a budget, an
actual and a variance agrees with it within rounding: each of the three printed figures may be
off by half its last printed digit times the table's scale.

The overrun by size is tried only where neither classic convention holds: where every amount is
positive it is actual - budget, where the signs make it coincide with budget - actual it is
that, and the classic name is kept. A table where both classic conventions hold (every variance
zero) is ``ambiguous``, one where none holds is ``neither``: its printed-variance check fails,
naming the rows that break the closest convention.
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
    ABS_ACTUAL_MINUS_ABS_BUDGET = "abs_actual_minus_abs_budget"
    """The overrun by size: positive where income or costs exceed the budget, whatever their sign."""

    def compute(self, budget: Decimal, actual: Decimal) -> Decimal:
        if self == VarianceConvention.BUDGET_MINUS_ACTUAL:
            return budget - actual
        if self == VarianceConvention.ACTUAL_MINUS_BUDGET:
            return actual - budget
        return abs(actual) - abs(budget)


CLASSIC = (VarianceConvention.BUDGET_MINUS_ACTUAL, VarianceConvention.ACTUAL_MINUS_BUDGET)
"""The conventions tried first; the others only where neither of these holds."""


class VarianceStatus(StrEnum):
    DETECTED = "detected"
    AMBIGUOUS = "ambiguous"
    """Both classic conventions hold (e.g. every variance is zero): any printed variance checks out."""
    NEITHER = "neither"
    """No convention holds on every row."""
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
    """The convention that holds (a classic one where one does); ``None`` when both classic ones
    or none do."""
    rows_checked: int
    misfits: tuple[VarianceMisfit, ...]
    """For ``neither``: the rows that break the closest convention (fewest misfits; the first
    declared on a tie, budget - actual before the others). Empty otherwise."""
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
    classic = [convention for convention in holding if convention in CLASSIC]
    if len(classic) == len(CLASSIC):
        return VarianceDetection(VarianceStatus.AMBIGUOUS, None, checked, ())
    holding = classic or holding
    if holding:
        return VarianceDetection(VarianceStatus.DETECTED, holding[0], checked, (), closest=holding[0])
    closest = min(VarianceConvention, key=lambda convention: len(broken[convention]))
    return VarianceDetection(VarianceStatus.NEITHER, None, checked, tuple(broken[closest]), closest=closest)
