"""The column vocabulary of budget tables: what each header cell of a value column means.

Every municipality names the same columns its own way (``Tilinpäätös 2024`` / ``TP2024`` /
``Ed.TP``, ``TA 2025`` / ``Alkuperäinen TA`` / ``Ta +``, ``Toteuma`` / ``Tot.`` / ``Utfall``).
Each role is declared once in :data:`VOCABULARY` with all its spellings, Finnish and Swedish;
a header cell must match exactly one declaration in full, or it is an :class:`UnknownColumn`
naming the header. A cell printing the Finnish and Swedish words split by ``/`` (``TP/BS 2024``,
``Poikkeama/Avvikelse``) is the declaration both halves match, each alone. Years are read from
the cell (or the header's second line, merged into it by the caller); a cell without a year
takes the statement's year plus the declaration's offset (``Ed.``/``edellinen`` meaning the year
before).

Rules then read the header as a whole (:func:`classify_header`):

- an actual of the year before the statement year is the prior-year actual (``Toteutunut
  2024`` in a 2025 statement), and a prior-year spelling of the statement year is the actual;
  an actual of an earlier year (``TP 2023``) is an other column, kept with its header: the
  warehouse holds one prior year, the one the budget of the year before (``Ed.TA``) is of too;
- an actual dated at the end of a year before the statement year (``Toteutunut 31.12.2024``
  in a 2025 statement) is what was spent by that date, an investment project's spending of the
  years before (``spent_before``), kept with its header; ``Toteuma 31.12.2025`` is the
  statement year's actual, ``TP 2024`` undated the prior year's;
- the statement without a year (``TP``, ``Tilinpäätös``) printed after a budget of the
  statement year, in a header printing no actual, is the statement year's actual (``TA |
  TA-muutokset | TA muutosten jälkeen | TP | Poikkeama``);
- an operational plan (``Käyttösuunnitelma``, ``KS 2025``: the budget a board binds for its
  units) is the budget of its year; printed beside another budget or an original budget of
  its year (``TA 2025 | KS 2025``, ``Alkuperäinen TA | KS``) it is the budget in force, the
  revised budget;
- a single budget printed beside changes or a revised budget of the same year is the
  original budget (``TA | Ta-muut. | Ta +``);
- a change naming nothing it changes (``Muutos``, ``Förändring``: as often a year's change
  from the year before) is the budget change only printed between a budget of the statement
  year and that budget in force after changes (``BU 2025 | Förändring | Budget efter
  förändring``);
- changes may be printed in several columns of one year, one per decision (``Lisätalousarviot
  | Muut TA-muutokset``, ``1. lisätalousarvio``, ``TA-muutokset 1/2025``: a declaration's
  ``summed``), which the rows sum.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from kuntatalous.errors import ExtractionError
from kuntatalous.text.cells import bilingual_halves, strip_markup
from kuntatalous.text.document import STATEMENT_TITLE
from kuntatalous.text.number_format import strip_unit


class Role(StrEnum):
    """What a value column of a budget table holds."""

    PRIOR_ACTUAL = "prior_actual"
    BUDGET_ORIGINAL = "budget_original"
    BUDGET_CHANGE = "budget_change"
    BUDGET_REVISED = "budget_revised"
    """The budget in force after changes."""
    BUDGET = "budget"
    """The only budget printed (no original/changes/revised split)."""
    ACTUAL = "actual"
    VARIANCE = "variance"
    EXECUTION_PCT = "execution_pct"
    OTHER = "other"
    """A recognised column that is no budget phase (its kind says which); kept with its header."""


BUDGET_ROLES = frozenset({Role.BUDGET_ORIGINAL, Role.BUDGET_CHANGE, Role.BUDGET_REVISED, Role.BUDGET})
"""Roles whose presence makes a table a budget table."""
ACTUAL_ROLES = frozenset({Role.ACTUAL, Role.PRIOR_ACTUAL})
"""The roles of a statement printed with its actuals alone."""

PARTIAL_PERIOD = "<partial>"
"""Stands in the normalised header for a period short of the full year (``09/2024``, ``1-9``)."""
YEARS_SPANNED = "<years>"
"""Stands in the normalised header for a span of years (``TS 2026-2028``): no one year's column."""

