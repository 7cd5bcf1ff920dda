"""Page sections from the reports' text tables (projects, goals, key figures, risks) and the
reconciliation status."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from kuntatalous.site import charts
from kuntatalous.site.charts import OKABE_ITO
from kuntatalous.site.marts import Row
from kuntatalous.site.model import Block, Cell, Finding, PageContext, Section, Table, TableRow
from kuntatalous.site.text import RECONCILIATION_STATUSES

STATUS_COLOURS = {
    "ok": OKABE_ITO["blue"],
    "warn": OKABE_ITO["orange"],
    "fail": OKABE_ITO["vermillion"],
    "incomplete": OKABE_ITO["grey"],
}
GOAL_COLOURS = {
    "achieved": OKABE_ITO["blue"],
    "partially_achieved": OKABE_ITO["orange"],
    "in_progress": OKABE_ITO["sky_blue"],
    "not_achieved": OKABE_ITO["reddish_purple"],
    "not_assessed": OKABE_ITO["grey"],
}
"""Each goal status's colour (``dim_goal_status``); a status without one is black."""


def projects_section(ctx: PageContext) -> Section:
    section = Section("projects", ctx.label("sec_projects"))
    rows = ctx.page.rows["projects"]
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    values = [
        ctx.datum(
            r,
            r["total_funding_eur"],
            ctx.eur(r["total_funding_eur"], "total_funding_eur").text,
            category=r["project_name"],
            series=ctx.label("total_funding"),
            funders=r["funders"] or "",
            city_share=ctx.pct(r["city_share_pct"], "city_share_pct").text,
        )
        for r in rows
        if r["total_funding_eur"] is not None
    ]
    spec = charts.grouped_bars(
        ctx.label("sec_projects"),
        values,
        ([ctx.label("total_funding")], [OKABE_ITO["blue"]]),
        {"value": f"{ctx.label('total_funding')}, €", "category": ctx.label("project")},
    )
    spec["encoding"]["tooltip"] += [
        {"field": "funders", "title": ctx.label("funders")},
        {"field": "city_share", "title": ctx.label("city_share")},
    ]
    columns = [
        ctx.label(k)
        for k in ("project", "unit", "funders", "period", "total_funding", "city_share", "spend_pct", "source")
    ]
    table = Table(columns, [project_row(ctx, r) for r in rows])
    section.blocks.append(Block(chart=ctx.chart(spec, ctx.label("sec_projects")) if values else None, table=table))
    return section


def project_row(ctx: PageContext, row: Row) -> TableRow:
    start, end = row["period_start_year"], row["period_end_year"]
    period = "\u2013".join(str(y) for y in dict.fromkeys((start, end)) if y is not None)
    share = ctx.pct(row["city_share_pct"], "city_share_pct")
    share.title = row["city_share_raw"]
    cells = [
        Cell(row["project_name"]),
        Cell(ctx.unit_name(row["unit_id"])),
        Cell(row["funders"] or ""),
        Cell(period),
        ctx.eur(row["total_funding_eur"], "total_funding_eur"),
        share,
        ctx.pct(row["spend_pct"], "spend_pct"),
        ctx.source(row["source_file"], row["source_line"]),
    ]
    return TableRow(cells, {"unit": row["unit_id"]})


def goals_section(ctx: PageContext) -> Section:
    section = Section("goals", ctx.label("sec_goals"))
    rows = ctx.page.rows["goals"]
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    statuses = [goal_status(ctx, s) for s in ctx.site.goal_statuses]
    values = [
        {
            **ctx.datum(r, None, goal_status(ctx, r)),
            "category": goal_level(ctx, r),
            "colour_key": goal_status(ctx, r),
            "colour_order": r["status_order"] or 0,
        }
        for r in rows
    ]
    spec = charts.stacked_counts(
        ctx.label("sec_goals"),
        values,
        (
            statuses,
            [GOAL_COLOURS.get(status["goal_status_id"], OKABE_ITO["black"]) for status in ctx.site.goal_statuses],
        ),
        {"value": ctx.label("count"), "category": ctx.label("goal_level")},
    )
    columns = [ctx.label(k) for k in ("unit", "goal_level", "goal", "status", "source")]
    table_rows = [
        TableRow(
            [
                Cell(ctx.unit_name(r["unit_id"])),
                Cell(goal_level(ctx, r)),
                Cell(r["goal"] or ""),
                Cell(goal_status(ctx, r), title=r["outcome"]),
                ctx.source(r["source_file"], r["source_line"]),
            ],
            {"unit": r["unit_id"], "status": r["goal_status_id"] or ""},
        )
        for r in rows
    ]
    section.blocks.append(Block(chart=ctx.chart(spec, ctx.label("sec_goals")), table=Table(columns, table_rows)))
    return section


