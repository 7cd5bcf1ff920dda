"""The sections of a municipality's statement-year page, in the order the page shows them.

Each builder turns the page's mart rows into a chart, the table under it and, where the marts
hold no data for it, the words "not printed in this report". Figures are mart values; the only
arithmetic is a chart's geometry (where a waterfall's floating bar starts) and the ranking of
rows (largest variances first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kuntatalous.site import charts
from kuntatalous.site.charts import OKABE_ITO
from kuntatalous.site.marts import BUDGET_PHASES, Row
from kuntatalous.site.model import Block, Cell, PageContext, Section, Table, TableRow

HEADLINE_LINE_ITEM = "toimintakate"
"""The figure each unit is compared by: Toimintakate (operating margin), the net figure a council
binds. The unit tables add its subtotal terms (Toimintatuotot, Toimintakulut) from dim_line_item."""

TOP_ROWS = 8
"""How many of the largest over- and underspends each ranking shows."""

LEVEL_LABELS = ("city", "service_area", "board", "responsibility_area")
"""Unit levels that have a heading of their own (text.LABELS ``level_<level>``); others share one."""

SERIES_COLOURS = {
    "budget": OKABE_ITO["sky_blue"],
    "actual": OKABE_ITO["blue"],
    "budget_original": OKABE_ITO["orange"],
    "budget_change": OKABE_ITO["reddish_purple"],
}


def budget_columns(ctx: PageContext) -> list[str]:
    return [ctx.label(k) for k in ("unit", "line_item", "budget", "actual", "variance", "execution_pct", "source")]


def budget_row(ctx: PageContext, row: Row, first: str | None = None) -> TableRow:
    """A rpt_budget_vs_actual row: unit, line item, budget, actual, variance, execution %, source."""
    cells = [
        Cell(first if first is not None else ctx.unit_name(row["unit_id"])),
        Cell(ctx.item_name(row["line_item_id"])),
        ctx.eur(row["budget_eur"], "budget_eur"),
        ctx.eur(row["actual_eur"], "actual_eur"),
        ctx.eur(row["variance_eur"], "variance_eur"),
        ctx.pct(row["execution_pct"], "execution_pct"),
        ctx.source(row["source_file"], row["source_line"]),
    ]
    attributes = {"unit": row["unit_id"], "line-item": row["line_item_id"], "statement": row["statement"]}
    if row.get("investment_category"):
        attributes["investment-category"] = row["investment_category"]
    return TableRow(cells, attributes)


def budget_actual_data(ctx: PageContext, rows: list[Row], category: Any) -> list[dict[str, Any]]:
    """Two data per row (budget, actual) for a grouped bar chart; ``category`` names the row."""
    values = []
    for row in rows:
        for key in ("budget", "actual"):
            amount = row[f"{key}_eur"]
            if amount is not None:
                label = ctx.eur(amount, key).text
                values.append(ctx.datum(row, amount, label, category=category(row), series=ctx.label(key)))
    return values


def series(ctx: PageContext, keys: tuple[str, ...]) -> tuple[list[str], list[str]]:
    return [ctx.label(k) for k in keys], [SERIES_COLOURS[k] for k in keys]


def units_section(ctx: PageContext) -> Section:
    section = Section("units", ctx.label("sec_units"), ctx.label("sec_units_note"))
    items = headline_items(ctx)
    rows = [r for r in ctx.page.rows["budget"] if r["statement"] == "operating" and r["line_item_id"] in items]
    for level, level_rows in by_level(ctx, rows):
        headline = [r for r in level_rows if r["line_item_id"] == HEADLINE_LINE_ITEM]
        chart = None
        if headline:
            values = budget_actual_data(ctx, headline, lambda r: ctx.unit_name(r["unit_id"]))
            spec = charts.grouped_bars(
                f"{level}: {ctx.item_name(HEADLINE_LINE_ITEM)}",
                values,
                series(ctx, ("budget", "actual")),
                {"value": f"{ctx.item_name(HEADLINE_LINE_ITEM)}, €", "category": ctx.label("unit")},
            )
            chart = ctx.chart(spec, f"{level}: {ctx.item_name(HEADLINE_LINE_ITEM)}")
        ordered = sorted(level_rows, key=lambda r: (r["unit_id"], items.index(r["line_item_id"])))
        table = Table(budget_columns(ctx), [budget_row(ctx, r) for r in ordered])
        section.blocks.append(Block(heading=level, chart=chart, table=table))
    if not section.blocks:
        section.missing = ctx.label("not_printed")
    return section


def headline_items(ctx: PageContext) -> list[str]:
    """Toimintakate's subtotal terms in printing order, then Toimintakate itself."""
    terms = [
        item
        for item in ctx.site.line_items.values()
        if item["parent_line_item_id"] == HEADLINE_LINE_ITEM and item["is_subtotal"]
    ]
    return [item["line_item_id"] for item in terms] + [HEADLINE_LINE_ITEM]