EARLIER_ACTUAL = "earlier_actual"
"""The kind of other column an actual of a year before the prior year is (``TP 2023`` beside
``TP 2024`` in a 2025 statement)."""
SPENT_BEFORE = "spent_before"
"""The kind of other column an investment project's spending before the statement year is
(``Käytetty aiemmin``, ``Kertymä 31.12.2024``, ``Toteutunut 31.12.2024``): several years'
cumulative spend, a stock to a date, never a year's actual."""
CHANGE_PCT = "change_pct"
"""The kind of other column a change between two years' figures in per cent is (``Muutos %``):
the warehouse holds each year's figure, the change is theirs to compute (a budget table keeps it
with its header, a key-figure table leaves it out by design)."""
FINANCIAL_PLAN = "financial_plan"
"""The kind of other column a year of the financial plan is (``TS 2026``, ``Taloussuunnitelma
2027``, ``TS 2026-2028``, Swedish ``EP 2026``, ``Ekonomiplan 2027``): the years after the budget,
as the council planned them beside it, kept with its header, as a later year's budget (``TA
2026``) is."""
ORIGINAL_EXECUTION_PCT = "original_execution_pct"
"""The kind of other column the actual as a percentage of the original budget is (``Tot-%
(alkup. TA)``): the warehouse's execution percentage is of the budget in force."""


@dataclass(frozen=True)
class Declaration:
    """One role (or, for :attr:`Role.OTHER`, one kind of other column) and all its spellings."""

    role: Role
    spellings: tuple[str, ...]
    """Regular expressions matched in full against the normalised header (lower case, single
    spaces, years and full-year month ranges removed, footnote markers stripped)."""
    year_offset: int | None = 0
    """The column's year relative to the statement year when the cell names none; ``None``
    for columns that carry no year."""
    kind: str | None = None
    """For :attr:`Role.OTHER`: which other column (``overrun_allowance``, ...)."""
    summed: bool = False
    """Whether a header may print several columns of it for one year, one per decision
    (``Lisätalousarviot | Muut TA-muutokset``), numbered or not (``1. lisätalousarvio``,
    ``TA-muutokset 1/2025``: :func:`classify_cell`): their figures are summed."""

    def matches(self, text: str) -> bool:
        return any(re.fullmatch(spelling, text) for spelling in self.spellings)


_ACTUAL_WORDS = r"(?:toteuma|toteutuma|toteutunut|tot\.?|käyttö|utfall)"
_STATEMENT_WORDS = r"(?:tilinpäätös|tilinp\.?|tp|bokslut|bs)"
"""The financial statement: without a year, the prior year's (``TP | TA | Toteuma``), or after
the budgets of a header printing no actual the statement year's own (:func:`_statement_actuals`)."""
_PLAN_WORDS = r"(?:käyttösuunnitelma|ks)"
"""The operational plan: a board's budget for its units within the council's budget."""
_FINANCIAL_PLAN_WORDS = r"(?:taloussuunnitelma|suunnitelma|ts|ekonomiplan|ep)"
"""The financial plan (taloussuunnitelma): the years after the budget year, as the council
planned them with it (``TS 2026``, ``Suunnitelma 2027``, Swedish ``EP 2026``, ``Ekonomiplan``)."""
_SWEDISH_BUDGET_WORDS = r"(?:budget|bu)"
_BUDGET_WORDS = rf"(?:talousarvio|ta|budjetti|{_SWEDISH_BUDGET_WORDS}|{_PLAN_WORDS})"
_SWEDISH_CHANGE_WORDS = r"(?:för)?ändring(?:ar)?"
"""The budget's changes in Swedish (``Budgetändringar``, ``BU-ändringar``, ``Budget efter
förändring``): ``muutokset``'s twins."""
_VARIANCE_WORDS = r"(?:poikkeama|erotus|ero|avvikelse|differens)"
"""The variance, alone or before the difference it is (``Poikkeama TA-TP``, ``Avvikelse
BU-BS``); which way it is taken the table's figures tell (``variance.py``), as printed or not."""
_SPENT_WORDS = rf"(?:{_ACTUAL_WORDS}|{_STATEMENT_WORDS}|käytetty|kertymä)"
_SPENT_BEFORE_SPELLINGS = (
    r"kertymä",
    rf"{_SPENT_WORDS} (?:asti|saakka|mennessä)",
    rf"{_SPENT_WORDS} (?:aiemmin|aikaisemmin|ennen)",
    rf"{_SPENT_WORDS} (?:aiempina|aikaisempina|edellisinä) vuosina",
    rf"(?:ed\. ?|aiempien |aikaisempien |edellisten )vuosien {_ACTUAL_WORDS}",
    r"(?:toteutunut|toteuma|käytetty|kertymä) yhteensä(?: mennessä)?",
    r"(?:använt|förbrukat|utfall) (?:tidigare|tidigare år|före)",
)
"""An investment project's spending before the statement year, several years' cumulative spend
(``Käytetty aiemmin``, ``Kertymä 31.12.2024``, ``Toteutunut aiempina vuosina``, ``Ed. vuosien
toteuma``, ``Toteutunut ennen 2025``, ``TP 2024 asti``, ``Käytetty 31.12.2024 mennessä``,
``Toteutunut yhteensä 31.12.2024``, Swedish ``Använt tidigare``, ``Förbrukat tidigare år``): the
years and the date ``31.12.`` are read off before these are matched."""

