"""A table that prints its costs positive, end to end: Hyvinvointipalvelut's investment table
(``HYVINVOINTIPALVELUT IRTAIN OMAISUUS``, header at line 41) printed as many municipalities
print investments, Menot and Tulot positive and Netto as Menot - Tulot. It loads and ties out by
its signs; the marts keep its figures as printed and give them with the warehouse's signs too;
and a Netto printed the other way round fails, naming its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .layouts import connect, make_tampered_layouts, names_failing_check
from .prebuilds import Make, Prebuilds
from .warehouse_builds import HY, YP, build, committed_report, replace_once

pytestmark = pytest.mark.e2e

PRINTED = "Menot\t-36 225\t0\t0\t0\t\nNetto\t-36 225\t0\t0\t0\t\n"
"""The committed table's rows (TP2024, TA 2025, Toteuma 1-12, Poikkeama, Toteuma %)."""
POSITIVE = (
    "Menot\t36 225\t50 000\t40 000\t10 000\t80,0\n"
    "Tulot\t5 000\t10 000\t8 000\t2 000\t80,0\n"
    "Netto\t31 225\t40 000\t32 000\t8 000\t80,0\n"
)
"""The same table printed positive: Netto = Menot - Tulot in each column (36 225 - 5 000,
50 000 - 10 000, 40 000 - 8 000), Poikkeama = TA - Toteuma, Toteuma % = Toteuma / TA."""
NETTO_FLIPPED = "Netto\t31 225\t-40 000\t32 000\t-72 000\t-80,0\n"
"""Its Netto budget printed as Tulot - Menot (-40 000) while the other two Netto figures read
Menot - Tulot; Poikkeama (-40 000 - 32 000) and Toteuma % (32 000 / -40 000) follow it."""
NEGATIVE = (
    "Menot\t-36 225\t-50 000\t-40 000\t-10 000\t80,0\n"
    "Tulot\t5 000\t10 000\t8 000\t2 000\t80,0\n"
    "Netto\t-31 225\t-40 000\t-32 000\t-8 000\t80,0\n"
)
"""The same figures as the warehouse signs them, as another section of the same year prints them
(costs negative; Poikkeama -50 000 - -40 000 = -10 000)."""
AGAIN = "heinola_tp2025_hyvinvoinnin_edistamisen_lautakunta_uudelleen.txt"
SIGNS = "by the table's signs: costs printed positive, balances as costs - revenue"


def make_positive(workdir: Path, environ: Mapping[str, str]) -> tuple[Path, str]:
    reports = workdir / "reports"
    reports.mkdir()
    (reports / YP).write_text(committed_report(YP), encoding="utf-8")
    (reports / HY).write_text(replace_once(committed_report(HY), PRINTED, POSITIVE), encoding="utf-8")
    # The section saved again with the table printed costs negative: the same year's figures,
    # which must agree with the first printing by their tables' signs.
    (reports / AGAIN).write_text(replace_once(committed_report(HY), PRINTED, NEGATIVE), encoding="utf-8")
    database, result = build(reports, workdir, base=environ)
    return database, result.stdout + result.stderr


def tampered_layout() -> tuple[str, dict[str, str]]:
    """Heinola's two committed reports, Hyvinvointipalvelut's table printed positive with
    ``NETTO_FLIPPED``, built with other modules' tampered reports (layouts.py)."""
    positive = replace_once(committed_report(HY), PRINTED, POSITIVE)
    hy = replace_once(positive, POSITIVE.splitlines(keepends=True)[2], NETTO_FLIPPED)
    return "Heinola", {HY: hy, YP: committed_report(YP)}


PREBUILDS: dict[str, Make] = {"positive": make_positive, "flipped": make_tampered_layouts}


