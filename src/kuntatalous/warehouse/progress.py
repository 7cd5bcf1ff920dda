"""A quiet ``dbt build``: one updating progress line and one summary, from dbt's JSON log.

``scripts/build.sh`` pipes ``dbt build --log-format json`` into ``kuntatalous progress``. On a
terminal it shows one line, rewritten as each node finishes (``dbt 57/189: test unique_…``);
elsewhere (a log file) it prints nothing until the end. Then one line sums the run up by
resource type and status. What dbt reports as an error outside a test's result (a model's
SQL error, a compilation error) is printed as dbt wrote it; a failing or warning test is
named by ``build-report`` from its stored rows. Lines that are not JSON pass through.
``build.sh --verbose`` skips all this and shows dbt's own output.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from kuntatalous.warehouse.run_summary import RESOURCE_LABELS

# The end-of-run recap of failures and warnings: build-report says the same from the stored rows.
RECAP_EVENTS = frozenset({"RunResultFailure", "RunResultWarning", "RunResultWarningMessage", "EndOfRunSummary"})
RESULT_PREFIX = "Log"
RESULT_SUFFIX = "Result"


@dataclass
class Progress:
    """What a dbt run has reported so far."""

    done: int = 0
    total: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        for kind, statuses in sorted(self.counts.items()):
            label = RESOURCE_LABELS.get(kind, kind)
            parts.append(f"{label} " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
        return "dbt: " + ("; ".join(parts) if parts else "nothing ran")


def is_node_result(event: dict[str, Any]) -> bool:
    name = str(event.get("info", {}).get("name", ""))
    data = event.get("data", {})
    return name.startswith(RESULT_PREFIX) and name.endswith(RESULT_SUFFIX) and "node_info" in data


def record_event(progress: Progress, event: dict[str, Any]) -> str | None:
    """Count a finished node; keep an error message. Returns the node's progress text."""
    info = event.get("info", {})
    data = event.get("data", {})
    if is_node_result(event):
        node = data["node_info"]
        kind = str(node.get("resource_type", "node"))
        status = str(data.get("status") or node.get("node_status", "")).lower()
        progress.counts.setdefault(kind, Counter())[status] += 1
        progress.done += 1
        progress.total = max(progress.total, int(data.get("total") or 0))
        return f"{kind} {node.get('node_name', '')}"
    if info.get("level") == "error" and info.get("name") not in RECAP_EVENTS:
        message = str(info.get("msg", "")).strip()
        if message and not message.startswith(("Failure in test", "Warning in test")):
            progress.errors.append(message)
    return None


def follow(lines: Iterable[str], out: TextIO) -> Progress:
    """Read dbt's JSON log lines; show progress on a terminal; print the summary at the end
    (none if no line came: dbt-build was told to stop before it ran dbt)."""
    progress = Progress()
    tty = out.isatty()
    width = shutil.get_terminal_size((100, 20)).columns - 1
    heard = False
    for line in lines:
        heard = True
        try:
            event = json.loads(line)
        except ValueError:
            out.write(line if line.endswith("\n") else line + "\n")
            continue
        node = record_event(progress, event) if isinstance(event, dict) else None
        if tty and node:
            out.write("\r" + f"dbt {progress.done}/{progress.total}: {node}"[:width].ljust(width))
            out.flush()
    if tty:
        out.write("\r" + " " * width + "\r")
    for error in progress.errors:
        out.write(error + "\n")
    if heard:  # no line at all: dbt never ran (the build stopped before its plan), no summary
        out.write(progress.summary() + "\n")
    out.flush()
    return progress


GROUPED_COLUMNS = ("check_name", "status", "reason", "message")


def grouped_messages(con: Any, relation: str, limit: int) -> list[str] | None:
    """A reconciliation test's stored rows in short: each failing instance's message (up to
    ``limit``), the others counted by check, status and reason. None for another test."""
    # Portable SQL: ``con`` is DuckDB's or PostgreSQL's (psycopg) connection.
    columns = {str(column[0]) for column in con.execute(f"select * from {relation} limit 0").description}
    if not set(GROUPED_COLUMNS) <= columns:
        return None
    failing = con.execute(
        f"select message from {relation} where status = 'fail' order by message limit {int(limit)}"
    ).fetchall()
    (failed,) = con.execute(f"select count(*) from {relation} where status = 'fail'").fetchone()
    lines = [str(message) for (message,) in failing]
    if failed > len(lines):
        lines.append(f"… {failed - len(lines)} more failing")
    groups = con.execute(
        f"select check_name, status, reason, count(*) from {relation} where status != 'fail' "
        "group by 1, 2, 3 order by 4 desc, 1, 2, 3"
    ).fetchall()
    lines.extend(f"{check} {status} ({n}): {reason}" for check, status, reason, n in groups)
    return lines


def failing_checks(con: Any | None, outcomes: list[Any]) -> list[str]:
    """Each failing test or erroring node by name; a reconciliation test by its failing checks,
    each with its count and first culprit (unit · line item · year scenario)."""
    named: list[str] = []
    for outcome in outcomes:
        if outcome.status not in ("error", "fail"):
            continue
        checks = _failing_reconciliation_checks(con, outcome.relation) if con and outcome.relation else None
        count = f" ({outcome.failures})" if outcome.failures else ""
        named.extend(checks or [f"{outcome.resource_type} {outcome.name}{count}"])
    return named


def _failing_reconciliation_checks(con: Any, relation: str) -> list[str] | None:
    try:
        # The first culprit is the first failing figure as printed (file, line), not the first
        # message alphabetically: a wrong term fails its subtotal and then each total above it.
        rows = con.execute(
            "select check_name, failing, message from (select check_name, message, "
            "count(*) over (partition by check_name) as failing, "
            "row_number() over (partition by check_name order by source_file, source_line, message) as place "
            f"from {relation} where status = 'fail') as ranked where place = 1 order by check_name"
        ).fetchall()
    except Exception:
        return None
    return [f"{check} ({n}: {_culprit(str(message))})" for check, n, message in rows] or None


def _culprit(message: str) -> str:
    """``subtotal FAIL: heinola.x · toimintatuotot · 2025 actual: printed …`` → the part between."""
    parts = message.split(": ", 2)
    return parts[1] if len(parts) > 2 else message
