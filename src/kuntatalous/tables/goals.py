"""Read goals tables: the goals a service area set for the year and how far they came true.

Two layouts start with ``Strateginen päämäärä`` and end with ``Tila``:

* council-binding goals (``Palvelualueen tavoite 2025 | Toteuma 31.12. | Tila``), whose goal
  cell ends with ``Mittari: ...`` (the measure);
* operational goals of the Käyttösuunnitelma (``Tavoite 2025 | Mittari ja tavoitetaso |
  Vastuu | Toteuma 31.12. | Tila``).

A third starts with the goal and prints the target level apart (``Tavoite | Mittari |
Tavoitetaso 2025 | Toteutuma 2025 | Arvio``, in Swedish ``Mål | Mätare | Målnivå | Utfall |
Bedömning``; also ``Tavoitearvo 2025`` and, for the status, ``Tavoitteen toteutuminen``,
``Toteutuminen``, ``Arvio toteutumisesta``, ``Måluppfyllelse``). With a Mittari column of its own
it is operational, as the second. Beside an assessment (``Arvio``), ``Toteutuminen`` is the
outcome; without an outcome column of its own (``Tavoite | Mittari | Toteutuminen``) it is the
outcome, and the status is the one its text states (``status_from_tila``), none where it states
none.

A bilingual table prints each header and cell in Finnish and Swedish split by a slash (``Tavoite
/ Mål | Mittari / Mätare | Toteutuma / Utfall | Arvio / Bedömning``): a header cell is the column
both halves name (``table_groups.names_column``), a status cell the status both halves state
(``status_from_tila``); the texts stay as printed.

The strategic-goal cell is a bold title with a list of sub-goals. It is printed once and left
empty on the goal rows under it, which inherit it. Long rows run over a page: the header
repeats and the first row there carries on the previous goal (``table_groups``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kuntatalous.errors import ExtractionError
from kuntatalous.output import records
from kuntatalous.output.records import Record
from kuntatalous.output.rejects import Rejects, strict
from kuntatalous.tables.kind import Parsed, TextTableKind
from kuntatalous.tables.table_groups import (
    ColumnTable,
    HeaderColumns,
    LogicalRow,
    LogicalTable,
    header_name,
    names_column,
)
from kuntatalous.text.cells import bilingual_halves
from kuntatalous.text.layout import Row, TableBlock
from kuntatalous.text.numbers import strip_markup

GOAL_COLUMNS = records.GOALS.columns[len(records.PROVENANCE) :]
"""The fields a parser fills: the declared ones after the provenance the extraction adds."""

KIND = "goals"

COUNCIL = "council"
OPERATIONAL = "operational"

ACHIEVED = "achieved"
PARTIALLY_ACHIEVED = "partially_achieved"
NOT_ACHIEVED = "not_achieved"
IN_PROGRESS = "in_progress"
NOT_ASSESSED = "not_assessed"

# Header spellings, matched at the start of a normalised header cell (``HeaderColumns``);
# Finnish, then Swedish.
_STRATEGIC_COLUMN = r"strateginen p\u00e4\u00e4m\u00e4\u00e4r\u00e4"
_COUNCIL_GOAL = "palvelualueen"
"""How a council goal's column starts (``Palvelualueen tavoite 2025``)."""
_GOAL_COLUMN = rf"(?:(?:{_COUNCIL_GOAL}\s+)?tavoite|m\u00e5l)\b"
_MEASURE_COLUMN = r"(?:mittari|m\u00e4tare)"
_TARGET_LEVEL_COLUMN = r"(?:tavoitetaso|tavoitearvo|m\u00e5lniv\u00e5)"
_RESPONSIBLE_COLUMN = r"vastuu"
_OUTCOME_COLUMN = r"(?:tote(?:ut)?uma|utfall)"
_ASSESSMENT_COLUMN = r"(?:tila|arvio|bed\u00f6mning|arvio\s+toteutumisesta)$"
"""A status column that assesses the goal: ``Tila``, ``Arvio``, ``Arvio toteutumisesta``;
``Bedömning``."""
_REALISATION_COLUMN = r"(?:(?:tavoitteen\s+)?toteutuminen|m\u00e5luppfyllelse)$"
"""A column of how the goal came true: ``Toteutuminen``, ``Tavoitteen toteutuminen``;
``Måluppfyllelse``. The status where the table prints the outcome apart (``Toteutuma 2025``) and
no assessment; otherwise the outcome."""
_STATUS_COLUMN = rf"(?:{_ASSESSMENT_COLUMN}|{_REALISATION_COLUMN})"
_ASSESSMENT_NAMES = "the assessment (Tila, Arvio, Arvio toteutumisesta; Bedömning)"
_REALISATION_NAMES = "how the goal came true (Toteutuminen, Tavoitteen toteutuminen; Måluppfyllelse)"
_STATUS_NAMES = "the status (Tila, Arvio, Toteutuminen; Bedömning, Måluppfyllelse)"
_OUTCOME_NAMES = "the outcome (Toteuma, Toteutuma; Utfall)"
"""The columns as an error names them."""

