"""The raw tables the extractor writes, each declared once: its fields, in order, with their type
and meaning.

The CSV writer (header, column order, row order), the dbt source
``models/staging/reports/_reports__sources.yml`` (generated from these declarations by
``scripts/generate_sources.py``; a test checks the committed file is current), the accounting
oracle's counted cells and the budget row's amount columns all read them. A budget row's amount
columns carry their role (``AmountRole``): which printed column the parser reads into them, and,
for the columns the warehouse unpivots into figures, the scenario and the year column that go
with them. The role is written into the source YAML as the column's ``meta``, where the dbt
models that stage and unpivot the amounts read it (``macros/budget_amounts.sql``).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

Value = Decimal | int | bool | str | None
"""A field's value as a parser gives it: of the field's declared type (``Field.python_type``),
``None`` where a number, year or flag is missing; text that is missing is ``""``."""

Record = dict[str, Value]
"""A row of a raw table: each declared field's typed value. The CSV writer formats it
(``output.seeds``)."""

_PYTHON_TYPES: dict[str, builtins.type] = {"varchar": str, "integer": int, "boolean": bool}

FILLED = "filled"
"""A counted cell is landed when its CSV text is not empty."""
HOLDS_DIGIT = "holds_digit"
"""A counted cell is landed when its CSV text holds a digit (a value kept raw when it could not be
read as a number still lands; a cell with no digit was never a printed figure)."""
CELLS = "cells"
"""A field that keeps several printed cells as text, ``header: cell`` joined by ``CELL_SEPARATOR``:
each cell holding a digit counts as landed."""
CELL_SEPARATOR = " | "
UNREAD_SEPARATOR = "|"
"""Between the amount columns of ``unread_columns``: the warehouse's macro ``unread_separator``
(macros/reconciliation.sql) says the same (tests/python/test_unread_separator.py)."""
AMOUNT_DECIMALS = "amount_decimals"
BUDGET_YEAR = "budget_year"
"""The statement year of a budget row's table: its budget columns' year, or its actual's in a
statement printed with its actuals alone."""
"""The column that holds the precision of a budget row's amounts in euros."""


@dataclass(frozen=True)
class Comparability:
    """The columns that say whether an amount column's figures compare with the same year's
    figures printed elsewhere (``flag``), whether the report says it restated them to be
    comparable (``restated``), and the note that says either, with its line."""

    flag: str
    restated: str
    note: str
    note_line: str


@dataclass(frozen=True)
class AmountRole:
    """What a budget row's amount column holds.

    ``printed`` is the parser's name for the printed column it reads (``budget_tables``). A
    column with a ``scenario`` is a figure of the year in ``year_column``: the warehouse unpivots
    it into one row per figure, labelled ``source_column``; one without is a printed check figure
    (variance, execution %), staged as ``staged_as``. ``decimals_column`` holds the fewest decimals
    printed among the row's cells that name it; ``terms_column``, where set, how many printed
    figures the amount sums (a key printed in several columns, one per decision, is their sum).
    """

    printed: str
    scenario: str | None = None
    year_column: str | None = None
    source_column: str | None = None
    comparability: Comparability | None = None
    staged_as: str | None = None
    decimals_column: str = AMOUNT_DECIMALS
    terms_column: str | None = None

    def meta(self) -> dict[str, object]:
        """The role as dbt column meta: only what is set."""
        found: dict[str, object] = {"printed": self.printed}
        for name in ("scenario", "year_column", "source_column", "staged_as", "decimals_column", "terms_column"):
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        if self.comparability is not None:
            found["comparability"] = {
                "flag": self.comparability.flag,
                "restated": self.comparability.restated,
                "note": self.comparability.note,
                "note_line": self.comparability.note_line,
            }
        return found