_ORIGINAL_WORDS = r"(?:alkuperäinen |alkup\. ?|ursprunglig )"
"""The original budget, as the council passed it (``Alkuperäinen TA``, ``Alkup. TA``, Swedish
``Ursprunglig budget``)."""
_EXECUTION_PCT_SPELLINGS = (
    rf"{_ACTUAL_WORDS} ?-? ?%",
    r"toteutumis ?-? ?%",
    r"toteutumisaste ?-? ?%?",
    r"käyttöaste ?-? ?%",
    rf"(?:tp|{_ACTUAL_WORDS}) ?/ ?{_BUDGET_WORDS} ?-? ?%",
    r"förverkl(?:igande|\.)? ?-? ?%",
)
"""The actual as a percentage of the budget (``Tot-%``, ``Toteutumisaste %``, ``TP/TA %``, Swedish
``Utfall %``, ``Förverkl. %``): of the budget in force, or, naming the original budget after it
(``Tot-% (alkup. TA)``), of that (:data:`ORIGINAL_EXECUTION_PCT`)."""

VOCABULARY: tuple[Declaration, ...] = (
    Declaration(
        Role.PRIOR_ACTUAL,
        (_STATEMENT_WORDS, r"ed\. ?vuosi", r"edellinen vuosi", r"föregående år"),
        year_offset=-1,
    ),
    Declaration(
        Role.BUDGET_ORIGINAL,
        (
            rf"{_ORIGINAL_WORDS} ?{_BUDGET_WORDS}",
            rf"{_BUDGET_WORDS} alkuperäinen",
        ),
    ),
    Declaration(
        Role.BUDGET_CHANGE,
        (
            rf"(?:muut )?{_BUDGET_WORDS} ?-? ?muut(?:okset|os|\.)?",
            r"(?:muut )?(?:talousarvio|budjetti)muutokset",
            r"(?:muut )?muutokset",
            r"lisätalousarvio(?:t)?",
            r"lisäbudjet(?:ti|it)",
            rf"(?:övriga )?{_SWEDISH_BUDGET_WORDS} ?-? ?{_SWEDISH_CHANGE_WORDS}",
            r"(?:övriga )?(?:för)?ändringar",
            r"tilläggsbudget(?:ar)?",
        ),
        summed=True,
    ),
    Declaration(
        Role.BUDGET_REVISED,
        (
            rf"{_BUDGET_WORDS} muutosten jälkeen",
            rf"(?:muutettu|korjattu) {_BUDGET_WORDS}",
            rf"{_BUDGET_WORDS} muutettu",
            rf"{_BUDGET_WORDS} ?\+(?: ?muutokset| ?lta)?",
            rf"{_BUDGET_WORDS} muutoksineen",
            rf"lopullinen {_BUDGET_WORDS}",
            rf"{_BUDGET_WORDS} yhteensä",
            rf"{_SWEDISH_BUDGET_WORDS} totalt",
            rf"{_SWEDISH_BUDGET_WORDS} (?:efter|inkl\.?) {_SWEDISH_CHANGE_WORDS}",
            r"ändrad budget",
        ),
    ),
    Declaration(Role.BUDGET, (_BUDGET_WORDS,)),
    Declaration(Role.ACTUAL, (_ACTUAL_WORDS,)),
    Declaration(
        Role.VARIANCE,
        (
            _VARIANCE_WORDS,
            r"ylitys ?(?:\([+-]\))? ?/ ?alitus ?(?:\([+-]\))?",
            rf"(?:{_VARIANCE_WORDS} )?\(?(?:{_STATEMENT_WORDS}|{_ACTUAL_WORDS}) ?[-\u2013] ?{_BUDGET_WORDS}\)?",
            rf"(?:{_VARIANCE_WORDS} )?\(?{_BUDGET_WORDS} ?[-\u2013] ?(?:{_STATEMENT_WORDS}|{_ACTUAL_WORDS})\)?",
        ),
    ),
    Declaration(Role.EXECUTION_PCT, _EXECUTION_PCT_SPELLINGS, year_offset=None),
    Declaration(
        Role.OTHER,
        (rf"(?:{'|'.join(_EXECUTION_PCT_SPELLINGS)}) ?\(?{_ORIGINAL_WORDS} ?{_BUDGET_WORDS}\)?",),
        year_offset=None,
        kind=ORIGINAL_EXECUTION_PCT,
    ),
    Declaration(Role.OTHER, (r"ylitysoikeus",), year_offset=None, kind="overrun_allowance"),
    Declaration(Role.OTHER, (r"raami",), kind="frame"),
    Declaration(Role.OTHER, (r"ero raamiin",), kind="frame_difference"),
    Declaration(Role.OTHER, (r"muutos ?-? ?%", r"(?:för)?ändring ?-? ?%"), year_offset=None, kind=CHANGE_PCT),
    Declaration(Role.OTHER, (r"(?:poikkeama|avvikelse|ero) ?-? ?%",), year_offset=None, kind="variance_pct"),
    Declaration(Role.OTHER, (rf"{_ACTUAL_WORDS} {PARTIAL_PERIOD}",), kind="partial_year_actual"),
    Declaration(Role.OTHER, (r"ennuste", r"prognos"), kind="forecast"),
    Declaration(Role.OTHER, (rf"{_FINANCIAL_PLAN_WORDS}(?: {YEARS_SPANNED})?",), year_offset=None, kind=FINANCIAL_PLAN),
    Declaration(
        Role.OTHER,
        (r"(?:kokonais)?kustannusarvio", r"kust\. ?arvio", r"kostnadsberäkning", r"kostnadskalkyl"),
        year_offset=None,
        kind="cost_estimate",
    ),
    Declaration(Role.OTHER, _SPENT_BEFORE_SPELLINGS, year_offset=None, kind=SPENT_BEFORE),
)
"""One declaration per role (per kind for other columns). Spellings are matched in full, so
their order does not matter; a header matching two declarations is an error."""

