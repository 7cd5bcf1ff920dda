"""``kuntatalous extract``: the reports extracted in worker processes and streamed to the raw CSVs.

The reports are read one at a time, in the order of their names (``planned_reports``), and each
is handed to a pool of ``jobs`` processes, which extract it (through the cache) and render its
rows as CSV lines sorted by their tables' sort keys. The command writes each report's lines as
soon as those of every report before it are written (``StagedSeeds``); at most ``WINDOW_PER_JOB``
reports a process are in flight, so memory does not grow with the corpus. ``jobs=1`` runs the same
functions in this process. Either way the bytes are those ``seed_files(extract_paths(...))``
renders from the whole extraction in memory.

An error stops the extraction at the first report, in that order, that raises one: the same
error whatever the number of processes, with its file and line.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from kuntatalous.errors import ExtractionError
from kuntatalous.extract import (
    SECTION_FIELDS,
    Extraction,
    Planned,
    ReportJob,
    extract_job,
    planned_reports,
    same_section_and_year,
)
from kuntatalous.output.cache import ExtractionCache
from kuntatalous.output.records import RAW_TABLES, Record
from kuntatalous.output.seeds import Line, StagedSeeds, check_row_sizes, table_lines, tables_of
from kuntatalous.text.municipality import reference_digest

WINDOW_PER_JOB = 8
"""Reports handed out per process ahead of the one being written: enough to keep every process
busy while one report takes longer, few enough that their rows are a small, fixed amount."""


@dataclass
class Rendered:
    """One report (or what its file came to) as the writer and the summary need it."""

    source_file: str
    lines: dict[str, list[Line]] = field(default_factory=dict)
    """Each raw table's CSV lines of the report, sorted, by table name."""
    documents: list[Record] = field(default_factory=list)
    """Its document's ``SECTION_FIELDS``."""
    warnings: list[str] = field(default_factory=list)
    extracted_tables: int = 0
    error: ExtractionError | None = None
    cache: ExtractionCache | None = None
    """What the cache did for it (in the process that extracted it)."""


@dataclass
class Summary:
    """What an extraction wrote, counted report by report."""

    reports: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    extracted_tables: int = 0
    warnings: list[str] = field(default_factory=list)
    documents: list[Record] = field(default_factory=list)

    def add(self, rendered: Rendered) -> None:
        self.reports += len(rendered.documents)
        self.rows.update({name: len(lines) for name, lines in rendered.lines.items()})
        self.extracted_tables += rendered.extracted_tables
        self.warnings.extend(rendered.warnings)
        self.documents.extend(rendered.documents)


def render(source_file: str, item: Extraction | ExtractionError) -> Rendered:
    """An extraction as sorted CSV lines; an error, or a row too long for a CSV line, as an error."""
    if isinstance(item, ExtractionError):
        return Rendered(source_file, error=item)
    try:
        check_row_sizes(item)
    except ExtractionError as exc:
        return Rendered(source_file, error=exc)
    return Rendered(
        source_file,
        lines={table.name: table_lines(table, rows) for table, rows in tables_of(item)},
        documents=[{name: document[name] for name in SECTION_FIELDS} for document in item.documents],
        warnings=item.warnings,
        extracted_tables=sum(table["is_extracted"] is True for table in item.tables),
    )


@dataclass
class RenderedEntry:
    """A report's ``Rendered`` as the cache keeps it: a hit is its CSV lines as they will be
    written, with no record to parse or format again (lists of JSON objects, as every entry)."""

    tables: list[dict[str, Any]]
    """Per raw table: ``name``, ``keys`` (each line's sort key) and ``lines``."""
    documents: list[Record]
    warnings: list[str]
    counts: list[dict[str, int]]

    @classmethod
    def of(cls, rendered: Rendered) -> RenderedEntry:
        tables = [
            {"name": name, "keys": [key for key, _ in lines], "lines": [line for _, line in lines]}
            for name, lines in rendered.lines.items()
        ]
        return cls(tables, rendered.documents, rendered.warnings, [{"extracted_tables": rendered.extracted_tables}])

    def rendered(self, source_file: str) -> Rendered:
        lines = {
            table["name"]: [
                (tuple((int(a), int(b), str(c)) for a, b, c in key), str(line))
                for key, line in zip(table["keys"], table["lines"], strict=True)
            ]
            for table in self.tables
        }
        extracted = int(self.counts[0]["extracted_tables"]) if self.counts else 0
        return Rendered(source_file, lines, self.documents, self.warnings, extracted)


