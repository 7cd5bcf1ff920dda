"""The narrative between the tables: title page, descriptions, reviews and notes.

Sentences are drawn from small pools and name the unit and the municipality (in the genitive
phrase the extractor reads the municipality from). None of them speaks of comparability
except the note that says the prior-year figures are not comparable.
"""

from __future__ import annotations

import random

from kuntatalous.synthetic.names import MunicipalityName

MONTHS = ("MAALISKUUTA", "HUHTIKUUTA")

_DESCRIPTION = (
    "{unit} vastaa {city} palveluista omalla vastuualueellaan ja tukee palvelualueiden johtamista.",
    "{unit} tuottaa {city} asukkaille lakisääteiset ja strategiaa tukevat palvelut.",
    "Toiminnan tavoitteena on tukea, ohjata ja helpottaa arjen työtä sekä huolehtia ohjeiden noudattamisesta.",
    "Palveluja on kehitetty yhdessä muiden palvelualueiden kanssa asiakaslähtöisesti.",
    "Vastuualueiden toiminnasta vastaa kunkin vastuualueen johtaja.",
    "Toiminnassa on huomioitu lainsäädännön muutokset ja digitalisaation tuomat mahdollisuudet.",
)

_REVIEW = (
    "Vuosi {year} oli palvelualueen toiminnassa kehittämisen ja vakiinnuttamisen vuosi.",
    "Talousarvio toteutui kokonaisuutena hyvin, ja toiminta eteni suunnitelmien mukaisesti.",
    "Henkilöstön saatavuus ja osaamisen kehittäminen olivat vuoden keskeisiä teemoja.",
    "Hankerahoituksella saatiin lisäresursseja palvelujen kehittämiseen.",
    "Yhteistyötä {city} muiden palvelualueiden ja kumppaneiden kanssa tiivistettiin.",
    "Tiedolla johtamista edistettiin ottamalla käyttöön uusia raportointivälineitä.",
)

_OUTTURN = (
    "Toimintatuotot toteutuivat arvioitua suurempina hanketulojen ansiosta.",
    "Henkilöstökulut toteutuivat lähes budjetoidusti.",
    "Palvelujen ostot alittuivat, mikä paransi toimintakatetta.",
    "Menojen toteuma jäi alle talousarvion, ja toimintaa toteutettiin johdonmukaisesti.",
    "Investointien toteutuma jäi alhaiseksi, kun osa hankinnoista siirtyi seuraavalle vuodelle.",
)

_CITY_SENTENCES = (
    "{unit} vastaa {city} palveluista omalla vastuualueellaan ja tukee palvelualueiden johtamista.",
    "{unit} tuottaa {city} asukkaille lakisääteiset ja strategiaa tukevat palvelut.",
)

COMPARABILITY_NOTE = (
    "Vuoden {year} vertailutiedot on organisaatiouudistuksesta johtuen yhdistelty teknisesti "
    "eivätkä siten ole suoraan vertailukelpoisia."
)


def title_page(
    title: str, year: int, with_year: bool, in_bold: bool, rng: random.Random, word: str = "TILINPÄÄTÖS"
) -> list[str]:
    """The lines before the first heading; the section's title is the last of them. ``word``
    names the statement (``TILINPÄÄTÖS``, in Swedish ``BOKSLUT``)."""
    date = f"{rng.randint(1, 28)}. {rng.choice(MONTHS)} {year + 1}"
    if in_bold:
        statement = [f"**{word},  ", "KÄYTTÖSUUNNITELMAN  ", "TOTEUTUMINEN**"]
        if with_year:
            statement = [f"**{word} {year}**"]
        return ["", "", f"**{date}**", "", *statement, "", f"**{title}**", ""]
    statement_line = f"{word} {year}  " if with_year else f"{word}  "
    return ["", "", date, "", statement_line, title, ""]


def paragraphs(pool: str, count: int, fill: dict[str, str], rng: random.Random) -> list[str]:
    """``count`` paragraphs of two or three sentences from a pool, each followed by a blank."""
    sentences = {"description": _DESCRIPTION, "review": _REVIEW, "outturn": _OUTTURN}[pool]
    lines: list[str] = []
    for _ in range(count):
        picked = rng.sample(sentences, min(len(sentences), rng.randint(2, 3)))
        lines.append(" ".join(sentence.format(**fill) for sentence in picked))
        lines.append("")
    return lines


def naming_the_city(fill: dict[str, str], rng: random.Random) -> list[str]:
    """A description paragraph that names the municipality in the genitive (``Lahden
    kaupungin``): every section prints one, so that the extractor can tell its municipality."""
    opening = rng.choice(_CITY_SENTENCES).format(**fill)
    rest = [sentence for sentence in _DESCRIPTION if sentence not in _CITY_SENTENCES]
    return [" ".join([opening, *(s.format(**fill) for s in rng.sample(rest, 2))]), ""]


def fill_for(unit_name: str, municipality: MunicipalityName, year: int) -> dict[str, str]:
    return {
        "unit": unit_name,
        "city": municipality.of_the_city,
        "year": str(year),
    }
