"""The whole city's income statement (tuloslaskelmaosan toteutuminen), decree 525/2020 in full.

Its operating lines are the sum of the service areas' (the ledger's city unit), Henkilöstökulut
split into Palkat ja palkkiot and Henkilösivukulut; the city adds Verotulot, Valtionosuudet,
the financial items split four ways, Satunnaiset erät and the appropriations, and every
subtotal is the sum of its lines as in ``seeds/reference/ref_line_items.csv``. Group totals
are printed on their own line above their terms.
"""

from __future__ import annotations

import random

from kuntatalous.synthetic.figures import Figures, Statement

LINES = (
    "toimintatuotot",
    "myyntituotot",
    "maksutuotot",
    "tuet_ja_avustukset",
    "muut_toimintatuotot",
    "valmistus_omaan_kayttoon",
    "toimintakulut",
    "henkilostokulut",
    "palkat_ja_palkkiot",
    "henkilosivukulut",
    "palvelujen_ostot",
    "aineet_tarvikkeet_ja_tavarat",
    "avustukset",
    "muut_toimintakulut",
    "toimintakate",
    "verotulot",
    "valtionosuudet",
    "rahoitustuotot_ja_kulut",
    "korkotuotot",
    "muut_rahoitustuotot",
    "korkokulut",
    "muut_rahoituskulut",
    "vuosikate",
    "poistot_ja_arvonalentumiset",
    "satunnaiset_erat",
    "tilikauden_tulos",
    "poistoeron_muutos",
    "varausten_muutos",
    "rahastojen_muutos",
    "tilikauden_ylijaama_alijaama",
)
"""In print order."""

_FROM_UNITS = (
    "toimintatuotot",
    "myyntituotot",
    "maksutuotot",
    "tuet_ja_avustukset",
    "muut_toimintatuotot",
    "valmistus_omaan_kayttoon",
    "toimintakulut",
    "henkilostokulut",
    "palvelujen_ostot",
    "aineet_tarvikkeet_ja_tavarat",
    "avustukset",
    "muut_toimintakulut",
    "toimintakate",
    "rahoitustuotot_ja_kulut",
    "poistot_ja_arvonalentumiset",
)


def city_statement(figures: Figures, changes: dict[str, int], rng: random.Random) -> Statement:
    """The statement from the city unit's figures and budget changes; ``rng`` draws the lines
    only the city prints (seeded per municipality and year, so a year's actual is the same in
    every report that prints it)."""
    draws = _draws(figures, rng)
    actual = _complete({line: figures.actual[line] for line in _FROM_UNITS}, draws["actual"])
    budget = _complete({line: figures.budget[line] for line in _FROM_UNITS}, draws["budget"])
    change = _complete({line: changes[line] for line in _FROM_UNITS}, draws["change"])
    return Statement(lines=LINES, actual=actual, budget=budget, change=change)


def _draws(figures: Figures, rng: random.Random) -> dict[str, dict[str, int]]:
    """The city-only lines and the share that splits the staff costs, for each figure."""
    margin = -figures.budget["toimintakate"]
    budget = {
        "verotulot": _thousands(margin * rng.uniform(0.62, 0.72)),
        "valtionosuudet": _thousands(margin * rng.uniform(0.28, 0.36)),
        "korkotuotot": rng.randint(20, 400) * 100,
        "muut_rahoitustuotot": rng.randint(0, 200) * 100,
        "muut_rahoituskulut": -rng.randint(0, 50) * 100,
        "satunnaiset_erat": 0,
        "poistoeron_muutos": rng.randint(0, 30) * 1_000,
        "varausten_muutos": 0,
        "rahastojen_muutos": 0,
    }
    change = dict.fromkeys(budget, 0)
    change["verotulot"] = rng.choice((0, 0, _thousands(budget["verotulot"] * 0.01)))
    change["valtionosuudet"] = rng.choice((0, _thousands(budget["valtionosuudet"] * 0.02)))
    actual = {
        "verotulot": round(budget["verotulot"] * rng.uniform(0.97, 1.04)),
        "valtionosuudet": round(budget["valtionosuudet"] * rng.uniform(0.99, 1.01)),
        "korkotuotot": round(budget["korkotuotot"] * rng.uniform(0.7, 1.3)),
        "muut_rahoitustuotot": rng.randint(0, 20_000),
        "muut_rahoituskulut": -rng.randint(0, 5_000),
        "satunnaiset_erat": rng.choice((0, 0, 0, rng.randint(-50_000, 80_000))),
        "poistoeron_muutos": budget["poistoeron_muutos"],
        "varausten_muutos": rng.choice((0, 0, -rng.randint(1, 50) * 1_000)),
        "rahastojen_muutos": rng.choice((0, 0, rng.randint(1, 20) * 1_000)),
    }
    actual["palkat_share_permille"] = round(rng.uniform(0.76, 0.81) * 1000)
    budget["palkat_share_permille"] = change["palkat_share_permille"] = 800
    return {"actual": actual, "budget": budget, "change": change}


def _thousands(value: float) -> int:
    return round(value / 1_000) * 1_000


def _complete(lines: dict[str, int], drawn: dict[str, int]) -> dict[str, int]:
    """Every line of the statement from the unit lines and the drawn ones, subtotals summed."""
    full = dict(lines)
    full.update({line: value for line, value in drawn.items() if line != "palkat_share_permille"})
    staff = full["henkilostokulut"]
    full["palkat_ja_palkkiot"] = round(staff * drawn["palkat_share_permille"] / 1000)
    full["henkilosivukulut"] = staff - full["palkat_ja_palkkiot"]
    # The financial items' net comes from the units; interest paid is what the others leave.
    full["korkokulut"] = (
        full["rahoitustuotot_ja_kulut"] - full["korkotuotot"] - full["muut_rahoitustuotot"] - full["muut_rahoituskulut"]
    )
    full["vuosikate"] = (
        full["toimintakate"] + full["verotulot"] + full["valtionosuudet"] + full["rahoitustuotot_ja_kulut"]
    )
    full["tilikauden_tulos"] = full["vuosikate"] + full["poistot_ja_arvonalentumiset"] + full["satunnaiset_erat"]
    full["tilikauden_ylijaama_alijaama"] = (
        full["tilikauden_tulos"] + full["poistoeron_muutos"] + full["varausten_muutos"] + full["rahastojen_muutos"]
    )
    return full
