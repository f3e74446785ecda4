#!/usr/bin/env bash
# Starts a disposable PostgreSQL server on 127.0.0.1 for tests and benchmarks, and prints the
# DATABASE_URL of its application role. The role has no BYPASSRLS and does not own the tables'
# policies' exemptions, so row-level security applies to it.
#
#   eval "$(bash scripts/postgres/start-throwaway-cluster.sh [port])"
#
# Installs PostgreSQL from apt when it is missing. The server lives until stop-throwaway-cluster.sh
# or the end of the machine session.
set -euo pipefail

PORT="${1:-55432}"
DIR="${POSTGRES_CLUSTER_DIR:-/tmp/automation-pg-$PORT}"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

if [ -z "$(bin_dir)" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(bin_dir)"

# initdb refuses to run as root: the cluster belongs to the postgres system user.
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$DIR/PG_VERSION" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres: "$DIR"
  as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  # Tuned for a test machine: durability is not needed, connections are (many workers and tests).
  as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start -o \
    "-h 127.0.0.1 -p $PORT -k /tmp -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c timezone=UTC" >&2
fi

PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
"${PSQL[@]}" <<'SQL' >/dev/null
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'automation') THEN
    CREATE ROLE automation LOGIN PASSWORD 'automation' CREATEDB NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
SQL
# The database the printed URL names; tests create their own databases beside it.
if [ -z "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'automation'")" ]; then
  "${PSQL[@]}" -c "CREATE DATABASE automation OWNER automation" >/dev/null
fi

echo "export DATABASE_URL_POSTGRES_ADMIN=postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "export TEST_POSTGRES_URL=postgresql://automation:automation@127.0.0.1:$PORT/automation"
