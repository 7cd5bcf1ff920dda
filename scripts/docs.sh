#!/usr/bin/env bash
# dbt docs for the published warehouse as one static page: docs/site/index.html
# (lineage, model and column descriptions, column types from the catalog).
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
KUNTATALOUS_DATABASE=$work/kuntatalous.duckdb DBT_TARGET_PATH=$work/target DBT_LOG_PATH=$work/logs \
    "$bin/dbt" docs generate --static --profiles-dir "$root" --project-dir "$root"
cp "$work/target/static_index.html" "$site/index.html"
echo "dbt docs written: $site/index.html (open it in a browser; no server needed)"
