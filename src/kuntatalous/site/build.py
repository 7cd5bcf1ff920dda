"""Write the static report site: an index and one page per municipality and statement year, in
Finnish (``<slug>.html``) and English (``<slug>.en.html``), with the report texts beside them.

The site opens from the file system with no network: the charts are Vega-Lite, drawn by the
Vega, Vega-Lite and Vega-Embed JavaScript bundled in vl-convert-python and written beside the
pages (``assets/vega-embed.js``), once for all of them (the bundle is kept between builds:
``site.bundle``). The site is written into a scratch folder and swapped in for the previous one
when complete. A build writes it into its release folder (``kuntatalous.warehouse.exports``), so
that it is published, kept and rolled back with the warehouse and its exports.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

import duckdb
import jinja2
import vl_convert

from kuntatalous.processes import default_jobs
from kuntatalous.site import MARKER, findings, reuse, sections, text
from kuntatalous.site.bundle import vega_embed_bundle
from kuntatalous.site.markup import cell_html, table_html
from kuntatalous.site.marts import (
    BATCH_DOCUMENTS,
    INDEX_ROWS,
    MART_QUERIES,
    Page,
    SiteData,
    batches,
    open_site,
    read_digests,
    read_rows,
    require,
)
from kuntatalous.site.model import PageContext, Section
from kuntatalous.site.reuse import KnownReport, PageStore
from kuntatalous.site.sources import SOURCES_FOLDER, find_report, render_source, source_page_name
from kuntatalous.site.text import LANGUAGES, RECONCILIATION_STATUSES, Language

ASSETS = "assets"
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
FORMAT_LOCALES: dict[Language, Literal["fi-FI", "en-US"]] = {"fi": "fi-FI", "en": "en-US"}
SECTIONS = (
    sections.units_section,
    sections.variances_section,
    sections.cascade_section,
    sections.phases_section,
    sections.investments_section,
    sections.financing_section,
    findings.projects_section,
    findings.goals_section,
    findings.key_figures_section,
    findings.risks_section,
    findings.reconciliation_section,
)
"""A page's sections, in the order it shows them."""
SHOWN_ROWS = tuple(name for name in MART_QUERIES if name not in INDEX_ROWS)
"""The rows of a page that only the page shows, read for the pages rendered."""
RENDER_CHUNK = 4
"""Files a worker process renders per message to it (:class:`Writing`)."""


@dataclass
class SiteSummary:
    out: Path
    pages: list[str] = field(default_factory=list)
    """The pages written, as paths under ``out`` (as are ``sources`` and ``reused``)."""
    sources: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    """The pages and report texts kept from the previous site (linked, not rendered)."""
    carried: int = 0
    """The municipality-years whose digests were carried from the previous site, not read."""


def page_name(slug: str, language: Language) -> str:
    return f"{slug}.html" if language == "fi" else f"{slug}.{language}.html"


def other(language: Language) -> Language:
    return "en" if language == "fi" else "fi"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.globals.update(cell_html=cell_html, table_html=table_html)
    # The charts' JSON as UTF-8 text, as the page is (``tojson`` still escapes ``<``, ``>``, ``&``
    # and ``'`` for the script element): \u escapes of every ä, ö, € and minus made a page about
    # 1.5 % larger.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def build_site(
    database: Path,
    reports: Path,
    out: Path,
    shown_as: str | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    previous: Path | None = None,
    rebuilt: frozenset[str] | None = None,
    jobs: int | None = None,
) -> SiteSummary:
    """Write the site of ``database`` (read-only), linking its figures to the texts in ``reports``;
    the pages name the warehouse ``shown_as`` (default: ``database``'s file name). The pages are
    written ``batch_documents`` documents' rows at a time (the same bytes whatever the batch). A
    page whose inputs are those of a page of the site ``previous`` (often ``out`` itself) is that
    page's file, linked, not rendered again (``site.reuse``). ``rebuilt``: the municipalities a
    partial build rebuilt since the file ``previous`` was written from; every other page's
    digests are carried from ``previous`` (``PageStore.carry``) instead of read. The report texts
    and the pages are rendered and written in ``jobs`` processes (default: the machine's CPU
    count; the same bytes whatever the number)."""
    shown = shown_as or database.name
    job = BatchJob(shown, batch_documents, jobs or default_jobs())
    require(database)
    if out.exists() and not (out / MARKER).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out}: exists and is not a report site; refusing to replace it (choose another --out)")
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
    scratch.chmod(0o755)
    try:
        summary = SiteSummary(out)
        store = PageStore.over(scratch, previous)
        with open_site(database, out.parent) as (con, site):
            linked, sources = plan_sources(site, reports, store, summary)
            with Writing(sources, job.jobs) as writing:
                write_assets(scratch)
                (scratch / MARKER).write_text(
                    "written by kuntatalous report; replaced whole by the next one\n", encoding="utf-8"
                )
                write_pages(con, site, store, linked, job, summary, rebuilt, writing)
        for language in LANGUAGES:
            summary.pages.append(write_index(site, language, scratch, shown))
        store.save()
        summary.reused = store.reused
        swap_in(scratch, out)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return summary


