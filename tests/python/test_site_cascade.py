"""The report site's income-statement cascade (``site.sections.cascade_steps``) over the chart of
the committed seed: the city's form in the chart's order, a municipal enterprise's company form
by its company-form parents in print order."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from kuntatalous.site.sections import cascade_steps

SEED = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "ref_line_items.csv"


def chart() -> dict[str, dict[str, Any]]:
    """dim_line_item's columns the site reads, from the seed (an empty cell is NULL)."""
    with SEED.open(encoding="utf-8", newline="") as rows:
        items = list(csv.DictReader(rows))
    return {
        item["line_item_id"]: {
            "line_item_id": item["line_item_id"],
            "statement": item["statement"],
            "parent_line_item_id": item["parent_line_item_id"] or None,
            "company_form_parent_line_item_id": item["company_form_parent_line_item_id"] or None,
            "direction": item["direction"] or None,
            "is_subtotal": item["is_subtotal"] == "true",
            "sort_order": int(item["sort_order"]) if item["sort_order"] else None,
        }
        for item in items
    }


def printed(lines: list[tuple[int, str, str]]) -> dict[str, dict[str, Any]]:
    return {
        item: {"line_item_id": item, "source_line": line, "actual_eur": Decimal(amount)} for line, item, amount in lines
    }


def test_an_enterprise_statement_cascades_by_its_company_form_in_print_order() -> None:
    # Oulun Vesi's statement as printed (lines 8-13, thousands): Henkilöstökulut adds into
    # Liikeylijäämä there, not into Toimintakulut, and Liikeylijäämä is a total.
    rows = printed(
        [
            (8, "liikevaihto", "66123000"),
            (9, "materiaalit_ja_palvelut", "-19876000"),
            (10, "henkilostokulut", "-10012000"),
            (11, "liikeylijaama", "36235000"),
            (12, "rahoitustuotot_ja_kulut", "-6612000"),
            (13, "tilikauden_ylijaama_alijaama", "29623000"),
        ]
    )
    steps, totals = cascade_steps(chart(), rows)
    assert [row["source_line"] for row in steps] == [8, 9, 10, 11, 12, 13]
    assert {"liikeylijaama", "tilikauden_ylijaama_alijaama"} <= totals


def test_the_citys_statement_cascades_in_the_charts_order() -> None:
    # Printed out of the chart's order (Vuosikate's terms after it): the cascade is the chart's.
    rows = printed(
        [
            (5, "toimintatuotot", "100"),
            (6, "toimintakulut", "-300"),
            (7, "toimintakate", "-200"),
            (8, "vuosikate", "50"),
            (9, "verotulot", "200"),
            (10, "valtionosuudet", "50"),
            (11, "henkilostokulut", "-150"),
        ]
    )
    steps, _ = cascade_steps(chart(), rows)
    assert [row["line_item_id"] for row in steps] == [
        "toimintatuotot",
        "toimintakulut",
        "toimintakate",
        "verotulot",
        "valtionosuudet",
        "vuosikate",
    ]


def test_a_unit_printing_one_total_has_no_cascade() -> None:
    rows = printed([(5, "toimintatuotot", "100"), (6, "toimintakulut", "-300"), (7, "toimintakate", "-200")])
    assert cascade_steps(chart(), rows)[0] == []
