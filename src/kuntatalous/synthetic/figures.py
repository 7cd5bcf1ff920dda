"""Budget and actual figures in whole euros, from the leaves up.

Each responsibility area (a leaf of the unit tree) draws its line items for every year; a
parent's figure is the sum of its children's, and each subtotal the sum of its lines, so every
printed total agrees exactly with what it totals. A report year's prior-year column prints the
previous year's actual, which is why figures are drawn for the year before the first report.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kuntatalous.synthetic.organisation import Municipality, Unit

if TYPE_CHECKING:
    from kuntatalous.synthetic.city_financing import Draws

REVENUES = ("myyntituotot", "maksutuotot", "tuet_ja_avustukset", "muut_toimintatuotot")
EXPENSES = ("henkilostokulut", "palvelujen_ostot", "aineet_tarvikkeet_ja_tavarat", "avustukset", "muut_toimintakulut")
VALMISTUS = "valmistus_omaan_kayttoon"
FINANCIAL = "rahoitustuotot_ja_kulut"
DEPRECIATION = "poistot_ja_arvonalentumiset"
LEAF_LINES = (*REVENUES, VALMISTUS, *EXPENSES, FINANCIAL, DEPRECIATION)

TOIMINTATUOTOT = "toimintatuotot"
TOIMINTAKULUT = "toimintakulut"
TOIMINTAKATE = "toimintakate"
VUOSIKATE = "vuosikate"
TILIKAUDEN_TULOS = "tilikauden_tulos"

LABELS = {
    "myyntituotot": "Myyntituotot",
    "maksutuotot": "Maksutuotot",
    "tuet_ja_avustukset": "Tuet ja avustukset",
    "muut_toimintatuotot": "Muut toimintatuotot",
    TOIMINTATUOTOT: "Toimintatuotot",
    VALMISTUS: "Valmistus omaan käyttöön",
    "henkilostokulut": "Henkilöstökulut",
    "palvelujen_ostot": "Palvelujen ostot",
    "aineet_tarvikkeet_ja_tavarat": "Aineet, tarvikkeet ja tavarat",
    "avustukset": "Avustukset",
    "muut_toimintakulut": "Muut toimintakulut",
    TOIMINTAKULUT: "Toimintakulut",
    TOIMINTAKATE: "Toimintakate",
    FINANCIAL: "Rahoitustuotot ja -kulut",
    VUOSIKATE: "Vuosikate",
    DEPRECIATION: "Poistot ja arvonalentumiset",
    TILIKAUDEN_TULOS: "Tilikauden tulos",
    "menot": "Menot",
    "tulot": "Tulot",
    "netto": "Netto",
}

# Share of a unit's operating expenses (negative) or revenue (positive) per line, as a range.
_SHARES: dict[str, tuple[float, float]] = {
    "myyntituotot": (0.0, 0.12),
    "maksutuotot": (0.0, 0.08),
    "tuet_ja_avustukset": (0.0, 0.10),
    "muut_toimintatuotot": (0.0, 0.03),
    "henkilostokulut": (-0.60, -0.30),
    "palvelujen_ostot": (-0.45, -0.20),
    "aineet_tarvikkeet_ja_tavarat": (-0.08, -0.02),
    "avustukset": (-0.06, 0.0),
    "muut_toimintakulut": (-0.14, -0.04),
    DEPRECIATION: (-0.05, -0.01),
}


@dataclass(frozen=True)
class Figures:
    """One unit's line items in one year: the actual and the budget."""

    actual: dict[str, int]
    budget: dict[str, int]


@dataclass(frozen=True)
class Statement:
    """The whole city's income statement in one year: the actual, the budget in force and the
    budget changes of every line printed, in print order."""

    lines: tuple[str, ...]
    actual: dict[str, int]
    budget: dict[str, int]
    change: dict[str, int]


@dataclass(frozen=True)
class Investment:
    """One unit's investment table for one asset class in one year (Menot, Tulot, Netto)."""

    actual: dict[str, int]
    budget: dict[str, int]