@dataclass(frozen=True)
class BatchJob:
    """How the pages are written: the warehouse's name they show, the documents a batch holds and
    the processes that render a batch's pages."""

    shown: str
    batch_documents: int
    jobs: int


def write_pages(
    con: duckdb.DuckDBPyConnection,
    site: SiteData,
    store: PageStore,
    linked: frozenset[str],
    job: BatchJob,
    summary: SiteSummary,
    rebuilt: frozenset[str] | None = None,
    writing: Writing | None = None,
) -> None:
    """Every municipality-year's page in each language. The digests of every page's rows (those
    of a municipality not ``rebuilt`` carried from the previous site where it recorded them) and
    the rows the index shows are read for all pages at once (a few values a document); then,
    batch by batch, a page is kept from the previous site if it has the same inputs, and the rows
    of the pages left are read and those pages rendered. This process reads a batch's rows while
    the worker processes write the files before them (``writing``: the report texts, then the
    previous batch's pages)."""
    site_key = reuse.site_input(site, job.shown)
    carried = {id(page) for page in site.pages if _carried(page, store, rebuilt)}
    summary.carried = len(carried)
    read_digests(con, [page for page in site.pages if id(page) not in carried], site.columns)
    read_rows(con, site.pages, INDEX_ROWS)
    try:
        for batch in batches(site.pages, job.batch_documents):
            rendering = Rendering(site, linked, job.shown, store.folder, batch, [])
            for page, language, name, key, record in batch_files(batch, store, site_key, linked, carried):
                if not store.reuse(name, key, record):
                    rendering.files.append(PageFile(page, language, name, key, record))
                summary.pages.append(name)
            rendering.read(con)
            if writing is not None:
                writing.finish(store)
            writing = Writing(rendering, job.jobs)
        if writing is not None:
            writing.finish(store)
    finally:
        if writing is not None:
            writing.stop()


def batch_files(
    batch: list[Page], store: PageStore, site_key: str, linked: frozenset[str], carried: set[int]
) -> Iterator[PageFile]:
    """The page files of ``batch``, each page in each language, with the input digest that decides
    whether the previous site's file is kept, and the record of the first language's."""
    for page in batch:
        record = store.carried_record(record_file(page)) if id(page) in carried else reuse.page_record(page)
        for language in LANGUAGES:
            name = page_name(page.slug, language)
            key = reuse.page_input(site_key, page, language, linked)
            yield PageFile(page, language, name, key, record if name == record_file(page) else None)


class PageFile(NamedTuple):
    """A page to render in a language, as the file ``name`` of input ``key`` (and its ``record``)."""

    page: Page
    language: Language
    name: str
    key: str
    record: dict[str, Any] | None


