"""Parse projects tables ("Hankkeet"): one record per project, plus the table's total row.

A projects table's header names its columns: strategic goal (``Strateginen päämäärä``),
project name (``Hankkeen nimi``), description and funder (``Hankkeen tavoite, kuvaus ja
rahoittaja``), total funding (``Kokonais-rahoitus`` / ``Hankkeen kokonaisrahoitus``), the
city's share (``Kaupungin rahoitusosuus %``), spending so far (``Menojen toteuma %``) and the
status text (``Toteuma 31.12.``, ``Tila``). Bilingual municipalities print the same table in Swedish
(``Projektets namn``, ``Projektets mål, beskrivning och finansiär``, ``Total finansiering`` /
``Totalbudget``, ``Kommunens andel %``, ``Utfall av utgifterna %``, ``Utfall`` or ``Status``; the total row
``Totalt``): each role below declares both languages' spellings. Columns are found by their
header text, never by position.

Some tables name the funders and the period in columns of their own (``Hankkeen nimi |
Rahoittaja | Toteutusaika | Kokonaisbudjetti € | …``; Swedish ``Finansiär``,
``Genomförandetid``). A funder cell is read as the description's funders are
(``funder_cell_names``), a period cell as a year or a range of years (``2024-2026``,
``1.1.2024-31.12.2026``, with a hyphen or a dash). A period printed there is the project's
rather than one its text states; the funders it names come before those of its description.

A table's figures are read by one number format, decided from all of them together as a budget
table's are (``60.000`` is 60 000 in a table that groups thousands by dots), at the unit the
funding column's header names.

Long text cells often run over a page: the header repeats and the first row after it carries
on the last project before the break (its name cell is empty). ``table_groups`` rejoins them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial

from kuntatalous.errors import ExtractionError
from kuntatalous.output import records
from kuntatalous.output.records import Record
from kuntatalous.output.rejects import CELL, ROW, TABLE, Rejects, strict
from kuntatalous.tables.kind import Parsed, TextTableKind
from kuntatalous.tables.table_groups import (
    LogicalRow,
    LogicalTable,
    header_cells,
    header_name,
    join_page_breaks,
    readable_runs,
)
from kuntatalous.text.cells import TOTAL_WORDS, bilingual_halves
from kuntatalous.text.genitive import genitives
from kuntatalous.text.layout import TableBlock
from kuntatalous.text.municipality import load_municipalities, swedish_forms
from kuntatalous.text.number_format import (
    EUROS,
    SPACE_FORMAT,
    NumberFormat,
    Scale,
    detect_number_format,
    detect_scale,
    in_euros,
)
from kuntatalous.text.numbers import NumberFormatError, parse_amount, parse_percent, strip_markup

PROJECT_COLUMNS = records.PROJECTS.columns[len(records.PROVENANCE) :]
"""The fields a parser fills: the declared ones after the provenance the extraction adds."""

KIND = "projects"

GOAL = "goal"
NAME = "name"
DESCRIPTION = "description"
TOTAL_FUNDING = "total_funding"
CITY_SHARE = "city_share"
SPEND = "spend"
SPEND_EUR = "spend_eur"
FUNDER = "funder"
PERIOD = "period"
STATUS = "status"

BULLET = "\u2022"
_DASHES = "-\u2013\u2014"


@dataclass(frozen=True)
class _Spelling:
    """How a role's header reads: it is one of ``equals``, starts with one of ``starts`` or
    contains one of ``contains``, contains none of ``excludes`` and, if ``names_euros``, names a
    unit of euros (``_names_unit``: ``€``, ``1 000 €``, ``t€``)."""

    starts: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    equals: tuple[str, ...] = ()
    names_euros: bool = False

    def __call__(self, text: str) -> bool:
        named = text in self.equals or text.startswith(self.starts) or any(word in text for word in self.contains)
        unit = not self.names_euros or _names_unit(text)
        return named and unit and not any(word in text for word in self.excludes)


def _names_unit(header: str) -> bool:
    """Whether a header names a unit of euros (``detect_scale``; two units are named too, an
    error ``read_header`` then reports)."""
    try:
        return detect_scale([header]).evidence is not None
    except NumberFormatError:
        return True


_SWEDISH_NAME = "projektets namn"
"""The project name's header in Swedish: the table is Swedish (``_REQUIRED``)."""
_BARE_NAMES = ("hanke", "hankkeet", "projekt", "projektet", "projekten")
"""The project name's header as one word (``Hanke | Rahoittaja | Kokonaisrahoitus € | …``), which
an investment table's first column prints too (``Hanke | TA 2025 | TP 2025``): such a header is
a projects table's only beside a total-funding column (``_recognise``)."""

_SPENT_OF_COSTS = ("menojen toteuma", "utfall av utgifterna")
_SPENT = ("toteutunut", "toteuma", "käytetty", "utfall", "förbrukat", "använt")
"""A spend column's header: as a percentage (``Menojen toteuma %``), or in euros where it names
them (``Toteutunut 31.12.2025 €``, ``Käytetty (1 000 €)``, Swedish ``Utfall €``): the spending to
the date it prints, as printed; without a unit, ``Toteuma 31.12.`` is the status text."""

