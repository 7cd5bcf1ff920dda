"""The extractor's CSVs as the dbt source `reports`: DuckDB reads them by position, with the
names and types the source declares, so the declaration must follow the extractor's columns."""

from __future__ import annotations

from pathlib import Path

import yaml

from kuntatalous.extract import extract_paths
from kuntatalous.output.seeds import seed_files

SOURCES = Path("models") / "staging" / "reports" / "_reports__sources.yml"


def test_the_source_declares_every_csv_with_the_extractors_columns_in_order(repo: Path) -> None:
    (source,) = yaml.safe_load((repo / SOURCES).read_text(encoding="utf-8"))["sources"]
    tables = {table["name"]: table for table in source["tables"]}
    files = seed_files(extract_paths([repo / "reports"]))

    assert sorted(tables) == sorted(name.removesuffix(".csv") for name in files)
    for name, content in files.items():
        header = content.decode("utf-8").split("\n", 1)[0].split(",")
        table = tables[name.removesuffix(".csv")]
        assert list(table["config"]["meta"]["column_types"]) == header, name
        assert [column["name"] for column in table["columns"]] == header, name
