"""The words of the income statement's lines as the report family prints them.

The decree's words (tuotot/kulut: *Toimintatuotot*, *Henkilöstökulut*) and the State
Treasury taxonomy's words for the same lines (tulot/menot: *Toimintatulot*,
*Henkilöstömenot*), in Finnish and in Swedish. A line the Treasury names no differently
keeps the decree's words. Investment tables' lines are the same in both wordings.
"""

from __future__ import annotations

from kuntatalous.synthetic.dialects import DECREE, TREASURY

_DECREE_FI = {
    "myyntituotot": "Myyntituotot",
    "maksutuotot": "Maksutuotot",
    "tuet_ja_avustukset": "Tuet ja avustukset",
    "muut_toimintatuotot": "Muut toimintatuotot",
    "toimintatuotot": "Toimintatuotot",
    "valmistus_omaan_kayttoon": "Valmistus omaan käyttöön",
    "henkilostokulut": "Henkilöstökulut",
    "palkat_ja_palkkiot": "Palkat ja palkkiot",
    "henkilosivukulut": "Henkilösivukulut",
    "palvelujen_ostot": "Palvelujen ostot",
    "aineet_tarvikkeet_ja_tavarat": "Aineet, tarvikkeet ja tavarat",
    "avustukset": "Avustukset",
    "muut_toimintakulut": "Muut toimintakulut",
    "toimintakulut": "Toimintakulut",
    "toimintakate": "Toimintakate",
    "verotulot": "Verotulot",
    "valtionosuudet": "Valtionosuudet",
    "rahoitustuotot_ja_kulut": "Rahoitustuotot ja -kulut",
    "korkotuotot": "Korkotuotot",
    "muut_rahoitustuotot": "Muut rahoitustuotot",
    "korkokulut": "Korkokulut",
    "muut_rahoituskulut": "Muut rahoituskulut",
    "vuosikate": "Vuosikate",
    "poistot_ja_arvonalentumiset": "Poistot ja arvonalentumiset",
    "satunnaiset_erat": "Satunnaiset erät",
    "tilikauden_tulos": "Tilikauden tulos",
    "poistoeron_muutos": "Poistoeron lisäys (-) tai vähennys (+)",
    "varausten_muutos": "Varausten lisäys (-) tai vähennys (+)",
    "rahastojen_muutos": "Rahastojen lisäys (-) tai vähennys (+)",
    "tilikauden_ylijaama_alijaama": "Tilikauden ylijäämä (alijäämä)",
    "menot": "Menot",
    "tulot": "Tulot",
    "netto": "Netto",
}

_TREASURY_FI = _DECREE_FI | {
    "myyntituotot": "Myyntitulot",
    "maksutuotot": "Maksutulot",
    "muut_toimintatuotot": "Muut toimintatulot",
    "toimintatuotot": "Toimintatulot",
    "henkilostokulut": "Henkilöstömenot",
    "toimintakulut": "Toimintamenot",
    "muut_toimintakulut": "Muut toimintamenot",
    "rahoitustuotot_ja_kulut": "Rahoitustulot (+) ja -menot (-)",
}

_DECREE_SV = {
    "myyntituotot": "Försäljningsintäkter",
    "maksutuotot": "Avgiftsintäkter",
    "tuet_ja_avustukset": "Understöd och bidrag",
    "muut_toimintatuotot": "Övriga verksamhetsintäkter",
    "toimintatuotot": "Verksamhetens intäkter",
    "valmistus_omaan_kayttoon": "Tillverkning för eget bruk",
    "henkilostokulut": "Personalkostnader",
    "palkat_ja_palkkiot": "Löner och arvoden",
    "henkilosivukulut": "Lönebikostnader",
    "palvelujen_ostot": "Köp av tjänster",
    "aineet_tarvikkeet_ja_tavarat": "Material, förnödenheter och varor",
    "avustukset": "Understöd",
    "muut_toimintakulut": "Övriga verksamhetskostnader",
    "toimintakulut": "Verksamhetens kostnader",
    "toimintakate": "Verksamhetsbidrag",
    "verotulot": "Skatteinkomster",
    "valtionosuudet": "Statsandelar",
    "rahoitustuotot_ja_kulut": "Finansiella intäkter och kostnader",
    "korkotuotot": "Ränteintäkter",
    "muut_rahoitustuotot": "Övriga finansiella intäkter",
    "korkokulut": "Räntekostnader",
    "muut_rahoituskulut": "Övriga finansiella kostnader",
    "vuosikate": "Årsbidrag",
    "poistot_ja_arvonalentumiset": "Avskrivningar och nedskrivningar",
    "satunnaiset_erat": "Extraordinära poster",
    "tilikauden_tulos": "Räkenskapsperiodens resultat",
    "poistoeron_muutos": "Ökning (-) eller minskning (+) av avskrivningsdifferens",
    "varausten_muutos": "Ökning (-) eller minskning (+) av reserver",
    "rahastojen_muutos": "Ökning (-) eller minskning (+) av fonder",
    "tilikauden_ylijaama_alijaama": "Räkenskapsperiodens överskott (underskott)",
    "menot": "Utgifter",
    "tulot": "Inkomster",
    "netto": "Netto",
}

_TREASURY_SV = _DECREE_SV | {
    "toimintatuotot": "Verksamhetsintäkter",
    "toimintakulut": "Omkostnader",
    "avustukset": "Bidrag",
    "muut_toimintakulut": "Övriga omkostnader",
    "rahoitustuotot_ja_kulut": "Finansiella intäkter (+) och kostnader (-)",
}

_LABELS = {
    ("fi", DECREE): _DECREE_FI,
    ("fi", TREASURY): _TREASURY_FI,
    ("sv", DECREE): _DECREE_SV,
    ("sv", TREASURY): _TREASURY_SV,
}

SUBTOTALS = frozenset(
    {
        "toimintatuotot",
        "toimintakulut",
        "henkilostokulut",
        "toimintakate",
        "rahoitustuotot_ja_kulut",
        "vuosikate",
        "tilikauden_tulos",
        "tilikauden_ylijaama_alijaama",
        "netto",
    }
)
"""Lines printed in bold (and, where the dialect says so, in capitals)."""


def label(line: str, language: str, wording: str, upper_subtotals: bool = False) -> str:
    """The printed label of ``line`` (a line-item id of ``seeds/reference/ref_line_items.csv``)."""
    text = _LABELS[(language, wording)][line]
    if upper_subtotals and line in SUBTOTALS and line != "netto":
        return text.upper()
    return text


def lines(language: str, wording: str) -> dict[str, str]:
    """Every line's label in one language and wording."""
    return dict(_LABELS[(language, wording)])
