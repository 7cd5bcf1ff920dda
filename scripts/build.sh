#!/usr/bin/env bash
# Build the warehouse and publish it only if every test passes (write, audit, publish):
#
#   1. lock     one build of a warehouse at a time: a second build waits for the first. Two
#               locks: the checkout's (BUILD_LOCK: seeds/raw, target/) and the warehouse's
#               (<name>.lock beside DATABASE), so that builds from two checkouts, or with two
#               BUILD_LOCK settings, of one DATABASE exclude each other too
#   2. extract  the reports into the raw CSVs that dbt's staging models read
#   3. dbt      `dbt build` (reference seeds, models, every test) into
#               <name>.candidate.duckdb, beside the published file (the staging and
#               intermediate models into <name>.candidate.work.duckdb, which the publish
#               removes: KEEP_WORK); readers of the published file are never disturbed. A full build starts from an empty
#               candidate; a partial one (same project, some reports added, changed or
#               removed) from a copy of the published file, and rebuilds only the
#               municipalities whose reports changed (kuntatalous plan-build); with no
#               report added, changed or removed, dbt is not run (an unchanged build)
#   4. publish  only if no error-level test failed: checkpoint the candidate, export its marts
#               and write its report site into a release folder of their own, rename the
#               candidate over the published file in one step and switch the exports link
#               (and with it the site, SITE: default <name>.report beside the database) to its
#               folder; the replaced file is kept as <name>.previous.duckdb (`make rollback`
#               puts it, its exports and its site back). An unchanged build keeps the
#               published file and its previous one, and writes a new release of its exports
#               and site only (kuntatalous export --reports)
#
# A failed build leaves the published file and its exports as they were, and says where the
# failed candidate and its stored test failures are. Each build records in
# <name>.last-run.json that it runs, and at its end how it ended (`make last-run` prints it).
#
#   REPORTS          folder of report files      (default: reports, extracted into seeds/raw)
#   DATABASE         the published DuckDB file   (default: warehouse/kuntatalous.duckdb)
#   EXPORTS          the exports link            (default: <name>.exports beside DATABASE)
#   SITE             the report site's link      (default: <name>.report beside DATABASE)
#   SPREADSHEETS     whose marts to export as CSV, Finnish CSV and xlsx besides Parquet: names,
#                    all, none or auto (default: every municipality if the reports hold one)
#   BUILD_LOCK       lock file shared by every build of this checkout
#                    (default: warehouse/.build.lock)
#   BUILD_LOCK_WAIT  seconds a build waits for another to finish (default: 3600), then exits 75
#   BUILD_LOG        if set, append everything the build prints to this file
#   EXTRACT_CACHE    the extractor's content-hash cache: only new or changed reports are read
#                    again (default: one per folder of reports in target/extract-cache, so that
#                    building other reports prunes nothing of this folder's)
#   VENV_BIN         where kuntatalous and dbt are installed (default: .venv/bin)
#   VERBOSE          1 (or the argument --verbose): dbt's own output, every warning listed;
#                    otherwise one progress line and a summary (warnings counted by reason)
#   KUNTATALOUS_EXTRA_REFERENCE  a folder (anywhere) of curated units to add to seeds/reference
#   FULL_REFRESH     1: rebuild every municipality even if the project and most reports are the
#                    same as the published warehouse's (default: only those whose reports changed)
#   KEEP_WORK        1: keep the build's staging and intermediate tables (the file dbt writes
#                    them to, <name>.candidate.work.duckdb) beside the published file as
#                    <name>.work.duckdb; by default it is removed once the build is published
#                    (a failed build's stays beside its candidate)
#
# Any folder other than reports/ is extracted into a temporary folder under target/
# (ignored by git), so that a build of other reports leaves the repository untouched.
set -euo pipefail

# The one argument: --verbose (VERBOSE=1); --help prints the comment above; any other is refused
# before anything is done (every setting is an environment variable).
case "${1:-}" in
    "" | --verbose) ;;
    -h | --help)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
        exit 0
        ;;
    *)
        echo "error: unknown argument '$1': scripts/build.sh takes --verbose or --help; settings are environment variables (--help lists them)" >&2
        exit 2
        ;;
esac