@dataclass(frozen=True)
class Rendering:
    """A batch's pages to render (``files``: those not kept from the previous site) and write into
    ``folder``, and what every page looks up."""

    site: SiteData
    linked: frozenset[str]
    shown: str
    folder: Path
    batch: list[Page]
    files: list[PageFile]

    def __len__(self) -> int:
        return len(self.files)

    def read(self, con: duckdb.DuckDBPyConnection) -> None:
        """Read the rows of the pages to render (the index's are read already)."""
        pages = {id(file.page): file.page for file in self.files}
        if pages:
            read_rows(con, list(pages.values()), SHOWN_ROWS)

    def write(self, index: int) -> tuple[str, dict[str, Any]]:
        file = self.files[index]
        html = render_page(file.page, self.site, file.language, self.linked, self.shown)
        return file.name, reuse.write_file(self.folder, file.name, file.key, html, file.record)

    def done(self) -> None:
        """Drop the batch's rows and digests, all but the index's rows (its pages are written)."""
        for page in self.batch:
            page.drop_rows()


class SourceFile(NamedTuple):
    """A report text (``report``, named ``source_file``) to render as the page ``name`` of input ``key``."""

    report: Path | KnownReport
    source_file: str
    name: str
    key: str


@dataclass(frozen=True)
class SourceRendering:
    """Report texts to render and write into ``folder`` under ``reports``."""

    reports: Path
    folder: Path
    files: list[SourceFile]

    def __len__(self) -> int:
        return len(self.files)

    def write(self, index: int) -> tuple[str, dict[str, Any]]:
        file = self.files[index]
        html = render_source(file.report.read_text(encoding="utf-8"), file.source_file, f"{ASSETS}/site.css")
        entry = reuse.write_file(self.folder, file.name, file.key, html)
        return file.name, reuse.report_entry(entry, file.report, self.reports)

    def done(self) -> None:
        """Nothing to let go of."""


class Writes(Protocol):
    """Files that :class:`Writing` writes, each by its place: its name and record."""

    def __len__(self) -> int: ...

    def write(self, index: int) -> tuple[str, dict[str, Any]]: ...

    def done(self) -> None: ...


_forked: Writes | None = None
"""In a worker process of :class:`Writing`, the files it writes (inherited, not sent)."""


class Writing:
    """The files of ``writes`` being written: in ``jobs`` processes forked from this one, which
    inherit what they render (each is sent only the places of its files, ``RENDER_CHUNK`` at a
    time, and sends back their records) while this process goes on; with one job, here, when
    :meth:`finish` is called. Used as a context manager, it stops its processes on the way out."""

    def __init__(self, writes: Writes, jobs: int) -> None:
        self.writes = writes
        self.pool: multiprocessing.pool.Pool | None = None
        count = len(writes)
        if jobs < 2 or count < 2:
            self.results: Iterator[tuple[str, dict[str, Any]]] = map(writes.write, range(count))
            return
        for language in LANGUAGES:
            format_locale(language)  # read in this process, once, not by each worker
        context = multiprocessing.get_context("fork")
        gc.freeze()
        try:
            self.pool = context.Pool(min(jobs, count), initializer=_adopt, initargs=(writes,))
        except BaseException:
            gc.unfreeze()
            raise
        self.results = self.pool.imap_unordered(_write_forked, range(count), chunksize=RENDER_CHUNK)

    def finish(self, store: PageStore) -> None:
        """Wait for every file and record it in ``store``; then end the worker processes, and let
        go of what they rendered (once they are gone: while a worker shares this process's memory,
        each page of it this process frees is copied first)."""
        try:
            for name, entry in self.results:
                store.adopt(name, entry)
        finally:
            self.stop()
        self.writes.done()

    def stop(self) -> None:
        """End the worker processes, whatever they are doing (once every file is written: idle)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            gc.unfreeze()

    def __enter__(self) -> Writing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _adopt(writes: Writes) -> None:
    global _forked  # a worker's own copy, set once when it starts
    _forked = writes


def _write_forked(index: int) -> tuple[str, dict[str, Any]]:
    assert _forked is not None, "a worker of Writing writes the files it inherited"
    return _forked.write(index)


def _carried(page: Page, store: PageStore, rebuilt: frozenset[str] | None) -> bool:
    """Whether ``page``, of a municipality not ``rebuilt``, got its digests from the previous site."""
    return rebuilt is not None and page.municipality not in rebuilt and store.carry(page, record_file(page))


def record_file(page: Page) -> str:
    """The page file whose record keeps the page's documents and digests (``reuse.page_record``):
    its first language's, the one ``PageStore.carry`` reads."""
    return page_name(page.slug, LANGUAGES[0])