_PREVIOUS = re.compile(r"^(?:ed\.|edellinen|edellisen vuoden) ?")
"""``Ed.TA``, ``edellinen TP``: the column of the year before."""
_FOOTNOTE = re.compile(r"\s*\*+\)?\s*$|\s*\(\d\)\s*$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
"""A year printed in a header cell (``TA 2025``), never part of a longer number."""
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2} ?[-\u2013] ?(?:19|20)\d{2}(?!\d)")
"""``2026-2028``: the years of a span (of the financial plan), read as one column (``YEARS_SPANNED``)."""
_MONTHS_OF_YEAR = re.compile(r"(?<!\d)(\d{1,2}) ?[-\u2013] ?(\d{1,2}) ?/ ?(?=(?:19|20)\d{2}(?!\d))")
"""``1-12/2025``: January to December 2025 (any shorter range is a partial year)."""
_YEAR_END = re.compile(r"(?<!\d)31\.\s?12\.?\s?(?=(?:19|20)\d{2}(?!\d))")
"""``Toteuma 31.12.2025``: the actual at the year's end, the whole year's."""
_MONTH_OF_YEAR = re.compile(r"(?<!\d)(\d{1,2}) ?/ ?(?=(?:19|20)\d{2}(?!\d))")
"""``09/2024``: through September 2024 (``12/2024`` is the full year)."""
_MONTH_RANGE = re.compile(r"(?<!\d)(\d{1,2}) ?[-\u2013] ?(\d{1,2})(?!\d)")
"""``1- 12``: January to December; any shorter range is a partial year."""
_DIGITS = re.compile(r"\S*\d\S*")
_PERCENT_ALONE = (
    "a percentage alone may be the execution percentage (actual / budget * 100) or the variance's "
    "(variance / budget * 100); print its header as the one it is, e.g. 'Tot-%' or 'Poikkeama-%'"
)
"""Why a header cell printing ``%`` alone is not read: its words name neither, and nothing here
tells the two from each other."""
_DECISION_NUMBER = re.compile(r"^\d{1,2}\.\s*(?=[^\W\d_])|(?<!\d)\d{1,2} ?/ ?(?=(?:19|20)\d{2}(?!\d))")
"""The number of one of a year's decisions: ``1. lisätalousarvio``, ``TA-muutokset 2/2025`` (the
second change of 2025). Read so only where the cell reads no other way and names a declaration
of several columns (``Declaration.summed``): ``Tot. 09/2024`` is through September."""
_ACCOUNTING_PERIOD = re.compile(r"(?<!\d)1\.\s?1\.?\s?[-\u2013]\s?31\.\s?12\.?\s?(?=(?:19|20)\d{2}(?!\d))")
"""``1.1.-31.12.2025``: a whole year's accounting period, the column of a financial statement
printed with its actuals alone; read as ``TP 2025`` where nothing else names the column."""


@dataclass(frozen=True)
class ColumnRole:
    """A value column understood: its role, year and header as printed."""

    role: Role
    year: int | None
    header: str
    kind: str | None = None