_BOLD_TITLE = re.compile(r"^\s*<b>(?P<title>.*?)</b>", re.IGNORECASE | re.DOTALL)
_ITEM_BREAK = re.compile(r"</?(?:ul|ol|li|p|br)\b[^>]*>|\u2022", re.IGNORECASE)
# A paragraph or line break in a text cell: a <p> or <br> tag, or the two spaces the text
# conversion leaves where the printed cell breaks its line.
_PARAGRAPH_BREAK = re.compile(r"</?(?:p|br)\b[^>]*>| {2,}", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";")
PARAGRAPH_SEPARATOR = "\n"
"""Between the paragraphs of a goal, measure, responsible or outcome cell."""
_MEASURE = re.compile(r"\bmittari\s*:", re.IGNORECASE)
_SUB_AREA = re.compile(r"^(?P<code>[A-Z\u00c5\u00c4\u00d6]{2,10})\s*:")
_WORD = re.compile(r"\w+")
# Forms of "toteutua" (to come true) that report an outcome: toteutuu, toteutui, toteutunut,
# the misspelt toteutu and, after a negation, toteudu; and of "saavuttaa" (to reach):
# saavutettu, saavutettiin, saavutetaan. Not toteutumassa (still under way). In Swedish, of
# "uppnå" (to reach): uppnåddes, uppnått, uppnås; and of "förverkliga": förverkligades.
# The past forms tell what came of the year; a present form may tell what is to come.
_PAST_VERB_FORMS = r"toteu[td]u+(?:i|nut|neet)|saavute(?:ttu|ttiin)|uppn(?:åddes|ått)|förverkliga(?:des|ts)"
_PRESENT_VERB_FORMS = r"toteu[td]u+|saavutetaan|uppnås|förverkligas"
_STATUS_VERB = re.compile(rf"^(?:{_PAST_VERB_FORMS}|{_PRESENT_VERB_FORMS})$")
_PAST_VERB = re.compile(rf"^(?:{_PAST_VERB_FORMS})$")
_NEGATIONS = frozenset({"ei", "inte", "ej"})
"""``Ei toteutunut``; ``Uppnåddes inte``, ``Ej uppnått``."""
_PARTIALS = frozenset({"osittain", "osin", "pääosin", "delvis"})
"""``Toteutuu osittain``, ``Toteutui pääosin`` (mostly: not wholly), ``Uppnåddes delvis``; alone
(``Osittain``), short for the verb so qualified."""
_DEGREES = frozenset({"täysin", "kokonaan", "lähes", "melkein", "helt", "fullt", "nästan"})
"""How far, beside the verb (``Ei toteutunut täysin``: partially?): never read, and an
explanation after a status that holds one is not read either."""
_SUBJECTS = frozenset({"tavoite", "målet"})
"""The goal named as the verb's subject, which says nothing of the status: ``Tavoite toteutui``."""
_FRAGMENT_MAX = 2
"""A page break may leave the end of the status word on the next page (``Toteutu`` + ``u``)."""
STATUS_PHRASES = {
    ("kesken",): IN_PROGRESS,
    ("toteutumassa",): IN_PROGRESS,
    ("käynnissä",): IN_PROGRESS,
    ("pågår",): IN_PROGRESS,
    ("pågående",): IN_PROGRESS,
    ("ei", "arvioitavissa"): NOT_ASSESSED,
    ("ei", "voida", "arvioida"): NOT_ASSESSED,
    ("ei", "arvioitu"): NOT_ASSESSED,
    ("kan", "inte", "bedömas"): NOT_ASSESSED,
    ("kan", "ej", "bedömas"): NOT_ASSESSED,
    ("ej", "bedömd"): NOT_ASSESSED,
    ("ej", "bedömt"): NOT_ASSESSED,
    ("vihreä",): ACHIEVED,
    ("keltainen",): PARTIALLY_ACHIEVED,
    ("punainen",): NOT_ACHIEVED,
    ("grön",): ACHIEVED,
    ("gul",): PARTIALLY_ACHIEVED,
    ("röd",): NOT_ACHIEVED,
}
"""Statuses that are not an outcome, each a whole cell (the goal as its subject aside): still
under way (``Kesken``, ``Toteutumassa``, ``Käynnissä``, ``Pågår``, ``Pågående``), or not assessed
this year (``Ei arvioitavissa``, ``Ei voida arvioida``, ``Ei arvioitu``, ``Kan inte bedömas``,
``Kan ej bedömas``, ``Ej bedömd``); and the traffic lights a year's outcome is printed in
(``Vihreä``, ``Keltainen``, ``Punainen``; ``Grön``, ``Gul``, ``Röd``): achieved, partially
achieved, not achieved. A goal to come true in a later year (``Toteutuu vuonna 2026``) is none
of them: its status is not read."""
DASH = "-"
STATUS_SYMBOLS = {"+": ACHIEVED, "+/-": PARTIALLY_ACHIEVED, DASH: NOT_ACHIEVED}
"""Statuses printed as a symbol, the cell's only text: ``+`` achieved, ``+/-`` partially
achieved, ``-`` not achieved. A dash alone may as well say that nothing is printed: it is read
only in a column that prints ``+`` or ``+/-`` too (``_dash_without_scale``). Another symbol alone
(``☺``, ``●``) is not read; beside words (``✔ Toteutui``, ``◐ Osittain``) a symbol is not read
either: the words are."""
_SCALE = frozenset(STATUS_SYMBOLS) - {DASH}
"""The symbols beside which a dash alone reads as not achieved."""
_SYMBOL_SPELLINGS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00b1": "+/-", " ": None, "\u00a0": None})
"""The minus sign and the en dash print the dash; ``±`` is ``+/-``; spaces are not read."""
# Where a cell tells its status among other text (``Toteutui. Asemakaava hyväksyttiin.``, ``LED-
# osuus nousi 82 %:iin, tavoite toteutui.``): its sentences, and the clauses of a sentence, end
# at these marks before a space or the cell's end (not inside ``1,8`` or ``82 %:iin``).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+")
_CLAUSE_BREAK = re.compile(r"(?<=[,:])\s+|\s+[-\u2013\u2014]\s+")


