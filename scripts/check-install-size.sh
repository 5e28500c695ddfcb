#!/usr/bin/env bash
# Checks that a user who installs @stratum/core and @stratum/provider-openai pays for the vendor
# SDK and little more: packs both (as published), installs them with npm into an empty folder,
# and compares node_modules with `npm i openai` alone. Also compares import time (median of
# fresh processes). Fails when the install is more than MAX_EXTRA_KB larger or the import more
# than MAX_EXTRA_IMPORT_MS slower.
#   bash scripts/check-install-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_EXTRA_KB="${MAX_EXTRA_KB:-2048}"
MAX_EXTRA_IMPORT_MS="${MAX_EXTRA_IMPORT_MS:-20}"
RUNS="${RUNS:-15}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pnpm --filter @stratum/core --filter @stratum/provider-openai run build >/dev/null
pnpm --filter @stratum/core pack --pack-destination "$work" >/dev/null
pnpm --filter @stratum/provider-openai pack --pack-destination "$work" >/dev/null
openai_version="$(node -p "require('./packages/provider-openai/package.json').dependencies.openai")"

install() {
  local folder="$1"
  shift
  mkdir -p "$folder"
  (cd "$folder" && npm init -y >/dev/null && npm i --no-audit --no-fund --silent "$@" >/dev/null)
}
install "$work/vendor" "openai@$openai_version"
install "$work/stratum" "$work"/stratum-core-*.tgz "$work"/stratum-provider-openai-*.tgz

vendor_kb="$(du -sk "$work/vendor/node_modules" | cut -f1)"
stratum_kb="$(du -sk "$work/stratum/node_modules" | cut -f1)"

median_import_ms() {
  local folder="$1" code="$2"
  (cd "$folder" && for _ in $(seq "$RUNS"); do
    node --input-type=module -e "const t=performance.now(); $code; console.log(performance.now()-t)"
  done) | sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}
vendor_ms="$(median_import_ms "$work/vendor" "await import('openai')")"
stratum_ms="$(median_import_ms "$work/stratum" "await import('@stratum/core'); await import('@stratum/provider-openai')")"

extra_kb=$((stratum_kb - vendor_kb))
extra_ms="$(node -p "($stratum_ms - $vendor_ms).toFixed(1)")"
echo "install: openai alone ${vendor_kb} KB, @stratum/core + @stratum/provider-openai ${stratum_kb} KB (+${extra_kb} KB, limit +${MAX_EXTRA_KB} KB)"
echo "import (median of ${RUNS}): openai ${vendor_ms} ms, stratum ${stratum_ms} ms (+${extra_ms} ms, limit +${MAX_EXTRA_IMPORT_MS} ms)"
status=0
if [ "$extra_kb" -gt "$MAX_EXTRA_KB" ]; then
  echo "FAIL: the install is ${extra_kb} KB larger than openai alone" >&2
  status=1
fi
if node -e "process.exit(($stratum_ms - $vendor_ms) > $MAX_EXTRA_IMPORT_MS ? 0 : 1)"; then
  echo "FAIL: importing takes ${extra_ms} ms longer than openai alone" >&2
  status=1
fi
exit "$status"
