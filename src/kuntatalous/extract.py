"""Turn report files into the rows of the raw seed tables."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from pathlib import Path

from kuntatalous.errors import ExtractionError, NotReadError
from kuntatalous.output.cache import ExtractionCache
from kuntatalous.output.records import (
    AMOUNT_DECIMALS,
    BUDGET_ROWS,
    BUDGET_YEAR,
    UNREAD_SEPARATOR,
    Record,
    text_order,
)
from kuntatalous.output.rejects import (
    BALANCE_SHEET,
    FILE,
    GROUP_STATEMENT,
    ROW,
    SUMMARY_BY_UNIT,
    TABLE,
    Rejects,
    row_text,
    strict,
)
from kuntatalous.tables import budget_tables as bt
from kuntatalous.tables.budget_columns import ENTERPRISE, INVESTMENTS, other_issuer
from kuntatalous.tables.issuers import (
    CITY,
    UnitTable,
    chapters_of_units,
    named_unit,
    section_lines,
    section_unit,
    sole_enterprise,
)
from kuntatalous.tables.page_breaks import rejoin_page_breaks
from kuntatalous.tables.registry import text_table_kinds
from kuntatalous.tables.row_widths import misshapen_rows
from kuntatalous.tables.table_kinds import other_table_kind
from kuntatalous.tables.variance import VarianceConvention
from kuntatalous.tables.vocabulary import classify_header, find_statement_year
from kuntatalous.text.cells import SUM_WORDS, TOTAL_WORDS
from kuntatalous.text.document import document_id, read_manifest, section_title
from kuntatalous.text.layout import (
    BOLD_CAPTION_LEVEL,
    Layout,
    TableBlock,
    enclosing_headings,
    find_layout,
    heading_level,
    heading_text,
    outranking_heading,
)
from kuntatalous.text.morphology import MorphologyUnavailableError, is_genitive_of, is_swedish_genitive_of
from kuntatalous.text.municipality import (
    Resolution,
    load_municipalities,
    outside_list_warning,
    reference_digest,
    require_one_spelling,
    resolve,
)
from kuntatalous.text.number_format import Nil, Scale, cents_printed, euro_decimals
from kuntatalous.text.numbers import decimal_places, strip_markup
from kuntatalous.text.reading import KnownReport, ReportFile, discover, read_report
from kuntatalous.text.truncation import find_cut_text, find_truncation
from kuntatalous.text.unit_names import UNIT_WORDS

MANIFEST_NAME = "manifest.csv"
_INVESTMENT_HEADING = INVESTMENTS
"""A heading over investment tables (``INVESTOINNIT``, ``INVESTERINGAR``)."""
_PROJECT_COLUMN = re.compile(
    r"hanke|hankkeet|kohde|kohteet|projekti|projektit|projekt(?:en)?",
    re.IGNORECASE,
)
"""An investment table's first cell that names its column of projects (``Hanke``, ``Kohde``,
``Projekti``, Swedish ``Projekt``), not whose investments they are: the heading right over it
tells (``Sivistyslautakunnan investointien toteutuminen``), and the table groups its projects by
asset class, each group closed by its class's total (``_refuse_ungrouped_projects``)."""
_INVESTMENT_PART = re.compile(r"investointiosa|investeringsdel", re.IGNORECASE)
"""The budget's investment part (``Investointiosan toteutuminen``, ``Investeringsdelen``): the
whole city's investments."""
_GROUP = re.compile(
    r"\bkonsernin\b|\bkonserni(?:tuloslaskelm|rahoituslaskelm|tase)|\bkuntakonserni"
    r"|\bkoncern(?:ens\b|resultaträkning|balans|finansieringsanalys)",
    re.IGNORECASE,
)
"""The municipal group's statements (``Konsernituloslaskelma``, ``Konsernin rahoituslaskelma``,
``Kuntakonsernin tuloslaskelma``, Swedish ``Koncernresultaträkning``): the city with its
subsidiaries, whose figures are no unit's of the city. Not ``Konsernipalvelut`` nor
``Konsernijaosto``, the city's own units."""
_GROUP_CHAPTER = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?"  # a chapter's number that the heading keeps (``5 KONSERNITILINPÄÄTÖS``)
    r"(?:konsernitilinp[aä]{2}t[oö]s|konsernilaskelm|konsernin\b|kuntakonserni|koncernbokslut|koncernens?\b)",
    re.IGNORECASE,
)
"""A chapter of the municipal group's statements, by its heading's first word
(``Konsernitilinpäätös``, ``Konsernilaskelmat``, ``Kuntakonsernin tilinpäätöslaskelmat``, Swedish
``Koncernbokslut``): every table under it is the group's, whatever its own heading
(``## Tuloslaskelma``). A heading that names the group further on (``Kaupungin ja konsernin
tilinpäätös 2025``, a statement's title) is no such chapter, nor is ``Konsernipalvelut``."""
_BALANCE_SHEET = re.compile(r"\b(?:tase|balansräkning|vastaavaa|vastattavaa|aktiva|passiva)\b", re.IGNORECASE)
"""The balance sheet (``Tase``, its sides ``Vastaavaa`` and ``Vastattavaa``, Swedish
``Balansräkning``, ``Aktiva``, ``Passiva``), by a table's label or the heading over it: stocks,
which no statement the warehouse reads holds; left out by design. Not ``Taseyksikkö``."""
_BY_UNIT = re.compile(
    r"\b\w*(?:lautakun|toimielim|toimial|alue|yksik|palvelu)\w*itt[aä]in\b|\bnämndvis\b|\bper nämnd\b",
    re.IGNORECASE,
)
"""A table of one line by unit (``Toimintakate lautakunnittain``, ``palvelualueittain``,
``toimialoittain``, ``yksiköittäin``, ``palveluittain``, Swedish ``Verksamhetsbidrag nämndvis``), its rows units;
not by project (``Investoinnit hankkeittain``)."""

INVESTMENT_LINES = frozenset(
    {
        "menot",
        "tulot",
        "netto",
        "utgifter",
        "inkomster",
        "expenditure",
        "revenue",
        "net investment",
        "investointimenot",
        "investointitulot",
        "nettoinvestoinnit",
        "nettomenot",
        "investeringsutgifter",
        "investeringsinkomster",
        "nettoinvesteringar",
        "nettoutgifter",
        "rahoitusosuudet investointimenoihin",
        "finansieringsandelar för investeringsutgifter",
        "contributions to investment expenditure",
        "rahoitusosuudet",
        "finansieringsandelar",
        "pysyvien vastaavien hyödykkeiden luovutustulot",
        "försäljningsinkomster av tillgångar bland bestående aktiva",
        "proceeds from the sale of fixed assets",
        "pysyvien vastaavien luovutustulot",
        "pysyvien vastaavien hyödykkeiden myyntitulot",
        "pysyvien vastaavien myyntitulot",
        "överlåtelseinkomster av tillgångar bland bestående aktiva",
        "investointimenot yhteensä (brutto)",
        "investeringsutgifter totalt (brutto)",
        "investment expenditure, total (gross)",
        "investointihyödykkeiden luovutustulot (brutto)",
        "överlåtelseintäkter från investeringstillgångar (brutto)",
        "gross capital gains on investment goods",
    }
)
"""The names of the investment statement's lines (lower case), as the chart
(``ref_line_items.csv``), its further names (``ref_line_item_names.csv``) and the Treasury's
labels (``ref_ktas_income_statement_labels.csv``) give them; a test holds them equal. A table
printing only these is an investment table."""
_OPERATING_HEADING = re.compile(r"käyttötalou|driftsekonomi", re.IGNORECASE)
"""A heading over operating tables (``Käyttötalous``, ``Driftsekonomi``)."""
_DIGIT = re.compile(r"\d")
WHOLE_UNIT = "yhteensä"
"""The asset class of an investment table that names its unit alone, with no asset class
(``Tekninen lautakunta``, Menot, Tulot, Netto under ``## Investoinnit``): all the unit's
investments, the total of its asset classes where the report prints them too."""


