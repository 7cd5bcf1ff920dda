"""``kuntatalous extract``: the reports extracted in worker processes and streamed to the raw CSVs.

The reports are read one at a time, in the order of their names (``planned_reports``), and each
is handed to a pool of ``jobs`` processes, which extract it (through the cache) and render its
rows as CSV lines sorted by their tables' sort keys. The command writes each report's lines as
soon as those of every report before it are written (``StagedSeeds``); at most ``WINDOW_PER_JOB``
reports a process are in flight, so memory does not grow with the corpus. ``jobs=1`` runs the same
functions in this process. Either way the bytes are those ``seed_files(extract_paths(...))``
renders from the whole extraction in memory.

With a cache, the reports go in runs (``planned_runs``): consecutive reports of one
municipality (as the manifest names it, or none), each of a name of its own, a run ending after
a report whose name's digest is a multiple of ``RUN_SPREAD`` (or at ``MAX_RUN`` reports), so that
adding or removing a report changes its own run only (removing one that ends a run joins its
run to the next; adding one splits its run in two). A run of two or more reports is a chunk of
the cache (``ChunkEntry``), keyed by its reports' entries' keys: each raw table's lines of the
run as one text, with the sort keys of its first and last line, and what the summary counts.
When the cache has it, the run is written from it (``StagedSeeds.write_block``) and no report of
it is read from the cache or extracted; otherwise its reports are rendered as any other and the
chunk is stored once they are all written. Planned items that are not reports (a reject, a
warning) and reports of one name from two folders (their rows merged) are written one by one,
never chunked.

An error stops the extraction at the first report, in that order, that raises one: the same
error whatever the number of processes, with its file and line.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar

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
from kuntatalous.output.cache import BadEntryError, ExtractionCache, decode_json, encode_json
from kuntatalous.output.identities import ReportIdentities
from kuntatalous.output.records import RAW_TABLES, Record
from kuntatalous.output.seeds import Line, SortKey, StagedSeeds, check_line_sizes, table_lines, tables_of
from kuntatalous.text.municipality import reference_digest
from kuntatalous.text.reading import read_report

WINDOW_PER_JOB = 8
"""Reports handed out per process ahead of the one being written: enough to keep every process
busy while one report takes longer, few enough that their rows are a small, fixed amount."""

RUN_SPREAD = 32
"""A run of reports ends after one whose name's SHA-256 is a multiple of this: runs of about
this many reports, whose bounds depend on the names at them only."""

MAX_RUN = 256
"""The most reports a run holds, whatever their names: what a chunk being stored keeps in memory."""


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
    extracted: bool = False
    """A report extracted (not read from the cache)."""
    cached: bool = False
    """A report read from its cache entry."""


@dataclass
class Summary:
    """What an extraction wrote, counted report by report."""

    reports: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    extracted_tables: int = 0
    warnings: list[str] = field(default_factory=list)
    documents: list[Record] = field(default_factory=list)
    extracted: int = 0
    """Reports extracted (not in the cache)."""
    cached: int = 0
    """Reports written from the cache, their own entries or a chunk."""
    chunked: int = 0
    """Of those, the reports written from a chunk."""

    def add(self, rendered: Rendered) -> None:
        self.reports += len(rendered.documents)
        self.rows.update({name: len(lines) for name, lines in rendered.lines.items()})
        self.extracted_tables += rendered.extracted_tables
        self.warnings.extend(rendered.warnings)
        self.documents.extend(rendered.documents)
        self.extracted += rendered.extracted
        self.cached += rendered.cached

    def add_chunk(self, chunk: ChunkEntry) -> None:
        self.reports += len(chunk.documents)
        self.rows.update({name: block.rows for name, block in chunk.blocks().items()})
        self.extracted_tables += chunk.extracted_tables
        self.warnings.extend(chunk.warnings)
        self.documents.extend(chunk.documents)
        self.cached += chunk.reports
        self.chunked += chunk.reports


def render(source_file: str, item: Extraction | ExtractionError) -> Rendered:
    """An extraction as sorted CSV lines; an error, or a row too long for a CSV line, as an error."""
    if isinstance(item, ExtractionError):
        return Rendered(source_file, error=item)
    tables = tables_of(item)
    lines = {table.name: table_lines(table, rows) for table, rows in tables}
    try:
        for table, _ in tables:
            check_line_sizes(table, lines[table.name])
    except ExtractionError as exc:
        return Rendered(source_file, error=exc)
    return Rendered(
        source_file,
        lines=lines,
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
        rendered.cached = True
    else:
        try:
            extraction: Extraction | ExtractionError = extract_job(job, keep_going=keep_going, cache=None)
        except ExtractionError as exc:
            extraction = exc
        rendered = render(job.report.source_file, extraction)
        rendered.extracted = True
        if cache is not None and rendered.error is None:
            cache.store(key, RenderedEntry.of(rendered))
    rendered.cache = cache
    return rendered


def _rendered_key(cache: ExtractionCache | None, job: ReportJob, keep_going: bool) -> str:
    if cache is None:
        return ""
    mode = "keep-going" if keep_going else "strict"
    return cache.key(job.report.sha256, job.report.source_file, job.municipality, mode, reference_digest(), "rendered")


@dataclass(frozen=True)
class Block:
    """A raw table's lines of a run of reports, as the CSV's bytes."""

    data: memoryview
    rows: int
    first: SortKey
    last: SortKey


CHUNK_FIELDS = ("tables", "documents", "warnings", "counts")
"""What a chunk's JSON line holds (``ChunkEntry``'s fields besides its text)."""


@dataclass
class ChunkEntry:
    """A run of reports as the cache keeps it: what writing and counting it takes, and each raw
    table's lines as the CSV's bytes (``text``: one table's after the other's, in the order of
    ``tables``)."""

    INSTEAD: ClassVar[str] = "read its reports one by one"
    """What is done when the entry cannot be trusted (the cache's warning says it)."""

    tables: list[dict[str, Any]]
    """Per raw table with rows: ``name``, ``rows``, ``first`` and ``last`` (sort keys), ``bytes``
    (the size of its lines in ``text``)."""
    documents: list[Record]
    warnings: list[str]
    counts: list[dict[str, int]]
    """``reports`` and ``extracted_tables``, in one object."""
    text: bytes

    def __post_init__(self) -> None:
        try:
            self.blocks()
            if self.reports < 2 or self.extracted_tables < 0:
                raise ValueError("counts out of range")
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise BadEntryError(f"not a run of reports ({exc!r})") from exc

    @property
    def reports(self) -> int:
        return _whole(self.counts[0]["reports"])

    @property
    def extracted_tables(self) -> int:
        return _whole(self.counts[0]["extracted_tables"])

    def blocks(self) -> dict[str, Block]:
        """Each raw table's block, by table name (those the run has rows in)."""
        names = {table.name for table in RAW_TABLES}
        blocks, start, text = {}, 0, memoryview(self.text)
        for table in self.tables:
            name, size = table["name"], _whole(table["bytes"])
            if name not in names or size < 0:
                raise ValueError(f"no raw table {name!r} or no size")
            first, last = _sort_key(table["first"]), _sort_key(table["last"])
            blocks[name] = Block(text[start : start + size], _whole(table["rows"]), first, last)
            start += size
        if start != len(text):
            raise ValueError(f"{len(text)} bytes of text for tables of {start}")
        return blocks

    def payload(self) -> bytes:
        """The entry as the cache stores it: its JSON line, then its text."""
        return encode_json({name: getattr(self, name) for name in CHUNK_FIELDS}) + b"\n" + self.text

    @classmethod
    def from_payload(cls, payload: bytes) -> ChunkEntry:
        """The entry ``payload`` stores; ``BadEntryError`` if it is none."""
        line, newline, text = payload.partition(b"\n")
        data = decode_json(line)
        if (
            not newline
            or not isinstance(data, dict)
            or not all(isinstance(data.get(name), list) for name in CHUNK_FIELDS)
        ):
            raise BadEntryError("not a run of reports (no JSON line of one, then its text)")
        return cls(data["tables"], data["documents"], data["warnings"], data["counts"], text)


def _whole(value: object) -> int:
    if type(value) is not int:
        raise TypeError(f"{value!r} is not a whole number")
    return value


def _sort_key(data: list[list[Any]]) -> SortKey:
    return tuple((_whole(a), _whole(b), str(c)) for a, b, c in data)


class ChunkBuilder:
    """A run of reports' ``ChunkEntry``, gathered report by report as they are written."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.texts: dict[str, list[str]] = {}
        self.bounds: dict[str, tuple[SortKey, SortKey]] = {}
        self.documents: list[Record] = []
        self.warnings: list[str] = []
        self.reports = 0
        self.extracted_tables = 0

    def add(self, rendered: Rendered) -> None:
        self.reports += 1
        for name, lines in rendered.lines.items():
            if lines:
                first = self.bounds[name][0] if name in self.bounds else lines[0][0]
                self.bounds[name] = (first, lines[-1][0])
                self.texts.setdefault(name, []).extend(line for _, line in lines)
        self.documents.extend(rendered.documents)
        self.warnings.extend(rendered.warnings)
        self.extracted_tables += rendered.extracted_tables

    def entry(self) -> ChunkEntry:
        encoded = {name: "".join(texts).encode("utf-8") for name, texts in self.texts.items()}
        tables = [
            {"name": name, "rows": len(self.texts[name]), "first": first, "last": last, "bytes": len(data)}
            for name, data in encoded.items()
            for first, last in [self.bounds[name]]
        ]
        counts = [{"reports": self.reports, "extracted_tables": self.extracted_tables}]
        return ChunkEntry(tables, self.documents, self.warnings, counts, b"".join(encoded.values()))


@dataclass(frozen=True)
class ChunkStart:
    """The reports up to ``ChunkEnd`` are a run the cache has no chunk of: store one under ``key``."""

    key: str


@dataclass(frozen=True)
class ChunkEnd:
    """The end of the run a ``ChunkStart`` began."""


@dataclass(frozen=True)
class Served:
    """A run of reports written from its chunk."""

    chunk: ChunkEntry


Marker = ChunkStart | ChunkEnd | Served
Item = Planned | Marker


@dataclass
class Run:
    """Consecutive planned items."""

    items: list[tuple[str, Planned]] = field(default_factory=list)
    jobs: list[ReportJob] = field(default_factory=list)
    """Its reports when it may be a chunk: every item a report of a name no other item has."""


def planned_runs(planned: Iterable[tuple[str, Planned]]) -> Iterator[Run]:
    """The planned items in order, in runs: reports of one municipality, each of its own name,
    up to one whose name ends a run (``RUN_SPREAD``, ``MAX_RUN``); anything else on its own (with
    the other items of its name)."""
    run = Run()
    for _, named in groupby(planned, key=itemgetter(0)):
        items = list(named)
        name, item = items[0]
        if len(items) > 1 or not isinstance(item, ReportJob):
            yield run
            yield Run(items)
            run = Run()
            continue
        if run.jobs and run.jobs[-1].municipality != item.municipality:
            yield run
            run = Run()
        run.items.append((name, item))
        run.jobs.append(item)
        if int(hashlib.sha256(name.encode()).hexdigest(), 16) % RUN_SPREAD == 0 or len(run.jobs) >= MAX_RUN:
            yield run
            run = Run()
    yield run


def chunked(
    planned: Iterable[tuple[str, Planned]], cache: ExtractionCache | None, keep_going: bool
) -> Iterator[tuple[str, Item]]:
    """The planned items, each run of two or more reports replaced by its chunk when the cache
    has one, else framed by ``ChunkStart`` and ``ChunkEnd``. A chunk written marks its reports'
    entries used, so that they stay for the day one of them changes."""
    for run in planned_runs(planned):
        if cache is None or len(run.jobs) < 2:
            yield from run.items
            continue
        keys = [_rendered_key(cache, job, keep_going) for job in run.jobs]
        key = cache.combined_key("chunk", keys)
        chunk = cache.load_payload(key, ChunkEntry, ChunkEntry.from_payload)
        if chunk is not None and chunk.reports == len(keys):
            cache.used.update(keys)
            yield run.items[0][0], Served(chunk)
            continue
        yield "", ChunkStart(key)
        yield from run.items
        yield "", ChunkEnd()


Work = Callable[[ReportJob], Rendered]
Result = Rendered | Marker


def rendered_reports(planned: Iterable[tuple[str, Item]], work: Work, jobs: int) -> Generator[Result, None, None]:
    """Every planned item rendered, in order: the reports by ``work`` in ``jobs`` processes
    (here, when ``jobs`` is 1), at most ``WINDOW_PER_JOB * jobs`` ahead of the one yielded;
    markers as they are."""
    if jobs == 1:
        for name, item in planned:
            yield work(item) if isinstance(item, ReportJob) else _here(name, item)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[tuple[str, Future[Result]]] = deque()
    try:
        for name, item in planned:
            pending.append((name, _submit(pool, work, name, item)))
            if len(pending) >= WINDOW_PER_JOB * jobs:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _here(name: str, item: Extraction | ExtractionError | Marker) -> Result:
    return render(name, item) if isinstance(item, Extraction | ExtractionError) else item


def _submit(pool: ProcessPoolExecutor, work: Work, name: str, item: Item) -> Future[Result]:
    if isinstance(item, ReportJob):
        try:
            return pool.submit(work, item)
        except BrokenProcessPool as exc:
            return _submit(pool, work, name, _stopped(name, exc))
    done: Future[Result] = Future()
    done.set_result(_here(name, item))
    return done


def _result(name: str, future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        return render(name, _stopped(name, exc))


def _stopped(name: str, exc: BrokenProcessPool) -> ExtractionError:
    return ExtractionError(name, None, f"the process extracting it stopped ({exc}); was it out of memory?")


class Writer:
    """Writes each result in turn into ``seeds``: a report's lines (those of reports of one name,
    from two folders, merged by their sort keys), a chunk's blocks; stores a run's chunk at its end."""

    def __init__(self, seeds: StagedSeeds, cache: ExtractionCache | None) -> None:
        self.seeds = seeds
        self.cache = cache
        self.summary = Summary()
        self.group: list[Rendered] = []
        self.chunk: ChunkBuilder | None = None

    def take(self, result: Result) -> None:
        """Write ``result`` (or keep it until the next report's name differs); raise its error."""
        if isinstance(result, Rendered):
            self._rendered(result)
            return
        self.flush()
        if isinstance(result, ChunkStart):
            self.chunk = ChunkBuilder(result.key)
        elif isinstance(result, ChunkEnd):
            if self.chunk is not None and self.cache is not None:
                self.cache.store_payload(self.chunk.key, self.chunk.entry().payload())
            self.chunk = None
        else:
            blocks = result.chunk.blocks()
            for table in RAW_TABLES:
                if table.name in blocks:
                    block = blocks[table.name]
                    self.seeds.write_block(table, block.data, block.first, block.last)
            self.summary.add_chunk(result.chunk)

    def _rendered(self, rendered: Rendered) -> None:
        if self.cache is not None and rendered.cache is not None:
            self.cache.absorb(rendered.cache)
        if rendered.error is not None:
            raise rendered.error
        if self.group and self.group[0].source_file != rendered.source_file:
            self.flush()
        self.group.append(rendered)
        self.summary.add(rendered)
        if self.chunk is not None:
            self.chunk.add(rendered)

    def flush(self) -> None:
        """Write the reports of one name held so far."""
        if self.group:
            for table in RAW_TABLES:
                parts = [rendered.lines.get(table.name, []) for rendered in self.group]
                self.seeds.write(table, parts[0] if len(parts) == 1 else heapq.merge(*parts, key=itemgetter(0)))
        self.group = []


def write_reports(results: Iterable[Result], seeds: StagedSeeds, cache: ExtractionCache | None) -> Summary:
    """Write each result in turn (``Writer``). Raises the first report's error."""
    writer = Writer(seeds, cache)
    for result in results:
        writer.take(result)
    writer.flush()
    writer.summary.warnings.extend(same_section_and_year(writer.summary.documents))
    return writer.summary


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
    identities = None if cache is None else ReportIdentities.of(cache.folder)
    reader = read_report if identities is None else identities.read
    planned = chunked(planned_reports(paths, manifest, keep_going=keep_going, reader=reader), cache, keep_going)
    with closing(rendered_reports(planned, work, jobs)) as results:
        summary = write_reports(results, seeds, cache)
    if identities is not None:
        identities.save()
    return summary