@dataclass(frozen=True)
class Field:
    """One column of a raw table: its name, its type in the warehouse and what it means."""

    name: str
    type: str
    description: str
    counted: str | None = None
    """Whether the field records a printed value cell that the accounting oracle counts, and when
    a record's cell is landed: ``FILLED`` or ``HOLDS_DIGIT``. Amount columns count as ``FILLED``."""
    role: AmountRole | None = None

    @property
    def landed_when(self) -> str | None:
        """When the accounting counts this field's cell as landed; ``None`` when it is no value cell."""
        return FILLED if self.role is not None and self.counted is None else self.counted

    @cached_property
    def python_type(self) -> builtins.type:
        """The type of the field's values in a record: ``Decimal`` for a ``decimal(p, s)``."""
        if self.type.startswith("decimal("):
            return Decimal
        return _PYTHON_TYPES[self.type]


@dataclass(frozen=True)
class RawTable:
    """One raw CSV: its name, its fields in order, the fields its rows are sorted by, its meaning."""

    name: str
    fields: tuple[Field, ...]
    sort_keys: tuple[str, ...]
    description: str
    printed_cell: str | None = None
    """The field that names a record's printed cell on its line when several records come from
    one cell (a key-figure cell with a value per sub-area): the accounting counts such a cell
    once. ``None`` when each record's counted fields are cells of their own."""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    @property
    def counted(self) -> tuple[str, ...]:
        """The value cells the accounting counts: counted fields and every amount column."""
        return tuple(field.name for field in self.fields if field.landed_when is not None)

    @cached_property
    def amount_roles(self) -> tuple[tuple[str, AmountRole], ...]:
        """The fields that carry an amount role, in order, with their role (found once: every
        budget row's record asks)."""
        return tuple((field.name, field.role) for field in self.fields if field.role is not None)


PROVENANCE = ("document_id", "source_file")

PRIOR_YEAR_COMPARABILITY = Comparability(
    "is_prior_year_comparable", "is_prior_year_restated", "comparability_note", "comparability_note_line"
)

DOCUMENT_ID = Field("document_id", "varchar", "{{ doc('document_id') }}")
SOURCE_FILE = Field("source_file", "varchar", "{{ doc('source_file') }}")
SOURCE_LINE = Field("source_line", "integer", "{{ doc('source_line') }}")
TABLE_LINE = Field(
    "table_line", "integer", "The line of the table's (first) header: identifies the table within its document."
)
TABLE_HEADING = Field("table_heading", "varchar", "The nearest heading above the table.")
"""The columns that place a printed row, as every raw table of rows declares them."""

DOCUMENTS = RawTable(
    "raw_documents",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        Field("content_sha256", "varchar", "SHA-256 of the file's bytes."),
        Field("municipality", "varchar", "{{ doc('municipality') }}"),
        Field("municipality_code", "varchar", "{{ doc('municipality_code') }}"),
        Field("municipality_source", "varchar", "{{ doc('municipality_source') }}"),
        Field("fiscal_year", "integer", "The statement's year, from the budget tables' column headers."),
        Field("section_title", "varchar", "The section's title from the report's title page."),
        Field("line_count", "integer", "Number of lines in the file."),
    ),
    sort_keys=("source_file",),
    description=(
        "One row per report file, as written by `kuntatalous extract`. Do not edit: regenerated from "
        "`reports/` by `make build`."
    ),
)

