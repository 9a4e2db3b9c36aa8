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

echo "== unit and integration tests (vitest, project unit)"
npx vitest run --project unit

echo "== build the static site"
node scripts/build.mjs

echo "== browser tests (Chromium, project browser)"
npx vitest run --project browser
