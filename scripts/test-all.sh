#!/usr/bin/env bash
# Runs every package's tests through turbo, then prints one total over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
find packages apps -maxdepth 2 -name .vitest-report.json -not -path '*/node_modules/*' -delete
turbo run test --output-logs=new-only "$@"
status=$?
node scripts/summarize-tests.mjs || status=1
exit $status