BUDGET_ROWS = RawTable(
    "raw_budget_rows",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        SOURCE_LINE,
        TABLE_LINE,
        Field("table_kind", "varchar", "`operating` or `investment`."),
        Field(
            "unit_label", "varchar", "The unit named in the table's header (for investments, without the asset class)."
        ),
        Field("heading", "varchar", "The nearest heading above the table."),
        Field(
            "heading_level",
            "integer",
            "That heading's level: 1-6 for `#` to `######`, 7 for a caption line wholly in bold; empty without one.",
        ),
        Field(
            "outranking_heading_line",
            "integer",
            "The line of the first heading after the table that ranks above that heading (fewer `#`; any `#` "
            "heading above a caption in bold), where the part of the report it stands in at its rank ends; "
            "empty where none follows, or without a heading.",
        ),
        Field(
            "investment_category",
            "varchar",
            "The asset class in an investment table's label, as printed; empty otherwise.",
        ),
        Field("row_label", "varchar", "The row's printed label, markup removed."),
        Field("is_bold", "boolean", "The label is printed in bold (subtotals and section captions)."),
        Field("is_section_row", "boolean", "Every value cell is empty (a caption such as TOIMINTATUOTOT)."),
        Field("prior_year", "integer", "Year of the prior-year financial statement column."),
        Field(
            "prior_actual_eur",
            "decimal(18, 2)",
            "Prior-year actual (Tilinpäätös / TP / Ed.TP / Bokslut), in euros.",
            role=AmountRole(
                "prior_actual",
                scenario="actual",
                year_column="prior_year",
                source_column="prior_year_actual",
                comparability=PRIOR_YEAR_COMPARABILITY,
            ),
        ),
        Field(
            "prior_budget_eur",
            "decimal(18, 2)",
            "The budget of the year before (Ed.TA), in euros.",
            role=AmountRole(
                "prior_budget",
                scenario="budget",
                year_column="prior_year",
                source_column="prior_year_budget",
                comparability=PRIOR_YEAR_COMPARABILITY,
            ),
        ),
        Field(
            BUDGET_YEAR,
            "integer",
            "Year of the budget columns (the statement year; a statement printed without its budget: its actual's).",
        ),
        Field(
            "budget_original_eur",
            "decimal(18, 2)",
            "The original budget (Alkuperäinen TA; TA beside TA-muutokset; Budget beside Budgetändringar), in euros.",
            role=AmountRole(
                "budget_original",
                scenario="budget_original",
                year_column=BUDGET_YEAR,
                source_column="budget_original",
            ),
        ),
        Field(
            "budget_change_eur",
            "decimal(18, 2)",
            "The budget changes (TA-muutokset, Ta-muut., Bu-muutos, Budgetändringar), in euros.",
            role=AmountRole(
                "budget_change",
                scenario="budget_change",
                year_column=BUDGET_YEAR,
                source_column="budget_change",
                terms_column="budget_change_terms",
            ),
        ),
        Field(
            "budget_change_terms",
            "integer",
            "{{ doc('budget_change_terms') }}",
        ),
        Field(
            "budget_eur",
            "decimal(18, 2)",
            "The budget in force: the revised budget (TA muutosten jälkeen, Muutettu TA, Ta +) where printed, else "
            "the only budget of the statement year (Talousarvio 2025, TA), in euros.",
            role=AmountRole("budget", scenario="budget", year_column=BUDGET_YEAR, source_column="budget"),
        ),
        Field("actual_year", "integer", "Year of the actual column."),
        Field(
            "actual_eur",
            "decimal(18, 2)",
            "Actual (Toteuma, Toteutunut, Tot., Käyttö, Utfall), in euros.",
            role=AmountRole("actual", scenario="actual", year_column="actual_year", source_column="actual"),
        ),
        Field(
            "variance_eur",
            "decimal(18, 2)",
            "Printed variance (Poikkeama, Avvikelse), in euros, the way the table prints it (variance_convention).",
            role=AmountRole("variance", staged_as="printed_variance_eur"),
        ),
        Field(
            "execution_pct",
            "decimal(18, 2)",
            "Printed execution percentage (Toteuma %, Tot-%, Käyttö %, Utfall %).",
            role=AmountRole(
                "execution_pct", staged_as="printed_execution_pct", decimals_column="execution_pct_decimals"
            ),
        ),
        Field("amount_scale", "integer", "{{ doc('amount_scale') }}"),
        Field("printed_decimals", "integer", "{{ doc('printed_decimals') }}"),
        Field(AMOUNT_DECIMALS, "integer", "{{ doc('amount_decimals') }}"),
        Field("execution_pct_decimals", "integer", "{{ doc('execution_pct_decimals') }}"),
        Field("variance_convention", "varchar", "{{ doc('variance_convention') }}"),
        Field("variance_convention_status", "varchar", "{{ doc('variance_convention_status') }}"),
        Field("is_city_statement", "boolean", "{{ doc('is_city_statement') }}"),
        Field(
            "is_enterprise",
            "boolean",
            "The unit label names a municipal enterprise (`Kittilän Vesi -liikelaitos`, Swedish `affärsverk`).",
        ),
        Field(
            "other_columns",
            "varchar",
            "The row's cells in columns that are no budget phase (Raami, Ylitysoikeus, Muutos %, Tot. 09/2024, an "
            "earlier year's actual as TP 2023, a later year's budget or plan as TA 2026 or TS 2026), "
            "each as `header: cell` as printed, joined by ' | '.",
            counted=CELLS,
        ),
        Field(
            "unread_columns",
            "varchar",
            "The amount columns (their `source_column`: `actual`, `budget`, ...) whose cell in this row prints a "
            "figure that could not be read, each a cell reject in raw_rejects, joined by '|'; empty where every "
            "printed amount was read. A subtotal with such a term cannot be checked.",
        ),
        Field(
            "footnote",
            "varchar",
            "The note under the table of each footnote marker (`*)`, `*`, `1)`, `¹`) on the row's label or on one of "
            "its figures (`-1 585,6*`), marker stripped, joined by ' | ' (where none is printed for its markers, the "
            "table's only note).",
        ),
        Field("is_prior_year_comparable", "boolean", "{{ doc('is_comparable') }}"),
        Field("is_prior_year_restated", "boolean", "{{ doc('is_restated') }}"),
        Field(
            "comparability_note",
            "varchar",
            "The note under the table about the prior-year figures, if any: that they are not comparable "
            "(is_prior_year_comparable false), or that they were restated (is_prior_year_restated true).",
        ),
        Field("comparability_note_line", "integer", "The line of that note."),
    ),
    sort_keys=("source_file", "source_line"),
    description=(
        "One row per printed row of a budget (operating) or investment table, with the printed cells "
        "parsed to numbers (empty where the cell is empty)."
    ),
)