# Header roles, tried in this order on the normalised header text (lower case, markup and
# hyphenation removed); each role takes the first column that matches it. Each spelling is
# Finnish, then Swedish.
_ROLES: tuple[tuple[str, _Spelling], ...] = (
    (NAME, _Spelling(starts=("hankkeen nimi", _SWEDISH_NAME), equals=_BARE_NAMES)),
    (GOAL, _Spelling(starts=("strateginen päämäärä",))),
    (
        TOTAL_FUNDING,
        _Spelling(
            contains=(
                "kokonaisrahoitus",
                "kokonaisbudjetti",
                "total finansiering",
                "totalfinansiering",
                "totalbudget",
                "totala budget",
            )
        ),
    ),
    (
        CITY_SHARE,
        _Spelling(
            starts=("kunnan osuus", "kaupungin osuus", "kommunens andel", "stadens andel"),
            contains=("rahoitusosuus", "finansieringsandel"),
        ),
    ),
    (SPEND_EUR, _Spelling(starts=_SPENT, contains=_SPENT_OF_COSTS, names_euros=True)),
    (SPEND, _Spelling(contains=_SPENT_OF_COSTS)),
    (
        FUNDER,
        _Spelling(
            starts=("rahoittaja", "ulkoinen rahoittaja", "finansiär"),
            excludes=("osuus", "andel", "%", "€", "kuvaus", "tavoite", "beskrivning", "mål"),
        ),
    ),
    (PERIOD, _Spelling(starts=("toteutusaika", "hankeaika", "aikataulu", "genomförandetid"))),
    (DESCRIPTION, _Spelling(starts=("projektets mål",), contains=("kuvaus", "tavoite", "beskrivning"))),
    (STATUS, _Spelling(starts=("toteuma", "utfall", "tila", "status"), excludes=("%",))),
)
_REQUIRED = ((NAME, "Hankkeen nimi", "Projektets namn"), (TOTAL_FUNDING, "Kokonaisrahoitus", "Total finansiering"))
"""The columns a projects table needs, as an error names them in a Finnish and a Swedish table."""
_NAMES_PROJECTS = dict(_ROLES)[NAME]
_FUNDS_PROJECTS = dict(_ROLES)[TOTAL_FUNDING]

_LI = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"<b>(.*?)</b>|\*\*(.+?)\*\*", re.IGNORECASE | re.DOTALL)
_REPEATED_BULLETS = re.compile(rf"{BULLET}(?:\s*{BULLET})+")
_BULLET_SPACING = re.compile(rf"\s*{BULLET}\s*")
_MINUSES = str.maketrans("\u2212\u2013", "--")
# A number followed by words (``30 % on kaikkien kuntien osuus``, ``1.000 € kunnalta``); never by
# more digits, which would make ``1 0O0`` read 1. Its thousands are grouped by spaces or dots, as
# the table's number format reads them (``_read_figure``).
_LEADING_NUMBER = re.compile(r"^(?P<number>-?\s*(?:\d{1,3}(?:[ .]\d{3})+|\d+)(?:,\d+)?(?:\s*[€%])?)\s+(?=[^\W\d_])")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_FUNDING_WORDS = re.compile(
    r"\brahoit(?:taa|ti|tavat|tivat|taja\w*|uksella|etaan|ettiin|tanut)\b"
    r"|\brahoitus\s+tulee\b|\brahoituspäätö\w*"
    r"|\bmyön(?:si|tää|tänyt|sivät|tävät|netty|nettiin)\b"
    r"|\bfinansier(?:ar|as)\b|\bbevilja(?:t|de)\b|\bstöd\s+från\b",
    re.IGNORECASE,
)
# A funder named after a verb or role: "rahoittaa X", "rahoittajana toimii X", "myönsi X".
_NAMED_AFTER = re.compile(
    r"\b(?:rahoittaa|rahoitti|rahoittavat|rahoittivat|myönsi|myöntää|myönsivät|myöntävät|myöntänyt"
    r"|rahoittaja(?:na)?(?:\s+(?:toimii|toimi|toimivat|on|oli|ovat)|\s*:)?"
    r"|\w*päätöksen\s+(?:on\s+)?tehnyt)\s+",
    re.IGNORECASE,
)
# The same in Swedish: "finansieras av X", "stöd från X", "beviljat av X".
_NAMED_AFTER_SV = re.compile(r"\b(?:finansieras\s+av|beviljat\s+av|beviljade\s+av|stöd\s+från)\s+", re.IGNORECASE)
# A Swedish active verb, whose subject is the funder: before it ("NTM-centralen finansierar
# projektet", the words after it its object), or after it where something else comes first
# ("I år beviljade Österbottens förbund stöd").
_ACTIVE_SV = re.compile(r"\b(?:finansierar|beviljade|beviljat)\b(?!\s+av\b)", re.IGNORECASE)
# A funder named before its instrument: "EAKR-rahoituksella", "AVI:n / EVK:n rahoituksella",
# "Interreg Europe -ohjelmasta".
_COMPOUND_FUNDING = re.compile(r"(?<![\w-])(?P<name>[^\s/-][^\s/]*?)-rahoituksella\b", re.IGNORECASE)
_GENITIVE_FUNDING = re.compile(r"\s+rahoituksella\b", re.IGNORECASE)
_PROGRAMME = re.compile(r"\s*-\s*(?:ohjelmasta|ohjelman|rahastosta)\b", re.IGNORECASE)
_MINISTRY = re.compile(r"(?<![\w-])(?P<name>(?:[a-zåäö]+-\s+ja\s+)?[a-zåäö]+ministeriö)(?:n\b|\b)")
"""A ministry, in lower case as Finnish spells ministries (``opetus- ja kulttuuriministeriö``,
``ympäristöministeriön`` in the genitive): a funder that no capital shows."""
_NAME_TOKEN = re.compile(rf"{_MINISTRY.pattern}\S*|\S+")
"""A word, or a ministry's name of several (``työ- ja elinkeinoministeriö``) as one."""
_TOKEN_PUNCTUATION = ".,;:!?)(\"'"
_PHRASE_END = ".,;!?)\"'"
_CASE_ENDING = re.compile(r":\w+$")