def goal_status(ctx: PageContext, row: Row) -> str:
    name = row["status_name_en"] if ctx.language == "en" else row["status_name"]
    return str(name or row.get("status_raw") or "")


def goal_level(ctx: PageContext, row: Row) -> str:
    level = row["goal_level"]
    return ctx.label(f"level_{level}") if level in ("council", "operational") else str(level or "")


KeyFigure = tuple[str, str | None, str | None, str | None, str]


def key_figures_section(ctx: PageContext) -> Section:
    section = Section("key_figures", ctx.label("sec_key_figures"))
    rows = ctx.page.rows["key_figures"]
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    figures: dict[KeyFigure, dict[tuple[int, str], Row]] = defaultdict(dict)
    for row in rows:
        key = (row["indicator"], row["indicator_qualifier"], row["unit_of_measure"], row["sub_area"], row["unit_id"])
        figures[key].setdefault((row["fiscal_year"], row["measure_type"]), row)
    this_year = ctx.page.fiscal_year
    shown = [
        *((year, "actual") for year in _years_of(figures, "actual")),
        (this_year, "target"),
        *((year, "plan") for year in _years_of(figures, "plan")),
    ]
    columns = [ctx.label(k) for k in ("indicator", "unit_of_measure", "sub_area")]
    columns += [f"{ctx.label(kind)} {year}" for year, kind in shown] + [ctx.label("source")]
    table_rows = [key_figure_row(ctx, key, cells, shown) for key, cells in figures.items()]
    values = key_figure_data(ctx, figures)
    actual, target = f"{ctx.label('actual')} {this_year}", f"{ctx.label('target')} {this_year}"
    spec = charts.target_dots(
        ctx.label("sec_key_figures"), values, ([actual, target], [OKABE_ITO["blue"], OKABE_ITO["orange"]])
    )
    chart = ctx.chart(spec, ctx.label("sec_key_figures")) if values else None
    section.blocks.append(Block(chart=chart, table=Table(columns, table_rows)))
    return section


def _years_of(figures: dict[KeyFigure, dict[tuple[int, str], Row]], measure_type: str) -> list[int]:
    """The years some key figure prints a value of ``measure_type`` for (``actual``, ``plan``)."""
    return sorted({year for cells in figures.values() for year, kind in cells if kind == measure_type})


def key_figure_name(key: KeyFigure) -> str:
    indicator, qualifier, unit_of_measure, sub_area, _ = key
    parts = [indicator, f"({qualifier})" if qualifier else None, sub_area, unit_of_measure]
    return " ".join(p for p in parts if p)


def key_figure_row(
    ctx: PageContext, key: KeyFigure, cells: dict[tuple[int, str], Row], columns: list[tuple[int, str]]
) -> TableRow:
    """A key figure's row: its value in each of ``columns`` (year and measure type), as printed
    where it is no number, empty where it prints none."""
    indicator, qualifier, unit_of_measure, sub_area, unit_id = key
    name = f"{indicator} ({qualifier})" if qualifier else indicator
    shown = [Cell(name), Cell(unit_of_measure or ""), Cell(sub_area or "")]
    for year, kind in columns:
        row = cells.get((year, kind))
        cell = ctx.plain(row["value"], f"{kind}_{year}") if row else Cell("")
        if row and row["value"] is None:
            cell.text = row["value_raw"] or ""
        cell.title = row["value_raw"] if row else None
        shown.append(cell)
    first = min(cells.values(), key=lambda r: r["source_line"])
    shown.append(ctx.source(first["source_file"], first["source_line"]))
    return TableRow(shown, {"unit": unit_id, "indicator": indicator})


def key_figure_data(ctx: PageContext, figures: dict[KeyFigure, dict[tuple[int, str], Row]]) -> list[dict[str, Any]]:
    """The statement year's actual and target of each key figure that has both."""
    values = []
    year = ctx.page.fiscal_year
    for key, cells in figures.items():
        pair = [cells.get((year, "actual")), cells.get((year, "target"))]
        if any(row is None or row["value"] is None for row in pair):
            continue
        for row, kind in zip(pair, ("actual", "target"), strict=True):
            assert row is not None
            value: Decimal = row["value"]
            colour = f"{ctx.label(kind)} {year}"
            values.append(
                ctx.datum(row, value, ctx.plain(value, kind).text, category=key_figure_name(key), colour_key=colour)
            )
    return values


