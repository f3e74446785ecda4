#!/usr/bin/env bash
# Every test of the product: static checks, unit and integration tests on real SQLite files,
# then the end-to-end suite (HTTP and Chromium) against the production build.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results

echo "▸ Lint and types"
npm run --silent lint
npm run --silent typecheck

echo "▸ Unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit-report.json

echo "▸ End-to-end tests"
bash scripts/ensure-chromium.sh
npx next build
npx playwright test

npx tsx scripts/test-summary.ts test-results/unit-report.json test-results/e2e-3100-report.json