_YEAR = r"(?:19|20)\d{2}"
_RANGE = re.compile(rf"(?<!\d)(?P<start>{_YEAR})\s*[{_DASHES}]\s*(?P<end>{_YEAR})(?!\d)")
_STATED_RANGE = re.compile(
    rf"\b(?:toteutusaika\w*|vuosina|vuosille|ajalla|ajalle)\s+(?:on\s+)?(?:vuosina\s+)?"
    rf"(?P<start>{_YEAR})\s*[{_DASHES}]\s*(?P<end>{_YEAR})(?!\d)",
    re.IGNORECASE,
)
_STATED_YEAR = re.compile(
    rf"\b(?:toteutusaika\w*\s+(?:on\s+)?(?:vuonna\s+)?|vuonna\s+|vuoden\s+(?=\d{{4}}\s+aikana))"
    rf"(?P<year>{_YEAR})(?!\d)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(rf"(?<!\d)(?P<year>{_YEAR})(?!\d)")
_DATE = r"(?:\d{1,2}\.\d{1,2}\.\s*)?"
_PERIOD_CELL = re.compile(rf"{_DATE}(?P<start>{_YEAR})(?:\s*[{_DASHES}]\s*{_DATE}(?P<end>{_YEAR}))?")
"""A period column's cell: a year or a range of years, each perhaps after its day and month
(``2025``, ``2024-2026``, ``1.1.2024-31.12.2026``, with a hyphen or a dash)."""
_NOTHING = {"", *_DASHES}
"""A period or funder cell that prints nothing: empty, or a dash alone."""
_FUNDER_LIST = re.compile(r"\s*[,;]\s*|\s{2,}")
"""Between the funders a funder cell lists (``/`` and ``ja`` are read as the text reads them)."""
_REMARK = re.compile(r"\([^()]*\)")
"""A remark in brackets after a funder's name: its acronym (``Opetushallitus (OPH)``) or the
fund it grants from (``Lapin liitto (EAKR)``); the text does not say which, so no funder of its own."""
_SWEDISH_FUNDER = "finansiär"
_OWN_FUNDING = (
    "kaupunki",
    "kunta",
    "oma rahoitus",
    "omarahoitus",
    "oma osuus",
    "kaupungin rahoitus",
    "kunnan rahoitus",
    "staden",
    "kommunen",
    "egen finansiering",
    "egen andel",
)
"""How a funder cell or sentence names the city's own share without the city's name
(``oma rahoitus``, Swedish ``egen finansiering``), lower case."""
_MUNICIPALITY_WORDS = ("kaupunki", "kaupungin", "kunta", "kunnan")
"""The words after a municipality's genitive that name it (``Heinolan kaupunki``)."""
_MUNICIPALITY_WORDS_SV = ("stad", "kommun")
"""The same after its Swedish name (``Grankulla stad``)."""
_PLACE_NAME = re.compile(r"\s+[A-ZÅÄÖ]")
"""What follows a place's preposition (``_NamingRule.place``) where it names a place: a
capitalised word."""


@dataclass(frozen=True)
class ProjectHeader:
    """Which column holds which field, read from the header's text."""

    line: int
    texts: tuple[str, ...]
    """The header's cells, markup removed (for error messages)."""
    roles: dict[str, int]
    funding_scale: Scale = EUROS
    """What a printed unit of the funding column is worth, from its header
    (``Kokonaisrahoitus (1 000 €)``)."""
    spend_scale: Scale = EUROS
    """The same of the spend column in euros (``Toteutunut 31.12.2025 €``), if printed."""
    own_funding: frozenset[str] = frozenset()
    """How the report names its own municipality as a funder (``own_funding``)."""
    number_format: NumberFormat = SPACE_FORMAT
    """How the table groups its figures' thousands, decided from all its figures together
    (``_with_number_format``)."""

    def cell(self, row: LogicalRow, role: str) -> str:
        """The raw cell of ``role`` in ``row`` (empty when the column or cell is missing)."""
        index = self.roles.get(role)
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index]

    def text(self, row: LogicalRow, role: str) -> str:
        return strip_markup(self.cell(row, role))


def project_records(
    blocks: list[TableBlock],
    source: str,
    rejects: Rejects | None = None,
    *,
    statement_year: int | None = None,
    municipality: str | None = None,
) -> Parsed:
    """One record per project (and per total row) of ``blocks``, the projects tables of one
    report in document order. Each record has the keys of ``PROJECT_COLUMNS``.

    A table whose header cannot be read or whose figures group thousands both by spaces and by
    dots, a row without a project and a funding or percentage cell that cannot be read go to
    ``rejects`` (strict when not given); an unread cell stays empty in its record, beside its raw
    text."""
    del statement_year  # a projects table's columns are read without it
    rejects = strict(rejects)
    records: list[Record] = []
    for run in readable_runs(blocks, partial(read_header, source=source), KIND, rejects):
        headers = {block.first_line: read_header(block, source) for block in run}
        name_column = {row.line: headers[block.first_line].roles[NAME] for block in run for row in block.rows[1:]}

        def continues(row: LogicalRow, name_column: dict[int, int] = name_column) -> bool:
            index = name_column[row.first_line]
            return row.text(index) == "" and not is_total(row) and not is_blank(row)

        for table in join_page_breaks(run, continues):
            header = _with_number_format(headers[table.first_line], table, source, rejects)
            if header is not None:
                header = replace(header, own_funding=own_funding(municipality))
                records.extend(_table_records(table, header, source, rejects))
    return Parsed(records)