@dataclass
class Extraction:
    """Everything extracted from a set of reports, ready to be written as CSV."""

    documents: list[Record] = field(default_factory=list)
    budget_rows: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)
    key_figures: list[Record] = field(default_factory=list)
    goals: list[Record] = field(default_factory=list)
    risks: list[Record] = field(default_factory=list)
    tables: list[Record] = field(default_factory=list)
    rejects: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def extend(self, other: Extraction) -> None:
        for name in (
            "documents",
            "budget_rows",
            "projects",
            "key_figures",
            "goals",
            "risks",
            "tables",
            "rejects",
            "warnings",
        ):
            getattr(self, name).extend(getattr(other, name))


def extract_paths(
    paths: list[Path],
    manifest: Path | None = None,
    *,
    keep_going: bool = False,
    cache: ExtractionCache | None = None,
) -> Extraction:
    """Extract every report found in ``paths`` (files or folders), all held in memory.

    Strict by default: the first thing that cannot be read raises ``ExtractionError``. With
    ``keep_going`` it becomes a reject (``Extraction.rejects``) and everything else is extracted.
    With a ``cache``, a report extracted before (same bytes, name, options and extractor) is
    taken from it instead of being read again. ``kuntatalous extract`` streams the same reports
    in the same order (``output.stream``) instead of holding them.
    """
    result = Extraction()
    for _, item in planned_reports(paths, manifest, keep_going=keep_going):
        if isinstance(item, ExtractionError):
            raise item
        result.extend(extract_job(item, keep_going=keep_going, cache=cache) if isinstance(item, ReportJob) else item)
    result.warnings.extend(same_section_and_year(result.documents))
    return result


@dataclass(frozen=True)
class ReportJob:
    """One readable report to extract, with the municipality a manifest names for it: read, or
    known unchanged since an earlier extraction read it (read when it is extracted)."""

    report: ReportFile | KnownReport
    municipality: str | None

    def file(self) -> ReportFile:
        return self.report if isinstance(self.report, ReportFile) else self.report.read()


Planned = ReportJob | Extraction | ExtractionError
"""What each report file comes to before its extraction, in output order: a report to extract,
what is known without extracting it (a file reject, a warning) or the error that stops a strict
extraction there."""


def planned_reports(
    paths: list[Path],
    manifest: Path | None,
    *,
    keep_going: bool,
    reader: Callable[[Path, str], ReportFile | KnownReport] = read_report,
) -> Iterator[tuple[str, Planned]]:
    """Every report file found in ``paths`` with its name, read one at a time (by ``reader``:
    ``output.identities`` knows an unchanged one without reading it), in the order of
    the raw CSVs' rows (``records.text_order`` of the name): first the manifest's warnings (no
    name), then each file as a job, an unreadable file's reject (its error when strict) or, for
    a file with the same bytes as one before it, a warning."""
    warnings: list[str] = []
    municipalities = _manifest_municipalities(paths, manifest, warnings)
    found = sorted(discover(paths), key=lambda pair: text_order(pair[1]))
    warnings.extend(_named_but_absent(municipalities, {source_file for _, source_file in found}))
    yield "", Extraction(warnings=warnings)
    seen: dict[str, str] = {}
    for path, source_file in found:
        try:
            report = reader(path, source_file)
        except ExtractionError as exc:
            yield source_file, _unreadable(exc, keep_going=keep_going)
            continue
        if report.sha256 in seen:
            first = seen[report.sha256]
            yield source_file, Extraction(warnings=[f"{source_file}: same content as {first}; loaded once, as {first}"])
            continue
        seen[report.sha256] = source_file
        yield source_file, ReportJob(report, municipalities.get(source_file))


def _named_but_absent(municipalities: dict[str, str], found: set[str]) -> list[str]:
    """A warning for each file a manifest names that is no report found (misspelt, or not yet
    arrived): the municipality it gives is given to nothing."""
    return [
        f"{MANIFEST_NAME}: names {name} ({municipality}), which is no report here; misspelt?"
        for name, municipality in sorted(municipalities.items())
        if name not in found
    ]


def _unreadable(error: ExtractionError, *, keep_going: bool) -> Extraction | ExtractionError:
    """A file that cannot be read: its reject, or the error itself when extraction is strict."""
    if not keep_going:
        return error
    rejects = Rejects(keep_going=True)
    rejects.add(error, FILE)
    return Extraction(rejects=[reject.record("") for reject in rejects.found])


def extract_job(job: ReportJob, *, keep_going: bool, cache: ExtractionCache | None) -> Extraction:
    """One report's extraction, through ``cache`` when there is one."""
    if cache is None:
        return extract_file(job.file(), job.municipality, keep_going=keep_going)
    return extract_cached(job.file(), job.municipality, cache, keep_going=keep_going)


def _manifest_municipalities(paths: list[Path], manifest: Path | None, warnings: list[str]) -> dict[str, str]:
    """Each file's municipality as ``manifest`` (or a manifest in each folder) names it; a
    warning for each name that is not a municipality of the reference list."""
    municipalities: dict[str, str] = {}
    manifests = [manifest] if manifest else [p / MANIFEST_NAME for p in paths if p.is_dir()]
    for candidate in manifests:
        if candidate is not None and candidate.is_file():
            named = read_manifest(candidate)
            municipalities.update(named)
            warnings.extend(_outside_list(candidate.name, named.values()))
    require_one_spelling(MANIFEST_NAME, municipalities.values(), load_municipalities())
    return municipalities


def extract_file(report: ReportFile, municipality: str | None, *, keep_going: bool = False) -> Extraction:
    """One report's extraction, its rejects included; nothing of it but a reject for the
    file (after those of its parts) when the file as a whole cannot be read."""
    one = Extraction()
    rejects = Rejects(keep_going=keep_going)
    try:
        extract_report(report, municipality, one, rejects)
    except ExtractionError as exc:
        # Its parts' rejects say more when, say, a truncated file lost the text naming its
        # municipality.
        rejects.add(exc, FILE)
        return Extraction(rejects=[reject.record("") for reject in rejects.found])
    one.rejects.extend(reject.record(document_id(report.sha256)) for reject in rejects.found)
    return one


def extract_cached(
    report: ReportFile, municipality: str | None, cache: ExtractionCache, *, keep_going: bool
) -> Extraction:
    """``extract_file`` through the cache; a report that raises is not cached."""
    mode = "keep-going" if keep_going else "strict"
    key = cache.key(report.sha256, report.source_file, municipality, mode, reference_digest())
    cached = cache.load(key, Extraction)
    if cached is not None:
        return cached
    one = extract_file(report, municipality, keep_going=keep_going)
    cache.store(key, one)
    return one


