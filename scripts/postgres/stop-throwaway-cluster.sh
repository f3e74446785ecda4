#!/usr/bin/env bash
# Stops the server started by start-throwaway-cluster.sh on the same port and removes its files.
set -euo pipefail
PORT="${1:-55432}"
DIR="${POSTGRES_CLUSTER_DIR:-/tmp/automation-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
if [ -f "$DIR/PG_VERSION" ]; then
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true
  else "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true; fi
  rm -rf "$DIR"
fi
