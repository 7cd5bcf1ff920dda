#!/usr/bin/env bash
# dbt docs for the published warehouse as one static page: docs/site/index.html
# (lineage, model and column descriptions in full, column types from the catalog).
#
#   DATABASE   the published DuckDB file (default: warehouse/kuntatalous.duckdb)
#   DOCS_SITE  folder for index.html (default: docs/site)
#   VENV_BIN   where dbt is installed (default: .venv/bin)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
database=${DATABASE:-warehouse/kuntatalous.duckdb}
site=${DOCS_SITE:-docs/site}
bin=${VENV_BIN:-$root/.venv/bin}
if [ ! -f "$database" ]; then
    echo "error: $database: no published warehouse to document; run make build first" >&2
    exit 1
fi

mkdir -p target "$site"
work=$(mktemp -d "$root/target/docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
# dbt opens its database for writing: give it a copy, never the file readers have open.
cp "$database" "$work/kuntatalous.duckdb"
# The staging and intermediate models' tables, if the build kept them (KEEP_WORK=1): their column
# types for the page too. Without them dbt finds none (an empty work file, deleted with the copy).
if [ -f "${database%.duckdb}.work.duckdb" ]; then
    cp "${database%.duckdb}.work.duckdb" "$work/kuntatalous.work.duckdb"
fi
KUNTATALOUS_DATABASE=$work/kuntatalous.duckdb DBT_TARGET_PATH=$work/target DBT_LOG_PATH=$work/logs \
    "$bin/dbt" docs generate --static --profiles-dir "$root" --project-dir "$root"
# dbt's page cuts each column's description to one line the width of its cell: let them wrap.
"$bin/python" - "$work/target/static_index.html" "$root/scripts/docs-site.css" "$site/index.html" <<'PY'
import sys
from pathlib import Path

page = Path(sys.argv[1]).read_text(encoding="utf-8")
if page.count("</head>") != 1:
    sys.exit(f"error: {sys.argv[1]}: expected one </head> in dbt's static page")
style = "<style>\n" + Path(sys.argv[2]).read_text(encoding="utf-8") + "</style>\n</head>"
Path(sys.argv[3]).write_text(page.replace("</head>", style), encoding="utf-8")
PY
echo "dbt docs written: $site/index.html (open it in a browser; no server needed)"
