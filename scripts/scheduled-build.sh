#!/usr/bin/env bash
# The scheduled build (deploy/kuntatalous-build.service, the cron line): what `make build` does,
# with the build's own exit status. make reports any failed recipe as 2; this installs what the
# build needs (`make install`), then runs scripts/build.sh in its place, so that a build that
# gave up waiting for another one's lock exits 75 (EX_TEMPFAIL: try again later), a failed
# extraction 2, a failed dbt build dbt's status. Its output is appended to BUILD_LOG
# (default: logs/scheduled-build.log). REPORTS, DATABASE, EXPORTS, ... as for make build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export BUILD_LOG=${BUILD_LOG:-$root/logs/scheduled-build.log}
mkdir -p "$(dirname "$BUILD_LOG")"
make --no-print-directory -C "$root" install >>"$BUILD_LOG" 2>&1
exec "$root/scripts/build.sh"