REPORT_TABLES = RawTable(
    "raw_report_tables",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        Field("first_line", "integer", "First line of the block."),
        Field("last_line", "integer", "Last line of the block."),
        Field(
            "table_kind",
            "varchar",
            (
                "`operating`, `investment`, `projects`, `key_figures`, `goals`, `risks` or `unknown`; "
                "`budget` for a budget table rejected before it could be told operating or investment."
            ),
        ),
        Field("heading", "varchar", "The nearest heading above the block."),
        Field(
            "heading_level",
            "integer",
            "That heading's level: 1-6 for `#` to `######`, 7 for a caption line wholly in bold; empty without one.",
        ),
        Field("header_text", "varchar", "The block's first line, cells joined with ' | '."),
        Field("row_count", "integer", "Lines in the block, header included."),
        Field("is_extracted", "boolean", "True when the block's rows are in a raw CSV."),
        Field("is_city_chapter", "boolean", "{{ doc('is_city_chapter') }}"),
    ),
    sort_keys=("source_file", "first_line"),
    description=(
        "One row per table block found in a report, of every kind, and whether it was extracted: the "
        "inventory that shows nothing was skipped silently."
    ),
)

PROJECTS = RawTable(
    "raw_projects",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        SOURCE_LINE,
        Field("last_line", "integer", "Last line of the row, after rejoining the parts a page break split."),
        TABLE_LINE,
        TABLE_HEADING,
        Field("row_kind", "varchar", "`project` or `total` (the Yhteensä row)."),
        Field("strategic_goal", "varchar", "The strategic goal's title (the bold text of the cell)."),
        Field(
            "strategic_goal_text",
            "varchar",
            "The whole strategic goal cell as plain text, list items joined with ' • '.",
        ),
        Field("project_name", "varchar", "Hankkeen nimi."),
        Field("description", "varchar", "Hankkeen tavoite, kuvaus ja rahoittaja, as plain text."),
        Field(
            "funding_text",
            "varchar",
            "Where a column names the funders, its header and cell as printed (`Rahoittaja: Lapin liitto (EAKR)`);"
            " then the description's sentences that say who funds the project, verbatim.",
        ),
        Field(
            "funders",
            "varchar",
            "Funder names found in that cell and those sentences, '; '-separated; the report's own municipality"
            " (`Heinolan kaupunki`, `oma rahoitus`) aside: its share is the city's.",
        ),
        Field(
            "period_start_year",
            "integer",
            "First year of the period a column of its own prints (Toteutusaika, Genomförandetid), else of the"
            " one the text states.",
        ),
        Field("period_end_year", "integer", "Last year of that period."),
        Field(
            "total_funding_eur",
            "decimal(18, 2)",
            "Kokonaisrahoitus in euros: as printed times the column's scale.",
            counted=FILLED,
        ),
        Field("total_funding_raw", "varchar", "The funding cell as printed."),
        Field(
            "funding_scale",
            "integer",
            "What one printed unit of the funding column is worth in euros: 1, 1 000 or 1 000 000, from its"
            " header (`Kokonaisrahoitus (1 000 €)`).",
        ),
        Field(
            "funding_decimals",
            "integer",
            "The decimal place of the funding's last printed digit, in euros: 0 for whole euros, -3 for whole"
            " thousands; empty without a funding figure.",
        ),
        Field(
            "city_share_pct",
            "decimal(9, 2)",
            "Kaupungin rahoitusosuus %: the leading number of the cell.",
            counted=FILLED,
        ),
        Field("city_share_raw", "varchar", "The city share cell as printed."),
        Field("spend_pct", "decimal(9, 2)", "Menojen toteuma %.", counted=FILLED),
        Field("spend_raw", "varchar", "The spend cell as printed."),
        Field(
            "spend_eur",
            "decimal(18, 2)",
            "The spending to the date its column prints, in euros (`Toteutunut 31.12.2025 €`): as printed times"
            " the column's scale.",
            counted=FILLED,
        ),
        Field("spend_eur_raw", "varchar", "The spend-in-euros cell as printed."),
        Field(
            "spend_decimals",
            "integer",
            "The decimal place of spend_eur's last printed digit, in euros (as funding_decimals).",
        ),
        Field("status_text", "varchar", "Toteuma 31.12.: what was done."),
        Field(
            "other_columns",
            "varchar",
            "The row's cells of columns no role reads, each after its header (`Vastuuhenkilö: Anna Virtanen`),"
            " ' | '-separated.",
            counted=CELLS,
        ),
    ),
    sort_keys=("source_file", "source_line"),
    description=(
        "One row per project (Hankkeet) as printed, rows split by page breaks rejoined, plus each table's"
        " Yhteensä row. Do not edit: regenerated by `make build`."
    ),
)