def _table_records(table: LogicalTable, header: ProjectHeader, source: str, rejects: Rejects) -> list[Record]:
    """The records of a table's rows, blank rows aside (``_record``)."""
    records = (_record(table, header, row, source, rejects) for row in table.rows if not is_blank(row))
    return [record for record in records if record is not None]


def read_header(block: TableBlock, source: str) -> ProjectHeader:
    """The column roles of a projects table, from its first row."""
    texts = header_cells(block.rows[0])
    roles: dict[str, int] = {}
    for index, text in enumerate(texts):
        normalised = header_name(text)
        for role, matches in _ROLES:
            if role not in roles and _names_role(matches, normalised):
                roles[role] = index
                break
    _require_columns(roles, texts, source, block.first_line)
    scale = _header_scale(texts[roles[TOTAL_FUNDING]], source, block.first_line)
    if CITY_SHARE in roles:
        _require_percentage(texts[roles[CITY_SHARE]], source, block.first_line)
    spent = _header_scale(texts[roles[SPEND_EUR]], source, block.first_line) if SPEND_EUR in roles else EUROS
    return ProjectHeader(line=block.first_line, texts=texts, roles=roles, funding_scale=scale, spend_scale=spent)


def _names_role(spelling: _Spelling, name: str) -> bool:
    """Whether a header cell's name (``header_name``) is a role's: the whole name, or each half of
    a cell printing it in Finnish and Swedish (``Hanke / Projekt``, ``Rahoittaja / Finansiär``:
    ``bilingual_halves``), as a goals table's header reads (``table_groups.names_column``)."""
    if spelling(name):
        return True
    halves = bilingual_halves(name)
    return halves is not None and all(spelling(half) for half in halves)


def _require_columns(roles: dict[str, int], texts: tuple[str, ...], source: str, line: int) -> None:
    """Stop on a header without a column a projects table needs, named in the language of the
    table's name column (``Projektets namn``: ``Total finansiering``, not ``Kokonaisrahoitus``)."""
    swedish = NAME in roles and header_name(texts[roles[NAME]]).startswith(_SWEDISH_NAME)
    for role, finnish, swedish_label in _REQUIRED:
        if role not in roles:
            label = swedish_label if swedish else finnish
            raise ExtractionError(source, line, f"projects table has no '{label}' column (header: {' | '.join(texts)})")


def _require_percentage(share: str, source: str, line: int) -> None:
    """Stop on a city-share column in euros (``Kunnan rahoitusosuus €``): its figures would be
    read as percentages (800 %, and a share of the funding from others of -700 %)."""
    if "%" not in share and _header_scale(share, source, line).evidence is not None:
        problem = f"projects table gives the city's share in euros ('{share}'): only a percentage is read"
        raise ExtractionError(source, line, problem)


def _header_scale(funding: str, source: str, line: int) -> Scale:
    """The unit a column's header names (``Kokonaisrahoitus (1 000 €)``: thousands);
    none named is euros, two that disagree an error."""
    try:
        return detect_scale([funding])
    except NumberFormatError as exc:
        raise ExtractionError(source, line, f"projects table: {exc}") from None


def is_total(row: LogicalRow) -> bool:
    """The table's sum row: a cell reading ``Yhteensä`` (``Totalt``)."""
    return any(is_total_label(row.text(index)) for index in range(len(row.cells)))


def is_total_label(text: str) -> bool:
    """Whether a cell's text (markup removed) is a projects table's sum-row label, in each half
    where it prints two (``Yhteensä / Totalt``)."""
    halves = bilingual_halves(text) or (text,)
    return all(half.lower().rstrip(":") in TOTAL_WORDS for half in halves)


def is_blank(row: LogicalRow) -> bool:
    return all(row.text(index) == "" for index in range(len(row.cells)))


def _record(
    table: LogicalTable, header: ProjectHeader, row: LogicalRow, source: str, rejects: Rejects
) -> Record | None:
    total = is_total(row)
    name = "" if total else header.text(row, NAME)
    if not total and name == "":
        error = ExtractionError(
            source, row.first_line, "projects row has no project name and does not continue a project on a page break"
        )
        lines = (row.first_line, row.last_line)
        rejects.add(
            error, ROW, lines=lines, table_kind=KIND, table_line=table.first_line, raw_text="\t".join(row.cells)
        )
        return None
    description = header.text(row, DESCRIPTION)
    funding, funders = _funders(table, header, row, source, rejects)
    start, end = _period(table, header, row, source, rejects) or project_period(description, name)
    goal_cell = header.cell(row, GOAL)
    record: Record = {
        "source_line": row.first_line,
        "last_line": row.last_line,
        "table_line": table.first_line,
        "table_heading": table.heading or "",
        "row_kind": "total" if total else "project",
        "strategic_goal": goal_title(goal_cell),
        "strategic_goal_text": goal_text(goal_cell),
        "project_name": name,
        "description": description,
        "funding_text": funding,
        "funders": "; ".join(funders),
        "period_start_year": start,
        "period_end_year": end,
        "status_text": header.text(row, STATUS),
        "other_columns": _other_columns(header, row),
    }
    record |= _figures(table, header, row, source, rejects)
    return {column: record[column] for column in PROJECT_COLUMNS}


