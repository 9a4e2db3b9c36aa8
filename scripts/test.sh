#!/usr/bin/env bash
# The one test command (README, CI): type check, unit + integration tests,
# build the site, then browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export OBSERVABLE_TELEMETRY_DISABLE=1

if [ ! -d node_modules ]; then
  echo "== installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

bash scripts/ensure-chromium.sh

echo "== type check (tsc --noEmit)"
npx tsc --noEmit

echo "== PostgreSQL for the parity tests (scripts/pg.sh: private port and data folder, stopped at exit)"
PG_DIR=$(bash scripts/pg.sh start)
trap 'bash scripts/pg.sh stop "$PG_DIR"' EXIT
export LEADSCORE_TEST_PG="$(cat "$PG_DIR/url")"
export LEADSCORE_PG_REQUIRED=1

echo "== unit and integration tests (vitest, project unit)"
npx vitest run --project unit

echo "== build the static site"
node scripts/build.mjs

echo "== browser tests (Chromium, project browser)"
npx vitest run --project browser