@dataclass(frozen=True)
class UnknownColumn:
    """A header cell the vocabulary does not know: the table cannot be read by role."""

    header: str
    reason: str

    @property
    def message(self) -> str:
        if self.reason.startswith("cannot read"):
            return f"column '{self.header}': {self.reason}"
        return f"unexpected column '{self.header}' in a budget table header: {self.reason}"


def normalise_header(cell: str) -> str:
    """The header cell as printed: markup and footnote markers removed, spaces collapsed."""
    return _FOOTNOTE.sub("", strip_markup(cell)).strip()


@dataclass(frozen=True)
class _Reading:
    """A header cell reduced to its words, with the years it names."""

    words: str
    years: tuple[int, ...]
    previous: bool
    year_end: bool = False
    """Whether the cell dates its year at its end (``Toteutunut 31.12.2024``)."""


def _read(header: str) -> _Reading | UnknownColumn:
    text = header.lower().replace("\u2212", "-")
    period = _ACCOUNTING_PERIOD.search(text) is not None
    text = _ACCOUNTING_PERIOD.sub("", text)
    text = _YEAR_SPAN.sub(f" {YEARS_SPANNED} ", text)
    year_end = _YEAR_END.search(text) is not None
    text = _YEAR_END.sub("", text)
    text = _MONTHS_OF_YEAR.sub(lambda m: "" if (m[1], m[2]) == ("1", "12") else f" {PARTIAL_PERIOD} ", text)
    text = _MONTH_OF_YEAR.sub(lambda m: "" if m[1] == "12" else f" {PARTIAL_PERIOD} ", text)
    text = _MONTH_RANGE.sub(lambda m: "" if (m[1], m[2]) == ("1", "12") else f" {PARTIAL_PERIOD} ", text)
    years = tuple(int(year) for year in YEAR.findall(text))
    text = YEAR.sub(" ", text)
    stray = [token for token in _DIGITS.findall(text) if PARTIAL_PERIOD not in token]
    if stray:
        printed = next((token for token in _DIGITS.findall(header) if token.lower() == stray[0]), stray[0])
        return UnknownColumn(header, f"cannot read '{printed}' as a year (expected e.g. 2025)")
    if len(years) > 1:
        return UnknownColumn(header, "names more than one year")
    words = re.sub(r"\s+", " ", text).strip(" /") or ("tp" if period else "")
    previous = _PREVIOUS.match(words)
    if previous is not None and not any(d.matches(words) for d in VOCABULARY):
        return _Reading(words[previous.end() :], years, previous=True, year_end=year_end)
    return _Reading(words, years, previous=False, year_end=year_end)


@lru_cache(maxsize=4096)
def classify_cell(cell: str, statement_year: int | None) -> ColumnRole | UnknownColumn:
    """The role of one header cell, before the header-wide rules of :func:`classify_header`.
    Cached: a report prints the same few headers in every table, and what it returns is frozen."""
    header = normalise_header(cell)
    # The scale a cell may name (``TA 2025 (1 000 €)``) is the table's, not the column's role.
    text = strip_unit(header) or header
    column = _classify(header, _read(text), statement_year)
    if isinstance(column, UnknownColumn) and _DECISION_NUMBER.search(text.lower()) is not None:
        numbered = _classify(header, _read(_DECISION_NUMBER.sub(" ", text.lower())), statement_year)
        if isinstance(numbered, ColumnRole) and _declaration(numbered).summed:
            return numbered
    return column


def _classify(header: str, reading: _Reading | UnknownColumn, statement_year: int | None) -> ColumnRole | UnknownColumn:
    """The role of a header cell read (``_read``), before the header-wide rules."""
    if isinstance(reading, UnknownColumn):
        return reading
    found = _declarations(reading.words)
    if not found and reading.words == "%":
        return UnknownColumn(header, _PERCENT_ALONE)
    if not found and YEARS_SPANNED in reading.words:
        return UnknownColumn(header, "names more than one year")  # a span only the financial plan prints
    if not found:
        return UnknownColumn(header, "not a known column name")
    if len(found) > 1:
        roles = ", ".join(declaration.kind or declaration.role for declaration in found)
        return UnknownColumn(header, f"matches more than one role ({roles})")
    declaration = found[0]
    year = _year(declaration, reading, statement_year)
    if _is_spent_before(declaration, reading, year, statement_year):
        return ColumnRole(Role.OTHER, year, header, SPENT_BEFORE)
    return ColumnRole(declaration.role, year, header, declaration.kind)


