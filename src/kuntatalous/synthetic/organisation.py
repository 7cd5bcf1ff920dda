"""Municipalities, their unit trees and the report sections that print them.

A municipality's statement is printed in sections: a service area without boards makes one
section (itself and its responsibility areas); a service area with boards makes one section
per board, each printing the service area first and then the board and its responsibility
areas. Every section of a statement year is generated, so that each parent unit's children
are loaded in the same year and the unit rollups can be checked.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kuntatalous.synthetic.dialects import HEINOLA, Dialect
from kuntatalous.synthetic.names import (
    MAX_SECTIONS,
    SERVICE_AREAS,
    MunicipalityName,
    ServiceAreaTemplate,
    UnitName,
)
from kuntatalous.text.cells import slugify
from kuntatalous.text.genitive import genitives
from kuntatalous.text.municipality import default_seed, load_municipalities

CITY = "city"
SERVICE_AREA = "service_area"
BOARD = "board"
RESPONSIBILITY_AREA = "responsibility_area"

_ONE_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäö]+")


@dataclass
class Unit:
    unit_id: str
    name: str
    name_en: str
    level: str
    parent_id: str | None
    kind: str
    alias: str | None = None
    children: list[Unit] = field(default_factory=list)
    children_detailed: bool = False
    """Whether the children print a detailed table beside their short one (all alike)."""

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> Iterator[Unit]:
        if not self.children:
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True)
class Section:
    """One report file's content: a service area, or one of its boards."""

    service_area: Unit
    board: Unit | None
    first_of_service_area: bool
    """The service area's first section prints it in full; the others its short table only."""

    @property
    def own_unit(self) -> Unit:
        return self.board if self.board is not None else self.service_area


@dataclass
class Municipality:
    name: MunicipalityName
    slug: str
    city: Unit
    sections: list[Section]
    years: tuple[int, ...]
    prints_valmistus: bool
    """Whether its tables print the Valmistus omaan käyttöön row (every table alike)."""
    dialect: Dialect = HEINOLA
    """How its statement prints its budget tables."""

    def units(self) -> Iterator[Unit]:
        return self.city.walk()


@dataclass(frozen=True)
class MunicipalityPlan:
    name: MunicipalityName
    sections: int
    years: tuple[int, ...]


def municipality_names(count: int, rng: random.Random) -> list[MunicipalityName]:
    """``count`` distinct municipalities of the reference list, each a city or not at random.

    Only one-word names (the corpus's file names start with them), and none that the curated
    seeds already organise (their unit ids would collide with the curated ones).
    """
    curated = _curated_municipalities()
    pool = [
        municipality.name_fi
        for municipality in load_municipalities().municipalities
        if _ONE_WORD.fullmatch(municipality.name_fi) and municipality.name_fi not in curated
    ]
    if count > len(pool):
        raise ValueError(f"at most {len(pool)} municipalities can be named")
    return [MunicipalityName(name, genitives(name)[0], is_city=rng.random() < 0.5) for name in rng.sample(pool, count)]


def _curated_municipalities() -> set[str]:
    """The municipalities of the committed curated organisation (ref_units.csv beside the list)."""
    with (default_seed().parent / "ref_units.csv").open(encoding="utf-8", newline="") as handle:
        return {row["municipality"] for row in csv.DictReader(handle)}


