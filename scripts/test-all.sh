#!/usr/bin/env bash
# `npm test`: the whole suite — unit and integration tests (vitest, on SQLite and on the
# PostgreSQL server at LOUPE_TEST_PG_URL) and the browser tests (Playwright, Debian's chromium).
# Both always run; the script fails if either failed, and repeats both summaries at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export LOUPE_TEST_PG_URL="${LOUPE_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

echo "== vitest: unit and integration tests"
node_modules/.bin/vitest run 2>&1 | tee "$logs/vitest.log"
vitest_rc=${PIPESTATUS[0]}

echo "== playwright: browser tests"
node_modules/.bin/playwright test 2>&1 | tee "$logs/playwright.log"
playwright_rc=${PIPESTATUS[0]}

strip() { sed -e 's/\x1b\[[0-9;]*m//g'; }
echo
echo "== summary"
echo "vitest (exit $vitest_rc):"
strip < "$logs/vitest.log" | grep -E '^\s*(Test Files|Tests)\s' || echo "  (no vitest summary)"
echo "playwright (exit $playwright_rc):"
strip < "$logs/playwright.log" | grep -E '^\s*[0-9]+ (passed|failed|flaky|skipped|did not run)' || echo "  (no playwright summary)"

# One plain closing line for CI's reader: totals over both runners.
count() { grep -oE "[0-9]+ $1" | awk '{n += $1} END {print n + 0}'; }
summaries="$( (strip < "$logs/vitest.log" | grep -E '^\s*Tests\s'; strip < "$logs/playwright.log" | grep -E '^\s*[0-9]+ (passed|failed|flaky|skipped)') || true)"
totals="$(echo "$summaries" | count passed) passed, $(echo "$summaries" | count failed) failed, $(echo "$summaries" | count skipped) skipped"

if [ "$vitest_rc" -ne 0 ] || [ "$playwright_rc" -ne 0 ]; then
  echo "FAILED: vitest exit $vitest_rc, playwright exit $playwright_rc"
  echo "$totals"
  exit 1
fi
echo "$totals"