KEY_FIGURES = RawTable(
    "raw_key_figures",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        SOURCE_LINE,
        TABLE_LINE,
        TABLE_HEADING,
        Field("row_label", "varchar", "The printed label of the row naming the indicator."),
        Field("indicator", "varchar", "The indicator's name (a unit-only row inherits it from the row above)."),
        Field("indicator_qualifier", "varchar", "Qualifying text of the label (in parentheses or after the unit)."),
        Field(
            "unit_of_measure",
            "varchar",
            "Normalised unit: `€/asukas`, `€/oppilas`, `per asukas`, `%`, `% liikevaihdosta`, `€`, `count`, …; empty "
            "where a unit column prints a unit the extractor does not know, or a unit follows a multiplier other than "
            "of euros (`milj. m³`): it stays in the indicator.",
        ),
        Field("column_header", "varchar", "The value's column header as printed."),
        Field("fiscal_year", "integer", "{{ doc('fiscal_year') }}"),
        Field(
            "measure_type",
            "varchar",
            "`actual` (Toteutuma), `target` (Tavoite, TA) or `plan` (a year of the financial plan, TS).",
        ),
        Field("sub_area", "varchar", "The sub-area code of a multi-valued cell (e.g. `opkou`); empty otherwise."),
        Field(
            "sub_area_name",
            "varchar",
            "The sub-area's name from the bullet legend under the indicator, where it can be matched.",
        ),
        Field("value", "decimal(18, 4)", "The number; empty where the cell could not be read (see is_parsed)."),
        Field("value_raw", "varchar", "The cell text the value was read from.", counted=HOLDS_DIGIT),
        Field("value_decimals", "integer", "Decimals printed."),
        Field(
            "printed_unit",
            "varchar",
            "The unit the cell itself prints after its number, normalised as unit_of_measure (`100 €` → `€`); "
            "empty where it prints none.",
        ),
        Field("is_parsed", "boolean", "False where the cell holds no readable number (value empty, text kept)."),
    ),
    sort_keys=("source_file", "source_line", "fiscal_year", "measure_type", "sub_area"),
    printed_cell="column_header",
    description=(
        "One row per key-figure value (Tunnusluvut) as printed: per row and column, and per sub-area "
        "where a cell holds several. Do not edit: regenerated by `make build`."
    ),
)

