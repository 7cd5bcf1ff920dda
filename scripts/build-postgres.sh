#!/usr/bin/env bash
# make build TARGET=postgres: the same warehouse on a PostgreSQL server (README, PostgreSQL).
#
#   1. extract  the reports into raw CSVs, in a scratch folder under target/
#   2. the rest, in one process holding the build's advisory lock on the server
#      (kuntatalous postgres build): COPY the CSVs into the raw schema, `dbt build --target
#      postgres` into the candidate schema, publish it by renaming schemas in one transaction
#      only if no error-level test failed, export every mart
#
# The server is libpq's environment: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (or
# ~/.pgpass). KUNTATALOUS_PG_SCHEMA names the published schema (default kuntatalous),
# KUNTATALOUS_PG_READER the role granted its marts (default kuntatalous_reader).
#   REPORTS, EXPORTS, BUILD_LOCK_WAIT, BUILD_LOG, EXTRACT_CACHE, VENV_BIN: as scripts/build.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports=${REPORTS:-reports}
exports=${EXPORTS:-exports}
bin=${VENV_BIN:-$root/.venv/bin}

if [ -n "${BUILD_LOG:-}" ]; then
    mkdir -p "$(dirname "$BUILD_LOG")"
    exec >>"$BUILD_LOG" 2>&1
fi
echo "build started $(date -u +%Y-%m-%dT%H:%M:%SZ): $reports into PostgreSQL" \
    "${PGHOST:-localhost}:${PGPORT:-5432}/${PGDATABASE:-?} schema ${KUNTATALOUS_PG_SCHEMA:-kuntatalous}"

mkdir -p target
scratch=$(mktemp -d "$root/target/build-seeds.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
"$bin/kuntatalous" extract "$reports" --out "$scratch/raw" --cache "${EXTRACT_CACHE:-target/extract-cache}"
status=0
"$bin/kuntatalous" postgres build --raw "$scratch/raw" --exports "$exports" \
    --lock-wait "${BUILD_LOCK_WAIT:-3600}" --target-path "${DBT_TARGET_PATH:-target}" || status=$?
echo "build finished $(date -u +%Y-%m-%dT%H:%M:%SZ) (exit $status)"
exit "$status"
