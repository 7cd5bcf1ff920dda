"""The outcome of a build: dbt's ``run_results.json`` summarised, and the last run's record.

Each build records how it ended in ``<warehouse>.last-run.json`` beside the published file:
when it started and finished, whether it published, the stage where it stopped, its exit
code, and the counts of dbt's run (models, seeds, tests passed, warned, failed).
"""

from __future__ import annotations

import errno
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
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
    """``running`` (written when a build starts), ``published`` or ``failed``."""
    stage: str
    """The last stage reached: ``lock``, ``extract``, ``dbt``, ``publish``, ``export`` or ``done``."""
    exit_code: int
    database: str
    message: str
    dbt: DbtRun | None = None
    paths: dict[str, str] = field(default_factory=dict)
    """Where to look: the log, the failed candidate, the exports."""
    pid: int | None = None
    """The build's process, while it runs."""
    release: dict[str, Any] = field(default_factory=dict)
    """What was published when the record was written: the warehouse file's SHA-256 and the
    exports' folder and the SHA-256 of the file they were exported from."""
    release_before: dict[str, Any] = field(default_factory=dict)
    """The same when the build started."""
    stages: list[dict[str, Any]] = field(default_factory=list)
    """Each stage the build reached, in order: its name, when it began (UTC, to the millisecond)
    and the seconds it took (``None`` for the stage a running build is in) (:func:`timed_stages`)."""


def timed_stages(earlier: list[dict[str, Any]], stage: str, now: datetime, running: bool) -> list[dict[str, Any]]:
    """The stages of a build whose record said ``earlier``, at ``now``: a running build that
    reaches ``stage`` begins it (the stage before ends); a finished build ends the one it is in."""
    stages = [dict(entry) for entry in earlier]
    if running and (not stages or stages[-1]["stage"] != stage):
        stages.append({"stage": stage, "started_at": now.isoformat(timespec="milliseconds"), "seconds": None})
    ends = [datetime.fromisoformat(entry["started_at"]) for entry in stages[1:]]
    if not running:
        ends.append(now)
    for entry, ended in zip(stages, ends, strict=False):  # a running build's last stage goes on
        entry["seconds"] = round((ended - datetime.fromisoformat(entry["started_at"])).total_seconds(), 1)
    return stages


def describe_stages(stages: list[dict[str, Any]], current: str = "running") -> str:
    """``extract 140.2 s, dbt 119.0 s, publish (running)``: the stage a build is in said as
    ``current`` (``interrupted``, where the build stopped without recording its end)."""
    return ", ".join(
        f"{entry['stage']} ({current})" if entry["seconds"] is None else f"{entry['stage']} {entry['seconds']} s"
        for entry in stages
    )


RESERVE_BYTES = 1 << 16
"""Room kept beside a running build's record, so that a full disk cannot stop its last word."""


def reserve_path(out: Path) -> Path:
    return out.with_name(out.name + ".reserve")


def write_record(record: RunRecord, out: Path) -> None:
    """Replace the record in one rename; a running build's record keeps room for the final one."""
    text = json.dumps(asdict(record), indent=2, ensure_ascii=False) + "\n"
    staged = out.with_name(out.name + ".tmp")
    try:
        staged.write_text(text, encoding="utf-8")
    except OSError as exc:
        staged.unlink(missing_ok=True)
        if exc.errno != errno.ENOSPC or not reserve_path(out).exists():
            raise
        reserve_path(out).unlink()
        staged.write_text(text, encoding="utf-8")
    staged.replace(out)
    if record.status == "running":
        reserve_path(out).write_bytes(bytes(RESERVE_BYTES))
    else:
        reserve_path(out).unlink(missing_ok=True)


def read_record(path: Path) -> RunRecord:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    dbt = data.pop("dbt", None)
    return RunRecord(**data, dbt=DbtRun(**dbt) if dbt else None)


def describe_record(record: RunRecord, status: str | None = None) -> str:
    lines = [
        f"{(status or record.status).upper()}: {record.message}",
        f"  started {record.started_at}, finished {record.finished_at}, stage {record.stage}, "
        f"exit code {record.exit_code}",
    ]
    if record.stages:
        lines.append(f"  stages: {describe_stages(record.stages, status or record.status)}")
    if record.dbt is not None:
        lines.extend("  " + line for line in describe_dbt_run(record.dbt))
    lines.extend(f"  {name}: {path}" for name, path in record.paths.items())
    digest = record.release.get("warehouse_sha256")
    if digest:
        lines.append(f"  warehouse sha256: {digest}")
        exported = record.release.get("exports_warehouse_sha256")
        agreement = "the same file" if exported == digest else f"another file ({exported})"
        lines.append(f"  exports: {record.release.get('exports_folder')}, exported from {agreement}")
    return "\n".join(lines) + "\n"
