"""The serving commands: ``publish``, ``rollback``, ``export``, ``report`` (into the current
release), ``recover``, ``record-run``, ``last-run`` and ``lock-file``.

Each command that changes what is published holds the warehouse's lock (unless the caller,
``scripts/build.sh``, holds it) and ends a failure with one line: what happened, and what
is published now (compared with before, never assumed).
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from kuntatalous.warehouse.exports import (
    SITE_FOLDER,
    SPREADSHEETS_DEFAULT,
    ExportError,
    ReleaseContents,
    read_manifest,
)
from kuntatalous.warehouse.publish import EXIT_LOCKED, LockTimeoutError, PublishError, locked
from kuntatalous.warehouse.reading import SettingError
from kuntatalous.warehouse.release import (
    Release,
    State,
    describe_change,
    export_release,
    publish_release,
    recover,
    release_facts,
    report_release,
    rollback_release,
)
from kuntatalous.warehouse.run_summary import (
    RunRecord,
    describe_record,
    read_record,
    summarise_run_results,
    timed_stages,
    write_record,
)

EXIT_FAILED = 2
LOCK_WAIT_ENV = "BUILD_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 3600.0


def serve(args: argparse.Namespace) -> int:
    release = Release.at(args.database, args.exports, getattr(args, "site", None))
    if args.command == "lock-file":
        print(release.paths.lock)
        return 0
    if args.command == "last-run":
        return last_run(release, args.json)
    if args.command == "record-run":
        return record_run(release, args)
    contents = ReleaseContents(
        reports=getattr(args, "reports", None), spreadsheets=getattr(args, "spreadsheets", SPREADSHEETS_DEFAULT)
    )
    actions: dict[str, Callable[[Release], str]] = {
        "publish": lambda release: _publish(release, contents),
        "rollback": _rollback,
        "export": lambda release: _export(release, contents),
        "report": lambda release: _report(release, contents),
        "recover": _recover,
    }
    return guarded(release, args.command, actions[args.command], args.lock_held)


def guarded(release: Release, name: str, action: Callable[[Release], str], lock_held: bool) -> int:
    """Run ``action`` under the lock; a failure is one line naming what is published now."""
    import duckdb  # every guarded action opens a file; lock-file, record-run and last-run start without it

    wait = float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT))
    before = _state(release)
    try:
        with nullcontext() if lock_held else locked(release.paths, wait):
            before = _state(release)
            print(action(release))
    except LockTimeoutError as exc:
        print(f"error: {exc}; nothing changed", file=sys.stderr)
        return EXIT_LOCKED
    except (PublishError, ExportError, SettingError, OSError, duckdb.Error) as exc:
        after = describe_change(release, before, _state(release))
        print(f"error: {name} failed: {_reason(exc)}; {after}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def _state(release: Release) -> State:
    try:
        return State.of(release)
    except OSError:
        return State(None, None)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _with_notes(message: str, notes: list[str]) -> str:
    return "\n".join([*notes, message])


def _site_notes(release: Release, folder: Path | None) -> list[str]:
    """The site's warnings, and where to open it."""
    manifest = read_manifest(folder) if folder is not None else None
    site = manifest.get("site") if manifest else None
    if not isinstance(site, dict):
        return []
    opened = release.site if release.site is not None else release.exports.link / SITE_FOLDER
    warnings = [f"warning: {warning}" for warning in site.get("warnings", [])]
    kept = (
        f"; {site['reused']} pages and report texts unchanged, kept from the previous site" if "reused" in site else ""
    )
    return [*warnings, f"report site: {site.get('pages')} pages (open {opened / 'index.html'}){kept}"]


def _exported(folder: Path) -> str:
    """What a release folder holds: the marts' Parquet files (how many of those by
    municipality were written afresh), and whose spreadsheets."""
    partitions = (read_manifest(folder) or {}).get("partitions", {})
    marts = len(partitions) + sum(1 for path in folder.iterdir() if path.suffix == ".parquet")
    skip = {SITE_FOLDER, *partitions}
    sheets = sorted(path.name for path in folder.iterdir() if path.is_dir() and path.name not in skip)
    spreadsheets = f"; CSV, Finnish CSV and xlsx of {', '.join(sheets)}" if sheets else ""
    written = sum(len(record.get("written", [])) for record in partitions.values())
    stored = sum(len(record.get("municipalities", {})) for record in partitions.values())
    by = (
        f" ({len(partitions)} by municipality, {written} of their {stored} municipality files written"
        if partitions
        else ""
    )
    by += ", the rest kept)" if written < stored else ")" if partitions else ""
    return f"{marts} marts as Parquet{by}{spreadsheets}"


def _publish(release: Release, contents: ReleaseContents) -> str:
    storage_version, notes = publish_release(release, contents)
    folder = release.exports.target()
    previous = release.paths.previous
    replaced = f"the previous file is {previous}" if previous.is_file() else "the first published file"
    return _with_notes(
        f"published {release.paths.published} (storage {storage_version}); {replaced}; "
        f"exports {release.exports.link} -> {folder.name if folder else '?'}"
        + (f" ({_exported(folder)})" if folder else ""),
        [*notes, *_site_notes(release, folder)],
    )


def _rollback(release: Release) -> str:
    notes = rollback_release(release)
    return _with_notes(
        f"rolled back: {release.paths.published} is the previous build again, and {release.exports.link} its "
        f"exports and report site; the replaced one is {release.paths.previous}",
        notes,
    )


def _export(release: Release, contents: ReleaseContents) -> str:
    folder, notes = export_release(release, contents)
    site = _site_notes(release, folder) if contents.reports is not None else []
    return _with_notes(f"exported {_exported(folder)}: {release.exports.link} -> {folder.name}", [*notes, *site])


