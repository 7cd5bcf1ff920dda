#!/usr/bin/env bash
# Build the warehouse: extract the reports into raw seed CSVs, then `dbt build`
# (seeds, models and every test). Exits non-zero on any error-level failure.
#
#   REPORTS   folder of report files      (default: reports, extracted into seeds/raw)
#   DATABASE  DuckDB file to build        (default: warehouse/kuntatalous.duckdb)
#   VENV_BIN  where kuntatalous and dbt are installed (default: .venv/bin)
#
# Any folder other than reports/ is extracted into a temporary folder under target/
# (ignored by git), so that a build of other reports leaves the repository untouched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports=${REPORTS:-reports}
database=${DATABASE:-warehouse/kuntatalous.duckdb}
bin=${VENV_BIN:-$root/.venv/bin}

# Seed folders must be given to dbt relative to the project: dbt writes each seed's
# SQL to target/run/<project>/<seed path>, and an absolute seed path would make that
# the seed file itself.
if [ "$(realpath -m "$reports")" = "$root/reports" ]; then
    raw_seeds=seeds/raw
else
    mkdir -p target
    scratch=$(mktemp -d "$root/target/build-seeds.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    raw_seeds=${scratch#"$root"/}/raw
fi

mkdir -p "$(dirname "$database")"
"$bin/kuntatalous" extract "$reports" --out "$raw_seeds"

export KUNTATALOUS_RAW_SEEDS=$raw_seeds
export KUNTATALOUS_DATABASE=$database
run_results=${DBT_TARGET_PATH:-target}/run_results.json
rm -f "$run_results"
# --full-refresh recreates the seed tables: without it dbt reloads a seed into the
# existing table and a seed that gained a column fails to load.
status=0
"$bin/dbt" build --full-refresh --profiles-dir "$root" --project-dir "$root" || status=$?
# dbt counts failing rows; name them (unit, line item, year, difference) from the stored failures.
if [ -f "$run_results" ]; then
    "$bin/kuntatalous" build-report --run-results "$run_results" --database "$database" || true
fi
if [ "$status" -ne 0 ]; then
    echo "build failed (dbt exit $status): see the failures above; $database holds the failed build" >&2
    exit "$status"
fi
echo "warehouse built: $database"
