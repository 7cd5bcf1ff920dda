"""A line of prose split into its sentences, each read by hand."""

from __future__ import annotations

import pytest

from kuntatalous.text.sentences import sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rovaniemen Vesi on kaupungin liikelaitos. Luvut ovat tuhansia euroja.",
            ["Rovaniemen Vesi on kaupungin liikelaitos.", "Luvut ovat tuhansia euroja."],
        ),
        # A full stop in a date, a number, an abbreviation before an amount or a unit: no end.
        ("Tilikausi 1.1.-31.12.2025 päättyi.", ["Tilikausi 1.1.-31.12.2025 päättyi."]),
        (
            "Kasvua n. 5 % eli 1,2 milj. € ja 6.850.437 asukasta.",
            ["Kasvua n. 5 % eli 1,2 milj. € ja 6.850.437 asukasta."],
        ),
        # An abbreviation or an initial before a capital letter: no end either.
        ("Liikelaitoksia on mm. Rovaniemen Vesi.", ["Liikelaitoksia on mm. Rovaniemen Vesi."]),
        (
            "Johtaja A. Virtanen esitteli. Luvut tarkastettiin.",
            ["Johtaja A. Virtanen esitteli.", "Luvut tarkastettiin."],
        ),
        ("Kuntien bl.a. Rovaniemi.", ["Kuntien bl.a. Rovaniemi."]),
        # A list's abbreviation ends its sentence too; so does a closing bracket after the mark.
        ("Kulut, vuokrat ym. Luvut ovat euroja.", ["Kulut, vuokrat ym.", "Luvut ovat euroja."]),
        ("Ks. liite (sivu 4.) Luvut ovat euroja.", ["Ks. liite (sivu 4.)", "Luvut ovat euroja."]),
        # A semicolon ends a clause read as a sentence, whatever follows; ! and ? end one too.
        ("Luvut tuhansina euroina; luvut on pyöristetty.", ["Luvut tuhansina euroina;", "luvut on pyöristetty."]),
        ("Toteutuiko? Kyllä! Hyvä.", ["Toteutuiko?", "Kyllä!", "Hyvä."]),
        # A full stop before a word in lower case: the sentence goes on.
        ("Liikelaitos. luvut ovat euroja.", ["Liikelaitos. luvut ovat euroja."]),
        ("", []),
        ("  Yksi lause  ", ["Yksi lause"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
