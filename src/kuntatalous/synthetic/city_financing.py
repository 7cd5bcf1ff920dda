"""The whole city's financing statement (rahoitusosan toteutuminen), as a city prints it after
its income statement and investment part: each group's total above its lines, the decree's
lines, then the cash at the year's end and start.

Vuosikate and Satunnaiset erät are the income statement's printed lines, Investointimenot and
Rahoitusosuudet investointimenoihin the investment part's totals (Menot, Tulot); the other flows
are drawn per municipality and year, and so is the cash at each year's end. Muut maksuvalmiuden
muutokset is what makes the actual change in cash the difference of the two years' cash, so
that Rahavarat 1.1. is the year before's Rahavarat 31.12. in every report; the budget plans no
such change. Every subtotal is the sum of its lines in each column, in euros.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kuntatalous.synthetic import dialects as d
from kuntatalous.synthetic import family_tables as ft

HEADING = {"fi": "## Rahoitusosan toteutuminen", "sv": "## Finansieringsdelens utfall"}
LABEL = {"fi": "Rahoituslaskelma", "sv": "Finansieringsanalys"}
ROWS = (
    "toiminnan_rahavirta",
    "rahavirran_vuosikate",
    "rahavirran_satunnaiset_erat",
    "tulorahoituksen_korjauserat",
    "investointien_rahavirta",
    "investointimenot",
    "rahoitusosuudet_investointimenoihin",
    "pysyvien_vastaavien_luovutustulot",
    "toiminnan_ja_investointien_rahavirta",
    "antolainauksen_muutokset",
    "antolainasaamisten_lisaykset",
    "antolainasaamisten_vahennykset",
    "lainakannan_muutokset",
    "pitkaaikaisten_lainojen_lisays",
    "pitkaaikaisten_lainojen_vahennys",
    "lyhytaikaisten_lainojen_muutos",
    "oman_paaoman_muutokset",
    "muut_maksuvalmiuden_muutokset",
    "rahoituksen_rahavirta",
    "rahavarojen_muutos",
    "rahavarat_31_12",
    "rahavarat_1_1",
)
"""In print order (seeds/reference/ref_line_items.csv's lines)."""
BOLD = frozenset({"toiminnan_ja_investointien_rahavirta", "rahoituksen_rahavirta", "rahavarojen_muutos"})
WORDS = {
    "fi": (
        "Toiminnan rahavirta",
        "Vuosikate",
        "Satunnaiset erät",
        "Tulorahoituksen korjauserät",
        "Investointien rahavirta",
        "Investointimenot",
        "Rahoitusosuudet investointimenoihin",
        "Pysyvien vastaavien hyödykkeiden luovutustulot",
        "Toiminnan ja investointien rahavirta",
        "Antolainauksen muutokset",
        "Antolainasaamisten lisäykset",
        "Antolainasaamisten vähennykset",
        "Lainakannan muutokset",
        "Pitkäaikaisten lainojen lisäys",
        "Pitkäaikaisten lainojen vähennys",
        "Lyhytaikaisten lainojen muutos",
        "Oman pääoman muutokset",
        "Muut maksuvalmiuden muutokset",
        "Rahoituksen rahavirta",
        "Rahavarojen muutos",
        "Rahavarat 31.12.",
        "Rahavarat 1.1.",
    ),
    "sv": (
        "Kassaflödet i verksamheten",
        "Årsbidrag",
        "Extraordinära poster",
        "Korrektivposter till internt tillförda medel",
        "Investeringarnas kassaflöde",
        "Investeringsutgifter",
        "Finansieringsandelar för investeringsutgifter",
        "Försäljningsinkomster av tillgångar bland bestående aktiva",
        "Verksamhetens och investeringarnas kassaflöde",
        "Förändringar i utlåningen",
        "Ökning av utlåningen",
        "Minskning av utlåningen",
        "Förändringar i lånebeståndet",
        "Ökning av långfristiga lån",
        "Minskning av långfristiga lån",
        "Förändring av kortfristiga lån",
        "Förändringar i eget kapital",
        "Övriga förändringar av likviditeten",
        "Finansieringens kassaflöde",
        "Förändring av likvida medel",
        "Likvida medel 31.12.",
        "Likvida medel 1.1.",
    ),
}
"""Each row's label, in the order of ``ROWS``."""

DRAWN = (
    "tulorahoituksen_korjauserat",
    "pysyvien_vastaavien_luovutustulot",
    "antolainasaamisten_lisaykset",
    "antolainasaamisten_vahennykset",
    "pitkaaikaisten_lainojen_lisays",
    "pitkaaikaisten_lainojen_vahennys",
    "lyhytaikaisten_lainojen_muutos",
    "oman_paaoman_muutokset",
)
_ROLES = {
    d.PRIOR: (-1, "actual"),
    d.BUDGET: (0, "budget"),
    d.ACTUAL: (0, "actual"),
    d.CHANGE: (0, "change"),
    d.PRIOR_BUDGET: (-1, "budget"),
}
"""Each column the statement fills (``family_tables.Line.amount``'s roles): the year it is of,
relative to the statement's, and its scenario."""


@dataclass(frozen=True)
class Draws:
    """One year's drawn flows (actual and budget, by line) and the cash at its end."""

    actual: dict[str, int]
    budget: dict[str, int]
    cash: int


def draw(rng: random.Random, scale: int) -> Draws:
    """A year's drawn flows and cash, of the size of ``scale`` (a share of the city's costs)."""

    def flow(low: float, high: float) -> int:
        return round(scale * rng.uniform(low, high))

    actual = {
        "tulorahoituksen_korjauserat": -flow(0.0, 0.05),
        "pysyvien_vastaavien_luovutustulot": flow(0.0, 0.1),
        "antolainasaamisten_lisaykset": -flow(0.0, 0.02),
        "antolainasaamisten_vahennykset": flow(0.0, 0.01),
        "pitkaaikaisten_lainojen_lisays": flow(0.2, 0.8),
        "pitkaaikaisten_lainojen_vahennys": -flow(0.2, 0.6),
        "lyhytaikaisten_lainojen_muutos": rng.choice((0, flow(-0.1, 0.1))),
        "oman_paaoman_muutokset": 0,
    }
    budget = {line: round(value, -3) for line, value in actual.items()}
    return Draws(actual=actual, budget=budget, cash=round(flow(0.5, 1.5), -3))


def financing_lines(
    income: Mapping[str, ft.Line],
    investments: Mapping[str, ft.Line],
    draws: Callable[[int], Draws],
    year: int,
    language: str,
) -> list[ft.Line]:
    """The statement's rows of ``year``: ``income`` the income statement's printed lines,
    ``investments`` the investment part's Menot and Tulot totals (by line), ``draws`` each
    year's drawn flows, labelled in ``language``."""
    columns = {role: _column(income, investments, draws, year, role) for role in _ROLES}
    return [
        ft.Line(
            line,
            prior=columns[d.PRIOR][line],
            budget=columns[d.BUDGET][line],
            actual=columns[d.ACTUAL][line],
            change=columns[d.CHANGE][line],
            prior_budget=columns[d.PRIOR_BUDGET][line],
            is_bold=line in BOLD,
            text=text,
        )
        for line, text in zip(ROWS, WORDS[language], strict=True)
    ]


def _column(
    income: Mapping[str, ft.Line],
    investments: Mapping[str, ft.Line],
    draws: Callable[[int], Draws],
    year: int,
    role: str,
) -> dict[str, int]:
    """Every row's figure in one column (``role``, one of ``_ROLES``)."""
    offset, scenario = _ROLES[role]
    own, before = draws(year + offset), draws(year + offset - 1)
    values = {
        "rahavirran_vuosikate": _amount(income["vuosikate"], role),
        "rahavirran_satunnaiset_erat": _amount(income["satunnaiset_erat"], role),
        "investointimenot": _amount(investments["menot"], role),
        "rahoitusosuudet_investointimenoihin": _amount(investments.get("tulot"), role),
    }
    drawn = {"actual": own.actual, "budget": own.budget}.get(scenario, dict.fromkeys(DRAWN, 0))
    values.update(drawn)
    return _subtotals(values, scenario, own.cash, before.cash)


def _amount(line: ft.Line | None, role: str) -> int:
    """A printed line's figure in ``role``'s column; 0 for a line not printed (no Tulot)."""
    return 0 if line is None else line.amount(role)


def _subtotals(values: dict[str, int], scenario: str, cash: int, cash_before: int) -> dict[str, int]:
    """The subtotals, the balancing change in liquidity and the cash, from the lines."""
    full = dict(values)
    full["toiminnan_rahavirta"] = sum(
        full[line] for line in ("rahavirran_vuosikate", "rahavirran_satunnaiset_erat", "tulorahoituksen_korjauserat")
    )
    full["investointien_rahavirta"] = sum(
        full[line]
        for line in ("investointimenot", "rahoitusosuudet_investointimenoihin", "pysyvien_vastaavien_luovutustulot")
    )
    full["toiminnan_ja_investointien_rahavirta"] = full["toiminnan_rahavirta"] + full["investointien_rahavirta"]
    full["antolainauksen_muutokset"] = full["antolainasaamisten_lisaykset"] + full["antolainasaamisten_vahennykset"]
    full["lainakannan_muutokset"] = sum(
        full[line]
        for line in (
            "pitkaaikaisten_lainojen_lisays",
            "pitkaaikaisten_lainojen_vahennys",
            "lyhytaikaisten_lainojen_muutos",
        )
    )
    planned = (
        full["toiminnan_ja_investointien_rahavirta"]
        + full["antolainauksen_muutokset"]
        + full["lainakannan_muutokset"]
        + full["oman_paaoman_muutokset"]
    )
    full["muut_maksuvalmiuden_muutokset"] = cash - cash_before - planned if scenario == "actual" else 0
    full["rahoituksen_rahavirta"] = (
        full["antolainauksen_muutokset"]
        + full["lainakannan_muutokset"]
        + full["oman_paaoman_muutokset"]
        + full["muut_maksuvalmiuden_muutokset"]
    )
    full["rahavarojen_muutos"] = full["toiminnan_ja_investointien_rahavirta"] + full["rahoituksen_rahavirta"]
    opening = 0 if scenario == "change" else cash_before
    full["rahavarat_1_1"] = opening
    full["rahavarat_31_12"] = cash if scenario == "actual" else opening + full["rahavarojen_muutos"]
    return full
