"""The whole city's investments by asset class (investointiosan toteutuminen), printed as a city
prints them: the asset classes as rows, each class's Menot, their total, each class's Tulot
(where some year prints any), their total, and Nettoinvestoinnit.

A class's figures are the sums of the service areas' investment tables of that class, so every
printed total is the sum of its printed terms up to their rounding.
"""

from __future__ import annotations

from collections.abc import Sequence

from kuntatalous.synthetic import family_tables as ft
from kuntatalous.synthetic.figures import Ledger
from kuntatalous.synthetic.organisation import Unit

HEADING = {"fi": "## Investointiosan toteutuminen", "sv": "## Investeringsdelens utfall"}
LABEL = {"fi": "Investoinnit", "sv": "Investeringar"}
TOTALS = {
    "fi": {"menot": "Investointimenot yhteensä", "tulot": "Investointitulot yhteensä", "netto": "Nettoinvestoinnit"},
    "sv": {
        "menot": "Investeringsutgifter totalt",
        "tulot": "Investeringsinkomster totalt",
        "netto": "Nettoinvesteringar",
    },
}

AreaClasses = Sequence[tuple[Unit, Sequence[str]]]
"""Each service area with the asset classes of its investment tables."""


def investment_lines(ledger: Ledger, areas: AreaClasses, year: int, language: str) -> list[ft.Line]:
    """The statement's rows in print order."""
    classes = sorted({category for _, categories in areas for category in categories})
    menot = [_class_line(ledger, areas, category, year, "menot") for category in classes]
    tulot = [_class_line(ledger, areas, category, year, "tulot") for category in classes]
    tulot = [line for line in tulot if any((line.prior, line.budget, line.actual, line.change, line.prior_budget))]
    totals = TOTALS[language]
    spent = _sum(menot, "menot", totals["menot"])
    received = _sum(tulot, "tulot", totals["tulot"])
    income = [*tulot, received] if tulot else []
    return [*menot, spent, *income, _sum([spent, received], "netto", totals["netto"])]


def _class_line(ledger: Ledger, areas: AreaClasses, category: str, year: int, side: str) -> ft.Line:
    """One asset class's Menot or Tulot, summed over the service areas that invest in it."""
    units = [unit for unit, categories in areas if category in categories]
    now = [ledger.investment(unit, category, year) for unit in units]
    before = [ledger.investment(unit, category, year - 1) for unit in units]
    return ft.Line(
        side,
        prior=sum(figures.actual[side] for figures in before),
        budget=sum(figures.budget[side] for figures in now),
        actual=sum(figures.actual[side] for figures in now),
        change=sum(ledger.investment_change(unit, category, year)[side] for unit in units),
        prior_budget=sum(figures.budget[side] for figures in before),
        text=category.capitalize(),
    )


def _sum(lines: Sequence[ft.Line], side: str, text: str) -> ft.Line:
    """The total of ``lines``, printed in bold as ``text``."""
    return ft.Line(
        side,
        prior=sum(line.prior for line in lines),
        budget=sum(line.budget for line in lines),
        actual=sum(line.actual for line in lines),
        change=sum(line.change for line in lines),
        prior_budget=sum(line.prior_budget for line in lines),
        is_bold=True,
        text=text,
    )