@dataclass(frozen=True)
class _GoalColumns:
    level: str
    strategic: int | None
    goal: int
    status: int
    measure: int | None
    target_level: int | None
    responsible: int | None
    outcome: int | None
    status_in_outcome: bool = False
    """The status column is the outcome (``Tavoite | Mittari | Toteutuminen``): a cell that
    tells no status (``_told_status``) is an outcome whose status is not printed."""


def goal_records(
    blocks: list[TableBlock],
    source: str,
    rejects: Rejects | None = None,
    *,
    statement_year: int | None = None,
    municipality: str | None = None,
) -> Parsed:
    """One record per goal in ``blocks`` (one report's tables, in document order).

    Blocks of other kinds are skipped; a page break never joins a goals table across them.
    A table whose header cannot be read and a goal whose status cannot be read go to
    ``rejects`` (strict when not given).
    """
    del statement_year, municipality  # a goals table's columns are read without them
    rejects = strict(rejects)
    records: list[Record] = []
    for table, readable in _GOAL_TABLE.tables(blocks, source, rejects):
        printed = {row.line: row for block in readable for row in block.rows}
        records.extend(_table_records(table, printed, source, rejects))
    return Parsed(records)


def status_from_tila(text: str, *, carried_over: bool = False) -> str | None:
    """Normalise a status cell: ``achieved``, ``partially_achieved``, ``not_achieved``,
    ``in_progress`` or ``not_assessed``, or ``""`` when empty; ``None`` when the text tells no
    status, or more than one.

    The whole cell is read first (``_status_of``); a symbol alone by ``STATUS_SYMBOLS``. Else
    the status is told among other text (``_told_status``): ``Toteutui. Asemakaava
    hyväksyttiin 5/2025.``, ``Ei toteutunut määrärahojen puutteen vuoksi.`` Else a cell printing
    it in Finnish and Swedish (``Toteutui / Uppnåddes``) is the status both halves state, each
    read alone (``half_statuses``), where they state the same.

    >>> status_from_tila("<p>Toteutu osittain</p>")
    'partially_achieved'
    >>> status_from_tila("Ei toteudu")
    'not_achieved'
    >>> status_from_tila("+/-")
    'partially_achieved'
    >>> status_from_tila("Osittain toteutunut, kulutus laski 1,8 %.")
    'partially_achieved'
    >>> status_from_tila("Toteutui osittain / Uppnåddes delvis")
    'partially_achieved'
    """
    plain = strip_markup(text)
    words = _words(plain)
    if not words:
        return STATUS_SYMBOLS.get(symbol_of(plain)) if plain.strip() else ""
    whole = _status_of(words, carried_over=carried_over)
    if whole is None:
        whole = _told_status(plain)
    if whole is not None:
        return whole
    halves = half_statuses(plain, carried_over=carried_over)
    return halves[0][1] if halves and halves[0][1] == halves[1][1] else None