def _report(release: Release, contents: ReleaseContents) -> str:
    if contents.reports is None:
        raise ExportError("report: --reports names no folder of report texts")
    folder, notes = report_release(release, contents.reports)
    return _with_notes(
        f"wrote the report site into the release of {release.paths.published}: {release.exports.link} -> {folder.name}",
        [*notes, *_site_notes(release, folder)],
    )


def _recover(release: Release) -> str:
    notes = recover(release)
    if notes:
        return "\n".join(notes)
    if not release.paths.published.is_file():
        return f"nothing to recover: no warehouse is published at {release.paths.published}"
    return f"{release.paths.published} and {release.exports.link} agree"


def record_run(release: Release, args: argparse.Namespace) -> int:
    """Write the run record: ``running`` when a build starts, its outcome when it ends."""
    record_file = release.paths.last_run
    now = datetime.now(UTC)  # the stage begins (or the build ends) now, not once the release is read
    try:
        record = run_record(release, args, _started(record_file, args.started_at), now)
        write_record(record, record_file)
    except OSError as exc:
        print(
            f"warning: could not record the run in {record_file}: {_reason(exc)}; it still says what it said before",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if record.status != "running":
        print(record.message)
    return 0


def _started(record_file: Path, started_at: str) -> RunRecord | None:
    """This build's own ``running`` record, if it wrote one."""
    try:
        record = read_record(record_file)
    except (OSError, ValueError, TypeError):
        return None
    return record if record.status == "running" and record.started_at == started_at else None


def run_record(release: Release, args: argparse.Namespace, started: RunRecord | None, now: datetime) -> RunRecord:
    run_results: Path | None = args.run_results
    facts = release_facts(release)
    before = started.release_before if started else facts
    status = args.status
    changed = before.get("warehouse_identity") != facts["warehouse_identity"]
    if status == "failed" and changed and facts["warehouse_identity"] is not None:
        status = "published"
    message = args.message or _outcome(release, args, before, facts)
    return RunRecord(
        started_at=args.started_at,
        finished_at=args.finished_at,
        status=status,
        stage=args.stage,
        exit_code=args.exit_code,
        database=str(release.paths.published),
        message=message,
        dbt=summarise_run_results(run_results) if run_results and run_results.is_file() else None,
        paths={"exports": str(release.exports.link), **dict(item.split("=", 1) for item in args.path)},
        pid=args.pid,
        release=facts,
        release_before=before,
        stages=timed_stages(started.stages if started else [], args.stage, now, status == "running"),
    )


def _outcome(release: Release, args: argparse.Namespace, before: dict[str, object], now: dict[str, object]) -> str:
    if args.status == "running":
        return f"build running (pid {args.pid}), started {args.started_at}"
    state = describe_change(
        release,
        State(before.get("warehouse_identity"), before.get("exports_folder")),  # type: ignore[arg-type]
        State(now.get("warehouse_identity"), now.get("exports_folder")),  # type: ignore[arg-type]
    )
    if args.exit_code == 0 and before.get("warehouse_identity") == now.get("warehouse_identity"):
        kept = "with its previous one" if release.paths.previous.is_file() else "the first published one"
        return f"{state} (nothing to rebuild: the published file is kept, {kept})"
    if args.exit_code == 0:
        return f"published {release.paths.published}; exports {release.exports.link}"
    return f"stopped at {args.stage} (exit {args.exit_code}): {state}"


def last_run(release: Release, as_json: bool) -> int:
    record_file = release.paths.last_run
    if not record_file.is_file():
        print(f"error: {record_file}: no build has been recorded", file=sys.stderr)
        return EXIT_FAILED
    try:
        record = read_record(record_file)
    except (OSError, ValueError, TypeError) as exc:
        print(f"error: {record_file}: not a run record ({_reason(exc)})", file=sys.stderr)
        return EXIT_FAILED
    status = record.status
    if status == "running" and not _lock_is_held(release):
        status = "interrupted"
        record = _interrupted(record)
    now = _published_since(release, record)
    if now is not None:
        record = replace(record, message=f"{record.message}; {now}")
    if as_json:
        data = json.loads(record_file.read_text(encoding="utf-8"))
        print(json.dumps({**data, "status": status, "message": record.message}, indent=2, ensure_ascii=False))
    else:
        print(describe_record(record, status), end="")
    return 0


def _published_since(release: Release, record: RunRecord) -> str | None:
    """What is published now, if it is no longer the file the recorded build left (a rollback
    since, or another file put there): the record is the build's, not the warehouse's."""
    left = record.release.get("warehouse_identity")
    if record.status == "running" or not isinstance(left, dict):
        return None
    now = State.of(release)
    if now.warehouse == left:
        return None
    if now.warehouse is None:
        return f"since then {release.paths.published} was removed"
    facts = release_facts(release)
    return (
        f"since then {release.paths.published} was replaced (make rollback?): it is now the file of SHA-256 "
        f"{facts['warehouse_sha256']}, exports {facts['exports_folder']}"
    )


def _interrupted(record: RunRecord) -> RunRecord:
    return replace(
        record,
        message=f"the build started {record.started_at} (pid {record.pid}) stopped without recording how it "
        f"ended (killed?); the next build, make export or kuntatalous recover puts the release right",
    )


def _lock_is_held(release: Release) -> bool:
    try:
        with release.paths.lock.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError as exc:
                return exc.errno in (errno.EAGAIN, errno.EACCES)
    except OSError:
        return False
    return False