def risks_section(ctx: PageContext) -> Section:
    section = Section("risks", ctx.label("sec_risks"))
    rows = ctx.page.rows["risks"]
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    values = [
        ctx.datum(r, r["risk_score"], str(r["risk_score"]), category=r["risk"], series=ctx.label("risk_score"))
        for r in rows
        if r["risk_score"] is not None
    ]
    spec = charts.grouped_bars(
        ctx.label("sec_risks"),
        values,
        ([ctx.label("risk_score")], [OKABE_ITO["vermillion"]]),
        {"value": ctx.label("risk_score"), "category": ctx.label("risk")},
    )
    spec["encoding"]["x"]["axis"] = {"tickMinStep": 1}
    columns, table_rows = _risk_table(ctx, rows)
    chart = ctx.chart(spec, ctx.label("sec_risks")) if values else None
    section.blocks.append(Block(chart=chart, table=Table(columns, table_rows)))
    return section


def _risk_table(ctx: PageContext, rows: list[Row]) -> tuple[list[str], list[TableRow]]:
    """The risks' table: its column headers and rows. A report that judges a risk in words
    (`Suuri`, `Kohtalainen`) prints no number to show: its judgements as printed get a column."""
    in_words = any(r["risk_score"] is None for r in rows)
    keys = ("risk", "unit", "risk_class", "probability", "significance", "risk_score")
    columns = [ctx.label(k) for k in (*keys, *(("as_printed",) if in_words else ()), "source")]
    table_rows = [
        TableRow(
            [
                Cell(r["risk"]),
                Cell(ctx.unit_name(r["unit_id"])),
                Cell(r["risk_class"] or ""),
                ctx.plain(r["probability"], "probability"),
                ctx.plain(r["significance"], "significance"),
                ctx.plain(r["risk_score"], "risk_score"),
                *([Cell(r["risk_value_raw"], column="as_printed")] if in_words else []),
                ctx.source(r["source_file"], r["source_line"]),
            ],
            {"unit": r["unit_id"]},
        )
        for r in rows
    ]
    return columns, table_rows


def reconciliation_section(ctx: PageContext) -> Section:
    section = Section("reconciliation", ctx.label("sec_reconciliation"), ctx.label("sec_reconciliation_note"))
    counts = reconciliation_counts(ctx.page.rows["reconciliation_counts"])
    if not counts:
        section.missing = ctx.label("not_printed")
        return section
    statuses = [s for s in RECONCILIATION_STATUSES if s in counts] + sorted(set(counts) - set(RECONCILIATION_STATUSES))
    labels = [status_label(ctx, s) for s in statuses]
    values = [
        {
            "category": status_label(ctx, s),
            "colour_key": status_label(ctx, s),
            "value": counts[s],
            "label": str(counts[s]),
            "source": "",
            "href": "",
        }
        for s in statuses
    ]
    spec = charts.coloured_bars(
        ctx.label("sec_reconciliation"),
        values,
        (labels, [STATUS_COLOURS.get(s, OKABE_ITO["black"]) for s in statuses]),
        {"value": ctx.label("checks"), "category": ctx.label("status")},
    )
    table = Table(
        [ctx.label("status"), ctx.label("checks")],
        [TableRow([Cell(status_label(ctx, s)), ctx.plain(counts[s], "checks")], {"status": s}) for s in statuses],
    )
    findings = [finding(ctx, f) for f in ctx.page.rows["findings"]]
    block = Block(chart=ctx.chart(spec, ctx.label("sec_reconciliation")), table=table, findings=findings)
    if not findings:
        block.paragraphs.append(ctx.label("no_findings"))
    section.blocks.append(block)
    return section


def reconciliation_counts(rows: list[Row]) -> dict[str, int]:
    """Checks per status over the page's documents (each document's count from rpt_reconciliation)."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["status"]] += int(row["checks"])
    return dict(counts)


def status_label(ctx: PageContext, status: str) -> str:
    return ctx.label(f"status_{status}") if status in RECONCILIATION_STATUSES else status


def finding(ctx: PageContext, row: Row) -> Finding:
    sources = [ctx.source(row["source_file"], row["source_line"])]
    if row["other_source_file"]:
        sources.append(ctx.source(row["other_source_file"], row["other_source_line"]))
    return Finding(row["status"], status_label(ctx, row["status"]), row["message"], sources)
