#!/usr/bin/env bash
# The nightly job: `cle refresh` with its output appended to a dated log file.
#
#   deploy/cle-nightly.sh [PROVIDER...] [--offline]
#
# Logs go to $CLE_STATE_DIR/logs/refresh-YYYY-MM-DD.log (default state/logs/, UTC
# date) and to standard output too, so systemd's journal and CI keep a copy.
# The exit status is cle's: 1 when any provider is unhealthy or another refresh
# holds the lock, so cron mail, systemd OnFailure= or CI can alert.
set -euo pipefail
cd "$(dirname "$0")/.."
# The state folder of catalog/paths.py state_dir() when run from a checkout.
state="${CLE_STATE_DIR:-$PWD/state}"
cle="${CLE_BIN:-$PWD/.venv/bin/cle}"
mkdir -p "$state/logs"
log="$state/logs/refresh-$(date -u +%F).log"
echo "== cle refresh $* started $(date -u +%FT%TZ)" | tee -a "$log"
status=0
"$cle" refresh "$@" 2>&1 | tee -a "$log" || status=$?
echo "== cle refresh finished $(date -u +%FT%TZ) with exit status $status" | tee -a "$log"
exit "$status"