@pytest.fixture(scope="module")
def positive(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    database, output = prebuilds.take(make_positive)
    return duckdb.connect(str(database), read_only=True), output


@pytest.fixture(scope="module")
def flipped(prebuilds: Prebuilds) -> tuple[duckdb.DuckDBPyConnection, str]:
    return connect(prebuilds, make_tampered_layouts)


def table_rows(con: duckdb.DuckDBPyConnection, relation: str, columns: str) -> list[tuple[object, ...]]:
    return con.execute(
        f"select {columns} from analytics.{relation} where source_file = ? and source_line between 42 and 44 "
        "order by all",
        [HY],
    ).fetchall()


def test_costs_printed_positive_keep_their_printed_signs_and_get_the_warehouses(
    positive: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = positive
    assert table_rows(con, "fact_budget", "line_item_id, fiscal_year, scenario, amount_eur, signed_amount_eur") == [
        ("menot", 2024, "actual", Decimal("36225.00"), Decimal("-36225.00")),
        ("menot", 2025, "actual", Decimal("40000.00"), Decimal("-40000.00")),
        ("menot", 2025, "budget", Decimal("50000.00"), Decimal("-50000.00")),
        ("netto", 2024, "actual", Decimal("31225.00"), Decimal("-31225.00")),
        ("netto", 2025, "actual", Decimal("32000.00"), Decimal("-32000.00")),
        ("netto", 2025, "budget", Decimal("40000.00"), Decimal("-40000.00")),
        ("tulot", 2024, "actual", Decimal("5000.00"), Decimal("5000.00")),
        ("tulot", 2025, "actual", Decimal("8000.00"), Decimal("8000.00")),
        ("tulot", 2025, "budget", Decimal("10000.00"), Decimal("10000.00")),
    ]
    # Every other table prints its costs negative: its signed amounts are its printed ones.
    other = con.execute(
        "select count(*) from analytics.fact_budget where signed_amount_eur <> amount_eur "
        "and not (source_file = ? and source_line between 42 and 44)",
        [HY],
    ).fetchone()
    assert other == (0,)


def test_a_table_printing_costs_positive_ties_out_by_its_signs(
    positive: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, output = positive
    subtotals = con.execute(
        "select fiscal_year, scenario, expected_value, computed_value, status, computed_from "
        "from analytics.rpt_reconciliation where check_name = 'subtotal' and source_file = ? and source_line = 44 "
        "order by all",
        [HY],
    ).fetchall()
    assert subtotals == [
        (2024, "actual", Decimal("31225"), Decimal("31225"), "ok", f"menot + tulot; {SIGNS}"),
        (2025, "actual", Decimal("32000"), Decimal("32000"), "ok", f"menot + tulot; {SIGNS}"),
        (2025, "budget", Decimal("40000"), Decimal("40000"), "ok", f"menot + tulot; {SIGNS}"),
    ]
    # The table is named once, at its first cost: its figures are positive beside others' negative.
    assert f"the table at {HY}:41 prints none of its 3 cost figures with a minus sign" in output
    assert con.execute("select count(*) from analytics.rpt_reconciliation where status = 'fail'").fetchone() == (0,)


def test_a_figure_printed_positive_and_negative_agrees_by_each_tables_signs(
    positive: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = positive
    # Both 2025 sections print the table's nine figures, HY costs positive and AGAIN negative.
    # HY's file name sorts first, so AGAIN's printings are compared with HY's, in AGAIN's
    # printed signs: HY's Menot 40 000 is AGAIN's -40 000; Tulot, revenue, is printed alike.
    rows = con.execute(
        "select source_file, line_item_id, expected_value, computed_value, status, "
        "computed_from like '%read by each table''s signs' from analytics.rpt_reconciliation "
        "where check_name = 'restatement' and source_line between 42 and 44 and fiscal_year = 2025 "
        "and scenario = 'actual' order by all"
    ).fetchall()
    assert rows == [
        (AGAIN, "menot", Decimal("-40000"), Decimal("-40000"), "ok", True),
        (AGAIN, "netto", Decimal("-32000"), Decimal("-32000"), "ok", True),
        (AGAIN, "tulot", Decimal("8000"), Decimal("8000"), "ok", False),
    ]
    statuses = con.execute(
        "select status, count(*) from analytics.rpt_reconciliation where check_name = 'restatement' "
        "and source_file = ? and source_line between 42 and 44 group by all",
        [AGAIN],
    ).fetchall()
    assert statuses == [("ok", 9)]


def test_spending_under_a_budget_printed_positive_is_favourable(
    positive: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, _ = positive
    # Menot 40 000 of 50 000 and Netto 32 000 of 40 000: under budget; Tulot 8 000 of 10 000: short.
    assert table_rows(con, "rpt_budget_vs_actual", "line_item_id, budget_eur, actual_eur, is_favourable_variance") == [
        ("menot", Decimal("50000.00"), Decimal("40000.00"), True),
        ("netto", Decimal("40000.00"), Decimal("32000.00"), True),
        ("tulot", Decimal("10000.00"), Decimal("8000.00"), False),
    ]
    # The signed columns, to sum with other tables': costs and a net cost negative.
    assert table_rows(con, "rpt_budget_vs_actual", "line_item_id, signed_budget_eur, signed_actual_eur") == [
        ("menot", Decimal("-50000.00"), Decimal("-40000.00")),
        ("netto", Decimal("-40000.00"), Decimal("-32000.00")),
        ("tulot", Decimal("10000.00"), Decimal("8000.00")),
    ]


def test_a_balance_printed_the_other_way_round_fails_naming_its_line(
    flipped: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, output = flipped
    # Two of the table's three Netto figures read Menot - Tulot: the table's way, and the one
    # that adds up only as Tulot - Menot fails, and nothing else does.
    failing = con.execute(
        "select check_name, line_item_id, fiscal_year, scenario, source_line, message "
        "from analytics.rpt_reconciliation where municipality = 'Heinola' and status = 'fail'"
    ).fetchall()
    assert [row[:5] for row in failing] == [("subtotal", "netto", 2025, "budget", 44)]
    message = failing[0][5]
    assert message.startswith(
        "subtotal FAIL: heinola.hyvinvointipalvelut · netto · 2025 budget · Irtain omaisuus: printed -40000.00 €, "
        f"computed 40000.00 € (menot + tulot; {SIGNS}), difference 80000.00 €"
    )
    assert f"at {HY}:44" in message
    assert names_failing_check(output, "subtotal")