GOALS = RawTable(
    "raw_goals",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        SOURCE_LINE,
        Field("last_line", "integer", "Last line of the row, after rejoining the parts a page break split."),
        TABLE_LINE,
        TABLE_HEADING,
        Field(
            "goal_level", "varchar", "`council` (binding on the council level) or `operational` (käyttösuunnitelma)."
        ),
        Field("strategic_goal", "varchar", "The strategic goal's title (the bold text of the cell)."),
        Field(
            "strategic_goal_text",
            "varchar",
            "The whole strategic goal cell as plain text, list items joined with ' • '.",
        ),
        Field(
            "is_strategic_goal_inherited",
            "boolean",
            "The row's strategic goal cell is empty and the goal is carried from the row above.",
        ),
        Field("sub_area", "varchar", "The area code the goal starts with (e.g. `opkou`), lower case; empty otherwise."),
        Field("goal", "varchar", "The goal."),
        Field(
            "measure",
            "varchar",
            "The measure (Mittari, Mätare), with its target level where one cell prints both (Mittari ja tavoitetaso).",
        ),
        Field(
            "target_level",
            "varchar",
            "The target level (Tavoitetaso 2025, Målnivå) as printed, where a column of its own prints it;"
            " empty otherwise.",
        ),
        Field("responsible", "varchar", "Vastuu."),
        Field(
            "outcome",
            "varchar",
            "The outcome (Toteuma 31.12., Toteutuma 2025, Utfall; Toteutuminen beside Arvio or in place of both).",
        ),
        Field(
            "status_raw",
            "varchar",
            "The status cell (Tila, Arvio, Bedömning, Toteutuminen) as printed (markup removed).",
        ),
        Field("status", "varchar", "{{ doc('goal_status_id') }}"),
    ),
    sort_keys=("source_file", "source_line"),
    description=(
        "One row per goal (Toiminnalliset tavoitteet / Käyttösuunnitelma) as printed, rows split by page "
        "breaks rejoined. Do not edit: regenerated by `make build`."
    ),
)