SECTION_FIELDS = ("source_file", "municipality", "section_title", "fiscal_year")
"""The fields of a document record that ``same_section_and_year`` reads."""


def same_section_and_year(documents: Iterable[Record]) -> list[str]:
    """Warnings for sections that two different files print for one municipality and year (both
    are loaded; the warehouse's restatement check compares their figures).

    Sections are told apart by their title: the tables of a service area are printed again by
    each of its boards' sections, so two files printing the same unit is no sign of a duplicate.
    """
    files: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    titles: dict[tuple[str, str, str], str] = {}
    for document in documents:
        title = str(document["section_title"])
        if title:
            year = document["fiscal_year"]
            key = (str(document["municipality"]), title.casefold(), "" if year is None else str(year))
            files[key].append(str(document["source_file"]))
            titles.setdefault(key, title)
    warnings = []
    for key, printed in sorted(files.items()):
        first, *others = sorted(printed)
        for other in others:
            warnings.append(
                f"{other}: the section '{titles[key]}' for {key[2]}, as in {first}; both are loaded, "
                "and the build's restatement check compares their figures"
            )
    return warnings


@dataclass
class _Reading:
    """One report as ``extract_report`` reads it: its blocks and what has been decided about them."""

    report: ReportFile
    layout: Layout
    rejects: Rejects
    held_back: dict[int, str] = field(default_factory=dict)
    """Kinds of the blocks rejected as a whole, by first line."""
    kinds: dict[int, str] = field(default_factory=dict)
    """Kinds of the budget tables read, by first line."""
    units: _UnitNames | None = None
    """The names the report gives its units, once its budget tables are read."""

    @property
    def source(self) -> str:
        return self.report.source_file

    @property
    def doc_id(self) -> str:
        return document_id(self.report.sha256)


def extract_report(
    report: ReportFile, municipality: str | None, result: Extraction, rejects: Rejects | None = None
) -> None:
    """Append one report's documents, budget rows, text-table records and table inventory to ``result``.

    What cannot be read goes to ``rejects`` (strict when not given); an error that concerns the
    whole file is raised.
    """
    reading = _Reading(report, _layout(report), strict(rejects))
    blocks = _without_truncated(reading)
    titled = find_statement_year(report.lines, reading.source)
    titled_year = None if titled is None else titled.year
    budget = bt.parse_budget_tables(
        blocks, reading.source, reading.rejects, statement_year=titled_year, lines=report.lines
    )
    reading.held_back.update((line, "budget") for line in budget.rejected)
    fiscal_year = _fiscal_year(budget.tables, titled_year, reading.source)
    resolved = _municipality(report, municipality, result.warnings)
    result.budget_rows.extend(_budget_records(reading, budget, blocks))
    text_blocks = _inventory(reading, budget, result)
    for kind in text_table_kinds():
        parsed = kind.parse(
            text_blocks[kind.kind],
            reading.source,
            reading.rejects,
            statement_year=fiscal_year,
            municipality=resolved.name,
        )
        provenance: Record = {"document_id": reading.doc_id, "source_file": reading.source}
        getattr(result, kind.kind).extend(provenance | record for record in parsed.records)
        result.warnings.extend(parsed.warnings)
    # A budget table rejected (unreadable, cut off) is a reject of its own, not a report without figures.
    if not budget.tables and not reading.held_back:
        raise ExtractionError(reading.source, None, "no figures: the report has no budget or investment table")
    result.documents.append(_document_record(reading, resolved, fiscal_year))


def _layout(report: ReportFile) -> Layout:
    """The report's tables (a budget table split by a page break without its header repeated,
    or by a row label wrapped onto a second line, read as one) and headings."""
    layout = rejoin_page_breaks(find_layout(report.lines), report.lines)
    if not layout.tables:
        raise ExtractionError(
            report.source_file,
            None,
            "no tables: no line has tab-separated cells (was the text converted with its tables?)",
        )
    return layout


def _without_truncated(reading: _Reading) -> list[TableBlock]:
    """The report's blocks without those of a table the file's end cut off (one reject); raises
    when the file ends inside text it opened."""
    blocks, lines, source = reading.layout.tables, reading.report.lines, reading.source
    truncation = find_truncation(blocks, lines, source)
    if truncation is None:
        if (cut_text := find_cut_text(lines)) is not None:
            line, unclosed = cut_text
            raise ExtractionError(source, line, f"file ends inside {unclosed} on its last line; it looks truncated")
        return blocks
    reading.rejects.add(
        ExtractionError(source, truncation.last_line, truncation.message()),
        TABLE,
        lines=(truncation.first_line, truncation.last_line),
        table_kind=truncation.kind,
        table_line=truncation.first_line,
        raw_text=row_text(truncation.blocks[0].rows[0]),
    )
    reading.held_back.update((block.first_line, truncation.kind) for block in truncation.blocks)
    return [block for block in blocks if block.first_line not in reading.held_back]


def _municipality(report: ReportFile, municipality: str | None, warnings: list[str]) -> Resolution:
    """The report's municipality: from the manifest, else its title page, else its text."""
    resolved = resolve(report.source_file, report.lines, report.text, load_municipalities(), municipality)
    if resolved is None:
        raise ExtractionError(
            report.source_file,
            None,
            f"cannot tell the municipality from its title page or text; name it in {MANIFEST_NAME}",
        )
    warnings.extend(resolved.warnings)
    return resolved


def _budget_records(reading: _Reading, budget: bt.BudgetTables, blocks: list[TableBlock]) -> Iterator[Record]:
    """The rows of the budget tables, each table told operating, investment or financing; an
    investment table whose unit cannot be told is a reject."""
    lines = reading.report.lines
    investments = {table.first_line for table in budget.tables if _is_investment(lines, table)}
    units = _unit_names(budget.tables, lines, reading.layout.headings, investments)
    reading.units = units
    for table in budget.tables:
        try:
            placement = _classify(table, units, reading, table.first_line in investments)
        except ExtractionError as exc:
            kind = "investment" if table.first_line in investments else "budget"
            _hold_back(reading, table, exc, kind, blocks)
            reading.held_back.update((line, kind) for line, used in budget.by_block.items() if used is table)
            continue
        reading.kinds[table.first_line] = placement.kind
        detection = table.variance
        convention = detection.convention or detection.closest or VarianceConvention.BUDGET_MINUS_ACTUAL
        table_fields: Record = {
            "outranking_heading_line": _outranking_heading_line(lines, table.first_line),
            "variance_convention": str(convention),
            "variance_convention_status": str(detection.status),
        }
        for row in table.rows:
            yield _budget_record(reading.doc_id, reading.source, table, row, placement) | table_fields


def _outranking_heading_line(lines: Sequence[str], first_line: int) -> int | None:
    """The line of the first heading after the table at ``first_line`` (1-based) that ranks
    above the heading right over it (``layout.outranking_heading``); ``None`` where there is none."""
    heading = next(enclosing_headings(lines, first_line), None)
    outranking = None if heading is None else outranking_heading(lines, heading)
    return None if outranking is None else outranking + 1