def by_level(ctx: PageContext, rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """The rows grouped by their unit's level, levels from the top of the tree down."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    depth: dict[str, int] = {}
    for row in rows:
        unit = ctx.site.units.get(row["unit_id"], {})
        level = unit.get("unit_level") if ctx.site.has_unit_levels else None
        key = level if level in LEVEL_LABELS else "unknown"
        grouped[key].append(row)
        depth[key] = min(depth.get(key, 99), unit.get("depth") or 99)
    order = sorted(grouped, key=lambda k: (depth[k], k))
    return [(ctx.label(f"level_{key}"), grouped[key]) for key in order]


def finest_rows(ctx: PageContext, direction: str) -> list[Row]:
    """Operating rows of ``direction`` at the finest detail each unit prints: a subtotal only where
    the unit prints none of its terms."""
    rows = [
        r
        for r in ctx.page.rows["budget"]
        if r["statement"] == "operating"
        and ctx.site.line_items.get(r["line_item_id"], {}).get("direction") == direction
    ]
    printed = {(r["document_id"], r["unit_id"], r["line_item_id"]) for r in rows}
    parents = {
        (document, unit, ctx.site.line_items[item]["parent_line_item_id"])
        for document, unit, item in printed
        if item in ctx.site.line_items
    }
    return [r for r in rows if (r["document_id"], r["unit_id"], r["line_item_id"]) not in parents]


def variances_section(ctx: PageContext) -> Section:
    section = Section("variances", ctx.label("sec_variances"), ctx.label("sec_variances_note"))
    for direction, key in (("expenditure", "costs"), ("revenue", "income")):
        rows = [r for r in finest_rows(ctx, direction) if r["variance_eur"] is not None]
        if not rows:
            continue
        by_euros = sorted(rows, key=lambda r: -abs(r["variance_eur"]))[:TOP_ROWS]
        section.blocks.append(variance_block(ctx, f"{ctx.label(key)}, {ctx.label('by_euros')}", by_euros))
        with_pct = [r for r in rows if r["execution_pct"] is not None]
        by_pct = sorted(with_pct, key=lambda r: -abs(r["execution_pct"] - 100))[:TOP_ROWS]
        heading = f"{ctx.label(key)}, {ctx.label('by_pct')}"
        section.blocks.append(Block(heading=heading, table=variance_table(ctx, by_pct)))
    notes = comparability_notes(ctx)
    if notes:
        section.blocks.append(Block(heading=ctx.label("comparability_notes"), paragraphs=notes))
    if not section.blocks:
        section.missing = ctx.label("not_printed")
    return section


VARIANCE_KEYS = {True: "favourable", False: "unfavourable", None: "direction_unknown"}
"""A variance's label by ``is_favourable_variance``: better or worse than budget, or neither
(NULL: a line of no known direction, whose printed sign tells nothing)."""
_VARIANCE_COLOURS = {True: OKABE_ITO["blue"], False: OKABE_ITO["vermillion"], None: OKABE_ITO["grey"]}


def variance_legend(flags: list[bool | None]) -> list[bool | None]:
    """The variance chart's legend: better and worse than budget, and neither only where a row
    is of no known direction."""
    return [True, False, *([None] if None in flags else [])]


def variance_block(ctx: PageContext, heading: str, rows: list[Row]) -> Block:
    values = [
        ctx.datum(
            r,
            r["variance_eur"],
            ctx.eur(r["variance_eur"], "variance_eur").text,
            category=f"{ctx.unit_name(r['unit_id'])} · {ctx.item_name(r['line_item_id'])}",
            colour_key=ctx.label(VARIANCE_KEYS[r["is_favourable_variance"]]),
        )
        for r in rows
    ]
    shown = variance_legend([r["is_favourable_variance"] for r in rows])
    spec = charts.coloured_bars(
        heading,
        values,
        ([ctx.label(VARIANCE_KEYS[key]) for key in shown], [_VARIANCE_COLOURS[key] for key in shown]),
        {"value": f"{ctx.label('variance')}, €", "category": ctx.label("line_item")},
    )
    return Block(heading=heading, chart=ctx.chart(spec, heading), table=variance_table(ctx, rows))


def variance_table(ctx: PageContext, rows: list[Row]) -> Table:
    columns = [*budget_columns(ctx)[:-1], ctx.label("prior_year"), ctx.label("source")]
    table_rows = []
    for row in rows:
        base = budget_row(ctx, row)
        prior = ctx.eur(row["prior_year_actual_eur"], "prior_year_actual_eur")
        if row["is_prior_year_comparable"] is False and prior.text:
            prior.text += f" ({ctx.label('not_comparable')})"
        table_rows.append(TableRow([*base.cells[:-1], prior, base.cells[-1]], base.attributes))
    return Table(columns, table_rows)


def comparability_notes(ctx: PageContext) -> list[str]:
    """The report's own notes on comparability, as the reconciliation's warnings on prior-year
    figures quote them (the marts keep a note's text there only)."""
    documents = {r["document_id"] for r in ctx.page.rows["budget"] if r["is_prior_year_comparable"] is False}
    reasons = [
        f["reason"]
        for f in ctx.page.rows["findings"]
        if f["status"] == "warn" and f["document_id"] in documents and f["fiscal_year"] < ctx.page.fiscal_year
    ]
    return list(dict.fromkeys(reason for reason in reasons if reason))


def cascade_steps(line_items: dict[str, Row], printed: dict[str, Row]) -> tuple[list[Row], set[str]]:
    """A unit's income-statement cascade from the lines it prints (``printed``, by line item):
    the balance subtotals (Toimintakate, Vuosikate, Tilikauden tulos) and the lines that add
    into them, in the chart's order; none where it prints no total under another (``_cascades``).
    A municipal enterprise's statement in company form (it prints a line that some line names
    as its company-form parent: Liikeylijäämä) cascades by each line's company-form parent
    where it has one, in print order: there Poistot come before Liikeylijäämä."""
    company_totals = {i["company_form_parent_line_item_id"] for i in line_items.values()} - {None}
    company = not company_totals.isdisjoint(printed)

    def parent(item: Row) -> str | None:
        own: str | None = item["parent_line_item_id"]
        return (item["company_form_parent_line_item_id"] or own) if company else own

    operating = [i for i in line_items.values() if i["statement"] == "operating"]
    totals = {i["line_item_id"] for i in operating if i["is_subtotal"] and i["direction"] == "balance"}
    if not _cascades(line_items, totals & printed.keys(), parent):
        return [], totals
    steps = [i for i in operating if i["line_item_id"] in printed and totals & {i["line_item_id"], parent(i)}]
    steps.sort(key=lambda i: (i["sort_order"] is None, i["sort_order"]))
    rows = [printed[i["line_item_id"]] for i in steps]
    return (sorted(rows, key=lambda row: row["source_line"]) if company else rows), totals


def cascade_section(ctx: PageContext) -> Section:
    section = Section("cascade", ctx.label("sec_cascade"), ctx.label("sec_cascade_note"))
    units: dict[tuple[str, str], dict[str, Row]] = defaultdict(dict)
    for row in ctx.page.rows["budget"]:
        if row["statement"] == "operating" and row["actual_eur"] is not None:
            units[(row["document_id"], row["unit_id"])][row["line_item_id"]] = row
    for (_, unit_id), printed in units.items():
        steps, totals = cascade_steps(ctx.site.line_items, printed)
        if steps:
            section.blocks.append(cascade_block(ctx, ctx.unit_name(unit_id), steps, totals))
    if not section.blocks:
        section.missing = ctx.label("not_printed")
    return section


def _cascades(line_items: dict[str, Row], printed_totals: set[str], parent: Callable[[Row], str | None]) -> bool:
    """Whether a unit prints a cascade: a total and, above it in the tree, another total."""
    for item in printed_totals:
        above = parent(line_items[item])
        while above is not None:
            if above in printed_totals:
                return True
            above = parent(line_items[above])
    return False


def cascade_block(ctx: PageContext, heading: str, steps: list[Row], totals: set[str]) -> Block:
    running = Decimal(0)
    values = []
    for row in steps:
        amount: Decimal = row["actual_eur"]
        is_total = row["line_item_id"] in totals
        start, end = (Decimal(0), amount) if is_total else (running, running + amount)
        running = end
        kind = "subtotal" if is_total else "increase" if amount >= 0 else "decrease"
        datum = ctx.datum(row, amount, ctx.eur(amount, "actual_eur").text, category=ctx.item_name(row["line_item_id"]))
        values.append({**datum, "start": float(start), "end": float(end), "colour_key": ctx.label(kind)})
    keys = [ctx.label(k) for k in ("subtotal", "increase", "decrease")]
    colours = [OKABE_ITO["grey"], OKABE_ITO["blue"], OKABE_ITO["vermillion"]]
    spec = charts.waterfall(heading, values, (keys, colours), f"{ctx.label('actual')}, €")
    columns = budget_columns(ctx)
    table = Table(columns, [budget_row(ctx, row) for row in steps])
    return Block(heading=heading, chart=ctx.chart(spec, f"{ctx.label('sec_cascade')}: {heading}"), table=table)


PhaseKey = tuple[str, str, str, str | None]


def phases_section(ctx: PageContext) -> Section:
    """Original budget -> changes -> budget in force -> actual, from fact_budget's scenarios; shown
    only where a report prints an original budget or changes."""
    section = Section("phases", ctx.label("sec_phases"))
    rows = ctx.page.rows["phases"]
    if not any(r["scenario"] in BUDGET_PHASES[:2] for r in rows):
        section.missing = ctx.label("not_printed")
        return section
    pivot: dict[PhaseKey, dict[str, Row]] = defaultdict(dict)
    for row in rows:
        key = (row["document_id"], row["unit_id"], row["line_item_id"], row["investment_category"])
        pivot[key].setdefault(row["scenario"], row)
    phase_keys = tuple(p for p in BUDGET_PHASES if any(p in phases for phases in pivot.values()))
    columns = [ctx.label("unit"), ctx.label("line_item"), *(ctx.label(p) for p in phase_keys), ctx.label("source")]
    table = Table(columns, [phase_row(ctx, key, phases, phase_keys) for key, phases in pivot.items()])
    values = [
        ctx.datum(
            phases[p],
            phases[p]["amount_eur"],
            ctx.eur(phases[p]["amount_eur"], p).text,
            category=ctx.unit_name(key[1]),
            series=ctx.label(p),
        )
        for key, phases in pivot.items()
        if key[2] == HEADLINE_LINE_ITEM
        for p in phase_keys
        if p in phases
    ]
    spec = charts.grouped_bars(
        ctx.label("sec_phases"),
        values,
        series(ctx, phase_keys),
        {"value": f"{ctx.item_name(HEADLINE_LINE_ITEM)}, €", "category": ctx.label("unit")},
    )
    chart = ctx.chart(spec, ctx.label("sec_phases")) if values else None
    section.blocks.append(Block(chart=chart, table=table))
    return section


def phase_row(ctx: PageContext, key: PhaseKey, phases: dict[str, Row], phase_keys: tuple[str, ...]) -> TableRow:
    _, unit_id, item, _ = key
    cells = [Cell(ctx.unit_name(unit_id)), Cell(ctx.item_name(item))]
    cells += [ctx.eur(phases[p]["amount_eur"] if p in phases else None, p) for p in phase_keys]
    first = phases[next(p for p in phase_keys if p in phases)]
    cells.append(ctx.source(first["source_file"], first["source_line"]))
    return TableRow(cells, {"unit": unit_id, "line-item": item})


def investments_section(ctx: PageContext) -> Section:
    section = Section("investments", ctx.label("sec_investments"))
    rows = [r for r in ctx.page.rows["budget"] if r["statement"] == "investment"]
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    roots = {
        i["line_item_id"]
        for i in ctx.site.line_items.values()
        if i["statement"] == "investment" and i["parent_line_item_id"] is None
    }
    net = [r for r in rows if r["line_item_id"] in roots]
    values = budget_actual_data(ctx, net, lambda r: f"{ctx.unit_name(r['unit_id'])} · {r['investment_category']}")
    spec = charts.grouped_bars(
        ctx.label("sec_investments"),
        values,
        series(ctx, ("budget", "actual")),
        {"value": "€", "category": ctx.label("asset_class")},
    )
    columns = [ctx.label("asset_class"), *budget_columns(ctx)]
    table_rows = []
    for row in rows:
        base = budget_row(ctx, row)
        table_rows.append(TableRow([Cell(row["investment_category"] or ""), *base.cells], base.attributes))
    chart = ctx.chart(spec, ctx.label("sec_investments")) if values else None
    section.blocks.append(Block(chart=chart, table=Table(columns, table_rows)))
    return section


def financing_items(ctx: PageContext) -> list[str]:
    """The financing statement's main flows, in print order: its subtotals at the top two levels
    (Toiminnan ja investointien rahavirta, Rahoituksen rahavirta, Rahavarojen muutos)."""
    items = ctx.site.line_items
    return [
        key
        for key, item in items.items()
        if item["statement"] == "financing"
        and item["is_subtotal"]
        and (item["parent_line_item_id"] is None or items[item["parent_line_item_id"]]["parent_line_item_id"] is None)
    ]


def financing_section(ctx: PageContext) -> Section:
    """The whole city's financing statement: its main flows' budget and actual as bars, every
    printed line in the table, in print order."""
    section = Section("financing", ctx.label("sec_financing"))
    printed = [r for r in ctx.page.rows["budget"] if r["statement"] == "financing"]
    rows = sorted(printed, key=lambda r: (r["source_file"], r["source_line"]))
    if not rows:
        section.missing = ctx.label("not_printed")
        return section
    flows = set(financing_items(ctx))
    values = budget_actual_data(
        ctx, [r for r in rows if r["line_item_id"] in flows], lambda r: ctx.item_name(r["line_item_id"])
    )
    spec = charts.grouped_bars(
        ctx.label("sec_financing"),
        values,
        series(ctx, ("budget", "actual")),
        {"value": "€", "category": ctx.label("line_item")},
    )
    chart = ctx.chart(spec, ctx.label("sec_financing")) if values else None
    section.blocks.append(Block(chart=chart, table=Table(budget_columns(ctx), [budget_row(ctx, r) for r in rows])))
    return section
