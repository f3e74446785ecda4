#!/usr/bin/env bash
# Every test of the product, on both databases: static checks once, then the unit, integration,
# command-line and end-to-end (HTTP and Chromium) tests against the production build, first on
# SQLite files, then on a throwaway PostgreSQL server (installed from apt when missing).
#
#   TEST_DATABASES="sqlite"      only the SQLite pass
#   TEST_DATABASES="postgresql"  only the PostgreSQL pass
set -euo pipefail
cd "$(dirname "$0")/.."
# The Node.js the dependencies were installed with (native addons are built for one version).
source scripts/use-node-24.sh
rm -rf test-results && mkdir -p test-results
databases="${TEST_DATABASES:-sqlite postgresql}"
reports=()

echo "▸ Lint and types"
npm run --silent lint
npm run --silent typecheck

echo "▸ Production build"
bash scripts/ensure-chromium.sh
npx next build

run_pass() {
  local provider="$1" e2e_port="$2"
  echo "▸ Unit and integration tests on $provider"
  TEST_DATABASE="$provider" npx vitest run --reporter=default --reporter=json --outputFile.json="test-results/unit-$provider-report.json"
  echo "▸ End-to-end tests on $provider"
  TEST_DATABASE="$provider" E2E_PORT="$e2e_port" npx playwright test
  reports+=("test-results/unit-$provider-report.json" "test-results/e2e-$e2e_port-report.json")
}

for provider in $databases; do
  case "$provider" in
    sqlite) run_pass sqlite 3100 ;;
    postgresql)
      port="${TEST_POSTGRES_PORT:-55432}"
      if [ -z "${TEST_POSTGRES_URL:-}" ]; then
        eval "$(bash scripts/postgres/start-throwaway-cluster.sh "$port")"
        trap 'bash scripts/postgres/stop-throwaway-cluster.sh "$port"' EXIT
      fi
      run_pass postgresql 3200
      ;;
    *) echo "Unknown database in TEST_DATABASES: $provider" >&2; exit 2 ;;
  esac
done

npx tsx scripts/test-summary.ts "${reports[@]}"