def _hold_back(
    reading: _Reading, table: bt.BudgetTable, error: ExtractionError, kind: str, blocks: list[TableBlock]
) -> None:
    """A budget table that is not read, as rejects: a summary by unit row by row (each row's
    label as printed, so that dbt can tell whether its unit's own table is read), any other
    table whole."""
    rows = [row for row in table.rows if not row.is_section]
    add = partial(reading.rejects.add, error, table_kind=kind, table_line=table.first_line)
    if isinstance(error, NotReadError) and error.by_design == SUMMARY_BY_UNIT and rows:
        for row in rows:
            add(ROW, lines=(row.line, row.line), raw_text=row.label)
        return
    last = max([table.first_line, *(row.line for row in table.rows)])
    raw = row_text(next(block for block in blocks if block.first_line == table.first_line).rows[0])
    add(TABLE, lines=(table.first_line, last), raw_text=raw)


def _inventory(reading: _Reading, budget: bt.BudgetTables, result: Extraction) -> dict[str, list[TableBlock]]:
    """Record every block in the table inventory; return the text-table blocks to parse, by kind."""
    text_blocks: dict[str, list[TableBlock]] = defaultdict(list)
    skipped: dict[str, list[int]] = defaultdict(list)
    text_kinds = {kind.kind for kind in text_table_kinds()}
    previous_kind, previous_cut = "", False
    for block in reading.layout.tables:
        kind, extracted = _block_kind(reading, budget, block, text_kinds)
        if extracted and kind in text_kinds:
            whole = _whole_rows(block, kind, reading.source, reading.rejects)
            cut = len(whole.rows) < len(block.rows)
            text_blocks[kind].append(_after(whole, previous_kind, kind, joinable=not (cut or previous_cut)))
            previous_cut = cut
        elif kind == "unknown" and _holds_figures(block) and block.first_line not in reading.held_back:
            _reject_unknown(reading, block)
        elif not extracted and block.first_line not in reading.held_back:
            skipped[kind].append(block.first_line)
        previous_kind = kind if extracted else ""
        result.tables.append(_table_record(reading, block, kind, extracted))
    for kind, starts in sorted(skipped.items()):
        result.warnings.append(
            f"{reading.source}: {len(starts)} {kind} table(s) not extracted (lines {', '.join(map(str, starts))})"
        )
    return text_blocks


def _holds_figures(block: TableBlock) -> bool:
    """Whether any value cell of the block's rows (the label cell left out) holds a digit."""
    return any(_DIGIT.search(strip_markup(cell)) for row in block.rows[1:] for cell in row.cells[1:])


def _reject_unknown(reading: _Reading, block: TableBlock) -> None:
    """A table with figures that is no kind the extractor reads: a reject naming its header and
    the columns that no budget table's vocabulary knows."""
    header = " | ".join(strip_markup(cell) for cell in block.rows[0].cells)
    unknown = classify_header(block.rows[0].cells[1:], statement_year=None).unknown
    columns = f"; columns no budget table reads: {', '.join(repr(c.header) for c in unknown)}" if unknown else ""
    label = strip_markup(block.rows[0].cells[0])
    group = _group_statement(reading.report.lines, block.first_line, block.heading, label)
    balance = _balance_sheet_error(reading.source, block.first_line, label, block.heading)
    reading.rejects.add(
        _group_error(reading.source, block.first_line, group)
        if group is not None  # the group's statement printed with its actuals alone: no budget
        else balance
        or ExtractionError(
            reading.source,
            block.first_line,
            f"table with figures not understood: header '{header}' is no budget table's nor a known table's{columns}",
        ),
        TABLE,
        lines=(block.first_line, block.last_line),
        table_kind="unknown",
        table_line=block.first_line,
        raw_text=row_text(block.rows[0]),
    )


def _block_kind(
    reading: _Reading, budget: bt.BudgetTables, block: TableBlock, text_kinds: set[str]
) -> tuple[str, bool]:
    """A block's kind and whether its rows are extracted."""
    if block.first_line in reading.held_back:
        return reading.held_back[block.first_line], False
    budget_table = budget.by_block.get(block.first_line)
    if budget_table is not None:
        return reading.kinds[budget_table.first_line], True
    kind = other_table_kind(block)
    return kind, kind in text_kinds


def _table_record(reading: _Reading, block: TableBlock, kind: str, extracted: bool) -> Record:
    return {
        "document_id": reading.doc_id,
        "source_file": reading.source,
        "first_line": block.first_line,
        "last_line": block.last_line,
        "table_kind": kind,
        "heading": block.heading or "",
        "heading_level": block.heading_level,
        "header_text": " | ".join(c.strip() for c in block.rows[0].cells),
        "row_count": len(block.rows),
        "is_extracted": extracted,
        "is_city_chapter": _in_city_chapter(reading, block.first_line),
    }


def _in_city_chapter(reading: _Reading, first_line: int) -> bool:
    """Whether the table at ``first_line`` stands in a chapter of the whole city's, outside its
    units' sections (``tables.issuers.section_unit``)."""
    units = reading.units
    if units is None:
        return False
    return section_unit(reading.report.lines, first_line, units.operating, units.chapters) is CITY


def _document_record(reading: _Reading, resolved: Resolution, fiscal_year: int | None) -> Record:
    report = reading.report
    return {
        "document_id": reading.doc_id,
        "source_file": reading.source,
        "content_sha256": report.sha256,
        "municipality": resolved.name,
        "municipality_code": resolved.code or "",
        "municipality_source": resolved.source,
        "fiscal_year": fiscal_year,
        "section_title": section_title(report.lines) or "",
        "line_count": len(report.lines) - (1 if report.text.endswith("\n") else 0),
    }


def _outside_list(manifest: str, names: Iterable[str]) -> list[str]:
    """A warning for each name in a manifest that is not a municipality of the reference list."""
    found = (outside_list_warning(manifest, name, load_municipalities()) for name in sorted(set(names)))
    return [warning for warning in found if warning is not None]


def _after(block: TableBlock, previous_kind: str, kind: str, *, joinable: bool) -> TableBlock:
    """``block``, which can carry on the table before it over a page break only when that
    table is of its kind and was read (the text-table parsers see only blocks of their kind),
    and when neither lost a row to a reject (a row carried on would join the wrong row)."""
    if block.follows_blank_only and (previous_kind != kind or not joinable):
        return replace(block, follows_blank_only=False)
    return block


def _whole_rows(block: TableBlock, kind: str, source: str, rejects: Rejects) -> TableBlock:
    """``block`` without its rows that are not as wide as its header (each one a reject)."""
    bad = set()
    for row, message in misshapen_rows(block, kind):
        rejects.add(
            ExtractionError(source, row.line, message),
            ROW,
            table_kind=kind,
            table_line=block.first_line,
            raw_text=row_text(row),
        )
        bad.add(row.line)
    return replace(block, rows=[row for row in block.rows if row.line not in bad]) if bad else block


def _fiscal_year(tables: list[bt.BudgetTable], titled: int | None, source: str) -> int | None:
    """The statement year: the budget tables' (all alike), which the title's must match; a
    statement printed with its actuals alone is of the year of its actual."""
    years = {table.header.table_year() for table in tables}
    if len(years) > 1:
        listed = ", ".join(str(y) for y in sorted(y for y in years if y is not None))
        raise ExtractionError(source, None, f"budget tables disagree on the statement year ({listed})")
    if years:
        year = years.pop()
        if titled is not None and titled != year:
            raise ExtractionError(source, None, f"title says {titled} but the budget tables are for {year}")
        return year
    return titled