def _is_spent_before(declaration: Declaration, reading: _Reading, year: int | None, statement_year: int | None) -> bool:
    """Whether an actual dated at the end of a year before the statement year (``Toteutunut
    31.12.2024``, ``TP 31.12.2024`` in a 2025 statement) is the spending to that date.

    A date is a point in time: an actual to 31.12. of an earlier year is what was spent by then,
    a stock, as an investment project list prints it beside the statement year's budgets and
    actual, the years before summed; it is never a year's flow, which the header prints without
    a date (``TP 2024``, ``Tilinpäätös 2024``: the prior year's actual). Where the header alone
    cannot tell the two apart, the column is kept with its header, never summed into the prior
    year's actual. An actual dated at the end of the statement year (``Toteuma 31.12.2025``) is
    that year's actual; an accounting period (``1.1.-31.12.2024``) is the year's, no date."""
    return (
        reading.year_end
        and declaration.role in ACTUAL_ROLES
        and year is not None
        and statement_year is not None
        and year < statement_year
    )


_WRAP = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")
"""A word hyphenated where a header cell wraps onto its second line (``Budget-`` over
``ändringar``, ``Talous-`` over ``arvio``), read with a space between the two."""


def _declarations(words: str) -> list[Declaration]:
    """The declarations a cell's words match; where none does, those the words match with a word
    broken at the wrap of the cell joined again (``budget- ändringar``: ``budgetändringar``), else
    the one both languages of a bilingual cell name (``_bilingual``). A spelling that reads as
    printed is never read joined (``TP- TA``, a variance) nor split (``Ylitys/alitus``, ``Tot/TA
    %``)."""
    found = _matching(words)
    if found:
        return found
    if _WRAP.search(words) is not None:
        found = _matching(_WRAP.sub("", words))
    return found or _bilingual(words)


def _matching(words: str) -> list[Declaration]:
    return [declaration for declaration in VOCABULARY if declaration.matches(words)]


def _bilingual(words: str) -> list[Declaration]:
    """The declaration both halves of a cell printing Finnish and Swedish words split by ``/``
    name (``tp/bs``, ``poikkeama/avvikelse``, ``tot-%/utfall-%``), each alone; none where they
    name different ones (``tp/ta``) or either names none or more than one."""
    halves = bilingual_halves(words)
    if halves is None:
        return []
    finnish, swedish = map(_declarations, halves)
    return finnish if len(finnish) == 1 and finnish == swedish else []


def _year(declaration: Declaration, reading: _Reading, statement_year: int | None) -> int | None:
    if reading.years:
        return reading.years[0]
    if declaration.year_offset is None or statement_year is None:
        return None
    return statement_year - 1 if reading.previous else statement_year + declaration.year_offset


@dataclass(frozen=True)
class HeaderRoles:
    """The value columns of a header, in printed order, each understood or not."""

    columns: tuple[ColumnRole | UnknownColumn, ...]
    statement_year: int | None
    """The title's statement year, or else the latest budget or actual year printed."""

    @property
    def unknown(self) -> tuple[UnknownColumn, ...]:
        return tuple(column for column in self.columns if isinstance(column, UnknownColumn))

    @property
    def known(self) -> tuple[ColumnRole, ...]:
        return tuple(column for column in self.columns if isinstance(column, ColumnRole))

    @property
    def is_budget_table(self) -> bool:
        """True when some column is a budget phase: the header is a budget table's."""
        return any(column.role in BUDGET_ROLES for column in self.known)

    @property
    def is_actuals_only(self) -> bool:
        """True when every column is an actual, the statement year's among them (``TP 2025 |
        TP 2024``): the header of a statement printed without its budget (``budget_tables``
        reads it as a budget table where it is the whole city's income or financing
        statement)."""
        roles = {column.role for column in self.known}
        return not self.unknown and roles <= ACTUAL_ROLES and Role.ACTUAL in roles

    def find(self, role: Role, year: int | None = None) -> ColumnRole | None:
        """The column of ``role`` (of ``year``, if given); ``None`` if not printed."""
        for column in self.known:
            if column.role == role and (year is None or column.year == year):
                return column
        return None

    def budget_in_force(self) -> ColumnRole | None:
        """The revised budget where one is printed, else the only budget of the statement year
        (``TA 2025``, not ``Ed.TA``)."""
        revised = self.find(Role.BUDGET_REVISED, self.statement_year)
        return revised if revised is not None else self.find(Role.BUDGET, self.statement_year)

    def problems(self) -> list[str]:
        """Why the header cannot be read by role: unknown columns, a role printed twice for
        one year, a dated column whose year is unknown, a budget table without an actual of
        the statement year. Empty when it can."""
        found = [column.message for column in self.unknown]
        if self.is_budget_table and self.find(Role.ACTUAL) is None:
            found.append(f"budget table header has no actual column for {self.statement_year}")
        seen: set[tuple[Role, int | None]] = set()
        for column in self.known:
            if column.role == Role.OTHER:
                continue
            if (column.role, column.year) in seen and not _declaration(column).summed:
                found.append(f"budget table header has two '{column.role}' columns for {column.year}")
            seen.add((column.role, column.year))
            if column.year is None and _declaration(column).year_offset is not None:
                found.append(
                    f"column '{column.header}' has no year, and no statement year (e.g. 'TILINPÄÄTÖS 2025') was found"
                )
        return found