def own_funding(municipality: str | None) -> frozenset[str]:
    """How a report of ``municipality`` (its Finnish name) names itself as a funder: the city's
    own share (Kaupungin rahoitusosuus %), no external funder. Its genitive before ``kaupunki``
    or ``kunta`` (``genitives``: ``Heinolan kaupunki``, ``Kauniaisten kaupunki``), its Swedish
    name before ``stad`` or ``kommun`` (``Grankulla stad``), or no name (``_OWN_FUNDING``:
    ``kaupunki``, ``oma rahoitus``); lower case, spaces single.

    >>> sorted(name for name in own_funding("Kauniainen") if name.endswith("stad"))
    ['grankulla stad', 'grankullas stad']
    """
    names = set(_OWN_FUNDING)
    if municipality:
        names.update(f"{form} {word}" for form in genitives(municipality) for word in _MUNICIPALITY_WORDS)
        listed = load_municipalities().by_name(municipality)
        swedish = municipality if listed is None else listed.name_sv
        names.update(f"{form} {word}" for form in swedish_forms(swedish) for word in _MUNICIPALITY_WORDS_SV)
    return frozenset(_spaced(name) for name in names)


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


def _other_columns(header: ProjectHeader, row: LogicalRow) -> str:
    """The row's non-empty cells of the columns no role reads, each after its header and
    `` | ``-separated (``Vastuuhenkilö: Anna Virtanen``), as a budget row keeps its cells of the
    columns that are no budget phase: nothing printed is dropped."""
    read = set(header.roles.values())
    cells = ((text, row.text(index)) for index, text in enumerate(header.texts) if index not in read)
    return records.CELL_SEPARATOR.join(f"{text}: {cell}" for text, cell in cells if cell)


def _funders(
    table: LogicalTable, header: ProjectHeader, row: LogicalRow, source: str, rejects: Rejects
) -> tuple[str, list[str]]:
    """The row's funding text and funders: its funder column's header and cell, if printed
    (``Rahoittaja: Lapin liitto (EAKR)``), then its description's sentences that say who funds
    it; the funders the cell names (``funder_cell_names``), then those the sentences name, the
    city itself aside (``own_funding``: its share is the city's). A funder cell that names none
    is a reject, its funders empty."""
    sentences = funding_sentences(header.text(row, DESCRIPTION))
    described = [name for name in funder_names(sentences) if _spaced(name) not in header.own_funding]
    cell = header.text(row, FUNDER)
    if cell in _NOTHING:
        return sentences, described
    column = header.texts[header.roles[FUNDER]]
    swedish = header_name(column).startswith(_SWEDISH_FUNDER)
    named = funder_cell_names(cell, swedish=swedish, own=header.own_funding)
    if named is None:
        problem = f"column '{column}': cannot read '{cell}' as funders: expected names such as 'Lapin liitto'"
        error = ExtractionError(source, row.first_line, problem)
        rejects.add(error, CELL, table_kind=KIND, table_line=table.first_line, column_name=column, raw_text=cell)
        named = []
    funding = " ".join(text for text in (f"{column}: {cell}", sentences) if text)
    return funding, [*named, *(name for name in described if name not in named)]


def _period(
    table: LogicalTable, header: ProjectHeader, row: LogicalRow, source: str, rejects: Rejects
) -> tuple[int | None, int | None] | None:
    """The years its period column prints (``2024-2026``; ``None`` where it prints none); one it
    cannot read is a reject, the years empty."""
    cell = header.text(row, PERIOD)
    if cell in _NOTHING:
        return None
    match = _PERIOD_CELL.fullmatch(cell)
    start = None if match is None else int(match["start"])
    end = None if match is None else int(match["end"] or match["start"])
    if start is not None and end is not None and start <= end:
        return start, end
    column = header.texts[header.roles[PERIOD]]
    problem = f"column '{column}': cannot read '{cell}' as a period: expected years such as '2024-2026' or '2025'"
    error = ExtractionError(source, row.first_line, problem)
    rejects.add(error, CELL, table_kind=KIND, table_line=table.first_line, column_name=column, raw_text=cell)
    return None, None


@dataclass(frozen=True)
class _Figure:
    """A figure column: its role, the record's fields for its value and its cell as printed, what
    it holds (for an error) and how a cell of it reads (``parse_amount``: ``30 %`` is no amount;
    ``parse_percent``: ``800 €`` no percentage)."""

    role: str
    column: str
    raw_column: str
    what: str
    parse: Callable[[str, NumberFormat], Decimal | None]


_FIGURES = (
    _Figure(TOTAL_FUNDING, "total_funding_eur", "total_funding_raw", "an amount", parse_amount),
    _Figure(CITY_SHARE, "city_share_pct", "city_share_raw", "a percentage", parse_percent),
    _Figure(SPEND, "spend_pct", "spend_raw", "a percentage", parse_percent),
    _Figure(SPEND_EUR, "spend_eur", "spend_eur_raw", "an amount", parse_amount),
)