@dataclass(frozen=True)
class _UnitNames:
    """The names a report gives its units: its budget tables' unit labels and its headings."""

    labels: list[str]
    """Each once, longest first (a label's unit is the longest that starts it)."""
    units: frozenset[str]
    """The names of units: operating tables' labels and headings (lower case). An investment
    table's label may be an asset class (``Talonrakennus``), which two boards print alike."""
    operating: tuple[UnitTable, ...]
    """The report's operating tables, in print order, each as the unit whose it is (a statement
    another unit's as that unit: ``statements``)."""
    statements: dict[int, UnitTable] = field(default_factory=dict)
    """By first line, the statements (and budget parts) that are a unit's of the city, not the
    whole city's: the unit each is (``tables.issuers``)."""
    chapters: tuple[int, ...] = ()
    """The report's chapters of units side by side (``tables.issuers.chapters_of_units``)."""

    def names_a_unit(self, label: str) -> bool:
        """Whether an investment table's label is a unit's name alone."""
        return label.lower() in self.units


def _unit_names(
    tables: list[bt.BudgetTable], lines: Sequence[str], headings: list[tuple[int, str]], investments: set[int]
) -> _UnitNames:
    """The report's unit names; ``investments``: the first lines of its investment tables. The
    financing statement's label names no unit: it stands among the operating tables as the
    whole city's statement (a section that prints it is the city's), or as the unit's whose it
    is (``_statement_units``)."""
    financing = {table.first_line for table in tables if _is_financing(table)}
    operating = [table for table in tables if table.first_line not in investments]
    statements = _statement_units(operating, financing, lines)
    named = [t for t in tables if t.first_line not in financing or t.first_line in statements]
    names = [_own_label(t, statements) for t in named] + [text for _, text in headings]
    labels = [_own_label(t, statements) for t in named if t.first_line not in investments]
    units = frozenset(name.lower() for name in [*labels, *(text for _, text in headings)])
    placed = tuple(
        statements.get(t.first_line)
        or UnitTable(t.first_line, t.header.unit_label, t.is_city_statement or t.first_line in financing)
        for t in operating
    )
    return _UnitNames(
        sorted(set(names), key=lambda label: (-len(label), label)),
        units,
        placed,
        statements,
        chapters_of_units(lines, placed),
    )


def _own_label(table: bt.BudgetTable, statements: dict[int, UnitTable]) -> str:
    """The unit label a table is read under: its own, or the unit's whose statement it is."""
    unit = statements.get(table.first_line)
    return table.header.unit_label if unit is None else unit.unit_label


def _statement_units(
    operating: list[bt.BudgetTable], financing: set[int], lines: Sequence[str]
) -> dict[int, UnitTable]:
    """By first line, the unit each statement among the ``operating`` tables (the income or
    financing statement, a budget part, named so by its label or heading) is, where a unit of the
    city's and not the whole city's (``tables.issuers.named_unit``): the unit its label, the
    caption over it or a heading over it names, among the report's units' operating tables;
    else, where it names another issuer than the city, the report's one municipal enterprise's
    (``sole_enterprise``). A statement printing a line only the city prints is the city's."""
    named = [t for t in operating if t.first_line in financing or t.names_a_statement]
    plain = [UnitTable(t.first_line, t.header.unit_label, False) for t in operating if t not in named]
    found: dict[int, UnitTable] = {}
    for table in named:
        unit = named_unit(table.header.unit_label, table.first_line, plain, lines, unprinted=True)
        if unit is not None and not table.prints_city_only_lines:
            found[table.first_line] = unit
    sole = sole_enterprise([*plain, *found.values()])
    for table in named:
        if table.first_line not in found and sole is not None and other_issuer(table.title) is not None:
            found[table.first_line] = sole
    return {line: replace(unit, first_line=line, is_city_statement=False) for line, unit in found.items()}


def _is_investment(lines: Sequence[str], table: bt.BudgetTable) -> bool:
    """Whether the table is an investment table: its label names investments and not operations
    (``Investoinnit``) or its column of projects (``Hanke``), or the nearest heading over it
    that names investments or operations and not both, up to its first ``#`` heading, says
    investments (``## Investoinnit`` over a caption ``**Talonrakennus**``; not ``Käyttötalouden
    ja investointien toteutuminen``). A ``#`` heading higher up decides nothing alone: converted
    text may print a section's sibling chapter as its parent. Where no nearer heading says
    either, a table that prints the investment statement's lines (Menot, Tulot, Netto) alone, or
    ends on a run of two or more of them (projects above their Menot and Netto), is one where a
    heading higher up names investments and none names operations (``## Investoinnit`` over
    ``### Tekninen lautakunta``; not under ``# Käyttötalous``, where Tulot, Menot, Netto are a
    unit's)."""
    label = table.header.unit_label
    names_investments = _INVESTMENT_HEADING.search(label) and not _OPERATING_HEADING.search(label)
    if names_investments or _PROJECT_COLUMN.fullmatch(label):
        return True
    indices = list(enclosing_headings(lines, table.first_line))
    headings = [heading_text(lines[index]) or "" for index in indices]
    for title, index in zip(headings, indices, strict=True):
        investment, operating = _INVESTMENT_HEADING.search(title), _OPERATING_HEADING.search(title)
        if bool(investment) != bool(operating):
            return investment is not None
        if heading_level(lines[index]) != BOLD_CAPTION_LEVEL:
            break
    above = " ".join(headings)
    return (
        _ends_on_investment_lines(table)
        and bool(_INVESTMENT_HEADING.search(above))
        and not _OPERATING_HEADING.search(above)
    )


def _ends_on_investment_lines(table: bt.BudgetTable) -> bool:
    """Whether the table's rows are the investment statement's lines alone, or other rows
    (projects) and then a run of two or more of them."""
    named = [_without_total_word(row.label.lower()) in INVESTMENT_LINES for row in table.rows if not row.is_section]
    if not named or not named[-1]:
        return False
    first = named.index(True)
    return all(named[first:]) and (first == 0 or len(named) - first > 1)


def _without_total_word(label: str) -> str:
    """A label without the total word that ends it (``menot yhteensä``: ``menot``)."""
    words = label.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in TOTAL_WORDS else label


@dataclass(frozen=True)
class _Placement:
    """Whose figures a budget table prints, as its label and headings tell."""

    kind: str
    """The statement: ``operating``, ``investment`` or ``financing`` (``table_kinds.STATEMENTS``)."""
    unit_label: str
    category: str = ""
    """An investment table's asset class: from its label, or ``WHOLE_UNIT``."""
    is_city_statement: bool = False


