#!/usr/bin/env bash
# `npm test`: every test. Unit, integration on both database engines (embedded
# PGlite and a throwaway PostgreSQL server), and browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-test-tools.sh
echo "== typecheck"
npx tsc --noEmit
echo "== build web app"
npx vite build --config src/web/vite.config.ts --logLevel warn
echo "== tests"
npx vitest run "$@"
