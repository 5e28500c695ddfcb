#!/usr/bin/env bash
# CI: packs every published package, checks each tarball's contents, installs the tarballs into
# an empty folder with plain npm (no workspace, no pnpm), and runs a chat and a stream there
# against the simulators of the packed @stratum/testing. Run after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d "${TMPDIR:-/tmp}/stratum-packed.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/app"

for dir in packages/*/; do
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
node scripts/packed/verify-tarballs.mjs "$work/tarballs"

cd "$work/app"
printf '{ "name": "packed-smoke", "private": true, "type": "module" }\n' > package.json
# All tarballs in one install: each @stratum dependency is met by its tarball, the rest by npm.
npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz
cp "$root/scripts/packed/smoke.mjs" .
node smoke.mjs
