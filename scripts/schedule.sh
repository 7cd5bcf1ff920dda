#!/usr/bin/env bash
# The nightly build for the current user, from the units in deploy/.
#
#   scripts/schedule.sh install      systemd user timer (when systemd runs for this user;
#                                    otherwise prints the cron line to add instead)
#   scripts/schedule.sh uninstall    stop and remove the timer
#   scripts/schedule.sh cron         print the crontab line for this checkout
#   scripts/schedule.sh render DIR   write the units for this checkout into DIR
#
# The build logs to logs/scheduled-build.log; `make last-run` tells how the last one ended.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
user=${USER:-$(id -un)}
units=${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user
names=(kuntatalous-build.service kuntatalous-build.timer)

render() {
    sed "s|@REPO@|$root|g" "$root/deploy/$1"
}

cron_line() {
    render kuntatalous-build.cron | grep -v '^#'
}

case "${1:-}" in
    install)
        if ! systemctl --user show-environment >/dev/null 2>&1; then
            echo "systemd does not run for $user here; add this line with 'crontab -e' instead:" >&2
            cron_line
            exit 1
        fi
        mkdir -p "$units"
        for name in "${names[@]}"; do
            render "$name" >"$units/$name"
        done
        systemctl --user daemon-reload
        systemctl --user enable --now kuntatalous-build.timer
        systemctl --user list-timers kuntatalous-build.timer --no-pager
        echo "installed: builds log to $root/logs/scheduled-build.log; 'make last-run' shows the last outcome"
        echo "to build while you are logged out as well: loginctl enable-linger $user"
        ;;
    uninstall)
        systemctl --user disable --now kuntatalous-build.timer || true
        for name in "${names[@]}"; do
            rm -f "$units/$name"
        done
        systemctl --user daemon-reload || true
        ;;
    cron)
        cron_line
        ;;
    render)
        mkdir -p "$2"
        for name in "${names[@]}"; do
            render "$name" >"$2/$name"
        done
        ;;
    *)
        echo "usage: $0 install | uninstall | cron | render DIR" >&2
        exit 2
        ;;
esac