def _declaration(column: ColumnRole) -> Declaration:
    return next(d for d in VOCABULARY if d.role == column.role and d.kind == column.kind)


def is_summed(role: Role) -> bool:
    """Whether several columns of ``role`` for one year are summed (``Declaration.summed``)."""
    return any(declaration.summed for declaration in VOCABULARY if declaration.role == role)


def classify_header(
    cells: Sequence[str], *, statement_year: int | None, second_line: Sequence[str] | None = None
) -> HeaderRoles:
    """Classify a budget table's value-column header cells (the unit/label cell left out).

    ``second_line`` is a second header line's cells for the same columns (``2024 | 2025``),
    read as part of each cell. ``statement_year`` is the year on the title page (see
    :func:`find_statement_year`); without it, the budget columns' printed year stands in.
    """
    if second_line is not None and len(second_line) != len(cells):
        raise ValueError(f"second header line has {len(second_line)} cells, the first has {len(cells)}")
    texts = [f"{cell} {second_line[i]}" if second_line is not None else cell for i, cell in enumerate(cells)]
    return _classified_texts(tuple(texts), statement_year)


@lru_cache(maxsize=1024)
def _classified_texts(texts: tuple[str, ...], statement_year: int | None) -> HeaderRoles:
    """:func:`classify_header` of the header's cells as read (a second line joined to each).
    Cached: a report's tables print the same few headers, each read more than once (with and
    without the statement year), and what it returns is frozen."""
    year = statement_year if statement_year is not None else _printed_budget_year(texts)
    columns = tuple(_by_year(classify_cell(text, year), year) for text in texts)
    in_force = _plans_in_force(_statement_actuals(columns, year))
    return HeaderRoles(_originals(_bare_changes(in_force, year)), statement_year=year)


def _printed_budget_year(texts: Sequence[str]) -> int | None:
    """The latest year printed on a budget or actual column, when the title gives none."""
    years = [
        column.year
        for column in (classify_cell(text, None) for text in texts)
        if isinstance(column, ColumnRole) and column.year is not None
        if column.role in BUDGET_ROLES or column.role == Role.ACTUAL
    ]
    return max(years, default=None)


def _by_year(column: ColumnRole | UnknownColumn, year: int | None) -> ColumnRole | UnknownColumn:
    """Actuals of the year before are the prior-year actual, of an earlier year an other column
    (kept with its header); a prior-year spelling of the statement year is the actual."""
    if not isinstance(column, ColumnRole) or column.year is None or year is None:
        return column
    if column.role in (Role.ACTUAL, Role.PRIOR_ACTUAL):
        if column.year > year:
            return UnknownColumn(column.header, f"an actual for {column.year}, after the statement year {year}")
        if column.year < year - 1:
            return ColumnRole(Role.OTHER, column.year, column.header, EARLIER_ACTUAL)
        role = Role.PRIOR_ACTUAL if column.year < year else Role.ACTUAL
        return ColumnRole(role, column.year, column.header, column.kind)
    return column


def _statement_actuals(
    columns: tuple[ColumnRole | UnknownColumn, ...], year: int | None
) -> tuple[ColumnRole | UnknownColumn, ...]:
    """In a header printing no actual, the statement without a year (``TP``, ``Tilinpäätös``,
    ``Bokslut``) printed after a budget of the statement year is that year's actual: ``TA |
    TA-muutokset | TA muutosten jälkeen | TP | Poikkeama``. Before the budgets (``TP | TA``), or
    spelled as the year before (``Ed.TP``, ``Edellinen vuosi``), it stays the prior year's."""
    if year is None or any(isinstance(column, ColumnRole) and column.role == Role.ACTUAL for column in columns):
        return columns
    budgets = [
        index
        for index, column in enumerate(columns)
        if isinstance(column, ColumnRole) and column.role in BUDGET_ROLES and column.year == year
    ]
    if not budgets:
        return columns
    return tuple(
        ColumnRole(Role.ACTUAL, year, column.header)
        if index > budgets[0] and isinstance(column, ColumnRole) and _is_yearless_statement(column)
        else column
        for index, column in enumerate(columns)
    )


