"""A total row's words (``text.cells.TOTAL_WORDS``) are declared once in Python; the
warehouse's name matching strips the same words in SQL (``without_total_word``)."""

from __future__ import annotations

import re

from kuntatalous.text.cells import TOTAL_WORDS

from .warehouse_builds import REPO

MACROS = REPO / "macros" / "normalise_name.sql"
_STRIPPED_AFTER = re.compile(r"'\\s\+\(([^)]*)\)\$'")


def macro_total_words(text: str) -> set[str]:
    """The words ``without_total_word`` strips from the end of a name key."""
    found = _STRIPPED_AFTER.search(text)
    assert found is not None, "without_total_word no longer strips a group of words at the end"
    return set(found[1].split("|"))


def test_the_sql_strips_the_total_words_python_reads() -> None:
    assert macro_total_words(MACROS.read_text(encoding="utf-8")) == TOTAL_WORDS


def test_a_word_missing_from_the_sql_is_told() -> None:
    tampered = MACROS.read_text(encoding="utf-8").replace("|sammanlagt)", ")")
    assert macro_total_words(tampered) == TOTAL_WORDS - {"sammanlagt"}