# KUNTATALOUS_EXTRA_REFERENCE: a folder anywhere with curated seeds of one's own
# (ref_units.csv, ref_unit_aliases.csv) that win over the inferred tree. dbt runs in the
# repository, so a relative path is taken from where the build was started.
if [ -n "${KUNTATALOUS_EXTRA_REFERENCE:-}" ]; then
    KUNTATALOUS_EXTRA_REFERENCE=$(realpath -m -- "$KUNTATALOUS_EXTRA_REFERENCE")
    for seed in ref_units.csv ref_unit_aliases.csv; do
        if [ ! -f "$KUNTATALOUS_EXTRA_REFERENCE/$seed" ]; then
            echo "error: KUNTATALOUS_EXTRA_REFERENCE=$KUNTATALOUS_EXTRA_REFERENCE has no $seed (a header line is enough); nothing changed" >&2
            exit 2
        fi
    done
    export KUNTATALOUS_EXTRA_REFERENCE
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# TARGET=postgres: the same warehouse on a PostgreSQL server instead of a DuckDB file.
if [ "${TARGET:-duckdb}" = postgres ]; then
    exec "$root/scripts/build-postgres.sh" "$@"
fi
reports=${REPORTS:-reports}
database=${DATABASE:-warehouse/kuntatalous.duckdb}
lock=${BUILD_LOCK:-warehouse/.build.lock}
lock_wait=${BUILD_LOCK_WAIT:-3600}
bin=${VENV_BIN:-$root/.venv/bin}
verbose=${VERBOSE:-}
[ "${1:-}" = "--verbose" ] && verbose=1
stem=${database%.duckdb}
candidate=$stem.candidate.duckdb
# The build's own steps (the staging and intermediate models) go to a file beside the candidate
# (profiles.yml attaches <candidate name>.work.duckdb as `work`), not into the published file.
work=$stem.candidate.work.duckdb
kept_work=$stem.work.duckdb

if [ -n "${BUILD_LOG:-}" ]; then
    mkdir -p "$(dirname "$BUILD_LOG")"
    exec >>"$BUILD_LOG" 2>&1
fi
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "build started $started_at: $reports into $database"

take_lock() { # fd path: hold an flock on path, waiting up to lock_wait seconds
    if ! flock --nonblock "$1"; then
        echo "another build is running (it holds $2); waiting up to ${lock_wait}s for it to finish"
        if ! flock --wait "$lock_wait" "$1"; then
            echo "error: gave up after ${lock_wait}s: another build still holds $2; nothing changed" >&2
            exit 75
        fi
    fi
}

# The locks cover everything a build writes: seeds/raw, target/, the candidate, the published
# file and its exports. They are released when this script and its children exit, however
# they exit.
mkdir -p "$(dirname "$lock")" "$(dirname "$database")"
warehouse=(--database "$database")
[ -n "${EXPORTS:-}" ] && warehouse+=(--exports "$EXPORTS")
warehouse+=(--site "${SITE:-$stem.report}")
db_lock=$("$bin/kuntatalous" lock-file "${warehouse[@]}")
exec 9>>"$lock"
take_lock 9 "$lock"
exec 8>>"$db_lock"
take_lock 8 "$db_lock"

stage=extract
message=""
scratch=""
start_pid=""
dbt_pid=""
mode_file=""
run_results=${DBT_TARGET_PATH:-target}/run_results.json

