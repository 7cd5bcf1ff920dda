"""The pages' words in Finnish and English, and how numbers are written in each.

Figures are written exactly as the marts hold them: whole euros without decimals, any cents
with two; Finnish with a decimal comma, non-breaking spaces between thousands and a minus
sign (U+2212), English with a decimal point and commas. :func:`parse_number` reads either back
(the browser tests compare what a reader sees with the warehouse).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

Language = Literal["fi", "en"]
LANGUAGES: tuple[Language, ...] = ("fi", "en")
MINUS = "\u2212"
NBSP = "\u00a0"

LABELS: dict[str, tuple[str, str]] = {
    "site_title": ("Talousarvion toteutuminen", "Budget execution"),
    "index_intro": (
        "Kuntien tilinpäätösten käyttösuunnitelman toteutuminen: yksi sivu kunnan kutakin tilinpäätösvuotta "
        "kohden. Jokainen luku on luettu julkaistun tietovaraston taulukoista ja linkitetty raportin riviin, "
        "jolta se on peräisin.",
        "Budget execution from municipal financial statements: one page per municipality and statement year. "
        "Every figure is read from the published warehouse's tables and linked to the report line it comes from.",
    ),
    "other_language": ("In English", "Suomeksi"),
    "index_link": ("Kaikki kunnat ja vuodet", "All municipalities and years"),
    "municipality": ("Kunta", "Municipality"),
    "year": ("Vuosi", "Year"),
    "documents": ("Raportit", "Reports"),
    "document": ("Raportti", "Report"),
    "section": ("Osio", "Section"),
    "checks": ("Tarkistukset", "Checks"),
    "source": ("Lähde", "Source"),
    "unit": ("Yksikkö", "Unit"),
    "line_item": ("Rivi", "Line item"),
    "budget": ("Talousarvio", "Budget in force"),
    "actual": ("Toteuma", "Actual"),
    "prior_year": ("Edellinen vuosi", "Prior year"),
    "variance": ("Poikkeama", "Variance"),
    "execution_pct": ("Toteuma %", "Execution %"),
    "favourable": ("Parempi kuin talousarvio", "Better than budget"),
    "unfavourable": ("Heikompi kuin talousarvio", "Worse than budget"),
    "direction_unknown": ("Tulo vai meno ei tiedossa", "Revenue or cost not known"),
    "not_comparable": ("ei vertailukelpoinen", "not comparable"),
    "not_printed": ("Ei painettu tässä raportissa.", "Not printed in this report."),
    "table_for_chart": ("Kaavion luvut taulukkona", "The chart's figures as a table"),
    "figures": ("Luvut", "Figures"),
    "sec_units": ("Talousarvio ja toteuma yksiköittäin", "Budget in force and actual by unit"),
    "sec_units_note": (
        "Toimintakate (talousarvio ja toteuma) organisaatiotasoittain; taulukossa myös toimintatuotot ja "
        "-kulut. Kulut ja kate ovat negatiivisia, kuten raportissa.",
        "Operating margin (budget and actual) by organisation level; the table adds operating revenue and "
        "expenses. Expenses and margins are negative, as printed.",
    ),
    "sec_variances": ("Suurimmat ylitykset ja alitukset", "Largest over- and underspends"),
    "sec_variances_note": (
        "Poikkeama = talousarvio \u2212 toteuma, kuten raportti sen painaa; kulut ja tuotot erikseen.",
        "Variance = budget \u2212 actual, as the report prints it; costs and income apart.",
    ),
    "costs": ("Kulut", "Costs"),
    "income": ("Tuotot", "Income"),
    "by_euros": ("euroina", "by euros"),
    "by_pct": ("prosentteina", "by per cent"),
    "comparability_notes": ("Raportin vertailukelpoisuushuomautukset", "The report's comparability notes"),
    "sec_cascade": ("Tuloslaskelman vesiputous", "Income-statement waterfall"),
    "sec_cascade_note": (
        "Toimintatuotot → Toimintakate → Vuosikate → Tilikauden tulos, toteuma, kuten yksikön raportti sen painaa.",
        "Operating revenue → Operating margin → Annual margin → Result for the period, actual, as the unit's "
        "report prints it.",
    ),
    "subtotal": ("Välisumma", "Subtotal"),
    "increase": ("Lisää", "Adds"),
    "decrease": ("Vähentää", "Subtracts"),
    "sec_phases": ("Alkuperäinen talousarvio, muutokset ja toteuma", "Original budget, changes and actual"),
    "budget_original": ("Alkuperäinen talousarvio", "Original budget"),
    "budget_change": ("Talousarviomuutokset", "Budget changes"),
    "sec_investments": ("Investoinnit omaisuusluokittain", "Investments by asset class"),
    "asset_class": ("Omaisuusluokka", "Asset class"),
    "sec_financing": ("Rahoituslaskelma", "Financing statement"),
    "sec_projects": ("Hankkeet", "Projects"),
    "project": ("Hanke", "Project"),
    "funders": ("Rahoittajat", "Funders"),
    "period": ("Ajanjakso", "Period"),
    "total_funding": ("Kokonaisrahoitus", "Total funding"),
    "city_share": ("Kaupungin osuus %", "City share %"),
    "spend_pct": ("Käytetty %", "Spent %"),
    "sec_goals": ("Tavoitteet tilan mukaan", "Goals by status"),
    "goal": ("Tavoite", "Goal"),
    "goal_level": ("Taso", "Level"),
    "status": ("Tila", "Status"),
    "outcome": ("Toteutuminen", "Outcome"),
    "count": ("Lukumäärä", "Count"),
    "level_council": ("Valtuusto", "Council"),
    "level_operational": ("Käyttösuunnitelma", "Operational"),
    "sec_key_figures": ("Tunnusluvut ja tavoitteet", "Key figures against their targets"),
    "indicator": ("Tunnusluku", "Indicator"),
    "unit_of_measure": ("Yksikkö", "Unit of measure"),
    "sub_area": ("Osa-alue", "Sub-area"),
    "target": ("Tavoite", "Target"),
    "plan": ("Taloussuunnitelma", "Financial plan"),
    "as_printed": ("Painettu", "As printed"),
    "sec_risks": ("Riskit pisteiden mukaan", "Risks by score"),
    "risk": ("Riski", "Risk"),
    "risk_class": ("Riskiluokka", "Risk class"),
    "probability": ("Todennäköisyys", "Probability"),
    "significance": ("Merkittävyys", "Significance"),
    "risk_score": ("Pisteet", "Score"),
    "sec_reconciliation": ("Täsmäytysten tila", "Reconciliation status"),
    "sec_reconciliation_note": (
        "Tarkistukset, joilla tietovarasto vertaa raportin lukuja toisiinsa; jokainen varoitus ja virhe sanallisesti.",
        "The checks by which the warehouse ties the report's figures to each other; each warning and failure in words.",
    ),
    "no_findings": ("Ei varoituksia eikä virheitä.", "No warnings or failures."),
    "status_ok": ("kunnossa", "ok"),
    "status_warn": ("varoitus", "warn"),
    "status_fail": ("virhe", "fail"),
    "status_incomplete": ("kesken", "incomplete"),
    "level_city": ("Kaupunki", "City"),
    "level_service_area": ("Palvelualueet", "Service areas"),
    "level_board": ("Lautakunnat", "Boards"),
    "level_responsibility_area": ("Vastuualueet", "Responsibility areas"),
    "level_unknown": ("Yksiköt (taso ei tiedossa)", "Units (level not known)"),
    "source_text": ("Raportin teksti", "Report text"),
    "source_changed": (
        "raportin teksti on muuttunut tietovaraston koostamisen jälkeen; rivilinkit puuttuvat",
        "the report text changed after the warehouse was built; no line links",
    ),
    "generated_from": ("Koostettu tietovarastosta", "Built from the warehouse"),
}
"""Every label of the site: key -> (Finnish, English)."""

RECONCILIATION_STATUSES = ("ok", "warn", "fail", "incomplete")


def label(key: str, language: Language) -> str:
    finnish, english = LABELS[key]
    return finnish if language == "fi" else english


_ZERO = Decimal(0)
_GROUPED = {0: ",.0f", 2: ",.2f"}
"""The format specifications of whole figures and cents: a page writes thousands of figures, and
making the specification for each took a third of the time writing it did."""


def format_number(value: Decimal | int | float | None, language: Language, decimals: int | None = None) -> str:
    """``value`` as written in ``language``: whole numbers without decimals unless ``decimals``."""
    if value is None:
        return ""
    number = value if type(value) is Decimal else Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    text = format(number.copy_abs(), _GROUPED.get(decimals) or f",.{decimals}f")
    if language == "fi":
        text = text.replace(",", NBSP).replace(".", ",")
    return MINUS + text if number < _ZERO else text


def format_eur(value: Decimal | None, language: Language) -> str:
    return "" if value is None else f"{format_number(value, language)}{NBSP}€"


def format_pct(value: Decimal | None, language: Language) -> str:
    return "" if value is None else f"{format_number(value, language, 2)}{NBSP}%"


def parse_number(text: str, language: Language) -> Decimal:
    """Read back a figure written by :func:`format_number` in ``language`` (with € or % or not)."""
    cleaned = "".join(text.replace(MINUS, "-").replace("€", "").replace("%", "").split())
    cleaned = cleaned.replace(NBSP, "")
    return Decimal(cleaned.replace(",", ".") if language == "fi" else cleaned.replace(",", ""))


def format_value(value: Decimal | None, language: Language) -> str:
    """A key figure as stored, with as many decimals as it has (``20.3000`` -> ``20,3``)."""
    if value is None:
        return ""
    return format_number(value, language, decimals=stored_decimals(value))


def stored_decimals(value: Decimal) -> int:
    """How many decimals ``value`` has once its trailing zeros are dropped (``20.3000``: 1;
    ``1E+2``: 0). Read from its text where that has no exponent, as a stored figure's has (a
    whole number's has no point either: none); taking the number apart
    (``normalize().as_tuple()``) took longer than writing it."""
    shown = str(value)
    if "E" not in shown:
        return len(shown.rstrip("0")) - shown.index(".") - 1 if "." in shown else 0
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
