"""Two report sections of one municipality's year, as large as asked: one section whose units
nothing but the print order places (no level word in their names, captions at one depth), each
unit's table adding up to the section's top unit; and one unit whose table prints as many
expense lines as asked above their subtotal. The corpus the national benchmark lacks: work that
grows faster than a report's size (docs/benchmark-decisions.md, "One large report"). The tables
are the synthetic corpus's own (``budget_tables.header`` and ``printed_row``)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from itertools import product
from string import ascii_lowercase, ascii_uppercase

from kuntatalous.synthetic.budget_tables import header, printed_row
from kuntatalous.synthetic.figures import EXPENSES, LABELS, REVENUES, TOIMINTAKATE, TOIMINTAKULUT, TOIMINTATUOTOT
from kuntatalous.text.cells import slugify

Printed = tuple[int, int, int]
"""A line's prior-year actual, budget and actual."""


def large_sections(municipality: str, printed_name: str, year: int, units: int, lines: int) -> dict[str, str]:
    """File name → text: the section of ``units`` units placed by print order alone, and the
    unit of ``lines`` expense lines, of ``municipality`` (``printed_name`` on the cover, as
    ``Akaan kaupunki``). Seeded by the sizes: the same arguments give the same bytes."""
    rng = random.Random(f"{municipality} {year} {units} {lines}")
    stem = slugify(municipality)
    return {
        f"{stem}_tp{year}_laaja_toimiala.txt": silent_section(printed_name, year, units, rng),
        f"{stem}_tp{year}_laaja_taulukko.txt": long_table(printed_name, year, lines, rng),
    }


def silent_section(printed_name: str, year: int, units: int, rng: random.Random) -> str:
    names = [f"Kohde {first}{second}" for first, second in product(ascii_uppercase, ascii_lowercase)][:units]
    children = [{line: _printed(rng, line in EXPENSES) for line in REVENUES + EXPENSES} for _ in names]
    top = {line: _summed(child[line] for child in children) for line in REVENUES + EXPENSES}
    parts = [*_cover(printed_name, year, "Laaja toimiala"), *_unit("Laaja toimiala", year, top)]
    for name, figures in zip(names, children, strict=True):
        parts += [f"## {name}", "", *_unit(name, year, figures)]
    return "\n".join(parts) + "\n"


def long_table(printed_name: str, year: int, lines: int, rng: random.Random) -> str:
    expenses = {f"Menoerä {index:04d}": _printed(rng, True) for index in range(1, lines + 1)}
    total = _summed(expenses.values())
    rows = header("Laaja taulukko", year, split=False)
    rows += [printed_row(label, *printed) for label, printed in expenses.items()]
    rows += [printed_row(LABELS[line], *total, is_bold=True) for line in (TOIMINTAKULUT, TOIMINTAKATE)]
    return "\n".join([*_cover(printed_name, year, "Laaja taulukko"), *rows, ""]) + "\n"


def _cover(printed_name: str, year: int, title: str) -> list[str]:
    return ["", f"TILINPÄÄTÖS {year}", printed_name.upper(), title.upper(), "", f"## {title}", ""]


def _unit(name: str, year: int, figures: dict[str, Printed]) -> list[str]:
    revenues = _summed(figures[line] for line in REVENUES)
    expenses = _summed(figures[line] for line in EXPENSES)
    rows = header(name, year, split=False)
    rows += [printed_row(LABELS[line], *figures[line]) for line in REVENUES]
    rows.append(printed_row(LABELS[TOIMINTATUOTOT], *revenues, is_bold=True))
    rows += [printed_row(LABELS[line], *figures[line]) for line in EXPENSES]
    rows.append(printed_row(LABELS[TOIMINTAKULUT], *expenses, is_bold=True))
    rows.append(printed_row(LABELS[TOIMINTAKATE], *_summed([revenues, expenses]), is_bold=True))
    return [*rows, ""]


def _printed(rng: random.Random, expense: bool) -> Printed:
    sign = -1 if expense else 1
    prior, budget, actual = (sign * rng.randint(1_000, 90_000) for _ in range(3))
    return prior, budget, actual


def _summed(lines: Iterable[Printed]) -> Printed:
    rows = list(lines)
    return (sum(row[0] for row in rows), sum(row[1] for row in rows), sum(row[2] for row in rows))
