"""After ``dbt build``: name what failed or warned, from the tests' stored failures.

dbt reports a failing test as a count ("Got 1 result"). Every data test stores its failing
rows (``store_failures``), and the reconciliation tests put a one-line ``message`` first, so
this reads ``run_results.json``, queries each failing or warning test's table and prints the
messages: the unit, line item, year and difference behind the count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kuntatalous.warehouse.progress import failing_checks, grouped_messages

ATTENTION = ("error", "fail", "warn")


@dataclass(frozen=True)
class Outcome:
    """A dbt node that did not pass."""

    name: str
    resource_type: str
    status: str
    failures: int | None
    message: str | None
    relation: str | None
    """Schema-qualified table of the stored failures, for a test."""


def read_outcomes(run_results: Path) -> list[Outcome]:
    """The nodes of a dbt run that errored, failed or warned, errors and failures first."""
    results: list[dict[str, Any]] = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    outcomes = [_outcome(result) for result in results if result["status"] in ATTENTION]
    return sorted(outcomes, key=lambda o: (ATTENTION.index(o.status), o.name))


def _outcome(result: dict[str, Any]) -> Outcome:
    parts = result["unique_id"].split(".")
    resource_type = parts[0]
    # test.<project>.<name>.<hash>, model.<project>.<name>, unit_test.<project>.<model>.<name>
    name = parts[-1] if resource_type == "unit_test" else parts[2]
    # A test that errored stored nothing: its relation would be an old build's table, if any.
    relation = result.get("relation_name") if result["status"] != "error" else None
    return Outcome(
        name=name,
        resource_type=resource_type,
        status=result["status"],
        failures=result.get("failures"),
        message=result.get("message"),
        # Drop the catalog: it is the database file's name, which a reader may open as another.
        relation=".".join(relation.split(".")[-2:]) if resource_type == "test" and relation else None,
    )


def stored_messages(con: Any, relation: str, limit: int) -> tuple[list[str], int]:
    """Up to ``limit`` rows of a stored-failures table, as their ``message`` column where the
    test has one (else the whole row), and how many rows there are."""
    total = int(con.execute(f"select count(*) from {relation}").fetchone()[0])
    columns = [column[0] for column in con.execute(f"select * from {relation} limit 0").description]
    if "message" in columns:
        rows = con.execute(f"select message from {relation} order by message limit {int(limit)}").fetchall()
        return [str(row[0]) for row in rows], total
    cursor = con.execute(f"select * from {relation} limit {int(limit)}")
    return [", ".join(f"{c}={v}" for c, v in zip(columns, row, strict=True)) for row in cursor.fetchall()], total


def render(outcomes: list[Outcome], con: Any | None, limit: int, summary: bool = False) -> str:
    """A plain-text account of the outcomes, with each test's stored failures (with ``summary``,
    a reconciliation test's rows that do not fail counted by reason rather than listed)."""
    if not outcomes:
        return ""
    lines: list[str] = []
    for outcome in outcomes:
        count = "" if outcome.failures is None else f" ({outcome.failures})"
        lines.append(f"{outcome.status.upper()} {outcome.resource_type} {outcome.name}{count}")
        if outcome.relation is None or con is None:
            if outcome.message:
                lines.append(f"  {outcome.message.strip().splitlines()[0]}")
            continue
        try:
            grouped = grouped_messages(con, outcome.relation, limit) if summary else None
            messages, total = (grouped, len(grouped)) if grouped else stored_messages(con, outcome.relation, limit)
        except Exception as exc:
            lines.append(f"  (stored failures unreadable: {exc})")
            continue
        lines.extend(f"  {message}" for message in messages)
        if total > len(messages):
            lines.append(f"  … {total - len(messages)} more")
        lines.append(f"  query: select * from {outcome.relation}")
    return "\n".join(lines) + "\n"


def build_report(run_results: Path, database: Path, limit: int, summary: bool = False, failing: bool = False) -> str:
    """Read a build's run results and its warehouse; return the report (empty if all passed),
    or with ``failing`` one line naming each failing check."""
    outcomes = read_outcomes(run_results)
    if not database.exists() or not any(o.relation for o in outcomes):
        return "; ".join(failing_checks(None, outcomes)) if failing else render(outcomes, None, limit, summary)
    import duckdb  # the warehouse extra; imported only where a build has something to report

    with duckdb.connect(str(database), read_only=True) as con:
        if failing:
            return "; ".join(failing_checks(con, outcomes))
        return render(outcomes, con, limit, summary)