finish() {
    local code=$?
    trap - EXIT
    if [ -n "$dbt_pid" ]; then
        # The build ended before its plan (or while dbt ran): dbt-build stops, or ends its run.
        tell_dbt stop 2>/dev/null || true
        wait "$dbt_pid" 2>/dev/null || true
    fi
    if [ -n "$mode_file" ]; then rm -f "$mode_file" "$mode_file.tmp"; fi
    if [ -n "$start_pid" ]; then
        # The extraction stopped while the candidate was started: let the copy end (a few
        # seconds), so that nothing writes beside the published file once the build has ended,
        # and remove it (named, while copied, as plan-build names it: build_plan.COPYING).
        wait "$start_pid" 2>/dev/null || true
        rm -f "$candidate" "$candidate.copying"
    fi
    [ -n "$scratch" ] && rm -rf "$scratch"
    local status=failed
    if [ "$code" -eq 0 ]; then status=published; fi
    if [ "$code" -ne 0 ] && [ "$stage" = publish ]; then
        # A publish stopped half way: finish it, so that the file and its exports agree.
        "$bin/kuntatalous" recover "${warehouse[@]}" --lock-held >&2 || true
    fi
    local paths=()
    [ -n "${BUILD_LOG:-}" ] && paths+=(--path "log=$BUILD_LOG")
    [ "$code" -ne 0 ] && [ -f "$candidate" ] && paths+=(--path "failed candidate=$candidate")
    message=$("$bin/kuntatalous" record-run "${warehouse[@]}" --status "$status" --stage "$stage" \
        --exit-code "$code" --started-at "$started_at" --finished-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        --message "$message" --run-results "$run_results" "${paths[@]}") ||
        message="stopped at $stage (exit $code); the run could not be recorded beside $database"
    echo "build finished $(date -u +%Y-%m-%dT%H:%M:%SZ): $message"
    exit "$code"
}
trap finish EXIT
# The record says a build runs until it says how it ended: a build killed outright leaves it
# saying so (make last-run: interrupted), never the outcome of an earlier build.
"$bin/kuntatalous" record-run "${warehouse[@]}" --status running --stage extract \
    --started-at "$started_at" --pid "$$" ||
    echo "warning: could not record the run beside $database" >&2
rm -f "$run_results" "$candidate" "$candidate.wal" "$work" "$work.wal"

# The raw CSVs of reports/ are the committed seeds/raw; any other folder's go to a scratch
# folder, deleted when the build ends. The staging models read them (KUNTATALOUS_RAW_SEEDS)
# relative to the directory dbt runs in, the repository root; an absolute path would do too.
# The scratch folder is the same for every build with dbt's target folder (which the lock
# gives to one build at a time): dbt keeps the path in its saved parse, and a new path would
# make it parse the models that read it again (4 s).
if [ "$(realpath -m "$reports")" = "$root/reports" ]; then
    raw_seeds=seeds/raw
