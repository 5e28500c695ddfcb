#!/usr/bin/env bash
# Makes a fresh clone runnable with nothing but Node (any version) and npm:
# installs pnpm and the dependencies, which include the project's own Node 24 (the `node`
# devDependency), and Redis for the tests that need a real server. Quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0

if [ ! -x node_modules/.bin/pnpm ] || [ ! -x node_modules/.bin/node ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  echo "bootstrap: installing dependencies with pnpm $PNPM_VERSION" >&2
  npx --yes "pnpm@$PNPM_VERSION" install --frozen-lockfile >&2
fi

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing redis-server (the Redis tests start a real server)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 \
      || echo "bootstrap: could not install redis-server; install it to run the Redis tests" >&2
  else
    echo "bootstrap: redis-server not found; install it (apt-get install redis-server) to run the Redis tests" >&2
  fi
fi