def half_statuses(text: str, *, carried_over: bool = False) -> tuple[tuple[str, str | None], ...] | None:
    """Each half of a status cell printing Finnish and Swedish (``bilingual_halves``) with the
    status it states alone (``status_from_tila``; ``None`` where it states none, an empty half
    none either); ``None`` where the cell has no such halves."""
    halves = bilingual_halves(strip_markup(text))
    if halves is None:
        return None
    return tuple((half, status_from_tila(half, carried_over=carried_over) or None) for half in halves)


def symbol_of(text: str) -> str:
    """A cell's text as a symbol of ``STATUS_SYMBOLS`` is spelt there (``_SYMBOL_SPELLINGS``)."""
    return strip_markup(text).translate(_SYMBOL_SPELLINGS)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _status_of(words: list[str], *, carried_over: bool = False) -> str | None:
    """The status that ``words`` are wholly: a phrase of ``STATUS_PHRASES`` or a partial word
    alone (``Osittain``), the goal as its subject aside; else ``_verb_status``."""
    unsubjected = tuple(word for word in words if word not in _SUBJECTS)
    phrase = STATUS_PHRASES.get(unsubjected)
    if phrase is not None:
        return phrase
    if len(unsubjected) == 1 and unsubjected[0] in _PARTIALS:
        return PARTIALLY_ACHIEVED
    return _verb_status(words, carried_over=carried_over)


def _verb_status(words: list[str], *, carried_over: bool) -> str | None:
    """The status of one form of *toteutua* (Swedish *uppnå*), optionally negated by ``ei``
    (``inte``, ``ej``) or qualified by ``osittain``, ``pääosin`` (``delvis``) (never both), with
    nothing else but the goal as its subject (``Tavoite toteutui``).

    With ``carried_over`` (the row ran over a page break) a fragment of at most two letters right
    after the verb is the verb's own end repeated on the next page and is ignored."""
    verbs = [index for index, word in enumerate(words) if _STATUS_VERB.match(word)]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    negated = partial = False
    for index, word in enumerate(words):
        if index == verb:
            continue
        if word in _NEGATIONS:
            negated = True
        elif word in _PARTIALS:
            partial = True
        elif word in _SUBJECTS:
            continue
        elif not (carried_over and index == verb + 1 and len(word) <= _FRAGMENT_MAX and word.isalpha()):
            return None
    if negated and partial:
        return None
    if negated:
        return NOT_ACHIEVED
    return PARTIALLY_ACHIEVED if partial else ACHIEVED