def _with_number_format(
    header: ProjectHeader, table: LogicalTable, source: str, rejects: Rejects
) -> ProjectHeader | None:
    """``header`` with the number format of its table, decided from all the table's figures
    together as a budget table's is (``detect_number_format``: ``60.000`` is 60 000 in a table
    whose figures group thousands by dots, and an error in one grouped by spaces; a decimal is a
    comma). A table grouping them both ways is a table reject (``None``): which way one of its
    figures reads, the text does not say."""
    cells = [_number_text(header.text(row, figure.role)) for row in table.rows for figure in _FIGURES]
    try:
        return replace(header, number_format=detect_number_format(cells))
    except NumberFormatError as exc:
        problem = f"projects table: {exc}: print every figure of the table with one thousands separator"
        error = ExtractionError(source, table.first_line, problem)
        lines = (table.first_line, max([table.first_line, *(row.last_line for row in table.rows)]))
        raw = " | ".join(header.texts)
        rejects.add(error, TABLE, lines=lines, table_kind=KIND, table_line=table.first_line, raw_text=raw)
        return None


def _number_text(raw: str) -> str:
    """A figure's cell as its number reads: the number it starts with where words follow it
    (``30 % on kaikkien kuntien osuus``), else the cell."""
    match = _LEADING_NUMBER.match(raw.translate(_MINUSES))
    return raw if match is None else match["number"]


def _figures(table: LogicalTable, header: ProjectHeader, row: LogicalRow, source: str, rejects: Rejects) -> Record:
    """A row's funding, city share and spend (a percentage and in euros), each with its cell as
    printed; a cell that cannot be read is a reject and stays empty."""
    figures: Record = {}
    printed: dict[str, Decimal | None] = {}
    for figure in _FIGURES:
        raw = header.text(row, figure.role)
        try:
            printed[figure.column] = _read_figure(raw, figure, header, row, source)
            _check_share(printed[figure.column], figure.role, header, row, source)
        except ExtractionError as exc:
            name_of = header.texts[header.roles[figure.role]]
            rejects.add(exc, CELL, table_kind=KIND, table_line=table.first_line, column_name=name_of, raw_text=raw)
            printed[figure.column] = None
        figures[figure.column] = printed[figure.column]
        figures[figure.raw_column] = raw
    funding = _in_euros(printed["total_funding_eur"], header.funding_scale)
    spent = _in_euros(printed["spend_eur"], header.spend_scale)
    return figures | {
        "total_funding_eur": funding[0],
        "funding_scale": header.funding_scale.factor,
        "funding_decimals": funding[1],
        "spend_eur": spent[0],
        "spend_decimals": spent[1],
    }


def _check_share(value: Decimal | None, role: str, header: ProjectHeader, row: LogicalRow, source: str) -> None:
    """Stop on a city share outside 0-100 %: a share of the funding cannot be more than all of
    it, nor less than none (and the warehouse's share columns hold no more)."""
    if role == CITY_SHARE and value is not None and not 0 <= value <= 100:
        column = header.texts[header.roles[role]]
        raise ExtractionError(source, row.first_line, f"column '{column}': a share of {value} % is not 0-100 %")


def _in_euros(printed: Decimal | None, scale: Scale) -> tuple[Decimal | None, int | None]:
    """An amount as printed times its column's scale, with the decimal place of its last printed
    digit in euros (-3 for whole thousands: the check's tolerance)."""
    return (None, None) if printed is None else in_euros(printed, scale)


def _read_figure(raw: str, figure: _Figure, header: ProjectHeader, row: LogicalRow, source: str) -> Decimal | None:
    """The cell's number, or the number it starts with when text follows it (``30 % on ...``),
    read by the table's number format; ``None`` for an empty cell."""
    for text in dict.fromkeys((raw, _number_text(raw))):
        try:
            return figure.parse(text, header.number_format)
        except NumberFormatError:
            continue
    column = header.texts[header.roles[figure.role]]
    raise ExtractionError(source, row.first_line, f"column '{column}': cannot read '{raw}' as {figure.what}")


def goal_title(cell: str) -> str:
    """The strategic goal's bold title; without bold, the text before the first bullet."""
    match = _BOLD.search(cell)
    if match is not None:
        title = strip_markup(match[1] if match[1] is not None else match[2])
        if title:
            return title
    return goal_text(cell).split(f" {BULLET} ")[0]


def goal_text(cell: str) -> str:
    """The goal cell as plain text, its list items separated by `` • `` (one bullet each)."""
    text = strip_markup(_LI.sub(f" {BULLET} ", cell))
    text = _REPEATED_BULLETS.sub(BULLET, text).strip(f" {BULLET}")
    return _BULLET_SPACING.sub(f" {BULLET} ", text)


def funding_sentences(description: str) -> str:
    """The description's sentences that say who funds the project, verbatim."""
    sentences = _SENTENCE_END.split(description)
    return " ".join(sentence for sentence in sentences if _FUNDING_WORDS.search(sentence))