def _is_yearless_statement(column: ColumnRole) -> bool:
    """Whether a prior-year actual is spelled as the statement alone, without a year (``TP``)."""
    if column.role != Role.PRIOR_ACTUAL:
        return False
    reading = _read(strip_unit(column.header) or column.header)
    return (
        isinstance(reading, _Reading)
        and not reading.years
        and not reading.previous
        and re.fullmatch(_STATEMENT_WORDS, reading.words) is not None
    )


def _plans_in_force(columns: tuple[ColumnRole | UnknownColumn, ...]) -> tuple[ColumnRole | UnknownColumn, ...]:
    """An operational plan printed beside another budget or original budget of its year is the
    budget in force: the council's budget beside it is the original, the plan what the board
    spent against. Beside only its changes (``KS | KS-muutokset | KS +``) it is the original."""
    budgets = Counter(
        column.year
        for column in columns
        if isinstance(column, ColumnRole) and column.role in (Role.BUDGET, Role.BUDGET_ORIGINAL)
    )
    return tuple(
        ColumnRole(Role.BUDGET_REVISED, column.year, column.header)
        if isinstance(column, ColumnRole) and _is_plan(column) and budgets[column.year] > 1
        else column
        for column in columns
    )


def _is_plan(column: ColumnRole) -> bool:
    """Whether a plain budget column is spelled as the operational plan (``KS 2025``)."""
    if column.role != Role.BUDGET:
        return False
    reading = _read(strip_unit(column.header) or column.header)
    return isinstance(reading, _Reading) and re.fullmatch(_PLAN_WORDS, reading.words) is not None


_BARE_CHANGE = re.compile(r"muutos|(?:för)?ändring")
"""A change alone, singular, naming nothing it changes (``Muutos``, ``Förändring``, ``Ändring``):
:func:`_bare_changes`."""


def _bare_changes(
    columns: tuple[ColumnRole | UnknownColumn, ...], year: int | None
) -> tuple[ColumnRole | UnknownColumn, ...]:
    """A change naming nothing it changes (``_BARE_CHANGE``) printed after a budget of the
    statement year and before that budget in force after changes is the budget change (``BU 2025
    | Förändring | Budget efter förändring``); anywhere else it may as well be the change from the
    year before, and stays a column not understood."""
    roles = [(column.role, column.year) if isinstance(column, ColumnRole) else None for column in columns]
    budgets = [i for i, role in enumerate(roles) if role in ((Role.BUDGET, year), (Role.BUDGET_ORIGINAL, year))]
    revised = [i for i, role in enumerate(roles) if role == (Role.BUDGET_REVISED, year)]
    if year is None or not budgets or not revised:
        return columns
    return tuple(
        ColumnRole(Role.BUDGET_CHANGE, year, column.header)
        if isinstance(column, UnknownColumn) and budgets[0] < index < revised[0] and _is_bare_change(column, year)
        else column
        for index, column in enumerate(columns)
    )


def _is_bare_change(column: UnknownColumn, year: int) -> bool:
    """Whether a column not understood prints a change alone (``_BARE_CHANGE``), of no year or
    of ``year``."""
    reading = _read(strip_unit(column.header) or column.header)
    return (
        isinstance(reading, _Reading)
        and not reading.previous
        and set(reading.years) <= {year}
        and _BARE_CHANGE.fullmatch(reading.words) is not None
    )


def _originals(columns: tuple[ColumnRole | UnknownColumn, ...]) -> tuple[ColumnRole | UnknownColumn, ...]:
    """A single budget printed beside changes or a revised budget of its year is the original."""
    phased = {
        column.year
        for column in columns
        if isinstance(column, ColumnRole) and column.role in (Role.BUDGET_CHANGE, Role.BUDGET_REVISED)
    }
    return tuple(
        ColumnRole(Role.BUDGET_ORIGINAL, column.year, column.header)
        if isinstance(column, ColumnRole) and column.role == Role.BUDGET and column.year in phased
        else column
        for column in columns
    )


@dataclass(frozen=True)
class StatementYear:
    year: int
    line: int
    """The 1-based line of the title that names it."""


def find_statement_year(lines: Sequence[str], source: str) -> StatementYear | None:
    """The statement year from the title before the first table (``TILINPÄÄTÖS 2025``,
    ``BOKSLUT 2025``, ``OOVALAN KUNNAN TILINPÄÄTÖS 2025``, ``Vaalan kunta - Tilinpäätös 2025``);
    ``None`` if the title names none. Two titles naming different years
    are an error at the second."""
    found: StatementYear | None = None
    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            break
        match = STATEMENT_TITLE.match(strip_markup(line))
        if match is None:
            continue
        year = int(match[1])
        if found is not None and found.year != year:
            raise ExtractionError(source, number, f"title names the year {year}, line {found.line} named {found.year}")
        found = found or StatementYear(year, number)
    return found