def _told_status(text: str) -> str | None:
    """The status that ``text`` tells among other text: of each sentence that is wholly a
    status (``Toteutuu. Päiväkoti valmistui.``), and of each clause of the others that starts
    with one in a past form of the verb (``_leading_status``). Every word of a status in the text
    (``_is_status_word``) must be in what is read (``Tavoite toteutuu, kun päiväkoti valmistuu``
    tells none, nor ``Toteutui, mutta ei kokonaan``), and what is read must agree; ``None``
    otherwise."""
    told: set[str] = set()
    for sentence in _SENTENCE_BREAK.split(text):
        status = _status_of(_words(sentence))
        if status is not None:
            told.add(status)
            continue
        for clause in map(_words, _CLAUSE_BREAK.split(sentence)):
            status = _leading_status(clause)
            if status is not None:
                told.add(status)
            elif any(map(_is_status_word, clause)):
                return None
    return told.pop() if len(told) == 1 else None


def _leading_status(words: list[str]) -> str | None:
    """The status that a clause starts with, in a past form of the verb (what came of the year,
    not what is to come), followed by an explanation that holds no word of a status (verb,
    negation, partial, degree): ``Ei toteutunut määrärahojen puutteen vuoksi``, not ``Ei
    toteutunut täysin``."""
    for end in range(len(words), 0, -1):
        status = _status_of(words[:end])
        if status is None or not any(_PAST_VERB.match(word) for word in words[:end]):
            continue
        return None if any(map(_is_status_word, words[end:])) else status
    return None


def _is_status_word(word: str) -> bool:
    """A form of the verb, a negation, a partial or a degree word."""
    return word in _NEGATIONS or word in _PARTIALS or word in _DEGREES or _STATUS_VERB.match(word) is not None


def _columns(header: tuple[str, ...], source: str, line: int) -> _GoalColumns:
    columns = HeaderColumns(header, "goals table", source, line)
    required, optional = columns.required, columns.optional
    goal = required(_GOAL_COLUMN)
    measure = optional(_MEASURE_COLUMN)
    if measure is not None:
        level = OPERATIONAL
    elif columns.names[goal].startswith(_COUNCIL_GOAL):
        level = COUNCIL
    else:
        raise ExtractionError(source, line, f"cannot tell council from operational goals (no Mittari column): {header}")
    status, outcome, status_in_outcome = _status_and_outcome(columns)
    return _GoalColumns(
        level=level,
        strategic=optional(_STRATEGIC_COLUMN),
        goal=goal,
        status=status,
        measure=measure,
        target_level=optional(_TARGET_LEVEL_COLUMN),
        responsible=optional(_RESPONSIBLE_COLUMN),
        outcome=outcome,
        status_in_outcome=status_in_outcome,
    )


def _status_and_outcome(columns: HeaderColumns) -> tuple[int, int | None, bool]:
    """The status column, the outcome column and whether they are one.

    An assessment (``Arvio``) is the status, and a column of how the goal came true
    (``Toteutuminen``) then the outcome; without an assessment that column is the status where
    the outcome has a column of its own (``Toteutuma 2025``), else the outcome and the status
    both."""
    assessment = columns.optional(_ASSESSMENT_COLUMN, _ASSESSMENT_NAMES)
    realisation = columns.optional(_REALISATION_COLUMN, _REALISATION_NAMES)
    outcome = columns.optional(_OUTCOME_COLUMN, _OUTCOME_NAMES)
    if assessment is None:
        status = columns.required(_REALISATION_COLUMN, _STATUS_NAMES)
        return (status, outcome, False) if outcome is not None else (status, status, True)
    if realisation is None:
        return assessment, outcome, False
    if outcome is not None:
        raise ExtractionError(
            columns.source,
            columns.line,
            f"goals table has two outcome columns, {columns.header[outcome]!r} and {columns.header[realisation]!r}:"
            f" {columns.header}; which one is the outcome?",
        )
    return assessment, realisation, False


