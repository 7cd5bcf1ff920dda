"""Which way a table prints its variance (Poikkeama), read from its own numbers.

Some reports print budget - actual (Heinola: 989 100 - 1 372 028 = -382 928), others
actual - budget (337 956 - 331 905 = 6 051), some the overrun by size, |actual| - |budget|,
positive where income or costs exceed the budget (Lahti's ``Ylitys (+) / alitus (-)``:
income 3 219 529 - 3 135 834 = 83 695, costs 16 516 339 - 16 899 873 = -383 534 of figures
printed negative), and some the outcome against the budget, positive where it is better:
actual - budget in the warehouse's signs (revenue positive, costs negative, a balance
revenue - costs), so budget - actual on a cost printed positive (Kouvola: income
13 615 743 - 13 250 000 = 365 743, costs 162 050 000 - 161 550 895 = 499 105, Toimintakate
-147 935 152 + 148 800 000 = 864 848). A convention holds for a table when every row that
prints a budget, an actual and a variance agrees with it within rounding: each of the three
printed figures may be off by half its last printed digit times the table's scale.

The overrun by size is tried only where neither classic convention holds: where every amount is
positive it is actual - budget, where the signs make it coincide with budget - actual it is
that, and the classic name is kept. The signed variance is tried last, where none of these
holds: which rows are costs is the chart's to say (the build checks each row by its line's
direction and its table's signs), so here a row may print budget - actual only as a cost
printed positive would, with neither its budget nor its actual negative. A table where both
classic conventions hold (every variance zero) is ``ambiguous``, one where none holds is
``neither``: its printed-variance check fails, naming the rows that break the closest
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
    ABS_ACTUAL_MINUS_ABS_BUDGET = "abs_actual_minus_abs_budget"
    """The overrun by size: positive where income or costs exceed the budget, whatever their sign."""
    SIGNED_ACTUAL_MINUS_SIGNED_BUDGET = "signed_actual_minus_signed_budget"
    """Better than budget positive: actual - budget in the warehouse's signs (a cost printed
    positive turned negative), whatever way the table prints its costs."""

    def compute(self, budget: Decimal, actual: Decimal, printed: Decimal) -> Decimal:
        """The variance the convention gives for a row's budget and actual; the signed one
        by the row's figures and ``printed`` variance (``signed_variance``)."""
        if self == VarianceConvention.BUDGET_MINUS_ACTUAL:
            return budget - actual
        if self == VarianceConvention.ACTUAL_MINUS_BUDGET:
            return actual - budget
        if self == VarianceConvention.ABS_ACTUAL_MINUS_ABS_BUDGET:
            return abs(actual) - abs(budget)
        return signed_variance(budget, actual, printed)


def signed_variance(budget: Decimal, actual: Decimal, printed: Decimal) -> Decimal:
    """Signed actual - signed budget as a row's figures alone can tell it: budget - actual where
    the row may be a cost printed positive (neither figure negative) and that is nearer its
    ``printed`` variance, else actual - budget (revenue, a balance, a cost printed negative).
    The build checks the row by its line's direction instead, where the chart knows it
    (int_reconciliation__printed_ratios)."""
    turned = budget >= 0 and actual >= 0 and abs(printed - (budget - actual)) < abs(printed - (actual - budget))
    return budget - actual if turned else actual - budget


CLASSIC = (VarianceConvention.BUDGET_MINUS_ACTUAL, VarianceConvention.ACTUAL_MINUS_BUDGET)
"""The conventions tried first; the others, in the order declared, only where neither of these
holds."""


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
    """For ``neither``: the rows that break the closest convention (fewest misfits, then the
    least missed in all; the first declared on a tie, budget - actual before the others, the
    signed variance last). Empty otherwise."""
    closest: VarianceConvention | None = None


def row_tolerance(row: VarianceFigures, scale: int) -> Decimal:
    """Half the last printed digit of each of the row's three figures, in printed units times the
    scale; none for a nil (exact)."""
    figures = [v for v in (row.budget, row.actual, row.variance) if v is not None and not isinstance(v, Nil)]
    return sum((Decimal(1).scaleb(-decimal_places(v)) / 2 for v in figures), Decimal(0)) * scale


def misfits(
    rows: Sequence[VarianceFigures],
    convention: VarianceConvention,
    scale: int = 1,
    tolerances: Sequence[Decimal] | None = None,
) -> list[VarianceMisfit]:
    """The rows whose printed variance differs from ``convention`` by more than rounding.

    Figures are compared in printed units; the misfits report them times ``scale``, in euros.
    ``tolerances``: each row's ``row_tolerance`` in printed units, where the caller has them.
    """
    found = []
    for index, row in enumerate(rows):
        if row.budget is None or row.actual is None or row.variance is None:
            continue
        computed = convention.compute(row.budget, row.actual, row.variance)
        tolerance = row_tolerance(row, 1) if tolerances is None else tolerances[index]
        if abs(row.variance - computed) > tolerance:
            found.append(VarianceMisfit(row.line, row.variance * scale, computed * scale, tolerance * scale))
    return found


def _how_far(found: Sequence[VarianceMisfit]) -> tuple[int, Decimal]:
    """How far a table is from a convention: how many rows break it, then by how much in all."""
    return len(found), sum((abs(misfit.printed - misfit.computed) for misfit in found), Decimal(0))


def detect_variance_convention(rows: Sequence[VarianceFigures], scale: int = 1) -> VarianceDetection:
    """Detect the table's variance convention from its rows (see the module docstring)."""
    checked = sum(row.budget is not None and row.actual is not None and row.variance is not None for row in rows)
    if checked == 0:
        return VarianceDetection(VarianceStatus.NO_ROWS, None, 0, ())
    tolerances = [row_tolerance(row, 1) for row in rows]  # the same for every convention
    broken = {convention: misfits(rows, convention, scale, tolerances) for convention in VarianceConvention}
    holding = [convention for convention, found in broken.items() if not found]
    classic = [convention for convention in holding if convention in CLASSIC]
    if len(classic) == len(CLASSIC):
        return VarianceDetection(VarianceStatus.AMBIGUOUS, None, checked, ())
    holding = classic or holding
    if holding:
        return VarianceDetection(VarianceStatus.DETECTED, holding[0], checked, (), closest=holding[0])
    closest = min(VarianceConvention, key=lambda convention: _how_far(broken[convention]))
    return VarianceDetection(VarianceStatus.NEITHER, None, checked, tuple(broken[closest]), closest=closest)
