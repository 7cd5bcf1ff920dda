"""The outcome of a build: dbt's ``run_results.json`` summarised, and the last run's record.

Each build records how it ended in ``<warehouse>.last-run.json`` beside the published file:
when it started and finished, whether it published, the stage where it stopped, its exit
code, and the counts of dbt's run (models, seeds, tests passed, warned, failed).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESOURCE_LABELS = {"seed": "seeds", "model": "models", "test": "tests", "unit_test": "unit tests"}


@dataclass(frozen=True)
class DbtRun:
    """Counts of one dbt invocation's results by resource type and status."""

    generated_at: str
    elapsed_seconds: float
    counts: dict[str, dict[str, int]]

    @property
    def failed(self) -> int:
        return sum(n for statuses in self.counts.values() for s, n in statuses.items() if s in ("error", "fail"))


def summarise_run_results(run_results: Path) -> DbtRun:
    data: dict[str, Any] = json.loads(run_results.read_text(encoding="utf-8"))
    counts: dict[str, Counter[str]] = {}
    for result in data["results"]:
        resource_type = result["unique_id"].split(".")[0]
        counts.setdefault(resource_type, Counter())[result["status"]] += 1
    return DbtRun(
        generated_at=str(data.get("metadata", {}).get("generated_at", "")),
        elapsed_seconds=round(float(data.get("elapsed_time", 0.0)), 1),
        counts={kind: dict(sorted(statuses.items())) for kind, statuses in sorted(counts.items())},
    )


def describe_dbt_run(run: DbtRun) -> list[str]:
    lines = [f"dbt: {run.elapsed_seconds} s, results written {run.generated_at}"]
    for kind, statuses in run.counts.items():
        label = RESOURCE_LABELS.get(kind, kind)
        lines.append(f"  {label}: " + ", ".join(f"{n} {status}" for status, n in statuses.items()))
    return lines


@dataclass(frozen=True)
class RunRecord:
    """How one build ended."""

    started_at: str
    finished_at: str
    status: str
    """``published`` or ``failed``."""
    stage: str
    """The last stage reached: ``lock``, ``extract``, ``dbt``, ``publish``, ``export`` or ``done``."""
    exit_code: int
    database: str
    message: str
    dbt: DbtRun | None = None
    paths: dict[str, str] = field(default_factory=dict)
    """Where to look: the log, the failed candidate, the exports."""


def write_record(record: RunRecord, out: Path) -> None:
    staged = out.with_name(out.name + ".tmp")
    staged.write_text(json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staged.replace(out)


def read_record(path: Path) -> RunRecord:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    dbt = data.pop("dbt", None)
    return RunRecord(**data, dbt=DbtRun(**dbt) if dbt else None)


def describe_record(record: RunRecord) -> str:
    lines = [
        f"{record.status.upper()}: {record.message}",
        f"  started {record.started_at}, finished {record.finished_at}, stage {record.stage}, "
        f"exit code {record.exit_code}",
    ]
    if record.dbt is not None:
        lines.extend("  " + line for line in describe_dbt_run(record.dbt))
    lines.extend(f"  {name}: {path}" for name, path in record.paths.items())
    return "\n".join(lines) + "\n"
