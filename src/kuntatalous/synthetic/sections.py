"""One report section as text: title page, the units' tables and narrative, goals, key figures,
risks and projects, laid out as the reports lay them out.

A section without boards prints its service area in full and then each responsibility area's
short table (as *Yhteiset palvelut*); a board's section prints its service area first (in full
in the service area's first section, its short table in the others), then the board and its
responsibility areas (as *Hyvinvoinnin edistämisen lautakunta*).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from kuntatalous.synthetic import budget_tables as bt
from kuntatalous.synthetic import city_financing as cf
from kuntatalous.synthetic import city_investments as ci
from kuntatalous.synthetic import dialects as d
from kuntatalous.synthetic import family_tables as ft
from kuntatalous.synthetic import prose
from kuntatalous.synthetic import text_tables as tt
from kuntatalous.synthetic.city import LINES as CITY_LINES
from kuntatalous.synthetic.figures import (
    DEPRECIATION,
    EXPENSES,
    FINANCIAL,
    REVENUES,
    TILIKAUDEN_TULOS,
    TOIMINTAKATE,
    TOIMINTAKULUT,
    TOIMINTATUOTOT,
    VALMISTUS,
    VUOSIKATE,
    Ledger,
)
from kuntatalous.synthetic.formatting import group_thousands
from kuntatalous.synthetic.organisation import Municipality, Section, Unit

INVESTMENT_CATEGORIES = {"environment": ("IRTAIN OMAISUUS", "KIINTEÄ OMAISUUS"), "utility": ("KIINTEÄ OMAISUUS",)}
DEFAULT_CATEGORIES = ("IRTAIN OMAISUUS",)
SUBTOTALS = frozenset({TOIMINTATUOTOT, TOIMINTAKULUT, TOIMINTAKATE, VUOSIKATE, TILIKAUDEN_TULOS})
"""Subtotals of the units' tables, printed in bold."""
CITY_SUBTOTALS = SUBTOTALS | {"tilikauden_ylijaama_alijaama"}


@dataclass(frozen=True)
class Context:
    """What every section of one municipality-year shares."""

    municipality: Municipality
    ledger: Ledger
    year: int
    with_comparability_note: bool
    key_figures: dict[str, dict[tuple[str, int, str], Decimal]]
    """Each service area's key-figure values, by its unit id."""
    with_city_statement: bool = False
    """Whether this section prints the whole city's income statement (the statement year's
    first section, where the municipality's layout prints one)."""


