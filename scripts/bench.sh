#!/usr/bin/env bash
# Benchmarks need a PostgreSQL server: use TEST_POSTGRES_URL when given, else a throwaway one.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Node.js the dependencies were installed with (native addons are built for one version).
source scripts/use-node-24.sh
if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  port="${BENCH_POSTGRES_PORT:-55433}"
  eval "$(bash scripts/postgres/start-throwaway-cluster.sh "$port")"
  trap 'bash scripts/postgres/stop-throwaway-cluster.sh "$port"' EXIT
fi
npx tsx scripts/bench.ts "$@"