def _continues(columns: _GoalColumns, row: LogicalRow) -> bool:
    """Whether the first row after a repeated header carries on the goal before the break:
    its strategic-goal cell starts no new bold title and its goal cell is empty or carries
    on a sentence (starts in lower case)."""
    if _BOLD_TITLE.match(_cell(row.cells, columns.strategic)):
        return False
    goal = row.text(columns.goal)
    return goal == "" or goal[0].islower()


def _table_records(table: LogicalTable, printed: dict[int, Row], source: str, rejects: Rejects) -> Iterator[Record]:
    columns = _columns(table.header, source, table.first_line)
    reads_dash = any(symbol_of(row.text(columns.status)) in _SCALE for row in table.rows)
    strategic_goal = strategic_text = ""
    for row in table.rows:
        if not any(row.text(index) for index in range(len(row.cells))):
            continue
        own_text = _list_text([_cell(printed[line].cells, columns.strategic) for line in row.lines])
        inherited = own_text == ""
        if not inherited:
            strategic_text = own_text
            strategic_goal = _title(_cell(row.cells, columns.strategic)) or own_text.split(" \u2022 ")[0]
        goal, measure = _goal_and_measure(row, columns, printed)
        status_raw = row.text(columns.status)
        try:
            status = _row_status(table, row, columns, source, reads_dash=reads_dash)
        except ExtractionError as error:
            rejects.add_row_for_cell(error, table, row, KIND, columns.status, status_raw)
            continue
        code = _SUB_AREA.match(goal)
        yield {
            "source_line": row.first_line,
            "last_line": row.last_line,
            "table_line": table.first_line,
            "table_heading": table.heading or "",
            "goal_level": columns.level,
            "strategic_goal": strategic_goal,
            "strategic_goal_text": strategic_text,
            "is_strategic_goal_inherited": bool(inherited and strategic_text),
            "sub_area": code["code"].lower() if code else "",
            "goal": goal,
            "measure": measure,
            "target_level": _paragraphs_of(row, columns.target_level, printed),
            "responsible": _paragraphs_of(row, columns.responsible, printed),
            "outcome": _paragraphs_of(row, columns.outcome, printed),
            "status_raw": status_raw,
            "status": status,
        }


def _row_status(table: LogicalTable, row: LogicalRow, columns: _GoalColumns, source: str, *, reads_dash: bool) -> str:
    """The row's status (``status_from_tila``); empty where the status column is the outcome
    and its text tells none. Raises ``ExtractionError`` naming the row's line where it cannot be
    read: a dash alone unless ``reads_dash`` (the column prints ``+`` or ``+/-`` too), or Finnish
    and Swedish halves that state different statuses (``half_statuses``), both named."""
    status_raw = row.text(columns.status)
    status = status_from_tila(status_raw, carried_over=len(row.lines) > 1)
    header = table.header[columns.status]
    if status == NOT_ACHIEVED and symbol_of(status_raw) == DASH and not reads_dash:
        raise ExtractionError(
            source,
            row.first_line,
            f"goal status ({header}) '{status_raw}' alone: not achieved, or nothing printed? A dash is read as"
            " not achieved only in a column that prints + or +/- for another goal; print the status in words",
        )
    if status is not None:
        return status
    halves = half_statuses(status_raw, carried_over=len(row.lines) > 1)
    if halves and all(stated for _, stated in halves):
        both = " and ".join(f"'{half}' {stated}" for half, stated in halves)
        why = f"goal status ({header}) '{status_raw}': its Finnish and Swedish halves state different statuses, {both}"
        raise ExtractionError(source, row.first_line, why)
    if columns.status_in_outcome and _words(status_raw):
        return ""
    symbols = "" if _words(status_raw) else f"; of symbols only {', '.join(STATUS_SYMBOLS)} are read"
    raise ExtractionError(source, row.first_line, f"unrecognised goal status ({header}) '{status_raw}'{symbols}")


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    """Cell ``index`` of ``cells``; empty when the row has fewer or the table no such column."""
    return cells[index] if index is not None and index < len(cells) else ""


