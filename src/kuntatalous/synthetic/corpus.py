"""Plan, render and write a synthetic corpus: report files, a manifest and reference seeds.

The folder written is a reports folder as ``make build REPORTS=...`` takes it:

* ``<municipality>_tp<year>_<section>.txt``: one report section each;
* ``manifest.csv``: ``file,municipality`` for the second municipality's files, so that a corpus
  of two or more municipalities also exercises the manifest (the extractor reads the others'
  from the text);
* ``expected/ref_units.csv`` and ``expected/ref_unit_aliases.csv``: the organisation the
  generator invented, in the shape of the curated seeds, to compare the tree the build infers
  from the reports against (they are equal). The build does not need it; given in
  ``KUNTATALOUS_EXTRA_REFERENCE`` it curates the units (English names). The extractor reads
  only ``.txt`` and ``.md`` files, so neither CSV is taken for a report.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from kuntatalous.synthetic import text_tables as tt
from kuntatalous.synthetic.dialects import PROFILES
from kuntatalous.synthetic.figures import Ledger
from kuntatalous.synthetic.organisation import Municipality, build_municipality, plan_corpus
from kuntatalous.synthetic.sections import Context, SectionWriter
from kuntatalous.text.cells import slugify

EXPECTED_FOLDER = "expected"
UNIT_COLUMNS = ("unit_id", "municipality", "unit_name", "unit_name_en", "unit_level", "parent_unit_id")
ALIAS_COLUMNS = ("unit_id", "alias")


@dataclass
class Corpus:
    """A rendered corpus: file names (relative to the output folder) and their text."""

    reports: dict[str, str] = field(default_factory=dict)
    manifest: list[tuple[str, str]] = field(default_factory=list)
    units: list[tuple[str, ...]] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)

    def files(self) -> dict[str, bytes]:
        """Every file of the corpus, by its path relative to the output folder."""
        found = {name: text.encode("utf-8") for name, text in self.reports.items()}
        if self.manifest:
            found["manifest.csv"] = _csv(("file", "municipality"), self.manifest)
        found[f"{EXPECTED_FOLDER}/ref_units.csv"] = _csv(UNIT_COLUMNS, self.units)
        found[f"{EXPECTED_FOLDER}/ref_unit_aliases.csv"] = _csv(ALIAS_COLUMNS, self.aliases)
        return found


def generate_corpus(
    documents: int,
    seed: int,
    years: int = 3,
    last_year: int = 2025,
    municipalities: int | None = None,
    family: bool = False,
) -> Corpus:
    """``documents`` report sections of municipalities with invented figures over ``years`` statement years
    ending with ``last_year`` (fewer years for a municipality where the count requires it).

    By default every municipality prints Heinola's layout; with ``family``, the municipalities
    take turns through the report family's layouts (:data:`dialects.PROFILES`, from a seeded
    start), so that a corpus of as many municipalities as layouts prints every variant.
    """
    plans = plan_corpus(documents, years, last_year, municipalities, random.Random(f"{seed}|plan"))
    corpus = Corpus()
    start = random.Random(f"{seed}|dialects").randrange(len(PROFILES))
    for index, plan in enumerate(plans):
        municipality = build_municipality(plan, random.Random(f"{seed}|{plan.name.name}|tree"))
        if family:
            municipality.dialect = PROFILES[(start + index) % len(PROFILES)]
        corpus.municipalities.append(municipality)
        _add_reference(corpus, municipality)
        ledger = Ledger(municipality, seed)
        key_figures = {
            area.unit_id: tt.key_figure_series(
                area.kind,
                range(municipality.years[0] - 2, municipality.years[-1] + 1),
                tt.sub_areas([leaf.name for leaf in area.leaves()]),
                f"{seed}|{area.unit_id}",
            )
            for area in municipality.city.children
        }
        for year in municipality.years:
            year_rng = random.Random(f"{seed}|{municipality.slug}|{year}")
            context = Context(
                municipality=municipality,
                ledger=ledger,
                year=year,
                with_comparability_note=year_rng.random() < 0.25,
                key_figures=key_figures,
            )
            for number, section in enumerate(municipality.sections):
                if number == 0 and municipality.dialect.city_statement is not None:
                    context = replace(context, with_city_statement=True)
                elif number == 1:
                    context = replace(context, with_city_statement=False)
                own = section.own_unit
                name = f"{municipality.slug}_tp{year}_{slugify(own.name)}.txt"
                rng = random.Random(f"{seed}|{own.unit_id}|{year}")
                corpus.reports[name] = SectionWriter(context, section, rng).render()
                if index == 1:
                    corpus.manifest.append((name, municipality.name.name))
    return corpus


def write_corpus(corpus: Corpus, out: Path) -> list[Path]:
    """Write every file of ``corpus`` under ``out`` (created if missing); returns their paths."""
    written = []
    for name, content in corpus.files().items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def _add_reference(corpus: Corpus, municipality: Municipality) -> None:
    for unit in municipality.units():
        corpus.units.append(
            (
                unit.unit_id,
                municipality.name.name,
                unit.name,
                unit.name_en,
                unit.level,
                unit.parent_id or "",
            )
        )
        if unit.alias is not None:
            corpus.aliases.append((unit.unit_id, unit.alias))


def _csv(columns: tuple[str, ...], rows: list[tuple[str, ...]] | list[tuple[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