class Ledger:
    """Every unit's figures in every year of a municipality, and its investments."""

    def __init__(self, municipality: Municipality, seed: int) -> None:
        self._seed = seed
        self._municipality = municipality
        self._operating: dict[tuple[str, int], Figures] = {}
        self._changes: dict[tuple[str, int], dict[str, int]] = {}
        years = (municipality.years[0] - 1, *municipality.years)
        for year in years:
            self._add_year(municipality.city, year)

    def operating(self, unit: Unit, year: int) -> Figures:
        return self._operating[(unit.unit_id, year)]

    def changes(self, unit: Unit, year: int) -> dict[str, int]:
        """The budget changes of ``unit`` in ``year`` (the budget in force minus the original
        budget), drawn at the leaves on their own seed and summed up like the figures."""
        key = (unit.unit_id, year)
        if key not in self._changes:
            if unit.children:
                parts = [self.changes(child, year) for child in unit.children]
                lines = _sum(parts)
            else:
                lines = self._leaf_changes(unit, year)
            self._changes[key] = with_subtotals({line: lines[line] for line in LEAF_LINES})
        return self._changes[key]

    def investment_change(self, unit: Unit, category: str, year: int) -> dict[str, int]:
        """The budget changes of an investment table (Menot, Tulot, Netto)."""
        budget = self.investment(unit, category, year).budget
        rng = self._rng("investment-change", unit.unit_id, category, str(year))
        menot = 0 if rng.random() < 0.5 else -_round_to(-budget["menot"] * rng.uniform(-0.2, 0.3), 1_000)
        tulot = 0 if budget["tulot"] == 0 or rng.random() < 0.5 else _round_to(budget["tulot"] * 0.1, 1_000)
        return {"menot": menot, "tulot": tulot, "netto": menot + tulot}

    def city_statement(self, year: int) -> Statement:
        """The whole city's income statement of ``year`` (see :mod:`kuntatalous.synthetic.city`)."""
        from kuntatalous.synthetic.city import city_statement

        city = self._municipality.city
        return city_statement(self.operating(city, year), self.changes(city, year), self._rng("city", str(year)))

    def financing_draws(self, year: int) -> Draws:
        """The drawn flows and the cash at the end of ``year`` of the whole city's financing
        statement (see :mod:`kuntatalous.synthetic.city_financing`), the same in every report."""
        from kuntatalous.synthetic.city_financing import draw

        costs = -self.operating(self._municipality.city, self._municipality.years[0]).budget["toimintakulut"]
        scale = round(costs * self._rng("financing").uniform(0.03, 0.15))
        return draw(self._rng("financing", str(year)), scale)

    def _leaf_changes(self, unit: Unit, year: int) -> dict[str, int]:
        budget = self.operating(unit, year).budget
        rng = self._rng("change", unit.unit_id, str(year))
        changes = dict.fromkeys(LEAF_LINES, 0)
        for line in LEAF_LINES:
            if budget[line] != 0 and rng.random() < 0.4:
                changes[line] = _round_to(budget[line] * rng.uniform(-0.04, 0.08), 100)
        return changes

    def investment(self, unit: Unit, category: str, year: int) -> Investment:
        rng = self._rng("investment", unit.unit_id, category)
        scale = rng.choice((40_000, 120_000, 400_000, 1_500_000))
        has_revenue = rng.random() < 0.3
        unbudgeted_year = rng.choice((*self._municipality.years, None, None))
        year_rng = self._rng("investment", unit.unit_id, category, str(year))
        spent = -round(scale * year_rng.uniform(0.1, 1.3))
        planned = -_round_to(scale * year_rng.uniform(0.6, 1.2), 1_000)
        revenue = round(-spent * year_rng.uniform(0.02, 0.2)) if has_revenue else 0
        planned_revenue = _round_to(-planned * year_rng.uniform(0.0, 0.15), 1_000) if has_revenue else 0
        if year == unbudgeted_year:
            spent, planned, revenue, planned_revenue = 0, 0, 0, 0
        actual = {"menot": spent, "tulot": revenue, "netto": spent + revenue}
        budget = {"menot": planned, "tulot": planned_revenue, "netto": planned + planned_revenue}
        return Investment(actual=actual, budget=budget)

    def _rng(self, *key: str) -> random.Random:
        return random.Random("|".join((str(self._seed), self._municipality.slug, *key)))

    def _add_year(self, unit: Unit, year: int) -> Figures:
        if unit.children:
            parts = [self._add_year(child, year) for child in unit.children]
            actual = _sum(part.actual for part in parts)
            budget = _sum(part.budget for part in parts)
        else:
            actual, budget = self._leaf(unit, year)
        figures = Figures(actual=with_subtotals(actual), budget=with_subtotals(budget))
        self._operating[(unit.unit_id, year)] = figures
        return figures

    def _leaf(self, unit: Unit, year: int) -> tuple[dict[str, int], dict[str, int]]:
        base = self._rng("leaf", unit.unit_id)
        expenses = round(10 ** base.uniform(5.2, 6.9))
        shares = {line: base.uniform(*_SHARES[line]) for line in _SHARES}
        unbudgeted = {line for line in REVENUES if base.random() < 0.15}
        growth = base.uniform(0.99, 1.05) ** (year - self._municipality.years[0])
        rng = self._rng("leaf", unit.unit_id, str(year))
        actual: dict[str, int] = {}
        budget: dict[str, int] = {}
        for line in LEAF_LINES:
            if line == VALMISTUS:
                # Only tables that print the row may have anything in it: Toimintakate adds it.
                made = self._municipality.prints_valmistus and unit.kind == "environment" and base.random() < 0.5
                actual[line] = round(expenses * rng.uniform(0.0, 0.02)) if made else 0
                budget[line] = _round_to(expenses * 0.01, 100) if made else 0
                continue
            if line == FINANCIAL:
                actual[line] = rng.randint(-9_000, 2_000)
                budget[line] = rng.choice((0, -1_000, -2_000, -5_000))
                continue
            expected = expenses * shares[line] * growth
            actual[line] = round(expected * rng.uniform(0.85, 1.15))
            budget[line] = 0 if line in unbudgeted else _round_to(expected * rng.uniform(0.92, 1.08), 100)
        return actual, budget


def with_subtotals(lines: dict[str, int]) -> dict[str, int]:
    """The leaf lines with Toimintatuotot, Toimintakulut, Toimintakate, Vuosikate and Tilikauden
    tulos added (parents and subtotals as in ``seeds/reference/ref_line_items.csv``)."""
    totals = dict(lines)
    totals[TOIMINTATUOTOT] = sum(lines[line] for line in REVENUES)
    totals[TOIMINTAKULUT] = sum(lines[line] for line in EXPENSES)
    totals[TOIMINTAKATE] = totals[TOIMINTATUOTOT] + lines[VALMISTUS] + totals[TOIMINTAKULUT]
    totals[VUOSIKATE] = totals[TOIMINTAKATE] + lines[FINANCIAL]
    totals[TILIKAUDEN_TULOS] = totals[VUOSIKATE] + lines[DEPRECIATION]
    return totals


def _round_to(value: float, step: int) -> int:
    """``value`` rounded to a multiple of ``step`` (budgets are set in hundreds or thousands)."""
    return round(value / step) * step


def _sum(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(LEAF_LINES, 0)
    for part in parts:
        for line in LEAF_LINES:
            total[line] += part[line]
    return total