def plan_corpus(
    documents: int, years: int, last_year: int, municipalities: int | None, rng: random.Random
) -> list[MunicipalityPlan]:
    """Municipalities with their section counts and statement years, exactly ``documents``
    sections in all. Each municipality publishes every section in each of its years."""
    if documents < 1:
        raise ValueError("--documents must be at least 1")
    if years < 1:
        raise ValueError("--years must be at least 1")
    all_years = tuple(range(last_year - years + 1, last_year + 1))
    sizes: list[tuple[int, int]] = []  # (sections, year count)
    if municipalities is not None:
        if not 1 <= municipalities <= documents:
            raise ValueError("--municipalities must be between 1 and --documents")
        for index in range(municipalities):
            share = documents // municipalities + (1 if index < documents % municipalities else 0)
            year_count = max(y for y in range(1, min(years, share) + 1) if share % y == 0)
            if share // year_count > MAX_SECTIONS:
                raise ValueError(
                    f"{share} documents for one municipality over {year_count} year(s) exceed "
                    f"{MAX_SECTIONS} sections a year; give more --municipalities or --years"
                )
            sizes.append((share // year_count, year_count))
    else:
        remaining = documents
        while remaining > 0:
            sections = rng.randint(3, MAX_SECTIONS)
            if sections * years <= remaining:
                sizes.append((sections, years))
            elif remaining >= years:
                sizes.append((remaining // years, years))
            else:
                sizes.append((remaining, 1))
            remaining -= sizes[-1][0] * sizes[-1][1]
    names = municipality_names(len(sizes), rng)
    return [
        MunicipalityPlan(name=name, sections=sections, years=all_years[len(all_years) - year_count :])
        for name, (sections, year_count) in zip(names, sizes, strict=True)
    ]


def build_municipality(plan: MunicipalityPlan, rng: random.Random) -> Municipality:
    """The unit tree of a municipality with exactly ``plan.sections`` sections."""
    slug = slugify(plan.name.name)
    city = Unit(
        unit_id=slug,
        name=plan.name.city_unit_name,
        name_en=plan.name.city_unit_name_en,
        level=CITY,
        parent_id=None,
        kind="city",
    )
    templates = _templates(plan.sections, rng)
    counts = _sections_per_service_area(plan.sections, templates, rng)
    sections: list[Section] = []
    for template, count in zip(templates, counts, strict=True):
        service_area = _unit(template.unit, SERVICE_AREA, city, template.kind)
        city.children.append(service_area)
        if count == 1 and (not template.boards or rng.random() < 0.7):
            _add_areas(service_area, template.areas, template.kind, rng)
            sections.append(Section(service_area, None, True))
            continue
        service_area.children_detailed = rng.random() < 0.6
        boards = sorted(rng.sample(range(len(template.boards)), count))
        for number, index in enumerate(boards):
            board_template = template.boards[index]
            board = _unit(board_template.unit, BOARD, service_area, template.kind)
            service_area.children.append(board)
            _add_areas(board, board_template.areas, template.kind, rng)
            sections.append(Section(service_area, board, number == 0))
    return Municipality(
        name=plan.name,
        slug=slug,
        city=city,
        sections=sections,
        years=plan.years,
        prints_valmistus=rng.random() < 0.5,
    )


def _templates(sections: int, rng: random.Random) -> list[ServiceAreaTemplate]:
    """Service-area templates without overlapping unit names, enough for ``sections``."""
    for attempt in range(2):
        pool = list(SERVICE_AREAS)
        if attempt == 0:
            rng.shuffle(pool)
        else:
            pool.sort(key=lambda template: -template.capacity)
        chosen: list[ServiceAreaTemplate] = []
        used: set[str] = set()
        for template in pool:
            if template.names() & used:
                continue
            chosen.append(template)
            used |= template.names()
        if sum(template.capacity for template in chosen) >= sections:
            return chosen
    raise ValueError(f"cannot form {sections} sections (at most {MAX_SECTIONS})")


def _sections_per_service_area(sections: int, templates: list[ServiceAreaTemplate], rng: random.Random) -> list[int]:
    """How many sections each chosen template makes; trims templates left without one."""
    needed = 0
    capacity = 0
    for template in templates:
        needed += 1
        capacity += template.capacity
        if capacity >= sections:
            break
    count = rng.randint(needed, min(sections, len(templates)))
    # The first ``needed`` templates must stay to reach the capacity; the rest are optional.
    kept = templates[:needed] + rng.sample(templates[needed:], count - needed)
    kept.sort(key=templates.index)
    templates[:] = kept
    counts = [1] * len(kept)
    while sum(counts) < sections:
        open_slots = [i for i, template in enumerate(kept) if counts[i] < template.capacity]
        counts[rng.choice(open_slots)] += 1
    return counts


def _unit(name: UnitName, level: str, parent: Unit, kind: str) -> Unit:
    city_slug = parent.unit_id.split(".")[0]
    return Unit(
        unit_id=f"{city_slug}.{slugify(name.name)}",
        name=name.name,
        name_en=name.name_en,
        level=level,
        parent_id=parent.unit_id,
        kind=kind,
        alias=name.alias,
    )


def _add_areas(parent: Unit, areas: tuple[UnitName, ...], kind: str, rng: random.Random) -> None:
    count = rng.randint(min(2, len(areas)), len(areas))
    picked = sorted(rng.sample(range(len(areas)), count))
    for index in picked:
        parent.children.append(_unit(areas[index], RESPONSIBILITY_AREA, parent, kind))