RISKS = RawTable(
    "raw_risks",
    (
        DOCUMENT_ID,
        SOURCE_FILE,
        SOURCE_LINE,
        TABLE_LINE,
        TABLE_HEADING,
        Field("risk_class", "varchar", "Riskiluokka; empty where the table prints none."),
        Field("risk", "varchar", "Tunnistettu riski (Riski, Risk)."),
        Field(
            "probability",
            "integer",
            "Todennäköisyys (Sannolikhet), from the Riskiarvo cell or a column of its own; empty where it is"
            " printed in words (`Suuri`), which `risk_value_raw` keeps.",
            counted=FILLED,
        ),
        Field(
            "significance",
            "integer",
            "Merkittävyys, or the impact (Vaikutus, Konsekvens), from the Riskiarvo cell or a column of its own;"
            " empty where it is printed in words (`Kohtalainen`), which `risk_value_raw` keeps.",
        ),
        Field(
            "risk_value_raw",
            "varchar",
            "The Riskiarvo cell as printed; where the table prints the judgements in columns of their own,"
            " `Todennäköisyys: <cell> Merkittävyys: <cell>`.",
        ),
        Field(
            "probability_scale_max",
            "integer",
            "The top of the scale the probability column's header prints (`Todennäköisyys (1-5)`: 5); empty"
            " where it prints none (and where the Riskiarvo cell gives the judgements).",
        ),
        Field(
            "significance_scale_max",
            "integer",
            "The top of the scale the significance (impact) column's header prints (`Vaikutus (1-4)`: 4); empty"
            " where it prints none.",
        ),
        Field(
            "printed_risk_score",
            "integer",
            "The risk's score as the table prints it in a column of its own (Riskiluku, Riskitaso, Riskin"
            " suuruus, Pisteet, Risknivå; Riskiarvo beside the two judgements' columns), where it is a whole"
            " number; empty where it prints words (`Korkea`), which `printed_risk_score_raw` keeps, or none.",
        ),
        Field(
            "printed_risk_score_raw",
            "varchar",
            "The printed score's cell as printed; empty where the table prints no score.",
            counted=HOLDS_DIGIT,
        ),
        Field("mitigation", "varchar", "Hallintakeino (Hallintakeinot, Toimenpiteet, Åtgärder)."),
        Field("mitigation_outcome", "varchar", "Hallintakeinon toteutuminen."),
    ),
    sort_keys=("source_file", "source_line"),
    description="One row per risk (Riskienhallinta) as printed. Do not edit: regenerated by `make build`.",
)

REJECTS = RawTable(
    "raw_rejects",
    (
        Field(
            "document_id",
            "varchar",
            "The loaded document the reject belongs to; empty when the whole file was rejected.",
        ),
        SOURCE_FILE,
        Field(
            "source_line",
            "integer",
            "The first line held back (for a table, its header; for a file, where the problem shows, if anywhere).",
        ),
        Field("last_line", "integer", "The last line held back; empty for a file."),
        Field("scope", "varchar", "`cell`, `row`, `table` or `file`: how much was held back."),
        Field(
            "table_kind",
            "varchar",
            "The kind of table (`budget`, `investment`, `projects`, `key_figures`, `goals`, `risks`).",
        ),
        Field("table_line", "integer", "The line of the table's header."),
        Field(
            "column_name", "varchar", "The header of the rejected cell's column (cell rejects and some row rejects)."
        ),
        Field("raw_text", "varchar", "The text as printed (a cell, or a row's or header's line with its tabs)."),
        Field("reason", "varchar", "Why it could not be read."),
        Field(
            "by_design",
            "varchar",
            "Empty for what could not be read; else why it is left out on purpose: `group_statement` (a table of"
            " the municipal group's statements, another entity's figures), `summary_by_unit` (a row of a summary"
            " by unit, whose unit's own table is read), `balance_sheet` (a table of the balance sheet: stocks).",
        ),
    ),
    sort_keys=("source_file", "source_line", "column_name", "scope"),
    description=(
        "One row per thing `kuntatalous extract --keep-going` could not read: a cell, a row, a table or a"
        " whole file, with where it is, its raw text and why. Written (header only) on every extraction; "
        "a strict extraction stops at the first reject instead, but for those left out by design."
    ),
)

RAW_TABLES = (DOCUMENTS, BUDGET_ROWS, REPORT_TABLES, PROJECTS, KEY_FIGURES, GOALS, RISKS, REJECTS)
"""Every raw table, in the order the source YAML lists them."""

SortValue = tuple[int, int, str]
"""Where one cell of a raw table's sort keys puts its row (``text_order``)."""


def text_order(text: str) -> SortValue:
    """How the raw CSVs order the rows by a sort key's CSV text: numbers (digits only) first,
    numerically, then text (an empty cell, a missing line number, first among it). The
    extractor reads the report files in this order of their names, so that the rows of each
    file come after those of the file before it."""
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def ordered_text(value: SortValue) -> str:
    """The CSV text whose ``text_order`` is ``value``: exact for a text that is no number with
    leading zeros (a report's name, which has a suffix; a line number)."""
    is_text, number, text = value
    return text if is_text else str(number)
