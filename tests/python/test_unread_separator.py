"""The separator of a budget row's unread amount columns is declared in Python
(``output.records.UNREAD_SEPARATOR``, which the extractor joins them with) and said again by the
warehouse's macro ``unread_separator``, which every SQL reading the list uses."""

from __future__ import annotations

import re

from kuntatalous.output.records import UNREAD_SEPARATOR

from .warehouse_builds import REPO

MACROS = REPO / "macros" / "reconciliation.sql"
_SEPARATOR = re.compile(r"\{% macro unread_separator\(\) -%\}.*?'([^']*)'\s*\{%- endmacro %\}", re.DOTALL)


def macro_separator(text: str) -> str:
    """The literal the macro ``unread_separator`` of the macros' ``text`` returns."""
    found = _SEPARATOR.findall(text)
    assert len(found) == 1, f"unread_separator declared {len(found)} times in {MACROS.name}"
    return str(found[0])


def test_the_sql_reads_the_separator_the_extractor_writes() -> None:
    assert macro_separator(MACROS.read_text(encoding="utf-8")) == UNREAD_SEPARATOR


def test_another_separator_in_the_sql_is_told() -> None:
    tampered = MACROS.read_text(encoding="utf-8").replace("    '|'\n{%- endmacro %}", "    ';'\n{%- endmacro %}")
    assert macro_separator(tampered) == ";"


def literal_separators(text: str) -> list[str]:
    """The lines of SQL ``text`` that write the separator beside ``unread_columns`` themselves."""
    return [
        line.strip() for line in text.splitlines() if "unread_columns" in line and ("'|'" in line or "'%|'" in line)
    ]


def test_no_sql_writes_the_separator_itself() -> None:
    """Every model and macro asks the macro: a literal '|' beside unread_columns is a second
    declaration."""
    paths = [path for folder in ("models", "macros") for path in (REPO / folder).rglob("*.sql")]
    assert {str(path.relative_to(REPO)): literal_separators(path.read_text(encoding="utf-8")) for path in paths} == {
        str(path.relative_to(REPO)): [] for path in paths
    }


def test_a_literal_separator_is_told() -> None:
    line = "        and '|' || unread_columns || '|' like '%|' || source_column || '|%'"
    assert literal_separators(f"select 1\n{line}\n") == [line.strip()]