else
    scratch=${DBT_TARGET_PATH:-target}/build-seeds
    rm -rf "$scratch"
    mkdir -p "$scratch"
    raw_seeds=${scratch#"$root"/}/raw
fi
# The plan: a full build (the candidate starts empty) when there is no published warehouse or
# the project that built it changed; else a partial one (the candidate starts as a copy of the
# published file, and only the municipalities whose reports changed are rebuilt). Whether it is
# partial does not depend on the reports, so the copy (seconds, for gigabytes) is made while they
# are extracted (plan-build --start); the plan takes it if the published file is unchanged, and
# copies the file itself otherwise.
decides=(--database "$database" --project-dir "$root")
decides+=(--reference "${KUNTATALOUS_REFERENCE_SEEDS:-seeds/reference}")
[ -n "${KUNTATALOUS_EXTRA_REFERENCE:-}" ] && decides+=(--reference "$KUNTATALOUS_EXTRA_REFERENCE")
[ -n "${FULL_REFRESH:-}" ] && decides+=(--full)
plan=(--candidate "$candidate" "${decides[@]}")
"$bin/kuntatalous" plan-build --start "${plan[@]}" &
start_pid=$!

# dbt starts now too (kuntatalous dbt-build): loading it and parsing the project take seconds.
# It waits at a lower priority, taking what the extraction and the copy leave of the machine,
# runs `dbt build` once the plan below writes its mode (full or partial) into the mode file, and
# does nothing if the build ends first (stop).
mode_file=$candidate.mode
tell_dbt() { printf '%s\n' "$1" >"$mode_file.tmp" && mv -f "$mode_file.tmp" "$mode_file"; }
rm -f "$mode_file"
export KUNTATALOUS_RAW_SEEDS=$raw_seeds
# dbt is given the candidate through its folder, opened as fd 7 of the dbt process: the profile's
# path (/dev/fd/7/<name>.candidate.duckdb) is the same for every build of a <name>, wherever its
# folder is, so that dbt's saved parse (target/partial_parse.msgpack) of one warehouse's build is
# reused by the next build of another, instead of parsing the project again. DuckDB opens the real
# file through the link: its WAL and its spill folder (<candidate>.tmp) are beside the candidate.
in_dbt=/dev/fd/7/${candidate##*/}
candidate_folder=$(dirname "$candidate")
dbt_build=("$bin/kuntatalous" dbt-build --mode-file "$mode_file" --build-pid "$$" "${decides[@]}" --)
dbt_build+=(--profiles-dir "$root" --project-dir "$root")
# dbt's log file (logs/dbt.log) records each node's start and end; VERBOSE=1 records every SQL
# statement dbt sends too (its debug level, which costs seconds at tens of thousands of reports).
if [ -n "$verbose" ]; then
    KUNTATALOUS_DATABASE=$in_dbt "${dbt_build[@]}" 7<"$candidate_folder" &
else
    { KUNTATALOUS_DATABASE=$in_dbt "${dbt_build[@]}" --log-format json --log-format-file debug \
        --log-level-file info 7<"$candidate_folder" | "$bin/kuntatalous" progress; } &
fi
dbt_pid=$!

# The extraction cache: EXTRACT_CACHE, else one of target/extract-cache's per folder of reports.
if [ -n "${EXTRACT_CACHE:-}" ]; then extract_cache=(--cache "$EXTRACT_CACHE"); else extract_cache=(--cache-root target/extract-cache); fi
"$bin/kuntatalous" extract "$reports" --out "$raw_seeds" "${extract_cache[@]}"
wait "$start_pid" || true # if it failed, the plan copies the file, and says why if that fails too
start_pid=""

stage=dbt
"$bin/kuntatalous" record-run "${warehouse[@]}" --status running --stage dbt --started-at "$started_at" --pid "$$" || true
plan=$("$bin/kuntatalous" plan-build "${plan[@]}" --raw "$raw_seeds" --spreadsheets "${SPREADSHEETS:-auto}")
echo "$plan"
status=0
tell_dbt "${plan%% *}"
wait "$dbt_pid" || status=$?
dbt_pid=""
rm -f "$mode_file"
# dbt counts failing rows; name them (unit, line item, year, difference) from the stored failures.
report=(--run-results "$run_results" --database "$candidate")
if [ -f "$run_results" ] && [ -f "$candidate" ]; then
    summary=(--summary)
    [ -n "$verbose" ] && summary=()
    "$bin/kuntatalous" build-report "${report[@]}" "${summary[@]}" || true
fi
if [ "$status" -ne 0 ]; then
    failing=$("$bin/kuntatalous" build-report "${report[@]}" --failing 2>/dev/null) || failing=""
    message="build failed (dbt exit $status): ${failing:+failing checks: $failing; }"
    message+="$database is unchanged; the failed build is $candidate"
    message+=" (its failing rows are in schema audit: duckdb -readonly $candidate;"
    message+=" its staging and intermediate tables in $work)"
    echo "$message" >&2
    exit "$status"
fi

stage=publish
"$bin/kuntatalous" record-run "${warehouse[@]}" --status running --stage publish --started-at "$started_at" \
    --pid "$$" || true
contents=(--lock-held --reports "$reports" --spreadsheets "${SPREADSHEETS:-auto}")
if [ "${plan%% *}" = unchanged ]; then
    # Nothing to rebuild: the published file stays (and so does its previous one, for a
    # rollback); its exports and site are written into a new release, each file kept from the
    # current one where the same, so that a new SPREADSHEETS or a new version of the site is had.
    rm -f "$candidate" "$candidate.wal" "$work" "$work.wal"
    "$bin/kuntatalous" export "${warehouse[@]}" "${contents[@]}"
else
    "$bin/kuntatalous" publish "${warehouse[@]}" "${contents[@]}"
    # The work file of the published build: kept as <name>.work.duckdb with KEEP_WORK=1 (a look
    # at its staging and intermediate tables: after a partial build, of the municipalities it
    # rebuilt), else removed, and so is one an earlier build kept (it was another file's).
    rm -f "$kept_work" "$kept_work.wal"
    if [ -n "${KEEP_WORK:-}" ] && [ -f "$work" ]; then
        mv -f "$work" "$kept_work"
    fi
    rm -f "$work" "$work.wal"
fi
stage=done
