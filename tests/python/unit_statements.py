"""Statements of a table's unit of amounts in common wording, as a report prints them above a
table or under its section's heading, sentences there that state none, and sentences that speak
of the figures in thousands without stating it so that it can be read: read by
``test_number_format`` one by one and by ``test_scale_phrases`` through an extraction."""

from __future__ import annotations

# Each says the figures are in thousands of euros.
THOUSANDS_STATEMENTS = [
    "Taulukoiden luvut on esitetty tuhansina euroina.",
    "Luvut on esitetty tuhansina euroina.",
    "Rahamäärät tuhansina euroina.",
    "Tuhatta €",
    "EUR 1000",
    "€ 1 000",
    "Luvut ovat tuhansia euroja ja ne on pyöristetty.",
    "Luvut tuhansina euroina; luvut on pyöristetty.",
    "Luvut esitetään tuhansina euroina.",
    "Summat on ilmoitettu tuhansina euroina.",
    "Beloppen anges i tusen euro.",
    "Beloppen är i tusen euro och de är avrundade.",
    "Talousarvion toteutumisvertailussa luvut esitetään tuhansina euroina.",
    "Siffrorna anges i tusen euro.",
    "Alla belopp är i tusen euro.",
    # A caption with its unit at the right edge of the converted page (spaces before it only).
    "Kaupunginhallitus 1 000 €",
    "Tuloslaskelma 1 000 €",
    "KÄYTTÖTALOUS                    1 000 €",
    "Käyttötalouden toteutuminen          t€",
    "Kaupunginhallitus / käyttötalous 1000 €",
    "Kaupunginhallitus 1000 e",
    "Resultaträkning 1 000 euro",
    # The statement a later sentence of the line (a probe's Rovaniemi), its sentences told apart
    # where a date, an abbreviation or an amount prints a full stop inside one.
    "Rovaniemen Vesi on kaupungin liikelaitos. Luvut ovat tuhansia euroja.",
    "Tilikausi on 1.1.-31.12.2025. Luvut esitetään tuhansina euroina.",
    "Liikevaihto kasvoi n. 5 % eli 1,2 milj. € edellisvuodesta. Taulukon luvut ovat tuhansia euroja.",
    "Liikelaitoksia on kaksi, mm. Rovaniemen Vesi. Luvut tuhansina euroina, ellei toisin mainita.",
    "Investoinnit olivat 1 200 tuhatta euroa. Luvut ovat tuhansia euroja.",
    "Liikelaitos; luvut tuhansina euroina.",
]
# Each says the figures are in millions of euros.
MILLIONS_STATEMENTS = [
    "Luvut on esitetty miljoonina euroina.",
    "Rahamäärät miljoonina euroina.",
    "Miljoonaa €",
    "EUR 1 000 000",
    "€ 1 000 000",
    "Luvut miljoonina euroina; luvut on pyöristetty.",
    "Luvut ovat miljoonia euroja ja ne ovat pyöristettyjä.",
    "Beloppen redovisas i miljoner euro.",
    "Konsernin lainat milj. €",
]
# None states a unit: a sentence about an amount, or one saying more of the figures.
NO_UNIT_STATEMENTS = [
    "Hanke maksoi kymmenen tuhatta €.",
    "Avustus maksettiin € 1 000.",
    "Hankkeet yli 1 000 000 euroa",
    "Hanke maksoi tuhansia euroja; se valmistui.",
    "Avustus oli 1 000 €",
    "Bidraget var 1 000 €",
    "Avustukset ovat noin 1 000 €",
    "Menot 2025 1 000 €",
    "Investoinnit olivat 1 200 tuhatta euroa.",
    "Rovaniemen Vesi on kaupungin liikelaitos. Investoinnit olivat 1 200 tuhatta euroa.",
    "Säästöä kertyi satoja tuhansia euroja.",
    "Kustannukset olivat 3,1 milj. euroa. Luvut sisältävät sisäiset erät.",
]
# None states a unit the extractor reads, but each speaks of the figures in thousands of euros
# (a sentence saying more of them, the unit not the sentence's end): a table read in whole euros
# under it would load 1 000 times too small, so it is a reject naming the sentence's line.
UNPLACED_STATEMENTS = [
    "Luvut on esitetty tuhansina euroina ja kasvoivat.",
    "Luvut tuhansina euroina ja ne kasvoivat.",
    "Kaikki taulukon luvut ovat tuhansia euroja paitsi henkilöstömäärät.",
    "Rovaniemen Vesi on kaupungin liikelaitos. Luvut ovat tuhansia euroja pyöristettyinä.",
    "Tuhansina euroina esitetyt luvut ovat liikelaitoksen omia.",
]