def extract_rendered(job: ReportJob, *, keep_going: bool, cache_folder: Path | None) -> Rendered:
    """One report extracted and rendered (what a worker process does), through the cache of
    rendered reports when there is one, with what the cache did. A report that raises, or
    renders as an error, is not cached."""
    cache = None if cache_folder is None else ExtractionCache(cache_folder)
    key = _rendered_key(cache, job, keep_going)
    hit = None if cache is None else cache.load(key, RenderedEntry)
    if hit is not None:
        rendered = hit.rendered(job.report.source_file)
    else:
        try:
            extraction: Extraction | ExtractionError = extract_job(job, keep_going=keep_going, cache=None)
        except ExtractionError as exc:
            extraction = exc
        rendered = render(job.report.source_file, extraction)
        if cache is not None and rendered.error is None:
            cache.store(key, RenderedEntry.of(rendered))
    rendered.cache = cache
    return rendered


def _rendered_key(cache: ExtractionCache | None, job: ReportJob, keep_going: bool) -> str:
    if cache is None:
        return ""
    mode = "keep-going" if keep_going else "strict"
    return cache.key(job.report.sha256, job.report.source_file, job.municipality, mode, reference_digest(), "rendered")


Work = Callable[[ReportJob], Rendered]


def rendered_reports(planned: Iterable[tuple[str, Planned]], work: Work, jobs: int) -> Generator[Rendered, None, None]:
    """Every planned item rendered, in order: the reports by ``work`` in ``jobs`` processes
    (here, when ``jobs`` is 1), at most ``WINDOW_PER_JOB * jobs`` ahead of the one yielded."""
    if jobs == 1:
        for name, item in planned:
            yield work(item) if isinstance(item, ReportJob) else render(name, item)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[tuple[str, Future[Rendered]]] = deque()
    try:
        for name, item in planned:
            pending.append((name, _submit(pool, work, name, item)))
            if len(pending) >= WINDOW_PER_JOB * jobs:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, work: Work, name: str, item: Planned) -> Future[Rendered]:
    if isinstance(item, ReportJob):
        try:
            return pool.submit(work, item)
        except BrokenProcessPool as exc:
            item = _stopped(name, exc)
    done: Future[Rendered] = Future()
    done.set_result(render(name, item))
    return done


def _result(name: str, future: Future[Rendered]) -> Rendered:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        return render(name, _stopped(name, exc))


def _stopped(name: str, exc: BrokenProcessPool) -> ExtractionError:
    return ExtractionError(name, None, f"the process extracting it stopped ({exc}); was it out of memory?")


def write_reports(results: Iterable[Rendered], seeds: StagedSeeds, cache: ExtractionCache | None) -> Summary:
    """Write each report's lines in turn; those of reports of one name (from two folders) merged
    by their sort keys. Raises the first report's error."""
    summary = Summary()
    group: list[Rendered] = []
    for rendered in results:
        if cache is not None and rendered.cache is not None:
            cache.absorb(rendered.cache)
        if rendered.error is not None:
            raise rendered.error
        if group and group[0].source_file != rendered.source_file:
            _write_group(group, seeds)
            group = []
        group.append(rendered)
        summary.add(rendered)
    _write_group(group, seeds)
    summary.warnings.extend(same_section_and_year(summary.documents))
    return summary


def _write_group(group: list[Rendered], seeds: StagedSeeds) -> None:
    if not group:
        return
    for table in RAW_TABLES:
        parts = [rendered.lines.get(table.name, []) for rendered in group]
        seeds.write(table, parts[0] if len(parts) == 1 else heapq.merge(*parts, key=itemgetter(0)))


def stream_extraction(
    paths: list[Path],
    seeds: StagedSeeds,
    *,
    manifest: Path | None = None,
    keep_going: bool = False,
    cache: ExtractionCache | None = None,
    jobs: int = 1,
) -> Summary:
    """Extract every report found in ``paths`` into ``seeds``, ``jobs`` reports at a time."""
    work = partial(extract_rendered, keep_going=keep_going, cache_folder=None if cache is None else cache.folder)
    planned = planned_reports(paths, manifest, keep_going=keep_going)
    with closing(rendered_reports(planned, work, jobs)) as results:
        return write_reports(results, seeds, cache)