def funder_names(text: str) -> list[str]:
    """Funders named in ``text``, in order of appearance, without duplicates.

    Found by rules: a name after a funding verb or role (``rahoittaa X``, ``rahoittajana
    toimii X``, ``rahoittaja on X``, ``myönsi X``, ``päätöksen on tehnyt X``); the name in
    ``X-rahoituksella`` and ``X:n / Y:n rahoituksella``; a programme in ``X -ohjelmasta``.
    Names are capitalised words or acronyms (with one lower-case word after a genitive, as in
    ``Lapin liitto``), or a ministry, which Finnish writes in lower case (``rahoittaa opetus- ja
    kulttuuriministeriö``, ``ympäristöministeriön rahoituksella``: ``_MINISTRY``); ``/`` and
    ``ja`` separate names; case endings (``AVI:n``) are removed. ``Rahoittaja:`` names them too.
    In Swedish, a name after ``finansieras av``, ``beviljat av``, ``beviljade av`` or ``stöd
    från`` (with the lower-case words after an adjective or genitive, as in ``Europeiska
    regionala utvecklingsfonden``, and a place after ``i``, as in ``NTM-centralen i Lappland``),
    ``och`` separating names; and the subject of ``finansierar``,
    ``beviljade`` or ``beviljat`` (``_subject_of``), never their object.
    """
    found: list[tuple[int, str]] = []
    for rule in _NAMING_RULES:
        for match in rule.named_after.finditer(text):
            found.extend(_names_forward(text, match.end(), rule))
        for match in rule.active.finditer(text) if rule.active is not None else ():
            found.extend(_subject_of(text, match, rule))
    for match in _COMPOUND_FUNDING.finditer(text):
        name = _clean_name(match["name"])
        if _is_name(name):
            found.append((match.start(), name))
    for match in _GENITIVE_FUNDING.finditer(text):
        ministry = _ministry_before(text, match.start())
        found.extend([ministry] if ministry else _names_backward(text, match.start()))
    for match in _PROGRAMME.finditer(text):
        found.extend(_names_backward(text, match.start()))
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names


def funder_cell_names(cell: str, *, swedish: bool = False, own: frozenset[str] = frozenset()) -> list[str] | None:
    """The funders a funder column's cell names, in order, without duplicates; ``None`` when a
    funder it lists is not read as one.

    The cell lists funders (split at ``,`` and ``;``), each read as the name after ``Rahoittaja:``
    (``finansieras av`` in a Swedish table) is in a description (``_read_names``: ``/`` and
    ``ja`` separate names, case endings removed), a remark in brackets after it aside
    (``_REMARK``). A cell starts with a capital however it reads: a ministry there is read as
    Finnish writes ministries, in lower case (``Opetus- ja kulttuuriministeriö``), and named as
    printed, its capital kept. A funder that is one of ``own`` (``own_funding``: ``Heinolan
    kaupunki``, ``oma rahoitus``) is the city's own share and names none.

    >>> funder_cell_names("Lapin liitto (EAKR)")
    ['Lapin liitto']
    >>> funder_cell_names("Opetus- ja kulttuuriministeriö, AVI/EVK")
    ['Opetus- ja kulttuuriministeriö', 'AVI', 'EVK']
    """
    rule = _NAMING_RULES[1 if swedish else 0]
    names: list[str] = []
    for part in (part for part in _FUNDER_LIST.split(cell.strip()) if part):
        if _spaced(_REMARK.sub("", part)) in own:
            continue
        lowered = part[:1].lower() + part[1:]
        text = lowered if _MINISTRY.match(lowered) else part
        found, end = _read_names(text, 0, rule)
        rest = text[end:].strip()
        if not found or (rest and not _REMARK.fullmatch(rest)):
            return None
        printed = (part[:1] + name[1:] if position == 0 else name for position, name in found)
        names.extend(name for name in printed if name not in names and _spaced(name) not in own)
    return names


def _ministry_before(text: str, end: int) -> tuple[int, str] | None:
    """The ministry whose genitive ends at ``end`` (``opetus- ja kulttuuriministeriön
    rahoituksella``), if one does."""
    for match in _MINISTRY.finditer(text, 0, end):
        if match.end() == end:
            return match.start(), match["name"]
    return None


def _finnish_head(last: str, word: str) -> bool | None:
    """``Lapin liitto``, ``Päijät-Hämeen liitto``: one lower-case head noun after a genitive
    (``-n``) closes the name."""
    return True if last.endswith("n") and "rahoit" not in word else None


def _swedish_head(last: str, word: str) -> bool | None:
    """``Europeiska regionala utvecklingsfonden``, ``Österbottens förbund``: lower-case words
    after an adjective (``-a``) or a genitive (``-s``), up to the first that is no adjective,
    the head noun that closes the name."""
    if not last.endswith(("a", "s")) or "finansier" in word:
        return None
    return not word.endswith("a")


@dataclass(frozen=True)
class _NamingRule:
    """How one language names a funder after a funding verb or role: the words before the
    names, the conjunction between two names, and whether a lower-case word carries a name on
    (``head(last word, word)``: ``None`` if not, else whether it closes the name)."""

    named_after: re.Pattern[str]
    conjunction: str
    head: Callable[[str, str], bool | None]
    active: re.Pattern[str] | None = None
    """Verbs whose subject is the funder, wherever it stands (``_subject_of``)."""
    place: str | None = None
    """The preposition of a place after a name, which carries the name on where a capitalised
    word follows it (Swedish ``i``: ``NTM-centralen i Lappland``, a regional office); Finnish
    names the place before, in the genitive (``Lapin ELY-keskus``), as a name's first word."""


_NAMING_RULES = (
    _NamingRule(_NAMED_AFTER, "ja", _finnish_head),
    _NamingRule(_NAMED_AFTER_SV, "och", _swedish_head, _ACTIVE_SV, "i"),
)


def _is_name(token: str) -> bool:
    return bool(token) and token[0].isupper() and "rahoit" not in token.lower()


def _clean_name(token: str) -> str:
    return _CASE_ENDING.sub("", token.strip(_TOKEN_PUNCTUATION))