def _classify(table: bt.BudgetTable, units: _UnitNames, reading: _Reading, investment: bool) -> _Placement:
    """Place the table: its kind (``investment`` as ``_is_investment`` told), its unit label and
    (for investments) its asset class: the rest of a label that starts with a unit (``Tekninen
    lautakunta talonrakennus``), or ``WHOLE_UNIT`` for a label that is a unit named elsewhere in
    the report, alone, or that names investments and no unit (see ``_by_asset_class``)."""
    label, city = table.header.unit_label, table.is_city_statement
    _refuse_unread(table, reading.report.lines, reading.source)
    kind = "financing" if _is_financing(table) else "investment" if investment else "operating"
    unit = units.statements.get(table.first_line)
    if unit is not None and kind != "investment":
        return _Placement(kind, unit.unit_label)
    if not investment:
        _refuse_unplaced_actuals(table, reading.source)
        # The financing statement is the city's but where it names another issuer than the city.
        financing = kind == "financing" and other_issuer(table.title) is None
        return _Placement(kind, label, is_city_statement=city or financing)
    _refuse_unclosed_captions(table, reading.source)
    for candidate in units.labels:
        if candidate.lower() != label.lower() and label.lower().startswith(candidate.lower() + " "):
            return _Placement("investment", label[: len(candidate)], label[len(candidate) :].strip(), city)
    if units.names_a_unit(label) and not _INVESTMENT_HEADING.search(label):
        return _Placement("investment", label, WHOLE_UNIT, city)
    if _PROJECT_COLUMN.fullmatch(label):
        _refuse_ungrouped_projects(table, reading)
        return _by_asset_class(table, units, reading)
    if _INVESTMENT_HEADING.search(label):
        return _by_asset_class(table, units, reading)
    raise ExtractionError(
        reading.source,
        table.first_line,
        f"investment table '{label}' does not start with a unit named elsewhere in the report",
    )


def _refuse_unplaced_actuals(table: bt.BudgetTable, source: str) -> None:
    """Stop on a statement printed with its actuals alone that names another issuer than the
    city (``Tekninen lautakunta, tuloslaskelma | TP 2025 | TP 2024``) where no unit of the
    report is named over it (``tables.issuers``): whose actuals they are is not told."""
    issuer = other_issuer(table.title)
    if table.is_actuals_only and issuer is not None:
        raise ExtractionError(
            source,
            table.first_line,
            f"statement '{table.header.unit_label}' with its actuals alone names another issuer than the city "
            f"('{issuer}'), and no unit whose operating table the report prints is named by it or over it: "
            "whose actuals they are cannot be told",
        )


def _unit_in_genitive(
    label: str, units: _UnitNames, source: str, line: int, printed_as: str | None = None
) -> UnitTable | None:
    """The unit whose operating table the report prints that ``label`` (an investment table's
    label, or the heading over it) names in the genitive before its investments: in Finnish
    (``Teknisen lautakunnan investoinnit``, ``Tukipalvelujen investointien toteutuminen``:
    ``morphology.is_genitive_of``) or Swedish (``Tekniska nämndens investeringar``:
    ``is_swedish_genitive_of``); ``None`` where the words before name no one such unit. Without
    Voikko a Finnish genitive stops the extraction, naming the table (``printed_as``, by default
    ``investment table '<label>'``)."""
    words = label.split()
    first = next((index for index, word in enumerate(words) if _INVESTMENT_HEADING.search(word)), 0)
    if first == 0:
        return None
    named = [table for table in units.operating if is_swedish_genitive_of(words[:first], table.unit_label)]
    try:
        named = named or [table for table in units.operating if is_genitive_of(words[:first], table.unit_label)]
    except MorphologyUnavailableError as exc:
        where = printed_as or f"investment table '{label}'"
        raise MorphologyUnavailableError(f"{source}:{line}: {where}: {exc}") from None
    return named[0] if len({table.unit_label.lower() for table in named}) == 1 else None


def _refuse_unread(table: bt.BudgetTable, lines: Sequence[str], source: str) -> None:
    """Stop on a budget table the warehouse has no place for: the municipal group's statements
    (``_GROUP``, or any table of the group's chapter: ``_GROUP_CHAPTER``), and a summary with a
    row per unit (``Toimintakate lautakunnittain``), whose units each print their own table."""
    label = table.header.unit_label
    group = _group_statement(lines, table.first_line, table.heading, label)
    if group is not None:
        raise _group_error(source, table.first_line, group)
    balance = _balance_sheet_error(source, table.first_line, label, table.heading)
    if balance is not None:
        raise balance
    if _BY_UNIT.search(label) or _rows_are_units(table):
        raise NotReadError(
            source,
            table.first_line,
            f"a summary by unit ('{label}') is not read: its rows are units, not lines; each unit's own table is read",
            SUMMARY_BY_UNIT,
        )


def _rows_are_units(table: bt.BudgetTable) -> bool:
    """Whether most rows but the totals (``Yhteensä``, ``Toimielimet yhteensä``) name a unit by
    its level's word (``Kaupunginhallitus``, ``2.1 Sivistyslautakunta``, ``Tekninen
    lautakunta``), two rows or more: a summary by unit labelled with its line or its column
    (``Toimintakate, 1 000 €``, ``Toimielin``), which read as a table of lines made the label a
    unit and each unit a line of it. Most, not all: a summary may print a body of no level word
    (``Kaupunginvaltuusto``) or the internal items between them (``Sisäiset erät``)."""
    rows = [row.label.lower() for row in table.rows if not row.is_section]
    named = [label for label in rows if not _is_total(label)]
    units = [label for label in named if any(word.endswith(tuple(UNIT_WORDS)) for word in label.split())]
    return len(units) > 1 and 2 * len(units) > len(named)


def _is_total(label: str) -> bool:
    """Whether a row's label (lower case) is a total: a total word alone (``yhteensä``) or with
    what it totals (``menot yhteensä``, ``summa utgifter``)."""
    return label.strip() in TOTAL_WORDS or _bare_label(label) != " ".join(label.split())


def _bare_label(label: str) -> str:
    """A row's label in lower case without a total word at its end or a sum word at its start
    (``Talonrakennus yhteensä``, ``Summa byggnader``), as ``macros/normalise_name.sql``'s
    ``without_total_word`` reads it."""
    words = label.lower().split()
    if len(words) > 1 and words[0] in SUM_WORDS:
        words = words[1:]
    return _without_total_word(" ".join(words))


def _closed_class(row: bt.BudgetRow) -> str | None:
    """The asset class whose total the row is (``Talonrakennus yhteensä``: ``talonrakennus``),
    or ``None``: a row naming a line of the investment statement, or no total."""
    bare = _bare_label(row.label)
    return bare if bare != " ".join(row.label.lower().split()) and bare not in INVESTMENT_LINES else None


def _is_investment_line(row: bt.BudgetRow) -> bool:
    """The row names a line of the investment statement, with or without its total word, or is a
    total alone (``Investointimenot yhteensä``, ``Netto``, ``Yhteensä``)."""
    bare = _bare_label(row.label)
    return bare in INVESTMENT_LINES or bare in TOTAL_WORDS


