#!/usr/bin/env bash
# make build TARGET=postgres: the same warehouse on a PostgreSQL server (README, PostgreSQL).
#
#   1. extract  the reports into raw CSVs, in a scratch folder under target/
#   2. the rest, in one process holding the build's advisory lock on the server
#      (kuntatalous postgres build): COPY the CSVs into the raw schema, `dbt build --target
#      postgres` into the candidate schema, publish it by renaming schemas in one transaction
#      only if no error-level test failed, then export every mart: a local DuckDB copy of the
#      published marts (SNAPSHOT) and a release folder of the same files as the DuckDB
#      build's (Parquet, and the spreadsheets of SPREADSHEETS; no report site), behind the
#      exports link (EXPORTS)
#
# The server is libpq's environment: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (or
# ~/.pgpass). KUNTATALOUS_PG_SCHEMA names the warehouse (default kuntatalous),
# KUNTATALOUS_PG_READER the role granted its marts (default kuntatalous_reader).
#   SNAPSHOT   the DuckDB copy of the published marts (default warehouse/<name>.postgres.duckdb)
#   EXPORTS    the exports link (default warehouse/<name>.postgres.exports)
#   SPREADSHEETS  whose marts to export as CSV, Finnish CSV and xlsx too, as scripts/build.sh
#   VERBOSE    1 (or --verbose): dbt's own output; otherwise a progress line and a summary
#   REPORTS, BUILD_LOCK_WAIT, BUILD_LOG, EXTRACT_CACHE, VENV_BIN: as scripts/build.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports=${REPORTS:-reports}
name=${KUNTATALOUS_PG_SCHEMA:-kuntatalous}
bin=${VENV_BIN:-$root/.venv/bin}
options=()
[ -n "${SNAPSHOT:-}" ] && options+=(--snapshot "$SNAPSHOT")
[ -n "${EXPORTS:-}" ] && options+=(--exports "$EXPORTS")
{ [ -n "${VERBOSE:-}" ] || [ "${1:-}" = "--verbose" ]; } && options+=(--verbose)

if [ -n "${BUILD_LOG:-}" ]; then
    mkdir -p "$(dirname "$BUILD_LOG")"
    exec >>"$BUILD_LOG" 2>&1
fi
echo "build started $(date -u +%Y-%m-%dT%H:%M:%SZ): $reports into PostgreSQL" \
    "${PGHOST:-localhost}:${PGPORT:-5432}/${PGDATABASE:-?} schema ${name}_analytics"

mkdir -p target
scratch=$(mktemp -d "$root/target/build-seeds.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# The extraction cache: EXTRACT_CACHE, else one of target/extract-cache's per folder of reports.
if [ -n "${EXTRACT_CACHE:-}" ]; then extract_cache=(--cache "$EXTRACT_CACHE"); else extract_cache=(--cache-root target/extract-cache); fi
"$bin/kuntatalous" extract "$reports" --out "$scratch/raw" "${extract_cache[@]}"
status=0
"$bin/kuntatalous" postgres build --raw "$scratch/raw" \
    --lock-wait "${BUILD_LOCK_WAIT:-3600}" --target-path "${DBT_TARGET_PATH:-target}" \
    --spreadsheets "${SPREADSHEETS:-auto}" "${options[@]}" || status=$?
echo "build finished $(date -u +%Y-%m-%dT%H:%M:%SZ) (exit $status)"
exit "$status"
