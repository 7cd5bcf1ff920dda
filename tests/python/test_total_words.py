"""A total row's words (``text.cells.TOTAL_WORDS`` after what it totals, ``SUM_WORDS`` before
it) are declared once in Python; the warehouse's name matching strips the same words in SQL
(``without_total_word``, whose words after a name are macro ``total_word_after``'s alone)."""

from __future__ import annotations

import re

import pytest

from kuntatalous.text.cells import SUM_WORDS, TOTAL_WORDS

from .warehouse_builds import REPO

MACROS = REPO / "macros" / "normalise_name.sql"
_STRIPPED_AFTER = re.compile(r"'\\s\+\(([^)]*)\)\$'")
_STRIPPED_BEFORE = re.compile(r"'\^\(([^)]*)\)\\s\+'")


def macro_words(pattern: re.Pattern[str], text: str) -> set[str]:
    """The words of the one group of total words ``pattern`` finds in the macros' ``text``."""
    found = pattern.findall(text)
    assert len(found) == 1, f"total words declared {len(found)} times in {MACROS.name}: {found}"
    return set(found[0].split("|"))


def test_the_sql_strips_the_total_words_python_reads() -> None:
    text = MACROS.read_text(encoding="utf-8")
    assert macro_words(_STRIPPED_AFTER, text) == TOTAL_WORDS
    assert macro_words(_STRIPPED_BEFORE, text) == set(SUM_WORDS)


def test_a_word_missing_from_the_sql_is_told() -> None:
    tampered = MACROS.read_text(encoding="utf-8").replace("|sammanlagt)", ")").replace("(summa|", "(")
    assert macro_words(_STRIPPED_AFTER, tampered) == TOTAL_WORDS - {"sammanlagt"}
    assert macro_words(_STRIPPED_BEFORE, tampered) == set(SUM_WORDS) - {"summa"}


def test_total_words_declared_twice_in_the_sql_are_told() -> None:
    twice = MACROS.read_text(encoding="utf-8") + "\n{% macro again() %}'\\s+(yhteensä|totalt)$'{% endmacro %}\n"
    with pytest.raises(AssertionError, match="declared 2 times"):
        macro_words(_STRIPPED_AFTER, twice)
