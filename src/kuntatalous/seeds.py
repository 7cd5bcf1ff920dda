"""Write the raw seed CSVs: deterministic bytes, replaced only when all are ready."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from kuntatalous.extract import Extraction, Record
from kuntatalous.goals import GOAL_COLUMNS
from kuntatalous.key_figures import KEY_FIGURE_COLUMNS
from kuntatalous.projects import PROJECT_COLUMNS
from kuntatalous.rejects import REJECT_COLUMNS
from kuntatalous.risks import RISK_COLUMNS

PROVENANCE = ("document_id", "source_file")

DOCUMENT_COLUMNS = (
    "document_id",
    "source_file",
    "content_sha256",
    "municipality",
    "municipality_code",
    "municipality_source",
    "fiscal_year",
    "section_title",
    "line_count",
)
BUDGET_ROW_COLUMNS = (
    "document_id",
    "source_file",
    "source_line",
    "table_line",
    "table_kind",
    "unit_label",
    "heading",
    "investment_category",
    "row_label",
    "is_bold",
    "is_section_row",
    "prior_year",
    "prior_actual_eur",
    "budget_year",
    "budget_eur",
    "actual_year",
    "actual_eur",
    "variance_eur",
    "execution_pct",
    "amount_decimals",
    "execution_pct_decimals",
    "is_prior_year_comparable",
    "comparability_note",
    "comparability_note_line",
)
TABLE_COLUMNS = (
    "document_id",
    "source_file",
    "first_line",
    "last_line",
    "table_kind",
    "heading",
    "header_text",
    "row_count",
    "is_extracted",
)


def render_csv(columns: tuple[str, ...], records: list[Record], sort_keys: tuple[str, ...]) -> bytes:
    """CSV bytes with a fixed column order, rows sorted by ``sort_keys`` (numbers numerically)."""

    def key(record: Record) -> tuple[tuple[int, int, str], ...]:
        # Numbers before text (an empty line number last), so that mixed columns still sort.
        return tuple((0, int(record[k]), "") if record[k].isdigit() else (1, 0, record[k]) for k in sort_keys)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in sorted(records, key=key):
        writer.writerow([record[column] for column in columns])
    return buffer.getvalue().encode("utf-8")


def seed_files(extraction: Extraction) -> dict[str, bytes]:
    """The raw seed files' names and contents."""
    return {
        "raw_documents.csv": render_csv(DOCUMENT_COLUMNS, extraction.documents, ("source_file",)),
        "raw_budget_rows.csv": render_csv(BUDGET_ROW_COLUMNS, extraction.budget_rows, ("source_file", "source_line")),
        "raw_report_tables.csv": render_csv(TABLE_COLUMNS, extraction.tables, ("source_file", "first_line")),
        "raw_projects.csv": render_csv(
            PROVENANCE + PROJECT_COLUMNS, extraction.projects, ("source_file", "source_line")
        ),
        "raw_key_figures.csv": render_csv(
            PROVENANCE + KEY_FIGURE_COLUMNS,
            extraction.key_figures,
            ("source_file", "source_line", "fiscal_year", "measure_type", "sub_area"),
        ),
        "raw_goals.csv": render_csv(PROVENANCE + GOAL_COLUMNS, extraction.goals, ("source_file", "source_line")),
        "raw_risks.csv": render_csv(PROVENANCE + RISK_COLUMNS, extraction.risks, ("source_file", "source_line")),
        # Always written (header only when nothing was rejected), so that the seed always exists.
        "raw_rejects.csv": render_csv(
            REJECT_COLUMNS, extraction.rejects, ("source_file", "source_line", "column_name", "scope")
        ),
    }


def write_seeds(files: dict[str, bytes], out_dir: Path) -> None:
    """Write every file beside its target first, then move them all into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged = []
    for name, content in files.items():
        tmp = out_dir / f".{name}.tmp"
        tmp.write_bytes(content)
        staged.append((tmp, out_dir / name))
    for tmp, target in staged:
        os.replace(tmp, target)
