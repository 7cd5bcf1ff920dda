"""Goals, risks, projects and key-figure tables as the reports print them.

Long rows may run over a page: the header repeats after the break and the first row there
carries on the row before it (empty name or goal cell, text carrying on in lower case), as in
the reports. A projects table ends with its Yhteensä row, the sum of the projects' funding.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from kuntatalous.synthetic.budget_tables import page_break_lines
from kuntatalous.synthetic.formatting import bold, decimal_text, group_thousands, whole_percent
from kuntatalous.synthetic.names import FUNDERS, RESPONSIBLE, STRATEGIC_GOALS, MunicipalityName
from kuntatalous.text.cells import slugify

ACHIEVED = "Toteutuu"
PARTIAL = "Toteutuu osittain"
NOT_ACHIEVED = "Ei toteudu"

_GOALS = (
    ("Asiakaspalvelun kehittäminen asiakaslähtöisesti", "Asiakastyytyväisyyskyselyn tulos vähintään 4"),
    ("Digitaalisten palvelujen käytön lisääminen", "Sähköisten asiointien osuus kasvaa"),
    ("Henkilöstön osaamisen kehittäminen", "Koulutuspäiviä vähintään kolme henkilöä kohden"),
    ("Talouden suunnittelun ennakoivuuden parantaminen", "Toimintakate toteutuu talousarvion mukaisesti"),
    ("Yhteistyön tiivistäminen yritysten ja järjestöjen kanssa", "Yhteistyötapaamisia vähintään neljä vuodessa"),
    ("Palveluverkon mitoittaminen kysyntää vastaavaksi", "Käyttöaste vähintään 85 %"),
    ("Sisäisen valvonnan prosessien kehittäminen", "Sopimushallinnan ohje hyväksytty"),
    ("Lasten ja nuorten hyvinvoinnin lisääminen", "Kouluterveyskyselyn tulokset paranevat"),
    ("Energiatehokkuuden parantaminen kiinteistöissä", "Energiankulutus vähenee kaksi prosenttia"),
    ("Osallisuuden vahvistaminen palvelujen suunnittelussa", "Asukastilaisuuksia vähintään kaksi vuodessa"),
)

_OUTCOMES = (
    "Tavoitetta on edistetty suunnitelmallisesti ja toimenpiteet on toteutettu aikataulussa, ja työ jatkuu "
    "seuraavana vuonna vakiintuneena osana toimintaa.",
    "Kyselyn tulokset olivat hyvällä tasolla ja kehittämiskohteet on käsitelty johtoryhmässä, minkä "
    "jälkeen toimenpiteet on viety käytäntöön kaikissa yksiköissä.",
    "Uusi toimintamalli otettiin käyttöön syksyllä ja siitä saatu palaute on ollut myönteistä sekä "
    "asiakkailta että henkilöstöltä.",
    "Osa toimenpiteistä siirtyi resurssihaasteiden vuoksi seuraavalle vuodelle, mutta valmistelu on "
    "edennyt ja tavoite on edelleen ajankohtainen.",
    "Seurantaa on tehty osavuosikatsausten yhteydessä ja tulokset on raportoitu lautakunnalle, joka on "
    "hyväksynyt jatkotoimet.",
)

_RISKS = (
    ("Toiminnallinen riski", "Henkilöstön saatavuus ja avainhenkilöriskit", "Perehdyttäminen ja rekrytointiviestintä"),
    ("Taloudellinen riski", "Kustannustason nousu ja tulojen epävarmuus", "Talouden tiivis seuranta ja ennakointi"),
    ("Toiminnallinen riski", "Tietojärjestelmien toimintahäiriöt", "Varmuuskopiointi ja jatkuvuussuunnitelmat"),
    ("Strateginen riski", "Väestörakenteen muutos", "Palveluverkon suunnitelmallinen sopeuttaminen"),
    ("Vahinkoriski", "Kiinteistöjen vauriot ja onnettomuudet", "Kunnossapito ja vakuuttaminen"),
    ("Toiminnallinen riski", "Palveluntuottajien toimintaan liittyvät riskit", "Sopimusten seuranta ja vuoropuhelu"),
    ("Taloudellinen riski", "Hankerahoituksen päättyminen", "Rahoituksen ennakointi ja jatkosuunnitelmat"),
)

_RISK_OUTCOMES = (
    "Hallintakeinot ovat toimineet suunnitellusti.",
    "Seuranta on säännöllistä ja poikkeamiin on reagoitu.",
    "Toimenpiteet ovat käynnissä ja niiden vaikutusta seurataan.",
)

_PROJECTS = (
    ("Harrastekerhot lapsille ja nuorille", "Hankkeessa järjestetään kerho- ja pienryhmätoimintaa."),
    ("Osaava työvoima", "Hankkeen avulla varmistetaan osaavan työvoiman saatavuutta alueella."),
    ("Digitiedolla tulevaisuuteen", "Hankkeessa kehitetään tiedolla johtamista ja taloustiedon hyödyntämistä."),
    ("Energiatehokas kunta", "Hankkeessa kehitetään energiatehokkuuden ja kiertotalouden toimintamallia."),
    ("Lukutaitoa tulevaisuuteen", "Kirjaston toimintamalli, jolla parannetaan nuorten medialukutaitoja."),
    ("Etsivä nuorisotyö", "Hankkeen tavoitteena on vähentää nuorten syrjäytymistä ja tukea koulutuspolkua."),
    ("Työkykyjohtamisen kehittäminen", "Hankkeessa vahvistetaan esihenkilöiden osaamista työkykyjohtamisessa."),
    ("Kotoutumisen tuki", "Hankkeessa tuetaan maahan muuttaneiden työllistymistä ja osallisuutta."),
    ("Liikkuva arki", "Hankkeessa kehitetään liikunnallistamista varhaiskasvatuksessa ja ikäihmisten palveluissa."),
    ("Kestävä keskusta", "Hankkeessa kehitetään keskustan elinvoimaa yhdessä yrittäjien kanssa."),
)

_PROJECT_STATUS = (
    "Hanke on käynnistynyt suunnitelman mukaisesti, ja ensimmäiset toimenpiteet on toteutettu.",
    "Hanke toteutui suunnitelmien mukaisesti, ja sen loppuraportti on toimitettu rahoittajalle.",
    "Hankkeessa on järjestetty työpajoja ja koottu aineistoa, ja toiminta jatkuu ensi vuonna.",
)


@dataclass(frozen=True)
class Indicator:
    label: str
    kind: str
    """``eur``, ``pct``, ``count``, ``decimal`` or ``multi`` (one value per sub-area)."""
    low: int
    high: int
    follow: tuple[tuple[str, int, int], ...] = ()
    """Rows under it that give the same indicator in another unit (``€/oppilas``)."""


_INDICATORS: dict[str, tuple[Indicator, ...]] = {
    "common": (
        Indicator("Toimintakate €/asukas", "eur", 300, 900),
        Indicator("Henkilöstömäärä", "count", 40, 400),
        Indicator("Sairauspoissaolot pv/henkilö", "decimal", 6, 16),
        Indicator("Sähköisten asiointien osuus %", "pct", 30, 90),
    ),
    "wellbeing": (
        Indicator("Varhaiskasvatus €/asukas", "eur", 380, 480, (("€/lapsi", 10_000, 14_000),)),
        Indicator("Perusopetus €/asukas", "eur", 700, 900, (("€/oppilas", 9_500, 12_000),)),
        Indicator("Peruskoulun suorittaneiden osuus % 9. luokkalaisista", "pct", 95, 100),
        Indicator("Kirjaston fyysiset käynnit ka / asukas", "decimal", 4, 10),
        Indicator("Omatoimiseen ja ryhmätoimintaan osallistuneet", "count", 50_000, 400_000),
        Indicator("Ulkopuolinen rahoitus/€", "multi", 10_000, 500_000),
    ),
    "environment": (
        Indicator("Katuverkon ylläpito €/asukas", "eur", 60, 140),
        Indicator("Rakennuslupien käsittelyaika (vrk)", "count", 10, 60),
        Indicator("Ateriat kpl", "count", 200_000, 900_000),
        Indicator("Tilojen käyttöaste %", "pct", 70, 98),
    ),
    "vitality": (
        Indicator("Yritysneuvonnan asiakkaat kpl", "count", 80, 600),
        Indicator("Työttömyysaste %", "pct", 6, 16),
        Indicator("Elinkeinotoiminnan nettokustannukset €/asukas", "eur", 40, 120),
        Indicator("Ulkopuolinen rahoitus/€", "multi", 10_000, 300_000),
    ),
    "utility": (
        Indicator("Vesijohtoverkoston saneeraus km", "decimal", 2, 12),
        Indicator("Vuokra-asuntojen käyttöaste %", "pct", 85, 99),
        Indicator("Laskutettu vesi m3", "count", 500_000, 2_000_000),
    ),
}


def split_lower(text: str, rng: random.Random) -> tuple[str, str]:
    """Cut ``text`` between two words so that the second part starts with a lower-case word."""
    words = text.split(" ")
    cuts = [i for i in range(2, len(words) - 1) if words[i][:1].islower()]
    cut = rng.choice(cuts)
    return " ".join(words[:cut]), " ".join(words[cut:])


def strategic_cell(index: int, municipality: MunicipalityName, as_list: bool) -> str:
    title, items = STRATEGIC_GOALS[index]
    filled = [item.format(name=municipality.name) for item in items]
    if as_list:
        listed = " ".join(f"<li>{item}</li>" for item in filled)
        return f'{bold(title)} <ul style="list-style-type: none"> {listed} </ul>'
    return bold(title) + "".join(f" \u2022 {item}" for item in filled)


def _status(rng: random.Random) -> str:
    return rng.choices((ACHIEVED, PARTIAL, NOT_ACHIEVED), weights=(6, 3, 1))[0]


def goals_table(
    municipality: MunicipalityName,
    year: int,
    council: bool,
    codes: list[str],
    page_break: bool,
    rng: random.Random,
) -> list[str]:
    """A council-level (Palvelualueen tavoite) or operational (Käyttösuunnitelma) goals table."""
    if council:
        top = f"Strateginen päämäärä\tPalvelualueen tavoite {year}\tToteuma 31.12.\tTila"
    else:
        top = f"Strateginen päämäärä\tTavoite {year}\tMittari ja tavoitetaso\tVastuu\tToteuma 31.12.\tTila"
    lines = [top]
    strategic = sorted(rng.sample(range(len(STRATEGIC_GOALS)), rng.randint(2, 4)))
    as_list = rng.random() < 0.7
    rows: list[list[str]] = []
    for index in strategic:
        for number in range(1 if council else rng.randint(1, 2)):
            goal, measure = rng.choice(_GOALS)
            if codes and not council:
                goal = f"{rng.choice(codes).upper()}: {goal}"
            first = strategic_cell(index, municipality, as_list) if number == 0 else ""
            outcome = rng.choice(_OUTCOMES)
            status = _status(rng)
            if council:
                rows.append([first, f"{goal}.  Mittari: {measure}.", outcome, status + " "])
            else:
                rows.append([first, f"{goal}.", f"{measure}.", rng.choice(RESPONSIBLE), outcome, status + " "])
    broken = rng.randrange(len(rows)) if page_break else None
    for number, row in enumerate(rows):
        if number != broken:
            lines.append("\t".join(row))
            continue
        head, tail = split_lower(row[-2], rng)
        status = row[-1].strip()
        cut_status = status == ACHIEVED and rng.random() < 0.5
        before = [*row[:-2], head, status[:-1] if cut_status else status]
        after = [""] * (len(row) - 2) + [tail, status[-1] if cut_status else ""]
        lines.append("\t".join(before))
        lines.extend(page_break_lines(year))
        lines.append(top)
        lines.append("\t".join(after))
    return lines


def risks_table(count: int, rng: random.Random) -> list[str]:
    value_header = rng.choice(("Riskiarvo", "Riski-arvo"))
    lines = [f"Riskiluokka\tTunnistettu riski\t{value_header}\tHallintakeino\tHallintakeinon toteutuminen"]
    with_class = rng.random() < 0.7
    marker = rng.choice(("", "\u25a0 "))
    for risk_class, risk, mitigation in rng.sample(_RISKS, count):
        value = f"{bold(f'Todennäköisyys: {rng.randint(1, 3)}')} {bold(f'Merkittävyys: {rng.randint(1, 3)}')} {marker}"
        cells = [risk_class if with_class else "", risk, value, f"{mitigation}.", rng.choice(_RISK_OUTCOMES)]
        lines.append("\t".join(cells))
    return lines


def projects_table(
    municipality: MunicipalityName, year: int, count: int, page_break: bool, rng: random.Random
) -> list[str]:
    """Projects with their funding, and the Yhteensä row summing it."""
    if rng.random() < 0.5:
        top = (
            "Strateginen päämäärä\tHankkeen nimi\tHankkeen tavoite, kuvaus ja rahoittaja\tKokonais-rahoitus"
            "\tKaupungin rahoitus-osuus %\tMenojen toteuma %\tToteuma 31.12."
        )
    else:
        top = (
            "Strateginen päämäärä\tHankkeen nimi\tHankkeen tavoite, kuvaus ja rahoittaja\tHankkeen kokonaisrahoitus"
            "\tKaupungin rahoitusosuus %\tMenojen toteuma %\tToteuma 31.12."
        )
    lines = [top]
    total = 0
    shares: list[int] = []
    spends: list[int] = []
    as_list = rng.random() < 0.6
    broken = rng.randrange(count) if page_break else None
    for number, (name, purpose) in enumerate(rng.sample(_PROJECTS, count)):
        start = year - rng.randint(0, 2)
        end = start + rng.randint(1, 2)
        funder = rng.choice(FUNDERS)
        description = f"{purpose} Hankkeen toteutusaika on {start}\u2013{end}, ja sitä rahoittaa {funder}."
        funding = rng.randint(5_000, 300_000)
        share = rng.choice((0, 10, 15, 20, 25, 30, 40, 50))
        spend = rng.randint(0, 130)
        total += funding
        shares.append(share)
        spends.append(spend)
        goal = strategic_cell(rng.randrange(len(STRATEGIC_GOALS)), municipality, as_list)
        status = rng.choice(_PROJECT_STATUS)
        if number != broken:
            cells = [goal, name, description, group_thousands(funding), whole_percent(share), f"{spend} %", status]
            lines.append("\t".join(cells))
            continue
        head, tail = split_lower(description, rng)
        status_head, status_tail = split_lower(status, rng)
        cells = [goal, name, head, group_thousands(funding), whole_percent(share), f"{spend} %", status_head]
        lines.append("\t".join(cells))
        lines.extend(page_break_lines(year))
        lines.append(top)
        lines.append("\t".join(["", "", tail, "", "", "", status_tail]))
    average_share = round(sum(shares) / len(shares))
    average_spend = round(sum(spends) / len(spends))
    euro = " \u20ac" if rng.random() < 0.5 else ""
    total_row = [
        "",
        bold("Yhteensä"),
        "",
        bold(group_thousands(total) + euro),
        f"{average_share} %",
        f"{average_spend} %",
        "",
    ]
    if rng.random() < 0.3:
        lines.extend(page_break_lines(year))
        lines.append(top)
    lines.append("\t".join(total_row))
    return lines


def key_figures_table(
    kind: str,
    year: int,
    series: dict[tuple[str, int, str], Decimal],
    areas: list[tuple[str, str]],
    bold_labels: bool,
) -> list[str]:
    """The key figures of a service area kind: two past actuals, this year's target and actual.

    ``series`` holds every value by (label, year, ``actual``/``target``); ``areas`` are the
    sub-areas (code, name) of a multi-valued indicator.
    """
    columns = ((year - 2, "actual"), (year - 1, "actual"), (year, "target"), (year, "actual"))
    lines = ["Tunnusluku\t" + "\t".join(_column_header(y, measure) for y, measure in columns)]
    for indicator in _INDICATORS[kind]:
        label = bold(indicator.label) if bold_labels else indicator.label
        if indicator.kind == "multi":
            for number, (code, _) in enumerate(areas):
                head = label if number == 0 else f"\u2022 {areas[number - 1][1]}"
                cells = [f"{code}: {_cell('eur', series[(f'{indicator.label}|{code}', y, m)])}" for y, m in columns]
                lines.append("\t".join([head, *cells]))
            lines.append(f"\u2022 {areas[-1][1]}" + "\t" * len(columns))
            continue
        cells = [_cell(indicator.kind, series[(indicator.label, y, m)]) for y, m in columns]
        lines.append("\t".join([label, *cells]))
        for follow, _, _ in indicator.follow:
            cells = [_cell("eur", series[(follow, y, m)]) for y, m in columns]
            lines.append("\t".join([follow, *cells]))
    return lines


def key_figure_series(
    kind: str, years: range, areas: list[tuple[str, str]], key: str
) -> dict[tuple[str, int, str], Decimal]:
    """Every value the key-figure tables of ``kind`` print for one service area over ``years``, by
    label, year and measure (``actual``/``target``): drawn once, so that a year's actual is the
    same in every report that prints it. ``key`` seeds the draw."""
    series: dict[tuple[str, int, str], Decimal] = {}
    for indicator in _INDICATORS[kind]:
        labels = [(indicator.label, indicator.low, indicator.high)]
        if indicator.kind == "multi":
            labels = [(f"{indicator.label}|{code}", indicator.low, indicator.high) for code, _ in areas]
        labels.extend(indicator.follow)
        places = 2 if indicator.kind == "decimal" else 0
        for label, low, high in labels:
            rng = random.Random(f"{key}|{label}")
            base = rng.uniform(low, high)
            for year in years:
                for measure in ("actual", "target"):
                    drawn = base * rng.uniform(0.95, 1.05)
                    if indicator.kind == "pct":
                        drawn = min(drawn, 100.0)
                    value = Decimal(str(round(drawn, places)))
                    series[(label, year, measure)] = value.quantize(Decimal(1).scaleb(-places))
    return series


def sub_areas(names: list[str]) -> list[tuple[str, str]]:
    """Short codes (``kirj``) and lower-case names for a multi-valued key figure's legend."""
    found: list[tuple[str, str]] = []
    for name in names:
        letters = "".join(char for char in slugify(name) if char.isalpha())
        length = 4
        while letters[:length] in {code for code, _ in found} and length < len(letters):
            length += 1
        found.append((letters[:length], name.lower()))
    return found


def _column_header(year: int, measure: str) -> str:
    return f"Tavoite {year}" if measure == "target" else f"Toteutuma {year}"


def _cell(kind: str, value: Decimal) -> str:
    if kind == "eur":
        return f"{decimal_text(value)} \u20ac"
    if kind == "pct":
        return f"{decimal_text(value)} %"
    return decimal_text(value)