def swap_in(scratch: Path, out: Path) -> None:
    """Replace ``out`` by the finished ``scratch`` folder (the old site removed after the swap)."""
    retired = out.with_name(f".{out.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if out.exists():
        out.rename(retired)
    scratch.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def plan_sources(
    site: SiteData, reports: Path, store: PageStore, summary: SiteSummary
) -> tuple[frozenset[str], SourceRendering]:
    """Find every loaded report text whose bytes the warehouse holds, and keep its page of the
    previous site where it can; return their file names and the pages left to render."""
    (store.folder / SOURCES_FOLDER).mkdir()
    linked = set()
    rendering = SourceRendering(reports, store.folder, [])
    for page in site.pages:
        for document in page.documents:
            name = document["source_file"]
            target = f"{SOURCES_FOLDER}/{source_page_name(name)}"
            key = reuse.source_input(name, document["content_sha256"])
            found = store.known_report(target, key, reports) or find_report(reports, name, document["content_sha256"])
            if found is None:
                summary.warnings.append(
                    f"{name}: not found in {reports} with the bytes the warehouse was built from; "
                    "its figures are shown without links to the text"
                )
                continue
            if store.reuse(target, key):
                store.record_report(target, found, reports)
            else:
                rendering.files.append(SourceFile(found, name, target, key))
            summary.sources.append(target)
            linked.add(name)
    return frozenset(linked), rendering


def write_assets(out: Path) -> None:
    folder = out / ASSETS
    folder.mkdir()
    (folder / "vega-embed.js").write_text(vega_embed_bundle(), encoding="utf-8")
    for asset in STATIC.iterdir():
        shutil.copyfile(asset, folder / asset.name)


def common(language: Language, database_name: str, other_href: str) -> dict[str, Any]:
    return {
        "language": language,
        "other_language": other(language),
        "other_href": other_href,
        "index_href": page_name("index", language),
        "label": lambda key: text.label(key, language),
        "database_name": database_name,
    }


def render_page(page: Page, site: SiteData, language: Language, linked: frozenset[str], database_name: str) -> str:
    """The HTML of ``page`` in ``language``."""
    ctx = PageContext(page, site, language, linked)
    built: list[Section] = [build(ctx) for build in SECTIONS]
    heading = f"{page.municipality} {page.fiscal_year}: {text.label('site_title', language).lower()}"
    documents = [
        {"section": d["section_title"] or "", "source": ctx.source(d["source_file"], None)} for d in page.documents
    ]
    warnings = [
        f"{d['source_file']}: {text.label('source_changed', language)}"
        for d in page.documents
        if d["source_file"] not in linked
    ]
    return (
        environment()
        .get_template("page.html.j2")
        .render(
            **common(language, database_name, page_name(page.slug, other(language))),
            title=heading,
            heading=heading,
            documents=documents,
            source_warnings=warnings,
            sections=built,
            locale=format_locale(language),
        )
    )


@cache
def format_locale(language: Language) -> dict[str, Any]:
    """d3-format's locale of ``language``, which the charts format their numbers with."""
    locale: dict[str, Any] = vl_convert.get_format_locale(FORMAT_LOCALES[language])
    return locale


def write_index(site: SiteData, language: Language, out: Path, database_name: str) -> str:
    entries = []
    for page in site.pages:
        counts = findings.reconciliation_counts(page.rows["reconciliation_counts"])
        entries.append(
            {
                "municipality": page.municipality,
                "year": page.fiscal_year,
                "href": page_name(page.slug, language),
                "counts": counts,
                "sections": [d["section_title"] or d["source_file"] for d in page.documents],
            }
        )
    statuses = [{"key": s, "label": text.label(f"status_{s}", language)} for s in RECONCILIATION_STATUSES]
    heading = text.label("site_title", language)
    html = (
        environment()
        .get_template("index.html.j2")
        .render(
            **common(language, database_name, page_name("index", other(language))),
            title=heading,
            heading=heading,
            entries=entries,
            statuses=statuses,
        )
    )
    name = page_name("index", language)
    (out / name).write_text(html, encoding="utf-8")
    return name