def _subject_of(text: str, verb: re.Match[str], rule: _NamingRule) -> list[tuple[int, str]]:
    """The funders an active verb names: its subject. Names that run up to the verb are its
    subject (``NTM-centralen finansierar Läslyftet``: Läslyftet is what is funded); the names
    after the verb only where none run up to it (``I år finansierar NTM-centralen projektet``).
    At a sentence's start a capital shows no name: words there (``Utbildningsstyrelsen``,
    ``Därför``, ``Hela kostnaden``) are read only where another capital in them does
    (``NTM-centralen``, ``Business Finland``); else neither they nor the words after the verb."""
    sentence = max((end.end() for end in _SENTENCE_END.finditer(text, 0, verb.start())), default=0)
    for word in re.finditer(r"\S+", text[sentence : verb.start()]):
        names, end = _read_names(text[: verb.start()], sentence + word.start(), rule)
        if names and not text[end : verb.start()].strip():
            shown = word.start() > 0 or any(char.isupper() for char in " ".join(name for _, name in names)[1:])
            return names if shown else []
    return _names_forward(text, verb.end(), rule)


def _names_forward(text: str, start: int, rule: _NamingRule) -> list[tuple[int, str]]:
    """Names from ``start`` on: capitalised words, split at ``/`` and the rule's conjunction, up
    to the end of the phrase (punctuation, a lower-case word or a funding word)."""
    return _read_names(text, start, rule)[0]


@dataclass
class _NameRun:
    """The names read so far, and the words of the one being read."""

    names: list[tuple[int, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    first: int = 0

    def flush(self) -> None:
        if self.words:
            self.names.append((self.first, " ".join(self.words)))
            self.words.clear()

    def add(self, parts: list[str], position: int) -> None:
        """Capitalised words from ``position``: each of ``parts`` (``AVI/EVK``) a name of its own."""
        for part in parts:
            if len(parts) > 1:
                self.flush()
            if not self.words:
                self.first = position
            self.words.append(_clean_name(part))
            position += len(part) + 1


def _read_names(text: str, start: int, rule: _NamingRule) -> tuple[list[tuple[int, str]], int]:
    """``_names_forward``'s names, and where their phrase ends in ``text`` (its end if nothing ends it)."""
    run = _NameRun()
    closed = False  # a name ended by its lower-case head noun; only a separator may follow
    end = len(text)
    for token in _NAME_TOKEN.finditer(text[start:]):
        word = token[0].rstrip(_TOKEN_PUNCTUATION)
        if word in ("/", rule.conjunction) and (run.words or run.names):
            run.flush()
            closed = False
            continue
        parts = word.split("/")
        if not closed and not run.words and (ministry := _MINISTRY.fullmatch(word)) is not None:
            run.names.append((start + token.start(), ministry["name"]))
            closed = True
        elif not closed and all(_is_name(part) for part in parts):
            run.add(parts, start + token.start())
        elif run.words and not closed and word.islower() and (head := rule.head(run.words[-1], word)) is not None:
            run.words.append(word)  # "Lapin liitto", "Europeiska regionala utvecklingsfonden"
            closed = head
        elif run.words and word == token[0] == rule.place and _PLACE_NAME.match(text, start + token.end()):
            run.words.append(word)  # "NTM-centralen i Lappland": the place's words carry the name on
            closed = False
        else:
            end = start + token.start()
            break
        if word != token[0]:
            end = start + token.end()
            break
    run.flush()
    return run.names, end


def _names_backward(text: str, end: int) -> list[tuple[int, str]]:
    """The names just before ``end``: the run of capitalised words (``/`` separating names)."""
    run_start = end
    for token in reversed(list(re.finditer(r"\S+", text[:end]))):
        word = token[0]
        if word != "/" and (word[-1] in _PHRASE_END or not all(_is_name(part) for part in word.split("/") if part)):
            break
        run_start = token.start()
    names: list[tuple[int, str]] = []
    for part in re.finditer(r"[^/\s][^/]*", text[run_start:end]):
        name = " ".join(_clean_name(word) for word in part[0].split())
        if name:
            names.append((run_start + part.start(), name))
    return names


def project_period(description: str, name: str) -> tuple[int | None, int | None]:
    """The project's years: a period stated in the description, else one in the name."""
    for text in (description, name):
        for pattern in (_STATED_RANGE, _RANGE):
            match = pattern.search(text)
            if match is not None:
                return int(match["start"]), int(match["end"])
        single = _STATED_YEAR.search(text)
        if single is not None:
            return int(single["year"]), int(single["year"])
    single = _ANY_YEAR.search(name)
    if single is not None:
        return int(single["year"]), int(single["year"])
    return None, None


def _recognise(cells: list[str]) -> bool:
    """A projects table's header: some column is the project name's (as ``read_header`` reads it),
    and where that is named by one word (``Hanke``), another is the total funding's."""
    names = [header_name(cell) for cell in cells]
    named = [name for name in names if _names_role(_NAMES_PROJECTS, name)]
    funded = any(_names_role(_FUNDS_PROJECTS, name) for name in names)
    return any(not _bare(name) for name in named) or (bool(named) and funded)


def _bare(name: str) -> bool:
    """A project name's header of one word (``Hanke``), in each half where it prints two
    (``Hanke / Projekt``)."""
    return all(half in _BARE_NAMES for half in bilingual_halves(name) or (name,))


TABLE_KIND = TextTableKind(KIND, "projects table", _recognise, project_records, records.PROJECTS)
