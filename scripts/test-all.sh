#!/usr/bin/env bash
# Runs every package's tests through turbo, then the repository scripts' own tests, then prints
# one total over all of them (scripts/summarize-tests.mjs). A package that turbo cancelled or that
# wrote no report counts as failed there, so the closing line covers every package.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# Keep the last run's report beside the new one: if a package writes none this time, the summary
# still knows how many tests it holds and counts them all as failed.
for report in packages/*/.vitest-report.json apps/*/.vitest-report.json examples/*/.vitest-report.json scripts/.vitest-report.json; do
  [ -f "$report" ] && mv "$report" "$(dirname "$report")/.vitest-report.previous.json"
done
status=0
# --continue: one failing package must not cancel the others' tests.
turbo run test --continue --output-logs=new-only "$@" || status=1
(cd scripts && vitest run) || status=1
node scripts/summarize-tests.mjs || status=1
exit $status
