"""Two report sections of one municipality's year, as large as asked: one section whose units
nothing but the print order places (no level word in their names, captions at one depth), each
unit's table adding up to the section's top unit; and one unit whose table prints as many
expense lines as asked above their subtotal. The corpus the national benchmark lacks: work that
grows faster than a report's size (docs/benchmark-decisions.md, "One large report")."""

from __future__ import annotations

import random
from collections.abc import Iterable
from itertools import product
from string import ascii_lowercase, ascii_uppercase

from kuntatalous.synthetic.formatting import amount, bold, percent, slugify

HEADER = ("TP {prior}", "TA {year}", "TA-muutos", "TA muutosten jälkeen", "TP {year}", "Poikkeama", "Käyttö %")
INCOME = ("Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot")
EXPENSES = ("Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset", "Muut toimintakulut")
Printed = tuple[int, int, int]
"""A line's prior-year actual, budget and actual (no budget change)."""


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
    children = [{line: _printed(rng, line in EXPENSES) for line in INCOME + EXPENSES} for _ in names]
    top = {line: _summed(child[line] for child in children) for line in INCOME + EXPENSES}
    parts = [*_cover(printed_name, year, "Laaja toimiala"), *_unit("Laaja toimiala", year, top)]
    for name, figures in zip(names, children, strict=True):
        parts += [f"## {name}", "", *_unit(name, year, figures)]
    return "\n".join(parts) + "\n"


def long_table(printed_name: str, year: int, lines: int, rng: random.Random) -> str:
    expenses = {f"Menoerä {index:04d}": _printed(rng, True) for index in range(1, lines + 1)}
    total = _summed(expenses.values())
    rows = [_header("Laaja taulukko", year)]
    rows += [_row(label, printed) for label, printed in expenses.items()]
    rows += [_row("Toimintakulut", total, True), _row("Toimintakate", total, True)]
    return "\n".join([*_cover(printed_name, year, "Laaja taulukko"), *rows, ""]) + "\n"


def _cover(printed_name: str, year: int, title: str) -> list[str]:
    return ["", f"TILINPÄÄTÖS {year}", printed_name.upper(), title.upper(), "", f"## {title}", ""]


def _unit(name: str, year: int, figures: dict[str, Printed]) -> list[str]:
    income = _summed(figures[line] for line in INCOME)
    expenses = _summed(figures[line] for line in EXPENSES)
    rows = [_header(name, year)]
    rows += [_row(line, figures[line]) for line in INCOME] + [_row("Toimintatuotot", income, True)]
    rows += [_row(line, figures[line]) for line in EXPENSES] + [_row("Toimintakulut", expenses, True)]
    rows.append(_row("Toimintakate", _summed([income, expenses]), True))
    return [*rows, ""]


def _header(label: str, year: int) -> str:
    return "\t".join([label, *(column.format(prior=year - 1, year=year) for column in HEADER)])


def _row(label: str, printed: Printed, is_bold: bool = False) -> str:
    prior, budget, actual = printed
    cells = [label, amount(prior), amount(budget), "0", amount(budget), amount(actual)]
    cells += [amount(actual - budget), percent(actual, budget, 2)]
    return "\t".join(bold(cell) for cell in cells) if is_bold else "\t".join(cells)


def _printed(rng: random.Random, expense: bool) -> Printed:
    sign = -1 if expense else 1
    prior, budget, actual = (sign * rng.randint(1_000, 90_000) for _ in range(3))
    return prior, budget, actual


def _summed(lines: Iterable[Printed]) -> Printed:
    rows = list(lines)
    return (sum(row[0] for row in rows), sum(row[1] for row in rows), sum(row[2] for row in rows))
