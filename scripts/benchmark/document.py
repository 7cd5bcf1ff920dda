"""The benchmark document: sections of rows and goals, the machine, the Markdown."""

from __future__ import annotations

import os
import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from kuntatalous.processes import default_jobs


@dataclass
class Section:
    """One table of the benchmark document: its rows and the goals checked on them."""

    title: str
    note: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    after: str = ""
    """A paragraph after the tables (decisions the figures led to)."""

    def goal(self, name: str, measured: float, limit: float) -> None:
        self.goals.append({"goal": name, "measured": round(measured, 2), "limit": limit, "met": measured <= limit})


def proc_field(path: str, name: str) -> str:
    """A field of /proc/cpuinfo or /proc/meminfo; empty where there is none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(name)), "")


def cores() -> int:
    """The machine's cores, as the document's machine line names them and the goals count them:
    the processes the extraction and the report site run at once (``default_jobs``)."""
    return default_jobs()


def machine() -> dict[str, str]:
    cpu = proc_field("/proc/cpuinfo", "model name") or platform.processor()
    memory = proc_field("/proc/meminfo", "MemTotal")
    import dbt.version

    return {
        "cpu": cpu,
        "cores": str(cores()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "dbt-core": str(dbt.version.__version__),
        # Other work on the machine skews the absolute times (the ratios less): say how busy it was.
        "load average (1, 5, 15 min) when written": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def markdown(sections: Iterable[Section], about: dict[str, str], when: str, seconds: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {when} in {seconds:.0f} s. Regenerate with `make bench`; the numbers "
        "below are one run's, each the median of its repetitions, and each compared with a floor measured "
        "in the same run.",
        "",
        "Machine: " + "; ".join(f"{key} {value}" for key, value in about.items()) + ".",
        "",
    ]
    return "\n".join(lines + sections_markdown(sections))


def sections_markdown(sections: Iterable[Section]) -> list[str]:
    """The sections' tables, goals and paragraphs, as Markdown lines."""
    lines: list[str] = []
    for section in sections:
        lines += [f"## {section.title}", "", section.note, ""]
        columns = [key for key in section.rows[0] if key != "runs s"] if section.rows else []
        lines += ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
        lines += ["| " + " | ".join(str(row[column]) for column in columns) + " |" for row in section.rows]
        if section.goals:
            lines += ["", "| goal | measured | limit | met |", "| --- | --- | --- | --- |"]
            lines += [
                f"| {goal['goal']} | {goal['measured']} | {goal['limit']} | {'yes' if goal['met'] else '**no**'} |"
                for goal in section.goals
            ]
        if section.after:
            lines += ["", section.after]
        lines.append("")
    return lines