def _refuse_ungrouped_projects(table: bt.BudgetTable, reading: _Reading) -> None:
    """Stop on a table of projects (``Hanke``) that would be read wrong: one under a heading that
    names no investments (``### Talonrakennus``: which class it lists, or whose, is not told), or
    one that groups no projects by an asset class's total, after them (``Talonrakennus
    yhteensä``) or in bold over them (``Maa- ja vesialueet``): its projects would be read as
    asset classes. Rows after the last class total are read as classes of their own, as any
    table of classes prints them; which bold row heads its projects the figures tell
    (``int_budget_rows__resolved``)."""
    label, source = table.header.unit_label, reading.source
    nearest = _nearest_heading(reading.report.lines, table.first_line)
    if not _INVESTMENT_HEADING.search(nearest):
        raise ExtractionError(
            source,
            table.first_line,
            f"a table of projects ('{label}') under a heading that names no investments ('{nearest}'): whose "
            "investments they are, and of which asset class, is not told",
        )
    rows = [row for row in table.rows if not row.is_section]
    if not any(_closed_class(row) is not None or (row.is_bold and not _is_investment_line(row)) for row in rows):
        raise ExtractionError(
            source,
            table.first_line,
            f"a table of projects ('{label}') groups them by no asset class's total ('Talonrakennus yhteensä' "
            "after them, or a bold class over them): its projects would be read as asset classes",
        )


def _refuse_unclosed_captions(table: bt.BudgetTable, source: str) -> None:
    """Stop on an investment table that prints an asset class as a caption over projects (rows
    naming no investment line) that no total of the class (``Talonrakennus yhteensä``) closes:
    the warehouse reads a caption over the class's Menot, Tulot and Netto, or over its projects
    closed by its total, and would read these projects as classes of their own and the table's
    total as the caption's class's."""
    caption: bt.BudgetRow | None = None
    projects: list[bt.BudgetRow] = []
    for row in [*table.rows, None]:
        if row is None or row.is_section:
            if caption is not None and projects:
                raise ExtractionError(
                    source,
                    projects[0].line,
                    f"investment table '{table.header.unit_label}' prints the asset class '{caption.label}' as a "
                    f"caption over '{projects[0].label}' without the class's total ('{caption.label} yhteensä') "
                    "under them: the projects would be read as classes of their own",
                )
            caption = row if row is not None and not _is_investment_line(row) else None
            projects = []
        elif caption is not None and _closed_class(row) == _bare_label(caption.label):
            caption = None
        elif caption is not None and not _is_investment_line(row):
            projects.append(row)


def _group_statement(lines: Sequence[str], first_line: int, heading: str | None, label: str) -> str | None:
    """The name of the municipal group's statement that the table at ``first_line`` is (the
    group's chapter it stands in, else its heading or label naming the group), or ``None``."""
    chapters = [heading_text(lines[index]) or "" for index in enclosing_headings(lines, first_line)]
    chapter = next((text for text in chapters if _GROUP_CHAPTER.match(text)), None)
    if chapter is not None:
        return chapter
    return (heading or label) if _GROUP.search(f"{heading or ''} {label}") else None


def _balance_sheet_error(source: str, line: int, label: str, heading: str | None) -> NotReadError | None:
    """The reject of a table of the balance sheet (``_BALANCE_SHEET`` in its label, or in the
    heading over it where that names no other statement: not ``Rahoituslaskelma ja tase``),
    left out by design; ``None`` for any other table."""
    title = "" if bt.names_a_statement(heading or "") else heading or ""
    named = next((text for text in (label, title) if _BALANCE_SHEET.search(text)), None)
    if named is None:
        return None
    message = (
        f"the balance sheet ('{named}') is not read: its figures are stocks at the year's end, no statement's flows"
    )
    return NotReadError(source, line, message, BALANCE_SHEET)


def _group_error(source: str, line: int, statement: str) -> NotReadError:
    return NotReadError(
        source,
        line,
        f"the municipal group's statement ('{statement}') is not read: its figures are the group's (the city "
        "with its subsidiaries), not the city's",
        GROUP_STATEMENT,
    )


def _is_financing(table: bt.BudgetTable) -> bool:
    """The financing statement: its label says so, or the heading over it does and names no
    other statement (not ``Tuloslaskelma- ja rahoitusosan toteutuminen``), and it is not the
    city's income statement."""
    heading = table.heading or ""
    if bt.FINANCING_STATEMENT.search(table.header.unit_label):
        return True
    named_alone = not (_INVESTMENT_HEADING.search(heading) or _OPERATING_HEADING.search(heading))
    return (
        bool(bt.FINANCING_STATEMENT.search(heading))
        and named_alone
        and not bt.INCOME_STATEMENT.search(heading)
        and not table.is_city_statement
    )


def _by_asset_class(table: bt.BudgetTable, units: _UnitNames, reading: _Reading) -> _Placement:
    """A table labelled with investments and no unit (``Investoinnit``, ``Investointiosa``), or
    with its column of projects (``Hanke``: ``_PROJECT_COLUMN``), lists all of a unit's
    investments, its asset classes as rows (``Talonrakennus``, ..., ``Nettoinvestoinnit``). Whose
    they are:

    * the unit its label names in the genitive (``Teknisen lautakunnan investoinnit``,
      ``_unit_in_genitive``), the whole city's where that is the city's income statement, under
      the investment part too (a small municipality prints each board's investments there);
    * else the unit the caption line or a heading over it names, nearest first, up to the
      nearest heading whose section prints an operating table (``tables.issuers.named_unit``:
      ``Kaupunkiympäristön toimialan investoinnit hankkeittain, 1 000 €`` over the table,
      ``## Sivistyslautakunnan investointien toteutuminen`` beside ``## Sivistyslautakunta``,
      ``## Joensuun Vesi -liikelaitos`` over ``### Joensuun Veden investoinnit``, its table
      labelled ``Investointiosa``);
    * else, where its label or the heading right over it names the budget's investment part
      (``Investointiosan toteutuminen``, ``Investeringsdelen``), the report's one municipal
      enterprise's where every operating table is its (``sole_enterprise``), else the whole
      city's;
    * else those of the section it stands in (``tables.issuers.section_unit``), the whole
      city's where that is the city's income statement, or where the table stands in a chapter
      of the city's beside its units' sections (``## 2.3 Investointien toteutuminen`` after
      ``## Yleishallinto`` … ``## Tekninen toimi`` under ``# 2 Talousarvion toteutuminen``);
    * else the whole city's where every operating table of the report is the city's income
      statement;
    * else, where its label (unless its column of projects) and the heading right over it name
      investments and no one's (``## Investeringar``, not ``Kaupungin investoinnit``), the
      report's one top unit's (``_sole_top_unit``: ``## Bildningsnämnden``, its areas under
      ``###``, then ``## Investeringar``), as its goals and key figures there are.

    Elsewhere (two units' sections, then ``## Investoinnit``, with no chapter over them) whose
    investments they are is not told: an error."""
    lines, label = reading.report.lines, table.header.unit_label
    whole_city = _Placement("investment", label, WHOLE_UNIT, is_city_statement=True)
    nearest = _nearest_heading(lines, table.first_line)
    named, unread = _named_investor(table, units, reading)
    if named is None and (_INVESTMENT_PART.search(label) or _INVESTMENT_PART.search(nearest)):
        named = sole_enterprise(units.operating)
        if named is None:
            return whole_city
    named = named or section_unit(lines, table.first_line, units.operating, units.chapters)
    if (named is None or named is CITY) and unread is not None:
        raise unread
    if named is not None:
        return whole_city if named.is_city_statement else _Placement("investment", named.unit_label, WHOLE_UNIT)
    if units.operating and all(t.is_city_statement for t in units.operating):
        return whole_city
    return _Placement("investment", _sole_investor(table, units, reading, nearest).unit_label, WHOLE_UNIT)


