"""A unit's operating table printed as Tulot, Menot and Nettomenot, costs positive, end to end:
Virikkeellinen elämä's table (header at line 309 of the committed Hyvinvoinnin edistämisen
lautakunta section) printed as many municipalities print their responsibility areas. Its lines
are the unit's Toimintatuotot, Toimintakulut and Toimintakate, read by the table's signs, and
the unit rolls up into its parent as it does when printed in the chart's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .prebuilds import Make, Prebuilds
from .warehouse_builds import HY, build, committed_report, replace_once

pytestmark = pytest.mark.e2e

PRINTED = (
    "Toimintatuotot\t805 844\t663 800\t892 862\t- 229 062\t134,51\n"
    "Toimintakulut\t-5 470 523\t-5 260 900\t-5 465 460\t204 560\t103,89\n"
    "<b>Toimintakate</b>\t<b>-4 664 679</b>\t<b>-4 597 100</b>\t<b>-4 572 597</b>\t<b>-24 503</b>\t<b>99,47</b>\n"
)
"""The committed rows (lines 311 to 313: TP 2024, TA 2025, Toteuma 2025, Poikkeama, Toteuma %)."""
NET_COSTS = (
    "Tulot\t805 844\t663 800\t892 862\t- 229 062\t134,51\n"
    "Menot\t5 470 523\t5 260 900\t5 465 460\t-204 560\t103,89\n"
    "<b>Nettomenot</b>\t<b>4 664 679</b>\t<b>4 597 100</b>\t<b>4 572 597</b>\t<b>24 503</b>\t<b>99,47</b>\n"
)
"""The same figures with costs positive: Nettomenot = Menot - Tulot (5 470 523 - 805 844,
5 260 900 - 663 800; the actual 5 465 460 - 892 862 = 4 572 598 is printed 4 572 597, 1 € off,
as the committed Toimintakate is), Poikkeama = TA - Toteuma as the table's other rows print it
(5 260 900 - 5 465 460 = -204 560), Toteuma % = Toteuma / TA."""
UNIT = "heinola.virikkeellinen_elama"


def make_net_costs(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    reports = workdir / "reports"
    reports.mkdir()
    for name in (HY, "heinola_tp2025_yhteiset_palvelut.txt"):
        (reports / name).write_text(committed_report(name), encoding="utf-8")
    (reports / HY).write_text(replace_once(committed_report(HY), PRINTED, NET_COSTS), encoding="utf-8")
    database, result = build(reports, workdir, base=environ)
    return database, result.stdout + result.stderr


PREBUILDS: dict[str, Make] = {"net_costs": make_net_costs}


@pytest.fixture(scope="module")
def net_costs(prebuilds: Prebuilds) -> duckdb.DuckDBPyConnection:
    database, _ = prebuilds.take(make_net_costs)
    return duckdb.connect(str(database), read_only=True)


def test_tulot_menot_nettomenot_are_the_units_operating_lines(net_costs: duckdb.DuckDBPyConnection) -> None:
    rows = net_costs.execute(
        "select source_line, line_item_id, amount_eur, signed_amount_eur from analytics.fact_budget "
        "where source_file = ? and source_line between 311 and 313 and fiscal_year = 2025 and scenario = 'actual' "
        "order by source_line",
        [HY],
    ).fetchall()
    assert rows == [
        (311, "toimintatuotot", Decimal("892862.00"), Decimal("892862.00")),
        (312, "toimintakulut", Decimal("5465460.00"), Decimal("-5465460.00")),
        (313, "toimintakate", Decimal("4572597.00"), Decimal("-4572597.00")),
    ]


def test_nettomenot_ties_out_by_the_tables_signs(net_costs: duckdb.DuckDBPyConnection) -> None:
    rows = net_costs.execute(
        "select fiscal_year, scenario, expected_value, computed_value, status from analytics.rpt_reconciliation "
        "where check_name = 'subtotal' and source_file = ? and source_line = 313 order by all",
        [HY],
    ).fetchall()
    assert rows == [
        (2024, "actual", Decimal("4664679"), Decimal("4664679"), "ok"),
        (2025, "actual", Decimal("4572597"), Decimal("4572598"), "ok"),
        (2025, "budget", Decimal("4597100"), Decimal("4597100"), "ok"),
    ]
    assert net_costs.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone() == (
        0,
    )


def test_the_unit_rolls_up_into_its_parent_as_in_the_charts_words(
    net_costs: duckdb.DuckDBPyConnection, warehouse: duckdb.DuckDBPyConnection
) -> None:
    query = (
        "select unit_id, line_item_id, fiscal_year, scenario, expected_value, computed_value, status "
        "from analytics.rpt_reconciliation where check_name = 'unit_rollup' and computed_from like ? order by all"
    )
    rollups = net_costs.execute(query, [f"%{UNIT}%"]).fetchall()
    assert rollups
    # As the committed reports' build (the rows as printed, in the chart's words) rolls it up.
    assert rollups == warehouse.execute(query, [f"%{UNIT}%"]).fetchall()
