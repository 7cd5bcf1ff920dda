"""Turn report files into the rows of the raw seed tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from kuntatalous import budget_tables as bt
from kuntatalous.cache import ExtractionCache
from kuntatalous.document import document_id, read_manifest, section_title, statement_year
from kuntatalous.errors import ExtractionError
from kuntatalous.goals import goal_records
from kuntatalous.key_figures import key_figure_records
from kuntatalous.layout import TableBlock, find_layout
from kuntatalous.municipality import load_municipalities, outside_list_warning, reference_digest, resolve
from kuntatalous.numbers import decimal_places, format_decimal
from kuntatalous.projects import project_records
from kuntatalous.reading import ReportFile, discover, read_report
from kuntatalous.rejects import FILE, ROW, TABLE, Rejects, row_text, strict
from kuntatalous.risks import risk_records
from kuntatalous.row_widths import misshapen_rows
from kuntatalous.table_kinds import other_table_kind
from kuntatalous.truncation import find_cut_text, find_truncation

MANIFEST_NAME = "manifest.csv"
TEXT_TABLE_KINDS = ("projects", "key_figures", "goals", "risks")

Record = dict[str, str]


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
    """Extract every report found in ``paths`` (files or folders).

    Strict by default: the first thing that cannot be read raises ``ExtractionError``. With
    ``keep_going`` it becomes a reject (``Extraction.rejects``) and everything else is extracted.
    With a ``cache``, a report extracted before (same bytes, name, options and extractor) is
    taken from it instead of being read again.
    """
    municipalities: dict[str, str] = {}
    result = Extraction()
    manifests = [manifest] if manifest else [p / MANIFEST_NAME for p in paths if p.is_dir()]
    for candidate in manifests:
        if candidate is not None and candidate.is_file():
            named = read_manifest(candidate)
            municipalities.update(named)
            result.warnings.extend(_outside_list(candidate.name, named.values()))
    seen: dict[str, str] = {}
    for path, source_file in discover(paths):
        rejects = Rejects(keep_going=keep_going)
        try:
            report = read_report(path, source_file)
        except ExtractionError as exc:
            rejects.add(exc, FILE)
            result.rejects.extend(reject.record("") for reject in rejects.found)
            continue
        if report.sha256 in seen:
            result.warnings.append(
                f"{source_file}: same content as {seen[report.sha256]}; loaded once, as {seen[report.sha256]}"
            )
            continue
        seen[report.sha256] = source_file
        municipality = municipalities.get(source_file)
        if cache is None:
            result.extend(extract_file(report, municipality, keep_going=keep_going))
        else:
            result.extend(extract_cached(report, municipality, cache, keep_going=keep_going))
    result.warnings.extend(same_section_and_year(result))
    return result


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


def same_section_and_year(result: Extraction) -> list[str]:
    """Warnings for sections that two different files print for one municipality and year (both
    are loaded; the warehouse's restatement check compares their figures).

    Sections are told apart by their title: the tables of a service area are printed again by
    each of its boards' sections, so two files printing the same unit is no sign of a duplicate.
    """
    files: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    titles: dict[tuple[str, str, str], str] = {}
    for document in result.documents:
        title = document["section_title"]
        if title:
            key = (document["municipality"], title.casefold(), document["fiscal_year"])
            files[key].append(document["source_file"])
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


def extract_report(
    report: ReportFile, municipality: str | None, result: Extraction, rejects: Rejects | None = None
) -> None:
    """Append one report's documents, budget rows, text-table records and table inventory to ``result``.

    What cannot be read goes to ``rejects`` (strict when not given); an error that concerns the
    whole file is raised.
    """
    rejects = strict(rejects)
    source = report.source_file
    lines = report.lines
    layout = find_layout(lines)
    if not layout.tables:
        raise ExtractionError(
            source, None, "no tables: no line has tab-separated cells (was the text converted with its tables?)"
        )
    held_back: dict[int, str] = {}
    """Kinds of the blocks rejected as a whole, by first line."""
    blocks = layout.tables
    truncation = find_truncation(blocks, lines, source)
    if truncation is not None:
        rejects.add(
            ExtractionError(source, truncation.last_line, truncation.message()),
            TABLE,
            lines=(truncation.first_line, truncation.last_line),
            table_kind=truncation.kind,
            table_line=truncation.first_line,
            raw_text=row_text(truncation.blocks[0].rows[0]),
        )
        held_back.update((block.first_line, truncation.kind) for block in truncation.blocks)
        blocks = [block for block in blocks if block.first_line not in held_back]
    elif (cut_text := find_cut_text(lines)) is not None:
        line, unclosed = cut_text
        raise ExtractionError(source, line, f"file ends inside {unclosed} on its last line; it looks truncated")
    budget = bt.parse_budget_tables(blocks, source, rejects)
    held_back.update((line, "budget") for line in budget.rejected)
    doc_id = document_id(report.sha256)

    fiscal_year = _fiscal_year(budget.tables, report, source)
    resolved = resolve(source, lines, report.text, load_municipalities(), municipality)
    if resolved is None:
        raise ExtractionError(
            source, None, f"cannot tell the municipality from its title page or text; name it in {MANIFEST_NAME}"
        )
    result.warnings.extend(resolved.warnings)

    unit_labels = _unit_labels(budget.tables, layout.headings)
    kinds: dict[int, str] = {}
    for table in budget.tables:
        try:
            kind, unit_label, category = _classify(table, unit_labels, source)
        except ExtractionError as exc:
            last = max([table.first_line, *(row.line for row in table.rows)])
            raw = row_text(next(block for block in blocks if block.first_line == table.first_line).rows[0])
            lines_held = (table.first_line, last)
            rejects.add(
                exc, TABLE, lines=lines_held, table_kind="investment", table_line=table.first_line, raw_text=raw
            )
            held_back.update((line, "investment") for line, used in budget.by_block.items() if used is table)
            continue
        kinds[table.first_line] = kind
        for row in table.rows:
            result.budget_rows.append(_budget_record(doc_id, source, table, row, kind, unit_label, category))

    text_blocks: dict[str, list[TableBlock]] = defaultdict(list)
    skipped: dict[str, list[int]] = defaultdict(list)
    previous_kind = ""
    previous_cut = False
    for block in layout.tables:
        budget_table = budget.by_block.get(block.first_line)
        if block.first_line in held_back:
            kind, extracted = held_back[block.first_line], False
        elif budget_table is not None:
            kind, extracted = kinds[budget_table.first_line], True
        else:
            kind = other_table_kind(block)
            extracted = kind in TEXT_TABLE_KINDS
            if extracted:
                whole = _whole_rows(block, kind, source, rejects)
                cut = len(whole.rows) < len(block.rows)
                text_blocks[kind].append(_after(whole, previous_kind, kind, joinable=not (cut or previous_cut)))
                previous_cut = cut
            else:
                skipped[kind].append(block.first_line)
        previous_kind = kind if extracted else ""
        result.tables.append(
            {
                "document_id": doc_id,
                "source_file": source,
                "first_line": str(block.first_line),
                "last_line": str(block.last_line),
                "table_kind": kind,
                "heading": block.heading or "",
                "header_text": " | ".join(c.strip() for c in block.rows[0].cells),
                "row_count": str(len(block.rows)),
                "is_extracted": _bool(extracted),
            }
        )
    for kind, starts in sorted(skipped.items()):
        result.warnings.append(
            f"{source}: {len(starts)} {kind} table(s) not extracted (lines {', '.join(map(str, starts))})"
        )
    provenance = {"document_id": doc_id, "source_file": source}
    result.projects.extend(provenance | r for r in project_records(text_blocks["projects"], source, rejects))
    figures, figure_warnings = key_figure_records(text_blocks["key_figures"], source, rejects)
    result.key_figures.extend(provenance | r for r in figures)
    result.warnings.extend(figure_warnings)
    result.goals.extend(provenance | r for r in goal_records(text_blocks["goals"], source, rejects))
    result.risks.extend(provenance | r for r in risk_records(text_blocks["risks"], source, rejects))
    if not budget.tables:
        result.warnings.append(f"{source}: no budget or investment tables found")

    result.documents.append(
        {
            "document_id": doc_id,
            "source_file": source,
            "content_sha256": report.sha256,
            "municipality": resolved.name,
            "municipality_code": resolved.code or "",
            "municipality_source": resolved.source,
            "fiscal_year": "" if fiscal_year is None else str(fiscal_year),
            "section_title": section_title(lines) or "",
            "line_count": str(len(lines) - (1 if report.text.endswith("\n") else 0)),
        }
    )


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


def _fiscal_year(tables: list[bt.BudgetTable], report: ReportFile, source: str) -> int | None:
    years = {table.header.year(bt.BUDGET) for table in tables}
    if len(years) > 1:
        listed = ", ".join(str(y) for y in sorted(y for y in years if y is not None))
        raise ExtractionError(source, None, f"budget tables disagree on the statement year ({listed})")
    titled = statement_year(report.lines)
    if years:
        year = years.pop()
        if titled is not None and titled != year:
            raise ExtractionError(source, None, f"title says TILINPÄÄTÖS {titled} but the budget tables are for {year}")
        return year
    return titled


def _unit_labels(tables: list[bt.BudgetTable], headings: list[tuple[int, str]]) -> list[str]:
    labels = {table.header.unit_label for table in tables} | {text for _, text in headings}
    return sorted(labels, key=lambda label: (-len(label), label))


def _classify(table: bt.BudgetTable, unit_labels: list[str], source: str) -> tuple[str, str, str]:
    """Return the table's kind, its unit label and (for investments) its asset class."""
    label = table.header.unit_label
    if not (table.heading and "investoin" in table.heading.lower()):
        return "operating", label, ""
    for candidate in unit_labels:
        if candidate.lower() != label.lower() and label.lower().startswith(candidate.lower() + " "):
            return "investment", label[: len(candidate)], label[len(candidate) :].strip()
    raise ExtractionError(
        source,
        table.first_line,
        f"investment table '{label}' does not start with a unit named elsewhere in the report",
    )


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _budget_record(
    doc_id: str,
    source: str,
    table: bt.BudgetTable,
    row: bt.BudgetRow,
    kind: str,
    unit_label: str,
    category: str,
) -> Record:
    header = table.header
    note = table.comparability_note
    return {
        "document_id": doc_id,
        "source_file": source,
        "source_line": str(row.line),
        "table_line": str(table.first_line),
        "table_kind": kind,
        "unit_label": unit_label,
        "heading": table.heading or "",
        "investment_category": category,
        "row_label": row.label,
        "is_bold": _bool(row.is_bold),
        "is_section_row": _bool(row.is_section),
        "prior_year": _year(header.year(bt.PRIOR_ACTUAL)),
        "prior_actual_eur": format_decimal(row.values.get(bt.PRIOR_ACTUAL)),
        "budget_year": _year(header.year(bt.BUDGET)),
        "budget_eur": format_decimal(row.values.get(bt.BUDGET)),
        "actual_year": _year(header.year(bt.ACTUAL)),
        "actual_eur": format_decimal(row.values.get(bt.ACTUAL)),
        "variance_eur": format_decimal(row.values.get(bt.VARIANCE)),
        "execution_pct": format_decimal(row.values.get(bt.EXECUTION_PCT)),
        "amount_decimals": _fewest_decimals(row.values.get(role) for role in _EURO_ROLES),
        "execution_pct_decimals": _fewest_decimals([row.values.get(bt.EXECUTION_PCT)]),
        "is_prior_year_comparable": _bool(table.is_prior_year_comparable),
        "comparability_note": note[1] if note else "",
        "comparability_note_line": str(note[0]) if note else "",
    }


_EURO_ROLES = (bt.PRIOR_ACTUAL, bt.BUDGET, bt.ACTUAL, bt.VARIANCE)


def _fewest_decimals(values: Iterable[Decimal | None]) -> str:
    """The printed precision of a row's cells, for rounding tolerances: the fewest
    decimals among its non-empty cells (the coarsest rounding); empty if none."""
    places = [decimal_places(value) for value in values if value is not None]
    return str(min(places)) if places else ""


def _year(year: int | None) -> str:
    return "" if year is None else str(year)
