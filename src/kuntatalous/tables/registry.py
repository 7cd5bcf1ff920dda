"""Every kind of text table the extractor reads, in the order their headers are tried and their
tables parsed.

A new kind is a parser module that declares its ``TextTableKind`` and one line here.
"""

from __future__ import annotations

from kuntatalous.tables import goals, key_figures, projects, risks
from kuntatalous.tables.kind import TextTableKind


def text_table_kinds() -> tuple[TextTableKind, ...]:
    return (
        projects.TABLE_KIND,
        key_figures.TABLE_KIND,
        goals.TABLE_KIND,
        risks.TABLE_KIND,
    )