def _title(cell: str) -> str:
    match = _BOLD_TITLE.match(cell)
    return strip_markup(match["title"]) if match else ""


def _items(cell: str) -> list[str]:
    """A cell's bold title and list items, as plain text (printed bullets dropped)."""
    title = _BOLD_TITLE.match(cell)
    items = [strip_markup(title["title"])] if title else []
    rest = cell[title.end() :] if title else cell
    items.extend(strip_markup(piece) for piece in _ITEM_BREAK.split(rest))
    return [item for item in items if item]


def _list_text(parts: list[str]) -> str:
    """The printed parts of a cell (one per page) as one list joined with bullets.

    A part that starts in lower case after a page break carries on the last item.
    """
    items: list[str] = []
    for number, part in enumerate(parts):
        pieces = _items(part)
        if number > 0 and items and pieces and pieces[0][0].islower():
            items[-1] = f"{items[-1]} {pieces.pop(0)}"
        items.extend(pieces)
    return " \u2022 ".join(items)


def _goal_and_measure(row: LogicalRow, columns: _GoalColumns, printed: dict[int, Row]) -> tuple[str, str]:
    """The goal and its measure: from their own columns, or split out of a council goal's cell."""
    goal = _paragraphs_of(row, columns.goal, printed)
    if columns.measure is not None:
        return goal, _paragraphs_of(row, columns.measure, printed)
    return _split_measure(goal)


def _paragraphs_of(row: LogicalRow, index: int | None, printed: dict[int, Row]) -> str:
    """The row's text in column ``index`` (empty when the table has none), paragraphs kept."""
    if index is None:
        return ""
    return paragraph_text([_cell(printed[line].cells, index) for line in row.lines])


def paragraph_text(parts: list[str]) -> str:
    """A text cell printed in ``parts`` (one per page) as plain text whose paragraphs are kept
    apart by ``PARAGRAPH_SEPARATOR``: a ``<p>`` or ``<br>`` tag, or a printed line break (two
    spaces), starts a paragraph. A part after a page break carries on the last paragraph when
    it starts in lower case, or when that paragraph ends in no punctuation and the part does
    not start with a capital (``opiskeli`` + ``31.12.2025 14 oppilasta``).

    >>> paragraph_text(["<p>Yksi.</p> <p>Kaksi ja</p>", "<p>kolme.</p>"])
    'Yksi.\\nKaksi ja kolme.'
    """
    paragraphs: list[str] = []
    for number, part in enumerate(parts):
        pieces = [text for text in map(strip_markup, _PARAGRAPH_BREAK.split(part)) if text]
        if number > 0 and paragraphs and pieces and _carries_on(paragraphs[-1], pieces[0]):
            paragraphs[-1] = f"{paragraphs[-1]} {pieces.pop(0)}"
        paragraphs.extend(pieces)
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def _carries_on(paragraph: str, part: str) -> bool:
    if part[0].islower():
        return True
    return not paragraph.endswith(_SENTENCE_END) and not part[0].isupper()


def _split_measure(goal: str) -> tuple[str, str]:
    """A council goal cell's goal and the measure after ``Mittari:``."""
    match = _MEASURE.search(goal)
    if match is None:
        return goal, ""
    return goal[: match.start()].strip(), goal[match.end() :].strip()


_GOAL_TABLE = ColumnTable(KIND, _columns, _continues)


def _recognise(cells: list[str]) -> bool:
    """A goals table's header: it starts with the strategic goal or the goal, and some column
    is the status."""
    names = [header_name(cell) for cell in cells]
    if not names or not any(names_column(_STATUS_COLUMN, name) for name in names):
        return False
    return any(names_column(column, names[0]) for column in (_STRATEGIC_COLUMN, _GOAL_COLUMN))


TABLE_KIND = TextTableKind(KIND, "goals table", _recognise, goal_records, records.GOALS)