def _sole_investor(table: bt.BudgetTable, units: _UnitNames, reading: _Reading, nearest: str) -> UnitTable:
    """The unit whose investments a table that nothing else places lists: the report's one top
    unit (``_sole_top_unit``), where the table's label (unless its column of projects) and the
    heading right over it (``nearest``) name investments and no one's; else an error saying which
    of the two is missing."""
    label = table.header.unit_label
    sole = _sole_top_unit(reading.report.lines, units)
    captioned = (_PROJECT_COLUMN.fullmatch(label) or _names_investments_alone(label)) and _names_investments_alone(
        nearest
    )
    if sole is not None and captioned:
        return sole
    why = (
        "the report prints more than one top unit's operating tables (or the city's)"
        if sole is None
        else f"the report's one top unit is {sole.unit_label}, but the table's label and the heading over it "
        f"('{nearest}') do not both name investments alone (Investoinnit, not a word before it)"
    )
    raise ExtractionError(
        reading.source,
        table.first_line,
        f"investment table '{label}' names no unit, nor does the budget's investment part (Investointiosa) "
        f"or a section with a unit's operating table stand over it, and {why}: whose investments it lists "
        "cannot be told",
    )


def _named_investor(
    table: bt.BudgetTable, units: _UnitNames, reading: _Reading
) -> tuple[UnitTable | None, MorphologyUnavailableError | None]:
    """The unit an investment table's label names in the genitive, else the unit the caption line
    or a heading over it names (by its name, in the genitive or by an issuer's word,
    ``tables.issuers.named_unit``); ``None`` where none does. Without Voikko a genitive over
    the table is not read: the error, for where nothing else places it."""
    label, line, source = table.header.unit_label, table.first_line, reading.source
    named = _unit_in_genitive(label, units, source, line)
    unread: list[MorphologyUnavailableError] = []

    def genitive(text: str) -> UnitTable | None:
        try:
            return _unit_in_genitive(text, units, source, line, f"the text '{text}' over investment table '{label}'")
        except MorphologyUnavailableError as exc:
            unread.append(exc)
            return None

    named = named or named_unit(label, line, units.operating, reading.report.lines, genitive)
    return named, (unread[0] if unread and named is None else None)


def _names_investments_alone(text: str) -> bool:
    """Whether ``text`` (a table's label, a heading) names investments and no one's: its first
    word, a chapter's number aside, does (``Investoinnit``, ``3 Investoinnit - Investeringar``,
    ``Investointien toteutuminen``), not a word before it (``Kaupungin investoinnit``)."""
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    return bool(words) and _INVESTMENT_HEADING.match(words[0]) is not None


def _sole_top_unit(lines: Sequence[str], units: _UnitNames) -> UnitTable | None:
    """The report's one top unit: its first operating table, where the section of the heading
    right over it (that table alone, where none is) holds every operating table of the report
    and none is the city's statement (``## Bildningsnämnden``, its areas' tables under ``###``);
    ``None`` where the report prints two units' sections side by side, or the city's statement."""
    if not units.operating or any(table.is_city_statement for table in units.operating):
        return None
    first = min(units.operating, key=lambda table: table.first_line)
    heading = next(enclosing_headings(lines, first.first_line), None)
    section = range(first.first_line, first.first_line + 1) if heading is None else section_lines(lines, heading)
    return first if all(table.first_line in section for table in units.operating) else None


def _nearest_heading(lines: Sequence[str], first_line: int) -> str:
    """The text of the heading right over the table at ``first_line`` (1-based); empty if none."""
    index = next(enclosing_headings(lines, first_line), None)
    return "" if index is None else heading_text(lines[index]) or ""


def _budget_record(doc_id: str, source: str, table: bt.BudgetTable, row: bt.BudgetRow, placement: _Placement) -> Record:
    note = table.comparability_note
    record: Record = {
        "document_id": doc_id,
        "source_file": source,
        "source_line": row.line,
        "table_line": table.first_line,
        "table_kind": placement.kind,
        "unit_label": placement.unit_label,
        "heading": table.heading or "",
        "heading_level": table.heading_level,
        "investment_category": placement.category,
        "row_label": row.label,
        "is_bold": row.is_bold,
        "is_section_row": row.is_section,
        "is_prior_year_comparable": table.is_prior_year_comparable,
        "is_prior_year_restated": table.is_prior_year_restated,
        "comparability_note": note.text if note else "",
        "comparability_note_line": note.line if note else None,
        "amount_scale": table.header.scale.factor,
        "is_city_statement": placement.is_city_statement,
        "is_enterprise": ENTERPRISE.search(placement.unit_label) is not None,
        "other_columns": " | ".join(f"{header}: {cell}" for header, cell in row.other_cells),
        "footnote": table.footnote(row),
    }
    return record | _amounts(table.header, row)


def _amounts(header: bt.BudgetHeader, row: bt.BudgetRow) -> Record:
    """A budget row's declared amount columns, the years they go with, their printed decimals and
    those printed but not read (``unread_columns``)."""
    amounts: Record = {}
    decimals: dict[str, list[Decimal | None]] = defaultdict(list)
    unread = []
    for name, role in BUDGET_ROWS.amount_roles:
        if role.source_column is not None and role.printed in row.rejected:
            unread.append(role.source_column)
        value = row.values.get(role.printed)
        if isinstance(value, Nil):  # a nil is exact: it leaves the row's precision to the others
            value = Decimal(value)
            decimals[role.decimals_column].append(_exact(header.scale))
        else:
            decimals[role.decimals_column].append(value)
        amounts[name] = value
        if role.terms_column is not None:
            amounts[role.terms_column] = None if value is None else row.terms.get(role.printed)
        if role.year_column is not None and amounts.get(role.year_column) is None:
            amounts[role.year_column] = header.year(role.printed)
    # A statement printed with its actuals alone is of its actual's year.
    amounts[BUDGET_YEAR] = amounts.get(BUDGET_YEAR) or header.table_year()
    fewest = {column: _fewest_decimals(values) for column, values in decimals.items()}
    # Amounts are euros (printed times the scale), which keep the printed decimals; their
    # precision in euros is what the tolerances need.
    printed = fewest[AMOUNT_DECIMALS]
    scaled = None if printed is None else euro_decimals(printed, header.scale)
    return (
        amounts
        | fewest
        | {"printed_decimals": printed, AMOUNT_DECIMALS: scaled, "unread_columns": UNREAD_SEPARATOR.join(unread)}
    )


def _exact(scale: Scale) -> Decimal:
    """A nil's precision, as printed: to the cent, the warehouse's finest (``0.00`` in euros,
    ``0.00000`` in thousands), finer than any figure beside it, so that a row's precision is its
    figures', and a row of nils alone is checked to the cent."""
    return Decimal(0).scaleb(-cents_printed(scale))


def _fewest_decimals(values: Iterable[Decimal | None]) -> int | None:
    """The printed precision of a row's cells, for rounding tolerances: the fewest
    decimals among its non-empty cells (the coarsest rounding; a nil's is the cent's,
    ``_exact``); ``None`` if none."""
    places = [decimal_places(value) for value in values if value is not None]
    return min(places) if places else None