class SectionWriter:
    def __init__(self, context: Context, section: Section, rng: random.Random) -> None:
        self.context = context
        self.section = section
        self.rng = rng
        self.lines: list[str] = []
        self.name = context.municipality.name

    def render(self) -> str:
        section = self.section
        title = section.own_unit.name.upper()
        if section.board is None:
            title = f"{title} -PALVELUALUE"
        dialect = self.context.municipality.dialect
        with_year = self.rng.random() < 0.5
        self.lines.extend(
            prose.title_page(
                title,
                self.context.year,
                with_year=with_year or dialect.years == d.TITLE,
                in_bold=self.rng.random() < 0.5,
                rng=self.rng,
                word=dialect.title_word,
            )
        )
        if self.context.with_city_statement:
            self._city_statement()
        if section.board is None:
            self._service_area_in_full(section.service_area, with_operational_goals=True)
            self._responsibility_areas(section.service_area, heading_block=True)
            self._projects("## Hankkeet")
        else:
            if section.first_of_service_area:
                self._service_area_in_full(section.service_area, with_operational_goals=False)
            else:
                self._unit_tables(section.service_area, "##", detailed=False)
            self._board(section.board, reprint_key_figures=section.first_of_service_area)
            self._responsibility_areas(section.board, heading_block=False)
        return "\n".join(self.lines) + "\n"

    # Units -----------------------------------------------------------------------------------

    def _service_area_in_full(self, unit: Unit, with_operational_goals: bool) -> None:
        self._unit_tables(unit, "##", detailed=True)
        self._para("outturn", 1, unit)
        self._investments(unit)
        self._heading("## TOIMINNAN KUVAUS")
        self._naming_the_city(unit)
        self._para("description", self.rng.randint(0, 2), unit)
        self._heading("## PALVELUALUEJOHTAJAN KATSAUS")
        self._para("review", self.rng.randint(1, 3), unit)
        self._heading(f"## TOTEUTUMINEN {self.context.year}")
        self._para("outturn", 1, unit)
        self._heading("**Toiminnalliset tavoitteet**")
        self._heading("**STRATEGIASTA JOHDETUT TAVOITTEET (VALTUUSTON SITOVUUSTASO)**")
        self._table(tt.goals_table(self.name, self.context.year, True, [], self.rng.random() < 0.3, self.rng))
        if with_operational_goals:
            self._heading("## Käyttösuunnitelman toteutuminen")
            self._heading("### KÄYTTÖSUUNNITELMAN VASTUUALUEITTAISET TAVOITTEET")
            self._operational_goals(unit)
        if self.section.board is not None or self.rng.random() < 0.6:
            self._key_figures(bold_labels=False)
        self._heading("**Riskienhallinta**")
        self._table(tt.risks_table(self.rng.randint(3, 6), self.rng))

    def _board(self, board: Unit, reprint_key_figures: bool) -> None:
        detailed = self.section.service_area.children_detailed
        self._unit_tables(board, "##", detailed=detailed)
        self._heading("### TOIMINNAN KUVAUS")
        self._naming_the_city(board)
        self._para("description", self.rng.randint(0, 1), board)
        self._heading(f"### TOTEUTUMINEN {self.context.year}")
        self._para("outturn", 1, board)
        self._heading("**Käyttösuunnitelma**")
        self._operational_goals(board)
        if reprint_key_figures:
            self._heading("## Tunnusluvut")
            self._para_text(f"{board.name} vastuualuetta koskevat taloudelliset tunnusluvut ovat tummennettuina.")
            self._table(self._key_figure_lines(bold_labels=True))
        else:
            self._key_figures(bold_labels=False)
        self._heading("**Riskienhallinta**")
        self._table(tt.risks_table(self.rng.randint(3, 5), self.rng))
        self._projects("**Hankkeet**")

    def _responsibility_areas(self, parent: Unit, heading_block: bool) -> None:
        if heading_block:
            self._heading("**KÄYTTÖSUUNNITELMAN VASTUUALUEITTAISET TALOUSARVION TOTEUTUMAT**")
        for area in parent.children:
            marker = self.rng.choice(("##", "###", "**"))
            self._unit_tables(area, marker, detailed=False)
            self._heading(
                self.rng.choice(("## TOIMINNAN KUVAUS JA TOTEUTUMINEN", "**TOIMINNAN KUVAUS JA TOTEUTUMINEN**"))
            )
            self._para("description", 1, area)

    def _unit_tables(self, unit: Unit, marker: str, detailed: bool) -> None:
        """The unit's heading, short table and (if ``detailed``) detailed table, each with the
        comparability note when the year has one."""
        self._heading(f"**{unit.name}**" if marker == "**" else f"{marker} {unit.name}")
        label = unit.alias if unit.alias is not None and self.rng.random() < 0.7 else unit.name
        year = self.context.year
        prior = self.context.ledger.operating(unit, year - 1)
        current = self.context.ledger.operating(unit, year)
        valmistus = self.context.municipality.prints_valmistus
        style = bt.TableStyle(split_header=self.rng.random() < 0.4, prints_valmistus=valmistus)
        if not self.context.municipality.dialect.heinola:
            self._family_unit_tables(unit, label, detailed)
            return
        self._table(bt.short_table(label, year, prior, current, style))
        self._note()
        if not detailed:
            return
        style = bt.TableStyle(
            split_header=style.split_header,
            prints_valmistus=valmistus,
            bold_actual_expenses=self.rng.random() < 0.2,
            page_break_after=self.rng.choice(("toimintatuotot", "toimintakulut")) if self.rng.random() < 0.2 else None,
        )
        self._table(bt.detailed_table(label, year, prior, current, style))
        self._note()

    def _family_unit_tables(self, unit: Unit, label: str, detailed: bool) -> None:
        """The unit's short and (if ``detailed``) detailed table in the municipality's layout."""
        valmistus = (VALMISTUS,) if self.context.municipality.prints_valmistus else ()
        short = (TOIMINTATUOTOT, *valmistus, TOIMINTAKULUT, TOIMINTAKATE)
        tables = [short]
        if detailed:
            tables.append(
                (
                    *REVENUES,
                    TOIMINTATUOTOT,
                    *valmistus,
                    *EXPENSES,
                    TOIMINTAKULUT,
                    TOIMINTAKATE,
                    FINANCIAL,
                    VUOSIKATE,
                    DEPRECIATION,
                    TILIKAUDEN_TULOS,
                )
            )
        for lines in tables:
            self._table(ft.render(self.context.municipality.dialect, self._unit_table(unit, label, lines)))
            self._note()

    def _unit_table(self, unit: Unit, label: str, lines: tuple[str, ...]) -> ft.Table:
        dialect = self.context.municipality.dialect
        ledger, year = self.context.ledger, self.context.year
        prior, current = ledger.operating(unit, year - 1), ledger.operating(unit, year)
        change = ledger.changes(unit, year)
        rows = [
            ft.Line(
                line,
                prior=prior.actual[line],
                budget=current.budget[line],
                actual=current.actual[line],
                change=change[line],
                prior_budget=prior.budget[line],
                is_bold=line in SUBTOTALS,
            )
            for line in lines
        ]
        return ft.Table(label, year, rows, dialect.scale, footnote=dialect.footnote and TOIMINTAKATE in lines)

    def _city_statement(self) -> None:
        dialect = self.context.municipality.dialect
        assert dialect.city_statement is not None
        ledger, year = self.context.ledger, self.context.year
        prior, current = ledger.city_statement(year - 1), ledger.city_statement(year)
        self._heading("## Resultaträkning" if dialect.language == "sv" else "## Tuloslaskelmaosan toteutuminen")
        rows = [
            ft.Line(
                line,
                prior=prior.actual[line],
                budget=current.budget[line],
                actual=current.actual[line],
                change=current.change[line],
                prior_budget=prior.budget[line],
                is_bold=line in CITY_SUBTOTALS,
            )
            for line in CITY_LINES
        ]
        unit_label = "Resultaträkning" if dialect.language == "sv" else "Tuloslaskelma"
        self._table(ft.render(dialect, ft.Table(unit_label, year, rows, dialect.city_statement)))
        investments = self._city_investments()
        totals = {row.line: row for row in investments if row.is_bold and row.line in ("menot", "tulot")}
        self._city_financing({row.line: row for row in rows}, totals)

    def _city_financing(self, income: dict[str, ft.Line], investments: dict[str, ft.Line]) -> None:
        """The whole city's financing statement, from its income statement and investment part."""
        dialect, year = self.context.municipality.dialect, self.context.year
        assert dialect.city_statement is not None
        rows = cf.financing_lines(income, investments, self.context.ledger.financing_draws, year, dialect.language)
        self._heading(cf.HEADING[dialect.language])
        table = ft.Table(cf.LABEL[dialect.language], year, rows, dialect.city_statement, with_empty_pct=True)
        self._table(ft.render(dialect, table))

    def _city_investments(self) -> list[ft.Line]:
        """The whole city's investments by asset class, summed over its service areas: its rows."""
        dialect, municipality = self.context.municipality.dialect, self.context.municipality
        assert dialect.city_statement is not None
        areas = {section.service_area.unit_id: section.service_area for section in municipality.sections}
        classes = [(area, INVESTMENT_CATEGORIES.get(area.kind, DEFAULT_CATEGORIES)) for area in areas.values()]
        rows = ci.investment_lines(self.context.ledger, classes, self.context.year, dialect.language)
        self._heading(ci.HEADING[dialect.language])
        table = ft.Table(
            ci.LABEL[dialect.language], self.context.year, rows, dialect.city_statement, with_empty_pct=True
        )
        self._table(ft.render(dialect, table))
        return rows

    def _investments(self, unit: Unit) -> None:
        dialect = self.context.municipality.dialect
        self._heading("## INVESTERINGAR" if dialect.language == "sv" else "## INVESTOINNIT")
        year = self.context.year
        for category in INVESTMENT_CATEGORIES.get(unit.kind, DEFAULT_CATEGORIES):
            prior = self.context.ledger.investment(unit, category, year - 1)
            current = self.context.ledger.investment(unit, category, year)
            with_revenue = any(figures["tulot"] != 0 for figures in (prior.actual, current.actual, current.budget))
            label = f"{unit.name.upper()} {category}"
            if dialect.heinola:
                self._table(bt.investment_table(label, year, prior, current, with_revenue))
                continue
            change = self.context.ledger.investment_change(unit, category, year)
            rows = [
                ft.Line(
                    line,
                    prior=prior.actual[line],
                    budget=current.budget[line],
                    actual=current.actual[line],
                    change=change[line],
                    prior_budget=prior.budget[line],
                    is_bold=line == "netto",
                )
                for line in ("menot", *(("tulot",) if with_revenue else ()), "netto")
            ]
            table = ft.Table(label, year, rows, dialect.scale, with_empty_pct=True)
            self._table(ft.render(dialect, table))

    # Text tables ------------------------------------------------------------------------------

    def _operational_goals(self, unit: Unit) -> None:
        codes = [code for code, _ in tt.sub_areas([child.name for child in unit.children])]
        with_codes = codes if self.rng.random() < 0.5 else []
        self._table(tt.goals_table(self.name, self.context.year, False, with_codes, self.rng.random() < 0.4, self.rng))

    def _key_figures(self, bold_labels: bool) -> None:
        self._heading("## Tunnusluvut")
        self._para_text(
            f"Vuoden {self.context.year} tunnuslukujen laskennassa on käytetty {self.name.genitive} "
            f"asukaslukuna lukua {group_thousands(self.rng.randint(40, 400) * 100)}."
        )
        self._table(self._key_figure_lines(bold_labels))

    def _key_figure_lines(self, bold_labels: bool) -> list[str]:
        service_area = self.section.service_area
        areas = tt.sub_areas([leaf.name for leaf in service_area.leaves()])
        series = self.context.key_figures[service_area.unit_id]
        return tt.key_figures_table(service_area.kind, self.context.year, series, areas, bold_labels)

    def _projects(self, heading: str) -> None:
        if self.rng.random() < 0.3:
            return
        self._heading(heading)
        count = self.rng.randint(2, 7)
        self._table(tt.projects_table(self.name, self.context.year, count, self.rng.random() < 0.4, self.rng))

    # Text -------------------------------------------------------------------------------------

    def _heading(self, text: str) -> None:
        self.lines.extend([text, ""])

    def _table(self, lines: list[str]) -> None:
        self.lines.extend([*lines, ""])

    def _note(self) -> None:
        if self.context.with_comparability_note:
            self._para_text(prose.COMPARABILITY_NOTE.format(year=self.context.year - 1))

    def _para(self, pool: str, count: int, unit: Unit) -> None:
        fill = prose.fill_for(unit.name, self.name, self.context.year)
        self.lines.extend(prose.paragraphs(pool, count, fill, self.rng))

    def _naming_the_city(self, unit: Unit) -> None:
        self.lines.extend(prose.naming_the_city(prose.fill_for(unit.name, self.name, self.context.year), self.rng))

    def _para_text(self, text: str) -> None:
        self.lines.extend([text, ""])
